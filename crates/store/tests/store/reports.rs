//! The report queries (whole streams per page of complaints), on SQLite
//! and PostgreSQL alike.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::ComplaintId;
use klacht_store::{ComplaintRow, Cursor, NewStream, RawEvent, Store, store_tests};
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

store_tests!(
    streams_of_a_period_come_whole_in_pages,
    events_of_named_complaints
);
