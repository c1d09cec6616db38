//! The regulation's workflow and the invariants `decide` enforces.

use super::*;
use crate::permissions::Action;
use crate::refusal::Arg;
use crate::terms::Step;

fn wrong_state(e: &ComplaintError) -> bool {
    matches!(e, ComplaintError::WrongState(_))
}

fn invalid(e: &ComplaintError) -> bool {
    matches!(e, ComplaintError::Invalid { .. })
}

#[test]
fn full_walk_from_registration_to_closing_and_exact() {
    let org = org();
    let mut run = Run::registered(&org, Kind::Complaint);
    let (m, h, q) = (&org.manager, &org.colleague, &org.quality);

    run.ok(m, assign(h));
    assert_eq!(run.c.status(), Status::InProgress);
    run.ok(
        m,
        Command::AddAssistant {
            assistant: q.clone(),
        },
    );
    assert_eq!(run.c.assistants(), &[q.id]);

    run.ok(h, contact());
    assert_eq!(run.c.step_done_on(Step::Contact), Some(date(2026, 4, 27)));
    assert_eq!(run.c.next_open_step(), Some(Step::Offer));
    run.ok(h, merit());
    assert_eq!(
        run.c.next_open_step(),
        Some(Step::Offer),
        "merit alone is half of step 3"
    );
    run.ok(h, offer());
    run.ok(h, response());
    run.ok(h, agree("Planning controleert wekelijks de afspraken."));
    run.ok(h, agree("Terugbellen na twee weken."));
    assert_eq!(run.c.next_open_step(), Some(Step::Record));
    run.ok(h, Command::SendForm);
    assert_eq!(run.c.status(), Status::Recorded);
    assert_eq!(run.c.next_open_step(), None);

    run.ok(&org.director, escalate());
    assert_eq!(run.c.status(), Status::Escalated);
    run.ok(h, outcome(true));
    assert_eq!(run.c.status(), Status::Recorded);

    run.ok(h, complete(1));
    let err = run.refused(q, close());
    assert_eq!(err.code(), Code::CannotCloseYet, "{err}");
    assert!(
        err.to_string()
            .contains("refusal-blocker-action (number: 2)"),
        "{err}"
    );
    run.ok(q, complete(2));
    run.ok(q, close());
    assert_eq!(run.c.status(), Status::Closed);
    assert!(!run.c.is_open());

    let exact = Command::RegisterInExact(ExactRegistration {
        exact_id: " REQ-2026-118 ".into(),
        round: None,
    });
    let events = run
        .c
        .decide_system(exact.clone(), run.now)
        .expect("system may");
    assert_eq!(
        events,
        vec![Event::RegisteredInExact(ExactRegistration {
            exact_id: "REQ-2026-118".into(),
            round: None,
        })]
    );
    run.ok(q, exact.clone());
    assert!(wrong_state(&run.refused(q, exact)));
    assert_eq!(
        run.c
            .exact_registration()
            .map(|e| e.value.exact_id.as_str()),
        Some("REQ-2026-118")
    );
    assert_eq!(run.c.version(), run.log.len() as u64);

    // Nothing else happens to a closed complaint.
    for (actor, cmd) in [
        (h, agree("Nog iets")),
        (q, escalate()),
        (m, assign(&org.employee)),
    ] {
        assert!(wrong_state(&run.refused(actor, cmd)));
    }
}

#[test]
fn the_handler_is_never_an_involved_employee() {
    let org = org();
    let mut run = Run::registered(&org, Kind::Complaint);
    let err = run.refused(&org.manager, assign(&org.involved));
    assert_eq!(err, ComplaintError::invalid(Code::HandlerInvolved));
    // Not by the quality manager either.
    assert!(invalid(&run.refused(&org.quality, assign(&org.involved))));
}

#[test]
fn assistants_are_the_quality_manager_or_director_and_never_involved() {
    let org = org();
    let mut run = handled(&org);
    let add = |u: &User| Command::AddAssistant {
        assistant: u.clone(),
    };
    assert!(invalid(&run.refused(&org.manager, add(&org.employee))));
    assert!(invalid(&run.refused(&org.manager, add(&org.other_manager))));
    run.ok(&org.manager, add(&org.director));
    assert!(wrong_state(&run.refused(&org.manager, add(&org.director))));

    // An involved quality manager (a small organisation) may not assist.
    let mut new = new_complaint(Kind::Complaint, &org.quality);
    new.involved_employees = vec![org.quality.id];
    let at = received().timestamp();
    let events = register(new, reference(), &org.employee, at).expect("ok");
    let mut run = Run::from_events(events, Actor::User(org.employee.id), at);
    let err = run.refused(&org.manager, add(&org.quality));
    assert_eq!(err.code(), Code::AssistantInvolved, "{err}");
}

