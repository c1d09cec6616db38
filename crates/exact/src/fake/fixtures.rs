//! Fixtures for tests of this and other crates: a complaint closed
//! through the application's use cases, which queues its registration.

use jiff::{SignedDuration, Timestamp};
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    Channel, Closing, Command, Contact, ContactMode, Kind, Merit, MeritDecision, NewComplaint,
    Offer, OfferKind, Party,
};
use klacht_domain::{ComplaintId, Email, Role, User, UserId};
use klacht_store::{NewUser, Store};

/// The calendar the fixtures use.
pub fn calendar() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

async fn user<S: Store>(store: &S, email: &str, role: Role, manager: Option<UserId>) -> User {
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
            created_at: Timestamp::UNIX_EPOCH,
        })
        .await
        .expect("create user");
    user
}

/// A complaint taken in, handled and closed by the quality manager at
/// `closed_at`, through the application's use cases.
pub async fn closed_complaint<S: Store>(store: &S, closed_at: Timestamp) -> ComplaintId {
    let quality = user(store, "sanne@focus.example", Role::QualityManager, None).await;
    let manager = user(store, "margriet@focus.example", Role::Manager, None).await;
    let anna = user(
        store,
        "anna@focus.example",
        Role::Employee,
        Some(manager.id),
    )
    .await;
    let bram = user(
        store,
        "bram@focus.example",
        Role::Employee,
        Some(manager.id),
    )
    .await;
    let cal = calendar();
    let notifier = Notifier::disabled();
    let received = closed_at - SignedDuration::from_hours(24 * 14);
    let mut now = received + SignedDuration::from_mins(5);
    let c = complaints::register(
        store,
        &cal,
        &notifier,
        &anna,
        NewComplaint {
            kind: Kind::Complaint,
            channel: Channel::Phone,
            received_at: received.to_zoned(cal.time_zone().clone()),
            complainant: Party::new("Mevrouw J. de Vries", None, Some("06-12345678"), None)
                .expect("valid party"),
            representative: None,
            service: Some("Thuiszorg".into()),
            involved_employees: vec![bram.id],
            description: "De hulp kwam twee keer niet.".into(),
            category: None,
            cause: None,
        },
        now,
    )
    .await
    .expect("registered");
    let id = c.id();
    let day = received.to_zoned(cal.time_zone().clone()).date();
    let steps: Vec<(&User, Command)> = vec![
        (
            &manager,
            Command::AssignHandler {
                handler: manager.clone(),
            },
        ),
        (
            &manager,
            Command::RecordContact(Contact {
                date: day,
                mode: ContactMode::Telephone,
                summary: "Gebeld.".into(),
            }),
        ),
        (
            &manager,
            Command::DecideMerit(MeritDecision {
                merit: Merit::Founded,
                reasoning: "Afspraken gemist.".into(),
            }),
        ),
        (
            &manager,
            Command::MakeOffer(Offer {
                kind: OfferKind::ExtraService,
                description: "Twee extra uren.".into(),
                value_cents: None,
                director_consulted: false,
                made_on: day,
                letter_text: None,
            }),
        ),
        (&manager, Command::SendForm),
    ];
    for (actor, cmd) in steps {
        now += SignedDuration::from_mins(10);
        complaints::act(
            &complaints::Context::new(store, &cal, &notifier, now),
            id,
            actor,
            cmd,
            None,
        )
        .await
        .expect("step accepted");
    }
    complaints::act(
        &complaints::Context::new(store, &cal, &notifier, closed_at),
        id,
        &quality,
        Command::Close(Closing { note: None }),
        None,
    )
    .await
    .expect("closed");
    id
}
