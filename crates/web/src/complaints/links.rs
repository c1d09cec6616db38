//! Related complaints on the complaint page (issue 16): link one to
//! another by its reference number (K-2026-0042) with a reason, and
//! remove a link. A complaint the user may not see is 404, as everywhere;
//! a refusal (itself, twice, unknown) re-renders the page with the
//! message at the form.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use klacht_app::complaints::ServiceError;
use klacht_app::links::{self, Related};
use klacht_domain::complaint::{Complaint, Event, LinkReason, Recorded};
use klacht_domain::{ComplaintId, ReferenceNumber, User};
use klacht_store::Store;

use super::detail::{self, Failure};
use super::fields::{Fields, unparsed};
use super::{ctx_of, load_visible, resolve};
use crate::session::{CsrfForm, redirect_with_flash};
use crate::{AppState, WebError};
use klacht_i18n::Tr;

pub(super) fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/klachten/{id}/koppelingen", post(link::<S>))
        .route(
            "/klachten/{id}/koppelingen/{ander}/verwijderen",
            post(unlink::<S>),
        )
}

/// A related complaint as the page lists it.
pub(super) struct RelatedRow {
    pub id: String,
    pub reference: String,
    pub status: String,
    pub reason: String,
    pub note: String,
}

/// The related complaints `user` may see, and how many they may not.
pub(super) async fn rows<S: Store>(
    store: &S,
    user: &User,
    c: &Complaint,
    t: Tr,
) -> Result<(Vec<RelatedRow>, usize), WebError> {
    let mut rows = Vec::new();
    let mut hidden = 0;
    for r in links::related_for(store, user, c).await? {
        match r {
            Related::Visible {
                id,
                reference,
                status,
                reason,
                note,
            } => rows.push(RelatedRow {
                id: id.to_string(),
                reference: reference.to_string(),
                status: t.label(status),
                reason: t.label(reason),
                note: note.unwrap_or_default(),
            }),
            Related::Hidden => hidden += 1,
        }
    }
    Ok((rows, hidden))
}

/// The domain's timeline line of a link leaves the other complaint out
/// (not every reader may see it); for a viewer who may, it is named.
pub(super) async fn name_visible_links<S: Store>(
    store: &S,
    user: &User,
    history: &[Recorded],
    timeline: &mut [super::view::TimelineEntry],
    t: Tr,
) -> Result<(), WebError> {
    let visible = links::visible_others(store, user, history).await?;
    for r in history {
        let reference = match &r.event {
            Event::Linked(l) if visible.get(&l.other) == Some(&true) => l.reference,
            Event::Unlinked(u) if visible.get(&u.other) == Some(&true) => u.reference,
            _ => continue,
        };
        let reference = reference.to_string();
        let text = match &r.event {
            Event::Linked(l) => match &l.note {
                Some(note) => t.t3(
                    "complaint-event-linked-to-note",
                    "reference",
                    reference,
                    "reason",
                    t.label(l.reason),
                    "note",
                    note.as_str(),
                ),
                None => t.t2(
                    "complaint-event-linked-to",
                    "reference",
                    reference,
                    "reason",
                    t.label(l.reason),
                ),
            },
            _ => t.t1("complaint-event-unlinked-from", "reference", reference),
        };
        if let Some(entry) = timeline.iter_mut().find(|e| e.seq == r.seq) {
            entry.text = text;
        }
    }
    Ok(())
}

/// The reason choices of the form.
pub(super) fn reasons(t: Tr) -> Vec<(&'static str, String)> {
    LinkReason::ALL
        .iter()
        .map(|r| (r.as_str(), t.label(r)))
        .collect()
}

async fn refused<S: Store>(
    state: &AppState<S>,
    current: &crate::session::CurrentUser,
    id: ComplaintId,
    form: Fields,
    status: StatusCode,
    field: Option<&str>,
    message: String,
) -> Result<Response, WebError> {
    let (c, history) = load_visible(&state.store, id, &current.user).await?;
    let failure = Failure {
        form: "koppelen".into(),
        field: field.map(str::to_owned),
        message,
        values: form.into_values(),
    };
    detail::render(
        state,
        ctx_of(state, current),
        &c,
        &history,
        Some(failure),
        status,
    )
    .await
}

fn refusal(e: ServiceError, t: klacht_i18n::Tr) -> Result<(StatusCode, String), WebError> {
    if matches!(e, ServiceError::NotFound) {
        return Err(WebError::NotFound);
    }
    let e = WebError::from(e);
    if e.status().is_server_error() {
        return Err(e);
    }
    Ok((e.status(), e.user_message(t)))
}

#[tracing::instrument(skip_all)]
async fn link<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    CsrfForm { current, form }: CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let id = resolve(&state.store, &raw).await?;
    // Not seen: not there, before the form is read.
    load_visible(&state.store, id, &current.user).await?;
    let t = current.t;
    let reference = match form.text("klacht").trim() {
        "" => Err(t.t("complaint-field-link-reference")),
        s => ReferenceNumber::parse(s).map_err(|e| unparsed(e, t)),
    };
    let reference = match reference {
        Ok(r) => r,
        Err(m) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, &current, id, form, status, Some("klacht"), m).await;
        }
    };
    let reason: LinkReason = match form.choice("reden", "complaint-what-link-reason", t) {
        Ok(r) => r,
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, &current, id, form, status, e.field, e.message).await;
        }
    };
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    let note = form.optional("toelichting");
    match links::link(&cx, id, &current.user, reference, reason, note).await {
        Ok(c) => Ok(redirect_with_flash(
            &format!("/klachten/{}", c.id()),
            &t.t2(
                "complaint-done-link",
                "reference",
                c.reference().to_string(),
                "other",
                reference.to_string(),
            ),
            state.cookie_secure,
        )),
        Err(e) => {
            let (status, message) = refusal(e, current.t)?;
            refused(&state, &current, id, form, status, None, message).await
        }
    }
}

#[tracing::instrument(skip_all)]
async fn unlink<S: Store>(
    State(state): State<AppState<S>>,
    Path((raw, other)): Path<(String, String)>,
    CsrfForm { current, form }: CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let id = resolve(&state.store, &raw).await?;
    load_visible(&state.store, id, &current.user).await?;
    let other: ComplaintId = other.parse().map_err(|_| WebError::NotFound)?;
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    match links::unlink(&cx, id, &current.user, other).await {
        Ok(c) => Ok(redirect_with_flash(
            &format!("/klachten/{}", c.id()),
            &current.t.t("complaint-done-unlink"),
            state.cookie_secure,
        )),
        Err(e) => {
            let (status, message) = refusal(e, current.t)?;
            refused(&state, &current, id, form, status, None, message).await
        }
    }
}
