//! Retention (AVG/GDPR): how long a complaint keeps its personal data, and
//! what of its history is personal data.
//!
//! After the retention period the complaint is anonymised: the names and
//! contact details of the complainant and the representative and every
//! free text that may describe a person are replaced by [`ANONYMISED`].
//! What the statistics need stays: kind, channel, dates, terms, service,
//! category and cause, merit, the kind and value of the offer, acceptance
//! and satisfaction, the staff involved. Anonymised events still fold into
//! a complaint, so reports and the form keep working.

use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::complaint::{Event, Party, Registration};

/// What replaces personal data.
pub const ANONYMISED: &str = "[geanonimiseerd]";

/// The default retention period: two years after closing.
pub const DEFAULT_YEARS: u32 = 2;

/// The instant before which a complaint closed (or a signal received) is
/// past a retention period of `years`, counted in the organisation's zone
/// (so "two years" ends on the same calendar day). `None` when the
/// subtraction leaves jiff's range.
pub fn cutoff(now: Timestamp, tz: &TimeZone, years: u32) -> Option<Timestamp> {
    let years = i64::from(years);
    now.to_zoned(tz.clone())
        .checked_sub(years.years())
        .ok()
        .map(|z| z.timestamp())
}

fn anon_party() -> Party {
    // A constant that `Party::new` accepts (non-empty, short, printable);
    // the tests below hold it to that.
    Party::new(ANONYMISED, None, None, None)
        .unwrap_or_else(|e| unreachable!("the anonymised party is valid: {e}"))
}

fn text(s: &mut String) -> bool {
    if s.is_empty() || s == ANONYMISED {
        return false;
    }
    *s = ANONYMISED.to_owned();
    true
}

fn opt_text(s: &mut Option<String>) -> bool {
    match s {
        Some(s) => text(s),
        None => false,
    }
}

fn registration(r: &mut Registration) -> bool {
    let anon = anon_party();
    let mut changed = r.complainant != anon;
    r.complainant = anon.clone();
    if let Some(rep) = &r.representative {
        changed |= *rep != anon;
        r.representative = Some(anon);
    }
    changed | text(&mut r.description)
}

