//! Beheer: users and teams, categories and causes, the calendar and the
//! log; only for the administrator, every form CSRF-protected.

use crate::common;

use common::{Browser, PASSWORD, TestApp, spawn_app};
use jiff::civil::Date;
use klacht_app::complaints;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Channel, Kind, NewComplaint, Party};
use klacht_domain::terms::Terms;
use klacht_domain::{Email, Role, User};
use klacht_store::{ListKind, Store, store_tests};
use klacht_web::AppState;

struct Org {
    admin: User,
    director: User,
    manager: User,
    employee: User,
}

async fn org<S: Store>(app: &TestApp<S>) -> Org {
    let admin = app.user("tom@focus.example", Role::Admin, None).await;
    let director = app.user("ellen@focus.example", Role::Director, None).await;
    let manager = app
        .user("margriet@focus.example", Role::Manager, Some(director.id))
        .await;
    let employee = app
        .user("piet@focus.example", Role::Employee, Some(manager.id))
        .await;
    Org {
        admin,
        director,
        manager,
        employee,
    }
}

async fn text(r: reqwest::Response) -> String {
    r.text().await.expect("body")
}

/// Posts and expects the redirect of a successful change.
/// Posts and expects the redirect of a successful change; returns the
/// flash message it carries for the next page.
async fn post_ok<S: Store>(
    app: &TestApp<S>,
    b: &Browser,
    path: &str,
    fields: &[(&str, &str)],
) -> String {
    let r = app.post_as(b, path, fields).await;
    let status = r.status();
    let flash = common::set_cookie_value(&r, "klacht_flash").unwrap_or_default();
    assert_eq!(status, 303, "POST {path}: {}", text(r).await);
    percent_decode(&flash)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn user_by_email<S: Store>(store: &S, email: &str) -> klacht_store::UserRecord {
    store
        .user_by_email(&Email::parse(email).expect("valid"))
        .await
        .expect("read")
        .expect("exists")
}

async fn log_kinds<S: Store>(store: &S) -> Vec<String> {
    let mut kinds: Vec<String> = store
        .admin_log(None, 500)
        .await
        .expect("log")
        .items
        .into_iter()
        .map(|e| e.kind)
        .collect();
    kinds.reverse();
    kinds
}

async fn only_the_administrator_may_use_beheer<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let quality = app
        .user("sanne@focus.example", Role::QualityManager, None)
        .await;
    let admin = app.login(o.admin.email.as_str()).await;
    let mut others = Vec::new();
    for user in [&o.employee, &o.manager, &quality, &o.director] {
        others.push((user.email.to_string(), app.login(user.email.as_str()).await));
    }
    for path in [
        "/beheer",
        "/beheer/gebruikers",
        &format!("/beheer/gebruikers/{}", o.employee.id),
        "/beheer/lijst/categorieen",
        "/beheer/lijst/oorzaken",
        "/beheer/kalender",
        "/beheer/logboek",
    ] {
        assert_eq!(app.get_as(&admin, path).await.status(), 200, "{path}");
        for (email, b) in &others {
            assert_eq!(app.get_as(b, path).await.status(), 403, "{path} as {email}");
        }
    }
    // POSTs are checked on the server too, not only hidden in the menu.
    let director = app.login(o.director.email.as_str()).await;
    let categories = app
        .store
        .list_values(ListKind::Category)
        .await
        .expect("list");
    let planning = categories
        .iter()
        .find(|c| c.name == "Planning")
        .expect("seeded");
    for (path, fields) in [
        (
            "/beheer/gebruikers".to_string(),
            vec![
                ("email", "nieuw@focus.example"),
                ("naam", "Nieuw"),
                ("rol", "director"),
                ("wachtwoord", "een lang wachtwoord"),
            ],
        ),
        (
            format!("/beheer/gebruikers/{}", o.employee.id),
            vec![("rol", "director"), ("leidinggevende", "")],
        ),
        (
            format!("/beheer/gebruikers/{}/actief", o.admin.id),
            vec![("actief", "nee")],
        ),
        (
            "/beheer/lijst/categorieen".to_string(),
            vec![("naam", "Eigen")],
        ),
        (
            format!("/beheer/lijst/categorieen/{}/naam", planning.id),
            vec![("naam", "Anders")],
        ),
        (
            format!("/beheer/lijst/categorieen/{}/actief", planning.id),
            vec![("actief", "nee")],
        ),
        (
            "/beheer/kalender/opties".to_string(),
            vec![("goede_vrijdag", "ja")],
        ),
        (
            "/beheer/kalender/sluitingsdagen".to_string(),
            vec![("datum", "2030-12-24")],
        ),
        (
            "/beheer/kalender/sluitingsdagen/verwijderen".to_string(),
            vec![("datum", "2030-12-24")],
        ),
    ] {
        let r = app.post_as(&director, &path, &fields).await;
        assert_eq!(r.status(), 403, "POST {path}");
    }
    assert!(log_kinds(&app.store).await.is_empty(), "nothing changed");
    assert!(
        app.store
            .user_by_email(&Email::parse("nieuw@focus.example").expect("valid"))
            .await
            .expect("read")
            .is_none()
    );
    assert_eq!(
        app.store
            .list_values(ListKind::Category)
            .await
            .expect("list"),
        categories
    );
}

