//! Afwezigheid and Overdragen (issue 12, item 7): a manager records a team
//! member's absence from today, the responsible manager is alerted at once
//! (one mail, through a real SMTP server) and hands the complaint over in
//! one click; bad input and other people's teams are refused; deactivating
//! an account alerts too. On SQLite and PostgreSQL.

use crate::common;
use crate::complaints_support;

use common::spawn_app_with;
use complaints_support::{Intake, calendar, done, org, register};
use jiff::{Timestamp, ToSpan};
use klacht_app::notify::Notifier;
use klacht_domain::absence::Unavailable;
use klacht_jobs::{DeliveryConfig, deliver_due};
use klacht_mail::testing::{Received, SmtpServer};
use klacht_mail::{Address, MailContext, SmtpMailer};
use klacht_store::{Store, store_tests};
use secrecy::SecretString;

const PUBLIC_URL: &str = "https://klachten.focus.example";

fn notifier() -> Notifier {
    Notifier::new(MailContext::new("Focus", PUBLIC_URL))
}

fn now() -> Timestamp {
    klacht_clock::test_now()
}

async fn delivered<S: Store>(store: &S, smtp: &SmtpServer) -> Vec<Received> {
    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::bare("klachten@focus.example"),
    )
    .expect("mailer");
    deliver_due(store, &mailer, &DeliveryConfig::default(), now())
        .await
        .expect("delivery round");
    smtp.messages()
}

fn handover_alerts(received: &[Received]) -> Vec<&Received> {
    received
        .iter()
        .filter(|m| m.subject.starts_with("Over te dragen"))
        .collect()
}

async fn an_absence_from_today_alerts_the_manager_once_and_the_complaint_is_handed_over<
    S: Store,
>(
    store: S,
) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let fatima = o.colleague.user.id.to_string();
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &fatima)],
    )
    .await;

    let today = calendar().local_date(now());
    let until = today.checked_add(7.days()).expect("in range");
    let (from, to) = (today.to_string(), until.to_string());

    // Refused: backwards, someone else's team, no form token.
    let r = app
        .post_as(
            &o.manager.b,
            "/afwezigheid",
            &[("wie", &fatima), ("van", &to), ("tot", &from)],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("De einddatum ligt vóór de begindatum"),
        "{page}"
    );
    assert!(
        page.contains(&format!("value=\"{to}\"")),
        "what was typed stays"
    );
    let r = app
        .post_as(
            &o.other_manager.b,
            "/afwezigheid",
            &[("wie", &fatima), ("van", &from), ("tot", &to)],
        )
        .await;
    assert_eq!(r.status(), 403, "not Hans's team");
    let r = app
        .client
        .post(app.url("/afwezigheid"))
        .header("cookie", &o.manager.b.cookie)
        .form(&[("wie", fatima.as_str()), ("van", &from), ("tot", &to)])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 403, "no CSRF token");
    assert!(
        app.store
            .absences_from(today)
            .await
            .expect("read")
            .is_empty(),
        "nothing stored"
    );

    // Margriet records Fatima's absence from today.
    let r = app
        .post_as(
            &o.manager.b,
            "/afwezigheid",
            &[
                ("wie", &fatima),
                ("van", &from),
                ("tot", &to),
                ("toelichting", "cursus"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let received = delivered(&app.store, &smtp).await;
    let alerts = handover_alerts(&received);
    assert_eq!(alerts.len(), 1, "one alert: {received:#?}");
    let alert = alerts[0];
    assert!(alert.to.contains("margriet@focus.example"), "{}", alert.to);
    let short = Unavailable::Absent { until }.short();
    assert_eq!(
        alert.subject,
        format!("Over te dragen: 1 klacht van fatima ({short})")
    );
    assert!(alert.text.contains(&format!("{PUBLIC_URL}/klachten/{id}")));
    assert!(
        alert
            .html
            .contains(&format!("{PUBLIC_URL}/afwezigheid/overdragen"))
    );

    // Listed for her and her manager, logged with who did it.
    let page = app
        .get_as(&o.colleague.b, "/afwezigheid")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("(nu afwezig)") && page.contains("cursus"),
        "{page}"
    );
    assert!(
        page.contains("href=\"/afwezigheid\""),
        "linked from the header"
    );
    let log = app.store.admin_log(None, 50).await.expect("log");
    let entry = log
        .items
        .iter()
        .find(|e| e.kind == "absence.recorded")
        .expect("logged");
    assert_eq!(entry.actor, Some(o.manager.user.id));
    assert!(entry.details.contains("Afwezigheid van fatima vastgelegd"));

    // The handover page offers it; one click hands it to Margriet, as an
    // event of the complaint.
    let page = app
        .get_as(&o.manager.b, "/afwezigheid/overdragen")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains(&format!("data-id=\"{id}\"")), "{page}");
    assert!(page.contains(&format!("fatima ({short})")));
    let hans_page = app
        .get_as(&o.other_manager.b, "/afwezigheid/overdragen")
        .await
        .text()
        .await
        .expect("body");
    assert!(!hans_page.contains(&format!("data-id=\"{id}\"")), "not his");
    let margriet = o.manager.user.id.to_string();
    let r = app
        .post_as(
            &o.manager.b,
            &format!("/afwezigheid/overdragen/{id}"),
            &[("afhandelaar", &margriet)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (row, events) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    assert_eq!(row.handler, Some(o.manager.user.id));
    assert_eq!(
        events.last().map(|e| e.kind.as_str()),
        Some("handler_assigned")
    );

    // Ended by Fatima herself: it began today, so it is removed.
    let absence = app.store.absences_from(today).await.expect("read");
    let r = app
        .post_as(
            &o.colleague.b,
            &format!("/afwezigheid/{}/beeindigen", absence[0].id),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.store
            .absences_from(today)
            .await
            .expect("read")
            .is_empty()
    );
    // Ending it alerts nobody.
    let alerts = handover_alerts(&delivered(&app.store, &smtp).await).len();
    assert_eq!(alerts, 1, "nothing more sent by ending it");
}

async fn deactivating_a_handler_alerts_the_responsible_manager_at_once<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let fatima = o.colleague.user.id.to_string();
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &fatima)],
    )
    .await;

    let r = app
        .post_as(
            &o.admin.b,
            &format!("/beheer/gebruikers/{fatima}/actief"),
            &[("actief", "nee")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let received = delivered(&app.store, &smtp).await;
    let alerts = handover_alerts(&received);
    assert_eq!(alerts.len(), 1, "{received:#?}");
    assert!(alerts[0].to.contains("margriet@focus.example"));
    assert_eq!(
        alerts[0].subject,
        "Over te dragen: 1 klacht van fatima (niet meer actief)"
    );
    assert!(alerts[0].text.contains("fatima is niet meer actief."));
    // Deactivating again changes nothing and alerts nobody.
    let r = app
        .post_as(
            &o.admin.b,
            &format!("/beheer/gebruikers/{fatima}/actief"),
            &[("actief", "nee")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        handover_alerts(&delivered(&app.store, &smtp).await).len(),
        1
    );
    // The handover page shows her as inactive.
    let page = app
        .get_as(&o.manager.b, "/afwezigheid/overdragen")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("fatima (niet meer actief)"), "{page}");
}

store_tests!(
    an_absence_from_today_alerts_the_manager_once_and_the_complaint_is_handed_over,
    deactivating_a_handler_alerts_the_responsible_manager_at_once,
);
