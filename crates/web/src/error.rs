//! The web layer's one error type. [`WebError::status`] maps every error to
//! its HTTP status in one place; pages render it as an HTML page, the API
//! as `application/problem+json` (see `api`), both in the reader's language
//! ([`WebError::words`]). 5xx errors are logged with their whole chain and
//! shown to users as a clean message.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use klacht_app::auth::AuthError;
use klacht_app::complaints::ServiceError;
use klacht_domain::Refusal;
use klacht_domain::complaint::ComplaintError;
use klacht_domain::improvement::ImprovementError;
use klacht_i18n::Tr;
use klacht_store::StoreError;

/// The error itself says what it is in the log; [`WebError::words`] says
/// it to the user. `Forbidden`, `Invalid` and `Conflict` carry the
/// handler's own sentence, already in the user's language.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("Niet gevonden.")]
    NotFound,
    #[error("U moet eerst inloggen.")]
    SignInRequired { back: String },
    #[error("{0}")]
    Forbidden(String),
    #[error(
        "Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens."
    )]
    Csrf,
    #[error("{0}")]
    Invalid(String),
    /// Input refused with the domain's words (a value that did not parse).
    #[error("{0}")]
    Refused(Refusal),
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// A change to an improvement action or a pattern, refused.
    #[error(transparent)]
    Improvement(ImprovementError),
    /// Someone else changed the improvement action in the meantime.
    #[error("verbeteractie intussen gewijzigd")]
    ImprovementConflict,
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("pagina opbouwen mislukt")]
    Render(#[from] askama::Error),
    /// Reports, PDF and exports (see `reports`; 4xx cases are mapped there).
    #[error(transparent)]
    Report(klacht_app::reports::ReportError),
    /// The complaint's PDF documents (form, offer letter).
    #[error(transparent)]
    Document(#[from] klacht_app::documents::DocumentError),
    /// Filing in the dossier.
    #[error(transparent)]
    Dossier(#[from] klacht_app::dossier::DossierError),
}

/// What an error says to its reader, in any language: a message key with
/// its values, a refusal of the domain, or a handler's own sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    Key(&'static str, Vec<(&'static str, String)>),
    Refusal(Refusal),
    Text(String),
}

impl Words {
    pub fn key(key: &'static str) -> Self {
        Words::Key(key, Vec::new())
    }

    pub fn key1(key: &'static str, name: &'static str, value: impl Into<String>) -> Self {
        Words::Key(key, vec![(name, value.into())])
    }

    /// The words in `t`'s language.
    pub fn say(&self, t: Tr) -> String {
        match self {
            Words::Key(key, args) => t.with_args(key, args),
            Words::Refusal(r) => t.refusal(r),
            Words::Text(text) => text.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    t: klacht_i18n::Tr,
    title: &'a str,
    message: &'a str,
    /// The way back: a signed-in staff member to their work queue, anyone
    /// else to the public start page with the complaint form and status.
    signed_in: bool,
}

/// What an error page says, kept on the response so that
/// `error_page::layer`, which knows whether the visitor is signed in and
/// the language they read, can show the way back that fits, in words
/// they read.
#[derive(Debug, Clone)]
pub(crate) struct ErrorText {
    pub title: &'static str,
    /// The Dutch message, as the page rendered without a reader shows it.
    pub message: String,
    pub words: Words,
}

impl ErrorText {
    pub(crate) fn new(status: StatusCode, words: Words) -> Self {
        Self {
            title: title_of(status),
            message: words.say(Tr::default()),
            words,
        }
    }
}

/// The page's heading for a status.
pub(crate) fn title_of(status: StatusCode) -> &'static str {
    match status.as_u16() {
        403 => "Geen toegang",
        404 => "Niet gevonden",
        405 | 409 => "Niet mogelijk",
        408 => "Dat duurde te lang",
        413 => "Te groot",
        422 => "Controleer de invoer",
        _ => "Er ging iets mis",
    }
}

/// The Dutch error page, with the text on the response as [`ErrorText`].
pub(crate) fn error_page(status: StatusCode, text: ErrorText, signed_in: bool) -> Response {
    error_page_in(klacht_i18n::Tr::default(), status, text, signed_in, None)
}

/// The error page in `t`'s language; `shown` is the title and message to
/// show when they differ from the Dutch ones kept on the response.
pub(crate) fn error_page_in(
    t: klacht_i18n::Tr,
    status: StatusCode,
    text: ErrorText,
    signed_in: bool,
    shown: Option<(String, String)>,
) -> Response {
    let (title, message) = shown.unwrap_or_else(|| (text.title.to_owned(), text.message.clone()));
    let page = ErrorPage {
        t,
        title: &title,
        message: &message,
        signed_in,
    };
    let mut response = match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, text.message.clone()).into_response(),
    };
    response.extensions_mut().insert(text);
    response
}

