//! Nieuwe melding and Mijn klachten: registering complaints and signals
//! through the form, what the list shows, bad input, keyset pages.

use crate::common;
use crate::complaints_support;

use common::spawn_app;
use complaints_support::{Intake, follow, org, post_intake, register};
use jiff::ToSpan;
use klacht_domain::terms::Terms;
use klacht_store::{Store, store_tests};

/// The `<tr>` of the list that holds `reference`.
fn list_row<'a>(page: &'a str, reference: &str) -> &'a str {
    let at = page
        .find(reference)
        .unwrap_or_else(|| panic!("{reference} listed"));
    let start = page[..at].rfind("<tr").expect("row start");
    let end = at + page[at..].find("</tr>").expect("row end");
    &page[start..end]
}

async fn registering_a_complaint_lists_it_with_its_term<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let r = post_intake(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let page = follow(&app, &o.employee, r).await;
    let year = klacht_clock::test_now()
        .in_tz("Europe/Amsterdam")
        .expect("zone")
        .year();
    let reference = format!("K-{year}-0001");
    assert!(
        page.contains(&format!(
            "Klacht {reference} geregistreerd en gemeld bij margriet."
        )),
        "flash names the manager"
    );
    assert!(page.contains("wacht op afhandelaar"));
    assert!(page.contains("Mevrouw J. de Vries"));
    assert!(page.contains("joost"), "involved employee on the form");

    let list = app.get_as(&o.employee.b, "/klachten").await;
    assert_eq!(list.status(), 200);
    let list = list.text().await.expect("body");
    let row = list_row(&list, &reference);
    assert!(row.contains("Mevrouw J. de Vries"));
    assert!(row.contains("wacht op afhandelaar"));
    assert!(row.contains("contact met klager"), "the step that is due");
    assert!(
        row.contains("<span class=\"badge ok\">op tijd</span>"),
        "{row}"
    );
    assert!(
        row.contains("href=\"/klachten/"),
        "links to the detail page"
    );

    // The manager it was reported to sees it; a colleague does not.
    let managers = app.get_as(&o.manager.b, "/klachten").await;
    assert!(managers.text().await.expect("body").contains(&reference));
    let colleagues = app.get_as(&o.colleague.b, "/klachten").await;
    assert!(!colleagues.text().await.expect("body").contains(&reference));
}

async fn the_list_puts_the_soonest_term_first_and_signals_last<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let year = klacht_clock::test_now()
        .in_tz("Europe/Amsterdam")
        .expect("zone")
        .year();
    let cal = complaints_support::calendar();
    // Registered first, received today; then an overdue one and a signal.
    register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let long_ago = klacht_clock::test_now() - (24 * 30).hours();
    let late = Intake::complaint(&o.involved.user).received(long_ago);
    register(&app, &o.employee, &late).await;
    register(&app, &o.employee, &Intake::signal(&o.involved.user)).await;

    let list = app.get_as(&o.employee.b, "/klachten").await;
    let list = list.text().await.expect("body");
    let fresh = format!("K-{year}-0001");
    // The overdue one may be numbered in last year's series.
    let late_year = long_ago.to_zoned(cal.time_zone().clone()).year();
    let late_ref = if late_year == year {
        format!("K-{year}-0002")
    } else {
        format!("K-{late_year}-0001")
    };
    let signal = if late_year == year {
        format!("K-{year}-0003")
    } else {
        format!("K-{year}-0002")
    };
    let pos = |r: &str| list.find(r).unwrap_or_else(|| panic!("{r} listed"));
    assert!(pos(&late_ref) < pos(&fresh), "overdue first");
    assert!(pos(&fresh) < pos(&signal), "no term last");
    assert!(list_row(&list, &late_ref).contains("<span class=\"badge late\">te laat</span>"));
    let signal_row = list_row(&list, &signal);
    assert!(signal_row.contains("signaal"));
    assert!(!signal_row.contains("badge"), "a signal has no term");
}

