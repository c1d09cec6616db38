//! The one outbox runner: claim due messages of one kind under a lease,
//! hand each to that kind's [`Deliver`] handler, and mark the outcome:
//! sent, tried again after a doubling back-off, or failed after the last
//! attempt. E-mail (`klacht-jobs`) and the Exact registration
//! (`klacht-exact`) are two handlers of this loop.
//!
//! A store error ends the round; a message claimed and not finished is
//! claimed again after its lease, so every handler must be safe to repeat
//! (the mailer sends the outbox id as Message-ID, Exact gets an
//! idempotency key).

use std::future::Future;

use jiff::{SignedDuration, Timestamp};
use klacht_store::{OutboxKind, OutboxMessage, Store, StoreError};
use tracing::Instrument;

/// How the runner claims and retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryPolicy {
    /// Attempts before a message is marked failed (default 8).
    pub max_attempts: u32,
    /// Wait after the first failed attempt; it doubles after each further
    /// one (1, 2, 4, 8 … minutes) up to `max_retry`.
    pub first_retry: SignedDuration,
    pub max_retry: SignedDuration,
    /// How long a claimed message stays hidden from other workers: longer
    /// than a batch can take (`batch` × the slowest attempt).
    pub lease: SignedDuration,
    /// Messages claimed at a time.
    pub batch: u32,
    /// At most this many batches per round, so one round stays short.
    pub max_batches: u32,
}

pub const DEFAULT_MAX_ATTEMPTS: u32 = 8;

impl Default for DeliveryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            first_retry: SignedDuration::from_mins(1),
            max_retry: SignedDuration::from_hours(1),
            lease: SignedDuration::from_mins(15),
            batch: 20,
            max_batches: 10,
        }
    }
}

impl DeliveryPolicy {
    /// The most messages one round claims: a round that claimed this many
    /// stopped at its cap, and more may be due.
    pub fn round_cap(&self) -> u32 {
        self.batch.max(1).saturating_mul(self.max_batches.max(1))
    }

    /// The wait after `failed_attempts` failed attempts: `first_retry`
    /// doubled for each attempt after the first, capped at `max_retry`.
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
    /// Messages that failed for good in this round.
    pub failed: u32,
}

impl DeliveryReport {
    pub fn is_empty(&self) -> bool {
        self.claimed == 0
    }
}

/// What a handler made of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// Delivered; the text (the server's reply, Exact's id) is kept on the
    /// message.
    Sent(Option<String>),
    /// Not delivered this time; worth another attempt while any are left.
    Transient(String),
    /// Not deliverable at all (unreadable payload, refused for good).
    Permanent(String),
}

/// One kind of outbox message and how to deliver it.
pub trait Deliver<S: Store>: Sync {
    /// The kind this handler claims.
    fn kind(&self) -> OutboxKind;

    /// Tries to deliver `message` once. Only a failing database is an
    /// error; everything else is an [`Attempt`].
    fn attempt(
        &self,
        store: &S,
        message: &OutboxMessage,
        now: Timestamp,
    ) -> impl Future<Output = Result<Attempt, StoreError>> + Send;

    /// Called once per round with every message of the round that was
    /// marked failed for good (and its last error), e.g. to tell the
    /// quality managers in one notice. Nothing by default.
    fn gave_up(
        &self,
        store: &S,
        failed: &[(OutboxMessage, String)],
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        let _ = (store, failed, now);
        async { Ok(()) }
    }
}

/// Delivers the messages of `handler`'s kind that are due at `now`, in
/// batches of `policy.batch`, at most `policy.max_batches` of them.
pub async fn deliver<S: Store, D: Deliver<S>>(
    store: &S,
    handler: &D,
    policy: &DeliveryPolicy,
    now: Timestamp,
) -> Result<DeliveryReport, StoreError> {
    let kind = handler.kind();
    let mut report = DeliveryReport::default();
    let mut failed = Vec::new();
    let round = deliver_batches(store, handler, policy, now, &mut report, &mut failed).await;
    // Also after a store error ended the round: what failed for good so
    // far is marked failed and will not come round again.
    if !failed.is_empty() {
        handler.gave_up(store, &failed, now).await?;
    }
    round?;
    if !report.is_empty() {
        tracing::info!(kind = kind.as_str(), ?report, "outbox round");
    }
    Ok(report)
}

async fn deliver_batches<S: Store, D: Deliver<S>>(
    store: &S,
    handler: &D,
    policy: &DeliveryPolicy,
    now: Timestamp,
    report: &mut DeliveryReport,
    failed: &mut Vec<(OutboxMessage, String)>,
) -> Result<(), StoreError> {
    let kind = handler.kind();
    let batch = policy.batch.max(1);
    let lease_until = now.saturating_add(policy.lease).unwrap_or(now);
    for _ in 0..policy.max_batches.max(1) {
        let claimed = store.claim_outbox(kind, now, lease_until, batch).await?;
        let full = claimed.len() >= batch as usize;
        for message in claimed {
            report.claimed += 1;
            let span = tracing::info_span!(
                "outbox.deliver",
                kind = kind.as_str(),
                id = %message.id,
                attempt = message.attempts,
                complaint = message.complaint_id.map(|c| c.to_string()),
            );
            async {
                match handler.attempt(store, &message, now).await? {
                    Attempt::Sent(result) => {
                        store
                            .outbox_sent(message.id, now, result.as_deref())
                            .await?;
                        report.sent += 1;
                    }
                    Attempt::Transient(error) if message.attempts < policy.max_attempts => {
                        let next = now
                            .saturating_add(policy.backoff(message.attempts))
                            .unwrap_or(now);
                        tracing::warn!(%error, retry_at = %next, "not delivered; will retry");
                        store.outbox_retry_at(message.id, &error, next).await?;
                        report.retried += 1;
                    }
                    Attempt::Transient(error) | Attempt::Permanent(error) => {
                        tracing::error!(%error, "failed for good");
                        store.outbox_failed(message.id, &error).await?;
                        report.failed += 1;
                        failed.push((message.clone(), error));
                    }
                }
                Ok::<_, StoreError>(())
            }
            .instrument(span)
            .await?;
        }
        if !full {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_up_to_the_cap() {
        let p = DeliveryPolicy::default();
        let mins: Vec<i64> = (1..=9).map(|n| p.backoff(n).as_mins()).collect();
        assert_eq!(mins, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(p.backoff(0).as_mins(), 1);
        assert_eq!(p.backoff(u32::MAX), p.max_retry);
    }
}
