use super::*;
use crate::calendar::CalendarOptions;
use jiff::civil::{Weekday, date};
use jiff::tz::TimeZone;
use proptest::prelude::*;

fn nl() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("test timestamp")
}

fn terms(received: &str) -> Terms {
    Terms::compute(ts(received), &nl())
}

/// (report, contact, offer, record)
fn dates(t: Terms) -> (Date, Date, Date, Date) {
    (t.report, t.contact, t.offer, t.record)
}

#[test]
fn design_example() {
    let t = terms("2026-04-24T09:30:00+02:00");
    assert_eq!(
        dates(t),
        (
            date(2026, 4, 24),
            date(2026, 4, 29),
            date(2026, 5, 8),
            date(2026, 5, 15)
        )
    );
    assert_eq!(t.received, ts("2026-04-24T07:30:00Z"));
    assert_eq!(t.due(Step::Report), t.report);
    assert_eq!(t.due(Step::Contact), t.contact);
    assert_eq!(t.due(Step::Offer), t.offer);
    assert_eq!(t.due(Step::Record), t.record);
}

#[test]
fn koningsdag_moves_offer_and_record() {
    // Monday 13 April + 2 weeks is Koningsdag.
    let t = terms("2026-04-13T10:00:00+02:00");
    assert_eq!(t.offer, date(2026, 4, 28));
    assert_eq!(t.record, date(2026, 5, 4));
    // Received on Tweede Paasdag: reported the next day, record term on
    // Koningsdag moves as well.
    let t = terms("2026-04-06T10:00:00+02:00");
    assert_eq!(
        dates(t),
        (
            date(2026, 4, 7),
            date(2026, 4, 8),
            date(2026, 4, 20),
            date(2026, 4, 28)
        )
    );
}

#[test]
fn hemelvaart() {
    let t = terms("2026-05-12T10:00:00+02:00");
    assert_eq!(t.contact, date(2026, 5, 15));
    assert_eq!(t.offer, date(2026, 5, 26));
    assert_eq!(t.record, date(2026, 6, 2));
    // Received on Hemelvaartsdag itself.
    let t = terms("2026-05-14T10:00:00+02:00");
    assert_eq!(t.report, date(2026, 5, 15));
    assert_eq!(t.contact, date(2026, 5, 18));
    // Offer term (Thursday 30 April + 2 weeks) on Hemelvaartsdag.
    assert_eq!(terms("2026-04-30T10:00:00+02:00").offer, date(2026, 5, 15));
}

#[test]
fn pinksteren() {
    assert_eq!(
        terms("2026-05-21T10:00:00+02:00").contact,
        date(2026, 5, 26)
    );
    assert_eq!(
        terms("2026-05-22T10:00:00+02:00").contact,
        date(2026, 5, 27)
    );
    assert_eq!(terms("2026-05-11T10:00:00+02:00").offer, date(2026, 5, 26));
    assert_eq!(terms("2026-05-04T10:00:00+02:00").record, date(2026, 5, 26));
}

#[test]
fn kerst_and_nieuwjaar() {
    let t = terms("2026-12-23T10:00:00+01:00");
    assert_eq!(
        dates(t),
        (
            date(2026, 12, 23),
            date(2026, 12, 28),
            date(2027, 1, 6),
            date(2027, 1, 13)
        )
    );
    assert_eq!(
        terms("2026-12-24T10:00:00+01:00").contact,
        date(2026, 12, 29)
    );
    assert_eq!(
        terms("2026-12-25T10:00:00+01:00").report,
        date(2026, 12, 28)
    );
    assert_eq!(
        terms("2026-12-25T10:00:00+01:00").contact,
        date(2026, 12, 29)
    );
    let t = terms("2026-12-31T16:00:00+01:00");
    assert_eq!(
        dates(t),
        (
            date(2026, 12, 31),
            date(2027, 1, 5),
            date(2027, 1, 14),
            date(2027, 1, 21)
        )
    );
    // Offer term (Friday 11 December + 2 weeks) on Eerste Kerstdag.
    assert_eq!(terms("2026-12-11T10:00:00+01:00").offer, date(2026, 12, 28));
    // Record term (Friday 11 December 2026 + 3 weeks) on Nieuwjaarsdag.
    assert_eq!(terms("2026-12-11T10:00:00+01:00").record, date(2027, 1, 4));
}

