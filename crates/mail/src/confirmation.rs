//! To the complainant on intake: the reference number, the tracking code
//! with the status page, what happens next and by when.
//!
//! The pattern of every mail: a data struct, two askama templates that
//! see it as `m` (with `ctx: &MailContext` and `subject: &str`), and a
//! [`Compose`] impl whose bodies come from [`crate::bodies!`].

use askama::Template;

use crate::{Compose, MailContext, TermDates};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// "K-2026-0042".
    pub reference: String,
    /// Whom the greeting addresses.
    pub name: String,
    /// The code for the public status page, when the complaint has one.
    pub tracking_code: Option<String>,
    pub terms: TermDates,
}

#[derive(Template)]
#[template(path = "confirmation.txt")]
struct Text<'a> {
    m: &'a Confirmation,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "confirmation.html")]
struct Html<'a> {
    m: &'a Confirmation,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for Confirmation {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-confirmation-subject", "reference", &self.reference)
    }

    crate::bodies!(Text, Html);
}
