//! Downloads of the overview's list with the overview's filters:
//! `/overzicht.csv` and `/overzicht.xlsx`, with headings and the values
//! of closed lists in the user's language.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use klacht_app::reports::blocking;
use klacht_app::reports::export::{export_rows, to_csv, to_xlsx};
use klacht_i18n::Tr;
use klacht_store::Store;

use super::{authorise, web_error};
use crate::overview::OverviewQuery;
use crate::session::Ctx;
use crate::{AppState, WebError};

async fn rows<S: Store>(
    state: &AppState<S>,
    ctx: &Ctx,
    q: &OverviewQuery,
) -> Result<Vec<klacht_app::reports::export::ExportRow>, WebError> {
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let (filter, errors) = q.to_filter(today, calendar.time_zone(), ctx.t);
    // A download must contain what the filters say, or nothing.
    if let Some(first) = errors.into_iter().next() {
        return Err(WebError::Invalid(first));
    }
    export_rows(&state.store, &calendar, &filter, &ctx.user, today, ctx.t)
        .await
        .map_err(|e| web_error(e, ctx.t))
}

fn download(
    bytes: Vec<u8>,
    content_type: &'static str,
    extension: &str,
    now: jiff::Timestamp,
    t: Tr,
) -> Response {
    let stamp = now.strftime("%Y%m%d-%H%M");
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}-{stamp}.{extension}\"",
                    t.t("report-export-filename")
                ),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[tracing::instrument(skip_all)]
pub(super) async fn csv<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<OverviewQuery>,
) -> Result<Response, WebError> {
    authorise(&ctx)?;
    let rows = rows(&state, &ctx, &q).await?;
    let t = ctx.t;
    let bytes = blocking(move || to_csv(&rows, t))
        .await
        .map_err(|e| web_error(e, t))?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        "csv",
        state.now(),
        t,
    ))
}

#[tracing::instrument(skip_all)]
pub(super) async fn xlsx<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<OverviewQuery>,
) -> Result<Response, WebError> {
    authorise(&ctx)?;
    let rows = rows(&state, &ctx, &q).await?;
    let now = state.now();
    let t = ctx.t;
    let bytes = blocking(move || to_xlsx(&rows, now, t))
        .await
        .map_err(|e| web_error(e, t))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        now,
        t,
    ))
}
