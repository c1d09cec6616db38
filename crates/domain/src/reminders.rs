//! The deadline engine's rules (issue 4): which reminders, missed-term
//! warnings and daily digests are due at a given moment.
//!
//! Pure: the scheduler (crates/jobs) gathers the facts of the open
//! complaints, asks these functions what is due *now*, and queues the
//! answers as e-mails under their [dedupe keys](Reminder::key). Because
//! every answer carries a stable key and the outbox refuses a key it has
//! seen, the scheduler may ask as often as it likes, on as many instances
//! as there are: each message is queued once.
//!
//! The rules:
//! - Everything goes out on **working days**, at or after the **morning
//!   hour** (default 07:00 in the calendar's time zone), never in a weekend
//!   or on a holiday.
//! - [`ReminderKind::DayBefore`]: on the working day before the term. A
//!   term on a Monday is announced on the Friday before; a term after a
//!   holiday on the working day before the holiday.
//! - [`ReminderKind::MorningOf`]: on the morning of the term.
//! - Reminders go to the responsible person: the handler, or while there is
//!   none the responsible manager.
//! - A missed term (the step neither done nor waived by the end of its due
//!   day) is reported once to the quality managers, on the first working
//!   day after it, or on a later one when the scheduler did not run then
//!   (up to [`MISSED_CATCH_UP_DAYS`] working days late).
//! - The daily digest lists, per responsible manager, the next open term
//!   of each of their open complaints, overdue first, and their open
//!   agreed actions with a due date.
//! - Agreed actions with a due date are followed up like terms: see
//!   [`actions`].
//! - The director, "eindverantwoordelijk", gets the missed-term warnings
//!   too and a weekly summary of overdue terms (both on by default): see
//!   [`weekly`].
//!
//! Keys contain the due date, so a term that moves (a corrected moment of
//! receipt, a changed calendar) is announced again for its new date.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::complaint::Complaint;
use crate::terms::{Step, TermStatus, term_status};
use crate::{ComplaintId, ParseError, ReferenceNumber, UserId};

pub mod actions;
pub mod weekly;

use actions::{DigestAction, OpenAction};

/// How many working days after a missed term its warning may still go out,
/// for when the scheduler did not run on the first working day after it.
/// Older misses are left to the digest and the overview: a newly installed
/// scheduler does not flood the quality manager with old news.
pub const MISSED_CATCH_UP_DAYS: i32 = 3;

/// When, relative to a term, its responsible person is reminded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// On the working day before the term.
    DayBefore,
    /// On the morning of the term.
    MorningOf,
}

impl ReminderKind {
    pub const ALL: [ReminderKind; 2] = [ReminderKind::DayBefore, ReminderKind::MorningOf];

    /// The identifier used in configuration and dedupe keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::DayBefore => "day_before",
            ReminderKind::MorningOf => "morning_of",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReminderKind::DayBefore => "de werkdag voor de termijn",
            ReminderKind::MorningOf => "de ochtend van de termijn",
        }
    }

    /// The working day on which the reminder of a term due on `due` goes
    /// out. Terms are working days; should one not be (the calendar changed
    /// after it was set), the morning reminder moves to the last working
    /// day before it.
    pub fn send_day(self, due: Date, cal: &WorkingCalendar) -> Date {
        let morning = last_working_day_on_or_before(cal, due);
        match self {
            ReminderKind::MorningOf => morning,
            ReminderKind::DayBefore => previous_working_day(cal, morning),
        }
    }
}

impl fmt::Display for ReminderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReminderKind {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_lowercase().replace('-', "_");
        ReminderKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    crate::refusal::Code::NotAReminderKind
                        .text("input", s.chars().take(40).collect::<String>()),
                )
            })
    }
}

