//! Operations (issue 17 §3): `/metrics` behind its bearer token, counted
//! by route template, and the access log as one JSON line per request, on
//! both databases.

use crate::common;
use crate::complaints_support::{Intake, org, register};

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::Request;
use common::{TestApp, spawn_app, spawn_app_with};
use jiff::ToSpan;
use klacht_app::config::LogFormat;
use klacht_store::{NewOutboxMessage, NextTerm, OutboxKind, OutboxStatus, Store, store_tests};
use secrecy::SecretString;
use tower::ServiceExt;
use tracing::instrument::WithSubscriber;

const TOKEN: &str = "een-lang-geheim-token-voor-prometheus";

async fn with_metrics<S: Store>(store: S) -> TestApp<S> {
    spawn_app_with(store, |state| {
        state.with_metrics_token(Some(SecretString::from(TOKEN)))
    })
    .await
}

async fn scrape<S: Store>(app: &TestApp<S>, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("request sent")
}

/// The sum of the values of `metric`'s series whose labels contain every
/// one of `labels` (`route="/klachten/{id}"`).
fn value(text: &str, metric: &str, labels: &[&str]) -> f64 {
    text.lines()
        .filter(|l| l.starts_with(&format!("{metric}{{")))
        .filter(|l| labels.iter().all(|label| l.contains(label)))
        .filter_map(|l| l.rsplit_once(' ')?.1.parse::<f64>().ok())
        .sum()
}

async fn without_a_token_there_is_no_metrics_page<S: Store>(store: S) {
    let app = spawn_app(store).await;
    assert_eq!(scrape(&app, None).await.status(), 404);
    assert_eq!(scrape(&app, Some(TOKEN)).await.status(), 404);
}

async fn a_wrong_or_missing_token_is_refused<S: Store>(store: S) {
    let app = with_metrics(store).await;
    for token in [None, Some("verkeerd"), Some(&TOKEN[..TOKEN.len() - 1])] {
        let r = scrape(&app, token).await;
        assert_eq!(r.status(), 401, "{token:?}");
        assert!(
            r.headers()["www-authenticate"]
                .to_str()
                .expect("ascii")
                .starts_with("Bearer")
        );
        let body = r.text().await.expect("body");
        assert!(!body.contains("klacht_http_requests_total"), "{body}");
    }
    assert_eq!(scrape(&app, Some(TOKEN)).await.status(), 200);
}

async fn requests_are_counted_by_route_template<S: Store>(store: S) {
    let app = with_metrics(store).await;
    let org = org(&app).await;
    let id = register(&app, &org.employee, &Intake::complaint(&org.involved.user)).await;
    let series = [
        r#"method="GET""#,
        r#"route="/klachten/{id}""#,
        r#"status="200""#,
    ];

    let before = scrape(&app, Some(TOKEN)).await;
    assert_eq!(before.status(), 200);
    assert!(
        before.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/plain; version=0.0.4")
    );
    let before = before.text().await.expect("body");
    for _ in 0..3 {
        let r = app
            .get_as(&org.manager.b, &format!("/klachten/{id}?tab=tijdlijn"))
            .await;
        assert_eq!(r.status(), 200);
    }
    let after = scrape(&app, Some(TOKEN)).await.text().await.expect("body");

    // Other tests in this process count too: the difference is at least
    // this test's three requests.
    let counted = value(&after, "klacht_http_requests_total", &series)
        - value(&before, "klacht_http_requests_total", &series);
    assert!(counted >= 3.0, "counted {counted}:\n{after}");
    assert!(
        value(
            &after,
            "klacht_http_request_duration_seconds_count",
            &series
        ) >= 3.0,
        "a latency histogram per route: {after}"
    );
    assert!(after.contains("klacht_http_request_duration_seconds_bucket{"));
    // The template, never the path: no ids, no query strings.
    assert!(!after.contains(&id), "a raw id in a label");
    assert!(!after.contains("tijdlijn"), "a query string in a label");

    // The database figures are there, every series even when zero.
    for needle in [
        r#"klacht_outbox_messages{kind="mail",status="pending"}"#,
        r#"klacht_outbox_messages{kind="exact",status="failed"}"#,
        r#"klacht_outbox_oldest_age_seconds{kind="mail",status="pending"}"#,
        r#"klacht_open_complaints{next_term="overdue"}"#,
        r#"klacht_open_complaints{next_term="on_time"}"#,
        "klacht_db_pool_connections{pool=",
        "klacht_db_pool_idle_connections{pool=",
        "klacht_metrics_database_up 1",
    ] {
        assert!(after.contains(needle), "{needle} missing:\n{after}");
    }
}

