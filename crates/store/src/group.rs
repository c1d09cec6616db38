//! Group commit (issue 14 §2).
//!
//! With one writer connection (SQLite), every write transaction waits for
//! its own fsync (`synchronous=FULL`), and the fsyncs, not the statements,
//! bound the intake rate. Here one writer task takes every write queued at
//! that moment, runs each in its own savepoint, commits once and only then
//! answers them all: one fsync for the batch, and an answered write is on
//! disk as before. A write that fails rolls back to its savepoint and
//! touches no other; a batch whose commit fails answers every write in it
//! with the error.
//!
//! On SQLite every write goes this way (intakes and appends). PostgreSQL
//! commits concurrent transactions together by itself, so appends there
//! run in a transaction of their own ([`alone`]); but every intake takes
//! the year's row of `reference_counters` (the numbering has no gaps) and
//! holds its lock until commit, so intakes commit one after the other,
//! each waiting for its own fsync. There the intakes, and only they, are
//! grouped: one lock and one fsync per batch.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use sqlx::{Database, Executor, Pool, Transaction};
use tokio::sync::{mpsc, oneshot};

use crate::StoreError;

/// At most this many writes share one commit: a batch is one
/// transaction, and readers see none of it until it commits.
const MAX_BATCH: usize = 256;

pub(crate) type BoxFut<'t, T> = Pin<Box<dyn Future<Output = T> + Send + 't>>;

/// One write: runs inside the caller's transaction (on SQLite a savepoint
/// of the batch) and says whether what it wrote is kept (`true`) or rolled
/// back (`false`, e.g. a form the build step refused) besides its answer.
pub(crate) type Work<DB, T> = Box<
    dyn for<'t> FnOnce(
            &'t mut sqlx::Transaction<'static, DB>,
        ) -> BoxFut<'t, Result<(T, bool), StoreError>>
        + Send,
>;

/// Makes a [`Work`] of a closure (the closure gets its higher-ranked
/// signature from this bound).
pub(crate) fn work<DB, T, F>(f: F) -> Work<DB, T>
where
    DB: sqlx::Database,
    F: for<'t> FnOnce(
            &'t mut sqlx::Transaction<'static, DB>,
        ) -> BoxFut<'t, Result<(T, bool), StoreError>>
        + Send
        + 'static,
{
    Box::new(f)
}

/// Runs `work` in a transaction of its own: the path of PostgreSQL.
pub(crate) async fn alone<DB: sqlx::Database, T>(
    pool: &sqlx::Pool<DB>,
    work: Work<DB, T>,
) -> Result<T, StoreError> {
    let mut tx = pool.begin().await?;
    let (answer, keep) = work(&mut tx).await?;
    if keep {
        tx.commit().await?;
    }
    Ok(answer)
}

/// What the writer task does with one queued write: runs it in the batch's
/// transaction and hands back how to answer once the batch's fate is known.
type Job<DB> =
    Box<dyn for<'t> FnOnce(&'t mut Transaction<'static, DB>) -> BoxFut<'t, Settle> + Send>;

/// Makes a [`Job`] of a closure, as [`work`] does.
fn job<DB, F>(f: F) -> Job<DB>
where
    DB: Database,
    F: for<'t> FnOnce(&'t mut Transaction<'static, DB>) -> BoxFut<'t, Settle> + Send + 'static,
{
    Box::new(f)
}

/// A write that has run: kept in the batch or not, and its answer, given
/// the commit's outcome (a write that was not kept ignores it).
struct Settle {
    kept: bool,
    answer: Answer,
}

/// Answers one write's caller, given the batch's commit.
type Answer = Box<dyn FnOnce(Result<(), &sqlx::Error>) + Send>;

/// How many batches and writes the writer task committed.
#[derive(Debug, Default)]
struct Counts {
    batches: AtomicU64,
    writes: AtomicU64,
    /// Writes handed to the task and not yet answered.
    pending: AtomicUsize,
}

/// The queue to a writer task, started on the first write (in the runtime
/// that does it) and again if that runtime has gone.
pub(crate) struct GroupCommit<DB: Database> {
    pool: Pool<DB>,
    queue: Mutex<Option<mpsc::UnboundedSender<Job<DB>>>>,
    counts: Arc<Counts>,
}

