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

use jiff::{SignedDuration, Timestamp};
use klacht_app::complaints::ServiceError;
use klacht_app::exact::{RecordOutcome, record_exact_id};
use klacht_domain::calendar::WorkingCalendar;
use klacht_store::{OutboxKind, OutboxMessage, Store, StoreError};
use tracing::Instrument;

use crate::{ExactConnector, ExactError, Registration};

/// How the worker delivers.
#[derive(Debug, Clone)]
pub struct DeliveryPolicy {
    /// Attempts before a registration waits for the quality manager.
    pub max_attempts: u32,
    /// Wait after the first failed attempt; doubles after each further one
    /// (1, 2, 4 … minutes) up to `max_retry`.
    pub first_retry: SignedDuration,
    pub max_retry: SignedDuration,
    /// How long a claimed message stays hidden from other workers; longer
    /// than a batch can take (each registration is a few HTTP calls).
    pub lease: SignedDuration,
    /// Messages claimed at a time.
    pub batch: u32,
}

impl Default for DeliveryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            first_retry: SignedDuration::from_mins(1),
            max_retry: SignedDuration::from_hours(1),
            lease: SignedDuration::from_mins(15),
            batch: 10,
        }
    }
}

impl DeliveryPolicy {
    /// The wait after `failed_attempts` failed attempts.
    pub fn backoff(&self, failed_attempts: u32) -> SignedDuration {
        let doublings = failed_attempts.saturating_sub(1).min(30);
        self.first_retry
            .checked_mul(1_i32 << doublings)
            .unwrap_or(self.max_retry)
            .min(self.max_retry)
    }
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: u32,
    pub sent: u32,
    /// Failed attempts that will be tried again.
    pub retried: u32,
    /// Registrations that failed for good in this round.
    pub failed: u32,
}

impl DeliveryReport {
    pub fn is_empty(&self) -> bool {
        self.claimed == 0
    }
}

/// The key every attempt of one outbox message sends to Exact.
pub fn idempotency_key(message: &OutboxMessage) -> String {
    format!("klacht-{}", message.id)
}

enum Outcome {
    Sent,
    Retried,
    Failed,
}

/// Delivers the registrations that are due at `now`: one batch, claimed
/// with a lease. Errors of single registrations are recorded on their
/// outbox rows; only a failing database ends the round with an error.
pub async fn deliver_exact<S: Store, C: ExactConnector>(
    store: &S,
    calendar: &WorkingCalendar,
    connector: &C,
    policy: &DeliveryPolicy,
    now: Timestamp,
) -> Result<DeliveryReport, StoreError> {
    let span = tracing::info_span!("exact.deliver", product = connector.product());
    async {
        let mut report = DeliveryReport::default();
        let claimed = store
            .claim_outbox(OutboxKind::Exact, now, now + policy.lease, policy.batch)
            .await?;
        for message in claimed {
            report.claimed += 1;
            match deliver_one(store, calendar, connector, policy, &message, now).await? {
                Outcome::Sent => report.sent += 1,
                Outcome::Retried => report.retried += 1,
                Outcome::Failed => report.failed += 1,
            }
        }
        if !report.is_empty() {
            tracing::info!(?report, "Exact delivery round");
        }
        Ok(report)
    }
    .instrument(span)
    .await
}

async fn deliver_one<S: Store, C: ExactConnector>(
    store: &S,
    calendar: &WorkingCalendar,
    connector: &C,
    policy: &DeliveryPolicy,
    message: &OutboxMessage,
    now: Timestamp,
) -> Result<Outcome, StoreError> {
    let span = tracing::info_span!(
        "exact.registration",
        outbox = %message.id,
        complaint = ?message.complaint_id,
        attempt = message.attempts,
    );
    async {
        let reg: Registration = match serde_json::from_str(&message.payload) {
            Ok(reg) => reg,
            Err(e) => {
                let error = format!("de registratie in de wachtrij is onleesbaar: {e}");
                store.outbox_failed(message.id, &error).await?;
                return Ok(Outcome::Failed);
            }
        };
        // Recorded before (a crash after the append, before the mark):
        // only the mark is missing.
        match klacht_app::complaints::load(store, reg.complaint_id).await {
            Ok(c) => {
                if let Some(done) = c.exact_registration() {
                    store
                        .outbox_sent(message.id, now, Some(&done.value.exact_id))
                        .await?;
                    return Ok(Outcome::Sent);
                }
            }
            Err(ServiceError::Store(e)) => return Err(e),
            Err(e) => {
                let error = format!("klacht {} niet te laden: {e}", reg.reference);
                store.outbox_failed(message.id, &error).await?;
                return Ok(Outcome::Failed);
            }
        }

        let key = idempotency_key(message);
        let failure = match connector.register(&reg, &key).await {
            Ok(id) => {
                match record_exact_id(store, calendar, reg.complaint_id, &id.0, now).await {
                    Ok(outcome) => {
                        let recorded = match outcome {
                            RecordOutcome::Recorded => id.0,
                            RecordOutcome::AlreadyRegistered(existing) => existing,
                        };
                        store.outbox_sent(message.id, now, Some(&recorded)).await?;
                        tracing::info!(exact_id = %recorded, "registered in Exact");
                        return Ok(Outcome::Sent);
                    }
                    // Exact has it; the next attempt finds it by its key.
                    Err(ServiceError::Store(e)) => ExactError::Retryable(format!(
                        "geregistreerd in Exact ({id}), maar niet vastgelegd bij de klacht: {e}"
                    )),
                    Err(e) => ExactError::Permanent(format!(
                        "geregistreerd in Exact ({id}), maar niet vast te leggen bij de klacht: \
                         {e}"
                    )),
                }
            }
            Err(e) => e,
        };
        let error = failure.message().to_owned();
        if failure.is_retryable() && message.attempts < policy.max_attempts {
            let next = now + policy.backoff(message.attempts);
            tracing::warn!(%error, %next, "Exact registration failed; retrying later");
            store.outbox_retry_at(message.id, &error, next).await?;
            Ok(Outcome::Retried)
        } else {
            tracing::warn!(%error, "Exact registration failed; waiting for the quality manager");
            store.outbox_failed(message.id, &error).await?;
            Ok(Outcome::Failed)
        }
    }
    .instrument(span)
    .await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = DeliveryPolicy::default();
        let mins = |n: u32| p.backoff(n).as_secs() / 60;
        assert_eq!(
            (1..=8).map(mins).collect::<Vec<_>>(),
            [1, 2, 4, 8, 16, 32, 60, 60]
        );
        assert_eq!(p.backoff(0), SignedDuration::from_mins(1));
        assert_eq!(p.backoff(u32::MAX), SignedDuration::from_hours(1));
    }
}
