//! Identifiers and small value types, each parsed once at the edge.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::refusal::{Code, Refusal};

/// Why a piece of input could not become a domain value: a refusal, put
/// into the reader's language at the edges (`Tr::refusal`). `Display` is
/// for logs and serde only: the refusal's key and values, no words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(Refusal);

impl ParseError {
    pub fn new(refusal: impl Into<Refusal>) -> Self {
        Self(refusal.into())
    }

    pub fn refusal(&self) -> &Refusal {
        &self.0
    }

    pub fn into_refusal(self) -> Refusal {
        self.0
    }

    pub fn code(&self) -> Code {
        self.0.code()
    }
}

impl From<ParseError> for Refusal {
    fn from(e: ParseError) -> Self {
        e.0
    }
}

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn new(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim())
                    .map(Self)
                    .map_err(|_| ParseError::new($crate::refusal::Code::NotAnId.text("input", s)))
            }
        }
    };
}

uuid_id!(
    /// Identity of one complaint (or signal) and of its event stream.
    ComplaintId
);
uuid_id!(
    /// Identity of a staff account.
    UserId
);

/// A complaint's human reference, such as `K-2026-0042`: the year of
/// receipt and a number that counts per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReferenceNumber {
    year: i16,
    number: u32,
}

impl ReferenceNumber {
    pub fn new(year: i16, number: u32) -> Result<Self, ParseError> {
        if !(2000..=2999).contains(&year) || number == 0 {
            return Err(ParseError::new(
                Code::ReferenceOutOfRange
                    .text("year", year)
                    .text("number", number),
            ));
        }
        Ok(Self { year, number })
    }

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::new(Code::NotAReference.text("input", s));
        let rest = s
            .trim()
            .strip_prefix("K-")
            .or_else(|| s.trim().strip_prefix("k-"))
            .ok_or_else(bad)?;
        let (year, number) = rest.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || number.len() < 4 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i16 = year.parse().map_err(|_| bad())?;
        let number: u32 = number.parse().map_err(|_| bad())?;
        Self::new(year, number).map_err(|_| bad())
    }

    pub fn year(&self) -> i16 {
        self.year
    }

    pub fn number(&self) -> u32 {
        self.number
    }
}

impl fmt::Display for ReferenceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "K-{}-{:04}", self.year, self.number)
    }
}

impl FromStr for ReferenceNumber {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for ReferenceNumber {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ReferenceNumber> for String {
    fn from(r: ReferenceNumber) -> Self {
        r.to_string()
    }
}

/// An e-mail address, trimmed and lower-cased so that one person has one
/// address. Checked for shape only; delivery proves the rest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let e = s.trim().to_lowercase();
        let bad = || ParseError::new(Code::NotAnEmail.text("input", s.trim()));
        let (local, domain) = e.split_once('@').ok_or_else(bad)?;
        let ok = !local.is_empty()
            && local.len() <= 64
            && e.len() <= 254
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !e.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok { Ok(Self(e)) } else { Err(bad()) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Email {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Email {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> Self {
        e.0
    }
}

/// Crockford's base 32: digits and capitals without I, L, O and U, so a
/// code read aloud over the phone or copied by hand survives.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The complainant's tracking code (volgcode), such as `7K3M-Q9XD-2HBF`:
/// 60 random bits as 12 characters of Crockford base 32. Whoever holds it
/// may follow the complaint's progress on the public status page, so it is
/// a secret: it is kept apart from the event history (which is exported
/// and sealed into the dossier) and `Debug` does not print it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TrackingCode(u64);

impl TrackingCode {
    /// Number of characters, without the dashes.
    pub const LEN: usize = 12;
    const MASK: u64 = (1 << 60) - 1;

    /// A code from 8 random bytes (the domain does no I/O; the caller
    /// draws them from the operating system). The top 4 bits are unused.
    pub fn from_random(bytes: [u8; 8]) -> Self {
        Self(u64::from_le_bytes(bytes) & Self::MASK)
    }

    /// Reads a code as people type it: any case, with or without dashes
    /// and spaces, and with I/L for 1 and O for 0.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let bad = || ParseError::new(Code::NotATrackingCode);
        let mut value: u64 = 0;
        let mut count = 0;
        for c in s
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '.'))
        {
            let c = match c.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                other => other,
            };
            let digit = CROCKFORD
                .iter()
                .position(|d| char::from(*d) == c)
                .ok_or_else(bad)?;
            count += 1;
            if count > Self::LEN {
                return Err(bad());
            }
            value = (value << 5) | digit as u64;
        }
        if count == Self::LEN {
            Ok(Self(value))
        } else {
            Err(bad())
        }
    }

