//! The public side end to end, with a real SMTP server (aiosmtpd): a
//! complaint filed on the public form reaches the chosen service's manager,
//! the outbox worker delivers the complainant's confirmation (with the
//! tracking code) and the manager's notice, and the code in the mail opens
//! the status page.

use crate::common;
use crate::complaints_support;
use crate::public_support;

use common::spawn_app_with;
use complaints_support::org;
use klacht_app::notify::Notifier;
use klacht_domain::TrackingCode;
use klacht_jobs::{DeliveryConfig, deliver_due};
use klacht_mail::testing::SmtpServer;
use klacht_mail::{Address, MailContext, SmtpMailer};
use klacht_store::{OutboxStatus, Store, store_tests};
use public_support::{Filing, add_service, file_ok};
use secrecy::SecretString;

const PUBLIC_URL: &str = "https://klachten.focus.example";
const COMPLAINANT: &str = "a.jansen@example.nl";

async fn a_public_filing_is_routed_mailed_and_trackable<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| {
        let mut ctx = MailContext::new("Focus", PUBLIC_URL);
        ctx.from = Some(Address::new("Focus klachten", "klachten@focus.example"));
        s.with_mail(Notifier::new(ctx), Some(url))
    })
    .await;
    let o = org(&app).await;
    let thuiszorg = add_service(&app, &o.admin, "Thuiszorg", Some(o.manager.user.id)).await;
    add_service(&app, &o.admin, "Schoonmaak", Some(o.other_manager.user.id)).await;

    let filed = file_ok(
        &app,
        &Filing::new("Mevrouw A. Jansen", COMPLAINANT).set("dienst", &thuiszorg),
    )
    .await;
    let code = TrackingCode::parse(&filed.code).expect("a tracking code on the confirmation");

    // The right manager has it; another team's manager does not.
    let list = |who| {
        let app = &app;
        async move {
            app.get_as(who, "/klachten")
                .await
                .text()
                .await
                .expect("body")
        }
    };
    assert!(list(&o.manager.b).await.contains(&filed.reference));
    assert!(!list(&o.other_manager.b).await.contains(&filed.reference));

    // The worker delivers what the filing queued, to the real server.
    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::bare("klachten@focus.example"),
    )
    .expect("mailer");
    let round = deliver_due(
        &app.store,
        &mailer,
        &DeliveryConfig::default(),
        klacht_clock::test_now(),
    )
    .await
    .expect("delivery round");
    assert_eq!((round.sent, round.failed), (2, 0), "{round:?}");
    assert!(
        app.store
            .list_outbox(Some(OutboxStatus::Pending), None, 10)
            .await
            .expect("outbox")
            .is_empty(),
        "nothing left in the queue"
    );

    let received = smtp.messages();
    assert_eq!(received.len(), 2, "one confirmation, one notice");
    let confirmation = received
        .iter()
        .find(|m| m.rcpt_to.contains(COMPLAINANT))
        .expect("the complainant's confirmation");
    assert!(confirmation.subject.contains(&filed.reference));
    let status_link = format!("{PUBLIC_URL}/status/{code}");
    for body in [&confirmation.text, &confirmation.html] {
        assert!(
            body.contains(&code.to_string()),
            "the tracking code: {body}"
        );
        assert!(body.contains(&status_link), "the status link");
    }
    let notice = received
        .iter()
        .find(|m| m.rcpt_to.contains("margriet@focus.example"))
        .expect("the service manager's notice");
    assert!(notice.subject.contains(&filed.reference));
    assert!(
        !received
            .iter()
            .any(|m| m.rcpt_to.contains(&o.other_manager.user.email.to_string())),
        "nothing to another team's manager"
    );

    // A second round sends nothing again.
    let again = deliver_due(
        &app.store,
        &mailer,
        &DeliveryConfig::default(),
        klacht_clock::test_now(),
    )
    .await
    .expect("delivery round");
    assert_eq!(again.sent, 0);
    assert_eq!(smtp.messages().len(), 2);

    // The link in the mail opens the status page, without personal data.
    let path = status_link.trim_start_matches(PUBLIC_URL);
    let r = app.get(path).await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains(&filed.reference));
    assert!(page.contains("binnen 2 werkdagen"), "the terms");
    assert!(!page.contains("Jansen") && !page.contains(COMPLAINANT));
}

store_tests!(a_public_filing_is_routed_mailed_and_trackable);
