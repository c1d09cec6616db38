//! The durable outbox: messages to the outside world (e-mail, the Exact
//! registration) written in the same transaction as the change that causes
//! them, and delivered afterwards by a worker with retries.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use klacht_domain::{ComplaintId, ParseError};

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
            .ok_or_else(|| ParseError(format!("onbekend soort bericht '{s}'")))
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
            .ok_or_else(|| ParseError(format!("onbekende status '{s}'")))
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