async fn a_term_due_today_shows_vandaag<S: Store>(store: S) {
    let cal = complaints_support::calendar();
    let now = klacht_clock::test_now();
    let today = cal.local_date(now);
    // A receipt whose contact term is today exists only on working days.
    let Some(received) = (1..15)
        .map(|d| now - (24 * d).hours())
        .find(|at| Terms::compute(*at, &cal).contact == today && cal.local_date(*at) < today)
    else {
        eprintln!("today is no working day; nothing is due today");
        return;
    };
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let intake = Intake::complaint(&o.involved.user).received(received);
    register(&app, &o.employee, &intake).await;
    let list = app.get_as(&o.employee.b, "/klachten").await;
    let list = list.text().await.expect("body");
    assert!(
        list.contains("<span class=\"badge today\">vandaag</span>"),
        "{list}"
    );
}

async fn a_signal_is_registered_as_resolved<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let r = post_intake(&app, &o.employee, &Intake::signal(&o.involved.user)).await;
    let page = follow(&app, &o.employee, r).await;
    let year = klacht_clock::test_now()
        .in_tz("Europe/Amsterdam")
        .expect("zone")
        .year();
    assert!(page.contains(&format!(
        "Signaal K-{year}-0001 geregistreerd als direct opgelost."
    )));
    assert!(page.contains("<span class=\"badge\" id=\"status\">signaal</span>"));
    assert!(!page.contains("Termijnen"), "a signal has no terms");
    assert!(
        page.contains("id=\"omzetten\""),
        "it can become a complaint"
    );
    // Not reported as a complaint, but the manager answering for the
    // registrant finds it in her list, as a signal without a term.
    let managers = app.get_as(&o.manager.b, "/klachten").await;
    let managers = managers.text().await.expect("body");
    let row = list_row(&managers, &format!("K-{year}-0001"));
    assert!(row.contains("signaal") && !row.contains("badge"));
    assert!(
        !page.contains("Gemeld bij leidinggevende"),
        "no report event"
    );
}

async fn bad_input_keeps_what_was_typed_and_is_422<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let intake = Intake::complaint(&o.involved.user)
        .set("klager_naam", "  ")
        .set("klager_email", "geen-adres")
        .set("klager_telefoon", "06-12345678")
        .set("namens_telefoon", "020-7654321")
        .set("omschrijving", "Kwam <niet> & belde \"niet\" af")
        .set(
            "ontvangen",
            &complaints_support::local_input(klacht_clock::test_now() + 3.hours()),
        );
    let r = post_intake(&app, &o.employee, &intake).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    // Every message at its field, linked for assistive technology.
    for (field, message) in [
        ("klager_naam", "Vul de naam van de klager in."),
        ("klager_email", "'geen-adres' is geen geldig e-mailadres."),
        ("namens_naam", "Vul de naam van de vertegenwoordiger in."),
        ("ontvangen", "Het moment van ontvangst ligt in de toekomst."),
    ] {
        assert!(
            page.contains(&format!(
                "<p class=\"field-error\" id=\"{field}-fout\">{}",
                askama_escape(message)
            )),
            "{field}: {message}"
        );
        assert!(page.contains(&format!("id=\"{field}\" name=\"{field}\"")));
        let input = &page[page
            .find(&format!("id=\"{field}\" name=\"{field}\""))
            .expect("input")..];
        let input = &input[..input.find('>').expect("tag end")];
        assert!(input.contains("aria-invalid=\"true\""), "{field}: {input}");
        assert!(
            input.contains(&format!("aria-describedby=\"{field}-fout\"")),
            "{field}"
        );
    }
    // What was typed stays, escaped.
    assert!(page.contains("value=\"geen-adres\""));
    assert!(page.contains("value=\"06-12345678\""));
    assert!(page.contains("value=\"020-7654321\""));
    assert!(page.contains("Kwam &#60;niet&#62; &#38; belde &#34;niet&#34; af"));
    assert!(page.contains(&format!("value=\"{}\" checked", o.involved.user.id)));
    assert!(page.contains("value=\"klacht\" checked"));
    assert_eq!(
        app.store.count_complaints().await.expect("count"),
        0,
        "nothing stored"
    );
}

