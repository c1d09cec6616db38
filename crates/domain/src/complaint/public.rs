//! The public side of a complaint (DESIGN §8): routing a submission from
//! the website to the manager of the chosen service, the complainant's own
//! answer to the satisfaction check, and the progress the status page shows
//! (which names nobody and says nothing about the content).

use crate::refusal::Code;
use jiff::Timestamp;
use jiff::civil::Date;

use super::event::{Event, Recorded, SatisfactionReport};
use super::values::{Kind, Satisfaction, WaivableStep};
use super::{Complaint, ComplaintError};
use crate::{Role, User};

/// Longest comment the complainant may add to the satisfaction answer.
pub const SATISFACTION_COMMENT_MAX: usize = 2_000;

/// Reports a complaint that came in through the website to the manager of
/// the service the complainant chose (step 1), recorded by the system.
/// Only a submission nobody has routed yet is routed this way; afterwards
/// the quality manager or director re-routes with
/// [`super::Command::RouteToManager`].
pub fn route_public(c: &Complaint, manager: &User) -> Result<Event, ComplaintError> {
    if c.received_by().is_some() {
        return Err(ComplaintError::invalid(Code::RouteOnlyWeb));
    }
    if c.responsible_manager().is_some() {
        return Err(ComplaintError::wrong_state(Code::AlreadyReported));
    }
    if !matches!(
        manager.role,
        Role::Manager | Role::QualityManager | Role::Director
    ) {
        return Err(ComplaintError::invalid(
            Code::NotAManager.text("name", &manager.name),
        ));
    }
    if c.is_involved(manager.id) {
        return Err(ComplaintError::invalid(Code::InvolvedCannotHandle));
    }
    Ok(Event::ReportedToManager {
        manager: manager.id,
    })
}

/// The stages the status page shows, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Received,
    InProgress,
    Contact,
    Offer,
    Done,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Received,
        Phase::InProgress,
        Phase::Contact,
        Phase::Offer,
        Phase::Done,
    ];

    /// The Dutch name on the status page.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Received => "Ontvangen",
            Phase::InProgress => "In behandeling",
            Phase::Contact => "Contact met u opgenomen",
            Phase::Offer => "Besluit en aanbod gedaan",
            Phase::Done => "Afgerond",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhaseState {
    Done,
    /// The first stage still to come while the complaint is open.
    Current,
    Waiting,
    /// Not needed or deliberately skipped (e.g. the complainant could not
    /// be reached).
    Skipped,
}

impl PhaseState {
    pub fn label(self) -> &'static str {
        match self {
            PhaseState::Done => "gedaan",
            PhaseState::Current => "nu aan de beurt",
            PhaseState::Waiting => "nog niet",
            PhaseState::Skipped => "niet van toepassing",
        }
    }
}

/// One stage of the progress, with the day it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicPhase {
    pub phase: Phase,
    pub state: PhaseState,
    pub on: Option<Date>,
}

impl Complaint {
    /// The local day of `at` in the zone the complaint was received in.
    fn local_day(&self, at: Timestamp) -> Date {
        at.to_zoned(self.received_at().time_zone().clone()).date()
    }

    /// The progress as the complainant may see it. `history` is the
    /// complaint's stream (the state keeps no moment of the first handler
    /// assignment).
    pub fn public_phases(&self, history: &[Recorded]) -> Vec<PublicPhase> {
        let received = Some(self.received_on());
        if self.kind() == Kind::Signal {
            // Resolved at intake: received and done on the same day.
            return Phase::ALL
                .into_iter()
                .map(|phase| match phase {
                    Phase::Received | Phase::Done => PublicPhase {
                        phase,
                        state: PhaseState::Done,
                        on: received,
                    },
                    _ => PublicPhase {
                        phase,
                        state: PhaseState::Skipped,
                        on: None,
                    },
                })
                .collect();
        }
        let assigned = history
            .iter()
            .find(|r| matches!(r.event, Event::HandlerAssigned { .. }))
            .map(|r| self.local_day(r.at));
        let closed = self.closed().map(|s| self.local_day(s.at));
        let facts = [
            (Phase::Received, received, false),
            (Phase::InProgress, assigned, false),
            (
                Phase::Contact,
                self.contact().map(|s| s.value.date),
                self.waiver(WaivableStep::Contact).is_some(),
            ),
            (
                Phase::Offer,
                self.offer().map(|s| s.value.made_on),
                self.waiver(WaivableStep::Offer).is_some(),
            ),
            (Phase::Done, closed, false),
        ];
        let mut current_given = false;
        facts
            .into_iter()
            .map(|(phase, on, waived)| {
                let state = if on.is_some() {
                    PhaseState::Done
                } else if waived || closed.is_some() {
                    PhaseState::Skipped
                } else if !current_given {
                    current_given = true;
                    PhaseState::Current
                } else {
                    PhaseState::Waiting
                };
                PublicPhase { phase, state, on }
            })
            .collect()
    }

