//! The outbox worker for e-mail: claim, send, mark.

use jiff::Timestamp;
use klacht_app::delivery::{Attempt, Deliver, DeliveryPolicy, DeliveryReport, deliver};
use klacht_domain::Role;
use klacht_mail::failure_notice::FailureNotice;
use klacht_mail::{Address, Compose, MailContext, MailMessage, Mailer, SendError};
use klacht_store::{NewOutboxMessage, OutboxKind, OutboxMessage, Store, StoreError};

/// Dedupe-key prefix of the failure notices, so that the failure of a
/// notice does not cause another notice.
pub const FAILURE_NOTICE_KEY: &str = "failure-notice:";

/// How the worker delivers.
#[derive(Debug, Clone, Default)]
pub struct DeliveryConfig {
    /// Claiming, attempts and back-off, as for every outbox kind.
    pub policy: DeliveryPolicy,
    /// When set, the active quality managers are told by e-mail about a
    /// message that failed for good (the page Uitgaande berichten shows it
    /// in any case).
    pub failure_notices: Option<MailContext>,
}

/// E-mail as a kind of outbox message: send it through the mailer.
struct MailDelivery<'a, M> {
    mailer: &'a M,
    failure_notices: Option<&'a MailContext>,
}

impl<S: Store, M: Mailer> Deliver<S> for MailDelivery<'_, M> {
    fn kind(&self) -> OutboxKind {
        OutboxKind::Mail
    }

    async fn attempt(
        &self,
        _store: &S,
        message: &OutboxMessage,
        _now: Timestamp,
    ) -> Result<Attempt, StoreError> {
        let mail = match MailMessage::from_json(&message.payload) {
            Ok(mail) => mail,
            Err(e) => return Ok(Attempt::Permanent(format!("onleesbaar bericht: {e}"))),
        };
        Ok(match self.mailer.send(message.id, &mail).await {
            Ok(sent) => {
                tracing::info!(to = %mail.recipients(), reply = %sent.reply, "e-mail sent");
                Attempt::Sent(Some(sent.reply))
            }
            Err(SendError::Transient(error)) => Attempt::Transient(error),
            Err(e) => Attempt::Permanent(e.to_string()),
        })
    }

    async fn gave_up(
        &self,
        store: &S,
        message: &OutboxMessage,
        error: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self.failure_notices {
            Some(ctx) => notify_failure(store, ctx, now, message, error).await,
            None => Ok(()),
        }
    }
}

/// Delivers the e-mail that is due at `now` through the one outbox runner
/// ([`klacht_app::delivery::deliver`]): each message is sent and marked
/// sent (with the server's reply), to be retried after the back-off, or
/// failed after the last attempt or a permanent refusal.
pub async fn deliver_due<S: Store, M: Mailer>(
    store: &S,
    mailer: &M,
    config: &DeliveryConfig,
    now: Timestamp,
) -> Result<DeliveryReport, StoreError> {
    let handler = MailDelivery {
        mailer,
        failure_notices: config.failure_notices.as_ref(),
    };
    deliver(store, &handler, &config.policy, now).await
}

/// Tells the quality managers that a message failed for good, unless it
/// is a failure notice itself.
async fn notify_failure<S: Store>(
    store: &S,
    ctx: &MailContext,
    now: Timestamp,
    message: &OutboxMessage,
    error: &str,
) -> Result<(), StoreError> {
    if message
        .dedupe_key
        .as_deref()
        .is_some_and(|k| k.starts_with(FAILURE_NOTICE_KEY))
    {
        return Ok(());
    }
    let mail = MailMessage::from_json(&message.payload).ok();
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
        recipients: mail
            .as_ref()
            .map(MailMessage::recipients)
            .unwrap_or_default(),
        subject: mail.map(|m| m.subject).unwrap_or_default(),
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