/// The installation's choices (configuration `[reminders]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSettings {
    /// Which reminders go out; empty: none.
    pub kinds: BTreeSet<ReminderKind>,
    /// Local time from which a working day's messages go out.
    pub morning: Time,
    /// Whether managers get the daily digest.
    pub digest: bool,
    /// Whether the active directors get the missed-term warnings and the
    /// weekly summary of overdue terms (issue 12: she is
    /// "eindverantwoordelijk").
    pub director_warnings: bool,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            kinds: ReminderKind::ALL.into(),
            morning: Time::constant(7, 0, 0, 0),
            digest: true,
            director_warnings: true,
        }
    }
}

impl ReminderSettings {
    /// Parses a comma-separated list such as `day_before,morning_of`;
    /// `none` or an empty list switches reminders off.
    pub fn parse_kinds(list: &str) -> Result<BTreeSet<ReminderKind>, ParseError> {
        let list = list.trim();
        if list.eq_ignore_ascii_case("none") || list.eq_ignore_ascii_case("geen") {
            return Ok(BTreeSet::new());
        }
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect()
    }

    /// The working day whose messages may go out at `now`: the local date,
    /// when it is a working day and the morning hour has passed.
    pub fn sending_day(&self, now: Timestamp, cal: &WorkingCalendar) -> Option<Date> {
        let local = cal.time_zone().to_datetime(now);
        let today = local.date();
        (cal.is_working_day(today) && local.time() >= self.morning).then_some(today)
    }
}

/// The open terms of one open complaint, and who answers for them. Built
/// from the complaint ([`OpenTerms::of`]) for reminders and warnings, or
/// from the list read model (its next term only) for digests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTerms {
    pub complaint: ComplaintId,
    pub reference: ReferenceNumber,
    pub handler: Option<UserId>,
    pub responsible_manager: Option<UserId>,
    /// Steps neither done nor waived, with their terms, in step order.
    pub terms: Vec<(Step, Date)>,
}

impl OpenTerms {
    /// The open terms of a complaint on the current calendar; `None` for a
    /// signal or a closed complaint, which owe nothing.
    pub fn of(c: &Complaint, cal: &WorkingCalendar) -> Option<OpenTerms> {
        if !c.is_open() {
            return None;
        }
        let terms = c.terms(cal);
        Some(OpenTerms {
            complaint: c.id(),
            reference: c.reference(),
            handler: c.handler(),
            responsible_manager: c.responsible_manager(),
            terms: Step::ALL
                .into_iter()
                .filter(|s| !c.step_settled(*s))
                .map(|s| (s, terms.due(s)))
                .collect(),
        })
    }

    /// Who is reminded: the handler, else the responsible manager.
    pub fn responsible(&self) -> Option<UserId> {
        self.handler.or(self.responsible_manager)
    }

    /// The first open term (the one the lists show).
    pub fn next(&self) -> Option<(Step, Date)> {
        self.terms.iter().min_by_key(|(s, d)| (*d, *s)).copied()
    }
}

/// A reminder to the responsible person that a term is near.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub complaint: ComplaintId,
    pub reference: ReferenceNumber,
    pub step: Step,
    pub due: Date,
    pub kind: ReminderKind,
    pub recipient: UserId,
    /// The recipient is the responsible manager because no handler has
    /// been assigned yet.
    pub for_want_of_handler: bool,
    /// The day it goes out.
    pub on: Date,
}

impl Reminder {
    /// `reminder:{complaint}:{step}:{kind}:{due}`: once per term and kind,
    /// again when the term moves.
    pub fn key(&self) -> String {
        format!(
            "reminder:{}:{}:{}:{}",
            self.complaint,
            self.step.as_str(),
            self.kind.as_str(),
            self.due
        )
    }

    /// When the term ends, as seen on the day the reminder goes out:
    /// "vandaag", "morgen" or "maandag 4 mei".
    pub fn when(&self) -> String {
        relative_day(self.due, self.on)
    }
}

/// A term that passed without the step being done or waived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedTerm {
    pub complaint: ComplaintId,
    pub reference: ReferenceNumber,
    pub step: Step,
    pub due: Date,
    /// The handler, else the responsible manager (named in the warning).
    pub responsible: Option<UserId>,
    /// The day the warning goes out.
    pub on: Date,
    /// Working days past the term on that day (at least 1).
    pub days_late: i32,
}

