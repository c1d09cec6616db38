//! The working calendar's options and closing days.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::complaint::format_date;
use klacht_domain::{RefusalCode as Code, User};
use klacht_store::{AdminChange, Store, StoreError};

use super::{AdminError, entry, invalid, require_admin};
use crate::calendar::{self, SETTING_KEY, StoredCalendar};

/// Reads the stored calendar, changes it with `edit` and writes it back
/// only when nobody else changed it in between (compare-and-swap); on such
/// a race it starts over, so two administrators never undo each other.
/// `edit` returns the log's details, or `None` when nothing changes.
async fn change_calendar<S: Store>(
    store: &S,
    by: &User,
    at: Timestamp,
    kind: &str,
    subject: &str,
    edit: impl Fn(&mut StoredCalendar) -> Result<Option<String>, AdminError>,
) -> Result<(), AdminError> {
    require_admin(by)?;
    for _ in 0..5 {
        let (mut stored, raw) = calendar::load(store).await?;
        let Some(details) = edit(&mut stored)? else {
            return Ok(());
        };
        let change = AdminChange::SwapSetting {
            key: SETTING_KEY.into(),
            expected: raw,
            value: stored.to_json(),
        };
        match store
            .admin_change(&change, &entry(by, at, kind, subject, details))
            .await
        {
            Err(StoreError::Conflict { .. }) => continue,
            other => return Ok(other?),
        }
    }
    Err(invalid(Code::AdminCalendarBusy))
}

fn yes_no(b: bool) -> &'static str {
    if b { "vrij" } else { "werkdag" }
}

/// Sets the two options of the calendar (DESIGN §4). `base` is the
/// configuration's calendar: the log says what changes against what
/// applied until now.
pub async fn set_calendar_options<S: Store>(
    store: &S,
    by: &User,
    base: &klacht_domain::calendar::WorkingCalendar,
    good_friday: bool,
    liberation_day_yearly: bool,
    at: Timestamp,
) -> Result<(), AdminError> {
    change_calendar(store, by, at, "calendar.options", "Kalenderopties", |c| {
        let now = c.apply_to(base);
        let mut changes = Vec::new();
        if now.options().good_friday != good_friday {
            changes.push(format!("Goede Vrijdag: {}", yes_no(good_friday)));
        }
        if now.options().liberation_day_yearly != liberation_day_yearly {
            changes.push(format!(
                "Bevrijdingsdag elk jaar: {}",
                if liberation_day_yearly {
                    "ja"
                } else {
                    "nee (alleen lustrumjaren)"
                }
            ));
        }
        c.good_friday = Some(good_friday);
        c.liberation_day_yearly = Some(liberation_day_yearly);
        Ok((!changes.is_empty()).then(|| format!("{}.", changes.join("; "))))
    })
    .await
}

/// Parses a date typed in a form (`JJJJ-MM-DD`).
pub fn parse_day(raw: &str) -> Result<Date, AdminError> {
    raw.trim()
        .parse()
        .map_err(|_| invalid(Code::AdminNotADay.text("typed", raw.trim())))
}

pub async fn add_closing_day<S: Store>(
    store: &S,
    by: &User,
    day: Date,
    at: Timestamp,
) -> Result<(), AdminError> {
    if !(2000..=2999).contains(&day.year()) {
        return Err(invalid(Code::AdminClosingDayYears));
    }
    let subject = format_date(day);
    change_calendar(store, by, at, "calendar.closing_day_added", &subject, |c| {
        if !c.closing_days.insert(day) {
            return Err(invalid(Code::AdminClosingDayExists.date("date", day)));
        }
        Ok(Some(format!(
            "Sluitingsdag {} toegevoegd.",
            format_date(day)
        )))
    })
    .await
}

pub async fn remove_closing_day<S: Store>(
    store: &S,
    by: &User,
    day: Date,
    at: Timestamp,
) -> Result<(), AdminError> {
    let subject = format_date(day);
    change_calendar(
        store,
        by,
        at,
        "calendar.closing_day_removed",
        &subject,
        |c| {
            if !c.closing_days.remove(&day) {
                return Err(invalid(Code::AdminClosingDayNotAdded.date("date", day)));
            }
            Ok(Some(format!(
                "Sluitingsdag {} verwijderd.",
                format_date(day)
            )))
        },
    )
    .await
}
