//! The working-day calendar on every day of 2026, 2027 and 2028, against
//! a table of the Dutch public holidays written out by hand.

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday, date};

use super::{CalendarOptions, WorkingCalendar};
use crate::sweep::{DAYS, FIRST, LAST, days, every_day, local, plus};

/// The statutory holidays of 2026–2028 as the government publishes them
/// (Bevrijdingsdag is off in lustrum years only: 2025 and 2030).
fn statutory() -> BTreeMap<Date, &'static str> {
    [
        (date(2026, 1, 1), "Nieuwjaarsdag"),
        (date(2026, 4, 6), "Tweede Paasdag"),
        (date(2026, 4, 27), "Koningsdag"),
        (date(2026, 5, 14), "Hemelvaartsdag"),
        (date(2026, 5, 25), "Tweede Pinksterdag"),
        (date(2026, 12, 25), "Eerste Kerstdag"),
        (date(2026, 12, 26), "Tweede Kerstdag"),
        (date(2027, 1, 1), "Nieuwjaarsdag"),
        (date(2027, 3, 29), "Tweede Paasdag"),
        (date(2027, 4, 27), "Koningsdag"),
        (date(2027, 5, 6), "Hemelvaartsdag"),
        (date(2027, 5, 17), "Tweede Pinksterdag"),
        (date(2027, 12, 25), "Eerste Kerstdag"),
        (date(2027, 12, 26), "Tweede Kerstdag"),
        (date(2028, 1, 1), "Nieuwjaarsdag"),
        (date(2028, 4, 17), "Tweede Paasdag"),
        (date(2028, 4, 27), "Koningsdag"),
        (date(2028, 5, 25), "Hemelvaartsdag"),
        (date(2028, 6, 5), "Tweede Pinksterdag"),
        (date(2028, 12, 25), "Eerste Kerstdag"),
        (date(2028, 12, 26), "Tweede Kerstdag"),
    ]
    .into()
}

fn is_weekend(day: Date) -> bool {
    matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Holidays, the working-day test and the yearly list agree with the
/// table on every day; so do they with Goede Vrijdag and a closing day
/// switched on.
#[test]
fn every_day_of_2026_to_2028_is_a_working_day_exactly_when_the_table_says_so() {
    let with_options = WorkingCalendar::new(
        WorkingCalendar::netherlands_default().time_zone().clone(),
        CalendarOptions {
            good_friday: true,
            liberation_day_yearly: true,
            extra_closing_days: [date(2027, 7, 16), date(2028, 12, 27)].into(),
        },
    );
    let mut optional = statutory();
    for (day, name) in [
        (date(2026, 4, 3), "Goede Vrijdag"),
        (date(2027, 3, 26), "Goede Vrijdag"),
        (date(2028, 4, 14), "Goede Vrijdag"),
        (date(2026, 5, 5), "Bevrijdingsdag"),
        (date(2027, 5, 5), "Bevrijdingsdag"),
        (date(2028, 5, 5), "Bevrijdingsdag"),
        (date(2027, 7, 16), "Sluitingsdag"),
        (date(2028, 12, 27), "Sluitingsdag"),
    ] {
        optional.insert(day, name);
    }
    for (cal, table) in [
        (WorkingCalendar::netherlands_default(), statutory()),
        (with_options, optional),
    ] {
        let mut working_per_year: BTreeMap<i16, u32> = BTreeMap::new();
        for day in every_day() {
            let name = table.get(&day).copied();
            assert_eq!(cal.holiday(day), name, "{day}");
            let working = !is_weekend(day) && name.is_none();
            assert_eq!(cal.is_working_day(day), working, "{day}");
            *working_per_year.entry(day.year()).or_default() += u32::from(working);
        }
        for year in 2026..=2028_i16 {
            let listed: Vec<(Date, &str)> = table
                .range(date(year, 1, 1)..=date(year, 12, 31))
                .map(|(d, n)| (*d, *n))
                .collect();
            assert_eq!(cal.holidays_in_year(year), listed, "{year}");
        }
        if cal.options().good_friday {
            // Each year one Goede Vrijdag and one Bevrijdingsdag on a
            // weekday (Tuesday, Wednesday, Friday); closing days on Friday
            // 16 July 2027 and Wednesday 27 December 2028.
            assert_eq!(
                working_per_year,
                [(2026, 253), (2027, 253), (2028, 251)].into()
            );
        } else {
            // 261, 261 and 260 weekdays minus 6, 5 and 6 holidays on one.
            assert_eq!(
                working_per_year,
                [(2026, 255), (2027, 256), (2028, 254)].into()
            );
        }
    }
}

/// The stepping functions agree with a plain walk over the days, and the
/// longest run of days off in these years is four: Saturday 23 up to
/// Tuesday 26 December 2028.
#[test]
fn stepping_over_days_off_agrees_with_walking() {
    let cal = WorkingCalendar::netherlands_default();
    let working: Vec<Date> = days(plus(FIRST, -10), plus(LAST, 10))
        .filter(|d| cal.is_working_day(*d))
        .collect();
    let mut longest: (i64, Date) = (0, FIRST);
    for day in every_day() {
        // The first working day on or after `day`, and the n-th after it.
        let at = working.partition_point(|w| *w < day);
        let after = working.partition_point(|w| *w <= day);
        assert_eq!(cal.next_working_day_on_or_after(day), working[at], "{day}");
        for n in 1..=3_u32 {
            let nth = working[after + n as usize - 1];
            assert_eq!(cal.add_working_days(day, n), nth, "{day} + {n}");
            assert_eq!(cal.working_days_between(day, nth), n as i32, "{day}");
            assert_eq!(cal.working_days_between(nth, day), -(n as i32), "{day}");
        }
        assert_eq!(cal.add_working_days(day, 0), day);
        assert_eq!(cal.working_days_between(day, day), 0);
        let off = (working[at] - day).get_days().into();
        if off > longest.0 {
            longest = (off, day);
        }
    }
    assert_eq!(longest, (4, date(2028, 12, 23)));
    // Over the whole sweep, the count is the length of the list.
    let in_sweep = working
        .iter()
        .filter(|d| (FIRST..=LAST).contains(*d))
        .count();
    assert_eq!(in_sweep, 255 + 256 + 254);
    assert_eq!(
        cal.working_days_between(plus(FIRST, -1), LAST),
        i32::try_from(in_sweep).expect("small")
    );
}

/// Every local hour of every day is that day in the calendar's zone,
/// across both DST changes of each year.
#[test]
fn local_dates_follow_the_wall_clock_in_amsterdam() {
    let cal = WorkingCalendar::netherlands_default();
    let mut count = 0;
    for day in every_day() {
        for (h, m, s) in [(0, 0, 0), (1, 59, 59), (3, 0, 0), (12, 0, 0), (23, 59, 59)] {
            assert_eq!(
                cal.local_date(local(&cal, day, h, m, s)),
                day,
                "{day} {h}:{m}:{s}"
            );
        }
        // The first instant of the next day is exactly one second later.
        let last = local(&cal, day, 23, 59, 59);
        let next = local(&cal, day.tomorrow().expect("in range"), 0, 0, 0);
        assert_eq!(next.as_second() - last.as_second(), 1, "{day}");
        count += 1;
    }
    assert_eq!(count, DAYS);
}
