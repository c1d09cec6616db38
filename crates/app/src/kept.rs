//! A value computed once for many page views: the work queue in every
//! staff page's header, the open patterns, the dashboard's figures. At a
//! million complaints each takes seconds to compute, and a burst of views
//! must not compute it once per view.
//!
//! A kept value is *current* while the [`Stamp`] it was computed under
//! stands (the same day, no change counted on this instance since) and it
//! is younger than the caller's age limit (changes this instance cannot
//! see: another instance, the background jobs). Then:
//! - one computation at a time (single flight): views that arrive while it
//!   runs wait for its result instead of starting their own;
//! - with [`Outdated::Serve`], a value of the same day that is no longer
//!   current is still answered at once *when computing it was slow*
//!   ([`SLOW`]), and computed again in the background. Small organisations
//!   (and the tests) never see a value older than their last counted
//!   change: their computations are fast, so they wait for the fresh one;
//! - with [`Outdated::Wait`] a fast value is computed for every view, and
//!   a slow one is answered only while current.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jiff::civil::Date;

/// A computation that took at least this long is "slow": its outdated
/// value may be served while it runs again.
pub const SLOW: Duration = Duration::from_millis(500);

/// What a kept value was computed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub today: Date,
    /// The instance's change count when the computation started.
    pub generation: u64,
}

/// What a view may be answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outdated {
    /// The current value: the page shows the result of every change (the
    /// start page's list, the pattern decisions). A kept value only when
    /// computing it is slow, and then only while it is current; a fast one
    /// is computed for the view, so that even a change this instance did
    /// not count (the background jobs, another instance) shows at once.
    Wait,
    /// Answer it when its computation was slow, and compute it again in
    /// the background (the header's count, figures).
    Serve,
}

#[derive(Debug)]
struct Entry<V> {
    stamp: Stamp,
    at: Instant,
    took: Duration,
    value: Arc<V>,
}

/// One kept value. Share it in an `Arc`.
#[derive(Debug)]
pub struct Kept<V> {
    entry: Mutex<Option<Entry<V>>>,
    /// Held while computing.
    flight: Arc<tokio::sync::Mutex<()>>,
    slow_only: bool,
}

impl<V> Default for Kept<V> {
    fn default() -> Self {
        Self {
            entry: Mutex::new(None),
            flight: Arc::default(),
            slow_only: false,
        }
    }
}

impl<V> Kept<V> {
    /// Keeps only values whose computation was slow ([`SLOW`]): a fast one
    /// is computed for every view, so that it is never behind a change
    /// this instance did not count (one written straight to the database).
    pub fn slow_only() -> Self {
        Self {
            slow_only: true,
            ..Self::default()
        }
    }
}

