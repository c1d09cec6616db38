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
use klacht_store::{OutboxCounts, OutboxStatus, Store};
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
    pub status: &'static str,
    /// CSS class of the status badge.
    pub badge: &'static str,
    pub kind: &'static str,
    pub to: String,
    pub subject: String,
    pub complaint: Option<String>,
    pub attempts: u32,
    pub sent: String,
    pub error: String,
}

impl Row {
    pub(crate) fn new(line: &MessageLine, tz: &TimeZone) -> Self {
        let m = &line.message;
        let when = |t: Timestamp| {
            t.to_zoned(tz.clone())
                .strftime("%d-%m-%Y %H:%M")
                .to_string()
        };
        Self {
            id: m.id.to_string(),
            created: when(m.created_at),
            status: m.status.label(),
            badge: match m.status {
                OutboxStatus::Pending => "today",
                OutboxStatus::Sent => "ok",
                OutboxStatus::Failed => "late",
            },
            kind: line.kind,
            to: line.to.clone(),
            subject: line.subject.clone(),
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
        return Err(WebError::Forbidden(
            "Uitgaande berichten zijn er voor de kwaliteitsmanager.".into(),
        ));
    }
    let overview = outbox::overview(&state.store).await?;
    let tz = state.config_calendar.time_zone().clone();
    Ok(OutboxPage {
        ctx,
        mail_server: state.mail_server.as_deref().map(str::to_owned),
        counts: overview.counts,
        failed: overview.failed.iter().map(|l| Row::new(l, &tz)).collect(),
        recent: overview.recent.iter().map(|l| Row::new(l, &tz)).collect(),
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
    let message = match outbox::requeue(&state.store, &current.user, id, state.now()).await {
        Ok(line) => {
            tracing::info!(by = %current.user.id, "outbox message requeued");
            state.notifier.queued(1);
            format!("Het bericht “{}” staat weer in de wachtrij.", line.subject)
        }
        Err(RequeueError::NotAllowed) => {
            return Err(WebError::Forbidden(
                "Alleen de kwaliteitsmanager kan berichten opnieuw versturen.".into(),
            ));
        }
        Err(RequeueError::NotFound) => return Err(WebError::NotFound),
        Err(RequeueError::NotFailed) => {
            "Dit bericht was al opnieuw aangeboden of is verzonden.".to_owned()
        }
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
    let message = match outbox::requeue_all(&state.store, &current.user, state.now()).await {
        Ok(0) => "Er waren geen mislukte berichten meer.".to_owned(),
        Ok(n) => {
            tracing::info!(by = %current.user.id, requeued = n, "failed outbox messages requeued");
            state.notifier.queued(n);
            if n == 1 {
                "1 bericht staat weer in de wachtrij.".to_owned()
            } else {
                format!("{n} berichten staan weer in de wachtrij.")
            }
        }
        Err(RequeueError::NotAllowed) => {
            return Err(WebError::Forbidden(
                "Alleen de kwaliteitsmanager kan berichten opnieuw versturen.".into(),
            ));
        }
        Err(RequeueError::NotFound | RequeueError::NotFailed) => {
            "Er waren geen mislukte berichten meer.".to_owned()
        }
        Err(RequeueError::Store(e)) => return Err(e.into()),
    };
    Ok(redirect_with_flash(
        "/berichten",
        &message,
        state.cookie_secure,
    ))
}