/// Anonymises one event in place; true when anything changed. Corrections
/// are anonymised together with their replacement.
pub fn anonymise(event: &mut Event) -> bool {
    match event {
        Event::Registered(r) => registration(r),
        Event::ContactRecorded(c) => text(&mut c.summary),
        Event::MeritDecided(m) => text(&mut m.reasoning),
        Event::OfferMade(o) => text(&mut o.description) | opt_text(&mut o.letter_text),
        Event::ResponseRecorded(r) => opt_text(&mut r.comment),
        Event::ActionAgreed(a) => text(&mut a.description),
        Event::ActionCompleted(a) => opt_text(&mut a.note),
        Event::Escalated(e) => opt_text(&mut e.note),
        Event::EscalationOutcome(o) => text(&mut o.outcome),
        Event::Closed(c) => opt_text(&mut c.note),
        Event::StepWaived(w) => text(&mut w.reason),
        Event::ConvertedToComplaint(c) => text(&mut c.reason),
        // The score stays for the statistics; the complainant's words go.
        Event::SatisfactionReported(r) => opt_text(&mut r.comment),
        Event::DirectorConsulted(x) => text(&mut x.question),
        Event::DirectorAdvised(x) => text(&mut x.advice),
        Event::Linked(l) => opt_text(&mut l.note),
        Event::Reopened(x) => text(&mut x.reason),
        Event::ComplainantMailed(m) => {
            let files = !m.attachments.is_empty();
            m.attachments.clear();
            text(&mut m.from) | text(&mut m.subject) | text(&mut m.text) | files
        }
        // A file's name may name the complainant; its fingerprint stays.
        Event::FilesAdded(f) => f
            .files
            .iter_mut()
            .fold(false, |changed, x| text(&mut x.name) | changed),
        Event::Corrected {
            replacement,
            reason,
            ..
        } => anonymise(replacement) | text(reason),
        Event::ReportedToManager { .. }
        | Event::HandlerAssigned { .. }
        | Event::AssistantAdded { .. }
        | Event::FormSentToQualityManager
        | Event::RegisteredInExact(_)
        | Event::Classified(_)
        | Event::Unlinked(_)
        | Event::ActionOwnerChanged(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::{
        Actor, Channel, Closing, Complaint, Contact, ContactMode, Kind, Merit, MeritDecision,
        Offer, OfferKind, Recorded,
    };
    use crate::{ComplaintId, Email, ReferenceNumber, UserId};
    use jiff::civil::date;

    fn history() -> Vec<Recorded> {
        let tz = TimeZone::get("Europe/Amsterdam").expect("zone");
        let at: Timestamp = "2026-04-24T08:00:00Z".parse().expect("instant");
        let user = UserId::new(uuid::Uuid::nil());
        let complainant = Party::new(
            "Mevrouw J. de Vries",
            Some(Email::parse("jdv@example.nl").expect("email")),
            Some("06-12345678"),
            Some("Dorpsstraat 1, 1234 AB Ergens"),
        )
        .expect("party");
        let registration = Registration {
            reference: ReferenceNumber::new(2026, 1).expect("reference"),
            kind: Kind::Complaint,
            channel: Channel::Phone,
            received_at: at.to_zoned(tz),
            received_by: Some(user),
            responsible_manager: Some(user),
            complainant: complainant.clone(),
            representative: Some(complainant),
            service: Some("Thuiszorg".into()),
            involved_employees: vec![],
            description: "Mevrouw De Vries werd niet geholpen.".into(),
            category: Some("Planning".into()),
            cause: None,
            language: crate::Language::default(),
        };
        let events = vec![
            Event::Registered(Box::new(registration)),
            Event::ContactRecorded(Contact {
                date: date(2026, 4, 27),
                mode: ContactMode::Telephone,
                summary: "Gebeld met mevrouw De Vries.".into(),
            }),
            Event::MeritDecided(MeritDecision {
                merit: Merit::Founded,
                reasoning: "Terecht.".into(),
            }),
            Event::OfferMade(Offer {
                kind: OfferKind::Compensation,
                description: "Bloemen voor mevrouw.".into(),
                value_cents: Some(2500),
                director_consulted: false,
                made_on: date(2026, 4, 28),
                letter_text: None,
            }),
            Event::Corrected {
                of: 2,
                replacement: Box::new(Event::ContactRecorded(Contact {
                    date: date(2026, 4, 27),
                    mode: ContactMode::FaceToFace,
                    summary: "Bezocht op Dorpsstraat 1.".into(),
                })),
                reason: "Was een bezoek bij mevrouw thuis.".into(),
            },
            Event::Closed(Closing { note: None }),
        ];
        Recorded::stamp(0, Actor::User(user), at, events)
    }

    #[test]
    fn personal_data_goes_and_the_statistics_stay() {
        let mut events = history();
        let changed: Vec<bool> = events.iter_mut().map(|r| anonymise(&mut r.event)).collect();
        assert_eq!(changed, [true, true, true, true, true, false]);
        let id = ComplaintId::new(uuid::Uuid::nil());
        let c = Complaint::replay(id, &events).expect("anonymised history still folds");
        assert_eq!(c.complainant().name(), ANONYMISED);
        assert!(c.complainant().email().is_none() && c.complainant().phone().is_none());
        assert_eq!(c.representative().map(|p| p.name()), Some(ANONYMISED));
        assert_eq!(c.description(), ANONYMISED);
        let contact = c.contact().expect("contact");
        assert_eq!(contact.value.summary, ANONYMISED);
        assert_eq!(contact.value.mode, ContactMode::FaceToFace);
        let offer = c.offer().expect("offer");
        assert_eq!(offer.value.value_cents, Some(2500));
        assert_eq!(offer.value.kind, OfferKind::Compensation);
        assert_eq!(c.merit().map(|m| m.value.merit), Some(Merit::Founded));
        assert_eq!(c.category(), Some("Planning"));
        assert_eq!(c.service(), Some("Thuiszorg"));
        assert!(c.is_closed());
        let text = format!("{events:?}");
        for personal in ["Vries", "jdv@", "06-1234", "Dorpsstraat", "mevrouw"] {
            assert!(!text.contains(personal), "{personal} left in {text}");
        }
        // A second pass changes nothing.
        assert!(events.iter_mut().all(|r| !anonymise(&mut r.event)));
    }

    #[test]
    fn the_cutoff_counts_calendar_years_in_the_zone() {
        let tz = TimeZone::get("Europe/Amsterdam").expect("zone");
        let now: Timestamp = "2028-05-01T10:00:00Z".parse().expect("instant");
        let cut = cutoff(now, &tz, 2).expect("in range");
        assert_eq!(cut.to_string(), "2026-05-01T10:00:00Z");
        assert_eq!(cutoff(now, &tz, 0), Some(now));
    }

    /// The same calendar day `years` earlier, counted independently of
    /// jiff's span arithmetic: 29 February becomes 28 February in a year
    /// without it.
    fn same_day_years_before(day: jiff::civil::Date, years: u32) -> jiff::civil::Date {
        let year = day.year() - i16::try_from(years).expect("few years");
        jiff::civil::Date::new(year, day.month(), day.day())
            .or_else(|_| jiff::civil::Date::new(year, day.month(), day.day() - 1))
            .expect("29 February or an ordinary day")
    }

    /// Every day of 2026 to 2028 at 10:00 and 00:30 in the Netherlands
    /// (00:30 is the day before in UTC), for periods of 1 to 10 years: the
    /// cutoff is the same local day and time `years` earlier, strictly
    /// before now, and it never moves back as the days go by.
    #[test]
    fn the_cutoff_is_the_same_calendar_day_on_every_day_of_2026_to_2028() {
        let tz = TimeZone::get("Europe/Amsterdam").expect("zone");
        let mut checked = 0;
        for (hour, minute) in [(10, 0), (0, 30)] {
            let mut previous: Vec<Option<Timestamp>> = vec![None; 11];
            for day in date(2026, 1, 1)
                .series(1.day())
                .take_while(|d| d.year() <= 2028)
            {
                let now = day
                    .at(hour, minute, 0, 0)
                    .to_zoned(tz.clone())
                    .expect("exists")
                    .timestamp();
                for years in 1..=10u32 {
                    let cut = cutoff(now, &tz, years).expect("in range");
                    let local = cut.to_zoned(tz.clone());
                    assert_eq!(
                        local.date(),
                        same_day_years_before(day, years),
                        "{years} years before {day}"
                    );
                    assert_eq!(
                        (local.hour(), local.minute(), local.second()),
                        (hour, minute, 0),
                        "{years} years before {day}: same time of day"
                    );
                    assert!(cut < now, "{years} years before {day}");
                    let slot = &mut previous[years as usize];
                    if let Some(before) = *slot {
                        assert!(
                            before <= cut,
                            "{years} years: the cutoff of {day} lies before the day before's"
                        );
                    }
                    *slot = Some(cut);
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 2 * 1096 * 10);
        // The documented intent on a leap day, spelled out.
        let leap: Timestamp = "2028-02-29T10:00:00+01:00".parse().expect("instant");
        let day_before: Timestamp = "2028-02-28T10:00:00+01:00".parse().expect("instant");
        for years in [1, 2, 3, 5] {
            assert_eq!(cutoff(leap, &tz, years), cutoff(day_before, &tz, years));
        }
        assert_eq!(
            cutoff(leap, &tz, 4).map(|t| t.to_string()),
            Some("2024-02-29T09:00:00Z".to_owned())
        );
    }
}
