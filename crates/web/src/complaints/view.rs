//! What the detail page shows of a complaint: the fields of the complaint
//! form (DESIGN §5) with who recorded each, its terms and its timeline.
//! Parties, the complainant's response and the terms are the form's own
//! lines (`klacht_app::documents`), so page, printable form and PDF word
//! them alike.

use jiff::civil::Date;
use klacht_app::complaints::term_lines;
use klacht_app::documents::form::{
    ConsultationData, PartyData, ResponseData, SatisfactionCheckData, TermData, WaiverData,
};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Actor, Complaint, EscalationParty, Event, Kind, Recorded};
use klacht_i18n::Tr;

use super::{Directory, badge_class, local_time};

pub(super) struct Stamp {
    pub by: String,
    pub at: String,
}

pub(super) struct ContactView {
    pub date: String,
    pub mode: String,
    pub summary: String,
    pub stamp: Stamp,
}

pub(super) struct MeritView {
    pub merit: String,
    pub reasoning: String,
    pub stamp: Stamp,
}

pub(super) struct OfferView {
    pub kind: String,
    pub description: String,
    pub value: String,
    pub director_consulted: bool,
    pub made_on: String,
    /// What the letter and the mail say to the complainant.
    pub letter_text: String,
    /// "Geen aanbod": the letter confirms a decision, not an offer.
    pub no_offer: bool,
    pub stamp: Stamp,
}

/// A line of the record with who recorded it and when; reads as the line
/// itself in the templates.
pub(super) struct WithStamp<T> {
    pub line: T,
    pub stamp: Stamp,
}

impl<T> std::ops::Deref for WithStamp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.line
    }
}

pub(super) struct ActionView {
    pub description: String,
    pub due: String,
    pub owner: String,
    pub stamp: Stamp,
    /// "afgerond op …", empty while open.
    pub completed: String,
    pub note: String,
}

pub(super) struct EscalationView {
    pub party: String,
    pub on: String,
    pub note: String,
    pub outcome: String,
    pub outcome_on: String,
    pub resolved: String,
}

impl EscalationView {
    /// The full stop after the note, unless the note ends a sentence
    /// itself ("oordeel.. Uitkomst", issue 12).
    pub fn stop(&self) -> &'static str {
        match self.note.trim_end().chars().last() {
            Some('.' | '!' | '?' | '…') => "",
            _ => ".",
        }
    }
}

/// A term as the form shows it, with the colour of its badge.
pub(super) struct TermView {
    pub line: TermData,
    pub class: &'static str,
    /// Where the regulation describes the step (`/reglement#stap-2`).
    pub regulation: String,
}

impl std::ops::Deref for TermView {
    type Target = TermData;
    fn deref(&self) -> &TermData {
        &self.line
    }
}

/// A sealed handling round of a reopened complaint (issue 16): its terms
/// and outcome as they were, and the reopening that ended it.
pub(super) struct RoundView {
    pub number: u32,
    pub terms: Vec<TermView>,
    /// "gegrond; aanbod: extra dienst", or what is known of it.
    pub outcome: String,
    pub closed: Stamp,
    pub exact_id: String,
    pub reopened_kind: String,
    pub reopened_reason: String,
    pub reopened: Stamp,
}

pub(super) struct TimelineEntry {
    pub seq: u64,
    pub at: String,
    pub who: String,
    pub text: String,
    /// The seq of the correction that replaced this entry.
    pub corrected_by: Option<u64>,
    pub is_correction: bool,
}