#[test]
fn bevrijdingsdag_lustrum() {
    // 2025: a Monday, so it moves terms.
    assert_eq!(terms("2025-05-01T10:00:00+02:00").contact, date(2025, 5, 6));
    assert_eq!(terms("2025-04-14T10:00:00+02:00").record, date(2025, 5, 6));
    // 2030: a Sunday, a holiday that cannot move anything.
    assert_eq!(date(2030, 5, 5).weekday(), Weekday::Sunday);
    assert_eq!(nl().holiday(date(2030, 5, 5)), Some("Bevrijdingsdag"));
    assert_eq!(terms("2030-05-02T10:00:00+02:00").contact, date(2030, 5, 6));
    assert_eq!(terms("2030-05-05T10:00:00+02:00").report, date(2030, 5, 6));
    // 2045: a Friday.
    let t = terms("2045-05-04T10:00:00+02:00");
    assert_eq!(t.contact, date(2045, 5, 9));
    assert_eq!(terms("2045-04-21T10:00:00+02:00").offer, date(2045, 5, 8));
    // Not a lustrum year: a normal working day, unless yearly by option.
    assert_eq!(terms("2026-05-04T10:00:00+02:00").contact, date(2026, 5, 6));
    let yearly = WorkingCalendar::new(
        nl().time_zone().clone(),
        CalendarOptions {
            liberation_day_yearly: true,
            ..Default::default()
        },
    );
    let t = Terms::compute(ts("2026-05-04T10:00:00+02:00"), &yearly);
    assert_eq!(t.contact, date(2026, 5, 7));
}

#[test]
fn options_move_terms() {
    let cal = WorkingCalendar::new(
        nl().time_zone().clone(),
        CalendarOptions {
            good_friday: true,
            liberation_day_yearly: false,
            extra_closing_days: [date(2026, 5, 15)].into(),
        },
    );
    // Goede Vrijdag 3 April 2026 and Tweede Paasdag 6 April.
    let t = Terms::compute(ts("2026-04-02T10:00:00+02:00"), &cal);
    assert_eq!(t.contact, date(2026, 4, 8));
    assert_eq!(terms("2026-04-02T10:00:00+02:00").contact, date(2026, 4, 7));
    // A closing day on the design example's record term.
    let t = Terms::compute(ts("2026-04-24T09:30:00+02:00"), &cal);
    assert_eq!(t.record, date(2026, 5, 18));
}

#[test]
fn receipt_in_the_weekend() {
    let t = terms("2026-04-25T11:00:00+02:00");
    assert_eq!(
        dates(t),
        (
            date(2026, 4, 28),
            date(2026, 4, 29),
            date(2026, 5, 11),
            date(2026, 5, 18)
        )
    );
    let t = terms("2026-03-01T11:00:00+01:00");
    assert_eq!(
        dates(t),
        (
            date(2026, 3, 2),
            date(2026, 3, 3),
            date(2026, 3, 16),
            date(2026, 3, 23)
        )
    );
}

#[test]
fn late_evening_utc_is_the_next_day_in_amsterdam() {
    // 23:30 UTC on Thursday is 01:30 on Friday in Amsterdam (CEST).
    assert_eq!(
        dates(terms("2026-04-23T23:30:00Z")),
        dates(terms("2026-04-24T09:30:00+02:00"))
    );
    // 23:30 UTC on Friday is Saturday.
    assert_eq!(terms("2026-04-24T23:30:00Z").report, date(2026, 4, 28));
    // In winter the boundary is 23:00 UTC.
    assert_eq!(terms("2026-01-14T22:59:59Z").report, date(2026, 1, 14));
    assert_eq!(terms("2026-01-14T23:00:00Z").report, date(2026, 1, 15));
    // In another zone the same instant is another day.
    let utc = WorkingCalendar::new(TimeZone::UTC, CalendarOptions::default());
    assert_eq!(
        Terms::compute(ts("2026-04-23T23:30:00Z"), &utc).contact,
        date(2026, 4, 28)
    );
}

