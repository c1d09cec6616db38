//! Single sign-on against a real OpenID provider (`oidc_provider`): the
//! test plays the browser over HTTP (cookies kept by hand, redirects
//! followed one by one), so that it can step in where an attacker or a
//! slow user would. On both databases.

use std::collections::BTreeMap;

use klacht_app::config::{EmailClaim, OidcConfig};
use klacht_app::sso::Sso;
use klacht_domain::Role;
use klacht_store::{Store, store_tests};
use serde_json::json;

use crate::common::{self, PASSWORD, TestApp, set_cookie_value};
use crate::oidc_provider::Provider;

const CLIENT_ID: &str = "klacht";
const CLIENT_SECRET: &str = "een-geheim-voor-de-test-0123456789";
/// Both clocks start here: klacht's stands still, the provider's runs.
const NOW: &str = "2026-04-24T09:00:00Z";

/// What a test asks of the provider and of klacht.
struct Setup {
    /// The provider's clock (default [`NOW`]).
    provider_now: &'static str,
    /// Sign ID tokens for another client than klacht.
    audience: Option<&'static str>,
    password_sign_in: bool,
    roles: BTreeMap<String, Role>,
    /// A port for the provider (0: any), to restart it on the same one.
    port: u16,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            provider_now: NOW,
            audience: None,
            password_sign_in: true,
            roles: BTreeMap::new(),
            port: 0,
        }
    }
}

fn provider_config(app: &str, setup: &Setup) -> serde_json::Value {
    let mut config = json!({
        "port": setup.port,
        "now": setup.provider_now,
        "id_token_ttl": 3600,
        "clients": [{
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [format!("{app}/inloggen/sso/terug")],
            "post_logout_redirect_uris": [format!("{app}/inloggen")],
        }],
        "users": {
            "anna": { "email": "Anna@Focus.example", "name": "Anna de Vries", "roles": ["Klacht.Kwaliteit"] },
            "onbekend": { "email": "onbekend@focus.example", "name": "Onbekend" },
            "piet": { "email": "piet@focus.example", "name": "Piet" },
        },
    });
    if let Some(aud) = setup.audience {
        config["id_token_audience"] = json!(aud);
    }
    config
}

struct SsoApp<S> {
    app: TestApp<S>,
    provider: Provider,
}

async fn spawn<S: Store>(store: S, setup: Setup) -> Option<SsoApp<S>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a random port");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let provider = Provider::start(provider_config(&address, &setup)).await?;
    let sso = Sso::new(
        OidcConfig {
            issuer: provider.issuer.clone(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.to_string().into(),
            email_claim: EmailClaim::Email,
            button_label: "Inloggen met Microsoft".into(),
            password_sign_in: setup.password_sign_in,
            role_claim: (!setup.roles.is_empty()).then(|| "roles".into()),
            roles: setup.roles,
        },
        &address,
    )
    .expect("single sign-on");
    let clock = klacht_clock::ManualClock::new(NOW.parse().expect("instant"));
    let app = common::spawn_app_on(listener, store, |state| {
        state
            .with_clock(std::sync::Arc::new(clock))
            .with_sso(Some(sso))
    })
    .await;
    Some(SsoApp { app, provider })
}

/// A browser's cookies at the provider, by name (one host, so paths can
/// be ignored; a cookie set to expire is removed).
#[derive(Default)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn take(&mut self, r: &reqwest::Response) {
        for v in r.headers().get_all("set-cookie") {
            let Some((pair, attributes)) = v
                .to_str()
                .ok()
                .map(|v| v.split_once(';').unwrap_or((v, "")))
            else {
                continue;
            };
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let gone = value.is_empty() || attributes.contains("1970");
            if gone {
                self.0.remove(name.trim());
            } else {
                self.0.insert(name.trim().into(), value.into());
            }
        }
    }

    fn header(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("a redirect, got {}", r.status()))
        .to_string()
}

/// Where the provider's answer arrives at klacht, with what it carries.
struct Answer {
    callback: String,
    flow_cookie: String,
}

