//! Small value types of the complaint form, each parsed once at the edge.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::refusal::{Arg, Code};
use crate::terms::Step;
use crate::{Email, ParseError};

/// Declares a closed list of values with a stable identifier (serde, API,
/// database) and a Dutch label (UI), parsing from either; `$what` is the
/// refusal code that names the list when a value is unknown.
macro_rules! labelled {
    (
        $(#[$meta:meta])*
        $name:ident, $what:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $id:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $id)] $variant, )+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The identifier used in the API, the database and serde.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            /// The Dutch name shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl crate::Labelled for $name {
            const KIND: &'static str = stringify!($name);

            fn id(self) -> &'static str {
                self.as_str()
            }

            fn dutch(self) -> &'static str {
                self.label()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim().to_lowercase();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted || v.label() == wanted)
                    .ok_or_else(|| {
                        let choices = $name::ALL.iter().copied().map(Arg::label).collect();
                        ParseError::new(
                            Code::UnknownValue
                                .phrase("what", Code::$what)
                                .text("input", s.trim())
                                .with("choices", Arg::List(choices)),
                        )
                    })
            }
        }
    };
}

labelled!(
    /// Outcome of intake (DESIGN §2): resolved on the spot, or a complaint
    /// with the regulation's workflow.
    Kind, ListKind {
        /// "direct opgelost": counted in statistics, no workflow.
        Signal => "signal", "signaal";
        Complaint => "complaint", "klacht";
    }
);

labelled!(
    /// How the complaint came in.
    Channel, ListChannel {
        Phone => "phone", "telefoon";
        Desk => "desk", "balie";
        Letter => "letter", "brief";
        Email => "email", "e-mail";
        Web => "web", "webformulier";
    }
);

labelled!(
    /// Where a complaint stands, derived from its events.
    Status, ListStatus {
        /// A signal: resolved at intake, no workflow.
        Signal => "signal", "signaal";
        AwaitingHandler => "awaiting_handler", "wacht op afhandelaar";
        InProgress => "in_progress", "in behandeling";
        /// The form went to the quality manager (step 4).
        Recorded => "recorded", "vastgelegd";
        /// An external party is engaged and has not yet given its outcome.
        Escalated => "escalated", "extern geëscaleerd";
        Closed => "closed", "afgesloten";
        /// A filed complaint reopened: its new round runs (until the form
        /// of that round is sent or an escalation starts).
        Reopened => "reopened", "heropend";
    }
);

labelled!(
    /// Why a filed complaint is reopened (issue 16): the complainant
    /// objects to the outcome, an external body ruled, or new facts
    /// turned up.
    ReopeningKind, ListReopeningKind {
        ComplainantObjection => "complainant_objection", "bezwaar van de klager";
        ExternalRuling => "external_ruling", "uitspraak externe instantie";
        NewFacts => "new_facts", "nieuwe feiten";
    }
);

labelled!(
    /// The handler's judgement of the complaint (step 3).
    Merit, ListMerit {
        Founded => "founded", "gegrond";
        PartlyFounded => "partly_founded", "deels gegrond";
        Unfounded => "unfounded", "ongegrond";
    }
);

labelled!(
    /// What is offered to the complainant (step 3).
    OfferKind, ListOfferKind {
        /// genoegdoening
        Compensation => "compensation", "genoegdoening";
        ReplacementService => "replacement_service", "vervangende dienst";
        ExtraService => "extra_service", "extra dienst";
        None => "none", "geen aanbod";
    }
);

labelled!(
    /// The regulation demands a conversation, not a letter (step 2).
    ContactMode, ListContactMode {
        Telephone => "telephone", "telefonisch";
        FaceToFace => "face_to_face", "face-to-face";
    }
);

labelled!(
    /// The steps that may be skipped with a reason; reporting (step 1)
    /// happens at registration and cannot be skipped.
    WaivableStep, ListWaivableStep {
        Contact => "contact", "contact met klager";
        Offer => "offer", "aanbod";
        Record => "record", "vastleggen op klachtenformulier";
    }
);

impl WaivableStep {
    pub(crate) fn index(self) -> usize {
        match self {
            WaivableStep::Contact => 0,
            WaivableStep::Offer => 1,
            WaivableStep::Record => 2,
        }
    }
}

impl From<WaivableStep> for Step {
    fn from(s: WaivableStep) -> Step {
        match s {
            WaivableStep::Contact => Step::Contact,
            WaivableStep::Offer => Step::Offer,
            WaivableStep::Record => Step::Record,
        }
    }
}

impl TryFrom<Step> for WaivableStep {
    type Error = ParseError;
    fn try_from(s: Step) -> Result<Self, Self::Error> {
        match s {
            Step::Report => Err(ParseError::new(Code::ReportNotWaivable)),
            Step::Contact => Ok(WaivableStep::Contact),
            Step::Offer => Ok(WaivableStep::Offer),
            Step::Record => Ok(WaivableStep::Record),
        }
    }
}

/// The external party engaged when internal handling did not satisfy.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationParty {
    Mediator,
    ComplaintsCommittee,
    DisputesBody,
    /// Named by the user; must not be empty.
    Other(String),
}

