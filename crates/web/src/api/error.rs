//! API errors as `application/problem+json` (RFC 9457).
//!
//! Every status of the application comes from [`WebError::status`] and every
//! message from [`WebError::words`], so the API and the pages cannot
//! disagree; 5xx details go to the log only. Titles and details are Dutch,
//! or English for a client whose `Accept-Language` asks for it (see
//! `error_page::layer`). The few statuses the HTTP layer
//! decides itself (a body that is no JSON, a wrong media type, a method the
//! route does not serve) keep the status axum chose.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klacht_app::auth::AuthError;
use klacht_app::complaints::ServiceError;
use klacht_domain::complaint::ComplaintError;
use klacht_i18n::{Language, Tr};
use klacht_store::StoreError;
use serde::Serialize;

use crate::WebError;
use crate::error::Words;

/// The media type of every error answer.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One rejected field of a request, for 422 answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Where in the body or query: `complainant.name`, `involved_employees[1]`.
    pub field: String,
    /// In the client's language (Dutch until [`ProblemWords::render`]
    /// knows it).
    pub message: String,
    #[serde(skip)]
    words: Words,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::said(field, Words::Text(message.into()))
    }

    /// A field's message in any language.
    pub fn said(field: impl Into<String>, words: Words) -> Self {
        Self {
            field: field.into(),
            message: words.say(Tr::default()),
            words,
        }
    }

    fn in_language(&self, t: Tr) -> Self {
        Self {
            field: self.field.clone(),
            message: self.words.say(t),
            words: self.words.clone(),
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
    /// A 422 naming the fields that were wrong.
    Fields(Vec<FieldError>),
    /// No or no valid bearer token (401 with `WWW-Authenticate`).
    Unauthenticated { token_given: bool },
    /// Refused by the HTTP layer before the application saw the request:
    /// malformed JSON (400), too large (413), not JSON (415), a method the
    /// route does not serve (405).
    Http { status: StatusCode, detail: Words },
}

/// The body of every error answer.
#[derive(Debug, Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    /// A stable, machine-readable name of the problem (extension member).
    code: &'static str,
    #[serde(skip_serializing_if = "<[FieldError]>::is_empty")]
    errors: &'a [FieldError],
}

/// A problem in words of any language, kept on the response so that
/// `error_page::layer`, which reads the client's `Accept-Language`, can
/// answer in the language asked for.
#[derive(Debug, Clone)]
pub(crate) struct ProblemWords {
    status: StatusCode,
    code: &'static str,
    detail: Words,
    fields: Vec<FieldError>,
}

impl ProblemWords {
    /// The problem as `application/problem+json` in `t`'s language.
    pub(crate) fn render(&self, t: Tr) -> Vec<u8> {
        let fields: Vec<FieldError> = self.fields.iter().map(|f| f.in_language(t)).collect();
        let problem = Problem {
            kind: "about:blank",
            title: &t.t(title_key(self.status)),
            status: self.status.as_u16(),
            detail: &self.detail.say(t),
            code: self.code,
            errors: &fields,
        };
        serde_json::to_vec(&problem).unwrap_or_else(|_| b"{}".to_vec())
    }
}

impl ApiError {
    /// A 422 naming the fields that were wrong.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        ApiError::Fields(fields)
    }

    /// A 422 for one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::fields(vec![FieldError::new(field, message)])
    }

    /// A 422 for one field, in any language.
    pub fn field_said(field: impl Into<String>, words: Words) -> Self {
        Self::fields(vec![FieldError::said(field, words)])
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
                    vec![FieldError::said(field, error.words())]
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
        let prefixed = |fields: Vec<FieldError>| -> Vec<FieldError> {
            fields
                .into_iter()
                .map(|f| FieldError::said(format!("{part}.{}", f.field), f.words))
                .collect()
        };
        match self {
            ApiError::Web { error, fields } => ApiError::Web {
                error,
                fields: prefixed(fields),
            },
            ApiError::Fields(fields) => ApiError::Fields(prefixed(fields)),
            other => other,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Web { error, .. } => error.status(),
            ApiError::Fields(_) => StatusCode::UNPROCESSABLE_ENTITY,
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
            ApiError::Fields(_) => "invalid",
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

    /// What the problem says, in words of any language. Logs the chain
    /// of a 5xx and hands out the clean message.
    fn words(self) -> ProblemWords {
        let status = self.status();
        let code = self.code();
        let (detail, fields) = match self {
            ApiError::Web { error, fields } => (error.words(), fields),
            ApiError::Fields(fields) => {
                let detail = match fields.as_slice() {
                    [one] => one.words.clone(),
                    _ => Words::key("api-invalid-fields"),
                };
                (detail, fields)
            }
            ApiError::Unauthenticated { token_given: false } => {
                (Words::key("api-token-missing"), Vec::new())
            }
            ApiError::Unauthenticated { token_given: true } => {
                (Words::key("api-token-invalid"), Vec::new())
            }
            ApiError::Http { detail, .. } => (detail, Vec::new()),
        };
        ProblemWords {
            status,
            code,
            detail,
            fields,
        }
    }
}

/// The key of a status's title, as the error pages name it.
fn title_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "api-title-bad-request",
        401 => "api-title-unauthenticated",
        403 => "api-title-forbidden",
        404 => "api-title-not-found",
        405 => "api-title-method",
        409 => "api-title-not-possible",
        413 => "api-title-too-large",
        415 => "api-title-media-type",
        422 => "api-title-invalid",
        503 => "api-title-unavailable",
        _ => "api-title-failed",
    }
}

