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
    pub fn late(&self, ctx: &MailContext) -> String {
        crate::missed_term::working_days(ctx, self.days_late)
    }

    pub fn responsible_text(&self, ctx: &MailContext) -> String {
        self.responsible
            .clone()
            .unwrap_or_else(|| ctx.t.t("mail-nobody-yet"))
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
    pub fn intro_text(&self, ctx: &MailContext) -> String {
        ctx.targs(
            "mail-weekly-intro",
            &[
                ("date", &self.date),
                ("terms", &self.terms_text(ctx)),
                ("complaints", &self.complaints_text(ctx)),
            ],
            &[("count", self.lines.len())],
        )
    }

    pub fn intro_html(&self, ctx: &MailContext) -> String {
        ctx.hargs(
            "mail-weekly-intro",
            &[
                ("date", &self.date),
                ("terms", &ctx.strong(&self.terms_text(ctx))),
                ("complaints", &self.complaints_text(ctx)),
            ],
            &[("count", self.lines.len())],
        )
    }

    /// The terms the mail lists: the first [`crate::LIST_MAX`].
    pub fn shown_lines(&self) -> &[OverdueLine] {
        crate::shown(&self.lines)
    }

    pub fn hidden_lines(&self) -> usize {
        crate::hidden(&self.lines)
    }

    /// "1 klacht", "3 klachten".
    pub fn complaints_text(&self, ctx: &MailContext) -> String {
        ctx.t.t1("mail-count-complaints", "count", self.complaints)
    }

    /// "1 termijn", "4 termijnen".
    pub fn terms_text(&self, ctx: &MailContext) -> String {
        ctx.t.t1("mail-count-terms", "count", self.lines.len())
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
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t3(
            "mail-weekly-subject",
            "week",
            self.week,
            "terms",
            self.terms_text(ctx),
            "complaints",
            self.complaints_text(ctx),
        )
    }

    crate::bodies!(Text, Html);
}
