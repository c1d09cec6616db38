//! The public complaint form in headless Chromium on a phone (390×844):
//! filled in by keyboard (the honeypot is skipped), a refusal that keeps
//! what was typed, the confirmation with its tracking code, and the
//! status page. Screenshots: docs/screenshots/public-form.png and
//! public-status.png.

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use klacht_browser_tests::{
    assert_accessible, assert_no_sideways_scroll, body_text, browser, click_and_wait, screenshot,
    set_width, spawn_app,
};
use klacht_domain::{Email, Role, UserId};
use klacht_store::testing::SqliteTestDb;
use klacht_store::{
    AuditEntry, ComplaintStore, NewUser, PublicServiceChange, PublicStore, UserStore,
};

/// The id of the element that has the keyboard focus.
async fn focused(client: &Client) -> String {
    client
        .execute(
            "return document.activeElement ? document.activeElement.id : '';",
            vec![],
        )
        .await
        .expect("script")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Types into the focused element, then moves on with Tab.
async fn type_and_tab(client: &Client, text: &str) {
    let field = client.active_element().await.expect("focused element");
    field.send_keys(text).await.expect("type");
    field.send_keys(&Key::Tab).await.expect("tab");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_is_filed_on_the_public_form_from_a_phone() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let manager = UserId::new(uuid::Uuid::now_v7());
    store
        .create_user(NewUser {
            id: manager,
            email: Email::parse("margriet@focus.example").expect("email"),
            name: "Margriet Jansen".into(),
            role: Role::Manager,
            manager: None,
            password_hash: None,
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("manager");
    let service = uuid::Uuid::now_v7();
    store
        .change_public_service(
            &PublicServiceChange::Add {
                id: service,
                name: "Thuiszorg".into(),
                manager: Some(manager),
            },
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                at: klacht_clock::test_now(),
                actor: None,
                actor_name: "test".into(),
                kind: "service.added".into(),
                subject: "Thuiszorg".into(),
                details: "Thuiszorg".into(),
            },
        )
        .await
        .expect("service");
    let app = spawn_app(store.clone()).await;

    client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone-sized window");
    client
        .goto(&format!("{}/klacht", app.base))
        .await
        .expect("form");

    // By keyboard from the name onwards: every field in reading order.
    client
        .find(Locator::Id("naam"))
        .await
        .expect("name field")
        .click()
        .await
        .expect("focus the name");
    type_and_tab(&client, "Mevrouw J. de Vries").await;
    assert_eq!(focused(&client).await, "email");
    type_and_tab(&client, "j.devries@example.nl").await;
    assert_eq!(focused(&client).await, "telefoon");
    type_and_tab(&client, "06-12345678").await;
    assert_eq!(focused(&client).await, "adres");
    type_and_tab(&client, "").await;
    assert_eq!(focused(&client).await, "namens_naam");
    type_and_tab(&client, "").await;
    assert_eq!(focused(&client).await, "dienst");
    client
        .find(Locator::Id("dienst"))
        .await
        .expect("service select")
        .select_by_value(&service.to_string())
        .await
        .expect("choose the service");
    // Sent without a description first: the form comes back, kept.
    click_and_wait(&client, "main form button[type=submit]").await;
    let text = body_text(&client).await;
    assert!(text.contains("Uw klacht is nog niet verstuurd"), "{text}");
    assert!(text.contains("Beschrijf uw klacht."));
    let name = client
        .find(Locator::Id("naam"))
        .await
        .expect("name")
        .prop("value")
        .await
        .expect("value");
    assert_eq!(name.as_deref(), Some("Mevrouw J. de Vries"), "kept");
    let invalid = client
        .find(Locator::Id("omschrijving"))
        .await
        .expect("description")
        .attr("aria-invalid")
        .await
        .expect("attribute");
    assert_eq!(invalid.as_deref(), Some("true"));

    // The summary links to the field; the honeypot is never reached.
    client
        .find(Locator::Css("#fouten a[href='#omschrijving']"))
        .await
        .expect("link in the summary")
        .click()
        .await
        .expect("follow the link");
    client
        .find(Locator::Id("omschrijving"))
        .await
        .expect("description")
        .click()
        .await
        .expect("focus the description");
    type_and_tab(
        &client,
        "De thuishulp kwam drie weken lang op dinsdag niet opdagen.",
    )
    .await;
    assert_eq!(
        focused(&client).await,
        "bijlagen",
        "Tab skips the hidden honeypot"
    );
    client
        .execute("window.scrollTo(0, 0); return null;", vec![])
        .await
        .expect("scroll");
    screenshot(&client, "public-form").await;

    click_and_wait(&client, "main form button[type=submit]").await;
    assert_eq!(
        client.current_url().await.expect("url").path(),
        "/klacht/bevestiging"
    );
    let text = body_text(&client).await;
    assert!(text.contains("Wij hebben uw klacht ontvangen"), "{text}");
    let code = client
        .find(Locator::Id("tracking-code"))
        .await
        .expect("code")
        .text()
        .await
        .expect("text");
    assert_eq!(code.len(), 14, "XXXX-XXXX-XXXX: {code}");
    // The pages the walk of every page cannot reach (pages.rs): on a
    // phone and wide, no sideways scrolling and no axe-core violation.
    for width in [390, 1280] {
        set_width(&client, width).await;
        assert_no_sideways_scroll(&client, "/klacht/bevestiging").await;
        assert_accessible(&client, "/klacht/bevestiging").await;
    }
    set_width(&client, 390).await;
    let reference = client
        .find(Locator::Id("reference"))
        .await
        .expect("reference")
        .text()
        .await
        .expect("text");

    click_and_wait(&client, "main a.button").await;
    assert_eq!(
        client.current_url().await.expect("url").path(),
        format!("/status/{code}")
    );
    let text = body_text(&client).await;
    assert!(text.contains(&reference));
    assert!(text.contains("Ontvangen"));
    assert!(!text.contains("de Vries"), "no personal details");
    screenshot(&client, "public-status").await;
    for width in [1280, 390] {
        set_width(&client, width).await;
        assert_no_sideways_scroll(&client, "/status/{code}").await;
        assert_accessible(&client, "/status/{code}").await;
    }
    // The routed manager answers for it.
    assert_eq!(store.count_complaints().await.expect("count"), 1);

    client.close().await.expect("close the browser");
}
