//! Fresh databases for tests: a SQLite file in its own temporary folder,
//! or a PostgreSQL database of its own on the local server. Used by the
//! tests of every crate, so each test runs against both backends.

use std::path::PathBuf;

use sqlx::Connection;
use sqlx::postgres::PgConnection;

use crate::{PgStore, SqliteStore, Store};

/// The PostgreSQL server tests create their databases on. The database in
/// the URL only serves to connect; each test gets a database of its own.
pub fn postgres_admin_url() -> String {
    std::env::var("KLACHT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// With `CI` set a missing PostgreSQL fails the run instead of skipping.
fn postgres_required() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// A SQLite database file that disappears with the value.
pub struct SqliteTestDb {
    dir: PathBuf,
    pub url: String,
}

impl SqliteTestDb {
    pub fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("klacht-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("create a temporary folder for the test database");
        let url = format!("sqlite://{}", dir.join("klacht.db").display());
        Self { dir, url }
    }

    pub async fn store(&self) -> SqliteStore {
        let store = SqliteStore::connect(&self.url)
            .await
            .expect("open the test SQLite database");
        store
            .migrate()
            .await
            .expect("migrate the test SQLite database");
        store
    }
}

impl Default for SqliteTestDb {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for SqliteTestDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A PostgreSQL database of its own, dropped with the value.
pub struct PgTestDb {
    name: String,
    pub url: String,
}

impl PgTestDb {
    /// A new empty database, or `None` (with a note on stderr) when no
    /// server answers and `CI` is not set.
    pub async fn new() -> Option<Self> {
        let admin = postgres_admin_url();
        let mut conn = match PgConnection::connect(&admin).await {
            Ok(conn) => conn,
            Err(e) if !postgres_required() => {
                eprintln!("PostgreSQL at {admin} unavailable ({e}); skipping the PostgreSQL half");
                return None;
            }
            Err(e) => panic!("PostgreSQL at {admin} is required when CI is set: {e}"),
        };
        let name = format!("klacht_t_{}", uuid::Uuid::new_v4().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create a test database");
        let _ = conn.close().await;
        let url = match admin.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => panic!("KLACHT_TEST_POSTGRES_URL must name a database: {admin}"),
        };
        Some(Self { name, url })
    }

    pub async fn store(&self) -> PgStore {
        let store = PgStore::connect(&self.url)
            .await
            .expect("open the test PostgreSQL database");
        store
            .migrate()
            .await
            .expect("migrate the test PostgreSQL database");
        store
    }
}

impl Drop for PgTestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs inside the test's runtime; a thread of its own may
        // block on a runtime of its own.
        let done = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(rt) = rt {
                rt.block_on(async {
                    if let Ok(mut conn) = PgConnection::connect(&postgres_admin_url()).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut conn)
                        .await;
                    }
                });
            }
        });
        let _ = done.join();
    }
}

/// Runs each named `async fn name<S: Store>(store: S)` as two tests, one
/// per backend: `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! store_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::testing::SqliteTestDb::new();
                    super::$name(db.store().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = $crate::testing::PgTestDb::new().await else { return };
                    super::$name(db.store().await).await;
                }
            )*
        }
    };
}