fn store_status(e: &StoreError) -> StatusCode {
    match e {
        StoreError::NotFound => StatusCode::NOT_FOUND,
        StoreError::Conflict { .. } => StatusCode::CONFLICT,
        StoreError::Duplicate { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        StoreError::Database(_) | StoreError::Unreachable { .. } => StatusCode::SERVICE_UNAVAILABLE,
        StoreError::Corrupt(_) | StoreError::Migrate(_) | StoreError::Url(_) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::SignInRequired { .. } => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::Invalid(_) | WebError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Service(e) => match e {
                ServiceError::Refused(ComplaintError::NotAllowed(_)) => StatusCode::FORBIDDEN,
                ServiceError::Refused(ComplaintError::Invalid { .. }) => {
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                ServiceError::Refused(ComplaintError::WrongState(_)) => StatusCode::CONFLICT,
                ServiceError::NotFound => StatusCode::NOT_FOUND,
                ServiceError::Store(e) => store_status(e),
                ServiceError::Corrupt { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            },
            WebError::Improvement(e) => match e {
                ImprovementError::NotAllowed(_) => StatusCode::FORBIDDEN,
                ImprovementError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                ImprovementError::WrongState(_) => StatusCode::CONFLICT,
            },
            WebError::ImprovementConflict => StatusCode::CONFLICT,
            WebError::Auth(e) => match e {
                AuthError::BadCredentials
                | AuthError::Locked { .. }
                | AuthError::PasswordSignInOff => StatusCode::UNAUTHORIZED,
                AuthError::UnknownAccount { .. } | AuthError::Deactivated { .. } => {
                    StatusCode::FORBIDDEN
                }
                AuthError::Sso(klacht_app::sso::SsoError::Provider(_)) => StatusCode::BAD_GATEWAY,
                AuthError::Sso(_) => StatusCode::UNAUTHORIZED,
                AuthError::WrongCurrentPassword | AuthError::Mismatch => {
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                AuthError::Password(klacht_app::password::PasswordError::TooShort) => {
                    StatusCode::UNPROCESSABLE_ENTITY
                }
                AuthError::Password(_) => StatusCode::INTERNAL_SERVER_ERROR,
                AuthError::Store(e) => store_status(e),
            },
            WebError::Store(e) => store_status(e),
            WebError::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Report(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Document(klacht_app::documents::DocumentError::NoOffer) => {
                StatusCode::NOT_FOUND
            }
            WebError::Document(_) => StatusCode::INTERNAL_SERVER_ERROR,
            WebError::Dossier(klacht_app::dossier::DossierError::NotClosed(_)) => {
                StatusCode::CONFLICT
            }
            WebError::Dossier(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message for the user in `t`'s language: the error itself for
    /// 4xx, a generic one (after logging the chain) for 5xx.
    pub fn user_message(&self, t: Tr) -> String {
        self.words().say(t)
    }

    /// What the error says to the user, in any language; logs a 5xx.
    pub fn words(&self) -> Words {
        let status = self.status();
        if status.is_server_error() {
            let mut chain = self.to_string();
            let mut source = std::error::Error::source(self);
            while let Some(s) = source {
                chain.push_str(": ");
                chain.push_str(&s.to_string());
                source = s.source();
            }
            tracing::error!(error = %chain, %status, "request failed");
            return Words::key("error-server");
        }
        match self {
            WebError::NotFound => Words::key("error-not-found-short"),
            WebError::SignInRequired { .. } => Words::key("error-sign-in"),
            WebError::Csrf => Words::key("error-csrf"),
            WebError::Forbidden(text) | WebError::Invalid(text) | WebError::Conflict(text) => {
                Words::Text(text.clone())
            }
            WebError::Refused(r) => Words::Refusal(r.clone()),
            WebError::Store(e) | WebError::Service(ServiceError::Store(e)) => store_words(e),
            WebError::Service(ServiceError::Refused(e)) => Words::Refusal(e.refusal().clone()),
            WebError::Service(ServiceError::NotFound) => Words::key("error-complaint-not-found"),
            WebError::Improvement(e) => Words::Refusal(e.refusal().clone()),
            WebError::ImprovementConflict => Words::key("improvement-conflict"),
            WebError::Auth(e) => auth_words(e),
            WebError::Document(klacht_app::documents::DocumentError::NoOffer) => {
                Words::key("error-no-offer-letter")
            }
            WebError::Dossier(klacht_app::dossier::DossierError::NotClosed(reference)) => {
                Words::key1(
                    "error-dossier-not-closed",
                    "reference",
                    reference.to_string(),
                )
            }
            other => Words::Text(other.to_string()),
        }
    }
}

fn store_words(e: &StoreError) -> Words {
    match e {
        StoreError::Conflict { .. } => Words::key("error-edit-conflict"),
        StoreError::Duplicate { constraint } => match constraint.as_str() {
            "users_email_key" => Words::key("error-duplicate-email"),
            "saved_views_user_name_key" => Words::key("error-duplicate-view"),
            other => Words::key1("error-duplicate", "what", other),
        },
        other => Words::Text(other.to_string()),
    }
}

fn auth_words(e: &AuthError) -> Words {
    use klacht_app::sso::SsoError;
    match e {
        AuthError::BadCredentials => Words::key("signin-error-credentials"),
        AuthError::Locked { until } => Words::key1("signin-error-locked", "until", until),
        AuthError::PasswordSignInOff => Words::key("signin-error-password-off"),
        AuthError::WrongCurrentPassword => Words::key("error-wrong-current-password"),
        AuthError::Mismatch => Words::key("error-password-mismatch"),
        AuthError::UnknownAccount { email } => Words::key1("error-unknown-account", "email", email),
        AuthError::Deactivated { email } => Words::key1("error-deactivated", "email", email),
        AuthError::Sso(SsoError::Provider(_)) => Words::key("error-sso-provider"),
        AuthError::Sso(SsoError::Flow) => Words::key("error-sso-flow"),
        AuthError::Sso(SsoError::Denied(_)) => Words::key("error-sso-denied"),
        AuthError::Sso(SsoError::Token(_)) => Words::key("error-sso-token"),
        AuthError::Sso(SsoError::IdToken { reason, .. }) => {
            Words::key1("error-sso-id-token", "reason", *reason)
        }
        AuthError::Sso(SsoError::NoEmail(claim)) => {
            Words::key1("error-sso-no-email", "claim", *claim)
        }
        AuthError::Password(klacht_app::password::PasswordError::TooShort) => Words::key1(
            "error-password-too-short",
            "min",
            klacht_app::password::MIN_LENGTH.to_string(),
        ),
        other => Words::Text(other.to_string()),
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let WebError::SignInRequired { back } = &self {
            let back: String = url_escape(back);
            return Redirect::to(&format!("/inloggen?terug={back}")).into_response();
        }
        let status = self.status();
        let text = ErrorText::new(status, self.words());
        // Not signed in as far as this page knows; `error_page::layer`
        // renders it again for a visitor who is.
        error_page(status, text, false)
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn url_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
