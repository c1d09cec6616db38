//! API errors as `application/problem+json` (RFC 9457).
//!
//! Every status of the application comes from [`WebError::status`] and every
//! message from [`WebError::user_message`], so the API and the pages cannot
//! disagree; 5xx details go to the log only. The few statuses the HTTP layer
//! decides itself (a body that is no JSON, a wrong media type, a method the
//! route does not serve) keep the status axum chose.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klacht_app::auth::AuthError;
use klacht_app::complaints::ServiceError;
use klacht_domain::complaint::ComplaintError;
use klacht_store::StoreError;
use serde::Serialize;

use crate::WebError;

/// The media type of every error answer.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One rejected field of a request, for 422 answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Where in the body or query: `complainant.name`, `involved_employees[1]`.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug)]
pub enum ApiError {
    /// What the pages know too; the status is [`WebError::status`]. `fields`
    /// says which inputs were wrong, where that is known.
    Web {
        error: WebError,
        fields: Vec<FieldError>,
    },
    /// No or no valid bearer token (401 with `WWW-Authenticate`).
    Unauthenticated { token_given: bool },
    /// Refused by the HTTP layer before the application saw the request:
    /// malformed JSON (400), too large (413), not JSON (415), a method the
    /// route does not serve (405).
    Http { status: StatusCode, detail: String },
}

/// The body of every error answer.
#[derive(Debug, Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: &'a str,
    /// A stable, machine-readable name of the problem (extension member).
    code: &'static str,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
}

impl ApiError {
    /// A 422 naming the fields that were wrong.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        let detail = match fields.as_slice() {
            [one] => one.message.clone(),
            _ => "De invoer is niet in orde; zie de velden.".to_owned(),
        };
        ApiError::Web {
            error: WebError::Invalid(detail),
            fields,
        }
    }

    /// A 422 for one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::fields(vec![FieldError::new(field, message)])
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        WebError::Forbidden(message.into()).into()
    }

    pub fn not_found() -> Self {
        WebError::NotFound.into()
    }

    /// Attaches a domain refusal of the input to the field it concerns,
    /// for endpoints whose body names one thing (a person, a step).
    pub fn on_field(self, field: &str) -> Self {
        match self {
            ApiError::Web { error, fields } if fields.is_empty() => {
                let fields = if error.status() == StatusCode::UNPROCESSABLE_ENTITY {
                    vec![FieldError::new(field, error.user_message())]
                } else {
                    fields
                };
                ApiError::Web { error, fields }
            }
            other => other,
        }
    }

    /// The same problem with its fields named under `part` of the body
    /// (`summary` → `contact.summary`), for bodies made of parts.
    pub fn under(self, part: &str) -> Self {
        match self {
            ApiError::Web { error, fields } => ApiError::Web {
                error,
                fields: fields
                    .into_iter()
                    .map(|f| FieldError::new(format!("{part}.{}", f.field), f.message))
                    .collect(),
            },
            other => other,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Web { error, .. } => error.status(),
            ApiError::Unauthenticated { .. } => WebError::SignInRequired {
                back: String::new(),
            }
            .status(),
            ApiError::Http { status, .. } => *status,
        }
    }

    fn code(&self) -> &'static str {
        let conflict = |e: &StoreError| matches!(e, StoreError::Conflict { .. });
        match self {
            ApiError::Unauthenticated { .. } => "unauthenticated",
            ApiError::Http { status, .. } => match status.as_u16() {
                405 => "method_not_allowed",
                413 => "payload_too_large",
                415 => "unsupported_media_type",
                422 => "invalid",
                _ => "bad_request",
            },
            ApiError::Web { error, .. } => match (error.status().as_u16(), error) {
                (409, WebError::Store(e)) if conflict(e) => "edit_conflict",
                (409, WebError::Service(ServiceError::Store(e))) if conflict(e) => "edit_conflict",
                (409, _) => "wrong_state",
                (403, _) => "forbidden",
                (404, _) => "not_found",
                (422, _) => "invalid",
                (503, _) => "unavailable",
                (s, _) if s >= 500 => "server_error",
                _ => "bad_request",
            },
        }
    }
}

/// The Dutch title of a status, as the error pages use it.
fn title(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Ongeldig verzoek",
        401 => "Niet aangemeld",
        403 => "Geen toegang",
        404 => "Niet gevonden",
        405 => "Methode niet toegestaan",
        409 => "Niet mogelijk",
        413 => "Verzoek te groot",
        415 => "Verkeerd mediatype",
        422 => "Controleer de invoer",
        503 => "Tijdelijk niet beschikbaar",
        _ => "Er ging iets mis",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let code = self.code();
        let (detail, fields) = match &self {
            // Logs the chain of a 5xx and hands out the clean message.
            ApiError::Web { error, fields } => (error.user_message(), fields.as_slice()),
            ApiError::Unauthenticated { token_given: false } => (
                "Stuur een API-token mee: Authorization: Bearer <token>.".to_owned(),
                &[][..],
            ),
            ApiError::Unauthenticated { token_given: true } => (
                "Het API-token is ongeldig of ingetrokken.".to_owned(),
                &[][..],
            ),
            ApiError::Http { detail, .. } => (detail.clone(), &[][..]),
        };
        let problem = Problem {
            kind: "about:blank",
            title: title(status),
            status: status.as_u16(),
            detail: &detail,
            code,
            errors: fields,
        };
        let body = serde_json::to_vec(&problem).unwrap_or_else(|_| b"{}".to_vec());
        let mut response = (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            body,
        )
            .into_response();
        if let ApiError::Unauthenticated { token_given } = self {
            let challenge = if token_given {
                "Bearer realm=\"klacht\", error=\"invalid_token\""
            } else {
                "Bearer realm=\"klacht\""
            };
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        response
    }
}

