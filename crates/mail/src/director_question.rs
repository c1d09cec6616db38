//! To the director when she is asked for advice on a complaint (regulation
//! step 3: the offer is made "eventueel na overleg met de algemeen
//! directeur"): the question, who asks, the complaint and the link to
//! answer on its page.

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectorQuestion {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub director_name: String,
    /// Who asks: the afhandelaar, or whoever works on the step.
    pub asked_by: String,
    pub question: String,
    pub complainant: String,
    pub service: Option<String>,
    pub summary: String,
    /// The last day for the offer: "dinsdag 12 mei 2026".
    pub offer_due: String,
}

impl DirectorQuestion {
    /// The opening sentence of the text part, the regulation quoted.
    pub fn intro_text(&self, ctx: &MailContext) -> String {
        let quote = format!("\"{}\"", ctx.t.t("mail-director-question-quote"));
        ctx.t.t3(
            "mail-director-question-intro",
            "by",
            &self.asked_by,
            "reference",
            &self.reference,
            "quote",
            quote,
        )
    }
}

#[derive(Template)]
#[template(path = "director_question.txt")]
struct Text<'a> {
    m: &'a DirectorQuestion,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "director_question.html")]
struct Html<'a> {
    m: &'a DirectorQuestion,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for DirectorQuestion {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t1(
            "mail-director-question-subject",
            "reference",
            &self.reference,
        )
    }

    crate::bodies!(Text, Html);
}
