//! `/klacht`: the public complaint form, its submission (multipart, with
//! optional attachments) and `/klacht/bevestiging`, the confirmation with
//! the reference and the tracking code.
//!
//! A refused submission (a field, a file, the honeypot, the rate limit, an
//! expired form) comes back with every typed field kept and the message at
//! its field; chosen files must be chosen again (a browser never lets a
//! page pre-fill a file field), and the page says so.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::public::{
    self, FieldErrors, FieldMessage, MAX_FILE_BYTES, MAX_FILES, PublicForm, RateLimit, Submission,
    SubmitError, Upload,
};
use klacht_domain::terms::Step;
use klacht_domain::{Language, TrackingCode};
use klacht_i18n::Tr;
use klacht_store::Store;

use super::{ClientAddr, FormToken, Site, private_headers};
use crate::language::PageLanguage;
use crate::session::{cookie, set_cookie};
use crate::uploads::{self, Broken};
use crate::{AppState, WebError};

/// The cookie that carries a fresh submission's code to the confirmation
/// page, once.
const CONFIRM_COOKIE: &str = "klacht_bevestiging";
const CONFIRM_SECS: i64 = 15 * 60;

/// The refusal of a body that broke off, addressed to the complainant.
fn public_message(broken: Broken) -> FieldMessage {
    match broken {
        Broken::TooLarge => FieldMessage::key("form-error-files-too-large")
            .with("files", MAX_FILES)
            .with("mb", MAX_FILE_BYTES / (1024 * 1024)),
        Broken::Unreadable => FieldMessage::key("form-error-unreadable"),
    }
}

pub(super) struct ServiceOption {
    pub id: String,
    pub name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/form.html")]
pub(super) struct FormPage {
    site: Site,
    form: PublicForm,
    /// Field and message, in the order of the form.
    errors: Vec<(&'static str, String)>,
    /// A refusal that belongs to no single field (rate limit, expired form).
    general: Option<String>,
    services: Vec<ServiceOption>,
    token: String,
    /// Files were chosen but not kept: choose them again.
    files_dropped: bool,
    max_files: usize,
    max_mb: usize,
}

impl FormPage {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.general.is_some()
    }

    /// `aria-describedby` of a field: its hint and, when wrong, its error.
    fn described(&self, field: &str, hint: bool) -> String {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{field}-hint"));
        }
        if self.err(field).is_some() {
            ids.push(format!("{field}-fout"));
        }
        ids.join(" ")
    }
}

/// The page with a refusal (or none), its status and the token cookie.
#[allow(clippy::too_many_arguments)]
async fn render<S: Store>(
    state: &AppState<S>,
    t: Tr,
    form: PublicForm,
    errors: FieldErrors,
    general: Option<FieldMessage>,
    files_dropped: bool,
    token: FormToken,
    status: StatusCode,
) -> Result<Response, WebError> {
    let services = state
        .store
        .public_services()
        .await?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| ServiceOption {
            id: s.id.to_string(),
            name: s.name,
        })
        .collect();
    let page = FormPage {
        site: Site::of(state, "klacht", t, "/klacht"),
        form,
        errors: errors.rendered(t),
        general: general.map(|g| g.render(t)),
        services,
        token: token.value.clone(),
        files_dropped,
        max_files: MAX_FILES,
        max_mb: MAX_FILE_BYTES / (1024 * 1024),
    };
    let mut response = (status, page).into_response();
    private_headers(response.headers_mut());
    if let Some(c) = token.set_cookie(state.cookie_secure) {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(response)
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    language: PageLanguage,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    render(
        &state,
        language.tr(),
        PublicForm::default(),
        FieldErrors::default(),
        None,
        false,
        FormToken::of(&headers),
        StatusCode::OK,
    )
    .await
}

/// The posted form as far as it could be read.
struct Received {
    form: PublicForm,
    token: String,
    /// The language the form was shown in.
    language: Option<Language>,
    uploads: Vec<Upload>,
    /// Why the body could not be read to the end: too large (413) or cut
    /// off or malformed (400).
    broken: Option<Broken>,
}

/// The public form's fields out of the multipart body.
fn received(body: uploads::Received) -> Received {
    let mut form = PublicForm::default();
    let mut token = String::new();
    let mut language = String::new();
    for (name, text) in body.fields {
        let slot = match name.as_str() {
            "naam" => &mut form.naam,
            "email" => &mut form.email,
            "telefoon" => &mut form.telefoon,
            "adres" => &mut form.adres,
            "namens_naam" => &mut form.namens_naam,
            "dienst" => &mut form.dienst,
            "omschrijving" => &mut form.omschrijving,
            "website" => &mut form.website,
            "token" => &mut token,
            "taal" => &mut language,
            _ => continue,
        };
        *slot = text;
    }
    Received {
        form,
        token,
        language: Language::parse(&language),
        uploads: body.uploads,
        broken: body.broken,
    }
}

