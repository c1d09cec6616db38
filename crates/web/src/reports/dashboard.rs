//! `/dashboard`: counts and trends, term compliance, lead times, merit,
//! satisfaction, signals and escalations of a year or the last twelve
//! months, with inline SVG charts and the numbers in tables beside them.
//! `/dashboard.json` answers the same figures as JSON.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Query, State};
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_app::reports::charts::Charts;
use klacht_app::reports::view::View;
use klacht_domain::stats::{Period, Stats};
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
    /// The period asked for, or the current year and a Dutch message.
    fn period(&self, today: Date) -> (Period, Option<String>) {
        let choice = if self.periode.trim().is_empty() {
            self.jaar.trim()
        } else {
            self.periode.trim()
        };
        if choice == "12m" {
            return (Period::last_twelve_months(today), None);
        }
        match parse_year(choice, today) {
            Ok(y) => (Period::year(y), None),
            Err(e) => (Period::year(today.year()), Some(e)),
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
    error: Option<String>,
    periods: Vec<Choice>,
    /// The year of the yearly report link.
    report_year: i16,
    view: View,
    charts: Charts,
}

async fn figures<S: Store>(
    state: &AppState<S>,
    q: &DashboardQuery,
) -> Result<(Stats, Option<String>), WebError> {
    let calendar = state.calendar().await?;
    let today = calendar.local_date(Timestamp::now());
    let (period, error) = q.period(today);
    let stats = klacht_app::reports::stats(&state.store, &calendar, &period, today)
        .await
        .map_err(web_error)?;
    Ok((stats, error))
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<DashboardQuery>,
) -> Result<DashboardPage, WebError> {
    authorise(&ctx)?;
    let (stats, error) = figures(&state, &q).await?;
    let today = stats.today;
    let rolling =
        stats.period.from.year() != stats.period.to.year() || stats.period.from.month() != 1;
    let current = if rolling {
        "12m".to_string()
    } else {
        stats.period.from.year().to_string()
    };
    let mut periods: Vec<Choice> = (0..6)
        .map(|back| {
            let y = (today.year() - back).to_string();
            Choice {
                selected: y == current,
                label: y.clone(),
                value: y,
            }
        })
        .collect();
    periods.push(Choice {
        value: "12m".into(),
        label: "laatste 12 maanden".into(),
        selected: rolling,
    });
    Ok(DashboardPage {
        ctx,
        error,
        periods,
        report_year: if rolling {
            today.year()
        } else {
            stats.period.from.year()
        },
        charts: Charts::of(&stats, ""),
        view: View::of(&stats),
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
    let (stats, error) = figures(&state, &q).await?;
    match error {
        Some(e) => Err(WebError::Invalid(e)),
        None => Ok(Json(stats)),
    }
}
