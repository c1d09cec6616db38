//! Overzicht: who may see it, what each filter narrows to, the counts at
//! the top, and keyset pagination over the whole list.

use crate::common;

use std::collections::BTreeSet;

use common::{Browser, TestApp, spawn_app};
use jiff::civil::Date;
use jiff::{ToSpan, Zoned};
use klacht_app::complaints;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    self as domain, Actor, Channel, Command, Contact, ContactMode, Kind, NewComplaint, Party,
    Recorded,
};
use klacht_domain::terms::Terms;
use klacht_domain::{ComplaintId, Role, User};
use klacht_store::{ComplaintFilter, ComplaintRow, Store, store_tests};

fn cal() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

fn today() -> Date {
    cal().local_date(klacht_clock::test_now())
}

/// Noon (Amsterdam) `days` days ago: far from any day boundary.
fn noon_days_ago(days: i64) -> Zoned {
    (today() - days.days())
        .at(12, 0, 0, 0)
        .to_zoned(cal().time_zone().clone())
        .expect("a valid local time")
}

fn intake(received: Zoned, category: &str, description: &str) -> NewComplaint {
    NewComplaint {
        kind: Kind::Complaint,
        channel: Channel::Phone,
        received_at: received,
        complainant: Party::new("Mevrouw J. de Vries", None, Some("06-12345678"), None)
            .expect("valid party"),
        representative: None,
        service: Some("Thuiszorg".into()),
        involved_employees: Vec::new(),
        description: description.into(),
        category: Some(category.into()).filter(|c: &String| !c.is_empty()),
        cause: None,
    }
}

async fn register<S: Store>(store: &S, by: &User, new: NewComplaint) -> ComplaintRow {
    let c = complaints::register(
        store,
        &cal(),
        &klacht_app::notify::Notifier::disabled(),
        by,
        new,
        klacht_clock::test_now(),
    )
    .await
    .expect("registered");
    store
        .load_stream(c.id())
        .await
        .expect("load")
        .expect("stored")
        .0
}

/// A complaint from the public site: nobody reported it to a manager yet,
/// so step 1 (report) is what is due.
async fn register_public<S: Store>(store: &S, received: Zoned) -> ComplaintRow {
    let id = ComplaintId::new(uuid::Uuid::now_v7());
    let now = klacht_clock::test_now();
    let year = received.year();
    let new = intake(received, "", "Via de website: niemand belde terug");
    store
        .create_complaint(year, |reference| {
            let events = domain::register_public(new, reference, now)?;
            let history = Recorded::stamp(0, Actor::Complainant, now, events);
            complaints::new_stream(id, &history, &cal())
        })
        .await
        .expect("store")
        .expect("registered");
    store
        .load_stream(id)
        .await
        .expect("load")
        .expect("stored")
        .0
}

struct Org {
    quality: User,
    director: User,
    m1: User,
    m2: User,
    e1: User,
    e2: User,
    admin: User,
}

async fn org<S: Store>(app: &TestApp<S>) -> Org {
    let director = app.user("ellen@focus.example", Role::Director, None).await;
    let quality = app
        .user("sanne@focus.example", Role::QualityManager, None)
        .await;
    let m1 = app
        .user("margriet@focus.example", Role::Manager, Some(director.id))
        .await;
    let m2 = app
        .user("hans@focus.example", Role::Manager, Some(director.id))
        .await;
    let e1 = app
        .user("piet@focus.example", Role::Employee, Some(m1.id))
        .await;
    let e2 = app
        .user("anouk@focus.example", Role::Employee, Some(m2.id))
        .await;
    let admin = app.user("tom@focus.example", Role::Admin, None).await;
    Org {
        quality,
        director,
        m1,
        m2,
        e1,
        e2,
        admin,
    }
}

