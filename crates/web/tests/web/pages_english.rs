//! The remaining staff pages in the user's language (issue 18): Agenda,
//! Afwezigheid and Overdragen, Uitgaande berichten, Binnengekomen e-mail,
//! Hoe werkt het? with the tour, and the refused single sign-on. A user
//! who chose English gets each page, its flash messages and its refusals
//! in English; a Dutch user gets them as before. On SQLite and PostgreSQL.

use crate::common;
use crate::complaints_support;

use common::{TestApp, assert_speaks, spawn_app, spawn_app_with};
use complaints_support::{Intake, Person, calendar, done, follow, location, org, register};
use jiff::ToSpan;
use klacht_app::config::{EmailClaim, OidcConfig};
use klacht_app::mailbox::{Envelope, TakenIn, take_in};
use klacht_app::notify::Notifier;
use klacht_app::sso::Sso;
use klacht_domain::Language;
use klacht_mail::MailContext;
use klacht_store::{AuditEntry, OutboxStatus, PublicServiceChange, Store, store_tests};

async fn page<S: Store>(app: &TestApp<S>, who: &Person, path: &str, status: u16) -> String {
    let r = app.get_as(&who.b, path).await;
    assert_eq!(r.status(), status, "{path}");
    r.text().await.expect("body")
}

async fn english<S: Store>(app: &TestApp<S>, who: &Person) {
    app.store
        .set_user_language(who.user.id, Some(Language::En))
        .await
        .expect("language saved");
}

fn today() -> jiff::civil::Date {
    calendar().local_date(klacht_clock::test_now())
}

/// The calendar feed's address as the page shows it once.
fn feed_path(page: &str) -> String {
    let at = page.find("id=\"feed-url\"").expect("the address field");
    let value = &page[at..];
    let start = value.find("value=\"").expect("its value") + "value=\"".len();
    let url = value[start..].split('"').next().expect("an address");
    let path = &url[url.find("/agenda/").expect("a feed path")..];
    path.to_owned()
}

async fn the_agenda_page_and_feed_speak_the_users_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
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

    // Dutch, as before.
    let html = page(&app, &o.manager, "/agenda", 200).await;
    assert_speaks(Language::Nl, &html, "Dutch agenda");
    assert!(html.contains("U heeft nog geen agenda-abonnement."));
    let r = app.post_as(&o.manager.b, "/agenda/nieuw", &[]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("body");
    assert_speaks(Language::Nl, &html, "Dutch new feed");
    let ics = app.get(&feed_path(&html)).await.text().await.expect("feed");
    assert!(ics.contains("X-WR-CALNAME:Klachttermijnen Focus"), "{ics}");
    assert!(
        ics.contains("Termijn 'contact met klager' van klacht"),
        "{ics}"
    );

    // English, once chosen: the page, the new address, the feed.
    english(&app, &o.manager).await;
    let html = page(&app, &o.manager, "/agenda", 200).await;
    assert_speaks(Language::En, &html, "English agenda");
    assert!(html.contains("You have had a calendar subscription since"));
    let r = app.post_as(&o.manager.b, "/agenda/nieuw", &[]).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("body");
    assert_speaks(Language::En, &html, "English new feed");
    assert!(html.contains("Your personal calendar address"));
    let ics = app.get(&feed_path(&html)).await.text().await.expect("feed");
    assert!(
        ics.contains("X-WR-CALNAME:Complaint deadlines Focus"),
        "{ics}"
    );
    assert!(
        ics.contains("Deadline 'contact with the complainant' of complaint"),
        "{ics}"
    );
    let r = app.post_as(&o.manager.b, "/agenda/opheffen", &[]).await;
    assert_eq!(location(&r), "/agenda");
    let html = follow(&app, &o.manager, r).await;
    assert_speaks(Language::En, &html, "English agenda after removal");
    assert!(html.contains("The calendar subscription has been cancelled"));

    // The administrator has no terms: refused in her language.
    english(&app, &o.admin).await;
    let html = page(&app, &o.admin, "/agenda", 403).await;
    assert_speaks(Language::En, &html, "English agenda refusal");
    assert!(html.contains("As an administrator you do not handle complaints"));
}

