//! Agenda: the calendar feed (issue 4). A staff page (`/agenda`) where a
//! user makes, replaces or removes their secret feed URL, and the feed
//! itself (`/agenda/{token}.ics`), fetched without a session by Outlook or
//! a phone, listing the open terms of the complaints the user handles or
//! answers for as responsible manager, and the open agreed actions with a
//! due date they own or answer for (UID `{complaint}-actie-{number}@klacht`).
//! The feed carries no complainant data: it leaves the building.

mod ics;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use klacht_app::agenda;
use klacht_domain::Role;
use klacht_domain::terms::term_status;
use klacht_i18n::Tr;
use klacht_store::Store;
use secrecy::ExposeSecret;
use serde::Deserialize;

use crate::session::{CsrfForm, Ctx, ctx_of, redirect_with_flash};
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/agenda", get(page::<S>))
        .route("/agenda/nieuw", post(issue::<S>))
        .route("/agenda/opheffen", post(remove::<S>))
        .route("/agenda/{file}", get(feed::<S>))
}

#[derive(Template, WebTemplate)]
#[template(path = "agenda/index.html")]
struct AgendaPage {
    ctx: Ctx,
    /// "28-04-2026": when the current feed was made.
    since: Option<String>,
    /// The new URL, shown once right after it was made.
    url: Option<String>,
    webcal: Option<String>,
}

#[derive(Deserialize)]
struct Empty {}

/// The administrator handles no complaints and has no terms.
fn staff_only(t: Tr, role: Role) -> Result<(), WebError> {
    if role == Role::Admin {
        Err(WebError::Forbidden(t.t("agenda-admin")))
    } else {
        Ok(())
    }
}

#[tracing::instrument(skip_all)]
async fn page<S: Store>(State(state): State<AppState<S>>, ctx: Ctx) -> Result<Response, WebError> {
    staff_only(ctx.t, ctx.user.role)?;
    let calendar = state.calendar().await?;
    let since = state
        .store
        .calendar_feed(ctx.user.id)
        .await?
        .map(|f| ctx.t.date(calendar.local_date(f.created_at)));
    Ok(AgendaPage {
        ctx,
        since,
        url: None,
        webcal: None,
    }
    .into_response())
}

/// Where the application is reached: the configured public address, or
/// else the address this request came in on.
fn base_url<S>(state: &AppState<S>, headers: &HeaderMap) -> String {
    if let Some(ctx) = state.notifier.context() {
        return ctx.public_url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    let local = ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .any(|l| host == *l || host.starts_with(&format!("{l}:")));
    let scheme = if local { "http" } else { "https" };
    format!("{scheme}://{host}")
}

#[tracing::instrument(skip_all)]
async fn issue<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    CsrfForm { current, .. }: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    staff_only(current.t, current.user.role)?;
    let now = state.now();
    let token = agenda::issue_feed(&state.store, &current.user, now).await?;
    let calendar = state.calendar().await?;
    let url = format!(
        "{}/agenda/{}.ics",
        base_url(&state, &headers),
        token.expose_secret()
    );
    let webcal = url
        .split_once("://")
        .map(|(_, rest)| format!("webcal://{rest}"));
    let mut response = AgendaPage {
        ctx: ctx_of(&state, &current),
        since: Some(current.t.date(calendar.local_date(now))),
        url: Some(url),
        webcal,
    }
    .into_response();
    // The secret is on this page only: keep it out of caches.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[tracing::instrument(skip_all)]
async fn remove<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, .. }: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    staff_only(current.t, current.user.role)?;
    let removed = agenda::remove_feed(&state.store, &current.user, state.now()).await?;
    let message = current.t.t(if removed {
        "agenda-removed"
    } else {
        "agenda-was-none"
    });
    Ok(redirect_with_flash(
        "/agenda",
        &message,
        state.cookie_secure,
    ))
}

/// An overdue entry, shown on today, says so before anything else.
fn late(t: Tr, overdue: bool, summary: String) -> String {
    if overdue {
        t.t1("agenda-feed-late", "summary", summary)
    } else {
        summary
    }
}

/// The first letter in upper case ("Contact").
fn capitalised(word: &str) -> String {
    word.chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .chain(word.chars().skip(1))
        .collect()
}

/// `GET /agenda/{token}.ics`: no session, the secret is the key. An
/// unknown, replaced or removed secret is 404, as is anything else.
#[tracing::instrument(skip_all)]
async fn feed<S: Store>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let Some(token) = file.strip_suffix(".ics") else {
        return Err(WebError::NotFound);
    };
    let Some(user) = agenda::feed_user(&state.store, token).await? else {
        return Err(WebError::NotFound);
    };
    // The feed is read without a session: it speaks the language the
    // user chose, Dutch when they chose none (as their mail does).
    let t = Tr::new(
        state
            .store
            .user_by_id(user.id)
            .await?
            .and_then(|u| u.language)
            .unwrap_or_default(),
    );
    let calendar = state.calendar().await?;
    let now = state.now();
    let today = calendar.local_date(now);
    let base = base_url(&state, &headers);
    let mut events = Vec::new();
    for open in agenda::open_terms_of(&state.store, &calendar, &user).await? {
        for &(step, due) in &open.terms {
            let summary = t.t2(
                "agenda-feed-step",
                "step",
                capitalised(&t.t(&format!("agenda-feed-word-{}", step.as_str()))),
                "reference",
                open.reference.to_string(),
            );
            let status = t.label(term_status(due, today, None));
            let placed = agenda::place(due, today, &calendar);
            events.push(ics::AllDayEvent {
                uid: format!("{}-{}@klacht", open.complaint, step.as_str()),
                date: placed.date,
                summary: late(t, placed.overdue, summary),
                description: t.with_args(
                    "agenda-feed-step-description",
                    &[
                        ("step", t.label(step)),
                        ("reference", open.reference.to_string()),
                        ("date", t.long_date(due)),
                        ("status", status),
                    ],
                ),
                url: format!("{base}/klachten/{}", open.complaint),
                alarm: placed.alarm,
            });
        }
    }
    // Agreed actions: without their description, which may speak of the
    // complainant (the feed leaves the building); the link leads to it.
    for action in agenda::open_actions_of(&state.store, &user).await? {
        let status = t.label(term_status(action.due, today, None));
        let placed = agenda::place(action.due, today, &calendar);
        events.push(ics::AllDayEvent {
            uid: action.calendar_uid(),
            date: placed.date,
            summary: late(
                t,
                placed.overdue,
                t.t2(
                    "agenda-feed-action",
                    "number",
                    action.number.to_string(),
                    "reference",
                    action.reference.to_string(),
                ),
            ),
            description: t.with_args(
                "agenda-feed-action-description",
                &[
                    ("number", action.number.to_string()),
                    ("reference", action.reference.to_string()),
                    ("date", t.long_date(action.due)),
                    ("status", status),
                ],
            ),
            url: format!("{base}/klachten/{}", action.complaint),
            alarm: placed.alarm,
        });
    }
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    let name = t.t1("agenda-feed-name", "organisation", &*state.organisation);
    let body = ics::calendar(&name, &events, now);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline; filename=\"klachttermijnen.ics\""),
            ),
        ],
        body,
    )
        .into_response())
}
