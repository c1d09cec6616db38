//! The procedure explained where the work is done (issue 16, §2): the
//! help per step on the complaint page (from the regulation file, linked
//! to its article), "Hoe werkt het?" with its generated diagram and the
//! terms of a complaint received today, and the first sign-in tour.

use crate::common;
use crate::complaints_support;

use std::sync::Arc;

use common::{PASSWORD, spawn_app, spawn_app_with};
use complaints_support::{Intake, detail, done, org, register, today};
use klacht_app::config::PublicConfig;
use klacht_clock::ManualClock;
use klacht_domain::Role;
use klacht_store::{Store, store_tests};
use klacht_web::PublicSite;

/// The text between `<details id="uitleg-{anchor}"` and its end.
fn help_block<'a>(page: &'a str, anchor: &str) -> &'a str {
    let start = page
        .find(&format!("<details id=\"uitleg-{anchor}\""))
        .unwrap_or_else(|| panic!("help for {anchor} in {page}"));
    let rest = &page[start..];
    &rest[..rest.find("</details>").expect("closed")]
}

async fn every_step_carries_its_help_with_a_link_to_the_article<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let page = detail(&app, &o.manager, &id).await;
    assert!(page.contains("Wat het reglement per stap vraagt"), "{page}");
    for (anchor, title, says) in [
        ("stap-1", "Stap 1: melden", "dezelfde dag"),
        (
            "stap-2",
            "Stap 2: contact",
            "Neem binnen <strong>2 werkdagen</strong>",
        ),
        (
            "stap-3",
            "Stap 3: besluit en aanbod",
            "<strong>2 weken</strong>",
        ),
        ("stap-4", "Stap 4: vastleggen", "<strong>3 weken</strong>"),
        (
            "escalatie",
            "Niet tevreden: escalatie",
            "onafhankelijke partij",
        ),
        ("afsluiten", "Afsluiten", "klachtendossier"),
    ] {
        let block = help_block(&page, anchor);
        assert!(block.contains(&format!("<summary>{title}")), "{block}");
        assert!(block.contains(says), "{anchor}: {block}");
        assert!(
            block.contains(&format!("href=\"/reglement#{anchor}\"")),
            "{anchor} links its article: {block}"
        );
        assert!(!block.contains("{{"), "placeholders filled: {block}");
    }
    // Registered and reported: contact is next, and its help is open.
    assert!(help_block(&page, "stap-2").contains(" open>"), "{page}");
    assert!(
        help_block(&page, "stap-2").contains("nu aan de beurt"),
        "{page}"
    );
    assert!(!help_block(&page, "stap-1").contains(" open>"));
    // The public regulation has the articles, not the staff's help.
    let public = app.get("/reglement").await.text().await.expect("body");
    for anchor in [
        "stap-1",
        "stap-2",
        "stap-3",
        "stap-4",
        "escalatie",
        "afsluiten",
    ] {
        assert!(public.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
    assert!(!public.contains("Neem binnen"), "{public}");
    assert!(!public.contains("toelichting\n"), "{public}");

    // Once contact is recorded, step 3's help is the open one.
    let _ = done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    let _ = done(
        &app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld."),
        ],
    )
    .await;
    let page = detail(&app, &o.colleague, &id).await;
    assert!(help_block(&page, "stap-3").contains(" open>"), "{page}");
    assert!(!help_block(&page, "stap-2").contains(" open>"));

    // A signal owes no step: the help is there, none of it opened.
    let signal = register(&app, &o.employee, &Intake::signal(&o.involved.user)).await;
    let page = detail(&app, &o.employee, &signal).await;
    assert!(page.contains("id=\"uitleg-stap-1\""), "{page}");
    assert!(!page.contains("nu aan de beurt"), "{page}");
}

/// An organisation's own file: its help where it wrote one, the shipped
/// text where it did not.
async fn an_organisations_own_help_shows_and_gaps_fall_back<S: Store>(store: S) {
    let own = "# Ons reglement\n\n### Melden {#stap-1}\n\nWij melden.\n\n\
               ```toelichting\nBel {{organisatie}} binnen het uur, uiterlijk {{meldtermijn}}.\n```\n";
    let app = spawn_app_with(store, |s| {
        s.with_public(PublicSite::new(own, "Focus", &PublicConfig::default()))
    })
    .await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let page = detail(&app, &o.manager, &id).await;
    assert!(
        help_block(&page, "stap-1").contains("Bel Focus binnen het uur, uiterlijk dezelfde dag."),
        "{page}"
    );
    assert!(
        help_block(&page, "stap-2").contains("Neem binnen <strong>2 werkdagen</strong>"),
        "the shipped text where the file has none"
    );
    let public = app.get("/reglement").await.text().await.expect("body");
    assert!(public.contains("Wij melden."), "{public}");
    assert!(!public.contains("binnen het uur"), "{public}");
}