impl EscalationParty {
    pub fn label(&self) -> &str {
        match self {
            EscalationParty::Mediator => "mediator",
            EscalationParty::ComplaintsCommittee => "klachtencommissie",
            EscalationParty::DisputesBody => "geschillencommissie",
            EscalationParty::Other(name) => name,
        }
    }
}

impl fmt::Display for EscalationParty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The complainant's satisfaction on the usual five-point scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Satisfaction(u8);

impl Satisfaction {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(score: u8) -> Result<Self, ParseError> {
        if (Self::MIN..=Self::MAX).contains(&score) {
            Ok(Self(score))
        } else {
            Err(ParseError::new(
                Code::SatisfactionOutOfRange
                    .text("min", Self::MIN)
                    .text("max", Self::MAX)
                    .text("score", score),
            ))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Satisfaction {
    type Error = ParseError;
    fn try_from(score: u8) -> Result<Self, Self::Error> {
        Self::new(score)
    }
}

impl From<Satisfaction> for u8 {
    fn from(s: Satisfaction) -> u8 {
        s.0
    }
}

impl FromStr for Satisfaction {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let score: u8 = s
            .trim()
            .parse()
            .map_err(|_| ParseError::new(Code::NotASatisfactionScore.text("input", s.trim())))?;
        Self::new(score)
    }
}

impl fmt::Display for Satisfaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.0, Self::MAX)
    }
}

/// Longest name, phone number or address we accept; longer input is a
/// paste accident, not a person.
const PARTY_FIELD_MAX: usize = 300;

/// A complainant or representative with their contact details. Only the
/// name is required: a letter may come without a phone number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PartyFields")]
pub struct Party {
    name: String,
    email: Option<Email>,
    phone: Option<String>,
    address: Option<String>,
}

/// The unchecked shape of a [`Party`]; deserialising goes through
/// [`Party::new`] so stored data obeys the same rules as new input.
#[derive(Deserialize)]
struct PartyFields {
    name: String,
    email: Option<Email>,
    phone: Option<String>,
    address: Option<String>,
}

impl TryFrom<PartyFields> for Party {
    type Error = ParseError;
    fn try_from(p: PartyFields) -> Result<Self, Self::Error> {
        Party::new(&p.name, p.email, p.phone.as_deref(), p.address.as_deref())
    }
}

impl Party {
    /// Trims every field and turns empty optional fields into `None`, since
    /// forms send empty strings for fields left blank.
    pub fn new(
        name: &str,
        email: Option<Email>,
        phone: Option<&str>,
        address: Option<&str>,
    ) -> Result<Self, ParseError> {
        Ok(Self {
            name: Self::parse_name(name)?,
            email,
            phone: Self::parse_phone(phone.unwrap_or_default())?,
            address: Self::parse_address(address.unwrap_or_default())?,
        })
    }

    /// A name: required, one line, at most 300 characters.
    pub fn parse_name(name: &str) -> Result<String, ParseError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ParseError::new(Code::PartyNameRequired));
        }
        if name.chars().count() > PARTY_FIELD_MAX || name.chars().any(char::is_control) {
            return Err(ParseError::new(Code::NotAName.text("input", name)));
        }
        Ok(name.to_owned())
    }

    /// A phone number, or none when blank: 6 to 20 digits, with spaces,
    /// `+ - ( ) .` between them.
    pub fn parse_phone(phone: &str) -> Result<Option<String>, ParseError> {
        let p = phone.trim();
        if p.is_empty() {
            return Ok(None);
        }
        let digits = p.chars().filter(char::is_ascii_digit).count();
        let shape_ok = p
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
        if !shape_ok || !(6..=20).contains(&digits) {
            return Err(ParseError::new(Code::NotAPhoneNumber.text("input", p)));
        }
        Ok(Some(p.to_owned()))
    }

    /// An address, or none when blank: at most 300 characters.
    pub fn parse_address(address: &str) -> Result<Option<String>, ParseError> {
        let a = address.trim();
        if a.is_empty() {
            return Ok(None);
        }
        if a.chars().count() > PARTY_FIELD_MAX {
            return Err(ParseError::new(
                Code::AddressTooLong.text("max", PARTY_FIELD_MAX),
            ));
        }
        Ok(Some(a.to_owned()))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn email(&self) -> Option<&Email> {
        self.email.as_ref()
    }

    pub fn phone(&self) -> Option<&str> {
        self.phone.as_deref()
    }

    pub fn address(&self) -> Option<&str> {
        self.address.as_deref()
    }
}

/// An amount in euro cents the Dutch way: `€ 1.234,50`.
pub fn format_euro(cents: u64) -> String {
    let euros = (cents / 100).to_string();
    let mut grouped = String::with_capacity(euros.len() + euros.len() / 3);
    for (i, digit) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    format!("€ {grouped},{:02}", cents % 100)
}

/// A date as Dutch offices write it: `24-04-2026`.
pub fn format_date(d: jiff::civil::Date) -> String {
    d.strftime("%d-%m-%Y").to_string()
}

labelled!(
    /// Why two complaints are related (issue 16).
    LinkReason, ListLinkReason {
        SameComplainant => "same_complainant", "zelfde klager";
        SameIncident => "same_incident", "zelfde voorval";
        Other => "other", "anders";
    }
);
