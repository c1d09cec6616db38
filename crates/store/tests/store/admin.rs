//! The administration part of the storage contract (lists, changes with
//! their log entry, the log) and the overview's counts and filters, on
//! SQLite and PostgreSQL alike.

use jiff::Timestamp;
use jiff::civil::{Date, date};
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Role, UserId};
use klacht_store::{
    AdminChange, AuditEntry, ComplaintFilter, ComplaintRow, ListKind, NewStream, NewUser, Session,
    Store, StoreError, store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        id: UserId::new(Uuid::now_v7()),
        email: Email::parse(email).expect("valid e-mail"),
        name: email.split('@').next().unwrap_or("x").to_string(),
        role,
        manager: None,
        password_hash: None,
        created_at: at(0),
    }
}

fn audit(kind: &str, second: i64) -> AuditEntry {
    AuditEntry {
        id: Uuid::now_v7(),
        at: at(second),
        actor: None,
        actor_name: "test".into(),
        kind: kind.into(),
        subject: "onderwerp".into(),
        details: "details".into(),
    }
}

async fn log_len<S: Store>(store: &S) -> usize {
    store.admin_log(None, 500).await.expect("log").items.len()
}

async fn default_lists_are_seeded<S: Store>(store: S) {
    let categories = store.list_values(ListKind::Category).await.expect("list");
    assert_eq!(categories.len(), 9);
    assert_eq!(categories[0].name, "Bejegening");
    assert_eq!(categories[8].name, "Overig");
    assert!(categories.windows(2).all(|w| w[0].position < w[1].position));
    let causes = store.list_values(ListKind::Cause).await.expect("list");
    assert_eq!(
        causes.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        [
            "Menselijke fout",
            "Werkdruk",
            "Onduidelijke afspraak",
            "Procedure ontbreekt",
            "Systeemfout",
            "Externe oorzaak",
            "Overig"
        ]
    );
    assert!(causes.iter().all(|c| c.active && c.kind == ListKind::Cause));
}