impl From<WebError> for ApiError {
    fn from(error: WebError) -> Self {
        ApiError::Web {
            error,
            fields: Vec::new(),
        }
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        // The domain's verdict on one field names that field.
        let fields = match &e {
            ServiceError::Refused(refusal @ ComplaintError::Invalid { field: Some(f), .. }) => {
                vec![FieldError::new(
                    super::dto::field_name(*f),
                    refusal.message(),
                )]
            }
            _ => Vec::new(),
        };
        ApiError::Web {
            error: WebError::from(e),
            fields,
        }
    }
}

impl From<ComplaintError> for ApiError {
    fn from(e: ComplaintError) -> Self {
        WebError::from(ServiceError::from(e)).into()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        WebError::from(e).into()
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        WebError::from(e).into()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        let detail = match &rejection {
            JsonRejection::MissingJsonContentType(_) => {
                "Stuur de body als JSON, met Content-Type: application/json.".to_owned()
            }
            JsonRejection::JsonSyntaxError(e) => {
                format!("De body is geen geldige JSON: {}", serde_source(e))
            }
            JsonRejection::JsonDataError(e) => {
                format!(
                    "De body past niet bij het verwachte formaat: {}",
                    serde_source(e)
                )
            }
            JsonRejection::BytesRejection(_) if status == StatusCode::PAYLOAD_TOO_LARGE => {
                "De body is te groot.".to_owned()
            }
            other => format!("De body kon niet worden gelezen: {}", other.body_text()),
        };
        ApiError::Http { status, detail }
    }
}

/// The innermost message of a rejection: serde's own words, without
/// axum's English preamble.
fn serde_source(e: &dyn std::error::Error) -> String {
    let mut last = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        last = s.to_string();
        source = s.source();
    }
    last
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::Http {
            status: StatusCode::BAD_REQUEST,
            detail: format!(
                "De zoekparameters kloppen niet: {}",
                serde_source(&rejection)
            ),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        // A path that does not parse names nothing that exists.
        ApiError::not_found()
    }
}

/// The API's answer to a path it does not serve.
pub async fn not_found() -> ApiError {
    ApiError::not_found()
}

/// The API's answer to a method a route does not serve.
pub async fn method_not_allowed() -> ApiError {
    ApiError::Http {
        status: StatusCode::METHOD_NOT_ALLOWED,
        detail: "Deze methode is hier niet mogelijk.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(e: ApiError) -> (StatusCode, serde_json::Value) {
        let r = e.into_response();
        let status = r.status();
        assert_eq!(r.headers()[header::CONTENT_TYPE], PROBLEM_JSON);
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 16)
            .await
            .expect("body");
        (status, serde_json::from_slice(&bytes).expect("json"))
    }

    #[tokio::test]
    async fn statuses_come_from_the_one_web_mapping() {
        let cases: Vec<(ApiError, u16, &str)> = vec![
            (
                ComplaintError::NotAllowed("nee".into()).into(),
                403,
                "forbidden",
            ),
            (ComplaintError::invalid("fout").into(), 422, "invalid"),
            (
                ComplaintError::WrongState("later".into()).into(),
                409,
                "wrong_state",
            ),
            (
                ServiceError::Store(StoreError::Conflict { expected: 3 }).into(),
                409,
                "edit_conflict",
            ),
            (ServiceError::NotFound.into(), 404, "not_found"),
        ];
        for (e, status, code) in cases {
            let (s, json) = body(e).await;
            assert_eq!(s.as_u16(), status);
            assert_eq!(json["status"], status);
            assert_eq!(json["code"], code);
            assert_eq!(json["type"], "about:blank");
            assert!(json["title"].is_string() && json["detail"].is_string());
        }
    }

    #[tokio::test]
    async fn server_errors_keep_their_details_in_the_log() {
        let e: ApiError = StoreError::Corrupt("geheim detail".into()).into();
        let (status, json) = body(e).await;
        assert_eq!(status, 500);
        assert_eq!(json["detail"], crate::error::SERVER_ERROR_MESSAGE);
        assert!(!json.to_string().contains("geheim"));
    }

    #[tokio::test]
    async fn domain_refusals_can_name_their_field() {
        let e = ApiError::from(ComplaintError::invalid("betrokken")).on_field("handler");
        let (_, json) = body(e).await;
        assert_eq!(json["errors"][0]["field"], "handler");
        assert_eq!(json["errors"][0]["message"], "betrokken");
        let e = ApiError::from(ComplaintError::NotAllowed("nee".into())).on_field("handler");
        let (status, json) = body(e).await;
        assert_eq!(status, 403);
        assert!(json.get("errors").is_none());
    }
}
