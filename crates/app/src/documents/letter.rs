//! The written confirmation of the offer (DESIGN §3 step 3: "Dit
//! telefonische aanbod wordt zo mogelijk schriftelijk bevestigd"): a Dutch
//! business letter to the complainant, or to whoever filed on their
//! behalf. The sentences are made here; the template (`aanbod.typ`) only
//! lays them out.

use jiff::civil::Date;
use klacht_domain::complaint::{
    Complaint, ContactMode, OfferKind, Party, format_date, format_euro,
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
        if let Some(m) = c.merit() {
            let mut merit = format!(
                "Wij hebben uw klacht zorgvuldig bekeken en vinden haar {}.",
                m.value.merit.label()
            );
            if !m.value.reasoning.trim().is_empty() {
                merit.push(' ');
                merit.push_str(m.value.reasoning.trim());
            }
            opening.push(merit);
        }
        opening.push(format!(
            "Op {} hebben wij u een aanbod gedaan. Met deze brief bevestigen wij dat aanbod:",
            long_date(offer.made_on)
        ));

        let mut lines = vec![Line {
            label: "Soort".into(),
            value: match offer.kind {
                OfferKind::None => "geen genoegdoening of vervangende dienst".into(),
                kind => kind.label().into(),
            },
        }];
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

        let mut after = Vec::new();
        if offer.director_consulted {
            after.push("Over dit aanbod hebben wij overlegd met onze directeur.".into());
        }
        after.push(match c.response().and_then(|r| r.value.accepted) {
            Some(true) => "U heeft ons laten weten dat u het aanbod aanvaardt. Wij zorgen ervoor \
                           dat wat wij hebben afgesproken ook wordt uitgevoerd."
                .into(),
            Some(false) => "U heeft ons laten weten dat u het aanbod niet aanvaardt. Wij nemen \
                            contact met u op om te bespreken hoe wij verder gaan."
                .into(),
            None => "Wij horen graag of u het aanbod aanvaardt.".into(),
        });
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
            "Bent u niet tevreden over de afhandeling van uw klacht, laat het ons dan weten. \
             Komen wij er samen niet uit, dan kunnen wij een externe partij inschakelen, \
             zoals een mediator of een klachtencommissie."
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
            subject: "Bevestiging van ons aanbod".into(),
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
}
