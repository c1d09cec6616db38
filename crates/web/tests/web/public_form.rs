//! The public complaint form over HTTP: routing to the chosen service's
//! manager, the confirmation with its tracking code and mail, attachments
//! (stored, downloadable by who may see the complaint), and every way a
//! submission is refused with what was typed kept.

use crate::common;
use crate::complaints_support;
use crate::public_support;

use common::{spawn_app, spawn_app_with};
use complaints_support::org;
use klacht_domain::{ComplaintId, ReferenceNumber, TrackingCode};
use klacht_store::{OutboxStatus, Store, store_tests};
use public_support::{DESCRIPTION, Filing, PDF, add_service, file, file_ok, open_form, with_mail};

async fn id_of<S: Store>(store: &S, reference: &str) -> ComplaintId {
    store
        .complaint_id_by_reference(ReferenceNumber::parse(reference).expect("reference"))
        .await
        .expect("query")
        .expect("stored")
}

async fn a_filing_reaches_the_manager_of_the_chosen_service<S: Store>(store: S) {
    let app = spawn_app_with(store, with_mail).await;
    let o = org(&app).await;
    let thuiszorg = add_service(&app, &o.admin, "Thuiszorg", Some(o.manager.user.id)).await;
    add_service(&app, &o.admin, "Schoonmaak", Some(o.other_manager.user.id)).await;

    let form = app.get("/klacht").await.text().await.expect("body");
    assert!(form.contains("Over welke dienst of afdeling gaat uw klacht?"));
    assert!(form.contains(">Thuiszorg</option>") && form.contains(">Schoonmaak</option>"));
    assert!(form.contains("Laat dit veld leeg"), "honeypot present");
    assert!(!form.contains("Uitloggen"), "no staff navigation");

    let done = file_ok(
        &app,
        &Filing::new("Mevrouw J. de Vries", "j.devries@example.nl").set("dienst", &thuiszorg),
    )
    .await;
    let code = TrackingCode::parse(&done.code).expect("a tracking code is shown");
    assert_eq!(done.code, code.to_string(), "shown as XXXX-XXXX-XXXX");
    assert!(done.page.contains("Wij hebben uw klacht ontvangen"));
    assert!(done.page.contains(&format!("href=\"/status/{code}\"")));

    // Margriet (Thuiszorg) has it in her list; Hans (Schoonmaak) does not.
    let mine = app
        .get_as(&o.manager.b, "/klachten")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        mine.contains(&done.reference),
        "in the service manager's list"
    );
    let other = app
        .get_as(&o.other_manager.b, "/klachten")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        !other.contains(&done.reference),
        "not in another team's list"
    );

    // Registered by the complainant, routed by the system, one stream.
    let id = id_of(&app.store, &done.reference).await;
    let (row, events) = app
        .store
        .load_stream(id)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(row.responsible_manager, Some(o.manager.user.id));
    assert_eq!(row.channel, "web");
    assert_eq!(row.service.as_deref(), Some("Thuiszorg"));
    let kinds: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.kind.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("registered", "complainant"),
            ("reported_to_manager", "system")
        ]
    );
    // The code is a secret: not in the history that is exported.
    assert!(
        events
            .iter()
            .all(|e| !e.data.contains(&code.compact()) && !e.data.contains(&code.to_string()))
    );

    // The confirmation (with the code) and the manager's notice are queued.
    let mail = app
        .store
        .list_outbox(Some(OutboxStatus::Pending), Some(id), 10)
        .await
        .expect("outbox");
    assert_eq!(mail.len(), 2, "{mail:?}");
    let to_complainant = mail
        .iter()
        .find(|m| m.payload.contains("j.devries@example.nl"))
        .expect("confirmation to the complainant");
    assert!(to_complainant.payload.contains(&code.to_string()));
    assert!(
        mail.iter()
            .any(|m| m.payload.contains("margriet@focus.example")),
        "notice to the manager"
    );

    // The manager's page shows the code, so she can give it by phone.
    let detail = app
        .get_as(&o.manager.b, &format!("/klachten/{id}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(detail.contains(&code.to_string()));

    // The confirmation is shown once.
    let again = app.get("/klacht/bevestiging").await;
    assert_eq!(again.status(), 404);
    assert!(
        !again
            .text()
            .await
            .expect("body")
            .contains(&code.to_string())
    );
}

async fn without_a_service_the_quality_manager_routes_it<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    // A service without a manager behaves as "weet ik niet".
    let nobody = add_service(&app, &o.admin, "Administratie", None).await;
    // A service that is not offered is refused at its field, not taken
    // as "weet ik niet".
    let v = open_form(&app).await;
    let r = file(
        &app,
        &v,
        &Filing::new("Anna", "anna@example.nl").set("dienst", "geen-dienst"),
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("id=\"dienst-fout\""), "{page}");
    assert!(page.contains(DESCRIPTION), "the description is kept");
    for dienst in ["", nobody.as_str()] {
        let done = file_ok(
            &app,
            &Filing::new("Anna", "anna@example.nl").set("dienst", dienst),
        )
        .await;
        let id = id_of(&app.store, &done.reference).await;
        let (row, events) = app
            .store
            .load_stream(id)
            .await
            .expect("load")
            .expect("found");
        assert_eq!(row.responsible_manager, None, "{dienst}: unrouted");
        assert_eq!(events.len(), 1);
        assert_eq!(row.status, "awaiting_handler");
        // The Overzicht lists it for the quality manager; no manager has it.
        let overview = app
            .get_as(&o.quality.b, "/overzicht")
            .await
            .text()
            .await
            .expect("body");
        assert!(overview.contains(&done.reference), "in the Overzicht");
        let margriet = app
            .get_as(&o.manager.b, "/klachten")
            .await
            .text()
            .await
            .expect("body");
        assert!(!margriet.contains(&done.reference));
    }
}

