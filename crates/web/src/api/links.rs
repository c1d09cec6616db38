//! `POST /complaints/{id}/links` and `DELETE /complaints/{id}/links/{other_id}`
//! (issue 16): link two related complaints both ways, and unlink them.
//! Answers the complaint named in the path, with its `related` list.

use axum::extract::State;
use axum::response::Response;
use klacht_app::links;
use klacht_domain::complaint::LinkReason;
use klacht_domain::{ComplaintId, ReferenceNumber};
use klacht_store::Store;
use serde::Deserialize;

use super::auth::ApiUser;
use super::complaints::{deny_admin, render, resolve};
use super::dto::Check;
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath};
use crate::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkBody {
    /// The other complaint's reference number, `K-2026-0042`.
    reference: Option<String>,
    /// `same_complainant`, `same_incident` or `other`.
    reason: Option<String>,
    note: Option<String>,
}

impl super::extract::JsonBody for LinkBody {}

/// `POST /complaints/{id}/links`
pub async fn link<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath(raw): ApiPath<String>,
    ApiJson(b): ApiJson<LinkBody>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    let id = resolve(&state.store, &raw).await?;
    let mut c = Check::default();
    let reference = c.parse::<ReferenceNumber>("reference", b.reference);
    let reason = c.parse::<LinkReason>("reason", b.reason);
    let (Some(reference), Some(reason)) = (reference, reason) else {
        return Err(c.incomplete());
    };
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    links::link(&cx, id, &user, reference, reason, b.note)
        .await
        .map_err(|e| {
            // The domain refuses the input for the note (too long) or for
            // the other complaint (itself, unknown, out of sight).
            let field = match &e {
                klacht_app::complaints::ServiceError::Refused(r)
                    if r.refusal().arg("what")
                        == Some(&klacht_domain::refusal::Arg::Phrase(Box::new(
                            klacht_domain::RefusalCode::SubjectNote.into(),
                        ))) =>
                {
                    "note"
                }
                _ => "reference",
            };
            ApiError::from(e).on_field(field)
        })?;
    render(&state, &calendar, &user, id).await
}

/// `DELETE /complaints/{id}/links/{other_id}`
pub async fn unlink<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath((raw, other)): ApiPath<(String, String)>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    let id = resolve(&state.store, &raw).await?;
    let other: ComplaintId = other.parse().map_err(|_| ApiError::not_found())?;
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    links::unlink(&cx, id, &user, other).await?;
    render(&state, &calendar, &user, id).await
}
