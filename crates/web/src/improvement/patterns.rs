//! /verbetering: the open structural patterns, each with "open an
//! improvement action" and "dismiss (with reason)", and the decisions
//! taken within the window.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use klacht_app::improvement::{self, FlaggedPattern};
use klacht_domain::ComplaintId;
use klacht_domain::patterns::PatternKey;
use klacht_store::{DecisionOutcome, Store};
use serde::Deserialize;

use super::{day, dimension, field_of, moment, require_manager};
use crate::session::{CsrfForm, Ctx, ctx_of, redirect_with_flash};
use crate::{AppState, WebError};
use klacht_i18n::Tr;

/// Complaints listed per pattern, the newest: at a million complaints a
/// pattern holds thousands, and the page listed every one (7 MB).
const SHOWN: usize = 20;

struct ComplaintLine {
    id: String,
    reference: String,
    received: String,
    new: bool,
}

struct PatternView {
    /// `patroon-1`: the anchor of its section.
    anchor: String,
    key: String,
    dimension: String,
    label: String,
    from: String,
    to: String,
    total: usize,
    new: usize,
    complaints: Vec<ComplaintLine>,
    /// The older complaints not listed.
    older: usize,
    /// [`improvement::fingerprint`]: what a dismissal from this page covers.
    seen: String,
}

struct DecisionLine {
    label: String,
    key: String,
    outcome: String,
    /// The action's id when acted on.
    action: Option<String>,
    by: String,
    at: String,
    count: usize,
}

/// A refused dismissal: at which pattern, why, and the reason typed.
struct Refused {
    key: String,
    field: Option<&'static str>,
    message: String,
    reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "improvement/patterns.html")]
struct PatternsPage {
    ctx: Ctx,
    rules: String,
    patterns: Vec<PatternView>,
    decisions: Vec<DecisionLine>,
    refused: Option<Refused>,
}

impl PatternsPage {
    fn refused_at(&self, key: &str) -> Option<&Refused> {
        self.refused.as_ref().filter(|r| r.key == key)
    }

    /// A refusal about a pattern no longer shown (decided meanwhile).
    fn refused_elsewhere(&self) -> Option<&Refused> {
        self.refused
            .as_ref()
            .filter(|r| self.patterns.iter().all(|p| p.key != r.key))
    }

    fn reason_of(&self, key: &str) -> &str {
        self.refused_at(key).map_or("", |r| r.reason.as_str())
    }

    fn reason_invalid(&self, key: &str) -> bool {
        self.refused_at(key)
            .is_some_and(|r| r.field == Some("reden"))
    }
}

fn view(t: Tr, i: usize, f: &FlaggedPattern) -> PatternView {
    let p = &f.pattern;
    PatternView {
        anchor: format!("patroon-{}", i + 1),
        key: p.key.to_string(),
        dimension: dimension(t, p.dimension),
        label: f.label.clone(),
        from: day(t, p.from),
        to: day(t, p.to),
        total: p.complaints.len(),
        new: p.new_count(),
        older: p.complaints.len().saturating_sub(SHOWN),
        seen: improvement::fingerprint(p),
        complaints: p.complaints[p.complaints.len().saturating_sub(SHOWN)..]
            .iter()
            .map(|c| ComplaintLine {
                id: c.id.to_string(),
                reference: c.reference.to_string(),
                received: day(t, c.received_on),
                new: c.new,
            })
            .collect(),
    }
}

async fn render<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    refused: Option<Refused>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let calendar = state.calendar().await?;
    let rules = *state.patterns.rules();
    let today = calendar.local_date(state.now());
    let (from, to) = rules.window(today);
    let open = state.current_patterns(&calendar, today).await?;
    let tz = calendar.time_zone();
    let t = ctx.t;
    let mut decisions: Vec<DecisionLine> = improvement::decisions_since(&state.store, from)
        .await?
        .into_iter()
        .map(|d| {
            let (outcome, action) = match &d.outcome {
                DecisionOutcome::Dismissed { reason } => (
                    t.t1("improvement-dismissed", "reason", reason.as_str()),
                    None,
                ),
                DecisionOutcome::Acted { action } => {
                    (t.t("improvement-acted"), Some(action.to_string()))
                }
            };
            DecisionLine {
                key: d.key.clone(),
                label: d.label.clone(),
                outcome,
                action,
                by: d.decided_by_name.clone(),
                at: moment(t, d.decided_at, tz),
                count: d.complaints.len(),
            }
        })
        .collect();
    decisions.reverse();
    let page = PatternsPage {
        ctx,
        rules: t.with_args(
            "improvement-rules",
            &[
                ("min", rules.min_complaints().to_string()),
                ("days", rules.window_days().to_string()),
                ("from", day(t, from)),
                ("to", day(t, to)),
            ],
        ),
        patterns: open
            .iter()
            .enumerate()
            .map(|(i, f)| view(t, i, f))
            .collect(),
        decisions,
        refused,
    };
    Ok((status, page).into_response())
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
) -> Result<Response, WebError> {
    require_manager(&ctx)?;
    render(&state, ctx, None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DismissForm {
    sleutel: String,
    /// The complaints shown, repeated: the form before the fingerprint.
    klacht: Vec<String>,
    /// The pattern's fingerprint as the page showed it.
    gezien: String,
    reden: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn dismiss<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<DismissForm>,
) -> Result<Response, WebError> {
    let ctx = ctx_of(&state, &current);
    require_manager(&ctx)?;
    let key: PatternKey = form
        .sleutel
        .parse()
        .map_err(|_| WebError::Invalid(ctx.t.t("improvement-which-pattern")))?;
    let shown: Vec<ComplaintId> = form.klacht.iter().filter_map(|c| c.parse().ok()).collect();
    let calendar = state.calendar().await?;
    let done = improvement::dismiss(
        &state.store,
        &calendar,
        state.patterns.rules(),
        &current.user,
        improvement::Dismissal {
            key: &key,
            shown: &shown,
            seen: Some(form.gezien.trim()).filter(|s| !s.is_empty()),
            reason: &form.reden,
        },
        state.now(),
    )
    .await;
    match done {
        Ok(d) => {
            tracing::info!(pattern = %d.key, complaints = d.complaints.len(), "pattern dismissed");
            Ok(redirect_with_flash(
                "/verbetering",
                &ctx.t
                    .t1("improvement-dismissed-flash", "label", d.label.as_str()),
                state.cookie_secure,
            ))
        }
        Err(e) => {
            let field = field_of(&e);
            let e = WebError::from(e);
            if e.status().is_server_error() || e.status() == StatusCode::FORBIDDEN {
                return Err(e);
            }
            let status = e.status();
            let refused = Refused {
                key: key.to_string(),
                field,
                message: e.user_message(current.t),
                reason: form.reden,
            };
            render(&state, ctx, Some(refused), status).await
        }
    }
}
