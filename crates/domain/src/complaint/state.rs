//! The complaint's state, folded from its events.
//!
//! `apply` trusts the history: it refuses only what it cannot fold (a
//! broken sequence, a correction pointing nowhere). Rules about what may
//! happen live in `decide`, because a stored stream must stay readable
//! even if those rules change.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::{Timestamp, Zoned};

use super::event::{
    Advice, AgreedAction, Classification, ComplainantResponse, CompletedAction, Consultation,
    Contact, Conversion, Escalation, EscalationOutcome, Event, ExactRegistration, MeritDecision,
    Offer, Recorded, Registration, SatisfactionReport, Waiver,
};
use super::link::Link;
use super::values::{Channel, Kind, Party, Satisfaction, Status, WaivableStep};
use super::{Actor, Closing, ReplayError};
use crate::terms::Step;
use crate::{ComplaintId, ReferenceNumber, UserId};

mod read;
mod round;

pub use round::SealedRound;

/// A value together with the event that recorded it. A correction replaces
/// `value` but keeps the original's position and time, since that is when
/// the step was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped<T> {
    pub value: T,
    pub seq: u64,
    pub at: Timestamp,
    pub by: Actor,
}

/// An agreed action and, once done, its completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    pub agreed: Stamped<AgreedAction>,
    pub completed: Option<Stamped<CompletedAction>>,
}

/// An external escalation and, once known, its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationRecord {
    pub escalation: Stamped<Escalation>,
    pub outcome: Option<Stamped<EscalationOutcome>>,
}

/// A question to the director and, once given, her advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationRecord {
    pub question: Stamped<Consultation>,
    pub advice: Option<Stamped<Advice>>,
}

impl ConsultationRecord {
    pub fn number(&self) -> u32 {
        self.question.value.number
    }

    pub fn director(&self) -> UserId {
        self.question.value.director
    }

    /// Asked and not yet answered.
    pub fn is_open(&self) -> bool {
        self.advice.is_none()
    }
}

/// What an event at a given seq set in the state, so that a correction
/// knows what to replace without keeping the whole history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Registration,
    Report,
    Handler,
    Assistant,
    Contact,
    Merit,
    Offer,
    Response,
    ActionAgreed(u32),
    ActionCompleted(u32),
    FormSent,
    Escalation(usize),
    EscalationOutcome(usize),
    Closing,
    Exact,
    Correction,
    Waiver(WaivableStep),
    Conversion,
    Classification,
    SatisfactionReport,
    Consultation(u32),
    Advice(u32),
    Link,
    Unlink,
    ActionOwner(u32),
    Reopening,
    /// An e-mail of the complainant: part of the history only.
    Mail,
    /// Files added by staff: part of the history only.
    Files,
    /// The Exact id of a sealed round's filing that came back after the
    /// reopening.
    SealedExact,
}

impl Target {
    /// Whether the event belongs to a handling round (and is sealed with
    /// it), rather than to the complaint as a whole.
    pub(crate) fn is_round_step(self) -> bool {
        matches!(
            self,
            Target::Contact
                | Target::Merit
                | Target::Offer
                | Target::Response
                | Target::ActionAgreed(_)
                | Target::ActionCompleted(_)
                | Target::ActionOwner(_)
                | Target::FormSent
                | Target::Escalation(_)
                | Target::EscalationOutcome(_)
                | Target::Closing
                | Target::Exact
                | Target::Waiver(_)
                | Target::Reopening
                | Target::SealedExact
        )
    }
}

/// A complaint (or signal) as its events describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    pub(super) id: ComplaintId,
    pub(super) version: u64,
    pub(super) kind: Kind,
    pub(super) registration: Stamped<Registration>,
    /// The first report: when step 1 was done.
    pub(super) report: Option<Stamped<UserId>>,
    pub(super) responsible_manager: Option<UserId>,
    pub(super) handler: Option<UserId>,
    pub(super) assistants: Vec<UserId>,
    pub(super) contact: Option<Stamped<Contact>>,
    pub(super) merit: Option<Stamped<MeritDecision>>,
    pub(super) offer: Option<Stamped<Offer>>,
    pub(super) response: Option<Stamped<ComplainantResponse>>,
    pub(super) actions: Vec<ActionItem>,
    pub(super) form_sent: Option<Stamped<()>>,
    pub(super) escalations: Vec<EscalationRecord>,
    pub(super) waivers: [Option<Stamped<Waiver>>; 3],
    pub(super) closed: Option<Stamped<Closing>>,
    pub(super) exact: Option<Stamped<ExactRegistration>>,
    pub(super) conversion: Option<Stamped<Conversion>>,
    /// The latest classification after intake; it supersedes intake's
    /// category and cause.
    pub(super) classification: Option<Stamped<Classification>>,
    /// The complainant's answer to the satisfaction check (public site).
    pub(super) satisfaction_report: Option<Stamped<SatisfactionReport>>,
    /// Questions to the director, in the order asked.
    pub(super) consultations: Vec<ConsultationRecord>,
    /// Related complaints linked now (issue 16).
    pub(super) related: Vec<Stamped<Link>>,
    /// Earlier handling rounds, sealed by a reopening; the fields above
    /// from `contact` to `exact` are the current round's.
    pub(super) rounds: Vec<SealedRound>,
    /// Indexed by `seq - 1`.
    pub(super) targets: Vec<Target>,
    /// Original seq → seq of its latest correction.
    pub(super) superseded: BTreeMap<u64, u64>,
}