/// How askama writes text into HTML.
fn askama_escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

async fn the_administrator_cannot_register<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    assert_eq!(
        app.get_as(&o.admin.b, "/klachten/nieuw").await.status(),
        403
    );
    let r = post_intake(&app, &o.admin, &Intake::complaint(&o.involved.user)).await;
    assert_eq!(r.status(), 403);
    assert_eq!(app.store.count_complaints().await.expect("count"), 0);
    // Their landing page is elsewhere.
    let list = app.get_as(&o.admin.b, "/klachten").await;
    assert_eq!(list.status(), 303);
    assert_eq!(complaints_support::location(&list), "/beheer");
}

async fn signing_in_is_required<S: Store>(store: S) {
    let app = spawn_app(store).await;
    for path in ["/klachten", "/klachten/nieuw"] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 303, "{path}");
        assert!(complaints_support::location(&r).starts_with("/inloggen"));
    }
}

async fn my_complaints_come_in_keyset_pages<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let cal = complaints_support::calendar();
    let now = klacht_clock::test_now();
    // 52 complaints received on different days, registered directly.
    for day in 0..52 {
        let intake = klacht_domain::complaint::NewComplaint {
            kind: klacht_domain::complaint::Kind::Complaint,
            channel: klacht_domain::complaint::Channel::Letter,
            received_at: (now - (24 * day).hours()).to_zoned(cal.time_zone().clone()),
            complainant: klacht_domain::complaint::Party::new(
                &format!("Klager {day}"),
                None,
                None,
                None,
            )
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
            &klacht_app::notify::Notifier::disabled(),
            &o.employee.user,
            intake,
            now,
        )
        .await
        .expect("registered");
    }
    let first = app
        .get_as(&o.employee.b, "/klachten")
        .await
        .text()
        .await
        .expect("body");
    let rows = |page: &str| page.matches("<a class=\"ref\"").count();
    assert_eq!(rows(&first), 50);
    let marker = "href=\"/klachten?na=";
    let at = first.find(marker).expect("a next page link") + marker.len();
    let cursor = &first[at..at + first[at..].find('"').expect("end")];
    let second = app
        .get_as(&o.employee.b, &format!("/klachten?na={cursor}"))
        .await
        .text()
        .await
        .expect("body");
    assert_eq!(rows(&second), 2);
    assert!(!second.contains(marker), "the last page");
    assert!(second.contains("Eerste pagina"));
    // No complaint on both pages; the oldest (most overdue) come first.
    let names = |page: &str| -> Vec<String> {
        page.match_indices("<td data-label=\"Klager\">")
            .map(|(i, m)| {
                let rest = &page[i + m.len()..];
                rest[..rest.find('<').expect("cell end")].to_owned()
            })
            .collect()
    };
    let (a, b) = (names(&first), names(&second));
    assert!(a.iter().all(|n| !b.contains(n)));
    // Soonest (most overdue) term first, across both pages.
    let dues = |page: &str| -> Vec<jiff::civil::Date> {
        page.match_indices("<td data-label=\"Termijn\">")
            .map(|(i, m)| {
                let d = &page[i + m.len()..i + m.len() + 10];
                jiff::civil::Date::strptime("%d-%m-%Y", d).expect("a term date")
            })
            .collect()
    };
    let all: Vec<_> = dues(&first).into_iter().chain(dues(&second)).collect();
    assert_eq!(all.len(), 52);
    assert!(all.windows(2).all(|w| w[0] <= w[1]), "{all:?}");
    // A damaged cursor starts over rather than failing.
    let again = app.get_as(&o.employee.b, "/klachten?na=onzin").await;
    assert_eq!(again.status(), 200);
}

store_tests!(
    registering_a_complaint_lists_it_with_its_term,
    the_list_puts_the_soonest_term_first_and_signals_last,
    a_term_due_today_shows_vandaag,
    a_signal_is_registered_as_resolved,
    bad_input_keeps_what_was_typed_and_is_422,
    the_administrator_cannot_register,
    signing_in_is_required,
    my_complaints_come_in_keyset_pages,
);
