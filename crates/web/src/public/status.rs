//! `/status`: progress of a complaint by its tracking code, and
//! `/status/{code}/tevredenheid`, the satisfaction check the mail links to.
//!
//! The status page shows the reference, the stages and the terms with
//! their dates: never a name, an address, the description or anything else
//! about a person. A code that is malformed or unknown gets the same
//! friendly "not found", so the page tells nothing about which codes exist.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::complaints::{ServiceError, term_lines};
use klacht_app::public;
use klacht_domain::TrackingCode;
use klacht_domain::complaint::{
    Complaint, ComplaintError, PhaseState, Satisfaction, Status, format_date,
};
use klacht_domain::terms::{Step, TermStatus};
use klacht_store::Store;
use serde::Deserialize;

use super::{FormToken, Site, private_headers};
use crate::{AppState, WebError};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct LookupQuery {
    volgcode: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/lookup.html")]
pub(super) struct LookupPage {
    site: Site,
    typed: String,
    error: Option<String>,
    /// The code was well-formed but belongs to no complaint.
    not_found: bool,
}

fn private(mut response: Response) -> Response {
    private_headers(response.headers_mut());
    response
}

fn not_found<S>(state: &AppState<S>, typed: String) -> Response {
    private(
        (
            StatusCode::NOT_FOUND,
            LookupPage {
                site: Site::of(state, "status"),
                typed,
                error: None,
                not_found: true,
            },
        )
            .into_response(),
    )
}

/// `/status?volgcode=…`: the form, or on to the code's page.
#[tracing::instrument(skip_all)]
pub(super) async fn lookup<S: Store>(
    State(state): State<AppState<S>>,
    query: Result<Query<LookupQuery>, QueryRejection>,
) -> Response {
    let typed = query.map(|q| q.0.volgcode).unwrap_or_default();
    if typed.trim().is_empty() {
        return private(
            LookupPage {
                site: Site::of(&state, "status"),
                typed,
                error: None,
                not_found: false,
            }
            .into_response(),
        );
    }
    match TrackingCode::parse(&typed) {
        Ok(code) => Redirect::to(&format!("/status/{code}")).into_response(),
        Err(_) => private(
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                LookupPage {
                    site: Site::of(&state, "status"),
                    typed,
                    error: Some(
                        "Controleer de volgcode: die heeft 12 letters en cijfers, zoals \
                         ABCD-EFGH-JKMN."
                            .into(),
                    ),
                    not_found: false,
                },
            )
                .into_response(),
        ),
    }
}

pub(super) struct PhaseView {
    pub label: &'static str,
    pub state: &'static str,
    pub class: &'static str,
    pub date: String,
    pub current: bool,
}

pub(super) struct TermView {
    pub what: &'static str,
    pub rule: &'static str,
    pub due: String,
    pub outcome: String,
    pub class: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/status.html")]
pub(super) struct StatusPage {
    site: Site,
    code: String,
    reference: String,
    received: String,
    status: &'static str,
    /// The day the complaint was last reopened (issue 16).
    reopened: Option<String>,
    phases: Vec<PhaseView>,
    terms: Vec<TermView>,
    /// The satisfaction check may be answered now.
    satisfaction_open: bool,
    /// When it was answered, if it was.
    satisfaction_given: Option<String>,
}

/// The complaint's status in words for the complainant.
fn public_status(c: &Complaint) -> &'static str {
    match c.status() {
        Status::Signal => "direct opgelost",
        Status::AwaitingHandler => "ontvangen, wordt ingepland",
        Status::InProgress => "in behandeling",
        Status::Recorded => "afgehandeld, wordt afgerond",
        Status::Escalated => "voorgelegd aan een onafhankelijke partij",
        Status::Closed => "afgerond",
        Status::Reopened => "heropend, wordt opnieuw behandeld",
    }
}

fn step_words(step: Step) -> (&'static str, &'static str) {
    match step {
        Step::Report => ("Doorgegeven aan de verantwoordelijke", "dezelfde dag"),
        Step::Contact => ("Contact met u", "binnen 2 werkdagen"),
        Step::Offer => ("Besluit en aanbod", "binnen 2 weken"),
        Step::Record => ("Afhandeling vastgelegd", "binnen 3 weken"),
    }
}

/// The complaint behind a code in a URL, or `None` for both a malformed
/// and an unknown code.
async fn find<S: Store>(
    state: &AppState<S>,
    raw: &str,
) -> Result<
    Option<(
        TrackingCode,
        Complaint,
        Vec<klacht_domain::complaint::Recorded>,
    )>,
    WebError,
