//! The staff's complaint pages in the user's language (issue #18): a
//! staff member who chose English registers a complaint for an English
//! complainant and sees the list, the form and the complaint in English;
//! a Dutch colleague sees the same pages in Dutch.

use crate::common;
use crate::complaints_support;

use common::{Browser, TestApp, assert_speaks, spawn_app};
use complaints_support::{Intake, act, detail, done, follow, org, post_intake, register, today};
use klacht_domain::Language;
use klacht_store::{Store, store_tests};

/// The page without its style sheets: their selectors (`#my-complaints`)
/// are no text.
fn without_style(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("<style") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</style>") {
            Some(end) => rest = &rest[start + end + 8..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The page without the help per step (`procedure/help.html`, the
/// regulation's own text, translated with the regulation).
fn without_help(page: &str) -> String {
    match (
        page.find("<section aria-labelledby=\"step-help-title\""),
        page.find("id=\"uitleg\""),
    ) {
        (Some(start), Some(_)) => {
            let end = start + page[start..].find("</section>").map_or(0, |e| e + 10);
            format!("{}{}", &page[..start], &page[end..])
        }
        _ => page.to_owned(),
    }
}

async fn the_complaint_pages_speak_the_users_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    for who in [&o.employee, &o.manager] {
        app.store
            .set_user_language(who.user.id, Some(Language::En))
            .await
            .expect("language saved");
    }

    // The form, in English, with the complainant's language to choose.
    let r = app.get_as(&o.employee.b, "/klachten/nieuw").await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert_speaks(Language::En, &without_style(&page), "new report");
    assert!(page.contains("Complainant&#39;s language") || page.contains("Complainant's language"));
    assert!(page.contains("name=\"taal\""));

    // Registered for an English complainant: the flash and the page speak
    // English.
    let intake = Intake::complaint(&o.involved.user)
        .set("taal", "en")
        .set("omschrijving", "Carer absent twice.");
    let r = post_intake(&app, &o.employee, &intake).await;
    let id = complaints_support::location(&r)
        .strip_prefix("/klachten/")
        .expect("to the complaint")
        .to_owned();
    let page = follow(&app, &o.employee, r).await;
    assert!(page.contains("registered and reported to"), "flash");
    assert_speaks(
        Language::En,
        &without_help(&page),
        "complaint after registering",
    );

    // The list.
    let r = app.get_as(&o.employee.b, "/klachten").await;
    let page = r.text().await.expect("body");
    assert_speaks(Language::En, &without_style(&page), "my complaints");
    assert!(page.contains("My complaints"));

    // The manager assigns a handler; the page stays English.
    let page = detail(&app, &o.manager, &id).await;
    assert_speaks(
        Language::En,
        &without_help(&page),
        "complaint for the manager",
    );
    let page = done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    assert!(page.contains("Handler assigned"), "history in English");

    // The complainant's language was stored with the complaint.
    let complaint = klacht_app::complaints::load(&app.store, id.parse().expect("complaint id"))
        .await
        .expect("complaint");
    assert_eq!(complaint.language(), Language::En);

    // A Dutch colleague sees the same pages in Dutch.
    let page = detail(&app, &o.colleague, &id).await;
    assert_speaks(
        Language::Nl,
        &without_style(&page),
        "klacht voor de afhandelaar",
    );
    let page = app
        .get_as(&o.colleague.b, "/klachten")
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::Nl, &without_style(&page), "mijn klachten");
    let page = app
        .get_as(&o.colleague.b, "/klachten/nieuw")
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::Nl, &without_style(&page), "nieuwe melding");
    assert!(page.contains("Taal van de klager"));
}

/// The page without its section of e-mail about the complaint: each
/// message is listed in its recipient's language.
fn without_messages(page: &str) -> String {
    match page.find("<section aria-labelledby=\"messages-title\"") {
        Some(start) => {
            let end = start + page[start..].find("</section>").map_or(0, |e| e + 10);
            format!("{}{}", &page[..start], &page[end..])
        }
        None => page.to_owned(),
    }
}

