//! Fresh databases for tests: a SQLite file in its own temporary folder,
//! or a PostgreSQL database of its own on the local server. Used by the
//! tests of every crate, so each test runs against both backends.
//!
//! Each fresh database is a copy of a migrated template (a file, a
//! PostgreSQL template database) named after the migrations it holds:
//! running the thirty-odd migrations took half a second per PostgreSQL
//! test, most of a short test's time. The test still runs `migrate()` on
//! its copy, which finds nothing to do.

use std::path::{Path, PathBuf};

use sha2::Digest;
use sqlx::Connection;
use sqlx::postgres::PgConnection;

use crate::{PgStore, SqliteStore, Store};

/// A name for the schema the migrations of `backend` make: a new
/// migration, or an edited one, gives a new template.
fn schema_name(backend: &str) -> String {
    let mut hash = sha2::Sha256::new();
    for m in crate::sql::engine_migrator(backend).iter() {
        hash.update(m.version.to_le_bytes());
        hash.update(&m.checksum);
    }
    hex::encode(&hash.finalize()[..8])
}

/// The migrated SQLite file that each test's database is copied from;
/// made once per schema and shared by every test process.
async fn sqlite_template() -> &'static Path {
    static TEMPLATE: tokio::sync::OnceCell<PathBuf> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let path = std::env::temp_dir()
                .join(format!("klacht-test-template-{}.db", schema_name("sqlite")));
            if path.exists() {
                return path;
            }
            let db = SqliteTestDb::new();
            let store = SqliteStore::connect(&db.url)
                .await
                .expect("open the SQLite template");
            store.migrate().await.expect("migrate the SQLite template");
            // Written aside and renamed: another test process may be
            // copying the template at this moment.
            let aside = db.dir.join("template.db");
            sqlx::query("VACUUM INTO ?")
                .bind(aside.display().to_string())
                .execute(store.writer())
                .await
                .expect("write the SQLite template");
            store.close().await;
            std::fs::rename(&aside, &path)
                .or_else(|_| std::fs::copy(&aside, &path).map(|_| ()))
                .expect("keep the SQLite template");
            path
        })
        .await
}

/// The migrated PostgreSQL database that each test's database is created
/// from (`CREATE DATABASE … TEMPLATE`); made once per schema on the
/// server, under an advisory lock so that test processes running at the
/// same time make it once, and kept for later runs.
async fn postgres_template(admin: &mut PgConnection, server: &str) -> &'static str {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("klacht_tpl_{}", schema_name("postgres"));
            sqlx::query("SELECT pg_advisory_lock(7402871)")
                .execute(&mut *admin)
                .await
                .expect("lock the template");
            let exists: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                    .bind(&name)
                    .fetch_one(&mut *admin)
                    .await
                    .expect("look for the template");
            if !exists {
                make_postgres_template(admin, server, &name).await;
            }
            sqlx::query("SELECT pg_advisory_unlock(7402871)")
                .execute(&mut *admin)
                .await
                .expect("unlock the template");
            name
        })
        .await
}

async fn make_postgres_template(admin: &mut PgConnection, server: &str, name: &str) {
    let run = |sql: String| sqlx::query(sqlx::AssertSqlSafe(sql));
    let building = format!("{name}_wip");
    // Templates of earlier schemas, and one a killed process left half made.
    let old: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'klacht\\_tpl\\_%'")
            .fetch_all(&mut *admin)
            .await
            .expect("list old templates");
    for db in old {
        run(format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
            .execute(&mut *admin)
            .await
            .expect("drop an old template");
    }
    run(format!("CREATE DATABASE {building}"))
        .execute(&mut *admin)
        .await
        .expect("create the template");
    let store = PgStore::connect(&format!("{server}/{building}"))
        .await
        .expect("open the PostgreSQL template");
    store
        .migrate()
        .await
        .expect("migrate the PostgreSQL template");
    store.close().await;
    // The rename needs the template without connections; a closed pool's
    // may take a moment to leave.
    for attempt in 0.. {
        match run(format!("ALTER DATABASE {building} RENAME TO {name}"))
            .execute(&mut *admin)
            .await
        {
            Ok(_) => break,
            Err(_) if attempt < 50 => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => panic!("name the PostgreSQL template: {e}"),
        }
    }
    // Nobody connects to it again, autovacuum included.
    run(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
        .execute(&mut *admin)
        .await
        .expect("close the template to connections");
}

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

    /// Opens the database, a copy of the template the first time.
    pub async fn store(&self) -> SqliteStore {
        let file = self.dir.join("klacht.db");
        if !file.exists() {
            std::fs::copy(sqlite_template().await, file).expect("copy the SQLite template");
        }
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
        let Some((server, _)) = admin.rsplit_once('/') else {
            panic!("KLACHT_TEST_POSTGRES_URL must name a database: {admin}")
        };
        let template = postgres_template(&mut conn, server).await;
        let name = format!("klacht_t_{}", uuid::Uuid::new_v4().simple());
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE DATABASE {name} TEMPLATE {template}"
        )))
        .execute(&mut conn)
        .await
        .expect("create a test database");
        let _ = conn.close().await;
        let url = format!("{server}/{name}");
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

