//! Plain data of the report queries (dashboard, yearly report, exports).

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::ComplaintId;

use crate::{Cursor, RawEvent, StoreError};

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
}
