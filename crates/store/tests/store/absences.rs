//! Absences (issue 12): recorded with their log entry, listed while not
//! ended, ended early or removed, and alerted once — on SQLite and
//! PostgreSQL alike.

use jiff::Timestamp;
use jiff::civil::date;
use klacht_domain::absence::{Absence, Period};
use klacht_domain::{Email, Role, UserId};
use klacht_store::{
    AbsenceEnd, AdminChange, AuditEntry, NewOutboxMessage, NewUser, OutboxKind, Store, StoreError,
    store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_796_000_000 + second).expect("in range")
}

async fn user<S: Store>(store: &S, email: &str) -> UserId {
    let id = UserId::new(Uuid::now_v7());
    store
        .create_user(NewUser {
            id,
            email: Email::parse(email).expect("valid"),
            name: email.into(),
            role: Role::Employee,
            manager: None,
            password_hash: None,
            created_at: at(0),
        })
        .await
        .expect("create user");
    id
}

fn audit(actor: UserId, kind: &str) -> AuditEntry {
    AuditEntry {
        id: Uuid::now_v7(),
        at: at(10),
        actor: Some(actor),
        actor_name: "piet".into(),
        kind: kind.into(),
        subject: "piet@focus.nl".into(),
        details: "afwezigheid".into(),
    }
}

fn mail(key: &str) -> NewOutboxMessage {
    NewOutboxMessage::now(OutboxKind::Mail, "{}".into(), at(20)).dedupe(key)
}

async fn absences_are_recorded_listed_ended_and_alerted_once<S: Store>(store: S) {
    let piet = user(&store, "piet@focus.nl").await;
    let absence = |from, to| Absence {
        id: Uuid::now_v7(),
        user: piet,
        period: Period::new(from, to).expect("valid"),
        note: Some("vakantie".into()),
        recorded_by: piet,
        recorded_at: at(10),
        alerted_at: None,
    };
    let current = absence(date(2026, 12, 7), date(2026, 12, 14));
    let planned = absence(date(2026, 12, 21), date(2026, 12, 24));
    let past = absence(date(2026, 11, 2), date(2026, 11, 6));
    for a in [&current, &planned, &past] {
        store
            .record_absence(a, &audit(piet, "absence.recorded"), &[])
            .await
            .expect("record");
    }
    let listed = store.absences_from(date(2026, 12, 8)).await.expect("list");
    assert_eq!(
        listed.iter().map(|a| a.id).collect::<Vec<_>>(),
        [current.id, planned.id],
        "ended ones are left out, by start"
    );
    assert_eq!(listed[0], current, "round trip");

    // Alerted once, with its mail in the same transaction.
    assert!(
        store
            .mark_absence_alerted(current.id, at(20), &[mail("handover:a")])
            .await
            .expect("mark")
    );
    assert!(
        !store
            .mark_absence_alerted(current.id, at(21), &[mail("handover:b")])
            .await
            .expect("mark again")
    );
    assert_eq!(store.outbox_counts().await.expect("counts").pending, 1);
    assert_eq!(
        store
            .absence(current.id)
            .await
            .expect("read")
            .and_then(|a| a.alerted_at),
        Some(at(20))
    );

    // Ended early: back from the 10th.
    store
        .end_absence(
            current.id,
            AbsenceEnd::EndOn(date(2026, 12, 9)),
            &audit(piet, "absence.ended"),
        )
        .await
        .expect("end");
    assert_eq!(
        store
            .absence(current.id)
            .await
            .expect("read")
            .map(|a| a.period.to()),
        Some(date(2026, 12, 9))
    );
    // An end before the start is refused by the database.
    assert!(matches!(
        store
            .end_absence(
                planned.id,
                AbsenceEnd::EndOn(date(2026, 12, 20)),
                &audit(piet, "absence.ended"),
            )
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .end_absence(
            planned.id,
            AbsenceEnd::Remove,
            &audit(piet, "absence.removed"),
        )
        .await
        .expect("remove");
    assert_eq!(store.absence(planned.id).await.expect("read"), None);
    assert!(matches!(
        store
            .end_absence(
                planned.id,
                AbsenceEnd::Remove,
                &audit(piet, "absence.removed")
            )
            .await,
        Err(StoreError::NotFound)
    ));

    let log = store.admin_log(None, 50).await.expect("log");
    let mut kinds: Vec<&str> = log
        .items
        .iter()
        .filter(|e| e.kind.starts_with("absence."))
        .map(|e| e.kind.as_str())
        .collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        [
            "absence.ended",
            "absence.recorded",
            "absence.recorded",
            "absence.recorded",
            "absence.removed"
        ],
        "every change logged, refused ones not"
    );
}

async fn a_deactivation_queues_its_mail_in_its_own_transaction<S: Store>(store: S) {
    let piet = user(&store, "piet@focus.nl").await;
    store
        .admin_change_with(
            &AdminChange::SetUserActive {
                id: piet,
                active: false,
            },
            &audit(piet, "user.deactivated"),
            &[mail("handover:deactivated:1")],
        )
        .await
        .expect("deactivate");
    assert_eq!(store.outbox_counts().await.expect("counts").pending, 1);
    // Refused (no such user): nothing queued.
    let nobody = UserId::new(Uuid::now_v7());
    assert!(
        store
            .admin_change_with(
                &AdminChange::SetUserActive {
                    id: nobody,
                    active: false,
                },
                &audit(piet, "user.deactivated"),
                &[mail("handover:deactivated:2")],
            )
            .await
            .is_err()
    );
    assert_eq!(store.outbox_counts().await.expect("counts").pending, 1);
}

store_tests!(
    absences_are_recorded_listed_ended_and_alerted_once,
    a_deactivation_queues_its_mail_in_its_own_transaction,
);
