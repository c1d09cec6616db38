//! A year of complaints with known figures, for the report tests
//! (dashboard, yearly report, exports). Histories are played through the
//! domain's `decide` at back-dated moments, as the demo loader does, so
//! every figure is known by hand:
//!
//! | # | received (year Y) | kind | category | what happened |
//! |---|---|---|---|---|
//! | C1 | 2 Mar | complaint | Planning | all on time, founded, score 5, closed 12 Mar |
//! | C2 | 10 Mar | complaint | Planning | contact, offer and record late, unfounded, score 2, escalated (not resolved), closed 22 Apr |
//! | C3 | 15 Jun | complaint | Bejegening | contact waived, partly founded, offer on time, no form (record overdue) |
//! | C4 | 20 Jun | complaint | — | nothing after intake (all three overdue) |
//! | S1 | 5 Mar | signal | Planning | resolved at intake |
//! | S2 | 1 Sep | signal → complaint | Bejegening | converted 2 Sep, then nothing |
//! | X | 15 Dec of Y-1 | complaint | Planning | outside the year |
#![allow(dead_code)]

use jiff::civil::Date;
use jiff::{ToSpan, Zoned};
use klacht_app::complaints::new_stream;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    self, Actor, Channel, Closing, Command, ComplainantResponse, Complaint, Contact, ContactMode,
    Conversion, Escalation, EscalationOutcome, EscalationParty, Kind, Merit, MeritDecision,
    NewComplaint, Offer, OfferKind, Party, Recorded, Satisfaction, WaivableStep, Waiver,
};
use klacht_domain::{ComplaintId, ReferenceNumber, Role, User};
use klacht_store::Store;

mod work;
pub use work::{WorkWords, work_in_hand};

pub fn cal() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

pub fn today() -> Date {
    cal().local_date(klacht_clock::test_now())
}

/// The year of the data set: last year, so every moment lies in the past.
pub fn year() -> i16 {
    today().year() - 1
}

pub struct Org {
    pub director: User,
    pub quality: User,
    pub manager: User,
    pub employee: User,
    pub involved: User,
    pub admin: User,
}

/// The password of the people [`org`] creates (as `common::PASSWORD`, so
/// that `TestApp::login` signs them in).
pub const PASSWORD: &str = "een goed wachtwoord";

