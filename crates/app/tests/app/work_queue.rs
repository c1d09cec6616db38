//! "Wacht op mij" over a real store: agreed actions follow their owner
//! through corrections and completion, and a closed complaint leaves
//! every queue.

use jiff::ToSpan;
use klacht_app::complaints::{self, Context};
use klacht_app::improvement::PatternCache;
use klacht_app::kept::Outdated;
use klacht_app::notify::Notifier;
use klacht_app::work_queue::{self, Reason};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    AgreedAction, Channel, Command, CompletedAction, Event, Kind, NewComplaint, Party,
};
use klacht_domain::terms::TermStatus;
use klacht_domain::{Email, Role, User, UserId};
use klacht_store::{NewUser, Store, store_tests};

async fn person<S: Store>(store: &S, email: &str, role: Role, manager: Option<UserId>) -> User {
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse(email).expect("valid"),
        name: email.split('@').next().unwrap_or_default().into(),
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
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("create user");
    user
}

async fn queue<S: Store>(store: &S, user: &User) -> work_queue::WorkQueue {
    let cal = WorkingCalendar::netherlands_default();
    let today = cal.local_date(klacht_clock::test_now());
    work_queue::build(store, user, &cal, &PatternCache::default(), today)
        .await
        .expect("queue")
}

fn actions(q: &work_queue::WorkQueue) -> Vec<(u32, String, Option<TermStatus>)> {
    q.items
        .iter()
        .filter_map(|i| match &i.reason {
            Reason::Action {
                number,
                description,
            } => Some((*number, description.clone(), i.status)),
            _ => None,
        })
        .collect()
}

async fn actions_follow_their_owner_through_corrections_and_completion<S: Store>(store: S) {
    let manager = person(&store, "margriet@focus.example", Role::Manager, None).await;
    let anna = person(
        &store,
        "anna@focus.example",
        Role::Employee,
        Some(manager.id),
    )
    .await;
    let bram = person(
        &store,
        "bram@focus.example",
        Role::Employee,
        Some(manager.id),
    )
    .await;
    let cees = person(
        &store,
        "cees@focus.example",
        Role::Employee,
        Some(manager.id),
    )
    .await;
    let cal = WorkingCalendar::netherlands_default();
    let notifier = Notifier::disabled();
    let now = klacht_clock::test_now();
    let cx = Context::new(&store, &cal, &notifier, now);
    let received = now - (24 * 5).hours();
    let c = complaints::register(
        &store,
        &cal,
        &notifier,
        &anna,
        NewComplaint {
            kind: Kind::Complaint,
            channel: Channel::Phone,
            received_at: received.to_zoned(cal.time_zone().clone()),
            complainant: Party::new("Mevrouw J. de Vries", None, Some("06-12345678"), None)
                .expect("party"),
            representative: None,
            service: Some("Thuiszorg".into()),
            involved_employees: vec![cees.id],
            description: "Te laat.".into(),
            category: None,
            cause: None,
        },
        now,
    )
    .await
    .expect("registered");
    let id = c.id();
    let act = |cmd| complaints::act(&cx, id, &manager, cmd, None);
    act(Command::AssignHandler {
        handler: manager.clone(),
    })
    .await
    .expect("assigned");
    let received_on = cal.local_date(received);
    let c = act(Command::AgreeAction {
        description: "Excuusbrief".into(),
        due: Some(received_on),
        owner: Some(anna.id),
    })
    .await
    .expect("agreed");
    act(Command::AgreeAction {
        description: "Rooster bijwerken".into(),
        due: None,
        owner: None,
    })
    .await
    .expect("agreed");

    // Anna: her overdue action before her registration; the unowned one
    // is the handler's.
    let q = queue(&store, &anna).await;
    assert_eq!(
        actions(&q),
        [(1, "Excuusbrief".to_owned(), Some(TermStatus::Overdue))]
    );
    assert!(matches!(q.items[0].reason, Reason::Action { .. }), "{q:?}");
    assert!(q.items.iter().any(|i| i.reason == Reason::Registered));
    assert_eq!(
        actions(&queue(&store, &manager).await),
        [(2, "Rooster bijwerken".to_owned(), None)]
    );

    // A correction gives action 1 to Bram, with another text.
    let seq = c.actions()[0].agreed.seq;
    act(Command::Correct {
        of: seq,
        replacement: Event::ActionAgreed(AgreedAction {
            number: 1,
            description: "Excuusbrief met bos bloemen".into(),
            due: Some(received_on),
            owner: Some(bram.id),
        }),
        reason: "Bram kent de klant.".into(),
    })
    .await
    .expect("corrected");
    assert!(actions(&queue(&store, &anna).await).is_empty());
    assert_eq!(
        actions(&queue(&store, &bram).await),
        [(
            1,
            "Excuusbrief met bos bloemen".to_owned(),
            Some(TermStatus::Overdue)
        )]
    );

    // Completed, it waits for nobody.
    act(Command::CompleteAction(CompletedAction {
        number: 1,
        note: None,
    }))
    .await
    .expect("completed");
    assert!(queue(&store, &bram).await.is_empty());
    assert_eq!(
        queue(&store, &manager).await.len(),
        2,
        "next term and action 2"
    );
}

