//! The calendar feed (issue 4) over HTTP: a user makes a secret URL on
//! /agenda (CSRF-protected), a calendar client fetches /agenda/{token}.ics
//! without a session and gets the user's open terms as all-day events, with
//! stable UIDs and no complainant data; a new URL makes the old one 404.
//! Each entry alarms at 09:00 on the working day before; an overdue one
//! moves to today (issue 15). The clock is pinned: the terms are in 2026.

use crate::common;

use std::sync::Arc;

use common::{Browser, TestApp, set_cookie_value, spawn_app_with};
use jiff::{Timestamp, Zoned};
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_clock::ManualClock;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Channel, Command, Contact, ContactMode, Kind, NewComplaint, Party};
use klacht_domain::{ComplaintId, Email, Role, User};
use klacht_store::{Store, store_tests};

fn local(s: &str) -> Timestamp {
    format!("{s}[Europe/Amsterdam]")
        .parse::<Zoned>()
        .expect("valid local time")
        .timestamp()
}

async fn register<S: Store>(
    app: &TestApp<S>,
    by: &User,
    involved: &User,
    kind: Kind,
    received: &str,
) -> ComplaintId {
    let cal = WorkingCalendar::netherlands_default();
    let at = local(received);
    complaints::register(
        &app.store,
        &cal,
        &Notifier::disabled(),
        by,
        NewComplaint {
            kind,
            channel: Channel::Phone,
            received_at: at.to_zoned(cal.time_zone().clone()),
            complainant: Party::new(
                "Mevrouw J. Bakker",
                Some(Email::parse("j.bakker@example.nl").expect("valid")),
                Some("06-12345678"),
                Some("Dorpsstraat 1, Ergens"),
            )
            .expect("valid party"),
            representative: None,
            service: Some("Thuiszorg".into()),
            involved_employees: vec![involved.id],
            description: "De hulp kwam niet opdagen.".into(),
            category: None,
            cause: None,
        },
        at,
    )
    .await
    .expect("registered")
    .id()
}

/// Content lines of an iCalendar text, unfolded (RFC 5545 §3.1).
fn unfold(ics: &str) -> Vec<String> {
    assert!(!ics.replace("\r\n", "").contains('\n'), "lines end in CRLF");
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The VEVENTs as their property lines.
fn events(lines: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for l in lines {
        match l.as_str() {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.extend(current.take()),
            _ => {
                if let Some(c) = current.as_mut() {
                    c.push(l.clone());
                }
            }
        }
    }
    out
}

/// The application with its clock at local time `at`; the clock is
/// returned to move it.
async fn spawn_at<S: Store>(store: S, at: &str) -> (TestApp<S>, ManualClock) {
    let clock = ManualClock::new(local(at));
    let shared = clock.clone();
    let app = spawn_app_with(store, move |s| s.with_clock(Arc::new(shared))).await;
    (app, clock)
}

fn prop<'a>(event: &'a [String], name: &str) -> &'a str {
    event
        .iter()
        .find_map(|l| l.strip_prefix(name))
        .unwrap_or_else(|| panic!("{name} in {event:?}"))
}

/// Makes (or replaces) the feed on /agenda and returns its path.
async fn make_feed<S: Store>(app: &TestApp<S>, b: &Browser) -> String {
    let r = app.post_as(b, "/agenda/nieuw", &[]).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let page = r.text().await.expect("body");
    let start = page.find("/agenda/").expect("the feed URL on the page");
    let path: String = page[start..]
        .chars()
        .take_while(|c| *c != '"' && *c != '<')
        .collect();
    let token = path
        .strip_prefix("/agenda/")
        .and_then(|p| p.strip_suffix(".ics"))
        .unwrap_or_else(|| panic!("a feed path: {path}"));
    assert_eq!(token.len(), 64);
    assert!(
        page.contains(&format!("{}{path}", app.address)),
        "absolute URL"
    );
    assert!(page.contains("webcal://"));
    path
}

async fn fetch<S: Store>(app: &TestApp<S>, path: &str) -> (u16, String) {
    let r = app.get(path).await;
    let status = r.status().as_u16();
    if status == 200 {
        assert_eq!(
            r.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("text/calendar; charset=utf-8")
        );
    }
    (status, r.text().await.expect("body"))
}

