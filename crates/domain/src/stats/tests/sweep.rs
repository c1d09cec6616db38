//! Periods and period choices with every day of 2026, 2027 and 2028 as
//! today.

use jiff::civil::Date;

use super::row;
use crate::complaint::Kind;
use crate::stats::{MONTHS, Period, PeriodChoice, Stats};
use crate::sweep::{DAYS, every_day, plus};

/// Whole calendar days in the period, both ends included.
fn length(p: &Period) -> i64 {
    i64::from((p.to - p.from).get_days()) + 1
}

/// The last twelve months seen on every day: twelve whole months, the
/// first starting on the first of a month, the last ending on the last day
/// of today's month; today inside, the days just outside outside; 365 days,
/// or 366 when a 29 February is in; a label naming both ends.
#[test]
fn the_last_twelve_months_on_every_day() {
    let mut count = 0;
    for today in every_day() {
        let p = Period::last_twelve_months(today);
        assert_eq!(p.from.day(), 1, "{today}");
        assert_eq!(p.to, today.last_of_month(), "{today}");
        assert!(p.contains(today), "{today}");
        assert!(!p.contains(plus(p.from, -1)), "{today}");
        assert!(!p.contains(plus(p.to, 1)), "{today}");

        let months = p.months();
        assert_eq!(months.len(), 12, "{today}");
        assert_eq!(months[11], (today.year(), today.month()), "{today}");
        assert_eq!(months[0], (p.from.year(), p.from.month()), "{today}");
        for w in months.windows(2) {
            let ((y0, m0), (y1, m1)) = (w[0], w[1]);
            let next = if m0 == 12 { (y0 + 1, 1) } else { (y0, m0 + 1) };
            assert_eq!((y1, m1), next, "{today}: {months:?}");
        }
        // Eleven months back from today's month: one year earlier, one
        // month later (in December: January of the same year).
        let expected_from = if today.month() == 12 {
            (today.year(), 1)
        } else {
            (today.year() - 1, today.month() + 1)
        };
        assert_eq!((p.from.year(), p.from.month()), expected_from, "{today}");

        let leap_day = months
            .iter()
            .any(|&(y, m)| m == 2 && Date::new(y, 2, 29).is_ok());
        assert_eq!(length(&p), if leap_day { 366 } else { 365 }, "{today}");

        let from_name = MONTHS[usize::try_from(p.from.month() - 1).expect("a month")];
        let to_name = MONTHS[usize::try_from(today.month() - 1).expect("a month")];
        assert_eq!(
            p.label,
            format!(
                "{from_name} {} t/m {to_name} {}",
                p.from.year(),
                today.year()
            ),
            "{today}"
        );
        assert!(p.label.contains(" t/m "), "{today}");

        // The same months whatever the day within the month.
        assert_eq!(Period::last_twelve_months(today.first_of_month()), p);
        assert_eq!(Period::last_twelve_months(today.last_of_month()), p);
        count += 1;
    }
    assert_eq!(count, DAYS);
}

