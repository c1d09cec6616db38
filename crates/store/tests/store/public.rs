//! The public side's storage: tracking codes and attachments written with
//! the complaint, the services of the public form with their log entries,
//! and the shared rate limit. Run against SQLite and PostgreSQL alike.

use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Role, TrackingCode, UserId};
use klacht_store::{
    AuditEntry, ComplaintRow, NewAttachment, NewStream, NewUser, PublicServiceChange, RawEvent,
    Store, StoreError, StreamAppend, store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn row(id: ComplaintId, reference: ReferenceNumber) -> ComplaintRow {
    ComplaintRow {
        id,
        reference,
        version: 1,
        kind: "complaint".into(),
        status: "awaiting_handler".into(),
        channel: "web".into(),
        received_at: at(0),
        received_by: None,
        responsible_manager: None,
        handler: None,
        complainant_name: "J. de Vries".into(),
        service: None,
        category: None,
        summary: "De hulp kwam te laat".into(),
        next_step: Some("report".into()),
        next_due: Some(date(2026, 4, 24)),
        report_due: date(2026, 4, 24),
        contact_due: date(2026, 4, 29),
        offer_due: date(2026, 5, 8),
        record_due: date(2026, 5, 15),
        closed_at: None,
        updated_at: at(0),
        participants: Vec::new(),
        facts: None,
    }
}

fn attachment(name: &str, data: &[u8]) -> NewAttachment {
    NewAttachment {
        id: Uuid::now_v7(),
        file_name: name.into(),
        content_type: "application/pdf".into(),
        sha256: format!("{:064x}", data.len()),
        data: data.to_vec(),
    }
}

/// Creates a complaint with a tracking code and attachments.
async fn create<S: Store>(
    store: &S,
    code: TrackingCode,
    files: Vec<NewAttachment>,
) -> Result<ComplaintId, StoreError> {
    let id = ComplaintId::new(Uuid::now_v7());
    store
        .create_complaint(2026, move |reference| {
            Ok::<_, ()>(NewStream {
                row: row(id, reference),
                events: vec![RawEvent {
                    complaint_id: id,
                    seq: 1,
                    at: at(0),
                    actor: "complainant".into(),
                    kind: "registered".into(),
                    data: "{}".into(),
                }],
                outbox: Vec::new(),
                tracking_code: Some(code),
                attachments: files,
            })
        })
        .await?
        .map_err(|()| StoreError::NotFound)?;
    Ok(id)
}

async fn tracking_codes_and_attachments_go_with_the_complaint<S: Store>(store: S) {
    let code = TrackingCode::from_random([1, 2, 3, 4, 5, 6, 7, 8]);
    // Every byte value survives the round trip (BYTEA on PostgreSQL, BLOB
    // on SQLite), as does a file of several megabytes.
    let all_bytes: Vec<u8> = (0..=255u8).cycle().take(3 * 1024 * 1024 + 7).collect();
    let id = create(
        &store,
        code,
        vec![
            attachment("brief.pdf", b"%PDF-1.4 \x00\xff"),
            attachment("foto's.pdf", &all_bytes),
        ],
    )
    .await
    .expect("created");

    assert_eq!(
        store
            .complaint_id_by_tracking_code(&code)
            .await
            .expect("query"),
        Some(id)
    );
    let other = TrackingCode::from_random([9; 8]);
    assert_eq!(
        store
            .complaint_id_by_tracking_code(&other)
            .await
            .expect("query"),
        None
    );
    assert_eq!(store.tracking_code_of(id).await.expect("query"), Some(code));

    let list = store.attachments_of(id).await.expect("list");
    assert_eq!(list.len(), 2);
    let big = list
        .iter()
        .find(|a| a.file_name == "foto's.pdf")
        .expect("listed");
    assert_eq!(big.size_bytes, all_bytes.len() as u64);
    let file = store
        .attachment(id, big.id)
        .await
        .expect("query")
        .expect("found");
    assert_eq!(file.data, all_bytes);
    assert_eq!(file.info, *big);
    // Only through its own complaint.
    let stranger = create(&store, other, Vec::new()).await.expect("created");
    assert_eq!(
        store.attachment(stranger, big.id).await.expect("query"),
        None
    );
    assert!(
        store
            .attachments_of(stranger)
            .await
            .expect("list")
            .is_empty()
    );

    // A code is unique: a second complaint with it is not written at all.
    let again = create(&store, code, vec![attachment("x.pdf", b"%PDF")]).await;
    assert!(
        matches!(again, Err(StoreError::Duplicate { .. })),
        "{again:?}"
    );
    assert_eq!(store.count_complaints().await.expect("count"), 2);
}

/// Files added later go with their event, all or nothing: a writer that
/// got there first leaves neither the event nor the files.
async fn files_added_later_are_stored_with_their_event<S: Store>(store: S) {
    let id = create(&store, TrackingCode::from_random([3; 8]), Vec::new())
        .await
        .expect("created");
    let (mut current, _) = store.load_stream(id).await.expect("load").expect("found");
    let append = |expected_version: u64, seq: u64, row: ComplaintRow| StreamAppend {
        expected_version,
        events: vec![RawEvent {
            complaint_id: id,
            seq,
            at: at(60),
            actor: "system".into(),
            kind: "files_added".into(),
            data: "{}".into(),
        }],
        row,
    };
    current.version = 2;
    let stale = append(0, 1, current.clone());
    let refused = store
        .add_attachments(&stale, &[attachment("laat.pdf", b"%PDF-1.7")], &[], at(60))
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { .. })),
        "{refused:?}"
    );
    assert!(store.attachments_of(id).await.expect("list").is_empty());

    store
        .add_attachments(
            &append(1, 2, current),
            &[attachment("brief.pdf", b"%PDF-1.7")],
            &[],
            at(60),
        )
        .await
        .expect("added");
    let (row, events) = store.load_stream(id).await.expect("load").expect("found");
    assert_eq!(row.version, 2);
    assert_eq!(events.last().map(|e| e.kind.as_str()), Some("files_added"));
    let list = store.attachments_of(id).await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].file_name, "brief.pdf");
    assert_eq!(list[0].created_at, at(60));
}

