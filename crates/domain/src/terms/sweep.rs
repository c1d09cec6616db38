//! The four terms for a complaint received on every day of 2026, 2027 and
//! 2028, checked against the regulation's wording by walking the days.

use jiff::civil::{Date, date};

use super::{Step, TermStatus, Terms, term_status};
use crate::calendar::WorkingCalendar;
use crate::sweep::{DAYS, days, every_day, local, plus};

/// The first working day on or after `day`, by walking.
fn first_working_on_or_after(cal: &WorkingCalendar, day: Date) -> Date {
    days(day, plus(day, 30))
        .find(|d| cal.is_working_day(*d))
        .expect("a working day within a month")
}

/// Working days in `(from, to]`, by walking.
fn working_days_in(cal: &WorkingCalendar, from: Date, to: Date) -> usize {
    days(plus(from, 1), to)
        .filter(|d| cal.is_working_day(*d))
        .count()
}

/// For every day of receipt: report on that day or the next working day;
/// contact the 2nd working day after it; offer and record the same weekday
/// 2 and 3 weeks later, moved to the next working day; all of them working
/// days, in order, on or after the day of receipt; the same terms whatever
/// the hour of receipt; never earlier than those of the day before.
#[test]
fn terms_for_a_receipt_on_every_day_of_2026_to_2028() {
    let cal = WorkingCalendar::netherlands_default();
    let mut previous: Option<Terms> = None;
    let mut count = 0;
    for day in every_day() {
        let t = Terms::compute(local(&cal, day, 9, 30, 0), &cal);
        // The hour of receipt does not matter, only the local day: also not
        // just after midnight or just before it, in summer or winter time.
        for (h, m, s) in [(0, 0, 0), (0, 59, 59), (23, 0, 0), (23, 59, 59)] {
            let at = local(&cal, day, h, m, s);
            let other = Terms::compute(at, &cal);
            assert_eq!(
                (other.report, other.contact, other.offer, other.record),
                (t.report, t.contact, t.offer, t.record),
                "{day} {h}:{m}:{s}"
            );
            assert_eq!(other.received, at);
        }

        assert_eq!(t.report, first_working_on_or_after(&cal, day), "{day}");
        assert!(
            cal.is_working_day(t.contact),
            "{day}: contact {}",
            t.contact
        );
        assert_eq!(working_days_in(&cal, day, t.contact), 2, "{day}");
        assert_eq!(
            working_days_in(&cal, day, plus(t.contact, -1)),
            1,
            "{day}: contact {} is not the 2nd working day",
            t.contact
        );
        assert_eq!(
            t.offer,
            first_working_on_or_after(&cal, plus(day, 14)),
            "{day}"
        );
        assert_eq!(
            t.record,
            first_working_on_or_after(&cal, plus(day, 21)),
            "{day}"
        );
        for step in Step::ALL {
            let due = t.due(step);
            assert!(cal.is_working_day(due), "{day}: {step:?} on {due}");
            assert!(due >= day, "{day}: {step:?} on {due}");
            // The longest run of days off in these years is four days, so
            // no term moves more than four days past its nominal day.
            let latest = match step {
                Step::Report => plus(day, 4),
                Step::Contact => plus(day, 2 + 4),
                Step::Offer => plus(day, 14 + 4),
                Step::Record => plus(day, 21 + 4),
            };
            assert!(due <= latest, "{day}: {step:?} on {due}");
        }
        assert!(t.contact > day, "{day}");
        assert!(t.report < t.contact, "{day}");
        assert!(t.contact < t.offer, "{day}");
        assert!(t.offer < t.record, "{day}");

        // Status on the term's own day, the day before and the day after.
        for step in Step::ALL {
            let due = t.due(step);
            assert_eq!(term_status(due, due, None), TermStatus::DueToday);
            assert_eq!(term_status(due, plus(due, -1), None), TermStatus::OnTime);
            assert_eq!(term_status(due, plus(due, 1), None), TermStatus::Overdue);
            assert_eq!(t.days_late(step, due, &cal), 0);
            assert!(
                t.days_late(step, plus(due, 1), &cal) >= 1,
                "{day}: {step:?}"
            );
        }

        // A later receipt never has an earlier term.
        if let Some(p) = previous {
            for step in Step::ALL {
                assert!(p.due(step) <= t.due(step), "{day}: {step:?}");
            }
        }
        previous = Some(t);
        count += 1;
    }
    assert_eq!(count, DAYS);
}

/// Receipts in the week of 23–26 December 2028 (four days off in a row):
/// the terms the sweep above should and does produce, written out.
#[test]
fn the_longest_run_of_days_off() {
    let cal = WorkingCalendar::netherlands_default();
    let terms = |day| {
        let t = Terms::compute(local(&cal, day, 9, 30, 0), &cal);
        (t.report, t.contact, t.offer, t.record)
    };
    // Friday 22 December: contact on Thursday 28 December.
    assert_eq!(
        terms(date(2028, 12, 22)),
        (
            date(2028, 12, 22),
            date(2028, 12, 28),
            date(2029, 1, 5),
            date(2029, 1, 12)
        )
    );
    // Received on Eerste Kerstdag: reported on Wednesday 27 December.
    assert_eq!(
        terms(date(2028, 12, 25)),
        (
            date(2028, 12, 27),
            date(2028, 12, 28),
            date(2029, 1, 8),
            date(2029, 1, 15)
        )
    );
    // Received 11 December: offer on the 25th moves to the 27th.
    assert_eq!(terms(date(2028, 12, 11)).2, date(2028, 12, 27));
}
