//! Files for staff (issue 15 §7): staff intake and the complaint page take
//! attachments with the public form's limits and content checks, the
//! timeline says who added what, images and PDFs preview, and the API
//! takes `multipart/form-data`.

use crate::api_support;
use crate::common::{Browser, TestApp, delivered, spawn_app, spawn_app_with};
use crate::complaints_support::{Intake, Person, detail, follow, org, register};

use klacht_store::{Store, store_tests};
use serde_json::{Value, json};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0];
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
/// A Windows program under a PDF's name.
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.";

fn part(name: &str, data: &[u8], mime: &str) -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(data.to_vec())
        .file_name(name.to_owned())
        .mime_str(mime)
        .expect("mime")
}

/// Posts the intake form as the browser does with `enctype=multipart`.
async fn post_intake_with<S: Store>(
    app: &TestApp<S>,
    b: &Browser,
    intake: &Intake,
    files: &[(&str, &[u8], &str)],
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().text("csrf", b.csrf.clone());
    for (k, v) in &intake.fields {
        form = form.text(k.clone(), v.clone());
    }
    for (name, data, mime) in files {
        form = form.part("bijlagen", part(name, data, mime));
    }
    form = form.text("actie", "registreren");
    app.client
        .post(app.url("/klachten/nieuw"))
        .header("cookie", &b.cookie)
        .multipart(form)
        .send()
        .await
        .expect("sent")
}

async fn add_files<S: Store>(
    app: &TestApp<S>,
    b: &Browser,
    id: &str,
    files: &[(&str, &[u8], &str)],
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().text("csrf", b.csrf.clone());
    for (name, data, mime) in files {
        form = form.part("bijlagen", part(name, data, mime));
    }
    app.client
        .post(app.url(&format!("/klachten/{id}/bijlagen")))
        .header("cookie", &b.cookie)
        .multipart(form)
        .send()
        .await
        .expect("sent")
}

/// The `href`s of the attachments on the page, in order.
fn attachment_links(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<a href=\"/klachten/") {
        rest = &rest[at + "<a href=\"".len()..];
        let href = rest.split('"').next().unwrap_or_default();
        if href.contains("/bijlagen/") && !out.iter().any(|h| h == href) {
            out.push(href.to_owned());
        }
    }
    out
}

async fn download<S: Store>(app: &TestApp<S>, who: &Person, href: &str) -> reqwest::Response {
    app.get_as(&who.b, href).await
}

fn header<'a>(r: &'a reqwest::Response, name: &str) -> &'a str {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

async fn staff_intake_takes_a_scanned_letter_and_a_photo<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let intake = Intake::complaint(&o.involved.user);
    let r = post_intake_with(
        &app,
        &o.employee.b,
        &intake,
        &[
            ("brief.pdf", PDF, "application/pdf"),
            // What the browser claims does not count; the content does.
            ("foto.jpg", JPEG, "application/octet-stream"),
        ],
    )
    .await;
    let page = follow(&app, &o.employee, r).await;
    assert!(page.contains("geregistreerd"), "{page}");
    // Both on the page, the photo as a thumbnail, the PDF to open.
    let links = attachment_links(&page);
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(
        page.contains(&format!("<img src=\"{}\"", links[1])),
        "{page}"
    );
    assert!(!page.contains(&format!("<img src=\"{}\"", links[0])));
    assert!(page.contains(&format!("<a href=\"{}\" target=\"_blank\"", links[0])));
    // The timeline names them, with who added them.
    assert!(
        page.contains("Bijlagen toegevoegd: brief.pdf, foto.jpg"),
        "{page}"
    );
    // The photo comes back as it was sent, typed by its content, shown
    // in the page but never sniffed.
    let r = download(&app, &o.employee, &links[1]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "content-type"), "image/jpeg");
    assert!(header(&r, "content-disposition").starts_with("inline; filename=\"foto.jpg\""));
    assert_eq!(header(&r, "x-content-type-options"), "nosniff");
    assert_eq!(r.bytes().await.expect("bytes").as_ref(), JPEG);
    let r = download(&app, &o.employee, &links[0]).await;
    assert_eq!(header(&r, "content-type"), "application/pdf");
    assert!(header(&r, "content-disposition").starts_with("inline;"));
    // Someone who may not see the complaint: as if there were no file.
    let r = download(&app, &o.outsider, &links[1]).await;
    assert_eq!(r.status(), 404);
}

