//! The days the date sweeps run over: every day of 2026, 2027 and 2028.
//!
//! The domain never reads the clock; the sweeps pass each of these days in
//! as "today" (or as the day of receipt), so that the date-sensitive rules
//! are checked on every weekday, month end, leap day, holiday and DST change
//! of three years, whatever day the tests happen to run.

use jiff::Timestamp;
use jiff::civil::{Date, date};

use crate::calendar::WorkingCalendar;

/// The first day of the sweep.
pub(crate) const FIRST: Date = date(2026, 1, 1);
/// The last day of the sweep.
pub(crate) const LAST: Date = date(2028, 12, 31);
/// 365 + 365 + 366 (2028 is a leap year).
pub(crate) const DAYS: usize = 1096;

/// Every day from `from` up to and including `to`, in order; nothing when
/// `to` is before `from`.
pub(crate) fn days(from: Date, to: Date) -> impl Iterator<Item = Date> {
    std::iter::successors(Some(from).filter(|d| *d <= to), move |d| {
        d.tomorrow().ok().filter(|next| *next <= to)
    })
}

/// Every day of 2026, 2027 and 2028.
pub(crate) fn every_day() -> impl Iterator<Item = Date> {
    days(FIRST, LAST)
}

/// `day` at a local wall-clock time in the calendar's zone: a fixed
/// instant, never the real clock.
pub(crate) fn local(
    cal: &WorkingCalendar,
    day: Date,
    hour: i8,
    minute: i8,
    second: i8,
) -> Timestamp {
    day.at(hour, minute, second, 0)
        .to_zoned(cal.time_zone().clone())
        .expect("in range")
        .timestamp()
}

/// `day` plus `n` calendar days (negative: earlier).
pub(crate) fn plus(day: Date, n: i64) -> Date {
    day.checked_add(jiff::Span::new().days(n))
        .expect("in range")
}

#[test]
fn the_sweep_is_every_day_of_three_years() {
    let all: Vec<Date> = every_day().collect();
    assert_eq!(all.len(), DAYS);
    assert_eq!((all[0], all[DAYS - 1]), (FIRST, LAST));
    assert!(all.windows(2).all(|w| w[0].tomorrow().ok() == Some(w[1])));
    assert!(all.contains(&date(2028, 2, 29)));
    assert_eq!(days(LAST, FIRST).count(), 0);
    assert_eq!(days(FIRST, FIRST).collect::<Vec<_>>(), [FIRST]);
    assert_eq!(plus(FIRST, -1), date(2025, 12, 31));
}
