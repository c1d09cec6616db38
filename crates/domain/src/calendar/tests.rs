use super::*;
use jiff::civil::date;
use proptest::prelude::*;

fn nl() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

fn with(options: CalendarOptions) -> WorkingCalendar {
    WorkingCalendar::new(amsterdam(), options)
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("test timestamp")
}

#[test]
fn easter_known_dates() {
    for (year, m, d) in [
        (2000, 4, 23),
        (2019, 4, 21),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2038, 4, 25),
        (2285, 3, 22),
        (1818, 3, 22),
        (1943, 4, 25),
    ] {
        assert_eq!(easter_sunday(year), date(year, m, d), "{year}");
        assert_eq!(easter_sunday(year).weekday(), Weekday::Sunday);
    }
}

#[test]
fn easter_is_total_over_the_whole_range() {
    for year in -9999..=9999_i16 {
        let easter = easter_sunday(year);
        assert_eq!(easter.weekday(), Weekday::Sunday, "{year}");
        assert!((date(year, 3, 22)..=date(year, 4, 25)).contains(&easter));
    }
}

#[test]
fn easter_based_holidays() {
    let cal = nl();
    for (year, monday, ascension, whit_monday) in [
        (2024, date(2024, 4, 1), date(2024, 5, 9), date(2024, 5, 20)),
        (2025, date(2025, 4, 21), date(2025, 5, 29), date(2025, 6, 9)),
        (2026, date(2026, 4, 6), date(2026, 5, 14), date(2026, 5, 25)),
        (2027, date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)),
        (2038, date(2038, 4, 26), date(2038, 6, 3), date(2038, 6, 14)),
    ] {
        assert_eq!(cal.holiday(monday), Some("Tweede Paasdag"), "{year}");
        assert_eq!(cal.holiday(ascension), Some("Hemelvaartsdag"), "{year}");
        assert_eq!(cal.holiday(whit_monday), Some("Tweede Pinksterdag"));
        assert_eq!(monday.weekday(), Weekday::Monday);
        assert_eq!(ascension.weekday(), Weekday::Thursday);
        assert_eq!(whit_monday.weekday(), Weekday::Monday);
        for day in [monday, ascension, whit_monday] {
            assert!(!cal.is_working_day(day));
        }
        // Easter Sunday and Whit Sunday are Sundays anyway; Good Friday
        // is off only by option.
        let good_friday = easter_sunday(year).checked_sub(2.days()).expect("in range");
        assert_eq!(cal.holiday(good_friday), None);
        assert!(cal.is_working_day(good_friday));
    }
}

#[test]
fn good_friday_option() {
    let cal = with(CalendarOptions {
        good_friday: true,
        ..Default::default()
    });
    for d in [
        date(2024, 3, 29),
        date(2025, 4, 18),
        date(2026, 4, 3),
        date(2027, 3, 26),
    ] {
        assert_eq!(cal.holiday(d), Some("Goede Vrijdag"));
        assert!(!cal.is_working_day(d));
        assert!(nl().is_working_day(d));
    }
}

#[test]
fn fixed_holidays() {
    let cal = nl();
    for year in [2024, 2025, 2026, 2027, 2030, 2038] {
        assert_eq!(cal.holiday(date(year, 1, 1)), Some("Nieuwjaarsdag"));
        assert_eq!(cal.holiday(date(year, 12, 25)), Some("Eerste Kerstdag"));
        assert_eq!(cal.holiday(date(year, 12, 26)), Some("Tweede Kerstdag"));
        assert_eq!(cal.holiday(date(year, 12, 24)), None);
        assert_eq!(cal.holiday(date(year, 12, 31)), None);
    }
}

#[test]
fn koningsdag() {
    let cal = nl();
    // 27 April 2025 and 2031 are Sundays: celebrated on Saturday the 26th.
    for year in [2025, 2031] {
        assert_eq!(date(year, 4, 27).weekday(), Weekday::Sunday);
        assert_eq!(cal.holiday(date(year, 4, 26)), Some("Koningsdag"));
        assert_eq!(cal.holiday(date(year, 4, 27)), None);
    }
    for year in [2024, 2026, 2027, 2030] {
        assert_eq!(cal.holiday(date(year, 4, 27)), Some("Koningsdag"));
        assert_eq!(cal.holiday(date(year, 4, 26)), None, "{year}");
    }
    assert!(!cal.is_working_day(date(2026, 4, 27)));
    assert!(cal.is_working_day(date(2026, 4, 28)));
}