impl<S: Store> SsoApp<S> {
    /// Clicks "Inloggen met Microsoft": klacht's redirect to the provider
    /// (which `tamper` may change) and the flow cookie.
    async fn start(&self, tamper: impl FnOnce(String) -> String) -> (String, String) {
        let r = self.app.get("/inloggen/sso?terug=/klachten").await;
        assert_eq!(r.status(), 303);
        let flow = set_cookie_value(&r, "klacht_sso_flow").expect("flow cookie");
        let authorize = location(&r);
        assert!(
            authorize.starts_with(&format!("{}/auth?", self.provider.issuer)),
            "{authorize}"
        );
        for part in [
            "response_type=code",
            "client_id=klacht",
            "code_challenge_method=S256",
            "code_challenge=",
            "state=",
            "nonce=",
            "scope=openid",
        ] {
            assert!(authorize.contains(part), "{part} in {authorize}");
        }
        (tamper(authorize), flow)
    }

    /// Signs in at the provider as `login` and follows its redirects until
    /// it sends the browser back to klacht.
    async fn at_provider(&self, authorize: &str, login: &str) -> String {
        let client = &self.app.client;
        let mut jar = Jar::default();
        let mut url = authorize.to_string();
        let mut logged_in = false;
        for _ in 0..10 {
            if url.starts_with(&self.app.address) {
                return url;
            }
            let r = client
                .get(&url)
                .header("cookie", jar.header())
                .send()
                .await
                .expect("provider");
            jar.take(&r);
            if r.status().is_redirection() {
                let next = location(&r);
                url = if next.starts_with('/') {
                    format!("{}{next}", self.provider.issuer)
                } else {
                    next
                };
                continue;
            }
            let status = r.status();
            let page = r.text().await.expect("provider page");
            assert_eq!(status, 200, "the provider's page: {page}");
            assert!(!logged_in, "the provider asks again: {page}");
            // The provider's sign-in form.
            let action = page
                .split("action=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("a form on the provider's page")
                .replace("&amp;", "&");
            let action = if action.starts_with('/') {
                format!("{}{action}", self.provider.issuer)
            } else {
                action
            };
            let r = client
                .post(action)
                .header("cookie", jar.header())
                .form(&[
                    ("prompt", "login"),
                    ("login", login),
                    ("password", "wat dan ook"),
                ])
                .send()
                .await
                .expect("provider sign-in");
            jar.take(&r);
            logged_in = true;
            let next = location(&r);
            url = if next.starts_with('/') {
                format!("{}{next}", self.provider.issuer)
            } else {
                next
            };
        }
        panic!("the provider did not send the browser back");
    }

    async fn sign_in_as(&self, login: &str, tamper: impl FnOnce(String) -> String) -> Answer {
        let (authorize, flow_cookie) = self.start(tamper).await;
        let callback = self.at_provider(&authorize, login).await;
        assert!(
            callback.starts_with(&format!("{}/inloggen/sso/terug?", self.app.address)),
            "{callback}"
        );
        Answer {
            callback,
            flow_cookie,
        }
    }

    async fn back_at_klacht(&self, answer: &Answer) -> reqwest::Response {
        self.app
            .client
            .get(&answer.callback)
            .header("cookie", format!("klacht_sso_flow={}", answer.flow_cookie))
            .send()
            .await
            .expect("callback")
    }
}

/// A refused sign-in: the status, no session, and the page's words.
async fn assert_refused(r: reqwest::Response, status: u16, words: &str) -> String {
    assert_eq!(r.status(), status);
    assert!(
        set_cookie_value(&r, "klacht_session").is_none(),
        "no session"
    );
    assert_eq!(
        set_cookie_value(&r, "klacht_sso_flow").as_deref(),
        Some(""),
        "the flow is over"
    );
    let page = r.text().await.expect("page");
    assert!(page.contains("Inloggen niet gelukt"), "{page}");
    assert!(page.contains(words), "{words} in {page}");
    page
}

async fn signs_in_with_the_provider_and_out_again<S: Store>(store: S) {
    let Some(t) = spawn(store, Setup::default()).await else {
        return;
    };
    t.app.user("anna@focus.example", Role::Employee, None).await;
    let page = t.app.get("/inloggen").await.text().await.expect("page");
    assert!(
        page.contains("href=\"/inloggen/sso?terug=/\"") && page.contains("Inloggen met Microsoft"),
        "{page}"
    );

    let answer = t.sign_in_as("anna", |url| url).await;
    let r = t.back_at_klacht(&answer).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/klachten");
    let session = set_cookie_value(&r, "klacht_session").expect("a session");
    let cookie = format!("klacht_session={session}");
    let me = t
        .app
        .client
        .get(t.app.url("/wachtwoord"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("page");
    assert_eq!(me.status(), 200);
    let me = me.text().await.expect("page");
    assert!(me.contains("anna (medewerker)"), "{me}");

    // The same answer again (a replayed callback): the flow is spent.
    let replay = t
        .app
        .client
        .get(&answer.callback)
        .send()
        .await
        .expect("replay");
    assert_refused(replay, 401, "Het inloggen is verlopen").await;

    // Signing out ends klacht's session and offers the provider's.
    let csrf = common::hidden_field(&me, "csrf").expect("csrf");
    let r = t
        .app
        .client
        .post(t.app.url("/uitloggen"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("sign out");
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/inloggen?afgemeld=1");
    let gone = t
        .app
        .client
        .get(t.app.url("/wachtwoord"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("page");
    assert_eq!(gone.status(), 303, "signed out of klacht");
    let page = t
        .app
        .get("/inloggen?afgemeld=1")
        .await
        .text()
        .await
        .expect("page");
    let end_session = format!("{}/session/end?", t.provider.issuer);
    assert!(page.contains(&end_session), "{page}");
    assert!(page.contains("client_id=klacht"), "{page}");
}

async fn a_wrong_nonce_is_refused<S: Store>(store: S) {
    let Some(t) = spawn(store, Setup::default()).await else {
        return;
    };
    t.app.user("anna@focus.example", Role::Employee, None).await;
    // Someone swaps the nonce on the way to the provider: the token that
    // comes back is for another sign-in.
    let answer = t
        .sign_in_as("anna", |url| {
            let (before, after) = url.split_once("nonce=").expect("a nonce");
            let rest = after.split_once('&').map(|(_, r)| r).unwrap_or("");
            format!("{before}nonce=een-andere-nonce&{rest}")
        })
        .await;
    let r = t.back_at_klacht(&answer).await;
    assert_refused(r, 401, "hoort niet bij deze inlogpoging").await;
}

async fn an_expired_token_is_refused<S: Store>(store: S) {
    // The provider's clock is two hours behind klacht's: its one-hour ID
    // token expired an hour before klacht sees it.
    let Some(t) = spawn(
        store,
        Setup {
            provider_now: "2026-04-24T07:00:00Z",
            ..Setup::default()
        },
    )
    .await
    else {
        return;
    };
    t.app.user("anna@focus.example", Role::Employee, None).await;
    let answer = t.sign_in_as("anna", |url| url).await;
    let r = t.back_at_klacht(&answer).await;
    assert_refused(r, 401, "de aanmelding is verlopen").await;
    // A browser that asks for English gets the reason in English.
    let answer = t.sign_in_as("anna", |url| url).await;
    let r = t
        .app
        .client
        .get(&answer.callback)
        .header("cookie", format!("klacht_sso_flow={}", answer.flow_cookie))
        .header("accept-language", "en")
        .send()
        .await
        .expect("callback");
    assert_eq!(r.status(), 401);
    let page = r.text().await.expect("page");
    assert!(
        page.contains(
            "The sign-in from the sign-in service is not valid: the sign-in has expired. \
             Please try again."
        ),
        "{page}"
    );
    assert!(!page.contains("verlopen"), "{page}");
}

async fn a_token_for_another_application_is_refused<S: Store>(store: S) {
    let Some(t) = spawn(
        store,
        Setup {
            audience: Some("een-andere-toepassing"),
            ..Setup::default()
        },
    )
    .await
    else {
        return;
    };
    t.app.user("anna@focus.example", Role::Employee, None).await;
    let answer = t.sign_in_as("anna", |url| url).await;
    let r = t.back_at_klacht(&answer).await;
    assert_refused(r, 401, "voor een andere toepassing bedoeld").await;
}

async fn an_unknown_user_is_told_whom_to_ask<S: Store>(store: S) {
    let Some(t) = spawn(store, Setup::default()).await else {
        return;
    };
    t.app.user("beheer@focus.example", Role::Admin, None).await;
    let answer = t.sign_in_as("onbekend", |url| url).await;
    let r = t.back_at_klacht(&answer).await;
    let page = assert_refused(
        r,
        403,
        "Er is geen account in klacht voor onbekend@focus.example",
    )
    .await;
    assert!(
        page.contains("beheer (beheer@focus.example)"),
        "the administrator is named: {page}"
    );
}

async fn a_deactivated_user_is_refused<S: Store>(store: S) {
    let Some(t) = spawn(store, Setup::default()).await else {
        return;
    };
    let admin = t.app.user("beheer@focus.example", Role::Admin, None).await;
    let piet = t.app.user("piet@focus.example", Role::Manager, None).await;
    let calendar = klacht_domain::calendar::WorkingCalendar::netherlands_default();
    klacht_app::admin::set_user_active(
        &t.app.store,
        &admin,
        piet.id,
        false,
        NOW.parse().expect("instant"),
        klacht_app::admin::Handover {
            calendar: &calendar,
            mail: None,
        },
    )
    .await
    .expect("deactivated");
    let answer = t.sign_in_as("piet", |url| url).await;
    let r = t.back_at_klacht(&answer).await;
    let page = assert_refused(r, 403, "Het account piet@focus.example is gedeactiveerd").await;
    assert!(page.contains("beheer@focus.example"), "{page}");
}

async fn password_sign_in_can_be_left_to_the_administrator<S: Store>(store: S) {
    let Some(t) = spawn(
        store,
        Setup {
            password_sign_in: false,
            ..Setup::default()
        },
    )
    .await
    else {
        return;
    };
    t.app.user("anna@focus.example", Role::Employee, None).await;
    t.app.user("beheer@focus.example", Role::Admin, None).await;
    let page = t.app.get("/inloggen").await.text().await.expect("page");
    assert!(page.contains("alleen nog voor de beheerder"), "{page}");
    let r = t.app.try_login("anna@focus.example", PASSWORD).await;
    assert_eq!(r.status(), 401);
    assert!(set_cookie_value(&r, "klacht_session").is_none());
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Inloggen met een wachtwoord is uitgeschakeld")
    );
    // A wrong password still gets the one message for everything.
    let r = t
        .app
        .try_login("anna@focus.example", "verkeerd wachtwoord")
        .await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("E-mailadres of wachtwoord onjuist.")
    );
    let r = t.app.try_login("beheer@focus.example", PASSWORD).await;
    assert_eq!(r.status(), 303, "the administrator keeps a way in");
    // Single sign-on still works for Anna.
    let answer = t.sign_in_as("anna", |url| url).await;
    assert_eq!(t.back_at_klacht(&answer).await.status(), 303);
}

async fn the_providers_new_keys_are_fetched<S: Store>(store: S) {
    let Some(mut t) = spawn(store, Setup::default()).await else {
        return;
    };
    t.app.user("anna@focus.example", Role::Employee, None).await;
    let answer = t.sign_in_as("anna", |url| url).await;
    assert_eq!(t.back_at_klacht(&answer).await.status(), 303);
    // The provider comes back on the same address with a new signing key:
    // klacht's cached keys do not know it.
    let port = t.provider.port;
    let address = t.app.address.clone();
    t.provider.stop();
    t.provider = Provider::start(provider_config(
        &address,
        &Setup {
            port,
            ..Setup::default()
        },
    ))
    .await
    .expect("the provider again");
    let answer = t.sign_in_as("anna", |url| url).await;
    let r = t.back_at_klacht(&answer).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
}

async fn the_providers_app_role_maps_to_a_klacht_role<S: Store>(store: S) {
    let roles = BTreeMap::from([
        ("Klacht.Kwaliteit".to_string(), Role::QualityManager),
        ("Klacht.Directie".to_string(), Role::Director),
    ]);
    let Some(t) = spawn(
        store,
        Setup {
            roles,
            ..Setup::default()
        },
    )
    .await
    else {
        return;
    };
    let anna = t.app.user("anna@focus.example", Role::Manager, None).await;
    let admin = t.app.user("beheer@focus.example", Role::Admin, None).await;
    let answer = t.sign_in_as("anna", |url| url).await;
    assert_eq!(t.back_at_klacht(&answer).await.status(), 303);
    let record = t
        .app
        .store
        .user_by_id(anna.id)
        .await
        .expect("store")
        .expect("anna");
    assert_eq!(record.user.role, Role::QualityManager);
    let b = t.app.login(&admin.email.to_string()).await;
    let log = t
        .app
        .get_as(&b, "/beheer/logboek")
        .await
        .text()
        .await
        .expect("page");
    assert!(log.contains("rol bij de inlogdienst"), "{log}");
}

store_tests!(
    signs_in_with_the_provider_and_out_again,
    a_wrong_nonce_is_refused,
    an_expired_token_is_refused,
    a_token_for_another_application_is_refused,
    an_unknown_user_is_told_whom_to_ask,
    a_deactivated_user_is_refused,
    password_sign_in_can_be_left_to_the_administrator,
    the_providers_new_keys_are_fetched,
    the_providers_app_role_maps_to_a_klacht_role,
);
