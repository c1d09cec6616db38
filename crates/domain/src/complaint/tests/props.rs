//! Properties over random command sequences.

use proptest::prelude::*;

use super::*;
use crate::permissions;
use crate::terms::Step;

#[derive(Debug, Clone)]
enum Op {
    Route(usize),
    Assign(usize),
    Assist(usize),
    Contact(i64, bool, String),
    Merit(usize, String),
    Offer(usize, Option<u64>, i64, String),
    Response(Option<bool>, Option<u8>, Option<String>),
    Agree(String, Option<i64>),
    Complete(u32),
    SendForm,
    Waive(usize, String),
    Escalate(usize, i64, String),
    Outcome(bool, i64, String),
    Close,
    Exact(String),
    Correct(u64, String, i64, String),
    Convert(String),
    Classify(Option<usize>, Option<String>),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => Just("   ".to_owned()),
        6 => "[a-z]{1,12}( [a-z]{1,8}){0,3}",
        2 => "\\PC{0,16}",
    ]
}

/// Days after receipt; mostly plausible, sometimes far off.
fn day() -> impl Strategy<Value = i64> {
    prop_oneof![8 => -2i64..25, 1 => -100_000i64..100_000]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0usize..9).prop_map(Op::Route),
        3 => (0usize..9).prop_map(Op::Assign),
        1 => (0usize..9).prop_map(Op::Assist),
        3 => (day(), any::<bool>(), text()).prop_map(|(d, m, t)| Op::Contact(d, m, t)),
        3 => (0usize..3, text()).prop_map(|(m, t)| Op::Merit(m, t)),
        3 => (0usize..4, proptest::option::of(0u64..100_000), day(), text())
            .prop_map(|(k, v, d, t)| Op::Offer(k, v, d, t)),
        1 => (proptest::option::of(any::<bool>()), proptest::option::of(0u8..8), proptest::option::of(text()))
            .prop_map(|(a, s, c)| Op::Response(a, s, c)),
        2 => (text(), proptest::option::of(day())).prop_map(|(t, d)| Op::Agree(t, d)),
        2 => (0u32..5).prop_map(Op::Complete),
        3 => Just(Op::SendForm),
        1 => (0usize..3, text()).prop_map(|(s, r)| Op::Waive(s, r)),
        1 => (0usize..4, day(), text()).prop_map(|(p, d, t)| Op::Escalate(p, d, t)),
        3 => (any::<bool>(), day(), text()).prop_map(|(r, d, t)| Op::Outcome(r, d, t)),
        3 => Just(Op::Close),
        1 => text().prop_map(Op::Exact),
        3 => (0u64..40, text(), day(), text()).prop_map(|(s, t, d, r)| Op::Correct(s, t, d, r)),
        1 => text().prop_map(Op::Convert),
        2 => (proptest::option::of(0usize..3), proptest::option::of(text()))
            .prop_map(|(c, o)| Op::Classify(c, o)),
    ]
}

fn people(org: &Org) -> [User; 9] {
    [
        org.director.clone(),
        org.quality.clone(),
        org.admin.clone(),
        org.manager.clone(),
        org.other_manager.clone(),
        org.employee.clone(),
        org.colleague.clone(),
        org.involved.clone(),
        org.outsider.clone(),
    ]
}

/// Mostly someone who may act, so that runs get far: 0..9 is anyone,
/// 9..14 the current handler, 14..18 the quality manager.
fn actor<'a>(who: usize, users: &'a [User; 9], c: &Complaint) -> &'a User {
    let quality = &users[1];
    match who {
        0..9 => &users[who],
        9..14 => c
            .handler()
            .and_then(|h| users.iter().find(|u| u.id == h))
            .unwrap_or(quality),
        _ => quality,
    }
}

fn on(days: i64) -> Date {
    date(2026, 4, 24)
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(Date::MAX)
}

/// The same kind of event with its text and date changed: a plausible
/// (or implausible) correction of whatever sits at that seq.
fn tweak(event: &Event, t: &str, d: i64) -> Event {
    let mut e = event.clone();
    match &mut e {
        Event::Registered(r) => r.description = t.to_owned(),
        Event::ContactRecorded(c) => {
            c.summary = t.to_owned();
            c.date = on(d);
        }
        Event::MeritDecided(m) => m.reasoning = t.to_owned(),
        Event::OfferMade(o) => {
            o.description = t.to_owned();
            o.made_on = on(d);
        }
        Event::ResponseRecorded(r) => r.comment = Some(t.to_owned()),
        Event::ActionAgreed(a) => a.description = t.to_owned(),
        Event::ActionCompleted(a) => a.note = Some(t.to_owned()),
        Event::Escalated(x) => x.on = on(d),
        Event::EscalationOutcome(o) => o.outcome = t.to_owned(),
        Event::Closed(c) => c.note = Some(t.to_owned()),
        Event::RegisteredInExact(x) => x.exact_id = t.to_owned(),
        Event::StepWaived(w) => w.reason = t.to_owned(),
        Event::ConvertedToComplaint(c) => c.reason = t.to_owned(),
        Event::Classified(c) => c.cause = Some(t.to_owned()),
        Event::SatisfactionReported(r) => r.comment = Some(t.to_owned()),
        Event::DirectorConsulted(x) => x.question = t.to_owned(),
        Event::DirectorAdvised(x) => x.advice = t.to_owned(),
        Event::Linked(l) => l.note = Some(t.to_owned()),
        Event::Reopened(x) => x.reason = t.to_owned(),
        Event::ComplainantMailed(m) => m.text = t.to_owned(),
        Event::FilesAdded(f) => {
            if let Some(x) = f.files.first_mut() {
                x.name = t.to_owned();
            }
        }
        Event::Corrected { reason, .. } => *reason = t.to_owned(),
        Event::ReportedToManager { .. }
        | Event::HandlerAssigned { .. }
        | Event::AssistantAdded { .. }
        | Event::FormSentToQualityManager
        | Event::Unlinked(_)
        | Event::ActionOwnerChanged(_) => {}
    }
    e
}

