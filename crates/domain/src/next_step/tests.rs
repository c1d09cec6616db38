//! Every role in every state: who has a next step, and which.

use super::*;
use crate::complaint::tests::{
    Org, Run, agree, assign, close, contact, escalate, handled, merit, offer, org, outcome,
    ready_to_close, received, reference, response,
};
use crate::complaint::{Actor, Channel, Command, Kind, register_public};
use crate::permissions::allowed_actions;

fn everyone(org: &Org) -> [(&'static str, &User); 9] {
    [
        ("director", &org.director),
        ("quality", &org.quality),
        ("admin", &org.admin),
        ("manager", &org.manager),
        ("other_manager", &org.other_manager),
        ("employee", &org.employee),
        ("colleague", &org.colleague),
        ("involved", &org.involved),
        ("outsider", &org.outsider),
    ]
}

fn act(a: Action, term: Option<Step>) -> Option<NextStep> {
    Some(NextStep {
        next: Next::Act(a),
        term,
    })
}

/// Asserts the next step of every user: those named get theirs, all
/// others none; and each next step is one the user can take.
#[track_caller]
fn expect(org: &Org, c: &Complaint, named: &[(&str, Option<NextStep>)]) {
    for (name, user) in everyone(org) {
        let want = named.iter().find(|(n, _)| *n == name).and_then(|(_, s)| *s);
        let got = next_step(user, c);
        assert_eq!(got, want, "{name} in state {:?}", c.status());
        match got.map(|s| s.next) {
            Some(Next::Act(a)) => assert!(
                allowed_actions(user, c).contains(&a),
                "{name}: {a:?} must be allowed"
            ),
            Some(Next::CompleteAction(n)) => {
                assert!(permissions::may_complete_action(user, c, n), "{name}")
            }
            None => {}
        }
    }
}

#[test]
fn a_public_submission_waits_for_routing_by_who_oversees() {
    let org = org();
    let at = received().timestamp();
    let mut new = crate::complaint::tests::new_complaint(Kind::Complaint, &org.involved);
    new.channel = Channel::Web;
    new.involved_employees.clear();
    let events = register_public(new, reference(), at).expect("registers");
    let run = Run::from_events(events, Actor::Complainant, at);
    let route = act(Action::RouteToManager, Some(Step::Report));
    expect(&org, &run.c, &[("director", route), ("quality", route)]);
}

#[test]
fn a_new_complaint_waits_for_its_manager_to_assign_a_handler() {
    let org = org();
    let run = Run::registered(&org, Kind::Complaint);
    expect(
        &org,
        &run.c,
        &[("manager", act(Action::AssignHandler, Some(Step::Contact)))],
    );
}

#[test]
fn the_handler_goes_through_the_steps_in_the_regulations_order() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    let contact_next = act(Action::RecordContact, Some(Step::Contact));
    expect(&org, &run.c, &[("colleague", contact_next)]);
    run.ok(h, contact());
    expect(
        &org,
        &run.c,
        &[("colleague", act(Action::DecideMerit, Some(Step::Offer)))],
    );
    run.ok(h, merit());
    expect(
        &org,
        &run.c,
        &[("colleague", act(Action::MakeOffer, Some(Step::Offer)))],
    );
    run.ok(h, offer());
    expect(
        &org,
        &run.c,
        &[("colleague", act(Action::RecordResponse, Some(Step::Record)))],
    );
    run.ok(h, response());
    expect(
        &org,
        &run.c,
        &[("colleague", act(Action::SendForm, Some(Step::Record)))],
    );
    run.ok(h, Command::SendForm);
    expect(&org, &run.c, &[("quality", act(Action::Close, None))]);
    run.ok(&org.quality, close());
    // A closed complaint has no next step for anyone; Exact and reopening
    // stay possible under "Meer acties".
    expect(&org, &run.c, &[]);
}

#[test]
fn an_assistant_is_offered_the_handlers_steps() {
    let org = org();
    let mut run = handled(&org);
    run.ok(
        &org.manager,
        Command::AddAssistant {
            assistant: org.director.clone(),
        },
    );
    let contact_next = act(Action::RecordContact, Some(Step::Contact));
    expect(
        &org,
        &run.c,
        &[("colleague", contact_next), ("director", contact_next)],
    );
}

#[test]
fn a_manager_who_handles_herself_gets_the_steps() {
    let org = org();
    let mut run = Run::registered(&org, Kind::Complaint);
    run.ok(&org.manager, assign(&org.manager));
    expect(
        &org,
        &run.c,
        &[("manager", act(Action::RecordContact, Some(Step::Contact)))],
    );
}

#[test]
fn agreed_actions_come_before_the_form_and_their_owner_completes_hers() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    run.ok(h, contact());
    run.ok(h, merit());
    run.ok(h, offer());
    run.ok(h, response());
    run.ok(
        h,
        Command::AgreeAction {
            description: "Rooster aanpassen".into(),
            due: None,
            owner: Some(org.outsider.id),
        },
    );
    run.ok(h, agree("Excuusbrief"));
    let first = Some(NextStep {
        next: Next::CompleteAction(1),
        term: Some(Step::Record),
    });
    let hers = Some(NextStep {
        next: Next::CompleteAction(1),
        term: None,
    });
    expect(&org, &run.c, &[("colleague", first), ("outsider", hers)]);
    run.ok(&org.outsider, crate::complaint::tests::complete(1));
    let second = Some(NextStep {
        next: Next::CompleteAction(2),
        term: Some(Step::Record),
    });
    expect(&org, &run.c, &[("colleague", second)]);
    run.ok(h, crate::complaint::tests::complete(2));
    expect(
        &org,
        &run.c,
        &[("colleague", act(Action::SendForm, Some(Step::Record)))],
    );
}

#[test]
fn an_escalation_under_way_waits_for_its_outcome() {
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.colleague, escalate());
    expect(
        &org,
        &run.c,
        &[("colleague", act(Action::RecordEscalationOutcome, None))],
    );
    run.ok(&org.colleague, outcome(true));
    expect(&org, &run.c, &[("quality", act(Action::Close, None))]);
}

#[test]
fn the_director_asked_gives_her_advice_first() {
    let org = org();
    let mut run = handled(&org);
    run.ok(&org.colleague, contact());
    run.ok(&org.colleague, merit());
    run.ok(
        &org.colleague,
        Command::ConsultDirector {
            director: org.director.clone(),
            question: "Mogen wij € 150 aanbieden?".into(),
        },
    );
    // The question does not block the offer: the handler may go on.
    expect(
        &org,
        &run.c,
        &[
            ("director", act(Action::GiveAdvice, Some(Step::Offer))),
            ("colleague", act(Action::MakeOffer, Some(Step::Offer))),
        ],
    );
}

#[test]
fn a_waived_step_is_skipped() {
    let org = org();
    let mut run = handled(&org);
    run.ok(
        &org.colleague,
        crate::complaint::tests::waive(
            crate::complaint::WaivableStep::Contact,
            "Klager na drie pogingen niet bereikbaar.",
        ),
    );
    expect(
        &org,
        &run.c,
        &[("colleague", act(Action::DecideMerit, Some(Step::Offer)))],
    );
}

#[test]
fn a_signal_has_no_next_step() {
    let org = org();
    let run = Run::registered(&org, Kind::Signal);
    expect(&org, &run.c, &[]);
}
