//! To the stand-in (the responsible manager) of someone who became
//! unavailable (issue 12, item 7): once when an absence starts, or at once
//! when an account is deactivated, listing the open complaints the person
//! handles and the open agreed actions they own, each with a link, and the
//! page where each complaint is handed over in one click.

use askama::Template;

use crate::{Compose, MailContext};

/// A complaint the person handles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverComplaint {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    /// "contact met klager, uiterlijk woensdag 9 december 2026"; empty
    /// when no term is open.
    pub next_term: String,
}

/// An open agreed action the person owns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverAction {
    pub reference: String,
    pub complaint_id: String,
    pub description: String,
    /// "uiterlijk woensdag 9 december 2026", or empty.
    pub due: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverAlert {
    pub recipient_name: String,
    pub person_name: String,
    /// "is afwezig tot en met maandag 14 december", "is niet meer actief".
    pub why: String,
    /// "afwezig t/m 14 december", "niet meer actief".
    pub why_short: String,
    pub complaints: Vec<HandoverComplaint>,
    pub actions: Vec<HandoverAction>,
}

impl HandoverAlert {
    /// "1 klacht", "2 klachten".
    pub fn complaint_count(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-count-complaints", "count", self.complaints.len())
    }

    /// "1 afgesproken actie", "2 afgesproken acties".
    pub fn action_count(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-count-agreed-actions", "count", self.actions.len())
    }

    /// What there is to hand over, as in the subject.
    pub fn summary(&self, ctx: &MailContext) -> String {
        match (self.complaints.is_empty(), self.actions.is_empty()) {
            (false, false) => ctx.t.t2(
                "mail-and",
                "first",
                self.complaint_count(ctx),
                "second",
                self.action_count(ctx),
            ),
            (false, true) => self.complaint_count(ctx),
            (true, _) => self.action_count(ctx),
        }
    }
}

#[derive(Template)]
#[template(path = "handover.txt")]
struct Text<'a> {
    m: &'a HandoverAlert,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "handover.html")]
struct Html<'a> {
    m: &'a HandoverAlert,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for HandoverAlert {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t3(
            "mail-handover-subject",
            "summary",
            self.summary(ctx),
            "person",
            &self.person_name,
            "why",
            &self.why_short,
        )
    }

    crate::bodies!(Text, Html);
}
