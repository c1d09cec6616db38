//! The registration in Exact, as far as the application goes (DESIGN §7):
//! closing a complaint queues its registration in the outbox, in the same
//! transaction as the `Closed` event; once Exact answered, the id it gave
//! is recorded on the complaint as a `RegisteredInExact` event by
//! [`Actor::System`]. Delivery itself lives in the `klacht-exact` crate.

use jiff::Timestamp;
use klacht_domain::ComplaintId;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Actor, Command, Complaint, Event, ExactRegistration, Recorded};
use klacht_domain::exact::{Person, Registration};
use klacht_store::{NewOutboxMessage, OutboxKind, Store, StoreError};

use crate::complaints::{Change, ServiceError, load};

/// The outbox dedupe key of a complaint's first round's registration (see
/// [`klacht_domain::exact::dedupe_key`] for the later rounds').
pub fn dedupe_key(id: ComplaintId) -> String {
    klacht_domain::exact::dedupe_key(id, 1)
}

/// The registration of a closed complaint, with its handler's name looked
/// up (one primary-key read).
pub async fn registration<S: Store>(
    store: &S,
    c: &Complaint,
) -> Result<Registration, ServiceError> {
    let handler = match c.handler() {
        Some(id) => store.user_by_id(id).await?.map(|u| Person {
            name: u.user.name,
            email: Some(u.user.email.to_string()),
            ..Person::default()
        }),
        None => None,
    };
    Ok(Registration::of(c, handler)?)
}

/// The outbox messages that `recorded` (just decided for `c`, already
/// applied) causes towards Exact: the registration when they close the
/// complaint, nothing otherwise. Append them with the events.
pub async fn outbox_for<S: Store>(
    store: &S,
    c: &Complaint,
    recorded: &[Recorded],
    at: Timestamp,
) -> Result<Vec<NewOutboxMessage>, ServiceError> {
    if !recorded.iter().any(|r| matches!(r.event, Event::Closed(_))) {
        return Ok(Vec::new());
    }
    let registration = registration(store, c).await?;
    let payload = serde_json::to_string(&registration).map_err(|e| ServiceError::Corrupt {
        id: c.id(),
        reason: e.to_string(),
    })?;
    Ok(vec![
        NewOutboxMessage::now(OutboxKind::Exact, payload, at)
            .about(c.id())
            .dedupe(klacht_domain::exact::dedupe_key(c.id(), c.round())),
    ])
}

/// What [`record_exact_id`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordOutcome {
    /// The event was appended.
    Recorded,
    /// The complaint already carried an Exact id (an earlier delivery
    /// recorded it before its outbox row was marked sent).
    AlreadyRegistered(String),
}

/// Records the id Exact returned for handling round `round` on the
/// complaint, as the system. Safe to repeat: a round that already has an
/// Exact id is left alone. A concurrent change (a correction by the
/// quality manager) is retried.
#[tracing::instrument(skip(store, base), fields(complaint = %id))]
pub async fn record_exact_id<S: Store>(
    store: &S,
    base: &WorkingCalendar,
    id: ComplaintId,
    round: u32,
    exact_id: &str,
    at: Timestamp,
) -> Result<RecordOutcome, ServiceError> {
    let calendar = crate::calendar::current(store, base).await?;
    let mut tries = 0;
    loop {
        tries += 1;
        let c = load(store, id).await?;
        if let Some(existing) = c.exact_registration_of_round(round) {
            return Ok(RecordOutcome::AlreadyRegistered(
                existing.value.exact_id.clone(),
            ));
        }
        let events = c.decide_system(
            Command::RegisterInExact(ExactRegistration {
                exact_id: exact_id.to_owned(),
                round: Some(round),
            }),
            at,
        )?;
        match Change::apply(c, Actor::System, at, events)?
            .commit(store, &calendar, at, &[])
            .await
        {
            Ok(_) => return Ok(RecordOutcome::Recorded),
            Err(ServiceError::Store(StoreError::Conflict { .. })) if tries < 5 => continue,
            Err(e) => return Err(e),
        }
    }
}