impl<DB: Database> std::fmt::Debug for GroupCommit<DB> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit")
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl<DB> GroupCommit<DB>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
{
    pub(crate) fn new(pool: Pool<DB>) -> Self {
        Self {
            pool,
            queue: Mutex::new(None),
            counts: Arc::default(),
        }
    }

    /// Batches committed and writes in them so far.
    pub(crate) fn counts(&self) -> (u64, u64) {
        (
            self.counts.batches.load(Ordering::Relaxed),
            self.counts.writes.load(Ordering::Relaxed),
        )
    }

    /// Writes queued or running, not yet answered.
    pub(crate) fn pending(&self) -> usize {
        self.counts.pending.load(Ordering::Relaxed)
    }

    /// Queues `work` for the next batch and waits for its answer, which
    /// comes after the batch has committed (or failed to).
    pub(crate) async fn run<T: Send + 'static>(&self, work: Work<DB, T>) -> Result<T, StoreError> {
        let (tx, rx) = oneshot::channel::<Result<T, StoreError>>();
        let job = job(move |batch| {
            Box::pin(async move {
                match work(batch).await {
                    Ok((answer, true)) => Settle {
                        kept: true,
                        answer: Box::new(move |commit| {
                            let _ = tx.send(match commit {
                                Ok(()) => Ok(answer),
                                Err(e) => Err(batch_failed(e)),
                            });
                        }),
                    },
                    Ok((answer, false)) => Settle {
                        kept: false,
                        answer: Box::new(move |_| {
                            let _ = tx.send(Ok(answer));
                        }),
                    },
                    Err(e) => Settle {
                        kept: false,
                        answer: Box::new(move |_| {
                            let _ = tx.send(Err(e));
                        }),
                    },
                }
            })
        });
        self.counts.pending.fetch_add(1, Ordering::Relaxed);
        let sent = self.sender().send(job);
        if let Err(mpsc::error::SendError(job)) = sent {
            // The task stopped between the check and the send.
            drop(job);
            self.counts.pending.fetch_sub(1, Ordering::Relaxed);
            return Err(StoreError::Database(sqlx::Error::WorkerCrashed));
        }
        // A job dropped unanswered (the batch could not begin, or the task
        // stopped) is a writer that is gone.
        rx.await
            .unwrap_or(Err(StoreError::Database(sqlx::Error::WorkerCrashed)))
    }

    fn sender(&self) -> mpsc::UnboundedSender<Job<DB>> {
        let mut queue = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(q) = queue.as_ref().filter(|q| !q.is_closed()) {
            return q.clone();
        }
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(writer(self.pool.clone(), rx, Arc::clone(&self.counts)));
        *queue = Some(tx.clone());
        tx
    }
}

/// The error each write of a batch whose commit failed is answered with.
fn batch_failed(e: &sqlx::Error) -> StoreError {
    StoreError::Database(sqlx::Error::Protocol(format!(
        "de gezamenlijke commit mislukte: {e}"
    )))
}

/// The writer task: takes what is queued, runs it as one batch, repeats
/// until every sender is gone.
async fn writer<DB>(pool: Pool<DB>, mut rx: mpsc::UnboundedReceiver<Job<DB>>, counts: Arc<Counts>)
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
{
    while let Some(first) = rx.recv().await {
        let mut jobs = vec![first];
        // What queued while the connection was busy joins this batch.
        let tx = pool.begin().await;
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let n = jobs.len();
        match tx {
            Ok(tx) => batch(tx, jobs, &counts).await,
            Err(e) => {
                tracing::error!(error = %e, writes = n, "group commit: no transaction");
                // Dropping the jobs answers their callers with an error.
                drop(jobs);
            }
        }
        counts.pending.fetch_sub(n, Ordering::Relaxed);
    }
}

/// Runs `jobs` in savepoints of `tx`, commits, answers.
async fn batch<DB>(mut tx: Transaction<'static, DB>, jobs: Vec<Job<DB>>, counts: &Counts)
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
{
    let mut settled = Vec::with_capacity(jobs.len());
    let mut broken: Option<sqlx::Error> = None;
    for job in jobs {
        if let Some(e) = &broken {
            // The transaction is no longer sound: what remains is not run.
            tracing::error!(error = %e, "group commit: write skipped");
            continue;
        }
        if let Err(e) = sqlx::raw_sql("SAVEPOINT klacht_write")
            .execute(&mut *tx)
            .await
        {
            broken = Some(e);
            continue;
        }
        let s = job(&mut tx).await;
        let end = if s.kept {
            "RELEASE klacht_write"
        } else {
            "ROLLBACK TO klacht_write; RELEASE klacht_write"
        };
        if let Err(e) = sqlx::raw_sql(end).execute(&mut *tx).await {
            broken = Some(e);
        }
        settled.push(s);
    }
    let commit = match broken {
        // Dropping the transaction rolls everything back.
        Some(e) => Err(e),
        None => tx.commit().await,
    };
    if commit.is_ok() {
        counts.batches.fetch_add(1, Ordering::Relaxed);
        let kept = settled.iter().filter(|s| s.kept).count();
        counts.writes.fetch_add(kept as u64, Ordering::Relaxed);
    } else if let Err(e) = &commit {
        tracing::error!(error = %e, "group commit failed");
    }
    for s in settled {
        (s.answer)(commit.as_ref().map(|_| ()));
    }
}