async fn reference_of<S: Store>(app: &TestApp<S>, id: &str) -> String {
    let (row, _) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    row.reference.to_string()
}

/// A PNG's signature: enough for the checks on attachments.
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

async fn add_png<S: Store>(app: &TestApp<S>, b: &Browser, id: &str) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(PNG.to_vec())
        .file_name("photo.png")
        .mime_str("image/png")
        .expect("mime");
    let form = reqwest::multipart::Form::new()
        .text("csrf", b.csrf.clone())
        .part("bijlagen", part);
    app.client
        .post(app.url(&format!("/klachten/{id}/bijlagen")))
        .header("cookie", &b.cookie)
        .multipart(form)
        .send()
        .await
        .expect("sent")
}

/// The page after a step, with its flash, in English: `flash` shown, and
/// no Dutch word anywhere but in the subjects of the e-mail about it.
fn english_after(page: &str, flash: &str, what: &str) {
    assert!(page.contains(flash), "{what}: flash '{flash}' in\n{page}");
    assert_speaks(Language::En, &without_messages(&without_help(page)), what);
}

async fn an_english_manager_takes_a_complaint_through_the_steps<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    for who in [&o.employee, &o.manager, &o.quality] {
        app.store
            .set_user_language(who.user.id, Some(Language::En))
            .await
            .expect("language saved");
    }
    let intake = Intake::complaint(&o.involved.user)
        .set("taal", "en")
        .set("omschrijving", "Carer absent twice.");
    let id = register(&app, &o.employee, &intake).await;
    let other = register(&app, &o.employee, &intake).await;
    let other_ref = reference_of(&app, &other).await;
    let today = today();
    let m = &o.manager;

    // Margriet handles it herself.
    let page = done(
        &app,
        m,
        &id,
        "afhandelaar",
        &[("afhandelaar", &m.user.id.to_string())],
    )
    .await;
    english_after(&page, "is now the handler.", "handler assigned");

    // A refused form: the field's message in English, what was typed kept.
    let r = act(
        &app,
        m,
        &id,
        "contact",
        &[
            ("datum", &today),
            ("vorm", "telephone"),
            ("samenvatting", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    english_after(
        &page,
        "The summary of the conversation is required.",
        "contact refused",
    );
    let r = act(
        &app,
        m,
        &id,
        "aanbod",
        &[
            ("soort", "compensation"),
            ("omschrijving", "Flowers."),
            ("waarde", "twenty"),
            ("datum", &today),
        ],
    )
    .await;
    assert!(r.status().is_client_error());

    // Step 2: contact.
    let page = done(
        &app,
        m,
        &id,
        "contact",
        &[
            ("datum", &today),
            ("vorm", "telephone"),
            ("samenvatting", "Called; apologies made."),
        ],
    )
    .await;
    english_after(&page, "Contact with the complainant recorded.", "contact");
    assert!(page.contains("Contact with the complainant recorded (by telephone, "));

    // Step 3: assessment, offer and the complainant's response.
    let page = done(
        &app,
        m,
        &id,
        "oordeel",
        &[
            ("oordeel", "founded"),
            ("onderbouwing", "Visits agreed, missed."),
        ],
    )
    .await;
    english_after(&page, "Assessment recorded: founded.", "merit");
    let page = done(
        &app,
        m,
        &id,
        "aanbod",
        &[
            ("soort", "compensation"),
            ("omschrijving", "Flowers and an extra visit."),
            ("waarde", "25.00"),
            ("directeur", "ja"),
            ("datum", &today),
            ("brieftekst", "Flowers and an extra visit, as agreed."),
        ],
    )
    .await;
    english_after(&page, "Offer recorded.", "offer");
    assert!(
        page.contains("(€25.00), after consulting the director"),
        "history of the offer"
    );
    let page = done(
        &app,
        m,
        &id,
        "reactie",
        &[("aanvaard", "ja"), ("tevredenheid", "4")],
    )
    .await;
    english_after(&page, "response recorded.", "response");
    assert!(page.contains("offer accepted, satisfaction 4/5"));

    // Step 4: an action, agreed and completed.
    let page = done(
        &app,
        m,
        &id,
        "acties",
        &[("omschrijving", "Adjust rota."), ("streefdatum", &today)],
    )
    .await;
    english_after(&page, "Action agreed.", "action agreed");
    let page = done(&app, m, &id, "acties/1/afgerond", &[]).await;
    english_after(&page, "Action 1 completed.", "action completed");

    // A related complaint, linked.
    let r = app
        .post_as(
            &m.b,
            &format!("/klachten/{id}/koppelingen"),
            &[
                ("klacht", other_ref.as_str()),
                ("reden", "same_complainant"),
            ],
        )
        .await;
    let page = follow(&app, m, r).await;
    english_after(&page, &format!("is now linked to {other_ref}."), "linked");
    assert!(page.contains(&format!(
        "Linked to complaint {other_ref} (same complainant)"
    )));

    // A file.
    let r = add_png(&app, &m.b, &id).await;
    let page = follow(&app, m, r).await;
    english_after(&page, "Attachment photo.png added to", "file added");
    assert!(page.contains("Attachment added: photo.png"));

    // The form to the quality manager, and the printable form.
    let page = done(&app, m, &id, "formulier-verstuurd", &[]).await;
    english_after(
        &page,
        "Complaint form sent to the quality manager.",
        "form sent",
    );
    let form = app
        .get_as(&m.b, &format!("/klachten/{id}/formulier"))
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::En, &form, "printable complaint form");
    assert!(form.contains("Complaint form"));
    assert!(form.contains("☒ sent by margriet on "), "{form}");

    // The quality manager closes it.
    let page = done(&app, &o.quality, &id, "afsluiten", &[]).await;
    english_after(
        &page,
        "Complaint closed and filed in the complaints file.",
        "closed",
    );
    // The e-mail about it: their state in English, the subjects in the
    // language of their recipient.
    assert!(page.contains(">in the queue</span>") || page.contains(">sent</span>"));
    assert!(
        page.contains("Registration in Exact of complaint K-"),
        "Exact in English"
    );
    for line in [
        "Handler assigned: margriet",
        "Complaint assessed as founded",
        "Action 1 completed",
        "Complaint form sent to the quality manager",
        "Complaint closed and filed in the complaints file",
    ] {
        assert!(page.contains(line), "history: {line}");
    }

    // The director, who chose no language, reads the same complaint in
    // Dutch: page, history and form.
    let page = detail(&app, &o.director, &id).await;
    assert_speaks(
        Language::Nl,
        &without_messages(&without_style(&page)),
        "klacht voor de directeur",
    );
    for line in [
        "Afhandelaar toegewezen: margriet",
        "Contact met klager vastgelegd (telefonisch, ",
        "(€ 25,00), na overleg met de directeur",
        "aanbod aanvaard, tevredenheid 4/5",
        "Actie 1 afgerond",
        &format!("Gekoppeld aan klacht {other_ref} (zelfde klager)"),
        "Bijlage toegevoegd: photo.png",
        "Klacht afgesloten en opgeborgen in het klachtendossier",
    ] {
        assert!(page.contains(line), "Dutch history: {line}");
    }
    let form = app
        .get_as(&o.director.b, &format!("/klachten/{id}/formulier"))
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::Nl, &form, "klachtenformulier");
    assert!(form.contains("☒ verstuurd door margriet op "));
}

store_tests!(
    the_complaint_pages_speak_the_users_language,
    an_english_manager_takes_a_complaint_through_the_steps,
);