async fn staff_intake_refuses_a_disguised_program_and_keeps_what_was_typed<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let intake = Intake::complaint(&o.involved.user).set(
        "omschrijving",
        "Brief van de klager over de gemiste afspraken.",
    );
    let r = post_intake_with(
        &app,
        &o.employee.b,
        &intake,
        &[("factuur.pdf", EXE, "application/pdf")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("&#39;factuur.pdf&#39; is geen PDF, JPEG, PNG of Word-bestand")
            || page.contains("'factuur.pdf' is geen PDF, JPEG, PNG of Word-bestand"),
        "{page}"
    );
    assert!(page.contains("Brief van de klager over de gemiste afspraken."));
    assert!(page.contains("Kies de bijlagen opnieuw"), "{page}");
    assert!(page.contains("id=\"bijlagen-fout\""));
    assert_eq!(app.store.count_complaints().await.expect("count"), 0);

    // Too large: refused by size, 413, still with what was typed.
    let big = {
        let mut data = PDF.to_vec();
        data.resize(klacht_app::public::MAX_FILE_BYTES + 1, b' ');
        data
    };
    let r = post_intake_with(
        &app,
        &o.employee.b,
        &intake,
        &[("groot.pdf", &big, "application/pdf")],
    )
    .await;
    assert_eq!(r.status(), 413);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("te groot (hoogstens 5 MB per bestand)"),
        "{page}"
    );
    assert!(page.contains("Brief van de klager over de gemiste afspraken."));

    // Too many.
    let four = [("a.png", PNG, "image/png"); 4];
    let r = post_intake_with(&app, &o.employee.b, &intake, &four).await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("hoogstens 3 bestanden")
    );
    assert_eq!(app.store.count_complaints().await.expect("count"), 0);

    // Without files the multipart form registers as before.
    let id = {
        let r = post_intake_with(&app, &o.employee.b, &intake, &[]).await;
        assert_eq!(r.status(), 303);
        crate::complaints_support::location(&r)
    };
    assert!(id.starts_with("/klachten/"));
}

async fn the_complaint_page_adds_a_file_to_the_timeline<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    // Who may act on it gets the form; the page has no file yet.
    let page = detail(&app, &o.manager, &id).await;
    assert!(page.contains("Bijlage toevoegen"), "{page}");
    assert!(page.contains("Nog geen bijlagen."));
    assert!(page.contains("enctype=\"multipart/form-data\""));

    let r = add_files(&app, &o.manager.b, &id, &[("foto.png", PNG, "image/png")]).await;
    let page = follow(&app, &o.manager, r).await;
    assert!(page.contains("Bijlage foto.png toegevoegd"), "{page}");
    assert!(page.contains("Bijlage toegevoegd: foto.png"), "{page}");
    let links = attachment_links(&page);
    assert_eq!(links.len(), 1);
    assert!(page.contains(&format!("<img src=\"{}\"", links[0])));
    // The timeline says who.
    let at = page.find("Bijlage toegevoegd: foto.png").expect("event");
    let item = &page[page[..at].rfind("<li").expect("item")..at];
    assert!(item.contains(&o.manager.user.name), "{item}");
    // The registrant sees it too.
    let page = detail(&app, &o.employee, &id).await;
    assert_eq!(attachment_links(&page), links);

    // A refused file: the page again, message at the form, nothing added.
    let r = add_files(
        &app,
        &o.manager.b,
        &id,
        &[("virus.pdf", EXE, "application/pdf")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("id=\"bijlage-fout\""), "{page}");
    assert!(page.contains("Kies de bestanden opnieuw"));
    assert_eq!(attachment_links(&page), links);

    // Not visible to another team: 404 for adding and for the file.
    let r = add_files(&app, &o.outsider.b, &id, &[("foto.png", PNG, "image/png")]).await;
    assert_eq!(r.status(), 404);
    let r = app.get_as(&o.outsider.b, &links[0]).await;
    assert_eq!(r.status(), 404);
    let page = detail(&app, &o.quality, &id).await;
    assert_eq!(attachment_links(&page).len(), 1);
}

