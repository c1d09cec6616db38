//! Harness for the browser tests: the application on a random port, a
//! ChromeDriver of its own and a headless Chromium session, with
//! screenshots saved where the README says.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, Locator};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::{Email, Role, User, UserId};
use klacht_store::{NewUser, Store};
use klacht_web::AppState;

/// The password of the people [`staff_user`] creates.
pub const PASSWORD: &str = "klacht-demo-2026";

/// A staff account that signs in with [`PASSWORD`].
pub async fn staff_user<S: Store>(
    store: &S,
    email: &str,
    name: &str,
    role: Role,
    manager: Option<UserId>,
) -> User {
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse(email).expect("valid e-mail"),
        name: name.into(),
        role,
        manager,
    };
    store
        .create_user(NewUser {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role,
            manager,
            password_hash: Some(
                klacht_app::password::hash_password(PASSWORD.into())
                    .await
                    .expect("hash"),
            ),
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("create user");
    user
}

/// With `CI` set a missing Chromium fails the run instead of skipping.
fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Where screenshots go: `KLACHT_SCREENSHOTS`, or `docs/screenshots`.
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("KLACHT_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots"))
}

/// The application serving on a random local port until dropped.
pub struct App {
    pub base: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub async fn spawn_app<S: Store>(store: S) -> App {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a random port");
    spawn_app_on(listener, store, |state| state).await
}

/// As [`spawn_app`], on a listener bound before (its address is needed
/// first, e.g. for an OpenID provider's redirect URI), with the state
/// adjusted.
pub async fn spawn_app_on<S: Store>(
    listener: tokio::net::TcpListener,
    store: S,
    adjust: impl FnOnce(AppState<S>) -> AppState<S>,
) -> App {
    let base = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("address").port()
    );
    let state = adjust(
        AppState::new(store, WorkingCalendar::netherlands_default(), "Focus")
            .with_clock(klacht_clock::from_env().expect("KLACHT_NOW")),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = klacht_web::serve(listener, state, async {
            let _ = stopped.await;
        })
        .await;
    });
    App { base, _stop: stop }
}

/// A ChromeDriver process, killed when dropped. Holds the process's one
/// browser turn: the browser tests share a test binary, and two Chromiums
/// side by side on a 2-core machine make page loads time out.
pub struct Driver {
    child: Child,
    pub url: String,
    _turn: tokio::sync::SemaphorePermit<'static>,
}

