//! Each complaint's report facts ([`ComplaintFacts`]) as a stored
//! projection (migration 0027), so that the dashboard and the yearly report
//! read one small row per complaint instead of replaying every stream
//! (issue 14 §2: a year of 200,000 complaints in ≤ 2 s).
//!
//! Design:
//! - **Written with the row.** [`crate::complaints::read_model`] computes the
//!   facts wherever it computes the read-model row, and the store writes
//!   both in one statement (intake, every append, a link or handover's
//!   appends, anonymisation, the bulk import): the facts change in the
//!   transaction of the change, and a conflicting append (compare-and-swap
//!   on the version) writes neither.
//! - **Storage form:** serde JSON of [`ComplaintFacts`] in a TEXT column,
//!   beside the row's indexed `received_at` (the period key). About
//!   0.6 kB a complaint; parsing a year's rows costs far less than the
//!   replay it replaces (docs/benchmarks.md). The store never looks inside.
//! - **The calendar.** Facts hold calendar-derived values (the due date of
//!   each step, local days of receipt, closing and waivers), so each row
//!   also stores [`facts_key`]: a hash of the working calendar (time zone,
//!   options, closing days) and of [`FACTS_VERSION`]. The reports ask the
//!   store for the facts of the current key only; rows computed on another
//!   calendar (the administrator changed it, or a write raced that change,
//!   or a new version of this code defines the facts differently) come back
//!   empty and are replayed on the current calendar, exactly as before this
//!   projection. So the figures are always those of the current calendar.
//! - **Existing databases.** The migration only adds nullable columns (no
//!   rewrite; `klacht serve` starts at once). Rows without facts are
//!   replayed by the reports, so the figures are right from the start, and
//!   [`backfill`] (a step of every job round, [`BACKFILL_SLICE`] rows at a
//!   time) fills in missing and stale facts until none are left; the
//!   reports get fast as it goes.

use std::collections::HashMap;

use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::Complaint;
use klacht_domain::stats::ComplaintFacts;
use klacht_store::{FactsUpdate, Store, StoredFacts};
use sha2::{Digest, Sha256};

use super::ReportError;
use crate::complaints::replay;

/// Bump when [`ComplaintFacts`] or its computation changes: every stored
/// row then counts as stale, is replayed by the reports and refilled.
pub const FACTS_VERSION: u32 = 1;

/// Rows the backfill recomputes per job round.
pub const BACKFILL_SLICE: u32 = 2_000;

/// What stored facts were computed on: the facts' version and the working
/// calendar, as 16 hex digits of a SHA-256.
pub fn facts_key(calendar: &WorkingCalendar) -> String {
    let options = calendar.options();
    let tz = calendar.time_zone();
    let zone = tz
        .iana_name()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{tz:?}"));
    let mut h = Sha256::new();
    h.update(format!(
        "v{FACTS_VERSION}|{zone}|{}|{}|",
        options.good_friday, options.liberation_day_yearly
    ));
    for day in &options.extra_closing_days {
        h.update(day.to_string());
        h.update(",");
    }
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The facts of `c` on `calendar`, as stored with its row.
pub fn stored_facts(c: &Complaint, calendar: &WorkingCalendar, key: &str) -> Option<StoredFacts> {
    // Plain data always serialises; should it not, the row is stored
    // without facts and the reports replay it.
    serde_json::to_string(&ComplaintFacts::of(c, calendar))
        .ok()
        .map(|data| StoredFacts {
            key: key.to_owned(),
            data,
        })
}

/// Parses stored facts; `None` (replay instead) when they do not parse.
pub fn parse(data: &str) -> Option<ComplaintFacts> {
    serde_json::from_str(data).ok()
}

/// Recomputes up to `limit` rows whose facts are missing or stale on
/// `calendar` (one query for the ids, one per 500 for their streams, one
/// transaction for the writes). A row appended to in between keeps the
/// facts of its append. Returns how many rows it looked at: fewer than
/// `limit` means none are left.
pub async fn backfill<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    limit: u32,
) -> Result<BackfillReport, ReportError> {
    let key = facts_key(calendar);
    let ids = store.stale_facts(&key, limit).await?;
    if ids.is_empty() {
        return Ok(BackfillReport::default());
    }
    let streams = store.events_of(&ids).await?;
    let mut updates = Vec::with_capacity(streams.len());
    for (id, raw) in &streams {
        let complaint = replay(*id, raw)?;
        if let Some(facts) = stored_facts(&complaint, calendar, &key) {
            updates.push(FactsUpdate {
                id: *id,
                version: complaint.version(),
                facts,
            });
        }
    }
    let written = store.store_facts(&updates).await?;
    Ok(BackfillReport {
        looked_at: ids.len() as u64,
        written,
        more: ids.len() as u64 >= u64::from(limit),
    })
}

/// What one backfill slice did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BackfillReport {
    pub looked_at: u64,
    pub written: u64,
    /// A full slice: there may be more.
    pub more: bool,
}

/// Replays the streams of `ids` on `calendar`, keyed by id (a stream
/// gone in between is left out).
pub(crate) async fn replayed<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    ids: &[klacht_domain::ComplaintId],
) -> Result<HashMap<klacht_domain::ComplaintId, ComplaintFacts>, ReportError> {
    let mut out = HashMap::with_capacity(ids.len());
    for (id, raw) in store.events_of(ids).await? {
        let complaint = replay(id, &raw)?;
        out.insert(id, ComplaintFacts::of(&complaint, calendar));
    }
    Ok(out)
}
