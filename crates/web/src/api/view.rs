//! What the API answers: the complaint form (DESIGN §5) with its terms and
//! events, list rows and the intake receipt. Built from domain types and
//! read-model rows; people are resolved in one query per answer.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_app::complaints::TermLine;
use klacht_domain::complaint::{
    Actor, Closing, Complaint, CompletedAction, Contact, Conversion, EscalationOutcome,
    EscalationParty, ExactRegistration, MeritDecision, Offer, Party, Recorded, Satisfaction,
    SatisfactionReport, Stamped, Waiver,
};
use klacht_domain::permissions::Action;
use klacht_domain::terms::{TermStatus, Terms};
use klacht_domain::{User, UserId};
use klacht_store::{ComplaintRow, Store, StoreError};
use serde::Serialize;

/// The staff members an answer mentions.
#[derive(Default)]
pub struct People(HashMap<UserId, User>);

impl People {
    pub async fn load<S: Store>(
        store: &S,
        ids: impl IntoIterator<Item = UserId>,
    ) -> Result<Self, StoreError> {
        let ids: Vec<UserId> = ids.into_iter().collect();
        if ids.is_empty() {
            return Ok(Self::default());
        }
        let users = store.users_by_ids(&ids).await?;
        Ok(Self(
            users.into_iter().map(|r| (r.user.id, r.user)).collect(),
        ))
    }

    pub fn person(&self, id: UserId) -> Person {
        let user = self.0.get(&id);
        Person {
            id,
            email: user.map(|u| u.email.to_string()),
            name: user.map(|u| u.name.clone()),
        }
    }

    fn actor(&self, actor: Actor) -> ActorView {
        match actor {
            Actor::User(id) => {
                let p = self.person(id);
                ActorView {
                    kind: "user",
                    id: Some(id),
                    email: p.email,
                    name: p.name,
                }
            }
            Actor::Complainant => ActorView::other("complainant"),
            Actor::System => ActorView::other("system"),
        }
    }

