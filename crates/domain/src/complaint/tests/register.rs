//! Intake: registering complaints and signals, and the value types.

use super::*;
use crate::refusal::Arg;
use crate::terms::Step;

#[test]
fn a_complaint_is_registered_and_reported_to_the_receivers_manager_at_once() {
    let org = org();
    let run = Run::registered(&org, Kind::Complaint);
    let kinds: Vec<&str> = run.log.iter().map(|r| r.event.kind()).collect();
    assert_eq!(kinds, ["registered", "reported_to_manager"]);
    assert!(run.log.iter().all(|r| r.at == run.log[0].at));

    let c = &run.c;
    assert_eq!(c.version(), 2);
    assert_eq!(c.reference().to_string(), "K-2026-0042");
    assert_eq!(c.kind(), Kind::Complaint);
    assert_eq!(c.status(), Status::AwaitingHandler);
    assert_eq!(c.channel(), Channel::Phone);
    assert_eq!(c.received_by(), Some(org.employee.id));
    assert_eq!(c.responsible_manager(), Some(org.manager.id));
    assert_eq!(c.report().map(|r| r.value), Some(org.manager.id));
    assert_eq!(c.description(), "Begeleider kwam twee keer niet opdagen.");
    assert_eq!(c.service(), Some("Thuisbegeleiding"));
    assert_eq!(c.category(), Some("Bereikbaarheid"));
    assert_eq!(c.cause(), None);
    assert_eq!(c.involved_employees(), &[org.involved.id]);
    assert_eq!(c.complainant().name(), "Mevrouw J. de Vries");
    assert_eq!(c.received_on(), date(2026, 4, 24));
    assert_eq!(c.step_done_at(Step::Report), Some(run.log[1].at));
    assert_eq!(c.step_done_on(Step::Report), Some(date(2026, 4, 24)));
    assert_eq!(c.next_open_step(), Some(Step::Contact));
    assert!(c.is_open());
}

#[test]
fn a_receiver_without_manager_answers_for_the_complaint_themselves() {
    let org = org();
    let at = received().timestamp();
    let events = register(
        new_complaint(Kind::Complaint, &org.involved),
        reference(),
        &org.director,
        at,
    )
    .expect("registers");
    let run = Run::from_events(events, Actor::User(org.director.id), at);
    assert_eq!(run.c.responsible_manager(), Some(org.director.id));
}

#[test]
fn a_signal_is_logged_without_workflow_or_report() {
    let org = org();
    let run = Run::registered(&org, Kind::Signal);
    assert_eq!(run.log.len(), 1);
    let c = &run.c;
    assert_eq!(c.kind(), Kind::Signal);
    assert_eq!(c.status(), Status::Signal);
    assert!(!c.is_open());
    assert_eq!(c.next_open_step(), None);
    assert_eq!(c.step_done_at(Step::Report), None);
    // Still the manager's to see and convert.
    assert_eq!(c.responsible_manager(), Some(org.manager.id));
}

#[test]
fn the_administrator_cannot_register() {
    let org = org();
    let err = register(
        new_complaint(Kind::Complaint, &org.involved),
        reference(),
        &org.admin,
        received().timestamp(),
    )
    .expect_err("admin refused");
    assert!(matches!(err, ComplaintError::NotAllowed(_)));
    assert_eq!(err.code(), Code::RoleCannotRegister, "{err}");
}

#[test]
fn registration_refuses_empty_description_future_receipt_and_wrong_year() {
    let org = org();
    let at = received().timestamp();
    let by = &org.employee;

    let mut new = new_complaint(Kind::Complaint, &org.involved);
    new.description = "  \n ".into();
    let err = register(new, reference(), by, at).expect_err("empty");
    assert_eq!(err.code(), Code::DescriptionRequired);

    let mut new = new_complaint(Kind::Complaint, &org.involved);
    new.description = "x".repeat(20_001);
    assert!(register(new, reference(), by, at).is_err());

    // Two hours ahead is the future; one rule for every edge
    // (intake::RECEIPT_SLACK): a minute of clock skew, no more.
    let early = at - SignedDuration::from_hours(2);
    let err = register(
        new_complaint(Kind::Complaint, &org.involved),
        reference(),
        by,
        early,
    )
    .expect_err("future");
    assert_eq!(err.code(), Code::ReceivedInFuture, "{err}");
    assert_eq!(err.field(), Some(crate::complaint::Field::ReceivedAt));
    let skewed = at - SignedDuration::from_secs(59);
    assert!(
        register(
            new_complaint(Kind::Complaint, &org.involved),
            reference(),
            by,
            skewed
        )
        .is_ok()
    );

    let last_year = ReferenceNumber::new(2025, 7).expect("valid");
    let err = register(
        new_complaint(Kind::Complaint, &org.involved),
        last_year,
        by,
        at,
    )
    .expect_err("year");
    assert_eq!(err.code(), Code::ReferenceYear, "{err}");
    assert_eq!(
        err.refusal().arg("reference"),
        Some(&crate::refusal::Arg::Text("K-2025-0007".into()))
    );
}