    /// Whether the complainant may answer the satisfaction check now, and
    /// if not, why.
    pub fn satisfaction_check_open(&self) -> Result<(), ComplaintError> {
        if self.kind() != Kind::Complaint {
            return Err(ComplaintError::wrong_state(Code::NoSatisfactionQuestion));
        }
        if let Some(given) = &self.satisfaction_report {
            return Err(ComplaintError::wrong_state(
                Code::SatisfactionGiven.date("date", self.local_day(given.at)),
            ));
        }
        let offered = self.offer().is_some() || self.waiver(WaivableStep::Offer).is_some();
        if !offered && !self.is_closed() {
            return Err(ComplaintError::wrong_state(Code::SatisfactionNotYet));
        }
        Ok(())
    }

    /// The complainant's answer to the satisfaction check. Answered once:
    /// a second answer is refused (the first stays in the history as it
    /// was given), so a forwarded link cannot overwrite it.
    pub fn report_satisfaction(
        &self,
        satisfaction: Satisfaction,
        comment: Option<String>,
    ) -> Result<Vec<Event>, ComplaintError> {
        self.satisfaction_check_open()?;
        let comment = match comment.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => {
                if text.chars().count() > SATISFACTION_COMMENT_MAX {
                    return Err(ComplaintError::invalid(
                        Code::SatisfactionCommentTooLong.text("max", SATISFACTION_COMMENT_MAX),
                    ));
                }
                if text
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                {
                    return Err(ComplaintError::invalid(Code::SatisfactionCommentCharacters));
                }
                Some(text.to_owned())
            }
        };
        Ok(vec![Event::SatisfactionReported(SatisfactionReport {
            satisfaction,
            comment,
        })])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::tests::{
        Run, contact, merit, new_complaint, offer, org, received, reference, waive,
    };
    use crate::complaint::{Actor, Channel, Command, ComplainantResponse, Kind, register_public};
    use jiff::SignedDuration;

    fn public_run() -> Run {
        let o = org();
        let mut new = new_complaint(Kind::Complaint, &o.involved);
        new.channel = Channel::Web;
        new.involved_employees.clear();
        let at = received().timestamp();
        let events = register_public(new, reference(), at).expect("registers");
        Run::from_events(events, Actor::Complainant, at)
    }

    fn apply_system(run: &mut Run, event: Event) {
        let recorded = Recorded::stamp(run.c.version(), Actor::System, run.now, vec![event]);
        for r in &recorded {
            run.c.apply(r).expect("applies");
        }
        run.log.extend(recorded);
    }

    fn satisfied(score: u8, comment: Option<&str>) -> (Satisfaction, Option<String>) {
        (
            Satisfaction::new(score).expect("valid"),
            comment.map(str::to_owned),
        )
    }

    #[test]
    fn a_web_submission_is_routed_to_a_manager_once() {
        let o = org();
        let mut run = public_run();
        assert_eq!(run.c.responsible_manager(), None);
        assert!(route_public(&run.c, &o.employee).is_err(), "not a manager");
        let event = route_public(&run.c, &o.manager).expect("routes");
        apply_system(&mut run, event);
        assert_eq!(run.c.responsible_manager(), Some(o.manager.id));
        assert_eq!(run.c.report().map(|s| s.by), Some(Actor::System));
        assert!(matches!(
            route_public(&run.c, &o.other_manager),
            Err(ComplaintError::WrongState(_))
        ));
        // The manager it reached handles it as any other.
        run.ok(
            &o.manager,
            Command::AssignHandler {
                handler: o.colleague.clone(),
            },
        );
    }

    #[test]
    fn staff_intake_is_not_routed_as_a_web_submission() {
        let o = org();
        let run = Run::registered(&o, Kind::Complaint);
        assert!(matches!(
            route_public(&run.c, &o.other_manager),
            Err(ComplaintError::Invalid { .. })
        ));
    }

    #[test]
    fn progress_follows_the_steps_and_names_nobody() {
        let o = org();
        let mut run = Run::registered(&o, Kind::Complaint);
        let states = |run: &Run| -> Vec<PhaseState> {
            run.c
                .public_phases(&run.log)
                .iter()
                .map(|p| p.state)
                .collect()
        };
        use PhaseState::*;
        assert_eq!(states(&run), [Done, Current, Waiting, Waiting, Waiting]);
        run.ok(
            &o.manager,
            Command::AssignHandler {
                handler: o.colleague.clone(),
            },
        );
        assert_eq!(states(&run), [Done, Done, Current, Waiting, Waiting]);
        run.ok(&o.colleague, contact());
        run.ok(&o.colleague, merit());
        run.ok(&o.colleague, offer());
        let phases = run.c.public_phases(&run.log);
        assert_eq!(states(&run), [Done, Done, Done, Done, Current]);
        assert_eq!(
            phases[2].on,
            Some(crate::complaint::tests::date(2026, 4, 27))
        );
        assert_eq!(
            phases[3].on,
            Some(crate::complaint::tests::date(2026, 4, 28))
        );
    }

