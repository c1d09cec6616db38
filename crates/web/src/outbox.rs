//! Uitgaande berichten (/berichten): the outbox as the quality manager
//! sees it: how many messages wait, went out and failed, every failed one
//! with a button to try it again (or all of them at once), and the latest
//! messages. Retrying is logged in the Logboek with who and when.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use klacht_app::outbox::{self, MessageLine, RequeueError};
use klacht_i18n::Tr;
use klacht_store::{OutboxCounts, OutboxKind, OutboxStatus, Store};
use serde::Deserialize;

use crate::session::{CsrfForm, Ctx, redirect_with_flash};
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/berichten", get(page::<S>))
        .route("/berichten/{id}/opnieuw", post(retry::<S>))
        .route("/berichten/opnieuw", post(retry_all::<S>))
}

/// One message as a row of the page.
pub(crate) struct Row {
    pub id: String,
    pub created: String,
    pub status: String,
    /// The status's Dutch name, which the page's markup carries whatever
    /// the reader's language (`data-status`).
    pub status_code: &'static str,
    /// CSS class of the status badge.
    pub badge: &'static str,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub complaint: Option<String>,
    pub attempts: u32,
    pub sent: String,
    pub error: String,
}

impl Row {
    pub(crate) fn in_language(line: &MessageLine, tz: &TimeZone, t: Tr) -> Self {
        let m = &line.message;
        let when = |at: Timestamp| {
            let at = at.to_zoned(tz.clone());
            format!("{} {}", t.date(at.date()), at.strftime("%H:%M"))
        };
        // The subject of a registration in Exact is ours to word; an
        // e-mail's is the mail's own.
        let subject = match m.kind {
            OutboxKind::Exact => {
                serde_json::from_str::<klacht_domain::exact::Registration>(&m.payload)
                    .map(|r| t.t1("outbox-exact-subject", "reference", r.reference.to_string()))
                    .unwrap_or_else(|_| line.subject.clone())
            }
            OutboxKind::Mail => line.subject.clone(),
        };
        Self {
            id: m.id.to_string(),
            created: when(m.created_at),
            status: t.t(&format!("outbox-status-{}", m.status.as_str())),
            status_code: m.status.label(),
            badge: match m.status {
                OutboxStatus::Pending => "today",
                OutboxStatus::Sent => "ok",
                OutboxStatus::Failed => "late",
            },
            kind: t.t(&format!("outbox-kind-{}", m.kind.as_str())),
            to: line.to.clone(),
            subject,
            complaint: m.complaint_id.map(|c| c.to_string()),
            attempts: m.attempts,
            sent: m.sent_at.map(when).unwrap_or_default(),
            error: m.last_error.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "outbox/index.html")]
struct OutboxPage {
    ctx: Ctx,
    mail_server: Option<String>,
    counts: OutboxCounts,
    failed: Vec<Row>,
    recent: Vec<Row>,
}

#[tracing::instrument(skip_all)]
async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
) -> Result<OutboxPage, WebError> {
    if !outbox::may_manage(&ctx.user) {
        return Err(WebError::Forbidden(ctx.t.t("outbox-forbidden")));
    }
    let overview = outbox::overview(&state.store).await?;
    let tz = state.config_calendar.time_zone().clone();
    let t = ctx.t;
    Ok(OutboxPage {
        ctx,
        mail_server: state.mail_server.as_deref().map(str::to_owned),
        counts: overview.counts,
        failed: overview
            .failed
            .iter()
            .map(|l| Row::in_language(l, &tz, t))
            .collect(),
        recent: overview
            .recent
            .iter()
            .map(|l| Row::in_language(l, &tz, t))
            .collect(),
    })
}

#[derive(Deserialize)]
struct RetryForm {}

#[tracing::instrument(skip_all, fields(id = %id))]
async fn retry<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    CsrfForm { current, form: _ }: CsrfForm<RetryForm>,
) -> Result<Response, WebError> {
    let Ok(id) = id.parse::<uuid::Uuid>() else {
        return Err(WebError::NotFound);
    };
    let t = current.t;
    let message = match outbox::requeue(&state.store, &current.user, id, state.now()).await {
        Ok(line) => {
            tracing::info!(by = %current.user.id, "outbox message requeued");
            state.notifier.queued(1);
            let tz = state.config_calendar.time_zone();
            let row = Row::in_language(&line, tz, t);
            t.t1("outbox-requeued", "subject", row.subject)
        }
        Err(RequeueError::NotAllowed) => {
            return Err(WebError::Forbidden(t.t("outbox-retry-forbidden")));
        }
        Err(RequeueError::NotFound) => return Err(WebError::NotFound),
        Err(RequeueError::NotFailed) => t.t("outbox-not-failed"),
        Err(RequeueError::Store(e)) => return Err(e.into()),
    };
    Ok(redirect_with_flash(
        "/berichten",
        &message,
        state.cookie_secure,
    ))
}

/// "Alle mislukte opnieuw proberen": every failed message back in the
/// queue at once, one Logboek entry with the count.
#[tracing::instrument(skip_all)]
async fn retry_all<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form: _ }: CsrfForm<RetryForm>,
) -> Result<Response, WebError> {
    let t = current.t;
    let message = match outbox::requeue_all(&state.store, &current.user, state.now()).await {
        Ok(0) => t.t("outbox-none-failed"),
        Ok(n) => {
            tracing::info!(by = %current.user.id, requeued = n, "failed outbox messages requeued");
            state.notifier.queued(n);
            t.t1("outbox-requeued-all", "count", n)
        }
        Err(RequeueError::NotAllowed) => {
            return Err(WebError::Forbidden(t.t("outbox-retry-forbidden")));
        }
        Err(RequeueError::NotFound | RequeueError::NotFailed) => t.t("outbox-none-failed"),
        Err(RequeueError::Store(e)) => return Err(e.into()),
    };
    Ok(redirect_with_flash(
        "/berichten",
        &message,
        state.cookie_secure,
    ))
}
