//! Absences and stand-ins (issue 12, item 7): a handler or action owner who
//! is away (an absence recorded from–to) or gone (a deactivated account)
//! takes no reminders with them. While someone is unavailable, whatever
//! would be sent to them goes to a stand-in, and the message says so.
//!
//! The one rule lives in [`stand_in`]: the person themselves when
//! available; else the complaint's responsible manager; else, walking up,
//! the person's own direct manager, theirs, and so on; the first of these
//! who is available receives it, [`on behalf of`](Recipient::on_behalf_of)
//! the person. Nobody available: nobody (the engine counts it unaddressed).
//! Messages to a role rather than a person (missed-term warnings, the
//! directors' weekly summary) follow [`overseers`].
//!
//! Pure: the caller loads the staff and the absences once and builds a
//! [`Staff`].

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::dutch::{day_and_month, day_month_year};
use crate::{User, UserId};

/// The longest note with an absence.
pub const MAX_NOTE: usize = 500;

/// The longest absence that can be recorded at once (two years): a longer
/// one is a typing error, or a departure (deactivate the account).
pub const MAX_DAYS: i32 = 731;

/// A period of absence, both days included, `to` never before `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    from: Date,
    to: Date,
}

/// Why an absence cannot be recorded or ended: a code with its fields,
/// worded by whoever shows it (`dutch` is the reference wording).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody, or nobody active, was chosen.
    NoPerson,
    /// `name` is not the user's own team.
    NotYourTeam {
        name: String,
    },
    /// A date was left empty; `end`: the end date, else the start date.
    MissingDate {
        end: bool,
    },
    /// A date could not be read; `typed`: what was typed (at most 20
    /// characters).
    NotADate {
        end: bool,
        typed: String,
    },
    EndBeforeStart,
    /// Longer than [`MAX_DAYS`].
    TooLong,
    /// Ended before today.
    InThePast,
    /// Longer than [`MAX_NOTE`] characters.
    NoteTooLong,
    /// Ending an absence of `name` that has already ended.
    AlreadyOver {
        name: String,
    },
}

impl Refusal {
    /// A stable code, for the keys of the words that explain it.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NoPerson => "no-person",
            Refusal::NotYourTeam { .. } => "not-your-team",
            Refusal::MissingDate { .. } => "missing-date",
            Refusal::NotADate { .. } => "not-a-date",
            Refusal::EndBeforeStart => "end-before-start",
            Refusal::TooLong => "too-long",
            Refusal::InThePast => "in-the-past",
            Refusal::NoteTooLong => "note-too-long",
            Refusal::AlreadyOver { .. } => "already-over",
        }
    }

    /// The refusal in Dutch.
    pub fn dutch(&self) -> String {
        let which = |end: bool| if end { "De einddatum" } else { "De begindatum" };
        match self {
            Refusal::NoPerson => "Kies voor wie de afwezigheid geldt.".into(),
            Refusal::NotYourTeam { name } => format!(
                "U kunt geen afwezigheid vastleggen voor {name}: alleen voor uzelf of uw eigen team."
            ),
            Refusal::MissingDate { end } => format!("{} ontbreekt.", which(*end)),
            Refusal::NotADate { end, typed } => format!(
                "{} '{typed}' is geen datum: gebruik bijvoorbeeld 07-12-2026.",
                which(*end)
            ),
            Refusal::EndBeforeStart => {
                "De einddatum ligt vóór de begindatum: kies een einddatum op of na de begindatum."
                    .into()
            }
            Refusal::TooLong => "Een afwezigheid duurt hoogstens twee jaar. Gaat iemand uit dienst? Laat de beheerder het account dan deactiveren.".into(),
            Refusal::InThePast => "De afwezigheid ligt helemaal in het verleden; leg alleen huidige of geplande afwezigheid vast.".into(),
            Refusal::NoteTooLong => {
                format!("De toelichting mag hoogstens {MAX_NOTE} tekens hebben.")
            }
            Refusal::AlreadyOver { name } => format!("De afwezigheid van {name} is al voorbij."),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.dutch())
    }
}