/// The store's figures themselves (the gauges are global to the process,
/// so their values are checked here rather than through a scrape).
async fn the_store_counts_depth_terms_and_pools<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    register(&app, &org.employee, &Intake::complaint(&org.involved.user)).await;
    register(&app, &org.employee, &Intake::signal(&org.involved.user)).await;
    let now = klacht_clock::test_now();
    let today = crate::complaints_support::calendar().local_date(now);

    let terms = app.store.open_by_next_term(today).await.expect("terms");
    assert_eq!(terms.len(), NextTerm::ALL.len());
    let total: u64 = terms.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 1, "the complaint, not the signal: {terms:?}");
    let count = |t: NextTerm, terms: &[(NextTerm, u64)]| {
        terms.iter().find(|(x, _)| *x == t).map_or(0, |(_, n)| *n)
    };
    assert_eq!(count(NextTerm::Overdue, &terms), 0);
    let later = today.checked_add(1.year()).expect("date");
    let terms = app.store.open_by_next_term(later).await.expect("terms");
    assert_eq!(count(NextTerm::Overdue, &terms), 1, "{terms:?}");

    // Stored to the microsecond.
    let queued_at =
        jiff::Timestamp::from_microsecond((now - 2.hours()).as_microsecond()).expect("instant");
    app.store
        .enqueue(&[
            NewOutboxMessage::now(OutboxKind::Mail, "{}".into(), queued_at),
            NewOutboxMessage::now(OutboxKind::Mail, "{}".into(), now),
        ])
        .await
        .expect("queued");
    let depth = app.store.outbox_depth().await.expect("depth");
    let mail = depth
        .iter()
        .find(|d| d.kind == OutboxKind::Mail && d.status == OutboxStatus::Pending)
        .expect("pending mail");
    assert_eq!(mail.count, 2);
    assert_eq!(mail.oldest, Some(queued_at));
    assert!(depth.iter().all(|d| d.status != OutboxStatus::Sent));

    let pools = app.store.pool_use();
    assert!(!pools.is_empty());
    for p in pools {
        assert!(p.size >= p.idle && p.max >= p.size && p.max > 0, "{p:?}");
    }
}

/// A log writer the test reads back.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut out) = self.0.lock() {
            out.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }
}

async fn the_access_log_is_one_json_line_per_request<S: Store>(store: S) {
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = klacht_web::access_log::subscriber(
        LogFormat::Json,
        tracing_subscriber::EnvFilter::new("klacht_web=info"),
        move || writer.clone(),
        false,
    );
    // tracing caches per call site whether anyone listens. While a single
    // dispatcher is registered it asks only the current thread's default,
    // so another test's thread (no subscriber) could cache "never" for the
    // access line. A second dispatcher, kept for the process, makes every
    // rebuild ask all live dispatchers, this test's included.
    static KEEP: std::sync::OnceLock<tracing::Dispatch> = std::sync::OnceLock::new();
    KEEP.get_or_init(|| tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default()));
    let dispatch = tracing::Dispatch::new(subscriber);
    tracing::callsite::rebuild_interest_cache();
    let app = klacht_web::app(klacht_web::AppState::new(
        store,
        crate::complaints_support::calendar(),
        "Focus",
    ));
    let id = uuid::Uuid::new_v4();
    // A staff page with an id and a query string with a secret, without a
    // session: 303 to the sign-in page.
    let response = app
        .clone()
        .oneshot(
            Request::get(format!("/klachten/{id}?code=geheim123"))
                .body(Body::empty())
                .expect("request"),
        )
        .with_subscriber(dispatch.clone())
        .await
        .expect("response");
    assert_eq!(response.status(), 303);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();

    let text = log.text();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is one JSON object"))
        .filter(|v: &serde_json::Value| v["target"] == "klacht_web::access")
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "one access line, request {request_id}: {text:?}"
    );
    let line = &lines[0];
    assert_eq!(line["method"], "GET");
    assert_eq!(line["route"], "/klachten/{id}");
    assert_eq!(line["status"], 303);
    assert!(line["duration_ms"].as_f64().is_some(), "{line}");
    assert_eq!(line["request_id"], request_id.as_str());
    assert_eq!(line["level"], "INFO");
    // No personal data or secrets from the path or the query.
    assert!(!text.contains(&id.to_string()), "{text}");
    assert!(!text.contains("geheim123"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour codes: {text}");

    // A proxy's request id is carried through; an unknown path is
    // "unmatched", not a label per probed path.
    let response = app
        .oneshot(
            Request::get("/wp-admin/setup.php")
                .header("x-request-id", "lb-4f2a9c")
                .body(Body::empty())
                .expect("request"),
        )
        .with_subscriber(dispatch)
        .await
        .expect("response");
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["x-request-id"], "lb-4f2a9c");
    let text = log.text();
    let last: serde_json::Value = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .rfind(|v| v["target"] == "klacht_web::access")
        .expect("a second access line");
    assert_eq!(last["request_id"], "lb-4f2a9c");
    assert_eq!(last["route"], "unmatched");
    assert!(!text.contains("wp-admin"), "{text}");
}

store_tests!(
    without_a_token_there_is_no_metrics_page,
    a_wrong_or_missing_token_is_refused,
    requests_are_counted_by_route_template,
    the_store_counts_depth_terms_and_pools,
    the_access_log_is_one_json_line_per_request,
);