#[test]
fn optional_texts_are_trimmed_and_blank_ones_dropped_and_involved_deduplicated() {
    let org = org();
    let mut new = new_complaint(Kind::Complaint, &org.involved);
    new.service = Some("   ".into());
    new.cause = Some(" Planning ".into());
    new.involved_employees = vec![org.involved.id, org.involved.id];
    let events = register(new, reference(), &org.employee, received().timestamp()).expect("ok");
    let Event::Registered(r) = &events[0] else {
        panic!("first event is the registration")
    };
    assert_eq!(r.service, None);
    assert_eq!(r.cause.as_deref(), Some("Planning"));
    assert_eq!(r.involved_employees, vec![org.involved.id]);
}

#[test]
fn public_submissions_have_no_receiver_until_routed() {
    let org = org();
    let at = received().timestamp();
    let mut new = new_complaint(Kind::Complaint, &org.involved);
    new.channel = Channel::Web;
    new.involved_employees.clear();
    let events = register_public(new.clone(), reference(), at).expect("registers");
    assert_eq!(events.len(), 1);
    let mut run = Run::from_events(events, Actor::Complainant, at);
    assert_eq!(run.c.received_by(), None);
    assert_eq!(run.c.responsible_manager(), None);
    assert_eq!(run.c.next_open_step(), Some(Step::Report));

    // Only those who oversee everything can pick it up.
    let route = Command::RouteToManager {
        manager: org.manager.clone(),
    };
    assert!(matches!(
        run.refused(&org.manager, route.clone()),
        ComplaintError::NotAllowed(_)
    ));
    let err = run.refused(
        &org.quality,
        Command::RouteToManager {
            manager: org.employee.clone(),
        },
    );
    assert!(matches!(err, ComplaintError::Invalid { .. }));
    run.ok(&org.quality, route.clone());
    assert_eq!(run.c.responsible_manager(), Some(org.manager.id));
    assert!(run.c.step_done_at(Step::Report).is_some());
    assert!(matches!(
        run.refused(&org.quality, route),
        ComplaintError::WrongState(_)
    ));

    // Re-routing keeps the moment step 1 was done.
    let first_report = run.c.step_done_at(Step::Report);
    run.ok(
        &org.director,
        Command::RouteToManager {
            manager: org.other_manager.clone(),
        },
    );
    assert_eq!(run.c.responsible_manager(), Some(org.other_manager.id));
    assert_eq!(run.c.step_done_at(Step::Report), first_report);

    new.kind = Kind::Signal;
    assert!(register_public(new, reference(), at).is_err());
}

#[test]
fn assigning_an_unrouted_public_complaint_makes_the_assigner_responsible() {
    let org = org();
    let at = received().timestamp();
    let mut new = new_complaint(Kind::Complaint, &org.involved);
    new.channel = Channel::Web;
    let mut run = Run::from_events(
        register_public(new, reference(), at).expect("ok"),
        Actor::Complainant,
        at,
    );
    let events = run.ok(&org.quality, assign(&org.colleague));
    assert_eq!(
        events,
        vec![
            Event::ReportedToManager {
                manager: org.quality.id
            },
            Event::HandlerAssigned {
                handler: org.colleague.id
            }
        ]
    );
    assert_eq!(run.c.responsible_manager(), Some(org.quality.id));
}

