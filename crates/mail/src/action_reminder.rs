//! About an agreed action with a due date (issue 12, item 6), followed up
//! like a term: a reminder on the working day before and on the morning of
//! the due date to whom should carry it out (its owner, else the handler,
//! else the responsible manager), and once overdue a notice to that person
//! and the responsible manager. Staff mail: it names the agreed action, as
//! the manager's notice names the complaint; the link leads to the
//! complaint behind the sign-in.

use askama::Template;
use klacht_domain::reminders::actions::ActionRole;

use crate::{Compose, MailContext};

/// Which message about the action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionMail {
    /// Before or on the due date; `when` is "vandaag", "morgen" or
    /// "maandag 11 mei", as seen on the day it is sent.
    Reminder { when: String },
    /// The due date passed; working days late (at least 1).
    Overdue { days_late: i32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionReminder {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub recipient_name: String,
    /// Why the recipient receives it.
    pub role: ActionRole,
    pub number: u32,
    pub description: String,
    /// "maandag 11 mei 2026".
    pub due: String,
    pub mail: ActionMail,
    /// Who should carry the action out, for the responsible manager's copy:
    /// "Piet de Vries (eigenaar)"; `None` when nobody does.
    pub actor: Option<String>,
    /// Set when the recipient stands in for an absent or inactive person
    /// (`klacht_domain::absence::stand_in`): the sentence that says for
    /// whom. `role` stays that person's role.
    pub on_behalf_of: Option<String>,
}

impl ActionReminder {
    pub fn is_overdue(&self) -> bool {
        matches!(self.mail, ActionMail::Overdue { .. })
    }

    /// "Actie 2 bij klacht K-2026-0042 moet morgen af zijn: uiterlijk …" or
    /// the overdue sentence.
    pub fn lead(&self, ctx: &MailContext) -> String {
        match &self.mail {
            ActionMail::Reminder { when } => ctx.targs(
                "mail-action-reminder-lead",
                &[
                    ("reference", &self.reference),
                    ("when", when),
                    ("due", &self.due),
                ],
                &[("number", self.number as usize)],
            ),
            ActionMail::Overdue { days_late } => ctx.targs(
                "mail-action-overdue-lead",
                &[
                    ("reference", &self.reference),
                    ("due", &self.due),
                    ("late", &crate::missed_term::working_days(ctx, *days_late)),
                ],
                &[("number", self.number as usize)],
            ),
        }
    }

    /// Why this person receives the message, and what is asked of them.
    pub fn why(&self, ctx: &MailContext) -> String {
        if self.on_behalf_of.is_some() {
            return self.why_standing_in(ctx);
        }
        match self.role {
            ActionRole::Owner => ctx.t.t("mail-action-why-owner"),
            ActionRole::HandlerForWantOfOwner => ctx.t.t("mail-action-why-handler"),
            ActionRole::ManagerForWantOfOwner => ctx.t.t("mail-action-why-manager"),
            ActionRole::ResponsibleManager => {
                ctx.t
                    .t1("mail-action-why-responsible", "actor", self.actor_text(ctx))
            }
        }
    }

    /// For a stand-in: the role was the absent person's, not theirs, so
    /// nothing says "U bent eigenaar" to someone who is not.
    fn why_standing_in(&self, ctx: &MailContext) -> String {
        let whose = match self.role {
            ActionRole::Owner => "mail-action-whose-owner",
            ActionRole::HandlerForWantOfOwner => "mail-action-whose-handler",
            ActionRole::ManagerForWantOfOwner | ActionRole::ResponsibleManager => {
                "mail-action-whose-manager"
            }
        };
        ctx.t.t2(
            "mail-action-why-standing-in",
            "whose",
            ctx.t.t(whose),
            "actor",
            self.actor_text(ctx),
        )
    }

    fn actor_text(&self, ctx: &MailContext) -> String {
        self.actor
            .clone()
            .unwrap_or_else(|| ctx.t.t("mail-nobody-yet"))
    }
}

#[derive(Template)]
#[template(path = "action_reminder.txt")]
struct Text<'a> {
    m: &'a ActionReminder,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "action_reminder.html")]
struct Html<'a> {
    m: &'a ActionReminder,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for ActionReminder {
    fn subject(&self, ctx: &MailContext) -> String {
        match &self.mail {
            ActionMail::Reminder { when } => ctx.t.t3(
                "mail-action-reminder-subject",
                "number",
                self.number,
                "reference",
                &self.reference,
                "when",
                when,
            ),
            ActionMail::Overdue { .. } => ctx.t.t3(
                "mail-action-overdue-subject",
                "number",
                self.number,
                "reference",
                &self.reference,
                "due",
                &self.due,
            ),
        }
    }

    crate::bodies!(Text, Html);
}
