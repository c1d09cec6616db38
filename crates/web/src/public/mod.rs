//! The public site (DESIGN §8): pages for complainants, without an account
//! and without the staff navigation.
//!
//! | URL | page |
//! |---|---|
//! | `/klacht` | the complaint form (GET) and its submission (POST, multipart) |
//! | `/klacht/bevestiging` | the confirmation with reference and tracking code, shown once |
//! | `/reglement` | the complaint regulation (Markdown, configurable) |
//! | `/status` | enter a tracking code |
//! | `/status/{code}` | progress and terms, without personal details |
//! | `/status/{code}/tevredenheid` | the satisfaction check the mail links to |
//!
//! The staff start page stays at `/`. Only `POST /klacht` takes a large
//! body (attachments); every other public route keeps a small limit.

mod form;
pub(crate) mod regulation;
pub(crate) mod staff;
mod status;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::routing::get;
use klacht_app::config::PublicConfig;
use klacht_store::Store;
use tower_http::limit::RequestBodyLimitLayer;

use crate::AppState;
use crate::language::Switch;
use crate::session::{cookie, same_secret, set_cookie};
use klacht_i18n::Tr;

pub use regulation::render_regulation;

/// The largest body `POST /klacht` reads: three files of 5 MB with room
/// to spare. A larger file is read only to tell the sender it is too big
/// (its bytes are dropped as they come); past this limit the form comes
/// back with what was typed and a message at the files.
pub const PUBLIC_FORM_BODY_BYTES: usize = 40 * 1024 * 1024;
/// Every other public route: a form of a few fields.
const SMALL_BODY_BYTES: usize = 64 * 1024;

/// The anonymous form token's cookie (see [`FormToken`]).
pub const TOKEN_COOKIE: &str = "klacht_publiek";
/// How long a public form may stay open before it is sent.
const TOKEN_LIFETIME_SECS: i64 = 24 * 60 * 60;

/// What the public site is configured with, fixed at start-up.
#[derive(Debug, Clone)]
pub struct PublicSite {
    /// The regulation as safe HTML (see [`render_regulation`]), without
    /// the staff's help blocks.
    pub regulation_html: String,
    /// The regulation in English, when the organisation gave one; the
    /// English pages show the Dutch text with a note otherwise.
    pub regulation_html_en: Option<String>,
    /// The staff's help per step from the English regulation, when there
    /// is one (a step it lacks gets the English example's help).
    pub help_en: Option<crate::procedure::help::ProcedureHelp>,
    /// The staff's help per step, from the same file (see
    /// [`crate::procedure::help`]).
    pub help: crate::procedure::help::ProcedureHelp,
    /// Public form submissions per client address per hour.
    pub submissions_per_hour: u32,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
}

/// The neutral example regulation shipped with klacht; `{{organisatie}}`
/// becomes the organisation's name.
pub const EXAMPLE_REGULATION: &str = include_str!("../../assets/klachtenreglement.md");

/// The shipped example regulation in English, for an organisation that
/// gave neither regulation of its own.
pub const EXAMPLE_REGULATION_EN: &str = include_str!("../../assets/klachtenreglement.en.md");

impl PublicSite {
    /// The shipped example regulation and the default limits.
    pub fn example(organisation: &str) -> Self {
        Self::new(EXAMPLE_REGULATION, organisation, &PublicConfig::default())
            .with_english_regulation(EXAMPLE_REGULATION_EN, organisation)
    }

    /// Parses the regulation once: the public text and the staff's help
    /// per step (a step without help gets the shipped example's, with a
    /// warning in the log).
    pub fn new(regulation_markdown: &str, organisation: &str, config: &PublicConfig) -> Self {
        use crate::procedure::help;
        let own = help::split(regulation_markdown);
        for warning in &own.warnings {
            tracing::warn!("klachtenreglement: {warning}");
        }
        let help = help::ProcedureHelp::new(&own, &help::split(EXAMPLE_REGULATION), organisation);
        for fallback in help.sections().iter().filter(|s| s.fallback) {
            tracing::warn!(
                "klachtenreglement: geen blok '{}' bij #{}; de toelichting uit het \
                 voorbeeldreglement wordt getoond",
                help::HELP_MARK,
                fallback.section.anchor()
            );
        }
        Self {
            regulation_html: render_regulation(&own.public, organisation),
            regulation_html_en: None,
            help_en: None,
            help,
            submissions_per_hour: config.submissions_per_hour.max(1),
            trusted_proxies: config.trusted_proxies.clone(),
        }
    }

