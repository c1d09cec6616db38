//! Rebuilding a complaint from its events, which every request that
//! touches a complaint does, and deciding one command.
//!
//! `cargo bench -p klacht-domain --bench replay`

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, Zoned};
use klacht_domain::complaint::{
    Actor, Closing, Command, ComplainantResponse, Complaint, CompletedAction, Contact, ContactMode,
    ExactRegistration, Kind, Merit, MeritDecision, NewComplaint, Offer, OfferKind, Party, Recorded,
    Satisfaction, register,
};
use klacht_domain::complaint::{Channel, Event};
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Role, User, UserId};
use uuid::Uuid;

fn user(n: u128, role: Role, manager: Option<UserId>) -> User {
    User {
        id: UserId(Uuid::from_u128(n)),
        email: Email::parse(&format!("user{n}@focus.nl")).expect("valid"),
        name: format!("Medewerker {n}"),
        role,
        manager,
    }
}

struct Org {
    quality: User,
    manager: User,
    employee: User,
    handler: User,
    involved: User,
}

fn org() -> Org {
    let director = user(1, Role::Director, None);
    let manager = user(10, Role::Manager, Some(director.id));
    Org {
        quality: user(2, Role::QualityManager, Some(director.id)),
        employee: user(11, Role::Employee, Some(manager.id)),
        handler: user(12, Role::Employee, Some(manager.id)),
        involved: user(13, Role::Employee, Some(manager.id)),
        manager,
    }
}

fn date(m: i8, d: i8) -> Date {
    Date::new(2026, m, d).expect("valid date")
}

/// Appends what `decide` allows, the way the application service does.
struct Stream {
    complaint: Complaint,
    log: Vec<Recorded>,
    now: Timestamp,
}

impl Stream {
    fn registered(org: &Org) -> Stream {
        let received: Zoned = "2026-04-24T10:00[Europe/Amsterdam]".parse().expect("valid");
        let new = NewComplaint {
            kind: Kind::Complaint,
            channel: Channel::Phone,
            received_at: received.clone(),
            complainant: Party::new(
                "Mevrouw J. de Vries",
                Some(Email::parse("j.devries@example.nl").expect("valid")),
                Some("06-12345678"),
                Some("Dorpsstraat 1, 1234 AB Ergens"),
            )
            .expect("valid"),
            representative: None,
            service: Some("Thuisbegeleiding".into()),
            involved_employees: vec![org.involved.id],
            description: "Begeleider kwam twee keer niet opdagen zonder bericht vooraf.".into(),
            category: Some("Bereikbaarheid".into()),
            cause: Some("Planning".into()),
        };
        let at = received.timestamp();
        let reference = ReferenceNumber::new(2026, 42).expect("valid");
        let events = register(new, reference, &org.employee, at).expect("registers");
        let log = Recorded::stamp(0, Actor::User(org.employee.id), at, events);
        let complaint = Complaint::replay(ComplaintId(Uuid::from_u128(7)), &log).expect("replays");
        let now = "2026-06-01T09:00[Europe/Amsterdam]"
            .parse::<Zoned>()
            .expect("valid")
            .timestamp();
        Stream {
            complaint,
            log,
            now,
        }
    }

    fn run(&mut self, actor: &User, cmd: Command) {
        self.now += SignedDuration::from_mins(10);
        let events = self
            .complaint
            .decide(cmd, actor, self.now)
            .expect("accepted");
        for rec in Recorded::stamp(
            self.complaint.version(),
            Actor::User(actor.id),
            self.now,
            events,
        ) {
            self.complaint.apply(&rec).expect("applies");
            self.log.push(rec);
        }
    }
}

fn contact(summary: String) -> Contact {
    Contact {
        date: date(4, 27),
        mode: ContactMode::Telephone,
        summary,
    }
}

