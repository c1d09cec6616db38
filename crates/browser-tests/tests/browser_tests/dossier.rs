//! The complaint dossier in real Chromium: the closed complaints of a year,
//! filed with their PDF and record; a screenshot goes to
//! docs/screenshots/dossier.png.

use crate::reports_support;

use klacht_app::documents::Letterhead;
use klacht_app::dossier;
use klacht_browser_tests::{body_text, browser, click_and_wait, fill, screenshot, spawn_app};
use klacht_store::testing::SqliteTestDb;
use reports_support::{PASSWORD, cal, data_set, org, year};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dossier_lists_a_year_in_chromium() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let org = org(&store).await;
    data_set(&store, &org).await;
    let filed = dossier::file_pending(
        &store,
        &Letterhead::new("Focus"),
        &cal(),
        None,
        100,
        klacht_clock::test_now(),
    )
    .await
    .expect("file the closed complaints");
    assert_eq!(filed.filed.len(), 2, "{:?}", filed.failed);
    let app = spawn_app(store).await;

    client
        .goto(&format!("{}/inloggen", app.base))
        .await
        .expect("login page");
    fill(&client, "email", org.quality.email.as_str()).await;
    fill(&client, "password", PASSWORD).await;
    click_and_wait(&client, "main form button[type=submit]").await;
    client
        .goto(&format!("{}/dossier?jaar={}", app.base, year()))
        .await
        .expect("dossier");
    let text = body_text(&client).await;
    assert!(text.contains("Klachtendossier"), "{text}");
    for reference in &filed.filed {
        assert!(
            text.contains(&reference.to_string()),
            "{reference} in {text}"
        );
    }
    assert!(text.contains("Klachtenformulier (PDF)"), "{text}");
    client
        .set_window_rect(0, 0, 1280, 900)
        .await
        .expect("a window");
    screenshot(&client, "dossier").await;
    client.close().await.expect("close session");
}
