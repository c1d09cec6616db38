//! Liveness and readiness for load balancers and orchestration.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use klacht_store::Store;
use serde_json::json;

use crate::AppState;

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz::<S>))
}

/// The process answers; says nothing about its dependencies.
async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers.
#[tracing::instrument(skip_all)]
async fn readyz<S: Store>(
    State(state): State<AppState<S>>,
) -> (StatusCode, Json<serde_json::Value>) {
    match state.store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({"status": "ready", "database": state.store.backend()})),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable", "database": state.store.backend()})),
            )
        }
    }
}
