//! Figures for the dashboard and the yearly complaint report (DESIGN §6):
//! counts per month and category, term compliance per step, lead times,
//! merit, satisfaction, signals and external escalations.
//!
//! Pure: the application replays each complaint of a period once, turns it
//! into a small [`ComplaintFacts`] row and hands the rows to
//! [`Stats::compute`] (or counts them one at a time in a [`Tally`], so a
//! large period never holds all its rows). Every figure is defined here, once:
//!
//! - A complaint counts in the period of its local day of receipt.
//! - "Complaints" are entries whose current kind is complaint (a signal
//!   turned into a complaint counts as a complaint, and as converted);
//!   "signals" are those still resolved at intake.
//! - A step's term is met when the step was done on or before its due date
//!   (the report to the manager is due the day of receipt, for a converted
//!   signal the day it became a complaint; done: the day of the report, the date entered for
//!   contact and offer, the day the form was sent for record). A waived step counts apart. A step not done whose due date
//!   has passed on `today` is late ("te laat, nog open"); one not yet due
//!   is left out of the share.
//! - Days late are calendar days after the due date: done date (or
//!   `today` while still open) minus due date.
//! - Lead time is calendar days from the day of receipt to the day of
//!   closing, for complaints closed so far.
//! - Percentiles are nearest-rank; the median of an even count is the mean
//!   of the two middle values.

mod compute;
#[cfg(test)]
mod tests;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::complaint::{Channel, Complaint, Kind, Merit, ReopeningKind, Status};
use crate::terms::Step;
use crate::{ComplaintId, ReferenceNumber, UserId};

pub use compute::{
    CategoryRow, CompliancePart, EscalationStats, MeritSplit, MonthRow, NONE_LABEL, NamedCount,
    ReopenedComplaint, ReopenedStats, SatisfactionStats, Stats, StepCompliance, Summary, Tally,
    Totals,
};

use crate::dutch::month_name;
pub use crate::dutch::{MONTHS, MONTHS_SHORT};

/// The steps with a term that statistics follow: all four. Reporting
/// (step 1) is due the day of receipt; a complaint registered days after it
/// was received, or that waited for a manager, was reported late.
pub const FOLLOWED_STEPS: [Step; 4] = Step::ALL;

/// A run of whole days, both ends included, in the organisation's zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    /// Dutch, e.g. "2026" or "december 2025 t/m november 2026".
    pub label: String,
}

impl Period {
    /// A calendar year.
    pub fn year(year: i16) -> Period {
        Period {
            from: Date::new(year, 1, 1).unwrap_or(Date::MIN),
            to: Date::new(year, 12, 31).unwrap_or(Date::MAX),
            label: year.to_string(),
        }
    }

    /// The twelve months up to and including the month of `today`.
    pub fn last_twelve_months(today: Date) -> Period {
        let this_month = today.first_of_month();
        let from = this_month
            .checked_sub(11.months())
            .unwrap_or(Date::MIN)
            .first_of_month();
        let to = this_month.last_of_month();
        Period {
            label: format!(
                "{} {} t/m {} {}",
                month_name(from.month()),
                from.year(),
                month_name(to.month()),
                to.year()
            ),
            from,
            to,
        }
    }

    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }

    /// The (year, month) of every month the period touches, in order.
    pub fn months(&self) -> Vec<(i16, i8)> {
        let mut out = Vec::new();
        let mut m = self.from.first_of_month();
        while m <= self.to && out.len() < 1200 {
            out.push((m.year(), m.month()));
            match m.checked_add(1.month()) {
                Ok(next) => m = next,
                Err(_) => break,
            }
        }
        out
    }
}

/// What a reader chose to see: a calendar year, or the last twelve
/// months. The choice is kept as chosen: in December the last twelve months
/// cover the calendar year, and they are still not "the year".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    Year(i16),
    LastTwelveMonths,
}

impl PeriodChoice {
    /// The query value that asks for the last twelve months.
    pub const LAST_TWELVE_MONTHS: &'static str = "12m";

    /// The days this choice covers on `today`.
    pub fn period(self, today: Date) -> Period {
        match self {
            PeriodChoice::Year(y) => Period::year(y),
            PeriodChoice::LastTwelveMonths => Period::last_twelve_months(today),
        }
    }

    /// As it travels in a query string: the year, or `12m`.
    pub fn query_value(self) -> String {
        match self {
            PeriodChoice::Year(y) => y.to_string(),
            PeriodChoice::LastTwelveMonths => Self::LAST_TWELVE_MONTHS.to_owned(),
        }
    }

    /// The year of the yearly report that goes with this choice.
    pub fn report_year(self, today: Date) -> i16 {
        match self {
            PeriodChoice::Year(y) => y,
            PeriodChoice::LastTwelveMonths => today.year(),
        }
    }
}

/// One followed step of one complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepFacts {
    pub step: Step,
    /// The last day on which the step is on time.
    pub due: Date,
    /// When it was done (or, for a waived step, the day it was waived).
    pub done_on: Option<Date>,
    pub waived: bool,
}

/// How a step stands for statistics, on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepOutcome {
    OnTime,
    /// Done after its term, by this many calendar days.
    Late(i64),
    /// Not done and past its term by this many calendar days.
    Overdue(i64),
    Waived,
    /// Not done, term not yet passed.
    Pending,
}

