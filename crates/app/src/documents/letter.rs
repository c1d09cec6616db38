//! The written confirmation of the offer (DESIGN §3 step 3: "Dit
//! telefonische aanbod wordt zo mogelijk schriftelijk bevestigd"): a Dutch
//! business letter to the complainant, or to whoever filed on their
//! behalf. With "geen aanbod" it confirms the decision instead, with
//! nothing to accept. The sentences are made here; the template
//! (`aanbod.typ`) only lays them out.
//!
//! What the letter says about the judgement is the handler's text for the
//! complainant ([`Offer::letter_text`], prefilled on the offer form with
//! [`draft_letter_text`]); the merit's reasoning and the director's advice
//! are internal and never copied into it.

use jiff::civil::Date;
use klacht_domain::complaint::{
    Complaint, ContactMode, Merit, Offer, OfferKind, Party, format_date, format_euro,
};
use serde::Serialize;

use super::{Letterhead, Names, long_date};

/// One line of the offer's summary box.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub label: String,
    pub value: String,
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

/// The standard text about the judgement, from the merit alone: the
/// offer form's prefill, and what the letter says when an offer carries no
/// text of its own (recorded before the field existed, or through the API
/// without it). Never the internal reasoning.
pub fn draft_letter_text(merit: Option<Merit>) -> String {
    match merit {
        Some(Merit::Founded) => "Wij hebben uw klacht zorgvuldig bekeken en vinden haar gegrond. \
                                 Het spijt ons dat wij niet hebben gedaan wat u van ons mocht \
                                 verwachten."
            .into(),
        Some(Merit::PartlyFounded) => "Wij hebben uw klacht zorgvuldig bekeken en vinden haar \
                                       deels gegrond. Op een deel van de punten geven wij u \
                                       gelijk; het spijt ons dat het daar niet is gegaan zoals u \
                                       mocht verwachten."
            .into(),
        Some(Merit::Unfounded) => "Wij hebben uw klacht zorgvuldig bekeken en vinden haar \
                                   ongegrond. Wij begrijpen dat dit niet de uitkomst is waarop u \
                                   hoopte, en wij danken u dat u ons op de hoogte heeft gebracht."
            .into(),
        None => "Wij hebben uw klacht zorgvuldig bekeken.".into(),
    }
}

