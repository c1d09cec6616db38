//! The deadline engine's reads and the calendar feeds, on SQLite and
//! PostgreSQL alike.

use jiff::Timestamp;
use jiff::civil::{Date, date};
use klacht_domain::{ComplaintId, Email, Role, UserId};
use klacht_store::{
    AdminChange, AuditEntry, ComplaintRow, NewStream, NewUser, OpenComplaintQuery, RawEvent, Store,
    store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

async fn user<S: Store>(store: &S, email: &str) -> UserId {
    let id = UserId::new(Uuid::now_v7());
    store
        .create_user(NewUser {
            id,
            email: Email::parse(email).expect("valid"),
            name: email.into(),
            role: Role::Manager,
            manager: None,
            password_hash: None,
            created_at: at(0),
        })
        .await
        .expect("create user");
    id
}

/// A complaint whose next term is `next` (none: closed), with the design
/// example's four terms shifted to start on `received`.
async fn complaint<S: Store>(
    store: &S,
    received: Date,
    next: Option<&str>,
    handler: Option<UserId>,
    manager: Option<UserId>,
) -> ComplaintRow {
    let id = ComplaintId::new(Uuid::now_v7());
    let d = |days: i64| {
        received
            .checked_add(jiff::Span::new().days(days))
            .expect("in range")
    };
    let (next_step, next_due) = match next {
        Some("contact") => (Some("contact"), Some(d(3))),
        Some("offer") => (Some("offer"), Some(d(14))),
        Some(other) => panic!("unknown step {other}"),
        None => (None, None),
    };
    store
        .create_complaint(2026, move |reference| {
            Ok::<_, ()>(NewStream {
                row: ComplaintRow {
                    id,
                    reference,
                    version: 1,
                    kind: "complaint".into(),
                    status: if next.is_some() {
                        "in_progress"
                    } else {
                        "closed"
                    }
                    .into(),
                    channel: "phone".into(),
                    received_at: at(0),
                    received_by: None,
                    responsible_manager: manager,
                    handler,
                    complainant_name: "J. de Vries".into(),
                    service: None,
                    category: None,
                    summary: "te laat".into(),
                    next_step: next_step.map(str::to_owned),
                    next_due,
                    report_due: received,
                    contact_due: d(3),
                    offer_due: d(14),
                    record_due: d(21),
                    closed_at: next.is_none().then(|| at(10)),
                    updated_at: at(0),
                    participants: handler.into_iter().chain(manager).collect(),
                    facts: None,
                },
                events: vec![RawEvent {
                    complaint_id: id,
                    seq: 1,
                    at: at(0),
                    actor: "system".into(),
                    kind: "registered".into(),
                    data: "{}".into(),
                }],
                outbox: Vec::new(),
                tracking_code: None,
                attachments: Vec::new(),
            })
        })
        .await
        .expect("store works")
        .expect("build succeeds")
}

async fn all_pages<S: Store>(store: &S, mut q: OpenComplaintQuery) -> Vec<ComplaintId> {
    let mut ids = Vec::new();
    loop {
        let page = store.open_complaints(&q).await.expect("query");
        ids.extend(page.items.iter().map(|r| r.id));
        match page.next {
            Some(next) => q.after = Some(next),
            None => return ids,
        }
    }
}

async fn open_complaints_are_narrowed_by_term_window_and_person<S: Store>(store: S) {
    let anna = user(&store, "anna@focus.nl").await;
    let bert = user(&store, "bert@focus.nl").await;
    // Received 1 April: contact 4 April, offer 15 April, record 22 April.
    let a = complaint(
        &store,
        date(2026, 4, 1),
        Some("contact"),
        Some(anna),
        Some(bert),
    )
    .await;
    // Received 10 April, contact done: offer 24 April.
    let b = complaint(&store, date(2026, 4, 10), Some("offer"), None, Some(bert)).await;
    // Received 20 April: contact 23 April.
    let c = complaint(
        &store,
        date(2026, 4, 20),
        Some("contact"),
        Some(bert),
        Some(anna),
    )
    .await;
    // Closed: never read, whatever its terms.
    let _closed = complaint(&store, date(2026, 4, 20), None, Some(anna), Some(anna)).await;

    // Every open complaint, soonest next term first.
    let every = all_pages(
        &store,
        OpenComplaintQuery {
            limit: 1,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(every, [a.id, c.id, b.id]);

    // The reminders' window 21–24 April: a (record 22 April, next term
    // long past), b (offer 24 April) and c (contact 23 April).
    let window = |from, to, until| OpenComplaintQuery {
        next_due_until: Some(until),
        any_term_in: Some((from, to)),
        limit: 2,
        ..Default::default()
    };
    let got = all_pages(
        &store,
        window(date(2026, 4, 21), date(2026, 4, 24), date(2026, 4, 24)),
    )
    .await;
    assert_eq!(got, [a.id, c.id, b.id]);
    // 5–9 April: only a's contact (4 April) is out, its offer (15 April)
    // too; nothing falls in the window.
    let got = all_pages(
        &store,
        window(date(2026, 4, 5), date(2026, 4, 9), date(2026, 4, 9)),
    )
    .await;
    assert!(got.is_empty(), "{got:?}");
    // The next term must be on or before `until`, even when a later term
    // lies in the window: b's next term is 24 April.
    let got = all_pages(
        &store,
        window(date(2026, 4, 20), date(2026, 4, 30), date(2026, 4, 23)),
    )
    .await;
    assert_eq!(got, [a.id, c.id]);

    // A calendar feed: what one person handles or answers for.
    let anna_terms = all_pages(
        &store,
        OpenComplaintQuery {
            responsible: Some(anna),
            limit: 10,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(anna_terms, [a.id, c.id]);
    let bert_terms = all_pages(
        &store,
        OpenComplaintQuery {
            responsible: Some(bert),
            limit: 10,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(bert_terms, [a.id, c.id, b.id]);
}

fn audit(actor: UserId, kind: &str) -> AuditEntry {
    AuditEntry {
        id: Uuid::now_v7(),
        at: at(100),
        actor: Some(actor),
        actor_name: "anna".into(),
        kind: kind.into(),
        subject: "anna@focus.nl".into(),
        details: "agenda-abonnement".into(),
    }
}

async fn calendar_feeds_are_found_by_hash_replaced_and_removed<S: Store>(store: S) {
    let anna = user(&store, "anna@focus.nl").await;
    let bert = user(&store, "bert@focus.nl").await;
    assert_eq!(store.calendar_feed(anna).await.expect("query"), None);
    assert_eq!(
        store.user_by_calendar_feed("h1").await.expect("query"),
        None
    );

    store
        .put_calendar_feed(anna, "h1", at(1), &audit(anna, "calendar_feed.created"))
        .await
        .expect("create");
    store
        .put_calendar_feed(bert, "h2", at(2), &audit(bert, "calendar_feed.created"))
        .await
        .expect("create");
    let feed = store
        .calendar_feed(anna)
        .await
        .expect("query")
        .expect("exists");
    assert_eq!((feed.user_id, feed.created_at), (anna, at(1)));
    let found = store.user_by_calendar_feed("h1").await.expect("query");
    assert_eq!(found.map(|u| u.user.id), Some(anna));

    // A reset replaces the secret: the old hash opens nothing.
    store
        .put_calendar_feed(anna, "h3", at(3), &audit(anna, "calendar_feed.reset"))
        .await
        .expect("reset");
    assert_eq!(
        store.user_by_calendar_feed("h1").await.expect("query"),
        None
    );
    assert_eq!(
        store
            .user_by_calendar_feed("h3")
            .await
            .expect("query")
            .map(|u| u.user.id),
        Some(anna)
    );
    assert_eq!(
        store
            .calendar_feed(anna)
            .await
            .expect("query")
            .map(|f| f.created_at),
        Some(at(3))
    );

    // A deactivated user's feed opens nothing.
    let change = AdminChange::SetUserActive {
        id: bert,
        active: false,
    };
    store
        .admin_change(&change, &audit(bert, "user.deactivated"))
        .await
        .expect("deactivate");
    assert_eq!(
        store.user_by_calendar_feed("h2").await.expect("query"),
        None
    );

    assert!(
        store
            .delete_calendar_feed(anna, &audit(anna, "calendar_feed.removed"))
            .await
            .expect("delete")
    );
    assert!(
        !store
            .delete_calendar_feed(anna, &audit(anna, "calendar_feed.removed"))
            .await
            .expect("delete")
    );
    assert_eq!(
        store.user_by_calendar_feed("h3").await.expect("query"),
        None
    );
    // Every change is in the log, the second removal (no change) is not.
    let log = store.admin_log(None, 50).await.expect("log");
    let kinds: Vec<&str> = log
        .items
        .iter()
        .filter(|e| e.kind.starts_with("calendar_feed."))
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(kinds.len(), 4, "{kinds:?}");
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == "calendar_feed.removed")
            .count(),
        1
    );
}

/// Appends an `action_agreed` event to the complaint of `row`.
async fn agree_action<S: Store>(store: &S, row: &ComplaintRow) {
    let mut next = row.clone();
    next.version = row.version + 1;
    store
        .append(
            row.version,
            &[RawEvent {
                complaint_id: row.id,
                seq: next.version,
                at: at(5),
                actor: "system".into(),
                kind: "action_agreed".into(),
                data: "{}".into(),
            }],
            &next,
            &[],
        )
        .await
        .expect("appended");
}

/// Issue 12: the candidates of the agreed actions' follow-up are the open
/// complaints that agreed an action, by id, a page at a time; closed
/// complaints and those without an action are not read.
async fn open_complaints_with_actions_are_found_by_id<S: Store>(store: S) {
    let received = date(2026, 4, 24);
    let mut with = Vec::new();
    for _ in 0..3 {
        let row = complaint(&store, received, Some("contact"), None, None).await;
        agree_action(&store, &row).await;
        with.push(row.id);
    }
    // Without an action, and closed with one.
    complaint(&store, received, Some("offer"), None, None).await;
    let closed = complaint(&store, received, None, None, None).await;
    agree_action(&store, &closed).await;
    with.sort();

    let all = store
        .open_complaints_with_actions(None, 100)
        .await
        .expect("query");
    assert_eq!(all, with);
    let first = store
        .open_complaints_with_actions(None, 2)
        .await
        .expect("query");
    assert_eq!(first, with[..2]);
    let rest = store
        .open_complaints_with_actions(first.last().copied(), 2)
        .await
        .expect("query");
    assert_eq!(rest, with[2..]);
}

/// The follow-up reads the action events of its candidates, not their
/// whole streams: the other events are left out, each complaint's in
/// stream order, with the row's reference, handler and manager.
async fn action_events_of_reads_only_the_action_events<S: Store>(store: S) {
    let (handler, manager) = (
        user(&store, "handler@example.nl").await,
        user(&store, "manager@example.nl").await,
    );
    let received = date(2026, 4, 24);
    let row = complaint(
        &store,
        received,
        Some("contact"),
        Some(handler),
        Some(manager),
    )
    .await;
    agree_action(&store, &row).await;
    let mut after = row.clone();
    after.version += 1;
    let raw = |seq: u64, kind: &str| RawEvent {
        complaint_id: row.id,
        seq,
        at: at(6),
        actor: "system".into(),
        kind: kind.into(),
        data: "{}".into(),
    };
    let mut next = after.clone();
    next.version = after.version + 2;
    store
        .append(
            after.version,
            &[
                raw(after.version + 1, "contact_recorded"),
                raw(after.version + 2, "action_completed"),
            ],
            &next,
            &[],
        )
        .await
        .expect("appended");
    let other = complaint(&store, received, Some("contact"), None, None).await;
    agree_action(&store, &other).await;

    let events = store
        .action_events_of(&[row.id, ComplaintId::new(Uuid::now_v7())])
        .await
        .expect("query");
    let kinds: Vec<(u64, &str)> = events
        .iter()
        .map(|e| (e.event.seq, e.event.kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (row.version + 1, "action_agreed"),
            (row.version + 3, "action_completed")
        ]
    );
    assert!(events.iter().all(|e| e.event.complaint_id == row.id
        && e.reference == row.reference
        && e.handler == Some(handler)
        && e.responsible_manager == Some(manager)));
    assert!(store.action_events_of(&[]).await.expect("query").is_empty());
}

store_tests!(
    open_complaints_are_narrowed_by_term_window_and_person,
    action_events_of_reads_only_the_action_events,
    calendar_feeds_are_found_by_hash_replaced_and_removed,
    open_complaints_with_actions_are_found_by_id,
);
