//! To a staff member when Beheer changed what they can do with their
//! account: it was made, made active again, or its sign-in lock lifted.
//! Each is a hand-off (the person must now sign in), and a lifted lock they
//! did not ask for is worth knowing about.

use askama::Template;

use crate::{Compose, MailContext};

/// What Beheer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChange {
    Created,
    Reactivated,
    Unlocked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountNotice {
    pub recipient_name: String,
    /// The address they sign in with.
    pub email: String,
    pub change: AccountChange,
}

impl AccountNotice {
    fn is_created(&self) -> bool {
        self.change == AccountChange::Created
    }

    fn is_unlocked(&self) -> bool {
        self.change == AccountChange::Unlocked
    }

    /// The one sentence that says what happened.
    fn what(&self) -> &'static str {
        match self.change {
            AccountChange::Created => "De beheerder heeft een account voor u gemaakt.",
            AccountChange::Reactivated => "De beheerder heeft uw account weer actief gemaakt.",
            AccountChange::Unlocked => {
                "De beheerder heeft de blokkade opgeheven die na te veel mislukte inlogpogingen op uw account stond."
            }
        }
    }
}

#[derive(Template)]
#[template(path = "account.txt")]
struct Text<'a> {
    m: &'a AccountNotice,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "account.html")]
struct Html<'a> {
    m: &'a AccountNotice,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for AccountNotice {
    fn subject(&self, ctx: &MailContext) -> String {
        match self.change {
            AccountChange::Created => format!(
                "Uw account voor het klachtenregister van {}",
                ctx.organisation
            ),
            AccountChange::Reactivated => "Uw account is weer actief".into(),
            AccountChange::Unlocked => "Uw inlogblokkade is opgeheven".into(),
        }
    }

    crate::bodies!(Text, Html);
}
