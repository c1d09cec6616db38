//! The embedded default: a SQLite file in WAL mode.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use std::sync::Arc;

use crate::StoreError;
use crate::cache::ReadCache;
use crate::group::{GroupCommit, Work};

/// SQLite behind one writer connection and a small read-only pool: writes
/// queue in the process instead of fighting over the file lock
/// (SQLITE_BUSY), and reads never wait behind them (WAL).
#[derive(Clone, Debug)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
    /// Intakes and appends go through one writer task that commits what
    /// is queued together (see [`crate::group`]).
    group: Arc<GroupCommit<sqlx::Sqlite>>,
    cache: Arc<ReadCache>,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url`, e.g.
    /// `sqlite://klacht.db` or `sqlite:///var/lib/klacht/klacht.db`.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Url(format!("{}: {e}", crate::redact_url(url))))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: an acknowledged write survives a power cut, not only a
            // crash of the process (see the README on durability).
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await?;
        let group = Arc::new(GroupCommit::new(writer.clone()));
        Ok(Self {
            writer,
            reader,
            group,
            cache: Arc::default(),
        })
    }

    pub(crate) fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    pub(crate) fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    pub(crate) fn cache(&self) -> &ReadCache {
        &self.cache
    }

    /// Runs `work` in the next group commit (see [`crate::group`]).
    pub(crate) async fn grouped<T: Send + 'static>(
        &self,
        work: Work<sqlx::Sqlite, T>,
    ) -> Result<T, StoreError> {
        self.group.run(work).await
    }

    /// Intakes share the group commit of every write.
    pub(crate) async fn grouped_intake<T: Send + 'static>(
        &self,
        work: Work<sqlx::Sqlite, T>,
    ) -> Result<T, StoreError> {
        self.group.run(work).await
    }

    /// Group commits so far: batches committed and the writes kept in
    /// them. For tests and the benchmark notes.
    pub fn group_commit_counts(&self) -> (u64, u64) {
        self.group.counts()
    }

    /// Writes handed to the group commit and not yet answered.
    #[doc(hidden)]
    pub fn group_commit_pending(&self) -> usize {
        self.group.pending()
    }

    /// Holds the writer connection until the guard is dropped: a test lets
    /// writes queue up behind it to see them committed as one batch.
    #[doc(hidden)]
    pub async fn hold_writer(
        &self,
    ) -> Result<sqlx::pool::PoolConnection<sqlx::Sqlite>, StoreError> {
        Ok(self.writer.acquire().await?)
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

crate::sql::impl_store!(SqliteStore, sqlx::Sqlite, "sqlite");