#[test]
fn dst_boundaries() {
    // Summer time starts Sunday 29 March 2026 at 02:00 local (01:00 UTC).
    assert_eq!(terms("2026-03-27T22:59:59Z").report, date(2026, 3, 27));
    assert_eq!(terms("2026-03-27T23:00:00Z").report, date(2026, 3, 30));
    let t = terms("2026-03-29T00:59:59Z");
    assert_eq!(nl().local_date(t.received), date(2026, 3, 29));
    assert_eq!(dates(t), dates(terms("2026-03-29T01:00:00Z")));
    // The first day of summer time ends at 22:00 UTC, not 23:00.
    assert_eq!(terms("2026-03-30T21:59:59Z").report, date(2026, 3, 30));
    assert_eq!(terms("2026-03-30T22:00:00Z").report, date(2026, 3, 31));
    // Winter time starts Sunday 25 October 2026; Monday starts at 23:00
    // UTC on the Sunday.
    let sunday = terms("2026-10-25T22:59:59Z");
    let monday = terms("2026-10-25T23:00:00Z");
    assert_eq!(sunday.report, date(2026, 10, 26));
    assert_eq!(sunday.contact, date(2026, 10, 27));
    assert_eq!(monday.report, date(2026, 10, 26));
    assert_eq!(monday.contact, date(2026, 10, 28));
    // The repeated hour (02:00–03:00 twice) stays on the Sunday.
    assert_eq!(
        nl().local_date(ts("2026-10-25T00:30:00Z")),
        date(2026, 10, 25)
    );
    assert_eq!(
        nl().local_date(ts("2026-10-25T01:30:00Z")),
        date(2026, 10, 25)
    );
    // Terms counted across a DST change are whole civil days.
    assert_eq!(terms("2026-03-20T10:00:00+01:00").offer, date(2026, 4, 3));
    assert_eq!(terms("2026-10-16T10:00:00+02:00").record, date(2026, 11, 6));
}

#[test]
fn statuses_and_labels() {
    let due = date(2026, 4, 29);
    assert_eq!(
        term_status(due, date(2026, 4, 28), None),
        TermStatus::OnTime
    );
    assert_eq!(term_status(due, due, None), TermStatus::DueToday);
    assert_eq!(
        term_status(due, date(2026, 4, 30), None),
        TermStatus::Overdue
    );
    assert_eq!(
        term_status(due, date(2026, 6, 1), Some(due)),
        TermStatus::Done { on_time: true }
    );
    assert_eq!(
        term_status(due, date(2026, 4, 1), Some(date(2026, 4, 24))),
        TermStatus::Done { on_time: true }
    );
    assert_eq!(
        term_status(due, date(2026, 6, 1), Some(date(2026, 4, 30))),
        TermStatus::Done { on_time: false }
    );
    assert_eq!(TermStatus::OnTime.label(), "op tijd");
    assert_eq!(TermStatus::DueToday.label(), "vandaag");
    assert_eq!(TermStatus::Overdue.label(), "te laat");
    assert_eq!(
        TermStatus::Done { on_time: true }.label(),
        "op tijd afgerond"
    );
    assert_eq!(
        TermStatus::Done { on_time: false }.label(),
        "te laat afgerond"
    );
    assert!(TermStatus::Overdue.is_late());
    assert!(TermStatus::Done { on_time: false }.is_late());
    assert!(!TermStatus::DueToday.is_late());
    assert!(!TermStatus::Done { on_time: true }.is_late());
}

