//! Corrections, and replay of streams that break the rules.

use super::*;
use crate::terms::Step;

fn correct(of: u64, replacement: Event, reason: &str) -> Command {
    Command::Correct {
        of,
        replacement,
        reason: reason.into(),
    }
}

fn contact_event(summary: &str) -> Event {
    Event::ContactRecorded(Contact {
        date: date(2026, 4, 27),
        mode: ContactMode::FaceToFace,
        summary: summary.into(),
    })
}

#[test]
fn a_correction_replaces_the_state_and_the_history_keeps_both() {
    let org = org();
    let mut run = ready_to_close(&org);
    let h = &org.colleague;
    let seq = run.seq_of("contact_recorded");
    let done_at = run.c.step_done_at(Step::Contact);
    let events = run.ok(
        h,
        correct(
            seq,
            contact_event(" Op kantoor gesproken. "),
            "Was een gesprek",
        ),
    );
    let Event::Corrected { replacement, .. } = &events[0] else {
        panic!("a corrected event")
    };
    assert_eq!(
        **replacement,
        contact_event("Op kantoor gesproken."),
        "normalised"
    );

    let contact = run.c.contact().expect("contact");
    assert_eq!(contact.value.summary, "Op kantoor gesproken.");
    assert_eq!(contact.value.mode, ContactMode::FaceToFace);
    assert_eq!(contact.seq, seq, "the step keeps its original record");
    assert_eq!(run.c.step_done_at(Step::Contact), done_at);
    assert_eq!(run.c.superseded_by(seq), Some(run.c.version()));
    assert!(
        run.log
            .iter()
            .any(|r| r.seq == seq && r.event.kind() == "contact_recorded")
    );

    // A second correction points at the original again; the latest wins.
    run.ok(
        h,
        correct(
            seq,
            contact_event("Bij klager thuis."),
            "Plaats verduidelijkt",
        ),
    );
    assert_eq!(
        run.c.contact().map(|c| c.value.summary.as_str()),
        Some("Bij klager thuis.")
    );
    assert_eq!(run.c.superseded_by(seq), Some(run.c.version()));
    let err = run.refused(h, correct(run.c.version(), contact_event("x"), "y"));
    assert_eq!(err.code(), Code::NoCorrectCorrection, "{err}");
}

#[test]
fn a_correction_has_the_same_type_a_reason_and_changes_something() {
    let org = org();
    let mut run = ready_to_close(&org);
    let h = &org.colleague;
    let seq = run.seq_of("contact_recorded");
    let merit_event = Event::MeritDecided(MeritDecision {
        merit: Merit::Unfounded,
        reasoning: "x".into(),
    });
    assert!(matches!(
        run.refused(h, correct(seq, merit_event, "r")),
        ComplaintError::Invalid { .. }
    ));
    let err = run.refused(h, correct(seq, contact_event("Andere tekst"), "  "));
    assert_eq!(
        err.refusal(),
        &Code::Required.phrase("what", Code::SubjectCorrectionReason)
    );
    let same = run.log[usize::try_from(seq - 1).expect("small")]
        .event
        .clone();
    assert_eq!(
        run.refused(h, correct(seq, same, "niets")).code(),
        Code::CorrectionUnchanged
    );
    assert_eq!(
        run.refused(h, correct(999, contact_event("x"), "r")).code(),
        Code::NoSuchEvent
    );
    assert_eq!(
        run.refused(h, correct(0, contact_event("x"), "r")).code(),
        Code::NoSuchEvent
    );
    // A correction obeys the rules of a first record.
    let early = Event::ContactRecorded(Contact {
        date: date(2026, 4, 1),
        mode: ContactMode::Telephone,
        summary: "x".into(),
    });
    assert!(matches!(
        run.refused(h, correct(seq, early, "datum")),
        ComplaintError::Invalid { .. }
    ));
}

#[test]
fn assignments_reports_sent_forms_and_assistance_are_not_corrected() {
    let org = org();
    let mut run = ready_to_close(&org);
    let q = &org.quality;
    for kind in [
        "handler_assigned",
        "reported_to_manager",
        "form_sent_to_quality_manager",
    ] {
        let seq = run.seq_of(kind);
        let event = run.log[usize::try_from(seq - 1).expect("small")]
            .event
            .clone();
        let err = run.refused(q, correct(seq, event, "poging"));
        assert!(
            matches!(err, ComplaintError::WrongState(_)),
            "{kind}: {err}"
        );
    }
}