/// The handler's text for the complainant as paragraphs (split at blank
/// lines; single line breaks join), or the draft when the offer has none.
pub fn letter_paragraphs(c: &Complaint, offer: &Offer) -> Vec<String> {
    let text = offer
        .letter_text
        .clone()
        .unwrap_or_else(|| draft_letter_text(c.merit().map(|m| m.value.merit)));
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
    /// The letter about `c`'s offer, dated `on`; `None` while no offer
    /// was made.
    pub fn build(letterhead: &Letterhead, c: &Complaint, names: &Names, on: Date) -> Option<Self> {
        let offer = &c.offer()?.value;
        let org = &letterhead.organisation;
        let received = long_date(c.received_on());
        let about = c
            .service()
            .map(|s| format!(" over {s}"))
            .unwrap_or_default();

        let mut opening = Vec::new();
        let first = match c.representative() {
            Some(_) => format!(
                "Op {received} ontving {org} de klacht{about} die u namens {} indiende.",
                c.complainant().name()
            ),
            None => format!("Op {received} ontving {org} uw klacht{about}."),
        };
        let talk = c.contact().map(|s| {
            let how = match s.value.mode {
                ContactMode::Telephone => "telefonisch",
                ContactMode::FaceToFace => "in een persoonlijk gesprek",
            };
            format!(
                " Op {} hebben wij de klacht {how} met u besproken.",
                long_date(s.value.date)
            )
        });
        opening.push(format!("{first}{}", talk.unwrap_or_default()));
        opening.extend(letter_paragraphs(c, offer));
        let no_offer = offer.kind == OfferKind::None;
        opening.push(if no_offer {
            format!(
                "Op {} hebben wij u ons besluit meegedeeld: wij doen u geen aanbod van \
                 genoegdoening of een vervangende of extra dienst. Met deze brief bevestigen wij \
                 dat besluit.",
                long_date(offer.made_on)
            )
        } else {
            format!(
                "Op {} hebben wij u een aanbod gedaan. Met deze brief bevestigen wij dat aanbod:",
                long_date(offer.made_on)
            )
        });

        // A decision without an offer has no box: there is nothing to
        // describe, value or accept.
        let mut lines = Vec::new();
        if !no_offer {
            lines.push(Line {
                label: "Soort".into(),
                value: offer.kind.label().into(),
            });
            if !offer.description.trim().is_empty() {
                lines.push(Line {
                    label: "Omschrijving".into(),
                    value: offer.description.trim().to_owned(),
                });
            }
            if let Some(cents) = offer.value_cents {
                lines.push(Line {
                    label: "Waarde".into(),
                    value: format_euro(cents),
                });
            }
            lines.push(Line {
                label: "Aanbod gedaan op".into(),
                value: format_date(offer.made_on),
            });
        }

        let mut after = Vec::new();
        // That the director was consulted is said; what she advised is not.
        if c.director_consulted() {
            after.push(if no_offer {
                "Over dit besluit hebben wij overlegd met onze directeur.".into()
            } else {
                "Over dit aanbod hebben wij overlegd met onze directeur.".into()
            });
        }
        if !no_offer {
            after.push(match c.response().and_then(|r| r.value.accepted) {
                Some(true) => "U heeft ons laten weten dat u het aanbod aanvaardt. Wij zorgen \
                               ervoor dat wat wij hebben afgesproken ook wordt uitgevoerd."
                    .into(),
                Some(false) => "U heeft ons laten weten dat u het aanbod niet aanvaardt. Wij \
                                nemen contact met u op om te bespreken hoe wij verder gaan."
                    .into(),
                None => "Wij horen graag of u het aanbod aanvaardt.".into(),
            });
        }
        let actions: Vec<String> = c
            .actions()
            .iter()
            .map(|a| {
                let a = &a.agreed.value;
                match a.due {
                    Some(due) => format!("{} (uiterlijk {})", a.description, long_date(due)),
                    None => a.description.clone(),
                }
            })
            .collect();
        let closing = vec![
            if no_offer {
                "Bent u het niet eens met dit besluit, laat het ons dan weten. Komen wij er samen \
                 niet uit, dan kunnen wij een externe partij inschakelen, zoals een mediator of \
                 een klachtencommissie."
            } else {
                "Bent u niet tevreden over de afhandeling van uw klacht, laat het ons dan weten. \
                 Komen wij er samen niet uit, dan kunnen wij een externe partij inschakelen, \
                 zoals een mediator of een klachtencommissie."
            }
            .into(),
            format!(
                "Wilt u op deze brief reageren, vermeld dan ons kenmerk {}.",
                c.reference()
            ),
        ];
        let to = c.representative().unwrap_or(c.complainant());
        Some(Self {
            organisation: org.clone(),
            logo: letterhead.logo_name(),
            date: long_date(on),
            reference: c.reference().to_string(),
            your_reference: format!("Uw klacht van {received}"),
            subject: if no_offer {
                "Bevestiging van ons besluit".into()
            } else {
                "Bevestiging van ons aanbod".into()
            },
            recipient: recipient(to),
            salutation: "Geachte heer, mevrouw,".into(),
            opening,
            offer: lines,
            after_offer: after,
            actions,
            closing,
            signer: names.opt(c.handler()),
            signer_title: "Afhandelaar van uw klacht".into(),
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
        assert!(draft_letter_text(Some(Merit::Founded)).contains("vinden haar gegrond."));
        assert!(draft_letter_text(Some(Merit::PartlyFounded)).contains("deels gegrond"));
        assert!(draft_letter_text(Some(Merit::Unfounded)).contains("ongegrond"));
        assert_eq!(
            draft_letter_text(None),
            "Wij hebben uw klacht zorgvuldig bekeken."
        );
    }
}
