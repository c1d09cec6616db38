//! The PDF documents of a complaint, for whoever may see it (others 404,
//! exactly like the complaint page): the complaint form as it stands now
//! and the written confirmation of the offer (only once an offer was
//! made). And the filing of a complaint right after it was closed.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use klacht_app::complaints::{self, ServiceError};
use klacht_app::documents::{self, FormCopy};
use klacht_domain::User;
use klacht_domain::complaint::{Complaint, Recorded};
use klacht_domain::permissions;
use klacht_i18n::Tr;
use klacht_store::Store;

use super::resolve;
use crate::session::CurrentUser;
use crate::{AppState, WebError};

/// The complaint with its history when `user` may see it; 404 otherwise.
pub(crate) async fn visible<S: Store>(
    store: &S,
    raw: &str,
    user: &User,
) -> Result<(Complaint, Vec<Recorded>), WebError> {
    let id = resolve(store, raw).await?;
    let (c, history) = match complaints::load_with_history(store, id).await {
        Ok(loaded) => loaded,
        Err(ServiceError::NotFound) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !permissions::can_view(user, &c) {
        return Err(WebError::NotFound);
    }
    Ok((c, history))
}

/// A PDF answer, shown in the browser with a file name for saving.
pub(crate) fn pdf(bytes: Vec<u8>, file_name: &str) -> Response {
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{file_name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("inline"));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The complaint form as PDF, as far as the workflow got, in the words of
/// `t` (the reader's).
pub(crate) async fn form_pdf<S: Store>(
    state: &AppState<S>,
    user: &User,
    raw: &str,
    t: Tr,
) -> Result<Response, WebError> {
    let (c, history) = visible(&state.store, raw, user).await?;
    let calendar = state.calendar().await?;
    let bytes = documents::complaint_form(
        &state.store,
        &state.letterhead,
        &calendar,
        &c,
        &history,
        FormCopy::Printed {
            by: user.name.clone(),
            at: state.now(),
        },
        t,
    )
    .await?;
    Ok(pdf(
        bytes,
        &format!("{}-{}.pdf", t.t("doc-form-file-name"), c.reference()),
    ))
}

/// The confirmation of the offer as PDF, dated today; 404 without offer.
pub(crate) async fn offer_pdf<S: Store>(
    state: &AppState<S>,
    user: &User,
    raw: &str,
) -> Result<Response, WebError> {
    let (c, history) = visible(&state.store, raw, user).await?;
    if c.offer().is_none() {
        return Err(documents::DocumentError::NoOffer.into());
    }
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let bytes =
        documents::offer_letter(&state.store, &state.letterhead, &c, &history, today).await?;
    Ok(pdf(
        bytes,
        &format!("bevestiging-aanbod-{}.pdf", c.reference()),
    ))
}

#[tracing::instrument(skip_all)]
pub(super) async fn form<S: Store>(
    State(state): State<AppState<S>>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    form_pdf(&state, &current.user, &id, current.t).await
}

#[tracing::instrument(skip_all)]
pub(super) async fn offer<S: Store>(
    State(state): State<AppState<S>>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    offer_pdf(&state, &current.user, &id).await
}
