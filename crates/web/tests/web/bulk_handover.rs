//! Overdracht (issue 16): Margriet moves all of Fatima's open complaints
//! and agreed actions to others in one form; a refused item writes nothing
//! and keeps the form; every move is an event; each new handler or owner
//! gets exactly one mail (real SMTP server) with the list and finds the
//! items on the start page; Fatima is told once; another team's manager
//! and an employee are refused. On SQLite and PostgreSQL.

use crate::common;
use crate::complaints_support;

use common::spawn_app_with;
use complaints_support::{Intake, detail, done, org, register};
use jiff::Timestamp;
use klacht_app::notify::Notifier;
use klacht_jobs::{DeliveryConfig, deliver_due};
use klacht_mail::testing::{Received, SmtpServer};
use klacht_mail::{Address, MailContext, SmtpMailer};
use klacht_store::{Store, store_tests};
use secrecy::SecretString;

const PUBLIC_URL: &str = "https://klachten.focus.example";

fn now() -> Timestamp {
    klacht_clock::test_now()
}

async fn delivered<S: Store>(store: &S, smtp: &SmtpServer) -> Vec<Received> {
    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::bare("klachten@focus.example"),
    )
    .expect("mailer");
    deliver_due(store, &mailer, &DeliveryConfig::default(), now())
        .await
        .expect("delivery round");
    smtp.messages()
}

fn handover_mails(received: &[Received]) -> Vec<&Received> {
    received
        .iter()
        .filter(|m| {
            m.subject.starts_with("Aan u overgedragen") || m.subject.starts_with("Uw werk is")
        })
        .collect()
}

async fn state_of<S: Store>(
    app: &common::TestApp<S>,
    id: &str,
) -> (klacht_store::ComplaintRow, Vec<String>) {
    let (row, events) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    (row, events.into_iter().map(|e| e.kind).collect())
}

async fn a_manager_hands_over_all_work_of_a_team_member_in_one_form<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| {
        s.with_mail(
            Notifier::new(MailContext::new("Focus", PUBLIC_URL)),
            Some(url),
        )
    })
    .await;
    let o = org(&app).await;
    let fatima = o.colleague.user.id.to_string();
    let piet = o.employee.user.id.to_string();
    let joost = o.involved.user.id.to_string();
    let margriet = o.manager.user.id.to_string();
    // Fatima handles two complaints and carries out an action on a third,
    // which Margriet handles herself.
    let c1 = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let c2 = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let c3 = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    for c in [&c1, &c2] {
        done(
            &app,
            &o.manager,
            c,
            "afhandelaar",
            &[("afhandelaar", &fatima)],
        )
        .await;
    }
    done(
        &app,
        &o.manager,
        &c3,
        "afhandelaar",
        &[("afhandelaar", &margriet)],
    )
    .await;
    done(
        &app,
        &o.manager,
        &c3,
        "acties",
        &[
            ("omschrijving", "Nieuwe planning bellen"),
            ("uitvoerder", &fatima),
        ],
    )
    .await;
    let before = handover_mails(&delivered(&app.store, &smtp).await).len();
    assert_eq!(before, 0);
    let page_path = format!("/medewerkers/{fatima}/overdracht");

    // Not Hans's team, and not for an employee.
    assert_eq!(
        app.get_as(&o.other_manager.b, &page_path).await.status(),
        403
    );
    assert_eq!(app.get_as(&o.employee.b, &page_path).await.status(), 403);
    let r = app.post_as(&o.other_manager.b, &page_path, &[]).await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        state_of(&app, &c1).await.0.handler,
        Some(o.colleague.user.id)
    );

    // The page lists all three items, Margriet preselected; linked from
    // Overdragen.
    let page = app
        .get_as(&o.manager.b, &page_path)
        .await
        .text()
        .await
        .expect("body");
    let k1 = format!("klacht-{c1}");
    let k2 = format!("klacht-{c2}");
    let a3 = format!("actie-{c3}-1");
    for key in [&k1, &k2, &a3] {
        assert!(
            page.contains(&format!("data-key=\"{key}\"")),
            "{key}: {page}"
        );
    }
    assert!(page.contains("Nieuwe planning bellen"));
    assert!(
        page.contains(&format!("<option value=\"{margriet}\" selected>")),
        "{page}"
    );
    let overview = app
        .get_as(&o.manager.b, "/afwezigheid/overdragen")
        .await
        .text()
        .await
        .expect("body");
    assert!(overview.contains(&format!("href=\"/medewerkers/{fatima}/overdracht\"")));

    // Joost delivered the service: he may not handle c1. Nothing moves,
    // the form comes back with the reason at that line and the choices.
    let r = app
        .post_as(
            &o.manager.b,
            &page_path,
            &[
                (k1.as_str(), joost.as_str()),
                (k2.as_str(), &piet),
                (a3.as_str(), &piet),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("Er is niets overgedragen"), "{page}");
    assert!(
        page.contains(&format!(
            "id=\"{k1}-fout\">De afhandelaar mag niet betrokken zijn"
        )),
        "{page}"
    );
    assert!(page.contains(&format!("<option value=\"{joost}\" selected>")));
    for c in [&c1, &c2] {
        assert_eq!(state_of(&app, c).await.0.handler, Some(o.colleague.user.id));
    }
    assert_eq!(
        state_of(&app, &c3).await.1.last().map(String::as_str),
        Some("action_agreed")
    );

    // c1 and the action to Piet, c2 to Margriet (the default).
    let r = app
        .post_as(
            &o.manager.b,
            &page_path,
            &[(k1.as_str(), piet.as_str()), (a3.as_str(), &piet)],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let (row1, kinds1) = state_of(&app, &c1).await;
    assert_eq!(row1.handler, Some(o.employee.user.id));
    assert_eq!(kinds1.last().map(String::as_str), Some("handler_assigned"));
    let (row2, kinds2) = state_of(&app, &c2).await;
    assert_eq!(row2.handler, Some(o.manager.user.id));
    assert_eq!(kinds2.last().map(String::as_str), Some("handler_assigned"));
    let (row3, kinds3) = state_of(&app, &c3).await;
    assert_eq!(
        kinds3.last().map(String::as_str),
        Some("action_owner_changed")
    );
    assert!(row3.participants.contains(&o.employee.user.id));
    let timeline = detail(&app, &o.manager, &c3).await;
    assert!(
        timeline.contains("Actie 1 overgedragen aan piet"),
        "{timeline}"
    );
    let page = app
        .get_as(&o.manager.b, &page_path)
        .await
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("geen open klachten of acties over te dragen"),
        "{page}"
    );

    // One mail to Piet with both items, one to Fatima with where each
    // went; none to Margriet, who did it herself.
    let received = delivered(&app.store, &smtp).await;
    let mails = handover_mails(&received);
    assert_eq!(mails.len(), 2, "{mails:#?}");
    let to_piet: Vec<_> = mails.iter().filter(|m| m.to.contains("piet@")).collect();
    assert_eq!(to_piet.len(), 1);
    assert_eq!(
        to_piet[0].subject,
        "Aan u overgedragen: 1 klacht en 1 afgesproken actie van fatima"
    );
    let (ref1, ref3) = (row1.reference.to_string(), row3.reference.to_string());
    assert!(to_piet[0].text.contains(&ref1) && to_piet[0].text.contains(&ref3));
    assert!(to_piet[0].text.contains("Nieuwe planning bellen"));
    assert!(
        !to_piet[0].text.contains(&row2.reference.to_string()),
        "not his"
    );
    assert!(
        to_piet[0]
            .html
            .contains(&format!("{PUBLIC_URL}/klachten/{c1}"))
    );
    let to_fatima: Vec<_> = mails.iter().filter(|m| m.to.contains("fatima@")).collect();
    assert_eq!(to_fatima.len(), 1);
    assert_eq!(
        to_fatima[0].subject,
        "Uw werk is overgedragen: 2 klachten en 1 afgesproken actie"
    );
    assert!(
        to_fatima[0].text.contains("nu bij margriet"),
        "{}",
        to_fatima[0].text
    );
    assert!(to_fatima[0].text.contains("nu bij piet"));
    // Not one mail per item: no "afhandelaar" notice for these moves.
    assert!(
        !received
            .iter()
            .any(|m| m.to.contains("piet@") && m.subject.contains("afhandelaar")),
        "{received:#?}"
    );

    // Piet finds both on his start page.
    let start = app
        .get_as(&o.employee.b, "/")
        .await
        .text()
        .await
        .expect("body");
    assert!(start.contains(&ref1), "{start}");
    assert!(start.contains(&ref3), "{start}");
}

