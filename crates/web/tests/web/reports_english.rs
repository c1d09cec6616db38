//! Issue #18: the quality manager's figures and documents in the user's
//! language: the dashboard, the yearly report (page and PDF), the exports
//! of the overview and the complaint form PDF. Dutch stays as it was.

use crate::common;
use crate::report::pdf_text;
use crate::reports_support;

use std::io::Read;

use common::{Browser, TestApp, assert_speaks, spawn_app};
use klacht_domain::Language;
use klacht_store::{Store, store_tests};
use reports_support::{data_set, org, year};

/// The page at `path`, without its style sheets (CSS is no text anyone
/// reads).
async fn page<S: Store>(app: &TestApp<S>, b: &Browser, path: &str) -> String {
    let r = app.get_as(b, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    let mut html = r.text().await.expect("body");
    while let Some(start) = html.find("<style") {
        let end = html[start..]
            .find("</style>")
            .map_or(html.len(), |e| start + e + "</style>".len());
        html.replace_range(start..end, "");
    }
    html
}

async fn bytes<S: Store>(app: &TestApp<S>, b: &Browser, path: &str) -> Vec<u8> {
    let r = app.get_as(b, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.bytes().await.expect("body").to_vec()
}

fn no_dutch(text: &str, what: &str) {
    let foreign = klacht_i18n::foreign_words(Language::En, text);
    assert!(foreign.is_empty(), "{what}: {foreign:?} in\n{text}");
}

async fn the_figures_and_documents_speak_the_users_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let set = data_set(&app.store, &org).await;
    let y = year();
    app.store
        .set_user_language(org.quality.id, Some(Language::En))
        .await
        .expect("language");
    let b = app.login(org.quality.email.as_str()).await;

    // The dashboard, of a year and of the last twelve months.
    for (path, want) in [
        (format!("/dashboard?jaar={y}"), "Complaints dashboard"),
        ("/dashboard?periode=12m".to_string(), "to"),
    ] {
        let html = page(&app, &b, &path).await;
        assert_speaks(Language::En, &html, &path);
        assert!(html.contains(want), "{path}: {want:?}");
        assert!(html.contains("Key figures"), "{path}");
        assert!(html.contains("Deadlines per step"), "{path}");
    }
    let html = page(&app, &b, &format!("/dashboard?jaar={y}")).await;
    assert!(html.contains(r#"id="fig-received" data-value="6""#));
    assert!(html.contains(&format!("<tr data-month=\"Mar {y}\">")));
    assert!(html.contains("<th scope=\"row\">contact with the complainant</th>"));
    let html = page(&app, &b, "/dashboard?jaar=twintig").await;
    assert_speaks(Language::En, &html, "a wrong year");
    assert!(html.contains("&#39;twintig&#39; is not a year between 2000"));

    // The yearly report, as a page and as PDF.
    let path = format!("/rapportage/jaarverslag?jaar={y}");
    let html = page(&app, &b, &path).await;
    assert_speaks(Language::En, &html, &path);
    assert!(html.contains(&format!("<h1>Annual complaints report {y}</h1>")));
    assert!(html.contains("Structural patterns and improvement actions"));
    let r = app
        .get_as(&b, &format!("/rapportage/jaarverslag.pdf?jaar={y}"))
        .await;
    assert_eq!(r.status(), 200);
    let disposition = r
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        disposition.contains(&format!("annual-complaints-report-{y}.pdf")),
        "{disposition}"
    );
    let text = pdf_text(&r.bytes().await.expect("pdf"));
    no_dutch(&text, "yearly report PDF");
    for want in ["Summary", "Key figure", "Deadlines", "Page 1 of", "Notes"] {
        assert!(text.contains(want), "{want:?} in {text}");
    }

    // The exports: headings and closed lists in English.
    let csv = String::from_utf8(
        bytes(
            &app,
            &b,
            &format!("/overzicht.csv?van={y}-01-01&tot={y}-12-31"),
        )
        .await,
    )
    .expect("utf-8");
    let header = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .expect("a header")
        .to_string();
    assert!(
        header.starts_with("Reference;Type;Received;Status;"),
        "{header}"
    );
    assert!(header.contains(";Contact: deadline;Contact: done on;Contact: on time;"));
    no_dutch(&header, "CSV header");
    let c1 = csv
        .lines()
        .find(|l| l.starts_with(&set.c1.to_string()))
        .expect("C1 in the export");
    assert!(c1.contains(";complaint;"), "{c1}");
    assert!(c1.contains(";closed;"), "{c1}");
    let xlsx = bytes(&app, &b, "/overzicht.xlsx?status=closed").await;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a zip");
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .expect("shared strings")
        .read_to_string(&mut strings)
        .expect("text");
    assert!(strings.contains("Contact: on time"), "{strings}");
    assert!(!strings.contains("Contact: op tijd"));
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .expect("workbook")
        .read_to_string(&mut book)
        .expect("text");
    assert!(book.contains(r#"name="Complaints""#), "{book}");

    // The complaint form of a complaint with nothing after intake.
    let form = pdf_text(&bytes(&app, &b, &format!("/klachten/{}/formulier.pdf", set.c4)).await);
    no_dutch(&form, "complaint form PDF");
    for want in ["Complaint form", "RECEIPT AND REPORT (STEP 1)", "DEADLINES"] {
        assert!(form.contains(want), "{want:?} in {form}");
    }

    // The director kept Dutch: the same figures and documents as before.
    let b = app.login(org.director.email.as_str()).await;
    for path in [
        format!("/dashboard?jaar={y}"),
        format!("/rapportage/jaarverslag?jaar={y}"),
    ] {
        let html = page(&app, &b, &path).await;
        assert_speaks(Language::Nl, &html, &path);
    }
    let html = page(&app, &b, &format!("/dashboard?jaar={y}")).await;
    assert!(html.contains("Dashboard klachten"));
    assert!(html.contains(&format!("<tr data-month=\"mrt {y}\">")));
    let text = pdf_text(&bytes(&app, &b, &format!("/rapportage/jaarverslag.pdf?jaar={y}")).await);
    assert!(
        text.contains("Samenvatting") && text.contains("Toelichting"),
        "{text}"
    );
    let csv = String::from_utf8(bytes(&app, &b, "/overzicht.csv").await).expect("utf-8");
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("Nummer;Soort;Ontvangen;Status;")
    );
    let form = pdf_text(&bytes(&app, &b, &format!("/klachten/{}/formulier.pdf", set.c4)).await);
    assert!(form.contains("Klachtenformulier"), "{form}");
    assert!(form.contains("ONTVANGST EN MELDING (STAP 1)"), "{form}");
}

store_tests!(the_figures_and_documents_speak_the_users_language,);