async fn a_feed_lists_open_terms_and_a_new_url_retires_the_old<S: Store>(store: S) {
    let (app, clock) = spawn_at(store, "2026-04-24T12:00").await;
    let margriet = app
        .user("margriet@focus.example", Role::Manager, None)
        .await;
    let hans = app.user("hans@focus.example", Role::Manager, None).await;
    let m = Some(margriet.id);
    let piet = app.user("piet@focus.example", Role::Employee, m).await;
    let fatima = app.user("fatima@focus.example", Role::Employee, m).await;
    let joost = app.user("joost@focus.example", Role::Employee, m).await;
    let anouk = app
        .user("anouk@focus.example", Role::Employee, Some(hans.id))
        .await;
    let admin = app.user("tom@focus.example", Role::Admin, None).await;

    // Received Friday 24 April 2026: contact by Wednesday 29 April, offer
    // by Friday 8 May, record by Friday 15 May.
    let a = register(&app, &piet, &joost, Kind::Complaint, "2026-04-24T09:30").await;
    let cal = WorkingCalendar::netherlands_default();
    complaints::act(
        &complaints::Context::new(
            &app.store,
            &cal,
            &Notifier::disabled(),
            local("2026-04-24T10:00"),
        ),
        a,
        &margriet,
        Command::AssignHandler {
            handler: fatima.clone(),
        },
        None,
    )
    .await
    .expect("handler assigned");
    // Another team's complaint, and a signal (no workflow): not in the feed.
    let b = register(&app, &anouk, &joost, Kind::Complaint, "2026-04-27T09:30").await;
    let _signal = register(&app, &piet, &joost, Kind::Signal, "2026-04-24T11:00").await;

    let fb = app.login("fatima@focus.example").await;
    let page = app.get_as(&fb, "/agenda").await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("body");
    assert!(page.contains("Agenda-adres maken"));
    assert!(page.contains("href=\"/agenda\""), "linked in the header");

    // Without the form token nothing is made.
    let r = app
        .client
        .post(app.url("/agenda/nieuw"))
        .header("cookie", &fb.cookie)
        .form(&[("csrf", "wrong")])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 403);
    assert!(
        app.store
            .calendar_feed(fatima.id)
            .await
            .expect("q")
            .is_none()
    );

    let path = make_feed(&app, &fb).await;
    // Shown once: the page afterwards says there is one, not where.
    let page = app.get_as(&fb, "/agenda").await.text().await.expect("body");
    assert!(page.contains("U heeft een agenda-abonnement sinds"));
    assert!(!page.contains(&path));

    // The feed, fetched without a session.
    let (status, ics) = fetch(&app, &path).await;
    assert_eq!(status, 200, "{ics}");
    let lines = unfold(&ics);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.iter().any(|l| l == "VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let ev = events(&lines);
    let got: Vec<(&str, &str, &str, &str)> = ev
        .iter()
        .map(|e| {
            (
                prop(e, "UID:"),
                prop(e, "DTSTART;VALUE=DATE:"),
                prop(e, "DTEND;VALUE=DATE:"),
                prop(e, "SUMMARY:"),
            )
        })
        .collect();
    let uid = |step: &str| format!("{a}-{step}@klacht");
    let (contact, offer, record) = (uid("contact"), uid("offer"), uid("record"));
    assert_eq!(
        got,
        [
            (
                contact.as_str(),
                "20260429",
                "20260430",
                "Contact K-2026-0001"
            ),
            (offer.as_str(), "20260508", "20260509", "Aanbod K-2026-0001"),
            (
                record.as_str(),
                "20260515",
                "20260516",
                "Vastleggen K-2026-0001"
            ),
        ]
    );
    for e in &ev {
        assert_eq!(prop(e, "URL:"), format!("{}/klachten/{a}", app.address));
        assert!(prop(e, "DTSTAMP:").ends_with('Z'));
    }
    // An alarm at 09:00 (summer time: 07:00 UTC) on the working day
    // before each term: Tuesday 28 April, Thursday 7 May, and Wednesday
    // 13 May (Thursday 14 May is Hemelvaartsdag).
    let alarms: Vec<&str> = ev
        .iter()
        .map(|e| prop(e, "TRIGGER;VALUE=DATE-TIME:"))
        .collect();
    assert_eq!(
        alarms,
        ["20260428T070000Z", "20260507T070000Z", "20260513T070000Z"]
    );
    assert!(ev.iter().all(|e| e.iter().any(|l| l == "ACTION:DISPLAY")
        && e.iter().filter(|l| *l == "BEGIN:VALARM").count() == 1));
    // No complainant data leaves the building, and no other team's work.
    for secret in [
        "Bakker",
        "j.bakker",
        "06-12345678",
        "Dorpsstraat",
        "niet opdagen",
    ] {
        assert!(!ics.contains(secret), "{secret} in the feed");
    }
    assert!(!ics.contains(&b.to_string()));

    // Recording the contact takes its term off the calendar; the UIDs of
    // the others stay.
    complaints::act(
        &complaints::Context::new(
            &app.store,
            &cal,
            &Notifier::disabled(),
            local("2026-04-28T10:00"),
        ),
        a,
        &fatima,
        Command::RecordContact(Contact {
            date: jiff::civil::date(2026, 4, 28),
            mode: ContactMode::Telephone,
            summary: "Gebeld.".into(),
        }),
        None,
    )
    .await
    .expect("contact recorded");
    let (_, ics) = fetch(&app, &path).await;
    let uids: Vec<String> = events(&unfold(&ics))
        .iter()
        .map(|e| prop(e, "UID:").to_owned())
        .collect();
    assert_eq!(uids, [offer.clone(), record.clone()]);

    // Monday 11 May: the offer (Friday 8 May) is overdue. It shows today,
    // says so, keeps its UID and its date in the description, and has no
    // alarm; the record term is where it was.
    clock.set(local("2026-05-11T10:00"));
    let (_, ics) = fetch(&app, &path).await;
    let ev = events(&unfold(&ics));
    let late = ev
        .iter()
        .find(|e| prop(e, "UID:") == offer)
        .expect("the offer term");
    assert_eq!(prop(late, "DTSTART;VALUE=DATE:"), "20260511");
    assert_eq!(prop(late, "DTEND;VALUE=DATE:"), "20260512");
    assert_eq!(prop(late, "SUMMARY:"), "Te laat: Aanbod K-2026-0001");
    assert!(
        prop(late, "DESCRIPTION:").contains("8 mei 2026"),
        "{late:?}"
    );
    assert!(!late.iter().any(|l| l == "BEGIN:VALARM"), "{late:?}");
    let on_time = ev
        .iter()
        .find(|e| prop(e, "UID:") == record)
        .expect("the record term");
    assert_eq!(prop(on_time, "DTSTART;VALUE=DATE:"), "20260515");
    assert_eq!(prop(on_time, "SUMMARY:"), "Vastleggen K-2026-0001");
    assert_eq!(
        prop(on_time, "TRIGGER;VALUE=DATE-TIME:"),
        "20260513T070000Z"
    );
    // Back to where the sessions signed in above are still fresh.
    clock.set(local("2026-04-24T12:05"));

    // The responsible manager sees the same terms; the registrant none.
    let mb = app.login("margriet@focus.example").await;
    let (_, ics) = fetch(&app, &make_feed(&app, &mb).await).await;
    assert_eq!(events(&unfold(&ics)).len(), 2);
    let pb = app.login("piet@focus.example").await;
    let (status, ics) = fetch(&app, &make_feed(&app, &pb).await).await;
    assert_eq!(status, 200);
    assert!(events(&unfold(&ics)).is_empty());
    assert!(ics.contains("BEGIN:VCALENDAR"));

    // A new URL: the old one is gone at once.
    let newer = make_feed(&app, &fb).await;
    assert_ne!(newer, path);
    assert_eq!(fetch(&app, &path).await.0, 404);
    assert_eq!(fetch(&app, &newer).await.0, 200);

    // Removing the feed: its URL is gone too.
    let r = app.post_as(&fb, "/agenda/opheffen", &[]).await;
    assert_eq!(r.status(), 303);
    let flash = set_cookie_value(&r, "klacht_flash").expect("a flash message");
    assert_eq!(fetch(&app, &newer).await.0, 404);
    let page = app
        .client
        .get(app.url("/agenda"))
        .header("cookie", format!("{}; klacht_flash={flash}", fb.cookie))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("body");
    assert!(page.contains("opgeheven"), "flash");
    assert!(page.contains("Agenda-adres maken"));

    // Anything else is 404 without a database answer worth guessing at.
    for junk in [
        "/agenda/nonsense.ics".to_string(),
        format!("/agenda/{}.ics", "ab".repeat(32)),
        format!("/agenda/{}", "ab".repeat(32)),
    ] {
        assert_eq!(fetch(&app, &junk).await.0, 404, "{junk}");
    }

    // The administrator handles no complaints.
    let ab = app.login("tom@focus.example").await;
    assert_eq!(app.get_as(&ab, "/agenda").await.status(), 403);
    let _ = admin;
}

