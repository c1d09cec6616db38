use jiff::Zoned;
use jiff::civil::date;
use uuid::Uuid;

use super::*;
use crate::complaint::Command;
use crate::complaint::tests::{agree, complete, handled, org, ready_to_close};
use crate::reminders::weekly::{is_first_working_day_of_week, weekly_summaries_due};
use crate::reminders::{OpenTerms, digests_with_actions_due};
use crate::terms::Step;

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

const OWNER: u128 = 5;
const HANDLER: u128 = 1;
const MANAGER: u128 = 2;

/// Action 2 of K-2026-0042, due Monday 11 May 2026.
fn action(owner: Option<u128>, handler: Option<u128>) -> OpenAction {
    OpenAction {
        complaint: ComplaintId::new(Uuid::from_u128(42)),
        reference: ReferenceNumber::new(2026, 42).expect("valid"),
        number: 2,
        description: "Nieuwe planning doorgeven".into(),
        due: date(2026, 5, 11),
        owner: owner.map(uid),
        handler: handler.map(uid),
        responsible_manager: Some(uid(MANAGER)),
    }
}

/// (day, recipient, notice) of every message the engine would queue when
/// run at 07:00 and 15:00 from `from` to `to`, each key once.
fn walk(actions: &[OpenAction], from: Date, to: Date) -> Vec<(Date, UserId, ActionNotice)> {
    let cal = nl();
    let settings = ReminderSettings::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut day = from;
    while day <= to {
        for t in ["07:00", "15:00"] {
            for m in action_messages_due(actions, &cal, &settings, at(&format!("{day}T{t}"))) {
                if seen.insert(m.key()) {
                    out.push((m.on, m.recipient.user, m.notice));
                }
            }
        }
        day = day.tomorrow().expect("in range");
    }
    out
}

#[test]
fn an_action_is_reminded_the_working_day_before_the_morning_of_and_once_overdue() {
    let got = walk(
        &[action(Some(OWNER), Some(HANDLER))],
        date(2026, 5, 1),
        date(2026, 5, 22),
    );
    assert_eq!(
        got,
        [
            // Due Monday 11 May: the day before is Friday 8 May.
            (
                date(2026, 5, 8),
                uid(OWNER),
                ActionNotice::Reminder(ReminderKind::DayBefore)
            ),
            (
                date(2026, 5, 11),
                uid(OWNER),
                ActionNotice::Reminder(ReminderKind::MorningOf)
            ),
            // Overdue on Tuesday, to the owner and the responsible manager.
            (date(2026, 5, 12), uid(OWNER), ActionNotice::Overdue),
            (date(2026, 5, 12), uid(MANAGER), ActionNotice::Overdue),
        ]
    );
}

#[test]
fn without_an_owner_the_handler_and_without_either_the_manager_is_reminded() {
    let a = action(None, Some(HANDLER));
    let r = action_recipients(&a, ActionNotice::Reminder(ReminderKind::MorningOf));
    assert_eq!(
        r,
        [ActionRecipient {
            user: uid(HANDLER),
            role: ActionRole::HandlerForWantOfOwner
        }]
    );
    let a = action(None, None);
    let r = action_recipients(&a, ActionNotice::Reminder(ReminderKind::MorningOf));
    assert_eq!(
        r,
        [ActionRecipient {
            user: uid(MANAGER),
            role: ActionRole::ManagerForWantOfOwner
        }]
    );
    // Overdue: the manager once, not as both actor and manager.
    assert_eq!(action_recipients(&a, ActionNotice::Overdue).len(), 1);
    // The manager owning the action herself: once too.
    let a = action(Some(MANAGER), Some(HANDLER));
    let r = action_recipients(&a, ActionNotice::Overdue);
    assert_eq!(
        r,
        [ActionRecipient {
            user: uid(MANAGER),
            role: ActionRole::Owner
        }]
    );
    // The digest goes to the responsible manager.
    assert_eq!(
        action_recipients(&action(Some(OWNER), None), ActionNotice::Digest),
        [ActionRecipient {
            user: uid(MANAGER),
            role: ActionRole::ResponsibleManager
        }]
    );
}

#[test]
fn a_due_date_on_a_holiday_or_in_a_weekend_is_reminded_on_working_days() {
    // Due Thursday 14 May 2026 (Hemelvaartsdag): the morning reminder on
    // Wednesday 13, the day before on Tuesday 12, overdue on Friday 15.
    let mut a = action(Some(OWNER), None);
    a.due = date(2026, 5, 14);
    let got = walk(&[a], date(2026, 5, 1), date(2026, 5, 29));
    let days: Vec<Date> = got.iter().map(|g| g.0).collect();
    assert_eq!(
        days,
        [
            date(2026, 5, 12),
            date(2026, 5, 13),
            date(2026, 5, 15),
            date(2026, 5, 15)
        ]
    );
    for (day, _, _) in got {
        assert!(nl().is_working_day(day));
    }
}

#[test]
fn a_missed_overdue_notice_is_caught_up_within_three_working_days_only() {
    let cal = nl();
    let s = ReminderSettings::default();
    let a = [action(Some(OWNER), None)];
    // Due Monday 11 May; Friday 15 May is the third working day after
    // (Hemelvaartsdag does not count), Monday 18 May the fourth.
    let m = action_messages_due(&a, &cal, &s, at("2026-05-15T09:00"));
    assert!(m.iter().all(|m| m.notice == ActionNotice::Overdue));
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].days_late, 3);
    assert!(action_messages_due(&a, &cal, &s, at("2026-05-18T09:00")).is_empty());
    // Keys differ per recipient and notice, and name the due date.
    assert_ne!(m[0].key(), m[1].key());
    assert!(
        m[0].key().contains(":overdue:2026-05-11:"),
        "{}",
        m[0].key()
    );
}

