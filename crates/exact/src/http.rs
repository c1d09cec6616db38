//! What both connectors share: the HTTP client, reading answers, and
//! sorting failures into retryable and permanent ones.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

use crate::ExactError;

/// How much of an unparseable answer goes into an error message.
const BODY_EXCERPT: usize = 300;

/// A client builder with klacht's user agent and time-outs.
pub(crate) fn builder(timeout: Duration) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .user_agent(concat!("klacht/", env!("CARGO_PKG_VERSION")))
}

pub(crate) fn build(builder: reqwest::ClientBuilder) -> Result<reqwest::Client, ExactError> {
    builder
        .build()
        .map_err(|e| ExactError::Permanent(format!("HTTP-client niet te maken: {e}")))
}

/// A request that got no (complete) answer. Time-outs and connection
/// failures are worth retrying; whether the receiver acted is unknown,
/// which the idempotency lookup of the next attempt settles.
pub(crate) fn send_error(product: &str, e: &reqwest::Error) -> ExactError {
    if e.is_timeout() {
        ExactError::Retryable(format!("{product} antwoordde niet op tijd (time-out)"))
    } else if e.is_connect() {
        ExactError::Retryable(format!("{product} is niet bereikbaar: {}", root_cause(e)))
    } else if e.is_builder() {
        ExactError::Permanent(format!("ongeldig adres voor {product}: {}", root_cause(e)))
    } else {
        ExactError::Retryable(format!(
            "verbinding met {product} mislukt: {}",
            root_cause(e)
        ))
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// An error answer. 408, 429 and 5xx are passing; other 4xx mean the
/// receiver refused what we sent, and its message is kept for the quality
/// manager.
pub(crate) fn status_error(product: &str, status: StatusCode, body: &str) -> ExactError {
    let detail = error_message(body).unwrap_or_else(|| excerpt(body));
    let text = if detail.is_empty() {
        format!("{product} antwoordde {status}")
    } else {
        format!("{product} antwoordde {status}: {detail}")
    };
    if status.is_server_error()
        || status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::REQUEST_TIMEOUT
    {
        ExactError::Retryable(text)
    } else {
        ExactError::Permanent(text)
    }
}

/// The message of an OData error (`{"error":{"code":"","message":{"lang":
/// "…","value":"…"}}}`, verbose and light JSON alike) or an OAuth2 error
/// (`{"error":"invalid_grant","error_description":"…"}`).
pub(crate) fn error_message(body: &str) -> Option<String> {
    let v: Value = serde_json::from_str(body).ok()?;
    let error = v.get("error").or_else(|| v.get("odata.error"))?;
    let text = match error {
        Value::String(code) => match v.get("error_description").and_then(Value::as_str) {
            Some(d) if !d.is_empty() => format!("{code}: {d}"),
            _ => code.clone(),
        },
        Value::Object(_) => match error.get("message") {
            Some(Value::String(m)) => m.clone(),
            Some(m) => m.get("value").and_then(Value::as_str)?.to_owned(),
            None => error.get("code").and_then(Value::as_str)?.to_owned(),
        },
        _ => return None,
    };
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

fn excerpt(body: &str) -> String {
    let trimmed = body.trim();
    let mut s: String = trimmed.chars().take(BODY_EXCERPT).collect();
    if trimmed.chars().count() > BODY_EXCERPT {
        s.push('…');
    }
    s
}

/// Reads a JSON answer, turning an error status into an [`ExactError`].
pub(crate) async fn read_json(product: &str, resp: reqwest::Response) -> Result<Value, ExactError> {
    let status = resp.status();
    let body = resp.text().await.map_err(|e| send_error(product, &e))?;
    if !status.is_success() {
        return Err(status_error(product, status, &body));
    }
    serde_json::from_str(&body).map_err(|_| {
        ExactError::Retryable(format!(
            "{product} gaf een onleesbaar antwoord ({status}): {}",
            excerpt(&body)
        ))
    })
}

/// A string literal for an OData `$filter`: single quotes doubled.
pub(crate) fn odata_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A scalar of an OData answer as text (ids come as strings or numbers).
pub(crate) fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The rows of an OData collection: `d.results` (verbose JSON, and Exact
/// Online), `d` as an array (OData v1 style) or `value` (light JSON).
pub(crate) fn results(v: &Value) -> Option<&Vec<Value>> {
    v.get("d")
        .and_then(|d| d.get("results").or(Some(d)))
        .and_then(Value::as_array)
        .or_else(|| v.get("value").and_then(Value::as_array))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odata_and_oauth_error_shapes_give_their_message() {
        let verbose = r#"{"error":{"code":"","message":{"lang":"en-US","value":"Field is mandatory: Description"}}}"#;
        assert_eq!(
            error_message(verbose).as_deref(),
            Some("Field is mandatory: Description")
        );
        let online = r#"{"error":{"code":"","message":{"lang":"","value":"Ongeldige divisie"}}}"#;
        assert_eq!(error_message(online).as_deref(), Some("Ongeldige divisie"));
        let oauth = r#"{"error":"invalid_grant","error_description":"Refresh token is expired"}"#;
        assert_eq!(
            error_message(oauth).as_deref(),
            Some("invalid_grant: Refresh token is expired")
        );
        assert_eq!(error_message("<html>IIS</html>"), None);
    }

    #[test]
    fn statuses_are_sorted_into_retryable_and_permanent() {
        let e = status_error("Exact", StatusCode::SERVICE_UNAVAILABLE, "");
        assert!(e.is_retryable());
        assert!(status_error("Exact", StatusCode::TOO_MANY_REQUESTS, "").is_retryable());
        let e = status_error(
            "Exact Online",
            StatusCode::BAD_REQUEST,
            r#"{"error":{"code":"","message":{"lang":"","value":"Account bestaat niet"}}}"#,
        );
        assert_eq!(
            e,
            ExactError::Permanent(
                "Exact Online antwoordde 400 Bad Request: Account bestaat niet".into()
            )
        );
    }

    #[test]
    fn literals_double_their_quotes_and_collections_are_found() {
        assert_eq!(odata_literal("o'brien"), "'o''brien'");
        let v: Value = serde_json::json!({"d": {"results": [{"ID": 1}]}});
        assert_eq!(results(&v).map(Vec::len), Some(1));
        let v: Value = serde_json::json!({"value": []});
        assert_eq!(results(&v).map(Vec::len), Some(0));
        assert_eq!(text(&serde_json::json!(42)).as_deref(), Some("42"));
        assert_eq!(text(&serde_json::json!("")), None);
    }
}
