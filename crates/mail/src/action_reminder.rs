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
    pub fn lead(&self) -> String {
        match &self.mail {
            ActionMail::Reminder { when } => format!(
                "Actie {} bij klacht {} moet {when} af zijn: uiterlijk {}.",
                self.number, self.reference, self.due
            ),
            ActionMail::Overdue { days_late } => format!(
                "Actie {} bij klacht {} had uiterlijk {} af moeten zijn en is nog niet \
                 afgerond: {} te laat.",
                self.number,
                self.reference,
                self.due,
                working_days(*days_late)
            ),
        }
    }

    /// Why this person receives the message, and what is asked of them.
    pub fn why(&self) -> String {
        if self.on_behalf_of.is_some() {
            return self.why_standing_in();
        }
        match self.role {
            ActionRole::Owner => "U bent eigenaar van deze actie. Voer haar uit en rond haar af \
                                  op de pagina van de klacht."
                .into(),
            ActionRole::HandlerForWantOfOwner => {
                "De actie heeft geen eigenaar; als afhandelaar van de klacht ontvangt u dit \
                 bericht. Voer de actie uit of laat haar uitvoeren, en rond haar af op de pagina \
                 van de klacht."
                    .into()
            }
            ActionRole::ManagerForWantOfOwner => {
                "De actie heeft geen eigenaar en de klacht nog geen afhandelaar; als \
                 verantwoordelijke leidinggevende ontvangt u dit bericht. Wijs een afhandelaar \
                 toe of zorg zelf dat de actie wordt uitgevoerd."
                    .into()
            }
            ActionRole::ResponsibleManager => format!(
                "U ontvangt dit bericht als verantwoordelijke leidinggevende van de klacht. \
                 Uitvoering: {}.",
                self.actor_text()
            ),
        }
    }

    /// For a stand-in: the role was the absent person's, not theirs, so
    /// nothing says "U bent eigenaar" to someone who is not.
    fn why_standing_in(&self) -> String {
        let whose = match self.role {
            ActionRole::Owner => "de eigenaar van deze actie",
            ActionRole::HandlerForWantOfOwner => {
                "de afhandelaar van de klacht (de actie heeft geen eigenaar)"
            }
            ActionRole::ManagerForWantOfOwner | ActionRole::ResponsibleManager => {
                "de verantwoordelijke leidinggevende van de klacht"
            }
        };
        format!(
            "U ontvangt dit bericht in plaats van {whose}. Zorg dat de actie wordt uitgevoerd \
             of draag de klacht over, en laat de actie afronden op de pagina van de klacht. \
             Uitvoering: {}.",
            self.actor_text()
        )
    }

    fn actor_text(&self) -> &str {
        self.actor.as_deref().unwrap_or("nog niemand")
    }
}

/// "1 werkdag", "3 werkdagen".
fn working_days(n: i32) -> String {
    if n == 1 {
        "1 werkdag".into()
    } else {
        format!("{n} werkdagen")
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
    fn subject(&self, _: &MailContext) -> String {
        match &self.mail {
            ActionMail::Reminder { when } => format!(
                "Herinnering: actie {} bij {} moet {when} af zijn",
                self.number, self.reference
            ),
            ActionMail::Overdue { .. } => format!(
                "Actie te laat: actie {} bij {} (uiterlijk {})",
                self.number, self.reference, self.due
            ),
        }
    }

    crate::bodies!(Text, Html);
}
