//! To whoever asked the director (and the afhandelaar, when someone else
//! asked) once she has answered: the question, her advice, and the link
//! to the complaint, where the offer can now be recorded.

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectorAdvice {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub recipient_name: String,
    pub director_name: String,
    pub question: String,
    pub advice: String,
}

#[derive(Template)]
#[template(path = "director_advice.txt")]
struct Text<'a> {
    m: &'a DirectorAdvice,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "director_advice.html")]
struct Html<'a> {
    m: &'a DirectorAdvice,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for DirectorAdvice {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-director-advice-subject", "reference", &self.reference)
    }

    crate::bodies!(Text, Html);
}
