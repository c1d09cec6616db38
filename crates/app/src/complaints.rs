//! Complaint use cases: register, act, load. Each turns a command into
//! events with the pure domain, then stores the events and the updated
//! read model in one transaction.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::Kind;
use klacht_domain::complaint::{
    self, Actor, Command, Complaint, ComplaintError, NewComplaint, Recorded, ReplayError,
};
use klacht_domain::terms::{Step, TermStatus, Terms, term_status};
use klacht_domain::{ComplaintId, ReferenceNumber, User, UserId};
use klacht_store::{ComplaintRow, NewStream, RawEvent, Store, StoreError};

use crate::notify::Notifier;

/// How long the read model keeps of the description, for lists and search.
const SUMMARY_CHARS: usize = 240;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The domain refused: the message is for the user as it is.
    #[error(transparent)]
    Refused(#[from] ComplaintError),
    #[error("klacht niet gevonden")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Stored history that no longer folds: a bug or tampering.
    #[error("de opgeslagen geschiedenis van {id} is onleesbaar: {reason}")]
    Corrupt { id: ComplaintId, reason: String },
}

impl ServiceError {
    fn corrupt(id: ComplaintId, reason: impl ToString) -> Self {
        ServiceError::Corrupt {
            id,
            reason: reason.to_string(),
        }
    }
}

/// How an actor is written in the `actor` column.
pub fn encode_actor(actor: Actor) -> String {
    match actor {
        Actor::User(id) => format!("user:{id}"),
        Actor::Complainant => "complainant".into(),
        Actor::System => "system".into(),
    }
}

pub fn decode_actor(s: &str) -> Option<Actor> {
    match s {
        "complainant" => Some(Actor::Complainant),
        "system" => Some(Actor::System),
        _ => s.strip_prefix("user:")?.parse().ok().map(Actor::User),
    }
}

pub fn to_raw(id: ComplaintId, rec: &Recorded) -> Result<RawEvent, ServiceError> {
    Ok(RawEvent {
        complaint_id: id,
        seq: rec.seq,
        at: rec.at,
        actor: encode_actor(rec.actor),
        kind: rec.event.kind().to_string(),
        data: serde_json::to_string(&rec.event).map_err(|e| ServiceError::corrupt(id, e))?,
    })
}

pub fn from_raw(raw: &RawEvent) -> Result<Recorded, ServiceError> {
    let id = raw.complaint_id;
    Ok(Recorded {
        seq: raw.seq,
        at: raw.at,
        actor: decode_actor(&raw.actor)
            .ok_or_else(|| ServiceError::corrupt(id, format!("actor '{}'", raw.actor)))?,
        event: serde_json::from_str(&raw.data)
            .map_err(|e| ServiceError::corrupt(id, format!("event {}: {e}", raw.seq)))?,
    })
}

/// The list row of a complaint in its current state.
pub fn read_model(
    c: &Complaint,
    calendar: &WorkingCalendar,
    updated_at: Timestamp,
) -> ComplaintRow {
    let terms = Terms::compute(c.received_at().timestamp(), calendar);
    let next_step = if c.is_open() {
        c.next_open_step()
    } else {
        None
    };
    let mut participants: Vec<UserId> = c
        .received_by()
        .into_iter()
        .chain(c.responsible_manager())
        .chain(c.handler())
        .chain(c.assistants().iter().copied())
        .collect();
    participants.sort();
    participants.dedup();
    ComplaintRow {
        id: c.id(),
        reference: c.reference(),
        version: c.version(),
        kind: c.kind().as_str().into(),
        status: c.status().as_str().into(),
        channel: c.channel().as_str().into(),
        received_at: c.received_at().timestamp(),
        received_by: c.received_by(),
        responsible_manager: c.responsible_manager(),
        handler: c.handler(),
        complainant_name: c.complainant().name().into(),
        service: c.service().map(str::to_owned),
        category: c.category().map(str::to_owned),
        summary: c.description().chars().take(SUMMARY_CHARS).collect(),
        next_step: next_step.map(|s| s.as_str().into()),
        next_due: next_step.map(|s| terms.due(s)),
        report_due: terms.report,
        contact_due: terms.contact,
        offer_due: terms.offer,
        record_due: terms.record,
        closed_at: c.closed().map(|s| s.at),
        updated_at,
        participants,
    }
}