async fn attachments_are_stored_and_downloadable_by_who_may_see_the_complaint<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let thuiszorg = add_service(&app, &o.admin, "Thuiszorg", Some(o.manager.user.id)).await;
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3,
    ];
    let done = file_ok(
        &app,
        &Filing::new("Anna", "anna@example.nl")
            .set("dienst", &thuiszorg)
            .file("brief.pdf", PDF, "application/pdf")
            // The browser's claim does not matter; the content does.
            .file("foto.png", &png, "application/octet-stream"),
    )
    .await;
    let id = id_of(&app.store, &done.reference).await;
    let stored = app.store.attachments_of(id).await.expect("list");
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[1].content_type, "image/png");

    let detail = app
        .get_as(&o.manager.b, &format!("/klachten/{id}"))
        .await
        .text()
        .await
        .expect("body");
    let href = format!("/klachten/{id}/bijlagen/{}", stored[0].id);
    assert!(detail.contains(&href), "listed on the complaint page");
    assert!(detail.contains("brief.pdf"));

    let r = app.get_as(&o.manager.b, &href).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert!(
        r.headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            // A PDF opens in the browser's viewer (issue 15 §7).
            .is_some_and(|d| d.starts_with("inline;") && d.contains("brief.pdf"))
    );
    assert_eq!(r.bytes().await.expect("body").as_ref(), PDF);

    // An employee of another team, and the administrator, get nothing.
    for who in [&o.outsider, &o.admin] {
        let r = app.get_as(&who.b, &href).await;
        assert_eq!(r.status(), 404, "{}", who.user.name);
    }
    // Signed out: to the sign-in page.
    assert_eq!(app.get(&href).await.status(), 303);
}

