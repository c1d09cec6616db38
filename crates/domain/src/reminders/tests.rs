use std::collections::BTreeSet;

use jiff::Zoned;
use jiff::civil::{Weekday, date};
use uuid::Uuid;

use super::*;
use crate::calendar::CalendarOptions;
use crate::complaint::Kind;
use crate::complaint::tests::{Run, contact_on, org};

fn nl() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

fn at(s: &str) -> Timestamp {
    format!("{s}[Europe/Amsterdam]")
        .parse::<Zoned>()
        .expect("valid local time")
        .timestamp()
}

fn uid(n: u128) -> UserId {
    UserId::new(Uuid::from_u128(n))
}

const HANDLER: u128 = 1;
const MANAGER: u128 = 2;

/// The design example: received Friday 24 April 2026; contact by
/// Wednesday 29 April (Monday 27 April is Koningsdag), offer by Friday 8
/// May, record by Friday 15 May (Thursday 14 May is Hemelvaartsdag).
fn example(handler: Option<u128>) -> OpenTerms {
    OpenTerms {
        complaint: ComplaintId::new(Uuid::from_u128(42)),
        reference: ReferenceNumber::new(2026, 42).expect("valid"),
        handler: handler.map(uid),
        responsible_manager: Some(uid(MANAGER)),
        terms: vec![
            (Step::Contact, date(2026, 4, 29)),
            (Step::Offer, date(2026, 5, 8)),
            (Step::Record, date(2026, 5, 15)),
        ],
    }
}

/// Every day from `from` to `to`, at the given local times.
fn clock(from: Date, to: Date, times: &[&str]) -> Vec<Timestamp> {
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        for t in times {
            out.push(at(&format!("{day}T{t}")));
        }
        day = day.tomorrow().expect("in range");
    }
    out
}

/// Runs the engine at every tick, keeping each key the first time it is
/// seen (as the outbox does).
fn walk(
    complaints: &[OpenTerms],
    cal: &WorkingCalendar,
    settings: &ReminderSettings,
    ticks: &[Timestamp],
) -> (Vec<Reminder>, Vec<MissedTerm>, Vec<Digest>) {
    let mut keys = BTreeSet::new();
    let (mut r, mut m, mut d) = (Vec::new(), Vec::new(), Vec::new());
    for &now in ticks {
        for x in reminders_due(complaints, cal, settings, now) {
            if keys.insert(x.key()) {
                r.push(x);
            }
        }
        for x in missed_due(complaints, cal, settings, now) {
            if keys.insert(x.key()) {
                m.push(x);
            }
        }
        for x in digests_due(complaints, cal, settings, now) {
            if keys.insert(x.key()) {
                d.push(x);
            }
        }
    }
    (r, m, d)
}

