//! Plain data of the report queries (dashboard, yearly report, exports).

use klacht_domain::ComplaintId;

use crate::{Cursor, RawEvent};

/// The whole event streams of one page of complaints, in order of receipt
/// (oldest first). `next` continues after the last complaint; none on the
/// last page.
#[derive(Debug, Clone, Default)]
pub struct StreamPage {
    pub streams: Vec<(ComplaintId, Vec<RawEvent>)>,
    pub next: Option<Cursor>,
}
