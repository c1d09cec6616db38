//! The satisfaction check, to the complainant once the handling is
//! recorded (the form went to the quality manager, step 4): a link to the
//! one-page form on the public site.

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SatisfactionCheck {
    pub reference: String,
    pub name: String,
    /// Without a tracking code there is no form to link to: the mail asks
    /// for an answer by e-mail instead.
    pub tracking_code: Option<String>,
}

#[derive(Template)]
#[template(path = "satisfaction.txt")]
struct Text<'a> {
    m: &'a SatisfactionCheck,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "satisfaction.html")]
struct Html<'a> {
    m: &'a SatisfactionCheck,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for SatisfactionCheck {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-satisfaction-subject", "reference", &self.reference)
    }

    crate::bodies!(Text, Html);
}
