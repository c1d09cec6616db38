//! The procedure explained where the work is done (issue 16, §2), in
//! Chromium: the manager's first sign-in shows the tour of her start page
//! and a plain form puts it away; on the complaint page every step carries
//! the regulation's help, the current step opened, linked to its article;
//! "Hoe werkt het?" draws the procedure and fits a 390-pixel phone.
//! Screenshots: docs/screenshots/start-rondleiding.png,
//! klacht-uitleg(-390).png, hoe-werkt-het(-390).png.

use crate::reports_support;

use fantoccini::{Client, Locator};
use jiff::ToSpan;
use klacht_browser_tests::{
    body_text, browser, click, click_and_wait, screenshot, sign_in, spawn_app,
};
use klacht_domain::complaint::{Command, Kind};
use klacht_store::testing::SqliteTestDb;
use reports_support::{PASSWORD, cal, contact, create, org};

async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .expect("text")
}

async fn is_open(client: &Client, css: &str) -> bool {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .attr("open")
        .await
        .expect("attribute")
        .is_some()
}

/// Whether the page is wider than the window (a phone would scroll
/// sideways).
async fn scrolls_sideways(client: &Client) -> bool {
    client
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth + 1;",
            vec![],
        )
        .await
        .expect("script")
        .as_bool()
        .unwrap_or(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_procedure_is_explained_at_each_step_and_on_its_own_page() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let org = org(&store).await;
    // Margriet handles it and has called the complainant: step 3 is next.
    let received = (klacht_clock::test_now() - 2.hours()).to_zoned(cal().time_zone().clone());
    let later = &received + 10.minutes();
    let manager = org.manager.clone();
    let reference = create(&store, &org, received, Kind::Complaint, None, |play| {
        play.step(
            Command::AssignHandler {
                handler: manager.clone(),
            },
            &manager,
            &later,
        );
        play.step(contact(&later), &manager, &later);
    })
    .await;
    let app = spawn_app(store).await;
    client
        .set_window_rect(0, 0, 1280, 900)
        .await
        .expect("a window");

    // First sign-in: the tour of her start page.
    sign_in(&client, &app.base, org.manager.email.as_str(), PASSWORD).await;
    client
        .goto(&format!("{}/", app.base))
        .await
        .expect("start page");
    let tour = text_of(&client, "#rondleiding").await;
    assert!(tour.contains("Rondleiding: uw startpagina"), "{tour}");
    assert!(tour.contains("afhandelaar aanwijst"), "{tour}");
    screenshot(&client, "start-rondleiding").await;
    click_and_wait(&client, "#rondleiding button[type=submit]").await;
    let text = body_text(&client).await;
    assert!(text.contains("De rondleiding is verborgen."), "{text}");
    assert!(
        client.find(Locator::Id("rondleiding")).await.is_err(),
        "the tour is gone"
    );
    client
        .goto(&format!("{}/", app.base))
        .await
        .expect("start page");
    assert!(
        client.find(Locator::Id("rondleiding")).await.is_err(),
        "and stays away"
    );

    // The complaint page: the help of every step, the current one open.
    client
        .goto(&format!("{}/klachten", app.base))
        .await
        .expect("list");
    click_and_wait(
        &client,
        "main a[href^='/klachten/']:not([href='/klachten/nieuw'])",
    )
    .await;
    let url = client.current_url().await.expect("url");
    let page = body_text(&client).await;
    assert!(page.contains(&reference.to_string()), "{url}: {page}");
    assert!(is_open(&client, "details#uitleg-stap-3").await);
    assert!(!is_open(&client, "details#uitleg-stap-2").await);
    let offer = text_of(&client, "details#uitleg-stap-3").await;
    assert!(offer.contains("uiterlijk 2 weken na ontvangst"), "{offer}");
    assert!(
        offer.contains("Lees dit in het klachtenreglement"),
        "{offer}"
    );
    click(&client, "details#uitleg-stap-2 > summary").await;
    let contact_help = text_of(&client, "details#uitleg-stap-2").await;
    assert!(
        contact_help.contains("Neem binnen 2 werkdagen na ontvangst telefonisch of persoonlijk"),
        "{contact_help}"
    );
    client
        .goto(&format!(
            "{}#uitleg",
            url.as_str().split('#').next().unwrap_or_default()
        ))
        .await
        .expect("to the help");
    screenshot(&client, "klacht-uitleg").await;
    client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("a phone");
    client
        .goto(&format!(
            "{}#uitleg-stap-3",
            url.as_str().split('#').next().unwrap_or_default()
        ))
        .await
        .expect("to the help");
    assert!(!scrolls_sideways(&client).await, "the help fits a phone");
    screenshot(&client, "klacht-uitleg-390").await;
    // The link lands on the step's article.
    click_and_wait(&client, "details#uitleg-stap-3 a[href='/reglement#stap-3']").await;
    let url = client.current_url().await.expect("url");
    assert_eq!(url.path(), "/reglement");
    assert_eq!(url.fragment(), Some("stap-3"));
    let article = text_of(&client, "h3#stap-3").await;
    assert!(article.contains("Besluit en aanbod"), "{article}");

    // "Hoe werkt het?", from the header: on a phone first.
    client
        .goto(&format!("{}/", app.base))
        .await
        .expect("start page");
    // On a phone the header's links are behind Menu (no script needed).
    click(&client, "header details.menu > summary").await;
    click_and_wait(&client, "#nav-procedure").await;
    let text = body_text(&client).await;
    assert!(text.contains("Hoe werkt het?"), "{text}");
    assert!(text.contains("Ontvangen vandaag"), "{text}");
    for title in [
        "Stap 1: melden",
        "Stap 2: contact",
        "Stap 3: besluit en aanbod",
        "Stap 4: vastleggen",
        "Niet tevreden: escalatie",
        "Afsluiten",
    ] {
        assert!(
            text_of(&client, "#procedure-diagram").await.contains(title),
            "{title} in the diagram"
        );
    }
    assert!(!scrolls_sideways(&client).await, "the diagram fits a phone");
    let width = client
        .execute(
            "return document.getElementById('procedure-diagram').getBoundingClientRect().width;",
            vec![],
        )
        .await
        .expect("script")
        .as_f64()
        .unwrap_or_default();
    assert!((300.0..=390.0).contains(&width), "diagram {width} px wide");
    client
        .execute(
            "document.getElementById('procedure-diagram').scrollIntoView();",
            vec![],
        )
        .await
        .expect("scroll to the diagram");
    screenshot(&client, "hoe-werkt-het-390").await;
    client
        .set_window_rect(0, 0, 1280, 900)
        .await
        .expect("a window");
    client
        .goto(&format!("{}/hoe-werkt-het", app.base))
        .await
        .expect("the page again");
    client
        .execute("window.scrollTo(0, 0);", vec![])
        .await
        .expect("to the top");
    screenshot(&client, "hoe-werkt-het").await;

    // The tour comes back from there.
    click_and_wait(&client, "a[href='/?rondleiding=ja']").await;
    assert!(
        text_of(&client, "#rondleiding")
            .await
            .contains("afhandelaar aanwijst")
    );
    client.close().await.expect("close session");
}