/// A JSON document with what changes from run to run replaced by a
/// placeholder, for snapshot tests (`insta`): ids (`[uuid]`, also inside
/// text), instants (`[instant]`, `[micros]`), calendar days (`[date]`, also inside sentences), SHA-256
/// hashes (`[sha256]`) and reference numbers' years (`K-[year]-0001`).
/// Keys, structure and every word stay, so that a changed word shows in
/// review.
pub fn redact_json(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(redact_text(s)),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| match v {
                    Value::Number(_) if k.ends_with("_micros") => {
                        (k.clone(), Value::String("[micros]".into()))
                    }
                    v => (k.clone(), redact_json(v)),
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn redact_text(s: &str) -> String {
    if uuid::Uuid::parse_str(s).is_ok() {
        return "[uuid]".into();
    }
    if s.parse::<jiff::Timestamp>().is_ok() {
        return "[instant]".into();
    }
    if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return "[sha256]".into();
    }
    redact_within(s)
}

/// Ids, local times (`24-04-2026 10:00`), dates (`24-04-2026`,
/// `2026-04-24`) and the years of reference numbers (`K-2026-0001`) inside
/// a sentence.
fn redact_within(s: &str) -> String {
    let shape = |text: &str, pattern: &str| {
        text.len() >= pattern.len()
            && text.bytes().zip(pattern.bytes()).all(|(c, p)| {
                if p == b'9' {
                    c.is_ascii_digit()
                } else {
                    c == p
                }
            })
    };
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let uuid = rest.get(..36).filter(|u| uuid::Uuid::parse_str(u).is_ok());
        if uuid.is_some() {
            out.push_str("[uuid]");
            rest = &rest[36..];
        } else if shape(rest, "99-99-9999 99:99") {
            out.push_str("[local time]");
            rest = &rest[16..];
        } else if shape(rest, "99-99-9999") || shape(rest, "9999-99-99") {
            out.push_str("[date]");
            rest = &rest[10..];
        } else if shape(rest, "K-9999-") {
            out.push_str("K-[year]-");
            rest = &rest[7..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn what_changes_between_runs_is_redacted_and_the_words_stay() {
        let doc = json!({
            "id": "01a24a63-e1d5-77a5-ba9c-eaabaa9933b0",
            "actor": "user:01a24a63-e1d5-77a5-ba9c-eaabaa9933b0",
            "at": "2026-12-06T08:00:19.362126Z",
            "at_micros": 1796537189590944_i64,
            "seq": 3,
            "on": "2026-12-06",
            "head": "ab".repeat(32),
            "description": "Aanbod gedaan op 06-12-2026 (K-2026-0042), vastgelegd 06-12-2026 09:06",
        });
        assert_eq!(
            super::redact_json(&doc),
            json!({
                "id": "[uuid]",
                "actor": "user:[uuid]",
                "at": "[instant]",
                "at_micros": "[micros]",
                "seq": 3,
                "on": "[date]",
                "head": "[sha256]",
                "description": "Aanbod gedaan op [date] (K-[year]-0042), vastgelegd [local time]",
            })
        );
    }
}
