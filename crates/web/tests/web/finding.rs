//! Finding things (issue 15 §6): Mijn klachten's search and filters (a
//! plain GET form that keeps its values and combines with paging; closed
//! complaints out of the default view), saved views of the overview (per
//! user, named, deletable, in the Logboek), and the bulk actions on Mijn
//! klachten: reassigning selected complaints (one mail to the new
//! afhandelaar through a real SMTP server, the items on their start page)
//! and classifying them, all or nothing. On SQLite and PostgreSQL.

use crate::common;
use crate::complaints_support;

use common::{TestApp, spawn_app, spawn_app_with};
use complaints_support::{Intake, Org, Person, done, follow, location, org, register, today};
use jiff::{SignedDuration, Timestamp, ToSpan};
use klacht_app::notify::Notifier;
use klacht_jobs::{DeliveryConfig, deliver_due};
use klacht_mail::testing::SmtpServer;
use klacht_mail::{Address, MailContext, SmtpMailer};
use klacht_store::{Store, store_tests};
use secrecy::SecretString;

async fn page<S: Store>(app: &TestApp<S>, who: &Person, path: &str) -> String {
    let r = app.get_as(&who.b, path).await;
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.expect("body")
}

async fn reference<S: Store>(app: &TestApp<S>, id: &str) -> String {
    row(app, id).await.reference.to_string()
}

async fn row<S: Store>(app: &TestApp<S>, id: &str) -> klacht_store::ComplaintRow {
    app.store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored")
        .0
}

async fn kinds<S: Store>(app: &TestApp<S>, id: &str) -> Vec<String> {
    app.store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored")
        .1
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

/// Whether the list shows the complaint (its row).
fn lists(page: &str, id: &str) -> bool {
    page.contains(&format!("data-complaint=\"{id}\""))
}

/// Registered by Piet twenty days ago, handled by Fatima, closed by
/// Sanne.
async fn closed<S: Store>(app: &TestApp<S>, o: &Org) -> String {
    let received = klacht_clock::test_now() - SignedDuration::from_hours(20 * 24);
    let id = register(
        app,
        &o.employee,
        &Intake::complaint(&o.involved.user)
            .set("klager_naam", "Chris Closed")
            .received(received),
    )
    .await;
    let fatima = o.colleague.user.id.to_string();
    done(
        app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &fatima)],
    )
    .await;
    let today = today();
    let who = &o.colleague;
    done(
        app,
        who,
        &id,
        "contact",
        &[
            ("datum", &today),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld."),
        ],
    )
    .await;
    done(
        app,
        who,
        &id,
        "oordeel",
        &[("oordeel", "founded"), ("onderbouwing", "Niet nagekomen.")],
    )
    .await;
    done(
        app,
        who,
        &id,
        "aanbod",
        &[
            ("soort", "extra_service"),
            ("omschrijving", "Een extra bezoek."),
            ("datum", &today),
        ],
    )
    .await;
    done(app, who, &id, "formulier-verstuurd", &[]).await;
    done(app, &o.quality, &id, "afsluiten", &[]).await;
    id
}

