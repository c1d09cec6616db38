//! Authorisation on the complaint pages, per DESIGN §1: who sees a
//! complaint (everyone else gets 404, so existence does not leak), who may
//! do what on it (403 otherwise), and the administrator who sees no
//! complaint content.

use crate::common;
use crate::complaints_support;

use common::spawn_app;
use complaints_support::{Intake, act, act_at, detail, done, org, register, stored_version, today};
use klacht_store::{Store, store_tests};

async fn only_those_connected_and_the_overseers_see_a_complaint<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let reference = format!(
        "K-{}-0001",
        klacht_clock::test_now()
            .in_tz("Europe/Amsterdam")
            .expect("zone")
            .year()
    );
    let paths = [
        format!("/klachten/{id}"),
        format!("/klachten/{reference}"),
        format!("/klachten/{id}/formulier"),
    ];
    let expect = [
        (&o.employee, 200, "registrant"),
        (&o.manager, 200, "responsible manager"),
        (&o.quality, 200, "quality manager sees all"),
        (&o.director, 200, "director sees all"),
        (&o.colleague, 404, "colleague, not connected"),
        (&o.involved, 404, "involved employee"),
        (&o.outsider, 404, "employee of another team"),
        (&o.other_manager, 404, "manager of another team"),
        (&o.admin, 404, "administrator"),
    ];
    for (who, status, why) in expect {
        for path in &paths {
            let r = app.get_as(&who.b, path).await;
            assert_eq!(r.status(), status, "{why}: {path}");
            let body = r.text().await.expect("body");
            if status == 404 {
                assert!(
                    !body.contains("Mevrouw J. de Vries"),
                    "{why}: nothing leaks"
                );
                assert!(!body.contains(&reference), "{why}: not even the reference");
            }
        }
    }
    // A complaint that does not exist looks exactly the same.
    for path in [
        "/klachten/K-2026-9999",
        "/klachten/0190f5a0-0000-7000-8000-000000000000",
        "/klachten/iets",
    ] {
        assert_eq!(
            app.get_as(&o.employee.b, path).await.status(),
            404,
            "{path}"
        );
    }
    // Handling makes it visible: Fatima once she is the handler.
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    detail(&app, &o.colleague, &id).await;
}

async fn posts_on_a_complaint_one_cannot_see_are_404_and_write_nothing<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let v = stored_version(&app, &id).await.to_string();
    let anouk = o.outsider.user.id.to_string();
    for who in [&o.outsider, &o.other_manager, &o.admin, &o.colleague] {
        for (action, fields) in [
            ("afhandelaar", vec![("afhandelaar", anouk.as_str())]),
            (
                "contact",
                vec![
                    ("datum", "geen datum"),
                    ("vorm", "telephone"),
                    ("samenvatting", "x"),
                ],
            ),
            ("afsluiten", vec![]),
            (
                "correctie",
                vec![("wat", "contact"), ("gebeurtenis", "1"), ("reden", "x")],
            ),
        ] {
            let r = act_at(&app, who, &id, action, &v, &fields).await;
            assert_eq!(r.status(), 404, "{} {action}", who.user.name);
            assert!(
                !r.text()
                    .await
                    .expect("body")
                    .contains("Mevrouw J. de Vries")
            );
        }
    }
    assert_eq!(
        stored_version(&app, &id).await.to_string(),
        v,
        "nothing written"
    );
}