pub(super) struct ComplaintView {
    pub id: String,
    pub reference: String,
    pub is_signal: bool,
    pub kind: String,
    pub status: String,
    pub version: u64,
    pub received_at: String,
    pub received_by: String,
    pub channel: String,
    pub complainant: PartyData,
    pub representative: Option<PartyData>,
    pub service: String,
    pub involved: Vec<String>,
    pub description: String,
    pub category: String,
    pub cause: String,
    pub manager: String,
    pub handler: String,
    pub assistants: Vec<String>,
    pub contact: Option<ContactView>,
    pub merit: Option<MeritView>,
    pub offer: Option<OfferView>,
    pub response: Option<WithStamp<ResponseData>>,
    /// Questions to the director and her advice, as the form shows them.
    pub consultations: Vec<ConsultationData>,
    /// The complainant's own answer to the satisfaction check.
    pub satisfaction_check: Option<SatisfactionCheckData>,
    pub actions: Vec<ActionView>,
    pub form_sent: Option<Stamp>,
    pub escalations: Vec<EscalationView>,
    pub waivers: Vec<WaiverData>,
    pub closed: Option<Stamp>,
    pub closing_note: String,
    pub exact_id: String,
    pub conversion: String,
    pub terms: Vec<TermView>,
    /// The current handling round, 1 unless reopened.
    pub round: u32,
    /// The sealed rounds before the current one, oldest first.
    pub rounds: Vec<RoundView>,
    pub timeline: Vec<TimelineEntry>,
}

fn term_view(t: &klacht_app::complaints::TermLine, tr: Tr) -> TermView {
    let status = tr.label(t.status);
    TermView {
        line: TermData {
            step: tr.label(t.step),
            due: tr.date(t.due),
            done_on: t.done_on.map(|d| tr.date(d)).unwrap_or_default(),
            status: if t.waived {
                tr.t1("complaint-term-waived", "status", status)
            } else {
                status
            },
        },
        class: badge_class(t.status),
        regulation: format!(
            "/reglement#{}",
            crate::public::regulation::step_anchor(t.step)
        ),
    }
}

fn actor_name(dir: &Directory, actor: Actor, t: Tr) -> String {
    match actor {
        Actor::User(id) => dir.name(id),
        Actor::Complainant => t.t("complaint-actor-complainant"),
        Actor::System => t.t("complaint-actor-system"),
    }
}

fn yes_no(b: bool, t: Tr) -> String {
    t.t(if b { "complaint-yes" } else { "complaint-no" })
}