/// The references listed on an overview page, in order.
fn references(html: &str) -> Vec<String> {
    html.split("data-reference=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

fn next_link(html: &str) -> Option<String> {
    let start = html.find("id=\"next-page\" href=\"")? + "id=\"next-page\" href=\"".len();
    Some(
        html[start..]
            .split('"')
            .next()?
            .replace("&#38;", "&")
            .replace("&amp;", "&"),
    )
}

async fn page<S: Store>(app: &TestApp<S>, b: &Browser, path: &str) -> String {
    let r = app.get_as(b, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.text().await.expect("body")
}

async fn listed<S: Store>(app: &TestApp<S>, b: &Browser, query: &str) -> BTreeSet<String> {
    let html = page(app, b, &format!("/overzicht?{query}")).await;
    assert!(next_link(&html).is_none(), "one page for {query}");
    references(&html).into_iter().collect()
}

fn refs<'a>(rows: impl IntoIterator<Item = &'a ComplaintRow>) -> BTreeSet<String> {
    rows.into_iter().map(|r| r.reference.to_string()).collect()
}

async fn only_the_quality_manager_and_director_see_the_overview<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    for user in [&o.quality, &o.director] {
        let b = app.login(user.email.as_str()).await;
        let r = app.get_as(&b, "/overzicht").await;
        assert_eq!(r.status(), 200, "{}", user.email);
        assert!(r.text().await.expect("body").contains("Te laat per stap"));
    }
    for user in [&o.e1, &o.m1, &o.admin] {
        let b = app.login(user.email.as_str()).await;
        let r = app.get_as(&b, "/overzicht?status=closed").await;
        assert_eq!(r.status(), 403, "{}", user.email);
        assert!(!r.text().await.expect("body").contains("data-reference"));
    }
    let anonymous = app.get("/overzicht").await;
    assert_eq!(anonymous.status(), 303);
}

async fn filters_narrow_the_list_and_counts_are_right<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let store = &app.store;
    let a = register(
        store,
        &o.e1,
        intake(noon_days_ago(30), "Planning", "De bus kwam te laat"),
    )
    .await;
    let a2 = register(
        store,
        &o.e1,
        intake(noon_days_ago(20), "Bejegening", "Onbeleefd; zoekwoord-xyz"),
    )
    .await;
    let b = register(
        store,
        &o.e2,
        intake(noon_days_ago(30), "Facturatie", "Dubbel gefactureerd"),
    )
    .await;
    complaints::act(
        &complaints::Context::new(
            store,
            &cal(),
            &klacht_app::notify::Notifier::disabled(),
            klacht_clock::test_now(),
        ),
        b.id,
        &o.m2,
        Command::AssignHandler {
            handler: o.m2.clone(),
        },
        None,
    )
    .await
    .expect("assigned");
    let contact = Contact {
        date: today() - 29.days(),
        mode: ContactMode::Telephone,
        summary: "Gebeld en uitgelegd".into(),
    };
    complaints::act(
        &complaints::Context::new(
            store,
            &cal(),
            &klacht_app::notify::Notifier::disabled(),
            klacht_clock::test_now(),
        ),
        b.id,
        &o.m2,
        Command::RecordContact(contact),
        None,
    )
    .await
    .expect("contact recorded");
    let c = register(
        store,
        &o.e1,
        intake(
            (klacht_clock::test_now() - 1.minute()).to_zoned(cal().time_zone().clone()),
            "Planning",
            "Vandaag gebeld",
        ),
    )
    .await;
    let p = register_public(store, noon_days_ago(10)).await;
    let mut signal = intake(noon_days_ago(3), "Schade", "Kopje gebroken, direct vergoed");
    signal.kind = Kind::Signal;
    let s = register(store, &o.e2, signal).await;
    // A complaint whose contact term is today, when the calendar has one.
    let mut due_today = None;
    for days in 1..=6 {
        let received = noon_days_ago(days);
        if Terms::compute(received.timestamp(), &cal()).contact == today() {
            due_today =
                Some(register(store, &o.e2, intake(received, "Overig", "Termijn vandaag")).await);
            break;
        }
    }

    let all = store
        .list_complaints(&ComplaintFilter {
            limit: 500,
            ..Default::default()
        })
        .await
        .expect("list")
        .items;
    let expect = |pred: &dyn Fn(&ComplaintRow) -> bool| refs(all.iter().filter(|r| pred(r)));
    let t = today();

    let browser = app.login(o.quality.email.as_str()).await;
    let b_ = &browser;
    assert_eq!(listed(&app, b_, "").await, refs(&all));
    assert_eq!(all.len(), 6 + usize::from(due_today.is_some()));

    // Status.
    assert_eq!(listed(&app, b_, "status=in_progress").await, refs([&b]));
    assert_eq!(listed(&app, b_, "status=signal").await, refs([&s]));
    assert_eq!(
        listed(&app, b_, "status=awaiting_handler").await,
        expect(&|r| r.status == "awaiting_handler")
    );
    // Term status on the next step's term.
    let overdue = listed(&app, b_, "termijn=te_laat").await;
    assert_eq!(overdue, refs([&a, &a2, &b, &p]));
    assert_eq!(overdue, expect(&|r| r.next_due.is_some_and(|d| d < t)));
    assert_eq!(
        listed(&app, b_, "termijn=vandaag").await,
        refs(due_today.iter())
    );
    let on_time = listed(&app, b_, "termijn=op_tijd").await;
    assert_eq!(on_time, refs([&c]));
    assert_eq!(on_time, expect(&|r| r.next_due.is_some_and(|d| d > t)));
    assert_eq!(
        listed(&app, b_, "termijn=te_laat&stap=offer").await,
        refs([&b])
    );
    assert_eq!(listed(&app, b_, "stap=report").await, refs([&p]));
    // Category, handler, team.
    assert_eq!(listed(&app, b_, "categorie=Planning").await, refs([&a, &c]));
    assert_eq!(
        listed(&app, b_, &format!("afhandelaar={}", o.m2.id)).await,
        refs([&b])
    );
    let team1 = listed(&app, b_, &format!("team={}", o.m1.id)).await;
    assert_eq!(team1, refs([&a, &a2, &c]));
    assert_eq!(
        listed(&app, b_, &format!("team={}", o.m2.id)).await,
        expect(&|r| r.responsible_manager == Some(o.m2.id))
    );
    // Period: whole days, both ends included.
    let from = today() - 25.days();
    let to = today() - 10.days();
    assert_eq!(
        listed(&app, b_, &format!("van={from}&tot={to}")).await,
        refs([&a2, &p])
    );
    assert_eq!(
        listed(&app, b_, &format!("van={}", today() - 3.days())).await,
        expect(&|r| cal().local_date(r.received_at) >= today() - 3.days())
    );
    // Text search and filters together.
    assert_eq!(listed(&app, b_, "zoek=ZOEKWOORD-xyz").await, refs([&a2]));
    assert_eq!(
        listed(
            &app,
            b_,
            &format!("team={}&termijn=te_laat&categorie=Planning", o.m1.id)
        )
        .await,
        refs([&a])
    );
    // A bad value is reported, not fatal.
    let html = page(&app, b_, "/overzicht?van=gisteren&status=vrolijk").await;
    assert!(html.contains("is geen datum"), "{html}");
    assert!(html.contains("onbekend(e) status"), "{html}");
    assert_eq!(references(&html).len(), all.len());

    // Counts at the top: overdue per step, totals per status.
    let counts = store.complaint_counts(t).await.expect("counts");
    let n =
        |list: &[(String, u64)], k: &str| list.iter().find(|(x, _)| x == k).map_or(0, |(_, n)| *n);
    assert_eq!(n(&counts.overdue_by_step, "report"), 1);
    assert_eq!(n(&counts.overdue_by_step, "contact"), 2);
    assert_eq!(n(&counts.overdue_by_step, "offer"), 1);
    assert_eq!(n(&counts.overdue_by_step, "record"), 0);
    assert_eq!(
        n(&counts.by_status, "awaiting_handler"),
        4 + u64::from(due_today.is_some())
    );
    assert_eq!(n(&counts.by_status, "in_progress"), 1);
    assert_eq!(n(&counts.by_status, "signal"), 1);
    let html = page(&app, b_, "/overzicht").await;
    let overdue_block = html
        .split("id=\"overdue-counts\"")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .expect("overdue counts");
    let shown: Vec<&str> = overdue_block
        .split("data-step-count=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(
        shown,
        ["1", "2", "1", "0"],
        "report, contact, offer, record"
    );
    assert!(overdue_block.contains("id=\"overdue-total\">4<"));
    assert!(html.contains(&format!("id=\"total-count\">{}<", all.len())));
    // The counts link to the rows they count.
    assert!(
        overdue_block.contains("href=\"/overzicht?termijn=te_laat&#38;stap=contact\""),
        "{overdue_block}"
    );
}