async fn my_complaints_are_searched_and_filtered_and_closed_ones_stay_out<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let bus = register(
        &app,
        &o.employee,
        &Intake::complaint(&o.involved.user).set("klager_naam", "Bram Bus"),
    )
    .await;
    let bill = register(
        &app,
        &o.employee,
        &Intake::complaint(&o.involved.user)
            .set("klager_naam", "Olga Overig")
            .set("omschrijving", "De factuur klopt niet."),
    )
    .await;
    let shut = closed(&app, &o).await;

    // The default view: what is not closed; a plain GET form.
    let list = page(&app, &o.employee, "/klachten").await;
    assert!(list.contains("<form method=\"get\" action=\"/klachten\""));
    assert!(lists(&list, &bus) && lists(&list, &bill), "{list}");
    assert!(!lists(&list, &shut), "closed stays out by default");
    let list = page(&app, &o.employee, "/klachten?weergave=afgesloten").await;
    assert!(lists(&list, &shut) && !lists(&list, &bus) && !lists(&list, &bill));
    assert!(
        list.contains("<option value=\"afgesloten\" selected>"),
        "kept"
    );
    let list = page(&app, &o.employee, "/klachten?weergave=alle").await;
    assert!(lists(&list, &shut) && lists(&list, &bus) && lists(&list, &bill));

    // Search on name, text and reference, as on the overview; the field
    // keeps what was typed.
    let list = page(&app, &o.employee, "/klachten?zoek=bram").await;
    assert!(lists(&list, &bus) && !lists(&list, &bill));
    assert!(list.contains("name=\"zoek\" type=\"search\" value=\"bram\""));
    let list = page(&app, &o.employee, "/klachten?zoek=FACTUUR").await;
    assert!(lists(&list, &bill) && !lists(&list, &bus));
    // A part of a word, through the search index (migration 0028).
    let list = page(&app, &o.employee, "/klachten?zoek=aCTuu").await;
    assert!(lists(&list, &bill) && !lists(&list, &bus));
    let r = reference(&app, &bill).await;
    let list = page(&app, &o.employee, &format!("/klachten?zoek={r}")).await;
    assert!(lists(&list, &bill) && !lists(&list, &bus));
    // The closed one is found only when asked for.
    let list = page(&app, &o.employee, "/klachten?zoek=chris").await;
    assert!(!lists(&list, &shut));
    assert!(list.contains("Geen klachten gevonden met deze filters"));
    let list = page(&app, &o.employee, "/klachten?zoek=chris&weergave=alle").await;
    assert!(lists(&list, &shut));

    // Term status: both open ones are on time, none is late.
    let list = page(&app, &o.employee, "/klachten?termijn=op_tijd").await;
    assert!(lists(&list, &bus) && lists(&list, &bill));
    let list = page(&app, &o.employee, "/klachten?termijn=te_laat").await;
    assert!(!lists(&list, &bus) && !lists(&list, &bill));
    assert!(list.contains("<option value=\"te_laat\" selected>"));

    // A bad value is reported on the page, not a failure.
    let list = page(
        &app,
        &o.employee,
        "/klachten?weergave=vrolijk&termijn=morgen",
    )
    .await;
    assert!(list.contains("Onbekende weergave"), "{list}");
    assert!(list.contains("Onbekende termijnstatus"));
    assert!(lists(&list, &bus));

    // Search stays within what the user may see.
    let list = page(&app, &o.outsider, "/klachten?zoek=bram&weergave=alle").await;
    assert!(!lists(&list, &bus));
}

async fn filters_combine_with_paging<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let cal = complaints_support::calendar();
    let now = klacht_clock::test_now();
    // 51 complaints that match, and one that does not, straight through
    // the service (the form is tested above).
    for n in 0..52 {
        let name = if n == 51 {
            "Iemand Anders".to_owned()
        } else {
            format!("Zoekbare Klager {n}")
        };
        let intake = klacht_domain::complaint::NewComplaint {
            kind: klacht_domain::complaint::Kind::Complaint,
            channel: klacht_domain::complaint::Channel::Letter,
            received_at: (now - (24 * n).hours()).to_zoned(cal.time_zone().clone()),
            complainant: klacht_domain::complaint::Party::new(&name, None, None, None)
                .expect("party"),
            representative: None,
            service: None,
            involved_employees: vec![],
            description: "Brief".into(),
            category: None,
            cause: None,
        };
        klacht_app::complaints::register(
            &app.store,
            &cal,
            &Notifier::disabled(),
            &o.employee.user,
            intake,
            now,
        )
        .await
        .expect("registered");
    }
    let rows = |page: &str| page.matches("<a class=\"ref\"").count();
    let first = page(&app, &o.employee, "/klachten?zoek=zoekbare").await;
    assert_eq!(rows(&first), 50);
    assert!(!first.contains("Iemand Anders"));
    let marker = "href=\"/klachten?zoek=zoekbare&#38;na=";
    let at = first.find(marker).expect("the next page keeps the search") + marker.len();
    let cursor = &first[at..at + first[at..].find('"').expect("end")];
    let second = page(
        &app,
        &o.employee,
        &format!("/klachten?zoek=zoekbare&na={cursor}"),
    )
    .await;
    assert_eq!(rows(&second), 1, "{second}");
    assert!(!second.contains("Iemand Anders"));
    assert!(second.contains("href=\"/klachten?zoek=zoekbare\">Eerste pagina"));
}