impl StepFacts {
    pub fn outcome(&self, today: Date) -> StepOutcome {
        if self.waived {
            return StepOutcome::Waived;
        }
        match self.done_on {
            Some(done) if done <= self.due => StepOutcome::OnTime,
            Some(done) => StepOutcome::Late(days_between(self.due, done)),
            None if today > self.due => StepOutcome::Overdue(days_between(self.due, today)),
            None => StepOutcome::Pending,
        }
    }

    /// Dutch for export columns: "ja", "nee", "overgeslagen" or "nog niet".
    pub fn met_label(&self, today: Date) -> &'static str {
        match self.outcome(today) {
            StepOutcome::OnTime => "ja",
            StepOutcome::Late(_) | StepOutcome::Overdue(_) => "nee",
            StepOutcome::Waived => "overgeslagen",
            StepOutcome::Pending => "nog niet",
        }
    }
}

/// Calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    (to - from).get_days().into()
}

/// An external escalation of a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationFacts {
    pub party: String,
    /// `None` while the outcome is not known.
    pub resolved: Option<bool>,
}

/// What statistics need of one complaint or signal, read once from its
/// replayed history. Stored as JSON with each complaint's row (the
/// application's `reports::facts`), so serde both ways.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintFacts {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    /// The local day of receipt.
    pub received_on: Date,
    /// The kind at intake.
    pub registered_as: Kind,
    /// The kind now (a converted signal is a complaint).
    pub kind: Kind,
    pub status: Status,
    pub channel: Channel,
    pub category: Option<String>,
    pub cause: Option<String>,
    pub service: Option<String>,
    pub handler: Option<UserId>,
    pub responsible_manager: Option<UserId>,
    pub merit: Option<Merit>,
    /// 1–5, as it counts: the complainant's own answer to the
    /// satisfaction check, otherwise the handler's record of their
    /// reaction ([`Complaint::satisfaction`]).
    pub satisfaction: Option<u8>,
    /// 1–5, the complainant's own answer to the satisfaction check.
    pub satisfaction_check: Option<u8>,
    pub offer_accepted: Option<bool>,
    /// Report, contact, offer and record; empty for signals.
    pub steps: Vec<StepFacts>,
    pub closed_on: Option<Date>,
    pub escalations: Vec<EscalationFacts>,
    /// The steps of the rounds sealed by a reopening (issue 16), oldest
    /// first: their missed terms stay in the compliance figures.
    pub earlier_steps: Vec<StepFacts>,
    /// Why the complaint was reopened, once per reopening.
    pub reopenings: Vec<ReopeningKind>,
}

impl ComplaintFacts {
    /// The facts of a replayed complaint; terms on `calendar`.
    pub fn of(c: &Complaint, calendar: &WorkingCalendar) -> ComplaintFacts {
        let received_on = calendar.local_date(c.received_at().timestamp());
        let steps = if c.kind() == Kind::Complaint {
            let terms = c.terms(calendar);
            FOLLOWED_STEPS
                .into_iter()
                .map(|step| {
                    let waiver = c.step_waived(step);
                    // A signal skipped step 1; turned into a complaint it
                    // is reported when converted, so that is its due day.
                    let due = match (step, c.conversion()) {
                        (Step::Report, Some(conversion)) => {
                            terms.due(step).max(calendar.local_date(conversion.at))
                        }
                        _ => terms.due(step),
                    };
                    StepFacts {
                        step,
                        due,
                        done_on: c
                            .step_done_on(step)
                            .or_else(|| waiver.map(|w| calendar.local_date(w.at))),
                        // Done counts over waived: the step did happen.
                        waived: waiver.is_some() && c.step_done_on(step).is_none(),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let earlier_steps = c
            .sealed_rounds()
            .iter()
            .flat_map(|r| {
                let terms = r.terms(calendar);
                let zone = c.received_at().time_zone().clone();
                FOLLOWED_STEPS.into_iter().map(move |step| {
                    let waiver = r.step_waived(step);
                    let done = r.step_done_on(step, &zone);
                    StepFacts {
                        step,
                        due: terms.due(step),
                        done_on: done.or_else(|| waiver.map(|w| calendar.local_date(w.at))),
                        waived: waiver.is_some() && done.is_none(),
                    }
                })
            })
            .collect();
        ComplaintFacts {
            earlier_steps,
            reopenings: c
                .sealed_rounds()
                .iter()
                .map(|r| r.reopened().value.kind)
                .collect(),
            id: c.id(),
            reference: c.reference(),
            received_on,
            registered_as: c.registration().value.kind,
            kind: c.kind(),
            status: c.status(),
            channel: c.channel(),
            category: c.category().map(str::to_owned),
            cause: c.cause().map(str::to_owned),
            service: c.service().map(str::to_owned),
            handler: c.handler(),
            responsible_manager: c.responsible_manager(),
            merit: c.merit().map(|m| m.value.merit),
            satisfaction: c.satisfaction().map(|s| s.get()),
            satisfaction_check: c.satisfaction_report().map(|r| r.value.satisfaction.get()),
            offer_accepted: c.response().and_then(|r| r.value.accepted),
            steps,
            closed_on: c.closed().map(|s| calendar.local_date(s.at)),
            escalations: c
                .escalations()
                .iter()
                .map(|e| EscalationFacts {
                    party: e.escalation.value.party.label().to_string(),
                    resolved: e.outcome.as_ref().map(|o| o.value.resolved),
                })
                .collect(),
        }
    }

    pub fn step(&self, step: Step) -> Option<&StepFacts> {
        self.steps.iter().find(|s| s.step == step)
    }
}
