//! The durable outbox, on SQLite and PostgreSQL alike.

use std::collections::BTreeSet;

use jiff::{SignedDuration, Timestamp};
use klacht_store::{NewOutboxMessage, OutboxKind, OutboxStatus, Store, store_tests};

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn mail(payload: &str, when: i64) -> NewOutboxMessage {
    NewOutboxMessage::now(OutboxKind::Mail, payload.into(), at(when))
}

async fn a_claimed_message_is_hidden_until_its_lease_ends<S: Store>(store: S) {
    store
        .enqueue(&[mail("a", 0), mail("b", 1)])
        .await
        .expect("enqueue");
    let lease = at(10) + SignedDuration::from_secs(300);
    let first = store
        .claim_outbox(OutboxKind::Mail, at(10), lease, 10)
        .await
        .expect("claim");
    assert_eq!(
        first.iter().map(|m| m.payload.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert!(first.iter().all(|m| m.attempts == 1));
    // A second worker sees nothing while the lease runs.
    let second = store
        .claim_outbox(OutboxKind::Mail, at(20), at(320), 10)
        .await
        .expect("claim");
    assert!(
        second.is_empty(),
        "claimed messages are not handed out twice"
    );
    // Nor is another kind's worker handed mail.
    assert!(
        store
            .claim_outbox(OutboxKind::Exact, at(400), at(700), 10)
            .await
            .expect("claim")
            .is_empty()
    );

    store
        .outbox_sent(first[0].id, at(11), Some("250 OK"))
        .await
        .expect("sent");
    // The worker died before finishing "b": after the lease it comes back.
    let again = store
        .claim_outbox(
            OutboxKind::Mail,
            lease,
            lease + SignedDuration::from_secs(300),
            10,
        )
        .await
        .expect("claim");
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].payload, "b");
    assert_eq!(again[0].attempts, 2);
    let sent = store
        .outbox_message(first[0].id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(sent.status, OutboxStatus::Sent);
    assert_eq!(sent.result.as_deref(), Some("250 OK"));
    assert_eq!(sent.sent_at, Some(at(11)));
}

async fn retries_wait_their_turn_and_a_failure_can_be_requeued<S: Store>(store: S) {
    let m = mail("x", 0);
    let id = m.id;
    store.enqueue(&[m]).await.expect("enqueue");
    let claimed = store
        .claim_outbox(OutboxKind::Mail, at(1), at(301), 5)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    store
        .outbox_retry_at(id, "connection refused", at(60))
        .await
        .expect("retry");
    assert!(
        store
            .claim_outbox(OutboxKind::Mail, at(59), at(359), 5)
            .await
            .expect("claim")
            .is_empty(),
        "not before the back-off ends"
    );
    let retried = store
        .claim_outbox(OutboxKind::Mail, at(60), at(360), 5)
        .await
        .expect("claim");
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].last_error.as_deref(), Some("connection refused"));
    store.outbox_failed(id, "gave up").await.expect("failed");
    assert!(
        store
            .claim_outbox(OutboxKind::Mail, at(9_000), at(9_300), 5)
            .await
            .expect("claim")
            .is_empty(),
        "failed messages stay put"
    );
    let failed = store
        .list_outbox(Some(OutboxStatus::Failed), None, 10)
        .await
        .expect("list");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].last_error.as_deref(), Some("gave up"));
    assert_eq!(store.outbox_counts().await.expect("counts").failed, 1);

    assert!(store.outbox_requeue(id, at(9_000)).await.expect("requeue"));
    assert!(
        !store.outbox_requeue(id, at(9_000)).await.expect("requeue"),
        "only a failed message can be requeued"
    );
    let back = store
        .claim_outbox(OutboxKind::Mail, at(9_000), at(9_300), 5)
        .await
        .expect("claim");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].attempts, 1, "a requeued message starts afresh");
}

async fn a_dedupe_key_queues_a_message_once<S: Store>(store: S) {
    let n = store
        .enqueue(&[mail("r1", 0).dedupe("reminder:K-2026-0001:contact:2026-04-28")])
        .await
        .expect("enqueue");
    assert_eq!(n, 1);
    let n = store
        .enqueue(&[
            mail("r1 again", 5).dedupe("reminder:K-2026-0001:contact:2026-04-28"),
            mail("r2", 5).dedupe("reminder:K-2026-0001:contact:2026-04-29"),
            mail("plain", 5),
        ])
        .await
        .expect("enqueue");
    assert_eq!(n, 2, "the duplicate is left out, the rest is queued");
    let all = store.list_outbox(None, None, 10).await.expect("list");
    let payloads: BTreeSet<_> = all.iter().map(|m| m.payload.as_str()).collect();
    assert_eq!(payloads, BTreeSet::from(["r1", "r2", "plain"]));
}

/// A round may queue thousands of messages at once (reminders after the
/// engine was down, an import): more than one statement's bound
/// parameters allow, all queued, and all left out when queued again.
async fn thousands_of_messages_are_queued_at_once<S: Store>(store: S) {
    let many: Vec<NewOutboxMessage> = (0..8_000)
        .map(|i| mail("r", 0).dedupe(format!("reminder:{i}")))
        .collect();
    assert_eq!(store.enqueue(&many).await.expect("enqueue"), 8_000);
    assert_eq!(store.enqueue(&many).await.expect("enqueue again"), 0);
}

/// Several workers on one database (several instances on PostgreSQL):
/// every message is handed to exactly one of them.
async fn concurrent_workers_never_share_a_message<S: Store>(store: S) {
    let messages: Vec<_> = (0..60).map(|i| mail(&format!("m{i}"), i)).collect();
    store.enqueue(&messages).await.expect("enqueue");
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = store
                    .claim_outbox(OutboxKind::Mail, at(100), at(400), 7)
                    .await
                    .expect("claim");
                if batch.is_empty() {
                    break mine;
                }
                mine.extend(batch.into_iter().map(|m| m.payload));
            }
        }));
    }
    let mut seen = Vec::new();
    for t in tasks {
        seen.extend(t.await.expect("worker"));
    }
    let unique: BTreeSet<_> = seen.iter().cloned().collect();
    assert_eq!(seen.len(), 60, "each message claimed once: {seen:?}");
    assert_eq!(unique.len(), 60);
}

store_tests!(
    a_claimed_message_is_hidden_until_its_lease_ends,
    retries_wait_their_turn_and_a_failure_can_be_requeued,
    a_dedupe_key_queues_a_message_once,
    concurrent_workers_never_share_a_message,
    thousands_of_messages_are_queued_at_once,
);
