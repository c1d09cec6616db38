//! Classification after intake (DESIGN §6): category and root cause.

use super::*;

fn classify(category: Option<&str>, cause: Option<&str>) -> Command {
    Command::Classify(Classification {
        category: category.map(str::to_owned),
        cause: cause.map(str::to_owned),
    })
}

#[test]
fn the_handler_classifies_and_the_history_keeps_every_classification() {
    let org = org();
    let mut run = handled(&org);
    assert_eq!(run.c.category(), Some("Bereikbaarheid"), "from intake");
    assert_eq!(run.c.cause(), None);

    let events = run.ok(
        &org.colleague,
        classify(Some(" Planning "), Some("Werkdruk")),
    );
    assert_eq!(
        events,
        [Event::Classified(Classification {
            category: Some("Planning".into()),
            cause: Some("Werkdruk".into()),
        })],
        "trimmed"
    );
    assert_eq!(run.c.category(), Some("Planning"));
    assert_eq!(run.c.cause(), Some("Werkdruk"));
    let first = run.seq_of("classified");

    // The responsible manager changes it again; blank clears a value.
    run.ok(&org.manager, classify(Some("Bejegening"), Some("  ")));
    assert_eq!(run.c.category(), Some("Bejegening"));
    assert_eq!(run.c.cause(), None);
    let stamped = run.c.classification().expect("classified");
    assert_eq!(stamped.by, Actor::User(org.manager.id));
    assert!(stamped.seq > first);
    // Intake's own record is untouched; both classifications are history.
    assert_eq!(
        run.c.registration().value.category.as_deref(),
        Some("Bereikbaarheid")
    );
    let lines: Vec<String> = run
        .log
        .iter()
        .filter(|r| r.event.kind() == "classified")
        .map(|r| r.event.describe())
        .collect();
    assert_eq!(
        lines,
        [
            "Indeling vastgelegd: categorie Planning, oorzaak Werkdruk",
            "Indeling vastgelegd: categorie Bejegening, oorzaak niet opgegeven",
        ]
    );
}

#[test]
fn a_classification_must_change_something_and_fit_the_form() {
    let org = org();
    let mut run = handled(&org);
    let err = run.refused(&org.colleague, classify(Some("Bereikbaarheid"), None));
    assert_eq!(err, ComplaintError::invalid(Code::ClassificationUnchanged));
    let long = "x".repeat(201);
    let err = run.refused(&org.colleague, classify(Some(&long), None));
    assert!(matches!(err, ComplaintError::Invalid { .. }) && err.code() == Code::TooLong);
}

#[test]
fn who_may_classify() {
    let org = org();
    let mut run = handled(&org);
    for who in [
        &org.employee,
        &org.involved,
        &org.outsider,
        &org.admin,
        &org.other_manager,
    ] {
        let err = run.refused(who, classify(Some("Planning"), None));
        assert!(
            matches!(err, ComplaintError::NotAllowed(_)),
            "{}: {err}",
            who.name
        );
    }
    run.ok(&org.director, classify(Some("Planning"), None));
    run.ok(&org.quality, classify(Some("Planning"), Some("Werkdruk")));
}

#[test]
fn after_closing_only_the_quality_manager_classifies() {
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.quality, close());
    for who in [&org.colleague, &org.manager, &org.director] {
        let err = run.refused(who, classify(Some("Planning"), None));
        assert!(
            matches!(err, ComplaintError::NotAllowed(_)),
            "{}: {err}",
            who.name
        );
    }
    run.ok(
        &org.quality,
        classify(Some("Planning"), Some("Procedure ontbreekt")),
    );
    assert!(run.c.is_closed());
    assert_eq!(run.c.cause(), Some("Procedure ontbreekt"));
}

#[test]
fn signals_are_classified_too() {
    let org = org();
    let mut run = Run::registered(&org, Kind::Signal);
    run.ok(&org.manager, classify(Some("Planning"), None));
    assert_eq!(run.c.category(), Some("Planning"));
}

#[test]
fn a_classification_is_not_corrected_and_a_corrected_intake_keeps_it() {
    let org = org();
    let mut run = handled(&org);
    run.ok(&org.colleague, classify(Some("Planning"), None));
    let seq = run.seq_of("classified");
    let replacement = Event::Classified(Classification {
        category: Some("Schade".into()),
        cause: None,
    });
    let err = run.refused(
        &org.quality,
        Command::Correct {
            of: seq,
            replacement,
            reason: "r".into(),
        },
    );
    assert!(matches!(err, ComplaintError::WrongState(_)), "{err}");

    // Intake may still be corrected, but not its superseded category.
    let mut changed = run.c.registration().value.clone();
    changed.category = Some("Schade".into());
    let err = run.refused(
        &org.quality,
        Command::Correct {
            of: 1,
            replacement: Event::Registered(Box::new(changed)),
            reason: "r".into(),
        },
    );
    assert!(
        matches!(err, ComplaintError::Invalid { .. }) && err.code() == Code::Reclassified,
        "{err}"
    );
    let mut fixed = run.c.registration().value.clone();
    fixed.description = "Begeleider kwam drie keer niet opdagen.".into();
    run.ok(
        &org.quality,
        Command::Correct {
            of: 1,
            replacement: Event::Registered(Box::new(fixed)),
            reason: "Aantal keren klopte niet".into(),
        },
    );
    assert_eq!(run.c.category(), Some("Planning"));
}
