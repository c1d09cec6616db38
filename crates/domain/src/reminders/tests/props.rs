//! Properties of the deadline engine's rules over random receipts,
//! calendars and hours.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Time, date};
use jiff::{Timestamp, ToSpan};
use proptest::prelude::*;
use uuid::Uuid;

use super::{HANDLER, MANAGER, nl, uid};
use crate::calendar::{CalendarOptions, WorkingCalendar};
use crate::reminders::*;
use crate::terms::{Step, Terms};
use crate::{ComplaintId, ReferenceNumber};

fn calendar(closing: &[i64], around: Date, good_friday: bool) -> WorkingCalendar {
    WorkingCalendar::new(
        nl().time_zone().clone(),
        CalendarOptions {
            good_friday,
            liberation_day_yearly: false,
            extra_closing_days: closing
                .iter()
                .filter_map(|o| around.checked_add(o.days()).ok())
                .collect(),
        },
    )
}

fn received() -> impl Strategy<Value = Timestamp> {
    // 2024-01-01 up to 2031-01-01.
    (1_704_067_200_i64..1_925_000_000).prop_map(|s| Timestamp::from_second(s).expect("in range"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Walking the clock over a complaint's whole life: every reminder
    /// kind of every open step exactly once, on a working day, after the
    /// hour; day-before exactly one working day before the term; one
    /// warning per missed step on the first working day after it; digests
    /// only on working days, once a day.
    #[test]
    fn each_message_once_on_working_days(
        received in received(),
        closing in proptest::collection::vec(-2_i64..40, 0..8),
        good_friday in any::<bool>(),
        hour in 0_i8..23,
        minute in 0_i8..60,
        open_mask in 1_u8..16,
    ) {
        let start = nl().local_date(received);
        let cal = calendar(&closing, start, good_friday);
        let terms = Terms::compute(received, &cal);
        let open: Vec<(Step, Date)> = Step::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| open_mask & (1 << i) != 0)
            .map(|(_, s)| (s, terms.due(s)))
            .collect();
        let c = OpenTerms {
            complaint: ComplaintId::new(Uuid::from_u128(7)),
            reference: ReferenceNumber::new(2026, 7).expect("valid"),
            handler: Some(uid(HANDLER)),
            responsible_manager: Some(uid(MANAGER)),
            terms: open.clone(),
        };
        let settings = ReminderSettings {
            morning: Time::new(hour, minute, 0, 0).expect("valid"),
            ..ReminderSettings::default()
        };
        let last = terms.record.checked_add(30.days()).expect("in range");
        let morning = settings.morning;
        let times = [
            Time::constant(0, 0, 0, 0),
            morning,
            morning.checked_add(5.hours()).unwrap_or(Time::constant(23, 59, 0, 0)),
            Time::constant(23, 59, 59, 0),
        ];
        let mut ticks = Vec::new();
        let mut day = start;
        while day <= last {
            for t in times {
                if let Ok(z) = day.to_datetime(t).to_zoned(cal.time_zone().clone()) {
                    ticks.push(z.timestamp());
                }
            }
            day = day.tomorrow().expect("in range");
        }
        let mut all_keys = BTreeSet::new();
        let mut reminders: BTreeMap<(Step, ReminderKind), Vec<Date>> = BTreeMap::new();
        let mut missed: BTreeMap<Step, Vec<Date>> = BTreeMap::new();
        let mut digest_days = Vec::new();
        for now in ticks {
            let today = cal.local_date(now);
            let (lo, hi) = window(today, &cal);
            let rs = reminders_due(std::slice::from_ref(&c), &cal, &settings, now);
            let ms = missed_due(std::slice::from_ref(&c), &cal, &settings, now);
            let ds = digests_due(std::slice::from_ref(&c), &cal, &settings, now);
            let mut keys_now = BTreeSet::new();
            for r in &rs {
                prop_assert!(keys_now.insert(r.key()), "two reminders with key {}", r.key());
                prop_assert!(cal.is_working_day(r.on));
                prop_assert_eq!(r.on, today);
                prop_assert!(cal.time_zone().to_datetime(now).time() >= morning);
                prop_assert!(lo <= r.due && r.due <= hi, "{} outside {}..{}", r.due, lo, hi);
                prop_assert_eq!(r.recipient, uid(HANDLER));
                match r.kind {
                    ReminderKind::DayBefore => {
                        prop_assert_eq!(cal.working_days_between(r.on, r.due), 1);
                        prop_assert!(r.on < r.due);
                    }
                    ReminderKind::MorningOf => prop_assert_eq!(r.on, r.due),
                }
                if all_keys.insert(r.key()) {
                    reminders.entry((r.step, r.kind)).or_default().push(r.on);
                }
            }
            for m in &ms {
                prop_assert!(keys_now.insert(m.key()));
                prop_assert!(cal.is_working_day(m.on) && m.due < m.on);
                prop_assert!(lo <= m.due && m.due <= hi);
                if all_keys.insert(m.key()) {
                    missed.entry(m.step).or_default().push(m.on);
                }
            }
            prop_assert!(ds.len() <= 1);
            for d in &ds {
                prop_assert!(cal.is_working_day(d.on));
                prop_assert_eq!(d.items.len(), 1);
                if all_keys.insert(d.key()) {
                    digest_days.push(d.on);
                }
            }
        }
        // Terms are working days, and the walk covers every send day after
        // receipt.
        for &(step, due) in &open {
            for kind in ReminderKind::ALL {
                let send = kind.send_day(due, &cal);
                let got = reminders.get(&(step, kind)).cloned().unwrap_or_default();
                if send >= start {
                    prop_assert_eq!(got, vec![send], "{:?} {:?}", step, kind);
                } else {
                    prop_assert!(got.is_empty());
                }
            }
            let first_after = next_working_day(&cal, due);
            prop_assert_eq!(missed.get(&step).cloned().unwrap_or_default(), vec![first_after]);
        }
        let mut sorted = digest_days.clone();
        sorted.dedup();
        prop_assert_eq!(sorted.len(), digest_days.len());
        let expected_digests = {
            let mut n = 0;
            let mut day = start;
            while day <= last {
                if cal.is_working_day(day) {
                    n += 1;
                }
                day = day.tomorrow().expect("in range");
            }
            n
        };
        prop_assert_eq!(digest_days.len(), expected_digests);
    }

    #[test]
    fn send_days_are_working_days(
        due in (0_i64..3000).prop_map(|d| date(2024, 1, 1).checked_add(d.days()).expect("in range")),
        closing in proptest::collection::vec(-10_i64..10, 0..8),
    ) {
        let cal = calendar(&closing, due, true);
        let morning = ReminderKind::MorningOf.send_day(due, &cal);
        let before = ReminderKind::DayBefore.send_day(due, &cal);
        prop_assert!(cal.is_working_day(morning) && cal.is_working_day(before));
        prop_assert!(before < morning && morning <= due);
        prop_assert_eq!(cal.working_days_between(before, morning), 1);
        prop_assert_eq!(cal.working_days_between(before, due), 1);
    }
}
