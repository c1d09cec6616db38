//! Extractors whose rejections are problems, never axum's plain text.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::{ApiError, FieldError};

/// A JSON object as body. Not JSON: 415; broken JSON: 400; JSON of the
/// wrong shape: 422 naming the field. An empty body counts as `{}` where
/// the operation's body is optional ([`JsonBody::OPTIONAL`]: actions without
/// input such as `/form-sent`), and is a 400 where the document requires one.
pub struct ApiJson<T>(pub T);

/// A request body of the API. `OPTIONAL` mirrors the OpenAPI document's
/// `requestBody.required: false`: only then may a client send no body.
/// Without this, an operation whose fields are all optional (the
/// classification) would take a missing body as "clear everything".
pub trait JsonBody: DeserializeOwned {
    const OPTIONAL: bool = false;
}

fn is_json(req: &Request) -> bool {
    let Some(value) = req.headers().get(header::CONTENT_TYPE) else {
        return false;
    };
    let Ok(value) = value.to_str() else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<S: Send + Sync, T: JsonBody> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = is_json(&req);
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            ApiError::from(axum::extract::rejection::JsonRejection::BytesRejection(e))
        })?;
        if !json && !bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(
                axum::extract::rejection::JsonRejection::MissingJsonContentType(Default::default())
                    .into(),
            );
        }
        if !T::OPTIONAL && bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::field_said(
                "body",
                crate::error::Words::key("api-body-missing"),
            ));
        }
        from_json_bytes(&bytes).map(ApiJson)
    }
}

/// A JSON object out of `bytes`, as [`ApiJson`] reads a body (also the
/// JSON part of a multipart body): empty is `{}`, broken JSON 400, the
/// wrong shape 422 naming the field.
pub(super) fn from_json_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value = if bytes.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Object(serde_json::Map::new())
    } else {
        let Json(value) = Json::<serde_json::Value>::from_bytes(bytes)?;
        value
    };
    if !value.is_object() {
        return Err(ApiError::field_said(
            "body",
            crate::error::Words::key("api-body-not-object"),
        ));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        ApiError::fields(vec![FieldError::new(field, e.into_inner().to_string())])
    })
}

/// Query parameters; unknown or malformed ones are a 400 problem.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(q) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(ApiQuery(q))
    }
}

/// Path parameters; one that does not parse names nothing: 404.
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(p) = Path::<T>::from_request_parts(parts, state).await?;
        Ok(ApiPath(p))
    }
}
