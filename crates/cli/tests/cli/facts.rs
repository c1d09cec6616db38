//! The stored report facts (migration 0027, `klacht_app::reports::facts`)
//! against a replay of every stream, on a seeded database of a few hundred
//! complaints in every state (`klacht demo --complaints`: the demo's 40
//! through the services, the rest through the bulk path), on SQLite and
//! PostgreSQL: equal as stored, with rows whose facts are gone, on another
//! calendar, and after the backfill.

use std::collections::BTreeSet;

use klacht_app::calendar::StoredCalendar;
use klacht_app::reports::facts::{backfill, facts_key};
use klacht_app::reports::{facts_of_period, facts_of_period_by_replay};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::stats::{ComplaintFacts, Period, Stats};
use klacht_store::Store;
use klacht_store::testing::{PgTestDb, SqliteTestDb};

fn klacht(url: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .output()
        .expect("run klacht")
}

/// The five years the seed spreads over, and this one.
fn years() -> Vec<Period> {
    let year = klacht_clock::test_now()
        .in_tz("Europe/Amsterdam")
        .expect("zone")
        .year();
    (year - 5..=year).map(Period::year).collect()
}

/// Stored (with replay where needed) and replayed facts of every year are
/// equal; returns them all.
async fn same_as_replay<S: Store>(store: &S, calendar: &WorkingCalendar) -> Vec<ComplaintFacts> {
    let today = klacht_clock::test_now()
        .in_tz("Europe/Amsterdam")
        .expect("zone")
        .date();
    let mut all = Vec::new();
    for period in years() {
        let stored = facts_of_period(store, calendar, &period)
            .await
            .expect("stored facts");
        let replayed = facts_of_period_by_replay(store, calendar, &period)
            .await
            .expect("replayed facts");
        assert_eq!(stored, replayed, "facts of {}", period.label);
        // And so every figure.
        assert_eq!(
            Stats::compute(&stored, &period, today),
            Stats::compute(&replayed, &period, today)
        );
        all.extend(stored);
    }
    all
}

/// Runs `sql` on the test database, as an older version of klacht (or an
/// intruder) would.
async fn execute(url: &str, sql: &str) -> u64 {
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.expect("connect");
        let done = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .expect("statement");
        pool.close().await;
        done.rows_affected()
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.expect("connect");
        let done = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .expect("statement");
        pool.close().await;
        done.rows_affected()
    }
}

async fn stored_facts_equal_the_replay<S: Store>(url: &str, store: S) {
    const N: u64 = 300;
    let out = klacht(url, &["demo", "--complaints", &N.to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let calendar = WorkingCalendar::netherlands_default();
    let key = facts_key(&calendar);

    // Every row was written with its facts, on the configured calendar.
    assert!(
        store.stale_facts(&key, 10).await.expect("stale").is_empty(),
        "intake, appends and the bulk path all write facts"
    );
    let all = same_as_replay(&store, &calendar).await;
    assert_eq!(
        all.len() as u64,
        N + 40,
        "every complaint of the seed counts"
    );
    let statuses: BTreeSet<_> = all.iter().map(|f| f.status).collect();
    assert!(statuses.len() >= 6, "{statuses:?}");
    assert!(all.iter().any(|f| !f.earlier_steps.is_empty()), "reopened");
    assert!(all.iter().any(|f| !f.escalations.is_empty()), "escalated");

    // Rows without facts (written before migration 0027) still count,
    // replayed.
    let cleared = execute(
        url,
        "UPDATE complaints SET facts = NULL, facts_key = NULL \
         WHERE id IN (SELECT id FROM complaints ORDER BY id LIMIT 60)",
    )
    .await;
    assert_eq!(cleared, 60);
    assert_eq!(store.stale_facts(&key, 100).await.expect("stale").len(), 60);
    // Stored facts that do not parse are replayed too.
    execute(
        url,
        "UPDATE complaints SET facts = 'kapot' \
         WHERE id IN (SELECT id FROM complaints WHERE facts IS NOT NULL ORDER BY id LIMIT 5)",
    )
    .await;
    assert_eq!(same_as_replay(&store, &calendar).await, all);

    // Another calendar (the administrator closed the offices on a few
    // days): every stored row is stale, and the figures are those of the
    // new calendar, not of the stored due dates.
    let year = years()[5].from.year();
    let closed = StoredCalendar {
        good_friday: Some(false),
        liberation_day_yearly: Some(true),
        closing_days: (year - 5..=year)
            .flat_map(|y| {
                [(1, 2), (3, 10), (6, 15), (9, 1), (11, 20)]
                    .into_iter()
                    .map(move |(m, d)| jiff::civil::date(y, m, d))
            })
            .collect(),
    };
    let other = closed.apply_to(&calendar);
    let other_key = facts_key(&other);
    assert_ne!(key, other_key);
    let on_other = same_as_replay(&store, &other).await;
    assert_ne!(on_other, all, "the closing days move some terms");

    // The backfill brings every row to the current calendar, a slice at a
    // time, and the figures stay the same.
    let mut rounds = 0;
    loop {
        let report = backfill(&store, &other, 200).await.expect("backfill");
        rounds += 1;
        if !report.more {
            break;
        }
        assert!(rounds < 10, "the backfill ends");
    }
    assert!(rounds >= 2, "in slices");
    assert!(
        store
            .stale_facts(&other_key, 10)
            .await
            .expect("stale")
            .is_empty()
    );
    assert_eq!(same_as_replay(&store, &other).await, on_other);
    assert_eq!(
        store.stale_facts(&key, 1000).await.expect("stale").len() as u64,
        N + 40,
        "stale on the old calendar now"
    );
}

#[tokio::test]
async fn stored_facts_equal_the_replay_on_sqlite() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    stored_facts_equal_the_replay(&db.url, store).await;
}

#[tokio::test]
async fn stored_facts_equal_the_replay_on_postgres() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    let store = db.store().await;
    stored_facts_equal_the_replay(&db.url, store).await;
}
