//! The regulation's four terms per complaint (DESIGN §3–§4).
//!
//! Terms are end-of-day dates rather than instants: the regulation counts in
//! days, and an instant would make "on time" depend on the hour a handler
//! happened to click.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;

/// The regulation's steps that have a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 1: report to the direct manager, the day of receipt.
    Report,
    /// 2: contact with the complainant, 2 working days after receipt.
    Contact,
    /// 3: decide on merit and make the offer, 2 weeks after receipt.
    Offer,
    /// 4: record actions and results on the form, 3 weeks after receipt.
    Record,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Report, Step::Contact, Step::Offer, Step::Record];

    /// The identifier used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Report => "report",
            Step::Contact => "contact",
            Step::Offer => "offer",
            Step::Record => "record",
        }
    }

    /// Dutch name of the step as the regulation calls it.
    pub fn label(self) -> &'static str {
        match self {
            Step::Report => "melden bij leidinggevende",
            Step::Contact => "contact met klager",
            Step::Offer => "aanbod",
            Step::Record => "vastleggen op klachtenformulier",
        }
    }

    /// The step's number in the regulation ("Stap 2").
    pub fn number(self) -> u8 {
        match self {
            Step::Report => 1,
            Step::Contact => 2,
            Step::Offer => 3,
            Step::Record => 4,
        }
    }

    /// The term as the regulation words it, counted from receipt: the
    /// words [`Terms::compute`] implements ("2 werkdagen"), so that help
    /// texts and pages that explain a term say what is computed.
    pub fn term(self) -> &'static str {
        match self {
            Step::Report => "dezelfde dag",
            Step::Contact => "2 werkdagen",
            Step::Offer => "2 weken",
            Step::Record => "3 weken",
        }
    }

    /// The term as a rule next to a date ("binnen 2 werkdagen").
    pub fn rule(self) -> &'static str {
        match self {
            Step::Report => "dezelfde dag",
            Step::Contact => "binnen 2 werkdagen",
            Step::Offer => "binnen 2 weken",
            Step::Record => "binnen 3 weken",
        }
    }
}

/// The last day on which each step is on time, for one complaint. Dates are
/// civil dates in the calendar's time zone; a step is on time when done at
/// any moment of its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub received: Timestamp,
    pub report: Date,
    pub contact: Date,
    pub offer: Date,
    pub record: Date,
}

impl Terms {
    /// The terms of a complaint received at `received` (DESIGN §4).
    pub fn compute(received: Timestamp, cal: &WorkingCalendar) -> Terms {
        let day = cal.local_date(received);
        Terms {
            received,
            // A complaint that arrives outside working days (web form on a
            // Sunday) can only be reported on the next working day.
            report: cal.next_working_day_on_or_after(day),
            contact: cal.add_working_days(day, 2),
            offer: weeks_after(cal, day, 2),
            record: weeks_after(cal, day, 3),
        }
    }

    pub fn due(&self, step: Step) -> Date {
        match step {
            Step::Report => self.report,
            Step::Contact => self.contact,
            Step::Offer => self.offer,
            Step::Record => self.record,
        }
    }

    /// How many working days late `step` is (or was) when done on
    /// `done_on_or_today`: 0 when on time. Being late at all counts as at
    /// least 1, so that a step finished on the Saturday after a Friday term
    /// does not show up as late with 0 days in the statistics.
    pub fn days_late(&self, step: Step, done_on_or_today: Date, cal: &WorkingCalendar) -> i32 {
        let due = self.due(step);
        if done_on_or_today <= due {
            0
        } else {
            cal.working_days_between(due, done_on_or_today).max(1)
        }
    }
}

/// "N weeks after receipt": the same weekday N weeks later, moved to the next
/// working day when that is not one (Algemene termijnenwet).
fn weeks_after(cal: &WorkingCalendar, day: Date, weeks: i64) -> Date {
    let same_weekday = day.checked_add(weeks.weeks()).unwrap_or(Date::MAX);
    cal.next_working_day_on_or_after(same_weekday)
}

/// Where a step stands relative to its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermStatus {
    Done { on_time: bool },
    OnTime,
    DueToday,
    Overdue,
}

impl crate::Labelled for Step {
    const KIND: &'static str = "Step";

    fn id(self) -> &'static str {
        self.as_str()
    }

    fn dutch(self) -> &'static str {
        self.label()
    }
}

impl crate::Labelled for TermStatus {
    const KIND: &'static str = "TermStatus";

    fn id(self) -> &'static str {
        match self {
            TermStatus::Done { on_time: true } => "done-on-time",
            TermStatus::Done { on_time: false } => "done-late",
            TermStatus::OnTime => "on-time",
            TermStatus::DueToday => "due-today",
            TermStatus::Overdue => "overdue",
        }
    }

    fn dutch(self) -> &'static str {
        self.label()
    }
}

impl TermStatus {
    /// Dutch label as shown next to a term.
    pub fn label(self) -> &'static str {
        match self {
            TermStatus::Done { on_time: true } => "op tijd afgerond",
            TermStatus::Done { on_time: false } => "te laat afgerond",
            TermStatus::OnTime => "op tijd",
            TermStatus::DueToday => "vandaag",
            TermStatus::Overdue => "te laat",
        }
    }

    /// Whether the term was or is missed; missed terms stay visible after
    /// the step is done (DESIGN §3).
    pub fn is_late(self) -> bool {
        matches!(
            self,
            TermStatus::Done { on_time: false } | TermStatus::Overdue
        )
    }
}

/// The status of a step due on `due`, seen on `today`, done on `done_on`.
pub fn term_status(due: Date, today: Date, done_on: Option<Date>) -> TermStatus {
    match done_on {
        Some(done) => TermStatus::Done {
            on_time: done <= due,
        },
        None if today < due => TermStatus::OnTime,
        None if today == due => TermStatus::DueToday,
        None => TermStatus::Overdue,
    }
}

#[cfg(test)]
mod sweep;

#[cfg(test)]
mod tests;
