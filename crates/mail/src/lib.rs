//! E-mail of klacht.
//!
//! Every mail speaks its recipient's language ([`MailContext::in_language`]):
//! the complainant's chosen language, a staff member's chosen language
//! (Dutch when none). Its words are in the `mail.ftl` files of
//! `klacht-i18n`, its structure in the templates.
//!
//! - [`MailMessage`]: a rendered e-mail as the outbox stores it (JSON
//!   payload of an `OutboxKind::Mail` row): recipients, subject, plain text
//!   and HTML, optional reply-to.
//! - One module per mail, each with its data, a plain-text and an HTML
//!   askama template (`templates/<name>.txt` and `.html`, both extending the
//!   shared layouts) and a [`Compose`] impl: [`confirmation`] (to the
//!   complainant on intake), [`manager_notice`] (to the responsible manager
//!   on intake), [`offer_confirmation`] (the written confirmation of the
//!   offer, DESIGN §3 step 3), [`decision_confirmation`] (the written
//!   confirmation of a decision to make no offer), [`director_question`]
//!   and [`director_advice`] (consulting the director in step 3),
//!   [`satisfaction`] (the satisfaction check),
//!   [`handler`] (to the new and the previous afhandelaar),
//!   [`form_to_close`] (to the quality managers, step 4),
//!   [`incoming_mail`] (to the quality managers: a message from the mailbox
//!   waits to be registered), [`account`] (Beheer made, reactivated or
//!   unlocked one's account), [`files_added`] (to the afhandelaar: someone
//!   else added files) and
//!   [`failure_notice`] (messages that could not be delivered), [`reopened`]
//!   (a filed complaint handled again: to the complainant and to staff); the deadline
//!   engine's [`reminder`], [`missed_term`], [`digest`], [`action_reminder`]
//!   (agreed actions) and [`weekly_overdue`] (the director's week). A new mail is a
//!   new module following the same pattern; see [`confirmation`] for the
//!   shortest complete example.
//! - [`Mailer`]: sends a stored message; [`SmtpMailer`] does so over SMTP
//!   (lettre, tokio, rustls) with the stable `Message-ID: <{outbox id}@{sender domain}>`,
//!   so that a receiver can recognise a message sent again after a crash.

pub mod account;
pub mod action_reminder;
pub mod bulk_handover;
pub mod complainant_mail;
pub mod compose;
pub mod confirmation;
pub mod decision_confirmation;
pub mod digest;
pub mod director_advice;
pub mod director_question;
pub mod failure_notice;
pub mod files_added;
pub mod form_to_close;
pub mod format;
pub mod handler;
pub mod handover;
pub mod incoming_mail;
pub mod mailer;
pub mod manager_notice;
pub mod message;
pub mod missed_term;
pub mod offer_confirmation;
pub mod reminder;
pub mod reopened;
pub mod satisfaction;
pub mod smtp;
#[cfg(feature = "testing")]
pub mod testing;
pub mod weekly_overdue;
mod words;

/// The most lines a list in one mail shows (the digest's terms and
/// actions, the weekly summary's overdue terms); the rest is counted and
/// left to the pages the mail links to. At a million complaints with years
/// of overdue work a digest listed tens of thousands of lines: a mail of
/// megabytes that no mail server takes and nobody reads.
pub const LIST_MAX: usize = 50;

/// The first [`LIST_MAX`] of `lines`.
pub fn shown<T>(lines: &[T]) -> &[T] {
    &lines[..lines.len().min(LIST_MAX)]
}

/// How many of `lines` are past [`LIST_MAX`].
pub fn hidden<T>(lines: &[T]) -> usize {
    lines.len().saturating_sub(LIST_MAX)
}

pub use compose::{Compose, HtmlValue, MailContext, Markup, RenderError, TermDates};
pub use klacht_i18n::Tr;
pub use mailer::{Mailer, SendError, Sent};
pub use message::{Address, MailMessage};
pub use smtp::{SmtpError, SmtpMailer, SmtpSettings};
pub use words::StandInFor;