fn stamp<T>(rec: &Recorded, value: T) -> Stamped<T> {
    Stamped {
        value,
        seq: rec.seq,
        at: rec.at,
        by: rec.actor,
    }
}

impl Complaint {
    /// Rebuilds a complaint from its whole stream, which must start with
    /// its registration at seq 1 and continue without gaps.
    pub fn replay(id: ComplaintId, events: &[Recorded]) -> Result<Complaint, ReplayError> {
        let (first, rest) = events.split_first().ok_or(ReplayError::Empty)?;
        if first.seq != 1 {
            return Err(ReplayError::OutOfOrder {
                expected: 1,
                found: first.seq,
            });
        }
        let Event::Registered(registration) = &first.event else {
            return Err(ReplayError::NotRegistered {
                found: first.event.kind(),
            });
        };
        let mut complaint = Complaint {
            id,
            version: 1,
            kind: registration.kind,
            responsible_manager: registration.responsible_manager,
            registration: stamp(first, Registration::clone(registration)),
            report: None,
            handler: None,
            assistants: Vec::new(),
            contact: None,
            merit: None,
            offer: None,
            response: None,
            actions: Vec::new(),
            form_sent: None,
            escalations: Vec::new(),
            waivers: [None, None, None],
            closed: None,
            exact: None,
            conversion: None,
            classification: None,
            satisfaction_report: None,
            consultations: Vec::new(),
            related: Vec::new(),
            rounds: Vec::new(),
            targets: vec![Target::Registration],
            superseded: BTreeMap::new(),
        };
        for rec in rest {
            complaint.apply(rec)?;
        }
        Ok(complaint)
    }

    /// Folds the next event into the state. On error nothing changed.
    pub fn apply(&mut self, rec: &Recorded) -> Result<(), ReplayError> {
        let expected = self.version + 1;
        if rec.seq != expected {
            return Err(ReplayError::OutOfOrder {
                expected,
                found: rec.seq,
            });
        }
        let target = match &rec.event {
            Event::Corrected {
                of, replacement, ..
            } => {
                let target = self.correction_target(rec.seq, *of, replacement)?;
                self.apply_correction(target, replacement);
                self.superseded.insert(*of, rec.seq);
                Target::Correction
            }
            event => self.apply_plain(rec, event)?,
        };
        self.targets.push(target);
        self.version = rec.seq;
        Ok(())
    }

    fn inconsistent(rec: &Recorded, reason: impl Into<String>) -> ReplayError {
        ReplayError::Inconsistent {
            seq: rec.seq,
            kind: rec.event.kind(),
            reason: reason.into(),
        }
    }