async fn changes_are_logged_and_refused_changes_write_nothing<S: Store>(store: S) {
    // A new value goes to the end of its list, and is logged with it.
    let id = Uuid::now_v7();
    let add = AdminChange::AddListValue {
        kind: ListKind::Category,
        id,
        name: " Wachttijd ".into(),
    };
    store
        .admin_change(&add, &audit("category.added", 1))
        .await
        .expect("added");
    let categories = store.list_values(ListKind::Category).await.expect("list");
    let last = categories.last().expect("values");
    assert_eq!(
        (last.id, last.name.as_str(), last.position),
        (id, "Wachttijd", 10)
    );
    assert_eq!(log_len(&store).await, 1);

    // The same name in another case is a duplicate; in another list not.
    let again = AdminChange::AddListValue {
        kind: ListKind::Category,
        id: Uuid::now_v7(),
        name: "WACHTTIJD".into(),
    };
    let e = store
        .admin_change(&again, &audit("category.added", 2))
        .await
        .expect_err("duplicate");
    assert!(
        matches!(&e, StoreError::Duplicate { constraint } if constraint == "list_values_kind_name_key"),
        "{e:?}"
    );
    let other_list = AdminChange::AddListValue {
        kind: ListKind::Cause,
        id: Uuid::now_v7(),
        name: "Wachttijd".into(),
    };
    store
        .admin_change(&other_list, &audit("cause.added", 3))
        .await
        .expect("names are per list");
    assert_eq!(log_len(&store).await, 2, "the refused change left no entry");

    // Rename and deactivate; a value of the other list is not found.
    let rename = AdminChange::RenameListValue {
        kind: ListKind::Category,
        id,
        name: "Lange wachttijd".into(),
    };
    store
        .admin_change(&rename, &audit("category.renamed", 4))
        .await
        .expect("renamed");
    let wrong_list = AdminChange::SetListValueActive {
        kind: ListKind::Cause,
        id,
        active: false,
    };
    assert!(matches!(
        store
            .admin_change(&wrong_list, &audit("cause.deactivated", 5))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(log_len(&store).await, 3);

    // Users: a duplicate e-mail and a missing user write nothing.
    let anna = new_user("anna@focus.example", Role::Employee);
    store
        .admin_change(
            &AdminChange::CreateUser(anna.clone()),
            &audit("user.created", 6),
        )
        .await
        .expect("created");
    let twin = NewUser {
        id: UserId::new(Uuid::now_v7()),
        ..anna.clone()
    };
    assert!(matches!(
        store
            .admin_change(&AdminChange::CreateUser(twin), &audit("user.created", 7))
            .await,
        Err(StoreError::Duplicate { constraint }) if constraint == "users_email_key"
    ));
    let nobody = AdminChange::UpdateUser {
        id: UserId::new(Uuid::now_v7()),
        role: Role::Manager,
        manager: None,
    };
    assert!(matches!(
        store.admin_change(&nobody, &audit("user.updated", 8)).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(log_len(&store).await, 4);

    // Deactivating ends the user's sessions.
    store
        .create_session(&Session {
            token_hash: "hash".into(),
            user_id: anna.id,
            csrf_token: "csrf".into(),
            created_at: at(0),
            expires_at: at(86_400),
        })
        .await
        .expect("session");
    let off = AdminChange::SetUserActive {
        id: anna.id,
        active: false,
    };
    store
        .admin_change(&off, &audit("user.deactivated", 9))
        .await
        .expect("deactivated");
    let on = AdminChange::SetUserActive {
        id: anna.id,
        active: true,
    };
    store
        .admin_change(&on, &audit("user.reactivated", 10))
        .await
        .expect("reactivated");
    assert!(
        store.session("hash", at(1)).await.expect("read").is_none(),
        "the old session stays ended"
    );
    assert_eq!(log_len(&store).await, 6);
}

async fn settings_swap_only_from_the_value_seen<S: Store>(store: S) {
    let swap = |expected: Option<&str>, value: &str| AdminChange::SwapSetting {
        key: "calendar".into(),
        expected: expected.map(str::to_owned),
        value: value.into(),
    };
    store
        .admin_change(&swap(None, "a"), &audit("calendar.options", 1))
        .await
        .expect("first write");
    assert!(matches!(
        store
            .admin_change(&swap(None, "b"), &audit("calendar.options", 2))
            .await,
        Err(StoreError::Conflict { .. })
    ));
    assert!(matches!(
        store
            .admin_change(&swap(Some("x"), "b"), &audit("calendar.options", 3))
            .await,
        Err(StoreError::Conflict { .. })
    ));
    store
        .admin_change(&swap(Some("a"), "b"), &audit("calendar.options", 4))
        .await
        .expect("swap from what was seen");
    assert_eq!(
        store.setting("calendar").await.expect("read").as_deref(),
        Some("b")
    );
    assert_eq!(log_len(&store).await, 2);
}

async fn the_log_pages_newest_first<S: Store>(store: S) {
    // Two entries at the same instant: the id breaks the tie.
    for (i, second) in [1, 2, 2, 3, 4].into_iter().enumerate() {
        let name = format!("Waarde {i}");
        let change = AdminChange::AddListValue {
            kind: ListKind::Cause,
            id: Uuid::now_v7(),
            name,
        };
        store
            .admin_change(&change, &audit("cause.added", second))
            .await
            .expect("added");
    }
    let all = store.admin_log(None, 100).await.expect("log").items;
    assert_eq!(all.len(), 5);
    assert!(
        all.windows(2)
            .all(|w| (w[0].at, w[0].id) > (w[1].at, w[1].id))
    );
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.admin_log(after, 2).await.expect("page");
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|e| e.id));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, all.iter().map(|e| e.id).collect::<Vec<_>>());
}

fn row(n: u32, next: Option<(&str, Date)>, status: &str, category: Option<&str>) -> ComplaintRow {
    let received = at(i64::from(n) * 60);
    ComplaintRow {
        id: ComplaintId::new(Uuid::now_v7()),
        reference: ReferenceNumber::new(2026, n).expect("valid"),
        version: 1,
        kind: "complaint".into(),
        status: status.into(),
        channel: "phone".into(),
        received_at: received,
        received_by: None,
        responsible_manager: None,
        handler: None,
        complainant_name: "J. de Vries".into(),
        service: None,
        category: category.map(str::to_owned),
        summary: "Te laat".into(),
        next_step: next.map(|(s, _)| s.to_owned()),
        next_due: next.map(|(_, d)| d),
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

/// A stream of only its read-model row.
fn stream(row: &ComplaintRow) -> NewStream {
    NewStream {
        row: row.clone(),
        events: Vec::new(),
        outbox: Vec::new(),
        tracking_code: None,
        attachments: Vec::new(),
    }
}

async fn create<S: Store>(store: &S, row: &ComplaintRow) {
    let stream = stream(row);
    store
        .create_complaint(2026, |_| Ok::<_, ()>(stream))
        .await
        .expect("store")
        .expect("row");
}

/// The overview's overdue count per step on `day`.
async fn overdue<S: Store>(store: &S, day: Date) -> Vec<(String, u64)> {
    store
        .complaint_counts(day)
        .await
        .expect("counts")
        .overdue_by_step
}

async fn counts_and_term_filters_come_from_the_read_model<S: Store>(store: S) {
    let today = date(2026, 5, 1);
    let rows = [
        row(
            1,
            Some(("contact", date(2026, 4, 29))),
            "awaiting_handler",
            Some("Planning"),
        ),
        row(2, Some(("contact", date(2026, 4, 30))), "in_progress", None),
        row(
            3,
            Some(("offer", date(2026, 4, 20))),
            "in_progress",
            Some("Planning"),
        ),
        row(4, Some(("record", today)), "in_progress", None),
        row(5, Some(("record", date(2026, 5, 22))), "in_progress", None),
        row(6, None, "closed", Some("Schade")),
        row(7, None, "signal", None),
    ];
    for r in &rows {
        create(&store, r).await;
    }
    let counts = store.complaint_counts(today).await.expect("counts");
    assert_eq!(
        counts.overdue_by_step,
        [("contact".to_string(), 2), ("offer".to_string(), 1)]
    );
    assert_eq!(
        counts.by_status,
        [
            ("awaiting_handler".to_string(), 1),
            ("closed".to_string(), 1),
            ("in_progress".to_string(), 4),
            ("signal".to_string(), 1)
        ]
    );
    let numbers = |f: ComplaintFilter| {
        let store = store.clone();
        async move {
            let mut n: Vec<u32> = store
                .list_complaints(&ComplaintFilter { limit: 100, ..f })
                .await
                .expect("list")
                .items
                .iter()
                .map(|r| r.reference.number())
                .collect();
            n.sort();
            n
        }
    };
    let yesterday = date(2026, 4, 30);
    let tomorrow = date(2026, 5, 2);
    let overdue = numbers(ComplaintFilter {
        next_due_to: Some(yesterday),
        ..Default::default()
    });
    assert_eq!(overdue.await, [1, 2, 3]);
    let due_today = numbers(ComplaintFilter {
        next_due_from: Some(today),
        next_due_to: Some(today),
        ..Default::default()
    });
    assert_eq!(due_today.await, [4]);
    let on_time = numbers(ComplaintFilter {
        next_due_from: Some(tomorrow),
        ..Default::default()
    });
    assert_eq!(on_time.await, [5]);
    let planning_overdue_offer = numbers(ComplaintFilter {
        category: Some("Planning".into()),
        next_step: Some("offer".into()),
        next_due_to: Some(yesterday),
        ..Default::default()
    });
    assert_eq!(planning_overdue_offer.await, [3]);
}

/// The overdue counts are sums of the due moves every write adds (migration
/// 0034): they follow a row that moves to another step or date, loses its
/// term or gains one, and ignore a write that lost its race.
async fn overdue_counts_follow_every_write_of_a_row<S: Store>(store: S) {
    let today = date(2026, 5, 1);
    let mut rows = vec![
        row(1, Some(("contact", date(2026, 4, 29))), "in_progress", None),
        row(2, Some(("contact", date(2026, 4, 30))), "in_progress", None),
        row(3, Some(("offer", date(2026, 4, 20))), "in_progress", None),
        row(4, None, "signal", None),
    ];
    for r in &rows {
        create(&store, r).await;
    }
    let pairs = |p: &[(&str, u64)]| -> Vec<(String, u64)> {
        p.iter().map(|(s, n)| ((*s).to_string(), *n)).collect()
    };
    assert_eq!(
        overdue(&store, today).await,
        pairs(&[("contact", 2), ("offer", 1)])
    );

    // 1 contacted: its next step is the offer, not due yet.
    let mut write = |i: usize, next: Option<(&str, Date)>| {
        let expected = rows[i].version;
        rows[i].version += 1;
        rows[i].next_step = next.map(|(s, _)| s.to_owned());
        rows[i].next_due = next.map(|(_, d)| d);
        (expected, rows[i].clone())
    };
    for (i, next) in [
        (0, Some(("offer", date(2026, 5, 12)))),
        // 2 keeps its step, its term moved back (an earlier date).
        (1, Some(("contact", date(2026, 4, 28)))),
        // 3 closed: no term left.
        (2, None),
        // The signal became a complaint, overdue for its report.
        (3, Some(("report", date(2026, 4, 27)))),
    ] {
        let (expected, r) = write(i, next);
        store.append(expected, &[], &r, &[]).await.expect("append");
    }
    assert_eq!(
        overdue(&store, today).await,
        pairs(&[("contact", 1), ("report", 1)])
    );

    // A write from a stale version changes nothing, counts included.
    let mut stale = rows[1].clone();
    stale.next_step = Some("record".into());
    stale.next_due = Some(date(2026, 4, 1));
    let refused = store.append(1, &[], &stale, &[]).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { .. })),
        "{refused:?}"
    );
    assert_eq!(
        overdue(&store, today).await,
        pairs(&[("contact", 1), ("report", 1)])
    );

    // Tomorrow the offer of 1 is still not due; on 13 May it is.
    let later = overdue(&store, date(2026, 5, 13)).await;
    assert_eq!(later, pairs(&[("contact", 1), ("offer", 1), ("report", 1)]));
}