#[test]
fn bevrijdingsdag_in_lustrum_years_and_by_option() {
    let cal = nl();
    assert_eq!(date(2025, 5, 5).weekday(), Weekday::Monday);
    assert_eq!(cal.holiday(date(2025, 5, 5)), Some("Bevrijdingsdag"));
    assert!(!cal.is_working_day(date(2025, 5, 5)));
    assert_eq!(cal.holiday(date(2030, 5, 5)), Some("Bevrijdingsdag"));
    assert_eq!(cal.holiday(date(2000, 5, 5)), Some("Bevrijdingsdag"));
    for year in [2024, 2026, 2027, 2029, 2031] {
        assert_eq!(cal.holiday(date(year, 5, 5)), None, "{year}");
    }
    assert!(cal.is_working_day(date(2026, 5, 5)));

    let yearly = with(CalendarOptions {
        liberation_day_yearly: true,
        ..Default::default()
    });
    for year in [2024, 2025, 2026, 2027, 2030] {
        assert_eq!(yearly.holiday(date(year, 5, 5)), Some("Bevrijdingsdag"));
    }
    assert!(!yearly.is_working_day(date(2026, 5, 5)));
}

#[test]
fn coinciding_days_are_listed_once() {
    // Hemelvaartsdag 2016 was on 5 May.
    let cal = with(CalendarOptions {
        liberation_day_yearly: true,
        extra_closing_days: [date(2016, 5, 5), date(2016, 12, 25)].into(),
        ..Default::default()
    });
    assert_eq!(cal.holiday(date(2016, 5, 5)), Some("Bevrijdingsdag"));
    let days = cal.holidays_in_year(2016);
    assert_eq!(
        days.iter().filter(|(d, _)| *d == date(2016, 5, 5)).count(),
        1
    );
    assert_eq!(
        days.iter()
            .filter(|(d, _)| *d == date(2016, 12, 25))
            .count(),
        1
    );
}

#[test]
fn christmas_in_a_weekend_is_not_moved() {
    let cal = nl();
    // 2027: Saturday 25 and Sunday 26 December; Monday is a normal day.
    assert_eq!(date(2027, 12, 25).weekday(), Weekday::Saturday);
    assert_eq!(cal.holiday(date(2027, 12, 25)), Some("Eerste Kerstdag"));
    assert!(cal.is_working_day(date(2027, 12, 27)));
    assert_eq!(
        cal.next_working_day_on_or_after(date(2027, 12, 24)),
        date(2027, 12, 24)
    );
    assert_eq!(
        cal.add_working_days(date(2027, 12, 24), 1),
        date(2027, 12, 27)
    );
}

#[test]
fn extra_closing_days() {
    let cal = with(CalendarOptions {
        extra_closing_days: [date(2026, 12, 28), date(2026, 12, 29), date(2027, 1, 1)].into(),
        ..Default::default()
    });
    assert_eq!(cal.holiday(date(2026, 12, 28)), Some("Sluitingsdag"));
    // A public holiday keeps its own name.
    assert_eq!(cal.holiday(date(2027, 1, 1)), Some("Nieuwjaarsdag"));
    assert_eq!(
        cal.add_working_days(date(2026, 12, 24), 1),
        date(2026, 12, 30)
    );
    let days = cal.holidays_in_year(2026);
    assert!(days.contains(&(date(2026, 12, 29), "Sluitingsdag")));
    assert!(!days.iter().any(|(d, _)| d.year() != 2026));
}