async fn saved_views_are_per_user_named_and_deletable<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let post = |p: &Person, name: &str, filter: &str| {
        let fields = [("naam", name.to_owned()), ("filter", filter.to_owned())];
        let b = p.b.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_as(&b, "/overzicht/weergaven", &pairs).await
        }
    };

    let r = post(
        &o.quality,
        "Te laat bij contact",
        "termijn=te_laat&stap=contact&rommel=1",
    )
    .await;
    assert_eq!(location(&r), "/overzicht?termijn=te_laat&stap=contact");
    let after = follow(&app, &o.quality, r).await;
    assert!(
        after.contains("Te laat bij contact&#39; bewaard."),
        "{after}"
    );
    assert!(
        after.contains(
            "href=\"/overzicht?termijn=te_laat&#38;stap=contact\">Te laat bij contact</a>"
        ),
        "the view is a link on the overview"
    );

    // The same name again (case and spaces do not matter): a clear Dutch
    // error, the typed name and the filters kept.
    let r = post(
        &o.quality,
        " te laat BIJ contact",
        "termijn=te_laat&stap=contact",
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    assert!(
        body.contains("U heeft al een weergave met de naam"),
        "{body}"
    );
    assert!(
        body.contains("value=\" te laat BIJ contact\""),
        "typed name kept"
    );
    assert!(
        body.contains("<option value=\"te_laat\" selected>"),
        "filters kept"
    );
    let r = post(&o.quality, "   ", "").await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        app.store
            .saved_views(o.quality.user.id)
            .await
            .expect("views")
            .len(),
        1
    );

    // Another user's views are not shown, and not theirs to delete; the
    // director may use the same name for her own.
    let theirs = page(&app, &o.director, "/overzicht").await;
    assert!(!theirs.contains("Te laat bij contact"));
    assert!(theirs.contains("id=\"no-views\""));
    let r = post(&o.director, "Te laat bij contact", "termijn=te_laat").await;
    assert_eq!(r.status(), 303);
    let sanne = app
        .store
        .saved_views(o.quality.user.id)
        .await
        .expect("views");
    let id = sanne[0].id;
    let path = format!("/overzicht/weergaven/{id}/verwijderen");
    assert_eq!(app.post_as(&o.director.b, &path, &[]).await.status(), 404);
    assert_eq!(app.post_as(&o.manager.b, &path, &[]).await.status(), 403);
    assert_eq!(post(&o.manager, "Mijn", "").await.status(), 403);
    assert_eq!(
        app.store
            .saved_views(o.quality.user.id)
            .await
            .expect("views")
            .len(),
        1
    );

    // Sanne deletes hers: gone, and both changes are in the Logboek.
    let r = app.post_as(&o.quality.b, &path, &[]).await;
    assert_eq!(location(&r), "/overzicht");
    let after = follow(&app, &o.quality, r).await;
    assert!(!after.contains(">Te laat bij contact</a>"), "{after}");
    assert!(
        app.store
            .saved_views(o.quality.user.id)
            .await
            .expect("views")
            .is_empty()
    );
    assert_eq!(
        app.store
            .saved_views(o.director.user.id)
            .await
            .expect("views")
            .len(),
        1
    );
    let log = app.store.admin_log(None, 20).await.expect("log");
    let of_sanne: Vec<&str> = log
        .items
        .iter()
        .filter(|e| e.actor == Some(o.quality.user.id) && e.kind.starts_with("view."))
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(of_sanne, ["view.deleted", "view.saved"], "newest first");
}

fn mailer(smtp: &SmtpServer) -> SmtpMailer {
    SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::bare("klachten@focus.example"),
    )
    .expect("mailer")
}

fn now() -> Timestamp {
    klacht_clock::test_now()
}