async fn the_quality_manager_hands_over_anyone_and_the_director_actions_too<S: Store>(store: S) {
    let app = common::spawn_app(store).await;
    let o = org(&app).await;
    let anouk = o.outsider.user.id.to_string();
    let hans = o.other_manager.user.id.to_string();
    let c = register(&app, &o.outsider, &Intake::complaint(&o.involved.user)).await;
    done(
        &app,
        &o.other_manager,
        &c,
        "afhandelaar",
        &[("afhandelaar", &hans)],
    )
    .await;
    done(
        &app,
        &o.other_manager,
        &c,
        "acties",
        &[("omschrijving", "Terugbellen"), ("uitvoerder", &anouk)],
    )
    .await;
    let path = format!("/medewerkers/{anouk}/overdracht");
    // Margriet: not her team.
    assert_eq!(app.get_as(&o.manager.b, &path).await.status(), 403);
    // Anouk leaves: her account is deactivated, and her work is still
    // offered for Overdracht.
    let r = app
        .post_as(
            &o.admin.b,
            &format!("/beheer/gebruikers/{anouk}/actief"),
            &[("actief", "nee")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let overview = app
        .get_as(&o.quality.b, "/afwezigheid/overdragen")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        overview.contains(&format!(
            "href=\"/medewerkers/{anouk}/overdracht\">Overdracht van anouk (niet meer actief)"
        )),
        "{overview}"
    );
    // The director takes the action herself (the default).
    let r = app.post_as(&o.director.b, &path, &[]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let page = detail(&app, &o.director, &c).await;
    assert!(page.contains("Actie 1 overgedragen aan ellen"), "{page}");
    // Unknown person: 404.
    let r = app
        .get_as(
            &o.quality.b,
            "/medewerkers/0190f5a0-0000-7000-8000-000000000000/overdracht",
        )
        .await;
    assert_eq!(r.status(), 404);
}

store_tests!(
    a_manager_hands_over_all_work_of_a_team_member_in_one_form,
    the_quality_manager_hands_over_anyone_and_the_director_actions_too,
);