async fn bad_files_are_refused_at_their_field_and_the_text_is_kept<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let v = open_form(&app).await;
    let too_big: Vec<u8> = PDF
        .iter()
        .copied()
        .chain(std::iter::repeat_n(b' ', 5 * 1024 * 1024))
        .collect();
    for (filing, message, status) in [
        (
            Filing::new("Anna", "anna@example.nl").file("groot.pdf", &too_big, "application/pdf"),
            "&#39;groot.pdf&#39; is te groot (hoogstens 5 MB per bestand).",
            422,
        ),
        (
            Filing::new("Anna", "anna@example.nl").file(
                "factuur.pdf",
                b"MZ\x90\x00\x03 not a pdf",
                "application/pdf",
            ),
            "&#39;factuur.pdf&#39; is geen PDF, JPEG, PNG of Word-bestand (.docx).",
            422,
        ),
        (
            Filing::new("Anna", "anna@example.nl")
                .file("a.pdf", PDF, "application/pdf")
                .file("b.pdf", PDF, "application/pdf")
                .file("c.pdf", PDF, "application/pdf")
                .file("d.pdf", PDF, "application/pdf"),
            "U kunt hoogstens 3 bestanden meesturen; u koos er 4.",
            422,
        ),
    ] {
        let r = file(&app, &v, &filing).await;
        assert_eq!(r.status(), status, "{message}");
        let page = r.text().await.expect("body");
        assert!(page.contains(message), "{message} in {page}");
        assert!(page.contains("id=\"bijlagen-fout\""), "tied to the field");
        assert!(page.contains("aria-describedby=\"bijlagen-hint bijlagen-fout\""));
        assert!(page.contains(DESCRIPTION), "the description is kept");
        assert!(page.contains("value=\"Anna\""), "the name is kept");
        assert!(page.contains("Kies uw bijlagen opnieuw"));
    }
    // A body that breaks off is a bad request (400), not "too large".
    let boundary = "grens";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"naam\"\r\n\r\nAnna\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"bijlagen\"; filename=\"a.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.4 afgebr",
        v.token
    );
    let r = app
        .client
        .post(app.url("/klacht"))
        .header("cookie", &v.cookie)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 400);
    let page = r.text().await.expect("body");
    assert!(page.contains("kwam niet goed aan"), "{page}");
    assert!(page.contains("value=\"Anna\""), "what arrived is kept");
    assert_eq!(app.store.count_complaints().await.expect("count"), 0);
}

async fn the_honeypot_and_missing_fields_are_refused<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let v = open_form(&app).await;
    let r = file(
        &app,
        &v,
        &Filing::new("Anna", "anna@example.nl").set("website", "http://spam.example"),
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("Dit veld moet leeg blijven."));
    assert!(page.contains("Uw klacht is nog niet verstuurd"));
    assert!(page.contains(DESCRIPTION));

    let r = file(
        &app,
        &v,
        &Filing::new(" ", "geen-adres")
            .set("telefoon", "12")
            .set("omschrijving", "  "),
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    for (field, message) in [
        ("naam", "Vul uw naam in."),
        (
            "email",
            "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
        ),
        ("omschrijving", "Beschrijf uw klacht."),
    ] {
        assert!(
            page.contains(&format!("<li><a href=\"#{field}\">{message}</a></li>")),
            "{field} in the summary"
        );
        assert!(
            page.contains(&format!("id=\"{field}-fout\"")),
            "{field} error"
        );
    }
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("value=\"geen-adres\""), "typed e-mail kept");
    assert_eq!(app.store.count_complaints().await.expect("count"), 0);
}

async fn a_post_without_the_forms_token_is_refused_with_the_text_kept<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let v = open_form(&app).await;
    // Another site posting in the visitor's name knows no token.
    let forged = public_support::Visitor {
        cookie: v.cookie.clone(),
        token: "0".repeat(64),
    };
    let r = file(&app, &forged, &Filing::new("Anna", "anna@example.nl")).await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.expect("body");
    assert!(page.contains("het formulier was verlopen"));
    assert!(page.contains(DESCRIPTION));
    // No cookie at all (it expired): a fresh one comes with the page.
    let no_cookie = public_support::Visitor {
        cookie: String::new(),
        token: v.token.clone(),
    };
    let r = file(&app, &no_cookie, &Filing::new("Anna", "anna@example.nl")).await;
    assert_eq!(r.status(), 403);
    assert!(common::set_cookie_value(&r, "klacht_publiek").is_some());
    assert_eq!(app.store.count_complaints().await.expect("count"), 0);
}

