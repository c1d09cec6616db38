//! To every active quality manager when the mailbox took in a message that
//! is not a complainant's reply (issue 17 §2): it waits on her start page
//! to be registered as a complaint or signal, or put aside as "geen
//! klacht". Without this mail she would only learn of it by opening klacht,
//! while the regulation asks for a complaint to be reported the day it
//! arrives.

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingMailNotice {
    pub recipient_name: String,
    /// The message's id in klacht, for the link to it.
    pub message_id: String,
    /// Who sent it (address or name; empty when unknown).
    pub from: String,
    pub subject: String,
    /// Names of the files that came with it.
    pub attachments: Vec<String>,
    /// Why it needs a closer look (unreadable, a file refused), if so.
    pub problem: Option<String>,
}

#[derive(Template)]
#[template(path = "incoming_mail.txt")]
struct Text<'a> {
    m: &'a IncomingMailNotice,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "incoming_mail.html")]
struct Html<'a> {
    m: &'a IncomingMailNotice,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for IncomingMailNotice {
    fn subject(&self, ctx: &MailContext) -> String {
        let clean: Vec<char> = self.subject.chars().filter(|c| !c.is_control()).collect();
        let mut subject: String = clean.iter().take(80).collect();
        if clean.len() > 80 {
            subject.push('…');
        }
        ctx.t.t1("mail-incoming-subject", "subject", subject)
    }

    crate::bodies!(Text, Html);
}