/// Past the fold's threshold the moves before today become one row per
/// step: the counts are the same before and after, on later days too, and
/// a write after the fold still moves them.
async fn overdue_counts_survive_the_fold<S: Store>(store: S) {
    const MANY: u32 = 2_100;
    let today = date(2026, 5, 1);
    let first = store.reserve_references(2026, MANY).await.expect("reserve");
    let start = date(2020, 1, 1);
    // Every one on its own date, so that nothing sums before the fold.
    let mut rows: Vec<ComplaintRow> = (0..MANY)
        .map(|i| {
            let step = if i % 3 == 0 { "offer" } else { "contact" };
            let due = start
                .checked_add(jiff::Span::new().days(i64::from(i)))
                .expect("date");
            row(first + i, Some((step, due)), "in_progress", None)
        })
        .collect();
    // And one due after today, which the fold keeps by its date.
    rows[0].next_due = Some(date(2026, 5, 20));
    let streams: Vec<NewStream> = rows.iter().map(stream).collect();
    store.import_streams(&streams).await.expect("import");
    let offers = u64::from(MANY.div_ceil(3)) - 1;
    let contacts = u64::from(MANY) - 1 - offers;
    let expected = vec![
        ("contact".to_string(), contacts),
        ("offer".to_string(), offers),
    ];
    // The first read folds; the second reads the folded rows.
    assert_eq!(overdue(&store, today).await, expected);
    assert_eq!(overdue(&store, today).await, expected);
    let mut later = expected.clone();
    later[1].1 += 1;
    assert_eq!(overdue(&store, date(2026, 5, 21)).await, later);

    // One of the folded ones contacted: its offer is due next week.
    let mut moved = rows[1].clone();
    moved.version = 2;
    moved.next_step = Some("offer".into());
    moved.next_due = Some(date(2026, 5, 8));
    store.append(1, &[], &moved, &[]).await.expect("append");
    assert_eq!(
        overdue(&store, today).await,
        [
            ("contact".to_string(), contacts - 1),
            ("offer".to_string(), offers)
        ]
    );
}

store_tests!(
    overdue_counts_follow_every_write_of_a_row,
    overdue_counts_survive_the_fold,
    default_lists_are_seeded,
    changes_are_logged_and_refused_changes_write_nothing,
    settings_swap_only_from_the_value_seen,
    the_log_pages_newest_first,
    counts_and_term_filters_come_from_the_read_model,
);
