//! Finding open complaints by an event of theirs: the director's open
//! consultations (issue 12) start here.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::{ComplaintId, ReferenceNumber};
use klacht_store::{ComplaintRow, NewStream, RawEvent, Store, store_tests};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn row(id: ComplaintId, reference: ReferenceNumber, received: Timestamp) -> ComplaintRow {
    ComplaintRow {
        id,
        reference,
        version: 2,
        kind: "complaint".into(),
        status: "in_progress".into(),
        channel: "phone".into(),
        received_at: received,
        received_by: None,
        responsible_manager: None,
        handler: None,
        complainant_name: "J. de Vries".into(),
        service: None,
        category: None,
        summary: "Te laat".into(),
        next_step: Some("offer".into()),
        next_due: Some(date(2026, 5, 8)),
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

/// A complaint received at `received` whose second event is `kind` with
/// `data`; closed when `closed`.
async fn complaint<S: Store>(
    store: &S,
    received: i64,
    kind: &'static str,
    data: &'static str,
    closed: bool,
) -> ComplaintId {
    let id = ComplaintId::new(Uuid::new_v4());
    store
        .create_complaint(2026, move |reference| {
            let mut row = row(id, reference, at(received));
            if closed {
                row.closed_at = Some(at(received + 100));
                row.status = "closed".into();
            }
            Ok::<_, ()>(NewStream {
                row,
                events: vec![
                    event(id, 1, "registered", r#"{"type":"registered"}"#),
                    event(id, 2, kind, data),
                ],
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

async fn open_complaints_are_found_by_an_event_and_its_data<S: Store>(store: S) {
    const ASKED: &str =
        r#"{"type":"director_consulted","number":1,"director":"d-1_x","question":"?"}"#;
    let later = complaint(&store, 20, "director_consulted", ASKED, false).await;
    let earlier = complaint(&store, 10, "director_consulted", ASKED, false).await;
    let other = complaint(
        &store,
        5,
        "director_consulted",
        r#"{"type":"director_consulted","director":"d-2%x"}"#,
        false,
    )
    .await;
    complaint(&store, 1, "director_consulted", ASKED, true).await;
    complaint(
        &store,
        2,
        "contact_recorded",
        r#"{"summary":"d-1_x"}"#,
        false,
    )
    .await;

    let found: Vec<ComplaintId> = store
        .open_complaints_with_event("director_consulted", "d-1_x")
        .await
        .expect("query")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(found, [earlier, later], "open ones, oldest receipt first");
    // `%` and `_` in the needle are literal, not wildcards.
    let found: Vec<ComplaintId> = store
        .open_complaints_with_event("director_consulted", "d-2%x")
        .await
        .expect("query")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(found, [other]);
    assert!(
        store
            .open_complaints_with_event("director_consulted", "d-1%")
            .await
            .expect("query")
            .is_empty()
    );
}

store_tests!(open_complaints_are_found_by_an_event_and_its_data);