#[test]
fn holidays_in_year_lists_everything_sorted() {
    let cal = nl();
    assert_eq!(
        cal.holidays_in_year(2026),
        vec![
            (date(2026, 1, 1), "Nieuwjaarsdag"),
            (date(2026, 4, 6), "Tweede Paasdag"),
            (date(2026, 4, 27), "Koningsdag"),
            (date(2026, 5, 14), "Hemelvaartsdag"),
            (date(2026, 5, 25), "Tweede Pinksterdag"),
            (date(2026, 12, 25), "Eerste Kerstdag"),
            (date(2026, 12, 26), "Tweede Kerstdag"),
        ]
    );
    assert_eq!(
        cal.holidays_in_year(2025),
        vec![
            (date(2025, 1, 1), "Nieuwjaarsdag"),
            (date(2025, 4, 21), "Tweede Paasdag"),
            (date(2025, 4, 26), "Koningsdag"),
            (date(2025, 5, 5), "Bevrijdingsdag"),
            (date(2025, 5, 29), "Hemelvaartsdag"),
            (date(2025, 6, 9), "Tweede Pinksterdag"),
            (date(2025, 12, 25), "Eerste Kerstdag"),
            (date(2025, 12, 26), "Tweede Kerstdag"),
        ]
    );
    let all = with(CalendarOptions {
        good_friday: true,
        liberation_day_yearly: true,
        extra_closing_days: [date(2027, 12, 27), date(2028, 1, 3)].into(),
    })
    .holidays_in_year(2027);
    assert_eq!(all.len(), 10);
    assert!(all.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(all.contains(&(date(2027, 3, 26), "Goede Vrijdag")));
    assert!(all.contains(&(date(2027, 12, 27), "Sluitingsdag")));
    // The extremes of jiff's range do not panic.
    assert!(!cal.holidays_in_year(9999).is_empty());
    assert!(!cal.holidays_in_year(-9999).is_empty());
}

#[test]
fn weekends_are_not_working_days() {
    let cal = nl();
    assert!(!cal.is_working_day(date(2026, 4, 25)));
    assert!(!cal.is_working_day(date(2026, 4, 26)));
    assert!(cal.is_working_day(date(2026, 4, 24)));
    assert_eq!(
        cal.next_working_day_on_or_after(date(2026, 4, 25)),
        date(2026, 4, 28)
    );
}

#[test]
fn working_day_arithmetic() {
    let cal = nl();
    let friday = date(2026, 4, 24);
    assert_eq!(cal.add_working_days(friday, 0), friday);
    assert_eq!(
        cal.add_working_days(date(2026, 4, 25), 0),
        date(2026, 4, 25)
    );
    assert_eq!(cal.add_working_days(friday, 1), date(2026, 4, 28));
    assert_eq!(cal.add_working_days(friday, 2), date(2026, 4, 29));
    assert_eq!(cal.working_days_between(friday, date(2026, 4, 29)), 2);
    assert_eq!(cal.working_days_between(date(2026, 4, 29), friday), -2);
    assert_eq!(cal.working_days_between(friday, friday), 0);
    assert_eq!(cal.working_days_between(friday, date(2026, 4, 27)), 0);
    assert_eq!(
        cal.working_days_between(date(2026, 1, 1), date(2027, 1, 1)),
        255
    );
}

#[test]
fn arithmetic_saturates_at_the_end_of_time() {
    let cal = nl();
    assert_eq!(cal.add_working_days(Date::MAX, 3), Date::MAX);
    assert_eq!(cal.next_working_day_on_or_after(Date::MAX), Date::MAX);
    assert_eq!(cal.working_days_between(date(9999, 12, 30), Date::MAX), 1);
}

#[test]
fn local_date_uses_the_calendar_zone() {
    let cal = nl();
    assert_eq!(
        cal.local_date(ts("2026-04-24T22:30:00Z")),
        date(2026, 4, 25)
    );
    assert_eq!(cal.local_date(ts("2026-01-01T22:59:59Z")), date(2026, 1, 1));
    assert_eq!(cal.local_date(ts("2026-01-01T23:00:00Z")), date(2026, 1, 2));
    let utc =
        WorkingCalendar::from_zone_name("UTC", CalendarOptions::default()).expect("UTC exists");
    assert_eq!(
        utc.local_date(ts("2026-04-24T22:30:00Z")),
        date(2026, 4, 24)
    );
}

#[test]
fn zone_names() {
    let cal = WorkingCalendar::from_zone_name(" Europe/Brussels ", CalendarOptions::default())
        .expect("bundled zone");
    assert_eq!(cal.time_zone().iana_name(), Some("Europe/Brussels"));
    let err = WorkingCalendar::from_zone_name("Europe/Atlantis", CalendarOptions::default())
        .expect_err("unknown zone");
    assert_eq!(
        err.refusal(),
        &Code::UnknownTimeZone.text("input", "Europe/Atlantis")
    );
    assert_eq!(
        WorkingCalendar::from_zone_name("", CalendarOptions::default())
            .expect_err("no zone")
            .code(),
        Code::TimeZoneMissing
    );
    assert_eq!(nl().time_zone().iana_name(), Some("Europe/Amsterdam"));
    assert_eq!(nl(), WorkingCalendar::default());
    assert_eq!(nl().options(), &CalendarOptions::default());
}

#[test]
fn options_round_trip_through_serde() {
    let options = CalendarOptions {
        good_friday: true,
        liberation_day_yearly: false,
        extra_closing_days: [date(2026, 12, 28)].into(),
    };
    let json = serde_json::to_string(&options).expect("serialise");
    assert_eq!(
        json,
        r#"{"good_friday":true,"liberation_day_yearly":false,"extra_closing_days":["2026-12-28"]}"#
    );
    assert_eq!(
        serde_json::from_str::<CalendarOptions>(&json).expect("parse"),
        options
    );
    // Missing fields mean "off", so configuration may name only what it uses.
    assert_eq!(
        serde_json::from_str::<CalendarOptions>(r#"{"good_friday":true}"#).expect("parse"),
        CalendarOptions {
            good_friday: true,
            ..Default::default()
        }
    );
}

#[test]
fn parse_received_accepts_dates_and_timestamps() {
    let cal = nl();
    assert_eq!(
        cal.parse_received("2026-04-24"),
        Ok(ts("2026-04-23T22:00:00Z"))
    );
    assert_eq!(
        cal.parse_received("2026-01-15"),
        Ok(ts("2026-01-14T23:00:00Z"))
    );
    assert_eq!(
        cal.parse_received(" 2026-04-24T09:30:00+02:00 "),
        Ok(ts("2026-04-24T07:30:00Z"))
    );
    assert_eq!(
        cal.parse_received("2026-04-24T07:30:00Z"),
        Ok(ts("2026-04-24T07:30:00Z"))
    );
    assert_eq!(
        cal.parse_received("2026-04-24T07:30:00.250-03:00"),
        Ok(ts("2026-04-24T10:30:00.25Z"))
    );
}

#[test]
fn parse_received_start_of_day_around_dst() {
    let cal = nl();
    // DST starts at 02:00 and ends at 03:00; midnight exists on both days.
    assert_eq!(
        cal.parse_received("2026-03-29"),
        Ok(ts("2026-03-28T23:00:00Z"))
    );
    assert_eq!(
        cal.parse_received("2026-10-25"),
        Ok(ts("2026-10-24T22:00:00Z"))
    );
    // São Paulo skipped from 00:00 to 01:00 on 4 November 2018.
    let sp = WorkingCalendar::from_zone_name("America/Sao_Paulo", CalendarOptions::default())
        .expect("bundled zone");
    let start = sp.parse_received("2018-11-04").expect("valid date");
    assert_eq!(start, ts("2018-11-04T03:00:00Z"));
    assert_eq!(sp.local_date(start), date(2018, 11, 4));
}

#[test]
fn parse_received_rejects_with_codes() {
    let cal = nl();
    let err = |s: &str| cal.parse_received(s).expect_err(s).into_refusal();
    let code = |s: &str| err(s).code();
    assert_eq!(
        err("24-04-2026"),
        Code::NotAMoment.text("input", "24-04-2026")
    );
    assert_eq!(
        err("2026-02-30"),
        Code::NoSuchDateIn.text("input", "2026-02-30")
    );
    assert_eq!(
        err("2025-02-29"),
        Code::NoSuchDateIn.text("input", "2025-02-29")
    );
    assert!(cal.parse_received("2024-02-29").is_ok());
    assert_eq!(code("2026-13-01"), Code::NoSuchDateIn);
    assert_eq!(code("2026-02-30T10:00:00Z"), Code::NoSuchDateIn);
    assert_eq!(code("2026-04-24T09:30:00"), Code::NoOffset);
    assert_eq!(code(""), Code::ReceivedMissing);
    assert_eq!(code("morgen"), Code::NotAMoment);
    assert_eq!(code("2026-4-24"), Code::NotAMoment);
    assert_eq!(code("2026-04-24T25:00:00Z"), Code::NotAMoment);
    let long = "x".repeat(10_000);
    assert!(err(&long).to_string().chars().count() < 200);
}

proptest! {
    #[test]
    fn easter_offsets_agree_with_date_arithmetic(year in 1583_i16..=9999) {
        let cal = nl();
        let easter = easter_sunday(year);
        for (offset, name) in [(1_i64, "Tweede Paasdag"), (39, "Hemelvaartsdag"), (50, "Tweede Pinksterdag")] {
            let day = easter.checked_add(offset.days()).expect("in range");
            let named = cal.holiday(day);
            prop_assert!(named == Some(name) || named == Some("Bevrijdingsdag"));
        }
    }

    #[test]
    fn parse_received_never_panics(s in "\\PC*") {
        let _ = nl().parse_received(&s);
    }

    #[test]
    fn parse_received_never_panics_on_near_misses(
        s in "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:?[0-9]{2})?)?"
    ) {
        let _ = nl().parse_received(&s);
    }

    #[test]
    fn parse_received_round_trips_dates(days in 0_i64..36_890, zone in 0_usize..4) {
        let zones = ["Europe/Amsterdam", "UTC", "America/Sao_Paulo", "Pacific/Kiritimati"];
        let cal = WorkingCalendar::from_zone_name(zones[zone], CalendarOptions::default())
            .expect("bundled zone");
        let day = date(2000, 1, 1).checked_add(days.days()).expect("in range");
        let at = cal.parse_received(&day.to_string()).expect("formatted date parses");
        prop_assert_eq!(cal.local_date(at), day);
        // It is the first instant of that day.
        let before = at.checked_sub(jiff::SignedDuration::from_nanos(1)).expect("in range");
        prop_assert!(cal.local_date(before) < day);
    }

    #[test]
    fn parse_received_round_trips_timestamps(secs in 946_684_800_i64..4_133_980_800) {
        let cal = nl();
        let at = Timestamp::from_second(secs).expect("in range");
        prop_assert_eq!(cal.parse_received(&at.to_string()), Ok(at));
        let local = at.to_zoned(cal.time_zone().clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
        prop_assert_eq!(cal.parse_received(&local), Ok(at));
    }
}
