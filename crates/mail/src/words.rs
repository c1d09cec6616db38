//! The domain's values in the words of the mail's language: the judgement,
//! the kind of offer and the reason for reopening, which the mail states
//! to the complainant; for staff, who is unavailable and who stands in,
//! when a term or action ends, and what is next. In Dutch they read as the
//! domain's own Dutch (`klacht_domain::absence`, `reminders::relative_day`).

use jiff::civil::Date;
use klacht_domain::UserId;
use klacht_domain::absence::{OnBehalf, Staff, Unavailable};
use klacht_domain::complaint::{Merit, OfferKind, ReopeningKind};
use klacht_domain::terms::Step;

use crate::MailContext;

/// What a stand-in receives in another's place, as the note says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandInFor {
    /// "deze herinnering".
    Reminder,
    /// "dit overzicht".
    Digest,
    /// "dit bericht".
    Message,
}

impl MailContext {
    /// "is afwezig tot en met maandag 14 december" / "is niet meer
    /// actief", after the person's name; the year only when it is not
    /// `today`'s.
    pub fn unavailable(&self, why: Unavailable, today: Date) -> String {
        match why {
            Unavailable::Absent { until } => {
                let date = if until.year() == today.year() {
                    self.t.day_and_month(until)
                } else {
                    self.t.day_month_year(until)
                };
                self.t.t1("mail-unavailable-absent", "date", date)
            }
            Unavailable::Inactive => self.t.t("mail-unavailable-inactive"),
        }
    }

    /// "afwezig t/m 14 december" / "niet meer actief", after a name in a
    /// list or a subject.
    pub fn unavailable_short(&self, why: Unavailable) -> String {
        match why {
            Unavailable::Absent { until } => {
                let date = format!("{} {}", until.day(), self.t.month_name(until.month()));
                self.t.t1("mail-unavailable-absent-short", "date", date)
            }
            Unavailable::Inactive => self.t.t("mail-unavailable-inactive-short"),
        }
    }

    /// "Piet de Vries is afwezig tot en met maandag 14 december; u
    /// ontvangt deze herinnering in diens plaats." `staff`: whom the
    /// records still know by name (else "een oud-medewerker").
    pub fn on_behalf(&self, o: &OnBehalf, staff: &Staff, what: StandInFor, today: Date) -> String {
        let what = match what {
            StandInFor::Reminder => "mail-on-behalf-reminder",
            StandInFor::Digest => "mail-on-behalf-digest",
            StandInFor::Message => "mail-on-behalf-message",
        };
        self.t.t3(
            "mail-on-behalf",
            "name",
            self.person_name(staff.name(o.person)),
            "why",
            self.unavailable(o.why, today),
            "what",
            self.t.t(what),
        )
    }

    /// The name of someone the records may no longer know.
    pub fn person_name(&self, name: Option<&str>) -> String {
        match name {
            Some(name) => name.to_owned(),
            None => self.t.t("mail-former-employee"),
        }
    }

    /// The name, with why they are unavailable when they are: "Piet de
    /// Vries (afwezig t/m 14 december)". For any mail naming someone as
    /// the one to act.
    pub fn name_with_status(&self, staff: &Staff, id: UserId) -> Option<String> {
        let name = staff.name(id)?;
        Some(match staff.unavailable(id) {
            None => name.to_owned(),
            Some(why) => self.t.t2(
                "mail-name-with-status",
                "name",
                name,
                "status",
                self.unavailable_short(why),
            ),
        })
    }

    /// `due` as seen on `on`: "vandaag", "morgen", or the weekday and date.
    pub fn relative_day(&self, due: Date, on: Date) -> String {
        if due == on {
            self.t.t("mail-today")
        } else if on.tomorrow().ok() == Some(due) {
            self.t.t("mail-tomorrow")
        } else {
            self.t.day_and_month(due)
        }
    }

