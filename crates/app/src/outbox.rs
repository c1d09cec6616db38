//! The outbox as the quality manager sees it (Uitgaande berichten): what
//! is queued, sent and failed, and putting a failed message back in the
//! queue, logged in the Logboek.

use jiff::Timestamp;
use klacht_domain::{ComplaintId, Role, User};
use klacht_mail::MailMessage;
use klacht_store::{
    AdminChange, AuditEntry, OutboxCounts, OutboxKind, OutboxMessage, OutboxStatus, Store,
    StoreError,
};

/// Who may see the outgoing messages and retry them: the quality manager,
/// who keeps the dossier (DESIGN §1). The administrator sees no complaint
/// content, and the messages carry it.
pub fn may_manage(user: &User) -> bool {
    user.role == Role::QualityManager
}

/// One message in a list, with its payload read.
#[derive(Debug, Clone)]
pub struct MessageLine {
    pub message: OutboxMessage,
    /// "e-mail", "registratie in Exact".
    pub kind: &'static str,
    /// The recipients of an e-mail; empty for other kinds.
    pub to: String,
    /// The e-mail's subject, or a description of another kind.
    pub subject: String,
}

impl MessageLine {
    pub fn new(message: OutboxMessage) -> Self {
        let (to, subject) = match message.kind {
            OutboxKind::Mail => match MailMessage::from_json(&message.payload) {
                Ok(m) => (m.recipients(), m.subject),
                Err(_) => (String::new(), "(onleesbaar bericht)".into()),
            },
            OutboxKind::Exact => {
                match serde_json::from_str::<klacht_domain::exact::Registration>(&message.payload) {
                    Ok(r) => (
                        "Exact".to_owned(),
                        format!("Registratie in Exact van klacht {}", r.reference),
                    ),
                    Err(_) => (String::new(), "registratie in Exact (onleesbaar)".into()),
                }
            }
        };
        Self {
            kind: message.kind.label(),
            message,
            to,
            subject,
        }
    }
}

/// The page Uitgaande berichten.
#[derive(Debug, Clone)]
pub struct Overview {
    pub counts: OutboxCounts,
    /// Every failed message (up to a limit), newest first.
    pub failed: Vec<MessageLine>,
    /// The latest messages of any status.
    pub recent: Vec<MessageLine>,
}

pub const FAILED_LIMIT: u32 = 200;
pub const RECENT_LIMIT: u32 = 50;

pub async fn overview<S: Store>(store: &S) -> Result<Overview, StoreError> {
    let counts = store.outbox_counts().await?;
    let failed = store
        .list_outbox(Some(OutboxStatus::Failed), None, FAILED_LIMIT)
        .await?;
    let recent = store.list_outbox(None, None, RECENT_LIMIT).await?;
    Ok(Overview {
        counts,
        failed: failed.into_iter().map(MessageLine::new).collect(),
        recent: recent.into_iter().map(MessageLine::new).collect(),
    })
}

/// The messages about one complaint, newest first, for its page.
pub async fn of_complaint<S: Store>(
    store: &S,
    id: ComplaintId,
) -> Result<Vec<MessageLine>, StoreError> {
    Ok(store
        .list_outbox(None, Some(id), 50)
        .await?
        .into_iter()
        .map(MessageLine::new)
        .collect())
}

#[derive(Debug, thiserror::Error)]
pub enum RequeueError {
    #[error("alleen de kwaliteitsmanager kan berichten opnieuw versturen")]
    NotAllowed,
    #[error("dit bericht bestaat niet")]
    NotFound,
    /// Someone else retried it first, or it was never failed.
    #[error("dit bericht is niet (meer) mislukt")]
    NotFailed,
    #[error(transparent)]
    Store(StoreError),
}

/// Puts a failed message back in the queue with fresh attempts, and logs
/// who did it in the Logboek, in one transaction.
pub async fn requeue<S: Store>(
    store: &S,
    by: &User,
    id: uuid::Uuid,
    at: Timestamp,
) -> Result<MessageLine, RequeueError> {
    requeue_one(store, by, id, at).await
}

/// "Alle mislukte opnieuw proberen": puts every failed message back in the
/// queue at once, with one Logboek entry that says how many (none when
/// nothing had failed). A message someone else retried meanwhile is simply
/// not failed any more. Returns how many were put back.
pub async fn requeue_all<S: Store>(
    store: &S,
    by: &User,
    at: Timestamp,
) -> Result<usize, RequeueError> {
    if !may_manage(by) {
        return Err(RequeueError::NotAllowed);
    }
    let audit = |n: u64| AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor: Some(by.id),
        actor_name: by.name.clone(),
        kind: "outbox.requeued_all".into(),
        subject: "alle mislukte berichten".into(),
        details: if n == 1 {
            "1 mislukt bericht opnieuw in de wachtrij gezet (alle mislukte opnieuw proberen)".into()
        } else {
            format!(
                "{n} mislukte berichten opnieuw in de wachtrij gezet (alle mislukte opnieuw proberen)"
            )
        },
    };
    let n = store
        .outbox_requeue_failed(at, audit)
        .await
        .map_err(RequeueError::Store)?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

async fn requeue_one<S: Store>(
    store: &S,
    by: &User,
    id: uuid::Uuid,
    at: Timestamp,
) -> Result<MessageLine, RequeueError> {
    if !may_manage(by) {
        return Err(RequeueError::NotAllowed);
    }
    let message = store
        .outbox_message(id)
        .await
        .map_err(RequeueError::Store)?
        .ok_or(RequeueError::NotFound)?;
    if message.status != OutboxStatus::Failed {
        return Err(RequeueError::NotFailed);
    }
    let line = MessageLine::new(message);
    let audit = AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor: Some(by.id),
        actor_name: by.name.clone(),
        kind: "outbox.requeued".into(),
        subject: format!("{} {id}", line.kind),
        details: format!(
            "Opnieuw in de wachtrij gezet na {}: {}",
            attempts(line.message.attempts),
            line.subject
        ),
    };
    match store
        .admin_change(&AdminChange::RequeueOutbox { id, at }, &audit)
        .await
    {
        Ok(()) => Ok(line),
        Err(StoreError::NotFound) => Err(RequeueError::NotFailed),
        Err(e) => Err(RequeueError::Store(e)),
    }
}

/// "1 mislukte poging", "3 mislukte pogingen".
fn attempts(n: u32) -> String {
    if n == 1 {
        "1 mislukte poging".into()
    } else {
        format!("{n} mislukte pogingen")
    }
}
