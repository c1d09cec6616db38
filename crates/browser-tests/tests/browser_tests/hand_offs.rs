//! One complaint through the hand-offs of issue 12 in Chromium, each
//! person signing in to her own start page ("Wacht op mij"): the handler
//! asks the director for advice on the complaint page; the director finds
//! the question on her start page and answers it; the handler reads the
//! advice, makes the offer and sends the form; the quality manager finds
//! the form on her start page and closes it.

use crate::reports_support;

use fantoccini::{Client, Locator};
use jiff::ToSpan;
use klacht_browser_tests::{
    body_text, browser, click_and_wait, fill, flash, open_form, select, sign_in, sign_out,
    spawn_app, submit_form,
};
use klacht_domain::complaint::{Command, Kind, Merit};
use klacht_store::testing::SqliteTestDb;
use reports_support::{PASSWORD, cal, contact, create, merit, org};

const QUESTION: &str = "Mogen wij twee extra bezoeken aanbieden?";
const ADVICE: &str = "Ja, en bied ook excuses aan.";

/// The start page's work queue: its header count and its rows.
async fn start_page(client: &Client, base: &str) -> (String, String) {
    client.goto(&format!("{base}/")).await.expect("start page");
    let count = client
        .find(Locator::Id("nav-queue"))
        .await
        .expect("the header's count")
        .text()
        .await
        .expect("text");
    let queue = client
        .find(Locator::Id("work-queue"))
        .await
        .expect("the queue")
        .text()
        .await
        .expect("text");
    (count, queue)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_passes_from_handler_to_director_to_quality_manager() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let org = org(&store).await;
    // Margriet handles it; contact and merit are done.
    let received = (klacht_clock::test_now() - 2.hours()).to_zoned(cal().time_zone().clone());
    let later = &received + 10.minutes();
    let handler = org.manager.clone();
    let reference = create(&store, &org, received, Kind::Complaint, None, |play| {
        play.step(
            Command::AssignHandler {
                handler: handler.clone(),
            },
            &handler,
            &later,
        );
        play.step(contact(&later), &handler, &later);
        play.step(merit(Merit::Founded), &handler, &later);
    })
    .await
    .to_string();
    let app = spawn_app(store).await;
    let base = app.base.clone();
    let page = format!("{base}/klachten/{reference}");

    // 1. The handler asks the director on the complaint page.
    sign_in(&client, &base, org.manager.email.as_str(), PASSWORD).await;
    client.goto(&page).await.expect("complaint");
    open_form(&client, "directeur-vragen").await;
    select(
        &client,
        "directeur-vragen-directeur",
        &org.director.id.to_string(),
    )
    .await;
    fill(&client, "directeur-vragen-vraag", QUESTION).await;
    submit_form(&client, "directeur-vragen").await;
    let asked = flash(&client).await;
    assert!(
        asked.contains("Uw vraag is aan Ellen de Boer gesteld"),
        "{asked}"
    );
    let text = body_text(&client).await;
    assert!(text.contains("Vraag aan Ellen de Boer"), "{text}");
    assert!(text.contains(QUESTION) && text.contains("Nog geen advies."));
    sign_out(&client).await;

    // 2. The director lands on her queue, opens the question, answers.
    sign_in(&client, &base, org.director.email.as_str(), PASSWORD).await;
    let (count, queue) = start_page(&client, &base).await;
    assert_eq!(count, "Wacht op mij (1)");
    assert!(
        queue.contains(&format!(
            "Uw advies gevraagd door margriet (vraag 1): {QUESTION}"
        )),
        "{queue}"
    );
    assert!(
        queue.contains(&reference) && queue.contains("op tijd"),
        "{queue}"
    );
    click_and_wait(&client, "#work-queue a[href$='#overleg']").await;
    let url = client.current_url().await.expect("url");
    assert_eq!(url.fragment(), Some("overleg"));
    assert!(body_text(&client).await.contains(QUESTION));
    open_form(&client, "advies-1").await;
    fill(&client, "advies-1-advies", ADVICE).await;
    submit_form(&client, "advies-1").await;
    let advised = flash(&client).await;
    assert!(advised.contains("Advies gegeven"), "{advised}");
    let (count, queue) = start_page(&client, &base).await;
    assert_eq!(count, "Wacht op mij (0)");
    assert!(queue.contains("Er wacht niets op u."), "{queue}");
    sign_out(&client).await;

    // 3. The handler reads the advice, makes the offer, sends the form.
    sign_in(&client, &base, org.manager.email.as_str(), PASSWORD).await;
    client.goto(&page).await.expect("complaint");
    let advice = client
        .find(Locator::Id("overleg"))
        .await
        .expect("the consultation")
        .text()
        .await
        .expect("text");
    assert!(
        advice.contains(QUESTION) && advice.contains(ADVICE),
        "{advice}"
    );
    assert!(!advice.contains("Nog geen advies"), "{advice}");
    open_form(&client, "aanbod").await;
    select(&client, "aanbod-soort", "extra_service").await;
    fill(&client, "aanbod-omschrijving", "Twee extra bezoeken.").await;
    client
        .find(Locator::Css("details#aanbod input[name=directeur]"))
        .await
        .expect("the director box")
        .click()
        .await
        .expect("tick it");
    submit_form(&client, "aanbod").await;
    assert_eq!(flash(&client).await, "Aanbod vastgelegd.");
    open_form(&client, "formulier-verstuurd").await;
    submit_form(&client, "formulier-verstuurd").await;
    assert_eq!(
        flash(&client).await,
        "Klachtenformulier naar de kwaliteitsmanager gestuurd."
    );
    let status = client
        .find(Locator::Id("status"))
        .await
        .expect("the status")
        .text()
        .await
        .expect("text");
    assert_eq!(status, "vastgelegd");
    sign_out(&client).await;

    // 4. The quality manager finds the form on her queue and closes it.
    sign_in(&client, &base, org.quality.email.as_str(), PASSWORD).await;
    let (count, queue) = start_page(&client, &base).await;
    assert_eq!(count, "Wacht op mij (1)");
    assert!(
        queue.contains("Klachtenformulier ontvangen: afsluiten") && queue.contains(&reference),
        "{queue}"
    );
    click_and_wait(&client, "#work-queue a[href$='#afsluiten']").await;
    let text = body_text(&client).await;
    assert!(text.contains(ADVICE), "the advice is on the record: {text}");
    open_form(&client, "afsluiten").await;
    submit_form(&client, "afsluiten").await;
    assert!(flash(&client).await.contains("afgesloten"));
    let (count, queue) = start_page(&client, &base).await;
    assert_eq!(count, "Wacht op mij (0)");
    assert!(queue.contains("Er wacht niets op u."), "{queue}");
    client.close().await.expect("close session");
}
