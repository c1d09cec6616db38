//! To the quality manager when a message could not be delivered after its
//! last attempt: which one, why, and where to send it again.

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureNotice {
    /// The failed message's recipients, as one line.
    pub recipients: String,
    pub subject: String,
    /// The complaint it was about, when known.
    pub reference: Option<String>,
    pub attempts: u32,
    pub error: String,
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
        format!("Bericht niet verzonden: {}", self.subject)
    }

    crate::bodies!(Text, Html);
}
