//! What the deadline engine's tests share: the organisation of the design
//! example, its complaint, and the messages the engine queued.
#![allow(dead_code)]

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, Zoned};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Channel, Kind, NewComplaint, Party};
use klacht_domain::reminders::ReminderSettings;
use klacht_domain::{Email, Role, User, UserId};
use klacht_jobs::{DeliveryConfig, Jobs, Scheduler};
use klacht_mail::{MailContext, MailMessage, SmtpMailer};
use klacht_store::{AdminChange, AuditEntry, NewUser, Store};

pub fn cal() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

pub fn local(s: &str) -> Timestamp {
    format!("{s}[Europe/Amsterdam]")
        .parse::<Zoned>()
        .expect("valid local time")
        .timestamp()
}

pub fn mail_ctx() -> MailContext {
    MailContext::new("Focus", "https://klachten.focus.example")
}

pub struct Org {
    pub margriet: User,
    pub piet: User,
    pub fatima: User,
    pub joost: User,
    pub sanne: User,
    pub kees: User,
}

pub async fn user<S: Store>(
    store: &S,
    email: &str,
    name: &str,
    role: Role,
    manager: Option<UserId>,
) -> User {
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse(email).expect("valid"),
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
            created_at: local("2026-01-01T09:00"),
        })
        .await
        .expect("create user");
    user
}

pub async fn org<S: Store>(store: &S) -> Org {
    let margriet = user(
        store,
        "margriet@focus.example",
        "Margriet Jansen",
        Role::Manager,
        None,
    )
    .await;
    let m = Some(margriet.id);
    let org = Org {
        piet: user(
            store,
            "piet@focus.example",
            "Piet de Vries",
            Role::Employee,
            m,
        )
        .await,
        fatima: user(
            store,
            "fatima@focus.example",
            "Fatima el Amrani",
            Role::Employee,
            m,
        )
        .await,
        joost: user(
            store,
            "joost@focus.example",
            "Joost Smit",
            Role::Employee,
            m,
        )
        .await,
        sanne: user(
            store,
            "sanne@focus.example",
            "Sanne Visser",
            Role::QualityManager,
            None,
        )
        .await,
        kees: user(
            store,
            "kees@focus.example",
            "Kees Oud",
            Role::QualityManager,
            None,
        )
        .await,
        margriet,
    };
    // A quality manager who left: warned no more.
    store
        .admin_change(
            &AdminChange::SetUserActive {
                id: org.kees.id,
                active: false,
            },
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                at: local("2026-01-02T09:00"),
                actor: None,
                actor_name: "test".into(),
                kind: "user.deactivated".into(),
                subject: "kees@focus.example".into(),
                details: String::new(),
            },
        )
        .await
        .expect("deactivate");
    org
}

pub fn intake(received: Timestamp, involved: &User) -> NewComplaint {
    NewComplaint {
        kind: Kind::Complaint,
        channel: Channel::Phone,
        received_at: received.to_zoned(cal().time_zone().clone()),
        complainant: Party::new(
            "Mevrouw J. Bakker",
            Some(Email::parse("j.bakker@example.nl").expect("valid")),
            Some("06-12345678"),
            None,
        )
        .expect("valid party"),
        representative: None,
        service: Some("Thuiszorg".into()),
        involved_employees: vec![involved.id],
        description: "De hulp kwam twee keer niet opdagen.".into(),
        category: None,
        cause: None,
    }
}

/// One message of the deadline engine as queued: (day queued, recipient,
/// subject).
pub type Queued = (Date, String, String);

pub async fn queued<S: Store>(store: &S) -> Vec<Queued> {
    let mut out: Vec<(Timestamp, Queued)> = store
        .list_outbox(None, None, 1000)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| {
            m.dedupe_key.as_deref().is_some_and(|k| {
                ["reminder:", "missed:", "digest:"]
                    .iter()
                    .any(|p| k.starts_with(p))
            })
        })
        .map(|m| {
            let mail = MailMessage::from_json(&m.payload).expect("a mail payload");
            assert_eq!(mail.to.len(), 1, "one recipient per message");
            (
                m.created_at,
                (
                    cal().local_date(m.created_at),
                    mail.to[0].email.clone(),
                    mail.subject,
                ),
            )
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, q)| q).collect()
}

pub fn jobs<S: Store>(store: &S) -> Jobs<S, SmtpMailer> {
    Jobs::new(store.clone(), None, DeliveryConfig::default()).with_schedule(
        Scheduler::new(cal(), ReminderSettings::default(), mail_ctx()).every(SignedDuration::ZERO),
    )
}
