//! Binnengekomen e-mail (issue 17 §2): the messages the mailbox job took
//! in, for the quality manager. Listed on her start page; each one is
//! registered with one click as a complaint or signal (prefilled, routed
//! like the public form: to the chosen service's manager) or marked "geen
//! klacht" (see `klacht_app::mailbox`).
//!
//! | route | what |
//! |---|---|
//! | `GET /binnengekomen/{id}` | the message: sender, subject, text, files, what was wrong with it |
//! | `POST /binnengekomen/{id}/registreren` | `soort` = `klacht` or `signaal`, optional `dienst` |
//! | `POST /binnengekomen/{id}/geen-klacht` | leaves the start page, in the Logboek |
//! | `POST /binnengekomen/{id}/gelezen` | a complainant's reply read by whoever may see its complaint |

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use klacht_app::mailbox::{self, MailboxError};
use klacht_domain::complaint::Kind;
use klacht_i18n::Tr;
use klacht_store::{MailboxMessage, MailboxStatus, PublicService, Store};
use serde::Deserialize;

use crate::session::{CsrfForm, Ctx, redirect_with_flash};
use crate::{AppState, WebError};

/// Intake items shown on the start page at once.
pub(crate) const START_PAGE_LIMIT: u32 = 50;

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/binnengekomen/{id}", get(show::<S>))
        .route("/binnengekomen/{id}/registreren", post(register::<S>))
        .route("/binnengekomen/{id}/geen-klacht", post(dismiss::<S>))
        .route("/binnengekomen/{id}/gelezen", post(mark_read::<S>))
}

/// One intake item as the start page and its own page show it.
pub(crate) struct MailRow {
    pub id: String,
    pub from: String,
    pub subject: String,
    pub excerpt: String,
    pub received: String,
    pub files: Vec<String>,
    pub problem: Option<String>,
}

impl MailRow {
    pub(crate) fn of(m: &MailboxMessage, zone: &jiff::tz::TimeZone, t: Tr) -> Self {
        let from = match (&m.sender_name, &m.sender_email) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (Some(name), None) => name.clone(),
            (None, Some(email)) => email.clone(),
            (None, None) => t.t("mailbox-unknown-sender"),
        };
        let received = m.taken_in_at.to_zoned(zone.clone());
        let excerpt: String = m.body.split_whitespace().collect::<Vec<_>>().join(" ");
        let excerpt = if excerpt.chars().count() > 160 {
            format!("{}…", excerpt.chars().take(159).collect::<String>())
        } else {
            excerpt
        };
        Self {
            id: m.id.to_string(),
            from,
            subject: if m.subject.is_empty() {
                t.t("mailbox-no-subject")
            } else {
                m.subject.clone()
            },
            excerpt,
            received: format!("{} {}", t.date(received.date()), received.strftime("%H:%M")),
            files: m.file_names.clone(),
            problem: m.problem.clone(),
        }
    }
}

/// The start page's section: the open items and the services to route to.
pub(crate) struct Inbox {
    pub rows: Vec<MailRow>,
    pub services: Vec<PublicService>,
}

/// The quality manager's intake items; `None` for anyone else.
pub(crate) async fn inbox<S: Store>(
    state: &AppState<S>,
    user: &klacht_domain::User,
    t: Tr,
) -> Result<Option<Inbox>, WebError> {
    if !mailbox::may_decide(user) {
        return Ok(None);
    }
    let messages = state.store.open_mailbox_messages(START_PAGE_LIMIT).await?;
    let calendar = state.calendar().await?;
    let services = state
        .store
        .public_services()
        .await?
        .into_iter()
        .filter(|s| s.active)
        .collect();
    Ok(Some(Inbox {
        rows: messages
            .iter()
            .map(|m| MailRow::of(m, calendar.time_zone(), t))
            .collect(),
        services,
    }))
}

#[derive(Template, WebTemplate)]
#[template(path = "mailbox/show.html")]
struct ShowPage {
    ctx: Ctx,
    r: MailRow,
    body: String,
    open: bool,
    /// A complainant's reply: the complaint it is on.
    reply_to: Option<String>,
    services: Vec<PublicService>,
}

fn parse_id(raw: &str) -> Result<uuid::Uuid, WebError> {
    uuid::Uuid::parse_str(raw).map_err(|_| WebError::NotFound)
}