async fn absence_and_handover_speak_the_users_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
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
    let from = today().to_string();
    let to = today().checked_add(7.days()).expect("in range").to_string();

    // Dutch, as before.
    let html = page(&app, &o.manager, "/afwezigheid", 200).await;
    assert_speaks(Language::Nl, &html, "Dutch absence page");
    let html = page(&app, &o.manager, "/afwezigheid/overdragen", 200).await;
    assert_speaks(Language::Nl, &html, "Dutch handover page");

    english(&app, &o.manager).await;
    let html = page(&app, &o.manager, "/afwezigheid", 200).await;
    assert_speaks(Language::En, &html, "English absence page");
    assert!(html.contains("Record an absence"));

    // A refusal of the form, in English, with what was typed kept.
    let r = app
        .post_as(
            &o.manager.b,
            "/afwezigheid",
            &[("wie", &fatima), ("van", &to), ("tot", &from)],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert_speaks(Language::En, &html, "English absence refusal");
    assert!(
        html.contains("The end date is before the start date"),
        "{html}"
    );
    let r = app
        .post_as(
            &o.manager.b,
            "/afwezigheid",
            &[("wie", &fatima), ("van", "morgen"), ("tot", &to)],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("is not a date"), "{html}");

    // Recorded: the flash and the list in English.
    let r = app
        .post_as(
            &o.manager.b,
            "/afwezigheid",
            &[("wie", &fatima), ("van", &from), ("tot", &to)],
        )
        .await;
    assert_eq!(location(&r), "/afwezigheid");
    let html = follow(&app, &o.manager, r).await;
    assert_speaks(Language::En, &html, "English absence recorded");
    assert!(
        html.contains("The absence of fatima has been recorded."),
        "{html}"
    );
    assert!(html.contains("(away now)"));
    assert!(html.contains(&format!("up to and including {}", {
        let t = klacht_i18n::Tr::new(Language::En);
        t.long_date(today().checked_add(7.days()).expect("in range"))
    })));

    // Overdragen: Fatima is away, her complaint waits for another handler.
    let html = page(&app, &o.manager, "/afwezigheid/overdragen", 200).await;
    assert_speaks(Language::En, &html, "English handover page");
    assert!(html.contains("fatima (away until"), "{html}");
    assert!(html.contains("contact with the complainant, by"), "{html}");
    // The bulk handover of one colleague.
    let bulk = format!("/medewerkers/{fatima}/overdracht");
    let html = page(&app, &o.manager, &bulk, 200).await;
    assert_speaks(Language::En, &html, "English bulk handover page");
    assert!(html.contains("Handover of fatima"));
    let margriet = o.manager.user.id.to_string();
    let r = app
        .post_as(
            &o.manager.b,
            &format!("/afwezigheid/overdragen/{id}"),
            &[("afhandelaar", &margriet)],
        )
        .await;
    assert_eq!(location(&r), "/afwezigheid/overdragen");
    let html = follow(&app, &o.manager, r).await;
    assert_speaks(Language::En, &html, "English handover done");
    assert!(html.contains("has been handed over to margriet."), "{html}");
    let r = app.post_as(&o.manager.b, &bulk, &[]).await;
    let html = follow(&app, &o.manager, r).await;
    assert_speaks(Language::En, &html, "English bulk handover done");
    assert!(html.contains("There was nothing to hand over."), "{html}");

    // Ending the absence early.
    let absence = app
        .store
        .absences_from(today())
        .await
        .expect("read")
        .pop()
        .expect("the absence");
    let r = app
        .post_as(
            &o.manager.b,
            &format!("/afwezigheid/{}/beeindigen", absence.id),
            &[],
        )
        .await;
    let html = follow(&app, &o.manager, r).await;
    assert_speaks(Language::En, &html, "English absence ended");
    assert!(
        html.contains("The absence of fatima has been removed."),
        "{html}"
    );

    // Someone who does not hand over is refused in English.
    english(&app, &o.employee).await;
    let html = page(&app, &o.employee, "/afwezigheid/overdragen", 403).await;
    assert_speaks(Language::En, &html, "English handover refusal");
}