/// One of the regulation's terms as a complaint page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermLine {
    pub step: Step,
    /// The last day on which the step is on time.
    pub due: Date,
    /// The day the step was done (the date entered, e.g. of the
    /// conversation) or waived.
    pub done_on: Option<Date>,
    pub waived: bool,
    pub status: TermStatus,
}

/// The four terms of a complaint with their status on `today`. Signals
/// have no terms. Missed terms stay visible after closing.
pub fn term_lines(c: &Complaint, calendar: &WorkingCalendar, today: Date) -> Vec<TermLine> {
    if c.kind() == Kind::Signal {
        return Vec::new();
    }
    let terms = Terms::compute(c.received_at().timestamp(), calendar);
    Step::ALL
        .into_iter()
        .map(|step| {
            let waiver = c.step_waived(step);
            let done_on = c
                .step_done_on(step)
                .or_else(|| waiver.map(|w| calendar.local_date(w.at)));
            let due = terms.due(step);
            TermLine {
                step,
                due,
                done_on,
                waived: waiver.is_some(),
                status: term_status(due, today, done_on),
            }
        })
        .collect()
}

/// Folds stored events into a complaint.
pub fn replay(id: ComplaintId, raw: &[RawEvent]) -> Result<Complaint, ServiceError> {
    let recorded = raw.iter().map(from_raw).collect::<Result<Vec<_>, _>>()?;
    Complaint::replay(id, &recorded).map_err(|e: ReplayError| ServiceError::corrupt(id, e))
}

/// Builds a whole new stream from registration events plus, optionally,
/// more history (the demo loader replays months of work in one go).
pub fn new_stream(
    id: ComplaintId,
    history: &[Recorded],
    calendar: &WorkingCalendar,
) -> Result<NewStream, ServiceError> {
    new_stream_and_state(id, history, calendar).map(|(stream, _)| stream)
}

/// As [`new_stream`], also handing back the folded complaint.
fn new_stream_and_state(
    id: ComplaintId,
    history: &[Recorded],
    calendar: &WorkingCalendar,
) -> Result<(NewStream, Complaint), ServiceError> {
    let complaint = Complaint::replay(id, history).map_err(|e| ServiceError::corrupt(id, e))?;
    // Replay refuses an empty history, so the fallback is never used.
    let updated_at = history.last().map_or(Timestamp::UNIX_EPOCH, |r| r.at);
    let stream = NewStream {
        row: read_model(&complaint, calendar, updated_at),
        events: history
            .iter()
            .map(|r| to_raw(id, r))
            .collect::<Result<_, _>>()?,
        outbox: Vec::new(),
        // Every complaint gets one, also at staff intake, so that staff can
        // give it to the complainant (by phone or letter).
        tracking_code: Some(crate::public::new_tracking_code()),
        attachments: Vec::new(),
    };
    Ok((stream, complaint))
}

/// Registers a complaint or signal received by a staff member. The
/// reference number is handed out in the same transaction.
pub async fn register<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    by: &User,
    mut new: NewComplaint,
    at: Timestamp,
) -> Result<Complaint, ServiceError> {
    // Category and cause come from the administrator's lists (DESIGN §6).
    crate::improvement::check_intake(store, &mut new).await?;
    let id = ComplaintId::new(uuid::Uuid::now_v7());
    let year = new.received_at.year();
    // The notice goes to the receiver's direct manager (or the receiver),
    // as the domain reports it; read before the transaction.
    let manager = if notifier.is_enabled() && new.kind == Kind::Complaint {
        store.user_by_id(by.manager.unwrap_or(by.id)).await?
    } else {
        None
    };
    let mut queued = 0;
    // The new complaint is folded once, inside the transaction's build
    // step, and handed back without reading it again.
    let mut built = None;
    let created = store
        .create_complaint(year, |reference: ReferenceNumber| {
            let events = complaint::register(new, reference, by, at)?;
            let history = Recorded::stamp(0, Actor::User(by.id), at, events);
            let (mut stream, complaint) = new_stream_and_state(id, &history, calendar)?;
            // Mail is queued in the complaint's own transaction.
            stream.outbox = notifier.on_intake(
                &complaint,
                stream.tracking_code.as_ref(),
                Some(&by.name),
                manager.as_ref(),
                calendar,
                at,
            );
            queued = stream.outbox.len();
            built = Some(complaint);
            Ok::<_, ServiceError>(stream)
        })
        .await?;
    created?;
    notifier.queued(queued);
    built.ok_or(ServiceError::NotFound)
}

