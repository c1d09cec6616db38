//! The deadline engine's mail through a real SMTP server (aiosmtpd on
//! loopback), on SQLite and PostgreSQL.

use crate::schedule_support;

use jiff::SignedDuration;
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_domain::complaint::Command;
use klacht_domain::reminders::ReminderSettings;
use klacht_jobs::{DeliveryConfig, Jobs, Scheduler};
use klacht_mail::testing::SmtpServer;
use klacht_mail::{Address, SmtpMailer};
use klacht_store::{OutboxStatus, Store, store_tests};
use schedule_support::*;
use secrecy::SecretString;

/// One round in production shape (scheduler, then delivery) on the
/// morning before the contact term: the reminder and the digest reach a
/// real SMTP server, each once, with the outbox row's Message-ID.
async fn a_reminder_is_delivered_through_a_real_smtp_server<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let cal = cal();
    let off = Notifier::disabled();
    let c = complaints::register(
        &store,
        &cal,
        &off,
        &o.piet,
        intake(local("2026-04-24T09:30"), &o.joost),
        local("2026-04-24T09:35"),
    )
    .await
    .expect("registered");
    complaints::act(
        &complaints::Context::new(&store, &cal, &off, local("2026-04-24T10:00")),
        c.id(),
        &o.margriet,
        Command::AssignHandler {
            handler: o.fatima.clone(),
        },
        None,
    )
    .await
    .expect("handler assigned");
    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::new("Focus klachten", "klachten@focus.example"),
    )
    .expect("mailer");
    let jobs = Jobs::new(store.clone(), Some(mailer), DeliveryConfig::default()).with_schedule(
        Scheduler::new(cal.clone(), ReminderSettings::default(), mail_ctx())
            .every(SignedDuration::ZERO),
    );
    let report = jobs.run_once(local("2026-04-28T07:00")).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let schedule = report.schedule.expect("the scheduler ran");
    assert_eq!((schedule.reminders, schedule.digests), (1, 1));
    assert_eq!(report.delivery.map(|d| d.sent), Some(2));
    // A second round a minute later queues and sends nothing more.
    let again = jobs.run_once(local("2026-04-28T07:01")).await;
    assert_eq!(again.schedule.map(|s| s.queued()), Some(0));

    let received = smtp.messages();
    assert_eq!(received.len(), 2, "{received:#?}");
    let reminder = received
        .iter()
        .find(|m| m.subject.starts_with("Herinnering"))
        .expect("the reminder arrived");
    assert_eq!(
        reminder.subject,
        "Herinnering: termijn contact K-2026-0001 verloopt morgen"
    );
    assert!(
        reminder.to.contains("fatima@focus.example"),
        "{}",
        reminder.to
    );
    assert!(reminder.text.contains(&format!(
        "https://klachten.focus.example/klachten/{}",
        c.id()
    )));
    assert!(reminder.html.contains("Open klacht K-2026-0001"));
    let row = store
        .list_outbox(None, Some(c.id()), 10)
        .await
        .expect("outbox")
        .into_iter()
        .next()
        .expect("the reminder row");
    assert_eq!(row.status, OutboxStatus::Sent);
    assert_eq!(reminder.message_id, format!("<{}@focus.example>", row.id));
    let digest = received
        .iter()
        .find(|m| m.subject.starts_with("Openstaande termijnen"))
        .expect("the digest arrived");
    assert!(digest.to.contains("margriet@focus.example"));
    assert!(digest.text.contains("K-2026-0001"));
}

store_tests!(a_reminder_is_delivered_through_a_real_smtp_server);
