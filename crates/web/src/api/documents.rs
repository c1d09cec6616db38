//! The PDF documents of a complaint over the API, with the pages' rules:
//! the administrator sees no complaints (403), a complaint out of sight is
//! 404, and the offer letter exists only once an offer was made.

use axum::extract::State;
use axum::response::Response;
use klacht_store::Store;

use super::auth::ApiUser;
use super::complaints::deny_admin;
use super::error::ApiError;
use super::extract::ApiPath;
use crate::AppState;
use crate::dossier::{form_pdf, offer_pdf};

/// `GET /complaints/{id}/form.pdf`
pub async fn form<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    // The API's documents stay in the reference language.
    Ok(form_pdf(&state, &user, &id, klacht_i18n::Tr::default()).await?)
}

/// `GET /complaints/{id}/offer-letter.pdf`
pub async fn offer_letter<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    Ok(offer_pdf(&state, &user, &id).await?)
}