async fn how_it_works_draws_every_step_with_todays_terms<S: Store>(store: S) {
    // Monday 7 December 2026, 10:00 in Amsterdam.
    let at: jiff::Timestamp = "2026-12-07T09:00:00Z".parse().expect("instant");
    let clock = ManualClock::new(at);
    let app = spawn_app_with(store, move |s| s.with_clock(Arc::new(clock))).await;
    let o = org(&app).await;
    // Not signed in: to the sign-in page.
    let r = app.get("/hoe-werkt-het").await;
    assert_eq!(r.status(), 303);

    let r = app.get_as(&o.employee.b, "/hoe-werkt-het").await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains("<h1>Hoe werkt het?</h1>"), "{page}");
    let svg_start = page.find("<svg").expect("an inline SVG");
    let svg = &page[svg_start..page.find("</svg>").expect("closed svg")];
    assert!(svg.contains("role=\"img\""), "{svg}");
    assert!(svg.contains("<title id=\"diagram-title\">"), "{svg}");
    assert!(svg.contains("<desc id=\"diagram-desc\">"), "{svg}");
    for (anchor, title) in [
        ("stap-1", "Stap 1: melden"),
        ("stap-2", "Stap 2: contact"),
        ("stap-3", "Stap 3: besluit en aanbod"),
        ("stap-4", "Stap 4: vastleggen"),
        ("escalatie", "Niet tevreden: escalatie"),
        ("afsluiten", "Afsluiten"),
    ] {
        assert!(
            svg.contains(&format!("data-anker=\"{anchor}\"")),
            "{anchor}"
        );
        assert!(svg.contains(&format!(">{title}</text>")), "{title}");
    }
    assert!(
        svg.contains(">Uiterlijk woensdag 9 december</text>"),
        "{svg}"
    );
    assert!(
        page.contains(
            "Ontvangen vandaag, maandag 7 december: melden vandaag, contact uiterlijk \
             woensdag 9 december, besluit en aanbod uiterlijk maandag 21 december, \
             vastleggen uiterlijk maandag 28 december."
        ),
        "{page}"
    );
    assert!(page.contains("<td>maandag 28 december 2026</td>"), "{page}");
    // Every role's part, the reader's own marked.
    for role in [
        "Medewerker",
        "Leidinggevende en afhandelaar",
        "Directeur",
        "Kwaliteitsmanager",
    ] {
        assert!(page.contains(role), "{role}");
    }
    assert!(
        page.contains("<dt class=\"mine\">Medewerker (uw rol)</dt>"),
        "{page}"
    );
    // The help per step and the tour, again.
    assert!(page.contains("id=\"uitleg-stap-2\""), "{page}");
    assert!(page.contains("href=\"/?rondleiding=ja\""), "{page}");
    // The administrator's closing days count: the example follows them.
    let r = app
        .post_as(
            &o.admin.b,
            "/beheer/kalender/sluitingsdagen",
            &[("datum", "2026-12-08")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let page = app
        .get_as(&o.employee.b, "/hoe-werkt-het")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("contact uiterlijk donderdag 10 december"),
        "{page}"
    );
    assert!(
        page.contains(">Uiterlijk donderdag 10 december</text>"),
        "{page}"
    );

    // Linked in every staff page's header.
    let start = app
        .get_as(&o.manager.b, "/")
        .await
        .text()
        .await
        .expect("body");
    assert!(start.contains("href=\"/hoe-werkt-het\""), "{start}");
}

async fn the_tour_shows_until_dismissed_and_comes_back_on_request<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    for (who, says) in [
        (&o.employee, "Neemt u een klacht aan?"),
        (&o.manager, "een afhandelaar aanwijst"),
        (&o.quality, "klachtenformulieren die naar u zijn gestuurd"),
        (&o.director, "uw advies vraagt"),
        (&o.admin, "Onder Beheer"),
    ] {
        let page = app.get_as(&who.b, "/").await.text().await.expect("body");
        assert!(page.contains("id=\"rondleiding\""), "{page}");
        assert!(page.contains(says), "{}: {page}", who.user.name);
    }

    // Without the form's token: refused, and the tour stays.
    let r = app
        .client
        .post(app.url("/rondleiding/verbergen"))
        .header("cookie", &o.employee.b.cookie)
        .form(&[("csrf", "verkeerd")])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 403);
    let page = app
        .get_as(&o.employee.b, "/")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("id=\"rondleiding\""));

    // Put away with the form: gone, also after signing in again.
    let r = app
        .post_as(&o.employee.b, "/rondleiding/verbergen", &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(complaints_support::location(&r), "/");
    let page = app
        .get_as(&o.employee.b, "/")
        .await
        .text()
        .await
        .expect("body");
    assert!(!page.contains("id=\"rondleiding\""), "{page}");
    let again = app.login(o.employee.user.email.as_str()).await;
    let page = app.get_as(&again, "/").await.text().await.expect("body");
    assert!(!page.contains("id=\"rondleiding\""), "{page}");
    assert!(
        app.store
            .tour_dismissed(o.employee.user.id)
            .await
            .expect("read")
    );
    // Putting it away twice is harmless.
    let r = app.post_as(&again, "/rondleiding/verbergen", &[]).await;
    assert_eq!(r.status(), 303);

    // Others still see theirs.
    let page = app
        .get_as(&o.manager.b, "/")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("id=\"rondleiding\""));

    // "Hoe werkt het?" links it back onto the start page.
    let page = app
        .get_as(&again, "/?rondleiding=ja")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("id=\"rondleiding\""), "{page}");
    assert!(page.contains("Neemt u een klacht aan?"), "{page}");

    // A new user sees the tour at first sign-in.
    let _ = app
        .user(
            "nieuw@focus.example",
            Role::Employee,
            Some(o.manager.user.id),
        )
        .await;
    let r = app.try_login("nieuw@focus.example", PASSWORD).await;
    assert_eq!(r.status(), 303);
    let b = app.login("nieuw@focus.example").await;
    let page = app.get_as(&b, "/").await.text().await.expect("body");
    assert!(page.contains("Rondleiding: uw startpagina"), "{page}");
}

store_tests!(
    every_step_carries_its_help_with_a_link_to_the_article,
    an_organisations_own_help_shows_and_gaps_fall_back,
    how_it_works_draws_every_step_with_todays_terms,
    the_tour_shows_until_dismissed_and_comes_back_on_request,
);
