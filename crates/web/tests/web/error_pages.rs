//! No blank pages (issue 15 item 9): an unknown address, a method the
//! address does not serve and a handler that panics each get a Dutch page
//! with a way back that fits the visitor, on both databases; the API keeps
//! `application/problem+json`.

use crate::common;

use axum::Router;
use axum::routing::get;
use common::{TestApp, spawn_app};
use klacht_domain::Role;
use klacht_domain::calendar::WorkingCalendar;
use klacht_store::{Store, store_tests};
use klacht_web::AppState;

fn content_type(r: &reqwest::Response) -> String {
    r.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

/// The way back for someone who is not signed in: the public start page,
/// the complaint form and the status page; no link into the staff pages.
fn assert_public_way_back(page: &str) {
    assert!(page.contains("lang=\"nl\""), "{page}");
    assert!(
        page.contains(r#"<a href="/">Naar de startpagina</a>"#),
        "{page}"
    );
    assert!(page.contains(r#"<a href="/klacht">"#), "{page}");
    assert!(page.contains(r#"href="/inloggen""#), "{page}");
    assert!(!page.contains("Terug naar uw startpagina"), "{page}");
}

fn assert_staff_way_back(page: &str) {
    assert!(
        page.contains(r#"<a href="/">Terug naar uw startpagina</a>"#),
        "{page}"
    );
    assert!(!page.contains(r#"href="/inloggen""#), "signed in: {page}");
}

async fn an_unknown_address_gets_a_dutch_page_with_the_way_back<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let r = app.get("/bestaat/niet").await;
    assert_eq!(r.status(), 404);
    assert!(content_type(&r).starts_with("text/html"));
    let page = r.text().await.expect("body");
    assert!(page.contains("<h1>Niet gevonden</h1>"), "{page}");
    assert_public_way_back(&page);

    app.user("kees@focus.nl", Role::Employee, None).await;
    let kees = app.login("kees@focus.nl").await;
    let r = app.get_as(&kees, "/bestaat/niet").await;
    assert_eq!(r.status(), 404);
    let page = r.text().await.expect("body");
    assert!(page.contains("<h1>Niet gevonden</h1>"), "{page}");
    assert_staff_way_back(&page);

    // A complaint that is not there: the application's own 404, with the
    // staff member's way back too.
    let r = app
        .get_as(&kees, "/klachten/0190a6f3-7c1e-7000-8000-000000000000")
        .await;
    assert_eq!(r.status(), 404);
    assert_staff_way_back(&r.text().await.expect("body"));

    // A session that ended no longer counts as signed in.
    let r = app
        .client
        .get(app.url("/bestaat/niet"))
        .header("cookie", "klacht_session=verlopen")
        .send()
        .await
        .expect("request sent");
    assert_public_way_back(&r.text().await.expect("body"));

    let r = app.get("/api/v1/bestaat-niet").await;
    assert_eq!(r.status(), 404);
    assert_eq!(content_type(&r), "application/problem+json");
}

async fn a_method_the_address_does_not_serve_gets_a_dutch_page<S: Store>(store: S) {
    let app = spawn_app(store).await;
    // Reloading the address a form posted to.
    let r = app.get("/berichten/opnieuw").await;
    assert_eq!(r.status(), 405);
    assert_eq!(r.headers()["allow"], "POST");
    assert!(content_type(&r).starts_with("text/html"));
    let page = r.text().await.expect("body");
    assert!(page.contains("<h1>Niet mogelijk</h1>"), "{page}");
    assert!(page.contains("kan zo niet worden geopend"), "{page}");
    assert_public_way_back(&page);

    app.user("kees@focus.nl", Role::Employee, None).await;
    let kees = app.login("kees@focus.nl").await;
    let r = app.get_as(&kees, "/berichten/opnieuw").await;
    assert_eq!(r.status(), 405);
    assert_staff_way_back(&r.text().await.expect("body"));

    // The public site too; the API answers its problem.
    let r = app
        .client
        .delete(app.url("/reglement"))
        .send()
        .await
        .expect("request sent");
    assert_eq!(r.status(), 405);
    assert!(content_type(&r).starts_with("text/html"));
    let r = app
        .client
        .delete(app.url("/api/v1/complaints"))
        .send()
        .await
        .expect("request sent");
    assert_eq!(r.status(), 405);
    assert_eq!(content_type(&r), "application/problem+json");
}

/// The application with a route that panics, served as `spawn_app` does.
async fn spawn_with_a_panicking_route<S: Store>(store: S) -> TestApp<S> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a random port");
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    let state = AppState::new(
        store.clone(),
        WorkingCalendar::netherlands_default(),
        "Focus",
    )
    .with_clock(klacht_clock::from_env().expect("KLACHT_NOW"));
    // A bug as it would show up: a panic deep in a handler.
    let boom = || async {
        let items: Vec<&str> = std::hint::black_box(Vec::new());
        if items.is_empty() {
            panic!("een fout in de code");
        }
        "nooit"
    };
    let extra = Router::new()
        .route("/stuk", get(boom))
        .route("/api/stuk", get(boom));
    let app = klacht_web::app_with_routes(state, extra);
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    TestApp {
        address,
        store,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client"),
        _shutdown: tx,
    }
}

async fn a_panic_gets_the_server_error_page_and_the_server_lives_on<S: Store>(store: S) {
    let app = spawn_with_a_panicking_route(store).await;
    let r = app.get("/stuk").await;
    assert_eq!(r.status(), 500);
    assert!(content_type(&r).starts_with("text/html"));
    let page = r.text().await.expect("body");
    assert!(page.contains("<h1>Er ging iets mis</h1>"), "{page}");
    assert!(page.contains("Er ging iets mis aan onze kant"), "{page}");
    // What went wrong is for the log, not for the visitor.
    assert!(!page.contains("een fout in de code"), "{page}");
    assert_public_way_back(&page);

    app.user("kees@focus.nl", Role::Employee, None).await;
    let kees = app.login("kees@focus.nl").await;
    let r = app.get_as(&kees, "/stuk").await;
    assert_eq!(r.status(), 500);
    assert_staff_way_back(&r.text().await.expect("body"));

    let r = app.get("/api/stuk").await;
    assert_eq!(r.status(), 500);
    assert_eq!(content_type(&r), "application/problem+json");
    let problem: serde_json::Value = r.json().await.expect("json");
    assert_eq!(problem["status"], 500);
    assert!(
        !problem.to_string().contains("een fout in de code"),
        "{problem}"
    );

    // The server still answers.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

store_tests!(
    an_unknown_address_gets_a_dutch_page_with_the_way_back,
    a_method_the_address_does_not_serve_gets_a_dutch_page,
    a_panic_gets_the_server_error_page_and_the_server_lives_on,
);
