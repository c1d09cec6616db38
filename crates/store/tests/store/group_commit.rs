//! Intakes and appends that are committed together (group commit,
//! issue 14 §2): each write fails alone, and an answered write is
//! committed. On SQLite every write is grouped; on PostgreSQL the intakes
//! are (they share the year's counter), and an append is a transaction of
//! its own. The same holds on both.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::{ComplaintId, ReferenceNumber};
use klacht_store::testing::{PgTestDb, SqliteTestDb};
use klacht_store::{
    ComplaintRow, ComplaintStore as _, NewStream, RawEvent, Store, StoreError, store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn stream(id: ComplaintId, reference: ReferenceNumber) -> NewStream {
    NewStream {
        row: ComplaintRow {
            id,
            reference,
            version: 1,
            kind: "complaint".into(),
            status: "awaiting_handler".into(),
            channel: "phone".into(),
            received_at: at(0),
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
            updated_at: at(0),
            participants: Vec::new(),
            facts: None,
        },
        events: vec![event(id, 1)],
        outbox: Vec::new(),
        tracking_code: None,
        attachments: Vec::new(),
    }
}

fn event(id: ComplaintId, seq: u64) -> RawEvent {
    RawEvent {
        complaint_id: id,
        seq,
        at: at(seq as i64),
        actor: "system".into(),
        kind: "note".into(),
        data: format!(r#"{{"type":"note","n":{seq}}}"#),
    }
}

/// What one write of the mixed batch was, and how it was answered.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // a few per test
enum Answer {
    Created(Result<Result<(ComplaintRow, u32), &'static str>, StoreError>),
    Appended(Result<(), StoreError>),
}

/// The complaint the appends of [`spawn_writes`] go to: K-2026-0001.
async fn existing<S: Store>(store: &S) -> ComplaintRow {
    let existing = store
        .create_complaint_grouped(2026, |reference| {
            Ok::<_, &'static str>((stream(ComplaintId::new(Uuid::new_v4()), reference), 0))
        })
        .await
        .expect("store works")
        .expect("build succeeds")
        .0;
    assert_eq!(existing.reference.to_string(), "K-2026-0001");
    existing
}

/// Nine writes at once: five good intakes, one whose build refuses, one
/// whose row collides with `existing` (a failed statement), one append at
/// a stale version and one good append.
fn spawn_writes<S: Store + Clone + 'static>(
    store: &S,
    existing: &ComplaintRow,
) -> Vec<tokio::task::JoinHandle<Answer>> {
    let mut tasks = Vec::new();
    for n in 0..7u32 {
        let store = store.clone();
        let taken = existing.id;
        tasks.push(tokio::spawn(async move {
            Answer::Created(
                store
                    .create_complaint_grouped(2026, move |reference| match n {
                        2 => Err("formulier onvolledig"),
                        // The id of a stored complaint: the INSERT fails.
                        4 => Ok((stream(taken, reference), n)),
                        _ => Ok((stream(ComplaintId::new(Uuid::new_v4()), reference), n)),
                    })
                    .await,
            )
        }));
    }
    for expected in [5, 1] {
        let store = store.clone();
        let mut row = existing.clone();
        row.version = 2;
        tasks.push(tokio::spawn(async move {
            Answer::Appended(store.append(expected, &[event(row.id, 2)], &row, &[]).await)
        }));
    }
    tasks
}

async fn answers(tasks: Vec<tokio::task::JoinHandle<Answer>>) -> Vec<Answer> {
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.expect("the write's task ran"));
    }
    answers
}