impl Period {
    /// `from` up to and including `to`, or why not.
    pub fn new(from: Date, to: Date) -> Result<Period, Refusal> {
        Period::checked(from, to)
    }

    /// As [`Period::new`].
    pub fn checked(from: Date, to: Date) -> Result<Period, Refusal> {
        if to < from {
            return Err(Refusal::EndBeforeStart);
        }
        if (to - from).get_days() >= MAX_DAYS {
            return Err(Refusal::TooLong);
        }
        Ok(Period { from, to })
    }

    /// From the form's two dates (`2026-12-07`, or `07-12-2026` as typed).
    pub fn read(from: &str, to: &str) -> Result<Period, Refusal> {
        let from = parse_day(false, from)?;
        let to = parse_day(true, to)?;
        Period::checked(from, to)
    }

    pub fn from(&self) -> Date {
        self.from
    }

    pub fn to(&self) -> Date {
        self.to
    }

    pub fn covers(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
}

fn parse_day(end: bool, raw: &str) -> Result<Date, Refusal> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Refusal::MissingDate { end });
    }
    if let Ok(d) = raw.parse::<Date>() {
        return Ok(d);
    }
    // Dutch order, as typed without a date picker: 7-12-2026.
    let parts: Vec<&str> = raw.split(['-', '/', '.']).collect();
    if let [d, m, y] = parts.as_slice()
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<i8>(), m.parse::<i8>(), y.parse::<i16>())
        && let Ok(date) = Date::new(y, m, d)
    {
        return Ok(date);
    }
    Err(Refusal::NotADate {
        end,
        typed: raw.chars().take(20).collect(),
    })
}

/// The note with an absence: trimmed, empty is none, bounded.
pub fn read_note(raw: &str) -> Result<Option<String>, Refusal> {
    let note = raw.trim();
    if note.is_empty() {
        return Ok(None);
    }
    if note.chars().count() > MAX_NOTE {
        return Err(Refusal::NoteTooLong);
    }
    Ok(Some(note.to_owned()))
}

/// A recorded absence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    pub id: uuid::Uuid,
    pub user: UserId,
    pub period: Period,
    pub note: Option<String>,
    pub recorded_by: UserId,
    pub recorded_at: Timestamp,
    /// When the responsible managers were alerted to hand over (once).
    pub alerted_at: Option<Timestamp>,
}

/// Who may record or end an absence of `whom`: the person themselves,
/// their direct manager, and the quality manager and the director, who
/// answer for all complaints. The administrator runs the system and has
/// no part in complaints (DESIGN §1), so neither in who handles them.
pub fn may_manage_absence(by: &User, whom: &User) -> bool {
    use crate::Role;
    match by.role {
        Role::Admin => false,
        Role::QualityManager | Role::Director => whom.role != Role::Admin,
        Role::Employee | Role::Manager => by.id == whom.id || whom.manager == Some(by.id),
    }
}

/// Why someone cannot receive their own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// Absent today, up to and including `until`.
    Absent { until: Date },
    /// The account is deactivated.
    Inactive,
}

impl Unavailable {
    /// "is afwezig tot en met maandag 14 december" / "is niet meer actief".
    pub fn phrase(&self, today: Date) -> String {
        match self {
            Unavailable::Absent { until } if until.year() == today.year() => {
                format!("is afwezig tot en met {}", day_and_month(*until))
            }
            Unavailable::Absent { until } => {
                format!("is afwezig tot en met {}", day_month_year(*until))
            }
            Unavailable::Inactive => "is niet meer actief".into(),
        }
    }

    /// "afwezig t/m 14 december" / "niet meer actief", after a name in a
    /// list.
    pub fn short(&self) -> String {
        match self {
            Unavailable::Absent { until } => format!(
                "afwezig t/m {} {}",
                until.day(),
                crate::dutch::month_name(until.month())
            ),
            Unavailable::Inactive => "niet meer actief".into(),
        }
    }
}

/// Who a message is for instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnBehalf {
    pub person: UserId,
    pub name: String,
    pub why: Unavailable,
}

