//! Health, readiness and the start page, on both databases.

use crate::common;

use std::sync::Arc;

use common::{spawn_app, spawn_app_with};
use klacht_clock::ManualClock;
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
    // How much is registered is not for visitors (issue 12).
    assert!(!body.contains("complaint-count"), "{body}");
}

/// The start page's "today" and terms on the days where date arithmetic
/// breaks, worked out by hand from the regulation (report the day of
/// receipt or the next working day; contact the 2nd working day after;
/// offer and record the same weekday 2 and 3 weeks later, or the next
/// working day). 1 January at 00:30 is still 31 December in UTC.
async fn start_page_terms_on_awkward_days<S: Store>(store: S) {
    let expected: [(&str, [&str; 5]); 8] = [
        (
            "2026-12-31T16:00:00+01:00",
            [
                "donderdag 31 december 2026",
                "donderdag 31 december 2026",
                "dinsdag 5 januari 2027",
                "donderdag 14 januari 2027",
                "donderdag 21 januari 2027",
            ],
        ),
        (
            "2027-01-01T00:30:00+01:00",
            [
                "vrijdag 1 januari 2027",
                "maandag 4 januari 2027",
                "dinsdag 5 januari 2027",
                "vrijdag 15 januari 2027",
                "vrijdag 22 januari 2027",
            ],
        ),
        (
            "2028-02-29T10:00:00+01:00",
            [
                "dinsdag 29 februari 2028",
                "dinsdag 29 februari 2028",
                "donderdag 2 maart 2028",
                "dinsdag 14 maart 2028",
                "dinsdag 21 maart 2028",
            ],
        ),
        (
            "2026-12-06T11:00:00+01:00",
            [
                "zondag 6 december 2026",
                "maandag 7 december 2026",
                "dinsdag 8 december 2026",
                "maandag 21 december 2026",
                "maandag 28 december 2026",
            ],
        ),
        (
            "2027-04-27T09:00:00+02:00",
            [
                "dinsdag 27 april 2027",
                "woensdag 28 april 2027",
                "donderdag 29 april 2027",
                "dinsdag 11 mei 2027",
                "dinsdag 18 mei 2027",
            ],
        ),
        (
            "2027-05-14T15:00:00+02:00",
            [
                "vrijdag 14 mei 2027",
                "vrijdag 14 mei 2027",
                "woensdag 19 mei 2027",
                "vrijdag 28 mei 2027",
                "vrijdag 4 juni 2027",
            ],
        ),
        (
            "2027-08-31T08:00:00+02:00",
            [
                "dinsdag 31 augustus 2027",
                "dinsdag 31 augustus 2027",
                "donderdag 2 september 2027",
                "dinsdag 14 september 2027",
                "dinsdag 21 september 2027",
            ],
        ),
        // Easter Sunday: Tweede Paasdag follows.
        (
            "2027-03-28T03:30:00+02:00",
            [
                "zondag 28 maart 2027",
                "dinsdag 30 maart 2027",
                "woensdag 31 maart 2027",
                "maandag 12 april 2027",
                "maandag 19 april 2027",
            ],
        ),
    ];
    assert_eq!(
        expected.map(|(at, _)| at),
        klacht_clock::AWKWARD_INSTANTS.map(|(at, _)| at),
        "every awkward instant has its expectation"
    );
    let clock = ManualClock::new(klacht_clock::test_now());
    let shared = clock.clone();
    let app = spawn_app_with(store, move |s| s.with_clock(Arc::new(shared))).await;
    for (at, [today, report, contact, offer, record]) in expected {
        clock.set(at.parse().expect("instant"));
        let body = app.get("/").await.text().await.expect("body");
        assert!(
            body.contains(&format!("die vandaag ({today}) binnenkomt")),
            "{at}: {body}"
        );
        let rows: Vec<&str> = body
            .split("<tr><td>")
            .skip(1)
            .filter_map(|row| row.split("<td>").nth(2))
            .filter_map(|cell| cell.split("</td>").next())
            .collect();
        assert_eq!(rows, [report, contact, offer, record], "{at}");
    }
}

async fn unknown_pages_are_404<S: Store>(store: S) {
    let app = spawn_app(store).await;
    // A Dutch page, not an empty body; under the API a problem.
    let r = app.get("/bestaat-niet").await;
    assert_eq!(r.status(), 404);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
    );
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Niet gevonden") && page.contains("lang=\"nl\""),
        "{page}"
    );
    let r = app.get("/api/v1/bestaat-niet").await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
}

async fn staff_pages_are_never_cached<S: Store>(store: S) {
    let app = spawn_app(store).await;
    app.user(
        "sanne@focus.example",
        klacht_domain::Role::QualityManager,
        None,
    )
    .await;
    let b = app.login("sanne@focus.example").await;
    for path in ["/klachten", "/overzicht", "/overzicht.csv", "/dossier"] {
        let r = app.get_as(&b, path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
    }
    let r = app.get("/api/v1/complaints").await;
    assert_eq!(r.headers()["cache-control"], "no-store", "the API too");
}

store_tests!(
    healthz_answers_ok,
    start_page_terms_on_awkward_days,
    readyz_reports_the_database,
    start_page_is_dutch_escaped_and_hardened,
    unknown_pages_are_404,
    staff_pages_are_never_cached,
);
