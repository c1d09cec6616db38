//! Plain data of the report queries (dashboard, yearly report, exports).

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::ComplaintId;

use crate::{Cursor, FactsPage, FactsUpdate, RawEvent, StoreError};

/// The whole event streams of one page of complaints, in order of receipt
/// (oldest first). `next` continues after the last complaint; none on the
/// last page.
#[derive(Debug, Clone, Default)]
pub struct StreamPage {
    pub streams: Vec<(ComplaintId, Vec<RawEvent>)>,
    pub next: Option<Cursor>,
}

/// Whole histories for the reports and the audit.
pub trait ReportStore: Send + Sync {
    /// The whole event streams of up to `limit` complaints received in
    /// `[received_from, received_before)`, oldest receipt first, after
    /// `after` (keyset). One query per page, so a year is read in a few
    /// queries with bounded memory.
    fn report_streams(
        &self,
        received_from: Timestamp,
        received_before: Timestamp,
        after: Option<Cursor>,
        limit: u32,
    ) -> impl Future<Output = Result<StreamPage, StoreError>> + Send;

    /// The event streams of these complaints (unknown ids are left out),
    /// each in seq order; one query per 500 ids.
    fn events_of(
        &self,
        ids: &[ComplaintId],
    ) -> impl Future<Output = Result<Vec<(ComplaintId, Vec<RawEvent>)>, StoreError>> + Send;

    /// The stored report facts of up to `limit` complaints received in
    /// `[received_from, received_before)`, oldest receipt first, after
    /// `after` (keyset on the receipt index). A row's facts are `None`
    /// when it has none or they were computed on another key than `key`:
    /// the caller replays those. One query per page.
    fn report_facts(
        &self,
        key: &str,
        received_from: Timestamp,
        received_before: Timestamp,
        after: Option<Cursor>,
        limit: u32,
    ) -> impl Future<Output = Result<FactsPage, StoreError>> + Send;

    /// Up to `limit` complaints whose facts are missing or were computed
    /// on another key than `key` (an index range, no table scan).
    fn stale_facts(
        &self,
        key: &str,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ComplaintId>, StoreError>> + Send;

    /// Writes freshly computed facts, each only while its row is still at
    /// the version they were computed from (an append in between wrote its
    /// own); one transaction. Returns how many rows were written.
    fn store_facts(
        &self,
        updates: &[FactsUpdate],
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
}