impl OnBehalf {
    /// "Piet de Vries is afwezig tot en met maandag 14 december; u
    /// ontvangt deze herinnering in diens plaats." `what`: "deze
    /// herinnering", "dit overzicht".
    pub fn explain(&self, what: &str, today: Date) -> String {
        format!(
            "{} {}; u ontvangt {what} in diens plaats.",
            self.name,
            self.why.phrase(today)
        )
    }
}

/// Who receives a message, and for whom when not for themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub to: UserId,
    pub on_behalf_of: Option<OnBehalf>,
}

#[derive(Debug, Clone)]
struct Member {
    name: String,
    manager: Option<UserId>,
    active: bool,
    /// The latest day of an absence covering the day asked about.
    absent_until: Option<Date>,
}

/// The staff as the stand-in rule needs them on one day: who is active,
/// who is absent until when, and who manages whom.
#[derive(Debug, Clone, Default)]
pub struct Staff {
    today: Option<Date>,
    members: HashMap<UserId, Member>,
}

impl Staff {
    /// From every account (`(user, active)`) and the absences that may
    /// cover `today` (others are ignored).
    pub fn new<'a>(
        users: impl IntoIterator<Item = (&'a User, bool)>,
        absences: &[Absence],
        today: Date,
    ) -> Staff {
        let mut members: HashMap<UserId, Member> = users
            .into_iter()
            .map(|(u, active)| {
                (
                    u.id,
                    Member {
                        name: u.name.clone(),
                        manager: u.manager,
                        active,
                        absent_until: None,
                    },
                )
            })
            .collect();
        for a in absences.iter().filter(|a| a.period.covers(today)) {
            if let Some(m) = members.get_mut(&a.user) {
                let until = a.period.to();
                // Back-to-back absences read as one.
                let mut until = m.absent_until.map_or(until, |u| u.max(until));
                while let Some(next) = absences.iter().find(|b| {
                    b.user == a.user
                        && until.tomorrow().is_ok_and(|t| b.period.covers(t))
                        && b.period.to() > until
                }) {
                    until = next.period.to();
                }
                m.absent_until = Some(until);
            }
        }
        Staff {
            today: Some(today),
            members,
        }
    }

    pub fn today(&self) -> Option<Date> {
        self.today
    }

    pub fn name(&self, id: UserId) -> Option<&str> {
        self.members.get(&id).map(|m| m.name.as_str())
    }

    /// Why `id` cannot receive messages today; `None` when they can. An
    /// unknown id counts as inactive.
    pub fn unavailable(&self, id: UserId) -> Option<Unavailable> {
        let Some(m) = self.members.get(&id) else {
            return Some(Unavailable::Inactive);
        };
        if !m.active {
            Some(Unavailable::Inactive)
        } else {
            m.absent_until.map(|until| Unavailable::Absent { until })
        }
    }

    /// The name, with why they are unavailable when they are: "Piet de
    /// Vries (afwezig t/m 14 december)". For any mail naming someone as
    /// the one to act.
    pub fn name_with_status(&self, id: UserId) -> Option<String> {
        let name = self.name(id)?;
        Some(match self.unavailable(id) {
            None => name.to_owned(),
            Some(why) => format!("{name} ({})", why.short()),
        })
    }

    fn manager_of(&self, id: UserId) -> Option<UserId> {
        self.members.get(&id).and_then(|m| m.manager)
    }
}

/// THE stand-in rule: who receives what would go to `person` today.
/// `responsible`: the complaint's responsible manager, the first
/// stand-in; after them the person's own managers, upwards. `None` when
/// nobody in that line is available.
pub fn stand_in(person: UserId, responsible: Option<UserId>, staff: &Staff) -> Option<Recipient> {
    let Some(why) = staff.unavailable(person) else {
        return Some(Recipient {
            to: person,
            on_behalf_of: None,
        });
    };
    let on_behalf_of = Some(OnBehalf {
        person,
        name: staff
            .name(person)
            .unwrap_or("een oud-medewerker")
            .to_owned(),
        why,
    });
    let mut candidates = Vec::new();
    candidates.extend(responsible.filter(|r| *r != person));
    // Up the line of managers; bounded, in case the data has a circle.
    let mut at = staff.manager_of(person);
    for _ in 0..=staff.members.len() {
        let Some(m) = at else { break };
        if m != person {
            candidates.push(m);
        }
        at = staff.manager_of(m);
    }
    candidates
        .into_iter()
        .find(|c| staff.unavailable(*c).is_none())
        .map(|to| Recipient { to, on_behalf_of })
}

