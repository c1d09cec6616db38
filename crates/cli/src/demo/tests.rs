//! The demo on every day of 2026, 2027 and 2028 and on the awkward
//! instants of `klacht_clock`: whatever day `klacht demo` runs, its 40
//! histories pass the domain, lie in the six months before "now" and
//! together show every state, some overdue (README). Pure: the people are
//! in-memory users and nothing touches a store or the real clock.

use std::collections::BTreeSet;

use jiff::civil::{Date, date};
use jiff::{Timestamp, ToSpan};
use klacht_app::complaints::new_stream;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Complaint, Status};
use klacht_domain::terms::{Step, TermStatus, term_status};
use klacht_domain::{ComplaintId, Email, ReferenceNumber, User, UserId};

use super::{COMPLAINTS, DEMO_ID_BASE, PEOPLE, Scenario};

/// The demo's people as `ensure_people` would create them, with fixed ids.
fn people() -> Vec<User> {
    let mut people: Vec<User> = Vec::new();
    for (k, (email, name, role, manager)) in PEOPLE.into_iter().enumerate() {
        let manager = manager
            .and_then(|m| people.iter().find(|p| p.email.as_str() == m))
            .map(|p| p.id);
        people.push(User {
            id: UserId::new(uuid::Uuid::from_u128(
                0x6b6c_6163_6874_5000_8000_0000_0000_0000 + k as u128,
            )),
            email: Email::parse(email).expect("demo e-mail"),
            name: name.into(),
            role,
            manager,
        });
    }
    people
}

/// 10:00 in the calendar's zone on `day`: a working-hours instant.
fn ten_o_clock(day: Date, calendar: &WorkingCalendar) -> Timestamp {
    day.at(10, 0, 0, 0)
        .to_zoned(calendar.time_zone().clone())
        .expect("10:00 exists every day")
        .timestamp()
}

fn days_of(year: i16) -> impl Iterator<Item = Date> {
    date(year, 1, 1)
        .series(1.day())
        .take_while(move |d| d.year() == year)
}

/// What is wrong with the receipts of the 40 scenarios on `now` (cheap:
/// no history is played).
fn receipt_problems(now: Timestamp, people: &[User], calendar: &WorkingCalendar) -> Vec<String> {
    let today = calendar.local_date(now);
    // The README's "the last six months"; the code stops looking for a
    // working day 200 days back.
    let six_months_ago = today.saturating_sub(6.months());
    let mut problems = Vec::new();
    let mut oldest = now;
    for i in 0..COMPLAINTS {
        let s = Scenario::new(i, people, calendar, now);
        let received = s.received.timestamp();
        oldest = oldest.min(received);
        let on = s.received.date();
        if received > now {
            problems.push(format!("{i}: received {} after now", s.received));
        }
        if on < six_months_ago {
            problems.push(format!(
                "{i}: received {on}, more than six months before {today}"
            ));
        }
        if s.received.time_zone() != calendar.time_zone() {
            problems.push(format!("{i}: received in another zone"));
        }
        // Received on a working day, unless moved to just before now.
        let moved_to_now = received == now - 20.minutes();
        if !calendar.is_working_day(on) && !moved_to_now {
            problems.push(format!("{i}: received on {on}, not a working day"));
        }
    }
    // About six months back, as the demo test against a real store wants.
    let span = now.duration_since(oldest).as_secs() / 86_400;
    if !(150..190).contains(&span) {
        problems.push(format!("oldest receipt {span} days before now"));
    }
    problems
}

