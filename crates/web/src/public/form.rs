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
use axum::extract::multipart::{Field, MultipartRejection};
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
use crate::{AppState, WebError};

/// The cookie that carries a fresh submission's code to the confirmation
/// page, once.
const CONFIRM_COOKIE: &str = "klacht_bevestiging";
const CONFIRM_SECS: i64 = 15 * 60;
/// Longest text field read; longer input is cut (and then refused by the
/// length checks), so a huge field costs no memory.
const TEXT_FIELD_BYTES: usize = 100 * 1024;

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
#[derive(Default)]
struct Received {
    form: PublicForm,
    token: String,
    uploads: Vec<Upload>,
    /// Why the body could not be read to the end: too large (413) or cut
    /// off or malformed (400).
    broken: Option<Broken>,
}

#[derive(Debug, Clone, Copy)]
enum Broken {
    TooLarge,
    Unreadable,
}

impl Broken {
    fn of(e: &axum::extract::multipart::MultipartError) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Broken::TooLarge
        } else {
            Broken::Unreadable
        }
    }

    fn answer(self) -> (StatusCode, &'static str) {
        match self {
            Broken::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE),
            Broken::Unreadable => (StatusCode::BAD_REQUEST, UNREADABLE),
        }
    }
}

const TOO_LARGE: &str = "Uw bestanden zijn samen te groot om te versturen. Kies hoogstens 3 \
                         bestanden van elk hoogstens 5 MB.";
const UNREADABLE: &str = "Het formulier kwam niet goed aan. Controleer uw gegevens, kies uw \
                          bestanden opnieuw en verstuur het nog eens.";

/// Reads a field's bytes, keeping at most `keep` and dropping the rest as
/// it arrives. Returns the bytes and whether there was more.
async fn read_capped(
    field: &mut Field<'_>,
    keep: usize,
) -> Result<(Vec<u8>, bool), axum::extract::multipart::MultipartError> {
    let mut data = Vec::new();
    let mut over = false;
    while let Some(chunk) = field.chunk().await? {
        if over {
            continue;
        }
        if data.len() + chunk.len() > keep {
            let room = keep.saturating_sub(data.len());
            data.extend_from_slice(&chunk[..room]);
            over = true;
        } else {
            data.extend_from_slice(&chunk);
        }
    }
    Ok((data, over))
}

/// Reads the multipart body field by field. Text fields come first on the
/// form, so what was typed survives a body that breaks off in the files.
async fn read(mut multipart: Multipart) -> Received {
    let mut r = Received::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                r.broken = Some(Broken::of(&e));
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        // Beyond the allowed number of files nothing is kept: the count
        // alone refuses them.
        let keep = match (&file_name, name.as_str()) {
            (Some(_), "bijlagen") if r.uploads.len() >= MAX_FILES => 0,
            (Some(_), "bijlagen") => MAX_FILE_BYTES,
            _ => TEXT_FIELD_BYTES,
        };
        let (data, over) = match read_capped(&mut field, keep).await {
            Ok(read) => read,
            Err(e) => {
                r.broken = Some(Broken::of(&e));
                break;
            }
        };
        if name == "bijlagen" {
            let file_name = file_name.unwrap_or_default();
            // An empty file field (nothing chosen) still sends a part.
            if file_name.is_empty() && data.is_empty() {
                continue;
            }
            r.uploads.push(Upload {
                file_name,
                data,
                too_big: over && keep > 0,
            });
            continue;
        }
        let text = String::from_utf8_lossy(&data).into_owned();
        let slot = match name.as_str() {
            "naam" => &mut r.form.naam,
            "email" => &mut r.form.email,
            "telefoon" => &mut r.form.telefoon,
            "adres" => &mut r.form.adres,
            "namens_naam" => &mut r.form.namens_naam,
            "dienst" => &mut r.form.dienst,
            "omschrijving" => &mut r.form.omschrijving,
            "website" => &mut r.form.website,
            "token" => &mut r.token,
            _ => continue,
        };
        *slot = text;
    }
    r
}

#[tracing::instrument(skip_all)]
pub(super) async fn submit<S: Store>(
    State(state): State<AppState<S>>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let received = match multipart {
        Ok(m) => read(m).await,
        Err(_) => Received {
            broken: Some(Broken::Unreadable),
            ..Received::default()
        },
    };
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
        let (status, message) = broken.answer();
        let mut errors = FieldErrors::default();
        errors.add("bijlagen", message);
        return render(&state, form, errors, None, true, token, status).await;
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