impl MissedTerm {
    /// `missed:{complaint}:{step}:{due}` — once per complaint and step.
    pub fn key(&self) -> String {
        format!(
            "missed:{}:{}:{}",
            self.complaint,
            self.step.as_str(),
            self.due
        )
    }

    /// The key of the copy for one quality manager: every recipient gets a
    /// message of their own (one bounce does not hold up the others).
    pub fn key_for(&self, recipient: UserId) -> String {
        format!("{}:{recipient}", self.key())
    }
}

/// One line of a digest: a complaint's next open term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestItem {
    pub complaint: ComplaintId,
    pub reference: ReferenceNumber,
    pub step: Step,
    pub due: Date,
    /// Overdue, due today or on time, on the digest's day.
    pub status: TermStatus,
}

/// A manager's daily digest of their open terms and agreed actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub recipient: UserId,
    pub on: Date,
    /// Overdue first, then by term, then by reference.
    pub items: Vec<DigestItem>,
    /// Open agreed actions with a due date, soonest first.
    pub actions: Vec<DigestAction>,
}

impl Digest {
    /// `digest:{user}:{date}` — once per manager and working day.
    pub fn key(&self) -> String {
        format!("digest:{}:{}", self.recipient, self.on)
    }

    pub fn overdue(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.status == TermStatus::Overdue)
            .count()
    }
}

/// The reminders due at `now`: those whose send day is today, once the
/// morning hour has passed. Each (complaint, step, kind) at most once.
pub fn reminders_due(
    complaints: &[OpenTerms],
    cal: &WorkingCalendar,
    settings: &ReminderSettings,
    now: Timestamp,
) -> Vec<Reminder> {
    let Some(today) = settings.sending_day(now, cal) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in complaints {
        let Some(recipient) = c.responsible() else {
            continue;
        };
        for &(step, due) in &c.terms {
            for &kind in &settings.kinds {
                if kind.send_day(due, cal) == today {
                    out.push(Reminder {
                        complaint: c.complaint,
                        reference: c.reference,
                        step,
                        due,
                        kind,
                        recipient,
                        for_want_of_handler: c.handler.is_none(),
                        on: today,
                    });
                }
            }
        }
    }
    out
}

/// The missed terms to report at `now`: open terms that ended before
/// today, from the first working day after them up to
/// [`MISSED_CATCH_UP_DAYS`] working days later.
pub fn missed_due(
    complaints: &[OpenTerms],
    cal: &WorkingCalendar,
    settings: &ReminderSettings,
    now: Timestamp,
) -> Vec<MissedTerm> {
    let Some(today) = settings.sending_day(now, cal) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in complaints {
        for &(step, due) in &c.terms {
            if due >= today {
                continue;
            }
            let late = cal.working_days_between(due, today);
            if (1..=MISSED_CATCH_UP_DAYS).contains(&late) {
                out.push(MissedTerm {
                    complaint: c.complaint,
                    reference: c.reference,
                    step,
                    due,
                    responsible: c.responsible(),
                    on: today,
                    days_late: late,
                });
            }
        }
    }
    out
}

/// The digests due at `now`: on a working day after the morning hour, one
/// per responsible manager with open terms, each complaint once with its
/// next open term.
pub fn digests_due(
    complaints: &[OpenTerms],
    cal: &WorkingCalendar,
    settings: &ReminderSettings,
    now: Timestamp,
) -> Vec<Digest> {
    digests_with_actions_due(complaints, &[], cal, settings, now)
}