    /// Reads the configured regulation file (or takes the example), so
    /// that a wrong path fails at start-up rather than on the page.
    pub fn from_config(config: &PublicConfig, organisation: &str) -> std::io::Result<Self> {
        let markdown = match &config.regulation {
            Some(path) => std::fs::read_to_string(path).map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    format!("klachtenreglement {} niet te lezen: {e}", path.display()),
                )
            })?,
            None => EXAMPLE_REGULATION.to_owned(),
        };
        // The shipped example has its English; an organisation's own
        // regulation has only what the organisation gives.
        let english = match (&config.regulation, &config.regulation_en) {
            (_, Some(path)) => Some(std::fs::read_to_string(path).map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    format!(
                        "klachtenreglement (Engels) {} niet te lezen: {e}",
                        path.display()
                    ),
                )
            })?),
            (None, None) => Some(EXAMPLE_REGULATION_EN.to_owned()),
            (Some(_), None) => None,
        };
        let site = Self::new(&markdown, organisation, config);
        Ok(match english {
            Some(english) => site.with_english_regulation(&english, organisation),
            None => site,
        })
    }

    /// The regulation in English (Markdown, as the Dutch one; its staff
    /// help blocks become the English help per step).
    pub fn with_english_regulation(mut self, markdown: &str, organisation: &str) -> Self {
        use crate::procedure::help;
        // The terms' placeholders are filled with the English words here;
        // the help's own filling would give the Dutch ones.
        let markdown = english_terms(markdown);
        let own = help::split(&markdown);
        self.regulation_html_en = Some(render_regulation(&own.public, organisation));
        self.help_en = Some(help::ProcedureHelp::new(
            &own,
            &help::split(&english_terms(EXAMPLE_REGULATION_EN)),
            organisation,
        ));
        self
    }

    /// The staff's help per step in `language` (Dutch when there is none).
    pub fn help_in(
        &self,
        language: klacht_domain::Language,
    ) -> &crate::procedure::help::ProcedureHelp {
        match language {
            klacht_domain::Language::En => self.help_en.as_ref().unwrap_or(&self.help),
            klacht_domain::Language::Nl => &self.help,
        }
    }

    /// The regulation in `language`, and whether it is the Dutch text
    /// shown for want of a translation.
    pub fn regulation(&self, language: klacht_domain::Language) -> (&str, bool) {
        match (language, &self.regulation_html_en) {
            (klacht_domain::Language::Nl, _) => (&self.regulation_html, false),
            (klacht_domain::Language::En, Some(en)) => (en, false),
            (klacht_domain::Language::En, None) => (&self.regulation_html, true),
        }
    }
}

pub fn router<S: Store>() -> Router<AppState<S>> {
    let pages = Router::new()
        .route("/reglement", get(regulation::page::<S>))
        .route("/klacht/bevestiging", get(form::confirmation::<S>))
        .route("/status", get(status::lookup::<S>))
        .route("/status/{code}", get(status::page::<S>))
        .route(
            "/status/{code}/tevredenheid",
            get(status::satisfaction_page::<S>).post(status::satisfaction_submit::<S>),
        )
        // Staff only (signed in, authorised like the complaint).
        .route(
            "/klachten/{id}/bijlagen/{bijlage}",
            get(staff::download::<S>),
        )
        .layer(RequestBodyLimitLayer::new(SMALL_BODY_BYTES));
    let form = Router::new()
        .route("/klacht", get(form::page::<S>).post(form::submit::<S>))
        .layer(DefaultBodyLimit::max(PUBLIC_FORM_BODY_BYTES));
    pages.merge(form)
}

/// The regulation's term placeholders in English words ("2 working
/// days"), as the help fills them in Dutch from `Step::term`.
fn english_terms(markdown: &str) -> String {
    let t = Tr::new(klacht_domain::Language::En);
    [
        ("{{meldtermijn}}", "term-report"),
        ("{{contacttermijn}}", "term-contact"),
        ("{{aanbodtermijn}}", "term-offer"),
        ("{{vastlegtermijn}}", "term-record"),
    ]
    .into_iter()
    .fold(markdown.to_owned(), |text, (placeholder, key)| {
        text.replace(placeholder, &t.t(key))
    })
}

/// The address a request comes from: the connection's peer, or, when
/// that peer is a trusted proxy, the last address in `X-Forwarded-For`
/// that is not itself a trusted proxy. Without connection information
/// (a test calling the router directly) it is `0.0.0.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

pub(crate) fn client_addr(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let unknown = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    let Some(peer) = peer else {
        return unknown;
    };
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

impl<S: Store> FromRequestParts<AppState<S>> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientAddr(client_addr(
            peer,
            &parts.headers,
            &state.public.trusted_proxies,
        )))
    }
}

/// CSRF protection of the anonymous forms (complaint form, satisfaction
/// check): a double-submit token. There is no session to tie a token to,
/// so the page sets a random token in an `HttpOnly`, `SameSite=Strict`
/// cookie and repeats it in a hidden field; a post counts only when both
/// agree. Another site can make a browser post to us, but it can neither
/// read nor set our cookie, so it cannot know the value to put in the
/// field, and `SameSite=Strict` keeps the cookie off cross-site posts
/// altogether. An Origin check was not chosen: behind a proxy that
/// rewrites `Host` it would refuse every honest post. A token that does
/// not match (e.g. the cookie expired while the form stayed open) gives
/// the form back with what was typed, never a bare error page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormToken {
    pub value: String,
    /// Set when the token is new and the page must set its cookie.
    pub fresh: bool,
}

