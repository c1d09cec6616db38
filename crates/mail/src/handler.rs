//! To the afhandelaar when a complaint is assigned to them (issue 12,
//! item 1): what it is about, the terms, the link; and to the previous
//! afhandelaar when it moved to someone else, so that nobody keeps working
//! on (or worrying about) a complaint that is no longer theirs.

use askama::Template;

use crate::{Compose, MailContext, TermDates};

/// "U bent afhandelaar van klacht …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerAssigned {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub handler_name: String,
    /// Who assigned it.
    pub assigned_by: String,
    /// The afhandelaar it was taken from, on a reassignment.
    pub previous: Option<String>,
    pub complainant: String,
    pub service: Option<String>,
    pub summary: String,
    pub terms: TermDates,
}

#[derive(Template)]
#[template(path = "handler_assigned.txt")]
struct AssignedText<'a> {
    m: &'a HandlerAssigned,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "handler_assigned.html")]
struct AssignedHtml<'a> {
    m: &'a HandlerAssigned,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for HandlerAssigned {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-assigned-subject", "reference", &self.reference)
    }

    crate::bodies!(AssignedText, AssignedHtml);
}

/// "Klacht … is overgedragen aan …", to the previous afhandelaar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerReleased {
    pub reference: String,
    pub complaint_id: String,
    pub previous_name: String,
    /// The new afhandelaar.
    pub handler_name: String,
    /// Who reassigned it.
    pub assigned_by: String,
}

#[derive(Template)]
#[template(path = "handler_released.txt")]
struct ReleasedText<'a> {
    m: &'a HandlerReleased,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "handler_released.html")]
struct ReleasedHtml<'a> {
    m: &'a HandlerReleased,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for HandlerReleased {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t2(
            "mail-released-subject",
            "reference",
            &self.reference,
            "handler",
            &self.handler_name,
        )
    }

    crate::bodies!(ReleasedText, ReleasedHtml);
}

/// "Actie voor u bij klacht …": to whoever an agreed action names as the
/// one to carry it out, when someone else agreed it (DESIGN §3: the owner
/// of an agreed action is told, then reminded when it is due).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionAssigned {
    pub reference: String,
    pub complaint_id: String,
    pub owner_name: String,
    /// Who agreed it with the complainant.
    pub agreed_by: String,
    pub number: u32,
    pub description: String,
    /// "vrijdag 8 mei 2026", when a date was agreed.
    pub due: Option<String>,
}

#[derive(Template)]
#[template(path = "action_assigned.txt")]
struct ActionText<'a> {
    m: &'a ActionAssigned,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "action_assigned.html")]
struct ActionHtml<'a> {
    m: &'a ActionAssigned,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for ActionAssigned {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t2(
            "mail-action-assigned-subject",
            "number",
            self.number,
            "reference",
            &self.reference,
        )
    }

    crate::bodies!(ActionText, ActionHtml);
}