async fn forms_without_the_csrf_token_are_refused<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let admin = app.login(o.admin.email.as_str()).await;
    let forged = Browser {
        cookie: admin.cookie.clone(),
        csrf: "0".repeat(64),
    };
    let fields = [
        ("email", "nieuw@focus.example"),
        ("naam", "Nieuw"),
        ("rol", "employee"),
        ("leidinggevende", &o.manager.id.to_string()),
        ("wachtwoord", "een lang wachtwoord"),
    ];
    let r = app.post_as(&forged, "/beheer/gebruikers", &fields).await;
    assert_eq!(r.status(), 403);
    assert!(
        text(r)
            .await
            .contains("Het formulier is verlopen of ongeldig")
    );
    // No token at all.
    let r = app
        .client
        .post(app.url("/beheer/kalender/sluitingsdagen"))
        .header("cookie", &admin.cookie)
        .form(&[("datum", "2030-12-24")])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 403);
    assert!(log_kinds(&app.store).await.is_empty());
    assert_eq!(app.store.setting("calendar").await.expect("read"), None);
}

async fn users_are_created_edited_and_deactivated<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let admin = app.login(o.admin.email.as_str()).await;
    let manager_id = o.manager.id.to_string();
    let flash = post_ok(
        &app,
        &admin,
        "/beheer/gebruikers",
        &[
            ("email", "Fatima@Focus.example"),
            ("naam", "  Fatima el Amrani "),
            ("rol", "employee"),
            ("leidinggevende", &manager_id),
            ("wachtwoord", PASSWORD),
        ],
    )
    .await;
    assert_eq!(
        flash,
        "Gebruiker Fatima el Amrani (fatima@focus.example) aangemaakt."
    );
    let fatima = user_by_email(&app.store, "fatima@focus.example").await;
    assert_eq!(fatima.user.name, "Fatima el Amrani");
    assert_eq!(fatima.user.role, Role::Employee);
    assert_eq!(fatima.user.manager, Some(o.manager.id));
    assert!(fatima.active);
    let hash = fatima.password_hash.clone().expect("a password");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert_eq!(
        app.try_login("fatima@focus.example", PASSWORD)
            .await
            .status(),
        303
    );

    // The list shows her, and the team of her manager.
    let page = text(app.get_as(&admin, "/beheer/gebruikers").await).await;
    assert!(page.contains("data-email=\"fatima@focus.example\""));
    let team = page.split("<h3>margriet").nth(1).expect("team of margriet");
    let team = team.split("<h3>").next().unwrap_or_default();
    assert!(team.contains("Fatima el Amrani (medewerker)") && team.contains("piet (medewerker)"));

    // Edit role and manager.
    let director_id = o.director.id.to_string();
    post_ok(
        &app,
        &admin,
        &format!("/beheer/gebruikers/{}", fatima.user.id),
        &[("rol", "manager"), ("leidinggevende", &director_id)],
    )
    .await;
    let fatima = user_by_email(&app.store, "fatima@focus.example").await;
    assert_eq!(fatima.user.role, Role::Manager);
    assert_eq!(fatima.user.manager, Some(o.director.id));
    // An employee needs a manager; a circle is refused.
    let r = app
        .post_as(
            &admin,
            &format!("/beheer/gebruikers/{}", fatima.user.id),
            &[("rol", "employee"), ("leidinggevende", "")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        text(r)
            .await
            .contains("Een medewerker heeft een direct leidinggevende.")
    );
    let fatima_id = fatima.user.id.to_string();
    let r = app
        .post_as(
            &admin,
            &format!("/beheer/gebruikers/{}", o.director.id),
            &[("rol", "director"), ("leidinggevende", &fatima_id)],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(text(r).await.contains("leidinggevende van zichzelf"));

    // Deactivate: signed out at once, and sign-in is refused.
    let session = app.login("fatima@focus.example").await;
    assert_eq!(app.get_as(&session, "/wachtwoord").await.status(), 200);
    post_ok(
        &app,
        &admin,
        &format!("/beheer/gebruikers/{}/actief", fatima.user.id),
        &[("actief", "nee")],
    )
    .await;
    assert!(
        !user_by_email(&app.store, "fatima@focus.example")
            .await
            .active
    );
    assert_eq!(
        app.get_as(&session, "/wachtwoord").await.status(),
        303,
        "signed out"
    );
    let r = app.try_login("fatima@focus.example", PASSWORD).await;
    assert_eq!(r.status(), 401);
    assert!(text(r).await.contains("E-mailadres of wachtwoord onjuist."));
    let page = text(app.get_as(&admin, "/beheer/gebruikers").await).await;
    assert!(page.contains("Fatima el Amrani (inactief)"));
    // The administrator cannot lock themselves out.
    let r = app
        .post_as(
            &admin,
            &format!("/beheer/gebruikers/{}/actief", o.admin.id),
            &[("actief", "nee")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(user_by_email(&app.store, "tom@focus.example").await.active);
    // Reactivate.
    post_ok(
        &app,
        &admin,
        &format!("/beheer/gebruikers/{}/actief", fatima.user.id),
        &[("actief", "ja")],
    )
    .await;
    assert_eq!(
        app.try_login("fatima@focus.example", PASSWORD)
            .await
            .status(),
        303
    );

    assert_eq!(
        log_kinds(&app.store).await,
        [
            "user.created",
            "user.updated",
            "user.deactivated",
            "user.reactivated"
        ]
    );
}

async fn a_duplicate_email_is_refused_and_keeps_what_was_typed<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let admin = app.login(o.admin.email.as_str()).await;
    let manager_id = o.manager.id.to_string();
    let r = app
        .post_as(
            &admin,
            "/beheer/gebruikers",
            &[
                ("email", "PIET@focus.example"),
                ("naam", "Piet Tweede"),
                ("rol", "employee"),
                ("leidinggevende", &manager_id),
                ("wachtwoord", "geheim wachtwoord 1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(
        html.contains("Er bestaat al een gebruiker met het e-mailadres piet@focus.example."),
        "{html}"
    );
    assert!(
        html.contains("value=\"PIET@focus.example\""),
        "typed e-mail kept"
    );
    assert!(html.contains("value=\"Piet Tweede\""), "typed name kept");
    assert!(
        html.contains(&format!("<option value=\"{manager_id}\" selected>")),
        "chosen manager kept"
    );
    assert!(
        !html.contains("geheim wachtwoord 1"),
        "the password is never echoed"
    );
    let piet = user_by_email(&app.store, "piet@focus.example").await;
    assert_eq!(piet.user.name, "piet", "the existing user is untouched");
    // A short password and a bad address are refused the same way.
    let r = app
        .post_as(
            &admin,
            "/beheer/gebruikers",
            &[
                ("email", "kort@focus.example"),
                ("naam", "Kort"),
                ("rol", "director"),
                ("wachtwoord", "kort"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(text(r).await.contains("minstens 10 tekens"));
    assert!(
        log_kinds(&app.store).await.is_empty(),
        "refusals are not changes"
    );
}

async fn categories_and_causes_are_kept_by_the_administrator<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let admin = app.login(o.admin.email.as_str()).await;
    let names = |values: &[klacht_store::ListValue]| {
        values.iter().map(|v| v.name.clone()).collect::<Vec<_>>()
    };
    let categories = app
        .store
        .list_values(ListKind::Category)
        .await
        .expect("list");
    assert_eq!(
        names(&categories),
        [
            "Bejegening",
            "Planning",
            "Kwaliteit van dienst",
            "Kwaliteit van zorg",
            "Facturatie",
            "Schade",
            "Veiligheid",
            "Communicatie",
            "Overig"
        ]
    );
    let causes = app.store.list_values(ListKind::Cause).await.expect("list");
    assert_eq!(causes.len(), 7);
    assert!(causes.iter().all(|c| c.active));

    post_ok(
        &app,
        &admin,
        "/beheer/lijst/categorieen",
        &[("naam", " Wachttijd ")],
    )
    .await;
    let r = app
        .post_as(&admin, "/beheer/lijst/categorieen", &[("naam", "PLANNING")])
        .await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(
        html.contains("De categorie &#39;PLANNING&#39; bestaat al.")
            || html.contains("De categorie 'PLANNING' bestaat al."),
        "{html}"
    );
    assert!(html.contains("value=\"PLANNING\""), "typed name kept");

    let planning = categories
        .iter()
        .find(|c| c.name == "Planning")
        .expect("seeded");
    post_ok(
        &app,
        &admin,
        &format!("/beheer/lijst/categorieen/{}/naam", planning.id),
        &[("naam", "Planning en roosters")],
    )
    .await;
    let r = app
        .post_as(
            &admin,
            &format!("/beheer/lijst/categorieen/{}/naam", planning.id),
            &[("naam", "schade")],
        )
        .await;
    assert_eq!(r.status(), 422, "renaming onto another name is refused");
    post_ok(
        &app,
        &admin,
        &format!("/beheer/lijst/categorieen/{}/actief", planning.id),
        &[("actief", "nee")],
    )
    .await;
    let werkdruk = causes
        .iter()
        .find(|c| c.name == "Werkdruk")
        .expect("seeded");
    post_ok(
        &app,
        &admin,
        &format!("/beheer/lijst/oorzaken/{}/actief", werkdruk.id),
        &[("actief", "nee")],
    )
    .await;
    post_ok(
        &app,
        &admin,
        "/beheer/lijst/oorzaken",
        &[("naam", "Planning")],
    )
    .await;

    let categories = app
        .store
        .list_values(ListKind::Category)
        .await
        .expect("list");
    let renamed = categories
        .iter()
        .find(|c| c.id == planning.id)
        .expect("kept");
    assert_eq!(renamed.name, "Planning en roosters");
    assert!(!renamed.active);
    assert_eq!(
        categories.last().map(|c| c.name.as_str()),
        Some("Wachttijd")
    );
    let causes = app.store.list_values(ListKind::Cause).await.expect("list");
    assert!(
        !causes
            .iter()
            .find(|c| c.id == werkdruk.id)
            .expect("kept")
            .active
    );
    assert!(
        causes.iter().any(|c| c.name == "Planning"),
        "names are per list"
    );
    let page = text(app.get_as(&admin, "/beheer/lijst/categorieen").await).await;
    assert!(page.contains("data-name=\"Planning en roosters\""));
    assert!(page.contains("vervallen"));
    // An unknown list or value is not found.
    assert_eq!(
        app.get_as(&admin, "/beheer/lijst/kleuren").await.status(),
        404
    );
    let r = app
        .post_as(
            &admin,
            "/beheer/lijst/categorieen/00000000-0000-0000-0000-000000000000/naam",
            &[("naam", "Nergens")],
        )
        .await;
    assert_eq!(r.status(), 404);

    assert_eq!(
        log_kinds(&app.store).await,
        [
            "category.added",
            "category.renamed",
            "category.deactivated",
            "cause.deactivated",
            "cause.added"
        ]
    );
}

/// The first working day after `day`.
fn next_working_day(cal: &WorkingCalendar, day: Date) -> Date {
    cal.add_working_days(day, 1)
}

fn dutch_month(d: Date) -> &'static str {
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ][usize::from(d.month().unsigned_abs()) - 1]
}

/// How the start page writes a date, without the weekday.
fn long_date(d: Date) -> String {
    format!("{} {} {}", d.day(), dutch_month(d), d.year())
}

async fn the_stored_calendar_drives_the_terms_on_every_instance<S: Store>(store: S) {
    let app = spawn_app(store.clone()).await;
    let other_instance = spawn_app(store.clone()).await;
    let o = org(&app).await;
    let admin = app.login(o.admin.email.as_str()).await;
    let state = AppState::new(
        store.clone(),
        WorkingCalendar::netherlands_default(),
        "Focus",
    );

    let before = state.calendar().await.expect("calendar");
    let now = klacht_clock::test_now();
    let today = before.local_date(now);
    let old = Terms::compute(now, &before);
    let closing = next_working_day(&before, today);
    assert!(closing <= old.contact);

    post_ok(
        &app,
        &admin,
        "/beheer/kalender/sluitingsdagen",
        &[("datum", &closing.to_string())],
    )
    .await;
    let after = state.calendar().await.expect("calendar");
    assert_eq!(after.holiday(closing), Some("Sluitingsdag"));
    let new = Terms::compute(now, &after);
    assert_eq!(new.contact, after.add_working_days(today, 2));
    assert_ne!(new.contact, old.contact, "the contact term moved");

    // A complaint registered now gets the new terms.
    let row = {
        let c = complaints::register(
            &store,
            &after,
            &klacht_app::notify::Notifier::disabled(),
            &o.employee,
            NewComplaint {
                kind: Kind::Complaint,
                channel: Channel::Desk,
                received_at: now.to_zoned(after.time_zone().clone()),
                complainant: Party::new("Dhr. Jansen", None, Some("06-12345678"), None)
                    .expect("party"),
                representative: None,
                service: None,
                involved_employees: Vec::new(),
                description: "Niemand aan de balie".into(),
                category: None,
                cause: None,
            },
            now,
        )
        .await
        .expect("registered");
        store
            .load_stream(c.id())
            .await
            .expect("load")
            .expect("stored")
            .0
    };
    assert_eq!(row.contact_due, new.contact);

    // Both instances' start pages show the new contact term.
    for instance in [&app, &other_instance] {
        let start = text(instance.get("/").await).await;
        assert!(start.contains(&long_date(new.contact)), "{start}");
    }
    // The calendar page lists the closing day among this year's days off.
    let page = text(app.get_as(&admin, "/beheer/kalender").await).await;
    assert!(page.contains(&format!("data-date=\"{closing}\"")));
    assert!(page.contains(&format!("Vrije dagen {}", today.year())));
    assert!(page.contains(&format!("Vrije dagen {}", today.year() + 1)));
    assert!(page.contains("Koningsdag") && page.contains("Sluitingsdag"));
    let r = app
        .post_as(
            &admin,
            "/beheer/kalender/sluitingsdagen",
            &[("datum", &closing.to_string())],
        )
        .await;
    assert_eq!(r.status(), 422, "added twice");
    let r = app
        .post_as(
            &admin,
            "/beheer/kalender/sluitingsdagen",
            &[("datum", "24-12-2026")],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        text(r).await.contains("value=\"24-12-2026\""),
        "typed date kept"
    );

    // Options: Goede Vrijdag and Bevrijdingsdag every year.
    post_ok(
        &app,
        &admin,
        "/beheer/kalender/opties",
        &[("goede_vrijdag", "ja"), ("bevrijdingsdag", "ja")],
    )
    .await;
    let cal = state.calendar().await.expect("calendar");
    assert!(cal.options().good_friday && cal.options().liberation_day_yearly);
    assert_eq!(
        cal.holiday(jiff::civil::date(2026, 4, 3)),
        Some("Goede Vrijdag")
    );
    assert_eq!(
        cal.holiday(jiff::civil::date(2027, 5, 5)),
        Some("Bevrijdingsdag")
    );
    let page = text(app.get_as(&admin, "/beheer/kalender").await).await;
    assert!(page.contains("Goede Vrijdag"));
    post_ok(
        &app,
        &admin,
        "/beheer/kalender/opties",
        &[("goede_vrijdag", "ja")],
    )
    .await;
    assert!(
        !state
            .calendar()
            .await
            .expect("calendar")
            .options()
            .liberation_day_yearly
    );
    post_ok(&app, &admin, "/beheer/kalender/opties", &[]).await;
    assert!(
        !state
            .calendar()
            .await
            .expect("calendar")
            .options()
            .good_friday
    );

    // Removing the closing day brings the old terms back.
    post_ok(
        &app,
        &admin,
        "/beheer/kalender/sluitingsdagen/verwijderen",
        &[("datum", &closing.to_string())],
    )
    .await;
    let back = state.calendar().await.expect("calendar");
    assert_eq!(back.holiday(closing), None);
    assert_eq!(Terms::compute(now, &back), old);

    assert_eq!(
        log_kinds(&app.store).await,
        [
            "calendar.closing_day_added",
            "calendar.options",
            "calendar.options",
            "calendar.options",
            "calendar.closing_day_removed"
        ]
    );
}

async fn every_change_appears_in_the_logboek<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let admin = app.login(o.admin.email.as_str()).await;
    let manager_id = o.manager.id.to_string();
    post_ok(
        &app,
        &admin,
        "/beheer/gebruikers",
        &[
            ("email", "lotte@focus.example"),
            ("naam", "Lotte van Dijk"),
            ("rol", "employee"),
            ("leidinggevende", &manager_id),
            ("wachtwoord", PASSWORD),
        ],
    )
    .await;
    let lotte = user_by_email(&app.store, "lotte@focus.example").await;
    post_ok(
        &app,
        &admin,
        &format!("/beheer/gebruikers/{}/actief", lotte.user.id),
        &[("actief", "nee")],
    )
    .await;
    post_ok(
        &app,
        &admin,
        "/beheer/lijst/oorzaken",
        &[("naam", "Onderbezetting")],
    )
    .await;
    post_ok(
        &app,
        &admin,
        "/beheer/kalender/sluitingsdagen",
        &[("datum", "2030-12-24")],
    )
    .await;
    let html = text(app.get_as(&admin, "/beheer/logboek").await).await;
    let rows: Vec<&str> = html.split("<tr><td").skip(1).collect();
    assert_eq!(rows.len(), 4, "{html}");
    // Newest first; each says who, when and what.
    assert!(rows[0].contains("sluitingsdag toegevoegd") && rows[0].contains("24-12-2030"));
    assert!(rows[1].contains("oorzaak toegevoegd") && rows[1].contains("Onderbezetting"));
    assert!(rows[2].contains("gebruiker gedeactiveerd") && rows[2].contains("lotte@focus.example"));
    assert!(rows[3].contains("gebruiker aangemaakt") && rows[3].contains("Lotte van Dijk"));
    assert!(
        rows.iter()
            .all(|r| r.contains("<td data-label=\"Door\">tom</td>")),
        "by the administrator"
    );
    let today = klacht_clock::test_now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").expect("zone"))
        .strftime("%d-%m-%Y")
        .to_string();
    assert!(rows.iter().all(|r| r.contains(&today)), "when");
    let entries = app.store.admin_log(None, 10).await.expect("log").items;
    assert!(entries.iter().all(|e| e.actor == Some(o.admin.id)));

    // Keyset pagination of the log: pages of one cover all four once.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = app.store.admin_log(after, 1).await.expect("page");
        seen.extend(page.items.iter().map(|e| e.id));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, entries.iter().map(|e| e.id).collect::<Vec<_>>());
}

store_tests!(
    only_the_administrator_may_use_beheer,
    forms_without_the_csrf_token_are_refused,
    users_are_created_edited_and_deactivated,
    a_duplicate_email_is_refused_and_keeps_what_was_typed,
    categories_and_causes_are_kept_by_the_administrator,
    the_stored_calendar_drives_the_terms_on_every_instance,
    every_change_appears_in_the_logboek,
);
