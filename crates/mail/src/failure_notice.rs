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
    pub fn after_attempts(&self) -> String {
        match self.attempts {
            1 => "na 1 poging".into(),
            n => format!("na {n} pogingen"),
        }
    }
}

impl FailureNotice {
    /// "Een bericht kon …" or "3 berichten konden …".
    pub fn intro(&self) -> String {
        match self.messages.as_slice() {
            [one] => format!(
                "Een bericht kon {} niet worden verzonden.",
                one.after_attempts()
            ),
            many => format!(
                "{} berichten konden na hun laatste poging niet worden verzonden.",
                many.len()
            ),
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
    fn subject(&self, _: &MailContext) -> String {
        match self.messages.as_slice() {
            [one] => format!("Bericht niet verzonden: {}", one.subject),
            many => format!("{} berichten niet verzonden", many.len()),
        }
    }

    crate::bodies!(Text, Html);
}
