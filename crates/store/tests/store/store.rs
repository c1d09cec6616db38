//! The storage contract, run against SQLite and PostgreSQL alike.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Role, UserId};
use klacht_store::{
    ApiToken, ComplaintFilter, ComplaintRow, NewOutboxMessage, NewStream, NewUser, OutboxKind,
    RawEvent, Session, Store, StoreError, StreamAppend, store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn new_user(email: &str, role: Role, manager: Option<UserId>) -> NewUser {
    NewUser {
        id: UserId::new(Uuid::new_v4()),
        email: Email::parse(email).expect("valid e-mail"),
        name: email.split('@').next().unwrap_or("x").to_string(),
        role,
        manager,
        password_hash: None,
        created_at: at(0),
    }
}

fn row(
    id: ComplaintId,
    reference: ReferenceNumber,
    received: Timestamp,
    who: &[UserId],
) -> ComplaintRow {
    ComplaintRow {
        id,
        reference,
        version: 1,
        kind: "complaint".into(),
        status: "awaiting_handler".into(),
        channel: "phone".into(),
        received_at: received,
        received_by: who.first().copied(),
        responsible_manager: who.get(1).copied(),
        handler: None,
        complainant_name: "J. de Vries".into(),
        service: Some("Thuiszorg".into()),
        category: None,
        summary: "Medewerker kwam te laat".into(),
        next_step: Some("contact".into()),
        next_due: Some(date(2026, 4, 29)),
        report_due: date(2026, 4, 24),
        contact_due: date(2026, 4, 29),
        offer_due: date(2026, 5, 8),
        record_due: date(2026, 5, 15),
        closed_at: None,
        updated_at: received,
        participants: who.to_vec(),
        facts: None,
    }
}

fn event(id: ComplaintId, seq: u64, kind: &str) -> RawEvent {
    RawEvent {
        complaint_id: id,
        seq,
        at: at(seq as i64),
        actor: "system".into(),
        kind: kind.into(),
        data: format!(r#"{{"type":"{kind}","n":{seq}}}"#),
    }
}

/// Creates a complaint with one event and returns its row.
async fn create<S: Store>(store: &S, received: Timestamp, who: &[UserId]) -> ComplaintRow {
    let id = ComplaintId::new(Uuid::new_v4());
    let who = who.to_vec();
    store
        .create_complaint(2026, move |reference| {
            Ok::<_, ()>(NewStream {
                row: row(id, reference, received, &who),
                events: vec![event(id, 1, "registered")],
                outbox: Vec::new(),
                tracking_code: None,
                attachments: Vec::new(),
            })
        })
        .await
        .expect("store works")
        .expect("build succeeds")
}

async fn users_are_stored_and_emails_unique<S: Store>(store: S) {
    let boss = new_user("boss@focus.nl", Role::Manager, None);
    let anna = new_user("anna@focus.nl", Role::Employee, Some(boss.id));
    store.create_user(boss.clone()).await.expect("create boss");
    store.create_user(anna.clone()).await.expect("create anna");

    let found = store
        .user_by_email(&anna.email)
        .await
        .expect("query")
        .expect("anna exists");
    assert_eq!(found.user.manager, Some(boss.id));
    assert_eq!(found.user.role, Role::Employee);
    assert!(found.active);
    assert_eq!(
        store
            .user_by_id(boss.id)
            .await
            .expect("query")
            .map(|u| u.user.name),
        Some("boss".into())
    );

    let dup = new_user("ANNA@focus.nl", Role::Director, None);
    match store.create_user(dup).await {
        Err(StoreError::Duplicate { constraint }) => assert_eq!(constraint, "users_email_key"),
        other => panic!("expected a duplicate error, got {other:?}"),
    }
    assert_eq!(store.list_users().await.expect("list").len(), 2);
}

async fn references_count_per_year_and_a_rejected_build_leaves_no_gap<S: Store>(store: S) {
    let first = create(&store, at(10), &[]).await;
    assert_eq!(first.reference.to_string(), "K-2026-0001");

    let rejected = store
        .create_complaint(2026, |_reference| Err::<NewStream, _>("invalid form"))
        .await
        .expect("store works");
    assert_eq!(rejected.expect_err("build refused"), "invalid form");

    let second = create(&store, at(20), &[]).await;
    assert_eq!(second.reference.to_string(), "K-2026-0002");
    assert_eq!(store.count_complaints().await.expect("count"), 2);

    let other_year = store
        .create_complaint(2027, |reference| {
            let id = ComplaintId::new(Uuid::new_v4());
            Ok::<_, ()>(NewStream {
                row: row(id, reference, at(30), &[]),
                events: vec![event(id, 1, "registered")],
                outbox: Vec::new(),
                tracking_code: None,
                attachments: Vec::new(),
            })
        })
        .await
        .expect("store works")
        .expect("built");
    assert_eq!(other_year.reference.to_string(), "K-2027-0001");
    assert_eq!(
        store
            .complaint_id_by_reference(second.reference)
            .await
            .expect("query"),
        Some(second.id)
    );
}

async fn appends_keep_order_and_update_the_read_model<S: Store>(store: S) {
    let mut r = create(&store, at(0), &[]).await;
    let handler = UserId::new(Uuid::new_v4());
    r.version = 3;
    r.handler = Some(handler);
    r.status = "in_progress".into();
    r.participants = vec![handler];
    store
        .append(
            1,
            &[
                event(r.id, 2, "handler_assigned"),
                event(r.id, 3, "contact_recorded"),
            ],
            &r,
            &[],
        )
        .await
        .expect("append");

    let (stored, events) = store
        .load_stream(r.id)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(stored, r);
    let kinds: Vec<_> = events.iter().map(|e| (e.seq, e.kind.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (1, "registered"),
            (2, "handler_assigned"),
            (3, "contact_recorded")
        ]
    );
    assert_eq!(events[2].data, r#"{"type":"contact_recorded","n":3}"#);

    assert!(
        store
            .load_stream(ComplaintId::new(Uuid::new_v4()))
            .await
            .expect("load")
            .is_none()
    );
    let mut ghost = r.clone();
    ghost.id = ComplaintId::new(Uuid::new_v4());
    assert!(matches!(
        store
            .append(3, &[event(ghost.id, 4, "closed")], &ghost, &[])
            .await,
        Err(StoreError::NotFound)
    ));
}

/// A change spanning two streams (a link, a handover) is written whole or
/// not at all: a stale version on one stream leaves the other and the
/// outbox untouched.
async fn an_append_to_several_streams_is_all_or_nothing<S: Store>(store: S) {
    let a = create(&store, at(0), &[]).await;
    let b = create(&store, at(1), &[]).await;
    let next = |r: &ComplaintRow, kind: &str| {
        let mut row = r.clone();
        row.version = 2;
        row.status = kind.into();
        StreamAppend {
            expected_version: 1,
            events: vec![event(r.id, 2, kind)],
            row,
        }
    };
    let mail = |text: &str| NewOutboxMessage::now(OutboxKind::Mail, text.to_string(), at(2));
    let mut stale = next(&b, "linked");
    stale.expected_version = 7;
    assert!(matches!(
        store
            .append_many(&[next(&a, "linked"), stale], &[mail("lost")])
            .await,
        Err(StoreError::Conflict { expected: 7 })
    ));
    for r in [&a, &b] {
        let (row, events) = store
            .load_stream(r.id)
            .await
            .expect("load")
            .expect("exists");
        assert_eq!((row.version, events.len()), (1, 1), "nothing written");
    }
    assert!(
        store
            .list_outbox(None, None, 10)
            .await
            .expect("outbox")
            .is_empty()
    );
    store
        .append_many(&[next(&b, "linked"), next(&a, "linked")], &[mail("kept")])
        .await
        .expect("both appended");
    for r in [&a, &b] {
        let (row, events) = store
            .load_stream(r.id)
            .await
            .expect("load")
            .expect("exists");
        assert_eq!(row.status, "linked");
        assert_eq!(events.last().map(|e| e.kind.as_str()), Some("linked"));
    }
    assert_eq!(
        store
            .list_outbox(None, None, 10)
            .await
            .expect("outbox")
            .len(),
        1
    );
}

async fn two_writers_on_one_complaint_one_wins_and_nothing_is_lost<S: Store>(store: S) {
    let base = create(&store, at(0), &[]).await;
    // Both writers read version 1 and try to append event 2.
    let mut tasks = Vec::new();
    for writer in ["contact_recorded", "handler_assigned"] {
        let store = store.clone();
        let mut r = base.clone();
        r.version = 2;
        r.status = writer.into();
        tasks.push(tokio::spawn(async move {
            // Each writer's change queues a message: only the winner's may
            // be stored, in the same transaction as its event.
            let mail =
                NewOutboxMessage::now(OutboxKind::Mail, writer.to_string(), at(2)).about(r.id);
            let result = store
                .append(1, &[event(r.id, 2, writer)], &r, &[mail])
                .await;
            (writer, result)
        }));
    }
    let mut winners = Vec::new();
    for t in tasks {
        let (writer, result) = t.await.expect("task ran");
        match result {
            Ok(()) => winners.push(writer),
            Err(StoreError::Conflict { expected: 1 }) => {}
            Err(e) => panic!("{writer} failed with something else than a conflict: {e:?}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one writer wins");
    let (stored, events) = store
        .load_stream(base.id)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(events.len(), 2);
    assert_eq!(events[1].kind, winners[0]);
    assert_eq!(stored.status, winners[0], "the read model is the winner's");
    assert_eq!(stored.version, 2);
    let queued = store
        .list_outbox(None, Some(base.id), 10)
        .await
        .expect("outbox");
    assert_eq!(
        queued
            .iter()
            .map(|m| m.payload.as_str())
            .collect::<Vec<_>>(),
        vec![winners[0]],
        "only the winner's message is queued"
    );

    // The loser reloads and retries on top of the winner's event.
    let mut retry = stored.clone();
    retry.version = 3;
    store
        .append(2, &[event(base.id, 3, "retried")], &retry, &[])
        .await
        .expect("retry on the new version succeeds");
    let (_, events) = store
        .load_stream(base.id)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(events.len(), 3);
}

async fn lists_filter_by_visibility_and_text_and_page_by_keyset<S: Store>(store: S) {
    let anna = UserId::new(Uuid::new_v4());
    let boss = UserId::new(Uuid::new_v4());
    let mut mine = Vec::new();
    for i in 0..7 {
        let who = if i % 2 == 0 {
            vec![anna, boss]
        } else {
            vec![boss]
        };
        let r = create(&store, at(i * 60), &who).await;
        if i % 2 == 0 {
            mine.push(r.id);
        }
    }
    // Same receipt instant for two complaints: the id breaks the tie.
    create(&store, at(6 * 60), &[anna]).await;

    let all = store
        .list_complaints(&ComplaintFilter {
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(all.items.len(), 8);
    assert!(all.next.is_none());
    assert!(
        all.items
            .windows(2)
            .all(|w| (w[0].received_at, w[0].id) > (w[1].received_at, w[1].id))
    );

    let for_anna = store
        .list_complaints(&ComplaintFilter {
            visible_to: Some(anna),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(for_anna.items.len(), mine.len() + 1);
    assert!(
        for_anna
            .items
            .iter()
            .all(|r| r.participants.is_empty() || r.participants.contains(&anna))
    );

    // Pages of three cover every row exactly once.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_complaints(&ComplaintFilter {
                after,
                limit: 3,
                ..Default::default()
            })
            .await
            .expect("page");
        assert!(page.items.len() <= 3);
        seen.extend(page.items.iter().map(|r| r.id));
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    let expected: Vec<_> = all.items.iter().map(|r| r.id).collect();
    assert_eq!(seen, expected);

    let found = store
        .list_complaints(&ComplaintFilter {
            text: Some("TE LAAT".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("search");
    assert_eq!(found.items.len(), 8);
    let none = store
        .list_complaints(&ComplaintFilter {
            text: Some("100%_".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("search with wildcards");
    assert!(none.items.is_empty(), "wildcards in user text are literal");
    let by_ref = store
        .list_complaints(&ComplaintFilter {
            text: Some("k-2026-0003".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("search by reference");
    assert_eq!(by_ref.items.len(), 1);
}

async fn settings_are_upserted_and_migrations_rerun_cleanly<S: Store>(store: S) {
    assert_eq!(store.setting("calendar").await.expect("read"), None);
    store.put_setting("calendar", "a").await.expect("write");
    store.put_setting("calendar", "b").await.expect("overwrite");
    assert_eq!(
        store.setting("calendar").await.expect("read"),
        Some("b".into())
    );
    store.migrate().await.expect("second migrate is a no-op");
    store.ping().await.expect("ping");
}

async fn sessions_expire_follow_the_user_and_are_revocable<S: Store>(store: S) {
    let anna = new_user("anna@focus.nl", Role::Employee, None);
    store.create_user(anna.clone()).await.expect("user");
    let session = |hash: &str, expires: i64| Session {
        token_hash: hash.into(),
        user_id: anna.id,
        csrf_token: format!("csrf-{hash}"),
        created_at: at(0),
        expires_at: at(expires),
    };
    store
        .create_session(&session("a", 100))
        .await
        .expect("session a");
    store
        .create_session(&session("b", 100))
        .await
        .expect("session b");
    let (found, user) = store
        .session("a", at(50))
        .await
        .expect("query")
        .expect("valid");
    assert_eq!(found, session("a", 100));
    assert_eq!(user.user.email, anna.email);
    assert!(
        store.session("a", at(100)).await.expect("query").is_none(),
        "expired"
    );
    assert!(
        store
            .session("nope", at(50))
            .await
            .expect("query")
            .is_none()
    );

    store
        .delete_sessions_of(anna.id, Some("a"))
        .await
        .expect("sign out elsewhere");
    assert!(store.session("a", at(50)).await.expect("query").is_some());
    assert!(store.session("b", at(50)).await.expect("query").is_none());
    store.delete_session("a").await.expect("sign out");
    assert!(store.session("a", at(50)).await.expect("query").is_none());

    store
        .set_password_hash(anna.id, "$argon2id$x")
        .await
        .expect("set hash");
    let rec = store
        .user_by_id(anna.id)
        .await
        .expect("query")
        .expect("exists");
    assert_eq!(rec.password_hash.as_deref(), Some("$argon2id$x"));
    assert!(matches!(
        store
            .set_password_hash(UserId::new(Uuid::new_v4()), "x")
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn login_failures_are_counted_and_cleared<S: Store>(store: S) {
    assert_eq!(
        store.login_failures("x@focus.nl").await.expect("query"),
        None
    );
    let window = jiff::SignedDuration::from_mins(15);
    let count = |now: jiff::Timestamp| {
        let store = store.clone();
        async move {
            store
                .count_attempt("x@focus.nl", now, now - window)
                .await
                .expect("count")
        }
    };
    assert_eq!(count(at(0)).await.failures, 1);
    assert_eq!(count(at(60)).await.failures, 2);
    store
        .lock_attempts("x@focus.nl", at(900))
        .await
        .expect("lock");
    let locked = count(at(120)).await;
    assert_eq!(
        (locked.failures, locked.locked_until),
        (3, Some(at(900))),
        "counting goes on while locked"
    );
    store
        .lock_attempts("x@focus.nl", at(5_000))
        .await
        .expect("lock again");
    assert_eq!(
        store
            .login_failures("x@focus.nl")
            .await
            .expect("query")
            .and_then(|f| f.locked_until),
        Some(at(900)),
        "an earlier lock is not extended"
    );
    // After the lock, and after a quiet window, counting starts over.
    let after = count(at(901)).await;
    assert_eq!((after.failures, after.locked_until), (1, None));
    assert_eq!(count(at(902 + 15 * 60)).await.failures, 1);

    // Attempts at the same moment each get their own number.
    let at_once: Vec<_> = (0..16)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .count_attempt("y@focus.nl|10.0.0.1", at(0), at(0) - window)
                    .await
                    .expect("count")
                    .failures
            })
        })
        .collect();
    let mut seen = Vec::new();
    for h in at_once {
        seen.push(h.await.expect("joined"));
    }
    seen.sort_unstable();
    assert_eq!(seen, (1..=16).collect::<Vec<u32>>());

    // The latest lock of an account, its own or an address's, and lifting
    // them all (Beheer).
    store
        .count_attempt("y@focus.nl", at(0), at(0) - window)
        .await
        .expect("count");
    store
        .lock_attempts("y@focus.nl|10.0.0.1", at(900))
        .await
        .expect("lock");
    store
        .count_attempt("y@focus.nl.evil|10.0.0.1", at(0), at(0) - window)
        .await
        .expect("another account");
    store
        .lock_attempts("y@focus.nl.evil|10.0.0.1", at(2_000))
        .await
        .expect("lock");
    assert_eq!(
        store
            .sign_in_locked_until("y@focus.nl", at(10))
            .await
            .expect("query"),
        Some(at(900))
    );
    assert_eq!(
        store
            .sign_in_locked_until("y@focus.nl", at(900))
            .await
            .expect("query"),
        None,
        "a passed lock holds nothing"
    );
    let y = klacht_domain::Email::parse("y@focus.nl").expect("email");
    let audit = |n: i64| klacht_store::AuditEntry {
        id: Uuid::now_v7(),
        at: at(n),
        actor: None,
        actor_name: "systeem".into(),
        kind: "user.unlocked".into(),
        subject: "y@focus.nl".into(),
        details: "Inlogblokkade opgeheven.".into(),
    };
    store
        .admin_change(
            &klacht_store::AdminChange::UnlockSignIn { email: y.clone() },
            &audit(10),
        )
        .await
        .expect("unlock");
    for key in ["y@focus.nl", "y@focus.nl|10.0.0.1"] {
        assert_eq!(
            store.login_failures(key).await.expect("query"),
            None,
            "{key}"
        );
    }
    assert!(
        store
            .login_failures("y@focus.nl.evil|10.0.0.1")
            .await
            .expect("query")
            .is_some(),
        "another account keeps its count"
    );
    assert!(
        matches!(
            store
                .admin_change(
                    &klacht_store::AdminChange::UnlockSignIn { email: y },
                    &audit(11)
                )
                .await,
            Err(StoreError::NotFound)
        ),
        "nothing left to lift"
    );
    store
        .clear_login_failures("x@focus.nl")
        .await
        .expect("clear");
    assert_eq!(
        store.login_failures("x@focus.nl").await.expect("query"),
        None
    );
}

async fn api_tokens_find_their_user_until_revoked<S: Store>(store: S) {
    let anna = new_user("anna@focus.nl", Role::Manager, None);
    store.create_user(anna.clone()).await.expect("user");
    for hash in ["h1", "h2"] {
        store
            .create_api_token(&ApiToken {
                id: Uuid::new_v4(),
                user_id: anna.id,
                token_hash: hash.into(),
                created_at: at(0),
            })
            .await
            .expect("token");
    }
    let found = store
        .user_by_api_token("h1")
        .await
        .expect("query")
        .expect("valid token");
    assert_eq!(found.user.id, anna.id);
    assert!(
        store
            .user_by_api_token("h3")
            .await
            .expect("query")
            .is_none()
    );
    assert_eq!(
        store
            .revoke_api_tokens(anna.id, at(10))
            .await
            .expect("revoke"),
        2
    );
    assert!(
        store
            .user_by_api_token("h1")
            .await
            .expect("query")
            .is_none()
    );
    assert_eq!(
        store
            .revoke_api_tokens(anna.id, at(10))
            .await
            .expect("revoke"),
        0
    );
}

store_tests!(
    sessions_expire_follow_the_user_and_are_revocable,
    login_failures_are_counted_and_cleared,
    api_tokens_find_their_user_until_revoked,
    users_are_stored_and_emails_unique,
    references_count_per_year_and_a_rejected_build_leaves_no_gap,
    appends_keep_order_and_update_the_read_model,
    two_writers_on_one_complaint_one_wins_and_nothing_is_lost,
    an_append_to_several_streams_is_all_or_nothing,
    lists_filter_by_visibility_and_text_and_page_by_keyset,
    settings_are_upserted_and_migrations_rerun_cleanly,
);