async fn what_one_may_see_but_not_do_is_403<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let fatima = o.colleague.user.id.to_string();
    // The registrant sees it but does not assign.
    let page = detail(&app, &o.employee, &id).await;
    assert!(!page.contains("id=\"afhandelaar\""));
    let r = act(
        &app,
        &o.employee,
        &id,
        "afhandelaar",
        &[("afhandelaar", &fatima)],
    )
    .await;
    assert_eq!(r.status(), 403);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Geen toestemming voor &#39;afhandelaar toewijzen&#39;")
            || page.contains("Geen toestemming voor 'afhandelaar toewijzen'")
    );
    assert!(
        page.contains("Mevrouw J. de Vries"),
        "the page is shown again with the refusal"
    );
    // Not allowed comes before whatever is wrong with the input.
    let r = act(
        &app,
        &o.employee,
        &id,
        "contact",
        &[("datum", "gisteren"), ("samenvatting", "")],
    )
    .await;
    assert_eq!(r.status(), 403);
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &fatima)],
    )
    .await;
    let contact = [
        ("datum", today()),
        ("vorm", "telephone".into()),
        ("samenvatting", "Gebeld.".into()),
    ];
    let contact: Vec<(&str, &str)> = contact.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The director oversees but does not record steps unless assisting.
    let page = detail(&app, &o.director, &id).await;
    assert!(!page.contains("id=\"contact\""));
    assert!(
        page.contains("id=\"afhandelaar\""),
        "the director may assign"
    );
    assert_eq!(
        act(&app, &o.director, &id, "contact", &contact)
            .await
            .status(),
        403
    );
    done(&app, &o.colleague, &id, "contact", &contact).await;
    // Nobody but the quality manager closes; here not even she can yet.
    for who in [&o.colleague, &o.manager, &o.director] {
        let r = act(&app, who, &id, "afsluiten", &[]).await;
        assert_eq!(r.status(), 403, "{}", who.user.name);
    }
    let r = act(&app, &o.quality, &id, "afsluiten", &[]).await;
    assert_eq!(r.status(), 409, "not yet: steps 3 and 4 are missing");
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("kan nog niet worden afgesloten")
    );
    let page = detail(&app, &o.quality, &id).await;
    assert!(page.contains("Afsluiten kan nog niet. Nog nodig:"));
    // The involved employee is kept out even when the complaint is visible
    // to them in another capacity: here they are not connected at all.
    assert_eq!(
        app.get_as(&o.involved.b, &format!("/klachten/{id}"))
            .await
            .status(),
        404
    );
}

async fn the_detail_page_offers_exactly_the_allowed_actions<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let forms = [
        "afhandelaar",
        "bijstand",
        "doorsturen",
        "contact",
        "oordeel",
        "aanbod",
        "reactie",
        "acties",
        "formulier-verstuurd",
        "vervallen",
        "escalatie",
        "uitkomst",
        "afsluiten",
        "exact",
        "omzetten",
    ];
    let offered = |page: &str| -> Vec<&str> {
        forms
            .iter()
            .copied()
            .filter(|f| page.contains(&format!("<details class=\"action\" id=\"{f}\"")))
            .collect()
    };
    assert_eq!(
        offered(&detail(&app, &o.manager, &id).await),
        ["afhandelaar", "bijstand", "vervallen"],
        "the responsible manager"
    );
    assert_eq!(
        offered(&detail(&app, &o.employee, &id).await),
        Vec::<&str>::new(),
        "the registrant"
    );
    assert_eq!(
        offered(&detail(&app, &o.quality, &id).await),
        [
            "afhandelaar",
            "bijstand",
            "doorsturen",
            "vervallen",
            "escalatie"
        ],
        "the quality manager"
    );
    assert_eq!(
        offered(&detail(&app, &o.director, &id).await),
        ["afhandelaar", "bijstand", "doorsturen", "escalatie"],
        "the director"
    );
}

async fn the_administrator_sees_no_complaint_content<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    assert_eq!(
        app.get_as(&o.admin.b, "/klachten/nieuw").await.status(),
        403
    );
    let list = app.get_as(&o.admin.b, "/klachten").await;
    assert_eq!(list.status(), 303, "sent to Beheer");
    for path in [
        format!("/klachten/{id}"),
        format!("/klachten/{id}/formulier"),
    ] {
        assert_eq!(app.get_as(&o.admin.b, &path).await.status(), 404, "{path}");
    }
    let r = act_at(&app, &o.admin, &id, "afsluiten", "2", &[]).await;
    assert_eq!(r.status(), 404);
}

