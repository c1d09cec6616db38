//! E-mail over HTTP: staff intake queues the complainant's confirmation
//! and the manager's notice in the complaint's transaction, the worker
//! delivers them to a real SMTP server (aiosmtpd), and the quality manager
//! sees and retries failed messages on Uitgaande berichten.

use crate::common;
use crate::complaints_support;

use common::{hidden_field, spawn_app_with};
use complaints_support::{Intake, detail, done, follow, location, org, register};
use jiff::{SignedDuration, Timestamp};
use klacht_app::notify::Notifier;
use klacht_jobs::{DeliveryConfig, DeliveryPolicy, deliver_due};
use klacht_mail::testing::SmtpServer;
use klacht_mail::{Address, MailContext, SmtpMailer};
use klacht_store::{OutboxStatus, Store, store_tests};
use secrecy::SecretString;

const PUBLIC_URL: &str = "https://klachten.focus.example";

fn notifier() -> Notifier {
    let mut ctx = MailContext::new("Focus", PUBLIC_URL);
    ctx.from = Some(Address::new("Focus klachten", "klachten@focus.example"));
    Notifier::new(ctx)
}

fn mailer(smtp: &SmtpServer) -> SmtpMailer {
    SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::bare("klachten@focus.example"),
    )
    .expect("mailer")
}

fn now() -> Timestamp {
    let t = klacht_clock::test_now();
    Timestamp::from_microsecond(t.as_microsecond()).unwrap_or(t)
}

async fn staff_intake_mails_the_complainant_and_the_manager<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let complaint_id = id.parse().expect("complaint id");
    let (row, _) = app
        .store
        .load_stream(complaint_id)
        .await
        .expect("load")
        .expect("stored");
    let reference = row.reference.to_string();
    let queued = app
        .store
        .list_outbox(None, Some(complaint_id), 10)
        .await
        .expect("list");
    assert_eq!(queued.len(), 2, "queued with the complaint");

    let r = deliver_due(
        &app.store,
        &mailer(&smtp),
        &DeliveryConfig::default(),
        now(),
    )
    .await
    .expect("round");
    assert_eq!(r.sent, 2, "{r:?}");
    let received = smtp.messages();
    assert_eq!(received.len(), 2);

    let confirmation = received
        .iter()
        .find(|m| m.subject == format!("Uw klacht is ontvangen ({reference})"))
        .expect("the complainant's confirmation");
    assert!(confirmation.to.contains("j.devries@example.nl"));
    assert!(confirmation.from.contains("klachten@focus.example"));
    let code = app
        .store
        .tracking_code_of(complaint_id)
        .await
        .expect("read")
        .expect("a tracking code");
    for body in [&confirmation.text, &confirmation.html] {
        assert!(body.contains("Geachte Mevrouw J. de Vries"), "{body}");
        assert!(body.contains(&code.to_string()), "the tracking code");
        assert!(body.contains(&format!("{PUBLIC_URL}/status/{code}")));
        assert!(body.contains("Wat gebeurt er nu?"));
    }

    let notice = received
        .iter()
        .find(|m| m.subject == format!("Nieuwe klacht {reference}: afhandelaar toewijzen"))
        .expect("the manager's notice");
    assert!(notice.to.contains("margriet@focus.example"));
    assert!(notice.text.contains("piet heeft een klacht geregistreerd"));
    assert!(
        notice
            .text
            .contains("De begeleider kwam twee keer niet opdagen.")
    );
    assert!(notice.text.contains(&format!("{PUBLIC_URL}/klachten/{id}")));
    assert!(notice.html.contains(&format!("{PUBLIC_URL}/klachten/{id}")));

    // The complaint page lists its messages.
    let page = detail(&app, &o.manager, &id).await;
    assert!(page.contains("id=\"berichten\""), "the messages section");
    assert_eq!(page.matches("data-status=\"verzonden\"").count(), 2);
    assert!(page.contains(&format!("Nieuwe klacht {reference}: afhandelaar toewijzen")));
}

