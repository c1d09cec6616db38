//! Who sees which complaints through the API, filters, keyset pagination,
//! and 403/404 per role; on SQLite and PostgreSQL.

use crate::api_support;
use crate::common;

use std::collections::BTreeSet;

use api_support::{Org, intake, org, register, token, yesterday};
use common::{TestApp, spawn_app};
use klacht_store::{Store, store_tests};
use serde_json::{Value, json};

/// Every id `token` finds, page by page of `limit`, asserting that no row
/// comes twice and the order is newest receipt first.
async fn walk<S: Store>(app: &TestApp<S>, token: &str, query: &str, limit: u32) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    let mut last: Option<(jiff::Timestamp, String)> = None;
    for _ in 0..100 {
        let mut path = format!("/complaints?limit={limit}{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let page = app.api_get(token, &path).await;
        let page = page.ok();
        let items = page["items"].as_array().expect("items");
        assert!(items.len() <= limit as usize);
        for item in items {
            let id = item["id"].as_str().expect("id").to_owned();
            let at: jiff::Timestamp = item["received_at"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .expect("received_at in RFC 3339");
            let key = (at, id.clone());
            if let Some(prev) = &last {
                assert!(
                    key < *prev,
                    "newest first, then by id: {prev:?} then {key:?}"
                );
            }
            last = Some(key);
            ids.push(id);
        }
        match page["next_cursor"].as_str() {
            Some(c) => {
                assert_eq!(items.len(), limit as usize, "only full pages have a next");
                cursor = Some(c.to_owned());
            }
            None => {
                let unique: BTreeSet<&String> = ids.iter().collect();
                assert_eq!(unique.len(), ids.len(), "a row came twice");
                return ids;
            }
        }
    }
    panic!("pagination never ended");
}

struct World {
    org: Org,
    /// Registered by Piet (team Margriet): 3 plus 7 received at the same
    /// moment, and one signal.
    piets: Vec<String>,
    /// Registered by Anouk (team Hans).
    anouks: Vec<String>,
}

async fn world<S: Store>(app: &TestApp<S>) -> World {
    let org = org(app).await;
    let piet = token(app, &org.piet).await;
    let anouk = token(app, &org.anouk).await;
    let mut piets = Vec::new();
    for (received, text) in [
        ("2026-03-02T09:00:00+01:00", "De bus kwam niet"),
        ("2026-04-24T09:30:00+02:00", "Onvriendelijke medewerker"),
        ("2026-05-11T14:00:00+02:00", "Rekening klopt niet"),
    ] {
        piets.push(register(app, &piet, &intake(received, &[&org.joost], text)).await);
    }
    // Equal receipts: the keyset must order them by id and skip none.
    for i in 0..7 {
        let body = intake(
            "2026-06-01T10:00:00+02:00",
            &[],
            &format!("Gelijk moment {i}"),
        );
        piets.push(register(app, &piet, &body).await);
    }
    let mut signal = intake(&yesterday(), &[], "Direct opgelost");
    signal["kind"] = json!("signal");
    piets.push(register(app, &piet, &signal).await);
    let mut anouks = Vec::new();
    for text in ["Schoonmaak niet gedaan", "Sleutel kwijt"] {
        anouks.push(register(app, &anouk, &intake(&yesterday(), &[], text)).await);
    }
    World { org, piets, anouks }
}

fn set(ids: &[String]) -> BTreeSet<String> {
    ids.iter().cloned().collect()
}

async fn lists_show_each_role_what_the_pages_show<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let w = world(&app).await;
    let all: BTreeSet<String> = set(&w.piets).union(&set(&w.anouks)).cloned().collect();
    assert_eq!(all.len(), 13);

    for (user, expected) in [
        (&w.org.quality, all.clone()),
        (&w.org.director, all.clone()),
        (&w.org.manager, set(&w.piets)),
        (&w.org.piet, set(&w.piets)),
        (&w.org.other_manager, set(&w.anouks)),
        (&w.org.anouk, set(&w.anouks)),
        (&w.org.fatima, BTreeSet::new()),
        // Being involved does not make a complaint visible.
        (&w.org.joost, BTreeSet::new()),
    ] {
        let t = token(&app, user).await;
        for limit in [1, 4, 50] {
            let seen = walk(&app, &t, "", limit).await;
            assert_eq!(set(&seen), expected, "{} with limit {limit}", user.email);
        }
    }

    // Assigning makes it visible to the handler.
    let margriet = token(&app, &w.org.manager).await;
    let first = &w.piets[0];
    app.api_post(
        &margriet,
        &format!("/complaints/{first}/handler"),
        &json!({"handler": "fatima@focus.example"}),
    )
    .await
    .ok();
    let fatima = token(&app, &w.org.fatima).await;
    assert_eq!(
        walk(&app, &fatima, "", 10).await,
        std::slice::from_ref(first)
    );

    // An agreed action's owner from the other team finds it too, and
    // completes her action only; her manager is not let in by it.
    app.api_post(
        &fatima,
        &format!("/complaints/{first}/actions"),
        &json!({"description": "Rooster aanpassen", "owner": "anouk@focus.example"}),
    )
    .await
    .ok();
    app.api_post(
        &fatima,
        &format!("/complaints/{first}/actions"),
        &json!({"description": "Excuusbrief sturen"}),
    )
    .await
    .ok();
    let anouk = token(&app, &w.org.anouk).await;
    let mut hers = set(&w.anouks);
    hers.insert(first.clone());
    assert_eq!(set(&walk(&app, &anouk, "", 50).await), hers);
    app.api_get(&anouk, &format!("/complaints/{first}"))
        .await
        .ok();
    app.api_post(
        &anouk,
        &format!("/complaints/{first}/actions/2/complete"),
        &json!({}),
    )
    .await
    .problem(403);
    app.api_post(
        &anouk,
        &format!("/complaints/{first}/actions/1/complete"),
        &json!({}),
    )
    .await
    .ok();
    let hans = token(&app, &w.org.other_manager).await;
    assert_eq!(set(&walk(&app, &hans, "", 50).await), set(&w.anouks));

    let admin = token(&app, &w.org.admin).await;
    let r = app.api_get(&admin, "/complaints").await;
    r.problem(403);
    assert_eq!(r.body["code"], "forbidden");

    // A list row carries the read model, its people and its terms.
    let sanne = token(&app, &w.org.quality).await;
    let page = app.api_get(&sanne, "/complaints?q=bus").await;
    let items = page.ok()["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    let row = &items[0];
    assert_eq!(row["reference"], "K-2026-0001");
    assert_eq!(row["handler"]["email"], "fatima@focus.example");
    assert_eq!(row["received_by"]["email"], "piet@focus.example");
    assert_eq!(row["received_at"], "2026-03-02T09:00:00+01:00");
    assert_eq!(row["deadlines"]["contact"], "2026-03-04");
    assert_eq!(row["status"], "in_progress");
}

async fn filters_narrow_the_list_and_bad_ones_are_named<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let w = world(&app).await;
    let sanne = token(&app, &w.org.quality).await;
    let margriet = token(&app, &w.org.manager).await;
    app.api_post(
        &margriet,
        &format!("/complaints/{}/handler", w.piets[1]),
        &json!({"handler": "fatima@focus.example"}),
    )
    .await
    .ok();

    let count = |query: &'static str| {
        let app = &app;
        let sanne = &sanne;
        async move { walk(app, sanne, query, 50).await.len() }
    };
    assert_eq!(count("&kind=signal").await, 1);
    assert_eq!(count("&status=signal").await, 1);
    assert_eq!(count("&kind=complaint").await, 12);
    assert_eq!(count("&status=in_progress").await, 1);
    assert_eq!(count("&status=awaiting_handler").await, 11);
    assert_eq!(count("&handler=Fatima@focus.example").await, 1);
    assert_eq!(count("&q=ONVRIENDELIJK").await, 1);
    assert_eq!(count("&q=K-2026-000").await, 9);
    assert_eq!(
        count("&received_from=2026-06-01&received_before=2026-06-02").await,
        7
    );
    assert_eq!(count("&received_before=2026-06-01").await, 3);
    assert_eq!(count("&received_from=2026-06-01&kind=complaint").await, 9);
    // Filters and visibility together, across pages.
    let piet = token(&app, &w.org.piet).await;
    assert_eq!(
        walk(
            &app,
            &piet,
            "&received_from=2026-06-01&received_before=2026-06-02",
            2
        )
        .await
        .len(),
        7
    );

    for (query, field) in [
        ("?limit=0", "limit"),
        ("?limit=201", "limit"),
        ("?limit=veel", "limit"),
        ("?cursor=onzin", "cursor"),
        ("?status=open", "status"),
        ("?kind=vraag", "kind"),
        ("?handler=geen-adres", "handler"),
        ("?handler=nobody@focus.example", "handler"),
        ("?received_from=2026-13-01", "received_from"),
        ("?received_before=1-1-2026", "received_before"),
    ] {
        let r = app.api_get(&sanne, &format!("/complaints{query}")).await;
        assert_eq!(r.fields(), [field], "{query}");
    }
    let r = app.api_get(&sanne, "/complaints?stauts=open").await;
    r.problem(400);
}

