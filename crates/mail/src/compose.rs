//! What every mail shares: the context (organisation, public address,
//! sender, language) and the [`Compose`] trait each mail module implements.

use askama::filters::{Escaper as _, Html};
use jiff::Zoned;
use klacht_domain::Language;
use klacht_domain::terms::Terms;
use klacht_i18n::{Arg, Tr};

use crate::{Address, MailMessage};

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
    /// The words of the mail (`locales/*/mail.ftl`) and its dates: Dutch,
    /// unless [`MailContext::in_language`] chose the complainant's.
    pub t: Tr,
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
            t: Tr::default(),
        }
    }

    /// This context speaking `language`: the complainant's chosen language,
    /// or a staff member's (Dutch when they chose none).
    pub fn in_language(&self, language: Language) -> Self {
        Self {
            t: Tr::new(language),
            ..self.clone()
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

    /// The HTML of message `key`, for `|safe`: its text escaped as askama
    /// escapes, so that the HTML part reads as the text part does.
    pub fn h(&self, key: &str) -> String {
        fill(&self.t.t(key), &[])
    }

    /// As [`MailContext::h`], with one placeholder: text (escaped) or
    /// markup ([`MailContext::strong`]).
    pub fn h1(&self, key: &str, name: &str, value: impl HtmlValue) -> String {
        fill(&self.t.t1(key, name, marker(0)), &[value.html()])
    }

    /// As [`MailContext::h1`], with two placeholders.
    pub fn h2(
        &self,
        key: &str,
        name: &str,
        value: impl HtmlValue,
        name2: &str,
        value2: impl HtmlValue,
    ) -> String {
        fill(
            &self.t.t2(key, name, marker(0), name2, marker(1)),
            &[value.html(), value2.html()],
        )
    }

    /// As [`MailContext::h1`], with three placeholders.
    #[allow(clippy::too_many_arguments)]
    pub fn h3(
        &self,
        key: &str,
        name: &str,
        value: impl HtmlValue,
        name2: &str,
        value2: impl HtmlValue,
        name3: &str,
        value3: impl HtmlValue,
    ) -> String {
        fill(
            &self
                .t
                .t3(key, name, marker(0), name2, marker(1), name3, marker(2)),
            &[value.html(), value2.html(), value3.html()],
        )
    }

    /// As [`MailContext::h1`], with any number of placeholders.
    /// Numbers (`numbers`) select plural forms and are written as they are.
    pub fn hargs(
        &self,
        key: &str,
        args: &[(&str, &(dyn HtmlValue + '_))],
        numbers: &[(&str, usize)],
    ) -> String {
        let markers: Vec<String> = (0..args.len()).map(marker).collect();
        let mut named: Vec<(&str, &dyn Arg)> = args
            .iter()
            .zip(&markers)
            .map(|((name, _), m)| (*name, m as &dyn Arg))
            .collect();
        named.extend(numbers.iter().map(|(name, n)| (*name, n as &dyn Arg)));
        let values: Vec<String> = args.iter().map(|(_, v)| v.html()).collect();
        fill(&self.t.args(key, &named), &values)
    }

    /// The text of message `key` with text values `args` and numbers
    /// `numbers`, for the plain-text part.
    pub fn targs(&self, key: &str, args: &[(&str, &str)], numbers: &[(&str, usize)]) -> String {
        let mut named: Vec<(&str, &dyn Arg)> = args
            .iter()
            .map(|(name, v)| (*name, v as &dyn Arg))
            .collect();
        named.extend(numbers.iter().map(|(name, n)| (*name, n as &dyn Arg)));
        self.t.args(key, &named)
    }

    /// The label `key` of a line in a text part, "Nummer:", padded to
    /// `width` columns (at least one space), so that the values of a
    /// block of lines stand in one column.
    pub fn field(&self, key: &str, width: usize) -> String {
        let label = format!("{}:", self.t.t(key));
        let pad = width.saturating_sub(label.chars().count()).max(1);
        format!("{label}{:pad$}", "")
    }

    /// A link `text` to `path` with the template's `style`, as a
    /// placeholder of [`MailContext::h1`].
    pub fn a(&self, path: &str, style: &str, text: &str) -> Markup {
        Markup(format!(
            "<a href=\"{}\" style=\"{style}\">{}</a>",
            escape(&self.link(path)),
            escape(text)
        ))
    }

    /// `value` as HTML made by the template: for a quotation in typographic
    /// marks (`&ldquo;…&rdquo;`).
    pub fn quoted(&self, value: &str) -> Markup {
        Markup(format!("&ldquo;{}&rdquo;", escape(value)))
    }

    /// `value` in bold, as a placeholder of [`MailContext::h1`].
    pub fn strong(&self, value: &str) -> Markup {
        Markup(format!("<strong>{}</strong>", escape(value)))
    }

    /// `value` in bold with a `style` of the template's own.
    pub fn strong_with(&self, style: &str, value: &str) -> Markup {
        Markup(format!(
            "<strong style=\"{style}\">{}</strong>",
            escape(value)
        ))
    }
}

/// A placeholder's value in an HTML message: text, escaped, or [`Markup`].
pub trait HtmlValue {
    fn html(&self) -> String;
}

impl HtmlValue for str {
    fn html(&self) -> String {
        escape(self)
    }
}

impl HtmlValue for String {
    fn html(&self) -> String {
        escape(self)
    }
}

impl<T: HtmlValue + ?Sized> HtmlValue for &T {
    fn html(&self) -> String {
        (**self).html()
    }
}

/// HTML made by the templates around an escaped value: bold text in a
/// sentence whose words come from the Fluent files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup(String);

impl HtmlValue for Markup {
    fn html(&self) -> String {
        self.0.clone()
    }
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Stands for placeholder `i` while the message is escaped: characters of
/// Unicode's private use area, which escaping leaves as they are and no
/// Fluent text contains.
fn marker(i: usize) -> String {
    format!("{OPEN}{i}{CLOSE}")
}

/// `text` escaped, with each [`marker`] replaced by its value's HTML, in
/// one pass, so that a value that happens to hold a marker stays as typed.
fn fill(text: &str, values: &[String]) -> String {
    let escaped = escape_text(text);
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let value = after.find(CLOSE).and_then(|end| {
            let i: usize = after[..end].parse().ok()?;
            Some((values.get(i)?, &after[end + CLOSE.len_utf8()..]))
        });
        match value {
            Some((html, tail)) => {
                out.push_str(html);
                rest = tail;
            }
            None => {
                out.push(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message's own words in element content: `&`, `<` and `>` escaped as
/// askama escapes them; quotes stay as a template's literal text has them.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&#38;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            c => out.push(c),
        }
    }
    out
}

/// As askama escapes a value in an HTML template.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = Html.write_escaped_str(&mut out, text);
    out
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
    /// The dates as `t`'s language writes them: the context's
    /// (`ctx.t`) for the mail it goes into.
    pub fn new(t: Tr, received: &Zoned, terms: &Terms) -> Self {
        Self {
            received: t.long_date_time(received),
            contact: t.long_date(terms.contact),
            offer: t.long_date(terms.offer),
            record: t.long_date(terms.record),
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
    fn html_messages_escape_the_text_and_keep_the_markup_of_values() {
        let ctx = MailContext::new("Focus", "https://klachten.focus.nl");
        assert_eq!(
            ctx.h1("mail-greeting", "name", "<b>Jan</b> & 'co'"),
            "Geachte &#60;b&#62;Jan&#60;/b&#62; &#38; &#39;co&#39;,"
        );
        assert_eq!(
            ctx.h1("mail-greeting", "name", ctx.strong("A & B")),
            "Geachte <strong>A &#38; B</strong>,"
        );
        let en = ctx.in_language(Language::En);
        assert_eq!(
            en.h1("mail-greeting", "name", "Ms O'Brien"),
            "Dear Ms O&#39;Brien,"
        );
        // A value that holds what looks like another placeholder's marker
        // is printed as typed, not filled in.
        let sneaky = format!("x{}", marker(1));
        let html = ctx.h2(
            "mail-decision-intro",
            "reference",
            sneaky.as_str(),
            "date",
            "vandaag",
        );
        assert!(html.contains(&sneaky), "{html}");
        assert_eq!(html.matches("vandaag").count(), 1, "{html}");
    }

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