/// Loads a complaint with its whole history.
pub async fn load<S: Store>(store: &S, id: ComplaintId) -> Result<Complaint, ServiceError> {
    let (_, raw) = store.load_stream(id).await?.ok_or(ServiceError::NotFound)?;
    replay(id, &raw)
}

/// Lets `actor` do `cmd` on a complaint they have seen at
/// `expected_version`. When someone else changed it in between, the store
/// answers [`StoreError::Conflict`] and nothing is written.
pub async fn act<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    id: ComplaintId,
    actor: &User,
    cmd: Command,
    at: Timestamp,
) -> Result<Complaint, ServiceError> {
    let mut c = load(store, id).await?;
    let expected = c.version();
    let events = c.decide(cmd, actor, at)?;
    let recorded = Recorded::stamp(expected, Actor::User(actor.id), at, events);
    for r in &recorded {
        c.apply(r).map_err(|e| ServiceError::corrupt(id, e))?;
    }
    let raw = recorded
        .iter()
        .map(|r| to_raw(id, r))
        .collect::<Result<Vec<_>, _>>()?;
    let mut outbox = notifier
        .for_events(store, &c, &recorded, Some(actor), calendar, at)
        .await?;
    // The registration in Exact goes with the closing (DESIGN §7).
    outbox.extend(crate::exact::outbox_for(store, &c, &recorded, at).await?);
    store
        .append(expected, &raw, &read_model(&c, calendar, at), &outbox)
        .await?;
    notifier.queued(outbox.len());
    Ok(c)
}

// --- for the JSON API (and any caller that shows a version) -------------

/// Loads a complaint together with its whole history, for pages and API
/// answers that show the timeline.
pub async fn load_with_history<S: Store>(
    store: &S,
    id: ComplaintId,
) -> Result<(Complaint, Vec<Recorded>), ServiceError> {
    let (_, raw) = store.load_stream(id).await?.ok_or(ServiceError::NotFound)?;
    let history = raw.iter().map(from_raw).collect::<Result<Vec<_>, _>>()?;
    let complaint = Complaint::replay(id, &history).map_err(|e| ServiceError::corrupt(id, e))?;
    Ok((complaint, history))
}

/// Like [`act`], for a caller that may say which version it saw
/// (`expected`, e.g. an API client's `expected_version`): a stale version
/// is refused with [`StoreError::Conflict`] before anything is decided.
/// A complaint `actor` may not see answers [`ServiceError::NotFound`], so
/// that its existence does not leak.
// Each argument is a distinct input of the use case; a struct would only
// rename them.
#[allow(clippy::too_many_arguments)]
pub async fn act_at_version<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    id: ComplaintId,
    actor: &User,
    cmd: Command,
    expected: Option<u64>,
    at: Timestamp,
) -> Result<Complaint, ServiceError> {
    let mut c = load(store, id).await?;
    if !klacht_domain::permissions::can_view(actor, &c) {
        return Err(ServiceError::NotFound);
    }
    let version = c.version();
    if let Some(expected) = expected.filter(|e| *e != version) {
        return Err(StoreError::Conflict { expected }.into());
    }
    let events = c.decide(cmd, actor, at)?;
    let recorded = Recorded::stamp(version, Actor::User(actor.id), at, events);
    for r in &recorded {
        c.apply(r).map_err(|e| ServiceError::corrupt(id, e))?;
    }
    let raw = recorded
        .iter()
        .map(|r| to_raw(id, r))
        .collect::<Result<Vec<_>, _>>()?;
    let mut outbox = notifier
        .for_events(store, &c, &recorded, Some(actor), calendar, at)
        .await?;
    // The registration in Exact goes with the closing (DESIGN §7).
    outbox.extend(crate::exact::outbox_for(store, &c, &recorded, at).await?);
    store
        .append(version, &raw, &read_model(&c, calendar, at), &outbox)
        .await?;
    notifier.queued(outbox.len());
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_round_trip_through_their_column_form() {
        let user = Actor::User(UserId::new(uuid::Uuid::now_v7()));
        for a in [user, Actor::Complainant, Actor::System] {
            assert_eq!(decode_actor(&encode_actor(a)), Some(a));
        }
        assert_eq!(decode_actor("user:nonsense"), None);
        assert_eq!(decode_actor("robot"), None);
    }
}