/// [`digests_due`] with the open agreed actions: each action in the digest
/// of whom [`actions::action_recipients`] names for it (the responsible
/// manager). A manager with open actions but no open term gets a digest
/// too.
pub fn digests_with_actions_due(
    complaints: &[OpenTerms],
    open_actions: &[OpenAction],
    cal: &WorkingCalendar,
    settings: &ReminderSettings,
    now: Timestamp,
) -> Vec<Digest> {
    if !settings.digest {
        return Vec::new();
    }
    let Some(today) = settings.sending_day(now, cal) else {
        return Vec::new();
    };
    let mut per_manager: BTreeMap<UserId, BTreeMap<ComplaintId, DigestItem>> = BTreeMap::new();
    for c in complaints {
        let (Some(manager), Some((step, due))) = (c.responsible_manager, c.next()) else {
            continue;
        };
        per_manager.entry(manager).or_default().insert(
            c.complaint,
            DigestItem {
                complaint: c.complaint,
                reference: c.reference,
                step,
                due,
                status: term_status(due, today, None),
            },
        );
    }
    let mut actions_per_manager: BTreeMap<UserId, Vec<DigestAction>> = BTreeMap::new();
    for a in open_actions {
        for r in actions::action_recipients(a, actions::ActionNotice::Digest) {
            per_manager.entry(r.user).or_default();
            actions_per_manager
                .entry(r.user)
                .or_default()
                .push(DigestAction::on(a, today));
        }
    }
    per_manager
        .into_iter()
        .map(|(recipient, items)| {
            let mut items: Vec<DigestItem> = items.into_values().collect();
            items.sort_by_key(|i| (i.due, i.reference, i.step));
            let mut actions = actions_per_manager.remove(&recipient).unwrap_or_default();
            actions.sort_by_key(|a| (a.action.due, a.action.reference, a.action.number));
            Digest {
                recipient,
                on: today,
                items,
                actions,
            }
        })
        .collect()
}

/// The terms that can cause a reminder or warning on `today`, as an
/// inclusive range of due dates: from the oldest term whose miss may still
/// be reported to the furthest whose day-before reminder goes out today.
/// The scheduler loads only complaints with a term in this range.
pub fn window(today: Date, cal: &WorkingCalendar) -> (Date, Date) {
    // Furthest: a day-before reminder today is for a term on or after the
    // next working day and before the one after that.
    let next = next_working_day(cal, today);
    let after_next = next_working_day(cal, next);
    let to = after_next.yesterday().unwrap_or(after_next);
    // Oldest: `MISSED_CATCH_UP_DAYS` working days back from today counts
    // today itself when it is a working day.
    let mut from = today;
    let mut counted = 0;
    while counted < MISSED_CATCH_UP_DAYS {
        if cal.is_working_day(from) {
            counted += 1;
        }
        match from.yesterday() {
            Ok(d) => from = d,
            Err(_) => break,
        }
    }
    (last_working_day_on_or_before(cal, from), to)
}

/// The last working day strictly before `date`.
pub fn previous_working_day(cal: &WorkingCalendar, date: Date) -> Date {
    match date.yesterday() {
        Ok(d) => last_working_day_on_or_before(cal, d),
        Err(_) => Date::MIN,
    }
}

/// `date` when it is a working day, else the last one before it.
pub fn last_working_day_on_or_before(cal: &WorkingCalendar, date: Date) -> Date {
    let mut day = date;
    while !cal.is_working_day(day) {
        match day.yesterday() {
            Ok(d) => day = d,
            Err(_) => return Date::MIN,
        }
    }
    day
}

/// The first working day strictly after `date`.
pub fn next_working_day(cal: &WorkingCalendar, date: Date) -> Date {
    cal.add_working_days(date, 1)
}

/// The step as a short word for subjects: "termijn contact".
pub fn step_word(step: Step) -> &'static str {
    match step {
        Step::Report => "melden",
        Step::Contact => "contact",
        Step::Offer => "aanbod",
        Step::Record => "vastleggen",
    }
}

pub use crate::dutch::day_and_month;

/// `due` as seen on `on`: "vandaag", "morgen", or the weekday and date.
pub fn relative_day(due: Date, on: Date) -> String {
    if due == on {
        "vandaag".into()
    } else if on.tomorrow().ok() == Some(due) {
        "morgen".into()
    } else {
        day_and_month(due)
    }
}

#[cfg(test)]
mod tests;
