//! The outbox worker for e-mail: claim, send, mark.

use jiff::Timestamp;
use klacht_app::delivery::{Attempt, Deliver, DeliveryPolicy, DeliveryReport, deliver};
use klacht_domain::{Language, Role};
use klacht_mail::failure_notice::{FailedMessage, FailureNotice};
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
        failed: &[(OutboxMessage, String)],
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self.failure_notices {
            Some(ctx) => notify_failures(store, ctx, now, failed).await,
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

/// Tells the quality managers in one notice which messages of this round
/// failed for good, leaving out failure notices themselves (so that a
/// failing notice causes no further notice).
async fn notify_failures<S: Store>(
    store: &S,
    ctx: &MailContext,
    now: Timestamp,
    failed: &[(OutboxMessage, String)],
) -> Result<(), StoreError> {
    let failed: Vec<&(OutboxMessage, String)> = failed
        .iter()
        .filter(|(m, _)| {
            !m.dedupe_key
                .as_deref()
                .is_some_and(|k| k.starts_with(FAILURE_NOTICE_KEY))
        })
        .collect();
    if failed.is_empty() {
        return Ok(());
    }
    // One notice per language the quality managers chose (Dutch when
    // none), each to those who read it.
    let mut per_language: Vec<(Language, Vec<Address>)> = Vec::new();
    for u in store.list_users().await? {
        if !(u.active && u.user.role == Role::QualityManager) {
            continue;
        }
        let language = u.language.unwrap_or_default();
        let address = Address::new(u.user.name, u.user.email.to_string());
        match per_language.iter_mut().find(|(l, _)| *l == language) {
            Some((_, to)) => to.push(address),
            None => per_language.push((language, vec![address])),
        }
    }
    if per_language.is_empty() {
        return Ok(());
    }
    let mut messages = Vec::with_capacity(failed.len());
    for (message, error) in &failed {
        let mail = MailMessage::from_json(&message.payload).ok();
        let reference = match message.complaint_id {
            Some(id) => store
                .load_stream(id)
                .await?
                .map(|(row, _)| row.reference.to_string()),
            None => None,
        };
        messages.push(FailedMessage {
            recipients: mail
                .as_ref()
                .map(MailMessage::recipients)
                .unwrap_or_default(),
            subject: mail.map(|m| m.subject).unwrap_or_default(),
            reference,
            attempts: message.attempts,
            error: error.clone(),
        });
    }
    let notice = FailureNotice { messages };
    // About a complaint only when every failed message was about it.
    let mut complaints = failed.iter().map(|(m, _)| m.complaint_id);
    let about = match complaints.next() {
        Some(Some(first)) if complaints.all(|c| c == Some(first)) => Some(first),
        _ => None,
    };
    let mut queued = Vec::new();
    for (language, to) in per_language {
        match notice.compose(&ctx.in_language(language), to) {
            Ok(m) => {
                // One notice per round (and language): the round's moment
                // makes it unique; Dutch keeps the key it always had.
                let mut key = format!("{FAILURE_NOTICE_KEY}{}", now.as_microsecond());
                if language != Language::Nl {
                    key = format!("{key}:{}", language.code());
                }
                let mut message =
                    NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), now).dedupe(key);
                if let Some(id) = about {
                    message = message.about(id);
                }
                queued.push(message);
            }
            Err(e) => tracing::error!(error = %e, "failure notice could not be composed"),
        }
    }
    if !queued.is_empty() {
        store.enqueue(&queued).await?;
    }
    Ok(())
}