impl<V: Send + Sync + 'static> Kept<V> {
    /// The value of `stamp`: kept, or computed by `compute` (a future that
    /// owns what it needs, so that it can also run in the background).
    pub async fn get<E, Fut>(
        self: &Arc<Self>,
        stamp: Stamp,
        max_age: Duration,
        outdated: Outdated,
        compute: impl FnOnce() -> Fut,
    ) -> Result<Arc<V>, E>
    where
        E: std::fmt::Display + Send + 'static,
        Fut: Future<Output = Result<V, E>> + Send + 'static,
    {
        let arrived = Instant::now();
        match self.lookup(stamp, max_age, outdated) {
            Lookup::Current(v) => return Ok(v),
            Lookup::Outdated(v) if outdated == Outdated::Serve => {
                self.refresh_in_background(stamp, compute());
                return Ok(v);
            }
            _ => {}
        }
        let _flight = self.flight.lock().await;
        // Someone else may have computed it while this view waited: a
        // computation that started after the view arrived saw every change
        // the view could ask to see, fast or not.
        if let Some(v) = self.started_since(stamp, arrived) {
            return Ok(v);
        }
        if let Lookup::Current(v) = self.lookup(stamp, max_age, outdated) {
            return Ok(v);
        }
        self.compute(stamp, compute()).await
    }

    /// As [`Outdated::Serve`], for a view that shows the value only as a
    /// help (the header's count): when there is none of `stamp`'s day to
    /// answer, the computation starts in the background and the view waits
    /// for it at most `grace`. `None`: not ready; a later view has it.
    pub async fn within<E, Fut>(
        self: &Arc<Self>,
        stamp: Stamp,
        max_age: Duration,
        grace: Duration,
        compute: impl FnOnce() -> Fut,
    ) -> Option<Arc<V>>
    where
        E: std::fmt::Display + Send + 'static,
        Fut: Future<Output = Result<V, E>> + Send + 'static,
    {
        match self.lookup(stamp, max_age, Outdated::Serve) {
            Lookup::Current(v) => return Some(v),
            Lookup::Outdated(v) => {
                self.refresh_in_background(stamp, compute());
                return Some(v);
            }
            Lookup::Missing => {}
        }
        let kept = self.clone();
        let work = compute();
        // Spawned, so that it goes on when the view stops waiting; views
        // meanwhile queue behind its flight and take its value.
        let computing = tokio::spawn(async move {
            match kept
                .get(stamp, max_age, Outdated::Serve, move || work)
                .await
            {
                Ok(v) => Some(v),
                Err(e) => {
                    tracing::warn!(error = %e, "kept value not computed");
                    None
                }
            }
        });
        tokio::time::timeout(grace, computing)
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
    }

    /// The value whose computation started at `arrived` or later, under
    /// `stamp` or a later change of the same day.
    fn started_since(&self, stamp: Stamp, arrived: Instant) -> Option<Arc<V>> {
        let entry = self.entry.lock().unwrap_or_else(|e| e.into_inner());
        entry
            .as_ref()
            .filter(|e| {
                e.at >= arrived
                    && e.stamp.today == stamp.today
                    && e.stamp.generation >= stamp.generation
            })
            .map(|e| e.value.clone())
    }

    fn lookup(&self, stamp: Stamp, max_age: Duration, outdated: Outdated) -> Lookup<V> {
        let entry = self.entry.lock().unwrap_or_else(|e| e.into_inner());
        let keep_fast = !self.slow_only && outdated == Outdated::Serve;
        match entry.as_ref() {
            Some(e) if !keep_fast && e.took < SLOW => Lookup::Missing,
            Some(e) if e.stamp == stamp && e.at.elapsed() < max_age => {
                Lookup::Current(e.value.clone())
            }
            Some(e) if e.stamp.today == stamp.today && e.took >= SLOW => {
                Lookup::Outdated(e.value.clone())
            }
            _ => Lookup::Missing,
        }
    }

    async fn compute<E>(
        &self,
        stamp: Stamp,
        work: impl Future<Output = Result<V, E>>,
    ) -> Result<Arc<V>, E> {
        let at = Instant::now();
        let value = Arc::new(work.await?);
        *self.entry.lock().unwrap_or_else(|e| e.into_inner()) = Some(Entry {
            stamp,
            at,
            took: at.elapsed(),
            value: value.clone(),
        });
        Ok(value)
    }

    /// Starts `work` unless a computation runs already (it will do).
    fn refresh_in_background<E, Fut>(self: &Arc<Self>, stamp: Stamp, work: Fut)
    where
        E: std::fmt::Display + Send + 'static,
        Fut: Future<Output = Result<V, E>> + Send + 'static,
    {
        let Ok(flight) = self.flight.clone().try_lock_owned() else {
            return;
        };
        let kept = self.clone();
        tokio::spawn(async move {
            let _flight = flight;
            if let Err(e) = kept.compute(stamp, work).await {
                tracing::warn!(error = %e, "kept value not computed again; the old one stays");
            }
        });
    }
}

/// A [`Kept`] value per key (per user, per period).
#[derive(Debug)]
pub struct KeptMap<K, V> {
    values: Mutex<std::collections::HashMap<K, Arc<Kept<V>>>>,
    slow_only: bool,
}

