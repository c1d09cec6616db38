//! The written confirmation of the offer (DESIGN §3 step 3: "Dit
//! telefonische aanbod wordt zo mogelijk schriftelijk bevestigd"): a
//! business letter to the complainant, or to whoever filed on their
//! behalf, in the language the complainant chose. With "geen aanbod" it
//! confirms the decision instead, with nothing to accept. The sentences
//! are made here from `documents.ftl` (klacht-i18n); the template
//! (`aanbod.typ`) only lays them out, and gets its own few words from
//! here too, so that it holds no language of its own.
//!
//! What the letter says about the judgement is the handler's text for the
//! complainant ([`Offer::letter_text`], prefilled on the offer form with
//! [`draft_letter_text`]); the merit's reasoning and the director's advice
//! are internal and never copied into it.

use jiff::civil::Date;
use klacht_domain::Language;
use klacht_domain::complaint::{Complaint, ContactMode, Merit, Offer, OfferKind, Party};
use klacht_i18n::Tr;
use serde::Serialize;

use super::{Letterhead, Names};

/// One line of the offer's summary box.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub label: String,
    pub value: String,
}

/// The template's own words and the language it hyphenates in.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    /// `lang` of Typst's `text`: hyphenation and quotes follow it.
    pub lang: String,
    pub department: String,
    /// The footer line, with organisation and reference filled in.
    pub footer: String,
    /// "Pagina {page} van {pages}": only Typst knows the numbers, so it
    /// replaces the two markers.
    pub page: String,
    pub date: String,
    pub our_reference: String,
    pub your_reference: String,
    pub subject: String,
    pub our_offer: String,
    pub actions_intro: String,
    pub sign_off: String,
}

impl Words {
    fn new(tr: Tr, organisation: &str, reference: &str) -> Self {
        Self {
            lang: tr.code().to_owned(),
            department: tr.t("doc-letter-department"),
            footer: tr.t2(
                "doc-letter-footer",
                "organisation",
                organisation,
                "reference",
                reference,
            ),
            page: tr.t2("doc-letter-page", "page", "{page}", "pages", "{pages}"),
            date: tr.t("doc-letter-date"),
            our_reference: tr.t("doc-letter-our-reference"),
            your_reference: tr.t("doc-letter-your-reference"),
            subject: tr.t("doc-letter-subject"),
            our_offer: tr.t("doc-letter-our-offer"),
            actions_intro: tr.t("doc-letter-actions-intro"),
            sign_off: tr.t("doc-letter-sign-off"),
        }
    }
}

/// Everything the letter says.
#[derive(Debug, Clone, Serialize)]
pub struct LetterData {
    pub organisation: String,
    pub logo: Option<String>,
    pub date: String,
    pub reference: String,
    /// "Uw klacht van 24 april 2026".
    pub your_reference: String,
    pub subject: String,
    /// The address window: name, then the address lines.
    pub recipient: Vec<String>,
    pub salutation: String,
    pub opening: Vec<String>,
    pub offer: Vec<Line>,
    pub after_offer: Vec<String>,
    pub actions: Vec<String>,
    pub closing: Vec<String>,
    pub signer: String,
    pub signer_title: String,
    pub words: Words,
}

