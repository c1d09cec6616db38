//! To the quality manager when messages could not be delivered after
//! their last attempt: one notice per delivery round, listing which ones,
//! why, and where to send them again.

use askama::Template;

use crate::{Compose, MailContext};

/// Every message of one delivery round that failed for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureNotice {
    pub messages: Vec<FailedMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedMessage {
    /// The failed message's recipients, as one line.
    pub recipients: String,
    pub subject: String,
    /// The complaint it was about, when known.
    pub reference: Option<String>,
    pub attempts: u32,
    pub error: String,
}

impl FailedMessage {
    /// "na 1 poging", "na 8 pogingen".
    /// The attempts as a number for the text.
    fn attempts(&self) -> usize {
        self.attempts as usize
    }
}

impl FailureNotice {
    /// "Een bericht kon …" or "3 berichten konden …".
    pub fn intro(&self, ctx: &MailContext) -> String {
        match self.messages.as_slice() {
            [one] => ctx
                .t
                .t1("mail-failure-intro-one", "attempts", one.attempts()),
            many => ctx.t.t1("mail-failure-intro-many", "count", many.len()),
        }
    }
}

#[derive(Template)]
#[template(path = "failure_notice.txt")]
struct Text<'a> {
    m: &'a FailureNotice,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "failure_notice.html")]
struct Html<'a> {
    m: &'a FailureNotice,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for FailureNotice {
    fn subject(&self, ctx: &MailContext) -> String {
        match self.messages.as_slice() {
            [one] => ctx
                .t
                .t1("mail-failure-subject-one", "subject", &one.subject),
            many => ctx.t.t1("mail-failure-subject-many", "count", many.len()),
        }
    }

    crate::bodies!(Text, Html);
}
