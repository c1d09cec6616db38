//! The registration of a closed complaint in Exact (DESIGN §7): what is
//! sent, built from the complaint's state by a pure function.
//!
//! The registration is a snapshot taken when the complaint closes. It is
//! queued as JSON in the outbox and sent (or exported) later, so its shape
//! is plain strings and dates: a stored registration must stay readable
//! even when the domain's enums change.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::complaint::{Complaint, ComplaintError};
use crate::refusal::Code;
use crate::{ComplaintId, ReferenceNumber};

/// The person a registration names (complainant or handler).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// What the offer was, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferSummary {
    /// The Dutch label, e.g. "genoegdoening".
    pub kind: String,
    pub description: String,
    pub value_cents: Option<u64>,
}

/// One closed complaint as Exact records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub complaint_id: ComplaintId,
    pub reference: ReferenceNumber,
    /// The local day of receipt.
    pub received_on: Date,
    /// The Dutch label of the channel, e.g. "telefoon".
    pub channel: String,
    pub complainant: Person,
    /// Name of whoever filed on the complainant's behalf (namens).
    pub representative: Option<String>,
    pub service: Option<String>,
    pub category: Option<String>,
    pub cause: Option<String>,
    pub description: String,
    /// "gegrond", "deels gegrond", "ongegrond"; `None` when the step was
    /// waived.
    pub merit: Option<String>,
    pub merit_reasoning: Option<String>,
    pub offer: Option<OfferSummary>,
    /// Whether the complainant accepted the offer, when known.
    pub offer_accepted: Option<bool>,
    /// 1–5: the complainant's own answer to the satisfaction check when
    /// they gave one, otherwise the handler's record.
    pub satisfaction: Option<u8>,
    /// What the complainant wrote with their own answer. Absent in
    /// registrations queued before it existed.
    #[serde(default)]
    pub satisfaction_comment: Option<String>,
    pub handler: Option<Person>,
    /// The local day the quality manager closed the complaint.
    pub closed_on: Date,
    pub closing_note: Option<String>,
    /// The handling round whose closing this registers: 1, or more after a
    /// reopening. Left out when 1, so that what was queued before reopening
    /// existed reads the same.
    #[serde(default = "first_round", skip_serializing_if = "is_first_round")]
    pub round: u32,
}

fn first_round() -> u32 {
    1
}

fn is_first_round(round: &u32) -> bool {
    *round <= 1
}

/// The outbox dedupe key of the registration of `round` of complaint
/// `id`: one per round, whoever closes it and however often the closing is
/// retried. The first round keeps the key it always had.
pub fn dedupe_key(id: ComplaintId, round: u32) -> String {
    if round <= 1 {
        format!("exact:{id}")
    } else {
        format!("exact:{id}:ronde-{round}")
    }
}

impl Registration {
    /// Builds the registration of a closed complaint. `handler` is the
    /// handler as the caller knows them (names live outside the domain);
    /// `None` when the complaint had none.
    pub fn of(c: &Complaint, handler: Option<Person>) -> Result<Registration, ComplaintError> {
        let closed = c.closed().ok_or_else(|| {
            ComplaintError::wrong_state(Code::NotClosedExact.text("reference", c.reference()))
        })?;
        let zone = c.received_at().time_zone().clone();
        let party = c.complainant();
        Ok(Registration {
            complaint_id: c.id(),
            reference: c.reference(),
            received_on: c.received_on(),
            channel: c.channel().label().to_owned(),
            complainant: Person {
                name: party.name().to_owned(),
                email: party.email().map(|e| e.to_string()),
                phone: party.phone().map(str::to_owned),
                address: party.address().map(str::to_owned),
            },
            representative: c.representative().map(|p| p.name().to_owned()),
            service: c.service().map(str::to_owned),
            category: c.category().map(str::to_owned),
            cause: c.cause().map(str::to_owned),
            description: c.description().to_owned(),
            merit: c.merit().map(|m| m.value.merit.label().to_owned()),
            merit_reasoning: c.merit().map(|m| m.value.reasoning.clone()),
            offer: c.offer().map(|o| OfferSummary {
                kind: o.value.kind.label().to_owned(),
                description: o.value.description.clone(),
                value_cents: o.value.value_cents,
            }),
            offer_accepted: c.response().and_then(|r| r.value.accepted),
            satisfaction: c.satisfaction().map(|s| s.get()),
            satisfaction_comment: c
                .satisfaction_report()
                .and_then(|r| r.value.comment.clone()),
            handler,
            closed_on: closed.at.to_zoned(zone).date(),
            closing_note: closed.value.note.clone(),
            round: c.round(),
        })
    }

    /// A short title: reference and the start of the description.
    pub fn title(&self) -> String {
        const MAX: usize = 60;
        let first_line = self.description.lines().next().unwrap_or_default().trim();
        let mut short: String = first_line.chars().take(MAX).collect();
        if first_line.chars().count() > MAX {
            short.push('…');
        }
        format!("Klacht {}: {short}", self.reference)
    }

