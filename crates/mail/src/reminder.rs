//! To the responsible person (the handler, or the responsible manager while
//! there is none) before a term ends: on the working day before and on the
//! morning of the term (issue 4, the deadline engine). No complainant
//! details: the link leads to the complaint behind the sign-in.

use askama::Template;
use klacht_domain::terms::Step;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub recipient_name: String,
    pub step: Step,
    /// "woensdag 29 april 2026".
    pub due: String,
    /// "vandaag", "morgen" or "vrijdag 15 mei", as seen on the day it is sent.
    pub when: String,
    /// Whether the recipient is the responsible manager because no handler
    /// has been assigned yet.
    pub no_handler: bool,
    /// Set when the recipient stands in for someone absent or inactive:
    /// the sentence that says so (`klacht_domain::absence::OnBehalf`).
    pub on_behalf_of: Option<String>,
}

impl Reminder {
    pub fn intro_text(&self, ctx: &MailContext) -> String {
        let label = format!("'{}'", self.step_label(ctx));
        ctx.targs(
            "mail-reminder-intro",
            &[
                ("label", &label),
                ("reference", &self.reference),
                ("when", &self.when),
                ("due", &self.due),
            ],
            &[],
        )
    }

    pub fn intro_html(&self, ctx: &MailContext) -> String {
        ctx.hargs(
            "mail-reminder-intro",
            &[
                ("label", &ctx.strong(&self.step_label(ctx))),
                ("reference", &self.reference),
                ("when", &self.when),
                ("due", &ctx.strong(&self.due)),
            ],
            &[],
        )
    }

    /// "contact", "aanbod", …: the step in the subject.
    pub fn step_word(&self, ctx: &MailContext) -> String {
        step_word(ctx, self.step)
    }

    pub fn step_label(&self, ctx: &MailContext) -> String {
        ctx.t.label(self.step)
    }

    /// What the step asks of the recipient, after the regulation.
    pub fn what_to_do(&self, ctx: &MailContext) -> String {
        what_to_do(ctx, self.step)
    }
}

/// What a step asks of its handler, after the regulation (DESIGN §3).
pub fn what_to_do(ctx: &MailContext, step: Step) -> String {
    ctx.t.t(&format!("mail-what-to-do-{}", step.as_str()))
}

/// The step as a short word for subjects: "termijn contact".
pub fn step_word(ctx: &MailContext, step: Step) -> String {
    ctx.t.t(&format!("mail-step-word-{}", step.as_str()))
}

#[derive(Template)]
#[template(path = "reminder.txt")]
struct Text<'a> {
    m: &'a Reminder,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "reminder.html")]
struct Html<'a> {
    m: &'a Reminder,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for Reminder {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t3(
            "mail-reminder-subject",
            "step",
            self.step_word(ctx),
            "reference",
            &self.reference,
            "when",
            &self.when,
        )
    }

    crate::bodies!(Text, Html);
}
