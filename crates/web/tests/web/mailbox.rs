//! Binnengekomen e-mail (issue 17 §2) in the browser: the quality manager
//! sees the mailbox's intake items on her start page, registers one as a
//! complaint routed to a service's manager (prefilled, with its file,
//! once) and marks another "geen klacht"; both in the Logboek. Others may
//! not. On SQLite and PostgreSQL. (The IMAP side is tested against dovecot
//! in `klacht-jobs`.)

use crate::common;
use crate::complaints_support;

use common::spawn_app;
use complaints_support::{Intake, calendar, detail, org, register};
use klacht_app::mailbox::{Envelope, TakenIn, take_in};
use klacht_app::notify::Notifier;
use klacht_domain::ComplaintId;
use klacht_store::{AuditEntry, PublicServiceChange, Store, store_tests};

const WITH_PHOTO: &str = "From: \"J. de Vries\" <j.devries@example.nl>\r\n\
To: klachten@focus.example\r\nSubject: Hulp kwam te laat\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>De hulp kwam <b>twee uur</b> te laat.</p>\r\n\
--b\r\nContent-Type: image/png; name=\"schade.png\"\r\n\
Content-Disposition: attachment; filename=\"schade.png\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAAAN\r\n--b--\r\n";

const NEWSLETTER: &str = "From: nieuws@leverancier.example\r\nTo: klachten@focus.example\r\n\
Subject: Onze nieuwsbrief\r\n\r\nLees onze aanbiedingen.\r\n";

async fn deliver<S: Store>(store: &S, uid: u32, raw: &str) {
    let envelope = Envelope {
        folder: "INBOX".into(),
        uid_validity: 7,
        uid,
    };
    let outcome = take_in(
        store,
        &calendar(),
        &Notifier::disabled(),
        None,
        &envelope,
        raw.as_bytes().to_vec(),
        klacht_clock::test_now(),
    )
    .await
    .expect("taken in");
    assert_eq!(outcome, TakenIn::Intake);
}

fn item_id(page: &str, subject: &str) -> String {
    let at = page
        .find(subject)
        .unwrap_or_else(|| panic!("{subject} on the page"));
    let before = &page[..at];
    let start = before.rfind("/binnengekomen/").expect("a link") + "/binnengekomen/".len();
    before[start..].split('"').next().expect("an id").to_owned()
}