#[test]
fn reassigning_replaces_the_handler_and_an_assistant_can_take_over() {
    let org = org();
    let mut run = handled(&org);
    assert!(wrong_state(
        &run.refused(&org.manager, assign(&org.colleague))
    ));
    run.ok(
        &org.manager,
        Command::AddAssistant {
            assistant: org.quality.clone(),
        },
    );
    // A manager does not hand a complaint to the quality manager, who may
    // take it over.
    assert!(matches!(
        run.refused(&org.manager, assign(&org.quality)),
        ComplaintError::NotAllowed(_)
    ));
    run.ok(&org.quality, assign(&org.quality));
    assert_eq!(run.c.handler(), Some(org.quality.id));
    assert!(run.c.assistants().is_empty());
    let err = run.refused(
        &org.manager,
        Command::AddAssistant {
            assistant: org.quality.clone(),
        },
    );
    assert!(wrong_state(&err));
}

#[test]
fn a_manager_assigns_only_themselves_or_their_own_team() {
    let org = org();
    let mut run = Run::registered(&org, Kind::Complaint);
    let err = run.refused(&org.manager, assign(&org.outsider));
    assert!(matches!(err, ComplaintError::NotAllowed(_)), "{err}");
    assert_eq!(err.code(), Code::ManagerOwnTeam);
    assert!(invalid(&run.refused(&org.manager, assign(&org.admin))));
    run.ok(&org.manager, assign(&org.manager));
    // The quality manager and director may assign across teams.
    run.ok(&org.quality, assign(&org.outsider));
    run.ok(&org.director, assign(&org.colleague));
}

#[test]
fn a_signal_has_no_workflow_until_converted() {
    let org = org();
    let mut run = Run::registered(&org, Kind::Signal);
    for (actor, cmd) in [
        (&org.manager, assign(&org.colleague)),
        (&org.quality, waive(WaivableStep::Contact, "n.v.t.")),
        (&org.quality, close()),
        (&org.quality, escalate()),
    ] {
        let err = run.refused(actor, cmd);
        assert!(
            wrong_state(&err) && err.code() == Code::SignalNoWorkflow,
            "{err}"
        );
    }
    let convert = |reason: &str| {
        Command::ConvertToComplaint(Conversion {
            reason: reason.into(),
        })
    };
    assert!(invalid(&run.refused(&org.employee, convert(" "))));
    assert!(matches!(
        run.refused(&org.colleague, convert("Klager belt terug")),
        ComplaintError::NotAllowed(_)
    ));
    let events = run.ok(
        &org.employee,
        convert("Klager belde opnieuw; toch niet opgelost."),
    );
    assert_eq!(events.len(), 2, "conversion owes step 1: {events:?}");
    assert_eq!(run.c.kind(), Kind::Complaint);
    assert_eq!(
        run.c.registration().value.kind,
        Kind::Signal,
        "history keeps the intake kind"
    );
    assert_eq!(run.c.status(), Status::AwaitingHandler);
    assert!(run.c.step_done_at(Step::Report).is_some());
    assert!(wrong_state(
        &run.refused(&org.employee, convert("nogmaals"))
    ));
    run.ok(&org.manager, assign(&org.colleague));
}

#[test]
fn steps_need_a_handler_first() {
    let org = org();
    let mut run = Run::registered(&org, Kind::Complaint);
    for cmd in [
        contact(),
        merit(),
        offer(),
        response(),
        agree("x"),
        complete(1),
        Command::SendForm,
    ] {
        let err = run.refused(&org.manager, cmd);
        assert_eq!(err, ComplaintError::wrong_state(Code::AssignHandlerFirst));
    }
}

#[test]
fn an_offer_needs_a_merit_decision_and_a_response_needs_an_offer() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    let err = run.refused(h, offer());
    assert_eq!(err.code(), Code::DecideMeritFirst);
    assert!(wrong_state(&run.refused(h, response())));
    run.ok(h, merit());
    run.ok(h, offer());
    run.ok(h, response());
}