const MAIL: &str = "From: \"J. Smith\" <j.smith@example.com>\r\n\
To: klachten@focus.example\r\nSubject: Help arrived late\r\n\r\n\
The carer arrived two hours late.\r\n";

async fn outbox_and_mailbox_speak_the_users_language<S: Store>(store: S) {
    let app = spawn_app_with(store, |s| {
        s.with_mail(
            Notifier::new(MailContext::new("Focus", "https://klachten.focus.example")),
            None,
        )
    })
    .await;
    let o = org(&app).await;

    // Dutch, as before (nothing queued yet).
    let html = page(&app, &o.quality, "/berichten", 200)
        .await
        .replace("KLACHT_SMTP_URL", "");
    assert_speaks(Language::Nl, &html, "Dutch outbox");
    assert!(html.contains("Uitgaande berichten"));

    // An English complaint: the complainant's and the manager's mails are
    // English, and so is the quality manager's page.
    for who in [&o.employee, &o.manager, &o.quality] {
        english(&app, who).await;
    }
    register(
        &app,
        &o.employee,
        &Intake::complaint(&o.involved.user).set("taal", "en"),
    )
    .await;
    let queued = app
        .store
        .list_outbox(Some(OutboxStatus::Pending), None, 10)
        .await
        .expect("list");
    let failed = queued.first().expect("a queued mail");
    app.store
        .outbox_failed(failed.id, "554 rejected")
        .await
        .expect("failed");
    let html = page(&app, &o.quality, "/berichten", 200).await;
    assert!(html.contains("id=\"mail-not-configured\""));
    // The setting's name is a name (as is klacht's own).
    let html = html.replace("KLACHT_SMTP_URL", "");
    assert_speaks(Language::En, &html, "English outbox");
    assert!(html.contains("Outgoing messages"));
    let r = app
        .post_as(
            &o.quality.b,
            &format!("/berichten/{}/opnieuw", failed.id),
            &[],
        )
        .await;
    assert_eq!(location(&r), "/berichten");
    let html = follow(&app, &o.quality, r)
        .await
        .replace("KLACHT_SMTP_URL", "");
    assert_speaks(Language::En, &html, "English outbox after a retry");
    assert!(html.contains("is back in the queue."), "{html}");
    let r = app.post_as(&o.quality.b, "/berichten/opnieuw", &[]).await;
    let html = follow(&app, &o.quality, r).await;
    assert!(
        html.contains("There were no failed messages left."),
        "{html}"
    );

    // Incoming mail: the page, registering and dismissing.
    for uid in [1, 2] {
        let outcome = take_in(
            &app.store,
            &calendar(),
            &Notifier::disabled(),
            None,
            &Envelope {
                folder: "INBOX".into(),
                uid_validity: 7,
                uid,
            },
            MAIL.as_bytes().to_vec(),
            klacht_clock::test_now(),
        )
        .await
        .expect("taken in");
        assert_eq!(outcome, TakenIn::Intake);
    }
    let items = app.store.open_mailbox_messages(10).await.expect("items");
    assert_eq!(items.len(), 2);
    let (first, second) = (items[0].id, items[1].id);
    let html = page(&app, &o.quality, &format!("/binnengekomen/{first}"), 200).await;
    assert_speaks(Language::En, &html, "English incoming mail");
    assert!(html.contains("Register as a complaint"));
    let r = app
        .post_as(
            &o.quality.b,
            &format!("/binnengekomen/{first}/geen-klacht"),
            &[],
        )
        .await;
    assert_eq!(location(&r), "/");
    let html = follow(&app, &o.quality, r).await;
    assert!(
        html.contains("The email has been marked as not a complaint."),
        "{html}"
    );
    let r = app
        .post_as(
            &o.quality.b,
            &format!("/binnengekomen/{second}/registreren"),
            &[("soort", "iets")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert_speaks(Language::En, &html, "English refusal of incoming mail");
    assert!(html.contains("Choose complaint or signal."), "{html}");
    // A service routed to Margriet, as on the public form.
    let service = uuid::Uuid::now_v7();
    app.store
        .change_public_service(
            &PublicServiceChange::Add {
                id: service,
                name: "Home care".into(),
                manager: Some(o.manager.user.id),
            },
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                at: klacht_clock::test_now(),
                actor: None,
                actor_name: "test".into(),
                kind: "service.added".into(),
                subject: "Home care".into(),
                details: "test".into(),
            },
        )
        .await
        .expect("service added");
    let r = app
        .post_as(
            &o.quality.b,
            &format!("/binnengekomen/{second}/registreren"),
            &[("soort", "klacht"), ("dienst", &service.to_string())],
        )
        .await;
    let html = follow(&app, &o.quality, r).await;
    assert!(
        html.contains("The email has been registered as complaint K-"),
        "{html}"
    );
    let html = page(&app, &o.quality, &format!("/binnengekomen/{first}"), 200).await;
    assert_speaks(Language::En, &html, "English mail already dealt with");
    assert!(html.contains("This message has already been dealt with."));
}

async fn the_procedure_and_the_tour_speak_the_users_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;

    let html = page(&app, &o.manager, "/hoe-werkt-het", 200).await;
    assert_speaks(Language::Nl, &html, "Dutch procedure page");
    assert!(html.contains("Rondleiding: uw startpagina"));
    let html = page(&app, &o.employee, "/", 200).await;
    assert_speaks(Language::Nl, &html, "Dutch start page with the tour");

    for who in [&o.manager, &o.employee] {
        english(&app, who).await;
    }
    let html = page(&app, &o.manager, "/hoe-werkt-het", 200).await;
    assert_speaks(Language::En, &html, "English procedure page");
    assert!(html.contains("The complaints procedure in 6 parts"));
    assert!(html.contains("Manager and handler (your role)"));
    assert!(html.contains("Tour: your start page"));
    let html = page(&app, &o.employee, "/", 200).await;
    assert_speaks(Language::En, &html, "English start page with the tour");
    assert!(html.contains("Tour: your start page"));
    let r = app
        .post_as(&o.employee.b, "/rondleiding/verbergen", &[])
        .await;
    let html = follow(&app, &o.employee, r).await;
    assert_speaks(Language::En, &html, "English start page without the tour");
    assert!(html.contains("The tour has been hidden."), "{html}");
}