async fn a_manager_reassigns_selected_complaints_with_one_mail<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| {
        s.with_mail(
            Notifier::new(MailContext::new("Focus", "https://klachten.focus.example")),
            Some(url),
        )
    })
    .await;
    let o = org(&app).await;
    let c1 = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let c2 = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    // Anouk's complaint goes to Hans's team.
    let theirs = register(&app, &o.outsider, &Intake::complaint(&o.involved.user)).await;
    let (fatima, joost) = (
        o.colleague.user.id.to_string(),
        o.involved.user.id.to_string(),
    );
    deliver_due(
        &app.store,
        &mailer(&smtp),
        &DeliveryConfig::default(),
        now(),
    )
    .await
    .expect("round");
    let before = smtp.messages().len();

    // Margriet's list offers the checkboxes and the new afhandelaar.
    let list = page(&app, &o.manager, "/klachten").await;
    assert!(
        list.contains(&format!("name=\"klacht\" value=\"{c1}\"")),
        "{list}"
    );
    assert!(list.contains("formaction=\"/klachten/toewijzen\""));
    assert!(list.contains(&format!("<option value=\"{fatima}\"")));
    // Piet does not assign: no bulk form, and a post is refused.
    let piets = page(&app, &o.employee, "/klachten").await;
    assert!(!piets.contains("name=\"klacht\""));
    let pick = |ids: &[&str], to: &str| -> Vec<(String, String)> {
        ids.iter()
            .map(|id| ("klacht".to_owned(), (*id).to_owned()))
            .chain([("afhandelaar".to_owned(), to.to_owned())])
            .collect()
    };
    let post = |p: &Person, fields: Vec<(String, String)>| {
        let b = p.b.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.post_as(&b, "/klachten/toewijzen", &pairs).await
        }
    };
    assert_eq!(post(&o.employee, pick(&[&c1], &fatima)).await.status(), 403);
    // Not Hans's team; and Margriet may not take Hans's complaint along.
    assert_eq!(
        post(&o.other_manager, pick(&[&c1], &fatima)).await.status(),
        403
    );
    let r = post(&o.manager, pick(&[&c1, &theirs], &fatima)).await;
    assert_eq!(r.status(), 403);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Er is niets toegewezen")
    );
    assert_eq!(row(&app, &c1).await.handler, None, "nothing written");

    // Joost delivered the service: refused, all or nothing, choices kept.
    let r = post(&o.manager, pick(&[&c1, &c2], &joost)).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    assert!(body.contains("Er is niets toegewezen"), "{body}");
    assert!(body.contains(&format!("value=\"{c1}\" id=\"kies-{c1}\" aria-label")));
    assert!(body.contains(&format!(
        "id=\"kies-{c2}\" aria-label=\"Kies {}\" checked",
        reference(&app, &c2).await
    )));
    assert!(body.contains(&format!("<option value=\"{joost}\" selected>")));
    assert!(
        body.contains(&format!("id=\"fout-{c1}\"")),
        "the reason at the row"
    );
    assert_eq!(row(&app, &c1).await.handler, None);
    assert_eq!(row(&app, &c2).await.handler, None);

    // To Fatima: both, each an AssignHandler event.
    let r = post(&o.manager, pick(&[&c1, &c2], &fatima)).await;
    assert_eq!(location(&r), "/klachten");
    let after = follow(&app, &o.manager, r).await;
    assert!(
        after.contains("Afhandelaar toegewezen voor 2 klachten"),
        "{after}"
    );
    for c in [&c1, &c2] {
        assert_eq!(row(&app, c).await.handler, Some(o.colleague.user.id));
        assert_eq!(
            kinds(&app, c).await.last().map(String::as_str),
            Some("handler_assigned")
        );
    }

    // Fatima gets ONE mail with both, and finds both on her start page.
    deliver_due(
        &app.store,
        &mailer(&smtp),
        &DeliveryConfig::default(),
        now(),
    )
    .await
    .expect("round");
    let new: Vec<_> = smtp.messages().into_iter().skip(before).collect();
    let to_fatima: Vec<_> = new.iter().filter(|m| m.to.contains("fatima@")).collect();
    assert_eq!(to_fatima.len(), 1, "{new:#?}");
    assert_eq!(to_fatima[0].subject, "Aan u overgedragen: 2 klachten");
    let (r1, r2) = (reference(&app, &c1).await, reference(&app, &c2).await);
    assert!(to_fatima[0].text.contains(&r1) && to_fatima[0].text.contains(&r2));
    let start = page(&app, &o.colleague, "/").await;
    assert!(start.contains(&r1) && start.contains(&r2), "{start}");

    // Back to Piet: Fatima is told where hers went.
    let piet = o.employee.user.id.to_string();
    let r = post(&o.manager, pick(&[&c1], &piet)).await;
    assert_eq!(r.status(), 303);
    deliver_due(
        &app.store,
        &mailer(&smtp),
        &DeliveryConfig::default(),
        now() + 1.minute(),
    )
    .await
    .expect("round");
    let last: Vec<_> = smtp
        .messages()
        .into_iter()
        .skip(before + new.len())
        .collect();
    assert!(
        last.iter()
            .any(|m| m.to.contains("fatima@") && m.text.contains("nu bij piet")),
        "{last:#?}"
    );
    assert_eq!(last.iter().filter(|m| m.to.contains("piet@")).count(), 1);
}

