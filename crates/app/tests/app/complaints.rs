//! The complaint use cases over a real store, on SQLite and PostgreSQL.

use jiff::{Timestamp, ToSpan};
use klacht_app::complaints::{self, ServiceError};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    Channel, Command, ComplaintError, Contact, ContactMode, Kind, NewComplaint, Party, Status,
};
use klacht_domain::terms::{TermStatus, Terms};
use klacht_domain::{Email, Role, User, UserId};
use klacht_store::{NewUser, Store, StoreError, store_tests};

struct Team {
    manager: User,
    anna: User,
    bram: User,
}

async fn team<S: Store>(store: &S) -> Team {
    let mut made = Vec::new();
    for (email, role, manager) in [
        ("margriet@focus.example", Role::Manager, None),
        ("anna@focus.example", Role::Employee, Some(0)),
        ("bram@focus.example", Role::Employee, Some(0)),
    ] {
        let user = User {
            id: UserId::new(uuid::Uuid::now_v7()),
            email: Email::parse(email).expect("valid"),
            name: email.split('@').next().unwrap_or_default().into(),
            role,
            manager: manager
                .map(|i: usize| made.get(i).map(|u: &User| u.id).expect("manager first")),
        };
        store
            .create_user(NewUser {
                id: user.id,
                email: user.email.clone(),
                name: user.name.clone(),
                role,
                manager: user.manager,
                password_hash: None,
                created_at: klacht_clock::test_now(),
            })
            .await
            .expect("create user");
        made.push(user);
    }
    let mut it = made.into_iter();
    let (manager, anna, bram) = (it.next(), it.next(), it.next());
    Team {
        manager: manager.expect("three users"),
        anna: anna.expect("three users"),
        bram: bram.expect("three users"),
    }
}

fn calendar() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

fn intake(
    cal: &WorkingCalendar,
    kind: Kind,
    received: Timestamp,
    involved: &User,
    description: &str,
) -> NewComplaint {
    NewComplaint {
        kind,
        channel: Channel::Phone,
        received_at: received.to_zoned(cal.time_zone().clone()),
        complainant: Party::new("Mevrouw J. de Vries", None, Some("06-12345678"), None)
            .expect("valid party"),
        representative: None,
        service: Some("Thuiszorg".into()),
        involved_employees: vec![involved.id],
        description: description.into(),
        category: None,
        cause: None,
    }
}

async fn registering_reports_to_the_manager_and_fills_the_read_model<S: Store>(store: S) {
    let t = team(&store).await;
    let cal = calendar();
    let received = klacht_clock::test_now() - 2.hours();
    let c = complaints::register(
        &store,
        &cal,
        &klacht_app::notify::Notifier::disabled(),
        &t.anna,
        intake(&cal, Kind::Complaint, received, &t.bram, "Te laat gekomen"),
        klacht_clock::test_now(),
    )
    .await
    .expect("registered");
    assert_eq!(c.status(), Status::AwaitingHandler);
    assert_eq!(c.responsible_manager(), Some(t.manager.id));
    assert_eq!(c.version(), 2, "registered + reported to manager");

    let (row, events) = store
        .load_stream(c.id())
        .await
        .expect("load")
        .expect("stored");
    let year = received.to_zoned(cal.time_zone().clone()).year();
    assert_eq!(row.reference.to_string(), format!("K-{year}-0001"));
    assert_eq!(row.status, "awaiting_handler");
    let terms = Terms::compute(received, &cal);
    assert_eq!(row.next_step.as_deref(), Some("contact"));
    assert_eq!(row.next_due, Some(terms.contact));
    assert_eq!(
        (row.report_due, row.record_due),
        (terms.report, terms.record)
    );
    assert!(row.participants.contains(&t.anna.id) && row.participants.contains(&t.manager.id));
    assert!(
        !row.participants.contains(&t.bram.id),
        "an involved employee does not see it"
    );
    assert_eq!(
        events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["registered", "reported_to_manager"]
    );
    assert!(
        events
            .iter()
            .all(|e| e.actor == format!("user:{}", t.anna.id))
    );
}

async fn a_refused_intake_writes_nothing_and_uses_no_number<S: Store>(store: S) {
    let t = team(&store).await;
    let cal = calendar();
    let now = klacht_clock::test_now();
    let refused = complaints::register(
        &store,
        &cal,
        &klacht_app::notify::Notifier::disabled(),
        &t.anna,
        intake(&cal, Kind::Complaint, now, &t.bram, "   "),
        now,
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(ServiceError::Refused(ComplaintError::Invalid { .. }))
        ),
        "{refused:?}"
    );
    assert_eq!(store.count_complaints().await.expect("count"), 0);
    let ok = complaints::register(
        &store,
        &cal,
        &klacht_app::notify::Notifier::disabled(),
        &t.anna,
        intake(&cal, Kind::Signal, now, &t.bram, "Direct opgelost"),
        now,
    )
    .await
    .expect("registered");
    assert_eq!(
        ok.reference().number(),
        1,
        "the refused intake used no number"
    );
    assert_eq!(ok.status(), Status::Signal);
}