/// Single sign-on to a provider that does not answer: the refusals are
/// shown in the language of the sign-in page.
async fn a_refused_single_sign_on_speaks_the_browsers_language<S: Store>(store: S) {
    let app = spawn_app_with(store, |state| {
        let sso = Sso::new(
            OidcConfig {
                issuer: "http://127.0.0.1:9".into(),
                client_id: "klacht".into(),
                client_secret: "een-geheim-voor-de-test-0123456789".to_string().into(),
                email_claim: EmailClaim::Email,
                button_label: "Microsoft".into(),
                password_sign_in: true,
                role_claim: None,
                roles: Default::default(),
            },
            "http://127.0.0.1:1",
        )
        .expect("single sign-on");
        state.with_sso(Some(sso))
    })
    .await;
    for (accept, language, status, path) in [
        ("nl", Language::Nl, 401, "/inloggen/sso/terug"),
        ("en-GB,en;q=0.9", Language::En, 401, "/inloggen/sso/terug"),
        ("en-GB,en;q=0.9", Language::En, 502, "/inloggen/sso"),
    ] {
        let r = app
            .client
            .get(app.url(path))
            .header("accept-language", accept)
            .send()
            .await
            .expect("sent");
        assert_eq!(r.status(), status, "{path}");
        let html = r.text().await.expect("body");
        assert_speaks(language, &html, path);
        let heading = match language {
            Language::Nl => "Inloggen niet gelukt",
            Language::En => "Sign-in failed",
        };
        assert!(html.contains(heading), "{html}");
    }
}

store_tests!(
    the_agenda_page_and_feed_speak_the_users_language,
    absence_and_handover_speak_the_users_language,
    outbox_and_mailbox_speak_the_users_language,
    the_procedure_and_the_tour_speak_the_users_language,
    a_refused_single_sign_on_speaks_the_browsers_language
);