/// The open patterns are computed once and kept (issue 14): until a change
/// is counted, a new day begins or the age limit passes.
async fn patterns_are_kept_until_a_change_or_a_new_day<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let today = cal.local_date(klacht_clock::test_now());
    let cache = PatternCache::new(
        klacht_domain::patterns::PatternRules::default(),
        std::time::Duration::from_secs(3600),
    );
    let first = cache
        .open_patterns(&store, &cal, today, Outdated::Serve)
        .await
        .expect("patterns");
    let again = cache
        .open_patterns(&store, &cal, today, Outdated::Serve)
        .await
        .expect("patterns");
    assert!(std::sync::Arc::ptr_eq(&first, &again), "kept");
    cache.changed();
    let after_change = cache
        .open_patterns(&store, &cal, today, Outdated::Serve)
        .await
        .expect("patterns");
    assert!(
        !std::sync::Arc::ptr_eq(&first, &after_change),
        "computed again"
    );
    let tomorrow = today.tomorrow().expect("a day");
    let next_day = cache
        .open_patterns(&store, &cal, tomorrow, Outdated::Serve)
        .await
        .expect("patterns");
    assert!(
        !std::sync::Arc::ptr_eq(&after_change, &next_day),
        "a new day"
    );
    let aged = PatternCache::new(
        klacht_domain::patterns::PatternRules::default(),
        std::time::Duration::ZERO,
    );
    let a = aged
        .open_patterns(&store, &cal, today, Outdated::Serve)
        .await
        .expect("patterns");
    let b = aged
        .open_patterns(&store, &cal, today, Outdated::Serve)
        .await
        .expect("patterns");
    assert!(!std::sync::Arc::ptr_eq(&a, &b), "older than the limit");
}

/// Each user's queue is computed once for many page views (issue 14): a
/// counted change or a new day builds it again, and a change stored
/// meanwhile then shows.
async fn queues_are_kept_until_a_change_or_a_new_day<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let today = cal.local_date(klacht_clock::test_now());
    let manager = person(&store, "hans@focus.example", Role::Manager, None).await;
    let employee = person(
        &store,
        "anouk@focus.example",
        Role::Employee,
        Some(manager.id),
    )
    .await;
    let patterns = std::sync::Arc::new(PatternCache::default());
    let queues = work_queue::QueueCache::default();
    let first = queues
        .queue(&store, &manager, &cal, &patterns, today, Outdated::Serve)
        .await
        .expect("queue");
    assert!(first.is_empty());
    let again = queues
        .queue(&store, &manager, &cal, &patterns, today, Outdated::Serve)
        .await
        .expect("queue");
    assert!(std::sync::Arc::ptr_eq(&first, &again), "kept");
    // A complaint for his team, registered elsewhere: not seen until a
    // change is counted.
    complaints::register(
        &store,
        &cal,
        &Notifier::disabled(),
        &employee,
        NewComplaint {
            kind: Kind::Complaint,
            channel: Channel::Phone,
            received_at: klacht_clock::test_now().to_zoned(cal.time_zone().clone()),
            complainant: Party::new("Mevrouw J. de Vries", None, Some("06-12345678"), None)
                .expect("party"),
            representative: None,
            service: Some("Thuiszorg".into()),
            involved_employees: vec![employee.id],
            description: "Te laat.".into(),
            category: None,
            cause: None,
        },
        klacht_clock::test_now(),
    )
    .await
    .expect("registered");
    let kept = queues
        .queue(&store, &manager, &cal, &patterns, today, Outdated::Serve)
        .await
        .expect("queue");
    assert!(kept.is_empty(), "kept until a change is counted");
    patterns.changed();
    let after = queues
        .queue(&store, &manager, &cal, &patterns, today, Outdated::Serve)
        .await
        .expect("queue");
    assert_eq!(after.len(), 1, "{after:?}");
    let tomorrow = today.tomorrow().expect("a day");
    let next_day = queues
        .queue(&store, &manager, &cal, &patterns, tomorrow, Outdated::Serve)
        .await
        .expect("queue");
    assert!(!std::sync::Arc::ptr_eq(&after, &next_day), "a new day");
}

store_tests!(
    queues_are_kept_until_a_change_or_a_new_day,
    actions_follow_their_owner_through_corrections_and_completion,
    patterns_are_kept_until_a_change_or_a_new_day,
);
