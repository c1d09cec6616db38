//! Backups of the embedded SQLite database: a consistent copy while the
//! server runs (`VACUUM INTO`), and the checks a restore needs. PostgreSQL
//! is backed up with its own tools (`pg_dump -Fc`, `pg_restore`; see the
//! README).

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteLockingMode};
use sqlx::{ConnectOptions, Connection, Row};

use crate::{SqliteStore, StoreError};

/// The file of a `sqlite:` database URL; `None` for other URLs and for
/// in-memory databases.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if !url.starts_with("sqlite:") {
        return None;
    }
    let options = SqliteConnectOptions::from_str(url).ok()?;
    let path = options.get_filename();
    let text = path.to_string_lossy();
    if text.is_empty() || text == ":memory:" {
        return None;
    }
    Some(path.to_path_buf())
}

impl SqliteStore {
    /// Writes a consistent copy of the whole database to `path`, which
    /// must not exist yet. `VACUUM INTO` reads one snapshot (WAL: writers
    /// carry on meanwhile) and writes a compact, self-contained file.
    pub async fn backup_into(&self, path: &Path) -> Result<(), StoreError> {
        let target = path
            .to_str()
            .ok_or_else(|| StoreError::Url(format!("{} is not a UTF-8 path", path.display())))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(self.reader())
            .await?;
        Ok(())
    }
}

/// Whether another connection, such as a running `klacht serve`, has the
/// database at `path` open. Asks SQLite for an exclusive lock without
/// waiting: in WAL mode every open connection holds a shared lock that
/// refuses it. False when the file does not exist.
pub async fn sqlite_in_use(path: &Path) -> Result<bool, StoreError> {
    if !path.exists() {
        return Ok(false);
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .locking_mode(SqliteLockingMode::Exclusive)
        .busy_timeout(Duration::ZERO);
    let mut conn = match options.connect().await {
        Ok(conn) => conn,
        Err(e) if is_busy(&e) => return Ok(true),
        Err(e) => return Err(e.into()),
    };
    let locked = match sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await {
        Ok(_) => {
            // Reading takes the lock for real in WAL mode.
            let read = sqlx::query("SELECT COUNT(*) FROM sqlite_master")
                .fetch_one(&mut conn)
                .await;
            let _ = sqlx::query("ROLLBACK").execute(&mut conn).await;
            match read {
                Ok(_) => false,
                Err(e) if is_busy(&e) => true,
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) if is_busy(&e) => true,
        Err(e) => return Err(e.into()),
    };
    let _ = conn.close().await;
    Ok(locked)
}

fn is_busy(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|db| {
        let code = db.code();
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6), with extended codes.
        matches!(code.as_deref(), Some("5" | "6" | "261" | "262" | "517"))
            || db.message().contains("locked")
    })
}

/// What a backup file holds, once SQLite's own integrity check passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub complaints: u64,
    pub events: u64,
    pub filed: u64,
}

/// Opens the file at `path` read-only, runs `PRAGMA integrity_check` and
/// counts what it holds. An error names what is wrong: not a database,
/// damaged, or not a klacht database.
pub async fn sqlite_check_file(path: &Path) -> Result<BackupSummary, StoreError> {
    if !path.is_file() {
        return Err(StoreError::Url(format!(
            "{} is geen bestand",
            path.display()
        )));
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(false)
        .read_only(true);
    let mut conn = options.connect().await?;
    let check: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await?
        .try_get(0)?;
    if check != "ok" {
        return Err(StoreError::Corrupt(format!(
            "{}: integrity_check: {check}",
            path.display()
        )));
    }
    let count = |sql: &'static str| sqlx::query(sql);
    let mut numbers = Vec::with_capacity(3);
    for sql in [
        "SELECT COUNT(*) FROM complaints",
        "SELECT COUNT(*) FROM complaint_events",
    ] {
        let n: i64 = count(sql)
            .fetch_one(&mut conn)
            .await
            .map_err(|_| {
                StoreError::Corrupt(format!("{} is geen klacht-database", path.display()))
            })?
            .try_get(0)?;
        numbers.push(u64::try_from(n).unwrap_or(0));
    }
    // A backup of a version before the dossier has no such table.
    let filed: i64 = match count("SELECT COUNT(*) FROM dossier")
        .fetch_one(&mut conn)
        .await
    {
        Ok(row) => row.try_get(0)?,
        Err(_) => 0,
    };
    let _ = conn.close().await;
    Ok(BackupSummary {
        complaints: numbers[0],
        events: numbers[1],
        filed: u64::try_from(filed).unwrap_or(0),
    })
}