fn command(op: Op, users: &[User; 9], log: &[Recorded]) -> Command {
    match op {
        Op::Route(u) => Command::RouteToManager {
            manager: users[u].clone(),
        },
        Op::Assign(u) => assign(&users[u]),
        Op::Assist(u) => Command::AddAssistant {
            assistant: users[u].clone(),
        },
        Op::Contact(d, face, summary) => Command::RecordContact(Contact {
            date: on(d),
            mode: if face {
                ContactMode::FaceToFace
            } else {
                ContactMode::Telephone
            },
            summary,
        }),
        Op::Merit(m, reasoning) => Command::DecideMerit(MeritDecision {
            merit: Merit::ALL[m],
            reasoning,
        }),
        Op::Offer(k, value_cents, d, description) => Command::MakeOffer(Offer {
            kind: OfferKind::ALL[k],
            description,
            value_cents,
            director_consulted: k == 0,
            made_on: on(d),
            letter_text: None,
        }),
        Op::Response(accepted, score, comment) => Command::RecordResponse(ComplainantResponse {
            accepted,
            satisfaction: score.and_then(|s| Satisfaction::new(s).ok()),
            comment,
        }),
        Op::Agree(description, due) => Command::AgreeAction {
            description,
            due: due.map(on),
            owner: None,
        },
        Op::Complete(number) => complete(number),
        Op::SendForm => Command::SendForm,
        Op::Waive(s, reason) => waive(WaivableStep::ALL[s], &reason),
        Op::Escalate(p, d, name) => Command::Escalate(Escalation {
            party: match p {
                0 => EscalationParty::Mediator,
                1 => EscalationParty::ComplaintsCommittee,
                2 => EscalationParty::DisputesBody,
                _ => EscalationParty::Other(name),
            },
            on: on(d),
            note: None,
        }),
        Op::Outcome(resolved, d, outcome) => Command::RecordEscalationOutcome(EscalationOutcome {
            outcome,
            on: on(d),
            resolved,
        }),
        Op::Close => close(),
        Op::Exact(exact_id) => Command::RegisterInExact(ExactRegistration {
            exact_id,
            round: None,
        }),
        Op::Correct(pick, t, d, reason) => {
            let i = usize::try_from(pick).unwrap_or(0) % log.len();
            Command::Correct {
                of: if pick >= 35 { pick } else { log[i].seq },
                replacement: tweak(&log[i].event, &t, d),
                reason,
            }
        }
        Op::Convert(reason) => Command::ConvertToComplaint(Conversion { reason }),
        Op::Classify(category, cause) => Command::Classify(Classification {
            category: category.map(|i| ["Planning", "Bejegening", "Bereikbaarheid"][i].to_owned()),
            cause,
        }),
    }
}

fn start(kind: u8, org: &Org) -> (Vec<Recorded>, Timestamp) {
    let at = received().timestamp() + SignedDuration::from_mins(5);
    let new = new_complaint(
        if kind == 0 {
            Kind::Signal
        } else {
            Kind::Complaint
        },
        &org.involved,
    );
    let (events, actor) = if kind == 2 {
        (register_public(new, reference(), at), Actor::Complainant)
    } else {
        (
            register(new, reference(), &org.employee, at),
            Actor::User(org.employee.id),
        )
    };
    (
        Recorded::stamp(0, actor, at, events.expect("valid intake")),
        at,
    )
}

fn id() -> ComplaintId {
    ComplaintId(uuid::Uuid::from_u128(5))
}