#[test]
fn only_open_actions_with_a_due_date_of_open_complaints_are_followed_up() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    run.ok(h, agree("Excuses per brief"));
    run.ok(
        h,
        Command::AgreeAction {
            description: "Nieuwe planning doorgeven".into(),
            due: Some(date(2026, 5, 11)),
            owner: Some(org.employee.id),
        },
    );
    run.ok(
        h,
        Command::AgreeAction {
            description: "Zonder datum".into(),
            due: None,
            owner: None,
        },
    );
    run.ok(h, complete(1));
    let open = OpenAction::of(&run.c);
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].number, 2);
    assert_eq!(open[0].owner, Some(org.employee.id));
    assert_eq!(open[0].handler, Some(org.colleague.id));
    assert_eq!(open[0].responsible_manager, Some(org.manager.id));
    assert!(open[0].concerns(org.employee.id));
    assert!(open[0].concerns(org.manager.id));
    assert!(!open[0].concerns(org.director.id));
    assert_eq!(
        open[0].calendar_uid(),
        format!("{}-actie-2@klacht", run.c.id())
    );
    // Completed: nothing left; a closed complaint owes nothing.
    run.ok(h, complete(2));
    run.ok(h, complete(3));
    assert!(OpenAction::of(&run.c).is_empty());
    let mut closed = ready_to_close(&org);
    closed.ok(&org.quality, crate::complaint::tests::close());
    assert!(OpenAction::of(&closed.c).is_empty());
}

#[test]
fn the_digest_lists_the_managers_actions_even_without_open_terms() {
    let cal = nl();
    let s = ReminderSettings::default();
    let mut late = action(Some(OWNER), Some(HANDLER));
    late.number = 1;
    late.due = date(2026, 5, 4);
    let soon = action(Some(OWNER), Some(HANDLER));
    let ds = digests_with_actions_due(&[], &[soon, late], &cal, &s, at("2026-05-06T08:00"));
    assert_eq!(ds.len(), 1);
    let d = &ds[0];
    assert_eq!(d.recipient, uid(MANAGER));
    assert!(d.items.is_empty());
    let numbers: Vec<u32> = d.actions.iter().map(|a| a.action.number).collect();
    assert_eq!(numbers, [1, 2], "soonest first");
    assert_eq!(d.actions[0].status, TermStatus::Overdue);
    assert_eq!(d.actions[1].status, TermStatus::OnTime);
    // No digest setting, no digest.
    let off = ReminderSettings {
        digest: false,
        ..ReminderSettings::default()
    };
    assert!(
        digests_with_actions_due(
            &[],
            &[action(None, None)],
            &cal,
            &off,
            at("2026-05-06T08:00")
        )
        .is_empty()
    );
}

fn overdue_complaint() -> OpenTerms {
    OpenTerms {
        complaint: ComplaintId::new(Uuid::from_u128(42)),
        reference: ReferenceNumber::new(2026, 42).expect("valid"),
        handler: Some(uid(HANDLER)),
        responsible_manager: Some(uid(MANAGER)),
        terms: vec![
            (Step::Offer, date(2026, 5, 8)),
            (Step::Record, date(2026, 5, 15)),
        ],
    }
}

#[test]
fn the_weekly_summary_goes_on_the_first_working_day_of_the_week_when_something_is_late() {
    let cal = nl();
    let s = ReminderSettings::default();
    let director = uid(9);
    assert!(is_first_working_day_of_week(&cal, date(2026, 5, 11)));
    assert!(!is_first_working_day_of_week(&cal, date(2026, 5, 12)));
    // Whit Monday 25 May 2026: Tuesday is the week's first working day.
    assert!(!is_first_working_day_of_week(&cal, date(2026, 5, 25)));
    assert!(is_first_working_day_of_week(&cal, date(2026, 5, 26)));
    // Koningsdag on Monday 27 April 2026.
    assert!(is_first_working_day_of_week(&cal, date(2026, 4, 28)));

    let c = [overdue_complaint()];
    let due = |s: &ReminderSettings, now: &str| {
        weekly_summaries_due(&c, &[director, director], &cal, s, at(now))
    };
    // Monday 11 May, before the hour: nothing; after it: one summary.
    assert!(due(&s, "2026-05-11T06:59").is_empty());
    let w = due(&s, "2026-05-11T07:00");
    assert_eq!(w.len(), 1, "one per director");
    assert_eq!(w[0].items.len(), 1);
    assert_eq!(w[0].items[0].step, Step::Offer);
    assert_eq!(w[0].items[0].days_late, 1);
    assert_eq!(w[0].items[0].responsible, Some(uid(HANDLER)));
    assert_eq!(w[0].complaints(), 1);
    assert_eq!(w[0].key(), format!("weekly:{director}:2026-W20"));
    // Tuesday: not again.
    assert!(due(&s, "2026-05-12T09:00").is_empty());
    // Two weeks on, both terms are late.
    let w = due(&s, "2026-05-26T09:00");
    assert_eq!(w[0].items.len(), 2);
    // Nothing overdue: no summary. The setting off: none.
    assert!(due(&s, "2026-05-04T09:00").is_empty());
    let off = ReminderSettings {
        director_warnings: false,
        ..ReminderSettings::default()
    };
    assert!(due(&off, "2026-05-11T09:00").is_empty());
}