    fn stamp<T>(&self, s: &Stamped<T>) -> Recording {
        Recording {
            seq: s.seq,
            at: s.at,
            by: self.actor(s.by),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Person {
    pub id: UserId,
    /// `null` only for an account that no longer exists.
    pub email: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ActorView {
    /// `user`, `complainant` (the public site) or `system` (integrations).
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl ActorView {
    fn other(kind: &'static str) -> Self {
        Self {
            kind,
            id: None,
            email: None,
            name: None,
        }
    }
}

/// Which event recorded a value, when and by whom.
#[derive(Debug, Serialize)]
pub struct Recording {
    seq: u64,
    at: Timestamp,
    by: ActorView,
}

/// The four terms, as `klacht deadlines --json` prints them.
#[derive(Debug, Serialize)]
pub struct Deadlines {
    pub report: Date,
    pub contact: Date,
    pub offer: Date,
    pub record: Date,
}

impl From<&Terms> for Deadlines {
    fn from(t: &Terms) -> Self {
        Self {
            report: t.report,
            contact: t.contact,
            offer: t.offer,
            record: t.record,
        }
    }
}

/// The answer to `POST /complaints`.
#[derive(Debug, Serialize)]
pub struct Created {
    pub id: String,
    pub reference: String,
    pub status: &'static str,
    /// `null` for a signal, which has no workflow and no terms.
    pub deadlines: Option<Deadlines>,
}

/// A moment of receipt in the organisation's zone, RFC 3339 with offset.
fn local(at: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    at.display_with_offset(tz.to_offset(at)).to_string()
}

/// One row of `GET /complaints`.
#[derive(Debug, Serialize)]
pub struct ListItem {
    id: String,
    reference: String,
    version: u64,
    kind: String,
    status: String,
    channel: String,
    received_at: String,
    received_by: Option<Person>,
    responsible_manager: Option<Person>,
    handler: Option<Person>,
    complainant_name: String,
    service: Option<String>,
    category: Option<String>,
    summary: String,
    next_step: Option<String>,
    next_due: Option<Date>,
    deadlines: Option<Deadlines>,
    closed_at: Option<Timestamp>,
    updated_at: Timestamp,
}

impl ListItem {
    pub fn new(row: ComplaintRow, people: &People, tz: &jiff::tz::TimeZone) -> Self {
        let deadlines = (row.kind != "signal").then_some(Deadlines {
            report: row.report_due,
            contact: row.contact_due,
            offer: row.offer_due,
            record: row.record_due,
        });
        Self {
            id: row.id.to_string(),
            reference: row.reference.to_string(),
            version: row.version,
            received_at: local(row.received_at, tz),
            received_by: row.received_by.map(|u| people.person(u)),
            responsible_manager: row.responsible_manager.map(|u| people.person(u)),
            handler: row.handler.map(|u| people.person(u)),
            kind: row.kind,
            status: row.status,
            channel: row.channel,
            complainant_name: row.complainant_name,
            service: row.service,
            category: row.category,
            summary: row.summary,
            next_step: row.next_step,
            next_due: row.next_due,
            deadlines,
            closed_at: row.closed_at,
            updated_at: row.updated_at,
        }
    }

    /// Everyone a page of rows mentions, for one look-up.
    pub fn people_of(rows: &[ComplaintRow]) -> Vec<UserId> {
        rows.iter()
            .flat_map(|r| [r.received_by, r.responsible_manager, r.handler])
            .flatten()
            .collect()
    }
}

#[derive(Debug, Serialize)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize)]
struct PartyView {
    name: String,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
}

impl From<&Party> for PartyView {
    fn from(p: &Party) -> Self {
        Self {
            name: p.name().to_owned(),
            email: p.email().map(ToString::to_string),
            phone: p.phone().map(str::to_owned),
            address: p.address().map(str::to_owned),
        }
    }
}

#[derive(Debug, Serialize)]
struct TermView {
    step: &'static str,
    label: &'static str,
    due: Date,
    done_on: Option<Date>,
    waived: bool,
    /// `done_on_time`, `done_late`, `on_time`, `due_today` or `overdue`.
    status: &'static str,
    late: bool,
}

impl From<&TermLine> for TermView {
    fn from(t: &TermLine) -> Self {
        Self {
            step: t.step.as_str(),
            label: t.step.label(),
            due: t.due,
            done_on: t.done_on,
            waived: t.waived,
            status: match t.status {
                TermStatus::Done { on_time: true } => "done_on_time",
                TermStatus::Done { on_time: false } => "done_late",
                TermStatus::OnTime => "on_time",
                TermStatus::DueToday => "due_today",
                TermStatus::Overdue => "overdue",
            },
            late: t.status.is_late(),
        }
    }
}

#[derive(Debug, Serialize)]
struct EventView {
    seq: u64,
    at: Timestamp,
    actor: ActorView,
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    /// The event as stored; a correction's `replacement` takes this form.
    data: serde_json::Value,
    superseded_by: Option<u64>,
}

/// A recorded value with the recording's seq, time and actor beside it.
#[derive(Debug, Serialize)]
struct Rec<'a, T: Serialize> {
    #[serde(flatten)]
    value: &'a T,
    recorded: Recording,
}

fn rec<'a, T: Serialize>(people: &People, s: &'a Stamped<T>) -> Rec<'a, T> {
    Rec {
        value: &s.value,
        recorded: people.stamp(s),
    }
}

/// The complainant's reaction: the handler's record (accepted, comment)
/// with the satisfaction that counts, and the complainant's own answer to
/// the satisfaction check. Present as soon as either exists.
#[derive(Debug, Serialize)]
struct ResponseView<'a> {
    accepted: Option<bool>,
    /// The complainant's own answer when they gave one, otherwise the
    /// handler's record ([`Complaint::satisfaction`]).
    satisfaction: Option<Satisfaction>,
    /// What the handler recorded.
    comment: Option<&'a str>,
    /// The handler's record; the complainant's answer when there is none.
    recorded: Recording,
    satisfaction_check: Option<Rec<'a, SatisfactionReport>>,
}

impl<'a> ResponseView<'a> {
    fn of(c: &'a Complaint, people: &People) -> Option<Self> {
        let check = c.satisfaction_report();
        let recorded = match (c.response(), check) {
            (Some(r), _) => people.stamp(r),
            (None, Some(s)) => people.stamp(s),
            (None, None) => return None,
        };
        let handler = c.response().map(|r| &r.value);
        Some(Self {
            accepted: handler.and_then(|r| r.accepted),
            satisfaction: c.satisfaction(),
            comment: handler.and_then(|r| r.comment.as_deref()),
            recorded,
            satisfaction_check: check.map(|s| rec(people, s)),
        })
    }
}

#[derive(Debug, Serialize)]
struct ActionView<'a> {
    number: u32,
    description: &'a str,
    due: Option<Date>,
    owner: Option<Person>,
    recorded: Recording,
    completed: Option<Rec<'a, CompletedAction>>,
}