#[tracing::instrument(skip_all)]
pub(super) async fn submit<S: Store>(
    State(state): State<AppState<S>>,
    ClientAddr(client): ClientAddr,
    page_language: PageLanguage,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let received = received(match multipart {
        Ok(m) => uploads::read(m, "bijlagen").await,
        Err(_) => uploads::Received::broken(Broken::Unreadable),
    });
    let files_chosen = !received.uploads.is_empty() || received.broken.is_some();
    let form = received.form.clone();
    // The form says which language it was in; a post without it (an old
    // page, a script) gets the browser's.
    let language = received.language.unwrap_or(page_language.language);
    let t = Tr::new(language);
    if !FormToken::matches(&headers, &received.token) {
        return render(
            &state,
            t,
            form,
            FieldErrors::default(),
            Some(FieldMessage::key("form-error-expired")),
            files_chosen,
            FormToken::new(),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let token = FormToken {
        value: received.token.clone(),
        fresh: false,
    };
    if let Some(broken) = received.broken {
        let mut errors = FieldErrors::default();
        errors.add("bijlagen", public_message(broken));
        return render(&state, t, form, errors, None, true, token, broken.status()).await;
    }
    let calendar = state.calendar().await?;
    let limit = RateLimit {
        per_hour: state.public.submissions_per_hour,
    };
    let submission = Submission {
        form: received.form,
        uploads: received.uploads,
        client,
        language,
    };
    let result = public::submit(
        &state.store,
        &calendar,
        &state.notifier,
        limit,
        submission,
        state.now(),
    )
    .await;
    let (errors, general, status) = match result {
        Ok(done) => return Ok(confirm_redirect(&done.tracking_code, state.cookie_secure)),
        Err(SubmitError::Fields(errors)) => (errors, None, StatusCode::UNPROCESSABLE_ENTITY),
        Err(SubmitError::Spam) => {
            let mut errors = FieldErrors::default();
            errors.add("website", FieldMessage::key("form-error-honeypot"));
            (
                errors,
                Some(FieldMessage::key("form-error-spam")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(SubmitError::RateLimited { per_hour, until }) => (
            FieldErrors::default(),
            Some(
                FieldMessage::key("form-error-rate")
                    .with("count", per_hour)
                    .with("until", until),
            ),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Err(SubmitError::Service(e)) => {
            let e = WebError::from(e);
            if e.status().is_server_error() {
                return Err(e);
            }
            (
                FieldErrors::default(),
                Some(match e.words() {
                    crate::error::Words::Refusal(r) => {
                        FieldMessage::refused("form-error-failed", r)
                    }
                    crate::error::Words::Key(key, args) => {
                        let mut message = FieldMessage::key(key);
                        for (name, value) in args {
                            message = message.with(name, value);
                        }
                        message
                    }
                    crate::error::Words::Text(_) => FieldMessage::key("form-error-failed"),
                }),
                e.status(),
            )
        }
    };
    render(
        &state,
        t,
        form,
        errors,
        general,
        files_chosen,
        token,
        status,
    )
    .await
}

/// After a stored submission: to the confirmation page, which the code
/// reaches through a short-lived cookie (never through the URL, so it is
/// not guessable and not in any log).
fn confirm_redirect(code: &TrackingCode, secure: bool) -> Response {
    let mut response = Redirect::to("/klacht/bevestiging").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            CONFIRM_COOKIE,
            &code.compact(),
            CONFIRM_SECS,
            secure,
            "Strict",
        ),
    );
    response
}

pub(super) struct TermView {
    pub what: String,
    pub date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/confirmation.html")]
pub(super) struct ConfirmationPage {
    site: Site,
    reference: String,
    code: String,
    received: String,
    terms: Vec<TermView>,
    /// A confirmation mail is on its way.
    mailed: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/no_confirmation.html")]
pub(super) struct NoConfirmationPage {
    site: Site,
}

/// The confirmation, shown once: the cookie is cleared with it.
#[tracing::instrument(skip_all)]
pub(super) async fn confirmation<S: Store>(
    State(state): State<AppState<S>>,
    language: PageLanguage,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let code = cookie(&headers, CONFIRM_COOKIE).and_then(|v| TrackingCode::parse(v).ok());
    let found = match &code {
        Some(code) => public::by_tracking_code(&state.store, code).await?,
        None => None,
    };
    let mut response = match (code, found) {
        (Some(code), Some((c, _))) => {
            let calendar = state.calendar().await?;
            let terms = c.terms(&calendar);
            let t = language.for_complaint(c.language());
            let term = |key: &str, step| TermView {
                what: t.t(key),
                date: t.date(terms.due(step)),
            };
            ConfirmationPage {
                site: Site::once(&state, "klacht", t),
                reference: c.reference().to_string(),
                code: code.to_string(),
                received: t.date_time(c.received_at()),
                terms: vec![
                    term("confirm-term-contact", Step::Contact),
                    term("confirm-term-offer", Step::Offer),
                    term("confirm-term-record", Step::Record),
                ],
                mailed: state.notifier.is_enabled()
                    && (c.complainant().email().is_some()
                        || c.representative().and_then(|r| r.email()).is_some()),
            }
            .into_response()
        }
        _ => (
            StatusCode::NOT_FOUND,
            NoConfirmationPage {
                site: Site::of(&state, "klacht", language.tr(), "/klacht/bevestiging"),
            },
        )
            .into_response(),
    };
    private_headers(response.headers_mut());
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(CONFIRM_COOKIE, "", 0, state.cookie_secure, "Strict"),
    );
    Ok(response)
}
