//! The delivery step: claim queued registrations, register each in Exact,
//! record the id on the complaint, and mark the outbox row.
//!
//! Exactly once, end to end:
//! - the registration was queued with the `Closed` event, in its
//!   transaction, under the dedupe key `exact:{complaint}`: one per
//!   complaint;
//! - every attempt sends the same idempotency key (from the outbox id) and
//!   the connector looks it up before creating: an attempt whose answer was
//!   lost finds the record the earlier one created;
//! - the id is appended to the complaint (`RegisteredInExact`, by the
//!   system) before the outbox row is marked sent; a crash in between
//!   leaves the row to be claimed again after its lease, and a complaint
//!   that already carries an id is then only marked sent.

use jiff::Timestamp;
use klacht_app::complaints::ServiceError;
use klacht_app::delivery::{Attempt, Deliver, deliver};
pub use klacht_app::delivery::{DeliveryPolicy, DeliveryReport};
use klacht_app::exact::{RecordOutcome, record_exact_id};
use klacht_domain::calendar::WorkingCalendar;
use klacht_store::{OutboxKind, OutboxMessage, Store, StoreError};
use tracing::Instrument;

use crate::{ExactConnector, ExactError, Registration};

/// The key every attempt of one outbox message sends to Exact.
pub fn idempotency_key(message: &OutboxMessage) -> String {
    format!("klacht-{}", message.id)
}

/// The registration in Exact as a kind of outbox message.
struct ExactDelivery<'a, C> {
    calendar: &'a WorkingCalendar,
    connector: &'a C,
}

impl<S: Store, C: ExactConnector> Deliver<S> for ExactDelivery<'_, C> {
    fn kind(&self) -> OutboxKind {
        OutboxKind::Exact
    }

    async fn attempt(
        &self,
        store: &S,
        message: &OutboxMessage,
        now: Timestamp,
    ) -> Result<Attempt, StoreError> {
        let reg: Registration = match serde_json::from_str(&message.payload) {
            Ok(reg) => reg,
            Err(e) => {
                return Ok(Attempt::Permanent(format!(
                    "de registratie in de wachtrij is onleesbaar: {e}"
                )));
            }
        };
        // Recorded before (a crash after the append, before the mark):
        // only the mark is missing.
        match klacht_app::complaints::load(store, reg.complaint_id).await {
            Ok(c) => {
                if let Some(done) = c.exact_registration_of_round(reg.round) {
                    return Ok(Attempt::Sent(Some(done.value.exact_id.clone())));
                }
            }
            Err(ServiceError::Store(e)) => return Err(e),
            Err(e) => {
                return Ok(Attempt::Permanent(format!(
                    "klacht {} niet te laden: {e}",
                    reg.reference
                )));
            }
        }
        let failure = match self
            .connector
            .register(&reg, &idempotency_key(message))
            .await
        {
            Ok(id) => {
                match record_exact_id(
                    store,
                    self.calendar,
                    reg.complaint_id,
                    reg.round,
                    &id.0,
                    now,
                )
                .await
                {
                    Ok(outcome) => {
                        let recorded = match outcome {
                            RecordOutcome::Recorded => id.0,
                            RecordOutcome::AlreadyRegistered(existing) => existing,
                        };
                        tracing::info!(exact_id = %recorded, "registered in Exact");
                        return Ok(Attempt::Sent(Some(recorded)));
                    }
                    // Exact has it; the next attempt finds it by its key.
                    Err(ServiceError::Store(e)) => ExactError::Retryable(format!(
                        "geregistreerd in Exact ({id}), maar niet vastgelegd bij de klacht: {e}"
                    )),
                    Err(e) => ExactError::Permanent(format!(
                        "geregistreerd in Exact ({id}), maar niet vast te leggen bij de klacht: {e}"
                    )),
                }
            }
            Err(e) => e,
        };
        let error = failure.message().to_owned();
        Ok(if failure.is_retryable() {
            Attempt::Transient(error)
        } else {
            Attempt::Permanent(error)
        })
    }
}

/// Delivers the registrations that are due at `now` through the one
/// outbox runner ([`klacht_app::delivery::deliver`]). Errors of single
/// registrations are recorded on their outbox rows; only a failing
/// database ends the round with an error. A registration that failed for
/// good waits for the quality manager (Uitgaande berichten).
pub async fn deliver_exact<S: Store, C: ExactConnector>(
    store: &S,
    calendar: &WorkingCalendar,
    connector: &C,
    policy: &DeliveryPolicy,
    now: Timestamp,
) -> Result<DeliveryReport, StoreError> {
    let span = tracing::info_span!("exact.deliver", product = connector.product());
    let handler = ExactDelivery {
        calendar,
        connector,
    };
    deliver(store, &handler, policy, now).instrument(span).await
}

/// The delivery step as the background jobs run it: the configured
/// connector, the calendar the read model is computed on, the policy.
pub struct ExactJob<S> {
    pub connector: crate::Connector<S>,
    /// The configuration's calendar; the administrator's choices are read
    /// from the database each round.
    pub calendar: WorkingCalendar,
    pub policy: DeliveryPolicy,
}

impl<S: Store> ExactJob<S> {
    /// `None` when no Exact product is configured: registrations then wait
    /// in the outbox for the file export.
    pub fn from_config(config: &klacht_app::Config, store: S) -> Result<Option<Self>, ExactError> {
        let calendar = config
            .working_calendar()
            .map_err(|e| ExactError::Permanent(e.to_string()))?;
        Ok(
            crate::Connector::from_config(&config.exact, store)?.map(|connector| Self {
                connector,
                calendar,
                policy: DeliveryPolicy {
                    max_attempts: config.exact.max_attempts,
                    ..DeliveryPolicy::default()
                },
            }),
        )
    }

    /// One round: see [`deliver_exact`].
    pub async fn run(&self, store: &S, now: Timestamp) -> Result<DeliveryReport, StoreError> {
        deliver_exact(store, &self.calendar, &self.connector, &self.policy, now).await
    }
}