/// Who of `intended` (the people a role's message goes to: the quality
/// managers, the directors) receives it today: those who are available.
/// An absent overseer is skipped, since the others read the same warning;
/// only when every one of them is away does it go to them all the same
/// (deactivated accounts excepted): nobody stands in for the
/// "eindverantwoordelijke", and a warning waiting in her inbox is better
/// than none. Empty when nobody intended is active.
pub fn overseers(intended: &[UserId], staff: &Staff) -> Vec<UserId> {
    let available: Vec<UserId> = intended
        .iter()
        .copied()
        .filter(|id| staff.unavailable(*id).is_none())
        .collect();
    if !available.is_empty() {
        return available;
    }
    intended
        .iter()
        .copied()
        .filter(|id| staff.unavailable(*id) != Some(Unavailable::Inactive))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Email, Role};
    use jiff::civil::date;

    fn user(name: &str, role: Role, manager: Option<&User>) -> User {
        User {
            id: UserId::new(uuid::Uuid::now_v7()),
            email: Email::parse(&format!(
                "{}@focus.example",
                name.to_lowercase().replace(' ', ".")
            ))
            .expect("valid"),
            name: name.into(),
            role,
            manager: manager.map(|m| m.id),
        }
    }

    fn absence(u: &User, from: Date, to: Date) -> Absence {
        Absence {
            id: uuid::Uuid::now_v7(),
            user: u.id,
            period: Period::new(from, to).expect("valid"),
            note: None,
            recorded_by: u.id,
            recorded_at: Timestamp::UNIX_EPOCH,
            alerted_at: None,
        }
    }

    #[test]
    fn periods_end_on_or_after_they_start() {
        assert!(Period::read("2026-12-07", "2026-12-07").is_ok());
        let p = Period::read("07-12-2026", "14-12-2026").expect("Dutch order");
        assert_eq!((p.from(), p.to()), (date(2026, 12, 7), date(2026, 12, 14)));
        assert!(p.covers(date(2026, 12, 14)) && !p.covers(date(2026, 12, 15)));
        let e = Period::read("2026-12-14", "2026-12-07").expect_err("backwards");
        assert_eq!(e, Refusal::EndBeforeStart);
        let e = Period::read("", "2026-12-07").expect_err("missing");
        assert_eq!(e, Refusal::MissingDate { end: false });
        let e = Period::read("morgen", "2026-12-07").expect_err("garbage");
        assert_eq!(
            e,
            Refusal::NotADate {
                end: false,
                typed: "morgen".into()
            }
        );
        assert!(Period::read("31-02-2026", "2026-12-07").is_err());
        assert_eq!(
            Period::read("2026-01-01", "2029-01-01"),
            Err(Refusal::TooLong)
        );
        assert_eq!(
            Period::new(date(2026, 1, 2), date(2026, 1, 1)),
            Err(Refusal::EndBeforeStart)
        );
        assert_eq!(read_note("  ").ok(), Some(None));
        assert_eq!(
            read_note(&"x".repeat(MAX_NOTE + 1)),
            Err(Refusal::NoteTooLong)
        );
    }

    #[test]
    fn who_records_whose_absence() {
        let director = user("Dora", Role::Director, None);
        let quality = user("Kim", Role::QualityManager, Some(&director));
        let manager = user("Mark", Role::Manager, Some(&director));
        let piet = user("Piet", Role::Employee, Some(&manager));
        let other = user("Olga", Role::Employee, Some(&quality));
        let admin = user("Ad", Role::Admin, None);
        assert!(may_manage_absence(&piet, &piet));
        assert!(may_manage_absence(&manager, &piet));
        assert!(!may_manage_absence(&manager, &other), "not their team");
        assert!(!may_manage_absence(&piet, &manager));
        assert!(may_manage_absence(&quality, &piet));
        assert!(may_manage_absence(&director, &piet));
        assert!(!may_manage_absence(&admin, &piet));
        assert!(!may_manage_absence(&admin, &admin));
    }

    #[test]
    fn an_absent_or_inactive_person_is_stood_in_for_by_the_responsible_manager_then_upwards() {
        let director = user("Dora de Directeur", Role::Director, None);
        let manager = user("Mark Manager", Role::Manager, Some(&director));
        let other = user("Olga Overig", Role::Manager, Some(&director));
        let piet = user("Piet de Vries", Role::Employee, Some(&manager));
        let gone = user("Gijs Weg", Role::Employee, Some(&manager));
        let today = date(2026, 12, 7);
        let absences = [
            absence(&piet, date(2026, 12, 1), date(2026, 12, 10)),
            // Back to back: away until the 14th.
            absence(&piet, date(2026, 12, 11), date(2026, 12, 14)),
            absence(&other, date(2026, 12, 8), date(2026, 12, 9)),
        ];
        let users = [
            (&director, true),
            (&manager, true),
            (&other, true),
            (&piet, true),
            (&gone, false),
        ];
        let staff = Staff::new(users, &absences, today);

        let direct = stand_in(other.id, None, &staff).expect("present");
        assert_eq!(direct.to, other.id);
        assert_eq!(direct.on_behalf_of, None, "absent only from tomorrow");

        let r = stand_in(piet.id, Some(other.id), &staff).expect("a stand-in");
        assert_eq!(r.to, other.id, "the complaint's responsible manager first");
        let why = r.on_behalf_of.expect("on behalf");
        assert_eq!(
            why.explain("deze herinnering", today),
            "Piet de Vries is afwezig tot en met maandag 14 december; u ontvangt deze herinnering in diens plaats."
        );
        assert_eq!(
            stand_in(piet.id, None, &staff).map(|r| r.to),
            Some(manager.id),
            "else their own manager"
        );
        let r = stand_in(gone.id, Some(gone.id), &staff).expect("a stand-in");
        assert_eq!(r.to, manager.id);
        assert_eq!(
            r.on_behalf_of.map(|o| o.why.phrase(today)),
            Some("is niet meer actief".into())
        );
        assert_eq!(
            staff.name_with_status(piet.id).as_deref(),
            Some("Piet de Vries (afwezig t/m 14 december)")
        );
        assert_eq!(
            staff.name_with_status(gone.id).as_deref(),
            Some("Gijs Weg (niet meer actief)")
        );

        // The manager away too: up to the director.
        let absences = [
            absence(&piet, today, today),
            absence(&manager, today, date(2027, 1, 4)),
        ];
        let staff = Staff::new(users, &absences, today);
        let r = stand_in(piet.id, Some(manager.id), &staff).expect("the director");
        assert_eq!(r.to, director.id);
        assert_eq!(
            Unavailable::Absent {
                until: date(2027, 1, 4)
            }
            .phrase(today),
            "is afwezig tot en met 4 januari 2027"
        );
        // Nobody left.
        let staff = Staff::new([(&piet, true)], &[absence(&piet, today, today)], today);
        assert_eq!(stand_in(piet.id, None, &staff), None);
    }

    #[test]
    fn an_absent_overseer_is_skipped_while_another_reads_the_warning() {
        let director = user("Dora de Directeur", Role::Director, None);
        let kim = user("Kim Kwaliteit", Role::QualityManager, Some(&director));
        let gone = user("Gerda Weg", Role::QualityManager, Some(&director));
        let today = date(2026, 12, 7);
        let users = [(&director, true), (&kim, true), (&gone, false)];
        let all = [kim.id, gone.id, director.id];
        let staff = Staff::new(users, &[absence(&director, today, today)], today);
        assert_eq!(
            overseers(&all, &staff),
            vec![kim.id],
            "the director is away"
        );
        assert_eq!(
            overseers(&[director.id], &staff),
            vec![director.id],
            "nobody else: she reads it when back"
        );
        let staff = Staff::new(users, &[], today);
        assert_eq!(overseers(&all, &staff), vec![kim.id, director.id]);
        assert_eq!(overseers(&[gone.id], &staff), Vec::<UserId>::new());
    }
}
