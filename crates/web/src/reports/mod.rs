//! Reports for the quality manager and the director: the dashboard
//! (`/dashboard`), the yearly complaint report (`/rapportage/jaarverslag`,
//! HTML and PDF) and the exports of the overview's list
//! (`/overzicht.csv`, `/overzicht.xlsx`). Figures come from
//! `klacht_app::reports`; handlers only parse, authorise and render.

mod dashboard;
mod export;
mod yearly;

pub use yearly::render_html as yearly_report_html;

use axum::Router;
use axum::routing::get;
use jiff::civil::Date;
use klacht_app::reports::ReportError;
use klacht_store::Store;

use crate::session::Ctx;
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/dashboard", get(dashboard::page::<S>))
        .route("/dashboard.json", get(dashboard::json::<S>))
        .route("/rapportage/jaarverslag", get(yearly::page::<S>))
        .route("/rapportage/jaarverslag.pdf", get(yearly::pdf::<S>))
        .route("/overzicht.csv", get(export::csv::<S>))
        .route("/overzicht.xlsx", get(export::xlsx::<S>))
}

/// Reports are for the quality manager and the director (DESIGN §1).
fn authorise(ctx: &Ctx) -> Result<(), WebError> {
    if ctx.sees_overview() {
        Ok(())
    } else {
        Err(WebError::Forbidden(
            "Rapportages zijn er voor de kwaliteitsmanager en de directeur.".into(),
        ))
    }
}

/// Maps the report layer's errors onto the web layer's statuses.
fn web_error(e: ReportError) -> WebError {
    match e {
        ReportError::Store(e) => WebError::Store(e),
        ReportError::Service(e) => WebError::Service(e),
        e @ (ReportError::TooMany { .. } | ReportError::Period(_)) => {
            WebError::Invalid(e.to_string())
        }
        other => WebError::Report(other),
    }
}

/// The first and last year anyone may ask a report of.
fn year_in_range(year: i16, today: Date) -> bool {
    (2000..=today.year() + 1).contains(&year)
}

/// Parses `jaar`; an empty value is the current year.
fn parse_year(s: &str, today: Date) -> Result<i16, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(today.year());
    }
    match s.parse::<i16>() {
        Ok(y) if year_in_range(y, today) => Ok(y),
        _ => Err(format!(
            "'{s}' is geen jaar tussen 2000 en {}.",
            today.year() + 1
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_checked() {
        let today = jiff::civil::date(2026, 11, 29);
        assert_eq!(parse_year("", today), Ok(2026));
        assert_eq!(parse_year(" 2025 ", today), Ok(2025));
        assert!(parse_year("1999", today).is_err());
        assert!(parse_year("2028", today).is_err());
        assert!(parse_year("twintig", today).is_err());
    }
}
