//! `klacht demo` and `klacht serve --demo`, on SQLite and PostgreSQL.

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use klacht_domain::complaint::Status;
use klacht_store::testing::{PgTestDb, SqliteTestDb};
use klacht_store::{ComplaintFilter, OutboxStore, Store};

fn klacht(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .output()
        .expect("run klacht")
}

/// The demo loads once, is idempotent, covers every state and has overdue
/// terms; every stored history replays through the domain.
async fn demo_is_complete_and_idempotent<S: Store>(url: &str, store: S) {
    let first = klacht(url, &["demo"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("40 nieuwe"));
    let again = klacht(url, &["demo"]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 nieuwe"));

    assert_eq!(store.list_users().await.expect("users").len(), 11);
    assert_eq!(store.count_complaints().await.expect("count"), 40);
    let rows = store
        .list_complaints(&ComplaintFilter {
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("list")
        .items;
    let statuses: BTreeSet<String> = rows.iter().map(|r| r.status.clone()).collect();
    for s in Status::ALL {
        assert!(
            statuses.contains(s.as_str()),
            "no demo complaint is {}",
            s.as_str()
        );
    }
    let today = klacht_clock::test_now()
        .in_tz("Europe/Amsterdam")
        .expect("zone")
        .date();
    assert!(
        rows.iter()
            .filter(|r| r.next_due.is_some_and(|d| d < today))
            .count()
            >= 2,
        "some demo complaints are overdue"
    );
    let oldest = rows.iter().map(|r| r.received_at).min().expect("rows");
    let span = klacht_clock::test_now().duration_since(oldest);
    assert!(
        span.as_secs() > 150 * 86_400 && span.as_secs() < 190 * 86_400,
        "about six months"
    );
    for r in &rows {
        let c = klacht_app::complaints::load(&store, r.id)
            .await
            .expect("history replays");
        assert_eq!(c.version(), r.version);
        assert_eq!(c.status().as_str(), r.status);
    }

    // Structural complaints (DESIGN §6): one improvement action answers
    // the Planning pattern, once; part of the complaints has a cause.
    let actions = store
        .list_improvement_actions(&klacht_store::ImprovementFilter {
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("actions")
        .items;
    assert_eq!(
        actions.len(),
        1,
        "one improvement action, also after a reload"
    );
    assert_eq!(actions[0].row.status, "in_progress");
    assert!(actions[0].linked.len() >= 3);
    assert!(
        actions[0]
            .linked
            .iter()
            .all(|l| l.category.as_deref() == Some("Planning"))
    );
    assert_eq!(
        store
            .pattern_decisions(jiff::civil::date(2000, 1, 1))
            .await
            .expect("decisions")
            .len(),
        1,
        "the pattern counts as acted on"
    );
    // Issue 12: the demo's two services (and two teams) share the work;
    // neither is a pattern by that alone, while Planning is.
    let calendar = klacht_domain::calendar::WorkingCalendar::netherlands_default();
    let mut flagged_services = Vec::new();
    let mut flagged_teams = 0;
    let mut planning = false;
    for p in klacht_domain::patterns::detect(
        &klacht_app::improvement::facts(
            &store,
            &calendar,
            &klacht_domain::patterns::PatternRules::default(),
            today,
        )
        .await
        .expect("facts"),
        &klacht_domain::patterns::PatternRules::default(),
        today,
    ) {
        match p.dimension {
            klacht_domain::patterns::Dimension::Service => flagged_services.push(p.value),
            klacht_domain::patterns::Dimension::Team => flagged_teams += 1,
            klacht_domain::patterns::Dimension::Category => {
                planning |= p.key.as_str() == "category:planning"
            }
        }
    }
    assert!(flagged_services.len() < 2, "{flagged_services:?}");
    assert!(flagged_teams < 2, "{flagged_teams} teams");
    assert!(planning, "Planning stands out");
    let mut with_cause = 0;
    for r in &rows {
        let c = klacht_app::complaints::load(&store, r.id)
            .await
            .expect("history replays");
        with_cause += usize::from(c.cause().is_some());
    }
    assert!(with_cause > 0 && with_cause < rows.len(), "{with_cause}");
}

#[tokio::test]
async fn demo_on_sqlite() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    demo_is_complete_and_idempotent(&db.url, store).await;
}

#[tokio::test]
async fn demo_on_postgres() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    let store = db.store().await;
    demo_is_complete_and_idempotent(&db.url, store).await;
}

/// `klacht demo --complaints N` (issue 14 §1): N more complaints over five
/// years through the store's bulk path, in many states, some overdue, in
/// eight teams; `klacht verify` finds every stream sealed and intact, a
/// sample replays through the domain to its row, and a second run adds
/// nothing.
async fn many_complaints_verify_clean<S: Store>(url: &str, store: S) {
    const N: u64 = 500;
    let out = klacht(url, &["demo", "--complaints", &N.to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("500 meldingen en klachten over vijf jaar"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(store.count_complaints().await.expect("count"), N + 40);
    let again = klacht(url, &["demo", "--complaints", &N.to_string()]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("niets toegevoegd"));
    assert_eq!(store.count_complaints().await.expect("count"), N + 40);
    // 8 teams of 3, 3, 40, 12, 10, 8, 6, 5 and their managers, and the demo's 11.
    assert_eq!(store.list_users().await.expect("users").len(), 11 + 6 + 81);

    let verify = klacht(url, &["verify"]);
    let report = String::from_utf8_lossy(&verify.stdout);
    assert!(
        verify.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&verify.stderr)
    );
    assert!(
        report.contains(&format!("Gecontroleerd: {} klachten", N + 40)),
        "{report}"
    );

    let mut rows = Vec::new();
    let mut cursor = None;
    loop {
        let page = store
            .list_complaints(&ComplaintFilter {
                limit: 500,
                after: cursor,
                ..Default::default()
            })
            .await
            .expect("list");
        rows.extend(page.items);
        cursor = page.next;
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(rows.len() as u64, N + 40);
    let statuses: BTreeSet<&str> = rows.iter().map(|r| r.status.as_str()).collect();
    assert!(statuses.len() >= 6, "{statuses:?}");
    let today = klacht_clock::test_now()
        .in_tz("Europe/Amsterdam")
        .expect("zone")
        .date();
    let overdue = rows
        .iter()
        .filter(|r| r.next_due.is_some_and(|d| d < today))
        .count();
    assert!(overdue >= 8, "{overdue} overdue");
    let oldest = rows.iter().map(|r| r.received_at).min().expect("rows");
    let days = klacht_clock::test_now().duration_since(oldest).as_secs() / 86_400;
    assert!(
        (1_800..1_840).contains(&days),
        "five years back: {days} days"
    );
    let references: BTreeSet<String> = rows.iter().map(|r| r.reference.to_string()).collect();
    assert_eq!(references.len(), rows.len());
    for r in rows.iter().step_by(37) {
        let c = klacht_app::complaints::load(&store, r.id)
            .await
            .expect("history replays");
        assert_eq!(c.version(), r.version);
        assert_eq!(c.status().as_str(), r.status);
    }
}

#[tokio::test]
async fn many_complaints_on_sqlite() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    many_complaints_verify_clean(&db.url, store).await;
}

#[tokio::test]
async fn many_complaints_on_postgres() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    let store = db.store().await;
    many_complaints_verify_clean(&db.url, store).await;
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[tokio::test]
async fn serve_with_demo_answers_health_and_start_page() {
    let db = SqliteTestDb::new();
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_klacht"))
            .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", &db.url)
            .env("KLACHT_CONFIG", "/dev/null")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start klacht serve"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut healthy = false;
    for _ in 0..100 {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            healthy = r.status() == 200;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(healthy, "/healthz answered 200 within 10 s");
    let page = client
        .get(format!("{base}/"))
        .send()
        .await
        .expect("start page")
        .text()
        .await
        .expect("body");
    // Visitors learn nothing about the register's contents (issue 12).
    assert!(page.contains("Klachtenregistratie Focus"), "{page}");
    assert!(!page.contains("complaint-count"), "{page}");
    let store = db.store().await;
    assert_eq!(
        klacht_store::ComplaintStore::count_complaints(&store)
            .await
            .expect("count"),
        40
    );
    let ready: serde_json::Value = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("readyz")
        .json()
        .await
        .expect("json");
    assert_eq!(ready["database"], "sqlite");
}

/// `klacht serve --addr` without `KLACHT_PUBLIC_URL`: the links in mail
/// point to the address actually served, not to `KLACHT_ADDR` or the
/// default 127.0.0.1:8080 (issue 12).
#[tokio::test]
async fn without_a_public_url_mail_links_follow_the_served_address() {
    let db = SqliteTestDb::new();
    let run = |args: &[&str]| {
        let out = klacht(&db.url, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    run(&[
        "user",
        "add",
        "--email",
        "margriet@focus.nl",
        "--name",
        "Margriet Jansen",
        "--role",
        "manager",
    ]);
    let token = run(&["user", "token", "margriet@focus.nl"]);
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_klacht"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", &db.url)
            .env("KLACHT_CONFIG", "/dev/null")
            .env("KLACHT_ADDR", "127.0.0.1:8080")
            .env_remove("KLACHT_PUBLIC_URL")
            .env_remove("KLACHT_SMTP_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start klacht serve"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the server answers");
    let r = client
        .post(format!("{base}/api/v1/complaints"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "received_at": "2026-04-24T09:30:00+02:00",
            "channel": "phone",
            "complainant": {"name": "Mevrouw J. de Vries", "email": "devries@example.nl"},
            "description": "De hulp kwam te laat.",
            "involved_employees": [],
        }))
        .send()
        .await
        .expect("posted");
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap_or_default());
    let store = db.store().await;
    let queued = store.list_outbox(None, None, 10).await.expect("outbox");
    assert_eq!(queued.len(), 1, "the complainant's confirmation");
    let payload = &queued[0].payload;
    assert!(
        payload.contains(&format!("{base}/status/")),
        "links follow the served address: {payload}"
    );
    assert!(!payload.contains("127.0.0.1:8080"), "{payload}");
}
