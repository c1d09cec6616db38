//! The working calendar as the administrator keeps it.
//!
//! The configuration gives the time zone and a starting point (options and
//! closing days); the administrator's choices live in the database (the
//! `calendar` setting), so that every server instance computes the same
//! terms. Requests build the current calendar with [`current`]:
//! - an option the administrator has set overrides the configuration;
//! - closing days are those of the configuration plus the stored ones.

use std::collections::BTreeSet;

use jiff::civil::Date;
use klacht_domain::calendar::{CalendarOptions, WorkingCalendar};
use klacht_store::{Store, StoreError};
use serde::{Deserialize, Serialize};

/// The settings key under which the administrator's calendar is stored.
pub const SETTING_KEY: &str = "calendar";

/// What the administrator chose, as stored (JSON) in the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredCalendar {
    /// `None`: as in the configuration.
    pub good_friday: Option<bool>,
    /// `None`: as in the configuration.
    pub liberation_day_yearly: Option<bool>,
    /// Closing days added by the administrator.
    pub closing_days: BTreeSet<Date>,
}

impl StoredCalendar {
    /// Parses the stored setting; garbage is a corrupt database, not a
    /// reason to compute terms on a different calendar.
    pub fn parse(value: &str) -> Result<Self, StoreError> {
        serde_json::from_str(value)
            .map_err(|e| StoreError::Corrupt(format!("setting '{SETTING_KEY}': {e}")))
    }

    pub fn to_json(&self) -> String {
        // A struct of bools and dates always serialises.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// The calendar of `base` (from the configuration) with these choices.
    pub fn apply_to(&self, base: &WorkingCalendar) -> WorkingCalendar {
        let options = base.options();
        let mut extra_closing_days = options.extra_closing_days.clone();
        extra_closing_days.extend(self.closing_days.iter().copied());
        WorkingCalendar::new(
            base.time_zone().clone(),
            CalendarOptions {
                good_friday: self.good_friday.unwrap_or(options.good_friday),
                liberation_day_yearly: self
                    .liberation_day_yearly
                    .unwrap_or(options.liberation_day_yearly),
                extra_closing_days,
            },
        )
    }
}

/// The stored choices and the raw setting they came from (for a
/// compare-and-swap when changing them).
pub async fn load<S: Store>(store: &S) -> Result<(StoredCalendar, Option<String>), StoreError> {
    let raw = store.setting(SETTING_KEY).await?;
    let stored = match &raw {
        Some(value) => StoredCalendar::parse(value)?,
        None => StoredCalendar::default(),
    };
    Ok((stored, raw))
}

/// The calendar terms are computed on now: the configuration's calendar
/// with the administrator's choices. One primary-key read, which the store
/// keeps for at most `klacht_store::cache::TTL` (2 s): a change counts at
/// once on the instance that made it, and within that time on the others.
pub async fn current<S: Store>(
    store: &S,
    base: &WorkingCalendar,
) -> Result<WorkingCalendar, StoreError> {
    Ok(load(store).await?.0.apply_to(base))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn stored_choices_override_options_and_add_closing_days() {
        let base = WorkingCalendar::new(
            jiff::tz::TimeZone::UTC,
            CalendarOptions {
                good_friday: true,
                liberation_day_yearly: false,
                extra_closing_days: [date(2026, 12, 24)].into(),
            },
        );
        let unchanged = StoredCalendar::default().apply_to(&base);
        assert_eq!(unchanged, base);
        let stored = StoredCalendar {
            good_friday: Some(false),
            liberation_day_yearly: Some(true),
            closing_days: [date(2026, 12, 31)].into(),
        };
        let cal = stored.apply_to(&base);
        assert!(!cal.options().good_friday && cal.options().liberation_day_yearly);
        assert_eq!(
            cal.options().extra_closing_days,
            [date(2026, 12, 24), date(2026, 12, 31)].into()
        );
        assert_eq!(cal.time_zone(), base.time_zone());
    }

    #[test]
    fn the_setting_round_trips_and_garbage_is_corrupt() {
        let stored = StoredCalendar {
            good_friday: Some(true),
            liberation_day_yearly: None,
            closing_days: [date(2027, 1, 2)].into(),
        };
        assert_eq!(StoredCalendar::parse(&stored.to_json()).ok(), Some(stored));
        assert_eq!(
            StoredCalendar::parse("{}").ok(),
            Some(StoredCalendar::default())
        );
        assert!(matches!(
            StoredCalendar::parse("nonsense"),
            Err(StoreError::Corrupt(_))
        ));
    }
}