    /// The 12 characters without dashes: the stored and indexed form.
    pub fn compact(&self) -> String {
        (0..Self::LEN)
            .rev()
            .map(|i| char::from(CROCKFORD[((self.0 >> (5 * i)) & 31) as usize]))
            .collect()
    }
}

impl fmt::Display for TrackingCode {
    /// In three groups of four, as printed in mails and on pages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.compact();
        write!(f, "{}-{}-{}", &c[0..4], &c[4..8], &c[8..12])
    }
}

impl fmt::Debug for TrackingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TrackingCode(<geheim>)")
    }
}

impl FromStr for TrackingCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reference_number_round_trips() {
        let r = ReferenceNumber::parse("K-2026-0042").expect("valid");
        assert_eq!((r.year(), r.number()), (2026, 42));
        assert_eq!(r.to_string(), "K-2026-0042");
        assert_eq!(
            ReferenceNumber::parse("K-2026-12345")
                .expect("valid")
                .to_string(),
            "K-2026-12345"
        );
    }

    #[test]
    fn reference_number_rejects_garbage() {
        for s in [
            "",
            "K-2026",
            "K-26-0001",
            "X-2026-0001",
            "K-2026-0000",
            "K-2026-00a1",
            "K-2026-1",
        ] {
            assert!(ReferenceNumber::parse(s).is_err(), "{s} accepted");
        }
    }

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Anna@Focus.NL ").expect("valid").as_str(),
            "anna@focus.nl"
        );
        for s in [
            "",
            "anna",
            "anna@",
            "@focus.nl",
            "anna@focus",
            "an na@focus.nl",
            "a@b@c.nl",
        ] {
            assert!(Email::parse(s).is_err(), "{s} accepted");
        }
    }

    proptest! {
        #[test]
        fn any_reference_number_displays_and_parses_back(year in 2000i16..=2999, number in 1u32..=999_999) {
            let r = ReferenceNumber::new(year, number).expect("in range");
            prop_assert_eq!(ReferenceNumber::parse(&r.to_string()).expect("parses"), r);
        }

        #[test]
        fn reference_parser_never_panics(s in ".{0,20}") {
            let _ = ReferenceNumber::parse(&s);
        }
    }
}

#[cfg(test)]
mod tracking_code_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_show_in_three_groups_and_parse_back() {
        let code = TrackingCode::from_random([0xff; 8]);
        assert_eq!(code.to_string(), "ZZZZ-ZZZZ-ZZZZ");
        assert_eq!(code.compact(), "ZZZZZZZZZZZZ");
        let zero = TrackingCode::from_random([0; 8]);
        assert_eq!(zero.to_string(), "0000-0000-0000");
        let one = TrackingCode::from_random(1u64.to_le_bytes());
        assert_eq!(one.to_string(), "0000-0000-0001");
        assert_eq!(TrackingCode::parse("0000-0000-0001"), Ok(one));
    }

    #[test]
    fn parsing_forgives_case_spaces_dashes_and_lookalikes() {
        let code = TrackingCode::parse("7K3M-Q9XD-2HBF").expect("valid");
        for typed in [
            "7k3m-q9xd-2hbf",
            " 7K3M Q9XD 2HBF ",
            "7K3MQ9XD2HBF",
            "7k3m–q9xd–2hbf",
        ] {
            assert_eq!(TrackingCode::parse(typed), Ok(code), "{typed}");
        }
        // I and L read as 1, O as 0.
        assert_eq!(
            TrackingCode::parse("IL0O-0000-0000"),
            TrackingCode::parse("1100-0000-0000")
        );
    }

    #[test]
    fn garbage_is_refused() {
        for s in [
            "",
            "ABCD-EFGH-JKM",
            "ABCD-EFGH-JKMNP",
            "ABCD-EFGH-JKMU",
            "ABCD-EFGH-JK*N",
            "ÄBCD-EFGH-JKMN",
        ] {
            assert!(TrackingCode::parse(s).is_err(), "{s} accepted");
        }
    }

    #[test]
    fn debug_keeps_the_secret() {
        let code = TrackingCode::from_random([7; 8]);
        assert!(!format!("{code:?}").contains(&code.compact()));
    }

    proptest! {
        #[test]
        fn any_code_round_trips(bytes in any::<[u8; 8]>()) {
            let code = TrackingCode::from_random(bytes);
            prop_assert_eq!(TrackingCode::parse(&code.to_string()), Ok(code));
            prop_assert_eq!(TrackingCode::parse(&code.compact().to_lowercase()), Ok(code));
            prop_assert_eq!(code.compact().len(), TrackingCode::LEN);
        }

        #[test]
        fn the_parser_never_panics(s in ".{0,30}") {
            let _ = TrackingCode::parse(&s);
        }
    }
}
