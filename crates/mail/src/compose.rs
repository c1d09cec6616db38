//! What every mail shares: the context (organisation, public address,
//! sender) and the [`Compose`] trait each mail module implements.

use jiff::Zoned;
use klacht_domain::terms::Terms;

use crate::{Address, MailMessage, format};

/// The installation's side of every mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailContext {
    /// The organisation's name, in the greeting and the signature.
    pub organisation: String,
    /// Where the application is reached from outside, without a trailing
    /// slash, e.g. `https://klachten.focus.nl`.
    pub public_url: String,
    /// The sender of every mail; the mailer's default when `None`.
    pub from: Option<Address>,
    /// Where answers go, when not to the sender.
    pub reply_to: Option<Address>,
    /// The mailbox klacht reads (`KLACHT_MAILBOX_ADDRESS`), e.g.
    /// `klachten@focus.nl`: mail to a complainant answers to
    /// `klachten+K-2026-0042@focus.nl` ([`MailContext::complaint_reply_to`]).
    pub mailbox: Option<Address>,
}

impl MailContext {
    pub fn new(organisation: impl Into<String>, public_url: impl Into<String>) -> Self {
        let public_url: String = public_url.into();
        Self {
            organisation: organisation.into(),
            public_url: public_url.trim_end_matches('/').to_owned(),
            from: None,
            reply_to: None,
            mailbox: None,
        }
    }

    /// The `Reply-To` of mail to the complainant of complaint `reference`:
    /// the mailbox's address plus-addressed with the reference
    /// (`klachten+K-2026-0042@focus.nl`), so that a reply is recognised
    /// as being about that complaint. `None` without a mailbox.
    pub fn complaint_reply_to(&self, reference: &str) -> Option<Address> {
        let mailbox = self.mailbox.as_ref()?;
        let (local, domain) = mailbox.email.rsplit_once('@')?;
        // A configured address that already carries a tag keeps its base.
        let local = local.split_once('+').map_or(local, |(base, _)| base);
        Some(Address {
            name: mailbox.name.clone(),
            email: format!("{local}+{reference}@{domain}"),
        })
    }

    /// An absolute link to `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

/// The regulation's terms of one complaint, written out for a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermDates {
    /// "vrijdag 24 april 2026 om 16:45".
    pub received: String,
    /// "woensdag 29 april 2026": the last day for the conversation.
    pub contact: String,
    pub offer: String,
    pub record: String,
}

impl TermDates {
    pub fn new(received: &Zoned, terms: &Terms) -> Self {
        Self {
            received: format::long_date_time(received),
            contact: format::long_date(terms.contact),
            offer: format::long_date(terms.offer),
            record: format::long_date(terms.record),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("e-mail niet op te maken: {0}")]
pub struct RenderError(#[from] askama::Error);

/// One kind of mail: its subject and its two bodies. Implement it in a
/// module of its own with two askama templates, `templates/<name>.txt`
/// (extends `layout.txt`) and `templates/<name>.html` (extends
/// `layout.html`); see `confirmation.rs`.
pub trait Compose {
    fn subject(&self, ctx: &MailContext) -> String;
    fn text(&self, ctx: &MailContext, subject: &str) -> Result<String, RenderError>;
    fn html(&self, ctx: &MailContext, subject: &str) -> Result<String, RenderError>;

    /// The whole message to `to`, ready for the outbox.
    fn compose(&self, ctx: &MailContext, to: Vec<Address>) -> Result<MailMessage, RenderError> {
        let subject = self.subject(ctx);
        Ok(MailMessage {
            from: ctx.from.clone(),
            to,
            reply_to: ctx.reply_to.clone(),
            text: self.text(ctx, &subject)?,
            html: self.html(ctx, &subject)?,
            subject,
        })
    }
}

/// Implements [`Compose::text`] and [`Compose::html`] for a mail whose two
/// templates are askama structs `$text` (fields `m: &Self` and
/// `ctx: &MailContext`) and `$html` (the same and `subject: &str`, the
/// page title).
#[macro_export]
macro_rules! bodies {
    ($text:ident, $html:ident) => {
        fn text(
            &self,
            ctx: &$crate::MailContext,
            _subject: &str,
        ) -> Result<String, $crate::RenderError> {
            use askama::Template as _;
            Ok($text { m: self, ctx }.render()?)
        }

        fn html(
            &self,
            ctx: &$crate::MailContext,
            subject: &str,
        ) -> Result<String, $crate::RenderError> {
            use askama::Template as _;
            Ok($html {
                m: self,
                ctx,
                subject,
            }
            .render()?)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_of_the_complainant_name_the_complaint() {
        let mut ctx = MailContext::new("Focus", "https://klachten.focus.nl");
        assert_eq!(ctx.complaint_reply_to("K-2026-0042"), None);
        ctx.mailbox = Some(Address::new("Focus klachten", "klachten@focus.nl"));
        assert_eq!(
            ctx.complaint_reply_to("K-2026-0042"),
            Some(Address::new(
                "Focus klachten",
                "klachten+K-2026-0042@focus.nl"
            ))
        );
        ctx.mailbox = Some(Address::bare("klachten+inbox@focus.nl"));
        assert_eq!(
            ctx.complaint_reply_to("K-2026-0042").map(|a| a.email),
            Some("klachten+K-2026-0042@focus.nl".to_owned())
        );
    }
}
