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
use klacht_app::public::{self, FieldMessage};
use klacht_domain::TrackingCode;
use klacht_domain::complaint::SATISFACTION_COMMENT_MAX;
use klacht_domain::complaint::{
    Complaint, ComplaintError, Kind, Phase, PhaseState, Satisfaction, Status,
};
use klacht_domain::terms::{Step, TermStatus};
use klacht_i18n::Tr;
use klacht_store::Store;
use serde::Deserialize;

use super::{FormToken, Site, private_headers};
use crate::language::PageLanguage;
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

fn not_found<S>(state: &AppState<S>, t: Tr, typed: String) -> Response {
    private(
        (
            StatusCode::NOT_FOUND,
            LookupPage {
                site: Site::of(state, "status", t, "/status"),
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
    language: PageLanguage,
    query: Result<Query<LookupQuery>, QueryRejection>,
) -> Response {
    let t = language.tr();
    let typed = query.map(|q| q.0.volgcode).unwrap_or_default();
    if typed.trim().is_empty() {
        return private(
            LookupPage {
                site: Site::of(&state, "status", t, "/status"),
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
                    site: Site::of(&state, "status", t, "/status"),
                    typed,
                    error: Some(t.t("lookup-code-error")),
                    not_found: false,
                },
            )
                .into_response(),
        ),
    }
}

pub(super) struct PhaseView {
    pub label: String,
    pub state: String,
    pub class: &'static str,
    pub date: String,
    pub current: bool,
}

pub(super) struct TermView {
    pub what: String,
    pub rule: String,
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
    status: String,
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
        Status::Signal => "status-now-signal",
        Status::AwaitingHandler => "status-now-awaiting-handler",
        Status::InProgress => "status-now-in-progress",
        Status::Recorded => "status-now-recorded",
        Status::Escalated => "status-now-escalated",
        Status::Closed => "status-now-closed",
        Status::Reopened => "status-now-reopened",
    }
}

fn phase_key(phase: Phase) -> &'static str {
    match phase {
        Phase::Received => "status-phase-received",
        Phase::InProgress => "status-phase-in-progress",
        Phase::Contact => "status-phase-contact",
        Phase::Offer => "status-phase-offer",
        Phase::Done => "status-phase-done",
    }
}

/// Why the satisfaction check is not open, in the page's language; the
/// domain's refusal decides whether it is.
fn satisfaction_closed(
    c: &Complaint,
    t: Tr,
    calendar: &klacht_domain::calendar::WorkingCalendar,
) -> Option<String> {
    c.satisfaction_check_open().err()?;
    Some(if c.kind() != Kind::Complaint {
        t.t("satisfaction-closed-signal")
    } else if let Some(given) = c.satisfaction_report() {
        t.t1(
            "satisfaction-closed-given",
            "date",
            t.date(calendar.local_date(given.at)),
        )
    } else {
        t.t("satisfaction-closed-not-yet")
    })
}