async fn selected_complaints_are_classified_at_once<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let c1 = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let c2 = register(
        &app,
        &o.employee,
        &Intake::complaint(&o.involved.user).set("oorzaak", "Werkdruk"),
    )
    .await;
    let post = |p: &Person, ids: &[&str], category: &str, cause: &str| {
        let mut fields: Vec<(String, String)> = ids
            .iter()
            .map(|id| ("klacht".to_owned(), (*id).to_owned()))
            .collect();
        fields.push(("categorie".into(), category.into()));
        fields.push(("oorzaak".into(), cause.into()));
        fields.push(("filter".into(), "zoek=vries".into()));
        let b = p.b.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.post_as(&b, "/klachten/indelen", &pairs).await
        }
    };
    let list = page(&app, &o.manager, "/klachten").await;
    assert!(list.contains("formaction=\"/klachten/indelen\""));
    assert!(list.contains("<option value=\"Facturatie\">Facturatie</option>"));

    // Piet registered them but does not judge them; Hans cannot see them.
    let r = post(&o.employee, &[&c1, &c2], "Facturatie", "").await;
    assert_eq!(r.status(), 403);
    let body = r.text().await.expect("body");
    assert!(body.contains("Er is niets ingedeeld"), "{body}");
    assert!(
        body.contains("indeling vastleggen&#39; bij klacht"),
        "{body}"
    );
    assert_eq!(
        post(&o.other_manager, &[&c1], "Facturatie", "")
            .await
            .status(),
        403
    );
    // Not on the list: 422 at the field, the choices kept.
    let r = post(&o.manager, &[&c1, &c2], "Ufo", "").await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    assert!(body.contains("id=\"categorie-fout\""), "{body}");
    assert!(body.contains(&format!("id=\"kies-{c1}\" aria-label")));
    assert_eq!(row(&app, &c1).await.category.as_deref(), Some("Planning"));

    // The category for both; each cause stays as it was.
    let before = (kinds(&app, &c1).await.len(), kinds(&app, &c2).await.len());
    let r = post(&o.manager, &[&c1, &c2], "Facturatie", "").await;
    assert_eq!(
        location(&r),
        "/klachten?zoek=vries",
        "back to the same filters"
    );
    let after = follow(&app, &o.manager, r).await;
    assert!(
        after.contains("Indeling vastgelegd voor 2 klachten."),
        "{after}"
    );
    for c in [&c1, &c2] {
        assert_eq!(row(&app, c).await.category.as_deref(), Some("Facturatie"));
        assert_eq!(
            kinds(&app, c).await.last().map(String::as_str),
            Some("classified")
        );
    }
    assert_eq!(
        (kinds(&app, &c1).await.len(), kinds(&app, &c2).await.len()),
        (before.0 + 1, before.1 + 1),
        "one event per complaint"
    );
    let (c2_state, _) =
        klacht_app::complaints::load_with_history(&app.store, c2.parse().expect("id"))
            .await
            .expect("load");
    assert_eq!(c2_state.cause(), Some("Werkdruk"), "a blank cause keeps it");

    // Once more: nothing changes, and it says so.
    let r = post(&o.manager, &[&c1, &c2], "Facturatie", "").await;
    let after = follow(&app, &o.manager, r).await;
    assert!(
        after.contains("Indeling vastgelegd voor 0 klachten. 2 klachten waren al zo ingedeeld."),
        "{after}"
    );
    assert_eq!(kinds(&app, &c1).await.len(), before.0 + 1);
}

store_tests!(
    my_complaints_are_searched_and_filtered_and_closed_ones_stay_out,
    filters_combine_with_paging,
    saved_views_are_per_user_named_and_deletable,
    a_manager_reassigns_selected_complaints_with_one_mail,
    selected_complaints_are_classified_at_once,
);
