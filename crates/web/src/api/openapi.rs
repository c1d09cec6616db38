//! The OpenAPI 3.0 document of the API, written by hand beside this file
//! and served as it is at `GET /api/v1/openapi.json` (no token needed).
//! The tests check it against the OpenAPI 3.0 schema and that it describes
//! every route the router serves.

use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;

/// The document, exactly as served.
pub const DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        DOCUMENT,
    )
}