/// Issue 12: agreed actions with a due date are in the feeds of their
/// owner, the handler and the responsible manager, with a stable UID
/// `{complaint}-actie-{number}@klacht` and without their description; a
/// completed action and one without a due date are not.
async fn a_feed_lists_the_agreed_actions_of_owner_handler_and_manager<S: Store>(store: S) {
    let (app, clock) = spawn_at(store, "2026-04-28T12:00").await;
    let margriet = app
        .user("margriet@focus.example", Role::Manager, None)
        .await;
    let m = Some(margriet.id);
    let piet = app.user("piet@focus.example", Role::Employee, m).await;
    let fatima = app.user("fatima@focus.example", Role::Employee, m).await;
    let joost = app.user("joost@focus.example", Role::Employee, m).await;
    let anouk = app.user("anouk@focus.example", Role::Employee, m).await;
    let a = register(&app, &piet, &joost, Kind::Complaint, "2026-04-24T09:30").await;
    let cal = WorkingCalendar::netherlands_default();
    let run = |by: &User, command: Command| {
        let store = app.store.clone();
        let cal = cal.clone();
        let by = by.clone();
        async move {
            complaints::act(
                &complaints::Context::new(
                    &store,
                    &cal,
                    &Notifier::disabled(),
                    local("2026-04-28T10:00"),
                ),
                a,
                &by,
                command,
                None,
            )
            .await
            .expect("accepted");
        }
    };
    run(
        &margriet,
        Command::AssignHandler {
            handler: fatima.clone(),
        },
    )
    .await;
    let agree = |description: &str, due: Option<jiff::civil::Date>, owner: Option<&User>| {
        Command::AgreeAction {
            description: description.into(),
            due,
            owner: owner.map(|u| u.id),
        }
    };
    let may = |d: i8| jiff::civil::date(2026, 5, d);
    run(
        &fatima,
        agree("Planning met mevrouw Bakker", Some(may(11)), Some(&anouk)),
    )
    .await;
    run(&fatima, agree("Zonder datum", None, Some(&anouk))).await;
    run(&fatima, agree("Al gedaan", Some(may(12)), Some(&anouk))).await;
    run(
        &fatima,
        Command::CompleteAction(klacht_domain::complaint::CompletedAction {
            number: 3,
            note: None,
        }),
    )
    .await;

    let actions_in = |ics: &str| -> Vec<(String, String, String)> {
        events(&unfold(ics))
            .iter()
            .filter(|e| prop(e, "UID:").contains("-actie-"))
            .map(|e| {
                (
                    prop(e, "UID:").to_owned(),
                    prop(e, "DTSTART;VALUE=DATE:").to_owned(),
                    prop(e, "SUMMARY:").to_owned(),
                )
            })
            .collect()
    };
    let expected = vec![(
        format!("{a}-actie-1@klacht"),
        "20260511".to_string(),
        "Actie 1 K-2026-0001".to_string(),
    )];
    for who in [
        "anouk@focus.example",
        "fatima@focus.example",
        "margriet@focus.example",
    ] {
        let b = app.login(who).await;
        let (status, ics) = fetch(&app, &make_feed(&app, &b).await).await;
        assert_eq!(status, 200);
        assert_eq!(actions_in(&ics), expected, "{who}");
        assert!(!ics.contains("Bakker"), "no description in the feed");
        assert!(ics.contains(&format!("URL:{}/klachten/{a}", app.address)));
    }
    // Friday 8 May, 09:00 summer time: the alarm of the action due Monday.
    let ab = app.login("anouk@focus.example").await;
    let feed = make_feed(&app, &ab).await;
    let (_, ics) = fetch(&app, &feed).await;
    let ev = events(&unfold(&ics));
    let action = ev
        .iter()
        .find(|e| prop(e, "UID:").contains("-actie-1@"))
        .expect("action 1");
    assert_eq!(prop(action, "TRIGGER;VALUE=DATE-TIME:"), "20260508T070000Z");
    // Overdue on Tuesday 12 May: on today, marked late.
    clock.set(local("2026-05-12T08:00"));
    let (_, ics) = fetch(&app, &feed).await;
    assert_eq!(
        actions_in(&ics),
        [(
            format!("{a}-actie-1@klacht"),
            "20260512".to_string(),
            "Te laat: Actie 1 K-2026-0001".to_string(),
        )]
    );
    clock.set(local("2026-04-28T12:05"));

    // The owner of no action and handler of nothing: none.
    let pb = app.login("piet@focus.example").await;
    let (_, ics) = fetch(&app, &make_feed(&app, &pb).await).await;
    assert!(actions_in(&ics).is_empty());
    // Completed: off the calendar.
    run(
        &fatima,
        Command::CompleteAction(klacht_domain::complaint::CompletedAction {
            number: 1,
            note: None,
        }),
    )
    .await;
    let ab = app.login("anouk@focus.example").await;
    let (_, ics) = fetch(&app, &make_feed(&app, &ab).await).await;
    assert!(actions_in(&ics).is_empty());
}

store_tests!(
    a_feed_lists_open_terms_and_a_new_url_retires_the_old,
    a_feed_lists_the_agreed_actions_of_owner_handler_and_manager,
);