/// An address as lines: as typed when it has several, otherwise split at
/// commas ("Dorpsstraat 1, 1234 AB Ergens").
fn address_lines(address: Option<&str>) -> Vec<String> {
    let Some(address) = address.map(str::trim).filter(|a| !a.is_empty()) else {
        return Vec::new();
    };
    let lines: Vec<&str> = if address.contains('\n') {
        address.lines().collect()
    } else {
        address.split(',').collect()
    };
    lines
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The standard text about the judgement in `language`, from the merit
/// alone: the offer form's prefill, and what the letter says when an offer
/// carries no text of its own (recorded before the field existed, or
/// through the API without it). Never the internal reasoning.
pub fn draft_letter_text(merit: Option<Merit>, language: Language) -> String {
    let key = match merit {
        Some(Merit::Founded) => "doc-draft-founded",
        Some(Merit::PartlyFounded) => "doc-draft-partly-founded",
        Some(Merit::Unfounded) => "doc-draft-unfounded",
        None => "doc-draft-none",
    };
    Tr::new(language).t(key)
}

/// The handler's text for the complainant as paragraphs (split at blank
/// lines; single line breaks join), or the draft in the complaint's
/// language when the offer has none.
pub fn letter_paragraphs(c: &Complaint, offer: &Offer) -> Vec<String> {
    let text = offer
        .letter_text
        .clone()
        .unwrap_or_else(|| draft_letter_text(c.merit().map(|m| m.value.merit), c.language()));
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    paragraphs
}

fn recipient(p: &Party) -> Vec<String> {
    let mut lines = vec![p.name().to_owned()];
    lines.extend(address_lines(p.address()));
    lines
}

impl LetterData {
    /// The letter about `c`'s offer, dated `on`, in the language its
    /// complainant chose; `None` while no offer was made.
    pub fn build(letterhead: &Letterhead, c: &Complaint, names: &Names, on: Date) -> Option<Self> {
        let offer = &c.offer()?.value;
        let tr = Tr::new(c.language());
        let org = &letterhead.organisation;
        let reference = c.reference().to_string();
        let received = tr.day_month_year(c.received_on());

        let mut opening = Vec::new();
        // The complaint as the sentence names it; whole phrases, since word
        // order differs per language.
        let complaint = match (c.representative(), c.service()) {
            (Some(_), Some(service)) => tr.t2(
                "doc-letter-complaint-about-on-behalf",
                "service",
                service,
                "complainant",
                c.complainant().name(),
            ),
            (Some(_), None) => tr.t1(
                "doc-letter-complaint-on-behalf",
                "complainant",
                c.complainant().name(),
            ),
            (None, Some(service)) => tr.t1("doc-letter-your-complaint-about", "service", service),
            (None, None) => tr.t("doc-letter-your-complaint"),
        };
        let first = tr.t3(
            "doc-letter-received",
            "date",
            &received,
            "organisation",
            org,
            "complaint",
            complaint,
        );
        let talk = c.contact().map(|s| {
            let key = match s.value.mode {
                ContactMode::Telephone => "doc-letter-contact-telephone",
                ContactMode::FaceToFace => "doc-letter-contact-face-to-face",
            };
            format!(" {}", tr.t1(key, "date", tr.day_month_year(s.value.date)))
        });
        opening.push(format!("{first}{}", talk.unwrap_or_default()));
        opening.extend(letter_paragraphs(c, offer));
        let no_offer = offer.kind == OfferKind::None;
        let made_on = tr.day_month_year(offer.made_on);
        opening.push(if no_offer {
            tr.t1("doc-letter-decision-made", "date", made_on)
        } else {
            tr.t1("doc-letter-offer-made", "date", made_on)
        });

        // A decision without an offer has no box: there is nothing to
        // describe, value or accept.
        let mut lines = Vec::new();
        if !no_offer {
            lines.push(Line {
                label: tr.t("doc-letter-offer-kind"),
                value: tr.label(offer.kind),
            });
            if !offer.description.trim().is_empty() {
                lines.push(Line {
                    label: tr.t("doc-letter-offer-description"),
                    value: offer.description.trim().to_owned(),
                });
            }
            if let Some(cents) = offer.value_cents {
                lines.push(Line {
                    label: tr.t("doc-letter-offer-value"),
                    value: tr.euro(cents),
                });
            }
            lines.push(Line {
                label: tr.t("doc-letter-offer-made-on"),
                value: tr.date(offer.made_on),
            });
        }

        let mut after = Vec::new();
        // That the director was consulted is said; what she advised is not.
        if c.director_consulted() {
            after.push(tr.t(if no_offer {
                "doc-letter-director-decision"
            } else {
                "doc-letter-director-offer"
            }));
        }
        if !no_offer {
            after.push(tr.t(match c.response().and_then(|r| r.value.accepted) {
                Some(true) => "doc-letter-accepted",
                Some(false) => "doc-letter-declined",
                None => "doc-letter-awaiting-answer",
            }));
        }
        let actions: Vec<String> = c
            .actions()
            .iter()
            .map(|a| {
                let a = &a.agreed.value;
                match a.due {
                    Some(due) => tr.t2(
                        "doc-letter-action-due",
                        "action",
                        &a.description,
                        "date",
                        tr.day_month_year(due),
                    ),
                    None => a.description.clone(),
                }
            })
            .collect();
        let closing = vec![
            tr.t(if no_offer {
                "doc-letter-objection-decision"
            } else {
                "doc-letter-objection-offer"
            }),
            tr.t1("doc-letter-reply-reference", "reference", &reference),
        ];
        let to = c.representative().unwrap_or(c.complainant());
        Some(Self {
            organisation: org.clone(),
            logo: letterhead.logo_name(),
            date: tr.day_month_year(on),
            your_reference: tr.t1("doc-letter-your-complaint-of", "date", received),
            subject: tr.t(if no_offer {
                "doc-letter-subject-decision"
            } else {
                "doc-letter-subject-offer"
            }),
            recipient: recipient(to),
            salutation: tr.t("doc-letter-salutation"),
            opening,
            offer: lines,
            after_offer: after,
            actions,
            closing,
            signer: names.opt_in(tr, c.handler()),
            signer_title: tr.t("doc-letter-signer-title"),
            words: Words::new(tr, org, &reference),
            reference,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_break_into_lines() {
        assert_eq!(
            address_lines(Some("Dorpsstraat 1, 1234 AB Ergens")),
            ["Dorpsstraat 1", "1234 AB Ergens"]
        );
        assert_eq!(
            address_lines(Some("Postbus 12\n1000 AA Amsterdam")),
            ["Postbus 12", "1000 AA Amsterdam"]
        );
        assert!(address_lines(Some("  ")).is_empty());
        assert!(address_lines(None).is_empty());
    }

    #[test]
    fn the_draft_follows_the_merit_and_never_says_more() {
        let nl = |m| draft_letter_text(m, Language::Nl);
        assert!(nl(Some(Merit::Founded)).contains("vinden haar gegrond."));
        assert!(nl(Some(Merit::PartlyFounded)).contains("deels gegrond"));
        assert!(nl(Some(Merit::Unfounded)).contains("ongegrond"));
        assert_eq!(nl(None), "Wij hebben uw klacht zorgvuldig bekeken.");
    }

    #[test]
    fn an_english_complaint_gets_an_english_draft() {
        let en = |m| draft_letter_text(m, Language::En);
        assert!(en(Some(Merit::Founded)).contains("decided to uphold it."));
        assert!(en(Some(Merit::PartlyFounded)).contains("uphold it in part"));
        assert!(en(Some(Merit::Unfounded)).contains("not to uphold it"));
        assert_eq!(en(None), "We have looked carefully at your complaint.");
        for merit in Merit::ALL.iter().copied().map(Some).chain([None]) {
            let draft = en(merit);
            assert_eq!(
                klacht_i18n::foreign_words(Language::En, &draft),
                Vec::<String>::new(),
                "{merit:?}: {draft}"
            );
            assert_ne!(draft, draft_letter_text(merit, Language::Nl));
        }
    }
}
