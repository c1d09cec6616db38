//! Reopening a filed complaint (issue 16): a new round with its own terms,
//! the first round sealed.

use proptest::prelude::*;

use super::*;
use crate::calendar::WorkingCalendar;
use crate::permissions::{self, Action};
use crate::terms::{Step, Terms};

fn reopen(kind: ReopeningKind, reason: &str) -> Command {
    Command::Reopen(Reopening {
        kind,
        reason: reason.into(),
    })
}

fn objection() -> Command {
    reopen(
        ReopeningKind::ComplainantObjection,
        "Klager is het niet eens met het oordeel.",
    )
}

/// A complaint handled and closed by the quality manager.
fn closed(org: &Org) -> Run {
    let mut run = ready_to_close(org);
    run.ok(&org.quality, close());
    run
}

#[test]
fn only_the_quality_manager_or_director_reopens_and_only_a_closed_complaint() {
    let org = org();
    let mut open = ready_to_close(&org);
    let err = open.refused(&org.quality, objection());
    assert!(matches!(err, ComplaintError::WrongState(_)), "{err:?}");
    assert_eq!(err.code(), Code::NotClosedReopen, "{err}");

    let mut run = closed(&org);
    for who in [&org.colleague, &org.manager, &org.employee] {
        let err = run.refused(who, objection());
        assert!(matches!(err, ComplaintError::NotAllowed(_)), "{err:?}");
    }
    let err = run.refused(&org.quality, reopen(ReopeningKind::NewFacts, "   "));
    assert!(matches!(err, ComplaintError::Invalid { .. }), "{err:?}");
    assert!(permissions::allowed_actions(&org.director, &run.c).contains(&Action::Reopen));
    assert!(!permissions::allowed_actions(&org.colleague, &run.c).contains(&Action::Reopen));

    let events = run.ok(&org.director, objection());
    assert_eq!(events.len(), 1);
    assert!(
        matches!(&events[0], Event::Reopened(r) if r.kind == ReopeningKind::ComplainantObjection)
    );
    assert!(run.c.is_open());
    assert_eq!(run.c.status(), Status::Reopened);
    assert_eq!(run.c.round(), 2);
    // Reopened once; a running round is not reopened again.
    let err = run.refused(&org.quality, objection());
    assert!(matches!(err, ComplaintError::WrongState(_)), "{err:?}");
}

#[test]
fn the_first_round_is_sealed_and_a_fresh_round_starts_with_the_same_handler() {
    let org = org();
    let mut run = closed(&org);
    run.ok(&org.quality, agree_none());
    let before = run.c.clone();
    run.ok(
        &org.quality,
        reopen(ReopeningKind::ExternalRuling, "Commissie: deels gegrond."),
    );
    let c = &run.c;
    assert_eq!(c.handler(), before.handler(), "the handler stays");
    assert_eq!(c.responsible_manager(), before.responsible_manager());
    assert!(c.contact().is_none() && c.merit().is_none() && c.offer().is_none());
    assert!(c.form_sent().is_none() && c.closed().is_none() && c.actions().is_empty());
    assert_eq!(c.next_open_step(), Some(Step::Contact));
    let [first] = c.sealed_rounds() else {
        panic!("one sealed round")
    };
    assert_eq!(first.number(), 1);
    assert_eq!(first.contact(), before.contact());
    assert_eq!(first.offer(), before.offer());
    assert_eq!(Some(first.closed()), before.closed());
    assert_eq!(first.terms_start(), before.terms_start());
    assert_eq!(
        c.reopening().map(|r| r.value.kind),
        Some(ReopeningKind::ExternalRuling)
    );

    // The second round is worked and closed like the first.
    let h = &org.colleague;
    run.ok(h, contact_on(date(2026, 5, 4)));
    run.ok(h, merit());
    run.ok(
        h,
        Command::MakeOffer(Offer {
            kind: OfferKind::Compensation,
            description: "Tegoedbon.".into(),
            value_cents: Some(5_000),
            director_consulted: false,
            made_on: date(2026, 5, 4),
            letter_text: None,
        }),
    );
    run.ok(h, Command::SendForm);
    assert_eq!(run.c.status(), Status::Recorded);
    run.ok(&org.quality, close());
    assert_eq!(run.c.status(), Status::Closed);
    assert_eq!(run.c.sealed_rounds()[0].contact(), before.contact());
    // And reopened again: a third round.
    run.ok(
        &org.quality,
        reopen(ReopeningKind::NewFacts, "Nieuwe feiten."),
    );
    assert_eq!(run.c.round(), 3);
    assert_eq!(run.c.sealed_rounds().len(), 2);
}

/// Nothing to agree here: a no-op helper that records the classification,
/// which closed complaints still take, so the stream has an event after
/// closing.
fn agree_none() -> Command {
    Command::Classify(Classification {
        category: Some("Planning".into()),
        cause: None,
    })
}

