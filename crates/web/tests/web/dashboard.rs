//! The dashboard: who may see it, the figures of a year with known
//! answers (JSON and HTML), charts with title and description, and the
//! period choice.

use crate::common;
use crate::reports_support;

use std::sync::Arc;

use common::{spawn_app, spawn_app_with};
use jiff::ToSpan;
use klacht_clock::ManualClock;
use klacht_domain::terms::{Step, Terms};
use klacht_store::{Store, store_tests};
use reports_support::{at, data_set, org, today, year};
use serde_json::Value;

fn n(v: &Value, path: &str) -> u64 {
    v.pointer(path)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("{path} in {v}"))
}

fn f(v: &Value, path: &str) -> f64 {
    v.pointer(path)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("{path} in {v}"))
}

async fn only_the_quality_manager_and_director_see_it<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let r = app.get("/dashboard").await;
    assert_eq!(r.status(), 303, "sign in first");
    for u in [&org.manager, &org.employee, &org.admin] {
        let b = app.login(u.email.as_str()).await;
        for path in ["/dashboard", "/dashboard.json"] {
            let r = app.get_as(&b, path).await;
            assert_eq!(r.status(), 403, "{path} for {:?}", u.role);
        }
        let page = app
            .get_as(&b, "/wachtwoord")
            .await
            .text()
            .await
            .expect("body");
        assert!(
            !page.contains("href=\"/dashboard\""),
            "no menu entry for {:?}",
            u.role
        );
    }
    for u in [&org.quality, &org.director] {
        let b = app.login(u.email.as_str()).await;
        let r = app.get_as(&b, "/dashboard").await;
        assert_eq!(r.status(), 200);
        let page = r.text().await.expect("body");
        assert!(page.contains("href=\"/dashboard\""), "menu entry");
        assert!(page.contains("Dashboard klachten"));
    }
}