impl<K, V> Default for KeptMap<K, V> {
    fn default() -> Self {
        Self {
            values: Mutex::default(),
            slow_only: false,
        }
    }
}

impl<K: std::hash::Hash + Eq, V: Send + Sync + 'static> KeptMap<K, V> {
    /// Each key's value kept only when slow (see [`Kept::slow_only`]).
    pub fn slow_only() -> Self {
        Self {
            slow_only: true,
            ..Self::default()
        }
    }

    /// The kept value of `key`, made on first use.
    pub fn of(&self, key: K) -> Arc<Kept<V>> {
        let slow_only = self.slow_only;
        self.values
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_insert_with(|| {
                Arc::new(if slow_only {
                    Kept::slow_only()
                } else {
                    Kept::default()
                })
            })
            .clone()
    }
}

enum Lookup<V> {
    Current(Arc<V>),
    Outdated(Arc<V>),
    Missing,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn stamp(generation: u64) -> Stamp {
        Stamp {
            today: jiff::civil::date(2026, 12, 7),
            generation,
        }
    }

    const AGE: Duration = Duration::from_secs(60);

    async fn counted(
        kept: &Arc<Kept<u32>>,
        runs: &Arc<AtomicU32>,
        s: Stamp,
        outdated: Outdated,
        pause: Duration,
    ) -> u32 {
        let runs = runs.clone();
        let v: Result<_, String> = kept
            .get(s, AGE, outdated, move || async move {
                tokio::time::sleep(pause).await;
                Ok(runs.fetch_add(1, Ordering::SeqCst) + 1)
            })
            .await;
        *v.expect("computed")
    }