#[test]
fn corrections_of_a_sealed_round_are_refused_and_of_the_new_round_allowed() {
    let org = org();
    let mut run = closed(&org);
    let first_contact = run.seq_of("contact_recorded");
    let first_closing = run.seq_of("closed");
    run.ok(&org.quality, objection());
    let correct = |of: u64, replacement: Event| Command::Correct {
        of,
        replacement,
        reason: "Verkeerde datum.".into(),
    };
    let new_contact = Event::ContactRecorded(Contact {
        date: date(2026, 4, 28),
        mode: ContactMode::FaceToFace,
        summary: "Anders".into(),
    });
    let err = run.refused(&org.quality, correct(first_contact, new_contact.clone()));
    assert_eq!(err.code(), Code::EventSealed, "{err}");
    let err = run.refused(
        &org.quality,
        correct(
            first_closing,
            Event::Closed(Closing {
                note: Some("x".into()),
            }),
        ),
    );
    assert_eq!(err.code(), Code::EventSealed, "{err}");
    let reopened = run.seq_of("reopened");
    let err = run.refused(
        &org.quality,
        correct(
            reopened,
            Event::Reopened(Reopening {
                kind: ReopeningKind::NewFacts,
                reason: "x".into(),
            }),
        ),
    );
    assert!(matches!(err, ComplaintError::WrongState(_)), "{err:?}");

    run.ok(&org.colleague, contact_on(date(2026, 5, 4)));
    let second_contact = run.seq_of("contact_recorded");
    run.ok(&org.colleague, correct(second_contact, new_contact));
    assert_eq!(
        run.c.contact().map(|c| c.value.mode),
        Some(ContactMode::FaceToFace)
    );
    assert_eq!(
        run.c.sealed_rounds()[0].contact().map(|c| c.value.mode),
        Some(ContactMode::Telephone)
    );
}

#[test]
fn a_sealed_round_correction_in_a_stored_stream_does_not_fold() {
    let org = org();
    let mut run = closed(&org);
    let first_contact = run.seq_of("contact_recorded");
    run.ok(&org.quality, objection());
    let forged = Recorded {
        seq: run.c.version() + 1,
        at: run.now,
        actor: Actor::User(org.quality.id),
        event: Event::Corrected {
            of: first_contact,
            replacement: Box::new(Event::ContactRecorded(Contact {
                date: date(2026, 4, 28),
                mode: ContactMode::FaceToFace,
                summary: "Anders".into(),
            })),
            reason: "x".into(),
        },
    };
    let before = run.c.clone();
    assert!(run.c.apply(&forged).is_err());
    assert_eq!(run.c, before);
}

#[test]
fn the_previous_rounds_exact_id_arriving_after_the_reopening_goes_to_that_round() {
    let org = org();
    let mut run = closed(&org);
    run.ok(&org.quality, objection());
    let events = run
        .c
        .decide_system(
            Command::RegisterInExact(ExactRegistration {
                exact_id: "ES-1".into(),
                round: None,
            }),
            run.now,
        )
        .expect("the sealed round takes its id");
    let rec = Recorded::stamp(run.c.version(), Actor::System, run.now, events);
    run.c.apply(&rec[0]).expect("applies");
    assert_eq!(
        run.c.sealed_rounds()[0]
            .exact_registration()
            .map(|e| e.value.exact_id.as_str()),
        Some("ES-1")
    );
    assert!(run.c.exact_registration().is_none());
    // Only once.
    assert!(
        run.c
            .decide_system(
                Command::RegisterInExact(ExactRegistration {
                    exact_id: "ES-2".into(),
                    round: None,
                }),
                run.now,
            )
            .is_err()
    );
}

fn exact_of(id: &str, round: Option<u32>) -> Command {
    Command::RegisterInExact(ExactRegistration {
        exact_id: id.into(),
        round,
    })
}

/// The system records a registration, as the delivery does.
fn record_system(run: &mut Run, cmd: Command) -> Result<(), ComplaintError> {
    let events = run.c.decide_system(cmd, run.now)?;
    for rec in Recorded::stamp(run.c.version(), Actor::System, run.now, events) {
        run.c.apply(&rec).expect("applies");
    }
    Ok(())
}

#[test]
fn a_late_first_round_id_after_the_second_round_closed_stays_the_first_rounds() {
    let org = org();
    let mut run = closed(&org);
    run.ok(&org.quality, objection());
    let h = &org.colleague;
    run.ok(h, contact());
    run.ok(h, merit());
    run.ok(h, offer());
    run.ok(h, Command::SendForm);
    run.ok(&org.quality, close());
    assert_eq!(run.c.round(), 2);

    // Round 1's delivery answers only now: it names its round.
    record_system(&mut run, exact_of("ES-1", Some(1))).expect("round 1 takes it");
    let of = |run: &Run, n| {
        run.c
            .exact_registration_of_round(n)
            .map(|e| e.value.exact_id.clone())
    };
    assert_eq!(of(&run, 1).as_deref(), Some("ES-1"));
    assert_eq!(of(&run, 2), None, "round 2 still waits for its own");
    assert!(run.c.exact_registration().is_none());

    // Round 2's own, then neither round takes a second one.
    record_system(&mut run, exact_of("ES-2", Some(2))).expect("round 2 takes it");
    assert_eq!(of(&run, 2).as_deref(), Some("ES-2"));
    assert!(record_system(&mut run, exact_of("ES-3", Some(1))).is_err());
    assert!(record_system(&mut run, exact_of("ES-3", Some(2))).is_err());
    assert!(record_system(&mut run, exact_of("ES-3", Some(3))).is_err());
    assert_eq!(of(&run, 1).as_deref(), Some("ES-1"));
    assert_eq!(of(&run, 2).as_deref(), Some("ES-2"));
}

