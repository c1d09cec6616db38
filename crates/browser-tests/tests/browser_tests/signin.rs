//! Signing in with a real browser, on a desktop and a phone-sized window.

use klacht_browser_tests::{
    PASSWORD, body_text, browser, click, click_and_wait, fill, screenshot, spawn_app, staff_user,
};
use klacht_domain::Role;
use klacht_store::testing::SqliteTestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_signs_in_and_out_in_chromium() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    staff_user(
        &store,
        "margriet@focus.example",
        "Margriet Jansen",
        Role::Manager,
        None,
    )
    .await;
    let app = spawn_app(store).await;

    client
        .goto(&format!("{}/", app.base))
        .await
        .expect("start page");
    assert!(
        body_text(&client)
            .await
            .contains("Termijnen voor een klacht die vandaag")
    );
    screenshot(&client, "start").await;

    client
        .goto(&format!("{}/inloggen", app.base))
        .await
        .expect("login page");
    fill(&client, "email", "margriet@focus.example").await;
    fill(&client, "password", "verkeerd wachtwoord").await;
    click_and_wait(&client, "main form button[type=submit]").await;
    assert!(
        body_text(&client)
            .await
            .contains("E-mailadres of wachtwoord onjuist.")
    );
    screenshot(&client, "login-error").await;

    fill(&client, "password", PASSWORD).await;
    click_and_wait(&client, "main form button[type=submit]").await;
    assert_ne!(
        client.current_url().await.expect("url").path(),
        "/inloggen",
        "signed in"
    );

    client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");
    client
        .goto(&format!("{}/wachtwoord", app.base))
        .await
        .expect("password page");
    let text = body_text(&client).await;
    assert!(text.contains("Wachtwoord wijzigen"), "{text}");
    screenshot(&client, "phone-password").await;
    // On a phone who is signed in is in the header's menu, with the links.
    assert!(!text.contains("Margriet Jansen"), "folded away: {text}");
    click(&client, "header details.menu > summary").await;
    let text = body_text(&client).await;
    assert!(
        text.contains("Margriet Jansen") && text.contains("Mijn klachten"),
        "{text}"
    );

    click_and_wait(&client, "header form button").await;
    let url = client.current_url().await.expect("url");
    assert_eq!(url.path(), "/inloggen");
    client.close().await.expect("close session");
}