#[test]
fn each_step_is_recorded_once() {
    let org = org();
    let mut run = ready_to_close(&org);
    let h = &org.colleague;
    run.ok(h, response());
    for cmd in [contact(), merit(), offer(), response(), Command::SendForm] {
        let err = run.refused(h, cmd);
        assert!(wrong_state(&err), "{err}");
    }
    assert_eq!(run.refused(h, contact()).code(), Code::StepRecorded);
}

#[test]
fn waivers_need_a_reason_and_an_open_step() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    let err = run.refused(h, waive(WaivableStep::Contact, "   "));
    assert_eq!(
        err.refusal(),
        &Code::Required.phrase("what", Code::SubjectWaiverReason)
    );
    run.ok(
        h,
        waive(
            WaivableStep::Contact,
            "Klager na drie pogingen onbereikbaar.",
        ),
    );
    assert_eq!(run.c.next_open_step(), Some(Step::Offer));
    assert!(run.c.step_waived(Step::Contact).is_some());
    assert_eq!(run.c.step_done_at(Step::Contact), None);
    // Recording a waived step, or waiving it twice, is refused.
    assert_eq!(run.refused(h, contact()).code(), Code::StepWaived);
    assert!(wrong_state(
        &run.refused(h, waive(WaivableStep::Contact, "nogmaals"))
    ));
    // A done step cannot be waived; a half-done offer can.
    run.ok(h, merit());
    run.ok(h, waive(WaivableStep::Offer, "Klager trekt de klacht in."));
    assert!(wrong_state(&run.refused(h, offer())));
    run.ok(h, Command::SendForm);
    let err = run.refused(h, waive(WaivableStep::Record, "te laat"));
    assert_eq!(err.code(), Code::AllStepsSettled, "{err}");
    assert!(wrong_state(
        &run.refused(h, waive(WaivableStep::Offer, "x"))
    ));
    assert!(!run.c.is_possible(Action::WaiveStep));
    run.ok(&org.quality, close());
}

#[test]
fn a_merit_decision_is_refused_once_the_offer_step_is_waived() {
    let org = org();
    let mut run = handled(&org);
    run.ok(
        &org.colleague,
        waive(WaivableStep::Offer, "Klager trekt de klacht in."),
    );
    assert!(wrong_state(&run.refused(&org.colleague, merit())));
}

#[test]
fn closing_names_every_missing_step_and_is_for_the_quality_manager() {
    let org = org();
    let mut run = handled(&org);
    let err = run.refused(&org.quality, close());
    assert_eq!(
        err.refusal(),
        &Code::CannotCloseYet.text("reference", "K-2026-0042").with(
            "missing",
            Arg::List(vec![
                Arg::label(Step::Contact),
                Arg::Phrase(Box::new(
                    Code::BlockerOfferNoMerit.label("step", Step::Offer)
                )),
                Arg::label(Step::Record),
            ])
        )
    );
    let mut run = ready_to_close(&org);
    for who in [
        &org.director,
        &org.manager,
        &org.colleague,
        &org.employee,
        &org.admin,
    ] {
        let err = run.refused(who, close());
        assert!(
            matches!(err, ComplaintError::NotAllowed(_)),
            "{}: {err}",
            who.name
        );
    }
    run.ok(&org.quality, close());
    assert!(wrong_state(&run.refused(&org.quality, close())));
}

#[test]
fn the_form_goes_to_the_quality_manager_only_after_contact_and_offer() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    let err = run.refused(h, Command::SendForm);
    assert_eq!(
        err.refusal(),
        &Code::FormNeedsStep.label("step", Step::Contact),
        "{err}"
    );
    run.ok(h, contact());
    assert_eq!(
        run.refused(h, Command::SendForm).refusal(),
        &Code::FormNeedsStep.label("step", Step::Offer)
    );
    run.ok(h, merit());
    run.ok(h, offer());
    run.ok(h, Command::SendForm);
}

#[test]
fn escalation_outcome_needs_an_escalation_and_one_runs_at_a_time() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    assert!(wrong_state(&run.refused(h, outcome(false))));
    run.ok(h, escalate());
    assert!(wrong_state(&run.refused(h, escalate())));
    assert!(
        run.c
            .closing_blockers()
            .contains(&crate::refusal::Arg::Phrase(Box::new(
                crate::refusal::Code::BlockerEscalation.into()
            )))
    );
    let early = Command::RecordEscalationOutcome(EscalationOutcome {
        outcome: "Afgewezen".into(),
        on: date(2026, 4, 30),
        resolved: false,
    });
    assert!(invalid(&run.refused(h, early)));
    run.ok(h, outcome(false));
    assert_eq!(run.c.status(), Status::InProgress);
    // Unresolved: a second party may be engaged.
    run.ok(
        &org.director,
        Command::Escalate(Escalation {
            party: EscalationParty::DisputesBody,
            on: date(2026, 5, 3),
            note: None,
        }),
    );
    assert_eq!(run.c.escalations().len(), 2);
    assert!(run.c.pending_escalation().is_some());
}