async fn the_sixth_filing_from_one_address_within_an_hour_is_refused<S: Store>(store: S) {
    let app = spawn_app(store).await;
    for i in 1..=5 {
        file_ok(&app, &Filing::new(&format!("Klager {i}"), "k@example.nl")).await;
    }
    let v = open_form(&app).await;
    let r = file(
        &app,
        &v,
        &Filing::new("Klager 6", "k@example.nl")
            .set("omschrijving", "Zesde klacht, nu over de planning."),
    )
    .await;
    assert_eq!(r.status(), 429);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("U heeft in korte tijd al 5 klachten ingediend vanaf dit adres."),
        "{page}"
    );
    assert!(
        page.contains("Zesde klacht, nu over de planning."),
        "typed text kept"
    );
    assert!(page.contains("value=\"Klager 6\""));
    assert_eq!(app.store.count_complaints().await.expect("count"), 5);
}

async fn behind_a_trusted_proxy_each_client_has_its_own_limit<S: Store>(store: S) {
    let config = klacht_app::config::PublicConfig {
        submissions_per_hour: 2,
        trusted_proxies: vec!["127.0.0.1".parse().expect("ip")],
        ..Default::default()
    };
    let app = spawn_app_with(store, |s| {
        s.with_public(klacht_web::PublicSite::new(
            klacht_web::public::EXAMPLE_REGULATION,
            "Focus",
            &config,
        ))
    })
    .await;
    for client in ["203.0.113.1", "203.0.113.2"] {
        for _ in 0..2 {
            file_ok(&app, &Filing::new("Anna", "anna@example.nl").from(client)).await;
        }
        let v = open_form(&app).await;
        let r = file(
            &app,
            &v,
            &Filing::new("Anna", "anna@example.nl").from(client),
        )
        .await;
        assert_eq!(r.status(), 429, "{client}: third refused");
    }
    assert_eq!(app.store.count_complaints().await.expect("count"), 4);
}

async fn the_services_are_kept_in_beheer_with_a_log<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = add_service(&app, &o.admin, "Thuiszorg", Some(o.manager.user.id)).await;
    let page = app
        .get_as(&o.admin.b, "/beheer/diensten")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("data-name=\"Thuiszorg\""));
    // Only the administrator.
    assert_eq!(
        app.get_as(&o.quality.b, "/beheer/diensten").await.status(),
        403
    );
    let r = app
        .post_as(&o.quality.b, "/beheer/diensten", &[("naam", "Stiekem")])
        .await;
    assert_eq!(r.status(), 403);
    // A duplicate is refused with the typed name kept.
    let r = app
        .post_as(&o.admin.b, "/beheer/diensten", &[("naam", "thuiszorg")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("De dienst &#39;thuiszorg&#39; bestaat al.")
    );
    // Hand it to Hans, then take it off the form.
    let r = app
        .post_as(
            &o.admin.b,
            &format!("/beheer/diensten/{id}/leidinggevende"),
            &[("leidinggevende", &o.other_manager.user.id.to_string())],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = app
        .post_as(
            &o.admin.b,
            &format!("/beheer/diensten/{id}/actief"),
            &[("actief", "nee")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let form = app.get("/klacht").await.text().await.expect("body");
    assert!(!form.contains(">Thuiszorg</option>"), "off the form");
    let log = app
        .get_as(&o.admin.b, "/beheer/logboek")
        .await
        .text()
        .await
        .expect("body");
    for entry in [
        "Dienst &#39;Thuiszorg&#39; toegevoegd aan het klachtformulier; klachten gaan naar margriet.",
        "Klachten over &#39;Thuiszorg&#39; gaan voortaan naar hans.",
        "Dienst &#39;Thuiszorg&#39; van het klachtformulier gehaald",
    ] {
        assert!(log.contains(entry), "{entry} in the Logboek");
    }
}

store_tests!(
    a_filing_reaches_the_manager_of_the_chosen_service,
    without_a_service_the_quality_manager_routes_it,
    attachments_are_stored_and_downloadable_by_who_may_see_the_complaint,
    bad_files_are_refused_at_their_field_and_the_text_is_kept,
    the_honeypot_and_missing_fields_are_refused,
    a_post_without_the_forms_token_is_refused_with_the_text_kept,
    the_sixth_filing_from_one_address_within_an_hour_is_refused,
    behind_a_trusted_proxy_each_client_has_its_own_limit,
    the_services_are_kept_in_beheer_with_a_log,
);
