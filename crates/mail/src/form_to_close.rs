//! To every active quality manager when the afhandelaar sent the form
//! (DESIGN §3 step 4): a complaint waits for her to check and close it.

use askama::Template;
use klacht_domain::complaint::Complaint;
use klacht_i18n::Tr;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormToClose {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub quality_manager_name: String,
    /// Who sent the form (normally the afhandelaar).
    pub sent_by: String,
    /// What still stands between the complaint and closing (e.g. an
    /// agreed action not yet done), in the recipient's language
    /// ([`closing_blockers`]); empty when it can be closed.
    pub blockers: Vec<String>,
}

/// What still stands between `c` and closing, in `t`'s words
/// (`Complaint::closing_blockers`). The mail to the quality manager, her
/// complaint page and the API's view show it.
pub fn closing_blockers(t: Tr, c: &Complaint) -> Vec<String> {
    c.closing_blockers()
        .iter()
        .map(|item| t.refusal_value(item))
        .collect()
}

#[derive(Template)]
#[template(path = "form_to_close.txt")]
struct Text<'a> {
    m: &'a FormToClose,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "form_to_close.html")]
struct Html<'a> {
    m: &'a FormToClose,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for FormToClose {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t1("mail-form-subject", "reference", &self.reference)
    }

    crate::bodies!(Text, Html);
}
