use super::*;
use crate::complaint::tests::{Run, org, ready_to_close, response};
use crate::complaint::{Closing, Command, Kind};

fn handler() -> Person {
    Person {
        name: "Fatima el Amrani".into(),
        email: Some("fatima@focus.example".into()),
        ..Person::default()
    }
}

#[test]
fn a_closed_complaint_becomes_a_registration() {
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.colleague, response());
    run.ok(
        &org.quality,
        Command::Close(Closing {
            note: Some("Dossier compleet.".into()),
        }),
    );
    let reg = Registration::of(&run.c, Some(handler())).expect("closed");
    assert_eq!(reg.reference.to_string(), "K-2026-0042");
    assert_eq!(reg.received_on.to_string(), "2026-04-24");
    assert_eq!(reg.channel, "telefoon");
    assert_eq!(reg.complainant.name, "Mevrouw J. de Vries");
    assert_eq!(
        reg.complainant.email.as_deref(),
        Some("j.devries@example.nl")
    );
    assert_eq!(reg.description, "Begeleider kwam twee keer niet opdagen.");
    assert_eq!(reg.category.as_deref(), Some("Bereikbaarheid"));
    assert_eq!(reg.merit.as_deref(), Some("gegrond"));
    let offer = reg.offer.as_ref().expect("offer");
    assert_eq!(offer.kind, "extra dienst");
    assert_eq!(offer.value_cents, Some(12_000));
    assert_eq!(reg.offer_accepted, Some(true));
    assert_eq!(reg.satisfaction, Some(4));
    // Closed on the Monday after receipt, in Amsterdam.
    assert_eq!(reg.closed_on.to_string(), "2026-05-04");
    assert_eq!(reg.closing_note.as_deref(), Some("Dossier compleet."));

    let notes = reg.notes();
    for expected in [
        "Klachtnummer: K-2026-0042",
        "Ontvangen: 24-04-2026 (via telefoon)",
        "Oordeel: gegrond. Twee afspraken gemist zonder bericht.",
        "Aanbod: extra dienst: Twee extra begeleidingsuren. (€ 120,00), aanvaard",
        "Tevredenheid: 4/5",
        "Afhandelaar: Fatima el Amrani",
        "Afgesloten: 04-05-2026",
    ] {
        assert!(notes.contains(expected), "{expected} missing in:\n{notes}");
    }
    assert_eq!(
        reg.title(),
        "Klacht K-2026-0042: Begeleider kwam twee keer niet opdagen."
    );

    // It survives the outbox: JSON out and back.
    let json = serde_json::to_string(&reg).expect("serialises");
    let back: Registration = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, reg);
}

/// Issue 12: the complainant's own answer to the satisfaction check
/// reaches Exact, with what they wrote; it wins over the handler's record.
#[test]
fn the_complainants_own_answer_goes_to_exact() {
    use crate::complaint::{Actor, Recorded, Satisfaction};
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.colleague, response());
    let events = run
        .c
        .report_satisfaction(
            Satisfaction::new(2).expect("valid"),
            Some("Het duurde te lang.".into()),
        )
        .expect("open");
    run.now += jiff::SignedDuration::from_hours(1);
    for r in Recorded::stamp(run.c.version(), Actor::Complainant, run.now, events) {
        run.c.apply(&r).expect("applies");
        run.log.push(r);
    }
    run.ok(&org.quality, Command::Close(Closing { note: None }));
    let reg = Registration::of(&run.c, Some(handler())).expect("closed");
    assert_eq!(
        reg.satisfaction,
        Some(2),
        "their own answer, not the handler's 4"
    );
    assert_eq!(
        reg.satisfaction_comment.as_deref(),
        Some("Het duurde te lang.")
    );
    assert_eq!(reg.field("satisfaction").as_deref(), Some("2"));
    assert_eq!(
        reg.field("satisfaction_comment").as_deref(),
        Some("Het duurde te lang.")
    );
    let notes = reg.notes();
    assert!(notes.contains("Tevredenheid: 2/5"), "{notes}");
    assert!(
        notes.contains("Toelichting van de klager: Het duurde te lang."),
        "{notes}"
    );
    // A registration queued before the field existed still reads.
    let mut old = serde_json::to_value(&reg).expect("json");
    old.as_object_mut()
        .expect("object")
        .remove("satisfaction_comment");
    let back: Registration = serde_json::from_value(old).expect("old payload");
    assert_eq!(back.satisfaction_comment, None);
}

#[test]
fn an_open_complaint_has_no_registration_yet() {
    let org = org();
    let run = ready_to_close(&org);
    let err = Registration::of(&run.c, None).expect_err("not closed");
    assert_eq!(err.code(), crate::RefusalCode::NotClosedExact, "{err}");
    let signal = Run::registered(&org, Kind::Signal);
    assert!(Registration::of(&signal.c, None).is_err());
}

#[test]
fn a_long_description_gives_a_short_title() {
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.quality, Command::Close(Closing { note: None }));
    let mut reg = Registration::of(&run.c, None).expect("closed");
    reg.description = format!("{}\nTweede regel", "x".repeat(100));
    let title = reg.title();
    assert!(title.ends_with('…'), "{title}");
    assert!(!title.contains("Tweede"));
    assert!(!reg.notes().contains("Afhandelaar"));
}

#[test]
fn every_listed_field_is_known_and_unknown_ones_are_none() {
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.colleague, response());
    run.ok(
        &org.quality,
        Command::Close(Closing {
            note: Some("ok".into()),
        }),
    );
    let reg = Registration::of(&run.c, Some(handler())).expect("closed");
    for name in Registration::FIELDS {
        // Only the representative, the cause and the complainant's own
        // comment are empty here.
        if !["representative", "cause", "satisfaction_comment"].contains(name) {
            assert!(reg.field(name).is_some(), "{name} has no value");
        }
    }
    assert_eq!(reg.field("offer_value").as_deref(), Some("120.00"));
    assert_eq!(reg.field("offer_accepted").as_deref(), Some("ja"));
    assert_eq!(
        reg.field("handler_email").as_deref(),
        Some("fatima@focus.example")
    );
    assert_eq!(reg.field("nonsense"), None);
}
