//! Working days (DESIGN §4): Monday–Friday minus the public holidays of the
//! calendar and the organisation's own closing days.
//!
//! All functions are total: arithmetic that would leave jiff's date range
//! (years -9999..=9999) saturates at [`Date::MIN`] / [`Date::MAX`] instead of
//! panicking, because a calendar is consulted from request handlers where a
//! panic on absurd input would be worse than an absurd answer.

use std::collections::BTreeSet;

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use crate::ParseError;
use crate::refusal::Code;

/// Per-organisation choices on top of the statutory Dutch holidays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CalendarOptions {
    /// Goede Vrijdag (Easter − 2) is a day off.
    pub good_friday: bool,
    /// Bevrijdingsdag (5 May) is a day off every year, not only in lustrum
    /// years.
    pub liberation_day_yearly: bool,
    /// The organisation's own closing days ("Sluitingsdag").
    pub extra_closing_days: BTreeSet<Date>,
}

/// Which days count as working days, and in which time zone an instant
/// falls on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCalendar {
    tz: TimeZone,
    options: CalendarOptions,
}

impl Default for WorkingCalendar {
    fn default() -> Self {
        Self::netherlands_default()
    }
}

const NIEUWJAARSDAG: &str = "Nieuwjaarsdag";
const GOEDE_VRIJDAG: &str = "Goede Vrijdag";
const TWEEDE_PAASDAG: &str = "Tweede Paasdag";
const KONINGSDAG: &str = "Koningsdag";
const BEVRIJDINGSDAG: &str = "Bevrijdingsdag";
const HEMELVAARTSDAG: &str = "Hemelvaartsdag";
const TWEEDE_PINKSTERDAG: &str = "Tweede Pinksterdag";
const EERSTE_KERSTDAG: &str = "Eerste Kerstdag";
const TWEEDE_KERSTDAG: &str = "Tweede Kerstdag";
const SLUITINGSDAG: &str = "Sluitingsdag";

impl WorkingCalendar {
    pub fn new(tz: TimeZone, options: CalendarOptions) -> Self {
        Self { tz, options }
    }

    /// Europe/Amsterdam with the statutory holidays only.
    pub fn netherlands_default() -> Self {
        Self::new(amsterdam(), CalendarOptions::default())
    }

