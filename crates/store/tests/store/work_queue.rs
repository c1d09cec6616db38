//! The work queue's reads (start page, "Wacht op mij"), on SQLite and
//! PostgreSQL alike: open complaints only, each once, and the action
//! events of open complaints only.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::{ComplaintId, ReferenceNumber, UserId};
use klacht_store::{ComplaintRow, NewStream, RawEvent, Store, WorkQueueQuery, store_tests};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn row(
    id: ComplaintId,
    reference: ReferenceNumber,
    kind: &str,
    status: &str,
    who: &[UserId],
) -> ComplaintRow {
    ComplaintRow {
        id,
        reference,
        version: 1,
        kind: kind.into(),
        status: status.into(),
        channel: "phone".into(),
        received_at: at(reference.number().into()),
        received_by: who.first().copied(),
        responsible_manager: None,
        handler: who.get(1).copied(),
        complainant_name: "J. de Vries".into(),
        service: None,
        category: None,
        summary: "Te laat".into(),
        next_step: None,
        next_due: None,
        report_due: date(2026, 4, 24),
        contact_due: date(2026, 4, 29),
        offer_due: date(2026, 5, 8),
        record_due: date(2026, 5, 15),
        closed_at: (status == "closed").then(|| at(100)),
        updated_at: at(0),
        participants: who.to_vec(),
        facts: None,
    }
}

async fn create<S: Store>(
    store: &S,
    kind: &str,
    status: &str,
    who: &[UserId],
    events: &[&str],
) -> ComplaintRow {
    let id = ComplaintId::new(Uuid::new_v4());
    let (kind, status, who) = (kind.to_owned(), status.to_owned(), who.to_vec());
    let events: Vec<RawEvent> = ["registered"]
        .iter()
        .chain(events)
        .enumerate()
        .map(|(i, k)| RawEvent {
            complaint_id: id,
            seq: i as u64 + 1,
            at: at(i as i64),
            actor: "system".into(),
            kind: (*k).into(),
            data: format!(r#"{{"type":"{k}","n":{}}}"#, i + 1),
        })
        .collect();
    store
        .create_complaint(2026, move |reference| {
            Ok::<_, ()>(NewStream {
                row: row(id, reference, &kind, &status, &who),
                events,
                outbox: Vec::new(),
                tracking_code: None,
                attachments: Vec::new(),
            })
        })
        .await
        .expect("store works")
        .expect("build succeeds")
}

async fn open_complaints_of_a_person_and_of_a_status<S: Store>(store: S) {
    let (me, other) = (UserId::new(Uuid::new_v4()), UserId::new(Uuid::new_v4()));
    let mine = create(&store, "complaint", "in_progress", &[me, other], &[]).await;
    let recorded = create(&store, "complaint", "recorded", &[other], &[]).await;
    let escalated = create(&store, "complaint", "escalated", &[other], &[]).await;
    create(&store, "complaint", "closed", &[me], &[]).await;
    create(&store, "signal", "signal", &[me], &[]).await;

    let ids = |rows: Vec<ComplaintRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let query = |recorded, escalated| WorkQueueQuery {
        participant: me,
        recorded,
        escalated,
    };
    let got = store
        .work_queue_complaints(&query(false, false))
        .await
        .expect("read");
    assert_eq!(ids(got), [mine.id]);
    let got = store
        .work_queue_complaints(&query(true, false))
        .await
        .expect("read");
    assert_eq!(ids(got), [mine.id, recorded.id]);
    let got = store
        .work_queue_complaints(&query(true, true))
        .await
        .expect("read");
    assert_eq!(ids(got), [mine.id, recorded.id, escalated.id]);
    // Someone connected to the recorded one sees it once, not twice.
    let got = store
        .work_queue_complaints(&WorkQueueQuery {
            participant: other,
            recorded: true,
            escalated: false,
        })
        .await
        .expect("read");
    assert_eq!(ids(got), [mine.id, recorded.id, escalated.id]);
}

async fn action_events_of_a_persons_open_complaints_only<S: Store>(store: S) {
    let (me, handler) = (UserId::new(Uuid::new_v4()), UserId::new(Uuid::new_v4()));
    let open = create(
        &store,
        "complaint",
        "in_progress",
        &[me, handler],
        &[
            "action_agreed",
            "contact_recorded",
            "corrected",
            "action_completed",
        ],
    )
    .await;
    create(&store, "complaint", "closed", &[me], &["action_agreed"]).await;
    // Someone else's open complaint: not read for me.
    let stranger = UserId::new(Uuid::new_v4());
    create(
        &store,
        "complaint",
        "in_progress",
        &[stranger],
        &["action_agreed"],
    )
    .await;
    let theirs = store.open_action_events(stranger).await.expect("read");
    assert_eq!(theirs.len(), 1, "{theirs:?}");
    assert!(theirs.iter().all(|e| e.event.complaint_id != open.id));
    assert!(
        store
            .open_action_events(UserId::new(Uuid::new_v4()))
            .await
            .expect("read")
            .is_empty()
    );
    let events = store.open_action_events(me).await.expect("read");
    assert_eq!(
        events
            .iter()
            .map(|e| (e.event.seq, e.event.kind.as_str()))
            .collect::<Vec<_>>(),
        [
            (2, "action_agreed"),
            (4, "corrected"),
            (5, "action_completed")
        ]
    );
    assert!(events.iter().all(|e| e.reference == open.reference
        && e.handler == Some(handler)
        && e.event.complaint_id == open.id));
}

store_tests!(
    open_complaints_of_a_person_and_of_a_status,
    action_events_of_a_persons_open_complaints_only,
);
