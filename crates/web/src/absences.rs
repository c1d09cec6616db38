//! Afwezigheid (issue 12, item 7): record an absence for oneself or, as
//! manager, for one's team (the quality manager and the director for
//! anyone), list the current and planned ones, end one early; and
//! Overdragen: the open complaints whose afhandelaar is absent or inactive,
//! each handed to another afhandelaar in one click (an `AssignHandler`
//! through `complaints::act`, so an event in the complaint's timeline).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use klacht_app::absences::{self, AbsenceError, AbsenceInput, Ended};
use klacht_domain::absence::{Refusal, Unavailable};
use klacht_domain::complaint::Command;
use klacht_domain::permissions::{Action, may};
use klacht_domain::{ComplaintId, Role, User, UserId};
use klacht_i18n::Tr;
use klacht_store::{OpenComplaintQuery, Store};
use serde::Deserialize;

use crate::session::{CsrfForm, Ctx, CurrentUser, ctx_of, redirect_with_flash};
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/afwezigheid", get(page::<S>).post(record::<S>))
        .route("/afwezigheid/{id}/beeindigen", post(end::<S>))
        .route("/afwezigheid/overdragen", get(handover_page::<S>))
        .route("/afwezigheid/overdragen/{id}", post(hand_over::<S>))
}

struct PersonOption {
    id: String,
    name: String,
    selected: bool,
}

struct AbsenceRow {
    id: String,
    person: String,
    period: String,
    note: String,
    recorded_by: String,
    current: bool,
    /// "Beëindigen" (begun) or "Verwijderen" (planned).
    end_label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "absences/index.html")]
struct AbsencePage {
    ctx: Ctx,
    people: Vec<PersonOption>,
    rows: Vec<AbsenceRow>,
    /// Whether the user may hand over others' complaints.
    hands_over: bool,
    from: String,
    to: String,
    note: String,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AbsenceForm {
    wie: String,
    van: String,
    tot: String,
    toelichting: String,
}

#[derive(Deserialize)]
struct Empty {}

/// The administrator handles no complaints and has no absences to record.
fn staff_only(t: Tr, user: &User) -> Result<(), WebError> {
    if user.role == Role::Admin {
        Err(WebError::Forbidden(t.t("absence-admin")))
    } else {
        Ok(())
    }
}

fn hands_over(user: &User) -> bool {
    matches!(
        user.role,
        Role::Manager | Role::QualityManager | Role::Director
    )
}

/// Handing over is for those who assign afhandelaars.
fn handing_over_only(t: Tr, user: &User) -> Result<(), WebError> {
    if hands_over(user) {
        Ok(())
    } else {
        Err(WebError::Forbidden(t.t("handover-forbidden")))
    }
}

/// A refusal in the user's language.
fn refusal(t: Tr, r: &Refusal) -> String {
    let side = |end: bool| if end { "end" } else { "start" };
    match r {
        Refusal::NotYourTeam { name } | Refusal::AlreadyOver { name } => t.t1(
            &format!("absence-refused-{}", r.code()),
            "name",
            name.as_str(),
        ),
        Refusal::MissingDate { end } => t.t(&format!("absence-refused-missing-{}", side(*end))),
        Refusal::NotADate { end, typed } => t.t1(
            &format!("absence-refused-not-a-date-{}", side(*end)),
            "typed",
            typed.as_str(),
        ),
        Refusal::NoteTooLong => t.t1(
            "absence-refused-note-too-long",
            "max",
            klacht_domain::absence::MAX_NOTE,
        ),
        other => t.t(&format!("absence-refused-{}", other.code())),
    }
}

fn web_error(t: Tr, e: AbsenceError) -> WebError {
    match e {
        AbsenceError::Forbidden(r) => WebError::Forbidden(refusal(t, &r)),
        AbsenceError::Invalid(r) => WebError::Invalid(refusal(t, &r)),
        AbsenceError::NotFound => WebError::NotFound,
        AbsenceError::Store(e) => WebError::Store(e),
    }
}

async fn build_page<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    form: AbsenceForm,
    error: Option<String>,
) -> Result<AbsencePage, WebError> {
    let t = ctx.t;
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let users = state.store.list_users().await?;
    let wanted = if form.wie.is_empty() {
        ctx.user.id.to_string()
    } else {
        form.wie.clone()
    };
    let people = absences::people_for(&ctx.user, &users)
        .into_iter()
        .map(|u| PersonOption {
            selected: u.id.to_string() == wanted,
            id: u.id.to_string(),
            name: if u.id == ctx.user.id {
                t.t1("absence-yourself", "name", u.name)
            } else {
                u.name
            },
        })
        .collect();
    let rows = absences::visible_absences(&state.store, &ctx.user, today)
        .await?
        .into_iter()
        .map(|l| {
            let p = l.absence.period;
            let period = if p.from() == p.to() {
                t.long_date(p.from())
            } else {
                t.t2(
                    "absence-period",
                    "from",
                    t.long_date(p.from()),
                    "to",
                    t.long_date(p.to()),
                )
            };
            AbsenceRow {
                id: l.absence.id.to_string(),
                person: l.person,
                period,
                note: l.absence.note.clone().unwrap_or_default(),
                recorded_by: l
                    .recorded_by
                    .unwrap_or_else(|| t.t("absence-unknown-person")),
                current: l.current,
                end_label: t.t(if p.from() < today {
                    "absence-end"
                } else {
                    "absence-remove"
                }),
            }
        })
        .collect();
    Ok(AbsencePage {
        hands_over: hands_over(&ctx.user),
        ctx,
        people,
        rows,
        from: form.van,
        to: form.tot,
        note: form.toelichting,
        error,
    })
}

