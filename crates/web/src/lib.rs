//! HTTP for klacht: the Dutch staff UI, the JSON API and the public site.
//!
//! Each feature module exports its own router over [`AppState`]; handlers
//! stay thin (extract, call the domain or a service, render). The app is
//! generic over the [`Store`], so the same code serves SQLite and
//! PostgreSQL.

mod admin;
pub mod api;
mod complaints;
mod error;
mod health;
mod overview;
pub mod session;
mod signin;
mod start;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use klacht_domain::calendar::WorkingCalendar;
use klacht_store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::WebError;

/// Requests larger than this are refused before a handler sees them.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What every handler may use. Cheap to clone; holds no per-user state,
/// so several instances behind a load balancer behave as one.
#[derive(Clone)]
pub struct AppState<S> {
    pub store: S,
    /// The calendar of the configuration. Terms are never computed on it
    /// directly: use [`AppState::calendar`], which adds what the
    /// administrator stored in the database.
    pub config_calendar: Arc<WorkingCalendar>,
    pub organisation: Arc<str>,
    /// Whether cookies carry the `Secure` flag (see the configuration).
    pub cookie_secure: bool,
}

impl<S: Store> AppState<S> {
    pub fn new(store: S, calendar: WorkingCalendar, organisation: impl Into<Arc<str>>) -> Self {
        Self {
            store,
            config_calendar: Arc::new(calendar),
            organisation: organisation.into(),
            cookie_secure: true,
        }
    }

    pub fn with_cookie_secure(mut self, secure: bool) -> Self {
        self.cookie_secure = secure;
        self
    }

    /// The working calendar as it is now: the configuration's with the
    /// administrator's options and closing days from the database (Beheer >
    /// Kalender). Read per request, so that every instance computes the
    /// same terms the moment a change is saved. Use it for every term.
    pub async fn calendar(&self) -> Result<WorkingCalendar, klacht_store::StoreError> {
        klacht_app::calendar::current(&self.store, &self.config_calendar).await
    }
}

/// The whole application with its middleware.
pub fn app<S: Store>(state: AppState<S>) -> Router {
    let header = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    Router::new()
        .merge(health::router())
        .nest(api::PREFIX, api::router())
        .merge(start::router())
        .merge(signin::router())
        .merge(complaints::router())
        .merge(overview::router())
        .merge(admin::router())
        .with_state(state)
        .layer(axum::middleware::from_fn(session::clear_shown_flash))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("x-frame-options", "DENY"))
        .layer(header("referrer-policy", "same-origin"))
        .layer(header(
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::new())
}

/// Serves until `shutdown` completes, then lets requests in flight finish.
pub async fn serve<S: Store>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
