//! The yearly complaint report: `/rapportage/jaarverslag?jaar=2026` as a
//! printable HTML page and `/rapportage/jaarverslag.pdf?jaar=2026` as PDF.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use klacht_app::reports::charts::Charts;
use klacht_app::reports::yearly::{YearReport, html_notes, render_pdf};
use klacht_i18n::Tr;
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
    /// The report's language.
    pub t: Tr,
    pub report: &'a YearReport,
    pub view: &'a klacht_app::reports::view::View,
    pub charts: Charts,
    /// Links back into the application (not in a file written by the CLI).
    pub in_app: bool,
    pub notes: Vec<String>,
}

/// The yearly report as HTML text, in the report's language.
pub fn render_html(report: &YearReport, in_app: bool) -> Result<String, askama::Error> {
    let t = report.tr();
    YearlyPage {
        t,
        report,
        view: &report.view,
        charts: Charts::of(&report.stats, "", t),
        in_app,
        notes: html_notes(t),
    }
    .render()
}

async fn report<S: Store>(
    state: &AppState<S>,
    q: &YearQuery,
    t: Tr,
) -> Result<std::sync::Arc<YearReport>, WebError> {
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let year = parse_year(&q.jaar, today, t).map_err(WebError::Invalid)?;
    state
        .figures
        .year_report(
            &state.store,
            &calendar,
            &state.organisation,
            year,
            today,
            state.patterns.generation(),
            t,
        )
        .await
        .map_err(|e| web_error(e, t))
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> Result<Html<String>, WebError> {
    authorise(&ctx)?;
    let report = report(&state, &q, ctx.t).await?;
    Ok(Html(render_html(&report, true)?))
}

#[tracing::instrument(skip_all)]
pub(super) async fn pdf<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    authorise(&ctx)?;
    let t = ctx.t;
    let report = report(&state, &q, t).await?;
    let year = report.year;
    let bytes = klacht_app::reports::blocking(move || render_pdf(&report))
        .await
        .map_err(|e| web_error(e, t))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "inline; filename=\"{}-{year}.pdf\"",
                    t.t("report-yearly-filename")
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}
