//! The rules of a new complaint's fields, in one place. The staff form,
//! the public form, the API and [`register`](super::register) all check
//! with these, and every verdict names its [`Field`], so that each edge
//! shows the domain's own words next to its own input.

use jiff::{SignedDuration, Timestamp, Zoned};

use super::validate::{LONG, SHORT};
use super::{ComplaintError, Party};
use crate::Email;
use crate::refusal::{Code, Refusal};

/// Longest description of a complaint.
pub const DESCRIPTION_MAX: usize = LONG;
/// Longest service, category or cause.
pub const SHORT_MAX: usize = SHORT;
/// How far in the future a moment of receipt may lie: room for the clock
/// of a browser or an API client, not for a date still to come.
pub const RECEIPT_SLACK: SignedDuration = SignedDuration::from_mins(1);

/// The input an invalid value is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    ReceivedAt,
    Complainant(PartyField),
    Representative(PartyField),
    Service,
    Description,
    Category,
    Cause,
}

/// A part of a person on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartyField {
    Name,
    Email,
    Phone,
    Address,
}

/// Whom a person on the form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyRole {
    Complainant,
    Representative,
}

impl PartyRole {
    fn field(self, part: PartyField) -> Field {
        match self {
            PartyRole::Complainant => Field::Complainant(part),
            PartyRole::Representative => Field::Representative(part),
        }
    }

    fn name_missing(self) -> Code {
        match self {
            PartyRole::Complainant => Code::ComplainantNameMissing,
            PartyRole::Representative => Code::RepresentativeNameMissing,
        }
    }
}

/// A person as typed in four fields; blank fields are empty strings.
#[derive(Debug, Clone, Copy, Default)]
pub struct PartyText<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
}

impl PartyText<'_> {
    /// Nothing typed at all (an optional representative left out).
    pub fn is_blank(&self) -> bool {
        [self.name, self.email, self.phone, self.address]
            .iter()
            .all(|v| v.trim().is_empty())
    }

    /// The person, or a verdict for every part that is wrong.
    pub fn parse(&self, role: PartyRole) -> Result<Party, Vec<ComplaintError>> {
        let mut errors = Vec::new();
        let mut at = |part, refusal: Refusal| {
            errors.push(ComplaintError::invalid_at(role.field(part), refusal));
        };
        // A field's error reads as a sentence of its own.
        let said = |e: crate::ParseError| Code::Sentence.phrase("phrase", e);
        let name = if self.name.trim().is_empty() {
            at(PartyField::Name, role.name_missing().into());
            None
        } else {
            Party::parse_name(self.name)
                .map_err(|e| at(PartyField::Name, said(e)))
                .ok()
        };
        let email = match self.email.trim() {
            "" => Some(None),
            e => Email::parse(e)
                .map(Some)
                .map_err(|e| at(PartyField::Email, said(e)))
                .ok(),
        };
        let phone = Party::parse_phone(self.phone)
            .map_err(|e| at(PartyField::Phone, said(e)))
            .ok();
        let address = Party::parse_address(self.address)
            .map_err(|e| at(PartyField::Address, said(e)))
            .ok();
        match (name, email, phone, address) {
            (Some(name), Some(email), Some(phone), Some(address)) if errors.is_empty() => {
                Party::new(&name, email, phone.as_deref(), address.as_deref()).map_err(|e| {
                    vec![ComplaintError::invalid_at(
                        role.field(PartyField::Name),
                        e.into_refusal(),
                    )]
                })
            }
            _ => Err(errors),
        }
    }
}

/// The earliest year of receipt: the first a reference number can carry
/// (K-2000-0001). Older paper complaints can still be registered; a year
/// before it is a typing error.
pub const EARLIEST_RECEIPT_YEAR: i16 = 2000;

/// The moment a complaint was received: not in the future (beyond
/// [`RECEIPT_SLACK`]) at `now`, and not before [`EARLIEST_RECEIPT_YEAR`].
pub fn received_at(at: Zoned, now: Timestamp) -> Result<Zoned, ComplaintError> {
    let latest = now.checked_add(RECEIPT_SLACK).unwrap_or(Timestamp::MAX);
    if at.timestamp() > latest {
        return Err(ComplaintError::invalid_at(
            Field::ReceivedAt,
            Code::ReceivedInFuture,
        ));
    }
    if at.year() < EARLIEST_RECEIPT_YEAR {
        return Err(ComplaintError::invalid_at(
            Field::ReceivedAt,
            Code::ReceivedTooEarly
                .date("date", at.date())
                .text("year", EARLIEST_RECEIPT_YEAR),
        ));
    }
    Ok(at)
}

