//! The JSON the store keeps: every event round-trips exactly.

use super::*;

/// One of every event, with optional fields both filled and empty.
pub(crate) fn every_event(org: &Org) -> Vec<Event> {
    let registration = Registration {
        reference: reference(),
        kind: Kind::Complaint,
        channel: Channel::Letter,
        received_at: received(),
        received_by: Some(org.employee.id),
        responsible_manager: Some(org.manager.id),
        complainant: party(),
        representative: Some(Party::new("Zoon P. de Vries", None, None, None).expect("valid")),
        service: Some("Thuisbegeleiding".into()),
        involved_employees: vec![org.involved.id],
        description: "Afspraak gemist.".into(),
        category: None,
        cause: Some("Planning".into()),
        language: crate::Language::En,
    };
    vec![
        Event::Registered(Box::new(registration)),
        Event::ReportedToManager {
            manager: org.manager.id,
        },
        Event::HandlerAssigned {
            handler: org.colleague.id,
        },
        Event::AssistantAdded {
            user: org.quality.id,
        },
        Event::ContactRecorded(Contact {
            date: date(2026, 4, 27),
            mode: ContactMode::FaceToFace,
            summary: "Gesprek \"thuis\" — ü".into(),
        }),
        Event::MeritDecided(MeritDecision {
            merit: Merit::PartlyFounded,
            reasoning: "Deels".into(),
        }),
        Event::OfferMade(Offer {
            kind: OfferKind::Compensation,
            description: "Tegoedbon".into(),
            value_cents: Some(2_500),
            director_consulted: true,
            made_on: date(2026, 4, 28),
            letter_text: None,
        }),
        Event::ResponseRecorded(ComplainantResponse {
            accepted: Some(false),
            satisfaction: Some(Satisfaction::new(2).expect("valid")),
            comment: None,
        }),
        Event::ActionAgreed(AgreedAction {
            number: 1,
            description: "Rooster".into(),
            due: Some(date(2026, 5, 15)),
            owner: Some(org.employee.id),
        }),
        Event::ActionCompleted(CompletedAction {
            number: 1,
            note: Some("Gedaan".into()),
        }),
        Event::FormSentToQualityManager,
        Event::Escalated(Escalation {
            party: EscalationParty::Other("Ombudsman".into()),
            on: date(2026, 5, 1),
            note: None,
        }),
        Event::EscalationOutcome(EscalationOutcome {
            outcome: "Opgelost".into(),
            on: date(2026, 5, 20),
            resolved: true,
        }),
        Event::Closed(Closing { note: None }),
        Event::RegisteredInExact(ExactRegistration {
            exact_id: "{8F2C-11}".into(),
            round: None,
        }),
        Event::Corrected {
            of: 5,
            replacement: Box::new(Event::MeritDecided(MeritDecision {
                merit: Merit::Founded,
                reasoning: "Toch gegrond".into(),
            })),
            reason: "Heroverwogen".into(),
        },
        Event::StepWaived(Waiver {
            step: WaivableStep::Record,
            reason: "Overgedragen".into(),
        }),
        Event::ConvertedToComplaint(Conversion {
            reason: "Toch klacht".into(),
        }),
        Event::Classified(Classification {
            category: Some("Planning".into()),
            cause: None,
        }),
        Event::Reopened(Reopening {
            kind: ReopeningKind::ComplainantObjection,
            reason: "Bezwaar".into(),
        }),
    ]
}

#[test]
fn every_event_variant_is_covered() {
    let kinds: std::collections::BTreeSet<&str> =
        every_event(&org()).iter().map(Event::kind).collect();
    assert_eq!(kinds.len(), 20);
}

#[test]
fn every_event_round_trips_and_is_tagged_with_its_snake_case_kind() {
    for event in every_event(&org()) {
        let json = serde_json::to_value(&event).expect("serialises");
        assert_eq!(json["type"], event.kind(), "{json}");
        let back: Event = serde_json::from_value(json.clone()).expect("deserialises");
        assert_eq!(back, event);
        let text = serde_json::to_string(&event).expect("serialises");
        assert_eq!(serde_json::from_str::<Event>(&text).expect("parses"), event);
        assert!(!event.describe().is_empty());
    }
}