    /// "contact met klager, uiterlijk woensdag 9 december 2026".
    pub fn next_term(&self, step: Step, due: Date) -> String {
        self.t.t2(
            "mail-next-term",
            "step",
            self.t.label(step),
            "date",
            self.t.long_date(due),
        )
    }
}

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

    fn user(name: &str) -> klacht_domain::User {
        let id = UserId::new(uuid::Uuid::now_v7());
        klacht_domain::User {
            id,
            email: klacht_domain::Email::parse(&format!("{id}@focus.example")).expect("valid"),
            name: name.into(),
            role: klacht_domain::Role::Employee,
            manager: None,
        }
    }

    /// Who is away and who stands in reads in Dutch exactly as the
    /// domain's own Dutch, and in English without a Dutch word.
    #[test]
    fn stand_ins_read_as_the_domain_says_them_in_dutch() {
        use jiff::civil::date;
        use klacht_domain::absence::{Absence, Period, stand_in};
        use klacht_domain::reminders::relative_day;

        let nl = MailContext::new("Focus", "https://klachten.focus.example");
        let en = nl.in_language(Language::En);
        let today = date(2026, 12, 7);
        let piet = user("Piet de Vries");
        let gone = user("Karin Smit");
        let boss = user("Margriet Jansen");
        let absences = [Absence {
            id: uuid::Uuid::now_v7(),
            user: piet.id,
            period: Period::new(today, date(2026, 12, 14)).expect("period"),
            note: None,
            recorded_by: piet.id,
            recorded_at: jiff::Timestamp::UNIX_EPOCH,
            alerted_at: None,
        }];
        let staff = Staff::new(
            [(&piet, true), (&gone, false), (&boss, true)],
            &absences,
            today,
        );
        for (id, next_year) in [(piet.id, None), (gone.id, None), (piet.id, Some(()))] {
            let why = staff.unavailable(id).expect("unavailable");
            let why = match (why, next_year) {
                (Unavailable::Absent { .. }, Some(())) => Unavailable::Absent {
                    until: date(2027, 1, 4),
                },
                (why, _) => why,
            };
            assert_eq!(nl.unavailable(why, today), why.phrase(today));
            assert_eq!(nl.unavailable_short(why), why.short());
            for words in [en.unavailable(why, today), en.unavailable_short(why)] {
                assert!(
                    klacht_i18n::foreign_words(Language::En, &words).is_empty(),
                    "{words}"
                );
            }
            assert_eq!(nl.name_with_status(&staff, id), staff.name_with_status(id));
            let r = stand_in(id, Some(boss.id), &staff).expect("a stand-in");
            let o = r.on_behalf_of.expect("on behalf");
            for (what, dutch) in [
                (StandInFor::Reminder, "deze herinnering"),
                (StandInFor::Digest, "dit overzicht"),
                (StandInFor::Message, "dit bericht"),
            ] {
                assert_eq!(
                    nl.on_behalf(&o, &staff, what, today),
                    o.explain(dutch, today)
                );
                let english = en.on_behalf(&o, &staff, what, today);
                assert!(
                    klacht_i18n::foreign_words(Language::En, &english).is_empty(),
                    "{english}"
                );
            }
        }
        assert_eq!(
            en.on_behalf(
                &stand_in(piet.id, Some(boss.id), &staff)
                    .and_then(|r| r.on_behalf_of)
                    .expect("on behalf"),
                &staff,
                StandInFor::Reminder,
                today
            ),
            "Piet de Vries is away up to and including Monday 14 December; \
             you are receiving this reminder in their place."
        );
        assert_eq!(
            en.name_with_status(&staff, gone.id).as_deref(),
            Some("Karin Smit (no longer active)")
        );
        // Someone the records no longer know.
        let stranger = UserId::new(uuid::Uuid::now_v7());
        let o = stand_in(stranger, Some(boss.id), &staff)
            .and_then(|r| r.on_behalf_of)
            .expect("on behalf");
        assert_eq!(
            nl.on_behalf(&o, &staff, StandInFor::Reminder, today),
            o.explain("deze herinnering", today)
        );
        assert!(
            en.on_behalf(&o, &staff, StandInFor::Reminder, today)
                .starts_with("a former colleague is no longer active;")
        );
        for due in [today, date(2026, 12, 8), date(2026, 12, 11)] {
            assert_eq!(nl.relative_day(due, today), relative_day(due, today));
        }
        assert_eq!(en.relative_day(date(2026, 12, 8), today), "tomorrow");
        assert_eq!(
            en.relative_day(date(2026, 12, 11), today),
            "Friday 11 December"
        );
        assert_eq!(
            nl.next_term(Step::Contact, date(2026, 12, 9)),
            "contact met klager, uiterlijk woensdag 9 december 2026"
        );
        assert_eq!(
            en.next_term(Step::Contact, date(2026, 12, 9)),
            "contact with the complainant, by Wednesday 9 December 2026"
        );
    }
}
