//! English in headless Chromium (issue 18, "Done when"): a complainant
//! switches the public form to English, files a complaint and follows it;
//! the manager who chose English handles it through every step of the
//! procedure and the quality manager closes it, every page in English.
//! Screenshots in docs/screenshots: public-form-en, public-status-en,
//! staff-complaints-en, staff-offer-en, staff-complaint-en,
//! staff-closed-en and complaint-form-en.

use fantoccini::{Client, Locator};
use klacht_browser_tests::{
    PASSWORD, assert_accessible, body_text, browser, click, click_and_wait, fill, open_form,
    screenshot, select, sign_in, sign_out, spawn_app, staff_user, submit_form,
};
use klacht_domain::{Language, Role};
use klacht_i18n::foreign_words;
use klacht_store::testing::SqliteTestDb;
use klacht_store::{AuditEntry, PublicServiceChange, PublicStore, UserStore};

/// The page reads in `language` only (the product's name aside).
async fn assert_reads(client: &Client, language: Language, what: &str) {
    let lang = client
        .find(Locator::Css("html"))
        .await
        .expect("html")
        .attr("lang")
        .await
        .expect("attribute");
    assert_eq!(lang.as_deref(), Some(language.code()), "{what}: lang");
    let text = body_text(client).await.replace("klacht\n", "");
    let foreign = foreign_words(language, &text);
    assert!(foreign.is_empty(), "{what}: {foreign:?} in\n{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_complainant_and_an_english_manager_go_through_a_complaint() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let manager = staff_user(
        &store,
        "margriet@focus.example",
        "Margriet Jansen",
        Role::Manager,
        None,
    )
    .await
    .id;
    let quality = staff_user(
        &store,
        "sanne@focus.example",
        "Sanne Visser",
        Role::QualityManager,
        None,
    )
    .await
    .id;
    store
        .set_user_language(quality, Some(Language::En))
        .await
        .expect("language");
    let service = uuid::Uuid::now_v7();
    store
        .change_public_service(
            &PublicServiceChange::Add {
                id: service,
                name: "Home care".into(),
                manager: Some(manager),
            },
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                at: klacht_clock::test_now(),
                actor: None,
                actor_name: "test".into(),
                kind: "service.added".into(),
                subject: "Home care".into(),
                details: "Home care".into(),
            },
        )
        .await
        .expect("service");
    let app = spawn_app(store.clone()).await;
    let base = app.base.clone();

    // The complainant opens the Dutch form and switches to English.
    client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone-sized window");
    client.goto(&format!("{base}/klacht")).await.expect("form");
    assert_reads(&client, Language::Nl, "the Dutch form").await;
    click_and_wait(&client, "#taal-en").await;
    assert_eq!(
        client.current_url().await.expect("url").path(),
        "/klacht",
        "the switch returns to the form"
    );
    assert_reads(&client, Language::En, "the English form").await;
    fill(&client, "naam", "Anne Smith").await;
    fill(&client, "email", "anne@example.com").await;
    select(&client, "dienst", &service.to_string()).await;
    // Sent without a description first: refused, in English.
    click_and_wait(&client, "main form button[type=submit]").await;
    let text = body_text(&client).await;
    assert!(text.contains("Describe your complaint."), "{text}");
    assert_reads(&client, Language::En, "the refused form").await;
    fill(
        &client,
        "omschrijving",
        "Nobody from home care came on three Tuesdays in a row.",
    )
    .await;
    client
        .execute("window.scrollTo(0, 0); return null;", vec![])
        .await
        .expect("scroll");
    screenshot(&client, "public-form-en").await;
    click_and_wait(&client, "main form button[type=submit]").await;
    assert_eq!(
        client.current_url().await.expect("url").path(),
        "/klacht/bevestiging"
    );
    assert_reads(&client, Language::En, "the confirmation").await;
    assert_accessible(&client, "/klacht/bevestiging in English").await;
    let code = client
        .find(Locator::Id("tracking-code"))
        .await
        .expect("code")
        .text()
        .await
        .expect("text");

    click_and_wait(&client, "main a.button").await;
    assert_eq!(
        client.current_url().await.expect("url").path(),
        format!("/status/{code}")
    );
    assert_reads(&client, Language::En, "the status page").await;
    let text = body_text(&client).await;
    assert!(
        text.contains("Being handled") || text.contains("Received"),
        "{text}"
    );
    screenshot(&client, "public-status-en").await;
    assert_accessible(&client, "/status/{code} in English").await;

    // The manager chose English; the complaint reached her as the
    // service's manager.
    store
        .set_user_language(manager, Some(Language::En))
        .await
        .expect("language");
    client
        .set_window_rect(0, 0, 1280, 1000)
        .await
        .expect("desktop size");
    sign_in(&client, &base, "margriet@focus.example", PASSWORD).await;
    client
        .goto(&format!("{base}/wachtwoord"))
        .await
        .expect("settings");
    assert_reads(&client, Language::En, "the settings").await;
    client
        .goto(&format!("{base}/klachten"))
        .await
        .expect("list");
    let list = body_text(&client).await;
    assert!(list.contains("Anne Smith"), "{list}");
    assert_eq!(
        client
            .find(Locator::Css("html"))
            .await
            .expect("html")
            .attr("lang")
            .await
            .expect("lang")
            .as_deref(),
        Some("en")
    );
    screenshot(&client, "staff-complaints-en").await;

    // She handles it in English, every step with its message in English.
    click_and_wait(&client, "main table a[href^='/klachten/']").await;
    let detail_url = client.current_url().await.expect("url");
    assert_reads(&client, Language::En, "the complaint").await;
    open_form(&client, "afhandelaar").await;
    select(&client, "afhandelaar-afhandelaar", &manager.to_string()).await;
    submit_form(&client, "afhandelaar").await;
    assert_reads(&client, Language::En, "handler assigned").await;
    open_form(&client, "contact").await;
    fill(
        &client,
        "contact-samenvatting",
        "Called her; apologised and agreed new times.",
    )
    .await;
    submit_form(&client, "contact").await;
    assert_reads(&client, Language::En, "contact recorded").await;
    open_form(&client, "oordeel").await;
    click(
        &client,
        "details#oordeel input[name=oordeel][value=founded]",
    )
    .await;
    fill(
        &client,
        "oordeel-onderbouwing",
        "The care plan says Tuesday mornings at 8:00.",
    )
    .await;
    submit_form(&client, "oordeel").await;
    assert_reads(&client, Language::En, "merit decided").await;
    open_form(&client, "aanbod").await;
    select(&client, "aanbod-soort", "compensation").await;
    fill(
        &client,
        "aanbod-omschrijving",
        "Credit for the missed hours.",
    )
    .await;
    fill(&client, "aanbod-waarde", "25").await;
    submit_form(&client, "aanbod").await;
    assert_reads(&client, Language::En, "offer made").await;
    screenshot(&client, "staff-offer-en").await;

    // The complainant's status page shows the offer, in English.
    client
        .goto(&format!("{base}/status/{code}"))
        .await
        .expect("status");
    assert_reads(&client, Language::En, "the status page with an offer").await;

    client.goto(detail_url.as_str()).await.expect("detail");
    open_form(&client, "reactie").await;
    click(&client, "details#reactie input[name=aanvaard][value=ja]").await;
    select(&client, "reactie-tevredenheid", "4").await;
    submit_form(&client, "reactie").await;
    assert_reads(&client, Language::En, "response recorded").await;
    open_form(&client, "acties").await;
    fill(&client, "acties-omschrijving", "Plan a regular carer.").await;
    submit_form(&client, "acties").await;
    open_form(&client, "actie-1").await;
    submit_form(&client, "actie-1").await;
    assert_reads(&client, Language::En, "action done").await;
    open_form(&client, "formulier-verstuurd").await;
    submit_form(&client, "formulier-verstuurd").await;
    let recorded = body_text(&client).await;
    assert!(
        recorded.contains("Credit for the missed hours") && recorded.contains("€25.00"),
        "{recorded}"
    );
    assert_reads(&client, Language::En, "form recorded").await;
    screenshot(&client, "staff-complaint-en").await;
    sign_out(&client).await;

    // The quality manager, who reads English too, closes it.
    sign_in(&client, &base, "sanne@focus.example", PASSWORD).await;
    client.goto(detail_url.as_str()).await.expect("detail");
    assert_reads(&client, Language::En, "the quality manager's view").await;
    open_form(&client, "afsluiten").await;
    submit_form(&client, "afsluiten").await;
    assert_reads(&client, Language::En, "closed").await;
    screenshot(&client, "staff-closed-en").await;
    client
        .goto(&format!("{}/formulier", detail_url.as_str()))
        .await
        .expect("form");
    let form = body_text(&client).await;
    assert!(form.contains("Anne Smith"), "{form}");
    assert_reads(&client, Language::En, "the complaint form").await;
    screenshot(&client, "complaint-form-en").await;
    // The printable form has no menu: sign out from the complaint.
    client.goto(detail_url.as_str()).await.expect("detail");
    sign_out(&client).await;

    // The complainant sees it closed, in English.
    client
        .goto(&format!("{base}/status/{code}"))
        .await
        .expect("status");
    assert_reads(&client, Language::En, "the closed status").await;

    client.close().await.expect("close the browser");
}
