//! HTTP for klacht: the Dutch staff UI, the JSON API and the public site.
//!
//! Each feature module exports its own router over [`AppState`]; handlers
//! stay thin (extract, call the domain or a service, render). The app is
//! generic over the [`Store`], so the same code serves SQLite and
//! PostgreSQL.

mod absences;
pub mod access_log;
mod admin;
mod agenda;
pub mod api;
mod complaints;
mod dossier;
mod error;
mod error_page;
mod exact;
mod handover;
mod health;
mod improvement;
pub mod language;
mod mailbox;
pub mod metrics;
mod outbox;
mod overview;
pub mod procedure;
pub mod public;
pub mod reports;
pub mod session;
mod signin;
mod sso;
mod start;
mod uploads;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use klacht_clock::SharedClock;
use klacht_domain::calendar::WorkingCalendar;
use klacht_store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::WebError;
pub use public::PublicSite;

/// Requests larger than this are refused before a handler sees them (the
/// public complaint form, with attachments, has its own limit).
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
    /// When complaints form a structural pattern (configuration, DESIGN §6),
    /// and the open patterns found by them, computed once for many views.
    pub patterns: Arc<klacht_app::improvement::PatternCache>,
    /// Each user's work queue, kept between page views while nothing
    /// changed ([`klacht_app::work_queue::QueueCache`]).
    pub queues: Arc<klacht_app::work_queue::QueueCache>,
    /// The dashboard's figures and the yearly reports, kept between views
    /// when they are slow to compute ([`klacht_app::reports::FiguresCache`]).
    pub figures: Arc<klacht_app::reports::FiguresCache>,
    /// Composes the e-mail a change causes, queued in its transaction.
    pub notifier: klacht_app::notify::Notifier,
    /// The mail server (without password) when one is configured; `None`:
    /// mail stays queued, and Uitgaande berichten says so.
    pub mail_server: Option<Arc<str>>,
    /// The public site: regulation, rate limit, trusted proxies.
    pub public: Arc<PublicSite>,
    /// Who the PDF documents come from: organisation and logo.
    pub letterhead: Arc<klacht_app::documents::Letterhead>,
    /// Where every handler reads "now" (tests pin it).
    pub clock: SharedClock,
    /// The bearer token of `/metrics`; `None`: no `/metrics` (404).
    pub metrics_token: Option<Arc<secrecy::SecretString>>,
    /// Single sign-on (`[oidc]`); `None`: password sign-in only.
    pub sso: Option<Arc<klacht_app::sso::Sso>>,
}

impl<S: Store> AppState<S> {
    pub fn new(store: S, calendar: WorkingCalendar, organisation: impl Into<Arc<str>>) -> Self {
        let organisation: Arc<str> = organisation.into();
        Self {
            letterhead: Arc::new(klacht_app::documents::Letterhead::new(&*organisation)),
            store,
            config_calendar: Arc::new(calendar),
            public: Arc::new(PublicSite::example(&organisation)),
            organisation,
            cookie_secure: true,
            patterns: Arc::default(),
            queues: Arc::default(),
            figures: Arc::default(),
            notifier: klacht_app::notify::Notifier::disabled(),
            mail_server: None,
            clock: Arc::new(klacht_clock::SystemClock),
            metrics_token: None,
            sso: None,
        }
    }

    /// Offers single sign-on on the sign-in page (and, when its
    /// configuration says so, password sign-in to the administrator only).
    pub fn with_sso(mut self, sso: Option<klacht_app::sso::Sso>) -> Self {
        self.sso = sso.map(Arc::new);
        self
    }

    /// Who may sign in with a password.
    pub fn password_sign_in(&self) -> klacht_app::auth::PasswordSignIn {
        match &self.sso {
            Some(sso) if !sso.config().password_sign_in => {
                klacht_app::auth::PasswordSignIn::AdminOnly
            }
            _ => klacht_app::auth::PasswordSignIn::Everyone,
        }
    }

    /// Serves `/metrics` to whoever sends this bearer token.
    pub fn with_metrics_token(mut self, token: Option<secrecy::SecretString>) -> Self {
        self.metrics_token = token.map(Arc::new);
        self
    }

    /// Reads the time from this clock instead of the system's.
    pub fn with_clock(mut self, clock: SharedClock) -> Self {
        self.clock = clock;
        self
    }