#[test]
fn design_example_across_koningsdag_weekends_and_hemelvaartsdag() {
    let cal = nl();
    let ticks = clock(
        date(2026, 4, 24),
        date(2026, 5, 18),
        &["00:00", "06:59", "07:00", "12:00", "23:59"],
    );
    let (reminders, missed, digests) = walk(
        &[example(Some(HANDLER))],
        &cal,
        &ReminderSettings::default(),
        &ticks,
    );
    let got: Vec<(Date, Step, ReminderKind, String)> = reminders
        .iter()
        .map(|r| (r.on, r.step, r.kind, r.when()))
        .collect();
    use ReminderKind::{DayBefore, MorningOf};
    assert_eq!(
        got,
        [
            // Tuesday: Monday is Koningsdag, so the day before the Wednesday
            // term is still "morgen".
            (date(2026, 4, 28), Step::Contact, DayBefore, "morgen".into()),
            (
                date(2026, 4, 29),
                Step::Contact,
                MorningOf,
                "vandaag".into()
            ),
            (date(2026, 5, 7), Step::Offer, DayBefore, "morgen".into()),
            (date(2026, 5, 8), Step::Offer, MorningOf, "vandaag".into()),
            // Hemelvaartsdag on Thursday: the day before is Wednesday.
            (
                date(2026, 5, 13),
                Step::Record,
                DayBefore,
                "vrijdag 15 mei".into()
            ),
            (date(2026, 5, 15), Step::Record, MorningOf, "vandaag".into()),
        ]
    );
    assert!(
        reminders
            .iter()
            .all(|r| r.recipient == uid(HANDLER) && !r.for_want_of_handler)
    );
    // Every term was missed in this run (nothing was recorded): one
    // warning each, on the first working day after.
    let missed: Vec<(Date, Step, i32)> =
        missed.iter().map(|m| (m.on, m.step, m.days_late)).collect();
    assert_eq!(
        missed,
        [
            (date(2026, 4, 30), Step::Contact, 1),
            (date(2026, 5, 11), Step::Offer, 1),
            (date(2026, 5, 18), Step::Record, 1),
        ]
    );
    // Digests on working days only: not on 25–27 April, 2–3, 9–10 or 14
    // (Hemelvaartsdag), 16–17 May.
    let days: Vec<Date> = digests.iter().map(|d| d.on).collect();
    let expected: Vec<Date> = clock(date(2026, 4, 24), date(2026, 5, 18), &["12:00"])
        .into_iter()
        .map(|t| cal.local_date(t))
        .filter(|d| cal.is_working_day(*d))
        .collect();
    assert_eq!(days, expected);
    assert_eq!(days.len(), 15);
    assert!(!days.contains(&date(2026, 4, 27)) && !days.contains(&date(2026, 5, 14)));
    assert!(digests.iter().all(|d| d.recipient == uid(MANAGER)));
}

#[test]
fn without_a_handler_the_responsible_manager_is_reminded() {
    let now = at("2026-04-28T07:00");
    let r = reminders_due(&[example(None)], &nl(), &ReminderSettings::default(), now);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].recipient, uid(MANAGER));
    assert!(r[0].for_want_of_handler);
    let mut nobody = example(None);
    nobody.responsible_manager = None;
    assert!(reminders_due(&[nobody.clone()], &nl(), &ReminderSettings::default(), now).is_empty());
    // Missed terms are still reported, naming nobody.
    let m = missed_due(
        &[nobody],
        &nl(),
        &ReminderSettings::default(),
        at("2026-04-30T07:00"),
    );
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].responsible, None);
}

#[test]
fn settings_choose_the_kinds_the_hour_and_the_digest() {
    let cal = nl();
    let only_morning = ReminderSettings {
        kinds: [ReminderKind::MorningOf].into(),
        morning: Time::constant(8, 30, 0, 0),
        digest: false,
        director_warnings: true,
    };
    let c = [example(Some(HANDLER))];
    assert!(reminders_due(&c, &cal, &only_morning, at("2026-04-28T09:00")).is_empty());
    assert!(reminders_due(&c, &cal, &only_morning, at("2026-04-29T08:29:59")).is_empty());
    let r = reminders_due(&c, &cal, &only_morning, at("2026-04-29T08:30"));
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].kind, ReminderKind::MorningOf);
    assert!(digests_due(&c, &cal, &only_morning, at("2026-04-29T09:00")).is_empty());
    let none = ReminderSettings {
        kinds: BTreeSet::new(),
        ..ReminderSettings::default()
    };
    assert!(reminders_due(&c, &cal, &none, at("2026-04-29T09:00")).is_empty());
    // Missed-term warnings do not depend on the reminder kinds.
    assert_eq!(missed_due(&c, &cal, &none, at("2026-04-30T09:00")).len(), 1);
}