#[derive(Debug, Serialize)]
struct EscalationView<'a> {
    party: &'static str,
    party_label: &'a str,
    on: Date,
    note: Option<&'a str>,
    recorded: Recording,
    outcome: Option<Rec<'a, EscalationOutcome>>,
}

/// A question to the director and, once given, her advice.
#[derive(Debug, Serialize)]
struct ConsultationView<'a> {
    number: u32,
    director: Person,
    question: &'a str,
    recorded: Recording,
    /// `null` while she has not answered.
    advice: Option<AdviceView<'a>>,
}

#[derive(Debug, Serialize)]
struct AdviceView<'a> {
    advice: &'a str,
    recorded: Recording,
}

/// Why and when a round was reopened.
#[derive(Debug, Serialize)]
struct ReopenedView<'a> {
    kind: &'static str,
    kind_label: &'static str,
    reason: &'a str,
    recorded: Recording,
}

/// A sealed handling round of a reopened complaint (issue 16): its terms
/// and steps as they were filed, and the reopening that ended it.
#[derive(Debug, Serialize)]
struct RoundView<'a> {
    round: u32,
    terms: Vec<TermView>,
    contact: Option<Rec<'a, Contact>>,
    merit: Option<Rec<'a, MeritDecision>>,
    offer: Option<Rec<'a, Offer>>,
    closed: Rec<'a, Closing>,
    exact_registration: Option<Rec<'a, ExactRegistration>>,
    reopened: ReopenedView<'a>,
}

/// The whole complaint form with terms, permitted actions and history.
#[derive(Debug, Serialize)]
pub struct ComplaintView<'a> {
    id: String,
    reference: String,
    version: u64,
    kind: &'static str,
    status: &'static str,
    status_label: &'static str,
    channel: &'static str,
    received_at: String,
    received_by: Option<Person>,
    responsible_manager: Option<Person>,
    complainant: PartyView,
    representative: Option<PartyView>,
    service: Option<String>,
    involved_employees: Vec<Person>,
    description: String,
    category: Option<String>,
    cause: Option<String>,
    handler: Option<Person>,
    assistants: Vec<Person>,
    contact: Option<Rec<'a, Contact>>,
    merit: Option<Rec<'a, MeritDecision>>,
    offer: Option<Rec<'a, Offer>>,
    consultations: Vec<ConsultationView<'a>>,
    response: Option<ResponseView<'a>>,
    actions: Vec<ActionView<'a>>,
    form_sent: Option<Recording>,
    escalations: Vec<EscalationView<'a>>,
    waivers: Vec<Rec<'a, Waiver>>,
    closed: Option<Rec<'a, Closing>>,
    exact_registration: Option<Rec<'a, ExactRegistration>>,
    conversion: Option<Rec<'a, Conversion>>,
    terms: Vec<TermView>,
    /// The current handling round: 1 unless reopened.
    round: u32,
    /// The sealed earlier rounds, oldest first.
    rounds: Vec<RoundView<'a>>,
    allowed_actions: Vec<Action>,
    closing_blockers: Vec<String>,
    /// Related complaints (issue 16); one the viewer may not see only as
    /// `visible: false`.
    related: Vec<RelatedView>,
    events: Vec<EventView>,
}

