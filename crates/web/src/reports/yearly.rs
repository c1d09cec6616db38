//! The yearly complaint report: `/rapportage/jaarverslag?jaar=2026` as a
//! printable HTML page and `/rapportage/jaarverslag.pdf?jaar=2026` as PDF.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use klacht_app::reports::charts::Charts;
use klacht_app::reports::yearly::{YearReport, render_pdf};
use klacht_store::Store;
use serde::Deserialize;

use super::{authorise, parse_year, web_error};
use crate::session::Ctx;
use crate::{AppState, WebError};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct YearQuery {
    pub jaar: String,
}

/// The report as one standalone, printable HTML document. The CLI writes
/// the same page to a file (`klacht report --html`).
#[derive(Template)]
#[template(path = "reports/yearly.html")]
pub struct YearlyPage<'a> {
    pub report: &'a YearReport,
    pub view: &'a klacht_app::reports::view::View,
    pub charts: Charts,
    /// Links back into the application (not in a file written by the CLI).
    pub in_app: bool,
}

/// The yearly report as HTML text.
pub fn render_html(report: &YearReport, in_app: bool) -> Result<String, askama::Error> {
    YearlyPage {
        report,
        view: &report.view,
        charts: Charts::of(&report.stats, ""),
        in_app,
    }
    .render()
}

async fn report<S: Store>(
    state: &AppState<S>,
    q: &YearQuery,
) -> Result<std::sync::Arc<YearReport>, WebError> {
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let year = parse_year(&q.jaar, today).map_err(WebError::Invalid)?;
    state
        .figures
        .year_report(
            &state.store,
            &calendar,
            &state.organisation,
            year,
            today,
            state.patterns.generation(),
        )
        .await
        .map_err(web_error)
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> Result<Html<String>, WebError> {
    authorise(&ctx)?;
    let report = report(&state, &q).await?;
    Ok(Html(render_html(&report, true)?))
}

#[tracing::instrument(skip_all)]
pub(super) async fn pdf<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    authorise(&ctx)?;
    let report = report(&state, &q).await?;
    let year = report.year;
    let bytes = klacht_app::reports::blocking(move || render_pdf(&report))
        .await
        .map_err(web_error)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"jaarverslag-klachten-{year}.pdf\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