#[test]
fn nothing_goes_out_before_the_hour_in_weekends_or_on_holidays() {
    let cal = nl();
    let s = ReminderSettings::default();
    assert_eq!(s.sending_day(at("2026-04-28T06:59:59"), &cal), None);
    assert_eq!(
        s.sending_day(at("2026-04-28T07:00"), &cal),
        Some(date(2026, 4, 28))
    );
    assert_eq!(
        s.sending_day(at("2026-04-28T23:59:59"), &cal),
        Some(date(2026, 4, 28))
    );
    for day in [
        "2026-04-25",
        "2026-04-26",
        "2026-04-27",
        "2026-05-14",
        "2026-12-25",
    ] {
        assert_eq!(
            s.sending_day(at(&format!("{day}T12:00")), &cal),
            None,
            "{day}"
        );
    }
    // The hour is local: 07:00 in Amsterdam is 05:00 UTC in summer and
    // 06:00 UTC in winter.
    let summer: Timestamp = "2026-04-28T04:59:59Z".parse().expect("valid");
    assert_eq!(s.sending_day(summer, &cal), None);
    let summer: Timestamp = "2026-04-28T05:00:00Z".parse().expect("valid");
    assert!(s.sending_day(summer, &cal).is_some());
    let winter: Timestamp = "2026-01-14T05:30:00Z".parse().expect("valid");
    assert_eq!(s.sending_day(winter, &cal), None);
    let winter: Timestamp = "2026-01-14T06:00:00Z".parse().expect("valid");
    assert!(s.sending_day(winter, &cal).is_some());
}

#[test]
fn send_days_skip_weekends_holidays_and_closing_days() {
    let cal = nl();
    let day_before = |d| ReminderKind::DayBefore.send_day(d, &cal);
    // A Monday term is announced on the Friday.
    assert_eq!(day_before(date(2026, 5, 4)), date(2026, 5, 1));
    // Tuesday after Tweede Paasdag (6 April 2026): the Friday before.
    assert_eq!(day_before(date(2026, 4, 7)), date(2026, 4, 3));
    // Tuesday after Tweede Pinksterdag (25 May 2026).
    assert_eq!(day_before(date(2026, 5, 26)), date(2026, 5, 22));
    // Monday 28 December after both Christmas days (Fri 25, Sat 26): the
    // Thursday.
    assert_eq!(day_before(date(2026, 12, 28)), date(2026, 12, 24));
    // Across the new year.
    assert_eq!(day_before(date(2027, 1, 4)), date(2026, 12, 31));
    assert_eq!(day_before(date(2026, 4, 29)), date(2026, 4, 28));
    let closing = WorkingCalendar::new(
        cal.time_zone().clone(),
        CalendarOptions {
            good_friday: true,
            extra_closing_days: [date(2026, 4, 2)].into(),
            ..Default::default()
        },
    );
    // Goede Vrijdag, the weekend, Tweede Paasdag and a closing day before a
    // Tuesday term: Wednesday 1 April.
    assert_eq!(
        ReminderKind::DayBefore.send_day(date(2026, 4, 7), &closing),
        date(2026, 4, 1)
    );
    // A term that is not a working day (the calendar changed after it was
    // set) is announced on the morning of the working day before.
    assert_eq!(
        ReminderKind::MorningOf.send_day(date(2026, 5, 14), &cal),
        date(2026, 5, 13)
    );
    assert_eq!(
        ReminderKind::DayBefore.send_day(date(2026, 5, 14), &cal),
        date(2026, 5, 12)
    );
    assert_eq!(
        ReminderKind::MorningOf.send_day(date(2026, 5, 15), &cal),
        date(2026, 5, 15)
    );
}

#[test]
fn a_missed_term_is_caught_up_for_a_few_working_days_only() {
    let cal = nl();
    let s = ReminderSettings::default();
    let c = [example(Some(HANDLER))];
    let contact = |now| {
        missed_due(&c, &cal, &s, now)
            .into_iter()
            .filter(|m| m.step == Step::Contact)
            .map(|m| m.days_late)
            .collect::<Vec<_>>()
    };
    assert_eq!(contact(at("2026-04-29T23:59")), Vec::<i32>::new());
    assert_eq!(contact(at("2026-04-30T06:59")), Vec::<i32>::new());
    assert_eq!(contact(at("2026-04-30T07:00")), [1]);
    assert_eq!(contact(at("2026-05-01T07:00")), [2]);
    // Saturday: nothing goes out.
    assert_eq!(contact(at("2026-05-02T12:00")), Vec::<i32>::new());
    assert_eq!(contact(at("2026-05-04T07:00")), [3]);
    assert_eq!(contact(at("2026-05-05T07:00")), Vec::<i32>::new());
}