async fn a_failed_message_is_shown_to_the_quality_manager_and_retried<S: Store>(store: S) {
    let Some(mut smtp) = SmtpServer::start() else {
        return;
    };
    smtp.stop();
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let reference = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored")
        .0
        .reference
        .to_string();

    // Two attempts, a minute apart, both refused: failed.
    let config = DeliveryConfig {
        policy: DeliveryPolicy {
            max_attempts: 2,
            ..DeliveryPolicy::default()
        },
        ..DeliveryConfig::default()
    };
    let mailer = mailer(&smtp);
    let start = now();
    deliver_due(&app.store, &mailer, &config, start)
        .await
        .expect("round");
    let r = deliver_due(
        &app.store,
        &mailer,
        &config,
        start + SignedDuration::from_mins(1),
    )
    .await
    .expect("round");
    assert_eq!(r.failed, 2, "{r:?}");

    // Only the quality manager sees the page (and its link).
    let r = app.get_as(&o.employee.b, "/berichten").await;
    assert_eq!(r.status(), 403);
    let r = app.get_as(&o.admin.b, "/berichten").await;
    assert_eq!(r.status(), 403);
    let mine = app
        .get_as(&o.employee.b, "/klachten")
        .await
        .text()
        .await
        .expect("body");
    assert!(!mine.contains("href=\"/berichten\""));
    let r = app.get_as(&o.quality.b, "/berichten").await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains("Uitgaande berichten"));
    assert!(page.contains("href=\"/berichten\""), "in the menu");
    assert!(page.contains("id=\"count-failed\">2<"), "two failed");
    let failed_table = &page[page.find("id=\"failed\"").expect("the failed table")..];
    let failed_table = &failed_table[..failed_table.find("</table>").expect("table end")];
    assert!(failed_table.contains(&format!("Uw klacht is ontvangen ({reference})")));
    assert!(failed_table.contains("j.devries@example.nl"));
    assert_eq!(failed_table.matches("Opnieuw proberen").count(), 2);

    let failed = app
        .store
        .list_outbox(Some(OutboxStatus::Failed), None, 10)
        .await
        .expect("list");
    let confirmation = failed
        .iter()
        .find(|m| m.payload.contains("Uw klacht is ontvangen"))
        .expect("the failed confirmation");
    let action = format!("/berichten/{}/opnieuw", confirmation.id);
    assert!(failed_table.contains(&format!("action=\"{action}\"")));

    // Without the form token nothing happens.
    let r = app
        .client
        .post(app.url(&action))
        .header("cookie", &o.quality.b.cookie)
        .form(&[("csrf", "vals")])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 403);
    // Nor may anyone else.
    let r = app.post_as(&o.employee.b, &action, &[]).await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.store
            .outbox_message(confirmation.id)
            .await
            .expect("read")
            .expect("exists")
            .status,
        OutboxStatus::Failed
    );

    smtp.restart();
    let r = app.post_as(&o.quality.b, &action, &[]).await;
    assert_eq!(location(&r), "/berichten");
    let after = follow(&app, &o.quality, r).await;
    assert!(after.contains("staat weer in de wachtrij"), "the flash");
    assert!(after.contains("id=\"count-failed\">1<"));
    let r = app.post_as(&o.quality.b, &action, &[]).await;
    let again = follow(&app, &o.quality, r).await;
    assert!(again.contains("al opnieuw aangeboden"));

    let r = deliver_due(
        &app.store,
        &mailer,
        &config,
        now() + SignedDuration::from_mins(2),
    )
    .await
    .expect("round");
    assert_eq!(r.sent, 1, "{r:?}");
    let received = smtp.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].message_id,
        format!("<{}@focus.example>", confirmation.id)
    );
    let log = app.store.admin_log(None, 10).await.expect("log");
    let entry = log
        .items
        .iter()
        .find(|e| e.kind == "outbox.requeued")
        .expect("the retry is in the Logboek");
    assert_eq!(entry.actor, Some(o.quality.user.id));
    assert!(entry.details.contains("Uw klacht is ontvangen"));
    let csrf = hidden_field(&after, "csrf");
    assert!(csrf.is_some(), "the page's forms carry the token");
}

async fn without_a_mail_server_the_page_says_mail_stays_queued<S: Store>(store: S) {
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), None)).await;
    let o = org(&app).await;
    register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let page = app
        .get_as(&o.quality.b, "/berichten")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("id=\"mail-not-configured\""));
    assert!(page.contains("KLACHT_SMTP_URL"));
    assert!(page.contains("id=\"count-pending\">2<"), "queued, waiting");
}

async fn failed_count<S: Store>(store: &S) -> usize {
    store
        .list_outbox(Some(OutboxStatus::Failed), None, 10)
        .await
        .expect("list")
        .len()
}

