//! The durable outbox: messages to the outside world (e-mail, the Exact
//! registration) written in the same transaction as the change that causes
//! them, and delivered afterwards by a worker with retries.

use std::fmt;
use std::future::Future;
use std::str::FromStr;

use jiff::Timestamp;
use klacht_domain::{ComplaintId, ParseError, RefusalCode};

use crate::StoreError;

/// What a message is, and so which worker delivers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxKind {
    /// An e-mail, payload: the rendered message as JSON.
    Mail,
    /// A registration of a closed complaint in Exact.
    Exact,
}

impl OutboxKind {
    pub const ALL: [OutboxKind; 2] = [OutboxKind::Mail, OutboxKind::Exact];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Mail => "mail",
            OutboxKind::Exact => "exact",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OutboxKind::Mail => "e-mail",
            OutboxKind::Exact => "registratie in Exact",
        }
    }
}

impl fmt::Display for OutboxKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutboxKind {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OutboxKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| ParseError::new(RefusalCode::UnknownMessageKind.text("input", s)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxStatus {
    /// Waiting for (another) delivery attempt.
    Pending,
    Sent,
    /// Every attempt failed; waits for someone to retry it.
    Failed,
}

impl OutboxStatus {
    pub const ALL: [OutboxStatus; 3] = [
        OutboxStatus::Pending,
        OutboxStatus::Sent,
        OutboxStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "in de wachtrij",
            OutboxStatus::Sent => "verzonden",
            OutboxStatus::Failed => "mislukt",
        }
    }
}

impl FromStr for OutboxStatus {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OutboxStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| ParseError::new(RefusalCode::UnknownStatus.text("input", s)))
    }
}

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboxMessage {
    /// Also the idempotency key towards the receiver (Message-ID, Exact).
    pub id: uuid::Uuid,
    pub kind: OutboxKind,
    /// When set, a second message with the same key is silently dropped:
    /// scheduling the same reminder twice (or from two instances) queues
    /// it once.
    pub dedupe_key: Option<String>,
    pub complaint_id: Option<ComplaintId>,
    /// What to deliver, as JSON; its shape belongs to the kind's worker.
    pub payload: String,
    pub created_at: Timestamp,
    /// Not delivered before this moment.
    pub available_at: Timestamp,
}

impl NewOutboxMessage {
    /// A message to deliver as soon as possible.
    pub fn now(kind: OutboxKind, payload: String, at: Timestamp) -> Self {
        Self {
            id: uuid::Uuid::now_v7(),
            kind,
            dedupe_key: None,
            complaint_id: None,
            payload,
            created_at: at,
            available_at: at,
        }
    }

    pub fn about(mut self, complaint: ComplaintId) -> Self {
        self.complaint_id = Some(complaint);
        self
    }

    pub fn dedupe(mut self, key: impl Into<String>) -> Self {
        self.dedupe_key = Some(key.into());
        self
    }
}

/// A queued message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: uuid::Uuid,
    pub kind: OutboxKind,
    pub dedupe_key: Option<String>,
    pub complaint_id: Option<ComplaintId>,
    pub payload: String,
    pub status: OutboxStatus,
    /// Delivery attempts started so far (a claim counts as one).
    pub attempts: u32,
    pub created_at: Timestamp,
    pub available_at: Timestamp,
    pub last_error: Option<String>,
    pub sent_at: Option<Timestamp>,
    /// What the receiver answered on success (an Exact id, the SMTP reply).
    pub result: Option<String>,
}

/// How many messages there are per status, for the quality manager's view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: u64,
    pub sent: u64,
    pub failed: u64,
}

/// The durable outbox: mail and Exact registrations queued in the
/// transaction of the change that causes them, claimed under a lease.
pub trait OutboxStore: Send + Sync {
    /// Queues messages on their own (reminders, digests); those whose
    /// dedupe key is already queued are left out. Returns how many were
    /// queued. Messages caused by a complaint's change go with
    /// [`Store::append`] or [`Store::create_complaint`] instead.
    fn enqueue(
        &self,
        messages: &[NewOutboxMessage],
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Claims up to `limit` pending messages of `kind` that are due at
    /// `now`: each gets one more attempt and is hidden from other workers
    /// until `lease_until`, after which an unfinished one (its worker died)
    /// is claimed again. On PostgreSQL several instances claim side by
    /// side without waiting for each other (`FOR UPDATE SKIP LOCKED`).
    fn claim_outbox(
        &self,
        kind: OutboxKind,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<OutboxMessage>, StoreError>> + Send;

    fn outbox_sent(
        &self,
        id: uuid::Uuid,
        at: Timestamp,
        result: Option<&str>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A failed attempt that will be retried at `next_attempt`.
    fn outbox_retry_at(
        &self,
        id: uuid::Uuid,
        error: &str,
        next_attempt: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The last attempt failed: the message waits for someone to retry it.
    fn outbox_failed(
        &self,
        id: uuid::Uuid,
        error: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Puts a failed message back in the queue with fresh attempts; false
    /// when it is not (or no longer) failed.
    fn outbox_requeue(
        &self,
        id: uuid::Uuid,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Puts every failed message back in the queue with fresh attempts,
    /// in one transaction with one Logboek entry, `audit` of how many;
    /// none when nothing had failed. Returns how many were put back.
    fn outbox_requeue_failed<F>(
        &self,
        now: Timestamp,
        audit: F,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send
    where
        F: FnOnce(u64) -> crate::AuditEntry + Send;

    fn outbox_message(
        &self,
        id: uuid::Uuid,
    ) -> impl Future<Output = Result<Option<OutboxMessage>, StoreError>> + Send;

    /// Newest first, optionally of one status and/or one complaint.
    fn list_outbox(
        &self,
        status: Option<OutboxStatus>,
        complaint: Option<ComplaintId>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<OutboxMessage>, StoreError>> + Send;

    fn outbox_counts(&self) -> impl Future<Output = Result<OutboxCounts, StoreError>> + Send;
}