fn plausible_token(v: &str) -> bool {
    v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())
}

impl FormToken {
    /// The browser's token, or a new one.
    pub fn of(headers: &HeaderMap) -> Self {
        match cookie(headers, TOKEN_COOKIE).filter(|v| plausible_token(v)) {
            Some(v) => Self {
                value: v.to_owned(),
                fresh: false,
            },
            None => Self::new(),
        }
    }

    /// A new random token; also after a refused post.
    pub fn new() -> Self {
        // 256 bits from the OS; should that ever fail, two v4 UUIDs (the
        // same source through another path) still make an unguessable one.
        let value = klacht_app::auth::new_token().unwrap_or_else(|_| {
            format!(
                "{}{}",
                uuid::Uuid::new_v4().simple(),
                uuid::Uuid::new_v4().simple()
            )
        });
        Self { value, fresh: true }
    }

    /// Whether a post carries the token of its cookie.
    pub fn matches(headers: &HeaderMap, posted: &str) -> bool {
        cookie(headers, TOKEN_COOKIE)
            .filter(|v| plausible_token(v))
            .is_some_and(|c| same_secret(c, posted.trim()))
    }

    /// The `Set-Cookie` to send with a page showing a fresh token.
    pub fn set_cookie(&self, secure: bool) -> Option<HeaderValue> {
        self.fresh.then(|| {
            set_cookie(
                TOKEN_COOKIE,
                &self.value,
                TOKEN_LIFETIME_SECS,
                secure,
                "Strict",
            )
        })
    }
}

/// Headers of every public page that shows a tracking code or a form:
/// never cached, never indexed.
pub(crate) fn private_headers(headers: &mut HeaderMap) {
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, private"),
    );
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

/// What every public page shows around its content: the organisation,
/// the current menu item, the page's language and the switch to the
/// others.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub organisation: String,
    /// Which menu item is the current page.
    pub current: &'static str,
    pub t: Tr,
    /// `None` on a page that cannot be shown again (the confirmation).
    pub switch: Option<Switch>,
}

impl Site {
    /// A page at `path` in `t`'s language, with the switch back to it.
    pub fn of<S>(state: &AppState<S>, current: &'static str, t: Tr, path: &str) -> Self {
        Self {
            organisation: state.organisation.to_string(),
            current,
            t,
            switch: Some(Switch::new(t, path)),
        }
    }

    /// A page without the switch.
    pub fn once<S>(state: &AppState<S>, current: &'static str, t: Tr) -> Self {
        Self {
            switch: None,
            ..Self::of(state, current, t, "")
        }
    }

    pub fn is(&self, page: &str) -> bool {
        self.current == page
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn forwarded(v: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static(v));
        h
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let proxy = ip("10.0.0.1");
        let h = forwarded("203.0.113.9, 198.51.100.4");
        // Anyone can send the header: without a trusted proxy it is ignored.
        assert_eq!(client_addr(Some(ip("192.0.2.1")), &h, &[]), ip("192.0.2.1"));
        assert_eq!(
            client_addr(Some(ip("192.0.2.1")), &h, &[proxy]),
            ip("192.0.2.1")
        );
        // Behind the proxy: the last address the proxy saw.
        assert_eq!(client_addr(Some(proxy), &h, &[proxy]), ip("198.51.100.4"));
        // Chained proxies are skipped from the right.
        let h = forwarded("203.0.113.9, 10.0.0.2");
        assert_eq!(
            client_addr(Some(proxy), &h, &[proxy, ip("10.0.0.2")]),
            ip("203.0.113.9")
        );
        // Garbage or nothing: the proxy itself.
        assert_eq!(
            client_addr(Some(proxy), &forwarded("geen adres"), &[proxy]),
            proxy
        );
        assert_eq!(client_addr(None, &HeaderMap::new(), &[]), ip("0.0.0.0"));
    }

    #[test]
    fn form_tokens_must_match_their_cookie() {
        let token = FormToken::new();
        assert!(token.fresh && plausible_token(&token.value));
        let mut h = HeaderMap::new();
        let cookie = format!("{TOKEN_COOKIE}={}", token.value);
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&cookie).expect("header"),
        );
        assert!(FormToken::matches(&h, &token.value));
        assert!(!FormToken::matches(&h, &FormToken::new().value));
        assert!(!FormToken::matches(&HeaderMap::new(), &token.value));
        assert_eq!(FormToken::of(&h).value, token.value);
        assert!(!FormToken::of(&h).fresh);
    }
}
