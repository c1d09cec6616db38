//! `POST /klachten/{id}/bijlagen`: "Bijlage toevoegen" on the complaint
//! page (issue 15 §7), for those who may act on the complaint. The files
//! pass the checks every way in shares; they and the timeline's
//! "Bijlage toegevoegd" (who, when) are stored in one transaction. A
//! refusal shows the page again with the message at the form; the files
//! must be chosen again, and the message says so.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use klacht_app::complaints::ServiceError;
use klacht_app::files::{self, AddFilesError};
use klacht_app::public::attachments::{FileRefusal, Upload};
use klacht_domain::{ComplaintId, User};
use klacht_store::Store;
use serde::Deserialize;

use super::detail::{self, Failure};
use super::{ctx_of, load_visible, resolve};
use crate::session::redirect_with_flash;
use crate::uploads::StaffUpload;
use crate::{AppState, WebError};
use klacht_i18n::Tr;

/// The form's key on the detail page.
const FORM: &str = "bijlage";

/// The form has no fields but the files (and the CSRF token).
#[derive(Debug, Default, Deserialize)]
pub(super) struct NoFields {}

/// Adds the files, or says why not: the message shown at the form, and
/// its status (413 too large, 422 refused, 403 not allowed, 409 closed).
async fn attempt<S: Store>(
    state: &AppState<S>,
    id: ComplaintId,
    user: &User,
    uploads: Vec<Upload>,
    t: Tr,
) -> Result<Result<String, (StatusCode, String)>, WebError> {
    let calendar = state.calendar().await?;
    match files::add(&state.change_context(&calendar), id, user, uploads).await {
        Ok((c, added)) => {
            let names: Vec<&str> = added.iter().map(|f| f.file_name.as_str()).collect();
            Ok(Ok(match names.as_slice() {
                [one] => t.t2(
                    "complaint-done-file",
                    "name",
                    *one,
                    "reference",
                    c.reference().to_string(),
                ),
                _ => t.t2(
                    "complaint-done-files",
                    "names",
                    names.join(", "),
                    "reference",
                    c.reference().to_string(),
                ),
            }))
        }
        Err(AddFilesError::Files(e)) => {
            let status = match e {
                FileRefusal::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                FileRefusal::TooMany(_) | FileRefusal::Refused(_) => {
                    StatusCode::UNPROCESSABLE_ENTITY
                }
            };
            Ok(Err((
                status,
                format!(
                    "{} {}",
                    t.refusal(&e.refusal()),
                    t.t("complaint-files-choose-again")
                ),
            )))
        }
        Err(AddFilesError::Service(ServiceError::NotFound)) => Err(WebError::NotFound),
        Err(AddFilesError::Service(e)) => {
            let e = WebError::from(e);
            if e.status().is_server_error() {
                return Err(e);
            }
            Ok(Err((e.status(), e.user_message(t))))
        }
    }
}

#[tracing::instrument(skip_all)]
pub(super) async fn add<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw): Path<String>,
    StaffUpload {
        current,
        uploads,
        broken,
        ..
    }: StaffUpload<NoFields>,
) -> Result<Response, WebError> {
    let id = resolve(&state.store, &raw).await?;
    // Not visible: 404, before anything about the files is said.
    load_visible(&state.store, id, &current.user).await?;
    let t = current.t;
    let outcome = match broken {
        Some(broken) => Err((
            broken.status(),
            format!(
                "{} {}",
                broken.words().say(t),
                t.t("complaint-files-choose-again")
            ),
        )),
        None => attempt(&state, id, &current.user, uploads, t).await?,
    };
    let (status, message) = match outcome {
        Ok(done) => {
            return Ok(redirect_with_flash(
                &format!("/klachten/{id}#attachments"),
                &done,
                state.cookie_secure,
            ));
        }
        Err(refusal) => refusal,
    };
    let (c, history) = load_visible(&state.store, id, &current.user).await?;
    let failure = Failure {
        form: FORM.into(),
        field: Some("bijlagen".into()),
        message,
        values: BTreeMap::new(),
    };
    detail::render(
        &state,
        ctx_of(&state, &current),
        &c,
        &history,
        Some(failure),
        status,
    )
    .await
}