use crate::reminders::actions::OpenAction;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_commands_fold_like_a_replay_and_keep_the_invariants(
        kind in 0u8..3,
        steps in proptest::collection::vec((0usize..18, op(), 1i64..3_000), 1..60),
    ) {
        let org = org();
        let users = people(&org);
        let (mut log, mut now) = start(kind, &org);
        let mut c = Complaint::replay(id(), &log).expect("replays");
        for (who, op, minutes) in steps {
            now += SignedDuration::from_mins(minutes);
            let actor = actor(who, &users, &c);
            let cmd = command(op, &users, &log);
            let action = cmd.action();
            // Never panics, whatever the input.
            let Ok(events) = c.decide(cmd, actor, now) else { continue };
            prop_assert!(!events.is_empty());
            prop_assert!(permissions::may(actor, &c, action), "{action:?} by {}", actor.name);
            prop_assert!(c.is_possible(action), "{action:?} accepted but not possible");
            prop_assert!(permissions::allowed_actions(actor, &c).contains(&action));
            for rec in Recorded::stamp(c.version(), Actor::User(actor.id), now, events) {
                c.apply(&rec).expect("decided events apply");
                log.push(rec);
            }
        }

        prop_assert_eq!(c.version(), log.len() as u64);
        prop_assert!(log.iter().zip(1u64..).all(|(r, n)| r.seq == n));
        prop_assert_eq!(&Complaint::replay(id(), &log).expect("replays"), &c);

        let json = serde_json::to_string(&log).expect("serialises");
        let back: Vec<Recorded> = serde_json::from_str(&json).expect("deserialises");
        prop_assert_eq!(&back, &log);
        prop_assert_eq!(&Complaint::replay(id(), &back).expect("replays"), &c);

        if let Some(h) = c.handler() {
            prop_assert!(!c.is_involved(h));
        }
        prop_assert!(c.assistants().iter().all(|a| !c.is_involved(*a)));
        if c.is_closed() {
            prop_assert!([Step::Contact, Step::Offer, Step::Record].iter().all(|s| c.step_settled(*s)));
            prop_assert!(c.actions().iter().all(|a| a.completed.is_some()));
            prop_assert!(c.pending_escalation().is_none());
        }
        if c.offer().is_some() {
            prop_assert!(c.merit().is_some());
        }
        // The latest classification is what the complaint says.
        if let Some(x) = log.iter().rev().find_map(|r| match &r.event {
            Event::Classified(x) => Some(x),
            _ => None,
        }) {
            prop_assert_eq!(c.category(), x.category.as_deref());
            prop_assert_eq!(c.cause(), x.cause.as_deref());
        }
        for step in WaivableStep::ALL {
            prop_assert!(!(c.waiver(*step).is_some() && c.step_done_at((*step).into()).is_some()));
        }
        // The follow-up and the work queue read only the action events of
        // an open complaint: they must leave what the replay leaves open.
        if c.is_open() {
            let from_events = OpenAction::from_action_events(
                c.id(),
                c.reference(),
                c.handler(),
                c.responsible_manager(),
                &log,
            );
            prop_assert_eq!(from_events, OpenAction::of(&c));
        }
    }

    #[test]
    fn every_prefix_of_a_stream_replays_to_its_length(
        steps in proptest::collection::vec((0usize..18, op()), 1..40),
    ) {
        let org = org();
        let users = people(&org);
        let (mut log, mut now) = start(1, &org);
        let mut c = Complaint::replay(id(), &log).expect("replays");
        for (who, op) in steps {
            now += SignedDuration::from_hours(20);
            let cmd = command(op, &users, &log);
            let actor = actor(who, &users, &c);
            if let Ok(events) = c.decide(cmd, actor, now) {
                for rec in Recorded::stamp(c.version(), Actor::User(actor.id), now, events) {
                    c.apply(&rec).expect("applies");
                    log.push(rec);
                }
            }
        }
        for n in 1..=log.len() {
            let prefix = Complaint::replay(id(), &log[..n]).expect("prefix replays");
            prop_assert_eq!(prefix.version(), n as u64);
        }
    }

    #[test]
    fn closed_complaints_take_only_exact_and_quality_manager_corrections(
        waived in proptest::array::uniform3(any::<bool>()),
        steps in proptest::collection::vec((0usize..18, op()), 1..40),
    ) {
        let org = org();
        let users = people(&org);
        let mut run = handled(&org);
        let h = org.colleague.clone();
        let reason = "Klager onbereikbaar na drie pogingen.";
        if waived[0] {
            run.ok(&h, waive(WaivableStep::Contact, reason));
        } else {
            run.ok(&h, contact());
        }
        if waived[1] {
            run.ok(&h, waive(WaivableStep::Offer, reason));
        } else {
            run.ok(&h, merit());
            run.ok(&h, offer());
        }
        if waived[2] {
            run.ok(&h, waive(WaivableStep::Record, reason));
        } else {
            run.ok(&h, Command::SendForm);
        }
        run.ok(&org.quality, close());
        for (who, op) in steps {
            let cmd = command(op, &users, &run.log);
            let actor = actor(who, &users, &run.c).clone();
            let before = run.c.version();
            if let Ok(events) = run.exec(&actor, cmd) {
                prop_assert_eq!(actor.role, Role::QualityManager);
                prop_assert!(events.iter().all(|e| matches!(
                    e,
                    Event::RegisteredInExact(_) | Event::Corrected { .. } | Event::Classified(_)
                )), "{:?}", events);
            } else {
                prop_assert_eq!(run.c.version(), before);
            }
            prop_assert!(run.c.is_closed());
        }
    }
}