async fn acting_appends_events_and_refusals_change_nothing<S: Store>(store: S) {
    let t = team(&store).await;
    let cal = calendar();
    // A fixed working day: received an hour ago and registered half an
    // hour ago must lie on one day for the report to be on time (at 00:20
    // they would not).
    let now: jiff::Timestamp = "2026-04-24T10:00:00+02:00".parse().expect("instant");
    let c = complaints::register(
        &store,
        &cal,
        &klacht_app::notify::Notifier::disabled(),
        &t.anna,
        intake(
            &cal,
            Kind::Complaint,
            now - 1.hour(),
            &t.bram,
            "Onvriendelijk",
        ),
        now - 30.minutes(),
    )
    .await
    .expect("registered");

    let refused = complaints::act(
        &complaints::Context::new(&store, &cal, &klacht_app::notify::Notifier::disabled(), now),
        c.id(),
        &t.manager,
        Command::AssignHandler {
            handler: t.bram.clone(),
        },
        None,
    )
    .await;
    match refused {
        Err(ServiceError::Refused(e @ ComplaintError::Invalid { .. })) => {
            assert_eq!(e.code(), klacht_domain::RefusalCode::HandlerInvolved, "{e}")
        }
        other => panic!("an involved handler must be refused, got {other:?}"),
    }
    assert_eq!(
        complaints::load(&store, c.id())
            .await
            .expect("load")
            .version(),
        2,
        "nothing written"
    );

    let by_employee = complaints::act(
        &complaints::Context::new(&store, &cal, &klacht_app::notify::Notifier::disabled(), now),
        c.id(),
        &t.anna,
        Command::AssignHandler {
            handler: t.anna.clone(),
        },
        None,
    )
    .await;
    assert!(
        matches!(
            by_employee,
            Err(ServiceError::Refused(ComplaintError::NotAllowed(_)))
        ),
        "{by_employee:?}"
    );

    let c = complaints::act(
        &complaints::Context::new(&store, &cal, &klacht_app::notify::Notifier::disabled(), now),
        c.id(),
        &t.manager,
        Command::AssignHandler {
            handler: t.manager.clone(),
        },
        None,
    )
    .await
    .expect("assigned");
    assert_eq!(c.status(), Status::InProgress);
    let contact = Command::RecordContact(Contact {
        date: now.to_zoned(cal.time_zone().clone()).date(),
        mode: ContactMode::Telephone,
        summary: "Gebeld en excuses aangeboden".into(),
    });
    let c = complaints::act(
        &complaints::Context::new(&store, &cal, &klacht_app::notify::Notifier::disabled(), now),
        c.id(),
        &t.manager,
        contact,
        None,
    )
    .await
    .expect("contact recorded");
    let (row, events) = store
        .load_stream(c.id())
        .await
        .expect("load")
        .expect("stored");
    assert_eq!(row.version, 4);
    assert_eq!(row.handler, Some(t.manager.id));
    assert_eq!(row.next_step.as_deref(), Some("offer"));
    assert_eq!(
        events.last().map(|e| e.kind.as_str()),
        Some("contact_recorded")
    );

    let today = cal.local_date(now);
    let lines = complaints::term_lines(&c, &cal, today);
    let statuses: Vec<_> = lines.iter().map(|l| l.status).collect();
    assert_eq!(
        statuses,
        [
            TermStatus::Done { on_time: true },
            TermStatus::Done { on_time: true },
            TermStatus::OnTime,
            TermStatus::OnTime
        ]
    );
    let later = complaints::term_lines(&c, &cal, lines[2].due.saturating_add(jiff::ToSpan::day(1)));
    assert_eq!(
        later[2].status,
        TermStatus::Overdue,
        "a missed offer term shows"
    );
}

async fn concurrent_actions_on_one_complaint_conflict_cleanly<S: Store>(store: S) {
    let t = team(&store).await;
    let cal = calendar();
    let now = klacht_clock::test_now();
    let c = complaints::register(
        &store,
        &cal,
        &klacht_app::notify::Notifier::disabled(),
        &t.anna,
        intake(
            &cal,
            Kind::Complaint,
            now - 1.hour(),
            &t.bram,
            "Vaas gebroken",
        ),
        now - 30.minutes(),
    )
    .await
    .expect("registered");
    // Both start from version 2; whichever appends second must lose.
    let mut tasks = Vec::new();
    for handler in [t.manager.clone(), t.anna.clone()] {
        let (store, cal, manager, id) = (store.clone(), cal.clone(), t.manager.clone(), c.id());
        tasks.push(tokio::spawn(async move {
            complaints::act(
                &complaints::Context::new(
                    &store,
                    &cal,
                    &klacht_app::notify::Notifier::disabled(),
                    now,
                ),
                id,
                &manager,
                Command::AssignHandler { handler },
                None,
            )
            .await
        }));
    }
    let mut won = 0;
    let mut lost = 0;
    for task in tasks {
        match task.await.expect("task ran") {
            Ok(_) => won += 1,
            Err(ServiceError::Store(StoreError::Conflict { expected: 2 })) => lost += 1,
            Err(e) => panic!("unexpected error: {e:?}"),
        }
    }
    let stored = complaints::load(&store, c.id()).await.expect("load");
    // Both may win when they did not overlap; never may both write version 3.
    assert!(won >= 1 && won + lost == 2);
    assert_eq!(stored.version(), 2 + won as u64);
}

store_tests!(
    registering_reports_to_the_manager_and_fills_the_read_model,
    a_refused_intake_writes_nothing_and_uses_no_number,
    acting_appends_events_and_refusals_change_nothing,
    concurrent_actions_on_one_complaint_conflict_cleanly,
);
