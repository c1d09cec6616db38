//! Structural complaints in the store: what pattern detection reads,
//! decisions about patterns, and improvement actions with their history;
//! on SQLite and PostgreSQL alike.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Role, UserId};
use klacht_store::{
    ComplaintRow, DecisionOutcome, ImprovementCursor, ImprovementEventRow, ImprovementFilter,
    ImprovementRow, NewStream, NewUser, PatternDecision, RawEvent, Store, StoreError, store_tests,
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
            email: Email::parse(email).expect("valid e-mail"),
            name: email.split('@').next().unwrap_or("x").to_string(),
            role: Role::Manager,
            manager: None,
            password_hash: None,
            created_at: at(0),
        })
        .await
        .expect("create user");
    id
}

fn row(
    id: ComplaintId,
    reference: ReferenceNumber,
    received: Timestamp,
    kind: &str,
) -> ComplaintRow {
    ComplaintRow {
        id,
        reference,
        version: 1,
        kind: kind.into(),
        status: "awaiting_handler".into(),
        channel: "phone".into(),
        received_at: received,
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
        updated_at: received,
        participants: Vec::new(),
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

/// A complaint with a stream of the given event kinds.
async fn complaint<S: Store>(
    store: &S,
    received: Timestamp,
    kind: &str,
    events: &[&str],
) -> ComplaintRow {
    let id = ComplaintId::new(Uuid::now_v7());
    let kind = kind.to_owned();
    let events: Vec<RawEvent> = events
        .iter()
        .zip(1u64..)
        .map(|(k, seq)| event(id, seq, k))
        .collect();
    store
        .create_complaint(2026, move |reference| {
            let mut r = row(id, reference, received, &kind);
            r.version = events.len() as u64;
            Ok::<_, ()>(NewStream {
                row: r,
                events,
                outbox: Vec::new(),
                tracking_code: None,
                attachments: Vec::new(),
            })
        })
        .await
        .expect("stored")
        .expect("built")
}

fn action(
    year: i16,
    owner: UserId,
    created: Timestamp,
    complaints: &[ComplaintId],
) -> ImprovementRow {
    ImprovementRow {
        id: Uuid::now_v7(),
        year,
        number: 0,
        title: "Vaste planners".into(),
        description: "Elke wijk een vaste planner.".into(),
        owner,
        due_on: date(2026, 12, 1),
        status: "open".into(),
        evaluation: None,
        pattern_key: Some("category:planning".into()),
        created_by: owner,
        created_at: created,
        updated_at: created,
        closed_at: None,
        version: 1,
        complaints: complaints.to_vec(),
    }
}

fn opened(a: &ImprovementRow, by: UserId) -> ImprovementEventRow {
    ImprovementEventRow {
        action_id: a.id,
        seq: 1,
        at: a.created_at,
        actor: Some(by),
        actor_name: "Sanne".into(),
        kind: "opened".into(),
        data: r#"{"type":"opened"}"#.into(),
    }
}

fn decision(
    key: &str,
    by: UserId,
    complaints: &[ComplaintId],
    outcome: DecisionOutcome,
) -> PatternDecision {
    PatternDecision {
        id: Uuid::now_v7(),
        key: key.into(),
        label: "Planning".into(),
        window_from: date(2026, 1, 16),
        window_to: date(2026, 4, 15),
        outcome,
        decided_by: by,
        decided_by_name: "Sanne".into(),
        decided_at: at(100),
        complaints: complaints.to_vec(),
    }
}

async fn pattern_sources_are_complaints_in_the_window_with_their_intake_events<S: Store>(store: S) {
    let old = complaint(&store, at(-100), "complaint", &["registered"]).await;
    let a = complaint(
        &store,
        at(10),
        "complaint",
        &[
            "registered",
            "reported_to_manager",
            "corrected",
            "contact_recorded",
        ],
    )
    .await;
    let _signal = complaint(&store, at(20), "signal", &["registered"]).await;
    let b = complaint(&store, at(30), "complaint", &["registered"]).await;

    let page = store
        .pattern_sources(at(0), None, 100)
        .await
        .expect("sources");
    assert!(page.next.is_none(), "all in one page");
    let sources = page.sources;
    let ids: Vec<ComplaintId> = sources.iter().map(|s| s.id).collect();
    assert_eq!(ids, [a.id, b.id], "in the window, no signals, oldest first");
    assert!(!ids.contains(&old.id));
    let first = &sources[0];
    assert_eq!(first.reference, a.reference);
    assert_eq!(first.received_at, at(10));
    assert_eq!(first.category.as_deref(), Some("Planning"));
    assert_eq!(first.service.as_deref(), Some("Thuiszorg"));
    let kinds: Vec<(u64, &str)> = first
        .events
        .iter()
        .map(|e| (e.seq, e.kind.as_str()))
        .collect();
    assert_eq!(kinds, [(1, "registered"), (3, "corrected")]);
    assert!(
        store
            .pattern_sources(at(1000), None, 100)
            .await
            .expect("none")
            .sources
            .is_empty()
    );
    // A page at a time, each complaint once with all its intake events.
    let first_page = store.pattern_sources(at(0), None, 1).await.expect("page");
    assert_eq!(first_page.sources.len(), 1);
    assert_eq!(
        first_page.sources[0].events.len(),
        2,
        "registered and corrected"
    );
    let next = first_page.next.expect("more");
    let second = store
        .pattern_sources(at(0), Some(next), 1)
        .await
        .expect("page");
    assert_eq!(
        second.sources.iter().map(|s| s.id).collect::<Vec<_>>(),
        [b.id]
    );
    let end = store
        .pattern_sources(at(0), second.next, 1)
        .await
        .expect("page");
    assert!(end.sources.is_empty() && end.next.is_none(), "{end:?}");
}

async fn decisions_are_kept_with_the_complaints_they_covered<S: Store>(store: S) {
    let quality = user(&store, "sanne@focus.example").await;
    let c: Vec<ComplaintRow> = [
        complaint(&store, at(1), "complaint", &["registered"]).await,
        complaint(&store, at(2), "complaint", &["registered"]).await,
        complaint(&store, at(3), "complaint", &["registered"]).await,
    ]
    .into();
    let ids: Vec<ComplaintId> = c.iter().map(|r| r.id).collect();
    let dismissed = decision(
        "category:planning",
        quality,
        &[ids[0], ids[1], ids[2], ids[1]],
        DecisionOutcome::Dismissed {
            reason: "Toeval: drie verschillende wijken.".into(),
        },
    );
    store
        .record_pattern_decision(&dismissed)
        .await
        .expect("recorded");
    let mut empty = decision(
        "service:thuiszorg",
        quality,
        &[],
        DecisionOutcome::Dismissed {
            reason: "Leeg".into(),
        },
    );
    empty.window_to = date(2026, 1, 1);
    store
        .record_pattern_decision(&empty)
        .await
        .expect("recorded");

    let all = store
        .pattern_decisions(date(2025, 1, 1))
        .await
        .expect("list");
    assert_eq!(all.len(), 2);
    let mut covered = all[0].complaints.clone();
    covered.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(covered, expected, "each complaint once");
    assert_eq!(all[0].outcome, dismissed.outcome);
    assert_eq!(all[0].window_from, date(2026, 1, 16));
    assert!(all[1].complaints.is_empty());
    // Only decisions whose window reaches the date.
    let recent = store
        .pattern_decisions(date(2026, 2, 1))
        .await
        .expect("list");
    assert_eq!(recent.len(), 1);
    assert_eq!(recent[0].key, "category:planning");
}

async fn an_action_is_created_with_its_links_history_and_decision_at_once<S: Store>(store: S) {
    let quality = user(&store, "sanne@focus.example").await;
    let owner = user(&store, "margriet@focus.example").await;
    let c1 = complaint(&store, at(2), "complaint", &["registered"]).await;
    let c2 = complaint(&store, at(1), "complaint", &["registered"]).await;
    let a = action(2026, owner, at(50), &[c1.id, c2.id]);
    let d = decision(
        "category:planning",
        quality,
        &[c1.id, c2.id],
        DecisionOutcome::Acted { action: a.id },
    );
    let n = store
        .create_improvement_action(&a, &opened(&a, quality), Some(&d))
        .await
        .expect("created");
    assert_eq!(n, 1);
    let b = action(2026, owner, at(60), &[c1.id]);
    let n2 = store
        .create_improvement_action(&b, &opened(&b, quality), None)
        .await
        .expect("created");
    assert_eq!(n2, 2, "numbered per year");
    let other_year = action(2027, owner, at(70), &[c2.id]);
    let n3 = store
        .create_improvement_action(&other_year, &opened(&other_year, quality), None)
        .await
        .expect("created");
    assert_eq!(n3, 1);

    let (item, events) = store
        .improvement_action(a.id)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(item.row.number, 1);
    assert_eq!(item.row.title, "Vaste planners");
    assert_eq!(item.row.owner, owner);
    assert_eq!(item.row.due_on, date(2026, 12, 1));
    // Linked complaints, oldest receipt first.
    assert_eq!(item.row.complaints, [c2.id, c1.id]);
    assert_eq!(
        item.linked.iter().map(|l| l.reference).collect::<Vec<_>>(),
        [c2.reference, c1.reference]
    );
    assert_eq!(item.linked[0].status, "awaiting_handler");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor, Some(quality));
    assert_eq!(events[0].kind, "opened");

    let decisions = store
        .pattern_decisions(date(2026, 1, 1))
        .await
        .expect("list");
    assert_eq!(decisions.len(), 1);
    assert_eq!(
        decisions[0].outcome,
        DecisionOutcome::Acted { action: a.id }
    );

    assert_eq!(
        store
            .improvement_action_id_by_number(2026, 2)
            .await
            .expect("by number"),
        Some(b.id)
    );
    assert_eq!(
        store
            .improvement_action_id_by_number(2026, 9)
            .await
            .expect("none"),
        None
    );
    assert!(
        store
            .improvement_action(Uuid::now_v7())
            .await
            .expect("none")
            .is_none()
    );

    // A link to a complaint that does not exist is refused whole.
    let bad = action(2026, owner, at(80), &[ComplaintId::new(Uuid::now_v7())]);
    let before = store
        .list_improvement_actions(&ImprovementFilter {
            limit: 50,
            ..Default::default()
        })
        .await
        .expect("list")
        .items
        .len();
    store
        .create_improvement_action(&bad, &opened(&bad, quality), None)
        .await
        .expect_err("unknown complaint");
    let after = store
        .list_improvement_actions(&ImprovementFilter {
            limit: 50,
            ..Default::default()
        })
        .await
        .expect("list")
        .items
        .len();
    assert_eq!(before, after, "nothing half-written");
}

async fn updates_check_the_version_and_append_history<S: Store>(store: S) {
    let quality = user(&store, "sanne@focus.example").await;
    let owner = user(&store, "margriet@focus.example").await;
    let c = complaint(&store, at(1), "complaint", &["registered"]).await;
    let mut a = action(2026, owner, at(50), &[c.id]);
    store
        .create_improvement_action(&a, &opened(&a, quality), None)
        .await
        .expect("created");

    a.status = "in_progress".into();
    a.version = 2;
    a.updated_at = at(60);
    let change = ImprovementEventRow {
        seq: 2,
        at: at(60),
        actor: Some(owner),
        actor_name: "Margriet".into(),
        kind: "status_changed".into(),
        data: r#"{"type":"status_changed","from":"open","to":"in_progress"}"#.into(),
        ..opened(&a, quality)
    };
    store
        .update_improvement_action(1, &a, &change)
        .await
        .expect("updated");
    // The same change again is stale: nothing written.
    let stale = store.update_improvement_action(1, &a, &change).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { expected: 1 })),
        "{stale:?}"
    );
    let mut missing = a.clone();
    missing.id = Uuid::now_v7();
    assert!(matches!(
        store.update_improvement_action(1, &missing, &change).await,
        Err(StoreError::NotFound)
    ));

    a.status = "done".into();
    a.evaluation = Some("Geen nieuwe klachten.".into());
    a.closed_at = Some(at(70));
    a.version = 3;
    let closed = ImprovementEventRow {
        seq: 3,
        at: at(70),
        kind: "closed".into(),
        data: r#"{"type":"closed","evaluation":"Geen nieuwe klachten."}"#.into(),
        ..change.clone()
    };
    store
        .update_improvement_action(2, &a, &closed)
        .await
        .expect("closed");
    let (item, events) = store
        .improvement_action(a.id)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(item.row.status, "done");
    assert_eq!(item.row.version, 3);
    assert_eq!(item.row.closed_at, Some(at(70)));
    assert_eq!(
        item.row.evaluation.as_deref(),
        Some("Geen nieuwe klachten.")
    );
    assert_eq!(
        events
            .iter()
            .map(|e| (e.seq, e.kind.as_str()))
            .collect::<Vec<_>>(),
        [(1, "opened"), (2, "status_changed"), (3, "closed")]
    );
    assert_eq!(events[1].actor_name, "Margriet");
}