#[test]
fn whoever_may_record_a_step_may_correct_it_and_so_may_the_quality_manager() {
    let org = org();
    let mut run = ready_to_close(&org);
    let seq = run.seq_of("merit_decided");
    let to = |m: Merit| {
        Event::MeritDecided(MeritDecision {
            merit: m,
            reasoning: "Na heroverweging.".into(),
        })
    };
    for who in [&org.outsider, &org.employee, &org.director, &org.admin] {
        let err = run.refused(who, correct(seq, to(Merit::Unfounded), "r"));
        assert!(
            matches!(err, ComplaintError::NotAllowed(_)),
            "{}: {err}",
            who.name
        );
    }
    run.ok(&org.manager, correct(seq, to(Merit::PartlyFounded), "r"));
    run.ok(&org.quality, correct(seq, to(Merit::Unfounded), "r"));
    assert_eq!(run.c.merit().map(|m| m.value.merit), Some(Merit::Unfounded));

    // The registrant may fix intake details, but not the workflow.
    let intake = Event::Registered(Box::new(Registration {
        description: "Begeleider kwam drie keer niet.".into(),
        ..run.c.registration().value.clone()
    }));
    run.ok(
        &org.employee,
        correct(1, intake, "Klager belde aanvulling door"),
    );
    assert_eq!(run.c.description(), "Begeleider kwam drie keer niet.");

    // After closing the dossier is the quality manager's alone.
    run.ok(&org.quality, close());
    let seq = run.seq_of("contact_recorded");
    let err = run.refused(
        &org.colleague,
        correct(seq, contact_event("Later gezien"), "r"),
    );
    assert!(matches!(err, ComplaintError::NotAllowed(_)));
    run.ok(
        &org.quality,
        correct(seq, contact_event("Later gezien"), "r"),
    );
    let closing = run.seq_of("closed");
    let note = Event::Closed(Closing {
        note: Some("Opgeborgen in dossier 2026".into()),
    });
    run.ok(&org.quality, correct(closing, note, "aanvulling"));
    assert!(
        run.c
            .closed()
            .and_then(|c| c.value.note.as_deref())
            .is_some()
    );
}

#[test]
fn corrected_actions_and_waivers_keep_their_key() {
    let org = org();
    let mut run = handled(&org);
    let h = &org.colleague;
    run.ok(h, agree("Excuusbrief sturen"));
    let seq = run.seq_of("action_agreed");
    let renumbered = Event::ActionAgreed(AgreedAction {
        number: 2,
        description: "Excuusbrief sturen".into(),
        due: None,
        owner: None,
    });
    assert!(matches!(
        run.refused(h, correct(seq, renumbered, "r")),
        ComplaintError::Invalid { .. }
    ));
    let fixed = Event::ActionAgreed(AgreedAction {
        number: 1,
        description: "Excuusbrief en bloemen sturen".into(),
        due: None,
        owner: Some(org.employee.id),
    });
    run.ok(h, correct(seq, fixed, "Aanvulling"));
    assert_eq!(
        run.c.action(1).and_then(|a| a.agreed.value.owner),
        Some(org.employee.id)
    );

    run.ok(h, waive(WaivableStep::Contact, "Onbereikbaar"));
    let seq = run.seq_of("step_waived");
    let other_step = Event::StepWaived(Waiver {
        step: WaivableStep::Record,
        reason: "Onbereikbaar".into(),
    });
    assert!(matches!(
        run.refused(h, correct(seq, other_step, "r")),
        ComplaintError::Invalid { .. }
    ));
    let better = Event::StepWaived(Waiver {
        step: WaivableStep::Contact,
        reason: "Na vijf pogingen onbereikbaar".into(),
    });
    run.ok(h, correct(seq, better, "Aantal pogingen"));
    assert!(
        run.c
            .waiver(WaivableStep::Contact)
            .is_some_and(|w| w.value.reason.contains("vijf"))
    );
}

#[test]
fn a_corrected_intake_keeps_identity_and_the_handler_uninvolved() {
    let org = org();
    let mut run = ready_to_close(&org);
    let q = &org.quality;
    let original = run.c.registration().value.clone();
    let with = |f: &dyn Fn(&mut Registration)| {
        let mut r = original.clone();
        f(&mut r);
        Event::Registered(Box::new(r))
    };
    let cases: [(&str, Event); 4] = [
        (
            "reference",
            with(&|r| r.reference = ReferenceNumber::new(2026, 43).expect("valid")),
        ),
        ("kind", with(&|r| r.kind = Kind::Signal)),
        (
            "handler involved",
            with(&|r| r.involved_employees.push(org.colleague.id)),
        ),
        (
            "receipt after contact",
            with(&|r| r.received_at = "2026-04-28T09:00[Europe/Amsterdam]".parse().expect("valid")),
        ),
    ];
    for (what, event) in cases {
        let err = run.refused(q, correct(1, event, "r"));
        assert!(
            matches!(err, ComplaintError::Invalid { .. }),
            "{what}: {err}"
        );
    }
    let earlier =
        with(&|r| r.received_at = "2026-04-23T16:00[Europe/Amsterdam]".parse().expect("valid"));
    run.ok(q, correct(1, earlier, "Brief lag een dag eerder in de bus"));
    assert_eq!(run.c.received_on(), date(2026, 4, 23));
}

