//! `/metrics`: the figures an operator's Prometheus scrapes. Requests are
//! counted by the access-log middleware ([`crate::access_log`]), job rounds
//! by the jobs; the gauges that need the database are read at scrape time
//! with a few aggregate queries, so a scrape stays cheap and every
//! instance reports the same database figures.
//!
//! The `metrics` recorder is global to the process: it is installed once,
//! the first time an application is built, and kept for the process's
//! life. Without `KLACHT_METRICS_TOKEN` the route answers 404, as if it did
//! not exist; with one, only `Authorization: Bearer <token>` gets through.

use std::sync::OnceLock;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use klacht_store::{OutboxKind, OutboxStatus, Store};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use secrecy::ExposeSecret;

use crate::{AppState, WebError};

/// Buckets of the duration histograms, in seconds: from a cached page to a
/// slow PDF, and job rounds up to a minute.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// The process's recorder, installed on first use.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), BUCKETS)
            // A suffix matcher with fixed buckets cannot fail; were it to,
            // the metric would render as a summary instead.
            .unwrap_or_else(|_| PrometheusBuilder::new())
            .build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder was installed first; /metrics stays empty");
        }
        // Histograms collect samples until upkeep folds them in; a scrape
        // does that too, but without a scraper memory would grow.
        let upkeep = handle.clone();
        let _ = std::thread::Builder::new()
            .name("metrics-upkeep".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(Duration::from_secs(5));
                    upkeep.run_upkeep();
                }
            });
        handle
    })
}

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new().route("/metrics", get(scrape::<S>))
}

async fn scrape<S: Store>(State(state): State<AppState<S>>, headers: HeaderMap) -> Response {
    let Some(token) = &state.metrics_token else {
        return WebError::NotFound.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or("");
    if !crate::session::same_secret(given, token.expose_secret()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer realm=\"klacht metrics\"")],
            "Een geldig token is nodig (Authorization: Bearer …).\n",
        )
            .into_response();
    }
    if let Err(e) = refresh_gauges(&state).await {
        // The request figures are still worth having; the gauges keep
        // their previous values and the failure shows as a gauge too.
        tracing::warn!(error = %e, "metrics: database figures not refreshed");
        metrics::gauge!("klacht_metrics_database_up").set(0.0);
    } else {
        metrics::gauge!("klacht_metrics_database_up").set(1.0);
    }
    let handle = handle();
    handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// The gauges read from the database: outbox depth and age, open
/// complaints per state of their next term, connection pools.
async fn refresh_gauges<S: Store>(state: &AppState<S>) -> Result<(), klacht_store::StoreError> {
    for pool in state.store.pool_use() {
        metrics::gauge!("klacht_db_pool_connections", "pool" => pool.pool)
            .set(f64::from(pool.size));
        metrics::gauge!("klacht_db_pool_idle_connections", "pool" => pool.pool)
            .set(f64::from(pool.idle));
        metrics::gauge!("klacht_db_pool_max_connections", "pool" => pool.pool)
            .set(f64::from(pool.max));
    }

    let now = state.now();
    let depth = state.store.outbox_depth().await?;
    for kind in OutboxKind::ALL {
        for status in [OutboxStatus::Pending, OutboxStatus::Failed] {
            let row = depth.iter().find(|d| d.kind == kind && d.status == status);
            // Every series is written, zero included: a series that
            // vanished would keep its last value in Prometheus' eyes.
            let count = row.map_or(0, |d| d.count);
            metrics::gauge!("klacht_outbox_messages", "kind" => kind.as_str(), "status" => status.as_str())
                .set(count as f64);
            let age = row.and_then(|d| d.oldest).map_or(0.0, |oldest| {
                now.duration_since(oldest).as_secs_f64().max(0.0)
            });
            metrics::gauge!("klacht_outbox_oldest_age_seconds", "kind" => kind.as_str(), "status" => status.as_str())
                .set(age);
        }
    }

    let today = now
        .to_zoned(state.config_calendar.time_zone().clone())
        .date();
    for (term, count) in state.store.open_by_next_term(today).await? {
        metrics::gauge!("klacht_open_complaints", "next_term" => term.as_str()).set(count as f64);
    }
    Ok(())
}