#[test]
fn the_json_shape_is_what_the_store_keeps() {
    let org = org();
    let events = every_event(&org);
    let registered = serde_json::to_value(&events[0]).expect("json");
    assert_eq!(
        registered["received_at"],
        "2026-04-24T10:00:00+02:00[Europe/Amsterdam]"
    );
    assert_eq!(registered["reference"], "K-2026-0042");
    assert_eq!(registered["kind"], "complaint");
    assert_eq!(registered["channel"], "letter");
    assert_eq!(registered["complainant"]["email"], "j.devries@example.nl");
    assert_eq!(registered["language"], "en");
    // Dutch is not written, so events stored before languages existed
    // and Dutch ones read the same.
    let mut older = registered.clone();
    older.as_object_mut().expect("object").remove("language");
    let Event::Registered(r) = serde_json::from_value::<Event>(older).expect("older event") else {
        panic!("registered")
    };
    assert_eq!(r.language, crate::Language::Nl);
    assert!(
        serde_json::to_value(Event::Registered(r)).expect("json")["language"].is_null(),
        "Dutch stays unwritten"
    );
    let offer = serde_json::to_value(&events[6]).expect("json");
    assert_eq!(offer["kind"], "compensation");
    assert_eq!(offer["made_on"], "2026-04-28");
    let escalated = serde_json::to_value(&events[11]).expect("json");
    assert_eq!(
        escalated["party"],
        serde_json::json!({"other": "Ombudsman"})
    );
    let corrected = serde_json::to_value(&events[15]).expect("json");
    assert_eq!(corrected["replacement"]["type"], "merit_decided");
    assert_eq!(
        serde_json::to_value(&events[10]).expect("json"),
        serde_json::json!({"type": "form_sent_to_quality_manager"})
    );
}

#[test]
fn a_classification_is_stored_in_its_own_shape() {
    // New variant only: streams written before it read as they did.
    let json = serde_json::to_value(Event::Classified(Classification {
        category: Some("Planning".into()),
        cause: Some("Werkdruk".into()),
    }))
    .expect("json");
    assert_eq!(
        json,
        serde_json::json!({"type": "classified", "category": "Planning", "cause": "Werkdruk"})
    );
    let cleared: Event = serde_json::from_value(
        serde_json::json!({"type": "classified", "category": null, "cause": null}),
    )
    .expect("parses");
    assert_eq!(
        cleared.describe(),
        "Indeling vastgelegd: categorie niet opgegeven, oorzaak niet opgegeven"
    );
}

#[test]
fn recorded_events_and_actors_round_trip() {
    let org = org();
    for actor in [
        Actor::User(org.quality.id),
        Actor::Complainant,
        Actor::System,
    ] {
        let rec = Recorded {
            seq: 3,
            at: monday(),
            actor,
            event: Event::FormSentToQualityManager,
        };
        let json = serde_json::to_string(&rec).expect("json");
        assert_eq!(
            serde_json::from_str::<Recorded>(&json).expect("parses"),
            rec
        );
    }
    assert_eq!(serde_json::to_value(Actor::System).expect("json"), "system");
}

#[test]
fn stored_receipts_survive_a_changed_offset() {
    // As if the zone's rules changed after storing: the instant wins.
    let json = serde_json::to_value(&every_event(&org())[0]).expect("json");
    let mut stored = json.clone();
    stored["received_at"] = "2026-04-24T10:00:00+01:00[Europe/Amsterdam]".into();
    let Event::Registered(r) = serde_json::from_value::<Event>(stored).expect("still readable")
    else {
        panic!("registered")
    };
    assert_eq!(
        r.received_at.timestamp().to_string(),
        "2026-04-24T09:00:00Z"
    );
}

#[test]
fn invalid_stored_values_are_refused() {
    let bad_satisfaction = serde_json::json!({
        "type": "response_recorded", "accepted": null, "satisfaction": 7, "comment": null
    });
    assert!(serde_json::from_value::<Event>(bad_satisfaction).is_err());
    let unknown = serde_json::json!({"type": "deleted"});
    assert!(serde_json::from_value::<Event>(unknown).is_err());
}