    /// A calendar for an IANA time zone name, as found in configuration.
    pub fn from_zone_name(name: &str, options: CalendarOptions) -> Result<Self, ParseError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ParseError::new(Code::TimeZoneMissing));
        }
        TimeZone::get(name)
            .map(|tz| Self::new(tz, options))
            .map_err(|_| ParseError::new(Code::UnknownTimeZone.text("input", shorten(name))))
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    pub fn options(&self) -> &CalendarOptions {
        &self.options
    }

    /// The Dutch name of the holiday or closing day on `date`, if any. When a
    /// closing day coincides with a public holiday, the holiday's name wins.
    pub fn holiday(&self, date: Date) -> Option<&'static str> {
        let year = date.year();
        let name = match (date.month(), date.day()) {
            (1, 1) => Some(NIEUWJAARSDAG),
            (4, 27) if date.weekday() != Weekday::Sunday => Some(KONINGSDAG),
            (4, 26) if date.weekday() == Weekday::Saturday => Some(KONINGSDAG),
            (5, 5) if year.rem_euclid(5) == 0 || self.options.liberation_day_yearly => {
                Some(BEVRIJDINGSDAG)
            }
            (12, 25) => Some(EERSTE_KERSTDAG),
            (12, 26) => Some(TWEEDE_KERSTDAG),
            _ => None,
        };
        // Bevrijdingsdag and Hemelvaartsdag can coincide (2016); the fixed
        // date is named first, which is how the day is usually referred to.
        name.or_else(|| {
            // Easter-based days lie between March and June of the same year,
            // so day-of-year offsets are exact and need no date arithmetic.
            match date.day_of_year() - easter_sunday(year).day_of_year() {
                -2 if self.options.good_friday => Some(GOEDE_VRIJDAG),
                1 => Some(TWEEDE_PAASDAG),
                39 => Some(HEMELVAARTSDAG),
                50 => Some(TWEEDE_PINKSTERDAG),
                _ => None,
            }
        })
        .or_else(|| {
            self.options
                .extra_closing_days
                .contains(&date)
                .then_some(SLUITINGSDAG)
        })
    }

    /// Every holiday and closing day of `year`, in date order, including
    /// those that fall in a weekend.
    pub fn holidays_in_year(&self, year: i16) -> Vec<(Date, &'static str)> {
        let fixed = [(1, 1), (4, 26), (4, 27), (5, 5), (12, 25), (12, 26)]
            .into_iter()
            .filter_map(|(month, day)| Date::new(year, month, day).ok());
        let easter = easter_sunday(year);
        let easter_based = [-2_i64, 1, 39, 50]
            .into_iter()
            .filter_map(|offset| easter.checked_add(offset.days()).ok());
        let closing = Date::new(year, 1, 1)
            .ok()
            .into_iter()
            .flat_map(|first| {
                let last = Date::new(year, 12, 31).unwrap_or(Date::MAX);
                self.options.extra_closing_days.range(first..=last)
            })
            .copied();
        // Candidates are filtered through `holiday` so that the two views of
        // the calendar cannot disagree.
        let mut days: Vec<(Date, &'static str)> = fixed
            .chain(easter_based)
            .chain(closing)
            .filter_map(|date| self.holiday(date).map(|name| (date, name)))
            .collect();
        days.sort();
        days.dedup_by_key(|(date, _)| *date);
        days
    }

    /// Monday–Friday and not a holiday or closing day.
    pub fn is_working_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && self.holiday(date).is_none()
    }

    /// `date` itself when it is a working day, otherwise the first working
    /// day after it.
    pub fn next_working_day_on_or_after(&self, date: Date) -> Date {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => return Date::MAX,
            }
        }
        day
    }

    /// The `n`-th working day strictly after `date`; `date` itself for
    /// `n == 0`.
    pub fn add_working_days(&self, date: Date, n: u32) -> Date {
        let mut day = date;
        for _ in 0..n {
            match day.tomorrow() {
                Ok(next) => day = self.next_working_day_on_or_after(next),
                Err(_) => return Date::MAX,
            }
        }
        day
    }

    /// The number of working days in `(from, to]`; when `to` is before
    /// `from` the count of `(to, from]`, negated. So
    /// `working_days_between(due, done)` is how many working days late
    /// `done` is, and it inverts [`add_working_days`](Self::add_working_days).
    pub fn working_days_between(&self, from: Date, to: Date) -> i32 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let mut count = 0;
        let mut day = from;
        while day < to {
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
    }

    /// The calendar date of `at` in the calendar's time zone.
    pub fn local_date(&self, at: Timestamp) -> Date {
        self.tz.to_datetime(at).date()
    }

    /// Parses a moment of receipt as typed in a form or sent to the API:
    /// `YYYY-MM-DD` (the start of that day in the calendar's time zone) or an
    /// RFC 3339 timestamp with an offset, such as `2026-04-24T09:30:00+02:00`
    /// or `2026-04-24T07:30:00Z`.
    pub fn parse_received(&self, input: &str) -> Result<Timestamp, ParseError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(ParseError::new(Code::ReceivedMissing));
        }
        let date_part = input.get(..10).and_then(date_fields);
        if let Some((year, month, day)) = date_part {
            let Ok(date) = Date::new(year, month, day) else {
                return Err(ParseError::new(
                    Code::NoSuchDateIn.text("input", shorten(input)),
                ));
            };
            if input.len() == 10 {
                // A gap at midnight (some zones start DST at 00:00) resolves
                // to the first instant that exists on that day.
                return date
                    .to_zoned(self.tz.clone())
                    .map(|zoned| zoned.timestamp())
                    .map_err(|_| ParseError::new(Code::OutOfRange.text("input", input)));
            }
        }
        if let Ok(at) = input.parse::<Timestamp>() {
            return Ok(at);
        }
        // A local time without offset is ambiguous around DST changes and
        // across zones; say so instead of guessing.
        if date_part.is_some() && input.parse::<jiff::civil::DateTime>().is_ok() {
            return Err(ParseError::new(
                Code::NoOffset.text("input", shorten(input)),
            ));
        }
        Err(ParseError::new(
            Code::NotAMoment.text("input", shorten(input)),
        ))
    }
}

/// Europe/Amsterdam from the bundled tz database. The bundle makes failure
/// impossible in practice; should it ever be built without one, the current
/// Dutch rules as a POSIX string are the closest correct answer.
fn amsterdam() -> TimeZone {
    TimeZone::get("Europe/Amsterdam")
        .or_else(|_| TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3"))
        .unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(1)))
}

/// Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm,
/// Meeus/Jones/Butcher). Euclidean division keeps it total for negative
/// years; every intermediate stays in range, so the result is always a day
/// between 22 March and 25 April.
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    let month = i8::try_from(month).unwrap_or(4);
    let day = i8::try_from(day).unwrap_or(1);
    Date::new(year, month, day).expect("the computus yields a day between 22 March and 25 April")
}

/// Splits exactly `DDDD-DD-DD` into numbers without validating the day, so
/// that an impossible date can be reported as such.
fn date_fields(s: &str) -> Option<(i16, i8, i8)> {
    let bytes = s.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    Some((
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..].parse().ok()?,
    ))
}

/// Echoing arbitrary input in full would let one request fill a log line or
/// a page.
fn shorten(input: &str) -> String {
    const MAX: usize = 40;
    if input.chars().count() <= MAX {
        input.to_owned()
    } else {
        let mut short: String = input.chars().take(MAX).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod sweep;

#[cfg(test)]
mod tests;