/// The description: required, at most [`DESCRIPTION_MAX`] characters.
pub fn description(text: &str) -> Result<String, ComplaintError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ComplaintError::invalid_at(
            Field::Description,
            Code::DescriptionRequired,
        ));
    }
    if text.chars().count() > DESCRIPTION_MAX {
        return Err(ComplaintError::invalid_at(
            Field::Description,
            Code::DescriptionTooLong.text("max", DESCRIPTION_MAX),
        ));
    }
    Ok(text.to_owned())
}

/// Service, category or cause: optional (blank is none), at most
/// [`SHORT_MAX`] characters.
pub fn short(field: Field, text: Option<&str>) -> Result<Option<String>, ComplaintError> {
    let text = text.unwrap_or_default().trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > SHORT_MAX {
        let what = match field {
            Field::Category => Code::SubjectCategory,
            Field::Cause => Code::SubjectCause,
            _ => Code::SubjectService,
        };
        return Err(ComplaintError::invalid_at(
            field,
            Code::TooLong.phrase("what", what).text("max", SHORT_MAX),
        ));
    }
    Ok(Some(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wrong_part_of_a_person_names_its_field() {
        let errors = PartyText {
            name: " ",
            email: "geen-adres",
            phone: "12",
            address: "",
        }
        .parse(PartyRole::Representative)
        .expect_err("refused");
        let fields: Vec<_> = errors.iter().filter_map(ComplaintError::field).collect();
        assert_eq!(
            fields,
            [
                Field::Representative(PartyField::Name),
                Field::Representative(PartyField::Email),
                Field::Representative(PartyField::Phone),
            ]
        );
        assert_eq!(errors[0].code(), Code::RepresentativeNameMissing);
        assert_eq!(
            errors[2].refusal(),
            &Code::Sentence.phrase("phrase", Code::NotAPhoneNumber.text("input", "12"))
        );
        let p = PartyText {
            name: " Mevrouw J. de Vries ",
            phone: "06-12345678",
            ..PartyText::default()
        }
        .parse(PartyRole::Complainant)
        .expect("a person");
        assert_eq!(p.name(), "Mevrouw J. de Vries");
        assert_eq!(p.email(), None);
    }

    #[test]
    fn a_receipt_may_lie_a_minute_ahead_and_no_more() {
        let now: Timestamp = "2026-04-24T10:00:00Z".parse().expect("instant");
        let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").expect("zone");
        let at = |secs: i64| (now + SignedDuration::from_secs(secs)).to_zoned(zone.clone());
        assert!(received_at(at(60), now).is_ok());
        let err = received_at(at(61), now).expect_err("future");
        assert_eq!(err.field(), Some(Field::ReceivedAt));
        assert!(received_at(at(-86_400), now).is_ok());
        let old = jiff::civil::date(1999, 6, 1)
            .at(10, 0, 0, 0)
            .to_zoned(zone.clone())
            .expect("zoned");
        let err = received_at(old, now).expect_err("before 2000");
        assert_eq!(err.field(), Some(Field::ReceivedAt));
        assert_eq!(err.code(), Code::ReceivedTooEarly);
        let first = jiff::civil::date(2000, 1, 1).to_zoned(zone).expect("zoned");
        assert!(received_at(first, now).is_ok());
    }

    #[test]
    fn descriptions_and_short_fields_have_one_limit() {
        assert_eq!(description("  kwam niet  ").as_deref(), Ok("kwam niet"));
        assert_eq!(
            description(" ").map_err(|e| e.field()),
            Err(Some(Field::Description))
        );
        let long = "x".repeat(DESCRIPTION_MAX + 1);
        assert!(description(&long).is_err());
        assert!(description(&long[1..]).is_ok());
        assert_eq!(short(Field::Service, Some("  ")), Ok(None));
        let err = short(Field::Cause, Some(&"y".repeat(SHORT_MAX + 1))).expect_err("long");
        assert_eq!(err.field(), Some(Field::Cause));
        assert_eq!(err.code(), Code::TooLong);
        assert_eq!(
            err.refusal().arg("what"),
            Some(&crate::refusal::Arg::Phrase(Box::new(
                Code::SubjectCause.into()
            )))
        );
    }
}
