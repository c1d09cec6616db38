//! The daily digest to a manager: the next open term of every open
//! complaint they answer for, overdue first (issue 4, the deadline engine),
//! and the open agreed actions with a due date of those complaints (issue
//! 12). Sent on working days only.

use askama::Template;

use crate::{Compose, MailContext};

/// One complaint in the digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestLine {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    /// "contact met klager".
    pub step_label: String,
    /// "woensdag 29 april 2026".
    pub due: String,
    /// "te laat", "vandaag" or "op tijd".
    pub status: String,
    pub overdue: bool,
    /// The handler's name; `None` while nobody is assigned.
    pub handler: Option<String>,
}

impl DigestLine {
    pub fn handler_text(&self, ctx: &MailContext) -> String {
        self.handler
            .clone()
            .unwrap_or_else(|| ctx.t.t("mail-not-assigned-yet"))
    }
}

/// One open agreed action in the digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestActionLine {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub number: u32,
    pub description: String,
    /// "maandag 11 mei 2026".
    pub due: String,
    /// "te laat", "vandaag" or "op tijd".
    pub status: String,
    pub overdue: bool,
    /// Who carries it out: "Piet de Vries (eigenaar)"; `None`: nobody.
    pub actor: Option<String>,
}

impl DigestActionLine {
    pub fn actor_text(&self, ctx: &MailContext) -> String {
        self.actor
            .clone()
            .unwrap_or_else(|| ctx.t.t("mail-nobody-yet"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub recipient_name: String,
    /// "dinsdag 28 april 2026".
    pub date: String,
    /// Overdue first, then by term.
    pub lines: Vec<DigestLine>,
    /// Set when the recipient stands in for an absent or inactive manager:
    /// the sentence that says so.
    pub on_behalf_of: Option<String>,
    /// Soonest first.
    pub actions: Vec<DigestActionLine>,
}

impl Digest {
    pub fn overdue(&self) -> usize {
        self.lines.iter().filter(|l| l.overdue).count()
    }

    /// The terms the mail lists: the first [`crate::LIST_MAX`] (overdue
    /// come first).
    pub fn shown_lines(&self) -> &[DigestLine] {
        crate::shown(&self.lines)
    }

    pub fn hidden_lines(&self) -> usize {
        crate::hidden(&self.lines)
    }

    /// The actions the mail lists: the first [`crate::LIST_MAX`].
    pub fn shown_actions(&self) -> &[DigestActionLine] {
        crate::shown(&self.actions)
    }

    pub fn hidden_actions(&self) -> usize {
        crate::hidden(&self.actions)
    }

    pub fn actions_overdue(&self) -> usize {
        self.actions.iter().filter(|l| l.overdue).count()
    }

    /// "1 actie", "3 acties".
    pub fn action_count(&self, ctx: &MailContext) -> String {
        ctx.t.t1("mail-count-actions", "count", self.actions.len())
    }

    /// "1 klacht", "3 klachten".
    pub fn count(&self, ctx: &MailContext) -> String {
        ctx.t.t1("mail-count-complaints", "count", self.lines.len())
    }

    /// "2 te laat".
    pub fn late(&self, ctx: &MailContext, n: usize) -> String {
        ctx.t.t1("mail-late", "what", n.to_string())
    }
}

#[derive(Template)]
#[template(path = "digest.txt")]
struct Text<'a> {
    m: &'a Digest,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "digest.html")]
struct Html<'a> {
    m: &'a Digest,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for Digest {
    fn subject(&self, ctx: &MailContext) -> String {
        let with_late = |count: String, n: usize| match n {
            0 => count,
            n => ctx
                .t
                .t2("mail-digest-count-late", "count", count, "late", n),
        };
        let actions = with_late(self.action_count(ctx), self.actions_overdue());
        if self.lines.is_empty() {
            return ctx.t.t2(
                "mail-digest-subject-actions",
                "date",
                &self.date,
                "actions",
                actions,
            );
        }
        let terms = with_late(self.count(ctx), self.overdue());
        if self.actions.is_empty() {
            ctx.t.t2(
                "mail-digest-subject-terms",
                "date",
                &self.date,
                "terms",
                terms,
            )
        } else {
            ctx.t.t3(
                "mail-digest-subject-both",
                "date",
                &self.date,
                "terms",
                terms,
                "actions",
                actions,
            )
        }
    }

    crate::bodies!(Text, Html);
}
