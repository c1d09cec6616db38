//! To the afhandelaar (or, without one, the responsible manager) when the
//! complainant answered by e-mail (issue 17 §2): the message is on the
//! complaint's timeline as "E-mail van de klager".

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplainantMailNotice {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub recipient_name: String,
    pub subject: String,
    /// Names of the files that came with it.
    pub attachments: Vec<String>,
}

#[derive(Template)]
#[template(path = "complainant_mail.txt")]
struct Text<'a> {
    m: &'a ComplainantMailNotice,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "complainant_mail.html")]
struct Html<'a> {
    m: &'a ComplainantMailNotice,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for ComplainantMailNotice {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t1(
            "mail-complainant-mail-subject",
            "reference",
            &self.reference,
        )
    }

    crate::bodies!(Text, Html);
}
