//! Beheer > Kalender: the options of the working calendar (Goede Vrijdag,
//! Bevrijdingsdag every year) and the organisation's closing days, stored
//! in the database so that every instance computes the same terms; and the
//! days off of this year and the next.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use jiff::civil::Weekday;
use klacht_app::admin;
use klacht_app::calendar;
use klacht_i18n::Tr;
use klacht_store::Store;
use serde::Deserialize;

use super::{Section, admin_ctx, admin_user, ctx_of, form_error, sections};
use crate::session::{CsrfForm, Ctx, redirect_with_flash};
use crate::{AppState, WebError};

const PATH: &str = "/beheer/kalender";

struct Day {
    /// `JJJJ-MM-DD`, for the remove form.
    value: String,
    label: String,
}

struct Holiday {
    date: String,
    name: String,
    weekend: bool,
}

struct Year {
    year: i16,
    days: Vec<Holiday>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/calendar.html")]
pub(super) struct CalendarPage {
    ctx: Ctx,
    sections: Vec<Section>,
    time_zone: String,
    good_friday: bool,
    liberation_day_yearly: bool,
    /// Closing days added here (removable).
    stored_days: Vec<Day>,
    /// Closing days from the configuration file or environment.
    config_days: Vec<Day>,
    years: Vec<Year>,
    typed: String,
    error: Option<String>,
}

fn day(t: Tr, d: jiff::civil::Date) -> Day {
    Day {
        value: d.to_string(),
        label: t.long_date(d),
    }
}

async fn calendar_page<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    typed: String,
    error: Option<String>,
) -> Result<CalendarPage, WebError> {
    let t = ctx.t;
    let base = &state.config_calendar;
    let (stored, _) = calendar::load(&state.store).await?;
    let current = stored.apply_to(base);
    let this_year = current.local_date(state.now()).year();
    let years = [this_year, this_year.saturating_add(1)]
        .into_iter()
        .map(|year| Year {
            year,
            days: current
                .holidays_in_year(year)
                .into_iter()
                .map(|(date, name)| Holiday {
                    date: t.long_date(date),
                    name: holiday_name(t, name),
                    weekend: matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday),
                })
                .collect(),
        })
        .collect();
    Ok(CalendarPage {
        ctx,
        sections: sections(t, PATH),
        time_zone: base.time_zone().iana_name().unwrap_or("?").to_string(),
        good_friday: current.options().good_friday,
        liberation_day_yearly: current.options().liberation_day_yearly,
        stored_days: stored.closing_days.iter().map(|d| day(t, *d)).collect(),
        config_days: base
            .options()
            .extra_closing_days
            .iter()
            .map(|d| day(t, *d))
            .collect(),
        years,
        typed,
        error,
    })
}

pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
) -> Result<CalendarPage, WebError> {
    let ctx = admin_ctx(ctx)?;
    calendar_page(&state, ctx, String::new(), None).await
}

/// After a refused change: the page again with the message.
async fn refused<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    typed: String,
    e: WebError,
) -> Result<Response, WebError> {
    let t = ctx.t;
    let page = calendar_page(state, ctx, typed, None).await?;
    form_error(e, t, |msg| CalendarPage {
        error: Some(msg),
        ..page
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct OptionsForm {
    /// Present when checked.
    goede_vrijdag: Option<String>,
    bevrijdingsdag: Option<String>,
}

#[tracing::instrument(skip_all)]
pub(super) async fn options<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<OptionsForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let result = admin::set_calendar_options(
        &state.store,
        by,
        &state.config_calendar,
        form.goede_vrijdag.is_some(),
        form.bevrijdingsdag.is_some(),
        state.now(),
    )
    .await;
    match result {
        Ok(()) => Ok(redirect_with_flash(
            PATH,
            &current.t.t("admin-calendar-saved"),
            state.cookie_secure,
        )),
        Err(e) => refused(&state, ctx_of(&state, &current), String::new(), e.into()).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct DayForm {
    datum: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn add_day<S: Store>(
    State(state): State<AppState<S>>,
    form: CsrfForm<DayForm>,
) -> Result<Response, WebError> {
    change_day(&state, form, DayChange::Add).await
}

#[tracing::instrument(skip_all)]
pub(super) async fn remove_day<S: Store>(
    State(state): State<AppState<S>>,
    form: CsrfForm<DayForm>,
) -> Result<Response, WebError> {
    change_day(&state, form, DayChange::Remove).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DayChange {
    Add,
    Remove,
}

/// Adds or removes one closing day; a refused addition keeps the typed date.
async fn change_day<S: Store>(
    state: &AppState<S>,
    CsrfForm { current, form }: CsrfForm<DayForm>,
    change: DayChange,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let now = state.now();
    let result = match admin::parse_day(&form.datum) {
        Ok(day) => match change {
            DayChange::Add => admin::add_closing_day(&state.store, by, day, now).await,
            DayChange::Remove => admin::remove_closing_day(&state.store, by, day, now).await,
        }
        .map(|()| day),
        Err(e) => Err(e),
    };
    match result {
        Ok(day) => {
            let key = match change {
                DayChange::Add => "admin-calendar-day-added",
                DayChange::Remove => "admin-calendar-day-removed",
            };
            Ok(redirect_with_flash(
                PATH,
                &current.t.t1(key, "date", current.t.date(day)),
                state.cookie_secure,
            ))
        }
        Err(e) => {
            let typed = match change {
                DayChange::Add => form.datum,
                DayChange::Remove => String::new(),
            };
            refused(state, ctx_of(state, &current), typed, e.into()).await
        }
    }
}

/// A public holiday's name in the page's language: its Dutch name (as the
/// calendar gives it) is the key's last part.
fn holiday_name(t: Tr, dutch: &str) -> String {
    let slug: String = dutch
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    t.lookup(&format!("admin-holiday-{slug}"))
        .unwrap_or_else(|| dutch.to_owned())
}
