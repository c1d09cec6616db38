//! Retention covers every table (issue 13): nothing personal survives an
//! anonymisation in the outbox, old sessions and sign-in attempts are
//! forgotten, and a table without a rule fails the check; on SQLite and
//! PostgreSQL.

use std::collections::BTreeSet;

use jiff::ToSpan;
use klacht_app::documents::Letterhead;
use klacht_app::retention::{self, RETENTION_RULES};
use klacht_domain::calendar::WorkingCalendar;
use klacht_store::{NewOutboxMessage, OutboxKind, OutboxStatus, Session, Store, store_tests};

use crate::dossier::walk_to_closing;

async fn every_table_has_a_retention_rule<S: Store>(store: S) {
    let tables: BTreeSet<String> = store.tables().await.expect("tables").into_iter().collect();
    let ruled: BTreeSet<String> = RETENTION_RULES
        .iter()
        .map(|(t, _)| (*t).to_owned())
        .collect();
    assert!(tables.contains("complaint_events"), "{tables:?}");
    let missing: Vec<_> = tables.difference(&ruled).collect();
    assert!(
        missing.is_empty(),
        "tables without a retention rule: {missing:?}"
    );
    let stale: Vec<_> = ruled.difference(&tables).collect();
    assert!(
        stale.is_empty(),
        "rules for tables that do not exist: {stale:?}"
    );
}

/// What the walked complaint's complainant typed (see `walk_to_closing`).
const PERSONAL: [&str; 4] = [
    "Bakker-Verhoeven",
    "a.bakker@example.nl",
    "06-12345678",
    "Dorpsstraat 12",
];

async fn anonymising_leaves_nothing_personal_in_the_outbox<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let id = walk_to_closing(&store, &cal).await;
    let now = klacht_clock::test_now();
    // A mail about the complaint that never went out, and the registration
    // for Exact that waits for the file export (no connector here).
    store
        .enqueue(&[NewOutboxMessage::now(
            OutboxKind::Mail,
            r#"{"to":[{"name":"Mevrouw A. Bakker-Verhoeven","email":"a.bakker@example.nl"}],"subject":"x","text":"x","html":"x"}"#.into(),
            now,
        )
        .about(id)])
        .await
        .expect("queued");
    let before = store.list_outbox(None, Some(id), 10).await.expect("outbox");
    let exact = before
        .iter()
        .find(|m| m.kind == OutboxKind::Exact)
        .expect("the registration waits");
    assert!(
        exact.payload.contains("a.bakker@example.nl"),
        "{}",
        exact.payload
    );

    retention::anonymise(&store, &Letterhead::new("Focus"), &cal, id, now, "test", 2)
        .await
        .expect("anonymised");
    let after = store.list_outbox(None, Some(id), 10).await.expect("outbox");
    assert_eq!(after.len(), 1, "only the registration is left");
    let exact = &after[0];
    assert_eq!(
        (exact.kind, exact.status),
        (OutboxKind::Exact, OutboxStatus::Pending)
    );
    let reg: serde_json::Value = serde_json::from_str(&exact.payload).expect("json");
    assert_eq!(
        reg["complaint_id"],
        id.to_string(),
        "still the same complaint"
    );
    for text in PERSONAL {
        assert!(!exact.payload.contains(text), "{text} in {}", exact.payload);
    }
}

async fn sessions_and_attempts_are_forgotten_when_they_no_longer_matter<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let id = walk_to_closing(&store, &cal).await;
    let now = klacht_clock::test_now();
    let (row, _) = store.load_stream(id).await.expect("load").expect("found");
    let user = row.received_by.expect("received by a user");
    for (hash, expires) in [("oud", now - 1.hour()), ("geldig", now + 1.hour())] {
        store
            .create_session(&Session {
                token_hash: hash.into(),
                user_id: user,
                csrf_token: "c".into(),
                created_at: now - 13.hours(),
                expires_at: expires,
            })
            .await
            .expect("session");
    }
    let window = jiff::SignedDuration::from_mins(15);
    let two_days_ago = now - 48.hours();
    store
        .count_attempt(
            "x@focus.example|192.0.2.1",
            two_days_ago,
            two_days_ago - window,
        )
        .await
        .expect("old attempt");
    store
        .count_attempt("x@focus.example|192.0.2.2", now, now - window)
        .await
        .expect("recent attempt");
    let report = retention::run(&store, &Letterhead::new("Focus"), &cal, 2, now, "test")
        .await
        .expect("run");
    assert_eq!(report.forgotten, 2);
    assert!(
        store
            .session("oud", now - 2.hours())
            .await
            .expect("q")
            .is_none()
    );
    assert!(store.session("geldig", now).await.expect("q").is_some());
    assert!(
        store
            .login_failures("x@focus.example|192.0.2.1")
            .await
            .expect("q")
            .is_none()
    );
    assert!(
        store
            .login_failures("x@focus.example|192.0.2.2")
            .await
            .expect("q")
            .is_some()
    );
}

store_tests!(
    every_table_has_a_retention_rule,
    anonymising_leaves_nothing_personal_in_the_outbox,
    sessions_and_attempts_are_forgotten_when_they_no_longer_matter,
);
