//! The dashboard in real Chromium, over a year of complaints: it renders
//! its charts without JavaScript and a screenshot goes to
//! docs/screenshots/dashboard.png.

use crate::reports_support;

use jiff::{Span, Zoned};
use klacht_browser_tests::{body_text, browser, click_and_wait, fill, screenshot, spawn_app};
use klacht_domain::complaint::{Closing, Command, Kind, Merit, WaivableStep, Waiver};
use klacht_store::Store;
use klacht_store::testing::SqliteTestDb;
use reports_support::{Org, PASSWORD, cal, contact, create, merit, offer, org, response};

const CATEGORIES: [&str; 5] = [
    "Planning",
    "Bejegening",
    "Kwaliteit van zorg",
    "Facturatie",
    "Kwaliteit van dienst",
];

/// About fifty entries over the last year, in every state.
pub(crate) async fn busy_year<S: Store>(store: &S, org: &Org) {
    let now = klacht_clock::test_now();
    for i in 0..52i64 {
        let days_ago = i * 6 + i % 4;
        let received = (now - Span::new().hours(24 * days_ago))
            .to_zoned(cal().time_zone().clone())
            .date()
            .at(9 + (i % 7) as i8, 15, 0, 0)
            .to_zoned(cal().time_zone().clone())
            .expect("a local time");
        let kind = if i % 6 == 5 {
            Kind::Signal
        } else {
            Kind::Complaint
        };
        let category = CATEGORIES[(i as usize * 7 / 3) % CATEGORIES.len()];
        let m = org.manager.clone();
        let q = org.quality.clone();
        let start = received.clone();
        create(store, org, received, kind, Some(category), move |p| {
            if kind == Kind::Signal {
                return;
            }
            let day = |n: i64| -> Option<Zoned> {
                let z = start.checked_add(Span::new().hours(24 * n)).ok()?;
                (z.timestamp() < now).then_some(z)
            };
            let late = i % 4 == 1;
            let Some(t) = day(0).map(|z| z.checked_add(Span::new().hours(1)).expect("time")) else {
                return;
            };
            if t.timestamp() >= now || i % 4 == 3 {
                return;
            }
            p.step(Command::AssignHandler { handler: m.clone() }, &m, &t);
            let Some(c) = day(if late { 6 } else { 1 }) else {
                return;
            };
            if i % 4 == 2 {
                p.step(
                    Command::WaiveStep(Waiver {
                        step: WaivableStep::Contact,
                        reason: "Niet bereikbaar.".into(),
                    }),
                    &m,
                    &c,
                );
            } else {
                p.step(contact(&c), &m, &c);
            }
            let Some(o) = day(if late { 18 } else { 6 }) else {
                return;
            };
            p.step(
                merit([Merit::Founded, Merit::PartlyFounded, Merit::Unfounded][(i % 3) as usize]),
                &m,
                &o,
            );
            p.step(offer(&o), &m, &o);
            p.step(response(i % 5 != 0, 1 + ((i * 7) % 5) as u8), &m, &o);
            if i % 4 == 2 {
                return;
            }
            let Some(r) = day(if late { 25 } else { 12 }) else {
                return;
            };
            p.step(Command::SendForm, &m, &r);
            if let Some(close) = day(if late { 28 } else { 14 }) {
                p.step(Command::Close(Closing { note: None }), &q, &close);
            }
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_a_year_in_chromium() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let org = org(&store).await;
    busy_year(&store, &org).await;
    let app = spawn_app(store).await;

    client
        .goto(&format!("{}/inloggen", app.base))
        .await
        .expect("login page");
    fill(&client, "email", org.quality.email.as_str()).await;
    fill(&client, "password", PASSWORD).await;
    click_and_wait(&client, "main form button[type=submit]").await;
    client
        .goto(&format!("{}/dashboard?periode=12m", app.base))
        .await
        .expect("dashboard");
    let text = body_text(&client).await;
    for part in [
        "Dashboard klachten",
        "Kerncijfers",
        "Per maand",
        "Termijnen per stap",
        "Doorlooptijd tot afsluiten",
        "Tevredenheid na afhandeling",
        "Externe escalaties",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    // Inline SVG draws without scripts: the charts have a real size.
    let width = client
        .execute(
            "return Math.round(document.querySelector('figure.chart svg').getBoundingClientRect().width);",
            vec![],
        )
        .await
        .expect("measure")
        .as_i64()
        .unwrap_or(0);
    assert!(width > 300, "chart width {width}");
    client
        .set_window_rect(0, 0, 1280, 1500)
        .await
        .expect("a tall window");
    screenshot(&client, "dashboard").await;
    client
        .execute(
            "document.getElementById('h-terms').scrollIntoView(); return null;",
            vec![],
        )
        .await
        .expect("scroll");
    screenshot(&client, "dashboard-termijnen").await;
    client.close().await.expect("close session");
}