fn stream(org: &Org) -> Vec<Recorded> {
    ready_to_close(org).log
}

fn id() -> ComplaintId {
    ComplaintId(uuid::Uuid::from_u128(7))
}

#[test]
fn replay_rejects_broken_streams() {
    let org = org();
    let log = stream(&org);
    assert_eq!(Complaint::replay(id(), &[]), Err(ReplayError::Empty));

    let mut gap = log.clone();
    gap.remove(3);
    assert_eq!(
        Complaint::replay(id(), &gap),
        Err(ReplayError::OutOfOrder {
            expected: 4,
            found: 5
        })
    );
    // `klacht verify` prints these among Dutch lines (issue 12).
    assert_eq!(
        Complaint::replay(id(), &gap)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err("gebeurtenis 4 verwacht, gebeurtenis 5 gevonden".to_owned())
    );
    assert_eq!(
        ReplayError::Empty.to_string(),
        "de reeks gebeurtenissen is leeg"
    );

    let headless: Vec<Recorded> = log[1..]
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, mut r)| {
            r.seq = i as u64 + 1;
            r
        })
        .collect();
    assert_eq!(
        Complaint::replay(id(), &headless),
        Err(ReplayError::NotRegistered {
            found: "reported_to_manager"
        })
    );

    let mut late_start = log.clone();
    late_start[0].seq = 2;
    assert!(matches!(
        Complaint::replay(id(), &late_start),
        Err(ReplayError::OutOfOrder { .. })
    ));

    let mut twice = log.clone();
    let again = Recorded {
        seq: twice.len() as u64 + 1,
        ..twice[0].clone()
    };
    twice.push(again);
    assert_eq!(
        Complaint::replay(id(), &twice),
        Err(ReplayError::Reregistered {
            seq: twice.len() as u64
        })
    );
}

#[test]
fn apply_refuses_what_it_cannot_fold_and_then_changes_nothing() {
    let org = org();
    let log = stream(&org);
    let c = Complaint::replay(id(), &log).expect("valid");
    let next = |event: Event| Recorded {
        seq: c.version() + 1,
        at: log[0].at,
        actor: Actor::System,
        event,
    };
    let broken = [
        next(Event::ActionCompleted(CompletedAction {
            number: 9,
            note: None,
        })),
        next(Event::EscalationOutcome(EscalationOutcome {
            outcome: "x".into(),
            on: date(2026, 5, 1),
            resolved: true,
        })),
        next(Event::Corrected {
            of: c.version() + 1,
            replacement: Box::new(contact_event("x")),
            reason: "r".into(),
        }),
        next(Event::Corrected {
            of: 1,
            replacement: Box::new(contact_event("x")),
            reason: "r".into(),
        }),
        Recorded {
            seq: c.version() + 2,
            ..next(Event::FormSentToQualityManager)
        },
    ];
    for rec in broken {
        let mut copy = c.clone();
        assert!(copy.apply(&rec).is_err(), "{rec:?}");
        assert_eq!(copy, c);
    }
    let mut copy = c.clone();
    copy.apply(&next(Event::ActionAgreed(AgreedAction {
        number: 1,
        description: "x".into(),
        due: None,
        owner: None,
    })))
    .expect("applies");
    let dup = Recorded {
        seq: copy.version() + 1,
        ..next(Event::ActionAgreed(AgreedAction {
            number: 1,
            description: "y".into(),
            due: None,
            owner: None,
        }))
    };
    assert!(matches!(
        copy.apply(&dup),
        Err(ReplayError::Inconsistent { .. })
    ));
}

#[test]
fn timeline_lines_are_dutch() {
    let org = org();
    let mut run = ready_to_close(&org);
    let seq = run.seq_of("contact_recorded");
    run.ok(
        &org.colleague,
        correct(seq, contact_event("Op kantoor"), "Was op kantoor"),
    );
    let lines: Vec<String> = run.log.iter().map(|r| r.event.describe()).collect();
    assert_eq!(lines[0], "Klacht K-2026-0042 geregistreerd (via telefoon)");
    assert_eq!(lines[1], "Gemeld bij de leidinggevende");
    assert!(lines.contains(&"Contact met klager vastgelegd (telefonisch, 27-04-2026)".to_owned()));
    assert!(lines.contains(&"Aanbod gedaan op 28-04-2026: extra dienst (€ 120,00)".to_owned()));
    assert_eq!(
        lines.last(),
        Some(&format!(
            "Correctie van gebeurtenis {seq} (contact met klager vastgelegd (face-to-face, \
             27-04-2026)). Reden: Was op kantoor"
        ))
    );
}
