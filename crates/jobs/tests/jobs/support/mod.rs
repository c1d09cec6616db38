//! What the delivery tests share: a small organisation, a notifier, a
//! complaint filed through the application, and the SMTP mailer for the
//! test's own aiosmtpd.
#![allow(dead_code)]

use jiff::{Timestamp, ToSpan};
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Channel, Complaint, Kind, NewComplaint, Party};
use klacht_domain::{Email, Role, User, UserId};
use klacht_jobs::DeliveryConfig;
use klacht_mail::testing::{Received, SmtpServer};
use klacht_mail::{Address, MailContext, SmtpMailer};
use klacht_store::{NewUser, OutboxStatus, Store};
use secrecy::SecretString;

pub const PUBLIC_URL: &str = "https://klachten.focus.example";

pub struct Org {
    pub manager: User,
    pub employee: User,
    pub quality: User,
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
        email: Email::parse(email).expect("valid e-mail"),
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
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("create user");
    user
}

pub async fn org<S: Store>(store: &S) -> Org {
    let manager = user(
        store,
        "margriet@focus.example",
        "Margriet Jansen",
        Role::Manager,
        None,
    )
    .await;
    let employee = user(
        store,
        "piet@focus.example",
        "Piet de Vries",
        Role::Employee,
        Some(manager.id),
    )
    .await;
    let quality = user(
        store,
        "sanne@focus.example",
        "Sanne Visser",
        Role::QualityManager,
        None,
    )
    .await;
    Org {
        manager,
        employee,
        quality,
    }
}

/// Now, to the microsecond the store keeps.
pub fn now() -> Timestamp {
    let t = klacht_clock::test_now();
    Timestamp::from_microsecond(t.as_microsecond()).unwrap_or(t)
}

pub fn context() -> MailContext {
    let mut ctx = MailContext::new("Focus", PUBLIC_URL);
    ctx.from = Some(Address::new("Focus klachten", "klachten@focus.example"));
    ctx
}

pub fn notifier() -> Notifier {
    Notifier::new(context())
}

pub fn calendar() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

/// A complaint received yesterday by `by`, from a complainant with
/// `email`.
pub async fn file<S: Store>(
    store: &S,
    by: &User,
    complainant: &str,
    email: Option<&str>,
) -> Complaint {
    file_with(store, &notifier(), by, complainant, email).await
}

pub async fn file_with<S: Store>(
    store: &S,
    notifier: &Notifier,
    by: &User,
    complainant: &str,
    email: Option<&str>,
) -> Complaint {
    let cal = calendar();
    let received = klacht_clock::test_now() - 24.hours();
    let new = NewComplaint {
        kind: Kind::Complaint,
        channel: Channel::Phone,
        received_at: received.to_zoned(cal.time_zone().clone()),
        complainant: Party::new(
            complainant,
            email.map(|e| Email::parse(e).expect("valid e-mail")),
            Some("06-12345678"),
            None,
        )
        .expect("valid party"),
        representative: None,
        service: Some("Thuiszorg".into()),
        involved_employees: vec![],
        description: "De hulp kwam drie keer te laat.".into(),
        category: None,
        cause: None,
    };
    complaints::register(store, &cal, notifier, by, new, klacht_clock::test_now())
        .await
        .expect("registered")
}

pub fn mailer(smtp: &SmtpServer) -> SmtpMailer {
    SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::new("Focus klachten", "klachten@focus.example"),
    )
    .expect("mailer")
}

/// Delivery as configured in production, with failure notices on.
pub fn delivery() -> DeliveryConfig {
    DeliveryConfig {
        failure_notices: Some(context()),
        ..DeliveryConfig::default()
    }
}

/// How often each Message-ID arrived.
pub fn counts(received: &[Received]) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for r in received {
        *counts.entry(r.message_id.clone()).or_insert(0) += 1;
    }
    counts
}

pub async fn statuses<S: Store>(store: &S) -> Vec<OutboxStatus> {
    store
        .list_outbox(None, None, 1000)
        .await
        .expect("list")
        .into_iter()
        .map(|m| m.status)
        .collect()
}
