//! The report queries (whole streams per page of complaints), on SQLite
//! and PostgreSQL alike.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::ComplaintId;
use klacht_store::{
    ComplaintRow, Cursor, FactsUpdate, NewStream, RawEvent, Store, StoreError, StoredFacts,
    store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn row(
    id: ComplaintId,
    reference: klacht_domain::ReferenceNumber,
    received: Timestamp,
) -> ComplaintRow {
    ComplaintRow {
        id,
        reference,
        version: 1,
        kind: "complaint".into(),
        status: "awaiting_handler".into(),
        channel: "phone".into(),
        received_at: received,
        received_by: None,
        responsible_manager: None,
        handler: None,
        complainant_name: "J. de Vries".into(),
        service: None,
        category: None,
        summary: "Te laat".into(),
        next_step: Some("contact".into()),
        next_due: Some(date(2026, 4, 29)),
        report_due: date(2026, 4, 24),
        contact_due: date(2026, 4, 29),
        offer_due: date(2026, 5, 8),
        record_due: date(2026, 5, 15),
        closed_at: None,
        updated_at: received,
        participants: Vec::new(),
        facts: None,
    }
}

fn event(id: ComplaintId, seq: u64) -> RawEvent {
    RawEvent {
        complaint_id: id,
        seq,
        at: at(seq as i64),
        actor: "system".into(),
        kind: format!("k{seq}"),
        data: format!(r#"{{"n":{seq}}}"#),
    }
}

/// A complaint received at `received` with `events` events.
async fn create<S: Store>(store: &S, received: Timestamp, events: u64) -> ComplaintId {
    let id = ComplaintId::new(Uuid::new_v4());
    store
        .create_complaint(2026, move |reference| {
            Ok::<_, ()>(NewStream {
                row: row(id, reference, received),
                events: (1..=events).map(|seq| event(id, seq)).collect(),
                outbox: Vec::new(),
                tracking_code: None,
                attachments: Vec::new(),
            })
        })
        .await
        .expect("store works")
        .expect("build succeeds");
    id
}

async fn streams_of_a_period_come_whole_in_pages<S: Store>(store: S) {
    // Received at 100, 200, …, 700; number 4 and 5 share an instant.
    let mut ids = Vec::new();
    for (i, second) in [100, 200, 300, 400, 400, 600, 700].into_iter().enumerate() {
        ids.push((second, create(&store, at(second), (i as u64 % 3) + 1).await));
    }
    // Keyset order within one instant is by id.
    let mut expected: Vec<(i64, ComplaintId)> = ids
        .iter()
        .copied()
        .filter(|(s, _)| (200..700).contains(s))
        .collect();
    expected.sort_by_key(|(s, id)| (*s, id.to_string()));

    let mut seen = Vec::new();
    let mut after: Option<Cursor> = None;
    let mut pages = 0;
    loop {
        let page = store
            .report_streams(at(200), at(700), after, 2)
            .await
            .expect("page");
        pages += 1;
        for (id, events) in &page.streams {
            let seqs: Vec<u64> = events.iter().map(|e| e.seq).collect();
            let want = ids.iter().position(|(_, i)| i == id).expect("known") as u64 % 3 + 1;
            assert_eq!(
                seqs,
                (1..=want).collect::<Vec<_>>(),
                "whole stream in order"
            );
            assert!(events.iter().all(|e| e.complaint_id == *id));
            seen.push(*id);
        }
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
        assert!(pages < 10, "pagination ends");
    }
    assert_eq!(
        seen,
        expected.iter().map(|(_, id)| *id).collect::<Vec<_>>(),
        "every complaint of [200, 700) once, oldest first"
    );
    let empty = store
        .report_streams(at(800), at(900), None, 10)
        .await
        .expect("empty period");
    assert!(empty.streams.is_empty() && empty.next.is_none());
}

async fn events_of_named_complaints<S: Store>(store: S) {
    let a = create(&store, at(10), 3).await;
    let b = create(&store, at(20), 1).await;
    let _c = create(&store, at(30), 2).await;
    let unknown = ComplaintId::new(Uuid::new_v4());
    let mut streams = store.events_of(&[b, a, unknown, a]).await.expect("events");
    streams.sort_by_key(|(id, _)| id.to_string());
    let mut want = vec![(a, 3usize), (b, 1)];
    want.sort_by_key(|(id, _)| id.to_string());
    let got: Vec<(ComplaintId, usize)> = streams.iter().map(|(id, e)| (*id, e.len())).collect();
    assert_eq!(got, want);
    let seqs: Vec<u64> = streams
        .iter()
        .find(|(id, _)| *id == a)
        .map(|(_, e)| e.iter().map(|e| e.seq).collect())
        .unwrap_or_default();
    assert_eq!(seqs, [1, 2, 3]);
    assert!(store.events_of(&[]).await.expect("no ids").is_empty());
}

fn facts(key: &str, data: &str) -> Option<StoredFacts> {
    Some(StoredFacts {
        key: key.into(),
        data: data.into(),
    })
}

/// A complaint of one event whose row carries `facts`.
async fn create_with<S: Store>(
    store: &S,
    received: Timestamp,
    facts: Option<StoredFacts>,
) -> ComplaintId {
    let id = ComplaintId::new(Uuid::new_v4());
    store
        .create_complaint(2026, move |reference| {
            Ok::<_, ()>(NewStream {
                row: ComplaintRow {
                    facts,
                    ..row(id, reference, received)
                },
                events: vec![event(id, 1)],
                outbox: Vec::new(),
                tracking_code: None,
                attachments: Vec::new(),
            })
        })
        .await
        .expect("store works")
        .expect("build succeeds");
    id
}

/// Every facts row of `[from, before)` on `key`, in pages of 2.
async fn all_facts<S: Store>(
    store: &S,
    key: &str,
    from: Timestamp,
    before: Timestamp,
) -> Vec<(ComplaintId, Option<String>)> {
    let mut out = Vec::new();
    let mut after = None;
    for _ in 0..20 {
        let page = store
            .report_facts(key, from, before, after, 2)
            .await
            .expect("facts page");
        out.extend(page.rows.into_iter().map(|r| {
            assert_eq!(r.version, 1);
            (r.id, r.facts)
        }));
        match page.next {
            Some(next) => after = Some(next),
            None => return out,
        }
    }
    panic!("pagination does not end");
}

/// Migration 0027: the facts written with a row come back for their key
/// only; rows without facts (written before the migration) and rows on
/// another key come back empty, in order of receipt, and are the stale
/// ones; the backfill's write only lands on the version it computed from.
async fn stored_facts_come_back_on_their_key_only<S: Store>(store: S) {
    let a = create_with(&store, at(100), facts("k1", r#"{"a":1}"#)).await;
    let b = create_with(&store, at(200), None).await;
    let c = create_with(&store, at(300), facts("k0", r#"{"c":0}"#)).await;
    let d = create_with(&store, at(300), facts("k1", r#"{"d":1}"#)).await;
    let _later = create_with(&store, at(900), facts("k1", "{}")).await;

    let (first, second) = if c.to_string() < d.to_string() {
        ((c, None), (d, Some(r#"{"d":1}"#.to_owned())))
    } else {
        ((d, Some(r#"{"d":1}"#.to_owned())), (c, None))
    };
    assert_eq!(
        all_facts(&store, "k1", at(100), at(800)).await,
        vec![(a, Some(r#"{"a":1}"#.to_owned())), (b, None), first, second]
    );

    let mut stale = store.stale_facts("k1", 10).await.expect("stale");
    stale.sort_by_key(ToString::to_string);
    let mut want = vec![b, c];
    want.sort_by_key(ToString::to_string);
    assert_eq!(stale, want);
    assert_eq!(store.stale_facts("k1", 1).await.expect("stale").len(), 1);

    // b is at version 1, c is not at version 2: only b is written.
    let written = store
        .store_facts(&[
            FactsUpdate {
                id: b,
                version: 1,
                facts: StoredFacts {
                    key: "k1".into(),
                    data: r#"{"b":1}"#.into(),
                },
            },
            FactsUpdate {
                id: c,
                version: 2,
                facts: StoredFacts {
                    key: "k1".into(),
                    data: r#"{"c":1}"#.into(),
                },
            },
        ])
        .await
        .expect("store facts");
    assert_eq!(written, 1);
    assert_eq!(store.stale_facts("k1", 10).await.expect("stale"), vec![c]);
    let rows = all_facts(&store, "k1", at(200), at(201)).await;
    assert_eq!(rows, vec![(b, Some(r#"{"b":1}"#.to_owned()))]);
}

/// The facts are part of the row: an append replaces them in its
/// transaction, and a conflicting append (another writer got there first)
/// leaves the facts of the winner.
async fn an_append_writes_the_facts_and_a_conflict_does_not<S: Store>(store: S) {
    let id = create_with(&store, at(100), facts("k1", "v1")).await;
    let (loaded, _) = store.load_stream(id).await.expect("load").expect("exists");
    assert_eq!(loaded.facts, None, "the lists do not read the facts");
    let next = ComplaintRow {
        version: 2,
        facts: facts("k1", "v2"),
        ..loaded.clone()
    };
    store
        .append(1, &[event(id, 2)], &next, &[])
        .await
        .expect("append");
    let late = ComplaintRow {
        version: 2,
        facts: facts("k1", "v3"),
        ..loaded
    };
    let conflict = store.append(1, &[event(id, 2)], &late, &[]).await;
    assert!(
        matches!(conflict, Err(StoreError::Conflict { expected: 1 })),
        "{conflict:?}"
    );
    let page = store
        .report_facts("k1", at(0), at(1000), None, 10)
        .await
        .expect("facts");
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].version, 2);
    assert_eq!(page.rows[0].facts.as_deref(), Some("v2"));
}

store_tests!(
    streams_of_a_period_come_whole_in_pages,
    events_of_named_complaints,
    stored_facts_come_back_on_their_key_only,
    an_append_writes_the_facts_and_a_conflict_does_not
);