/// Someone else's file reaches the afhandelaar (here the responsible
/// manager, as nobody handles it yet) by mail; one's own does not.
async fn the_manager_hears_of_a_file_someone_else_added<S: Store>(store: S) {
    let Some(smtp) = klacht_mail::testing::SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| {
        s.with_mail(
            klacht_app::notify::Notifier::new(klacht_mail::MailContext::new(
                "Focus",
                "https://klachten.focus.example",
            )),
            Some(url),
        )
    })
    .await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let before = delivered(&app.store, &smtp).await.len();
    let r = add_files(
        &app,
        &o.employee.b,
        &id,
        &[
            ("brief.pdf", PDF, "application/pdf"),
            ("foto.png", PNG, "image/png"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = add_files(
        &app,
        &o.manager.b,
        &id,
        &[("notitie.pdf", PDF, "application/pdf")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let received = delivered(&app.store, &smtp).await;
    let notices: Vec<_> = received
        .iter()
        .filter(|m| m.subject.contains("toegevoegd"))
        .collect();
    assert_eq!(notices.len(), 1, "{received:?}");
    assert_eq!(received.len(), before + 1, "nothing else");
    let notice = notices[0];
    assert!(
        notice.to.contains(o.manager.user.email.as_str()),
        "{}",
        notice.to
    );
    assert!(
        notice.subject.ends_with(": bijlagen toegevoegd"),
        "{}",
        notice.subject
    );
    assert!(
        notice.text.contains(&o.employee.user.name)
            && notice.text.contains("- brief.pdf")
            && notice.text.contains("- foto.png")
            && notice.text.contains(&format!("/klachten/{id}#attachments")),
        "{}",
        notice.text
    );
}

fn api_form(complaint: Option<&Value>, files: &[(&str, &[u8], &str)]) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    if let Some(c) = complaint {
        form = form.part(
            "complaint",
            reqwest::multipart::Part::text(c.to_string())
                .mime_str("application/json")
                .expect("mime"),
        );
    }
    for (name, data, mime) in files {
        form = form.part("files", part(name, data, mime));
    }
    form
}

async fn api_multipart<S: Store>(
    app: &TestApp<S>,
    token: &str,
    path: &str,
    form: reqwest::multipart::Form,
) -> api_support::Answer {
    app.send(
        app.client
            .post(app.url(&format!("/api/v1{path}")))
            .bearer_auth(token)
            .multipart(form),
    )
    .await
}

async fn the_api_takes_files_at_intake_and_after<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = api_support::org(&app).await;
    let piet = api_support::token(&app, &o.piet).await;
    let anouk = api_support::token(&app, &o.anouk).await;
    let body = api_support::intake(
        &api_support::yesterday(),
        &[&o.joost],
        "Met een ingescande brief",
    );
    let r = api_multipart(
        &app,
        &piet,
        "/complaints",
        api_form(Some(&body), &[("brief.pdf", PDF, "application/pdf")]),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.body["id"].as_str().expect("id").to_owned();
    let r = app
        .api_get(&piet, &format!("/complaints/{id}/attachments"))
        .await;
    let list = r.ok()["attachments"].as_array().expect("list").clone();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["file_name"], "brief.pdf");
    assert_eq!(list[0]["content_type"], "application/pdf");
    assert_eq!(list[0]["size_bytes"], PDF.len());
    let href = list[0]["href"].as_str().expect("href");
    let file = app
        .client
        .get(app.url(href))
        .bearer_auth(&piet)
        .send()
        .await
        .expect("sent");
    assert_eq!(file.status(), 200);
    assert_eq!(header(&file, "content-type"), "application/pdf");
    assert_eq!(file.bytes().await.expect("bytes").as_ref(), PDF);

    // Added later, by who registered it: 201 with the new file; the
    // timeline names it.
    let r = api_multipart(
        &app,
        &piet,
        &format!("/complaints/{id}/attachments"),
        api_form(None, &[("foto.png", PNG, "image/png")]),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["attachments"][0]["file_name"], "foto.png");
    let c = app.api_get(&piet, &format!("/complaints/{id}")).await;
    assert!(
        c.text.contains("Bijlage toegevoegd: foto.png"),
        "{}",
        c.text
    );

    // Refusals are problems: the type (415), the count (422), too large
    // (413), no files (422), the JSON part missing (422), another team (404).
    let r = api_multipart(
        &app,
        &piet,
        &format!("/complaints/{id}/attachments"),
        api_form(None, &[("virus.pdf", EXE, "application/pdf")]),
    )
    .await;
    assert_eq!(r.problem(415)["code"], "unsupported_media_type");
    let r = api_multipart(
        &app,
        &piet,
        &format!("/complaints/{id}/attachments"),
        api_form(None, &[("a.png", PNG, "image/png"); 4]),
    )
    .await;
    r.problem(422);
    assert_eq!(r.fields(), vec!["files".to_owned()]);
    let mut big = PDF.to_vec();
    big.resize(klacht_app::public::MAX_FILE_BYTES + 1, b' ');
    let r = api_multipart(
        &app,
        &piet,
        &format!("/complaints/{id}/attachments"),
        api_form(None, &[("groot.pdf", &big, "application/pdf")]),
    )
    .await;
    assert_eq!(r.problem(413)["code"], "payload_too_large");
    let r = api_multipart(
        &app,
        &piet,
        &format!("/complaints/{id}/attachments"),
        api_form(None, &[]).text("note", "geen bestand"),
    )
    .await;
    r.problem(422);
    let r = api_multipart(
        &app,
        &piet,
        "/complaints",
        api_form(None, &[("brief.pdf", PDF, "application/pdf")]),
    )
    .await;
    r.problem(422);
    assert_eq!(r.fields(), vec!["complaint".to_owned()]);
    let mut wrong = body.clone();
    wrong["channel"] = json!("duif");
    let r = api_multipart(&app, &piet, "/complaints", api_form(Some(&wrong), &[])).await;
    r.problem(422);
    assert_eq!(r.fields(), vec!["complaint.channel".to_owned()]);
    let r = api_multipart(
        &app,
        &anouk,
        &format!("/complaints/{id}/attachments"),
        api_form(None, &[("foto.png", PNG, "image/png")]),
    )
    .await;
    r.problem(404);
    app.api_get(&anouk, &format!("/complaints/{id}/attachments"))
        .await
        .problem(404);
    let r = app
        .api_get(&anouk, href.trim_start_matches("/api/v1"))
        .await;
    r.problem(404);
    // Still the two files, nothing of the refusals.
    let r = app
        .api_get(&piet, &format!("/complaints/{id}/attachments"))
        .await;
    assert_eq!(r.ok()["attachments"].as_array().map(Vec::len), Some(2));
}

store_tests!(
    the_manager_hears_of_a_file_someone_else_added,
    staff_intake_takes_a_scanned_letter_and_a_photo,
    staff_intake_refuses_a_disguised_program_and_keeps_what_was_typed,
    the_complaint_page_adds_a_file_to_the_timeline,
    the_api_takes_files_at_intake_and_after,
);
