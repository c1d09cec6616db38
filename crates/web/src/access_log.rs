//! One access-log line and the request metrics per request, and the log
//! subscriber of the `klacht` binary (text or JSON, `KLACHT_LOG_FORMAT`).
//!
//! The line names the route template (`/klachten/{id}`), never the path
//! itself, and no query string: paths and queries carry ids, tracking codes
//! and calendar secrets, and the log must hold no personal data. The
//! request id comes from a proxy's `X-Request-Id` when it looks like one,
//! else it is made here; it is sent back in the response and every log
//! line written while the request runs carries it (span `request`).

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use klacht_app::config::LogFormat;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The route label of a request no route matched (404s of scanners would
/// otherwise make a label per probed path).
pub const UNMATCHED: &str = "unmatched";

/// The middleware: measures, logs and counts one request.
pub async fn layer(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_owned();
    let request_id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_request_id(v))
        .map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_owned);

    let span = tracing::info_span!("request", request_id = %request_id);
    let mut response = next.run(request).instrument(span).await;

    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    tracing::info!(
        target: "klacht_web::access",
        method = %method,
        route = %route,
        status,
        duration_ms = (elapsed.as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
        request_id = %request_id,
        "request"
    );
    let status = status.to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("klacht_http_requests_total", &labels).increment(1);
    metrics::histogram!("klacht_http_request_duration_seconds", &labels)
        .record(elapsed.as_secs_f64());
    response
}

/// A proxy's request id is taken over only when it cannot smuggle
/// anything into a log line: short, letters, digits and `-_.:`.
fn is_request_id(v: &str) -> bool {
    (1..=64).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// The default log filter when `RUST_LOG` is not set.
pub const DEFAULT_FILTER: &str = "klacht=info,klacht_web=info,tower_http=info,warn";

/// The process's log subscriber: human-readable lines or one JSON object
/// per line, to `writer`; colours only when `ansi` (a terminal).
pub fn subscriber<W>(
    format: LogFormat,
    filter: EnvFilter,
    writer: W,
    ansi: bool,
) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(ansi);
    match format {
        LogFormat::Text => Box::new(builder.finish()),
        LogFormat::Json => Box::new(
            builder
                .json()
                // The event's fields at the top level, beside the span's
                // (request_id), for log collectors that do not nest.
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(false)
                .finish(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_request_ids_are_taken_over() {
        assert!(is_request_id("01938a7e-5b0c-7f3e-9d1a-2b3c4d5e6f70"));
        assert!(is_request_id("lb-1234.abc:9"));
        assert!(!is_request_id(""));
        assert!(!is_request_id("a b"));
        assert!(!is_request_id("x\ny"));
        assert!(!is_request_id(&"a".repeat(65)));
    }
}
