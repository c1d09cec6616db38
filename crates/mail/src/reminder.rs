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
    /// "contact", "aanbod", …: the step in the subject.
    pub fn step_word(&self) -> &'static str {
        klacht_domain::reminders::step_word(self.step)
    }

    pub fn step_label(&self) -> &'static str {
        self.step.label()
    }

    /// What the step asks of the recipient, after the regulation.
    pub fn what_to_do(&self) -> &'static str {
        what_to_do(self.step)
    }
}

/// What a step asks of its handler, after the regulation (DESIGN §3).
pub fn what_to_do(step: Step) -> &'static str {
    match step {
        Step::Report => "Meld de klacht bij de direct leidinggevende.",
        Step::Contact => {
            "Neem telefonisch of persoonlijk contact op met de klager, om de klacht te \
             verhelderen of op te lossen, en leg het gesprek vast."
        }
        Step::Offer => {
            "Bepaal of de klacht gegrond is, besluit over genoegdoening of een vervangende \
             dienst, doe het aanbod en leg het vast."
        }
        Step::Record => {
            "Leg acties, aanbod en resultaat vast op het klachtenformulier en stuur het \
             formulier naar de kwaliteitsmanager."
        }
    }
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
    fn subject(&self, _: &MailContext) -> String {
        format!(
            "Herinnering: termijn {} {} verloopt {}",
            self.step_word(),
            self.reference,
            self.when
        )
    }

    crate::bodies!(Text, Html);
}