/// The choice is what the reader chose: "the last twelve months" is never
/// "this year", not even in December when both cover the same days (the
/// dashboard once inferred the choice from the dates and got December
/// wrong). Each choice travels as a query value of its own and reads back;
/// the yearly report for the last twelve months is this year's.
#[test]
fn period_choices_on_every_day() {
    let mut decembers = 0;
    for today in every_day() {
        let year = today.year();
        let last = PeriodChoice::LastTwelveMonths;
        let choices = [
            PeriodChoice::Year(year - 2),
            PeriodChoice::Year(year - 1),
            PeriodChoice::Year(year),
            last,
        ];
        assert_ne!(last, PeriodChoice::Year(year), "{today}");

        let twelve = last.period(today);
        let calendar_year = PeriodChoice::Year(year).period(today);
        assert_eq!(twelve, Period::last_twelve_months(today));
        assert_eq!(calendar_year, Period::year(year));
        assert!(calendar_year.contains(today) && twelve.contains(today));
        assert_eq!(calendar_year.months().len(), 12);
        assert_eq!(calendar_year.label, year.to_string());
        // The days coincide in December only; the labels never.
        let same_days = (twelve.from, twelve.to) == (calendar_year.from, calendar_year.to);
        assert_eq!(same_days, today.month() == 12, "{today}");
        assert_ne!(twelve.label, calendar_year.label, "{today}");
        if same_days {
            decembers += 1;
            assert_eq!(twelve.months(), calendar_year.months());
        }

        // Query values: distinct, and each reads back as its choice the
        // way the dashboard reads them (the year as a number, else "12m").
        let values: Vec<String> = choices.iter().map(|c| c.query_value()).collect();
        for (i, (choice, value)) in choices.iter().zip(&values).enumerate() {
            assert!(!values[..i].contains(value), "{today}: {values:?}");
            let back = if value == PeriodChoice::LAST_TWELVE_MONTHS {
                PeriodChoice::LastTwelveMonths
            } else {
                PeriodChoice::Year(value.parse().expect("a year"))
            };
            assert_eq!(back, *choice, "{today}: {value}");
        }
        assert!(last.query_value().parse::<i16>().is_err());

        assert_eq!(last.report_year(today), year, "{today}");
        assert_eq!(twelve.to.year(), last.report_year(today));
        for y in [year - 1, year, year + 1] {
            assert_eq!(PeriodChoice::Year(y).report_year(today), y);
        }
    }
    assert_eq!(decembers, 31 * 3);
}

/// A complaint received today counts in the last month of the last twelve
/// months; one received on the first day counts in the first month; one
/// received the day before does not count at all. The same for the year.
#[test]
fn complaints_count_in_the_period_of_their_day_of_receipt() {
    for (n, today) in every_day().enumerate() {
        let n = u128::try_from(n).expect("small") * 10;
        let p = Period::last_twelve_months(today);
        let facts = [
            row(n + 1, today, Kind::Complaint, Some("Planning")),
            row(n + 2, p.from, Kind::Signal, Some("Planning")),
            row(n + 3, plus(p.from, -1), Kind::Complaint, Some("Planning")),
            row(n + 4, p.to, Kind::Complaint, None),
        ];
        let s = Stats::compute(&facts, &p, today);
        // The row on the period's last day is in the future unless today is
        // the last of the month; it still falls in the period.
        assert_eq!(s.totals.received, 3, "{today}");
        assert_eq!(s.months.len(), 12);
        let complaints: Vec<u64> = s.months.iter().map(|m| m.complaints).collect();
        let signals: Vec<u64> = s.months.iter().map(|m| m.signals).collect();
        assert_eq!(complaints[11], 2, "{today}: {complaints:?}");
        assert_eq!(complaints.iter().sum::<u64>(), 2, "{today}");
        assert_eq!(signals[0], 1, "{today}: {signals:?}");
        assert_eq!(signals.iter().sum::<u64>(), 1, "{today}");
        assert_eq!(
            (s.months[0].year, s.months[0].month),
            (p.from.year(), p.from.month())
        );

        let y = Period::year(today.year());
        let facts = [
            row(n + 5, today, Kind::Complaint, None),
            row(n + 6, y.from, Kind::Complaint, None),
            row(n + 7, plus(y.from, -1), Kind::Complaint, None),
            row(n + 8, y.to, Kind::Complaint, None),
            row(n + 9, plus(y.to, 1), Kind::Complaint, None),
        ];
        let s = Stats::compute(&facts, &y, today);
        assert_eq!(s.totals.received, 3, "{today}");
        let month = usize::try_from(today.month() - 1).expect("a month");
        let per_month: Vec<u64> = s.months.iter().map(|m| m.complaints).collect();
        let mut expected = [0_u64; 12];
        expected[0] += 1;
        expected[11] += 1;
        expected[month] += 1;
        assert_eq!(per_month, expected, "{today}");
    }
}
