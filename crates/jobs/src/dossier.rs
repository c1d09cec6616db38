//! The dossier's step of every round: files closed complaints that are not
//! in the dossier yet, and anonymises complaints whose retention period has
//! passed (AVG/GDPR).
//!
//! Closing files the complaint itself (pages and API); this step catches up
//! after a failure or a crash. After start-up the rounds look at every
//! closed complaint (closed ones of an earlier version, the demo, an
//! import), oldest first and `PER_ROUND` at a time, until one finds fewer;
//! from then on only at the last week's. Bounded, because every filing
//! renders a PDF: an import of a hundred thousand closed complaints must
//! not hold up the mail of the rounds for hours (issue 14). Retention runs at most once an
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
            last_retention: Mutex::new(None),
        }
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
        let catching_up = !self.caught_up.load(Ordering::Relaxed);
        let since = if catching_up {
            None
        } else {
            now.checked_sub(RECENT).ok()
        };
        let filed =
            dossier::file_pending(store, &self.letterhead, &calendar, since, PER_ROUND, now)
                .await
                .map_err(|e| e.to_string())?;
        if filed.filed.len() + filed.failed.len() < PER_ROUND as usize {
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
