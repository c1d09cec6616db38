//! Posted form fields and how they become domain values: dates, amounts,
//! choices and the recorded steps that forms and corrections share. Every
//! problem names its field, so that the page can point at it.

use std::collections::BTreeMap;
use std::str::FromStr;

use jiff::civil::Date;
use klacht_domain::complaint::{
    ComplainantResponse, Contact, ContactMode, EscalationParty, Merit, MeritDecision, Offer,
    OfferKind, Satisfaction,
};
use klacht_domain::{ParseError, RefusalCode};
use klacht_i18n::Tr;
use serde::Deserialize;

/// A posted action form, field by field, kept whole so that a refused
/// form can be shown again as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub(super) struct Fields(BTreeMap<String, String>);

/// Why a form could not become a command, and at which field.
#[derive(Debug)]
pub(super) struct FieldError {
    pub field: Option<&'static str>,
    pub message: String,
}

pub(super) fn field_error(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: Some(field),
        message: message.into(),
    }
}

/// A value that did not parse, as a sentence in `t`'s language: capital
/// first letter, full stop.
pub(super) fn unparsed(e: ParseError, t: Tr) -> String {
    t.refusal(&RefusalCode::Sentence.phrase("phrase", e))
}

/// "25,00", "25", "1.234,50", "€ 12,5" → cents; blank → none.
pub(super) fn parse_euro(input: &str, t: Tr) -> Result<Option<u64>, String> {
    let cleaned: String = input
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let bad = || t.t1("complaint-field-no-amount", "input", input.trim());
    // With a comma, dots group thousands; without, a dot with one or two
    // digits after it is a decimal point.
    let (whole, fraction) = match cleaned.rsplit_once(',') {
        Some((w, f)) => (w.replace('.', ""), f.to_owned()),
        None => match cleaned.rsplit_once('.') {
            Some((w, f)) if f.len() <= 2 && !w.contains('.') => (w.to_owned(), f.to_owned()),
            _ => (cleaned.replace('.', ""), String::new()),
        },
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(&whole) || !digits(&fraction) || fraction.len() > 2 {
        return Err(bad());
    }
    let euros: u64 = whole.parse().map_err(|_| bad())?;
    let cents: u64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<u64>().map_err(|_| bad())? * 10,
        _ => fraction.parse().map_err(|_| bad())?,
    };
    euros
        .checked_mul(100)
        .and_then(|e| e.checked_add(cents))
        .map(Some)
        .ok_or_else(bad)
}

/// A date from a date field ("2026-04-24") or typed the Dutch way
/// ("24-04-2026") where the browser has no date picker.
pub(super) fn parse_date(input: &str) -> Option<Date> {
    let s = input.trim();
    s.parse::<Date>()
        .ok()
        .or_else(|| Date::strptime("%d-%m-%Y", s).ok())
}

impl Fields {
    /// Everything posted, for showing a refused form again.
    pub(super) fn into_values(self) -> BTreeMap<String, String> {
        self.0
    }

    pub(super) fn text(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or("")
    }

    /// Trimmed and not blank. `what` is the key of the field's name as a
    /// sentence subject: "De samenvatting van het gesprek".
    pub(super) fn required(
        &self,
        name: &'static str,
        what: &str,
        t: Tr,
    ) -> Result<String, FieldError> {
        match self.text(name).trim() {
            "" => Err(field_error(
                name,
                t.t1("complaint-field-required", "what", t.t(what)),
            )),
            t => Ok(t.to_owned()),
        }
    }

    /// Trimmed; blank is none.
    pub(super) fn optional(&self, name: &str) -> Option<String> {
        let t = self.text(name).trim();
        (!t.is_empty()).then(|| t.to_owned())
    }

    /// `what`: the key of the date's name, "de datum van het gesprek".
    pub(super) fn date(&self, name: &'static str, what: &str, t: Tr) -> Result<Date, FieldError> {
        match self.text(name).trim() {
            "" => Err(field_error(
                name,
                t.t1("complaint-field-fill-in", "what", t.t(what)),
            )),
            s => parse_date(s)
                .ok_or_else(|| field_error(name, t.t1("complaint-field-no-date", "input", s))),
        }
    }

    pub(super) fn optional_date(
        &self,
        name: &'static str,
        what: &str,
        t: Tr,
    ) -> Result<Option<Date>, FieldError> {
        if self.text(name).trim().is_empty() {
            Ok(None)
        } else {
            self.date(name, what, t).map(Some)
        }
    }

