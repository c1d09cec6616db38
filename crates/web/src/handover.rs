//! Overdracht (issue 16): one person's open complaints (as afhandelaar)
//! and open agreed actions (as owner), each with a select of who takes it
//! over (the one handing over preselected), moved in one submission by
//! [`klacht_app::handover`]. A manager hands over their own team's work;
//! the quality manager and the director anyone's; everyone else is 403.
//! A refusal of any item writes nothing and shows the form again with the
//! reason at that item and every choice kept.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use klacht_app::handover::{self, HandoverError, Plan};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::reminders::OpenTerms;
use klacht_domain::{Refusal, UserId};
use klacht_i18n::Tr;
use klacht_store::Store;

use crate::session::{CsrfForm, Ctx, ctx_of, redirect_with_flash};
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new().route(
        "/medewerkers/{id}/overdracht",
        get(page::<S>).post(submit::<S>),
    )
}

/// The refusals, worded in the reader's language where they are shown.
impl From<HandoverError> for WebError {
    fn from(e: HandoverError) -> Self {
        match e {
            HandoverError::Forbidden(r) => WebError::forbidden(r),
            HandoverError::NotFound => WebError::NotFound,
            HandoverError::Items(_) => {
                WebError::Invalid(Tr::default().t("bulk-handover-not-everything"))
            }
            HandoverError::Service(e) => e.into(),
        }
    }
}

fn web_error(t: Tr, e: HandoverError) -> WebError {
    match e {
        HandoverError::Items(_) => WebError::Invalid(t.t("bulk-handover-not-everything")),
        other => other.into(),
    }
}

struct Choice {
    id: String,
    name: String,
    selected: bool,
}

struct Row {
    key: String,
    complaint_id: String,
    reference: String,
    /// "Afhandelaar" or "Actie 2".
    role: String,
    /// The complaint itself (as afhandelaar), not an action.
    handler: bool,
    what: String,
    choices: Vec<Choice>,
    error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "absences/bulk_handover.html")]
struct Page {
    ctx: Ctx,
    person_id: String,
    person: String,
    rows: Vec<Row>,
    error: Option<String>,
}

fn person_id(raw: &str) -> Result<UserId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

fn build(
    ctx: Ctx,
    calendar: &WorkingCalendar,
    plan: Plan,
    chosen: &HashMap<String, String>,
    errors: &BTreeMap<String, Refusal>,
) -> Page {
    let t = ctx.t;
    let default = ctx.user.id.to_string();
    let rows = plan
        .items
        .iter()
        .map(|item| {
            let wanted = chosen.get(&item.key).unwrap_or(&default);
            Row {
                key: item.key.clone(),
                complaint_id: item.complaint.id().to_string(),
                reference: item.complaint.reference().to_string(),
                role: match item.action {
                    None => t.t("bulk-handover-handler"),
                    Some(n) => t.t1("bulk-handover-action", "number", n.to_string()),
                },
                handler: item.action.is_none(),
                what: match item.action {
                    // The complaint's next term, in the user's words;
                    // an action's own description as its owner wrote it.
                    None => OpenTerms::of(&item.complaint, calendar)
                        .and_then(|o| o.next())
                        .map(|(step, due)| {
                            t.t2(
                                "handover-next-term",
                                "step",
                                t.label(step),
                                "date",
                                t.long_date(due),
                            )
                        })
                        .unwrap_or_else(|| item.what.clone()),
                    Some(_) => item.what.clone(),
                },
                choices: plan
                    .takers
                    .iter()
                    .map(|u| Choice {
                        selected: &u.id.to_string() == wanted,
                        id: u.id.to_string(),
                        name: if u.id == ctx.user.id {
                            t.t1("absence-yourself", "name", u.name.as_str())
                        } else {
                            u.name.clone()
                        },
                    })
                    .collect(),
                error: errors.get(&item.key).map(|r| t.refusal(r)),
            }
        })
        .collect();
    Page {
        person_id: plan.person.id.to_string(),
        person: plan.person.name.clone(),
        rows,
        error: (!errors.is_empty()).then(|| t.t("bulk-handover-refused")),
        ctx,
    }
}

#[tracing::instrument(skip_all)]
async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let person = person_id(&raw)?;
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    let plan = handover::plan(&cx, &ctx.user, person)
        .await
        .map_err(|e| web_error(ctx.t, e))?;
    Ok(build(ctx, &calendar, plan, &HashMap::new(), &BTreeMap::new()).into_response())
}

#[tracing::instrument(skip_all)]
async fn submit<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    CsrfForm { current, form }: CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let person = person_id(&raw)?;
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    let t = current.t;
    match handover::hand_over(&cx, &current.user, person, &form).await {
        Ok(moved) => {
            let message = if moved.complaints + moved.actions == 0 {
                t.t("bulk-handover-nothing-moved")
            } else {
                t.t2(
                    "bulk-handover-moved",
                    "complaints",
                    moved.complaints,
                    "actions",
                    moved.actions,
                )
            };
            Ok(redirect_with_flash(
                &format!("/medewerkers/{person}/overdracht"),
                &message,
                state.cookie_secure,
            ))
        }
        Err(HandoverError::Items(errors)) => {
            let plan = handover::plan(&cx, &current.user, person)
                .await
                .map_err(|e| web_error(t, e))?;
            let page = build(ctx_of(&state, &current), &calendar, plan, &form, &errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
        }
        Err(e) => Err(web_error(t, e)),
    }
}
