//! The application's own refusals in the reader's language (issue #18):
//! hand-overs and the bulk actions of Mijn klachten, Beheer, saved views
//! and files. An English reader gets them in English where they used to be
//! Dutch; a Dutch reader gets the same sentences as before. The API's
//! problems follow `Accept-Language`.

use crate::api_support;
use crate::common::{Browser, TestApp, spawn_app};
use crate::complaints_support::{Intake, Person, done, org, register};
use crate::public_support;

use klacht_domain::Language;
use klacht_store::{Store, store_tests};

const INVOLVED_EN: &str = "The handler may not be involved in the service complained about.";
const INVOLVED_NL: &str =
    "De afhandelaar mag niet betrokken zijn bij de dienst waarover geklaagd wordt.";

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n";
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
/// A Windows program under a PDF's name.
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.";

async fn english<S: Store>(app: &TestApp<S>, who: &[&Person]) {
    for p in who {
        app.store
            .set_user_language(p.user.id, Some(Language::En))
            .await
            .expect("language saved");
    }
}

async fn post<S: Store>(
    app: &TestApp<S>,
    who: &Person,
    path: &str,
    fields: &[(String, String)],
) -> (u16, String) {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = app.post_as(&who.b, path, &pairs).await;
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

async fn handovers_and_bulk_work_are_refused_in_the_readers_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    english(&app, &[&o.manager, &o.other_manager]).await;
    let fatima = o.colleague.user.id.to_string();
    let joost = o.involved.user.id.to_string();
    let c1 = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let c2 = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    for c in [&c1, &c2] {
        done(
            &app,
            &o.manager,
            c,
            "afhandelaar",
            &[("afhandelaar", &fatima)],
        )
        .await;
    }
    let handover = format!("/medewerkers/{fatima}/overdracht");
    let (k1, k2) = (format!("klacht-{c1}"), format!("klacht-{c2}"));

    // Overdracht: the domain's refusal at one line (it used to be Dutch
    // for everyone), and a choice that is nobody at the other.
    let (status, page) = post(
        &app,
        &o.manager,
        &handover,
        &pairs(&[(&k1, &joost), (&k2, "niemand")]),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        page.contains(&format!("id=\"{k1}-fout\">{INVOLVED_EN}")),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "id=\"{k2}-fout\">Choose who takes this over (yourself or someone from your team)."
        )),
        "{page}"
    );
    assert!(!page.contains(INVOLVED_NL), "{page}");
    assert!(!page.contains("Kies aan wie u dit overdraagt"), "{page}");
    // The quality manager reads Dutch: as before.
    let (status, page) = post(&app, &o.quality, &handover, &pairs(&[(&k1, &joost)])).await;
    assert_eq!(status, 422);
    assert!(
        page.contains(&format!("id=\"{k1}-fout\">{INVOLVED_NL}")),
        "{page}"
    );
    // Another team's manager, in English; an employee, in Dutch.
    let r = app.get_as(&o.other_manager.b, &handover).await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.expect("body");
    assert!(
        page.contains(&format!(
            "You cannot hand over the work of {}: only that of your own team.",
            o.colleague.user.name
        )),
        "{page}"
    );
    let r = app.get_as(&o.employee.b, &handover).await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Overdracht is voor leidinggevenden, de kwaliteitsmanager en de directeur."),
        "{page}"
    );

    // The bulk reassignment of Mijn klachten: the reason at the row.
    let reassign = |to: &str| {
        pairs(&[
            ("klacht", c1.as_str()),
            ("klacht", c2.as_str()),
            ("afhandelaar", to),
        ])
    };
    let (status, page) = post(&app, &o.manager, "/klachten/toewijzen", &reassign(&joost)).await;
    assert_eq!(status, 422);
    assert!(page.contains(INVOLVED_EN), "{page}");
    assert!(!page.contains(INVOLVED_NL), "{page}");
    // Hans may not see Margriet's complaints.
    let (status, page) = post(
        &app,
        &o.other_manager,
        "/klachten/toewijzen",
        &reassign(&o.outsider.user.id.to_string()),
    )
    .await;
    assert_eq!(status, 403);
    assert!(
        page.contains("You cannot assign a handler to every complaint you chose."),
        "{page}"
    );
    assert!(
        !page.contains("U kunt niet aan alle gekozen klachten"),
        "{page}"
    );

    // The bulk classification: a category not on the list, at the field.
    let classify = |category: &str, cause: &str| {
        pairs(&[
            ("klacht", c1.as_str()),
            ("klacht", c2.as_str()),
            ("categorie", category),
            ("oorzaak", cause),
        ])
    };
    let (status, page) = post(&app, &o.manager, "/klachten/indelen", &classify("Ufo", "")).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("is not in the list of categories; choose from: "),
        "{page}"
    );
    assert!(!page.contains("staat niet in de lijst"), "{page}");
    let (status, page) = post(&app, &o.manager, "/klachten/indelen", &classify("", "")).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Choose a category, a cause or both."),
        "{page}"
    );
    // Margriet in Dutch: the same refusals as before.
    app.store
        .set_user_language(o.manager.user.id, Some(Language::Nl))
        .await
        .expect("language saved");
    let (status, page) = post(&app, &o.manager, "/klachten/toewijzen", &reassign(&joost)).await;
    assert_eq!(status, 422);
    assert!(page.contains(INVOLVED_NL), "{page}");
    assert!(!page.contains(INVOLVED_EN), "{page}");
    let (status, page) = post(&app, &o.manager, "/klachten/indelen", &classify("Ufo", "")).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("staat niet in de lijst van categorieën; kies uit: "),
        "{page}"
    );
    // Piet may not classify: the permission, with the action in English.
    english(&app, &[&o.employee]).await;
    let (status, page) = post(
        &app,
        &o.employee,
        "/klachten/indelen",
        &classify("Facturatie", ""),
    )
    .await;
    assert_eq!(status, 403);
    assert!(!page.contains("Geen toestemming voor"), "{page}");
    assert!(!page.contains("indeling vastleggen"), "{page}");
}