    #[tokio::test]
    async fn a_burst_of_views_computes_once() {
        let kept = Arc::new(Kept::default());
        let runs = Arc::new(AtomicU32::new(0));
        let mut views = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (kept, runs) = (kept.clone(), runs.clone());
            views.spawn(async move {
                let pause = Duration::from_millis(50);
                counted(&kept, &runs, stamp(1), Outdated::Serve, pause).await
            });
        }
        let seen = views.join_all().await;
        assert_eq!(seen, vec![1; 8]);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn views_that_must_be_current_share_a_computation_that_started_after_them() {
        for kept in [Kept::default(), Kept::slow_only()] {
            let kept = Arc::new(kept);
            let runs = Arc::new(AtomicU32::new(0));
            // The first view's computation waits for the gate; meanwhile
            // the others queue behind it.
            let (open, gate) = tokio::sync::oneshot::channel::<()>();
            let first = {
                let (kept, runs) = (kept.clone(), runs.clone());
                tokio::spawn(async move {
                    let v: Result<_, String> = kept
                        .get(stamp(1), AGE, Outdated::Wait, move || async move {
                            let _ = gate.await;
                            Ok(runs.fetch_add(1, Ordering::SeqCst) + 1)
                        })
                        .await;
                    *v.expect("computed")
                })
            };
            tokio::task::yield_now().await;
            tokio::time::sleep(Duration::from_millis(20)).await;
            // Arrived while the first computation ran: it started before
            // them, so each of them computes, one after the other, and the
            // ones still waiting take the newest.
            let mut waiting = tokio::task::JoinSet::new();
            for _ in 0..6 {
                let (kept, runs) = (kept.clone(), runs.clone());
                waiting.spawn(async move {
                    counted(
                        &kept,
                        &runs,
                        stamp(1),
                        Outdated::Wait,
                        Duration::from_millis(5),
                    )
                    .await
                });
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
            let _ = open.send(());
            assert_eq!(first.await.expect("first view"), 1);
            let seen = waiting.join_all().await;
            assert!(
                seen.iter().all(|&v| v == 2),
                "the views that waited share the one computation started after them: {seen:?}"
            );
            assert_eq!(runs.load(Ordering::SeqCst), 2);
            // A view arriving after it computes again: a fast value is not
            // kept for a view that must be current.
            let later = counted(&kept, &runs, stamp(1), Outdated::Wait, Duration::ZERO).await;
            assert_eq!(later, 3);
        }
    }

    #[tokio::test]
    async fn a_change_makes_a_fast_value_wait_for_the_new_one() {
        let kept = Arc::new(Kept::default());
        let runs = Arc::new(AtomicU32::new(0));
        let fast = Duration::ZERO;
        assert_eq!(
            counted(&kept, &runs, stamp(1), Outdated::Serve, fast).await,
            1
        );
        assert_eq!(
            counted(&kept, &runs, stamp(1), Outdated::Serve, fast).await,
            1
        );
        // Fast to compute: never served outdated, even when allowed.
        assert_eq!(
            counted(&kept, &runs, stamp(2), Outdated::Serve, fast).await,
            2
        );
    }

    #[tokio::test]
    async fn a_view_that_must_be_current_computes_a_fast_value_again() {
        let kept = Arc::new(Kept::default());
        let runs = Arc::new(AtomicU32::new(0));
        let fast = Duration::ZERO;
        assert_eq!(
            counted(&kept, &runs, stamp(1), Outdated::Serve, fast).await,
            1
        );
        assert_eq!(
            counted(&kept, &runs, stamp(1), Outdated::Serve, fast).await,
            1
        );
        assert_eq!(
            counted(&kept, &runs, stamp(1), Outdated::Wait, fast).await,
            2
        );
    }

    #[tokio::test]
    async fn slow_only_computes_a_fast_value_for_every_view() {
        let kept = Arc::new(Kept::slow_only());
        let runs = Arc::new(AtomicU32::new(0));
        for expected in 1..=3 {
            let seen = counted(&kept, &runs, stamp(1), Outdated::Serve, Duration::ZERO).await;
            assert_eq!(seen, expected);
        }
    }

    #[tokio::test]
    async fn a_slow_value_is_served_outdated_and_computed_again_behind() {
        let kept = Arc::new(Kept::default());
        let runs = Arc::new(AtomicU32::new(0));
        assert_eq!(
            counted(&kept, &runs, stamp(1), Outdated::Serve, SLOW).await,
            1
        );
        // Changed: the old value at once, the new one computed behind it.
        assert_eq!(
            counted(&kept, &runs, stamp(2), Outdated::Serve, SLOW).await,
            1
        );
        // Who must see their change waits for it.
        assert_eq!(
            counted(&kept, &runs, stamp(2), Outdated::Wait, SLOW).await,
            2
        );
        // A new day never answers yesterday's value.
        let tomorrow = Stamp {
            today: jiff::civil::date(2026, 12, 8),
            generation: 2,
        };
        assert_eq!(
            counted(&kept, &runs, tomorrow, Outdated::Serve, Duration::ZERO).await,
            3
        );
    }

    #[tokio::test]
    async fn a_view_that_may_not_wait_goes_without_and_the_next_one_has_it() {
        let kept = Arc::new(Kept::default());
        let runs = Arc::new(AtomicU32::new(0));
        let within = |grace: Duration, pause: Duration| {
            let (kept, runs) = (kept.clone(), runs.clone());
            async move {
                kept.within(stamp(1), AGE, grace, move || async move {
                    tokio::time::sleep(pause).await;
                    Ok::<_, String>(runs.fetch_add(1, Ordering::SeqCst) + 1)
                })
                .await
                .map(|v| *v)
            }
        };
        let grace = Duration::from_millis(20);
        let slow = Duration::from_millis(200);
        // Slower than the grace: answered without it, computed on.
        assert_eq!(within(grace, slow).await, None);
        assert_eq!(within(grace, slow).await, None, "still computing");
        tokio::time::sleep(slow).await;
        assert_eq!(within(grace, slow).await, Some(1));
        assert_eq!(runs.load(Ordering::SeqCst), 1, "computed once");
        // Within the grace: answered with it.
        let kept = Arc::new(Kept::default());
        let quick = kept
            .within(stamp(1), AGE, slow, || async { Ok::<_, String>(7) })
            .await;
        assert_eq!(quick.map(|v| *v), Some(7));
    }
}