impl ComplaintView {
    pub(super) fn build(
        c: &Complaint,
        history: &[Recorded],
        dir: &Directory,
        calendar: &WorkingCalendar,
        today: Date,
        t: Tr,
    ) -> Self {
        let tz = calendar.time_zone();
        let stamp = |by: Actor, at: jiff::Timestamp| Stamp {
            by: actor_name(dir, by, t),
            at: local_time(at, tz),
        };
        let opt = |s: Option<&str>| s.unwrap_or_default().to_owned();
        Self {
            id: c.id().to_string(),
            reference: c.reference().to_string(),
            is_signal: c.kind() == Kind::Signal,
            kind: t.label(c.kind()),
            status: t.label(c.status()),
            version: c.version(),
            received_at: c.received_at().strftime("%d-%m-%Y %H:%M").to_string(),
            received_by: c
                .received_by()
                .map(|id| dir.name(id))
                .unwrap_or_else(|| t.t("complaint-via-website")),
            channel: t.label(c.channel()),
            complainant: PartyData::of(c.complainant()),
            representative: c.representative().map(PartyData::of),
            service: opt(c.service()),
            involved: c
                .involved_employees()
                .iter()
                .map(|id| dir.name(*id))
                .collect(),
            description: c.description().into(),
            category: opt(c.category()),
            cause: opt(c.cause()),
            manager: dir.opt_name(c.responsible_manager()),
            handler: dir.opt_name(c.handler()),
            assistants: c.assistants().iter().map(|id| dir.name(*id)).collect(),
            contact: c.contact().map(|s| ContactView {
                date: t.date(s.value.date),
                mode: t.label(s.value.mode),
                summary: s.value.summary.clone(),
                stamp: stamp(s.by, s.at),
            }),
            merit: c.merit().map(|s| MeritView {
                merit: t.label(s.value.merit),
                reasoning: s.value.reasoning.clone(),
                stamp: stamp(s.by, s.at),
            }),
            offer: c.offer().map(|s| OfferView {
                kind: t.label(s.value.kind),
                description: s.value.description.clone(),
                value: s.value.value_cents.map(|v| t.euro(v)).unwrap_or_default(),
                director_consulted: s.value.director_consulted,
                made_on: t.date(s.value.made_on),
                letter_text: klacht_app::documents::letter_paragraphs(c, &s.value).join("\n\n"),
                no_offer: s.value.kind == klacht_domain::complaint::OfferKind::None,
                stamp: stamp(s.by, s.at),
            }),
            consultations: c
                .consultations()
                .iter()
                .map(|r| {
                    ConsultationData::of(r, dir.name(r.director()), |by, at| {
                        format!("{}, {}", actor_name(dir, by, t), local_time(at, tz))
                    })
                })
                .collect(),
            response: c.response().map(|s| WithStamp {
                line: ResponseData {
                    accepted: t.t(match s.value.accepted {
                        Some(true) => "complaint-round-accepted",
                        Some(false) => "complaint-round-rejected",
                        None => "complaint-not-known",
                    }),
                    ..ResponseData::of(&s.value)
                },
                stamp: stamp(s.by, s.at),
            }),
            satisfaction_check: SatisfactionCheckData::of(c, calendar),
            actions: c
                .actions()
                .iter()
                .map(|item| {
                    let a = &item.agreed.value;
                    ActionView {
                        description: a.description.clone(),
                        due: a.due.map(|d| t.date(d)).unwrap_or_default(),
                        owner: dir.opt_name(a.owner),
                        stamp: stamp(item.agreed.by, item.agreed.at),
                        completed: item
                            .completed
                            .as_ref()
                            .map(|s| local_time(s.at, tz))
                            .unwrap_or_default(),
                        note: item
                            .completed
                            .as_ref()
                            .and_then(|s| s.value.note.clone())
                            .unwrap_or_default(),
                    }
                })
                .collect(),
            form_sent: c.form_sent().map(|s| stamp(s.by, s.at)),
            escalations: c
                .escalations()
                .iter()
                .map(|e| {
                    let outcome = e.outcome.as_ref().map(|o| &o.value);
                    EscalationView {
                        party: party_name(&e.escalation.value.party, t),
                        on: t.date(e.escalation.value.on),
                        note: e.escalation.value.note.clone().unwrap_or_default(),
                        outcome: outcome.map(|o| o.outcome.clone()).unwrap_or_default(),
                        outcome_on: outcome.map(|o| t.date(o.on)).unwrap_or_default(),
                        resolved: outcome.map(|o| yes_no(o.resolved, t)).unwrap_or_default(),
                    }
                })
                .collect(),
            waivers: c
                .waivers()
                .map(|w| {
                    let s = stamp(w.by, w.at);
                    WaiverData {
                        step: t.label(w.value.step),
                        ..WaiverData::of(&w.value, format!("{}, {}", s.by, s.at))
                    }
                })
                .collect(),
            closed: c.closed().map(|s| stamp(s.by, s.at)),
            closing_note: c
                .closed()
                .and_then(|s| s.value.note.clone())
                .unwrap_or_default(),
            exact_id: c
                .exact_registration()
                .map(|s| s.value.exact_id.clone())
                .unwrap_or_default(),
            conversion: c
                .conversion()
                .map(|s| s.value.reason.clone())
                .unwrap_or_default(),
            terms: term_lines(c, calendar, today)
                .iter()
                .map(|l| term_view(l, t))
                .collect(),
            round: c.round(),
            rounds: c
                .sealed_rounds()
                .iter()
                .map(|r| {
                    let mut outcome = Vec::new();
                    if let Some(m) = r.merit() {
                        outcome.push(t.label(m.value.merit));
                    }
                    if let Some(o) = r.offer() {
                        outcome.push(t.t1("complaint-round-offer", "kind", t.label(o.value.kind)));
                    }
                    if let Some(a) = r.response().and_then(|x| x.value.accepted) {
                        outcome.push(t.t(if a {
                            "complaint-round-accepted"
                        } else {
                            "complaint-round-rejected"
                        }));
                    }
                    RoundView {
                        number: r.number(),
                        terms: klacht_app::reopening::round_term_lines(c, r, calendar, today)
                            .iter()
                            .map(|l| term_view(l, t))
                            .collect(),
                        outcome: if outcome.is_empty() {
                            t.t("complaint-round-no-merit")
                        } else {
                            outcome.join("; ")
                        },
                        closed: stamp(r.closed().by, r.closed().at),
                        exact_id: r
                            .exact_registration()
                            .map(|e| e.value.exact_id.clone())
                            .unwrap_or_default(),
                        reopened_kind: t.label(r.reopened().value.kind),
                        reopened_reason: r.reopened().value.reason.clone(),
                        reopened: stamp(r.reopened().by, r.reopened().at),
                    }
                })
                .collect(),
            timeline: history
                .iter()
                .map(|r| TimelineEntry {
                    seq: r.seq,
                    at: local_time(r.at, tz),
                    who: actor_name(dir, r.actor, t),
                    text: describe(&r.event, dir, t),
                    corrected_by: c.superseded_by(r.seq),
                    is_correction: matches!(r.event, Event::Corrected { .. }),
                })
                .collect(),
        }
    }
}

