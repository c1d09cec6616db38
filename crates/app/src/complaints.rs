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
use klacht_domain::terms::{Step, TermStatus, term_status};
use klacht_domain::{ComplaintId, ReferenceNumber, User, UserId};
use klacht_store::{ComplaintRow, NewStream, RawEvent, Store, StoreError};

/// What still stands between a complaint and closing, in a reader's words
/// (the quality manager's mail and her complaint page).
pub use klacht_mail::form_to_close::closing_blockers;

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

/// The list row of a complaint in its current state, with its report
/// facts on `calendar`.
pub fn read_model(
    c: &Complaint,
    calendar: &WorkingCalendar,
    updated_at: Timestamp,
) -> ComplaintRow {
    let terms = c.terms(calendar);
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
        // The owners of agreed actions find it in their lists too.
        .chain(c.actions().iter().filter_map(|a| a.agreed.value.owner))
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
        // The report facts travel with the row and are written by the same
        // statement (crate::reports::facts).
        facts: crate::reports::facts::stored_facts(
            c,
            calendar,
            &crate::reports::facts::facts_key(calendar),
        ),
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
    lines_of(
        &c.terms(calendar),
        calendar,
        today,
        |step| c.step_done_on(step),
        |step| c.step_waived(step).map(|w| w.at),
    )
}

/// A round's term lines: `terms` with each step's done day, or else the
/// day it was waived (`waived_at`), and its status on `today`.
pub(crate) fn lines_of(
    terms: &klacht_domain::terms::Terms,
    calendar: &WorkingCalendar,
    today: Date,
    done_on: impl Fn(Step) -> Option<Date>,
    waived_at: impl Fn(Step) -> Option<Timestamp>,
) -> Vec<TermLine> {
    Step::ALL
        .into_iter()
        .map(|step| {
            let waived = waived_at(step);
            let done_on = done_on(step).or_else(|| waived.map(|at| calendar.local_date(at)));
            let due = terms.due(step);
            TermLine {
                step,
                due,
                done_on,
                waived: waived.is_some(),
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
    new: NewComplaint,
    at: Timestamp,
) -> Result<Complaint, ServiceError> {
    register_with_files(store, calendar, notifier, by, new, Vec::new(), at).await
}

/// As [`register`], with files the receiver adds at intake (a scanned
/// letter, a photo; already accepted by
/// [`crate::public::attachments::accept`]). They are stored with the new
/// complaint, and its history names them after the registration.
pub async fn register_with_files<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    by: &User,
    new: NewComplaint,
    files: Vec<klacht_store::NewAttachment>,
    at: Timestamp,
) -> Result<Complaint, ServiceError> {
    register_with_files_in(
        store,
        calendar,
        notifier,
        by,
        new,
        files,
        at,
        klacht_domain::Language::default(),
    )
    .await
}

/// As [`register_with_files`], in the language the complainant speaks:
/// their mails, letters and status page follow it.
#[allow(clippy::too_many_arguments)]
pub async fn register_with_files_in<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    by: &User,
    mut new: NewComplaint,
    files: Vec<klacht_store::NewAttachment>,
    at: Timestamp,
    language: klacht_domain::Language,
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
    // The new complaint is folded once, inside the transaction's build
    // step, and handed back without reading it again. The step owns what
    // it needs: on SQLite it runs in the writer task's group commit.
    let (calendar, notifier, by) = (calendar.clone(), notifier.clone(), by.clone());
    let counter = notifier.clone();
    let created = store
        .create_complaint_grouped(year, move |reference: ReferenceNumber| {
            let mut events = complaint::register_in(new, reference, &by, at, language)?;
            if !files.is_empty() {
                events.push(complaint::Event::FilesAdded(complaint::FilesAdded {
                    files: crate::files::added(&files),
                }));
            }
            let history = Recorded::stamp(0, Actor::User(by.id), at, events);
            let (mut stream, complaint) = new_stream_and_state(id, &history, &calendar)?;
            stream.attachments = files;
            // Mail is queued in the complaint's own transaction.
            stream.outbox = notifier.on_intake(
                &complaint,
                stream.tracking_code.as_ref(),
                Some(&by.name),
                manager.as_ref(),
                &calendar,
                at,
            );
            let queued = stream.outbox.len();
            Ok::<_, ServiceError>((stream, (complaint, queued)))
        })
        .await?;
    let (_, (complaint, queued)) = created?;
    counter.queued(queued);
    Ok(complaint)
}

/// Loads a complaint with its whole history.
pub async fn load<S: Store>(store: &S, id: ComplaintId) -> Result<Complaint, ServiceError> {
    let (_, raw) = store.load_stream(id).await?.ok_or(ServiceError::NotFound)?;
    replay(id, &raw)
}

/// What a change to a complaint needs besides the change itself: where it
/// is stored, the calendar its terms count on, who is told, the moment,
/// and (for closing) how the dossier's documents are headed.
#[derive(Clone, Copy)]
pub struct Context<'a, S> {
    pub store: &'a S,
    pub calendar: &'a WorkingCalendar,
    pub notifier: &'a Notifier,
    pub now: Timestamp,
    /// With a letterhead, a complaint that is closed is filed in the
    /// dossier right after the close commits; without, the background
    /// jobs file it in their next round.
    pub letterhead: Option<&'a crate::documents::Letterhead>,
}

