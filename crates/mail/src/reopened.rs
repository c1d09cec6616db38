//! A filed complaint reopened for a new handling round (issue 16):
//! [`ReopenedToComplainant`] tells the complainant that the complaint is
//! handled again and by when, [`ReopenedToStaff`] tells the afhandelaar
//! and the responsible manager that it is back on their start page.

use askama::Template;

use crate::{Compose, MailContext, TermDates};

/// To the complainant (and representative), when there is an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReopenedToComplainant {
    pub reference: String,
    pub name: String,
    /// Why, in the words of the kind ("bezwaar van de klager"); the
    /// reason itself is an internal note and is not sent.
    pub kind: String,
    pub tracking_code: Option<String>,
    /// The new round's terms, counted from the reopening.
    pub terms: TermDates,
}

/// To the afhandelaar and the responsible manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReopenedToStaff {
    pub reference: String,
    pub complaint_id: String,
    pub recipient_name: String,
    pub reopened_by: String,
    pub kind: String,
    pub reason: String,
    /// 2 for the first reopening.
    pub round: u32,
    /// The afhandelaar of the new round ("nog niet toegewezen").
    pub handler: String,
    pub terms: TermDates,
}

impl ReopenedToStaff {
    pub fn intro_text(&self, ctx: &MailContext) -> String {
        ctx.targs(
            "mail-reopened-staff-intro",
            &[
                ("by", &self.reopened_by),
                ("reference", &self.reference),
                ("kind", &self.kind),
            ],
            &[("round", self.round as usize)],
        )
    }

    pub fn intro_html(&self, ctx: &MailContext) -> String {
        ctx.hargs(
            "mail-reopened-staff-intro",
            &[
                ("by", &self.reopened_by),
                ("reference", &ctx.strong(&self.reference)),
                ("kind", &self.kind),
            ],
            &[("round", self.round as usize)],
        )
    }
}

#[derive(Template)]
#[template(path = "reopened_complainant.txt")]
struct ComplainantText<'a> {
    m: &'a ReopenedToComplainant,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "reopened_complainant.html")]
struct ComplainantHtml<'a> {
    m: &'a ReopenedToComplainant,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for ReopenedToComplainant {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t
            .t1("mail-reopened-subject", "reference", &self.reference)
    }

    crate::bodies!(ComplainantText, ComplainantHtml);
}

#[derive(Template)]
#[template(path = "reopened_staff.txt")]
struct StaffText<'a> {
    m: &'a ReopenedToStaff,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "reopened_staff.html")]
struct StaffHtml<'a> {
    m: &'a ReopenedToStaff,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for ReopenedToStaff {
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t2(
            "mail-reopened-staff-subject",
            "reference",
            &self.reference,
            "round",
            self.round,
        )
    }

    crate::bodies!(StaffText, StaffHtml);
}
