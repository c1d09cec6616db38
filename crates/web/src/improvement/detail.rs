//! /verbeteracties/{id}: one improvement action with its complaints and
//! history, and the forms to change its status and to close it with an
//! evaluation. Every change is stored with its event, at the version shown.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use klacht_app::improvement::{self, ActionView, ImprovementServiceError};
use klacht_domain::complaint::Status;
use klacht_domain::improvement::{ImprovementEvent, ImprovementStatus, may_manage};
use klacht_domain::patterns::PatternKey;
use klacht_i18n::Tr;
use klacht_store::Store;
use serde::Deserialize;

use super::list::{name_of, names};
use super::{day, deny_admin, moment, pattern_label, resolve, status_label};
use crate::session::{CsrfForm, Ctx, ctx_of, redirect_with_flash};
use crate::{AppState, WebError};

struct Linked {
    id: String,
    reference: String,
    status: String,
    category: String,
}

struct HistoryView {
    at: String,
    who: String,
    text: String,
}

/// A refused change: which form, why, and what was typed.
struct Failure {
    form: &'static str,
    message: String,
    typed: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "improvement/detail.html")]
struct DetailPage {
    ctx: Ctx,
    id: String,
    number: String,
    title: String,
    description: String,
    owner: String,
    due: String,
    late: bool,
    status: String,
    status_key: &'static str,
    done: bool,
    evaluation: String,
    closed_at: String,
    created_by: String,
    created_at: String,
    pattern: String,
    version: u64,
    /// Whether the viewer may change it (owner, quality manager, director).
    may_update: bool,
    /// Whether complaint links lead anywhere for the viewer.
    links: bool,
    complaints: Vec<Linked>,
    history: Vec<HistoryView>,
    statuses: Vec<(&'static str, String)>,
    failure: Option<Failure>,
}

impl DetailPage {
    fn error(&self, form: &str) -> Option<&str> {
        self.failure
            .as_ref()
            .filter(|f| f.form == form)
            .map(|f| f.message.as_str())
    }

    fn typed(&self, form: &str) -> &str {
        self.failure
            .as_ref()
            .filter(|f| f.form == form)
            .map_or("", |f| f.typed.as_str())
    }
}

async fn render_detail<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    v: ActionView,
    failure: Option<Failure>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let calendar = state.calendar().await?;
    let tz = calendar.time_zone();
    let today = calendar.local_date(state.now());
    let names = names(&state.store).await?;
    let a = &v.action;
    let t = ctx.t;
    let page = DetailPage {
        id: a.id.to_string(),
        number: a.number.to_string(),
        title: a.title.clone(),
        description: a.description.clone(),
        owner: name_of(t, &names, a.owner),
        due: day(t, a.due_on),
        late: a.status != ImprovementStatus::Done && a.due_on < today,
        status: status_label(t, a.status),
        status_key: a.status.as_str(),
        done: a.status == ImprovementStatus::Done,
        evaluation: a.evaluation.clone().unwrap_or_default(),
        closed_at: a.closed_at.map(|at| moment(t, at, tz)).unwrap_or_default(),
        created_by: name_of(t, &names, a.created_by),
        created_at: moment(t, a.created_at, tz),
        pattern: a
            .pattern
            .as_deref()
            .map(|key| match key.parse::<PatternKey>() {
                Ok(key) => pattern_label(t, &key, |id| {
                    names
                        .iter()
                        .find(|(u, _)| u.to_string() == id)
                        .map(|(_, n)| n.clone())
                }),
                // Stored before keys were checked: shown as it is.
                Err(_) => key.to_owned(),
            })
            .unwrap_or_default(),
        version: a.version,
        may_update: a.may_update(&ctx.user),
        links: may_manage(&ctx.user),
        complaints: v
            .linked
            .iter()
            .map(|l| Linked {
                id: l.id.to_string(),
                reference: l.reference.to_string(),
                status: l
                    .status
                    .parse::<Status>()
                    .map_or_else(|_| l.status.clone(), |s| t.label(s)),
                category: l.category.clone().unwrap_or_default(),
            })
            .collect(),
        history: v
            .history
            .iter()
            .map(|h| HistoryView {
                at: moment(t, h.at, tz),
                who: h.who.clone(),
                text: history_text(t, &h.event),
            })
            .collect(),
        statuses: [ImprovementStatus::Open, ImprovementStatus::InProgress]
            .iter()
            .map(|s| (s.as_str(), status_label(t, *s)))
            .collect(),
        failure,
        ctx,
    };
    Ok((status, page).into_response())
}

