//! The deadline engine run once a day before and after the morning hour,
//! from 1 January 2026 until every complaint received on a day of 2026,
//! 2027 or 2028 has had all its messages.
//!
//! One complaint is received on every day of the sweep, at 09:30 local,
//! with the terms of [`Terms::compute`] on the default Dutch calendar and
//! contact, offer and record open (intake settles the report). On each
//! day the engine is given every complaint received in the 40 days up to
//! and including that day, as a scheduler without the window would.

use std::collections::BTreeMap;

use jiff::civil::Date;
use uuid::Uuid;

use super::{HANDLER, MANAGER, nl, uid};
use crate::calendar::WorkingCalendar;
use crate::reminders::*;
use crate::sweep::{DAYS, FIRST, LAST, days, every_day, local, plus};
use crate::terms::{Step, TermStatus, Terms};
use crate::{ComplaintId, ReferenceNumber};

const STEPS: [Step; 3] = [Step::Contact, Step::Offer, Step::Record];

/// How far back the engine is shown complaints: more than a record term
/// (3 weeks, moved past at most four days off) plus the missed-term
/// catch-up (3 working days).
const LOOK_BACK: i64 = 40;

/// The complaint received on the `n`-th day of the sweep. Every other one
/// has no handler yet, so that its reminders go to the manager.
fn complaint(cal: &WorkingCalendar, n: usize, day: Date) -> OpenTerms {
    let terms = Terms::compute(local(cal, day, 9, 30, 0), cal);
    let number = u32::try_from(n).expect("small") + 1;
    OpenTerms {
        complaint: ComplaintId::new(Uuid::from_u128(u128::from(number))),
        reference: ReferenceNumber::new(day.year(), number).expect("valid"),
        handler: has_handler(n).then(|| uid(HANDLER)),
        responsible_manager: Some(uid(MANAGER)),
        terms: STEPS.into_iter().map(|s| (s, terms.due(s))).collect(),
    }
}

/// Whether the `n`-th complaint has a handler.
fn has_handler(n: usize) -> bool {
    n.is_multiple_of(2)
}

/// The last working day strictly before `day`, by walking back.
fn working_day_before(cal: &WorkingCalendar, day: Date) -> Date {
    days(plus(day, -30), plus(day, -1))
        .filter(|d| cal.is_working_day(*d))
        .last()
        .expect("a working day within a month")
}

/// The first `n` working days strictly after `day`, by walking.
fn working_days_after(cal: &WorkingCalendar, day: Date, n: usize) -> Vec<Date> {
    days(plus(day, 1), plus(day, 30))
        .filter(|d| cal.is_working_day(*d))
        .take(n)
        .collect()
}

/// What went out, per complaint (index into the sweep).
#[derive(Default)]
struct Sent {
    reminders: BTreeMap<(usize, Step, ReminderKind), Vec<Date>>,
    missed: BTreeMap<(usize, Step), Vec<(Date, i32)>>,
    digests: Vec<Date>,
}

