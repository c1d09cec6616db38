//! Figures for the operator's monitoring (`/metrics`): how deep the outbox
//! is, how many complaints stand where against their next term, how busy
//! the connection pools are. Each is one aggregate query over an index, so
//! a scrape stays cheap.

use std::future::Future;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::StoreError;
use crate::outbox::{OutboxKind, OutboxStatus};

/// Unsent messages of one kind and status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxDepth {
    pub kind: OutboxKind,
    /// Pending or failed (sent messages are history, not depth).
    pub status: OutboxStatus,
    pub count: u64,
    /// When the oldest of them was queued.
    pub oldest: Option<Timestamp>,
}

/// Where an open complaint's next term stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NextTerm {
    OnTime,
    DueToday,
    Overdue,
    /// Every term is done; the complaint waits to be closed.
    None,
}

impl NextTerm {
    pub const ALL: [NextTerm; 4] = [
        NextTerm::OnTime,
        NextTerm::DueToday,
        NextTerm::Overdue,
        NextTerm::None,
    ];

    /// The label value in the metrics (matches `TermStatus`' serde names).
    pub fn as_str(self) -> &'static str {
        match self {
            NextTerm::OnTime => "on_time",
            NextTerm::DueToday => "due_today",
            NextTerm::Overdue => "overdue",
            NextTerm::None => "none",
        }
    }
}

/// One connection pool's use at this moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// `main` on PostgreSQL; `writer` and `reader` on SQLite.
    pub pool: &'static str,
    /// Open connections (idle or in use).
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

pub trait MetricsStore: Send + Sync {
    /// Pending and failed messages per kind, with the oldest's age.
    fn outbox_depth(&self) -> impl Future<Output = Result<Vec<OutboxDepth>, StoreError>> + Send;

    /// Open complaints (not signals) per state of their next term on
    /// `today`; every state is present, zero when none.
    fn open_by_next_term(
        &self,
        today: Date,
    ) -> impl Future<Output = Result<Vec<(NextTerm, u64)>, StoreError>> + Send;

    /// The connection pools, without a query.
    fn pool_use(&self) -> Vec<PoolUse>;
}