/// The language of a problem: English for a client that asks for it,
/// Dutch otherwise.
pub fn api_language(headers: &axum::http::HeaderMap) -> Language {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Language::negotiate)
        .unwrap_or_default()
}

/// The answer for `words` in `language`, keeping `original`'s headers.
pub(crate) fn problem_in(
    original: &Response,
    words: &ProblemWords,
    language: Language,
) -> Response {
    let mut response = (words.status, words.render(Tr::new(language))).into_response();
    for (name, value) in original.headers() {
        if name != header::CONTENT_LENGTH {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response.extensions_mut().insert(words.clone());
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let challenge = match &self {
            ApiError::Unauthenticated { token_given: true } => {
                Some("Bearer realm=\"klacht\", error=\"invalid_token\"")
            }
            ApiError::Unauthenticated { token_given: false } => Some("Bearer realm=\"klacht\""),
            _ => None,
        };
        let words = self.words();
        let mut response = (
            words.status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            words.render(Tr::default()),
        )
            .into_response();
        if let Some(challenge) = challenge {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        response.extensions_mut().insert(words);
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
            ServiceError::Refused(refused @ ComplaintError::Invalid { field: Some(f), .. }) => {
                vec![FieldError::said(
                    super::dto::field_name(*f),
                    Words::Refusal(refused.refusal().clone()),
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
            JsonRejection::MissingJsonContentType(_) => Words::key("api-json-content-type"),
            JsonRejection::JsonSyntaxError(e) => {
                Words::key1("api-json-syntax", "reason", serde_source(e))
            }
            JsonRejection::JsonDataError(e) => {
                Words::key1("api-json-shape", "reason", serde_source(e))
            }
            JsonRejection::BytesRejection(_) if status == StatusCode::PAYLOAD_TOO_LARGE => {
                Words::key("api-body-too-large")
            }
            other => Words::key1("api-body-unreadable", "reason", other.body_text()),
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
            detail: Words::key1("api-query", "reason", serde_source(&rejection)),
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
        detail: Words::key("api-method"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use klacht_domain::RefusalCode as Code;

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
                ComplaintError::not_allowed(Code::ManagerOwnTeam).into(),
                403,
                "forbidden",
            ),
            (
                ComplaintError::invalid(Code::ZeroValue).into(),
                422,
                "invalid",
            ),
            (
                ComplaintError::wrong_state(Code::NoOfferYet).into(),
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
        assert_eq!(json["detail"], Tr::default().t("error-server"));
        assert!(!json.to_string().contains("geheim"));
    }

    #[tokio::test]
    async fn domain_refusals_can_name_their_field() {
        let e = ApiError::from(ComplaintError::invalid(Code::HandlerInvolved)).on_field("handler");
        let (_, json) = body(e).await;
        assert_eq!(json["errors"][0]["field"], "handler");
        assert_eq!(
            json["errors"][0]["message"],
            "De afhandelaar mag niet betrokken zijn bij de dienst waarover geklaagd wordt."
        );
        let e =
            ApiError::from(ComplaintError::not_allowed(Code::ManagerOwnTeam)).on_field("handler");
        let (status, json) = body(e).await;
        assert_eq!(status, 403);
        assert!(json.get("errors").is_none());
    }
}
