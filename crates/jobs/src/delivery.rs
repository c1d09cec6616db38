//! The outbox worker for e-mail: claim, send, mark.

use jiff::{SignedDuration, Timestamp};
use klacht_domain::Role;
use klacht_mail::failure_notice::FailureNotice;
use klacht_mail::{Address, Compose, MailContext, MailMessage, Mailer, SendError};
use klacht_store::{NewOutboxMessage, OutboxKind, OutboxMessage, Store, StoreError};
use tracing::Instrument;

/// Dedupe-key prefix of the failure notices, so that the failure of a
/// notice does not cause another notice.
pub const FAILURE_NOTICE_KEY: &str = "failure-notice:";

/// How the worker delivers.
#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    /// Attempts before a message is marked failed (default 8).
    pub max_attempts: u32,
    /// Wait after the first failed attempt; it doubles after each further
    /// one (1, 2, 4, 8 … minutes) up to `max_retry`.
    pub first_retry: SignedDuration,
    pub max_retry: SignedDuration,
    /// How long a claimed message stays hidden from other workers. Longer
    /// than a batch can take to send (`batch` × the SMTP timeout).
    pub lease: SignedDuration,
    /// Messages claimed at a time.
    pub batch: u32,
    /// At most this many batches per round, so one round stays short.
    pub max_batches: u32,
    /// When set, the active quality managers are told by e-mail about a
    /// message that failed for good (the page Uitgaande berichten shows it
    /// in any case).
    pub failure_notices: Option<MailContext>,
}

pub const DEFAULT_MAX_ATTEMPTS: u32 = 8;

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            first_retry: SignedDuration::from_mins(1),
            max_retry: SignedDuration::from_hours(1),
            lease: SignedDuration::from_mins(15),
            batch: 20,
            max_batches: 10,
            failure_notices: None,
        }
    }
}

/// The wait after `failed_attempts` failed attempts: `first_retry`
/// doubled for each attempt after the first, capped at `max_retry`.
pub fn backoff(config: &DeliveryConfig, failed_attempts: u32) -> SignedDuration {
    let doublings = failed_attempts.saturating_sub(1).min(30);
    let factor = 1_i32 << doublings;
    config
        .first_retry
        .checked_mul(factor)
        .unwrap_or(config.max_retry)
        .min(config.max_retry)
}

/// What one round of delivery did.
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

/// Delivers the e-mail that is due at `now`: claims it in batches (each
/// message is hidden from other workers for `config.lease`), sends each
/// message, and marks it sent (with the server's reply), to be retried
/// after [`backoff`], or failed after the last attempt or a permanent
/// refusal. A store error stops the round; what was claimed and not
/// finished is picked up again after the lease.
pub async fn deliver_due<S: Store, M: Mailer>(
    store: &S,
    mailer: &M,
    config: &DeliveryConfig,
    now: Timestamp,
) -> Result<DeliveryReport, StoreError> {
    let mut report = DeliveryReport::default();
    let lease_until = now.saturating_add(config.lease).unwrap_or(now);
    for _ in 0..config.max_batches.max(1) {
        let claimed = store
            .claim_outbox(OutboxKind::Mail, now, lease_until, config.batch.max(1))
            .await?;
        let full = claimed.len() >= config.batch.max(1) as usize;
        for message in claimed {
            report.claimed += 1;
            let span = tracing::info_span!(
                "outbox.deliver",
                id = %message.id,
                attempt = message.attempts,
                complaint = message.complaint_id.map(|c| c.to_string()),
            );
            match deliver_one(store, mailer, config, now, &message)
                .instrument(span)
                .await?
            {
                Outcome::Sent => report.sent += 1,
                Outcome::Retry => report.retried += 1,
                Outcome::Failed => report.failed += 1,
            }
        }
        if !full {
            break;
        }
    }
    Ok(report)
}

enum Outcome {
    Sent,
    Retry,
    Failed,
}

async fn deliver_one<S: Store, M: Mailer>(
    store: &S,
    mailer: &M,
    config: &DeliveryConfig,
    now: Timestamp,
    message: &OutboxMessage,
) -> Result<Outcome, StoreError> {
    let mail = match MailMessage::from_json(&message.payload) {
        Ok(mail) => mail,
        Err(e) => {
            let error = format!("onleesbaar bericht: {e}");
            tracing::error!(%error, "outbox message cannot be read; marked failed");
            fail(store, config, now, message, None, &error).await?;
            return Ok(Outcome::Failed);
        }
    };
    match mailer.send(message.id, &mail).await {
        Ok(sent) => {
            store
                .outbox_sent(message.id, now, Some(&sent.reply))
                .await?;
            tracing::info!(to = %mail.recipients(), reply = %sent.reply, "e-mail sent");
            Ok(Outcome::Sent)
        }
        Err(SendError::Transient(error)) if message.attempts < config.max_attempts => {
            let wait = backoff(config, message.attempts);
            let next = now.saturating_add(wait).unwrap_or(now);
            tracing::warn!(%error, retry_at = %next, "e-mail not sent; will retry");
            store.outbox_retry_at(message.id, &error, next).await?;
            Ok(Outcome::Retry)
        }
        Err(e) => {
            let error = e.to_string();
            tracing::error!(%error, permanent = e.is_permanent(), "e-mail failed for good");
            fail(store, config, now, message, Some(&mail), &error).await?;
            Ok(Outcome::Failed)
        }
    }
}

/// Marks a message failed and, unless it is a failure notice itself,
/// queues a notice to the quality managers.
async fn fail<S: Store>(
    store: &S,
    config: &DeliveryConfig,
    now: Timestamp,
    message: &OutboxMessage,
    mail: Option<&MailMessage>,
    error: &str,
) -> Result<(), StoreError> {
    store.outbox_failed(message.id, error).await?;
    let Some(ctx) = &config.failure_notices else {
        return Ok(());
    };
    if message
        .dedupe_key
        .as_deref()
        .is_some_and(|k| k.starts_with(FAILURE_NOTICE_KEY))
    {
        return Ok(());
    }
    let to: Vec<Address> = store
        .list_users()
        .await?
        .into_iter()
        .filter(|u| u.active && u.user.role == Role::QualityManager)
        .map(|u| Address::new(u.user.name, u.user.email.to_string()))
        .collect();
    if to.is_empty() {
        return Ok(());
    }
    let reference = match message.complaint_id {
        Some(id) => store
            .load_stream(id)
            .await?
            .map(|(row, _)| row.reference.to_string()),
        None => None,
    };
    let notice = FailureNotice {
        recipients: mail.map(MailMessage::recipients).unwrap_or_default(),
        subject: mail.map(|m| m.subject.clone()).unwrap_or_default(),
        reference,
        attempts: message.attempts,
        error: error.to_owned(),
    };
    match notice.compose(ctx, to) {
        Ok(m) => {
            let queued = NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), now).dedupe(format!(
                "{FAILURE_NOTICE_KEY}{}:{}",
                message.id,
                now.as_microsecond()
            ));
            let queued = match message.complaint_id {
                Some(c) => queued.about(c),
                None => queued,
            };
            store.enqueue(&[queued]).await?;
        }
        Err(e) => tracing::error!(error = %e, "failure notice could not be composed"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_up_to_the_cap() {
        let c = DeliveryConfig::default();
        let mins: Vec<i64> = (1..=9).map(|n| backoff(&c, n).as_mins()).collect();
        assert_eq!(mins, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(backoff(&c, 0).as_mins(), 1);
        assert_eq!(backoff(&c, u32::MAX), c.max_retry);
    }
}
