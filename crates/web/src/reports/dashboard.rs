//! `/dashboard`: counts and trends, term compliance, lead times, merit,
//! satisfaction, signals and escalations of a year or the last twelve
//! months, with inline SVG charts and the numbers in tables beside them.
//! `/dashboard.json` answers the same figures as JSON.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Query, State};
use jiff::civil::Date;
use klacht_app::reports::charts::Charts;
use klacht_app::reports::view::View;
use klacht_domain::stats::{PeriodChoice, Stats};
use klacht_i18n::Tr;
use klacht_store::Store;
use serde::Deserialize;

use super::{authorise, parse_year, web_error};
use crate::session::Ctx;
use crate::{AppState, WebError};

/// The query string, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    /// A year, or `12m` for the last twelve months.
    pub periode: String,
    /// A year (links from elsewhere use it).
    pub jaar: String,
}

impl DashboardQuery {
    /// The period asked for, or the current year and a message in the
    /// words of `t`.
    fn choice(&self, today: Date, t: Tr) -> (PeriodChoice, Option<String>) {
        let text = if self.periode.trim().is_empty() {
            self.jaar.trim()
        } else {
            self.periode.trim()
        };
        if text == PeriodChoice::LAST_TWELVE_MONTHS {
            return (PeriodChoice::LastTwelveMonths, None);
        }
        match parse_year(text, today, t) {
            Ok(y) => (PeriodChoice::Year(y), None),
            Err(e) => (PeriodChoice::Year(today.year()), Some(e)),
        }
    }
}

pub(super) struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "reports/dashboard.html")]
pub(super) struct DashboardPage {
    ctx: Ctx,
    /// The words of the figures (shared with the yearly report).
    t: Tr,
    error: Option<String>,
    periods: Vec<Choice>,
    /// The year of the yearly report link.
    report_year: i16,
    view: View,
    charts: Charts,
}

/// The figures of the period asked for, the choice as understood, and the
/// message when the query could not be understood.
async fn figures<S: Store>(
    state: &AppState<S>,
    q: &DashboardQuery,
    t: Tr,
) -> Result<(std::sync::Arc<Stats>, PeriodChoice, Option<String>), WebError> {
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let (choice, error) = q.choice(today, t);
    let stats = state
        .figures
        .stats(
            &state.store,
            &calendar,
            &choice.period(today),
            today,
            state.patterns.generation(),
        )
        .await
        .map_err(|e| web_error(e, t))?;
    Ok((stats, choice, error))
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<DashboardQuery>,
) -> Result<DashboardPage, WebError> {
    authorise(&ctx)?;
    let t = ctx.t;
    let (stats, chosen, error) = figures(&state, &q, t).await?;
    let today = stats.today;
    let periods = (0..6)
        .map(|back| PeriodChoice::Year(today.year() - back))
        .chain([PeriodChoice::LastTwelveMonths])
        .map(|c| Choice {
            value: c.query_value(),
            label: match c {
                PeriodChoice::Year(y) => y.to_string(),
                PeriodChoice::LastTwelveMonths => t.t("report-last-twelve-months"),
            },
            selected: c == chosen,
        })
        .collect();
    Ok(DashboardPage {
        ctx,
        t,
        error,
        periods,
        report_year: chosen.report_year(today),
        charts: Charts::of(&stats, "", t),
        view: View::of(&stats, t),
    })
}

/// The same figures as JSON (`klacht_domain::stats::Stats`).
#[tracing::instrument(skip_all)]
pub(super) async fn json<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<DashboardQuery>,
) -> Result<Json<Stats>, WebError> {
    authorise(&ctx)?;
    let (stats, _, error) = figures(&state, &q, ctx.t).await?;
    match error {
        Some(e) => Err(WebError::Invalid(e)),
        None => Ok(Json(Stats::clone(&stats))),
    }
}
