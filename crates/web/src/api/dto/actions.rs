//! The bodies of the workflow actions. Each carries an optional
//! `expected_version`: the complaint's version as the client saw it.

use klacht_domain::complaint::{
    Advice, Classification, Closing, ComplainantResponse, CompletedAction, Contact, ContactMode,
    Conversion, Escalation, EscalationOutcome, EscalationParty, Event, ExactRegistration, Merit,
    MeritDecision, Offer, OfferKind, Satisfaction, WaivableStep, Waiver,
};
use klacht_domain::{Refusal, RefusalCode};
use serde::Deserialize;

use super::Check;
use crate::api::error::ApiError;
use crate::error::Words;

/// A person named in an action body: `{"handler": "e-mail"}` and alike.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandlerBody {
    pub handler: Option<String>,
    pub expected_version: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistantBody {
    pub assistant: Option<String>,
    pub expected_version: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteBody {
    pub manager: Option<String>,
    pub expected_version: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    pub date: Option<String>,
    pub mode: Option<String>,
    pub summary: Option<String>,
    pub expected_version: Option<u64>,
}

impl ContactBody {
    pub fn parse(self) -> Result<Contact, ApiError> {
        let mut c = Check::default();
        let date = c.date("date", self.date);
        let mode = c.parse::<ContactMode>("mode", self.mode);
        let summary = c.text("summary", self.summary);
        match (date, mode, summary) {
            (Some(date), Some(mode), Some(summary)) => Ok(Contact {
                date,
                mode,
                summary,
            }),
            _ => Err(c.incomplete()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeritBody {
    pub merit: Option<String>,
    pub reasoning: Option<String>,
    pub expected_version: Option<u64>,
}

impl MeritBody {
    pub fn parse(self) -> Result<MeritDecision, ApiError> {
        let mut c = Check::default();
        let merit = c.parse::<Merit>("merit", self.merit);
        let reasoning = c.text("reasoning", self.reasoning);
        match (merit, reasoning) {
            (Some(merit), Some(reasoning)) => Ok(MeritDecision { merit, reasoning }),
            _ => Err(c.incomplete()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferBody {
    pub kind: Option<String>,
    pub description: Option<String>,
    pub value_cents: Option<u64>,
    #[serde(default)]
    pub director_consulted: bool,
    pub made_on: Option<String>,
    /// The text for the complainant in the letter and the confirmation
    /// mail; without it they use the standard draft for the merit.
    pub letter_text: Option<String>,
    pub expected_version: Option<u64>,
}

impl OfferBody {
    pub fn parse(self) -> Result<Offer, ApiError> {
        let mut c = Check::default();
        let kind = c.parse::<OfferKind>("kind", self.kind);
        let description = c.text("description", self.description);
        let made_on = c.date("made_on", self.made_on);
        match (kind, description, made_on) {
            (Some(kind), Some(description), Some(made_on)) => Ok(Offer {
                kind,
                description,
                value_cents: self.value_cents,
                director_consulted: self.director_consulted,
                made_on,
                letter_text: self.letter_text,
            }),
            _ => Err(c.incomplete()),
        }
    }
}

/// `POST /complaints/{id}/consultations`: a question to the director,
/// named by e-mail address.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationBody {
    pub director: Option<String>,
    pub question: Option<String>,
    pub expected_version: Option<u64>,
}

/// `POST /complaints/{id}/consultations/{n}/advice`: the director's answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceBody {
    pub advice: Option<String>,
    pub expected_version: Option<u64>,
}

impl AdviceBody {
    pub fn parse(self, number: u32) -> Result<Advice, ApiError> {
        let mut c = Check::default();
        match c.text("advice", self.advice) {
            Some(advice) => Ok(Advice { number, advice }),
            None => Err(c.incomplete()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    pub accepted: Option<bool>,
    pub satisfaction: Option<u8>,
    pub comment: Option<String>,
    pub expected_version: Option<u64>,
}

impl ResponseBody {
    pub fn parse(self) -> Result<ComplainantResponse, ApiError> {
        let mut c = Check::default();
        let satisfaction = match self.satisfaction {
            None => Some(None),
            Some(s) => c.ok("satisfaction", Satisfaction::new(s)).map(Some),
        };
        let Some(satisfaction) = satisfaction else {
            return Err(c.incomplete());
        };
        Ok(ComplainantResponse {
            accepted: self.accepted,
            satisfaction,
            comment: self.comment,
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionBody {
    pub description: Option<String>,
    pub due: Option<String>,
    pub owner: Option<String>,
    pub expected_version: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompleteActionBody {
    pub note: Option<String>,
    pub expected_version: Option<u64>,
}

impl CompleteActionBody {
    pub fn parse(self, number: u32) -> CompletedAction {
        CompletedAction {
            number,
            note: self.note,
        }
    }
}

/// For actions without input: `/form-sent`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionBody {
    pub expected_version: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverBody {
    pub step: Option<String>,
    pub reason: Option<String>,
    pub expected_version: Option<u64>,
}

impl WaiverBody {
    pub fn parse(self) -> Result<Waiver, ApiError> {
        let mut c = Check::default();
        let step = c.parse::<WaivableStep>("step", self.step);
        let reason = c.text("reason", self.reason);
        match (step, reason) {
            (Some(step), Some(reason)) => Ok(Waiver { step, reason }),
            _ => Err(c.incomplete()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationBody {
    pub party: Option<String>,
    pub party_name: Option<String>,
    pub on: Option<String>,
    pub note: Option<String>,
    pub expected_version: Option<u64>,
}

impl EscalationBody {
    pub fn parse(self) -> Result<Escalation, ApiError> {
        let mut c = Check::default();
        let party = match c.text("party", self.party).as_deref().map(str::trim) {
            None => None,
            Some("mediator") => Some(EscalationParty::Mediator),
            Some("complaints_committee") => Some(EscalationParty::ComplaintsCommittee),
            Some("disputes_body") => Some(EscalationParty::DisputesBody),
            Some("other") => c
                .text("party_name", self.party_name)
                .map(EscalationParty::Other),
            Some(other) => {
                c.say("party", Words::key1("api-party-unknown", "value", other));
                None
            }
        };
        let on = c.date("on", self.on);
        match (party, on) {
            (Some(party), Some(on)) => Ok(Escalation {
                party,
                on,
                note: self.note,
            }),
            _ => Err(c.incomplete()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeBody {
    pub outcome: Option<String>,
    pub on: Option<String>,
    pub resolved: Option<bool>,
    pub expected_version: Option<u64>,
}

impl OutcomeBody {
    pub fn parse(self) -> Result<EscalationOutcome, ApiError> {
        let mut c = Check::default();
        let outcome = c.text("outcome", self.outcome);
        let on = c.date("on", self.on);
        if self.resolved.is_none() {
            c.say("resolved", Words::key("api-required-boolean"));
        }
        match (outcome, on, self.resolved) {
            (Some(outcome), Some(on), Some(resolved)) => Ok(EscalationOutcome {
                outcome,
                on,
                resolved,
            }),
            _ => Err(c.incomplete()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloseBody {
    pub note: Option<String>,
    pub expected_version: Option<u64>,
}

impl CloseBody {
    pub fn parse(self) -> Closing {
        Closing { note: self.note }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConvertBody {
    pub reason: Option<String>,
    pub expected_version: Option<u64>,
}

impl ConvertBody {
    pub fn parse(self) -> Result<Conversion, ApiError> {
        let mut c = Check::default();
        match c.text("reason", self.reason) {
            Some(reason) => Ok(Conversion { reason }),
            None => Err(c.incomplete()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExactBody {
    pub exact_id: Option<String>,
    pub expected_version: Option<u64>,
}

impl ExactBody {
    pub fn parse(self) -> Result<ExactRegistration, ApiError> {
        let mut c = Check::default();
        match c.text("exact_id", self.exact_id) {
            Some(exact_id) => Ok(ExactRegistration {
                exact_id,
                round: None,
            }),
            None => Err(c.incomplete()),
        }
    }
}

/// A correction: event `of` is replaced by `replacement`, an event in the
/// form the complaint's `events[].data` shows.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionBody {
    pub of: Option<u64>,
    pub reason: Option<String>,
    pub replacement: Option<serde_json::Value>,
    pub expected_version: Option<u64>,
}

impl CorrectionBody {
    pub fn parse(self) -> Result<(u64, Event, String), ApiError> {
        let mut c = Check::default();
        if self.of.is_none() {
            c.say("of", Words::key("api-required-event-number"));
        }
        let reason = c.text("reason", self.reason);
        let replacement = match self.replacement {
            None => {
                c.say("replacement", Words::key("api-required"));
                None
            }
            Some(value) => match serde_path_to_error::deserialize::<_, Event>(value) {
                Ok(event) => Some(event),
                Err(e) => {
                    let path = e.path().to_string();
                    let field = if path == "." {
                        "replacement".to_owned()
                    } else {
                        format!("replacement.{path}")
                    };
                    c.say(&field, serde_words(e.into_inner().to_string()));
                    None
                }
            },
        };
        match (self.of, replacement, reason) {
            (Some(of), Some(replacement), Some(reason)) => Ok((of, replacement, reason)),
            _ => Err(c.incomplete()),
        }
    }
}

/// serde's message about a value that did not deserialise, for the
/// client. serde keeps only the text of an error, so a value the domain
/// refused arrives as the `Display` of its refusal (`refusal-{id} (name:
/// value, …)`): that is worded again in the client's language. serde's
/// own messages (a wrong type, a missing field) are passed on as they are.
fn serde_words(message: String) -> Words {
    if !message.starts_with("refusal-") {
        return Words::Text(message);
    }
    Words::Refusal(refusal_in(&message).unwrap_or_else(|| RefusalCode::Unreadable.into()))
}

/// The refusal whose `Display` is `text`, when its values are plain text
/// in the order of the code's placeholders (as every `ParseError` behind
/// serde gives them).
fn refusal_in(text: &str) -> Option<Refusal> {
    let rest = text.strip_prefix("refusal-")?;
    let code = RefusalCode::ALL
        .iter()
        .copied()
        .filter(|c| rest.starts_with(c.id()))
        .max_by_key(|c| c.id().len())?;
    let rest = &rest[code.id().len()..];
    let names = code.placeholders();
    if names.is_empty() {
        return rest.is_empty().then(|| code.into());
    }
    let mut rest = rest.strip_prefix(" (")?.strip_suffix(')')?;
    let mut refusal = Refusal::new(code);
    for (i, name) in names.iter().enumerate() {
        rest = rest.strip_prefix(name)?.strip_prefix(": ")?;
        let end = match names.get(i + 1) {
            Some(next) => rest.find(&format!(", {next}: "))?,
            None => rest.len(),
        };
        let value = &rest[..end];
        if value.starts_with("[refusal-") {
            // A phrase of its own: its words cannot be read back.
            return None;
        }
        refusal = refusal.text(name, value);
        rest = rest[end..].strip_prefix(", ").unwrap_or_default();
    }
    Some(refusal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_behind_serde_are_read_back() {
        use klacht_domain::complaint::Party;
        use klacht_domain::{Email, ReferenceNumber};
        let email = Email::parse("geen adres").expect_err("no address");
        assert_eq!(
            refusal_in(&email.to_string()).as_ref(),
            Some(email.refusal())
        );
        let reference = ReferenceNumber::new(1999, 0).expect_err("out of range");
        assert_eq!(
            refusal_in(&reference.to_string()).as_ref(),
            Some(reference.refusal())
        );
        let name = Party::parse_name(" ").expect_err("no name");
        assert_eq!(refusal_in(&name.to_string()).as_ref(), Some(name.refusal()));
        let score = Satisfaction::new(9).expect_err("out of range");
        assert_eq!(
            refusal_in(&score.to_string()).as_ref(),
            Some(score.refusal())
        );
        // A value with commas and brackets of its own.
        let odd = Email::parse("a, input: b) (c").expect_err("no address");
        assert_eq!(refusal_in(&odd.to_string()).as_ref(), Some(odd.refusal()));
        // Through serde, as a correction's replacement meets it.
        let stored =
            serde_json::json!({"name": "Jan", "email": "jan@", "phone": null, "address": null});
        let e = serde_json::from_value::<Party>(stored).expect_err("bad address");
        let t = klacht_i18n::Tr::new(klacht_i18n::Language::En);
        assert_eq!(
            serde_words(e.to_string()).say(t),
            "'jan@' is not a valid email address"
        );
        assert_eq!(
            serde_words(e.to_string()).say(klacht_i18n::Tr::default()),
            "'jan@' is geen geldig e-mailadres"
        );
        // Words that cannot be read back still do not show a key.
        let list = "fax".parse::<ContactMode>().expect_err("unknown");
        assert_eq!(
            serde_words(list.to_string()),
            Words::Refusal(RefusalCode::Unreadable.into())
        );
        assert_eq!(
            serde_words("missing field `date`".into()),
            Words::Text("missing field `date`".into())
        );
    }

    #[test]
    fn every_wrong_field_is_reported_at_once() {
        let body = ContactBody {
            date: Some("gisteren".into()),
            mode: Some("fax".into()),
            summary: None,
            expected_version: None,
        };
        let ApiError::Fields(fields) = body.parse().expect_err("refused") else {
            panic!("a 422");
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["date", "mode", "summary"]);
    }

    #[test]
    fn escalation_parties_are_named_or_other() {
        let body = |party: &str, name: Option<&str>| EscalationBody {
            party: Some(party.into()),
            party_name: name.map(Into::into),
            on: Some("2026-05-01".into()),
            note: None,
            expected_version: None,
        };
        assert_eq!(
            body("complaints_committee", None)
                .parse()
                .expect("ok")
                .party,
            EscalationParty::ComplaintsCommittee
        );
        assert_eq!(
            body("other", Some("Geschillencommissie Zorg"))
                .parse()
                .expect("ok")
                .party,
            EscalationParty::Other("Geschillencommissie Zorg".into())
        );
        assert!(body("other", None).parse().is_err());
        assert!(body("rechter", None).parse().is_err());
    }
}

/// Category and cause together: the new classification replaces both; an
/// absent, null or blank field means "none".
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifyBody {
    pub category: Option<String>,
    pub cause: Option<String>,
    pub expected_version: Option<u64>,
}

impl ClassifyBody {
    pub fn parse(self) -> Classification {
        let given = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        Classification {
            category: given(self.category),
            cause: given(self.cause),
        }
    }
}

/// `POST /complaints/{id}/reopen`: why a closed complaint gets a new
/// handling round (issue 16).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReopenBody {
    /// `complainant_objection`, `external_ruling` or `new_facts`.
    pub kind: Option<String>,
    pub reason: Option<String>,
    pub expected_version: Option<u64>,
}

impl ReopenBody {
    pub fn parse(self) -> Result<klacht_domain::complaint::Reopening, ApiError> {
        let mut c = Check::default();
        let kind = c.parse::<klacht_domain::complaint::ReopeningKind>("kind", self.kind);
        let reason = c.text("reason", self.reason);
        match (kind, reason) {
            (Some(kind), Some(reason)) => Ok(klacht_domain::complaint::Reopening { kind, reason }),
            _ => Err(c.incomplete()),
        }
    }
}

/// One phone call (issue 15): the contact, and the merit and offer when
/// they were settled in the same call. `expected_version` belongs to the
/// whole; inside the parts it is not used.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneCallBody {
    pub contact: Option<ContactBody>,
    pub merit: Option<MeritBody>,
    pub offer: Option<OfferBody>,
    pub expected_version: Option<u64>,
}

impl PhoneCallBody {
    /// The commands in the order they are decided; a part's problems name
    /// their field under the part (`offer.description`).
    pub fn parse(self) -> Result<Vec<klacht_domain::complaint::Command>, ApiError> {
        use klacht_domain::complaint::Command;
        let Some(contact) = self.contact else {
            return Err(ApiError::field_said("contact", Words::key("api-required")));
        };
        let mut cmds = vec![Command::RecordContact(
            contact.parse().map_err(|e| e.under("contact"))?,
        )];
        if let Some(merit) = self.merit {
            cmds.push(Command::DecideMerit(
                merit.parse().map_err(|e| e.under("merit"))?,
            ));
        }
        if let Some(offer) = self.offer {
            cmds.push(Command::MakeOffer(
                offer.parse().map_err(|e| e.under("offer"))?,
            ));
        }
        Ok(cmds)
    }
}

// Which bodies may be left out (the OpenAPI document's
// `requestBody.required`); see `JsonBody`.
impl crate::api::extract::JsonBody for CompleteActionBody {
    const OPTIONAL: bool = true;
}
impl crate::api::extract::JsonBody for VersionBody {
    const OPTIONAL: bool = true;
}
impl crate::api::extract::JsonBody for CloseBody {
    const OPTIONAL: bool = true;
}
macro_rules! required_body {
    ($($body:ty),* $(,)?) => {
        $(impl crate::api::extract::JsonBody for $body {})*
    };
}
required_body!(
    super::NewComplaintBody,
    HandlerBody,
    AssistantBody,
    RouteBody,
    ContactBody,
    MeritBody,
    OfferBody,
    ConsultationBody,
    AdviceBody,
    ResponseBody,
    ActionBody,
    WaiverBody,
    EscalationBody,
    OutcomeBody,
    ConvertBody,
    ExactBody,
    CorrectionBody,
    ClassifyBody,
    ReopenBody,
    PhoneCallBody,
);
