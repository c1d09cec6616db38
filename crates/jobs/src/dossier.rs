//! The dossier's step of every round: files closed complaints that are not
//! in the dossier yet, and anonymises complaints whose retention period has
//! passed (AVG/GDPR).
//!
//! Closing files the complaint itself (pages and API); this step catches up
//! after a failure or a crash. The first round after start-up looks at
//! every closed complaint (closed ones of an earlier version, the demo);
//! later rounds only at the last week's. Inside `klacht serve` the catch-up
//! goes in slices ([`DossierJob::in_slices`]), one per round with the next
//! round at once: rendering a backlog of forms would otherwise hold up the
//! first round's mail for as long as it takes (with several instances
//! starting together, on every one of them). Retention runs at most once an
//! hour: it is idempotent and every instance may run it, the log and the
//! version check keep an anonymisation from happening twice.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use jiff::{SignedDuration, Timestamp};
use klacht_app::documents::Letterhead;
use klacht_app::{dossier, retention};
use klacht_domain::calendar::WorkingCalendar;
use klacht_store::Store;

/// How far back later rounds look for unfiled closed complaints.
const RECENT: SignedDuration = SignedDuration::from_hours(7 * 24);
/// Complaints filed per round at most (each renders a PDF).
const PER_ROUND: u32 = 50;
/// How often retention runs.
const RETENTION_EVERY: SignedDuration = SignedDuration::from_hours(1);

/// What the dossier step did in one round.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DossierReport {
    pub filed: u32,
    pub anonymised: u32,
    /// Complaints that could not be filed or anonymised (logged; tried
    /// again in a later round).
    pub failed: u32,
    /// The catch-up filed a full slice: more may wait.
    pub more_due: bool,
}

impl DossierReport {
    pub fn is_empty(&self) -> bool {
        self.filed == 0 && self.anonymised == 0 && self.failed == 0
    }
}

/// The dossier step and what it needs.
pub struct DossierJob {
    letterhead: Letterhead,
    calendar: WorkingCalendar,
    retention_years: u32,
    caught_up: AtomicBool,
    /// Complaints filed per round while catching up; `None`: all of them
    /// in the first round (`klacht jobs run-once`).
    catch_up_slice: Option<u32>,
    last_retention: Mutex<Option<Timestamp>>,
}

impl DossierJob {
    /// `calendar` is the configuration's; the administrator's additions
    /// are read from the store every round.
    pub fn new(letterhead: Letterhead, calendar: WorkingCalendar, retention_years: u32) -> Self {
        Self {
            letterhead,
            calendar,
            retention_years,
            caught_up: AtomicBool::new(false),
            catch_up_slice: None,
            last_retention: Mutex::new(None),
        }
    }

    /// Catches up `slice` complaints per round, reporting
    /// [`DossierReport::more_due`] while a slice was full.
    pub fn in_slices(mut self, slice: u32) -> Self {
        self.catch_up_slice = Some(slice.max(1));
        self
    }

    /// Leaves the backlog of older closed complaints to `klacht dossier`:
    /// every round, the first too, files only the recent ones.
    pub fn without_catch_up(self) -> Self {
        self.caught_up.store(true, Ordering::Relaxed);
        self
    }

    fn retention_due(&self, now: Timestamp) -> bool {
        let Ok(mut last) = self.last_retention.lock() else {
            return true;
        };
        match *last {
            Some(at) if now.duration_since(at) < RETENTION_EVERY && now >= at => false,
            _ => {
                *last = Some(now);
                true
            }
        }
    }

    /// One round as of `now`.
    pub async fn run<S: Store>(&self, store: &S, now: Timestamp) -> Result<DossierReport, String> {
        let mut report = DossierReport::default();
        let calendar = klacht_app::calendar::current(store, &self.calendar)
            .await
            .map_err(|e| e.to_string())?;
        let first = !self.caught_up.load(Ordering::Relaxed);
        let since = if first {
            None
        } else {
            now.checked_sub(RECENT).ok()
        };
        let limit = match (first, self.catch_up_slice) {
            (true, Some(slice)) => slice,
            (true, None) => 100_000,
            (false, _) => PER_ROUND,
        };
        let filed = dossier::file_pending(store, &self.letterhead, &calendar, since, limit, now)
            .await
            .map_err(|e| e.to_string())?;
        // Caught up once a slice is not full, or when none of it could be
        // filed (those are tried again in the weekly look-back, as before).
        // Complaints another instance filed meanwhile count as progress.
        let full = filed.candidates >= limit as usize && filed.failed.len() < filed.candidates;
        if first && full {
            report.more_due = true;
        } else {
            self.caught_up.store(true, Ordering::Relaxed);
        }
        report.filed = u32::try_from(filed.filed.len()).unwrap_or(u32::MAX);
        report.failed = u32::try_from(filed.failed.len()).unwrap_or(u32::MAX);

        if self.retention_due(now) {
            let done = retention::run(
                store,
                &self.letterhead,
                &calendar,
                self.retention_years,
                now,
                "system",
            )
            .await
            .map_err(|e| e.to_string())?;
            report.anonymised = u32::try_from(done.anonymised.len()).unwrap_or(u32::MAX);
            report.failed += u32::try_from(done.failed.len()).unwrap_or(u32::MAX);
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_runs_at_most_once_an_hour() {
        let job = DossierJob::new(
            Letterhead::new("Focus"),
            WorkingCalendar::netherlands_default(),
            2,
        );
        let t: Timestamp = "2026-04-24T08:00:00Z".parse().expect("instant");
        assert!(job.retention_due(t));
        assert!(!job.retention_due(t + SignedDuration::from_mins(59)));
        assert!(job.retention_due(t + SignedDuration::from_mins(61)));
        // A clock that went back does not stop it for good.
        assert!(job.retention_due(t));
    }
}
