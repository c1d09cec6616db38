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
    pub fn step_word(&self) -> &'static str {
        klacht_domain::reminders::step_word(self.step)
    }

    pub fn step_label(&self) -> &'static str {
        self.step.label()
    }

    /// "1 werkdag", "3 werkdagen".
    pub fn late(&self) -> String {
        if self.days_late == 1 {
            "1 werkdag".into()
        } else {
            format!("{} werkdagen", self.days_late)
        }
    }

    pub fn responsible_text(&self) -> &str {
        self.responsible
            .as_deref()
            .unwrap_or("nog niemand (geen afhandelaar of leidinggevende)")
    }
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
    fn subject(&self, _: &MailContext) -> String {
        format!(
            "Termijn verstreken: {} {} (uiterlijk {})",
            self.step_word(),
            self.reference,
            self.due
        )
    }

    crate::bodies!(Text, Html);
}
