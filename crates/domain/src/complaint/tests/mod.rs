//! Tests of the complaint aggregate, with a small organisation to run them
//! in. `permissions` uses the same fixtures.

mod classify;
mod consult;
mod corrections;
mod links;
mod props;
mod register;
mod reopen;
mod serde;
mod workflow;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, Zoned};
use uuid::Uuid;

use super::*;
use crate::{ComplaintId, Email, ReferenceNumber, Role, User, UserId};

pub(crate) fn user(n: u128, role: Role, manager: Option<UserId>) -> User {
    let name = format!("{}-{n}", role.as_str());
    User {
        id: UserId(Uuid::from_u128(n)),
        email: Email::parse(&format!("{name}@focus.nl")).expect("valid"),
        name,
        role,
        manager,
    }
}

/// The organisation: one team under manager `m`, a second manager, and
/// the people who oversee everything.
pub(crate) struct Org {
    pub director: User,
    pub quality: User,
    pub admin: User,
    /// Manager of `employee`, `colleague` and `involved`.
    pub manager: User,
    pub other_manager: User,
    /// Receives the complaint.
    pub employee: User,
    /// Same team; a fit handler.
    pub colleague: User,
    /// Delivered the service complained about.
    pub involved: User,
    /// In the other manager's team.
    pub outsider: User,
}

pub(crate) fn org() -> Org {
    let director = user(1, Role::Director, None);
    let quality = user(2, Role::QualityManager, Some(director.id));
    let admin = user(3, Role::Admin, Some(director.id));
    let manager = user(10, Role::Manager, Some(director.id));
    let other_manager = user(20, Role::Manager, Some(director.id));
    Org {
        employee: user(11, Role::Employee, Some(manager.id)),
        colleague: user(12, Role::Employee, Some(manager.id)),
        involved: user(13, Role::Employee, Some(manager.id)),
        outsider: user(21, Role::Employee, Some(other_manager.id)),
        director,
        quality,
        admin,
        manager,
        other_manager,
    }
}

pub(crate) fn date(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).expect("valid date")
}

/// Friday 24 April 2026, 10:00 in Amsterdam (DESIGN §4's example).
pub(crate) fn received() -> Zoned {
    "2026-04-24T10:00[Europe/Amsterdam]".parse().expect("valid")
}

/// Monday 4 May 2026, 09:00 in Amsterdam.
pub(crate) fn monday() -> Timestamp {
    "2026-05-04T09:00[Europe/Amsterdam]"
        .parse::<Zoned>()
        .expect("valid")
        .timestamp()
}

pub(crate) fn reference() -> ReferenceNumber {
    ReferenceNumber::new(2026, 42).expect("valid")
}

pub(crate) fn party() -> Party {
    Party::new(
        "Mevrouw J. de Vries",
        Some(Email::parse("j.devries@example.nl").expect("valid")),
        Some("06-12345678"),
        Some("Dorpsstraat 1, 1234 AB Ergens"),
    )
    .expect("valid party")
}

pub(crate) fn new_complaint(kind: Kind, involved: &User) -> NewComplaint {
    NewComplaint {
        kind,
        channel: Channel::Phone,
        received_at: received(),
        complainant: party(),
        representative: None,
        service: Some("Thuisbegeleiding".into()),
        involved_employees: vec![involved.id],
        description: "  Begeleider kwam twee keer niet opdagen.  ".into(),
        category: Some("Bereikbaarheid".into()),
        cause: None,
    }
}

/// A complaint being worked on: its state, its stream and a clock.
pub(crate) struct Run {
    pub c: Complaint,
    pub log: Vec<Recorded>,
    pub now: Timestamp,
}

impl Run {
    /// Work on the complaint resumes the Monday after receipt, so that the
    /// fixtures' dates (27 April to 2 May) lie in the past.
    pub fn from_events(events: Vec<Event>, actor: Actor, at: Timestamp) -> Run {
        let log = Recorded::stamp(0, actor, at, events);
        let c = Complaint::replay(ComplaintId(Uuid::from_u128(99)), &log).expect("replays");
        Run {
            c,
            log,
            now: monday(),
        }
    }

    /// A complaint registered by `org.employee` five minutes after receipt.
    pub fn registered(org: &Org, kind: Kind) -> Run {
        let at = received().timestamp() + SignedDuration::from_mins(5);
        let events = register(
            new_complaint(kind, &org.involved),
            reference(),
            &org.employee,
            at,
        )
        .expect("registers");
        Run::from_events(events, Actor::User(org.employee.id), at)
    }