#[tracing::instrument(skip_all)]
async fn page<S: Store>(State(state): State<AppState<S>>, ctx: Ctx) -> Result<Response, WebError> {
    staff_only(ctx.t, &ctx.user)?;
    Ok(build_page(&state, ctx, AbsenceForm::default(), None)
        .await?
        .into_response())
}

#[tracing::instrument(skip_all)]
async fn record<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<AbsenceForm>,
) -> Result<Response, WebError> {
    staff_only(current.t, &current.user)?;
    let t = current.t;
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    let input = AbsenceInput {
        whom: form.wie.clone(),
        from: form.van.clone(),
        to: form.tot.clone(),
        note: form.toelichting.clone(),
    };
    match absences::record_absence(&cx, &current.user, &input).await {
        Ok(absence) => {
            let alerted = if absence.alerted_at.is_some() {
                "-alerted"
            } else {
                ""
            };
            let message = if absence.user == current.user.id {
                t.t(&format!("absence-recorded-own{alerted}"))
            } else {
                let name = state
                    .store
                    .user_by_id(absence.user)
                    .await?
                    .map(|u| u.user.name)
                    .unwrap_or_default();
                t.t1(&format!("absence-recorded-other{alerted}"), "name", name)
            };
            Ok(redirect_with_flash(
                "/afwezigheid",
                &message,
                state.cookie_secure,
            ))
        }
        Err(e) => {
            let e = web_error(t, e);
            let status = e.status();
            if !status.is_client_error() || status == StatusCode::FORBIDDEN {
                return Err(e);
            }
            let page = build_page(
                &state,
                ctx_of(&state, &current),
                form,
                Some(e.user_message(current.t)),
            )
            .await?;
            Ok((status, Html(page.render()?)).into_response())
        }
    }
}

fn parse_uuid(raw: &str) -> Result<uuid::Uuid, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

#[tracing::instrument(skip_all)]
async fn end<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    CsrfForm { current, .. }: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    staff_only(current.t, &current.user)?;
    let id = parse_uuid(&raw)?;
    let calendar = state.calendar().await?;
    let t = current.t;
    let message =
        match absences::end_absence_early(&state.store, &calendar, &current.user, id, state.now())
            .await
            .map_err(|e| web_error(t, e))?
        {
            Ended::Removed { name } => t.t1("absence-removed", "name", name),
            Ended::Back { name } => t.t1("absence-ended", "name", name),
        };
    Ok(redirect_with_flash(
        "/afwezigheid",
        &message,
        state.cookie_secure,
    ))
}

struct HandoverRow {
    complaint_id: String,
    reference: String,
    handler: String,
    next_term: String,
    candidates: Vec<PersonOption>,
}

#[derive(Template, WebTemplate)]
#[template(path = "absences/handover.html")]
struct HandoverPage {
    ctx: Ctx,
    rows: Vec<HandoverRow>,
    /// Whose work one may hand over as a whole (Overdracht, issue 16).
    people: Vec<PersonOption>,
}