fn audit(kind: &str, subject: &str, second: i64) -> AuditEntry {
    AuditEntry {
        id: Uuid::now_v7(),
        at: at(second),
        actor: None,
        actor_name: "beheerder".into(),
        kind: kind.into(),
        subject: subject.into(),
        details: format!("{kind} {subject}"),
    }
}

async fn services_are_changed_with_their_log_entry<S: Store>(store: S) {
    let manager = NewUser {
        id: UserId::new(Uuid::now_v7()),
        email: Email::parse("margriet@focus.nl").expect("email"),
        name: "Margriet".into(),
        role: Role::Manager,
        manager: None,
        password_hash: None,
        created_at: at(0),
    };
    store.create_user(manager.clone()).await.expect("user");
    let thuiszorg = Uuid::now_v7();
    let schoonmaak = Uuid::now_v7();
    for (id, name, manager) in [
        (thuiszorg, "Thuiszorg", Some(manager.id)),
        (schoonmaak, "Schoonmaak", None),
    ] {
        store
            .change_public_service(
                &PublicServiceChange::Add {
                    id,
                    name: name.into(),
                    manager,
                },
                &audit("service.added", name, 1),
            )
            .await
            .expect("added");
    }
    let services = store.public_services().await.expect("list");
    let names: Vec<&str> = services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Thuiszorg", "Schoonmaak"], "in the order added");
    assert_eq!(services[0].manager, Some(manager.id));
    assert!(services.iter().all(|s| s.active));

    // Names are unique regardless of case; nothing is logged then.
    let dup = store
        .change_public_service(
            &PublicServiceChange::Add {
                id: Uuid::now_v7(),
                name: " thuiszorg ".into(),
                manager: None,
            },
            &audit("service.added", "thuiszorg", 2),
        )
        .await;
    assert!(matches!(dup, Err(StoreError::Duplicate { .. })), "{dup:?}");

    store
        .change_public_service(
            &PublicServiceChange::SetManager {
                id: schoonmaak,
                manager: Some(manager.id),
            },
            &audit("service.manager", "Schoonmaak", 3),
        )
        .await
        .expect("manager set");
    store
        .change_public_service(
            &PublicServiceChange::SetActive {
                id: thuiszorg,
                active: false,
            },
            &audit("service.deactivated", "Thuiszorg", 4),
        )
        .await
        .expect("deactivated");
    store
        .change_public_service(
            &PublicServiceChange::Rename {
                id: schoonmaak,
                name: "Schoonmaak en glazenwassen".into(),
            },
            &audit("service.renamed", "Schoonmaak", 5),
        )
        .await
        .expect("renamed");
    let missing = store
        .change_public_service(
            &PublicServiceChange::SetActive {
                id: Uuid::now_v7(),
                active: false,
            },
            &audit("service.deactivated", "?", 6),
        )
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    let services = store.public_services().await.expect("list");
    assert!(!services[0].active);
    assert_eq!(services[1].name, "Schoonmaak en glazenwassen");
    assert_eq!(services[1].manager, Some(manager.id));

    let log = store.admin_log(None, 50).await.expect("log");
    let kinds: Vec<&str> = log.items.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "service.renamed",
            "service.deactivated",
            "service.manager",
            "service.added",
            "service.added"
        ],
        "one entry per change that was made, newest first"
    );
}

async fn rate_limits_count_per_key_within_a_window<S: Store>(store: S) {
    let hour = SignedDuration::from_hours(1);
    for i in 0..5 {
        let d = store
            .hit_rate_limit("a", at(i * 60), hour, 5)
            .await
            .expect("hit");
        assert!(d.allowed, "hit {} allowed", i + 1);
        assert_eq!(d.hits, i as u32 + 1);
        assert_eq!(d.resets_at, at(3600), "the window starts at the first hit");
    }
    let sixth = store
        .hit_rate_limit("a", at(600), hour, 5)
        .await
        .expect("hit");
    assert!(!sixth.allowed);
    // Another key has its own count.
    let b = store
        .hit_rate_limit("b", at(600), hour, 5)
        .await
        .expect("hit");
    assert!(b.allowed && b.hits == 1);
    // After the window a new one starts.
    let later = store
        .hit_rate_limit("a", at(3601), hour, 5)
        .await
        .expect("hit");
    assert!(later.allowed);
    assert_eq!(later.hits, 1);
    assert_eq!(later.resets_at, at(3601 + 3600));
}

async fn concurrent_hits_never_let_more_through_than_the_limit<S: Store>(store: S) {
    let hour = SignedDuration::from_hours(1);
    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .hit_rate_limit("same-address", at(10), hour, 5)
                    .await
                    .expect("hit")
                    .allowed
            })
        })
        .collect();
    let mut allowed = 0;
    for t in tasks {
        if t.await.expect("task") {
            allowed += 1;
        }
    }
    assert_eq!(allowed, 5);
}

store_tests!(
    tracking_codes_and_attachments_go_with_the_complaint,
    files_added_later_are_stored_with_their_event,
    services_are_changed_with_their_log_entry,
    rate_limits_count_per_key_within_a_window,
    concurrent_hits_never_let_more_through_than_the_limit,
);