async fn pagination_covers_every_row_exactly_once<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let store = &app.store;
    let mut planning = BTreeSet::new();
    // Three receipt instants shared by many complaints: the id breaks ties.
    for i in 0..104 {
        let received = noon_days_ago(1 + i % 3);
        let category = if i % 35 == 0 { "Schade" } else { "Planning" };
        let row = register(
            store,
            &o.e1,
            intake(received, category, &format!("Klacht {i}")),
        )
        .await;
        if category == "Planning" {
            planning.insert(row.reference.to_string());
        }
    }
    assert_eq!(planning.len(), 101);
    let b = app.login(o.director.email.as_str()).await;
    let mut seen = Vec::new();
    let mut pages = 0;
    let mut path = "/overzicht?categorie=Planning".to_string();
    loop {
        let html = page(&app, &b, &path).await;
        pages += 1;
        seen.extend(references(&html));
        match next_link(&html) {
            Some(next) => {
                assert!(next.contains("categorie=Planning"), "filters kept: {next}");
                assert!(next.contains("na="), "{next}");
                path = next;
            }
            None => break,
        }
        assert!(pages < 10, "pagination ends");
    }
    assert_eq!(pages, 3, "50 + 50 + 1");
    let unique: BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no row twice");
    assert_eq!(unique, planning, "every row once, only the filtered ones");
    // Newest receipt first, on every page.
    let all = store
        .list_complaints(&ComplaintFilter {
            category: Some("Planning".into()),
            limit: 500,
            ..Default::default()
        })
        .await
        .expect("list")
        .items;
    assert_eq!(
        seen,
        all.iter()
            .map(|r| r.reference.to_string())
            .collect::<Vec<_>>()
    );
}

store_tests!(
    only_the_quality_manager_and_director_see_the_overview,
    filters_narrow_the_list_and_counts_are_right,
    pagination_covers_every_row_exactly_once,
);