/// Whether `user` may read a complainant's reply: whoever may see its
/// complaint.
async fn may_read_reply<S: Store>(
    state: &AppState<S>,
    user: &klacht_domain::User,
    complaint: klacht_domain::ComplaintId,
) -> Result<bool, WebError> {
    let c = klacht_app::complaints::load(&state.store, complaint).await?;
    Ok(klacht_domain::permissions::can_view(user, &c))
}

#[tracing::instrument(skip_all)]
async fn show<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let message = state
        .store
        .mailbox_message(parse_id(&id)?)
        .await?
        .ok_or(WebError::NotFound)?;
    let reply_to = match (message.status, message.complaint_id) {
        (MailboxStatus::Reply, Some(c)) => {
            if !may_read_reply(&state, &ctx.user, c).await? {
                return Err(WebError::NotFound);
            }
            Some(c.to_string())
        }
        _ if !mailbox::may_decide(&ctx.user) => return Err(WebError::NotFound),
        (MailboxStatus::Registered, Some(c)) => {
            return Ok(Redirect::to(&format!("/klachten/{c}")).into_response());
        }
        _ => None,
    };
    let calendar = state.calendar().await?;
    let services = state
        .store
        .public_services()
        .await?
        .into_iter()
        .filter(|s| s.active)
        .collect();
    Ok(ShowPage {
        r: MailRow::of(&message, calendar.time_zone(), ctx.t),
        body: message.body.clone(),
        open: message.status == MailboxStatus::Open,
        reply_to,
        services,
        ctx,
    }
    .into_response())
}

/// `POST /binnengekomen/{id}/gelezen`: the afhandelaar has read the
/// complainant's reply; it leaves their start page.
#[tracing::instrument(skip_all)]
async fn mark_read<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    CsrfForm { current, .. }: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let message = state
        .store
        .mailbox_message(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let (MailboxStatus::Reply, Some(complaint)) = (message.status, message.complaint_id) else {
        return Err(WebError::NotFound);
    };
    if !may_read_reply(&state, &current.user, complaint).await? {
        return Err(WebError::NotFound);
    }
    state.store.mark_reply_read(id, state.now()).await?;
    Ok(redirect_with_flash(
        &format!("/klachten/{complaint}"),
        &current.t.t("mailbox-marked-read"),
        state.cookie_secure,
    ))
}

#[derive(Deserialize)]
struct RegisterForm {
    soort: String,
    #[serde(default)]
    dienst: String,
}

fn web_error(t: Tr, e: MailboxError) -> WebError {
    match e {
        MailboxError::NotAllowed => WebError::Forbidden(t.t("mailbox-not-allowed")),
        MailboxError::Gone => WebError::Conflict(t.t("mailbox-done")),
        MailboxError::Unknown => WebError::NotFound,
        MailboxError::Service(s) => WebError::Service(s),
    }
}

#[tracing::instrument(skip_all)]
async fn register<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    CsrfForm { current, form }: CsrfForm<RegisterForm>,
) -> Result<Response, WebError> {
    let id = parse_id(&id)?;
    let t = current.t;
    let kind = match form.soort.as_str() {
        "klacht" => Kind::Complaint,
        "signaal" => Kind::Signal,
        _ => return Err(WebError::Invalid(t.t("mailbox-choose-kind"))),
    };
    let service = match form.dienst.trim() {
        "" => None,
        raw => Some(
            uuid::Uuid::parse_str(raw)
                .map_err(|_| WebError::Invalid(t.t("mailbox-unknown-service")))?,
        ),
    };
    let calendar = state.calendar().await?;
    let c = mailbox::register(
        &state.store,
        &calendar,
        &state.notifier,
        &current.user,
        mailbox::Registration { id, kind, service },
        state.now(),
    )
    .await
    .map_err(|e| web_error(t, e))?;
    Ok(redirect_with_flash(
        &format!("/klachten/{}", c.id()),
        &t.t2(
            "mailbox-registered",
            "kind",
            t.label(kind),
            "reference",
            c.reference().to_string(),
        ),
        state.cookie_secure,
    ))
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn dismiss<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    CsrfForm { current, .. }: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    mailbox::dismiss(&state.store, &current.user, parse_id(&id)?, state.now())
        .await
        .map_err(|e| web_error(current.t, e))?;
    Ok(redirect_with_flash(
        "/",
        &current.t.t("mailbox-dismissed"),
        state.cookie_secure,
    ))
}
