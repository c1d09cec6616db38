//! To the complainant when the handler decided to make no offer ("geen
//! aanbod", DESIGN §3 step 3): the written confirmation of the decision,
//! with the judgement and its explanation for the complainant, and where
//! to turn when they disagree. Nothing to accept, so no date to answer by.

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionConfirmation {
    pub reference: String,
    pub name: String,
    /// "gegrond", "deels gegrond", "ongegrond", when decided.
    pub merit: Option<String>,
    /// The handler's text for the complainant, paragraph by paragraph.
    pub letter: Vec<String>,
    /// "vrijdag 8 mei 2026": when the decision was told.
    pub decided_on: String,
    pub handler_name: Option<String>,
}

#[derive(Template)]
#[template(path = "decision_confirmation.txt")]
struct Text<'a> {
    m: &'a DecisionConfirmation,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "decision_confirmation.html")]
struct Html<'a> {
    m: &'a DecisionConfirmation,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for DecisionConfirmation {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-decision-subject", "reference", &self.reference)
    }

    crate::bodies!(Text, Html);
}