/// What the user's language calls an external party; a party named by
/// the user keeps its name.
pub(super) fn party_name(party: &EscalationParty, t: Tr) -> String {
    match party {
        EscalationParty::Mediator => t.t("complaint-party-mediator"),
        EscalationParty::ComplaintsCommittee => t.t("complaint-party-committee"),
        EscalationParty::DisputesBody => t.t("complaint-party-disputes"),
        EscalationParty::Other(name) => name.clone(),
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The line of an event in the user's language, with the person named
/// where the event names one. The Dutch lines are the domain's own
/// (`Event::describe`), word for word.
fn describe(event: &Event, dir: &Directory, t: Tr) -> String {
    match event {
        Event::Registered(r) => t.t2(
            match r.kind {
                Kind::Signal => "complaint-event-registered-signal",
                Kind::Complaint => "complaint-event-registered",
            },
            "reference",
            r.reference.to_string(),
            "channel",
            t.label(r.channel),
        ),
        Event::ReportedToManager { manager } => {
            t.t1("complaint-event-reported", "manager", dir.name(*manager))
        }
        Event::HandlerAssigned { handler } => {
            t.t1("complaint-event-handler", "handler", dir.name(*handler))
        }
        Event::AssistantAdded { user } => {
            t.t1("complaint-event-assistant", "assistant", dir.name(*user))
        }
        Event::ContactRecorded(c) => t.t2(
            "complaint-event-contact",
            "mode",
            t.label(c.mode),
            "date",
            t.date(c.date),
        ),
        Event::MeritDecided(m) => t.t1("complaint-event-merit", "merit", t.label(m.merit)),
        Event::OfferMade(o) => {
            let mut line = t.t2(
                "complaint-event-offer",
                "date",
                t.date(o.made_on),
                "kind",
                t.label(o.kind),
            );
            if let Some(cents) = o.value_cents {
                line.push_str(&format!(" ({})", t.euro(cents)));
            }
            if o.director_consulted {
                line.push_str(", ");
                line.push_str(&t.t("complaint-event-offer-director"));
            }
            line
        }
        Event::ResponseRecorded(r) => {
            let mut parts = Vec::new();
            match r.accepted {
                Some(true) => parts.push(t.t("complaint-event-offer-accepted")),
                Some(false) => parts.push(t.t("complaint-event-offer-rejected")),
                None => {}
            }
            if let Some(s) = r.satisfaction {
                parts.push(t.t1("complaint-event-satisfaction", "score", s.to_string()));
            }
            if parts.is_empty() {
                t.t("complaint-event-response")
            } else {
                t.t1("complaint-event-response-parts", "parts", parts.join(", "))
            }
        }
        Event::ActionAgreed(a) => match a.due {
            Some(due) => t.t2(
                "complaint-event-action-agreed-due",
                "number",
                a.number,
                "due",
                t.date(due),
            ),
            None => t.t1("complaint-event-action-agreed", "number", a.number),
        },
        Event::ActionCompleted(a) => t.t1("complaint-event-action-completed", "number", a.number),
        Event::FormSentToQualityManager => t.t("complaint-event-form-sent"),
        Event::Escalated(e) => t.t2(
            "complaint-event-escalated",
            "party",
            party_name(&e.party, t),
            "date",
            t.date(e.on),
        ),
        Event::EscalationOutcome(o) => t.t2(
            "complaint-event-outcome",
            "date",
            t.date(o.on),
            "resolved",
            t.t(if o.resolved {
                "complaint-event-resolved"
            } else {
                "complaint-event-not-resolved"
            }),
        ),
        Event::Closed(_) => t.t("complaint-event-closed"),
        Event::RegisteredInExact(e) => t.t1("complaint-event-exact", "id", e.exact_id.as_str()),
        Event::Corrected {
            of,
            replacement,
            reason,
        } => t.t3(
            "complaint-event-corrected",
            "number",
            *of,
            "what",
            lowercase_first(&describe(replacement, dir, t)),
            "reason",
            reason.as_str(),
        ),
        Event::StepWaived(w) => t.t2(
            "complaint-event-waived",
            "step",
            t.label(w.step),
            "reason",
            w.reason.as_str(),
        ),
        Event::ConvertedToComplaint(c) => {
            t.t1("complaint-event-converted", "reason", c.reason.as_str())
        }
        Event::Classified(c) => {
            let given = |v: &Option<String>| {
                v.clone()
                    .unwrap_or_else(|| t.t("complaint-event-not-given"))
            };
            t.t2(
                "complaint-event-classified",
                "category",
                given(&c.category),
                "cause",
                given(&c.cause),
            )
        }
        Event::SatisfactionReported(r) => t.t1(
            if r.comment.is_some() {
                "complaint-event-satisfaction-reported-comment"
            } else {
                "complaint-event-satisfaction-reported"
            },
            "score",
            r.satisfaction.to_string(),
        ),
        Event::DirectorConsulted(x) => t.t3(
            "complaint-event-consulted",
            "director",
            dir.name(x.director),
            "number",
            x.number,
            "question",
            x.question.as_str(),
        ),
        Event::DirectorAdvised(x) => t.t2(
            "complaint-event-advised",
            "number",
            x.number,
            "advice",
            x.advice.as_str(),
        ),
        // The other's reference is left out: not everyone who reads this
        // history may see that complaint (`links::name_visible_links`
        // names it for those who may).
        Event::Linked(l) => match &l.note {
            Some(note) => t.t2(
                "complaint-event-linked-note",
                "reason",
                t.label(l.reason),
                "note",
                note.as_str(),
            ),
            None => t.t1("complaint-event-linked", "reason", t.label(l.reason)),
        },
        Event::Unlinked(_) => t.t("complaint-event-unlinked"),
        Event::ActionOwnerChanged(x) => t.t2(
            "complaint-event-action-owner",
            "number",
            x.number,
            "owner",
            dir.name(x.owner),
        ),
        Event::Reopened(x) => t.t2(
            "complaint-event-reopened",
            "kind",
            t.label(x.kind),
            "reason",
            x.reason.as_str(),
        ),
        Event::ComplainantMailed(m) => {
            if m.attachments.is_empty() {
                t.t3(
                    "complaint-event-mailed",
                    "from",
                    m.from.as_str(),
                    "subject",
                    m.subject.as_str(),
                    "text",
                    m.text.as_str(),
                )
            } else {
                t.with_args(
                    "complaint-event-mailed-files",
                    &[
                        ("from", m.from.clone()),
                        ("subject", m.subject.clone()),
                        ("files", m.attachments.join(", ")),
                        ("text", m.text.clone()),
                    ],
                )
            }
        }
        Event::FilesAdded(f) => {
            let names: Vec<&str> = f.files.iter().map(|x| x.name.as_str()).collect();
            match names.as_slice() {
                [one] => t.t1("complaint-event-file-added", "name", *one),
                _ => t.t1("complaint-event-files-added", "names", names.join(", ")),
            }
        }
    }
}
