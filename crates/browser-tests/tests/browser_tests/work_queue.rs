//! The start page as a work queue in Chromium: the quality manager signs
//! in, finds the form sent to her under "Wacht op mij", closes it from
//! there, and the queue is empty. Screenshot: docs/screenshots/start-queue.png.

use crate::reports_support;

use fantoccini::Locator;
use jiff::ToSpan;
use klacht_browser_tests::{body_text, browser, click_and_wait, fill, screenshot, spawn_app};
use klacht_domain::complaint::{Command, Kind, Merit};
use klacht_store::testing::SqliteTestDb;
use reports_support::{PASSWORD, cal, contact, create, merit, offer, org};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quality_manager_works_her_queue_in_chromium() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let org = org(&store).await;
    let received = (klacht_clock::test_now() - 2.hours()).to_zoned(cal().time_zone().clone());
    let later = &received + 10.minutes();
    let manager = org.manager.clone();
    let reference = create(
        &store,
        &org,
        received.clone(),
        Kind::Complaint,
        Some("Planning"),
        |play| {
            play.step(
                Command::AssignHandler {
                    handler: manager.clone(),
                },
                &manager,
                &later,
            );
            play.step(contact(&later), &manager, &later);
            play.step(merit(Merit::Founded), &manager, &later);
            play.step(offer(&later), &manager, &later);
            play.step(Command::SendForm, &manager, &later);
        },
    )
    .await;
    let app = spawn_app(store).await;

    client
        .goto(&format!("{}/inloggen", app.base))
        .await
        .expect("login page");
    fill(&client, "email", org.quality.email.as_str()).await;
    fill(&client, "password", PASSWORD).await;
    click_and_wait(&client, "main form button[type=submit]").await;
    client
        .set_window_rect(0, 0, 1280, 900)
        .await
        .expect("a window");
    client
        .goto(&format!("{}/", app.base))
        .await
        .expect("start page");
    let text = body_text(&client).await;
    assert!(text.contains("Wacht op mij (1)"), "{text}");
    assert!(
        text.contains("Klachtenformulier ontvangen: afsluiten"),
        "{text}"
    );
    assert!(text.contains(&reference.to_string()), "{text}");
    screenshot(&client, "start-queue").await;

    click_and_wait(&client, "#work-queue a").await;
    let url = client.current_url().await.expect("url");
    assert!(url.path().starts_with("/klachten/"), "{url}");
    assert_eq!(url.fragment(), Some("afsluiten"));
    // Closing is her next step: the page opens with its form.
    assert!(
        client
            .find(Locator::Css("#volgende-stap details#afsluiten[open]"))
            .await
            .is_ok(),
        "the closing form first and open"
    );
    click_and_wait(&client, "details#afsluiten button[type=submit]").await;
    assert!(body_text(&client).await.contains("afgesloten"));

    client
        .goto(&format!("{}/", app.base))
        .await
        .expect("start page");
    let text = body_text(&client).await;
    assert!(text.contains("Er wacht niets op u."), "{text}");
    assert!(text.contains("Wacht op mij (0)"), "{text}");
    client.close().await.expect("close session");
}
