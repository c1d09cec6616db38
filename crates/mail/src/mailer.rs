//! Sending a stored message. [`crate::SmtpMailer`] is the real one; the
//! trait keeps the outbox worker independent of the transport.

use std::future::Future;

use crate::MailMessage;

/// What the receiving server answered, kept as the outbox row's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub reply: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth another try later: the server is unreachable, busy, or
    /// answered with a 4xx.
    #[error("{0}")]
    Transient(String),
    /// Will fail every time (a 5xx such as an unknown mailbox, an address
    /// that does not parse): the message is marked failed at once.
    #[error("{0}")]
    Permanent(String),
}

impl SendError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, SendError::Permanent(_))
    }
}

/// Sends one message. `id` is the outbox row's id; the message carries it
/// as `Message-ID: <{id}@{sender's domain}>` so a second delivery of the
/// same row is recognisable as a duplicate.
pub trait Mailer: Send + Sync + 'static {
    fn send(
        &self,
        id: uuid::Uuid,
        message: &MailMessage,
    ) -> impl Future<Output = Result<Sent, SendError>> + Send;
}

/// The Message-ID of an outbox row's e-mail, without angle brackets: the
/// row's id at the sender's domain (RFC 5322 asks for a domain the sender
/// controls, so that ids are unique worldwide).
pub fn message_id(id: uuid::Uuid, sender: &str) -> String {
    let domain = sender
        .rsplit_once('@')
        .map(|(_, d)| d.trim())
        .filter(|d| !d.is_empty())
        .unwrap_or("klacht");
    format!("{id}@{domain}")
}