/// Plays all 40 histories on `now`; what is wrong with them or with the
/// demo as a whole.
fn play_problems(now: Timestamp, people: &[User], calendar: &WorkingCalendar) -> Vec<String> {
    let today = calendar.local_date(now);
    let mut problems = Vec::new();
    let mut statuses = BTreeSet::new();
    let mut overdue = 0;
    let mut steps = BTreeSet::new();
    let mut offer_made = false;
    for i in 0..COMPLAINTS {
        let id = ComplaintId::new(uuid::Uuid::from_u128(DEMO_ID_BASE + i as u128));
        let s = Scenario::new(i, people, calendar, now);
        let received = s.received.timestamp();
        let reference =
            ReferenceNumber::new(s.received.year(), i as u32 + 1).expect("reference number");
        let history = match s.play(id, reference, now) {
            Ok(history) => history,
            Err(e) => {
                problems.push(format!("{i}: the domain refused the demo: {e:#}"));
                continue;
            }
        };
        if history.first().map(|r| r.at) != Some(received) {
            problems.push(format!("{i}: the history does not start at receipt"));
        }
        for r in &history {
            if r.at < received || r.at > now {
                problems.push(format!(
                    "{i}: event {} ({}) at {} outside [{received}, {now}]",
                    r.seq,
                    r.event.kind(),
                    r.at
                ));
            }
        }
        let c = match Complaint::replay(id, &history) {
            Ok(c) => c,
            Err(e) => {
                problems.push(format!("{i}: the history does not replay: {e}"));
                continue;
            }
        };
        // What `load` stores, and the list row the web shows.
        let row = match new_stream(id, &history, calendar) {
            Ok(stream) => stream.row,
            Err(e) => {
                problems.push(format!("{i}: no stream: {e}"));
                continue;
            }
        };
        if row.status != c.status().as_str() || row.reference != reference {
            problems.push(format!("{i}: the list row disagrees with the history"));
        }
        statuses.insert(c.status());
        steps.extend(c.next_open_step());
        offer_made |= c.offer().is_some() && c.form_sent().is_none() && !c.is_closed();
        // "te laat" exactly as the list of complaints computes it.
        if row
            .next_due
            .is_some_and(|due| term_status(due, today, None) == TermStatus::Overdue)
        {
            overdue += 1;
        }
    }
    for s in Status::ALL {
        if !statuses.contains(s) {
            problems.push(format!("no demo complaint is {}", s.as_str()));
        }
    }
    // Open complaints wait at each step after the report (step 1 is done
    // at registration), one of them with its offer made.
    for step in [Step::Contact, Step::Offer, Step::Record] {
        if !steps.contains(&step) {
            problems.push(format!("no open complaint waits for {}", step.as_str()));
        }
    }
    if !offer_made {
        problems.push("no complaint has its offer made and its form still to send".into());
    }
    if overdue < 2 {
        problems.push(format!("{overdue} overdue, want at least 2"));
    }
    problems
}

/// Runs `check` on each instant and fails with every problem found.
fn sweep(
    instants: impl IntoIterator<Item = Timestamp>,
    check: fn(Timestamp, &[User], &WorkingCalendar) -> Vec<String>,
) {
    let calendar = WorkingCalendar::netherlands_default();
    let people = people();
    let mut failures = Vec::new();
    let mut checked = 0;
    for now in instants {
        checked += 1;
        for p in check(now, &people, &calendar) {
            let local = now.to_zoned(calendar.time_zone().clone());
            failures.push(format!("{} ({:?}): {p}", local, local.weekday()));
        }
    }
    assert!(checked > 0, "nothing checked");
    assert!(
        failures.is_empty(),
        "{} problems, the first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn every_day_of(year: i16) -> impl Iterator<Item = Timestamp> {
    let calendar = WorkingCalendar::netherlands_default();
    days_of(year).map(move |d| ten_o_clock(d, &calendar))
}

fn awkward() -> impl Iterator<Item = Timestamp> {
    klacht_clock::awkward_instants().map(|(at, _)| at)
}

#[test]
fn receipts_lie_in_the_last_six_months_every_day() {
    sweep(
        every_day_of(2026)
            .chain(every_day_of(2027))
            .chain(every_day_of(2028))
            .chain(awkward()),
        receipt_problems,
    );
}

// Every day gets the full play (40 histories, replay, list row): the three
// years take about 5 s in the debug profile, one test per year so they run
// side by side. No sampling needed.
#[test]
fn the_demo_plays_on_every_day_of_2026() {
    sweep(every_day_of(2026), play_problems);
}

#[test]
fn the_demo_plays_on_every_day_of_2027() {
    sweep(every_day_of(2027), play_problems);
}

#[test]
fn the_demo_plays_on_every_day_of_2028() {
    sweep(every_day_of(2028), play_problems);
}

#[test]
fn the_demo_plays_on_awkward_instants() {
    assert_eq!(awkward().count(), klacht_clock::AWKWARD_INSTANTS.len());
    sweep(awkward(), play_problems);
}

#[test]
fn the_people_are_wired_as_ensure_people_wires_them() {
    let people = people();
    assert_eq!(people.len(), PEOPLE.len());
    let ids: BTreeSet<UserId> = people.iter().map(|p| p.id).collect();
    assert_eq!(ids.len(), people.len());
    for ((_, _, _, manager), p) in PEOPLE.iter().zip(&people) {
        let wired = p
            .manager
            .and_then(|m| people.iter().find(|q| q.id == m))
            .map(|q| q.email.as_str());
        assert_eq!(wired, *manager, "{}", p.email.as_str());
    }
}