    /// `what`: the key of what is chosen, "de soort aanbod".
    pub(super) fn choice<T: FromStr<Err = ParseError>>(
        &self,
        name: &'static str,
        what: &str,
        t: Tr,
    ) -> Result<T, FieldError> {
        match self.text(name).trim() {
            "" => Err(field_error(
                name,
                t.t1("complaint-field-choose", "what", t.t(what)),
            )),
            s => s
                .parse()
                .map_err(|e: ParseError| field_error(name, unparsed(e, t))),
        }
    }

    pub(super) fn flag(&self, name: &str) -> bool {
        matches!(self.text(name).trim(), "ja" | "on" | "true" | "1")
    }

    /// The version of the complaint the user saw.
    pub(super) fn version(&self, t: Tr) -> Result<u64, FieldError> {
        self.text("version").trim().parse().map_err(|_| FieldError {
            field: None,
            message: t.t("complaint-field-no-version"),
        })
    }

    pub(super) fn contact(&self, t: Tr) -> Result<Contact, FieldError> {
        Ok(Contact {
            date: self.date("datum", "complaint-what-contact-date", t)?,
            mode: self.choice::<ContactMode>("vorm", "complaint-what-contact-mode", t)?,
            summary: self.required("samenvatting", "complaint-what-contact-summary", t)?,
        })
    }

    pub(super) fn merit(&self, t: Tr) -> Result<MeritDecision, FieldError> {
        Ok(MeritDecision {
            merit: self.choice::<Merit>("oordeel", "complaint-what-merit", t)?,
            reasoning: self.required("onderbouwing", "complaint-what-merit-reasoning", t)?,
        })
    }

    pub(super) fn offer(&self, t: Tr) -> Result<Offer, FieldError> {
        Ok(Offer {
            kind: self.choice::<OfferKind>("soort", "complaint-what-offer-kind", t)?,
            description: self.required("omschrijving", "complaint-what-offer-description", t)?,
            value_cents: parse_euro(self.text("waarde"), t)
                .map_err(|m| field_error("waarde", m))?,
            director_consulted: self.flag("directeur"),
            made_on: self.date("datum", "complaint-what-offer-date", t)?,
            letter_text: self.optional("brieftekst"),
        })
    }

    pub(super) fn response(&self, t: Tr) -> Result<ComplainantResponse, FieldError> {
        let accepted = match self.text("aanvaard").trim() {
            "ja" => Some(true),
            "nee" => Some(false),
            "" => None,
            _ => {
                return Err(field_error("aanvaard", t.t("complaint-field-accepted")));
            }
        };
        let satisfaction = match self.text("tevredenheid").trim() {
            "" => None,
            s => Some(
                s.parse::<Satisfaction>()
                    .map_err(|e| field_error("tevredenheid", unparsed(e, t)))?,
            ),
        };
        Ok(ComplainantResponse {
            accepted,
            satisfaction,
            comment: self.optional("toelichting"),
        })
    }

    pub(super) fn escalation_party(&self, t: Tr) -> Result<EscalationParty, FieldError> {
        Ok(match self.text("partij").trim() {
            "mediator" => EscalationParty::Mediator,
            "klachtencommissie" => EscalationParty::ComplaintsCommittee,
            "geschillencommissie" => EscalationParty::DisputesBody,
            "anders" => match self.optional("partij_naam") {
                Some(name) => EscalationParty::Other(name),
                None => {
                    return Err(field_error(
                        "partij_naam",
                        t.t("complaint-field-party-name"),
                    ));
                }
            },
            _ => return Err(field_error("partij", t.t("complaint-field-party"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euro_amounts_are_read_the_dutch_way() {
        for (input, cents) in [
            ("25,00", Some(2500)),
            ("25", Some(2500)),
            ("€ 12,5", Some(1250)),
            ("1.234,50", Some(123_450)),
            ("1.234", Some(123_400)),
            ("25.50", Some(2550)),
            ("  ", None),
        ] {
            assert_eq!(parse_euro(input, Tr::default()), Ok(cents), "{input}");
        }
        for bad in ["twintig", "-5", "25,005", "1,2,3", ","] {
            assert!(parse_euro(bad, Tr::default()).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn dates_come_from_date_fields_or_dutch_typing() {
        let d = jiff::civil::date(2026, 4, 24);
        assert_eq!(parse_date("2026-04-24"), Some(d));
        assert_eq!(parse_date("24-04-2026"), Some(d));
        assert_eq!(parse_date("morgen"), None);
    }
}
