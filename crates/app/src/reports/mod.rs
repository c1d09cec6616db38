//! Reports: the dashboard's figures, the yearly complaint report (HTML and
//! PDF) and the exports of the complaint list (CSV, XLSX).
//!
//! Figures are computed by the pure `klacht_domain::stats` over facts
//! rows; this module reads the complaints of a period from the store a
//! page at a time (one query per page), replays each once and keeps only
//! its small facts row.

pub mod charts;
pub mod export;
pub mod view;
pub mod yearly;

use jiff::ToSpan;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::stats::{ComplaintFacts, Period, Stats};
use klacht_store::{Cursor, Store, StoreError};

use crate::complaints::{ServiceError, replay};

/// Complaints read per query.
pub const PAGE: u32 = 500;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("de periode {0} ligt buiten het bereik van de kalender")]
    Period(String),
    /// The export would be larger than we build in one go.
    #[error(
        "De selectie bevat meer dan {limit} klachten; dat is te veel voor één export. Kies een kortere periode of meer filters."
    )]
    TooMany { limit: usize },
    #[error("PDF maken mislukt: {0}")]
    Pdf(#[from] klacht_pdf::PdfError),
    #[error("export maken mislukt: {0}")]
    Export(String),
    #[error("achtergrondtaak afgebroken: {0}")]
    Join(String),
}

/// The instants `[from, before)` of a period's whole days in `calendar`'s
/// time zone.
pub fn period_bounds(
    period: &Period,
    calendar: &WorkingCalendar,
) -> Result<(jiff::Timestamp, jiff::Timestamp), ReportError> {
    let tz = calendar.time_zone();
    let bad = || ReportError::Period(period.label.clone());
    let start = |d: Date| d.to_zoned(tz.clone()).map(|z| z.timestamp());
    let from = start(period.from).map_err(|_| bad())?;
    let next = period.to.checked_add(1.day()).map_err(|_| bad())?;
    let before = start(next).map_err(|_| bad())?;
    Ok((from, before))
}

/// The facts of every complaint and signal received in `period`, oldest
/// first.
pub async fn facts_of_period<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    period: &Period,
) -> Result<Vec<ComplaintFacts>, ReportError> {
    let (from, before) = period_bounds(period, calendar)?;
    let mut facts = Vec::new();
    let mut after: Option<Cursor> = None;
    loop {
        let page = store.report_streams(from, before, after, PAGE).await?;
        for (id, raw) in &page.streams {
            let complaint = replay(*id, raw)?;
            facts.push(ComplaintFacts::of(&complaint, calendar));
        }
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(facts),
        }
    }
}

/// Every figure of `period`, with overdue steps measured on `today`.
pub async fn stats<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    period: &Period,
    today: Date,
) -> Result<Stats, ReportError> {
    let facts = facts_of_period(store, calendar, period).await?;
    Ok(Stats::compute(&facts, period, today))
}

/// Runs CPU-heavy work (PDF layout, XLSX packing) off the async threads.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ReportError> + Send + 'static,
) -> Result<T, ReportError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ReportError::Join(e.to_string()))?
}
