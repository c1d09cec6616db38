//! PostgreSQL, for several app instances behind a load balancer.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};

use crate::StoreError;

#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
    cache: std::sync::Arc<crate::cache::ReadCache>,
    /// The intakes' group commit (see [`crate::group`]).
    intakes: std::sync::Arc<crate::group::GroupCommit<sqlx::Postgres>>,
}

/// How long start-up waits for the server before it says it is unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

impl PgStore {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Url(format!("{}: {e}", crate::redact_url(url))))?;
        // One connection first, within a short time: a server that is down
        // or a wrong host gives a clear error naming host, port and reason,
        // instead of the pool's bare "timed out" after its acquire timeout.
        probe(&options).await?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Self {
            intakes: std::sync::Arc::new(crate::group::GroupCommit::new(pool.clone())),
            pool,
            cache: Default::default(),
        })
    }

    pub(crate) fn writer(&self) -> &PgPool {
        &self.pool
    }

    pub(crate) fn reader(&self) -> &PgPool {
        &self.pool
    }

    pub(crate) fn cache(&self) -> &crate::cache::ReadCache {
        &self.cache
    }

    /// Runs `work` in a transaction of its own: the server commits
    /// concurrent transactions together already.
    pub(crate) async fn grouped<T: Send + 'static>(
        &self,
        work: crate::group::Work<sqlx::Postgres, T>,
    ) -> Result<T, StoreError> {
        crate::group::alone(&self.pool, work).await
    }

    /// Runs an intake in the next group commit of intakes: they all wait
    /// for the year's counter, so they share its lock and one commit.
    pub(crate) async fn grouped_intake<T: Send + 'static>(
        &self,
        work: crate::group::Work<sqlx::Postgres, T>,
    ) -> Result<T, StoreError> {
        self.intakes.run(work).await
    }

    /// Group commits of intakes so far: batches committed and the intakes
    /// kept in them. For tests and the benchmark notes.
    pub fn group_commit_counts(&self) -> (u64, u64) {
        self.intakes.counts()
    }

    /// Intakes handed to the group commit and not yet answered.
    #[doc(hidden)]
    pub fn group_commit_pending(&self) -> usize {
        self.intakes.pending()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Opens and closes one connection within [`CONNECT_TIMEOUT`].
async fn probe(options: &PgConnectOptions) -> Result<(), StoreError> {
    let unreachable = |reason: String| StoreError::Unreachable {
        host: options.get_host().to_owned(),
        port: options.get_port(),
        reason,
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(options)).await {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            Ok(())
        }
        // The server answered and refused (wrong password, unknown
        // database): its own message says what to fix.
        Ok(Err(e @ sqlx::Error::Database(_))) => Err(e.into()),
        Ok(Err(e)) => Err(unreachable(reason(&e))),
        Err(_) => Err(unreachable(format!(
            "geen antwoord binnen {} seconden",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

/// Why a connection failed, in Dutch where the cause is a common one.
fn reason(e: &sqlx::Error) -> String {
    use std::io::ErrorKind;
    match e {
        sqlx::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => {
                "verbinding geweigerd (draait PostgreSQL daar, op deze poort?)".into()
            }
            ErrorKind::TimedOut => "geen antwoord (time-out)".into(),
            ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => {
                "host of netwerk onbereikbaar".into()
            }
            // Name resolution failures carry no kind of their own.
            _ => format!("verbinding mislukt: {io}"),
        },
        sqlx::Error::Tls(tls) => format!("TLS mislukt: {tls}"),
        other => format!("verbinding mislukt: {other}"),
    }
}

crate::sql::impl_store!(PgStore, sqlx::Postgres, "postgres");
