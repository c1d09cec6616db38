//! Loading many complaints at once (`klacht demo --complaints N`, issue
//! 14): the same rows, events, seals and participants as an intake, written
//! with multi-row statements in one transaction per batch instead of one
//! transaction per complaint. See `sql/bulk.rs`.

use std::future::Future;

use crate::{NewStream, StoreError};

pub trait BulkStore: Send + Sync {
    /// Hands out `count` reference numbers of `year` at once and returns
    /// the first; the caller numbers its streams from it.
    fn reserve_references(
        &self,
        year: i16,
        count: u32,
    ) -> impl Future<Output = Result<u32, StoreError>> + Send;

    /// Stores complete streams (read-model row, events, their hash chain
    /// from the first event on, participants, tracking code, outbox) in one
    /// transaction. The references must come from [`Self::reserve_references`].
    fn import_streams(
        &self,
        streams: &[NewStream],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// After a large import: gathers the planner's statistics at once
    /// instead of waiting for autovacuum (PostgreSQL `ANALYZE`). Until
    /// then PostgreSQL plans a million-row table as if it were empty: the
    /// quality manager's patterns took 770 ms a page instead of 30 ms.
    /// SQLite keeps no statistics unless asked, and its queries are
    /// written for that: nothing to do.
    fn refresh_statistics(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
}
