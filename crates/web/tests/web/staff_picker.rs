//! Pickers that scale (issue 15): "Betrokken medewerkers" on Nieuwe
//! melding shows the reporter's own team and a server-side search (a plain
//! submit that keeps the form), and "Dienst" is the list of services from
//! Beheer. On SQLite and PostgreSQL.

use crate::common;
use crate::complaints_support;
use crate::public_support;

use common::spawn_app;
use complaints_support::{Intake, org, register};
use klacht_domain::Role;
use klacht_store::{Store, store_tests};

async fn page(app: &common::TestApp<impl Store>, who: &complaints_support::Person) -> String {
    let r = app.get_as(&who.b, "/klachten/nieuw").await;
    assert_eq!(r.status(), 200);
    r.text().await.expect("body")
}

fn boxes(html: &str) -> usize {
    html.matches("name=\"betrokken\"").count()
}

async fn the_involved_employees_are_the_own_team_and_a_search<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    for i in 0..30 {
        app.user(
            &format!("medewerker{i:02}@focus.example"),
            Role::Employee,
            Some(o.other_manager.user.id),
        )
        .await;
    }
    let (piet, anouk) = (&o.employee, &o.outsider.user);

    // Piet's own team, not all 39 staff.
    let html = page(&app, piet).await;
    for teammate in [&o.colleague.user, &o.involved.user, &o.manager.user] {
        assert!(html.contains(&teammate.id.to_string()), "{}", teammate.name);
    }
    assert!(!html.contains(&anouk.id.to_string()), "not another team");
    assert_eq!(boxes(&html), 4, "Piet, Fatima, Joost and Margriet");

    // Searching is a submit of the form: what was typed stays, nothing is
    // registered, and the one found can be ticked.
    let intake = Intake::complaint(&o.involved.user)
        .set("zoek_medewerker", "ANOUK")
        .set("actie", "zoeken")
        .set("klager_naam", "Meneer Zoekmans");
    let r = app
        .post_as(&piet.b, "/klachten/nieuw", &intake.pairs())
        .await;
    assert_eq!(r.status(), 200, "a search, not a registration");
    let html = r.text().await.expect("body");
    assert!(html.contains("1 gevonden."), "{html}");
    assert!(html.contains(&format!("value=\"{}\"", anouk.id)));
    assert!(html.contains("Meneer Zoekmans"), "typed values kept");
    assert!(
        html.contains(&format!("value=\"{}\" checked", o.involved.user.id)),
        "Joost, ticked before, stays ticked"
    );
    let complaints = app
        .get_as(&piet.b, "/klachten")
        .await
        .text()
        .await
        .expect("list");
    assert!(
        !complaints.contains("Meneer Zoekmans"),
        "nothing registered"
    );

    // Many matches are capped, the own team first.
    let r = app
        .get_as(&piet.b, "/klachten/nieuw/medewerkers?zoek=medewerker")
        .await;
    assert_eq!(r.status(), 200);
    let fragment = r.text().await.expect("body");
    assert_eq!(boxes(&fragment), 25, "{fragment}");
    assert!(fragment.contains("30 gevonden"), "{fragment}");
    let r = app
        .get_as(&piet.b, "/klachten/nieuw/medewerkers?zoek=focus.example")
        .await;
    let fragment = r.text().await.expect("body");
    let first = fragment.find("name=\"betrokken\"").expect("a box");
    let fatima = fragment
        .find(&o.colleague.user.id.to_string())
        .expect("Fatima");
    let someone_else = fragment.find("medewerker0").unwrap_or(usize::MAX);
    assert!(first < fatima && fatima < someone_else, "own team first");

    // Ticking the one found registers her as involved.
    let id = register(
        &app,
        piet,
        &Intake::complaint(anouk).set("klager_naam", "Meneer Zoekmans"),
    )
    .await;
    let detail = app.get_as(&piet.b, &format!("/klachten/{id}")).await;
    assert!(detail.text().await.expect("body").contains(&anouk.name));
}

async fn the_service_is_chosen_from_the_services_in_beheer<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    // No services yet: a text field, as before.
    let html = page(&app, &o.employee).await;
    assert!(html.contains("<input id=\"dienst\""), "{html}");

    public_support::add_service(&app, &o.admin, "Thuiszorg", None).await;
    public_support::add_service(&app, &o.admin, "Dagbesteding", None).await;
    let html = page(&app, &o.employee).await;
    assert!(html.contains("<select id=\"dienst\""), "{html}");
    assert!(html.contains("<option value=\"Thuiszorg\">Thuiszorg</option>"));
    assert!(html.contains("<option value=\"Dagbesteding\">Dagbesteding</option>"));

    let id = register(
        &app,
        &o.employee,
        &Intake::complaint(&o.involved.user).set("dienst", "Dagbesteding"),
    )
    .await;
    let (row, _) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    assert_eq!(row.service.as_deref(), Some("Dagbesteding"));
}

store_tests! {
    the_involved_employees_are_the_own_team_and_a_search,
    the_service_is_chosen_from_the_services_in_beheer,
}