#[test]
fn another_escalation_party_needs_a_name() {
    let org = org();
    let mut run = handled(&org);
    let named = |name: &str| {
        Command::Escalate(Escalation {
            party: EscalationParty::Other(name.into()),
            on: date(2026, 5, 3),
            note: Some("  ".into()),
        })
    };
    assert!(invalid(&run.refused(&org.director, named(" "))));
    run.ok(&org.director, named(" Ombudsman "));
    let e = &run.c.escalation().expect("escalated").escalation.value;
    assert_eq!(e.party, EscalationParty::Other("Ombudsman".into()));
    assert_eq!(e.note, None);
}

#[test]
fn completing_unknown_or_completed_actions_is_refused() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    assert!(invalid(&run.refused(h, complete(1))));
    run.ok(h, agree("Excuusbrief sturen"));
    run.ok(h, agree("Rooster aanpassen"));
    assert_eq!(
        run.c
            .actions()
            .iter()
            .map(|a| a.agreed.value.number)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    run.ok(h, complete(2));
    assert!(wrong_state(&run.refused(h, complete(2))));
    assert!(invalid(&run.refused(h, complete(3))));
    assert!(invalid(&run.refused(h, agree("  "))));
    let early_due = Command::AgreeAction {
        description: "x".into(),
        due: Some(date(2026, 4, 1)),
        owner: None,
    };
    assert!(invalid(&run.refused(h, early_due)));
    let far_due = Command::AgreeAction {
        description: "x".into(),
        due: Some(date(2040, 1, 1)),
        owner: Some(org.employee.id),
    };
    assert!(invalid(&run.refused(h, far_due)));
}

#[test]
fn dates_are_not_before_receipt_nor_in_the_future() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    let err = run.refused(h, contact_on(date(2026, 4, 23)));
    assert_eq!(
        err.refusal(),
        &Code::BeforeReceipt
            .phrase("what", Code::SubjectContactDate)
            .date("date", date(2026, 4, 23))
            .date("received", date(2026, 4, 24))
    );
    let err = run.refused(h, contact_on(date(2026, 6, 1)));
    assert_eq!(err.code(), Code::InFuture, "{err}");
    // The day of receipt itself, and tomorrow (clock slack), are fine.
    let evening = monday() + SignedDuration::from_hours(12);
    assert!(
        run.c
            .decide(contact_on(date(2026, 4, 24)), h, evening)
            .is_ok()
    );
    assert!(
        run.c
            .decide(contact_on(date(2026, 5, 5)), h, evening)
            .is_ok()
    );
    assert!(
        run.c
            .decide(contact_on(date(2026, 5, 6)), h, evening)
            .is_err()
    );
}

#[test]
fn texts_and_values_are_validated() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    let empty_summary = Command::RecordContact(Contact {
        date: date(2026, 4, 24),
        mode: ContactMode::FaceToFace,
        summary: " ".into(),
    });
    assert_eq!(
        run.refused(h, empty_summary).refusal(),
        &Code::Required.phrase("what", Code::SubjectContactSummary)
    );
    let empty_reasoning = Command::DecideMerit(MeritDecision {
        merit: Merit::Unfounded,
        reasoning: "".into(),
    });
    assert!(invalid(&run.refused(h, empty_reasoning)));
    run.ok(h, merit());
    assert!(invalid(
        &run.refused(h, offer_value(OfferKind::None, Some(100)))
    ));
    assert!(invalid(
        &run.refused(h, offer_value(OfferKind::Compensation, Some(0)))
    ));
    run.ok(h, offer_value(OfferKind::None, None));
    let blank = Command::RecordResponse(ComplainantResponse {
        accepted: None,
        satisfaction: None,
        comment: Some("  ".into()),
    });
    assert!(invalid(&run.refused(h, blank)));
}

