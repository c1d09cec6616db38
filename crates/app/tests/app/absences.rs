//! Ending an absence early (issue 12): a planned one is removed, a begun
//! one ends yesterday, one that is over is refused; only oneself, one's
//! manager and those overseeing all may. On SQLite and PostgreSQL.

use jiff::{Timestamp, ToSpan};
use klacht_app::absences::{self, AbsenceError, AbsenceInput, Ended};
use klacht_app::complaints::Context;
use klacht_app::notify::Notifier;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::{Email, Role, User, UserId};
use klacht_store::{NewUser, Store, store_tests};

async fn person<S: Store>(store: &S, name: &str, role: Role, manager: Option<UserId>) -> User {
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse(&format!("{}@focus.example", name.to_lowercase())).expect("valid"),
        name: name.into(),
        role,
        manager,
    };
    store
        .create_user(NewUser {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role,
            manager,
            password_hash: None,
            created_at: Timestamp::UNIX_EPOCH,
        })
        .await
        .expect("create user");
    user
}

async fn an_absence_is_removed_or_ended_by_who_may<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let now: Timestamp = "2026-12-09T10:00:00+01:00".parse().expect("instant");
    let today = cal.local_date(now);
    let margriet = person(&store, "Margriet", Role::Manager, None).await;
    let hans = person(&store, "Hans", Role::Manager, None).await;
    let piet = person(&store, "Piet", Role::Employee, Some(margriet.id)).await;
    let off = Notifier::disabled();
    let cx = Context::new(&store, &cal, &off, now);
    let record = |from: jiff::civil::Date, to: jiff::civil::Date| AbsenceInput {
        whom: piet.id.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        note: String::new(),
    };
    let begun =
        absences::record_absence(&cx, &margriet, &record(today - 2.days(), today + 5.days()))
            .await
            .expect("recorded");
    let planned =
        absences::record_absence(&cx, &piet, &record(today + 10.days(), today + 12.days()))
            .await
            .expect("recorded");
    assert!(matches!(
        absences::record_absence(&cx, &piet, &record(today - 5.days(), today - 1.days())).await,
        Err(AbsenceError::Invalid(_))
    ));
    assert!(matches!(
        absences::record_absence(&cx, &hans, &record(today, today)).await,
        Err(AbsenceError::Forbidden(_))
    ));

    assert!(matches!(
        absences::end_absence_early(&store, &cal, &hans, begun.id, now).await,
        Err(AbsenceError::NotFound)
    ));
    let ended = absences::end_absence_early(&store, &cal, &piet, begun.id, now)
        .await
        .expect("ended");
    assert_eq!(
        ended,
        Ended::Back {
            name: "Piet".into()
        }
    );
    let ended = store.absence(begun.id).await.expect("read").expect("kept");
    assert_eq!(ended.period.to(), today - 1.days(), "back today");
    // Over now: nothing more to end.
    assert!(matches!(
        absences::end_absence_early(&store, &cal, &piet, begun.id, now).await,
        Err(AbsenceError::Invalid(_))
    ));
    let removed = absences::end_absence_early(&store, &cal, &margriet, planned.id, now)
        .await
        .expect("removed");
    assert_eq!(
        removed,
        Ended::Removed {
            name: "Piet".into()
        }
    );
    assert_eq!(store.absence(planned.id).await.expect("read"), None);
    let listed = absences::visible_absences(&store, &margriet, today)
        .await
        .expect("list");
    assert!(listed.is_empty(), "{listed:?}");
}

store_tests!(an_absence_is_removed_or_ended_by_who_may);
