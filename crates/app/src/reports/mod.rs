//! Reports: the dashboard's figures, the yearly complaint report (HTML and
//! PDF) and the exports of the complaint list (CSV, XLSX).
//!
//! Figures are computed by the pure `klacht_domain::stats` over facts
//! rows; this module reads the stored facts of a period from the store a
//! page at a time (one query per page) and replays only the complaints
//! whose facts are missing or stale (see [`facts`]).

pub mod charts;
pub mod export;
pub mod facts;
pub mod rich;
pub mod view;
pub mod yearly;

use jiff::ToSpan;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::stats::{ComplaintFacts, Period, Stats, Tally};
use klacht_store::{Cursor, Store, StoreError};

use crate::complaints::ServiceError;
use crate::kept::{KeptMap, Outdated, Stamp};

/// Complaints read per query.
pub const PAGE: u32 = 500;

/// Stored facts rows read per query (small rows, one index range).
pub const FACTS_PAGE: u32 = 5_000;

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
/// first: the stored facts where they were computed on this calendar, a
/// replay of the stream for the others (rows from before migration 0027
/// until the backfill reaches them, or after a calendar change).
pub async fn facts_of_period<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    period: &Period,
) -> Result<Vec<ComplaintFacts>, ReportError> {
    let mut out = Vec::new();
    for_each_fact_of_period(store, calendar, period, |f| out.push(f)).await?;
    Ok(out)
}

/// Hands the facts of [`facts_of_period`] to `each`, in the same order,
/// one page of [`FACTS_PAGE`] rows in memory at a time: a year of a large
/// organisation is 200,000 rows, each with its own strings and lists.
pub async fn for_each_fact_of_period<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    period: &Period,
    mut each: impl FnMut(ComplaintFacts) + Send,
) -> Result<(), ReportError> {
    let (from, before) = period_bounds(period, calendar)?;
    let key = facts::facts_key(calendar);
    let mut after: Option<Cursor> = None;
    loop {
        let page = store
            .report_facts(&key, from, before, after, FACTS_PAGE)
            .await?;
        let rows: Vec<Result<ComplaintFacts, klacht_domain::ComplaintId>> = page
            .rows
            .iter()
            .map(|row| row.facts.as_deref().and_then(facts::parse).ok_or(row.id))
            .collect();
        let missing: Vec<_> = rows
            .iter()
            .filter_map(|r| r.as_ref().err().copied())
            .collect();
        let mut replayed = if missing.is_empty() {
            Default::default()
        } else {
            facts::replayed(store, calendar, &missing).await?
        };
        for row in rows {
            match row {
                Ok(f) => each(f),
                // Gone in between (retention): not counted.
                Err(id) => replayed.remove(&id).into_iter().for_each(&mut each),
            }
        }
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(()),
        }
    }
}

/// The facts of every complaint and signal received in `period`, oldest
/// first, each replayed from its stream, ignoring the stored facts: what
/// [`facts_of_period`] must equal (the tests compare them). Reads whole
/// streams, [`PAGE`] complaints per query.
pub async fn facts_of_period_by_replay<S: Store>(
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
            let complaint = crate::complaints::replay(*id, raw)?;
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
    let mut tally = Tally::new(period, today);
    for_each_fact_of_period(store, calendar, period, |f| tally.add(&f)).await?;
    Ok(tally.finish())
}

/// How long figures computed here are shown when nothing changed on this
/// instance.
pub const FIGURES_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// The dashboard's figures per period and the yearly report per year,
/// kept between views when computing them was slow
/// ([`crate::kept::KeptMap::slow_only`]): at a million complaints a year's
/// figures read 200,000 rows of facts, seconds of work, and a director
/// opening the dashboard twice should not wait twice. While a change is
/// computed again in the background, the previous figures are shown.
#[derive(Debug)]
pub struct FiguresCache {
    stats: std::sync::Arc<KeptStats>,
    /// Per year and language: the report carries its words.
    years: KeptMap<(i16, klacht_domain::Language), yearly::YearReport>,
}

impl Default for FiguresCache {
    fn default() -> Self {
        Self {
            stats: std::sync::Arc::new(KeptMap::slow_only()),
            years: KeptMap::slow_only(),
        }
    }
}

impl FiguresCache {
    /// [`stats`] of `period`, kept while `generation` (the instance's
    /// change count) and the day stand.
    pub async fn stats<S: Store>(
        &self,
        store: &S,
        calendar: &WorkingCalendar,
        period: &Period,
        today: Date,
        generation: u64,
    ) -> Result<std::sync::Arc<Stats>, ReportError> {
        kept(&self.stats, store, calendar, period, today, generation).await
    }

    /// [`yearly::year_report`] of `year` in the words of `t`, kept like
    /// [`Self::stats`].
    #[allow(clippy::too_many_arguments)]
    pub async fn year_report<S: Store>(
        &self,
        store: &S,
        calendar: &WorkingCalendar,
        organisation: &str,
        year: i16,
        today: Date,
        generation: u64,
        t: klacht_i18n::Tr,
    ) -> Result<std::sync::Arc<yearly::YearReport>, ReportError> {
        let (store, calendar, organisation) =
            (store.clone(), calendar.clone(), organisation.to_owned());
        let kept_stats = self.stats.clone();
        self.years
            .of((year, t.language()))
            .get(
                Stamp { today, generation },
                FIGURES_MAX_AGE,
                Outdated::Serve,
                move || async move {
                    // The year's figures are the dashboard's: computed once
                    // for both.
                    let period = Period::year(year);
                    let stats =
                        kept(&kept_stats, &store, &calendar, &period, today, generation).await?;
                    let stats = Stats::clone(&stats);
                    yearly::year_report_of(&store, &calendar, &organisation, year, stats, t).await
                },
            )
            .await
    }
}

/// The figures per period, kept when slow.
type KeptStats = KeptMap<(Date, Date), Stats>;

/// [`stats`] of `period` from `kept`, computed when not kept or outdated.
async fn kept<S: Store>(
    kept: &KeptStats,
    store: &S,
    calendar: &WorkingCalendar,
    period: &Period,
    today: Date,
    generation: u64,
) -> Result<std::sync::Arc<Stats>, ReportError> {
    let (store, calendar, owned) = (store.clone(), calendar.clone(), period.clone());
    kept.of((period.from, period.to))
        .get(
            Stamp { today, generation },
            FIGURES_MAX_AGE,
            Outdated::Serve,
            move || async move { stats(&store, &calendar, &owned, today).await },
        )
        .await
}

/// Runs CPU-heavy work (PDF layout, XLSX packing) off the async threads.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ReportError> + Send + 'static,
) -> Result<T, ReportError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ReportError::Join(e.to_string()))?
}
