//! The file export for installations without a connector.

use crate::support;

use klacht_exact::export;
use klacht_store::{OutboxStatus, Store, store_tests};
use support::*;

async fn undelivered_registrations_export_as_csv_and_json<S: Store>(store: S) {
    let id = closed_complaint(&store, at(0)).await;
    let items = export::pending(&store, None).await.expect("pending");
    assert_eq!(items.len(), 1);
    let reference = items[0].registration.reference.to_string();

    let csv = export::to_csv(&items).expect("csv");
    let text = String::from_utf8(csv).expect("utf-8");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("reference;complaint_id;received_on;"),
        "{header}"
    );
    assert!(header.ends_with(";notes;idempotency_key"), "{header}");
    let row = lines.next().unwrap_or_default();
    assert!(row.starts_with(&format!("{reference};{id};")), "{row}");
    assert!(text.contains("Mevrouw J. de Vries") && text.contains("gegrond"));

    let json: serde_json::Value = serde_json::from_str(&export::to_json(&items)).expect("json");
    assert_eq!(json[0]["reference"].as_str(), Some(reference.as_str()));
    assert_eq!(json[0]["representative"], serde_json::Value::Null);
    assert_eq!(json[0]["complainant_phone"].as_str(), Some("06-12345678"));

    // Issue 12: amounts with a decimal comma in the `;` CSV, as Dutch
    // Excel reads them; the JSON keeps the point.
    let mut priced = items.clone();
    priced[0].registration.offer = Some(klacht_domain::exact::OfferSummary {
        kind: "financiële compensatie".into(),
        description: "Restitutie".into(),
        value_cents: Some(2_500),
    });
    let text = String::from_utf8(export::to_csv(&priced).expect("csv")).expect("utf-8");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let columns: Vec<&str> = lines.next().unwrap_or_default().split(';').collect();
    assert!(columns.contains(&"offer_value"), "{columns:?}");
    let row = lines.next().unwrap_or_default();
    assert!(row.contains(";25,00;"), "{row}");
    assert!(!row.contains("25.00"), "{row}");
    let json: serde_json::Value = serde_json::from_str(&export::to_json(&priced)).expect("json");
    assert_eq!(json[0]["offer_value"].as_str(), Some("25.00"));

    // `--since` after the closing day leaves it out.
    let closed_on = items[0].registration.closed_on;
    let later = closed_on.tomorrow().expect("date");
    assert!(
        export::pending(&store, Some(later))
            .await
            .expect("pending")
            .is_empty()
    );
    assert_eq!(
        export::pending(&store, Some(closed_on))
            .await
            .expect("pending")
            .len(),
        1
    );

    // Exporting alone changes nothing; marking does.
    assert_eq!(
        export::pending(&store, None).await.expect("pending").len(),
        1
    );
    export::mark_exported(&store, &items, at(10))
        .await
        .expect("marked");
    assert!(
        export::pending(&store, None)
            .await
            .expect("pending")
            .is_empty()
    );
    let m = store
        .outbox_message(items[0].message.id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(m.status, OutboxStatus::Sent);
    assert_eq!(m.result.as_deref(), Some(export::EXPORTED));
}

store_tests!(undelivered_registrations_export_as_csv_and_json);
