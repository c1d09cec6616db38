//! The director's weekly summary of overdue terms (issue 12, item 8): on
//! the first working day of the week, every open complaint with a term
//! that passed, longest overdue first, with who is responsible. Sent only
//! when something is overdue.

use askama::Template;

use crate::{Compose, MailContext};

/// One overdue term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueLine {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    /// "contact met klager".
    pub step_label: String,
    /// "woensdag 29 april 2026".
    pub due: String,
    pub days_late: i32,
    /// The handler, else the responsible manager; `None`: nobody.
    pub responsible: Option<String>,
}

impl OverdueLine {
    /// "1 werkdag", "3 werkdagen".
    pub fn late(&self) -> String {
        if self.days_late == 1 {
            "1 werkdag".into()
        } else {
            format!("{} werkdagen", self.days_late)
        }
    }

    pub fn responsible_text(&self) -> &str {
        self.responsible.as_deref().unwrap_or("nog niemand")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyOverdue {
    pub recipient_name: String,
    /// "maandag 11 mei 2026".
    pub date: String,
    /// "20": the ISO week number.
    pub week: i8,
    pub lines: Vec<OverdueLine>,
    /// How many complaints the lines belong to.
    pub complaints: usize,
}

impl WeeklyOverdue {
    /// "1 klacht", "3 klachten".
    pub fn complaints_text(&self) -> String {
        match self.complaints {
            1 => "1 klacht".into(),
            n => format!("{n} klachten"),
        }
    }

    /// "is" for one term, "zijn" for more.
    pub fn verb(&self) -> &'static str {
        if self.lines.len() == 1 { "is" } else { "zijn" }
    }

    /// "1 termijn", "4 termijnen".
    pub fn terms_text(&self) -> String {
        match self.lines.len() {
            1 => "1 termijn".into(),
            n => format!("{n} termijnen"),
        }
    }
}

#[derive(Template)]
#[template(path = "weekly_overdue.txt")]
struct Text<'a> {
    m: &'a WeeklyOverdue,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "weekly_overdue.html")]
struct Html<'a> {
    m: &'a WeeklyOverdue,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for WeeklyOverdue {
    fn subject(&self, _: &MailContext) -> String {
        format!(
            "Weekoverzicht week {}: {} te laat bij {}",
            self.week,
            self.terms_text(),
            self.complaints_text()
        )
    }

    crate::bodies!(Text, Html);
}
