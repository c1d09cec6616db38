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
use klacht_i18n::Tr;
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
        Err(WebError::Forbidden(ctx.t.t("report-forbidden")))
    }
}

/// Maps the report layer's errors onto the web layer's statuses, the
/// user's own mistakes in the words of `t`.
fn web_error(e: ReportError, t: Tr) -> WebError {
    match e {
        ReportError::Store(e) => WebError::Store(e),
        ReportError::Service(e) => WebError::Service(e),
        ReportError::TooMany { limit } => {
            WebError::Invalid(t.t1("report-too-many", "limit", limit.to_string()))
        }
        ReportError::Period(period) => {
            WebError::Invalid(t.t1("report-bad-period", "period", period))
        }
        other => WebError::Report(other),
    }
}

/// The first and last year anyone may ask a report of.
fn year_in_range(year: i16, today: Date) -> bool {
    (2000..=today.year() + 1).contains(&year)
}

/// Parses `jaar`; an empty value is the current year.
fn parse_year(s: &str, today: Date, t: Tr) -> Result<i16, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(today.year());
    }
    match s.parse::<i16>() {
        Ok(y) if year_in_range(y, today) => Ok(y),
        _ => Err(t.t2(
            "report-bad-year",
            "value",
            s,
            "last",
            (today.year() + 1).to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_checked() {
        let today = jiff::civil::date(2026, 11, 29);
        let t = Tr::default();
        assert_eq!(parse_year("", today, t), Ok(2026));
        assert_eq!(parse_year(" 2025 ", today, t), Ok(2025));
        assert!(parse_year("1999", today, t).is_err());
        assert!(parse_year("2028", today, t).is_err());
        assert!(parse_year("twintig", today, t).is_err());
        assert_eq!(
            parse_year("twintig", today, t),
            Err("'twintig' is geen jaar tussen 2000 en 2027.".into())
        );
    }
}