async fn administration_and_views_refuse_in_the_readers_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    english(&app, &[&o.admin, &o.quality]).await;

    // A category that exists: the list names its kind in English.
    let (status, html) = post(
        &app,
        &o.admin,
        "/beheer/lijst/categorieen",
        &pairs(&[("naam", "PLANNING")]),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("The category &#39;PLANNING&#39; already exists."),
        "{html}"
    );
    assert!(!html.contains("bestaat al"), "{html}");
    let (status, html) = post(
        &app,
        &o.admin,
        "/beheer/lijst/oorzaken",
        &pairs(&[("naam", " ")]),
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("The name of the cause is missing."), "{html}");

    // An address that is taken, a date out of range.
    let manager = o.manager.user.id.to_string();
    let user = pairs(&[
        ("email", "PIET@focus.example"),
        ("naam", "Piet Tweede"),
        ("rol", "employee"),
        ("leidinggevende", &manager),
        ("wachtwoord", "geheim wachtwoord 1"),
    ]);
    let (status, html) = post(&app, &o.admin, "/beheer/gebruikers", &user).await;
    assert_eq!(status, 422);
    assert!(
        html.contains("A user with the email address piet@focus.example already exists."),
        "{html}"
    );
    assert!(!html.contains("Er bestaat al"), "{html}");
    let (status, html) = post(
        &app,
        &o.admin,
        "/beheer/kalender/sluitingsdagen",
        &pairs(&[("datum", "1999-12-24")]),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Choose a date between 2000 and 2999."),
        "{html}"
    );

    // A Dutch administrator: the same sentences as before.
    app.store
        .set_user_language(o.admin.user.id, Some(Language::Nl))
        .await
        .expect("language saved");
    let (status, html) = post(&app, &o.admin, "/beheer/gebruikers", &user).await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Er bestaat al een gebruiker met het e-mailadres piet@focus.example. Kies een ander adres of wijzig de bestaande gebruiker."),
        "{html}"
    );
    let (status, html) = post(
        &app,
        &o.admin,
        "/beheer/kalender/sluitingsdagen",
        &pairs(&[("datum", "1999-12-24")]),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Kies een datum tussen 2000 en 2999."),
        "{html}"
    );

    // A saved view without a name: English for the quality manager, Dutch
    // for the director.
    let view = pairs(&[("naam", "  "), ("filter", "")]);
    let (status, html) = post(&app, &o.quality, "/overzicht/weergaven", &view).await;
    assert_eq!(status, 422);
    assert!(html.contains("Give the view a name."), "{html}");
    let (status, html) = post(&app, &o.director, "/overzicht/weergaven", &view).await;
    assert_eq!(status, 422);
    assert!(html.contains("Geef de weergave een naam."), "{html}");
}

fn part(name: &str, data: &[u8], mime: &str) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(data.to_vec())
        .file_name(name.to_owned())
        .mime_str(mime)
        .expect("mime")
}

/// "Bijlage toevoegen" on the complaint page.
async fn add_files<S: Store>(
    app: &TestApp<S>,
    b: &Browser,
    id: &str,
    files: &[(&str, &[u8], &str)],
) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new().text("csrf", b.csrf.clone());
    for (name, data, mime) in files {
        form = form.part("bijlagen", part(name, data, mime));
    }
    let r = app
        .client
        .post(app.url(&format!("/klachten/{id}/bijlagen")))
        .header("cookie", &b.cookie)
        .multipart(form)
        .send()
        .await
        .expect("sent");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

