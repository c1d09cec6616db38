use super::*;

fn tz() -> TimeZone {
    TimeZone::get("Europe/Amsterdam").expect("zone")
}

fn filled() -> NewComplaintForm {
    NewComplaintForm {
        ontvangen: "2026-04-24T10:00".into(),
        klager_naam: "Mevrouw J. de Vries".into(),
        klager_telefoon: "06-12345678".into(),
        omschrijving: "Begeleider kwam niet.".into(),
        ..NewComplaintForm::default()
    }
}

fn now() -> Timestamp {
    "2026-04-24T12:00:00+02:00".parse().expect("instant")
}

fn lists() -> Lists {
    let value = |kind, name: &str| klacht_store::ListValue {
        id: uuid::Uuid::now_v7(),
        kind,
        name: name.into(),
        active: true,
        position: 1,
    };
    Lists {
        categories: vec![value(ListKind::Category, "Planning")],
        causes: vec![value(ListKind::Cause, "Werkdruk")],
    }
}

#[test]
fn category_and_cause_come_from_the_lists() {
    let form = NewComplaintForm {
        categorie: "planning".into(),
        oorzaak: "Werkdruk".into(),
        ..filled()
    };
    let new = form
        .parse(
            &tz(),
            now(),
            &HashSet::new(),
            &lists(),
            klacht_i18n::Tr::default(),
        )
        .expect("parses");
    assert_eq!(new.category.as_deref(), Some("Planning"));
    assert_eq!(new.cause.as_deref(), Some("Werkdruk"));
    let form = NewComplaintForm {
        oorzaak: "Toeval".into(),
        ..filled()
    };
    let errors = form
        .parse(
            &tz(),
            now(),
            &HashSet::new(),
            &lists(),
            klacht_i18n::Tr::default(),
        )
        .expect_err("not on the list");
    assert_eq!(
        errors.get("oorzaak"),
        Some("'Toeval' staat niet in de lijst van oorzaken; kies uit: Werkdruk.")
    );
}

#[test]
fn a_filled_form_becomes_an_intake_in_amsterdam_time() {
    let new = filled()
        .parse(
            &tz(),
            now(),
            &HashSet::new(),
            &lists(),
            klacht_i18n::Tr::default(),
        )
        .expect("parses");
    assert_eq!(new.kind, Kind::Complaint);
    assert_eq!(new.channel, Channel::Phone);
    assert_eq!(
        new.received_at.timestamp().to_string(),
        "2026-04-24T08:00:00Z"
    );
    assert_eq!(new.complainant.phone(), Some("06-12345678"));
    assert!(new.representative.is_none());
}

#[test]
fn every_problem_is_tied_to_its_field() {
    let form = NewComplaintForm {
        soort: "misschien".into(),
        kanaal: "duif".into(),
        ontvangen: "2026-04-25T10:00".into(),
        klager_naam: " ".into(),
        klager_email: "geen-adres".into(),
        klager_telefoon: "12".into(),
        namens_email: "x@y.nl".into(),
        betrokken: vec!["niemand".into()],
        omschrijving: "  ".into(),
        categorie: "Bereikbaarheid".into(),
        ..NewComplaintForm::default()
    };
    let errors = form
        .parse(
            &tz(),
            now(),
            &HashSet::new(),
            &lists(),
            klacht_i18n::Tr::default(),
        )
        .expect_err("refused");
    for field in [
        "soort",
        "kanaal",
        "ontvangen",
        "klager_naam",
        "klager_email",
        "klager_telefoon",
        "namens_naam",
        "betrokken",
        "omschrijving",
        "categorie",
    ] {
        assert!(errors.get(field).is_some(), "{field}: {errors:?}");
    }
    assert_eq!(
        errors.get("ontvangen"),
        Some("Het moment van ontvangst ligt in de toekomst.")
    );
    assert_eq!(
        errors.get("namens_naam"),
        Some("Vul de naam van de vertegenwoordiger in.")
    );
}

#[test]
fn datetime_local_round_trips() {
    let at = now();
    let shown = datetime_local(at, &tz());
    assert_eq!(shown, "2026-04-24T12:00");
    assert_eq!(parse_local(&shown, &tz()).map(|z| z.timestamp()), Some(at));
    assert!(parse_local("24-04-2026", &tz()).is_none());
}