#[tracing::instrument(skip_all)]
pub(super) async fn detail<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    deny_admin(&ctx)?;
    let id = resolve(&state.store, &raw).await?;
    let v = improvement::load(&state.store, id, &ctx.user).await?;
    render_detail(&state, ctx, v, None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ChangeForm {
    versie: String,
    status: String,
    evaluatie: String,
}

/// Runs a change and redirects, or shows the page again with the refusal
/// at its form and what was typed.
async fn change<S: Store>(
    state: &AppState<S>,
    raw: &str,
    CsrfForm { current, form }: CsrfForm<ChangeForm>,
    which: &'static str,
) -> Result<Response, WebError> {
    let ctx = ctx_of(state, &current);
    deny_admin(&ctx)?;
    let id = resolve(&state.store, raw).await?;
    let expected = form.versie.trim().parse::<u64>().ok();
    let now = state.now();
    let result = if which == "afronden" {
        improvement::close(
            &state.store,
            id,
            &current.user,
            &form.evaluatie,
            expected,
            now,
        )
        .await
    } else {
        match form.status.parse::<ImprovementStatus>() {
            Ok(to) => {
                improvement::change_status(&state.store, id, &current.user, to, expected, now).await
            }
            Err(_) => Err(ImprovementServiceError::Refused(
                klacht_domain::improvement::ImprovementError::Invalid {
                    field: "status",
                    refusal: klacht_domain::RefusalCode::ImprovementChooseStatus.into(),
                },
            )),
        }
    };
    match result {
        Ok(a) => {
            tracing::info!(number = %a.number, status = a.status.as_str(), "improvement action changed");
            let done = if which == "afronden" {
                current
                    .t
                    .t1("improvement-closed-flash", "number", a.number.to_string())
            } else {
                current.t.t2(
                    "improvement-status-flash",
                    "number",
                    a.number.to_string(),
                    "status",
                    status_label(current.t, a.status),
                )
            };
            Ok(redirect_with_flash(
                &format!("/verbeteracties/{}", a.id),
                &done,
                state.cookie_secure,
            ))
        }
        Err(ImprovementServiceError::NotFound) => Err(WebError::NotFound),
        Err(e) => {
            let e = WebError::from(e);
            if e.status().is_server_error() {
                return Err(e);
            }
            let status = e.status();
            // Only those who may see it see the page again.
            let v = improvement::load(&state.store, id, &current.user).await?;
            let failure = Failure {
                form: which,
                message: e.user_message(current.t),
                typed: if which == "afronden" {
                    form.evaluatie
                } else {
                    String::new()
                },
            };
            render_detail(state, ctx, v, Some(failure), status).await
        }
    }
}

#[tracing::instrument(skip_all)]
pub(super) async fn status<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    form: CsrfForm<ChangeForm>,
) -> Result<Response, WebError> {
    change(&state, &raw, form, "status").await
}

#[tracing::instrument(skip_all)]
pub(super) async fn close<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    form: CsrfForm<ChangeForm>,
) -> Result<Response, WebError> {
    change(&state, &raw, form, "afronden").await
}

/// One line of the history in the reader's language (in Dutch as the
/// domain's `ImprovementEvent::describe`, which the archive keeps).
fn history_text(t: Tr, event: &ImprovementEvent) -> String {
    match event {
        ImprovementEvent::Opened {
            due_on, complaints, ..
        } => t.t2(
            "improvement-history-opened",
            "count",
            complaints.len(),
            "due",
            t.date(*due_on),
        ),
        ImprovementEvent::StatusChanged { from, to } => t.t2(
            "improvement-history-status",
            "from",
            status_label(t, *from),
            "to",
            status_label(t, *to),
        ),
        ImprovementEvent::Closed { .. } => t.t("improvement-history-closed"),
    }
}
