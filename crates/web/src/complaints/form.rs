//! Klachtenformulier v02: the whole complaint form (DESIGN §5) as a
//! printable A4 page, the way a Dutch office files it. The page renders
//! the same [`FormData`] as the PDF, so the two never say different things.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use klacht_app::documents::{self, FormCopy, FormData};
use klacht_store::Store;

use super::{load_visible, resolve};
use crate::session::Ctx;
use crate::{AppState, WebError};

#[derive(Template, WebTemplate)]
#[template(path = "complaints/form.html")]
pub(super) struct FormPage {
    /// For the way back to the complaint.
    id: String,
    d: FormData,
    /// Related complaints (issue 16), as the viewer may see them; the
    /// filed PDF leaves them out, since its readers are not known here.
    related: Vec<super::links::RelatedRow>,
    hidden_related: usize,
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = resolve(&state.store, &id).await?;
    let (c, history) = load_visible(&state.store, id, &ctx.user).await?;
    let calendar = state.calendar().await?;
    let copy = FormCopy::Printed {
        by: ctx.user.name.clone(),
        at: state.now(),
    };
    let d = documents::form_data(
        &state.store,
        &state.letterhead,
        &calendar,
        &c,
        &history,
        copy,
    )
    .await?;
    let (related, hidden_related) = super::links::rows(&state.store, &ctx.user, &c).await?;
    Ok(FormPage {
        id: id.to_string(),
        d,
        related,
        hidden_related,
    }
    .into_response())
}
