//! The complaint's PDF documents and the dossier over HTTP: a complaint
//! walked to closing in the browser (or closed through the API) is filed
//! with its frozen PDF and JSON record; the dossier page is for the quality
//! manager and the director; the documents follow the complaint page's
//! rules, on the pages and in the API.

use crate::common;
use crate::complaints_support;

use common::{TestApp, spawn_app};
use complaints_support::{Intake, Org, Person, done, org, register, today};
use klacht_store::{DossierDocument, Store, sha256_hex, store_tests};
use secrecy::ExposeSecret;

fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let dir = std::env::temp_dir().join(format!("klacht-web-pdf-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils, scripts/install-test-deps)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn get<S: Store>(app: &TestApp<S>, who: &Person, path: &str) -> (u16, String, Vec<u8>) {
    let r = app.get_as(&who.b, path).await;
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, r.bytes().await.expect("body").to_vec())
}

/// Registered by Piet, handled by Fatima up to the offer.
async fn up_to_the_offer<S: Store>(app: &TestApp<S>, o: &Org) -> String {
    let today = today();
    let id = register(app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    done(
        app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    done(
        app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", &today),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld; excuses aangeboden."),
        ],
    )
    .await;
    done(
        app,
        &o.colleague,
        &id,
        "oordeel",
        &[
            ("oordeel", "founded"),
            ("onderbouwing", "Bezoeken niet nagekomen."),
        ],
    )
    .await;
    id
}

async fn make_offer<S: Store>(app: &TestApp<S>, o: &Org, id: &str) {
    done(
        app,
        &o.colleague,
        id,
        "aanbod",
        &[
            ("soort", "compensation"),
            ("omschrijving", "Een bos bloemen en een extra bezoek."),
            ("waarde", "25,00"),
            ("datum", &today()),
        ],
    )
    .await;
    done(
        app,
        &o.colleague,
        id,
        "reactie",
        &[("aanvaard", "ja"), ("tevredenheid", "4")],
    )
    .await;
    done(app, &o.colleague, id, "formulier-verstuurd", &[]).await;
}

async fn closed_in_the_browser_the_complaint_is_filed_and_in_the_dossier<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = up_to_the_offer(&app, &o).await;
    let reference = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored")
        .0
        .reference
        .to_string();

    // The form as PDF for whoever may see the complaint.
    let (status, kind, pdf) =
        get(&app, &o.employee, &format!("/klachten/{id}/formulier.pdf")).await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    let text = pdf_text(&pdf);
    for expected in [
        "Klachtenformulier",
        reference.as_str(),
        "Mevrouw J. de Vries",
        "De begeleider kwam twee keer niet opdagen.",
        "Klager gebeld; excuses aangeboden.",
        "Afgedrukt",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let (status, ..) = get(&app, &o.outsider, &format!("/klachten/{id}/formulier.pdf")).await;
    assert_eq!(status, 404, "out of sight is not found");
    // No offer yet: no letter, and no link to one.
    let (status, ..) = get(&app, &o.colleague, &format!("/klachten/{id}/aanbod.pdf")).await;
    assert_eq!(status, 404);
    let page = complaints_support::detail(&app, &o.colleague, &id).await;
    assert!(page.contains("id=\"form-pdf\"") && !page.contains("id=\"offer-pdf\""));

    make_offer(&app, &o, &id).await;
    let page = complaints_support::detail(&app, &o.colleague, &id).await;
    assert!(page.contains(&format!("href=\"/klachten/{id}/aanbod.pdf\"")));
    let (status, kind, letter) =
        get(&app, &o.colleague, &format!("/klachten/{id}/aanbod.pdf")).await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    let text = pdf_text(&letter);
    for expected in [
        "Bevestiging van ons aanbod",
        "Mevrouw J. de Vries",
        "Dorpsstraat 1",
        reference.as_str(),
        "Een bos bloemen en een extra bezoek.",
        "€ 25,00",
        "Focus",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }

    // The quality manager closes: the complaint is filed at once.
    assert!(
        app.store
            .dossier_entry(id.parse().expect("id"))
            .await
            .expect("entry")
            .is_none()
    );
    done(
        &app,
        &o.quality,
        &id,
        "afsluiten",
        &[("toelichting", "Netjes afgehandeld.")],
    )
    .await;
    let entry = app
        .store
        .dossier_entry(id.parse().expect("id"))
        .await
        .expect("entry")
        .expect("filed on closing");
    assert_eq!(entry.reference.to_string(), reference);

    // The dossier page: quality manager and director only.
    for who in [&o.employee, &o.colleague, &o.manager, &o.admin] {
        let (status, ..) = get(&app, who, "/dossier").await;
        assert_eq!(status, 403, "{}", who.user.name);
        let (status, ..) = get(&app, who, &format!("/dossier/{id}/formulier.pdf")).await;
        assert_eq!(status, 403, "{}", who.user.name);
    }
    let (status, _, page) = get(&app, &o.director, "/dossier").await;
    assert_eq!(status, 200);
    let page = String::from_utf8_lossy(&page).into_owned();
    assert!(
        page.contains(&format!("data-reference=\"{reference}\"")),
        "{page}"
    );
    assert!(page.contains(&entry.pdf_sha256) && page.contains(&entry.record_sha256));
    for (query, found) in [
        ("?zoek=vries", true),
        (&format!("?zoek={reference}")[..], true),
        ("?zoek=planning", true),
        ("?zoek=bakker", false),
        ("?jaar=1999", false),
    ] {
        let (_, _, page) = get(&app, &o.quality, &format!("/dossier{query}")).await;
        let page = String::from_utf8_lossy(&page);
        assert_eq!(
            page.contains(&format!("data-reference=\"{reference}\"")),
            found,
            "{query}"
        );
    }

    // The frozen documents, byte for byte what was sealed.
    let (status, kind, pdf) = get(
        &app,
        &o.quality,
        &format!("/dossier/{reference}/formulier.pdf"),
    )
    .await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    assert_eq!(sha256_hex(&pdf), entry.pdf_sha256);
    let text = pdf_text(&pdf);
    assert!(text.contains("Opgeborgen in het klachtendossier"), "{text}");
    assert!(text.contains("Netjes afgehandeld."), "{text}");
    let (status, kind, record) =
        get(&app, &o.quality, &format!("/dossier/{id}/dossier.json")).await;
    assert_eq!((status, kind.as_str()), (200, "application/json"));
    assert_eq!(sha256_hex(&record), entry.record_sha256);
    let stored = app
        .store
        .dossier_document(id.parse().expect("id"), DossierDocument::Record)
        .await
        .expect("record")
        .expect("stored");
    assert_eq!(record, stored);
    let json: serde_json::Value = serde_json::from_slice(&record).expect("JSON");
    assert_eq!(json["complaint"]["reference"], reference.as_str());
    assert_eq!(json["chain"]["head"], entry.chain_head.as_str());

    let report = klacht_app::dossier::verify(&app.store)
        .await
        .expect("verify");
    assert!(report.ok(), "{:?}", report.broken);
    assert_eq!(report.filed, 1);
}