#[test]
fn keys_are_stable_and_name_the_term() {
    let now = at("2026-04-28T07:00");
    let r = &reminders_due(
        &[example(Some(HANDLER))],
        &nl(),
        &ReminderSettings::default(),
        now,
    )[0];
    assert_eq!(
        r.key(),
        "reminder:00000000-0000-0000-0000-00000000002a:contact:day_before:2026-04-29"
    );
    let m = &missed_due(
        &[example(Some(HANDLER))],
        &nl(),
        &ReminderSettings::default(),
        at("2026-04-30T08:00"),
    )[0];
    assert_eq!(
        m.key(),
        "missed:00000000-0000-0000-0000-00000000002a:contact:2026-04-29"
    );
    assert_eq!(
        m.key_for(uid(7)),
        "missed:00000000-0000-0000-0000-00000000002a:contact:2026-04-29:00000000-0000-0000-0000-000000000007"
    );
    let d = &digests_due(
        &[example(Some(HANDLER))],
        &nl(),
        &ReminderSettings::default(),
        now,
    )[0];
    assert_eq!(
        d.key(),
        "digest:00000000-0000-0000-0000-000000000002:2026-04-28"
    );
    // A moved term reminds again under a new key.
    let mut moved = example(Some(HANDLER));
    moved.terms[0].1 = date(2026, 4, 30);
    let again = reminders_due(
        &[moved],
        &nl(),
        &ReminderSettings::default(),
        at("2026-04-29T07:00"),
    );
    assert!(
        again
            .iter()
            .any(|x| x.key().ends_with("day_before:2026-04-30"))
    );
}

#[test]
fn digests_list_each_complaint_once_overdue_first_per_manager() {
    let cal = nl();
    let s = ReminderSettings::default();
    let mk = |n: u128, manager: Option<u128>, terms: Vec<(Step, Date)>| OpenTerms {
        complaint: ComplaintId::new(Uuid::from_u128(n)),
        reference: ReferenceNumber::new(2026, u32::try_from(n).expect("small")).expect("valid"),
        handler: Some(uid(HANDLER)),
        responsible_manager: manager.map(uid),
        terms,
    };
    let complaints = [
        mk(1, Some(MANAGER), vec![(Step::Offer, date(2026, 5, 8))]),
        mk(
            2,
            Some(MANAGER),
            vec![
                (Step::Contact, date(2026, 4, 28)),
                (Step::Offer, date(2026, 5, 8)),
            ],
        ),
        mk(3, Some(MANAGER), vec![(Step::Contact, date(2026, 4, 30))]),
        mk(4, Some(9), vec![(Step::Record, date(2026, 5, 15))]),
        // No manager, no open terms: in no digest.
        mk(5, None, vec![(Step::Contact, date(2026, 4, 30))]),
        mk(6, Some(MANAGER), vec![]),
    ];
    let digests = digests_due(&complaints, &cal, &s, at("2026-04-30T07:30"));
    assert_eq!(digests.len(), 2);
    let mine = &digests[0];
    assert_eq!(mine.recipient, uid(MANAGER));
    let lines: Vec<(u32, Step, TermStatus)> = mine
        .items
        .iter()
        .map(|i| (i.reference.number(), i.step, i.status))
        .collect();
    assert_eq!(
        lines,
        [
            (2, Step::Contact, TermStatus::Overdue),
            (3, Step::Contact, TermStatus::DueToday),
            (1, Step::Offer, TermStatus::OnTime),
        ]
    );
    assert_eq!(mine.overdue(), 1);
    assert_eq!(digests[1].recipient, uid(9));
    assert!(digests_due(&complaints, &cal, &s, at("2026-05-02T07:30")).is_empty());
    assert!(digests_due(&complaints, &cal, &s, at("2026-04-30T06:30")).is_empty());
}

