//! /verbeteracties/nieuw: a new improvement action, blank (complaints by
//! reference number) or from an open pattern with its complaints filled in.
//! A refused form comes back with everything typed and the message at its
//! field.

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use klacht_app::improvement::{self, ActionInput, FlaggedPattern, ImprovementServiceError};
use klacht_domain::improvement::MAX_COMPLAINTS;
use klacht_domain::patterns::PatternKey;
use klacht_domain::{ComplaintId, ReferenceNumber, RefusalCode, Role, UserId};
use klacht_store::Store;
use serde::Deserialize;

use super::{capitalised, dimension, field_of, parse_date, require_manager};
use crate::session::{CsrfForm, Ctx, ctx_of, redirect_with_flash};
use crate::{AppState, WebError};

/// The form as posted, every field as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct ActionForm {
    titel: String,
    omschrijving: String,
    eigenaar: String,
    streefdatum: String,
    /// Reference numbers, separated by spaces, commas or new lines.
    klachten: String,
    /// The pattern it answers (hidden).
    patroon: String,
    /// The pattern's fingerprint as the form showed it (hidden).
    gezien: String,
    /// "ja": the whole pattern, as shown, counts as taken up.
    heel_patroon: String,
}

impl ActionForm {
    fn whole_pattern(&self) -> bool {
        !self.patroon.trim().is_empty() && self.heel_patroon == "ja"
    }
}

struct Owner {
    id: String,
    label: String,
}

/// What the form says about the pattern it was opened from.
struct PatternNote {
    label: String,
    count: usize,
    /// The newest complaints' reference numbers, at most [`SHOWN`].
    newest: Vec<String>,
    /// How many of them the action links when the whole pattern is chosen.
    linked: usize,
}

/// Reference numbers the form lists of its pattern (as `/verbetering`).
const SHOWN: usize = 20;

#[derive(Template, WebTemplate)]
#[template(path = "improvement/new.html")]
struct NewPage {
    ctx: Ctx,
    form: ActionForm,
    errors: Vec<(&'static str, String)>,
    general: Option<String>,
    owners: Vec<Owner>,
    pattern: Option<PatternNote>,
}

impl NewPage {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.general.is_some()
    }
}

async fn render_new<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    form: ActionForm,
    errors: Vec<(&'static str, String)>,
    general: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let owners = state
        .store
        .list_users()
        .await?
        .into_iter()
        .filter(|u| u.active && u.user.role != Role::Admin)
        .map(|u| Owner {
            id: u.user.id.to_string(),
            label: ctx.t.t2(
                "improvement-owner-option",
                "name",
                u.user.name.as_str(),
                "role",
                ctx.t.label(u.user.role),
            ),
        })
        .collect();
    let pattern = with_open_pattern(state, &form.patroon, |p| PatternNote {
        label: ctx.t.t2(
            "improvement-pattern-note",
            "dimension",
            dimension(ctx.t, p.pattern.dimension),
            "label",
            p.label.as_str(),
        ),
        count: p.pattern.complaints.len(),
        newest: p
            .pattern
            .complaints
            .iter()
            .rev()
            .take(SHOWN)
            .map(|c| c.reference.to_string())
            .collect(),
        linked: p.pattern.complaints.len().min(MAX_COMPLAINTS),
    })
    .await?;
    let page = NewPage {
        ctx,
        form,
        errors,
        general,
        owners,
        pattern,
    };
    Ok((status, page).into_response())
}