async fn token<S: Store>(app: &TestApp<S>, who: &Person) -> String {
    klacht_app::auth::issue_api_token(&app.store, &who.user, klacht_clock::test_now())
        .await
        .expect("token")
        .expose_secret()
        .to_owned()
}

async fn api_get<S: Store>(app: &TestApp<S>, token: &str, path: &str) -> (u16, String, Vec<u8>) {
    let r = app
        .client
        .get(app.url(&format!("/api/v1{path}")))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent");
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, r.bytes().await.expect("body").to_vec())
}

async fn the_api_serves_the_documents_and_files_on_closing<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = up_to_the_offer(&app, &o).await;
    let fatima = token(&app, &o.colleague).await;
    let anouk = token(&app, &o.outsider).await;
    let tom = token(&app, &o.admin).await;
    let sanne = token(&app, &o.quality).await;

    let (status, kind, pdf) = api_get(&app, &fatima, &format!("/complaints/{id}/form.pdf")).await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    assert!(pdf_text(&pdf).contains("Klachtenformulier"));
    let (status, kind, _) = api_get(&app, &anouk, &format!("/complaints/{id}/form.pdf")).await;
    assert_eq!((status, kind.as_str()), (404, "application/problem+json"));
    let (status, _, _) = api_get(&app, &tom, &format!("/complaints/{id}/form.pdf")).await;
    assert_eq!(status, 403);
    let (status, _, _) = api_get(&app, "geen-token", &format!("/complaints/{id}/form.pdf")).await;
    assert_eq!(status, 401);
    let (status, kind, body) =
        api_get(&app, &fatima, &format!("/complaints/{id}/offer-letter.pdf")).await;
    assert_eq!((status, kind.as_str()), (404, "application/problem+json"));
    assert!(String::from_utf8_lossy(&body).contains("nog geen aanbod"));

    make_offer(&app, &o, &id).await;
    let (status, kind, letter) =
        api_get(&app, &fatima, &format!("/complaints/{id}/offer-letter.pdf")).await;
    assert_eq!((status, kind.as_str()), (200, "application/pdf"));
    assert!(pdf_text(&letter).contains("Bevestiging van ons aanbod"));

    // Closing through the API files the complaint too.
    let r = app
        .client
        .post(app.url(&format!("/api/v1/complaints/{id}/close")))
        .bearer_auth(&sanne)
        .json(&serde_json::json!({"note": "Via de API afgesloten."}))
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let entry = app
        .store
        .dossier_entry(id.parse().expect("id"))
        .await
        .expect("entry")
        .expect("filed on closing");
    let pdf = app
        .store
        .dossier_document(id.parse().expect("id"), DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");
    assert_eq!(sha256_hex(&pdf), entry.pdf_sha256);
    assert!(pdf_text(&pdf).contains("Via de API afgesloten."));
}

store_tests!(
    closed_in_the_browser_the_complaint_is_filed_and_in_the_dossier,
    the_api_serves_the_documents_and_files_on_closing,
);