#[test]
fn open_terms_follow_the_complaint() {
    let org = org();
    let cal = nl();
    let mut run = Run::registered(&org, Kind::Complaint);
    let open = OpenTerms::of(&run.c, &cal).expect("open");
    // Intake reports to the manager: step 1 is done.
    assert_eq!(
        open.terms,
        [
            (Step::Contact, date(2026, 4, 29)),
            (Step::Offer, date(2026, 5, 8)),
            (Step::Record, date(2026, 5, 15)),
        ]
    );
    assert_eq!(open.responsible_manager, Some(org.manager.id));
    assert_eq!(open.responsible(), Some(org.manager.id));
    assert_eq!(open.next(), Some((Step::Contact, date(2026, 4, 29))));
    run.ok(
        &org.manager,
        crate::complaint::Command::AssignHandler {
            handler: org.colleague.clone(),
        },
    );
    run.ok(&org.colleague, contact_on(date(2026, 4, 28)));
    let open = OpenTerms::of(&run.c, &cal).expect("open");
    assert_eq!(open.responsible(), Some(org.colleague.id));
    assert_eq!(
        open.terms.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        [Step::Offer, Step::Record]
    );
    let signal = Run::registered(&org, Kind::Signal);
    assert_eq!(OpenTerms::of(&signal.c, &cal), None);
}

#[test]
fn kinds_parse_from_configuration() {
    assert_eq!(
        ReminderSettings::parse_kinds("day_before, morning_of").expect("parses"),
        BTreeSet::from(ReminderKind::ALL)
    );
    assert_eq!(
        ReminderSettings::parse_kinds("Morning-Of").expect("parses"),
        BTreeSet::from([ReminderKind::MorningOf])
    );
    assert!(
        ReminderSettings::parse_kinds("none")
            .expect("parses")
            .is_empty()
    );
    assert!(
        ReminderSettings::parse_kinds("")
            .expect("parses")
            .is_empty()
    );
    let e = ReminderSettings::parse_kinds("day_before,weekly").expect_err("unknown");
    assert!(e.to_string().contains("weekly"), "{e}");
}

#[test]
fn dutch_dates() {
    assert_eq!(day_and_month(date(2026, 4, 29)), "woensdag 29 april");
    assert_eq!(day_and_month(date(2026, 5, 4)), "maandag 4 mei");
    assert_eq!(day_and_month(date(2026, 12, 27)), "zondag 27 december");
    assert_eq!(day_and_month(date(2027, 1, 1)), "vrijdag 1 januari");
    assert_eq!(relative_day(date(2026, 5, 4), date(2026, 5, 4)), "vandaag");
    assert_eq!(relative_day(date(2026, 5, 5), date(2026, 5, 4)), "morgen");
    assert_eq!(
        relative_day(date(2026, 5, 4), date(2026, 5, 1)),
        "maandag 4 mei"
    );
    assert_eq!(step_word(Step::Contact), "contact");
    for (n, wd) in [
        (27, Weekday::Monday),
        (28, Weekday::Tuesday),
        (29, Weekday::Wednesday),
    ] {
        assert_eq!(date(2026, 4, n).weekday(), wd);
    }
}

#[test]
fn the_window_holds_every_term_that_can_cause_a_message() {
    let cal = nl();
    // Thursday 30 April: day-before reminders for Friday 1 May; misses of
    // Monday 27 (Koningsdag, so really Friday 24) … Wednesday 29 April.
    assert_eq!(
        window(date(2026, 4, 30), &cal),
        (date(2026, 4, 24), date(2026, 5, 3))
    );
    // Friday 1 May: Monday 4 May's reminder goes out today.
    assert_eq!(window(date(2026, 5, 1), &cal).1, date(2026, 5, 4));
    // Wednesday 13 May: Friday 15 May (after Hemelvaartsdag) is announced.
    assert!(window(date(2026, 5, 13), &cal).1 >= date(2026, 5, 15));
}

mod props;
mod sweep;