/// The open complaints whose afhandelaar is unavailable today and that
/// `user` may assign, with whom they may hand each to.
async fn handover_rows<S: Store>(
    state: &AppState<S>,
    user: &User,
    t: Tr,
) -> Result<Vec<HandoverRow>, WebError> {
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let users = state.store.list_users().await?;
    let absences_now = state.store.absences_from(today).await?;
    let staff = absences::staff_of(&users, &absences_now, today);
    let by_id: HashMap<UserId, &User> = users.iter().map(|u| (u.user.id, &u.user)).collect();
    let mut ids = Vec::new();
    for u in users.iter().filter(|u| u.user.role != Role::Admin) {
        if staff.unavailable(u.user.id).is_none() {
            continue;
        }
        let mut query = OpenComplaintQuery {
            responsible: Some(u.user.id),
            limit: 1000,
            ..Default::default()
        };
        loop {
            let page = state.store.open_complaints(&query).await?;
            ids.extend(
                page.items
                    .iter()
                    .filter(|r| r.handler == Some(u.user.id))
                    .map(|r| r.id),
            );
            match page.next {
                Some(next) => query.after = Some(next),
                None => break,
            }
        }
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Who may take a complaint over: available, active staff; a manager
    // assigns themselves or their team (the rule of AssignHandler).
    let oversees_all = matches!(user.role, Role::QualityManager | Role::Director);
    let takers: Vec<&User> = users
        .iter()
        .filter(|u| u.active && u.user.role != Role::Admin)
        .filter(|u| staff.unavailable(u.user.id).is_none())
        .filter(|u| oversees_all || u.user.id == user.id || u.user.manager == Some(user.id))
        .map(|u| &u.user)
        .collect();
    let mut rows = Vec::new();
    for (id, events) in state.store.events_of(&ids).await? {
        let Ok(c) = klacht_app::complaints::replay(id, &events) else {
            continue;
        };
        if !may(user, &c, Action::AssignHandler) || !c.is_possible(Action::AssignHandler) {
            continue;
        }
        let Some(handler) = c.handler() else { continue };
        let mut candidates: Vec<PersonOption> = takers
            .iter()
            .filter(|t| !c.is_involved(t.id) && Some(t.id) != c.handler())
            .map(|t| PersonOption {
                id: t.id.to_string(),
                name: t.name.clone(),
                selected: t.id == user.id,
            })
            .collect();
        candidates.sort_by(|a, b| (!a.selected, &a.name).cmp(&(!b.selected, &b.name)));
        let next_term = klacht_domain::reminders::OpenTerms::of(&c, &calendar)
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
            .unwrap_or_default();
        rows.push(HandoverRow {
            complaint_id: c.id().to_string(),
            reference: c.reference().to_string(),
            handler: staff
                .name(handler)
                .map(|name| name_with_status(t, name, staff.unavailable(handler)))
                .or_else(|| by_id.get(&handler).map(|u| u.name.clone()))
                .unwrap_or_default(),
            next_term,
            candidates,
        });
    }
    rows.sort_by(|a, b| a.reference.cmp(&b.reference));
    Ok(rows)
}

/// "Piet (afwezig t/m 14 december)": a name in a list, with why they
/// cannot take work today.
fn name_with_status(t: Tr, name: &str, why: Option<Unavailable>) -> String {
    match why {
        None => name.to_owned(),
        Some(Unavailable::Inactive) => t.t1("handover-inactive", "name", name),
        Some(Unavailable::Absent { until }) => t.t3(
            "handover-absent-until",
            "name",
            name,
            "day",
            until.day().to_string(),
            "month",
            t.month_name(until.month()),
        ),
    }
}

#[tracing::instrument(skip_all)]
async fn handover_page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
) -> Result<Response, WebError> {
    handing_over_only(ctx.t, &ctx.user)?;
    let rows = handover_rows(&state, &ctx.user, ctx.t).await?;
    let users = state.store.list_users().await?;
    // Deactivated accounts too: someone who left is the main reason to
    // hand over everything at once.
    let mut people: Vec<PersonOption> = users
        .iter()
        .filter(|u| u.user.id != ctx.user.id && u.user.role != Role::Admin)
        .filter(|u| klacht_domain::absence::may_manage_absence(&ctx.user, &u.user))
        .map(|u| PersonOption {
            id: u.user.id.to_string(),
            name: if u.active {
                u.user.name.clone()
            } else {
                ctx.t.t1("handover-inactive", "name", u.user.name.as_str())
            },
            selected: false,
        })
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(HandoverPage { ctx, rows, people }.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct HandOverForm {
    afhandelaar: String,
}

#[tracing::instrument(skip_all)]
async fn hand_over<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    CsrfForm { current, form }: CsrfForm<HandOverForm>,
) -> Result<Response, WebError> {
    let CurrentUser { user, t, .. } = &current;
    let t = *t;
    handing_over_only(t, user)?;
    let id: ComplaintId = raw.parse().map_err(|_| WebError::NotFound)?;
    // Existence does not leak: a complaint one cannot see is 404 before
    // the form is read.
    let complaint = klacht_app::complaints::load(&state.store, id).await?;
    if !klacht_domain::permissions::can_view(user, &complaint) {
        return Err(WebError::NotFound);
    }
    let handler_id: UserId = form
        .afhandelaar
        .trim()
        .parse()
        .map_err(|_| WebError::Invalid(t.t("handover-choose")))?;
    let handler = state
        .store
        .user_by_id(handler_id)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| WebError::Invalid(t.t("handover-choose")))?;
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    let c = klacht_app::complaints::act(
        &cx,
        id,
        user,
        Command::AssignHandler {
            handler: handler.user.clone(),
        },
        None,
    )
    .await?;
    Ok(redirect_with_flash(
        "/afwezigheid/overdragen",
        &t.t2(
            "handover-done",
            "reference",
            c.reference().to_string(),
            "name",
            handler.user.name.as_str(),
        ),
        state.cookie_secure,
    ))
}
