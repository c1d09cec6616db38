//! Saved views of the overview (issue 15 §6): the quality manager and the
//! director keep the current filters under a name; their views are links
//! on `/overzicht`, each deletable. Only one's own views are listed or
//! deletable (another's is 404). A name one already has is refused (422)
//! with the page and the typed name kept.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::post;
use klacht_app::views::{self, ViewError};
use klacht_store::Store;
use serde::Deserialize;

use super::{OverviewQuery, render};
use crate::session::{CsrfForm, Ctx, ctx_of, redirect_with_flash};
use crate::{AppState, WebError};

pub(super) fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/overzicht/weergaven", post(save::<S>))
        .route("/overzicht/weergaven/{id}/verwijderen", post(delete::<S>))
}

/// A saved view on the page.
pub(super) struct ViewLink {
    pub id: String,
    pub name: String,
    pub href: String,
}

/// The form "Bewaren als weergave", as typed when it was refused.
#[derive(Default)]
pub(super) struct SaveForm {
    pub name: String,
    pub error: Option<String>,
}

pub(super) async fn links<S: Store>(
    state: &AppState<S>,
    ctx: &Ctx,
) -> Result<Vec<ViewLink>, WebError> {
    Ok(views::list(&state.store, &ctx.user)
        .await?
        .into_iter()
        .map(|v| ViewLink {
            id: v.id.to_string(),
            href: if v.query.is_empty() {
                "/overzicht".into()
            } else {
                format!("/overzicht?{}", v.query)
            },
            name: v.name,
        })
        .collect())
}

impl From<ViewError> for WebError {
    fn from(e: ViewError) -> Self {
        match (e.refusal(), e) {
            (Some(r), ViewError::NotAllowed) => WebError::forbidden(r),
            (Some(r), _) => WebError::invalid(r),
            (None, ViewError::Store(e)) => e.into(),
            (None, _) => WebError::NotFound,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SaveBody {
    naam: String,
    /// The filters of the page the form was on, as a query string.
    filter: String,
}

#[tracing::instrument(skip_all)]
async fn save<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<SaveBody>,
) -> Result<Response, WebError> {
    // Only filters the overview knows are kept, in its own spelling.
    let q: OverviewQuery = serde_html_form::from_str(&form.filter).unwrap_or_default();
    let query = q.filters_query();
    match views::save(&state.store, &current.user, &form.naam, &query, state.now()).await {
        Ok(view) => {
            tracing::info!(by = %current.user.id, "view saved");
            Ok(redirect_with_flash(
                &q.first_link(),
                &current
                    .t
                    .t1("overview-view-saved", "name", view.name.as_str()),
                state.cookie_secure,
            ))
        }
        Err(e @ (ViewError::Exists(_) | ViewError::Invalid(_))) => {
            let e = WebError::from(e);
            let status = e.status();
            let save = SaveForm {
                name: form.naam.clone(),
                error: Some(e.user_message(current.t)),
            };
            let page = render(&state, ctx_of(&state, &current), q, save).await?;
            Ok((status, Html(page.render()?)).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct DeleteBody {}

#[tracing::instrument(skip_all)]
async fn delete<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    CsrfForm { current, form: _ }: CsrfForm<DeleteBody>,
) -> Result<Response, WebError> {
    let id: uuid::Uuid = id.parse().map_err(|_| WebError::NotFound)?;
    let view = views::delete(&state.store, &current.user, id, state.now()).await?;
    tracing::info!(by = %current.user.id, "view deleted");
    Ok(redirect_with_flash(
        "/overzicht",
        &current
            .t
            .t1("overview-view-deleted", "name", view.name.as_str()),
        state.cookie_secure,
    ))
}
