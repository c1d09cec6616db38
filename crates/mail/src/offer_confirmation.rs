//! To the complainant when the offer is made (DESIGN §3 step 3: "confirm
//! in writing where possible"): the judgement, what is offered and by when
//! we would like an answer.

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferConfirmation {
    pub reference: String,
    pub name: String,
    /// "gegrond", "deels gegrond", "ongegrond", when decided.
    pub merit: Option<String>,
    /// The handler's text for the complainant about the judgement,
    /// paragraph by paragraph; when empty the mail states the merit.
    pub letter: Vec<String>,
    /// "genoegdoening", "vervangende dienst", "extra dienst".
    pub kind: String,
    pub description: String,
    /// "€ 50,00".
    pub value: Option<String>,
    /// "vrijdag 8 mei 2026".
    pub made_on: String,
    /// The day we would like the answer by.
    pub respond_by: Option<String>,
    pub handler_name: Option<String>,
}

impl OfferConfirmation {
    /// The label of a line of the offer in the text part ("Soort:"),
    /// padded so that the values stand in one column whatever the
    /// language's labels.
    fn field(&self, ctx: &MailContext, key: &str) -> String {
        let width = FIELDS
            .iter()
            .map(|k| ctx.t.t(k).chars().count())
            .max()
            .unwrap_or(0);
        let label = ctx.t.t(key);
        let pad = width - label.chars().count().min(width);
        format!("{label}:{:pad$} ", "")
    }
}

/// The labels of the offer's lines, one column wide.
const FIELDS: [&str; 3] = [
    "mail-offer-field-kind",
    "mail-offer-field-description",
    "mail-offer-field-value",
];

#[derive(Template)]
#[template(path = "offer_confirmation.txt")]
struct Text<'a> {
    m: &'a OfferConfirmation,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "offer_confirmation.html")]
struct Html<'a> {
    m: &'a OfferConfirmation,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for OfferConfirmation {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t1("mail-offer-subject", "reference", &self.reference)
    }

    crate::bodies!(Text, Html);
}
