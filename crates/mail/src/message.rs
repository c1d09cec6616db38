//! The message as the outbox keeps it. Changing a field's name is a data
//! migration: queued messages are stored in this JSON form.

use serde::{Deserialize, Serialize};

/// A person's e-mail address with an optional display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub email: String,
}

impl Address {
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Self {
        let name = name.into();
        Self {
            name: (!name.trim().is_empty()).then_some(name),
            email: email.into(),
        }
    }

    /// An address without a display name.
    pub fn bare(email: impl Into<String>) -> Self {
        Self {
            name: None,
            email: email.into(),
        }
    }
}

/// A rendered e-mail, ready to send: plain text and HTML are sent as
/// `multipart/alternative`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailMessage {
    /// The sender; the mailer's default sender when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Address>,
    pub to: Vec<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<Address>,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl MailMessage {
    /// The outbox payload.
    pub fn to_json(&self) -> String {
        // A struct of strings always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(payload: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(payload)
    }

    /// The recipients as one line, for lists ("Naam <a@b.nl>, c@d.nl").
    pub fn recipients(&self) -> String {
        self.to
            .iter()
            .map(|a| match &a.name {
                Some(n) => format!("{n} <{}>", a.email),
                None => a.email.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_round_trips() {
        let m = MailMessage {
            from: None,
            to: vec![Address::new("Mevrouw J. de Vries", "j@example.nl")],
            reply_to: Some(Address::bare("klachten@focus.example")),
            subject: "Uw klacht K-2026-0001".into(),
            text: "Tekst".into(),
            html: "<p>Tekst</p>".into(),
        };
        let back = MailMessage::from_json(&m.to_json()).expect("parses");
        assert_eq!(back, m);
        assert_eq!(back.recipients(), "Mevrouw J. de Vries <j@example.nl>");
        assert_eq!(Address::new("  ", "a@b.nl").name, None);
    }
}
