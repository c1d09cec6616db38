use jiff::civil::date;
use uuid::Uuid;

use super::*;
use crate::Email;

fn user(n: u128, role: Role) -> User {
    User {
        id: UserId(Uuid::from_u128(n)),
        email: Email::parse(&format!("u{n}@focus.nl")).expect("valid"),
        name: format!("u{n}"),
        role,
        manager: None,
    }
}

fn today() -> Date {
    date(2026, 11, 29)
}

fn new(owner: &User) -> NewImprovement {
    NewImprovement {
        title: " Vaste planners per wijk ".into(),
        description: "Elke wijk krijgt een vaste planner die wijzigingen doorbelt.".into(),
        owner: owner.clone(),
        due_on: date(2027, 2, 1),
        complaints: vec![
            ComplaintId(Uuid::from_u128(7)),
            ComplaintId(Uuid::from_u128(8)),
            ComplaintId(Uuid::from_u128(7)),
        ],
        pattern: Some("category:planning".parse().expect("key")),
    }
}

fn opened(quality: &User, owner: &User) -> ImprovementAction {
    let event = open(new(owner), quality, today()).expect("opens");
    let number = ImprovementNumber::new(2026, 3).expect("valid");
    ImprovementAction::opened(
        Uuid::from_u128(1),
        number,
        &event,
        quality.id,
        Timestamp::UNIX_EPOCH,
    )
    .expect("opened")
}

#[test]
fn the_quality_manager_opens_an_action_for_complaints() {
    let quality = user(2, Role::QualityManager);
    let owner = user(10, Role::Manager);
    let event = open(new(&owner), &quality, today()).expect("opens");
    let ImprovementEvent::Opened {
        title,
        complaints,
        pattern,
        ..
    } = &event
    else {
        panic!("opened")
    };
    assert_eq!(title, "Vaste planners per wijk");
    assert_eq!(complaints.len(), 2, "duplicates dropped");
    assert_eq!(pattern.as_deref(), Some("category:planning"));
    assert_eq!(
        event.describe(),
        "Verbeteractie geopend voor 2 klachten (uiterlijk 01-02-2027)"
    );
    let director = user(1, Role::Director);
    assert!(open(new(&owner), &director, today()).is_ok());
    for who in [
        owner.clone(),
        user(3, Role::Admin),
        user(11, Role::Employee),
    ] {
        assert!(matches!(
            open(new(&owner), &who, today()),
            Err(ImprovementError::NotAllowed(_))
        ));
    }
}

#[test]
fn bad_input_names_its_field() {
    let quality = user(2, Role::QualityManager);
    let owner = user(10, Role::Manager);
    let field = |n: NewImprovement| match open(n, &quality, today()) {
        Err(ImprovementError::Invalid { field, .. }) => field,
        other => panic!("refused expected: {other:?}"),
    };
    assert_eq!(
        field(NewImprovement {
            title: " ".into(),
            ..new(&owner)
        }),
        "titel"
    );
    assert_eq!(
        field(NewImprovement {
            description: "".into(),
            ..new(&owner)
        }),
        "omschrijving"
    );
    assert_eq!(
        field(NewImprovement {
            owner: user(3, Role::Admin),
            ..new(&owner)
        }),
        "eigenaar"
    );
    assert_eq!(
        field(NewImprovement {
            due_on: date(2026, 11, 28),
            ..new(&owner)
        }),
        "streefdatum"
    );
    assert_eq!(
        field(NewImprovement {
            due_on: date(2032, 1, 1),
            ..new(&owner)
        }),
        "streefdatum"
    );
    assert_eq!(
        field(NewImprovement {
            complaints: vec![],
            ..new(&owner)
        }),
        "klachten"
    );
    // Due today is fine.
    assert!(
        open(
            NewImprovement {
                due_on: today(),
                ..new(&owner)
            },
            &quality,
            today()
        )
        .is_ok()
    );
}

#[test]
fn the_owner_moves_the_status_and_closing_needs_an_evaluation() {
    let quality = user(2, Role::QualityManager);
    let owner = user(10, Role::Manager);
    let other = user(11, Role::Manager);
    let mut a = opened(&quality, &owner);
    assert!(a.may_view(&owner) && a.may_view(&quality) && !a.may_view(&other));

    assert!(matches!(
        a.change_status(ImprovementStatus::InProgress, &other),
        Err(ImprovementError::NotAllowed(_))
    ));
    let e = a
        .change_status(ImprovementStatus::InProgress, &owner)
        .expect("owner may");
    assert_eq!(
        e.describe(),
        "Status gewijzigd van 'open' in 'in uitvoering'"
    );
    assert!(a.apply(&e, Timestamp::UNIX_EPOCH));
    assert_eq!((a.status, a.version), (ImprovementStatus::InProgress, 2));
    assert!(matches!(
        a.change_status(ImprovementStatus::InProgress, &owner),
        Err(ImprovementError::WrongState(_))
    ));
    assert!(matches!(
        a.change_status(ImprovementStatus::Done, &owner),
        Err(ImprovementError::Invalid {
            field: "status",
            ..
        })
    ));
    assert!(matches!(
        a.close("  ", &quality),
        Err(ImprovementError::Invalid {
            field: "evaluatie",
            ..
        })
    ));
    let closed = a
        .close(
            "Na drie maanden geen klachten meer over planning.",
            &quality,
        )
        .expect("closes");
    let at = Timestamp::from_second(1_800_000_000).expect("valid");
    assert!(a.apply(&closed, at));
    assert_eq!(a.status, ImprovementStatus::Done);
    assert_eq!(a.closed_at, Some(at));
    assert!(a.evaluation.is_some());
    // Done is final.
    assert!(matches!(
        a.change_status(ImprovementStatus::Open, &quality),
        Err(ImprovementError::WrongState(_))
    ));
    assert!(matches!(
        a.close("nogmaals", &quality),
        Err(ImprovementError::WrongState(_))
    ));
    let again = open(new(&owner), &quality, today()).expect("opens");
    assert!(!a.apply(&again, at));
}

#[test]
fn numbers_statuses_and_events_round_trip() {
    let n = ImprovementNumber::new(2026, 3).expect("valid");
    assert_eq!(n.to_string(), "V-2026-0003");
    assert_eq!("v-2026-0003".parse::<ImprovementNumber>(), Ok(n));
    for bad in ["V-26-0003", "K-2026-0003", "V-2026-3", "V-2026-0000"] {
        assert!(bad.parse::<ImprovementNumber>().is_err(), "{bad}");
    }
    for s in ImprovementStatus::ALL {
        assert_eq!(s.as_str().parse::<ImprovementStatus>(), Ok(s));
    }
    let quality = user(2, Role::QualityManager);
    let owner = user(10, Role::Manager);
    let events = [
        open(new(&owner), &quality, today()).expect("opens"),
        ImprovementEvent::StatusChanged {
            from: ImprovementStatus::Open,
            to: ImprovementStatus::InProgress,
        },
        ImprovementEvent::Closed {
            evaluation: "Werkt.".into(),
        },
    ];
    for e in events {
        let json = serde_json::to_value(&e).expect("json");
        assert_eq!(json["type"], e.kind());
        assert_eq!(
            serde_json::from_value::<ImprovementEvent>(json).expect("parses"),
            e
        );
    }
}
