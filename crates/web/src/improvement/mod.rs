//! Verbetering (DESIGN §6): the structural patterns the quality manager
//! decides about, and improvement actions (verbeteracties).
//!
//! Who: the quality manager and the director see patterns and every action
//! and manage them; the owner of an action sees it and moves its status;
//! others get 403 on the pages of those who manage, and 404 for an action
//! they may not see (its existence does not leak).

mod detail;
mod list;
mod new;
mod patterns;

use axum::Router;
use axum::routing::{get, post};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use klacht_app::improvement::{self, ImprovementServiceError};
use klacht_domain::Role;
use klacht_domain::improvement::{ImprovementError, ImprovementNumber, may_manage};
use klacht_i18n::Tr;
use klacht_store::{Store, StoreError};

use crate::session::Ctx;
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/verbetering", get(patterns::page::<S>))
        .route("/verbetering/afwijzen", post(patterns::dismiss::<S>))
        .route("/verbeteracties", get(list::list::<S>))
        .route(
            "/verbeteracties/nieuw",
            get(new::new_page::<S>).post(new::create::<S>),
        )
        .route("/verbeteracties/{id}", get(detail::detail::<S>))
        .route("/verbeteracties/{id}/status", post(detail::status::<S>))
        .route("/verbeteracties/{id}/afronden", post(detail::close::<S>))
}

impl From<ImprovementServiceError> for WebError {
    fn from(e: ImprovementServiceError) -> Self {
        match e {
            ImprovementServiceError::Refused(e) => WebError::Improvement(e),
            ImprovementServiceError::NotFound => WebError::NotFound,
            ImprovementServiceError::Store(StoreError::Conflict { .. }) => {
                WebError::ImprovementConflict
            }
            ImprovementServiceError::Store(e) => WebError::Store(e),
            ImprovementServiceError::Complaints(e) => WebError::Service(e),
            ImprovementServiceError::Corrupt(m) => WebError::Store(StoreError::Corrupt(m)),
        }
    }
}

/// The field a refusal is about, when it names one.
fn field_of(e: &ImprovementServiceError) -> Option<&'static str> {
    match e {
        ImprovementServiceError::Refused(ImprovementError::Invalid { field, .. }) => Some(field),
        _ => None,
    }
}

/// Pages for those who manage improvement: the quality manager and the
/// director.
fn require_manager(ctx: &Ctx) -> Result<(), WebError> {
    if may_manage(&ctx.user) {
        Ok(())
    } else {
        Err(WebError::Forbidden(ctx.t.t("improvement-forbidden-manage")))
    }
}

fn deny_admin(ctx: &Ctx) -> Result<(), WebError> {
    if ctx.user.role == Role::Admin {
        Err(WebError::Forbidden(ctx.t.t("improvement-forbidden-admin")))
    } else {
        Ok(())
    }
}

/// An action named in a URL, by id or by number (V-2026-0003).
async fn resolve<S: Store>(store: &S, raw: &str) -> Result<uuid::Uuid, WebError> {
    if let Ok(id) = raw.parse::<uuid::Uuid>() {
        return Ok(id);
    }
    let number = raw
        .parse::<ImprovementNumber>()
        .map_err(|_| WebError::NotFound)?;
    improvement::resolve_number(store, number)
        .await?
        .ok_or(WebError::NotFound)
}

fn day(t: Tr, d: Date) -> String {
    t.date(d)
}

fn moment(t: Tr, at: Timestamp, tz: &TimeZone) -> String {
    crate::overview::date_minute(t, &at.to_zoned(tz.clone()))
}

/// A pattern's name on a page, e.g. "Dienst: Thuiszorg" or "team van
/// Margriet Jansen" (as [`PatternKey::label`], in `t`'s language).
fn pattern_label(
    t: Tr,
    key: &klacht_domain::patterns::PatternKey,
    team_name: impl Fn(&str) -> Option<String>,
) -> String {
    use klacht_domain::patterns::Dimension;
    match key.dimension() {
        Dimension::Team => match team_name(key.value()) {
            Some(name) => t.t1("improvement-pattern-team", "name", name),
            None => t.t("improvement-pattern-unknown-team"),
        },
        d => t.t2(
            "improvement-pattern-note",
            "dimension",
            capitalised(&dimension(t, d)),
            "label",
            capitalised(key.value()),
        ),
    }
}

/// "categorie", "dienst", "team".
fn dimension(t: Tr, d: klacht_domain::patterns::Dimension) -> String {
    t.t(&format!("improvement-dimension-{}", d.as_str()))
}

/// "in uitvoering".
fn status_label(t: Tr, s: klacht_domain::improvement::ImprovementStatus) -> String {
    t.t(&format!("improvement-status-{}", s.as_str()))
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A date from a date field ("2026-12-01") or typed the Dutch way
/// ("01-12-2026") where the browser has no date picker.
fn parse_date(input: &str) -> Option<Date> {
    let s = input.trim();
    s.parse::<Date>()
        .ok()
        .or_else(|| Date::strptime("%d-%m-%Y", s).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_both_ways() {
        let d = jiff::civil::date(2026, 12, 1);
        assert_eq!(parse_date("2026-12-01"), Some(d));
        assert_eq!(parse_date(" 01-12-2026 "), Some(d));
        assert_eq!(parse_date("1 december"), None);
        assert_eq!(day(Tr::default(), d), "01-12-2026");
    }
}
