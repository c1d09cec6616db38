//! Uitgaande berichten: the quality manager downloads the registrations
//! waiting for Exact as CSV and JSON; nobody else may.

use crate::common;

use common::spawn_app;
use jiff::civil::date;
use klacht_domain::exact::{Person, Registration};
use klacht_domain::{ComplaintId, ReferenceNumber, Role};
use klacht_store::{NewOutboxMessage, OutboxKind, OutboxStatus, Store, store_tests};

fn registration() -> Registration {
    Registration {
        complaint_id: ComplaintId::new(uuid::Uuid::now_v7()),
        reference: ReferenceNumber::new(2026, 17).expect("valid"),
        received_on: date(2026, 4, 24),
        channel: "telefoon".into(),
        complainant: Person {
            name: "Meneer <b>Jansen</b>".into(),
            ..Person::default()
        },
        representative: None,
        service: Some("@SUM(1)".into()),
        category: None,
        cause: None,
        description: "=HYPERLINK(\"http://x.example\",\"klik\")".into(),
        merit: Some("ongegrond".into()),
        merit_reasoning: None,
        offer: None,
        offer_accepted: None,
        satisfaction: None,
        satisfaction_comment: None,
        handler: None,
        closed_on: date(2026, 5, 8),
        closing_note: None,
        round: 1,
    }
}

async fn the_quality_manager_downloads_pending_registrations<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let reg = registration();
    app.store
        .enqueue(&[NewOutboxMessage::now(
            OutboxKind::Exact,
            serde_json::to_string(&reg).expect("json"),
            klacht_clock::test_now(),
        )
        .about(reg.complaint_id)])
        .await
        .expect("queued");
    app.user("sanne@focus.example", Role::QualityManager, None)
        .await;
    app.user("tom@focus.example", Role::Admin, None).await;
    let qm = app.login("sanne@focus.example").await;

    let page = app.get_as(&qm, "/berichten").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    assert!(
        html.contains("href=\"/berichten/exact.csv\""),
        "link on the page"
    );
    assert!(
        html.contains("Registratie in Exact van klacht K-2026-0017"),
        "listed"
    );

    let csv = app.get_as(&qm, "/berichten/exact.csv").await;
    assert_eq!(csv.status(), 200);
    assert_eq!(
        csv.headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"exact-registraties.csv\"")
    );
    let text = csv.text().await.expect("body");
    assert!(text.contains("K-2026-0017;"), "{text}");
    assert!(
        text.contains("Meneer <b>Jansen</b>"),
        "data as it is, not HTML"
    );
    // What a complainant typed never runs as a formula (OWASP CSV
    // injection): it is text in the spreadsheet.
    let row = text.lines().nth(1).expect("a row");
    assert!(
        row.contains(r#""'=HYPERLINK(""http://x.example"",""klik"")""#),
        "{row}"
    );
    assert!(row.contains(";'@SUM(1);"), "{row}");
    assert!(!row.contains(";=") && !row.contains(";@"), "{row}");

    let json = app.get_as(&qm, "/berichten/exact.json").await;
    assert_eq!(json.status(), 200);
    let rows: serde_json::Value = json.json().await.expect("json");
    assert_eq!(rows[0]["merit"].as_str(), Some("ongegrond"));

    // Downloading delivered nothing.
    let pending = app
        .store
        .list_outbox(Some(OutboxStatus::Pending), None, 10)
        .await
        .expect("list");
    assert_eq!(pending.len(), 1);

    let admin = app.login("tom@focus.example").await;
    assert_eq!(
        app.get_as(&admin, "/berichten/exact.csv").await.status(),
        403
    );
    assert_eq!(
        app.get("/berichten/exact.json").await.status(),
        303,
        "sign in first"
    );
}

store_tests!(the_quality_manager_downloads_pending_registrations);
