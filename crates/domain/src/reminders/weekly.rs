//! The director's weekly summary of overdue terms (issue 12, item 8): the
//! director is "eindverantwoordelijk" for the handling of complaints, so
//! once a week she sees every open complaint with a term that passed.
//!
//! It goes out on the first working day of the (ISO) week, at the morning
//! hour: Monday, or Tuesday after Easter or Whit Monday. Only when
//! something is overdue: a weekly mail that says nothing teaches its reader
//! to skip it, and the overview shows a quiet week anyway. A week whose
//! first working day the engine did not run on (the server was down) gets
//! no summary; the next week's lists what is still overdue.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::{OpenTerms, ReminderSettings, previous_working_day};
use crate::calendar::WorkingCalendar;
use crate::terms::Step;
use crate::{ComplaintId, ReferenceNumber, UserId};

/// One overdue term in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueTerm {
    pub complaint: ComplaintId,
    pub reference: ReferenceNumber,
    pub step: Step,
    pub due: Date,
    /// Working days past the term on the summary's day.
    pub days_late: i32,
    /// The handler, else the responsible manager.
    pub responsible: Option<UserId>,
}

/// The weekly summary to one director.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklySummary {
    pub recipient: UserId,
    pub on: Date,
    /// Longest overdue first, then by reference and step.
    pub items: Vec<OverdueTerm>,
}

impl WeeklySummary {
    /// `weekly:{user}:{ISO year}-W{week}`: once per director and week.
    pub fn key(&self) -> String {
        let week = self.on.iso_week_date();
        format!(
            "weekly:{}:{}-W{:02}",
            self.recipient,
            week.year(),
            week.week()
        )
    }

    /// How many complaints the overdue terms belong to.
    pub fn complaints(&self) -> usize {
        let mut ids: Vec<ComplaintId> = self.items.iter().map(|i| i.complaint).collect();
        ids.sort();
        ids.dedup();
        ids.len()
    }
}

/// Whether `day` is the first working day of its ISO week.
pub fn is_first_working_day_of_week(cal: &WorkingCalendar, day: Date) -> bool {
    if !cal.is_working_day(day) {
        return false;
    }
    let week = |d: Date| {
        let w = d.iso_week_date();
        (w.year(), w.week())
    };
    week(previous_working_day(cal, day)) != week(day)
}

/// The summaries due at `now`: on the first working day of the week, after
/// the morning hour, when the setting is on, one per director, listing
/// every open term of `complaints` that ended before today. None when
/// nothing is overdue.
pub fn weekly_summaries_due(
    complaints: &[OpenTerms],
    directors: &[UserId],
    cal: &WorkingCalendar,
    settings: &ReminderSettings,
    now: Timestamp,
) -> Vec<WeeklySummary> {
    if !settings.director_warnings {
        return Vec::new();
    }
    let Some(today) = settings.sending_day(now, cal) else {
        return Vec::new();
    };
    if !is_first_working_day_of_week(cal, today) {
        return Vec::new();
    }
    let mut items: BTreeMap<(ComplaintId, Step), OverdueTerm> = BTreeMap::new();
    for c in complaints {
        for &(step, due) in c.terms.iter().filter(|(_, due)| *due < today) {
            items.insert(
                (c.complaint, step),
                OverdueTerm {
                    complaint: c.complaint,
                    reference: c.reference,
                    step,
                    due,
                    days_late: cal.working_days_between(due, today),
                    responsible: c.responsible(),
                },
            );
        }
    }
    if items.is_empty() {
        return Vec::new();
    }
    let mut items: Vec<OverdueTerm> = items.into_values().collect();
    items.sort_by_key(|i| (i.due, i.reference, i.step));
    let mut directors = directors.to_vec();
    directors.sort();
    directors.dedup();
    directors
        .into_iter()
        .map(|recipient| WeeklySummary {
            recipient,
            on: today,
            items: items.clone(),
        })
        .collect()
}