    /// The whole registration as Dutch text, one item per line, for a
    /// notes or memo field.
    pub fn notes(&self) -> String {
        let mut lines = vec![
            format!("Klachtnummer: {}", self.reference),
            format!(
                "Ontvangen: {} (via {})",
                crate::complaint::format_date(self.received_on),
                self.channel
            ),
            format!("Klager: {}", self.complainant.name),
        ];
        if let Some(r) = &self.representative {
            lines.push(format!("Namens de klager: {r}"));
        }
        for (label, value) in [
            ("Dienst", &self.service),
            ("Categorie", &self.category),
            ("Oorzaak", &self.cause),
        ] {
            if let Some(v) = value {
                lines.push(format!("{label}: {v}"));
            }
        }
        lines.push(format!("Omschrijving: {}", self.description));
        match (&self.merit, &self.merit_reasoning) {
            (Some(m), Some(r)) => lines.push(format!("Oordeel: {m}. {r}")),
            (Some(m), None) => lines.push(format!("Oordeel: {m}")),
            _ => {}
        }
        if let Some(o) = &self.offer {
            let mut line = format!("Aanbod: {}: {}", o.kind, o.description);
            if let Some(cents) = o.value_cents {
                line.push_str(&format!(" ({})", crate::complaint::format_euro(cents)));
            }
            match self.offer_accepted {
                Some(true) => line.push_str(", aanvaard"),
                Some(false) => line.push_str(", afgewezen"),
                None => {}
            }
            lines.push(line);
        }
        if let Some(s) = self.satisfaction {
            lines.push(format!("Tevredenheid: {s}/5"));
        }
        if let Some(c) = &self.satisfaction_comment {
            lines.push(format!("Toelichting van de klager: {c}"));
        }
        if let Some(h) = &self.handler {
            lines.push(format!("Afhandelaar: {}", h.name));
        }
        lines.push(format!(
            "Afgesloten: {}",
            crate::complaint::format_date(self.closed_on)
        ));
        if let Some(n) = &self.closing_note {
            lines.push(format!("Notitie bij afsluiten: {n}"));
        }
        lines.join("\n")
    }

    /// The value of one of [`Registration::FIELDS`], as text for a
    /// configurable field mapping (Synergy's request fields, the export).
    /// `None` for an empty value or an unknown name.
    pub fn field(&self, name: &str) -> Option<String> {
        let date = |d: Date| Some(d.to_string());
        match name {
            "complaint_id" => Some(self.complaint_id.to_string()),
            "reference" => Some(self.reference.to_string()),
            "title" => Some(self.title()),
            "description" => Some(self.description.clone()),
            "notes" => Some(self.notes()),
            "received_on" => date(self.received_on),
            "channel" => Some(self.channel.clone()),
            "complainant_name" => Some(self.complainant.name.clone()),
            "complainant_email" => self.complainant.email.clone(),
            "complainant_phone" => self.complainant.phone.clone(),
            "complainant_address" => self.complainant.address.clone(),
            "representative" => self.representative.clone(),
            "service" => self.service.clone(),
            "category" => self.category.clone(),
            "cause" => self.cause.clone(),
            "merit" => self.merit.clone(),
            "merit_reasoning" => self.merit_reasoning.clone(),
            "offer_kind" => self.offer.as_ref().map(|o| o.kind.clone()),
            "offer_description" => self.offer.as_ref().map(|o| o.description.clone()),
            "offer_value" => self
                .offer
                .as_ref()
                .and_then(|o| o.value_cents)
                .map(|c| format!("{}.{:02}", c / 100, c % 100)),
            "offer_accepted" => self
                .offer_accepted
                .map(|a| if a { "ja" } else { "nee" }.to_owned()),
            "satisfaction" => self.satisfaction.map(|s| s.to_string()),
            "satisfaction_comment" => self.satisfaction_comment.clone(),
            "handler_name" => self.handler.as_ref().map(|h| h.name.clone()),
            "handler_email" => self.handler.as_ref().and_then(|h| h.email.clone()),
            "closed_on" => date(self.closed_on),
            "closing_note" => self.closing_note.clone(),
            _ => None,
        }
        .filter(|v| !v.is_empty())
    }

    /// The names [`Registration::field`] knows, in export column order.
    pub const FIELDS: &'static [&'static str] = &[
        "reference",
        "complaint_id",
        "received_on",
        "channel",
        "complainant_name",
        "complainant_email",
        "complainant_phone",
        "complainant_address",
        "representative",
        "service",
        "category",
        "cause",
        "title",
        "description",
        "merit",
        "merit_reasoning",
        "offer_kind",
        "offer_description",
        "offer_value",
        "offer_accepted",
        "satisfaction",
        "satisfaction_comment",
        "handler_name",
        "handler_email",
        "closed_on",
        "closing_note",
        "notes",
    ];
}

#[cfg(test)]
mod tests;
