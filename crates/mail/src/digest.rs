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
    pub fn handler_text(&self) -> &str {
        self.handler.as_deref().unwrap_or("nog niet toegewezen")
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
    pub fn actor_text(&self) -> &str {
        self.actor.as_deref().unwrap_or("nog niemand")
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

    pub fn actions_overdue(&self) -> usize {
        self.actions.iter().filter(|l| l.overdue).count()
    }

    /// "1 actie", "3 acties".
    pub fn action_count(&self) -> String {
        match self.actions.len() {
            1 => "1 actie".into(),
            n => format!("{n} acties"),
        }
    }

    /// "1 klacht", "3 klachten".
    pub fn count(&self) -> String {
        match self.lines.len() {
            1 => "1 klacht".into(),
            n => format!("{n} klachten"),
        }
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
    fn subject(&self, _: &MailContext) -> String {
        let late = |n: usize| match n {
            0 => String::new(),
            n => format!(", {n} te laat"),
        };
        let actions = format!("{}{}", self.action_count(), late(self.actions_overdue()));
        if self.lines.is_empty() {
            return format!("Openstaande acties {}: {actions}", self.date);
        }
        let terms = format!("{}{}", self.count(), late(self.overdue()));
        if self.actions.is_empty() {
            format!("Openstaande termijnen {}: {terms}", self.date)
        } else {
            format!("Openstaande termijnen {}: {terms}; {actions}", self.date)
        }
    }

    crate::bodies!(Text, Html);
}