    /// What a change made in this request works with: the store, the
    /// calendar as it is now, the notifier, this moment, and the letterhead
    /// closed complaints are filed with.
    pub fn change_context<'a>(
        &'a self,
        calendar: &'a WorkingCalendar,
    ) -> klacht_app::complaints::Context<'a, S> {
        klacht_app::complaints::Context::new(&self.store, calendar, &self.notifier, self.now())
            .filing_with(&self.letterhead)
    }

    /// The current instant, from the state's clock.
    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }

    /// The organisation's name and logo on the PDF documents (default: the
    /// name only).
    pub fn with_letterhead(mut self, letterhead: klacht_app::documents::Letterhead) -> Self {
        self.letterhead = Arc::new(letterhead);
        self
    }

    /// The public site's regulation and limits (default: the shipped
    /// example regulation, 5 submissions per address per hour).
    pub fn with_public(mut self, site: PublicSite) -> Self {
        self.public = Arc::new(site);
        self
    }

    /// Queues e-mail with this notifier, delivered through `mail_server`
    /// (its description, without password; `None` when not configured).
    pub fn with_mail(
        mut self,
        notifier: klacht_app::notify::Notifier,
        mail_server: Option<String>,
    ) -> Self {
        self.notifier = notifier;
        self.mail_server = mail_server.map(Into::into);
        self
    }

    pub fn with_patterns(mut self, rules: klacht_domain::patterns::PatternRules) -> Self {
        self.patterns = Arc::new(klacht_app::improvement::PatternCache::new(
            rules,
            klacht_app::improvement::PATTERNS_MAX_AGE,
        ));
        self
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

    /// The open patterns as of `today`, current (every decision shows at
    /// once), kept between views (see [`klacht_app::kept`]).
    pub async fn current_patterns(
        &self,
        calendar: &WorkingCalendar,
        today: jiff::civil::Date,
    ) -> Result<
        Arc<Vec<klacht_app::improvement::FlaggedPattern>>,
        klacht_app::improvement::ImprovementServiceError,
    > {
        self.patterns
            .open_patterns(
                &self.store,
                calendar,
                today,
                klacht_app::kept::Outdated::Wait,
            )
            .await
    }
}

/// The whole application with its middleware.
pub fn app<S: Store>(state: AppState<S>) -> Router {
    app_with_routes(state, Router::new())
}

/// The application with `extra` routes beside its own, under all its
/// middleware: for tests that need a route the application does not have
/// (one that panics).
#[doc(hidden)]
pub fn app_with_routes<S: Store>(state: AppState<S>, extra: Router<AppState<S>>) -> Router {
    let header = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    // The recorder exists before the first request is counted.
    metrics::handle();
    Router::new()
        .merge(health::router())
        .merge(metrics::router())
        .nest(api::PREFIX, api::router())
        .merge(start::router())
        .merge(signin::router())
        .merge(sso::router())
        .merge(complaints::router())
        .merge(dossier::router())
        .merge(overview::router())
        .merge(outbox::router())
        .merge(exact::router())
        .merge(improvement::router())
        .merge(reports::router())
        .merge(admin::router())
        .merge(agenda::router())
        .merge(absences::router())
        .merge(procedure::router())
        .merge(handover::router())
        .merge(mailbox::router())
        // Staff pages, their PDFs and exports, and the API hold personal
        // data: no browser or proxy keeps a copy.
        .layer(header("cache-control", "no-store"))
        // The staff routes, all merged above, take bodies of at most
        // MAX_BODY_BYTES, those that take files more (see
        // `staff_body_limit`). The public site, merged below, sets its own
        // limits per route (its complaint form takes attachments). Merge
        // new staff routes above this line.
        .layer(axum::middleware::from_fn(staff_body_limit))
        .merge(public::router())
        .merge(extra)
        .fallback(not_found)
        .with_state(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            state.cookie_secure,
            language::switch,
        ))
        .layer(axum::middleware::from_fn(session::clear_shown_flash))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("x-frame-options", "DENY"))
        .layer(header("referrer-policy", "same-origin"))
        .layer(header(
            "content-security-policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'",
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
        .layer(CatchPanicLayer::custom(error_page::panicked))
        // Bodiless errors (405, timeouts, panics) get the Dutch page or a
        // problem; every error page the way back that fits the visitor.
        .layer(axum::middleware::from_fn_with_state(
            state.patterns.clone(),
            note_changes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state,
            error_page::layer::<S>,
        ))
        // Outermost, so it sees the final status (timeouts, panics) and
        // the route template axum matched (/metrics counts itself too).
        .layer(axum::middleware::from_fn(access_log::layer))
}

/// A request that may have changed something (any but GET, HEAD and
/// OPTIONS, and signing in or out; counted once it is answered, so its
/// writes are committed)
/// makes the next page compute the open patterns again
/// ([`klacht_app::improvement::PatternCache`]).
async fn note_changes(
    axum::extract::State(patterns): axum::extract::State<
        Arc<klacht_app::improvement::PatternCache>,
    >,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    // Signing in or out changes nothing a kept value shows, and at the
    // start of a working day everyone signs in: each would make the next
    // page of every user compute again.
    let safe = matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    ) || matches!(request.uri().path(), "/inloggen" | "/uitloggen");
    let response = next.run(request).await;
    if !safe {
        patterns.changed();
    }
    response
}