async fn the_quality_manager_registers_or_dismisses_mail_once<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    // A service routed to Margriet, as on the public form.
    let service = uuid::Uuid::now_v7();
    app.store
        .change_public_service(
            &PublicServiceChange::Add {
                id: service,
                name: "Thuiszorg".into(),
                manager: Some(o.manager.user.id),
            },
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                at: klacht_clock::test_now(),
                actor: None,
                actor_name: "test".into(),
                kind: "service.added".into(),
                subject: "Thuiszorg".into(),
                details: "test".into(),
            },
        )
        .await
        .expect("service");
    deliver(&app.store, 1, WITH_PHOTO).await;
    deliver(&app.store, 2, NEWSLETTER).await;

    let start = app
        .get_as(&o.quality.b, "/")
        .await
        .text()
        .await
        .expect("page");
    assert!(start.contains("Binnengekomen e-mail (2)"), "{start}");
    assert!(
        start.contains("De hulp kwam twee uur te laat."),
        "HTML as text"
    );
    assert!(start.contains("1 bijlage"));
    // Each message once on the page: the queue points to the section that
    // lists them with their buttons.
    assert_eq!(start.matches("Onze nieuwsbrief").count(), 1, "{start}");
    assert!(
        start
            .contains(r##"<a href="#mailbox">Binnengekomen e-mail: 2 berichten te verwerken</a>"##),
        "{start}"
    );
    let photo = item_id(&start, "Hulp kwam te laat");
    let newsletter = item_id(&start, "Onze nieuwsbrief");
    // Nobody else sees it or may act on it.
    let theirs = app
        .get_as(&o.manager.b, "/")
        .await
        .text()
        .await
        .expect("page");
    assert!(!theirs.contains("Binnengekomen e-mail"));
    assert_eq!(
        app.get_as(&o.manager.b, &format!("/binnengekomen/{photo}"))
            .await
            .status(),
        404
    );
    let refused = app
        .post_as(
            &o.director.b,
            &format!("/binnengekomen/{photo}/registreren"),
            &[("soort", "klacht")],
        )
        .await;
    assert_eq!(refused.status(), 403);
    // Without the form token: refused.
    let no_token = app
        .client
        .post(app.url(&format!("/binnengekomen/{newsletter}/geen-klacht")))
        .header("cookie", &o.quality.b.cookie)
        .form(&[("csrf", "fout")])
        .send()
        .await
        .expect("sent");
    assert_eq!(no_token.status(), 403);

    // Its own page shows the whole text.
    let page = app
        .get_as(&o.quality.b, &format!("/binnengekomen/{photo}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("j.devries@example.nl") && page.contains("schade.png"));

    // Registered as a complaint, routed to the service's manager.
    let r = app
        .post_as(
            &o.quality.b,
            &format!("/binnengekomen/{photo}/registreren"),
            &[("soort", "klacht"), ("dienst", &service.to_string())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("to the complaint")
        .to_owned();
    let id = location.trim_start_matches("/klachten/").to_owned();
    let complaint: ComplaintId = id.parse().expect("complaint id");
    let c = klacht_app::complaints::load(&app.store, complaint)
        .await
        .expect("stored");
    assert_eq!(c.channel().label(), "e-mail");
    assert_eq!(c.complainant().name(), "J. de Vries");
    assert_eq!(
        c.complainant().email().map(|e| e.as_str()),
        Some("j.devries@example.nl")
    );
    assert_eq!(c.responsible_manager(), Some(o.manager.user.id));
    assert!(c.description().contains("twee uur te laat"));
    let files = app.store.attachments_of(complaint).await.expect("files");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].file_name, "schade.png");
    let shown = detail(&app, &o.quality, &id).await;
    assert!(shown.contains("Hulp kwam te laat"));

    // A second click registers nothing twice.
    let again = app
        .post_as(
            &o.quality.b,
            &format!("/binnengekomen/{photo}/registreren"),
            &[("soort", "klacht")],
        )
        .await;
    assert_eq!(again.status(), 409);

    // The newsletter is no complaint.
    let r = app
        .post_as(
            &o.quality.b,
            &format!("/binnengekomen/{newsletter}/geen-klacht"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    let start = app
        .get_as(&o.quality.b, "/")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        start.contains("Er wacht geen e-mail op verwerking."),
        "{start}"
    );
    assert!(
        app.store
            .open_mailbox_messages(10)
            .await
            .expect("items")
            .is_empty()
    );

    // Both decisions in the Logboek, with who and when.
    let log = app.store.admin_log(None, 50).await.expect("log").items;
    let by_kind = |k: &str| {
        log.iter()
            .find(|e| e.kind == k)
            .unwrap_or_else(|| panic!("{k} in {log:?}"))
    };
    let registered = by_kind("mailbox.registered");
    assert_eq!(registered.actor, Some(o.quality.user.id));
    assert!(registered.details.contains(&c.reference().to_string()));
    let dismissed = by_kind("mailbox.dismissed");
    assert_eq!(dismissed.actor, Some(o.quality.user.id));
    assert_eq!(dismissed.subject, "nieuws@leverancier.example");
}

async fn the_manager_reads_the_complainants_reply_from_the_start_page<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let complaint: ComplaintId = id.parse().expect("id");
    let c = klacht_app::complaints::load(&app.store, complaint)
        .await
        .expect("stored");
    let raw = format!(
        "From: j.devries@example.nl\r\nTo: klachten+{}@focus.example\r\n\
         Subject: Re: uw klacht\r\n\r\nHet is weer gebeurd.\r\n",
        c.reference()
    );
    let outcome = take_in(
        &app.store,
        &calendar(),
        &Notifier::disabled(),
        Some(&klacht_mail::Address::bare("klachten@focus.example")),
        &Envelope {
            folder: "INBOX".into(),
            uid_validity: 7,
            uid: 1,
        },
        raw.into_bytes(),
        klacht_clock::test_now(),
    )
    .await
    .expect("taken in");
    assert_eq!(outcome, TakenIn::Reply(c.reference()));
    // On the timeline, for whoever may see the complaint.
    let page = detail(&app, &o.manager, &id).await;
    assert!(page.contains("E-mail van de klager"), "{page}");
    assert!(page.contains("Het is weer gebeurd."));
    // An item on the responsible manager's start page (nobody handles it yet).
    let start = app
        .get_as(&o.manager.b, "/")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        start.contains("E-mail van de klager: Re: uw klacht"),
        "{start}"
    );
    let message = item_id(&start, "E-mail van de klager: Re: uw klacht");
    // Someone who may not see the complaint may not read it either.
    assert_eq!(
        app.get_as(&o.outsider.b, &format!("/binnengekomen/{message}"))
            .await
            .status(),
        404
    );
    let r = app
        .post_as(
            &o.outsider.b,
            &format!("/binnengekomen/{message}/gelezen"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 404);
    let shown = app
        .get_as(&o.manager.b, &format!("/binnengekomen/{message}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(shown.contains("Het is weer gebeurd.") && shown.contains("Gelezen"));
    let r = app
        .post_as(
            &o.manager.b,
            &format!("/binnengekomen/{message}/gelezen"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    let start = app
        .get_as(&o.manager.b, "/")
        .await
        .text()
        .await
        .expect("page");
    assert!(!start.contains("E-mail van de klager"), "{start}");
}

store_tests!(
    the_quality_manager_registers_or_dismisses_mail_once,
    the_manager_reads_the_complainants_reply_from_the_start_page,
);