#[test]
fn the_new_rounds_terms_count_from_the_reopening_and_the_first_rounds_stay() {
    let org = org();
    let cal = WorkingCalendar::netherlands_default();
    let mut run = closed(&org);
    let first = run.c.terms(&cal);
    // Reopened on Friday 8 May 2026, 10:00 in Amsterdam.
    run.now = "2026-05-08T07:00:00Z".parse().expect("instant");
    run.ok(&org.quality, objection());
    let reopened_at = run.c.reopening().expect("reopened").at;
    let terms = run.c.terms(&cal);
    assert_eq!(terms, Terms::compute(reopened_at, &cal));
    assert_eq!(
        terms.contact,
        date(2026, 5, 12),
        "2 working days: Mon 11, Tue 12"
    );
    assert_eq!(terms.offer, date(2026, 5, 22), "2 weeks");
    assert_eq!(terms.record, date(2026, 5, 29), "3 weeks");
    assert_eq!(run.c.sealed_rounds()[0].terms(&cal), first);
    // The reopening reports the round: step 1 is done.
    assert!(run.c.step_settled(Step::Report));
    // The first round's own days stay with it.
    let zone = run.c.received_at().time_zone().clone();
    assert_eq!(
        run.c.sealed_rounds()[0].step_done_on(Step::Contact, &zone),
        Some(date(2026, 4, 27))
    );
}

#[test]
fn the_deadline_engine_sees_the_new_rounds_open_terms() {
    use crate::reminders::OpenTerms;
    let org = org();
    let cal = WorkingCalendar::netherlands_default();
    let mut run = closed(&org);
    assert_eq!(OpenTerms::of(&run.c, &cal), None, "closed: nothing owed");
    run.now = "2026-05-08T07:00:00Z".parse().expect("instant");
    run.ok(&org.quality, objection());
    let open = OpenTerms::of(&run.c, &cal).expect("open again");
    assert_eq!(open.handler, Some(org.colleague.id));
    assert_eq!(
        open.terms,
        vec![
            (Step::Contact, date(2026, 5, 12)),
            (Step::Offer, date(2026, 5, 22)),
            (Step::Record, date(2026, 5, 29)),
        ]
    );
}

#[test]
fn a_reopening_is_described_and_round_trips() {
    let event = Event::Reopened(Reopening {
        kind: ReopeningKind::NewFacts,
        reason: "Nieuwe verklaring.".into(),
    });
    let json = serde_json::to_value(&event).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"type": "reopened", "kind": "new_facts", "reason": "Nieuwe verklaring."})
    );
    assert_eq!(
        serde_json::from_value::<Event>(json).expect("parses"),
        event
    );
    assert!(event.describe().contains("nieuwe feiten"));
    assert_eq!(
        "uitspraak externe instantie".parse::<ReopeningKind>(),
        Ok(ReopeningKind::ExternalRuling)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Wherever in time it is reopened, the new round's terms are the
    /// regulation's terms counted from the reopening over the calendar, and
    /// the sealed round's terms and steps do not move.
    #[test]
    fn reopened_terms_follow_the_calendar_from_the_reopening(
        minutes in 0i64..(400 * 24 * 60),
        kind in 0usize..3,
    ) {
        let org = org();
        let cal = WorkingCalendar::netherlands_default();
        let mut run = closed(&org);
        let first_terms = run.c.terms(&cal);
        let first_contact = run.c.contact().cloned();
        run.now += SignedDuration::from_mins(minutes);
        run.ok(&org.quality, reopen(ReopeningKind::ALL[kind], "Bezwaar."));
        let at = run.c.reopening().expect("reopened").at;
        let terms = run.c.terms(&cal);
        prop_assert_eq!(terms, Terms::compute(at, &cal));
        let day = cal.local_date(at);
        prop_assert!(terms.contact > day);
        prop_assert!(cal.is_working_day(terms.contact));
        prop_assert_eq!(cal.add_working_days(day, 2), terms.contact);
        prop_assert!(terms.offer >= terms.contact && terms.record > terms.offer);
        prop_assert_eq!(run.c.sealed_rounds()[0].terms(&cal), first_terms);
        prop_assert_eq!(run.c.sealed_rounds()[0].contact().cloned(), first_contact);
        prop_assert_eq!(run.c.status(), Status::Reopened);
    }
}
