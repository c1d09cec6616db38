//! The bare reference server of `scripts/bench-scale` (issue 14 §2): axum
//! and sqlx on the same database engine as klacht, SQLite (WAL,
//! `synchronous=FULL` as klacht) or PostgreSQL, doing the least a request
//! can: one INSERT per POST /intake, one 50-row keyset page per GET /page
//! (`?after=ID` for a page deep in the table). `--rows` fills the table
//! first, so that it is as large as klacht's.
//!
//! POST /intake-numbered is the least an intake can do under klacht's
//! numbering rule (K-2026-0042: numbers per year without gaps): the year's
//! counter and the INSERT in one transaction, so that a number is taken
//! only by a row that is committed. It shows what that rule alone costs.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use sqlx::{Pool, Postgres, Sqlite};

#[derive(Clone)]
enum Db {
    Sqlite {
        writer: Pool<Sqlite>,
        reader: Pool<Sqlite>,
    },
    Postgres(Pool<Postgres>),
}

/// The numbers per year, as klacht's `reference_counters`.
const COUNTERS: &str =
    "CREATE TABLE IF NOT EXISTS counters (year INTEGER PRIMARY KEY, last_number BIGINT NOT NULL)";

/// Takes the year's next number, as klacht's intake does.
const NEXT_NUMBER: &str = "INSERT INTO counters (year, last_number) VALUES (2026, 1) \
     ON CONFLICT (year) DO UPDATE SET last_number = counters.last_number + 1 \
     RETURNING last_number";

const BODY: &str = "Belastingtest: de medewerker kwam te laat en belde niet af; \
                    de klager wil weten waarom en wil dat het niet opnieuw gebeurt.";

async fn connect(database: &str) -> anyhow::Result<Db> {
    if database.starts_with("postgres") {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(16)
            .connect(database)
            .await?;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS t (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, at BIGINT NOT NULL)",
        )
        .execute(&pool)
        .await?;
        sqlx::query(COUNTERS).execute(&pool).await?;
        return Ok(Db::Postgres(pool));
    }
    use sqlx::sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
    };
    use std::str::FromStr;
    let options = SqliteConnectOptions::from_str(database)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full);
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL)",
    )
    .execute(&writer)
    .await?;
    sqlx::query(COUNTERS).execute(&writer).await?;
    let reader = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options.read_only(true))
        .await?;
    Ok(Db::Sqlite { writer, reader })
}

/// Fills the table up to `rows` rows, 10,000 per transaction.
async fn fill(db: &Db, rows: u64) -> anyhow::Result<()> {
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let mut have = match db {
        Db::Sqlite { writer, .. } => count(
            sqlx::query_scalar("SELECT COUNT(*) FROM t")
                .fetch_one(writer)
                .await?,
        ),
        Db::Postgres(pool) => count(
            sqlx::query_scalar("SELECT COUNT(*) FROM t")
                .fetch_one(pool)
                .await?,
        ),
    };
    while have < rows {
        let n = (rows - have).min(10_000) as i64;
        // One statement generating the rows in the database itself.
        let sql = "INSERT INTO t (body, at) SELECT $1, x FROM \
                   (WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < $2) \
                   SELECT x FROM s) AS g";
        match db {
            Db::Sqlite { writer, .. } => {
                sqlx::query(sql).bind(BODY).bind(n).execute(writer).await?;
            }
            Db::Postgres(pool) => {
                sqlx::query(sql).bind(BODY).bind(n).execute(pool).await?;
            }
        }
        have += n as u64;
    }
    Ok(())
}

async fn intake(State(db): State<Db>, body: String) -> StatusCode {
    let done = match &db {
        Db::Sqlite { writer, .. } => sqlx::query("INSERT INTO t (body, at) VALUES ($1, $2)")
            .bind(body)
            .bind(0_i64)
            .execute(writer)
            .await
            .map(|_| ()),
        Db::Postgres(pool) => sqlx::query("INSERT INTO t (body, at) VALUES ($1, $2)")
            .bind(body)
            .bind(0_i64)
            .execute(pool)
            .await
            .map(|_| ()),
    };
    if done.is_ok() {
        StatusCode::CREATED
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

/// The counter and the row in one transaction.
async fn numbered<DB>(pool: &Pool<DB>, body: String) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
    i64: for<'r> sqlx::Decode<'r, DB> + sqlx::Type<DB> + for<'q> sqlx::Encode<'q, DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    let mut tx = pool.begin().await?;
    let number: i64 = sqlx::query_scalar(NEXT_NUMBER).fetch_one(&mut *tx).await?;
    sqlx::query("INSERT INTO t (body, at) VALUES ($1, $2)")
        .bind(body)
        .bind(number)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

async fn intake_numbered(State(db): State<Db>, body: String) -> StatusCode {
    let done = match &db {
        Db::Sqlite { writer, .. } => numbered(writer, body).await,
        Db::Postgres(pool) => numbered(pool, body).await,
    };
    if done.is_ok() {
        StatusCode::CREATED
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

async fn page(
    State(db): State<Db>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Result<axum::Json<Vec<(i64, String)>>, StatusCode> {
    let after = q
        .get("after")
        .and_then(|a| a.parse().ok())
        .unwrap_or(i64::MAX);
    let sql = "SELECT id, body FROM t WHERE id < $1 ORDER BY id DESC LIMIT 50";
    let rows = match &db {
        Db::Sqlite { reader, .. } => sqlx::query_as(sql).bind(after).fetch_all(reader).await,
        Db::Postgres(pool) => sqlx::query_as(sql).bind(after).fetch_all(pool).await,
    };
    rows.map(axum::Json)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

/// Serves the reference on `addr` until the process is stopped.
pub async fn serve(addr: &str, database: &str, rows: u64) -> anyhow::Result<()> {
    let db = connect(database).await?;
    fill(&db, rows).await?;
    let app = axum::Router::new()
        .route("/intake", post(intake))
        .route("/intake-numbered", post(intake_numbered))
        .route("/page", get(page))
        .with_state(db);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("reference server on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
