//! Klachtenformulier v02: the printable complaint form.

use crate::common;
use crate::complaints_support;

use common::spawn_app;
use complaints_support::{Intake, done, org, register, today};
use klacht_store::{Store, store_tests};

async fn the_printable_form_holds_the_complaints_fields<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let intake = Intake::complaint(&o.involved.user)
        .set("kanaal", "letter")
        .set("namens_naam", "Dhr. P. de Vries (zoon)")
        .set("namens_telefoon", "020-7654321")
        .set("oorzaak", "Werkdruk");
    let id = register(&app, &o.employee, &intake).await;
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    done(
        &app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", &today()),
            ("vorm", "face_to_face"),
            ("samenvatting", "Gesprek bij de klant thuis."),
        ],
    )
    .await;
    done(
        &app,
        &o.colleague,
        &id,
        "oordeel",
        &[
            ("oordeel", "partly_founded"),
            ("onderbouwing", "Eén bezoek viel uit."),
        ],
    )
    .await;
    done(
        &app,
        &o.colleague,
        &id,
        "aanbod",
        &[
            ("soort", "replacement_service"),
            ("omschrijving", "Vervangend bezoek op zaterdag."),
            ("waarde", "1.234,50"),
            ("datum", &today()),
        ],
    )
    .await;

    let r = app
        .get_as(&o.colleague.b, &format!("/klachten/{id}/formulier"))
        .await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    let reference = format!(
        "K-{}-0001",
        klacht_clock::test_now()
            .in_tz("Europe/Amsterdam")
            .expect("zone")
            .year()
    );
    for expected in [
        "Klachtenformulier",
        "versie v02",
        reference.as_str(),
        "Focus",
        "piet",
        "☒ brief",
        "☐ telefoon",
        "Mevrouw J. de Vries",
        "j.devries@example.nl",
        "06-12345678",
        "Dorpsstraat 1, 1234 AB Ergens",
        "Dhr. P. de Vries (zoon)",
        "020-7654321",
        "Thuisbegeleiding",
        "joost",
        "De begeleider kwam twee keer niet opdagen.",
        "Planning",
        "Werkdruk",
        "fatima",
        "margriet",
        "☒ face-to-face",
        "Gesprek bij de klant thuis.",
        "☒ deels gegrond",
        "☐ gegrond",
        "Eén bezoek viel uit.",
        "☒ vervangende dienst",
        "Vervangend bezoek op zaterdag.",
        "€ 1.234,50",
        "☐ nog niet verstuurd",
        "☐ nog niet afgesloten",
        "Registratie E-Synergy",
        "Paraaf kwaliteitsmanager",
    ] {
        assert!(page.contains(expected), "{expected} on the form");
    }
    // A paper form: A4 print CSS, no navigation of the application.
    assert!(page.contains("@page { size: A4;"));
    assert!(page.contains("@media print"));
    assert!(!page.contains("<nav"), "no navigation");
    assert!(!page.contains("Uitloggen"));
    assert!(!page.contains("<form"), "nothing to submit");
}

store_tests!(the_printable_form_holds_the_complaints_fields);