/// The application on SQLite, compiled here once. `app` is generic over
/// the store, so every crate that calls it would otherwise compile all of
/// its handlers again (the web tests, the `klacht` binary, its tests and
/// the browser tests: most of CI's build time). Unoptimised builds share
/// generic code a dependency already compiled, so these two instances are
/// reused by every caller of `app`/`serve` with these stores.
#[doc(hidden)]
pub fn app_on_sqlite(state: AppState<klacht_store::SqliteStore>) -> Router {
    app(state)
}

/// As [`app_on_sqlite`], on PostgreSQL.
#[doc(hidden)]
pub fn app_on_postgres(state: AppState<klacht_store::PgStore>) -> Router {
    app(state)
}

/// The body limit of the staff routes and the API: [`MAX_BODY_BYTES`],
/// and [`uploads::UPLOAD_BODY_BYTES`] for the few that take files
/// ([`uploads::takes_files`]). A declared length over the limit is refused
/// before anything is read, except where files are taken: there the body
/// is read up to the limit, so that the form comes back with what was
/// typed and a message at the files. Either way the body breaks off at
/// the limit (axum's extractors then answer 413).
async fn staff_body_limit(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let files = uploads::takes_files(req.method(), req.uri().path());
    let limit = if files {
        uploads::UPLOAD_BODY_BYTES
    } else {
        MAX_BODY_BYTES
    };
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if !files && declared.is_some_and(|n| n > limit as u64) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    next.run(req.map(|b| axum::body::Body::new(http_body_util::Limited::new(b, limit))))
        .await
}

/// An address nobody serves: the Dutch "Niet gevonden" page (the API
/// answers its own problem+json).
async fn not_found() -> WebError {
    WebError::NotFound
}

/// Computes, in the background, what the first views of the day would
/// otherwise wait for: the open patterns (in the quality manager's queue),
/// the dashboard's figures of this year and the yearly reports of this
/// year and last (in Dutch, the organisation's language). In a large organisation each
/// takes seconds ([`klacht_app::kept`]); once computed, later changes are
/// computed again behind the previous result instead of in front of a
/// user. `klacht serve` calls it at start.
pub fn warm_up<S: Store>(state: &AppState<S>) {
    let state = state.clone();
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        let calendar = match state.calendar().await {
            Ok(calendar) => calendar,
            Err(e) => return tracing::warn!(error = %e, "warm-up: no calendar"),
        };
        let today = calendar.local_date(state.now());
        if let Err(e) = state
            .patterns
            .open_patterns(
                &state.store,
                &calendar,
                today,
                klacht_app::kept::Outdated::Wait,
            )
            .await
        {
            tracing::warn!(error = %e, "warm-up: patterns not computed");
        }
        let year = klacht_domain::stats::Period::year(today.year());
        let generation = state.patterns.generation();
        if let Err(e) = state
            .figures
            .stats(&state.store, &calendar, &year, today, generation)
            .await
        {
            tracing::warn!(error = %e, "warm-up: figures not computed");
        }
        // Last year's report is the one read in the first months of a
        // year (the yearly report is due then); this year's figures are
        // kept already, its report reuses them.
        for year in [today.year() - 1, today.year()] {
            if let Err(e) = state
                .figures
                .year_report(
                    &state.store,
                    &calendar,
                    &state.organisation,
                    year,
                    today,
                    generation,
                    klacht_i18n::Tr::default(),
                )
                .await
            {
                tracing::warn!(error = %e, year, "warm-up: yearly report not computed");
            }
        }
        tracing::info!(
            millis = started.elapsed().as_millis() as u64,
            "patronen, cijfers en jaarverslagen van dit en vorig jaar berekend"
        );
    });
}

/// Serves until `shutdown` completes, then lets requests in flight finish.
pub async fn serve<S: Store>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer's address reaches handlers (the public form's rate limit).
    let app = app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
