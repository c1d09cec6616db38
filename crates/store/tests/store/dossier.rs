//! The dossier, its hash chain and retention, on SQLite and PostgreSQL.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::{ComplaintId, Email};
use klacht_store::{
    Anonymisation, ComplaintFilter, ComplaintRow, DossierDocument, DossierFilter, NewDossier,
    NewStream, RawEvent, Reseal, RetentionAction, RetentionEntry, Store, StoreError, chain_of,
    sha256_hex, store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn row(id: ComplaintId, reference: klacht_domain::ReferenceNumber, version: u64) -> ComplaintRow {
    ComplaintRow {
        id,
        reference,
        version,
        kind: "complaint".into(),
        status: "in_progress".into(),
        channel: "phone".into(),
        received_at: at(0),
        received_by: None,
        responsible_manager: None,
        handler: None,
        complainant_name: "J. de Vries".into(),
        service: Some("Thuiszorg".into()),
        category: Some("Planning".into()),
        summary: "Te laat".into(),
        next_step: None,
        next_due: None,
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

fn event(id: ComplaintId, seq: u64, kind: &str, data: &str) -> RawEvent {
    RawEvent {
        complaint_id: id,
        seq,
        at: at(seq as i64),
        actor: "system".into(),
        kind: kind.into(),
        data: data.into(),
    }
}

/// A complaint with `n` events, the last one closing it at `at(n)`.
async fn closed<S: Store>(
    store: &S,
    n: u64,
    name: &str,
    email: &str,
) -> (ComplaintRow, Vec<RawEvent>) {
    let id = ComplaintId::new(Uuid::now_v7());
    let registered =
        format!(r#"{{"type":"registered","complainant":{{"name":"{name}","email":"{email}"}}}}"#);
    let first = event(id, 1, "registered", &registered);
    let name = name.to_owned();
    let created = store
        .create_complaint(2026, move |reference| {
            let mut r = row(id, reference, 1);
            r.complainant_name = name;
            Ok::<_, ()>(NewStream {
                row: r,
                events: vec![first],
                outbox: Vec::new(),
                tracking_code: None,
                attachments: Vec::new(),
            })
        })
        .await
        .expect("store")
        .expect("build");
    let mut events = vec![event(id, 1, "registered", &registered)];
    let mut r = created;
    for seq in 2..=n {
        let kind = if seq == n {
            "closed"
        } else {
            "contact_recorded"
        };
        let e = event(id, seq, kind, &format!(r#"{{"type":"{kind}","n":{seq}}}"#));
        let mut next = r.clone();
        next.version = seq;
        if seq == n {
            next.closed_at = Some(at(seq as i64));
            next.status = "closed".into();
        }
        store
            .append(seq - 1, std::slice::from_ref(&e), &next, &[])
            .await
            .expect("append");
        events.push(e);
        r = next;
    }
    (r, events)
}

fn entry(row: &ComplaintRow, events: &[RawEvent], year: i32, filed: i64) -> NewDossier {
    NewDossier {
        round: 1,
        complaint_id: row.id,
        year,
        closed_at: row.closed_at.unwrap_or(at(0)),
        filed_at: at(filed),
        filed_by: None,
        events: events.to_vec(),
        record_json: format!(r#"{{"reference":"{}"}}"#, row.reference),
        pdf: b"%PDF-1.7\n\x00\xff binary".to_vec(),
    }
}

async fn hashes_of<S: Store>(store: &S, id: ComplaintId) -> Vec<(u64, String)> {
    let sealed = store.sealed_complaints(None, 200).await.expect("sealed");
    sealed
        .into_iter()
        .find(|s| s.row.complaint_id == id)
        .map(|s| s.hashes)
        .unwrap_or_default()
}

fn hex_chain(events: &[RawEvent]) -> Vec<(u64, String)> {
    events
        .iter()
        .zip(chain_of(events))
        .map(|(e, h)| (e.seq, sha256_hex_raw(&h)))
        .collect()
}

fn sha256_hex_raw(h: &[u8; 32]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

async fn filing_seals_the_stream_and_later_events_extend_the_chain<S: Store>(store: S) {
    let (r, mut events) = closed(&store, 4, "J. de Vries", "jdv@example.nl").await;
    let d = entry(&r, &events, 2026, 100);
    assert!(store.file_dossier(&d).await.expect("file"));
    // Idempotent: a second filing writes nothing.
    assert!(!store.file_dossier(&d).await.expect("file again"));

    let e = store
        .dossier_entry(r.id)
        .await
        .expect("entry")
        .expect("filed");
    assert_eq!(e.sealed_seq, 4);
    assert_eq!(e.year, 2026);
    assert_eq!(e.reference, r.reference);
    assert_eq!(e.record_sha256, sha256_hex(d.record_json.as_bytes()));
    assert_eq!(e.pdf_sha256, sha256_hex(&d.pdf));
    assert_eq!(e.anonymised_at, None);
    let pdf = store
        .dossier_document(r.id, DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");
    assert_eq!(pdf, d.pdf, "binary bytes survive the round trip");
    let record = store
        .dossier_document(r.id, DossierDocument::Record)
        .await
        .expect("record")
        .expect("stored");
    assert_eq!(record, d.record_json.as_bytes());

    let chain = hex_chain(&events);
    assert_eq!(hashes_of(&store, r.id).await, chain);
    assert_eq!(e.chain_head, chain[3].1);

    // Exact registers the closed complaint afterwards: the chain grows in
    // the append's transaction.
    let later = event(
        r.id,
        5,
        "registered_in_exact",
        r#"{"type":"registered_in_exact"}"#,
    );
    let mut next = r.clone();
    next.version = 5;
    store
        .append(4, std::slice::from_ref(&later), &next, &[])
        .await
        .expect("append");
    events.push(later);
    assert_eq!(hashes_of(&store, r.id).await, hex_chain(&events));

    // An open complaint gets no hashes from appending.
    let (open, _) = closed(&store, 1, "Open", "open@example.nl").await;
    assert!(hashes_of(&store, open.id).await.is_empty());
    assert!(store.dossier_entry(open.id).await.expect("entry").is_none());
}

async fn filing_refuses_a_stream_that_grew<S: Store>(store: S) {
    let (r, events) = closed(&store, 3, "A", "a@example.nl").await;
    let stale = entry(&r, &events[..2], 2026, 10);
    match store.file_dossier(&stale).await {
        Err(StoreError::Conflict { expected: 2 }) => {}
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(store.dossier_entry(r.id).await.expect("entry").is_none());
    assert!(hashes_of(&store, r.id).await.is_empty());
    // Unfiled closed complaints are found for the catch-up.
    let pending = store.unfiled_closed(None, 10).await.expect("pending");
    assert_eq!(pending, [r.id]);
    assert!(
        store
            .unfiled_closed(Some(at(1000)), 10)
            .await
            .expect("pending")
            .is_empty(),
        "closed before the bound"
    );
    assert!(
        store
            .file_dossier(&entry(&r, &events, 2026, 10))
            .await
            .expect("file")
    );
    assert!(
        store
            .unfiled_closed(None, 10)
            .await
            .expect("pending")
            .is_empty()
    );
}

async fn the_dossier_lists_a_year_with_search_and_keyset_pages<S: Store>(store: S) {
    let mut filed = Vec::new();
    for (i, (name, year)) in [
        ("Mevrouw Jansen", 2026),
        ("De heer Bakker", 2026),
        ("Familie Jansen", 2026),
        ("Oud Geval", 2025),
    ]
    .into_iter()
    .enumerate()
    {
        let (r, events) = closed(&store, 2, name, "x@example.nl").await;
        store
            .file_dossier(&entry(&r, &events, year, 100 + i as i64))
            .await
            .expect("file");
        filed.push(r);
    }
    assert_eq!(
        store.dossier_years().await.expect("years"),
        [(2026, 3), (2025, 1)]
    );
    let filter = |text: Option<&str>, limit| DossierFilter {
        year: Some(2026),
        text: text.map(str::to_owned),
        after: None,
        limit,
    };
    let all = store.list_dossier(&filter(None, 50)).await.expect("list");
    let names: Vec<_> = all
        .items
        .iter()
        .map(|r| r.complainant_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Familie Jansen", "De heer Bakker", "Mevrouw Jansen"]
    );
    assert!(all.next.is_none());

    let jansen = store
        .list_dossier(&filter(Some("JANSEN"), 50))
        .await
        .expect("search");
    assert_eq!(jansen.items.len(), 2);
    let everywhere = store
        .list_dossier(&DossierFilter {
            year: None,
            text: Some("oud".into()),
            after: None,
            limit: 50,
        })
        .await
        .expect("every year");
    assert_eq!(everywhere.items.len(), 1);
    assert_eq!(everywhere.items[0].year, 2025);
    let by_reference = filed[1].reference.to_string();
    let found = store
        .list_dossier(&filter(Some(&by_reference), 50))
        .await
        .expect("search");
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].complaint_id, filed[1].id);
    let category = store
        .list_dossier(&filter(Some("plan"), 50))
        .await
        .expect("category");
    assert_eq!(category.items.len(), 3);
    let wildcard = store
        .list_dossier(&filter(Some("%"), 50))
        .await
        .expect("wildcard");
    assert!(wildcard.items.is_empty(), "LIKE wildcards are literal");

    let mut seen = Vec::new();
    let mut page = filter(None, 1);
    loop {
        let p = store.list_dossier(&page).await.expect("page");
        assert!(p.items.len() <= 1);
        seen.extend(p.items.iter().map(|r| r.complaint_id));
        match p.next {
            Some(next) => page.after = Some(next),
            None => break,
        }
    }
    let expected: Vec<_> = all.items.iter().map(|r| r.complaint_id).collect();
    assert_eq!(seen, expected);
}

async fn anonymisation_rewrites_history_reseals_and_is_logged<S: Store>(store: S) {
    let (r, events) = closed(&store, 3, "J. de Vries", "jdv@example.nl").await;
    store
        .file_dossier(&entry(&r, &events, 2026, 50))
        .await
        .expect("file");
    let email = Email::parse("JDV@example.nl").expect("email");
    assert_eq!(
        store.complaints_with_email(&email).await.expect("find"),
        [r.id]
    );
    let other = Email::parse("jd@example.nl").expect("email");
    assert!(
        store
            .complaints_with_email(&other)
            .await
            .expect("find")
            .is_empty()
    );

    assert_eq!(
        store
            .expired_for_retention(at(3), 10)
            .await
            .expect("expired"),
        Vec::<ComplaintId>::new()
    );
    assert_eq!(
        store
            .expired_for_retention(at(4), 10)
            .await
            .expect("expired"),
        [r.id]
    );

    let anon = r#"{"type":"registered","complainant":{"name":"[geanonimiseerd]"}}"#;
    let changed = vec![event(r.id, 1, "registered", anon)];
    let mut all = events.clone();
    all[0] = changed[0].clone();
    let mut new_row = r.clone();
    new_row.complainant_name = "[geanonimiseerd]".into();
    let log = RetentionEntry {
        id: Uuid::now_v7(),
        at: at(500),
        action: RetentionAction::Anonymised,
        complaint_id: Some(r.id),
        reference: Some(r.reference.to_string()),
        actor: "system".into(),
        detail: r#"{"events":[1]}"#.into(),
    };
    let a = Anonymisation {
        complaint_id: r.id,
        expected_version: 3,
        changed: changed.clone(),
        row: new_row,
        exact_payload: None,
        reseal: Some(Reseal {
            events: all.clone(),
            record_json: r#"{"anonymised":true}"#.into(),
            pdf: b"%PDF anon".to_vec(),
        }),
        log: log.clone(),
    };
    // A stale version writes nothing.
    let stale = Anonymisation {
        expected_version: 2,
        ..a.clone()
    };
    assert!(matches!(
        store.anonymise(&stale).await,
        Err(StoreError::Conflict { .. })
    ));
    let by_name = |text: &str| ComplaintFilter {
        text: Some(text.into()),
        limit: 10,
        ..Default::default()
    };
    let in_dossier = |text: &str| DossierFilter {
        year: None,
        text: Some(text.into()),
        after: None,
        limit: 10,
    };
    for text in ["de vries", "Vr"] {
        let found = store.list_complaints(&by_name(text)).await.expect("search");
        assert_eq!(found.items.len(), 1, "{text}");
        let filed = store.list_dossier(&in_dossier(text)).await.expect("search");
        assert_eq!(filed.items.len(), 1, "{text}");
    }
    store.anonymise(&a).await.expect("anonymise");
    // The old name leaves the search (its index too: migration 0028).
    for text in ["de vries", "VRIES", "Vr"] {
        let found = store.list_complaints(&by_name(text)).await.expect("search");
        assert!(found.items.is_empty(), "{text}");
        let filed = store.list_dossier(&in_dossier(text)).await.expect("search");
        assert!(filed.items.is_empty(), "{text}");
    }
    let found = store
        .list_complaints(&by_name("geanonimiseerd"))
        .await
        .expect("search");
    assert_eq!(found.items.len(), 1);

    let (stored_row, stored) = store
        .load_stream(r.id)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(stored[0].data, anon);
    assert_eq!(stored[1], events[1], "other events untouched");
    assert_eq!(stored_row.complainant_name, "[geanonimiseerd]");
    assert_eq!(hashes_of(&store, r.id).await, hex_chain(&all));
    let e = store
        .dossier_entry(r.id)
        .await
        .expect("entry")
        .expect("filed");
    assert_eq!(e.anonymised_at, Some(at(500)));
    assert_eq!(e.pdf_sha256, sha256_hex(b"%PDF anon"));
    assert_eq!(e.record_sha256, sha256_hex(br#"{"anonymised":true}"#));
    assert_eq!(e.chain_head, hex_chain(&all)[2].1);

    assert_eq!(
        store.retention_log(Some(r.id), 10).await.expect("log"),
        [log]
    );
    assert!(
        store
            .expired_for_retention(at(4), 10)
            .await
            .expect("expired")
            .is_empty()
    );
    assert!(
        store
            .complaints_with_email(&email)
            .await
            .expect("find")
            .is_empty()
    );

    let export = RetentionEntry {
        id: Uuid::now_v7(),
        at: at(600),
        action: RetentionAction::Exported,
        complaint_id: None,
        reference: None,
        actor: "cli".into(),
        detail: r#"{"email":"someone@example.nl"}"#.into(),
    };
    store.log_retention(&export).await.expect("log export");
    let log = store.retention_log(None, 10).await.expect("log");
    assert_eq!(log.len(), 2);
    assert_eq!(log[0], export, "newest first");
}

async fn stored_streams_page_through_every_complaint<S: Store>(store: S) {
    let mut ids = Vec::new();
    for i in 0..5 {
        let (r, events) = closed(&store, 2, &format!("K{i}"), "k@example.nl").await;
        if i % 2 == 0 {
            store
                .file_dossier(&entry(&r, &events, 2026, i))
                .await
                .expect("file");
        }
        ids.push(r.id);
    }
    ids.sort();
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.stored_streams(after, 2).await.expect("streams");
        if page.is_empty() {
            break;
        }
        for s in &page {
            assert_eq!(s.events.len(), 2);
            assert_eq!(s.version, 2);
            assert!(s.closed);
        }
        after = page.last().map(|s| s.id);
        seen.extend(page.into_iter().map(|s| (s.id, s.filed)));
    }
    assert_eq!(seen.iter().map(|(id, _)| *id).collect::<Vec<_>>(), ids);
    assert_eq!(seen.iter().filter(|(_, filed)| *filed).count(), 3);
}

store_tests!(
    filing_seals_the_stream_and_later_events_extend_the_chain,
    filing_refuses_a_stream_that_grew,
    the_dossier_lists_a_year_with_search_and_keyset_pages,
    anonymisation_rewrites_history_reseals_and_is_logged,
    stored_streams_page_through_every_complaint,
);