impl<'a, S: Store> Context<'a, S> {
    pub fn new(
        store: &'a S,
        calendar: &'a WorkingCalendar,
        notifier: &'a Notifier,
        now: Timestamp,
    ) -> Self {
        Self {
            store,
            calendar,
            notifier,
            now,
            letterhead: None,
        }
    }

    /// Files closed complaints at once, with these documents' heading.
    pub fn filing_with(mut self, letterhead: &'a crate::documents::Letterhead) -> Self {
        self.letterhead = Some(letterhead);
        self
    }
}

/// Events decided on a complaint, applied to it, not yet stored.
pub(crate) struct Change {
    complaint: Complaint,
    /// The version the decision was taken on: the append's expectation.
    version: u64,
    recorded: Vec<Recorded>,
}

impl Change {
    /// Stamps `events` after the complaint's current version and applies
    /// them.
    pub(crate) fn apply(
        mut complaint: Complaint,
        actor: Actor,
        at: Timestamp,
        events: Vec<complaint::Event>,
    ) -> Result<Change, ServiceError> {
        let version = complaint.version();
        let recorded = Recorded::stamp(version, actor, at, events);
        for r in &recorded {
            complaint
                .apply(r)
                .map_err(|e| ServiceError::corrupt(complaint.id(), e))?;
        }
        Ok(Change {
            complaint,
            version,
            recorded,
        })
    }

    pub(crate) fn complaint(&self) -> &Complaint {
        &self.complaint
    }

    pub(crate) fn recorded(&self) -> &[Recorded] {
        &self.recorded
    }

    /// The append for [`Store::append_many`], when one change spans
    /// several streams (a link, a handover), with the changed complaint.
    pub(crate) fn into_append(
        self,
        calendar: &WorkingCalendar,
        at: Timestamp,
    ) -> Result<(klacht_store::StreamAppend, Complaint), ServiceError> {
        let id = self.complaint.id();
        let events = self
            .recorded
            .iter()
            .map(|r| to_raw(id, r))
            .collect::<Result<Vec<_>, _>>()?;
        let append = klacht_store::StreamAppend {
            expected_version: self.version,
            events,
            row: read_model(&self.complaint, calendar, at),
        };
        Ok((append, self.complaint))
    }

    /// Appends the events with the new list row and `outbox` in one
    /// transaction; a writer that got there first makes it a conflict.
    pub(crate) async fn commit<S: Store>(
        self,
        store: &S,
        calendar: &WorkingCalendar,
        at: Timestamp,
        outbox: &[klacht_store::NewOutboxMessage],
    ) -> Result<Complaint, ServiceError> {
        let id = self.complaint.id();
        let raw = self
            .recorded
            .iter()
            .map(|r| to_raw(id, r))
            .collect::<Result<Vec<_>, _>>()?;
        store
            .append(
                self.version,
                &raw,
                &read_model(&self.complaint, calendar, at),
                outbox,
            )
            .await?;
        Ok(self.complaint)
    }
}