/// Checks the answers of [`mixed_writes`] against what is stored.
async fn check<S: Store>(store: &S, existing: &ComplaintRow, answers: Vec<Answer>) {
    let mut references = Vec::new();
    for answer in answers {
        match answer {
            Answer::Created(Ok(Ok((row, n)))) => {
                assert!(![2, 4].contains(&n), "write {n} should have failed");
                let (stored, events) = store
                    .load_stream(row.id)
                    .await
                    .expect("load")
                    .expect("an answered intake is stored");
                assert_eq!(stored.reference, row.reference);
                assert_eq!(events.len(), 1);
                references.push(row.reference.to_string());
            }
            Answer::Created(Ok(Err(e))) => assert_eq!(e, "formulier onvolledig"),
            Answer::Created(Err(StoreError::Duplicate { .. })) => {}
            Answer::Appended(Ok(())) => {}
            Answer::Appended(Err(StoreError::Conflict { expected })) => assert_eq!(expected, 5),
            other => panic!("unexpected answer {other:?}"),
        }
    }
    // The two failed intakes took no number: the five good ones have the
    // next five, without a gap.
    references.sort();
    assert_eq!(
        references,
        [
            "K-2026-0002",
            "K-2026-0003",
            "K-2026-0004",
            "K-2026-0005",
            "K-2026-0006"
        ]
    );
    assert_eq!(store.count_complaints().await.expect("count"), 6);
    let (row, events) = store
        .load_stream(existing.id)
        .await
        .expect("load")
        .expect("stored");
    assert_eq!(row.version, 2, "the good append is kept");
    assert_eq!(events.len(), 2);
}

async fn a_failing_write_leaves_the_others_committed<S: Store + Clone + 'static>(store: S) {
    let existing = existing(&store).await;
    let answers = answers(spawn_writes(&store, &existing)).await;
    check(&store, &existing, answers).await;
}

store_tests!(a_failing_write_leaves_the_others_committed);

/// On SQLite the writes queued behind a busy writer are one batch: one
/// commit for all of them, and still each fails alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_commits_the_queued_writes_as_one_batch() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let existing = existing(&store).await;
    let held = store.hold_writer().await.expect("the writer connection");
    let tasks = spawn_writes(&store, &existing);
    while store.group_commit_pending() < tasks.len() {
        tokio::task::yield_now().await;
    }
    let (batches, writes) = store.group_commit_counts();
    drop(held);
    let answers = answers(tasks).await;
    // Five intakes and one append kept, in one commit.
    assert_eq!(store.group_commit_counts(), (batches + 1, writes + 6));
    check(&store, &existing, answers).await;
}

/// On PostgreSQL the intakes queued while the year's counter is locked
/// (here by another transaction) commit together once it is free: fewer
/// commits than intakes, every number handed out once and in order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_commits_the_queued_intakes_together() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    let store = db.store().await;
    // K-2026-0001: the year's counter row exists, so there is a row to lock.
    existing(&store).await;
    use sqlx::Connection as _;
    let mut holder = sqlx::PgConnection::connect(&db.url)
        .await
        .expect("a second connection");
    sqlx::raw_sql("BEGIN; SELECT last_number FROM reference_counters WHERE year = 2026 FOR UPDATE")
        .execute(&mut holder)
        .await
        .expect("lock the counter");
    let (batches, writes) = store.group_commit_counts();
    let tasks: Vec<_> = (0..8u32)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                Answer::Created(
                    store
                        .create_complaint_grouped(2026, move |reference| {
                            Ok::<_, &'static str>((
                                stream(ComplaintId::new(Uuid::new_v4()), reference),
                                n,
                            ))
                        })
                        .await,
                )
            })
        })
        .collect();
    while store.group_commit_pending() < tasks.len() {
        tokio::task::yield_now().await;
    }
    sqlx::raw_sql("COMMIT")
        .execute(&mut holder)
        .await
        .expect("free the counter");
    let mut references = Vec::new();
    for answer in answers(tasks).await {
        match answer {
            Answer::Created(Ok(Ok((row, _)))) => references.push(row.reference.to_string()),
            other => panic!("unexpected answer {other:?}"),
        }
    }
    references.sort();
    let expected: Vec<String> = (2..=9).map(|n| format!("K-2026-{n:04}")).collect();
    assert_eq!(references, expected);
    let (after_batches, after_writes) = store.group_commit_counts();
    assert_eq!(after_writes, writes + 8);
    // The first intake may have begun its batch alone before the others
    // queued; the rest wait for the counter and share the next commit.
    assert!(
        after_batches - batches <= 2,
        "{} commits for 8 intakes",
        after_batches - batches
    );
    assert_eq!(store.count_complaints().await.expect("count"), 9);
}