> {
    let Ok(code) = TrackingCode::parse(raw) else {
        return Ok(None);
    };
    Ok(public::by_tracking_code(&state.store, &code)
        .await?
        .map(|(c, history)| (code, c, history)))
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let Some((code, c, history)) = find(&state, &raw).await? else {
        return Ok(not_found(&state, raw));
    };
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let phases = c
        .public_phases(&history)
        .into_iter()
        .map(|p| PhaseView {
            label: p.phase.label(),
            state: p.state.label(),
            class: match p.state {
                PhaseState::Done => "done",
                PhaseState::Current => "current",
                PhaseState::Waiting => "waiting",
                PhaseState::Skipped => "skipped",
            },
            date: p.on.map(format_date).unwrap_or_default(),
            current: p.state == PhaseState::Current,
        })
        .collect();
    let terms = term_lines(&c, &calendar, today)
        .into_iter()
        .map(|t| {
            let (what, rule) = step_words(t.step);
            let (outcome, class) = match (t.waived, t.done_on, t.status) {
                (true, _, _) => ("niet van toepassing".to_owned(), "done"),
                (false, Some(d), TermStatus::Done { on_time: true }) => {
                    (format!("gedaan op {}", format_date(d)), "done")
                }
                (false, Some(d), _) => (
                    format!("gedaan op {} (later dan gepland)", format_date(d)),
                    "late",
                ),
                (false, None, TermStatus::Overdue) => ("termijn verstreken".to_owned(), "late"),
                (false, None, TermStatus::DueToday) => ("vandaag".to_owned(), "today"),
                (false, None, _) => ("nog niet".to_owned(), "ok"),
            };
            TermView {
                what,
                rule,
                due: format_date(t.due),
                outcome,
                class,
            }
        })
        .collect();
    let satisfaction_given = c
        .satisfaction_report()
        .map(|s| format_date(calendar.local_date(s.at)));
    let page = StatusPage {
        site: Site::of(&state, "status"),
        code: code.to_string(),
        reference: c.reference().to_string(),
        received: format_date(c.received_on()),
        status: public_status(&c),
        reopened: c
            .reopening()
            .map(|r| format_date(calendar.local_date(r.at))),
        phases,
        terms,
        satisfaction_open: c.satisfaction_check_open().is_ok(),
        satisfaction_given,
    };
    Ok(private(page.into_response()))
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub(super) struct SatisfactionForm {
    token: String,
    tevredenheid: String,
    toelichting: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/satisfaction.html")]
pub(super) struct SatisfactionPage {
    site: Site,
    code: String,
    reference: String,
    /// Why the form is not offered (already answered, not yet possible).
    closed: Option<String>,
    form: SatisfactionForm,
    /// The refused field and why; `None` as field: the whole form.
    error: Option<(Option<&'static str>, String)>,
    token: String,
}

impl SatisfactionPage {
    fn field_error(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| *f == Some(field))
            .map(|(_, m)| m.as_str())
    }

    fn general_error(&self) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|(f, _)| f.is_none())
            .map(|(_, m)| m.as_str())
    }

    fn chosen(&self, score: &u8) -> bool {
        self.form.tevredenheid.trim() == score.to_string()
    }

    fn scores(&self) -> Vec<(u8, &'static str)> {
        vec![
            (1, "zeer ontevreden"),
            (2, "ontevreden"),
            (3, "neutraal"),
            (4, "tevreden"),
            (5, "zeer tevreden"),
        ]
    }
}

fn satisfaction_response<S>(
    state: &AppState<S>,
    page: SatisfactionPage,
    token: &FormToken,
    status: StatusCode,
) -> Response {
    let mut response = private((status, page).into_response());
    if let Some(c) = token.set_cookie(state.cookie_secure) {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

#[tracing::instrument(skip_all)]
pub(super) async fn satisfaction_page<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let Some((code, c, _)) = find(&state, &raw).await? else {
        return Ok(not_found(&state, raw));
    };
    let token = FormToken::of(&headers);
    let page = SatisfactionPage {
        site: Site::of(&state, "status"),
        code: code.to_string(),
        reference: c.reference().to_string(),
        closed: c
            .satisfaction_check_open()
            .err()
            .map(|e| e.message().to_owned()),
        form: SatisfactionForm::default(),
        error: None,
        token: token.value.clone(),
    };
    Ok(satisfaction_response(&state, page, &token, StatusCode::OK))
}

#[tracing::instrument(skip_all)]
pub(super) async fn satisfaction_submit<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    form: Result<Form<SatisfactionForm>, FormRejection>,
) -> Result<Response, WebError> {
    let form = form.map(|f| f.0).unwrap_or_default();
    let Some((code, c, _)) = find(&state, &raw).await? else {
        return Ok(not_found(&state, raw));
    };
    let mut page = SatisfactionPage {
        site: Site::of(&state, "status"),
        code: code.to_string(),
        reference: c.reference().to_string(),
        closed: None,
        form: form.clone(),
        error: None,
        token: String::new(),
    };
    if !FormToken::matches(&headers, &form.token) {
        let token = FormToken::new();
        page.token = token.value.clone();
        page.error = Some((
            None,
            "Het formulier was verlopen. Kies uw antwoord en verstuur het opnieuw.".into(),
        ));
        return Ok(satisfaction_response(
            &state,
            page,
            &token,
            StatusCode::FORBIDDEN,
        ));
    }
    let token = FormToken {
        value: form.token.clone(),
        fresh: false,
    };
    page.token = token.value.clone();
    let score = form
        .tevredenheid
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(|n| Satisfaction::new(n).ok());
    let Some(score) = score else {
        page.error = Some((Some("tevredenheid"), "Kies een cijfer van 1 tot 5.".into()));
        return Ok(satisfaction_response(
            &state,
            page,
            &token,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let calendar = state.calendar().await?;
    let comment = Some(form.toelichting.clone());
    match public::report_satisfaction(&state.store, &calendar, &code, score, comment, state.now())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/status/{code}/tevredenheid")).into_response()),
        Err(ServiceError::Refused(ComplaintError::Invalid { message: m, .. })) => {
            page.error = Some((Some("toelichting"), m));
            Ok(satisfaction_response(
                &state,
                page,
                &token,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
        Err(ServiceError::Refused(e)) => {
            page.closed = Some(e.message().to_owned());
            Ok(satisfaction_response(
                &state,
                page,
                &token,
                StatusCode::CONFLICT,
            ))
        }
        Err(ServiceError::NotFound) => Ok(not_found(&state, raw)),
        Err(e) => Err(e.into()),
    }
}
