//! The domain's values in the words of the mail's language: the judgement,
//! the kind of offer and the reason for reopening, which the mail states
//! to the complainant. In Dutch they read as the domain's labels.

use klacht_domain::complaint::{Merit, OfferKind, ReopeningKind};

use crate::MailContext;

impl MailContext {
    /// "gegrond" / "upheld".
    pub fn merit(&self, merit: Merit) -> String {
        self.value("mail-merit", merit.as_str())
    }

    /// "genoegdoening" / "compensation".
    pub fn offer_kind(&self, kind: OfferKind) -> String {
        self.value("mail-offer-kind", kind.as_str())
    }

    /// "bezwaar van de klager" / "your objection".
    pub fn reopening_kind(&self, kind: ReopeningKind) -> String {
        self.value("mail-reopening-kind", kind.as_str())
    }

    /// The key is built from the value's stable identifier, so that a new
    /// variant only needs its line in `mail.ftl` (the test below).
    fn value(&self, prefix: &str, id: &str) -> String {
        self.t.t(&format!("{prefix}-{}", id.replace('_', "-")))
    }
}

#[cfg(test)]
mod tests {
    use klacht_domain::Language;

    use super::*;

    #[test]
    fn every_value_has_words_and_dutch_keeps_the_labels() {
        let nl = MailContext::new("Focus", "https://klachten.focus.example");
        let en = nl.in_language(Language::En);
        for m in Merit::ALL {
            assert_eq!(nl.merit(*m), m.label());
            assert!(!en.merit(*m).starts_with("mail-"), "{m:?}");
        }
        for k in OfferKind::ALL {
            assert_eq!(nl.offer_kind(*k), k.label());
            assert!(!en.offer_kind(*k).starts_with("mail-"), "{k:?}");
        }
        for k in ReopeningKind::ALL {
            assert_eq!(nl.reopening_kind(*k), k.label());
            assert!(!en.reopening_kind(*k).starts_with("mail-"), "{k:?}");
        }
        assert_eq!(en.merit(Merit::PartlyFounded), "partly upheld");
    }
}
