//! The background loop inside `klacht serve`.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use klacht_mail::Mailer;
use klacht_store::Store;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tracing::Instrument;

use crate::{Clock, Jobs};

#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Time between rounds.
    pub interval: Duration,
    /// Starts a round at once when notified (the application notifies it
    /// after queueing mail), instead of waiting for the interval.
    pub wake: Arc<Notify>,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(5),
            wake: Arc::new(Notify::new()),
        }
    }
}

/// Runs [`Jobs::run_once`] every `interval` (and whenever `wake` is
/// notified; at once after a round that stopped at its cap) until `shutdown` completes; a round under way is finished
/// first. Await the handle to wait for that.
pub fn spawn_worker<S, M, C>(
    jobs: Arc<Jobs<S, M>>,
    clock: C,
    options: WorkerOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> JoinHandle<()>
where
    S: Store,
    M: Mailer,
    C: Clock,
{
    tokio::spawn(async move {
        tokio::pin!(shutdown);
        let mut round: u64 = 0;
        loop {
            round += 1;
            let now = clock.now();
            let span = tracing::info_span!("jobs.round", round, now = %now);
            let report = jobs.run_once(now).instrument(span).await;
            if !report.errors.is_empty() {
                tracing::warn!(errors = ?report.errors, "job round had errors");
            } else if !report.is_quiet() {
                tracing::info!(delivery = ?report.delivery, "job round");
            }
            if report.more_due {
                // Straight on, unless told to stop.
                tokio::select! {
                    biased;
                    () = &mut shutdown => break,
                    () = tokio::task::yield_now() => continue,
                }
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(options.interval) => {}
                () = options.wake.notified() => {}
            }
        }
        tracing::info!("achtergrondtaken gestopt");
    })
}