async fn person<S: Store>(
    store: &S,
    email: &str,
    name: &str,
    role: Role,
    manager: Option<&User>,
    hash: &str,
) -> User {
    let user = User {
        id: klacht_domain::UserId::new(uuid::Uuid::now_v7()),
        email: klacht_domain::Email::parse(email).expect("valid e-mail"),
        name: name.into(),
        role,
        manager: manager.map(|m| m.id),
    };
    store
        .create_user(klacht_store::NewUser {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role,
            manager: user.manager,
            password_hash: Some(hash.into()),
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("create user");
    user
}

/// The people of the data set, signed in with [`PASSWORD`].
pub async fn org<S: Store>(store: &S) -> Org {
    let hash = klacht_app::password::hash_password(PASSWORD.into())
        .await
        .expect("hash");
    let director = person(
        store,
        "ellen@focus.example",
        "Ellen de Boer",
        Role::Director,
        None,
        &hash,
    )
    .await;
    let quality = person(
        store,
        "sanne@focus.example",
        "Sanne Visser",
        Role::QualityManager,
        Some(&director),
        &hash,
    )
    .await;
    let manager = person(
        store,
        "margriet@focus.example",
        "margriet",
        Role::Manager,
        Some(&director),
        &hash,
    )
    .await;
    let employee = person(
        store,
        "piet@focus.example",
        "Piet de Vries",
        Role::Employee,
        Some(&manager),
        &hash,
    )
    .await;
    let involved = person(
        store,
        "joost@focus.example",
        "Joost Smit",
        Role::Employee,
        Some(&manager),
        &hash,
    )
    .await;
    let admin = person(
        store,
        "tom@focus.example",
        "Tom Bakker",
        Role::Admin,
        None,
        &hash,
    )
    .await;
    Org {
        director,
        quality,
        manager,
        employee,
        involved,
        admin,
    }
}

/// 10:00 in Amsterdam on the given day.
pub fn at(y: i16, m: i8, d: i8, hour: i8) -> Zoned {
    jiff::civil::date(y, m, d)
        .at(hour, 0, 0, 0)
        .to_zoned(cal().time_zone().clone())
        .expect("a valid local time")
}

/// A history played forward through `decide`.
pub struct Play {
    pub c: Complaint,
    pub history: Vec<Recorded>,
}

impl Play {
    pub fn step(&mut self, cmd: Command, actor: &User, when: &Zoned) {
        let when = when.timestamp();
        let events = self
            .c
            .decide(cmd, actor, when)
            .unwrap_or_else(|e| panic!("refused: {e}"));
        let recorded = Recorded::stamp(self.c.version(), Actor::User(actor.id), when, events);
        for r in &recorded {
            self.c.apply(r).expect("applies");
        }
        self.history.extend(recorded);
    }
}

/// Registers a complaint (or signal) received at `received` by the
/// employee and plays `plan` on it.
pub async fn create<S: Store>(
    store: &S,
    org: &Org,
    received: Zoned,
    kind: Kind,
    category: Option<&str>,
    plan: impl FnOnce(&mut Play) + Send,
) -> ReferenceNumber {
    let id = ComplaintId::new(uuid::Uuid::now_v7());
    let new = NewComplaint {
        kind,
        channel: Channel::Phone,
        received_at: received.clone(),
        complainant: Party::new("Mevrouw J. de Vries", None, Some("06-12345678"), None)
            .expect("valid party"),
        representative: None,
        service: Some("Thuiszorg".into()),
        involved_employees: vec![org.involved.id],
        description: "De hulp kwam te laat.".into(),
        category: category.map(str::to_owned),
        cause: Some("Werkdruk".into()),
    };
    let employee = org.employee.clone();
    let row = store
        .create_complaint(received.year(), move |reference| {
            let at = received.timestamp() + 5.minutes();
            let events = complaint::register(new, reference, &employee, at).expect("registers");
            let history = Recorded::stamp(0, Actor::User(employee.id), at, events);
            let c = Complaint::replay(id, &history).expect("replays");
            let mut play = Play { c, history };
            plan(&mut play);
            new_stream(id, &play.history, &cal())
        })
        .await
        .expect("store")
        .expect("built");
    row.reference
}

pub fn contact(d: &Zoned) -> Command {
    Command::RecordContact(Contact {
        date: d.date(),
        mode: ContactMode::Telephone,
        summary: "Gebeld.".into(),
    })
}

pub fn merit(m: Merit) -> Command {
    Command::DecideMerit(MeritDecision {
        merit: m,
        reasoning: "Getoetst aan de afspraken.".into(),
    })
}

pub fn offer(d: &Zoned) -> Command {
    Command::MakeOffer(Offer {
        kind: OfferKind::ExtraService,
        description: "Een extra bezoek.".into(),
        value_cents: None,
        director_consulted: false,
        made_on: d.date(),
        letter_text: None,
    })
}

pub fn response(accepted: bool, score: u8) -> Command {
    Command::RecordResponse(ComplainantResponse {
        accepted: Some(accepted),
        satisfaction: Some(Satisfaction::new(score).expect("valid score")),
        comment: None,
    })
}

/// The references of the data set, by name.
pub struct DataSet {
    pub c1: ReferenceNumber,
    pub c2: ReferenceNumber,
    pub c3: ReferenceNumber,
    pub c4: ReferenceNumber,
    pub s1: ReferenceNumber,
    pub s2: ReferenceNumber,
    pub x: ReferenceNumber,
}

pub async fn data_set<S: Store>(store: &S, org: &Org) -> DataSet {
    let y = year();
    let m = org.manager.clone();
    let q = org.quality.clone();
    let d = org.director.clone();
    let c1 = create(
        store,
        org,
        at(y, 3, 2, 10),
        Kind::Complaint,
        Some("Planning"),
        {
            let (m, q) = (m.clone(), q.clone());
            move |p| {
                p.step(
                    Command::AssignHandler { handler: m.clone() },
                    &m,
                    &at(y, 3, 2, 11),
                );
                p.step(contact(&at(y, 3, 3, 10)), &m, &at(y, 3, 3, 12));
                p.step(merit(Merit::Founded), &m, &at(y, 3, 5, 10));
                p.step(offer(&at(y, 3, 5, 10)), &m, &at(y, 3, 5, 11));
                p.step(response(true, 5), &m, &at(y, 3, 5, 12));
                p.step(Command::SendForm, &m, &at(y, 3, 9, 10));
                p.step(
                    Command::Close(Closing { note: None }),
                    &q,
                    &at(y, 3, 12, 10),
                );
            }
        },
    )
    .await;
    let c2 = create(
        store,
        org,
        at(y, 3, 10, 10),
        Kind::Complaint,
        Some("Planning"),
        {
            let (m, q, d) = (m.clone(), q.clone(), d.clone());
            move |p| {
                p.step(
                    Command::AssignHandler { handler: m.clone() },
                    &m,
                    &at(y, 3, 10, 11),
                );
                p.step(contact(&at(y, 3, 20, 10)), &m, &at(y, 3, 20, 12));
                p.step(merit(Merit::Unfounded), &m, &at(y, 3, 30, 10));
                p.step(offer(&at(y, 3, 30, 10)), &m, &at(y, 3, 30, 11));
                p.step(response(false, 2), &m, &at(y, 3, 30, 12));
                p.step(
                    Command::Escalate(Escalation {
                        party: EscalationParty::ComplaintsCommittee,
                        on: jiff::civil::date(y, 4, 1),
                        note: None,
                    }),
                    &d,
                    &at(y, 4, 1, 10),
                );
                p.step(
                    Command::RecordEscalationOutcome(EscalationOutcome {
                        outcome: "Klacht blijft ongegrond.".into(),
                        on: jiff::civil::date(y, 4, 20),
                        resolved: false,
                    }),
                    &d,
                    &at(y, 4, 20, 10),
                );
                p.step(Command::SendForm, &m, &at(y, 4, 21, 10));
                p.step(
                    Command::Close(Closing { note: None }),
                    &q,
                    &at(y, 4, 22, 10),
                );
            }
        },
    )
    .await;
    let c3 = create(
        store,
        org,
        at(y, 6, 15, 10),
        Kind::Complaint,
        Some("Bejegening"),
        {
            let m = m.clone();
            move |p| {
                p.step(
                    Command::AssignHandler { handler: m.clone() },
                    &m,
                    &at(y, 6, 15, 11),
                );
                p.step(
                    Command::WaiveStep(Waiver {
                        step: WaivableStep::Contact,
                        reason: "Niet bereikbaar.".into(),
                    }),
                    &m,
                    &at(y, 6, 17, 10),
                );
                p.step(merit(Merit::PartlyFounded), &m, &at(y, 6, 18, 10));
                p.step(offer(&at(y, 6, 18, 10)), &m, &at(y, 6, 18, 11));
            }
        },
    )
    .await;
    let c4 = create(store, org, at(y, 6, 20, 10), Kind::Complaint, None, |_| {}).await;
    let s1 = create(
        store,
        org,
        at(y, 3, 5, 10),
        Kind::Signal,
        Some("Planning"),
        |_| {},
    )
    .await;
    let s2 = create(
        store,
        org,
        at(y, 9, 1, 10),
        Kind::Signal,
        Some("Bejegening"),
        {
            let m = m.clone();
            move |p| {
                p.step(
                    Command::ConvertToComplaint(Conversion {
                        reason: "Toch niet opgelost.".into(),
                    }),
                    &m,
                    &at(y, 9, 2, 10),
                );
            }
        },
    )
    .await;
    let x = create(
        store,
        org,
        at(y - 1, 12, 15, 10),
        Kind::Complaint,
        Some("Planning"),
        |_| {},
    )
    .await;
    DataSet {
        c1,
        c2,
        c3,
        c4,
        s1,
        s2,
        x,
    }
}
