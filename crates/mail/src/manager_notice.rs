//! To the responsible manager on intake (DESIGN §3 step 1, "report to own
//! direct manager"): what came in, the terms, and the link to assign a
//! handler.

use askama::Template;

use crate::{Compose, MailContext, TermDates};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagerNotice {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub manager_name: String,
    /// How the complaint came to the manager.
    pub origin: Origin,
    /// "telefoon", "webformulier", …
    pub channel: String,
    pub complainant: String,
    pub service: Option<String>,
    pub summary: String,
    pub terms: TermDates,
}

/// How the complaint came to the manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Registered by this member of staff (the manager's own employee, or
    /// the manager).
    Staff(String),
    /// Submitted on the public complaint form.
    PublicForm,
    /// Routed to this manager by someone else (the quality manager, the
    /// director, or a manager passing it on).
    Routed(String),
    /// This member of staff converted a signal (registered as resolved at
    /// intake) to a complaint.
    Converted(String),
}

impl ManagerNotice {
    /// The opening sentence.
    pub fn intro(&self, ctx: &MailContext) -> String {
        match &self.origin {
            Origin::Staff(name) => ctx.t.t1("mail-manager-intro-staff", "name", name),
            Origin::PublicForm => ctx.t.t("mail-manager-intro-public"),
            Origin::Routed(name) => ctx.t.t1("mail-manager-intro-routed", "name", name),
            Origin::Converted(name) => ctx.t.t1("mail-manager-intro-converted", "name", name),
        }
    }
}

#[derive(Template)]
#[template(path = "manager_notice.txt")]
struct Text<'a> {
    m: &'a ManagerNotice,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "manager_notice.html")]
struct Html<'a> {
    m: &'a ManagerNotice,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for ManagerNotice {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-manager-subject", "reference", &self.reference)
    }

    crate::bodies!(Text, Html);
}