fn step_words(step: Step) -> (&'static str, &'static str) {
    match step {
        Step::Report => ("status-step-report", "status-step-report-rule"),
        Step::Contact => ("status-step-contact", "status-step-contact-rule"),
        Step::Offer => ("status-step-offer", "status-step-offer-rule"),
        Step::Record => ("status-step-record", "status-step-record-rule"),
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
    language: PageLanguage,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let Some((code, c, history)) = find(&state, &raw).await? else {
        return Ok(not_found(&state, language.tr(), raw));
    };
    let t = language.for_complaint(c.language());
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let phases = c
        .public_phases(&history)
        .into_iter()
        .map(|p| PhaseView {
            label: t.t(phase_key(p.phase)),
            state: t.t(match p.state {
                PhaseState::Done => "status-phase-state-done",
                PhaseState::Current => "status-phase-state-current",
                PhaseState::Waiting => "status-phase-state-waiting",
                PhaseState::Skipped => "status-phase-state-skipped",
            }),
            class: match p.state {
                PhaseState::Done => "done",
                PhaseState::Current => "current",
                PhaseState::Waiting => "waiting",
                PhaseState::Skipped => "skipped",
            },
            date: p.on.map(|d| t.date(d)).unwrap_or_default(),
            current: p.state == PhaseState::Current,
        })
        .collect();
    let terms = term_lines(&c, &calendar, today)
        .into_iter()
        .map(|line| {
            let (what, rule) = step_words(line.step);
            let (outcome, class) = match (line.waived, line.done_on, line.status) {
                (true, _, _) => (t.t("status-term-waived"), "done"),
                (false, Some(d), TermStatus::Done { on_time: true }) => {
                    (t.t1("status-term-done", "date", t.date(d)), "done")
                }
                (false, Some(d), _) => (t.t1("status-term-done-late", "date", t.date(d)), "late"),
                (false, None, TermStatus::Overdue) => (t.t("status-term-overdue"), "late"),
                (false, None, TermStatus::DueToday) => (t.t("status-term-today"), "today"),
                (false, None, _) => (t.t("status-term-not-yet"), "ok"),
            };
            TermView {
                what: t.t(what),
                rule: t.t(rule),
                due: t.date(line.due),
                outcome,
                class,
            }
        })
        .collect();
    let satisfaction_given = c
        .satisfaction_report()
        .map(|s| t.date(calendar.local_date(s.at)));
    let page = StatusPage {
        site: Site::of(&state, "status", t, &format!("/status/{code}")),
        code: code.to_string(),
        reference: c.reference().to_string(),
        received: t.date(c.received_on()),
        status: t.t(public_status(&c)),
        reopened: c.reopening().map(|r| t.date(calendar.local_date(r.at))),
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

    fn scores(&self) -> Vec<(u8, String)> {
        (1..=5u8)
            .map(|n| (n, self.site.t.t(&format!("satisfaction-score-{n}"))))
            .collect()
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
    language: PageLanguage,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let Some((code, c, _)) = find(&state, &raw).await? else {
        return Ok(not_found(&state, language.tr(), raw));
    };
    let t = language.for_complaint(c.language());
    let calendar = state.calendar().await?;
    let token = FormToken::of(&headers);
    let page = SatisfactionPage {
        site: Site::of(&state, "status", t, &format!("/status/{code}/tevredenheid")),
        code: code.to_string(),
        reference: c.reference().to_string(),
        closed: satisfaction_closed(&c, t, &calendar),
        form: SatisfactionForm::default(),
        error: None,
        token: token.value.clone(),
    };
    Ok(satisfaction_response(&state, page, &token, StatusCode::OK))
}

#[tracing::instrument(skip_all)]
pub(super) async fn satisfaction_submit<S: Store>(
    State(state): State<AppState<S>>,
    language: PageLanguage,
    Path(raw): Path<String>,
    headers: HeaderMap,
    form: Result<Form<SatisfactionForm>, FormRejection>,
) -> Result<Response, WebError> {
    let form = form.map(|f| f.0).unwrap_or_default();
    let Some((code, c, _)) = find(&state, &raw).await? else {
        return Ok(not_found(&state, language.tr(), raw));
    };
    let t = language.for_complaint(c.language());
    let mut page = SatisfactionPage {
        site: Site::of(&state, "status", t, &format!("/status/{code}/tevredenheid")),
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
        page.error = Some((None, t.t("satisfaction-error-expired")));
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
        page.error = Some((Some("tevredenheid"), t.t("satisfaction-error-score")));
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
        Err(ServiceError::Refused(ComplaintError::Invalid { refusal, .. })) => {
            let message = FieldMessage::refused("satisfaction-error-comment", refusal)
                .with("max", SATISFACTION_COMMENT_MAX);
            page.error = Some((Some("toelichting"), message.render(t)));
            Ok(satisfaction_response(
                &state,
                page,
                &token,
                StatusCode::UNPROCESSABLE_ENTITY,
            ))
        }
        Err(ServiceError::Refused(e)) => {
            // Closed since the page was shown: say why, as it is now.
            let now = find(&state, &raw).await?;
            page.closed = now
                .and_then(|(_, now, _)| satisfaction_closed(&now, t, &calendar))
                .or_else(|| Some(t.refusal(e.refusal())));
            Ok(satisfaction_response(
                &state,
                page,
                &token,
                StatusCode::CONFLICT,
            ))
        }
        Err(ServiceError::NotFound) => Ok(not_found(&state, t, raw)),
        Err(e) => Err(e.into()),
    }
}