#[test]
fn involved_people_do_not_work_on_the_steps_in_any_role() {
    let org = org();
    // The manager delivered the service: they may assign, not handle.
    let mut new = new_complaint(Kind::Complaint, &org.manager);
    new.involved_employees = vec![org.manager.id];
    let at = received().timestamp();
    let events = register(new, reference(), &org.employee, at).expect("ok");
    let mut run = Run::from_events(events, Actor::User(org.employee.id), at);
    assert!(invalid(&run.refused(&org.manager, assign(&org.manager))));
    run.ok(&org.manager, assign(&org.colleague));
    let err = run.refused(&org.manager, contact());
    assert!(matches!(err, ComplaintError::NotAllowed(_)), "{err}");
    run.ok(&org.colleague, contact());
}

#[test]
fn refusals_come_in_dutch_and_change_nothing() {
    let org = org();
    let mut run = handled(&org);
    let err = run.refused(&org.outsider, contact());
    assert_eq!(
        err,
        ComplaintError::NotAllowed(
            Code::NoPermission
                .label("action", Action::RecordContact)
                .text("reference", "K-2026-0042")
        )
    );
    assert_eq!(
        err.to_string(),
        "refusal-no-permission (action: record_contact, reference: K-2026-0042)"
    );
}

#[test]
fn the_system_records_only_the_exact_registration_and_only_after_closing() {
    let org = org();
    let run = ready_to_close(&org);
    let exact = Command::RegisterInExact(ExactRegistration {
        exact_id: "42".into(),
        round: None,
    });
    let err = run
        .c
        .decide_system(exact.clone(), run.now)
        .expect_err("not closed");
    assert!(wrong_state(&err));
    let err = run
        .c
        .decide_system(close(), run.now)
        .expect_err("system cannot close");
    assert!(matches!(err, ComplaintError::NotAllowed(_)));
    let err = run
        .c
        .decide(exact, &org.quality, run.now)
        .expect_err("not closed");
    assert!(wrong_state(&err));
}

/// A signal converted ten days after receipt counts its terms from the
/// conversion (README, "Terms of a converted signal"): receipt stays the
/// receipt, but it is not born overdue.
#[test]
fn a_converted_signal_counts_its_terms_from_the_conversion() {
    let org = org();
    let cal = crate::calendar::WorkingCalendar::netherlands_default();
    let complaint = Run::registered(&org, Kind::Complaint);
    assert_eq!(
        complaint.c.terms_start(),
        received().timestamp(),
        "a complaint counts from receipt"
    );
    assert_eq!(complaint.c.terms(&cal).contact, date(2026, 4, 29));

    let mut run = Run::registered(&org, Kind::Signal);
    run.ok(
        &org.employee,
        Command::ConvertToComplaint(Conversion {
            reason: "Klager belde opnieuw; toch niet opgelost.".into(),
        }),
    );
    let converted_at = run.now;
    assert_eq!(run.c.terms_start(), converted_at);
    assert_eq!(run.c.received_on(), date(2026, 4, 24), "receipt stays");
    let terms = run.c.terms(&cal);
    // Converted Monday 4 May 2026, 10:00.
    assert_eq!(terms.report, date(2026, 5, 4));
    assert_eq!(terms.contact, date(2026, 5, 6));
    assert_eq!(terms.offer, date(2026, 5, 18));
    let today = cal.local_date(converted_at);
    for step in crate::terms::Step::ALL {
        let done = run.c.step_done_on(step);
        assert!(
            !crate::terms::term_status(terms.due(step), today, done).is_late(),
            "{step:?} is not overdue at conversion"
        );
    }
}

#[test]
fn a_recorded_complaint_gets_no_new_handler_or_manager_unless_work_is_left() {
    let org = org();
    let mut run = ready_to_close(&org);
    for cmd in [
        assign(&org.manager),
        Command::RouteToManager {
            manager: org.other_manager.clone(),
        },
    ] {
        let err = run.refused(&org.quality, cmd);
        assert!(wrong_state(&err), "{err}");
        assert_eq!(err.code(), Code::HandedIn, "{err}");
    }
    assert!(!run.c.is_possible(Action::AssignHandler));
    assert!(!run.c.is_possible(Action::RouteToManager));
    // An agreed action still open is the handler's to follow up: a
    // handover stays possible until it is done.
    run.ok(&org.colleague, agree("Nieuwe afspraak inplannen"));
    assert!(run.c.is_possible(Action::AssignHandler));
    run.ok(&org.quality, assign(&org.manager));
    assert_eq!(run.c.handler(), Some(org.manager.id));
}