async fn figures_of_a_year_are_right<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let _set = data_set(&app.store, &org).await;
    let y = year();
    let b = app.login(org.quality.email.as_str()).await;
    let r = app.get_as(&b, &format!("/dashboard.json?jaar={y}")).await;
    assert_eq!(r.status(), 200);
    let s: Value = r.json().await.expect("json");

    // Totals: C1–C4 and S2 (converted) are complaints, S1 a signal; X is
    // of the year before.
    assert_eq!(n(&s, "/totals/received"), 6);
    assert_eq!(n(&s, "/totals/complaints"), 5);
    assert_eq!(n(&s, "/totals/signals"), 1);
    assert_eq!(n(&s, "/totals/converted"), 1);
    assert_eq!(n(&s, "/totals/closed"), 2);
    assert_eq!(n(&s, "/totals/open"), 3);

    // Months: March 2 + 1 signal, June 2, September 1.
    let months = s["months"].as_array().expect("months");
    assert_eq!(months.len(), 12);
    let per_month: Vec<(u64, u64)> = months
        .iter()
        .map(|m| (n(m, "/complaints"), n(m, "/signals")))
        .collect();
    let mut want = vec![(0, 0); 12];
    want[2] = (2, 1);
    want[5] = (2, 0);
    want[8] = (1, 0);
    assert_eq!(per_month, want);

    // Categories, most first.
    let cats: Vec<(String, u64, u64)> = s["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default().to_string(),
                n(c, "/complaints"),
                n(c, "/signals"),
            )
        })
        .collect();
    assert_eq!(
        cats,
        [
            ("Planning".to_string(), 2, 1),
            ("Bejegening".to_string(), 2, 0),
            ("(niet ingevuld)".to_string(), 1, 0),
        ]
    );

    // Terms: (on time, late, overdue, waived) per step.
    let steps: Vec<(u64, u64, u64, u64)> = s["compliance"]
        .as_array()
        .expect("compliance")
        .iter()
        .map(|c| {
            (
                n(c, "/on_time"),
                n(c, "/late"),
                n(c, "/overdue"),
                n(c, "/waived"),
            )
        })
        .collect();
    // Step 1 first (issue 12): every complaint here was registered, and so
    // reported, five minutes after receipt.
    assert_eq!(
        steps,
        [(5, 0, 0, 0), (1, 1, 2, 1), (2, 1, 2, 0), (1, 1, 3, 0)]
    );
    assert_eq!(f(&s, "/compliance/0/share_on_time"), 1.0);
    assert_eq!(f(&s, "/compliance/1/share_on_time"), 0.25);
    // Days late of contact: C2 (done 20 March) and C4 and S2 (open); S2's
    // terms count from its conversion on 2 September.
    let terms = |day: jiff::Zoned| Terms::compute(day.timestamp(), &reports_support::cal());
    let days = |from: jiff::civil::Date, to: jiff::civil::Date| (to - from).get_days() as f64;
    let c2 = days(
        terms(at(y, 3, 10, 10)).due(Step::Contact),
        jiff::civil::date(y, 3, 20),
    );
    let c4 = days(terms(at(y, 6, 20, 10)).due(Step::Contact), today());
    let s2 = days(terms(at(y, 9, 2, 10)).due(Step::Contact), today());
    let mean = (c2 + c4 + s2) / 3.0;
    assert!((f(&s, "/compliance/1/days_late/mean") - mean).abs() < 1e-9);
    assert_eq!(n(&s, "/compliance/1/days_late/p90"), c4.max(s2) as u64);

    // Lead time: 10 and 43 days.
    assert_eq!(n(&s, "/lead_time/count"), 2);
    assert_eq!(f(&s, "/lead_time/mean"), 26.5);
    assert_eq!(f(&s, "/lead_time/median"), 26.5);
    assert_eq!(n(&s, "/lead_time/p90"), 43);

    assert_eq!(
        (
            n(&s, "/merit/founded"),
            n(&s, "/merit/partly_founded"),
            n(&s, "/merit/unfounded"),
            n(&s, "/merit/undecided")
        ),
        (1, 1, 1, 2)
    );
    assert_eq!(n(&s, "/satisfaction/scored"), 2);
    assert_eq!(f(&s, "/satisfaction/mean"), 3.5);
    assert_eq!(
        s["satisfaction"]["distribution"],
        serde_json::json!([0, 1, 0, 0, 1])
    );
    assert_eq!(n(&s, "/satisfaction/offers_declined"), 1);
    assert_eq!(n(&s, "/escalations/complaints"), 1);
    assert_eq!(n(&s, "/escalations/unresolved"), 1);
    assert_eq!(s["escalations"]["by_party"][0]["name"], "klachtencommissie");

    // The page shows the same numbers, in tables with captions beside
    // charts that carry a title and a description.
    let page = app
        .get_as(&b, &format!("/dashboard?periode={y}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        page.contains(r#"id="fig-received" data-value="6""#),
        "{page}"
    );
    assert!(page.contains(r#"id="fig-complaints" data-value="5""#));
    assert!(page.contains(r#"id="fig-signals" data-value="1""#));
    assert!(page.contains(&format!(
        r#"<tr data-month="mrt {y}"><th scope="row">mrt {y}</th><td class="num" data-complaints="2">"#
    )));
    assert!(page.contains(r#"<tr data-step="contact"><th scope="row">contact met klager</th><td class="num" data-on-time="1">1</td><td class="num" data-late="1">1</td><td class="num" data-overdue="2">2</td><td class="num" data-waived="1">1</td>"#));
    assert!(page.contains("<caption>Klachten en signalen per maand</caption>"));
    assert_eq!(page.matches("<svg").count(), 5, "five charts");
    assert_eq!(page.matches("<title id=").count(), 5);
    assert_eq!(page.matches("<desc id=").count(), 5);
    assert!(page.contains(&format!("Klachten en signalen per maand, {y}")));
    assert!(page.contains(&format!(r#"<option value="{y}" selected>"#)));
    assert!(page.contains(&format!("/rapportage/jaarverslag.pdf?jaar={y}")));
    assert!(!page.contains("<script"), "no JavaScript needed");
}

async fn periods_can_be_chosen_and_bad_ones_are_reported<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app.store).await;
    let b = app.login(org.director.email.as_str()).await;
    let r = app.get_as(&b, "/dashboard.json?periode=12m").await;
    assert_eq!(r.status(), 200);
    let s: Value = r.json().await.expect("json");
    let t = today();
    assert_eq!(s["period"]["to"], t.last_of_month().to_string());
    assert_eq!(
        s["period"]["from"],
        (t.first_of_month() - 11.months()).to_string()
    );
    assert_eq!(s["months"].as_array().map(Vec::len), Some(12));
    let page = app
        .get_as(&b, "/dashboard?periode=12m")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains(r#"<option value="12m" selected>"#));
    assert!(page.contains(" t/m "));

    let r = app.get_as(&b, "/dashboard?jaar=1850").await;
    assert_eq!(r.status(), 200, "the page falls back to this year");
    let page = r.text().await.expect("body");
    assert!(page.contains("is geen jaar tussen 2000"), "{page}");
    assert!(page.contains(&format!(
        "Dashboard klachten <span class=\"muted\">— {}",
        t.year()
    )));
    let r = app.get_as(&b, "/dashboard.json?jaar=twintig").await;
    assert_eq!(r.status(), 422);
    // An empty year is a year without complaints, not an error.
    let r = app.get_as(&b, "/dashboard.json?jaar=2001").await;
    let s: Value = r.json().await.expect("json");
    assert_eq!(n(&s, "/totals/received"), 0);
    assert!(s["compliance"][0]["share_on_time"].is_null());
}

/// The period the reader chose is the one the page marks, on the days
/// where date arithmetic breaks: in December the last twelve months are
/// the calendar year's dates and still not "the year" (the defect that made
/// main red on 1 December 2026).
async fn the_chosen_period_is_marked_on_awkward_days<S: Store>(store: S) {
    let clock = ManualClock::new(klacht_clock::test_now());
    let shared = clock.clone();
    let app = spawn_app_with(store, move |s| s.with_clock(Arc::new(shared))).await;
    let org = org(&app.store).await;
    for (at, why) in klacht_clock::awkward_instants() {
        clock.set(at);
        let today = reports_support::cal().local_date(at);
        let y = today.year();
        let b = app.login(org.director.email.as_str()).await;
        let selected = |value: &str| format!(r#"<option value="{value}" selected>"#);

        let page = app.get_as(&b, "/dashboard?periode=12m").await;
        assert_eq!(page.status(), 200, "{why}");
        let page = page.text().await.expect("body");
        assert!(page.contains(&selected("12m")), "{why}: 12m chosen");
        assert!(
            !page.contains(&selected(&y.to_string())),
            "{why}: not the year"
        );
        assert!(
            page.contains(&format!("/rapportage/jaarverslag?jaar={y}")),
            "{why}: this year's report"
        );
        let s: Value = app
            .get_as(&b, "/dashboard.json?periode=12m")
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(
            s["period"]["to"],
            today.last_of_month().to_string(),
            "{why}"
        );
        assert_eq!(
            s["period"]["from"],
            (today.first_of_month() - 11.months()).to_string(),
            "{why}"
        );
        assert_eq!(s["months"].as_array().map(Vec::len), Some(12), "{why}");

        for (query, year) in [
            ("", y),
            ("?jaar=", y),
            (&*format!("?periode={}", y - 1), y - 1),
        ] {
            let page = app
                .get_as(&b, &format!("/dashboard{query}"))
                .await
                .text()
                .await
                .expect("body");
            assert!(page.contains(&selected(&year.to_string())), "{why} {query}");
            assert!(!page.contains(&selected("12m")), "{why} {query}");
            assert!(
                page.contains(&format!("/rapportage/jaarverslag?jaar={year}")),
                "{why} {query}"
            );
        }
        let s: Value = app
            .get_as(&b, "/dashboard.json")
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(s["period"]["from"], format!("{y}-01-01"), "{why}");
        assert_eq!(s["period"]["to"], format!("{y}-12-31"), "{why}");
        assert_eq!(s["today"], today.to_string(), "{why}");
    }
}

store_tests!(
    only_the_quality_manager_and_director_see_it,
    figures_of_a_year_are_right,
    periods_can_be_chosen_and_bad_ones_are_reported,
    the_chosen_period_is_marked_on_awkward_days,
);