#[test]
fn serde_shapes() {
    let json = |v: &TermStatus| serde_json::to_string(v).expect("serialise");
    assert_eq!(json(&TermStatus::OnTime), r#""on_time""#);
    assert_eq!(json(&TermStatus::DueToday), r#""due_today""#);
    assert_eq!(json(&TermStatus::Overdue), r#""overdue""#);
    assert_eq!(
        json(&TermStatus::Done { on_time: false }),
        r#"{"done":{"on_time":false}}"#
    );
    let t = terms("2026-04-24T09:30:00+02:00");
    assert_eq!(
        serde_json::to_string(&t).expect("serialise"),
        r#"{"received":"2026-04-24T07:30:00Z","report":"2026-04-24","contact":"2026-04-29","offer":"2026-05-08","record":"2026-05-15"}"#
    );
    assert_eq!(
        serde_json::from_str::<Terms>(&serde_json::to_string(&t).expect("serialise"))
            .expect("parse"),
        t
    );
}

#[test]
fn days_late() {
    let cal = nl();
    let t = terms("2026-04-24T09:30:00+02:00");
    assert_eq!(t.days_late(Step::Contact, date(2026, 4, 24), &cal), 0);
    assert_eq!(t.days_late(Step::Contact, date(2026, 4, 29), &cal), 0);
    assert_eq!(t.days_late(Step::Contact, date(2026, 4, 30), &cal), 1);
    assert_eq!(t.days_late(Step::Contact, date(2026, 5, 2), &cal), 2);
    assert_eq!(t.days_late(Step::Contact, date(2026, 5, 4), &cal), 3);
    // Late by a weekend day only still counts as late.
    assert_eq!(t.days_late(Step::Offer, date(2026, 5, 9), &cal), 1);
    assert_eq!(t.days_late(Step::Offer, date(2026, 5, 11), &cal), 1);
    assert_eq!(t.days_late(Step::Report, date(2026, 4, 27), &cal), 1);
    assert_eq!(t.days_late(Step::Report, date(2026, 4, 28), &cal), 1);
    assert_eq!(t.days_late(Step::Record, date(2026, 5, 22), &cal), 5);
}

fn instant() -> impl Strategy<Value = Timestamp> {
    // 2000-01-01T00:00Z up to 2101-01-01T00:00Z.
    (946_684_800_i64..4_133_980_800).prop_map(|s| Timestamp::from_second(s).expect("in range"))
}

fn calendar_near(
    good_friday: bool,
    yearly: bool,
    closing: &[i64],
    around: Date,
) -> WorkingCalendar {
    WorkingCalendar::new(
        WorkingCalendar::netherlands_default().time_zone().clone(),
        CalendarOptions {
            good_friday,
            liberation_day_yearly: yearly,
            extra_closing_days: closing
                .iter()
                .filter_map(|offset| around.checked_add(offset.days()).ok())
                .collect(),
        },
    )
}

fn options() -> impl Strategy<Value = (bool, bool, Vec<i64>)> {
    (
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(-3_i64..40, 0..10),
    )
}

fn date_in_range() -> impl Strategy<Value = Date> {
    (0_i64..36_890).prop_map(|d| date(2000, 1, 1).checked_add(d.days()).expect("in range"))
}

proptest! {
    #[test]
    fn terms_obey_the_rules(at in instant(), (gf, yearly, closing) in options()) {
        let d = nl().local_date(at);
        let cal = calendar_near(gf, yearly, &closing, d);
        let t = Terms::compute(at, &cal);
        prop_assert_eq!(t.received, at);
        for step in Step::ALL {
            prop_assert!(cal.is_working_day(t.due(step)), "{:?} {}", step, t.due(step));
        }
        prop_assert!(t.report >= d);
        prop_assert!(t.report <= t.contact && t.contact <= t.offer && t.offer <= t.record);
        prop_assert!(t.contact > d);
        prop_assert_eq!(cal.working_days_between(d, t.contact), 2);
        // Every day between receipt and the report term is not a working day.
        let mut day = d;
        while day < t.report {
            prop_assert!(!cal.is_working_day(day));
            day = day.tomorrow().expect("in range");
        }
        for (term, weeks) in [(t.offer, 2_i64), (t.record, 3)] {
            let start = d.checked_add(weeks.weeks()).expect("in range");
            prop_assert_eq!(start.weekday(), d.weekday());
            prop_assert!(term >= start);
            let mut day = start;
            while day < term {
                prop_assert!(!cal.is_working_day(day), "{} before {}", day, term);
                day = day.tomorrow().expect("in range");
            }
        }
    }

    #[test]
    fn terms_are_monotone(
        a in instant(),
        gap in 0_i64..(40 * 86_400),
        (gf, yearly, closing) in options(),
    ) {
        let b = a.checked_add(jiff::SignedDuration::from_secs(gap)).expect("in range");
        let cal = calendar_near(gf, yearly, &closing, nl().local_date(a));
        let (ta, tb) = (Terms::compute(a, &cal), Terms::compute(b, &cal));
        for step in Step::ALL {
            prop_assert!(ta.due(step) <= tb.due(step), "{:?}", step);
        }
    }

    #[test]
    fn working_days_compose(
        a in date_in_range(),
        m in 0_u32..300,
        n in 0_u32..300,
        (gf, yearly, closing) in options(),
    ) {
        let cal = calendar_near(gf, yearly, &closing, a);
        prop_assert_eq!(
            cal.add_working_days(a, m + n),
            cal.add_working_days(cal.add_working_days(a, m), n)
        );
    }

    #[test]
    fn working_days_between_inverts_add(
        a in date_in_range(),
        n in 0_u32..400,
        (gf, yearly, closing) in options(),
    ) {
        let cal = calendar_near(gf, yearly, &closing, a);
        let b = cal.add_working_days(a, n);
        let n = i32::try_from(n).expect("small");
        prop_assert_eq!(cal.working_days_between(a, b), n);
        prop_assert_eq!(cal.working_days_between(b, a), -n);
        if n > 0 {
            prop_assert!(cal.is_working_day(b));
        }
    }

    #[test]
    fn status_agrees_with_days_late(
        at in instant(),
        done_offset in -10_i64..60,
        today_offset in -10_i64..60,
    ) {
        let cal = nl();
        let t = Terms::compute(at, &cal);
        for step in Step::ALL {
            let due = t.due(step);
            let done = due.checked_add(done_offset.days()).expect("in range");
            let today = due.checked_add(today_offset.days()).expect("in range");
            let late = t.days_late(step, done, &cal);
            let status = term_status(due, today, Some(done));
            prop_assert_eq!(status.is_late(), late > 0);
            prop_assert!(late >= 0);
            prop_assert_eq!(term_status(due, today, None).is_late(), today > due);
        }
    }
}

/// The words of a term are what `Terms::compute` does: on a plain week
/// (no holiday near), "2 werkdagen" is two weekdays on, "2 weken" and "3
/// weken" the same weekday later, "dezelfde dag" the day itself.
#[test]
fn the_worded_terms_match_the_computed_ones() {
    // Monday 7 December 2026: no holiday within three weeks.
    let t = terms("2026-12-07T10:00:00+01:00");
    assert_eq!(Step::Report.term(), "dezelfde dag");
    assert_eq!(t.report, date(2026, 12, 7));
    assert_eq!(Step::Contact.term(), "2 werkdagen");
    assert_eq!(t.contact, date(2026, 12, 9));
    assert_eq!(Step::Offer.term(), "2 weken");
    assert_eq!(t.offer, date(2026, 12, 21));
    assert_eq!(Step::Record.term(), "3 weken");
    assert_eq!(t.record, date(2026, 12, 28));
    for step in Step::ALL {
        assert!(step.rule().ends_with(step.term()), "{step:?}");
    }
    let numbers: Vec<u8> = Step::ALL.iter().map(|s| s.number()).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
}