/// "Alle mislukte opnieuw proberen": the quality manager puts every failed
/// message back at once (with the form token; nobody else may), one
/// Logboek entry says how many, and the next round delivers them all.
async fn every_failed_message_is_retried_at_once<S: Store>(store: S) {
    let Some(mut smtp) = SmtpServer::start() else {
        return;
    };
    smtp.stop();
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let config = DeliveryConfig {
        policy: DeliveryPolicy {
            max_attempts: 1,
            ..DeliveryPolicy::default()
        },
        ..DeliveryConfig::default()
    };
    let mailer = mailer(&smtp);
    let r = deliver_due(&app.store, &mailer, &config, now())
        .await
        .expect("round");
    assert_eq!(r.failed, 4, "{r:?}");
    let page = app
        .get_as(&o.quality.b, "/berichten")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("action=\"/berichten/opnieuw\""), "the button");
    assert!(page.contains("Alle mislukte opnieuw proberen"));

    let r = app
        .client
        .post(app.url("/berichten/opnieuw"))
        .header("cookie", &o.quality.b.cookie)
        .form(&[("csrf", "vals")])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 403, "no token, no retry");
    let r = app.post_as(&o.employee.b, "/berichten/opnieuw", &[]).await;
    assert_eq!(r.status(), 403, "only the quality manager");
    assert_eq!(failed_count(&app.store).await, 4);

    smtp.restart();
    let r = app.post_as(&o.quality.b, "/berichten/opnieuw", &[]).await;
    assert_eq!(location(&r), "/berichten");
    let after = follow(&app, &o.quality, r).await;
    assert!(
        after.contains("4 berichten staan weer in de wachtrij"),
        "the flash"
    );
    assert!(after.contains("id=\"count-failed\">0<"));
    assert!(
        !after.contains("action=\"/berichten/opnieuw\""),
        "nothing left to retry"
    );
    assert_eq!(failed_count(&app.store).await, 0);
    let log = app.store.admin_log(None, 10).await.expect("log");
    let retries: Vec<_> = log
        .items
        .iter()
        .filter(|e| e.kind.starts_with("outbox.requeued"))
        .collect();
    assert_eq!(retries.len(), 1, "one Logboek entry for all: {retries:#?}");
    assert_eq!(retries[0].kind, "outbox.requeued_all");
    assert_eq!(retries[0].actor, Some(o.quality.user.id));
    assert!(
        retries[0]
            .details
            .starts_with("4 mislukte berichten opnieuw in de wachtrij gezet"),
        "{}",
        retries[0].details
    );
    // Nothing failed any more: a second click logs nothing.
    let r = app.post_as(&o.quality.b, "/berichten/opnieuw", &[]).await;
    let again = follow(&app, &o.quality, r).await;
    assert!(again.contains("Er waren geen mislukte berichten meer"));
    let log = app.store.admin_log(None, 10).await.expect("log");
    assert_eq!(
        log.items
            .iter()
            .filter(|e| e.kind.starts_with("outbox.requeued"))
            .count(),
        1
    );

    let r = deliver_due(
        &app.store,
        &mailer,
        &config,
        now() + SignedDuration::from_mins(1),
    )
    .await
    .expect("round");
    assert_eq!((r.sent, r.failed), (4, 0), "{r:?}");
    assert_eq!(smtp.messages().len(), 4);
}

/// Naming someone else to carry out an agreed action tells her (DESIGN §3:
/// the owner of an agreed action is told); naming oneself sends nothing.
async fn the_owner_named_for_an_action_is_told<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let colleague = o.colleague.user.id.to_string();
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &colleague)],
    )
    .await;
    let outsider = o.outsider.user.id.to_string();
    let due = complaints_support::today();
    done(
        &app,
        &o.colleague,
        &id,
        "acties",
        &[
            ("omschrijving", "Rooster van de zaterdag aanpassen"),
            ("streefdatum", due.as_str()),
            ("uitvoerder", &outsider),
        ],
    )
    .await;
    done(
        &app,
        &o.colleague,
        &id,
        "acties",
        &[
            ("omschrijving", "Zelf terugbellen"),
            ("uitvoerder", &colleague),
        ],
    )
    .await;
    deliver_due(
        &app.store,
        &mailer(&smtp),
        &DeliveryConfig::default(),
        now(),
    )
    .await
    .expect("round");
    let told: Vec<_> = smtp
        .messages()
        .into_iter()
        .filter(|m| m.subject.starts_with("Actie "))
        .collect();
    assert_eq!(told.len(), 1, "only the other person is told: {told:?}");
    let m = &told[0];
    assert!(
        m.subject.starts_with("Actie 1 bij klacht K-"),
        "{}",
        m.subject
    );
    assert!(m.subject.ends_with("is aan u toegewezen"), "{}", m.subject);
    assert!(m.to.contains(o.outsider.user.email.as_str()), "{}", m.to);
    for body in [&m.text, &m.html] {
        assert!(body.contains("Rooster van de zaterdag aanpassen"), "{body}");
        assert!(
            body.contains(&o.colleague.user.name),
            "who agreed it: {body}"
        );
        assert!(body.contains("Uiterlijk"), "{body}");
        assert!(
            body.contains(&format!("{PUBLIC_URL}/klachten/{id}")),
            "{body}"
        );
    }
    // And it waits on her start page.
    let start = app.get_as(&o.outsider.b, "/").await;
    let start = start.text().await.expect("body");
    assert!(
        start.contains("Rooster van de zaterdag aanpassen"),
        "{start}"
    );
}

store_tests!(
    staff_intake_mails_the_complainant_and_the_manager,
    the_owner_named_for_an_action_is_told,
    every_failed_message_is_retried_at_once,
    a_failed_message_is_shown_to_the_quality_manager_and_retried,
    without_a_mail_server_the_page_says_mail_stays_queued,
);
