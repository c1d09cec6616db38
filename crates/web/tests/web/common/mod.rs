//! `spawn_app()`: the whole application on a random port with a fresh
//! database, talked to over HTTP as a browser or API client would.
#![allow(dead_code)]

use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::{Email, Role, User, UserId};
use klacht_store::{NewUser, Store};
use klacht_web::AppState;

/// The password of every user `TestApp::user` creates.
pub const PASSWORD: &str = "een goed wachtwoord";

pub struct TestApp<S> {
    pub address: String,
    pub store: S,
    pub client: reqwest::Client,
    pub _shutdown: tokio::sync::oneshot::Sender<()>,
}

pub async fn spawn_app<S: Store>(store: S) -> TestApp<S> {
    spawn_app_with(store, |state| state).await
}

/// As [`spawn_app`], with the application state adjusted first (e.g. the
/// public site's limits, an enabled mail notifier).
pub async fn spawn_app_with<S: Store>(
    store: S,
    adjust: impl FnOnce(AppState<S>) -> AppState<S>,
) -> TestApp<S> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a random port");
    spawn_app_on(listener, store, adjust).await
}

/// As [`spawn_app_with`], on a listener bound before (its address is
/// needed first, e.g. for an OpenID provider's redirect URI).
pub async fn spawn_app_on<S: Store>(
    listener: tokio::net::TcpListener,
    store: S,
    adjust: impl FnOnce(AppState<S>) -> AppState<S>,
) -> TestApp<S> {
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    let state = adjust(
        AppState::new(
            store.clone(),
            WorkingCalendar::netherlands_default(),
            "Focus",
        )
        .with_clock(klacht_clock::from_env().expect("KLACHT_NOW")),
    );
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = klacht_web::serve(listener, state, async {
            let _ = rx.await;
        })
        .await;
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    TestApp {
        address,
        store,
        client,
        _shutdown: tx,
    }
}

/// [`PASSWORD`]'s argon2id hash, made once per test process: hashing is
/// slow on purpose, and the tests create thousands of users (signing in
/// still verifies against it every time).
pub async fn password_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        klacht_app::password::hash_password(PASSWORD.into())
            .await
            .expect("hash")
    })
    .await
    .clone()
}

/// Delivers every message due in the outbox to `smtp` (one delivery
/// round, as the job worker runs it) and returns all it received so far.
pub async fn delivered<S: Store>(
    store: &S,
    smtp: &klacht_mail::testing::SmtpServer,
) -> Vec<klacht_mail::testing::Received> {
    let mailer = klacht_mail::SmtpMailer::from_url(
        &secrecy::SecretString::from(smtp.url()),
        &klacht_mail::Address::bare("klachten@focus.example"),
    )
    .expect("mailer");
    klacht_jobs::deliver_due(
        store,
        &mailer,
        &klacht_jobs::DeliveryConfig::default(),
        klacht_clock::test_now(),
    )
    .await
    .expect("delivery round");
    smtp.messages()
}

/// A browser's cookies for one user: the session and the form token.
#[derive(Debug, Clone)]
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

/// The value of `name` in the response's Set-Cookie headers.
pub fn set_cookie_value(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        })
}

/// The value of the first hidden input named `name` in a page.
pub fn hidden_field(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    Some(html[start..].split('"').next()?.to_string())
}

impl<S: Store> TestApp<S> {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get_as(&self, b: &Browser, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", &b.cookie)
            .send()
            .await
            .expect("request sent")
    }

    /// Posts a form with the browser's cookies and CSRF token.
    pub async fn post_as(
        &self,
        b: &Browser,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf", b.csrf.as_str())];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .header("cookie", &b.cookie)
            .form(&all)
            .send()
            .await
            .expect("request sent")
    }

    /// Creates a staff account with [`PASSWORD`].
    pub async fn user(&self, email: &str, role: Role, manager: Option<UserId>) -> User {
        let user = User {
            id: UserId::new(uuid::Uuid::now_v7()),
            email: Email::parse(email).expect("valid e-mail"),
            name: email.split('@').next().unwrap_or_default().to_string(),
            role,
            manager,
        };
        self.store
            .create_user(NewUser {
                id: user.id,
                email: user.email.clone(),
                name: user.name.clone(),
                role,
                manager,
                password_hash: Some(password_hash().await),
                created_at: klacht_clock::test_now(),
            })
            .await
            .expect("create user");
        user
    }

    /// Signs in through the login form, as a browser does.
    pub async fn try_login(&self, email: &str, password: &str) -> reqwest::Response {
        let page = self.get("/inloggen").await;
        let login_csrf = set_cookie_value(&page, "klacht_login_csrf").expect("login csrf cookie");
        self.client
            .post(self.url("/inloggen"))
            .header("cookie", format!("klacht_login_csrf={login_csrf}"))
            .form(&[
                ("email", email),
                ("password", password),
                ("csrf", &login_csrf),
                ("terug", "/klachten"),
            ])
            .send()
            .await
            .expect("request sent")
    }

    pub async fn login(&self, email: &str) -> Browser {
        let r = self.try_login(email, PASSWORD).await;
        assert_eq!(r.status(), 303, "sign-in of {email} succeeds");
        let session = set_cookie_value(&r, "klacht_session").expect("session cookie");
        let cookie = format!("klacht_session={session}");
        // Any signed-in page carries the form token.
        let page = self
            .client
            .get(self.url("/wachtwoord"))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("request sent")
            .text()
            .await
            .expect("body");
        let csrf = hidden_field(&page, "csrf").expect("csrf field on a staff page");
        Browser { cookie, csrf }
    }
}

/// The words a reader sees: no styles, no tags, entities as characters.
pub fn visible(html: &str) -> String {
    // Every style block goes: selectors may name Dutch labels.
    let mut without_style = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<style") {
        without_style.push_str(&rest[..start]);
        match rest[start..].find("</style>") {
            Some(end) => rest = &rest[start + end + "</style>".len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    without_style.push_str(rest);
    let mut text = String::with_capacity(without_style.len());
    let mut in_tag = false;
    for c in without_style.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'").replace("&amp;", "&")
}

/// The page is in `language`: its `lang` attribute, and none of the other
/// languages' marker words in what a reader sees (issue 18).
pub fn assert_speaks(language: klacht_domain::Language, page: &str, what: &str) {
    assert!(
        page.contains(&format!("<html lang=\"{}\"", language.code())),
        "{what}: lang attribute"
    );
    // The product's name, klacht, is a name in every language.
    let page = page.replace("<strong>klacht</strong>", "");
    let foreign = klacht_i18n::foreign_words(language, &visible(&page));
    assert!(
        foreign.is_empty(),
        "{what}: {foreign:?} in\n{}",
        visible(&page)
    );
}
