//! The yearly complaint report: the printable page and the PDF, for the
//! quality manager and the director only.

use crate::common;
use crate::reports_support;

use std::process::Command;

use common::spawn_app;
use klacht_store::{Store, store_tests};
use reports_support::{data_set, org, year};

/// The text of a PDF, by poppler's `pdftotext` (scripts/install-test-deps).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("klacht-pdf-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("report.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils: scripts/install-test-deps)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 text")
}

async fn the_report_page_and_pdf_show_the_year<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let _set = data_set(&app.store, &org).await;
    let y = year();

    for u in [&org.manager, &org.employee, &org.admin] {
        let b = app.login(u.email.as_str()).await;
        for path in ["/rapportage/jaarverslag", "/rapportage/jaarverslag.pdf"] {
            assert_eq!(app.get_as(&b, path).await.status(), 403, "{path}");
        }
    }
    assert_eq!(app.get("/rapportage/jaarverslag.pdf").await.status(), 303);

    let b = app.login(org.director.email.as_str()).await;
    let r = app
        .get_as(&b, &format!("/rapportage/jaarverslag?jaar={y}"))
        .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains(&format!("<h1>Jaarverslag klachten {y}</h1>")));
    assert!(page.contains("<p class=\"muted\">Focus</p>"));
    assert!(page.contains(r#"id="fig-received" data-value="6""#));
    assert!(page.contains(r#"id="fig-closed" data-value="2""#));
    assert!(page.contains("@media print"), "printable");
    assert!(page.contains(&format!("/rapportage/jaarverslag.pdf?jaar={y}")));
    assert!(page.contains(r#"id="improvement""#));
    assert_eq!(page.matches("<svg").count(), 5);

    let r = app
        .get_as(&b, &format!("/rapportage/jaarverslag.pdf?jaar={y}"))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    let disposition = r
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(disposition.contains(&format!("jaarverslag-klachten-{y}.pdf")));
    let pdf = r.bytes().await.expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    // The yearly report goes to the archive: PDF/A-2b, fonts embedded.
    klacht_pdf::testing::assert_pdf_a_2b(&pdf);
    let text = pdf_text(&pdf);
    assert!(
        text.contains(&format!("Jaarverslag klachten {y}")),
        "{text}"
    );
    assert!(text.contains("Focus"), "{text}");
    let received = text
        .lines()
        .find(|l| l.contains("ontvangen (klachten en signalen)"))
        .unwrap_or_else(|| panic!("a totals line in {text}"));
    assert!(received.trim_end().ends_with(" 6"), "{received}");
    let closed = text
        .lines()
        .find(|l| l.contains("klachten afgesloten"))
        .expect("closed line");
    assert!(closed.trim_end().ends_with(" 2"), "{closed}");

    assert_eq!(
        app.get_as(&b, "/rapportage/jaarverslag?jaar=1700")
            .await
            .status(),
        422
    );
    assert_eq!(
        app.get_as(&b, "/rapportage/jaarverslag.pdf?jaar=x")
            .await
            .status(),
        422
    );
}

/// The report lists the improvement actions opened in its year (and not
/// those of other years).
async fn the_report_lists_the_years_improvement_actions<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let y = year();
    let mut numbers = Vec::new();
    for (title, created) in [
        (
            "Vaste roosters per cliënt",
            reports_support::at(y, 5, 1, 10),
        ),
        ("Oud jaar", reports_support::at(y - 1, 5, 1, 10)),
    ] {
        let id = uuid::Uuid::now_v7();
        let at = created.timestamp();
        let row = klacht_store::ImprovementRow {
            id,
            year: created.year(),
            number: 0,
            title: title.into(),
            description: "Elke cliënt een vaste begeleider.".into(),
            owner: org.manager.id,
            due_on: jiff::civil::date(y, 7, 1),
            status: "open".into(),
            evaluation: None,
            pattern_key: None,
            created_by: org.quality.id,
            created_at: at,
            updated_at: at,
            closed_at: None,
            version: 1,
            complaints: Vec::new(),
        };
        let event = klacht_store::ImprovementEventRow {
            action_id: id,
            seq: 1,
            at,
            actor: Some(org.quality.id),
            actor_name: org.quality.name.clone(),
            kind: "opened".into(),
            data: "{}".into(),
        };
        numbers.push(
            app.store
                .create_improvement_action(&row, &event, None)
                .await
                .expect("action stored"),
        );
    }
    let b = app.login(org.quality.email.as_str()).await;
    let page = app
        .get_as(&b, &format!("/rapportage/jaarverslag?jaar={y}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("Vaste roosters per cliënt"), "{page}");
    assert!(page.contains(&format!("V-{y}-{:04}", numbers[0])));
    assert!(!page.contains("Oud jaar"));
    assert!(!page.contains("nog niet beschikbaar"));
}

store_tests!(
    the_report_page_and_pdf_show_the_year,
    the_report_lists_the_years_improvement_actions
);