fn browser_turns() -> &'static tokio::sync::Semaphore {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    TURNS.get_or_init(|| tokio::sync::Semaphore::new(1))
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A headless Chromium session, or `None` (with a note) when Chromium or
/// ChromeDriver is not installed and `CI` is not set. `scripts/test`
/// installs both.
pub async fn browser() -> Option<(Driver, Client)> {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let (Some(chromium), true) = (
        chromium,
        std::path::Path::new("/usr/bin/chromedriver").exists(),
    ) else {
        assert!(
            !required(),
            "Chromium and ChromeDriver are required when CI is set (run scripts/install-test-deps)"
        );
        eprintln!(
            "Chromium/ChromeDriver not installed; skipping the browser test (scripts/install-test-deps installs them)"
        );
        return None;
    };
    let turn = browser_turns()
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let port = free_port();
    let child = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _turn: turn,
    };
    let profile = std::env::temp_dir().join(format!("klacht-chromium-{}", uuid::Uuid::new_v4()));
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=nl-NL",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
            // A Dutch office's browser: `--lang` alone leaves headless
            // Chromium asking for English pages (Accept-Language en-US).
            "prefs": { "intl": { "accept_languages": "nl-NL,nl" } }
        }
    });
    let caps = match caps {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let mut last_error = None;
    for _ in 0..50 {
        match Client::with_capabilities_and_connector(&driver.url, &caps, connector.clone()).await {
            Ok(client) => return Some((driver, client)),
            Err(e) => {
                last_error = Some(e);
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    panic!("could not start a Chromium session: {last_error:?}");
}

/// Saves a PNG of the current page as `<name>.png` in [`screenshot_dir`].
pub async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    let dir = screenshot_dir();
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

/// Fills the field with the given id.
pub async fn fill(client: &Client, id: &str, value: &str) {
    let field = client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("field #{id}: {e}"));
    field.clear().await.expect("clear field");
    field.send_keys(value).await.expect("type");
}

/// The visible text of the page body.
pub async fn body_text(client: &Client) -> String {
    client
        .find(Locator::Css("body"))
        .await
        .expect("body")
        .text()
        .await
        .expect("text")
}

/// Clicks what submits a form and waits until the next page has loaded,
/// so the following step never touches the old page.
pub async fn click_and_wait(client: &Client, css: &str) {
    client
        .execute("window.__klachtOldPage = true; return null;", vec![])
        .await
        .expect("mark the page");
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
    for _ in 0..200 {
        let loaded = client
            .execute(
                "return window.__klachtOldPage === undefined && document.readyState === 'complete';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if loaded {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no new page after clicking {css}");
}

/// Clicks the element `css` finds (no page load expected).
pub async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Picks `value` in the select with the given id.
pub async fn select(client: &Client, id: &str, value: &str) {
    client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"))
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("select {value} in #{id}: {e}"));
}

/// Signs in through the sign-in page and waits for where it lands.
pub async fn sign_in(client: &Client, base: &str, email: &str, password: &str) {
    client
        .goto(&format!("{base}/inloggen"))
        .await
        .expect("login page");
    fill(client, "email", email).await;
    fill(client, "password", password).await;
    click_and_wait(client, "main form button[type=submit]").await;
    assert_ne!(
        client.current_url().await.expect("url").path(),
        "/inloggen",
        "{email} signed in"
    );
}

/// Signs out with the header's button.
pub async fn sign_out(client: &Client) {
    click_and_wait(client, "header form button").await;
}

/// The page's message after an action ("Aanbod vastgelegd."), or empty.
pub async fn flash(client: &Client) -> String {
    match client.find(Locator::Css(".flash")).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Opens the complaint page's collapsible form `key` (`details#key`),
/// unless the page shows it open already (a click would close it).
pub async fn open_form(client: &Client, key: &str) {
    let details = client
        .find(Locator::Css(&format!("details#{key}")))
        .await
        .unwrap_or_else(|e| panic!("form {key}: {e}"));
    let open = details.attr("open").await.expect("attribute").is_some();
    if !open {
        click(client, &format!("details#{key} > summary")).await;
    }
}

/// Submits the complaint page's form `key` and waits for the next page.
pub async fn submit_form(client: &Client, key: &str) {
    click_and_wait(client, &format!("details#{key} button[type=submit]")).await;
}

/// Resizes the window to `width` pixels (and a phone's or a laptop's
/// height), so that the page's layout viewport is that wide.
pub async fn set_width(client: &Client, width: u32) {
    let height = if width < 600 { 844 } else { 900 };
    client
        .set_window_rect(0, 0, width, height)
        .await
        .unwrap_or_else(|e| panic!("resize to {width} px: {e}"));
}

/// Fails when the page is wider than the window: a phone would scroll
/// sideways (a table that spills out of its card, a word that does not
/// break).
pub async fn assert_no_sideways_scroll(client: &Client, what: &str) {
    let widths = client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .expect("measure the page");
    let (scroll, inner) = (
        widths[0].as_i64().unwrap_or(i64::MAX),
        widths[1].as_i64().unwrap_or(0),
    );
    assert!(
        scroll <= inner,
        "{what}: the page is {scroll} px wide in a window of {inner} px"
    );
}

/// The source of axe-core (`scripts/axe`, installed by
/// `scripts/install-test-deps`), or `None` with a note when it is missing
/// and `CI` is not set.
pub fn axe_source() -> Option<&'static str> {
    static SOURCE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../scripts/axe/node_modules/axe-core/axe.min.js");
            match std::fs::read_to_string(&path) {
                Ok(source) => Some(source),
                Err(e) => {
                    assert!(
                        !required(),
                        "axe-core is required when CI is set ({}: {e}; run scripts/install-test-deps)",
                        path.display()
                    );
                    eprintln!(
                        "axe-core not installed; skipping the accessibility checks (scripts/install-test-deps installs it)"
                    );
                    None
                }
            }
        })
        .as_deref()
}

/// Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the current page
/// and returns its violations, one readable line per element (rule,
/// impact, element, what is wrong). Empty when axe-core is not installed.
pub async fn axe_violations(client: &Client) -> Vec<String> {
    let Some(source) = axe_source() else {
        return Vec::new();
    };
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .expect("script")
        .as_bool()
        .unwrap_or(false);
    if !loaded {
        client
            .execute(&format!("{source}\n;return null;"), vec![])
            .await
            .expect("inject axe-core");
    }
    let result = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                resultTypes: ['violations'],
            }).then(r => done(r.violations.flatMap(v => v.nodes.map(n =>
                `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help}. ${(n.failureSummary || '').replace(/\s+/g, ' ')}`))))
              .catch(e => done(['axe-core failed: ' + e]));"#,
            vec![],
        )
        .await
        .expect("run axe-core");
    result
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Fails with the list of axe-core's violations on the current page.
pub async fn assert_accessible(client: &Client, what: &str) {
    let violations = axe_violations(client).await;
    assert!(
        violations.is_empty(),
        "{what}: {} axe-core violation(s):\n{}",
        violations.len(),
        violations.join("\n")
    );
}
