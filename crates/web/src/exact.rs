//! Downloads of the registrations waiting for Exact, from the page
//! Uitgaande berichten: for an installation without a connector the
//! quality manager imports these files into Exact by hand. Downloading
//! changes nothing (`klacht exact export --mark-sent` marks them).

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use klacht_exact::export::{self, ExportError};
use klacht_store::{Store, StoreError};

use crate::session::Ctx;
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/berichten/exact.csv", get(csv::<S>))
        .route("/berichten/exact.json", get(json::<S>))
}

async fn pending<S: Store>(
    state: &AppState<S>,
    ctx: &Ctx,
) -> Result<Vec<export::Pending>, WebError> {
    if !klacht_app::outbox::may_manage(&ctx.user) {
        return Err(WebError::Forbidden(
            "De registraties voor Exact zijn er voor de kwaliteitsmanager.".into(),
        ));
    }
    export::pending(&state.store, None)
        .await
        .map_err(export_error)
}

fn export_error(e: ExportError) -> WebError {
    match e {
        ExportError::Store(e) => e.into(),
        ExportError::Csv(m) => StoreError::Corrupt(m).into(),
    }
}

fn download(content_type: &'static str, file_name: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static(file_name),
            ),
        ],
        body,
    )
        .into_response()
}

#[tracing::instrument(skip_all)]
async fn csv<S: Store>(State(state): State<AppState<S>>, ctx: Ctx) -> Result<Response, WebError> {
    let items = pending(&state, &ctx).await?;
    let body = export::to_csv(&items).map_err(export_error)?;
    Ok(download(
        "text/csv; charset=utf-8",
        "attachment; filename=\"exact-registraties.csv\"",
        body,
    ))
}

#[tracing::instrument(skip_all)]
async fn json<S: Store>(State(state): State<AppState<S>>, ctx: Ctx) -> Result<Response, WebError> {
    let items = pending(&state, &ctx).await?;
    Ok(download(
        "application/json",
        "attachment; filename=\"exact-registraties.json\"",
        export::to_json(&items).into_bytes(),
    ))
}
