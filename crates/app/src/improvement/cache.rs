//! The open patterns, computed once for many page views. Detection reads
//! every complaint of a year (the window and the windows before it): at a
//! million complaints hundreds of thousands of streams' intakes, while every
//! staff page of the quality manager counts her work queue, patterns
//! included. The result is kept until something changes.
//!
//! What counts as a change: every state-changing request this instance
//! answered ([`PatternCache::changed`], called by the web layer for each
//! POST), a new day, and — for what this instance cannot see (another
//! instance on the same PostgreSQL, the background jobs' mailbox intake) —
//! the age limit [`PatternCache::new`] is given. Patterns describe weeks of
//! complaints; a minute's delay for a change made elsewhere is not one a
//! quality manager can notice, and her own decisions show at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::patterns::PatternRules;
use klacht_store::Store;

use super::{FlaggedPattern, ImprovementServiceError, open_patterns};
use crate::kept::{Kept, Outdated, Stamp};

/// How long patterns computed here stay when nothing changed on this
/// instance.
pub const PATTERNS_MAX_AGE: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct PatternCache {
    rules: PatternRules,
    max_age: Duration,
    changes: AtomicU64,
    kept: Arc<Kept<Vec<FlaggedPattern>>>,
}

impl PatternCache {
    pub fn new(rules: PatternRules, max_age: Duration) -> Self {
        Self {
            rules,
            max_age,
            changes: AtomicU64::new(0),
            kept: Arc::default(),
        }
    }

    /// The rules patterns are detected by.
    pub fn rules(&self) -> &PatternRules {
        &self.rules
    }

    /// Something may have changed: the next view computes again.
    pub fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
    }

    /// How many changes were counted: what other caches of this instance
    /// ([`crate::work_queue::QueueCache`]) compare to know theirs are
    /// current.
    pub fn generation(&self) -> u64 {
        self.changes.load(Ordering::SeqCst)
    }

    /// The patterns that wait for a decision on `today`, as
    /// [`open_patterns`] finds them; `outdated` says whether a slow
    /// computation's older result may answer meanwhile (see
    /// [`crate::kept`]).
    pub async fn open_patterns<S: Store>(
        &self,
        store: &S,
        calendar: &WorkingCalendar,
        today: Date,
        outdated: Outdated,
    ) -> Result<Arc<Vec<FlaggedPattern>>, ImprovementServiceError> {
        let stamp = Stamp {
            today,
            generation: self.generation(),
        };
        let (store, calendar, rules) = (store.clone(), calendar.clone(), self.rules);
        self.kept
            .get(stamp, self.max_age, outdated, move || async move {
                open_patterns(&store, &calendar, &rules, today).await
            })
            .await
    }
}

impl Default for PatternCache {
    fn default() -> Self {
        Self::new(PatternRules::default(), PATTERNS_MAX_AGE)
    }
}