async fn complaints_out_of_sight_are_404_and_the_administrator_gets_403<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let w = world(&app).await;
    let id = &w.piets[0];
    let path = format!("/complaints/{id}");
    let tokens = [
        ("admin", token(&app, &w.org.admin).await),
        ("anouk", token(&app, &w.org.anouk).await),
        ("hans", token(&app, &w.org.other_manager).await),
        ("joost", token(&app, &w.org.joost).await),
        ("piet", token(&app, &w.org.piet).await),
        ("margriet", token(&app, &w.org.manager).await),
        ("sanne", token(&app, &w.org.quality).await),
    ];
    let t = |name: &str| {
        tokens
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.clone())
            .expect("token")
    };
    let today = api_support::today().to_string();
    let actions: Vec<(&str, Value)> = vec![
        ("", Value::Null),
        ("/handler", json!({"handler": "margriet@focus.example"})),
        (
            "/contact",
            json!({"date": today, "mode": "telephone", "summary": "Gebeld"}),
        ),
        ("/close", json!({})),
        ("/actions/1/complete", json!({})),
    ];
    for (suffix, body) in &actions {
        let full = format!("{path}{suffix}");
        let ask = |token: String| {
            let app = &app;
            let full = full.clone();
            let body = body.clone();
            async move {
                if body.is_null() {
                    app.api_get(&token, &full).await
                } else {
                    app.api_post(&token, &full, &body).await
                }
            }
        };
        let r = ask(t("admin")).await;
        r.problem(403);
        for outsider in ["anouk", "hans", "joost"] {
            let r = ask(t(outsider)).await;
            r.problem(404);
            assert_eq!(r.body["code"], "not_found", "{outsider} {suffix}");
        }
    }
    // Those who see it: read, and 403 where their role does not reach.
    app.api_get(&t("piet"), &path).await.ok();
    app.api_get(&t("margriet"), &path).await.ok();
    app.api_post(
        &t("piet"),
        &format!("{path}/handler"),
        &json!({"handler": "fatima@focus.example"}),
    )
    .await
    .problem(403);
    app.api_post(&t("margriet"), &format!("{path}/close"), &json!({}))
        .await
        .problem(403);

    // By reference as well as by id; unknown and malformed ids are 404.
    let by_ref = app.api_get(&t("sanne"), "/complaints/K-2026-0001").await;
    assert_eq!(by_ref.ok()["id"], id.as_str());
    app.api_get(&t("hans"), "/complaints/K-2026-0001")
        .await
        .problem(404);
    for missing in [
        "/complaints/K-2026-9999",
        "/complaints/0193a4b0-0000-7000-8000-000000000000",
        "/complaints/geen-id",
        "/complaints/0193a4b0-0000-7000-8000-000000000000/contact",
    ] {
        let r = if missing.ends_with("/contact") {
            app.api_post(
                &t("sanne"),
                missing,
                &json!({"date": today, "mode": "telephone", "summary": "x"}),
            )
            .await
        } else {
            app.api_get(&t("sanne"), missing).await
        };
        r.problem(404);
    }
}

store_tests!(
    lists_show_each_role_what_the_pages_show,
    filters_narrow_the_list_and_bad_ones_are_named,
    complaints_out_of_sight_are_404_and_the_administrator_gets_403,
);