    fn apply_plain(&mut self, rec: &Recorded, event: &Event) -> Result<Target, ReplayError> {
        Ok(match event {
            Event::Registered(_) => return Err(ReplayError::Reregistered { seq: rec.seq }),
            Event::ReportedToManager { manager } => {
                self.report.get_or_insert_with(|| stamp(rec, *manager));
                self.responsible_manager = Some(*manager);
                Target::Report
            }
            Event::HandlerAssigned { handler } => {
                self.handler = Some(*handler);
                self.assistants.retain(|a| a != handler);
                Target::Handler
            }
            Event::AssistantAdded { user } => {
                if !self.assistants.contains(user) {
                    self.assistants.push(*user);
                }
                Target::Assistant
            }
            Event::ContactRecorded(c) => {
                self.contact = Some(stamp(rec, c.clone()));
                Target::Contact
            }
            Event::MeritDecided(m) => {
                self.merit = Some(stamp(rec, m.clone()));
                Target::Merit
            }
            Event::OfferMade(o) => {
                self.offer = Some(stamp(rec, o.clone()));
                Target::Offer
            }
            Event::ResponseRecorded(r) => {
                self.response = Some(stamp(rec, r.clone()));
                Target::Response
            }
            Event::ActionAgreed(a) => {
                if self.action(a.number).is_some() {
                    return Err(Self::inconsistent(
                        rec,
                        format!("afspraak {} bestaat al", a.number),
                    ));
                }
                self.actions.push(ActionItem {
                    agreed: stamp(rec, a.clone()),
                    completed: None,
                });
                Target::ActionAgreed(a.number)
            }
            Event::ActionCompleted(a) => {
                let item = self
                    .actions
                    .iter_mut()
                    .find(|i| i.agreed.value.number == a.number)
                    .ok_or_else(|| {
                        Self::inconsistent(rec, format!("geen afspraak {}", a.number))
                    })?;
                item.completed = Some(stamp(rec, a.clone()));
                Target::ActionCompleted(a.number)
            }
            Event::FormSentToQualityManager => {
                self.form_sent.get_or_insert_with(|| stamp(rec, ()));
                Target::FormSent
            }
            Event::Escalated(e) => {
                self.escalations.push(EscalationRecord {
                    escalation: stamp(rec, e.clone()),
                    outcome: None,
                });
                Target::Escalation(self.escalations.len() - 1)
            }
            Event::EscalationOutcome(o) => {
                let index = self
                    .escalations
                    .len()
                    .checked_sub(1)
                    .ok_or_else(|| Self::inconsistent(rec, "geen escalatie"))?;
                self.escalations[index].outcome = Some(stamp(rec, o.clone()));
                Target::EscalationOutcome(index)
            }
            Event::Closed(c) => {
                self.closed = Some(stamp(rec, c.clone()));
                Target::Closing
            }
            Event::RegisteredInExact(e) => {
                let current = self.round();
                let sealed = match e.round {
                    // The delivery named an earlier round: that round's.
                    Some(n) if n < current => {
                        let index = usize::try_from(n.saturating_sub(1)).unwrap_or(usize::MAX);
                        Some(self.rounds.get_mut(index).ok_or_else(|| {
                            Self::inconsistent(rec, format!("geen behandelronde {n}"))
                        })?)
                    }
                    Some(_) => None,
                    // Unnamed (by hand, or recorded before rounds were
                    // named): the previous round's registration came back
                    // after the reopening while the new round is open.
                    None => self
                        .rounds
                        .last_mut()
                        .filter(|last| self.closed.is_none() && last.exact.is_none()),
                };
                match sealed {
                    Some(round) => {
                        round.exact = Some(stamp(rec, e.clone()));
                        Target::SealedExact
                    }
                    None => {
                        self.exact = Some(stamp(rec, e.clone()));
                        Target::Exact
                    }
                }
            }
            Event::StepWaived(w) => {
                self.waivers[w.step.index()] = Some(stamp(rec, w.clone()));
                Target::Waiver(w.step)
            }
            Event::ConvertedToComplaint(c) => {
                self.kind = Kind::Complaint;
                self.conversion = Some(stamp(rec, c.clone()));
                Target::Conversion
            }
            Event::Classified(x) => {
                self.classification = Some(stamp(rec, x.clone()));
                Target::Classification
            }
            Event::SatisfactionReported(r) => {
                self.satisfaction_report = Some(stamp(rec, r.clone()));
                Target::SatisfactionReport
            }
            Event::DirectorConsulted(x) => {
                if self.consultation(x.number).is_some() {
                    return Err(Self::inconsistent(
                        rec,
                        format!("consultation {} exists", x.number),
                    ));
                }
                self.consultations.push(ConsultationRecord {
                    question: stamp(rec, x.clone()),
                    advice: None,
                });
                Target::Consultation(x.number)
            }
            Event::DirectorAdvised(x) => {
                let record = self
                    .consultations
                    .iter_mut()
                    .find(|r| r.number() == x.number)
                    .ok_or_else(|| {
                        Self::inconsistent(rec, format!("no consultation {}", x.number))
                    })?;
                record.advice = Some(stamp(rec, x.clone()));
                Target::Advice(x.number)
            }
            Event::Linked(l) => {
                if !self.related.iter().any(|r| r.value.other == l.other) {
                    self.related.push(stamp(rec, l.clone()));
                }
                Target::Link
            }
            Event::Unlinked(u) => {
                self.related.retain(|r| r.value.other != u.other);
                Target::Unlink
            }
            Event::ActionOwnerChanged(x) => {
                let item = self.action_mut(x.number).ok_or_else(|| {
                    Self::inconsistent(rec, format!("geen afspraak {}", x.number))
                })?;
                item.agreed.value.owner = Some(x.owner);
                Target::ActionOwner(x.number)
            }
            Event::Reopened(x) => {
                self.reopen(rec, x)?;
                Target::Reopening
            }
            Event::ComplainantMailed(_) => Target::Mail,
            Event::FilesAdded(_) => Target::Files,
            Event::Corrected { .. } => Target::Correction,
        })
    }