    #[test]
    fn a_skipped_step_shows_as_such() {
        let o = org();
        let mut run = Run::registered(&o, Kind::Complaint);
        run.ok(
            &o.manager,
            Command::AssignHandler {
                handler: o.colleague.clone(),
            },
        );
        run.ok(
            &o.colleague,
            waive(WaivableStep::Contact, "Drie keer gebeld, geen gehoor."),
        );
        let states: Vec<_> = run
            .c
            .public_phases(&run.log)
            .iter()
            .map(|p| p.state)
            .collect();
        assert_eq!(states[2], PhaseState::Skipped);
        assert_eq!(states[3], PhaseState::Current);
    }

    #[test]
    fn satisfaction_is_answered_once_after_the_offer() {
        let o = org();
        let mut run = Run::registered(&o, Kind::Complaint);
        let (score, comment) = satisfied(4, Some("  Netjes opgelost.  "));
        assert!(matches!(
            run.c.report_satisfaction(score, comment.clone()),
            Err(ComplaintError::WrongState(_))
        ));
        run.ok(
            &o.manager,
            Command::AssignHandler {
                handler: o.colleague.clone(),
            },
        );
        run.ok(&o.colleague, merit());
        run.ok(&o.colleague, offer());
        // What the handler heard on the phone counts until the complainant
        // answers themselves (issue 12).
        run.ok(
            &o.colleague,
            Command::RecordResponse(ComplainantResponse {
                accepted: Some(true),
                satisfaction: Some(Satisfaction::new(2).expect("valid")),
                comment: None,
            }),
        );
        assert_eq!(run.c.satisfaction(), Satisfaction::new(2).ok());
        let events = run
            .c
            .report_satisfaction(score, comment)
            .expect("accepted after the offer");
        assert_eq!(
            events,
            [Event::SatisfactionReported(SatisfactionReport {
                satisfaction: score,
                comment: Some("Netjes opgelost.".into()),
            })]
        );
        assert!(events[0].describe().contains("4/5"));
        run.now += SignedDuration::from_hours(1);
        let recorded = Recorded::stamp(run.c.version(), Actor::Complainant, run.now, events);
        for r in &recorded {
            run.c.apply(r).expect("applies");
        }
        run.log.extend(recorded);
        assert_eq!(
            run.c.satisfaction_report().map(|s| s.value.satisfaction),
            Some(score)
        );
        assert_eq!(run.c.satisfaction(), Some(score), "their own answer wins");
        assert_eq!(
            run.c.response().and_then(|r| r.value.satisfaction),
            Satisfaction::new(2).ok(),
            "the handler's record stays as it was"
        );
        assert_eq!(Complaint::replay(run.c.id(), &run.log).as_ref(), Ok(&run.c));
        let again = run
            .c
            .report_satisfaction(Satisfaction::new(1).expect("valid"), None)
            .expect_err("answered twice");
        assert_eq!(again.code(), Code::SatisfactionGiven, "{again}");
        // Nobody corrects the complainant's own words.
        let seq = run.seq_of("satisfaction_reported");
        let err = run.refused(
            &o.quality,
            Command::Correct {
                of: seq,
                replacement: Event::SatisfactionReported(SatisfactionReport {
                    satisfaction: Satisfaction::new(5).expect("valid"),
                    comment: None,
                }),
                reason: "Klager belde: toch tevreden.".into(),
            },
        );
        assert!(matches!(err, ComplaintError::WrongState(_)), "{err}");
    }

    #[test]
    fn satisfaction_comments_are_bounded() {
        let o = org();
        let mut run = Run::registered(&o, Kind::Complaint);
        run.ok(
            &o.manager,
            Command::AssignHandler {
                handler: o.colleague.clone(),
            },
        );
        run.ok(&o.colleague, merit());
        run.ok(&o.colleague, offer());
        let (score, _) = satisfied(2, None);
        let long = "x".repeat(SATISFACTION_COMMENT_MAX + 1);
        assert!(matches!(
            run.c.report_satisfaction(score, Some(long)),
            Err(ComplaintError::Invalid { .. })
        ));
        assert_eq!(
            run.c.report_satisfaction(score, Some("   ".into())),
            Ok(vec![Event::SatisfactionReported(SatisfactionReport {
                satisfaction: score,
                comment: None
            })])
        );
    }

    #[test]
    fn the_event_round_trips_as_json() {
        let event = Event::SatisfactionReported(SatisfactionReport {
            satisfaction: Satisfaction::new(3).expect("valid"),
            comment: Some("Redelijk.".into()),
        });
        let json = serde_json::to_value(&event).expect("json");
        assert_eq!(json["type"], "satisfaction_reported");
        assert_eq!(json["satisfaction"], 3);
        assert_eq!(serde_json::from_value::<Event>(json).expect("back"), event);
        assert_eq!(event.kind(), "satisfaction_reported");
    }
}