/// Files through the API, in `language` when given.
async fn api_files<S: Store>(
    app: &TestApp<S>,
    token: &str,
    id: &str,
    language: Option<&str>,
    files: &[(&str, &[u8], &str)],
) -> api_support::Answer {
    let mut form = reqwest::multipart::Form::new();
    for (name, data, mime) in files {
        form = form.part("files", part(name, data, mime));
    }
    let mut req = app
        .client
        .post(app.url(&format!("/api/v1/complaints/{id}/attachments")))
        .bearer_auth(token)
        .multipart(form);
    if let Some(l) = language {
        req = req.header("accept-language", l);
    }
    app.send(req).await
}

async fn refused_files_are_named_in_the_readers_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    english(&app, &[&o.employee]).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;

    // On the complaint page: a program that calls itself a PDF, too many.
    let exe = [("factuur.pdf", EXE, "application/pdf")];
    let (status, page) = add_files(&app, &o.employee.b, &id, &exe).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("&#39;factuur.pdf&#39; is not a PDF, JPEG, PNG or Word file (.docx)."),
        "{page}"
    );
    assert!(!page.contains("is geen PDF"), "{page}");
    let four = [("a.png", PNG, "image/png"); 4];
    let (status, page) = add_files(&app, &o.employee.b, &id, &four).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("You can send at most 3 files; you chose 4."),
        "{page}"
    );
    // A PNG under a PDF's name, and an empty file: both named.
    let two = [
        ("foto.pdf", PNG, "application/pdf"),
        ("leeg.pdf", b"".as_slice(), "application/pdf"),
    ];
    let (status, page) = add_files(&app, &o.employee.b, &id, &two).await;
    assert_eq!(status, 422);
    assert!(
        page.contains(
            "&#39;foto.pdf&#39; is a PNG image, but its name does not end in .png. \
             &#39;leeg.pdf&#39; is empty."
        ),
        "{page}"
    );
    // Margriet reads Dutch: as before.
    let (status, page) = add_files(&app, &o.manager.b, &id, &two).await;
    assert_eq!(status, 422);
    assert!(
        page.contains(
            "&#39;foto.pdf&#39; is een PNG-afbeelding, maar de naam eindigt niet op .png. \
             &#39;leeg.pdf&#39; is leeg."
        ),
        "{page}"
    );

    // Through the API: the problem follows Accept-Language.
    let piet = api_support::token(&app, &o.employee.user).await;
    let api_id = api_support::register(
        &app,
        &piet,
        &api_support::intake(
            &api_support::yesterday(),
            &[&o.involved.user],
            "Met een brief",
        ),
    )
    .await;
    let exe = [("virus.pdf", EXE, "application/pdf")];
    let r = api_files(&app, &piet, &api_id, Some("en"), &exe).await;
    let p = r.problem(415);
    assert_eq!(
        p["detail"],
        "'virus.pdf' is not a PDF, JPEG, PNG or Word file (.docx)."
    );
    let r = api_files(&app, &piet, &api_id, None, &exe).await;
    assert_eq!(
        r.problem(415)["detail"],
        "'virus.pdf' is geen PDF, JPEG, PNG of Word-bestand (.docx)."
    );
    let four = [("a.png", PNG, "image/png"); 4];
    let r = api_files(&app, &piet, &api_id, Some("en"), &four).await;
    let p = r.problem(422);
    assert_eq!(p["errors"][0]["field"], "files");
    assert_eq!(
        p["errors"][0]["message"],
        "You can send at most 3 files; you chose 4."
    );
    let mut big = PDF.to_vec();
    big.resize(klacht_app::public::MAX_FILE_BYTES + 1, b' ');
    let r = api_files(
        &app,
        &piet,
        &api_id,
        Some("en"),
        &[("groot.pdf", &big, "application/pdf")],
    )
    .await;
    assert_eq!(
        r.problem(413)["detail"],
        "'groot.pdf' is too large (at most 5 MB per file)."
    );
}

/// The public form: an English complainant is told which file and why,
/// where an English form used to say only that a file was refused.
async fn the_public_form_names_refused_files_in_english<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let v = public_support::open_form(&app).await;
    let filing = |language: &str| {
        public_support::Filing::new("Anna", "anna@example.nl")
            .set("taal", language)
            .file("factuur.pdf", EXE, "application/pdf")
    };
    let r = public_support::file(&app, &v, &filing("en")).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("&#39;factuur.pdf&#39; is not a PDF, JPEG, PNG or Word file (.docx)."),
        "{page}"
    );
    assert!(!page.contains("is geen PDF"), "{page}");
    let r = public_support::file(&app, &v, &filing("nl")).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("&#39;factuur.pdf&#39; is geen PDF, JPEG, PNG of Word-bestand (.docx)."),
        "{page}"
    );
}

store_tests!(
    the_public_form_names_refused_files_in_english,
    handovers_and_bulk_work_are_refused_in_the_readers_language,
    administration_and_views_refuse_in_the_readers_language,
    refused_files_are_named_in_the_readers_language,
);