/// `f` of the open pattern with this key as it is now (the kept open
/// patterns `/verbetering` shows); `None` when the key names no open
/// pattern.
async fn with_open_pattern<S: Store, T>(
    state: &AppState<S>,
    key: &str,
    f: impl FnOnce(&FlaggedPattern) -> T,
) -> Result<Option<T>, WebError> {
    let Ok(key) = key.trim().parse::<PatternKey>() else {
        return Ok(None);
    };
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    Ok(state
        .current_patterns(&calendar, today)
        .await?
        .iter()
        .find(|p| p.pattern.key == key)
        .map(f))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct NewQuery {
    patroon: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn new_page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> Result<Response, WebError> {
    require_manager(&ctx)?;
    let mut form = ActionForm::default();
    let mut general = None;
    let mut status = StatusCode::OK;
    if !q.patroon.trim().is_empty() {
        let found = with_open_pattern(&state, &q.patroon, |p| {
            (
                ctx.t.t2(
                    "improvement-suggested-title",
                    "dimension",
                    capitalised(&dimension(ctx.t, p.pattern.dimension)),
                    "label",
                    p.label.as_str(),
                ),
                p.pattern.key.to_string(),
                improvement::fingerprint(&p.pattern),
            )
        })
        .await?;
        match found {
            // The pattern's complaints travel as one fingerprint, not as
            // thousands of numbers in the form.
            Some((title, key, seen)) => {
                form.titel = title;
                form.patroon = key;
                form.gezien = seen;
                form.heel_patroon = "ja".to_owned();
            }
            None => {
                general = Some(ctx.t.t("improvement-pattern-closed"));
                status = StatusCode::NOT_FOUND;
            }
        }
    }
    render_new(&state, ctx, form, Vec::new(), general, status).await
}

/// Complaints named by reference number: each must exist, and at least
/// one unless the whole pattern is linked (`may_be_empty`).
async fn complaints_of<S: Store>(
    t: klacht_i18n::Tr,
    store: &S,
    text: &str,
    may_be_empty: bool,
    errors: &mut Vec<(&'static str, String)>,
) -> Result<Vec<ComplaintId>, WebError> {
    let mut ids = Vec::new();
    let mut seen = HashSet::new();
    for raw in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let Ok(reference) = ReferenceNumber::parse(raw) else {
            errors.push((
                "klachten",
                t.t1("improvement-error-reference", "value", raw),
            ));
            return Ok(ids);
        };
        if !seen.insert(reference) {
            continue;
        }
        match store.complaint_id_by_reference(reference).await? {
            Some(id) => ids.push(id),
            None => {
                errors.push((
                    "klachten",
                    t.t1(
                        "improvement-error-no-complaint",
                        "reference",
                        reference.to_string(),
                    ),
                ));
                return Ok(ids);
            }
        }
    }
    if ids.is_empty() && !may_be_empty {
        errors.push(("klachten", t.t("improvement-error-no-complaints")));
    }
    Ok(ids)
}

#[tracing::instrument(skip_all)]
pub(super) async fn create<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<ActionForm>,
) -> Result<Response, WebError> {
    let ctx = ctx_of(&state, &current);
    require_manager(&ctx)?;
    let mut errors = Vec::new();
    let owner = form.eigenaar.trim().parse::<UserId>().ok();
    if owner.is_none() {
        errors.push(("eigenaar", ctx.t.t("improvement-error-owner")));
    }
    let due = parse_date(&form.streefdatum);
    if due.is_none() {
        errors.push(("streefdatum", ctx.t.t("improvement-error-due")));
    }
    let complaints = complaints_of(
        ctx.t,
        &state.store,
        &form.klachten,
        form.whole_pattern(),
        &mut errors,
    )
    .await?;
    let pattern = match form.patroon.trim() {
        "" => None,
        key => match key.parse::<PatternKey>() {
            Ok(k) => Some(k),
            Err(_) => {
                return Err(WebError::Invalid(ctx.t.t("improvement-error-pattern")));
            }
        },
    };
    let (Some(owner), Some(due_on), true) = (owner, due, errors.is_empty()) else {
        return render_new(
            &state,
            ctx,
            form,
            errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let calendar = state.calendar().await?;
    let input = ActionInput {
        title: form.titel.clone(),
        description: form.omschrijving.clone(),
        owner,
        due_on,
        complaints,
        pattern,
        whole_pattern_seen: form.whole_pattern().then(|| form.gezien.clone()),
    };
    match improvement::create(
        &state.store,
        &calendar,
        state.patterns.rules(),
        &current.user,
        input,
        state.now(),
    )
    .await
    {
        Ok(a) => {
            tracing::info!(number = %a.number, complaints = a.complaints.len(), "improvement action opened");
            Ok(redirect_with_flash(
                &format!("/verbeteracties/{}", a.id),
                &ctx.t
                    .t1("improvement-opened-flash", "number", a.number.to_string()),
                state.cookie_secure,
            ))
        }
        Err(e) => {
            let field = field_of(&e);
            let mut form = form;
            if let ImprovementServiceError::Refused(refused) = &e
                && refused.refusal().code() == RefusalCode::ImprovementActionPatternChanged
            {
                // Shown again with the pattern as it is now: sending the
                // form again takes up what the page then shows.
                form.gezien = with_open_pattern(&state, &form.patroon, |p| {
                    improvement::fingerprint(&p.pattern)
                })
                .await?
                .unwrap_or_default();
            }
            let e = WebError::from(e);
            if e.status().is_server_error() || e.status() == StatusCode::FORBIDDEN {
                return Err(e);
            }
            let status = e.status();
            let (errors, general) = match field {
                Some(f) => (vec![(f, e.user_message(current.t))], None),
                None => (Vec::new(), Some(e.user_message(current.t))),
            };
            render_new(&state, ctx, form, errors, general, status).await
        }
    }
}
