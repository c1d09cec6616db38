//! Files of a complaint through the API (issue 15 §7): `multipart/form-data`
//! with file parts named `files`, checked as every other way in
//! ([`klacht_app::public::attachments`]). Listing and downloading is for
//! whoever may see the complaint, adding for whoever may act on it.
//!
//! Refusals are problems: 413 a file (or the body) too large, 415 a type
//! that is not taken (by its content, whatever the part claims), 422 too
//! many files or none.

use crate::error::Words;
use axum::Json;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use klacht_app::complaints;
use klacht_app::files::{self, AddFilesError};
use klacht_app::public::attachments::{FileRefusal, Upload};
use klacht_domain::ComplaintId;
use klacht_domain::permissions::can_view;
use klacht_store::{AttachmentInfo, Store};
use serde::Serialize;

use super::auth::ApiUser;
use super::complaints::{deny_admin, resolve};
use super::error::ApiError;
use super::extract::ApiPath;
use crate::AppState;
use crate::uploads::{self, Broken};

/// The multipart part that carries files.
pub(super) const FILE_PART: &str = "files";

/// One stored file.
#[derive(Debug, Serialize)]
pub struct AttachmentView {
    id: String,
    file_name: String,
    /// As recognised by the content when it was received.
    content_type: String,
    size_bytes: u64,
    sha256: String,
    created_at: Timestamp,
    /// Where to download it (same token).
    href: String,
}

impl AttachmentView {
    fn of(a: &AttachmentInfo) -> Self {
        Self {
            id: a.id.to_string(),
            href: format!(
                "{}/complaints/{}/attachments/{}",
                super::PREFIX,
                a.complaint_id,
                a.id
            ),
            file_name: a.file_name.clone(),
            content_type: a.content_type.clone(),
            size_bytes: a.size_bytes,
            sha256: a.sha256.clone(),
            created_at: a.created_at,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct AttachmentList {
    attachments: Vec<AttachmentView>,
}

/// Whether the request says it is `multipart/form-data`.
pub(super) fn is_multipart(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

/// A body that broke off, as a problem.
fn broken_problem(broken: Broken) -> ApiError {
    ApiError::Http {
        status: broken.status(),
        detail: match broken {
            Broken::TooLarge => broken.words(),
            Broken::Unreadable => Words::key("api-multipart-unreadable"),
        },
    }
}

/// A refusal of the checks, as a problem in the client's language.
pub(super) fn file_problem(e: FileRefusal) -> ApiError {
    let detail = Words::Refusal(e.refusal());
    match e {
        FileRefusal::TooMany(_) => ApiError::field_said(FILE_PART, detail),
        FileRefusal::TooLarge(_) => ApiError::Http {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            detail,
        },
        FileRefusal::Refused(_) => ApiError::Http {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            detail,
        },
    }
}

/// Reads a multipart body: its text parts and its files. Not multipart at
/// all: 415.
pub(super) async fn read_multipart<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<uploads::Received, ApiError> {
    if !is_multipart(&req) {
        return Err(ApiError::Http {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            detail: Words::key("api-multipart-required"),
        });
    }
    let multipart = Multipart::from_request(req, state)
        .await
        .map_err(|_| broken_problem(Broken::Unreadable))?;
    let received = uploads::read(multipart, FILE_PART).await;
    if let Some(broken) = received.broken {
        return Err(broken_problem(broken));
    }
    Ok(received)
}

/// The complaint, when `user` may see it; 404 otherwise.
async fn visible<S: Store>(
    state: &AppState<S>,
    user: &klacht_domain::User,
    raw: &str,
) -> Result<ComplaintId, ApiError> {
    let id = resolve(&state.store, raw).await?;
    let c = complaints::load(&state.store, id).await?;
    if !can_view(user, &c) {
        return Err(ApiError::not_found());
    }
    Ok(id)
}

async fn list_of<S: Store>(store: &S, id: ComplaintId) -> Result<AttachmentList, ApiError> {
    Ok(AttachmentList {
        attachments: store
            .attachments_of(id)
            .await?
            .iter()
            .map(AttachmentView::of)
            .collect(),
    })
}

/// `GET /complaints/{id}/attachments`
pub async fn list<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    let id = visible(&state, &user, &id).await?;
    Ok(Json(list_of(&state.store, id).await?).into_response())
}

/// `GET /complaints/{id}/attachments/{attachment_id}`: the bytes, typed
/// as recognised when received.
pub async fn download<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath((id, attachment)): ApiPath<(String, String)>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    let id = visible(&state, &user, &id).await?;
    let attachment = uuid::Uuid::parse_str(&attachment).map_err(|_| ApiError::not_found())?;
    let file = state
        .store
        .attachment(id, attachment)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(crate::public::staff::file_response(file))
}

/// `POST /complaints/{id}/attachments` (multipart, parts `files`): 201
/// with the files added.
pub async fn add<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<String>,
    req: Request,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    // Not visible: 404 before the body is read.
    let id = visible(&state, &user, &id).await?;
    let received = read_multipart(req, &state).await?;
    let uploads: Vec<Upload> = received.uploads;
    if uploads.is_empty() {
        return Err(ApiError::field_said(
            FILE_PART,
            Words::key("api-files-required"),
        ));
    }
    let calendar = state.calendar().await?;
    let (c, added) = files::add(&state.change_context(&calendar), id, &user, uploads).await?;
    let ids: Vec<uuid::Uuid> = added.iter().map(|a| a.id).collect();
    let mut list = list_of(&state.store, c.id()).await?;
    list.attachments
        .retain(|a| ids.iter().any(|id| id.to_string() == a.id));
    let location = format!("{}/complaints/{}/attachments", super::PREFIX, c.id());
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(list),
    )
        .into_response())
}

impl From<AddFilesError> for ApiError {
    fn from(e: AddFilesError) -> Self {
        match e {
            AddFilesError::Files(e) => file_problem(e),
            AddFilesError::Service(e) => ApiError::from(e),
        }
    }
}
