//! Issue #18: the quality manager's pages (overview, archive, improvement)
//! speak the language the user chose; Dutch stays as it was.

use crate::common;

use common::{Browser, TestApp, assert_speaks, spawn_app};
use jiff::{ToSpan, Zoned};
use klacht_app::complaints;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Channel, Kind, NewComplaint, Party};
use klacht_domain::{Language, Role, User};
use klacht_store::{Store, store_tests};

fn cal() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

fn days_ago(days: i64) -> Zoned {
    (cal().local_date(klacht_clock::test_now()) - days.days())
        .at(12, 0, 0, 0)
        .to_zoned(cal().time_zone().clone())
        .expect("a valid local time")
}

async fn register<S: Store>(
    store: &S,
    by: &User,
    days: i64,
    category: &str,
) -> klacht_domain::ComplaintId {
    let new = NewComplaint {
        kind: Kind::Complaint,
        channel: Channel::Phone,
        received_at: days_ago(days),
        complainant: Party::new("A. Jansen", None, Some("06-12345678"), None).expect("valid party"),
        representative: None,
        service: Some("Thuiszorg".into()),
        involved_employees: Vec::new(),
        description: "Bus 42: 20 minuten".into(),
        category: Some(category.into()),
        cause: None,
    };
    complaints::register(
        store,
        &cal(),
        &klacht_app::notify::Notifier::disabled(),
        by,
        new,
        klacht_clock::test_now(),
    )
    .await
    .expect("registered")
    .id()
}

/// The page at `path`, without its style sheets (a selector such as
/// `td[data-label="Termijn"]` is not text anyone reads).
async fn page<S: Store>(app: &TestApp<S>, b: &Browser, path: &str) -> String {
    let r = app.get_as(b, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    let mut html = r.text().await.expect("body");
    while let Some(start) = html.find("<style") {
        let end = html[start..]
            .find("</style>")
            .map_or(html.len(), |e| start + e + "</style>".len());
        html.replace_range(start..end, "");
    }
    html
}

/// The pages translated so far, with what each must say.
const PAGES: [(&str, &str, &str); 5] = [
    ("/overzicht", "Overdue per step", "Te laat per stap"),
    ("/dossier", "Complaints archive", "Klachtendossier"),
    ("/verbetering", "Open patterns", "Open patronen"),
    ("/verbeteracties", "Improvement actions", "Verbeteracties"),
    (
        "/verbeteracties/nieuw",
        "New improvement action",
        "Nieuwe verbeteractie",
    ),
];

async fn the_quality_managers_pages_speak_the_chosen_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let director = app.user("ellen@focus.example", Role::Director, None).await;
    let manager = app
        .user("margriet@focus.example", Role::Manager, Some(director.id))
        .await;
    let employee = app
        .user("piet@focus.example", Role::Employee, Some(manager.id))
        .await;
    let quality = app
        .user("sanne@focus.example", Role::QualityManager, None)
        .await;
    // Three complaints about the same category: an open pattern too.
    let mut ids = Vec::new();
    for days in [3, 5, 8] {
        ids.push(register(&app.store, &employee, days, "Planning").await);
    }
    register(&app.store, &employee, 40, "Bejegening").await;

    app.store
        .set_user_language(quality.id, Some(Language::En))
        .await
        .expect("language");
    let b = app.login(quality.email.as_str()).await;
    for (path, english, _) in PAGES {
        let html = page(&app, &b, path).await;
        assert_speaks(Language::En, &html, path);
        assert!(html.contains(english), "{path}: {english:?}");
    }
    let html = page(&app, &b, "/overzicht?termijn=morgen&van=1-4-2026").await;
    assert_speaks(Language::En, &html, "refused filters");
    assert!(
        html.contains("Unknown deadline status &#39;morgen&#39;."),
        "{html}"
    );

    // A refused change to an improvement action, in her words: the
    // domain refuses with a code, the page words it.
    let created = klacht_app::improvement::create(
        &app.store,
        &cal(),
        &klacht_domain::patterns::PatternRules::default(),
        &quality,
        klacht_app::improvement::ActionInput {
            title: "Fixed planners".into(),
            description: "Each district gets a planner.".into(),
            owner: manager.id,
            due_on: cal().local_date(klacht_clock::test_now()) + 30.days(),
            complaints: ids,
            pattern: None,
            whole_pattern_seen: None,
        },
        klacht_clock::test_now(),
    )
    .await
    .expect("an action");
    let action = format!("/verbeteracties/{}", created.id);
    let r = app
        .post_as(
            &b,
            &format!("{action}/afronden"),
            &[("versie", "1"), ("evaluatie", " ")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("The evaluation of the effect is required."),
        "{html}"
    );
    assert_speaks(Language::En, &html, "refused closing");

    // The director kept Dutch: the same pages as before.
    let b = app.login(director.email.as_str()).await;
    for (path, _, dutch) in PAGES {
        let html = page(&app, &b, path).await;
        assert_speaks(Language::Nl, &html, path);
        assert!(html.contains(dutch), "{path}: {dutch:?}");
    }
    for path in ["/dashboard", "/rapportage/jaarverslag"] {
        let html = page(&app, &b, path).await;
        assert_speaks(Language::Nl, &html, path);
    }
}

store_tests!(the_quality_managers_pages_speak_the_chosen_language,);
