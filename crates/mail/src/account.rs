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
    /// The key of the sentence that says what happened.
    fn what(&self) -> &'static str {
        match self.change {
            AccountChange::Created => "mail-account-created",
            AccountChange::Reactivated => "mail-account-reactivated",
            AccountChange::Unlocked => "mail-account-unlocked",
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
            AccountChange::Created => ctx.t.t1(
                "mail-account-subject-created",
                "organisation",
                &ctx.organisation,
            ),
            AccountChange::Reactivated => ctx.t.t("mail-account-subject-reactivated"),
            AccountChange::Unlocked => ctx.t.t("mail-account-subject-unlocked"),
        }
    }

    crate::bodies!(Text, Html);
}