    /// Decides and, when accepted, records and applies the events an hour
    /// later than the previous ones; replaying the log must agree.
    pub fn exec(&mut self, actor: &User, cmd: Command) -> Result<Vec<Event>, ComplaintError> {
        self.now += SignedDuration::from_hours(1);
        let events = self.c.decide(cmd, actor, self.now)?;
        let recorded = Recorded::stamp(
            self.c.version(),
            Actor::User(actor.id),
            self.now,
            events.clone(),
        );
        for rec in &recorded {
            self.c.apply(rec).expect("decided events apply");
        }
        self.log.extend(recorded);
        assert_eq!(
            Complaint::replay(self.c.id(), &self.log).as_ref(),
            Ok(&self.c)
        );
        Ok(events)
    }

    #[track_caller]
    pub fn ok(&mut self, actor: &User, cmd: Command) -> Vec<Event> {
        match self.exec(actor, cmd) {
            Ok(events) => events,
            Err(e) => panic!("refused: {e}"),
        }
    }

    #[track_caller]
    pub fn refused(&mut self, actor: &User, cmd: Command) -> ComplaintError {
        let before = self.c.clone();
        let err = self.exec(actor, cmd).expect_err("should be refused");
        assert_eq!(self.c, before, "a refused command changes nothing");
        err
    }

    /// The seq of the last event of the given type.
    pub fn seq_of(&self, kind: &str) -> u64 {
        self.log
            .iter()
            .rev()
            .find(|r| r.event.kind() == kind)
            .map(|r| r.seq)
            .expect("event present")
    }
}

pub(crate) fn contact_on(d: Date) -> Command {
    Command::RecordContact(Contact {
        date: d,
        mode: ContactMode::Telephone,
        summary: "Klager gebeld; excuses aangeboden.".into(),
    })
}

pub(crate) fn contact() -> Command {
    contact_on(date(2026, 4, 27))
}

pub(crate) fn merit() -> Command {
    Command::DecideMerit(MeritDecision {
        merit: Merit::Founded,
        reasoning: "Twee afspraken gemist zonder bericht.".into(),
    })
}

pub(crate) fn offer_value(kind: OfferKind, value_cents: Option<u64>) -> Command {
    Command::MakeOffer(Offer {
        kind,
        description: "Twee extra begeleidingsuren.".into(),
        value_cents,
        director_consulted: false,
        made_on: date(2026, 4, 28),
        letter_text: None,
    })
}

pub(crate) fn offer() -> Command {
    offer_value(OfferKind::ExtraService, Some(12_000))
}

pub(crate) fn response() -> Command {
    Command::RecordResponse(ComplainantResponse {
        accepted: Some(true),
        satisfaction: Some(Satisfaction::new(4).expect("valid")),
        comment: None,
    })
}

pub(crate) fn agree(description: &str) -> Command {
    Command::AgreeAction {
        description: description.into(),
        due: Some(date(2026, 5, 15)),
        owner: None,
    }
}

pub(crate) fn complete(number: u32) -> Command {
    Command::CompleteAction(CompletedAction { number, note: None })
}

pub(crate) fn waive(step: WaivableStep, reason: &str) -> Command {
    Command::WaiveStep(Waiver {
        step,
        reason: reason.into(),
    })
}

pub(crate) fn escalate() -> Command {
    Command::Escalate(Escalation {
        party: EscalationParty::ComplaintsCommittee,
        on: date(2026, 5, 1),
        note: None,
    })
}

pub(crate) fn outcome(resolved: bool) -> Command {
    Command::RecordEscalationOutcome(EscalationOutcome {
        outcome: "Commissie acht de klacht deels gegrond.".into(),
        on: date(2026, 5, 2),
        resolved,
    })
}

pub(crate) fn close() -> Command {
    Command::Close(Closing { note: None })
}

pub(crate) fn assign(handler: &User) -> Command {
    Command::AssignHandler {
        handler: handler.clone(),
    }
}

/// A complaint with `org.colleague` as handler.
pub(crate) fn handled(org: &Org) -> Run {
    let mut run = Run::registered(org, Kind::Complaint);
    run.ok(&org.manager, assign(&org.colleague));
    run
}

/// A complaint with steps 2–4 done, ready to close.
pub(crate) fn ready_to_close(org: &Org) -> Run {
    let mut run = handled(org);
    let h = &org.colleague;
    run.ok(h, contact());
    run.ok(h, merit());
    run.ok(h, offer());
    run.ok(h, Command::SendForm);
    run
}