/// A complaint's whole life: 15 events from registration to Exact.
fn realistic(org: &Org) -> Vec<Recorded> {
    let mut s = Stream::registered(org);
    let h = &org.handler;
    s.run(&org.manager, Command::AssignHandler { handler: h.clone() });
    s.run(
        &org.manager,
        Command::AddAssistant {
            assistant: org.quality.clone(),
        },
    );
    s.run(
        h,
        Command::RecordContact(contact("Klager gebeld; excuses aangeboden.".into())),
    );
    s.run(
        h,
        Command::DecideMerit(MeritDecision {
            merit: Merit::Founded,
            reasoning: "Twee afspraken gemist zonder bericht.".into(),
        }),
    );
    s.run(
        h,
        Command::MakeOffer(Offer {
            kind: OfferKind::ExtraService,
            description: "Twee extra begeleidingsuren.".into(),
            value_cents: Some(12_000),
            director_consulted: false,
            made_on: date(4, 28),
            letter_text: None,
        }),
    );
    s.run(
        h,
        Command::RecordResponse(ComplainantResponse {
            accepted: Some(true),
            satisfaction: Some(Satisfaction::new(4).expect("valid")),
            comment: None,
        }),
    );
    for description in [
        "Planning controleert wekelijks.",
        "Terugbellen na twee weken.",
    ] {
        s.run(
            h,
            Command::AgreeAction {
                description: description.into(),
                due: Some(date(5, 15)),
                owner: None,
            },
        );
    }
    for number in [1, 2] {
        s.run(
            h,
            Command::CompleteAction(CompletedAction { number, note: None }),
        );
    }
    s.run(h, Command::SendForm);
    s.run(&org.quality, Command::Close(Closing { note: None }));
    s.run(
        &org.quality,
        Command::RegisterInExact(ExactRegistration {
            exact_id: "REQ-2026-118".into(),
            round: None,
        }),
    );
    s.log
}

/// A long-running complaint: many actions and many corrections.
fn long(org: &Org, len: usize) -> Vec<Recorded> {
    let mut s = Stream::registered(org);
    let h = &org.handler;
    s.run(&org.manager, Command::AssignHandler { handler: h.clone() });
    s.run(h, Command::RecordContact(contact("Eerste gesprek.".into())));
    let contact_seq = s.complaint.version();
    let mut n = 0u32;
    while s.log.len() < len {
        n += 1;
        match n % 3 {
            0 => s.run(
                h,
                Command::Correct {
                    of: contact_seq,
                    replacement: Event::ContactRecorded(contact(format!("Gesprek, versie {n}."))),
                    reason: "Aanvulling".into(),
                },
            ),
            1 => s.run(
                h,
                Command::AgreeAction {
                    description: format!("Afspraak {n}"),
                    due: Some(date(5, 15)),
                    owner: Some(org.employee.id),
                },
            ),
            _ => {
                let open = s
                    .complaint
                    .actions()
                    .iter()
                    .find(|a| a.completed.is_none())
                    .map(|a| a.agreed.value.number)
                    .expect("an open action");
                s.run(
                    h,
                    Command::CompleteAction(CompletedAction {
                        number: open,
                        note: None,
                    }),
                );
            }
        }
    }
    s.log
}

fn bench(c: &mut Criterion) {
    let org = org();
    let id = ComplaintId(Uuid::from_u128(7));
    let mut group = c.benchmark_group("replay");
    for (name, log) in [("realistic", realistic(&org)), ("long", long(&org, 200))] {
        group.bench_with_input(BenchmarkId::new(name, log.len()), &log, |b, log| {
            b.iter(|| Complaint::replay(id, black_box(log)).expect("replays"))
        });
        let json: Vec<String> = log
            .iter()
            .map(|r| serde_json::to_string(r).expect("json"))
            .collect();
        group.bench_with_input(
            BenchmarkId::new(format!("{name}_from_json"), log.len()),
            &json,
            |b, json| {
                b.iter(|| {
                    let log: Vec<Recorded> = json
                        .iter()
                        .map(|j| serde_json::from_str(black_box(j)).expect("parses"))
                        .collect();
                    Complaint::replay(id, &log).expect("replays")
                })
            },
        );
    }
    group.finish();

    let fresh = Stream::registered(&org);
    let at = fresh.now;
    c.bench_function("decide/assign_handler", |b| {
        b.iter(|| {
            let cmd = Command::AssignHandler {
                handler: org.handler.clone(),
            };
            fresh
                .complaint
                .decide(black_box(cmd), black_box(&org.manager), at)
                .expect("accepted")
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