/// The related complaints of a complaint as its viewer may know them.
pub struct Links<'o> {
    /// As [`klacht_app::links::related_for`] gives them.
    pub related: Vec<klacht_app::links::Related>,
    /// Which complaints the history's link events name that the viewer may
    /// see ([`klacht_app::links::visible_others`]).
    pub others: &'o HashMap<klacht_domain::ComplaintId, bool>,
}

/// A related complaint in the API.
#[derive(Debug, Serialize)]
pub struct RelatedView {
    visible: bool,
    id: Option<String>,
    reference: Option<String>,
    status: Option<&'static str>,
    reason: Option<&'static str>,
    note: Option<String>,
}

impl From<klacht_app::links::Related> for RelatedView {
    fn from(r: klacht_app::links::Related) -> Self {
        use klacht_app::links::Related;
        match r {
            Related::Visible {
                id,
                reference,
                status,
                reason,
                note,
            } => Self {
                visible: true,
                id: Some(id.to_string()),
                reference: Some(reference.to_string()),
                status: Some(status.as_str()),
                reason: Some(reason.as_str()),
                note,
            },
            Related::Hidden => Self {
                visible: false,
                id: None,
                reference: None,
                status: None,
                reason: None,
                note: None,
            },
        }
    }
}

/// Everyone the complaint and its history mention.
pub fn people_of(c: &Complaint, history: &[Recorded]) -> Vec<UserId> {
    let mut ids: Vec<UserId> = [c.received_by(), c.responsible_manager(), c.handler()]
        .into_iter()
        .flatten()
        .chain(c.assistants().iter().copied())
        .chain(c.involved_employees().iter().copied())
        .chain(c.actions().iter().filter_map(|a| a.agreed.value.owner))
        .chain(c.consultations().iter().map(|r| r.director()))
        .chain(history.iter().filter_map(|r| r.actor.user()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Serialises an event for the history. Events are plain data, so this
/// cannot fail in practice; `null` if it ever did.
fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn party_id(p: &EscalationParty) -> &'static str {
    match p {
        EscalationParty::Mediator => "mediator",
        EscalationParty::ComplaintsCommittee => "complaints_committee",
        EscalationParty::DisputesBody => "disputes_body",
        EscalationParty::Other(_) => "other",
    }
}

impl<'a> ComplaintView<'a> {
    /// `terms`: the current round's, `round_terms` each sealed round's;
    /// `links`: the related complaints and which ones the viewer may see
    /// (the data of a link event naming another one is left at its type).
    pub fn new(
        c: &'a Complaint,
        history: &[Recorded],
        viewer: &User,
        people: &People,
        (terms, round_terms): (&[TermLine], &[Vec<TermLine>]),
        links: Links<'_>,
    ) -> Self {
        let Links { related, others } = links;
        let person = |id: UserId| people.person(id);
        Self {
            id: c.id().to_string(),
            reference: c.reference().to_string(),
            version: c.version(),
            kind: c.kind().as_str(),
            status: c.status().as_str(),
            status_label: c.status().label(),
            channel: c.channel().as_str(),
            received_at: local(c.received_at().timestamp(), c.received_at().time_zone()),
            received_by: c.received_by().map(person),
            responsible_manager: c.responsible_manager().map(person),
            complainant: c.complainant().into(),
            representative: c.representative().map(Into::into),
            service: c.service().map(str::to_owned),
            involved_employees: c.involved_employees().iter().copied().map(person).collect(),
            description: c.description().to_owned(),
            category: c.category().map(str::to_owned),
            cause: c.cause().map(str::to_owned),
            handler: c.handler().map(person),
            assistants: c.assistants().iter().copied().map(person).collect(),
            contact: c.contact().map(|s| rec(people, s)),
            merit: c.merit().map(|s| rec(people, s)),
            offer: c.offer().map(|s| rec(people, s)),
            consultations: c
                .consultations()
                .iter()
                .map(|r| ConsultationView {
                    number: r.number(),
                    director: person(r.director()),
                    question: &r.question.value.question,
                    recorded: people.stamp(&r.question),
                    advice: r.advice.as_ref().map(|a| AdviceView {
                        advice: &a.value.advice,
                        recorded: people.stamp(a),
                    }),
                })
                .collect(),
            response: ResponseView::of(c, people),
            actions: c
                .actions()
                .iter()
                .map(|a| ActionView {
                    number: a.agreed.value.number,
                    description: &a.agreed.value.description,
                    due: a.agreed.value.due,
                    owner: a.agreed.value.owner.map(person),
                    recorded: people.stamp(&a.agreed),
                    completed: a.completed.as_ref().map(|s| rec(people, s)),
                })
                .collect(),
            form_sent: c.form_sent().map(|s| people.stamp(s)),
            escalations: c
                .escalations()
                .iter()
                .map(|e| {
                    let x = &e.escalation.value;
                    EscalationView {
                        party: party_id(&x.party),
                        party_label: x.party.label(),
                        on: x.on,
                        note: x.note.as_deref(),
                        recorded: people.stamp(&e.escalation),
                        outcome: e.outcome.as_ref().map(|s| rec(people, s)),
                    }
                })
                .collect(),
            waivers: c.waivers().map(|s| rec(people, s)).collect(),
            closed: c.closed().map(|s| rec(people, s)),
            exact_registration: c.exact_registration().map(|s| rec(people, s)),
            conversion: c.conversion().map(|s| rec(people, s)),
            terms: terms.iter().map(TermView::from).collect(),
            round: c.round(),
            rounds: c
                .sealed_rounds()
                .iter()
                .zip(round_terms)
                .map(|(r, terms)| RoundView {
                    round: r.number(),
                    terms: terms.iter().map(TermView::from).collect(),
                    contact: r.contact().map(|s| rec(people, s)),
                    merit: r.merit().map(|s| rec(people, s)),
                    offer: r.offer().map(|s| rec(people, s)),
                    closed: rec(people, r.closed()),
                    exact_registration: r.exact_registration().map(|s| rec(people, s)),
                    reopened: ReopenedView {
                        kind: r.reopened().value.kind.as_str(),
                        kind_label: r.reopened().value.kind.label(),
                        reason: &r.reopened().value.reason,
                        recorded: people.stamp(r.reopened()),
                    },
                })
                .collect(),
            allowed_actions: klacht_domain::permissions::allowed_actions(viewer, c),
            // Dutch, as the view's other labels.
            closing_blockers: if c.is_open() {
                klacht_app::complaints::closing_blockers(klacht_i18n::Tr::default(), c)
            } else {
                Vec::new()
            },
            related: related.into_iter().map(RelatedView::from).collect(),
            events: history
                .iter()
                .map(|r| EventView {
                    seq: r.seq,
                    at: r.at,
                    actor: people.actor(r.actor),
                    kind: r.event.kind(),
                    description: r.event.describe(),
                    data: match klacht_app::links::other_of(&r.event) {
                        Some(o) if others.get(&o) != Some(&true) => {
                            serde_json::json!({ "type": r.event.kind() })
                        }
                        _ => json(&r.event),
                    },
                    superseded_by: c.superseded_by(r.seq),
                })
                .collect(),
        }
    }
}