/// Lets `actor` do `cmd` on a complaint, the one way staff change one (the
/// pages and the API alike). `expected`: the version the actor saw; when
/// someone else changed the complaint since, the answer is
/// [`StoreError::Conflict`] and nothing is written. A complaint the actor
/// may not see is [`ServiceError::NotFound`]. Category and cause must come
/// from the administrator's lists; the mail the change causes and (on
/// closing) the registration in Exact are queued in its transaction, and a
/// closed complaint is filed when the context has a letterhead.
pub async fn act<S: Store>(
    cx: &Context<'_, S>,
    id: ComplaintId,
    actor: &User,
    cmd: Command,
    expected: Option<u64>,
) -> Result<Complaint, ServiceError> {
    act_all(cx, id, actor, vec![cmd], expected).await
}

/// As [`act`], for several commands that belong together (one phone call
/// records contact, merit and offer): each is decided on the complaint as
/// the ones before it left it, exactly as if done one after the other, and
/// all their events, mail and list row are written in one transaction. A
/// refusal of any of them writes nothing.
pub async fn act_all<S: Store>(
    cx: &Context<'_, S>,
    id: ComplaintId,
    actor: &User,
    cmds: Vec<Command>,
    expected: Option<u64>,
) -> Result<Complaint, ServiceError> {
    let (store, calendar, at) = (cx.store, cx.calendar, cx.now);
    let c = load(store, id).await?;
    if !klacht_domain::permissions::can_view(actor, &c) {
        return Err(ServiceError::NotFound);
    }
    if let Some(expected) = expected.filter(|e| *e != c.version()) {
        return Err(StoreError::Conflict { expected }.into());
    }
    let version = c.version();
    let mut complaint = c;
    let mut recorded = Vec::new();
    for cmd in cmds {
        let cmd = match cmd {
            Command::Classify(wanted) => Command::Classify(
                crate::improvement::from_the_lists(store, &complaint, wanted).await?,
            ),
            other => other,
        };
        let events = complaint.decide(cmd, actor, at)?;
        let step = Change::apply(complaint, Actor::User(actor.id), at, events)?;
        complaint = step.complaint;
        recorded.extend(step.recorded);
    }
    let change = Change {
        complaint,
        version,
        recorded,
    };
    let mut outbox = cx
        .notifier
        .for_events(
            store,
            &change.complaint,
            &change.recorded,
            Some(actor),
            calendar,
            at,
        )
        .await?;
    // The registration in Exact goes with the closing (DESIGN §7).
    outbox.extend(crate::exact::outbox_for(store, &change.complaint, &change.recorded, at).await?);
    let closed = change
        .recorded
        .iter()
        .any(|r| matches!(r.event, complaint::Event::Closed(_)));
    let registered_in_exact = change
        .recorded
        .iter()
        .any(|r| matches!(r.event, complaint::Event::RegisteredInExact(_)));
    let c = change.commit(store, calendar, at, &outbox).await?;
    cx.notifier.queued(outbox.len());
    if let (true, Some(letterhead)) = (closed, cx.letterhead) {
        // A failure does not undo the close: the jobs file it later.
        match crate::dossier::file(store, letterhead, calendar, id, at).await {
            Ok(_) => tracing::info!(complaint = %id, "opgeborgen in het klachtendossier"),
            Err(e) => tracing::error!(
                complaint = %id,
                error = %e,
                "opbergen mislukt; de achtergrondtaak probeert het opnieuw"
            ),
        }
    }
    if let (true, Some(letterhead)) = (registered_in_exact, cx.letterhead) {
        // The filed form gets the E-Synergy number; the jobs catch up on a
        // failure.
        if let Err(e) = crate::dossier::refile_with_exact_id(store, letterhead, calendar, id).await
        {
            tracing::error!(
                complaint = %id,
                error = %e,
                "opnieuw opbergen mislukt; de achtergrondtaak probeert het opnieuw"
            );
        }
    }
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