async fn actions_are_listed_newest_first_by_filter_and_page<S: Store>(store: S) {
    let quality = user(&store, "sanne@focus.example").await;
    let margriet = user(&store, "margriet@focus.example").await;
    let hans = user(&store, "hans@focus.example").await;
    let c1 = complaint(&store, at(1), "complaint", &["registered"]).await;
    let c2 = complaint(&store, at(2), "complaint", &["registered"]).await;
    let mut made = Vec::new();
    for i in 0..5i64 {
        let owner = if i % 2 == 0 { margriet } else { hans };
        let linked = if i == 3 {
            vec![c1.id, c2.id]
        } else {
            vec![c1.id]
        };
        let mut a = action(2026, owner, at(100 + i), &linked);
        if i == 4 {
            a.status = "done".into();
        }
        store
            .create_improvement_action(&a, &opened(&a, quality), None)
            .await
            .expect("created");
        made.push(a.id);
    }
    let all = |f: ImprovementFilter| {
        let store = store.clone();
        async move {
            store
                .list_improvement_actions(&ImprovementFilter { limit: 50, ..f })
                .await
                .expect("list")
                .items
                .into_iter()
                .map(|i| i.row.id)
                .collect::<Vec<_>>()
        }
    };
    let newest_first: Vec<Uuid> = made.iter().rev().copied().collect();
    assert_eq!(all(ImprovementFilter::default()).await, newest_first);
    assert_eq!(
        all(ImprovementFilter {
            owner: Some(hans),
            ..Default::default()
        })
        .await,
        [made[3], made[1]]
    );
    assert_eq!(
        all(ImprovementFilter {
            status: Some("done".into()),
            ..Default::default()
        })
        .await,
        [made[4]]
    );
    assert_eq!(
        all(ImprovementFilter {
            complaint: Some(c2.id),
            ..Default::default()
        })
        .await,
        [made[3]]
    );
    assert_eq!(
        all(ImprovementFilter {
            created_from: Some(at(101)),
            created_before: Some(at(103)),
            ..Default::default()
        })
        .await,
        [made[2], made[1]]
    );

    // Keyset pages of two.
    let mut seen = Vec::new();
    let mut after: Option<ImprovementCursor> = None;
    loop {
        let page = store
            .list_improvement_actions(&ImprovementFilter {
                limit: 2,
                after,
                ..Default::default()
            })
            .await
            .expect("page");
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|i| i.row.id));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, newest_first);
    let page = store
        .list_improvement_actions(&ImprovementFilter {
            limit: 50,
            ..Default::default()
        })
        .await
        .expect("list");
    let linked = &page.items[1].linked;
    assert_eq!(
        linked.iter().map(|l| l.id).collect::<Vec<_>>(),
        [c1.id, c2.id],
        "links come with the page"
    );
}

store_tests!(
    pattern_sources_are_complaints_in_the_window_with_their_intake_events,
    decisions_are_kept_with_the_complaints_they_covered,
    an_action_is_created_with_its_links_history_and_decision_at_once,
    updates_check_the_version_and_append_history,
    actions_are_listed_newest_first_by_filter_and_page,
);
