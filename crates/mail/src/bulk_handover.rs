//! A bulk handover (issue 16): a manager moved all open complaints and
//! agreed actions of one person to others in one form. Each new handler or
//! owner gets one mail listing everything they received; the person handed
//! over from gets one listing where everything went. A bulk reassignment
//! of selected complaints (issue 15) sends the same mails.

use askama::Template;

use crate::{Compose, MailContext};

/// One moved complaint or agreed action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedItem {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    /// For a complaint its next term ("contact met klager, uiterlijk …"),
    /// for an action its description; may be empty.
    pub what: String,
    /// Who has it now.
    pub to_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkHandover {
    pub recipient_name: String,
    /// Whose work it was; none when it was several people's (a bulk
    /// reassignment of selected complaints).
    pub from_name: Option<String>,
    /// Who handed it over.
    pub by_name: String,
    /// True for a new handler or owner; false for the person handed over
    /// from, whose mail says where each item went.
    pub received: bool,
    pub complaints: Vec<MovedItem>,
    pub actions: Vec<MovedItem>,
}

impl BulkHandover {
    /// "1 klacht en 2 afgesproken acties".
    pub fn summary(&self, ctx: &MailContext) -> String {
        let complaints = ctx
            .t
            .t1("mail-count-complaints", "count", self.complaints.len());
        let actions = ctx
            .t
            .t1("mail-count-agreed-actions", "count", self.actions.len());
        match (self.complaints.is_empty(), self.actions.is_empty()) {
            (false, false) => ctx.t.t2("mail-and", "first", complaints, "second", actions),
            (false, true) => complaints,
            (true, _) => actions,
        }
    }
}

#[derive(Template)]
#[template(path = "bulk_handover.txt")]
struct Text<'a> {
    m: &'a BulkHandover,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "bulk_handover.html")]
struct Html<'a> {
    m: &'a BulkHandover,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for BulkHandover {
    fn subject(&self, ctx: &MailContext) -> String {
        let summary = self.summary(ctx);
        if self.received {
            match &self.from_name {
                Some(from) => ctx.t.t2(
                    "mail-bulk-subject-received-from",
                    "summary",
                    summary,
                    "from",
                    from,
                ),
                None => ctx.t.t1("mail-bulk-subject-received", "summary", summary),
            }
        } else {
            ctx.t.t1("mail-bulk-subject-given", "summary", summary)
        }
    }

    crate::bodies!(Text, Html);
}
