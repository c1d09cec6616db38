//! Health, readiness and the start page, on both databases.

mod common;

use common::spawn_app;
use klacht_store::{Store, store_tests};

async fn healthz_answers_ok<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.expect("body"), "ok");
}

async fn readyz_reports_the_database<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let backend = app.store.backend();
    let r = app.get("/readyz").await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.expect("json");
    assert_eq!(body["status"], "ready");
    assert_eq!(body["database"], backend);
}

async fn start_page_is_dutch_escaped_and_hardened<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let r = app.get("/").await;
    assert_eq!(r.status(), 200);
    let headers = r.headers().clone();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains("frame-ancestors 'none'")
    );
    assert!(
        headers["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let body = r.text().await.expect("body");
    assert!(body.contains("<html lang=\"nl\">"));
    assert!(body.contains("Klachtenregistratie Focus"));
    assert!(body.contains("binnen 2 werkdagen"));
    assert!(
        body.contains(r#"<strong id="complaint-count">0</strong>"#),
        "{body}"
    );
}

async fn unknown_pages_are_404<S: Store>(store: S) {
    let app = spawn_app(store).await;
    assert_eq!(app.get("/bestaat-niet").await.status(), 404);
}

store_tests!(
    healthz_answers_ok,
    readyz_reports_the_database,
    start_page_is_dutch_escaped_and_hardened,
    unknown_pages_are_404,
);