/// Runs the engine on `today` and checks every message it returns on its
/// own; collects them in `sent`.
fn run_day(
    cal: &WorkingCalendar,
    settings: &ReminderSettings,
    all: &[OpenTerms],
    received: &[Date],
    today: Date,
    sent: &mut Sent,
) {
    // The complaints received up to today, at most LOOK_BACK days ago.
    let from = received.partition_point(|d| *d < plus(today, -LOOK_BACK));
    let to = received.partition_point(|d| *d <= today);
    let shown = &all[from..to];

    // Before the morning hour nothing goes out, whatever the day.
    let early = local(cal, today, 6, 59, 59);
    assert!(
        reminders_due(shown, cal, settings, early).is_empty(),
        "{today}"
    );
    assert!(
        missed_due(shown, cal, settings, early).is_empty(),
        "{today}"
    );
    assert!(
        digests_due(shown, cal, settings, early).is_empty(),
        "{today}"
    );

    let now = local(cal, today, 12, 0, 0);
    let reminders = reminders_due(shown, cal, settings, now);
    let missed = missed_due(shown, cal, settings, now);
    let digests = digests_due(shown, cal, settings, now);
    if !cal.is_working_day(today) {
        assert!(reminders.is_empty(), "{today}: {reminders:?}");
        assert!(missed.is_empty(), "{today}: {missed:?}");
        assert!(digests.is_empty(), "{today}: {digests:?}");
        return;
    }
    let (lo, hi) = window(today, cal);

    for r in &reminders {
        let n = index_of(r.complaint);
        assert_eq!(r.on, today);
        assert!(
            lo <= r.due && r.due <= hi,
            "{today}: {} outside {lo}..{hi}",
            r.due
        );
        assert!(cal.is_working_day(r.due), "{today}: term {}", r.due);
        match r.kind {
            ReminderKind::DayBefore => {
                assert_eq!(working_day_before(cal, r.due), today, "{today}: {r:?}");
                let expected = if today.tomorrow().ok() == Some(r.due) {
                    "morgen".to_owned()
                } else {
                    day_and_month(r.due)
                };
                assert_eq!(r.when(), expected, "{today}");
            }
            ReminderKind::MorningOf => {
                assert_eq!(r.due, today, "{today}: {r:?}");
                assert_eq!(r.when(), "vandaag");
            }
        }
        let handler = has_handler(n);
        let recipient = if handler { HANDLER } else { MANAGER };
        assert_eq!(r.recipient, uid(recipient), "{today}");
        assert_eq!(r.for_want_of_handler, !handler, "{today}");
        sent.reminders
            .entry((n, r.step, r.kind))
            .or_default()
            .push(today);
    }

    for m in &missed {
        let n = index_of(m.complaint);
        assert_eq!(m.on, today);
        assert!(m.due < today, "{today}: {m:?}");
        assert!(
            lo <= m.due && m.due <= hi,
            "{today}: {} outside {lo}..{hi}",
            m.due
        );
        let late = working_days_after(cal, m.due, 30)
            .iter()
            .take_while(|d| **d <= today)
            .count();
        assert_eq!(
            i32::try_from(late).expect("small"),
            m.days_late,
            "{today}: {m:?}"
        );
        assert!(
            (1..=MISSED_CATCH_UP_DAYS).contains(&m.days_late),
            "{today}: {m:?}"
        );
        let handler = has_handler(n);
        let responsible = if handler { HANDLER } else { MANAGER };
        assert_eq!(m.responsible, Some(uid(responsible)));
        sent.missed
            .entry((n, m.step))
            .or_default()
            .push((today, m.days_late));
    }

    // One digest for the one manager, each complaint once with its next
    // open term (contact: the earliest), overdue first.
    if shown.is_empty() {
        assert!(digests.is_empty(), "{today}");
        return;
    }
    assert_eq!(digests.len(), 1, "{today}");
    let d = &digests[0];
    assert_eq!((d.recipient, d.on), (uid(MANAGER), today));
    assert_eq!(d.items.len(), shown.len(), "{today}");
    let rank = |s: TermStatus| match s {
        TermStatus::Overdue => 0,
        TermStatus::DueToday => 1,
        TermStatus::OnTime => 2,
        TermStatus::Done { .. } => 3,
    };
    for item in &d.items {
        let c = &all[index_of(item.complaint)];
        assert!(shown.contains(c), "{today}");
        assert_eq!((item.step, item.due), c.terms[0], "{today}");
        let status = match item.due.cmp(&today) {
            std::cmp::Ordering::Less => TermStatus::Overdue,
            std::cmp::Ordering::Equal => TermStatus::DueToday,
            std::cmp::Ordering::Greater => TermStatus::OnTime,
        };
        assert_eq!(item.status, status, "{today}");
    }
    assert!(
        d.items
            .windows(2)
            .all(|w| rank(w[0].status) <= rank(w[1].status) && w[0].due <= w[1].due),
        "{today}"
    );
    assert_eq!(
        d.overdue(),
        d.items.iter().filter(|i| i.due < today).count(),
        "{today}"
    );
    sent.digests.push(today);
}

/// The sweep's index of a complaint (see [`complaint`]).
fn index_of(id: ComplaintId) -> usize {
    usize::try_from(id.0.as_u128() - 1).expect("small")
}

/// Over the whole sweep: nothing goes out before the morning hour or on a
/// day off; each reminder of each term exactly once, the day-before one on
/// the last working day before the term (after the day of receipt), the
/// morning one on the term's day; a missed term warned about on exactly
/// the first three working days after it, 1, 2 and 3 working days late;
/// a digest on every working day and on no other.
#[test]
fn every_message_for_a_receipt_on_every_day_of_2026_to_2028() {
    let cal = nl();
    let settings = ReminderSettings::default();
    let received: Vec<Date> = every_day().collect();
    let all: Vec<OpenTerms> = received
        .iter()
        .enumerate()
        .map(|(n, day)| complaint(&cal, n, *day))
        .collect();
    assert_eq!(all.len(), DAYS);

    let mut sent = Sent::default();
    // Until the last complaint's record term and catch-up have passed.
    let end = plus(LAST, LOOK_BACK);
    for today in days(FIRST, end) {
        run_day(&cal, &settings, &all, &received, today, &mut sent);
    }

    for (n, (c, &received)) in all.iter().zip(&received).enumerate() {
        for &(step, due) in &c.terms {
            let before = working_day_before(&cal, due);
            assert!(
                before > received,
                "{received}: {step:?} reminded before receipt"
            );
            let got = |kind| sent.reminders.get(&(n, step, kind)).cloned();
            assert_eq!(
                got(ReminderKind::DayBefore),
                Some(vec![before]),
                "{received}: {step:?} due {due}"
            );
            assert_eq!(
                got(ReminderKind::MorningOf),
                Some(vec![due]),
                "{received}: {step:?} due {due}"
            );
            let expected: Vec<(Date, i32)> = working_days_after(&cal, due, 3)
                .into_iter()
                .zip(1..)
                .collect();
            assert_eq!(
                sent.missed.get(&(n, step)).cloned(),
                Some(expected),
                "{received}: {step:?} due {due}"
            );
        }
    }
    let working: Vec<Date> = days(FIRST, end)
        .filter(|d| cal.is_working_day(*d))
        .collect();
    assert_eq!(sent.digests, working);
    // Nothing beyond what was checked per complaint.
    assert_eq!(sent.reminders.len(), DAYS * 3 * 2);
    assert_eq!(sent.missed.len(), DAYS * 3);
}