    /// Where a correction at `seq` of event `of` lands, checked before
    /// anything changes so that `apply` stays all-or-nothing.
    pub(super) fn correction_target(
        &self,
        seq: u64,
        of: u64,
        replacement: &Event,
    ) -> Result<Target, ReplayError> {
        let bad = |reason: String| ReplayError::Inconsistent {
            seq,
            kind: "corrected",
            reason,
        };
        let target = of
            .checked_sub(1)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.targets.get(i).copied())
            .ok_or_else(|| bad(format!("gebeurtenis {of} gaat er niet aan vooraf")))?;
        if target.is_round_step() && self.is_sealed_seq(of) {
            return Err(bad(format!(
                "gebeurtenis {of} hoort bij een verzegelde behandelronde"
            )));
        }
        let fits = match (target, replacement) {
            (Target::Registration, Event::Registered(_))
            | (Target::Contact, Event::ContactRecorded(_))
            | (Target::Merit, Event::MeritDecided(_))
            | (Target::Offer, Event::OfferMade(_))
            | (Target::Response, Event::ResponseRecorded(_))
            | (Target::Escalation(_), Event::Escalated(_))
            | (Target::EscalationOutcome(_), Event::EscalationOutcome(_))
            | (Target::Closing, Event::Closed(_))
            | (Target::Exact, Event::RegisteredInExact(_))
            | (Target::Conversion, Event::ConvertedToComplaint(_)) => true,
            (Target::ActionAgreed(n), Event::ActionAgreed(a)) => a.number == n,
            (Target::ActionCompleted(n), Event::ActionCompleted(a)) => a.number == n,
            (Target::Waiver(step), Event::StepWaived(w)) => w.step == step,
            _ => false,
        };
        if fits {
            Ok(target)
        } else {
            Err(bad(format!(
                "gebeurtenis {of} kan niet vervangen worden door {}",
                replacement.kind()
            )))
        }
    }

    fn apply_correction(&mut self, target: Target, replacement: &Event) {
        fn set<T: Clone>(slot: Option<&mut Stamped<T>>, value: &T) {
            if let Some(s) = slot {
                s.value = value.clone();
            }
        }
        match (target, replacement) {
            (Target::Registration, Event::Registered(r)) => {
                self.registration.value = Registration::clone(r)
            }
            (Target::Contact, Event::ContactRecorded(c)) => set(self.contact.as_mut(), c),
            (Target::Merit, Event::MeritDecided(m)) => set(self.merit.as_mut(), m),
            (Target::Offer, Event::OfferMade(o)) => set(self.offer.as_mut(), o),
            (Target::Response, Event::ResponseRecorded(r)) => set(self.response.as_mut(), r),
            (Target::ActionAgreed(n), Event::ActionAgreed(a)) => {
                set(self.action_mut(n).map(|i| &mut i.agreed), a)
            }
            (Target::ActionCompleted(n), Event::ActionCompleted(a)) => {
                set(self.action_mut(n).and_then(|i| i.completed.as_mut()), a)
            }
            (Target::Escalation(i), Event::Escalated(e)) => {
                set(self.escalations.get_mut(i).map(|r| &mut r.escalation), e)
            }
            (Target::EscalationOutcome(i), Event::EscalationOutcome(o)) => set(
                self.escalations.get_mut(i).and_then(|r| r.outcome.as_mut()),
                o,
            ),
            (Target::Closing, Event::Closed(c)) => set(self.closed.as_mut(), c),
            (Target::Exact, Event::RegisteredInExact(e)) => set(self.exact.as_mut(), e),
            (Target::Waiver(step), Event::StepWaived(w)) => {
                set(self.waivers[step.index()].as_mut(), w)
            }
            (Target::Conversion, Event::ConvertedToComplaint(c)) => {
                set(self.conversion.as_mut(), c)
            }
            // `correction_target` admitted only the pairs above.
            _ => {}
        }
    }

    fn action_mut(&mut self, number: u32) -> Option<&mut ActionItem> {
        self.actions
            .iter_mut()
            .find(|i| i.agreed.value.number == number)
    }

    pub(super) fn target_of(&self, seq: u64) -> Option<Target> {
        let i = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.targets.get(i).copied()
    }
}
