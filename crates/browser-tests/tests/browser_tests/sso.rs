//! Single sign-on in a real browser against a real OpenID provider: the
//! button on /inloggen, the provider's sign-in page, back signed in.

use fantoccini::Locator;
use klacht_app::config::{EmailClaim, OidcConfig};
use klacht_app::sso::Sso;
use klacht_browser_tests::{
    body_text, browser, click_and_wait, screenshot, sign_out, spawn_app_on,
};
use klacht_domain::{Email, Role, UserId};
use klacht_store::testing::SqliteTestDb;
use klacht_store::{NewUser, UserStore};

use crate::oidc_provider::Provider;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_signs_in_with_microsoft_in_chromium() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a random port");
    let base = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("address").port()
    );
    // The provider's clock starts where klacht's does (KLACHT_NOW or the
    // real time), so an ID token is fresh on both.
    let now = jiff::Timestamp::from_second(klacht_clock::test_now().as_second()).expect("instant");
    let Some(provider) = Provider::start(serde_json::json!({
        "now": now.to_string(),
        "clients": [{
            "client_id": "klacht",
            "client_secret": "een-geheim-voor-de-browsertest",
            "redirect_uris": [format!("{base}/inloggen/sso/terug")],
            "post_logout_redirect_uris": [format!("{base}/inloggen")],
        }],
        "users": { "margriet": { "email": "margriet@focus.example", "name": "Margriet Jansen" } },
    }))
    .await
    else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    store
        .create_user(NewUser {
            id: UserId::new(uuid::Uuid::now_v7()),
            email: Email::parse("margriet@focus.example").expect("valid"),
            name: "Margriet Jansen".into(),
            role: Role::Manager,
            manager: None,
            password_hash: None,
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("user");
    let sso = Sso::new(
        OidcConfig {
            issuer: provider.issuer.clone(),
            client_id: "klacht".into(),
            client_secret: "een-geheim-voor-de-browsertest".to_string().into(),
            email_claim: EmailClaim::Email,
            button_label: "Inloggen met Microsoft".into(),
            password_sign_in: false,
            role_claim: None,
            roles: Default::default(),
        },
        &base,
    )
    .expect("single sign-on");
    let _app = spawn_app_on(listener, store, |state| state.with_sso(Some(sso))).await;

    client
        .goto(&format!("{base}/inloggen"))
        .await
        .expect("login page");
    let text = body_text(&client).await;
    assert!(
        text.contains("Inloggen met Microsoft") && text.contains("alleen nog voor de beheerder"),
        "{text}"
    );
    screenshot(&client, "login-sso").await;

    click_and_wait(&client, "#sso-sign-in").await;
    let at = client.current_url().await.expect("url");
    assert_eq!(
        at.port(),
        Some(provider.port),
        "at the provider's sign-in page: {at}"
    );
    client
        .find(Locator::Css("input[name=login]"))
        .await
        .expect("the provider's login field")
        .send_keys("margriet")
        .await
        .expect("type");
    client
        .find(Locator::Css("input[name=password]"))
        .await
        .expect("the provider's password field")
        .send_keys("wat dan ook")
        .await
        .expect("type");
    click_and_wait(&client, "button[type=submit]").await;

    let back = client.current_url().await.expect("url");
    assert_eq!(
        back.port(),
        _app.base.rsplit(':').next().and_then(|p| p.parse().ok()),
        "back at klacht: {back}"
    );
    assert_eq!(back.path(), "/", "{back}");
    let text = body_text(&client).await;
    assert!(text.contains("Margriet Jansen"), "signed in: {text}");

    sign_out(&client).await;
    let text = body_text(&client).await;
    assert!(
        text.contains("Ook uitloggen bij de inlogdienst"),
        "the provider's sign-out is offered: {text}"
    );
}
