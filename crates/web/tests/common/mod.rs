//! `spawn_app()`: the whole application on a random port with a fresh
//! database, talked to over HTTP as a browser or API client would.

use klacht_domain::calendar::WorkingCalendar;
use klacht_store::Store;
use klacht_web::AppState;

pub struct TestApp<S> {
    pub address: String,
    pub store: S,
    pub client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

pub async fn spawn_app<S: Store>(store: S) -> TestApp<S> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a random port");
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    let state = AppState::new(
        store.clone(),
        WorkingCalendar::netherlands_default(),
        "Focus",
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

impl<S> TestApp<S> {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }
}
