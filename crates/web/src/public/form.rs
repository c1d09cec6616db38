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
    self, FieldErrors, MAX_FILE_BYTES, MAX_FILES, PublicForm, RateLimit, Submission, SubmitError,
    Upload,
};
use klacht_domain::TrackingCode;
use klacht_domain::complaint::format_date;
use klacht_domain::terms::Step;
use klacht_store::Store;

use super::{ClientAddr, FormToken, Site, private_headers};
use crate::session::{cookie, set_cookie};
use crate::uploads::{self, Broken};
use crate::{AppState, WebError};

/// The cookie that carries a fresh submission's code to the confirmation
/// page, once.
const CONFIRM_COOKIE: &str = "klacht_bevestiging";
const CONFIRM_SECS: i64 = 15 * 60;

/// The refusal of a body that broke off, addressed to the complainant.
fn public_message(broken: Broken) -> String {
    match broken {
        Broken::TooLarge => format!(
            "Uw bestanden zijn samen te groot om te versturen. Kies hoogstens {MAX_FILES} \
             bestanden van elk hoogstens {} MB.",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
        Broken::Unreadable => "Het formulier kwam niet goed aan. Controleer uw gegevens, kies uw \
                               bestanden opnieuw en verstuur het nog eens."
            .into(),
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
    errors: FieldErrors,
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
        self.errors.get(field)
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.general.is_some()
    }

    /// Field id and message, for the summary's links.
    fn summary(&self) -> Vec<(&'static str, &str)> {
        self.errors.iter().collect()
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
async fn render<S: Store>(
    state: &AppState<S>,
    form: PublicForm,
    errors: FieldErrors,
    general: Option<String>,
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
        site: Site::of(state, "klacht"),
        form,
        errors,
        general,
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
    headers: HeaderMap,
) -> Result<Response, WebError> {
    render(
        &state,
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
    uploads: Vec<Upload>,
    /// Why the body could not be read to the end: too large (413) or cut
    /// off or malformed (400).
    broken: Option<Broken>,
}

/// The public form's fields out of the multipart body.
fn received(body: uploads::Received) -> Received {
    let mut form = PublicForm::default();
    let mut token = String::new();
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
            _ => continue,
        };
        *slot = text;
    }
    Received {
        form,
        token,
        uploads: body.uploads,
        broken: body.broken,
    }
}

#[tracing::instrument(skip_all)]
pub(super) async fn submit<S: Store>(
    State(state): State<AppState<S>>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let received = received(match multipart {
        Ok(m) => uploads::read(m, "bijlagen").await,
        Err(_) => uploads::Received::broken(Broken::Unreadable),
    });
    let files_chosen = !received.uploads.is_empty() || received.broken.is_some();
    let form = received.form.clone();
    if !FormToken::matches(&headers, &received.token) {
        return render(
            &state,
            form,
            FieldErrors::default(),
            Some(
                "Uw klacht is nog niet verstuurd: het formulier was verlopen. Controleer uw \
                 gegevens en verstuur het opnieuw."
                    .into(),
            ),
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
        return render(&state, form, errors, None, true, token, broken.status()).await;
    }
    let calendar = state.calendar().await?;
    let limit = RateLimit {
        per_hour: state.public.submissions_per_hour,
    };
    let submission = Submission {
        form: received.form,
        uploads: received.uploads,
        client,
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
        Err(e @ SubmitError::Spam) => {
            let mut errors = FieldErrors::default();
            errors.add("website", "Dit veld moet leeg blijven.");
            (
                errors,
                Some(format!("Uw klacht is niet verstuurd. {e}")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e @ SubmitError::RateLimited { .. }) => (
            FieldErrors::default(),
            Some(e.to_string()),
            StatusCode::TOO_MANY_REQUESTS,
        ),
        Err(SubmitError::Service(e)) => {
            let e = WebError::from(e);
            if e.status().is_server_error() {
                return Err(e);
            }
            (FieldErrors::default(), Some(e.user_message()), e.status())
        }
    };
    render(&state, form, errors, general, files_chosen, token, status).await
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
    pub what: &'static str,
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
            ConfirmationPage {
                site: Site::of(&state, "klacht"),
                reference: c.reference().to_string(),
                code: code.to_string(),
                received: c.received_at().strftime("%d-%m-%Y om %H:%M").to_string(),
                terms: vec![
                    TermView {
                        what: "Wij nemen contact met u op",
                        date: format_date(terms.due(Step::Contact)),
                    },
                    TermView {
                        what: "U hoort ons besluit en ons aanbod",
                        date: format_date(terms.due(Step::Offer)),
                    },
                    TermView {
                        what: "De afhandeling is vastgelegd",
                        date: format_date(terms.due(Step::Record)),
                    },
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
                site: Site::of(&state, "klacht"),
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