#[test]
fn party_requires_a_name_and_checks_the_phone_number() {
    let err = Party::new("  ", None, None, None).expect_err("no name");
    assert_eq!(err.code(), Code::PartyNameRequired);
    let err = Party::new("Jan", None, Some("12"), None).expect_err("short number");
    assert_eq!(err.refusal(), &Code::NotAPhoneNumber.text("input", "12"));
    assert!(Party::new("Jan", None, Some("bel me"), None).is_err());
    assert!(Party::new("Jan", None, Some("123"), None).is_err());
    let p = Party::new(" Jan ", None, Some(" +31 (0)6-1234 5678 "), Some("  ")).expect("valid");
    assert_eq!(p.name(), "Jan");
    assert_eq!(p.phone(), Some("+31 (0)6-1234 5678"));
    assert_eq!(p.address(), None);
    assert_eq!(p.email(), None);

    // Stored parties obey the same rules.
    let stored = r#"{"name":" ","email":null,"phone":null,"address":null}"#;
    assert!(serde_json::from_str::<Party>(stored).is_err());
}

#[test]
fn channels_parse_from_identifiers_and_dutch_labels() {
    let pairs = [
        (Channel::Phone, "phone", "telefoon"),
        (Channel::Desk, "desk", "balie"),
        (Channel::Letter, "letter", "brief"),
        (Channel::Email, "email", "e-mail"),
        (Channel::Web, "web", "webformulier"),
    ];
    for (channel, id, label) in pairs {
        assert_eq!(channel.as_str(), id);
        assert_eq!(channel.label(), label);
        assert_eq!(id.parse::<Channel>(), Ok(channel));
        assert_eq!(label.to_uppercase().parse::<Channel>(), Ok(channel));
        assert_eq!(
            serde_json::to_string(&channel).expect("json"),
            format!("\"{id}\"")
        );
    }
    let err = "fax".parse::<Channel>().expect_err("unknown");
    let refusal = err.refusal();
    assert_eq!(refusal.code(), Code::UnknownValue);
    assert_eq!(refusal.arg("input"), Some(&Arg::Text("fax".into())));
    assert_eq!(
        refusal.arg("what"),
        Some(&Arg::Phrase(Box::new(Code::ListChannel.into())))
    );
    let Some(Arg::List(choices)) = refusal.arg("choices") else {
        panic!("{err}");
    };
    assert_eq!(choices.len(), Channel::ALL.len());
    assert_eq!(choices[0], Arg::label(Channel::Phone));
}

#[test]
fn other_labelled_values_round_trip_through_their_names() {
    for m in Merit::ALL {
        assert_eq!(m.label().parse::<Merit>(), Ok(*m));
        assert_eq!(m.as_str().parse::<Merit>(), Ok(*m));
    }
    assert_eq!(Merit::PartlyFounded.label(), "deels gegrond");
    for k in OfferKind::ALL {
        assert_eq!(k.label().parse::<OfferKind>(), Ok(*k));
    }
    for s in Status::ALL {
        assert_eq!(s.as_str().parse::<Status>(), Ok(*s));
    }
    assert_eq!(Status::AwaitingHandler.label(), "wacht op afhandelaar");
    for step in WaivableStep::ALL {
        let general = Step::from(*step);
        assert_eq!(WaivableStep::try_from(general), Ok(*step));
        assert_eq!(step.label(), general.label());
    }
    assert!(WaivableStep::try_from(Step::Report).is_err());
}

#[test]
fn satisfaction_is_one_to_five() {
    assert!(Satisfaction::new(0).is_err());
    assert!(Satisfaction::new(6).is_err());
    assert_eq!(Satisfaction::new(5).map(Satisfaction::get), Ok(5));
    assert_eq!(" 3 ".parse::<Satisfaction>().map(Satisfaction::get), Ok(3));
    assert!("drie".parse::<Satisfaction>().is_err());
    assert!(serde_json::from_str::<Satisfaction>("9").is_err());
    assert_eq!(Satisfaction::new(4).expect("valid").to_string(), "4/5");
}

#[test]
fn money_and_dates_are_written_the_dutch_way() {
    assert_eq!(format_euro(0), "€ 0,00");
    assert_eq!(format_euro(5), "€ 0,05");
    assert_eq!(format_euro(12_050), "€ 120,50");
    assert_eq!(format_euro(123_456_789), "€ 1.234.567,89");
    assert_eq!(format_date(date(2026, 4, 7)), "07-04-2026");
}
