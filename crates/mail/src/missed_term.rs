//! To every active quality manager, once, when a term has passed without
//! its step being recorded or waived (issue 4, the deadline engine).
//! Missed terms stay visible forever (DESIGN §3); this tells them the day
//! after.

use askama::Template;
use klacht_domain::terms::Step;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedTerm {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub recipient_name: String,
    pub step: Step,
    /// "woensdag 29 april 2026".
    pub due: String,
    /// Working days past the term (at least 1).
    pub days_late: i32,
    /// The handler or, while there is none, the responsible manager; `None`
    /// when nobody answers for the complaint yet.
    pub responsible: Option<String>,
}

impl MissedTerm {
    pub fn intro_text(&self, ctx: &MailContext) -> String {
        ctx.t.t2(
            "mail-missed-intro",
            "label",
            format!("'{}'", self.step_label(ctx)),
            "reference",
            &self.reference,
        )
    }

    pub fn step_word(&self, ctx: &MailContext) -> String {
        crate::reminder::step_word(ctx, self.step)
    }

    pub fn step_label(&self, ctx: &MailContext) -> String {
        ctx.t.label(self.step)
    }

    /// "3 werkdagen".
    pub fn late(&self, ctx: &MailContext) -> String {
        working_days(ctx, self.days_late)
    }

    pub fn responsible_text(&self, ctx: &MailContext) -> String {
        self.responsible
            .clone()
            .unwrap_or_else(|| ctx.t.t("mail-missed-nobody"))
    }
}

/// "1 werkdag", "3 werkdagen".
pub fn working_days(ctx: &MailContext, n: i32) -> String {
    ctx.t.t1("mail-working-days", "count", n)
}

#[derive(Template)]
#[template(path = "missed_term.txt")]
struct Text<'a> {
    m: &'a MissedTerm,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "missed_term.html")]
struct Html<'a> {
    m: &'a MissedTerm,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for MissedTerm {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t3(
            "mail-missed-subject",
            "step",
            self.step_word(ctx),
            "reference",
            &self.reference,
            "due",
            &self.due,
        )
    }

    crate::bodies!(Text, Html);
}