/// An agreed action may name an owner from outside the complaint (Anouk,
/// of another team): she reads the complaint her action is about and
/// completes her own action, nothing more; nobody else is let in by it.
async fn the_owner_of_an_action_sees_the_complaint_and_completes_only_hers<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    let page = format!("/klachten/{id}");
    assert_eq!(app.get_as(&o.outsider.b, &page).await.status(), 404);

    let calendar = complaints_support::calendar();
    let notifier = klacht_app::notify::Notifier::disabled();
    let cx = klacht_app::complaints::Context::new(
        &app.store,
        &calendar,
        &notifier,
        klacht_clock::test_now(),
    );
    klacht_app::complaints::act(
        &cx,
        id.parse().expect("id"),
        &o.colleague.user,
        klacht_domain::complaint::Command::AgreeAction {
            description: "Rooster van de zaterdag aanpassen".into(),
            due: None,
            owner: Some(o.outsider.user.id),
        },
        None,
    )
    .await
    .expect("action agreed");
    done(
        &app,
        &o.colleague,
        &id,
        "acties",
        &[("omschrijving", "Excuusbrief sturen"), ("streefdatum", "")],
    )
    .await;

    // Anouk reads it, finds it in her list, and may complete action 1 only.
    let seen = detail(&app, &o.outsider, &id).await;
    assert!(seen.contains("Rooster van de zaterdag aanpassen"), "{seen}");
    assert!(seen.contains("id=\"actie-1\""), "{seen}");
    for form in ["actie-2", "acties", "contact", "afhandelaar", "correctie"] {
        assert!(!seen.contains(&format!("id=\"{form}\"")), "{form}: {seen}");
    }
    assert!(!seen.contains("id=\"nothing-to-do\""), "{seen}");
    let reference = stored_reference(&app, &id).await;
    let list = app.get_as(&o.outsider.b, "/klachten").await;
    assert!(list.text().await.expect("body").contains(&reference));
    let form = app
        .get_as(&o.outsider.b, &format!("{page}/formulier"))
        .await;
    assert_eq!(form.status(), 200);
    let version = stored_version(&app, &id).await;
    let day = today();
    let contact = [
        ("datum", day.as_ref()),
        ("vorm", "telephone"),
        ("samenvatting", "Gebeld."),
    ];
    for (action, fields) in [
        ("acties/2/afgerond", &[][..]),
        ("acties", &[("omschrijving", "Nog iets")][..]),
        ("contact", &contact[..]),
    ] {
        let r = act(&app, &o.outsider, &id, action, fields).await;
        assert_eq!(r.status(), 403, "{action}");
    }
    assert_eq!(stored_version(&app, &id).await, version, "nothing written");
    // Her manager is not let in by it.
    assert_eq!(app.get_as(&o.other_manager.b, &page).await.status(), 404);

    let after = done(
        &app,
        &o.outsider,
        &id,
        "acties/1/afgerond",
        &[("toelichting", "Rooster is aangepast.")],
    )
    .await;
    assert!(after.contains("Actie 1 afgerond."), "{after}");
    assert!(after.contains("Rooster is aangepast."), "{after}");
    // Done, she still reads it, with nothing left to do.
    let seen = detail(&app, &o.outsider, &id).await;
    assert!(!seen.contains("id=\"actie-1\""), "{seen}");
    assert!(seen.contains("id=\"nothing-to-do\""), "{seen}");
}

async fn stored_reference<S: Store>(app: &common::TestApp<S>, id: &str) -> String {
    app.store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored")
        .0
        .reference
        .to_string()
}

store_tests!(
    only_those_connected_and_the_overseers_see_a_complaint,
    posts_on_a_complaint_one_cannot_see_are_404_and_write_nothing,
    what_one_may_see_but_not_do_is_403,
    the_detail_page_offers_exactly_the_allowed_actions,
    the_administrator_sees_no_complaint_content,
    the_owner_of_an_action_sees_the_complaint_and_completes_only_hers,
);
