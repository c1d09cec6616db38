//! Related complaints (issue 16): linked both ways from the complaint
//! page, shown on both pages with an event on both timelines; itself,
//! twice and an unknown number refused in Dutch; nothing shown of a
//! complaint the viewer may not see; and the API's `related` and link
//! endpoints. On SQLite and PostgreSQL.

use crate::api_support;
use crate::common;
use crate::complaints_support;

use common::spawn_app;
use complaints_support::{Intake, detail, org, register};
use klacht_store::{Store, store_tests};
use serde_json::json;

async fn reference_of<S: Store>(app: &common::TestApp<S>, id: &str) -> String {
    let (row, _) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    row.reference.to_string()
}

async fn kinds<S: Store>(app: &common::TestApp<S>, id: &str) -> Vec<String> {
    let (_, events) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    events.into_iter().map(|e| e.kind).collect()
}

async fn post<S: Store>(
    app: &common::TestApp<S>,
    who: &complaints_support::Person,
    id: &str,
    fields: Vec<(&'static str, String)>,
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_as(&who.b, &format!("/klachten/{id}/koppelingen"), &pairs)
        .await
}

async fn complaints_are_linked_both_ways_from_the_page<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    // Piet's complaint (Margriet's team) and Anouk's (Hans's team).
    let a = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let b = register(&app, &o.outsider, &Intake::complaint(&o.involved.user)).await;
    let a_ref = reference_of(&app, &a).await;
    let b_ref = reference_of(&app, &b).await;
    // Piet may not see Anouk's complaint: the same answer as an unknown
    // number, and nothing is written.
    let r = post(
        &app,
        &o.employee,
        &a,
        vec![
            ("klacht", b_ref.clone()),
            ("reden", "same_complainant".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains(&format!(
            "Er is geen klacht {b_ref} gevonden die u kunt inzien."
        )),
        "{page}"
    );
    let r = post(
        &app,
        &o.employee,
        &a,
        vec![
            ("klacht", "K-2026-9999".into()),
            ("reden", "same_complainant".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Er is geen klacht K-2026-9999 gevonden die u kunt inzien.")
    );
    let r = post(
        &app,
        &o.employee,
        &a,
        vec![
            ("klacht", "onzin".into()),
            ("reden", "same_complainant".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("is geen klachtnummer")
    );
    // Itself.
    let r = post(
        &app,
        &o.quality,
        &a,
        vec![("klacht", a_ref.clone()), ("reden", "other".into())],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Een klacht kan niet aan zichzelf worden gekoppeld.")
    );
    assert!(!kinds(&app, &a).await.contains(&"linked".to_owned()));

    // Sanne sees both and links them, with a note.
    let r = post(
        &app,
        &o.quality,
        &a,
        vec![
            ("klacht", b_ref.to_lowercase()),
            ("reden", "same_incident".into()),
            ("toelichting", "Dezelfde gemiste afspraak".into()),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    assert_eq!(
        kinds(&app, &a).await.last().map(String::as_str),
        Some("linked")
    );
    assert_eq!(
        kinds(&app, &b).await.last().map(String::as_str),
        Some("linked")
    );
    // Both pages show the other, with the event on both timelines.
    let page_a = detail(&app, &o.quality, &a).await;
    assert!(
        page_a.contains(&format!("data-related=\"{b_ref}\"")),
        "{page_a}"
    );
    assert!(page_a.contains(&format!(
        "Gekoppeld aan klacht {b_ref} (zelfde voorval): Dezelfde gemiste afspraak"
    )));
    let form = app
        .get_as(&o.quality.b, &format!("/klachten/{a}/formulier"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        form.contains(&format!(
            "<th>Verwante klachten</th><td>{b_ref} (zelfde voorval)</td>"
        )),
        "{form}"
    );
    let page_b = detail(&app, &o.director, &b).await;
    assert!(
        page_b.contains(&format!("data-related=\"{a_ref}\"")),
        "{page_b}"
    );
    assert!(page_b.contains(&format!("Gekoppeld aan klacht {a_ref} (zelfde voorval)")));
    assert!(page_b.contains("sanne"), "who linked it");
    // Twice, from either side.
    let r = post(
        &app,
        &o.quality,
        &b,
        vec![("klacht", a_ref.clone()), ("reden", "other".into())],
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains(&format!("Klacht {a_ref} is al gekoppeld aan {b_ref}."))
    );

    // Piet sees his complaint's link only as "one you cannot see": not
    // the other's number, id or note.
    let page = detail(&app, &o.employee, &a).await;
    assert!(
        page.contains("Er is 1 verwante klacht die u niet kunt inzien."),
        "{page}"
    );
    assert!(!page.contains(&b_ref), "{page}");
    assert!(!page.contains(&b), "no id of the other");
    assert!(page.contains("Gekoppeld aan een verwante klacht (zelfde voorval)"));
    let form = app
        .get_as(&o.employee.b, &format!("/klachten/{a}/formulier"))
        .await
        .text()
        .await
        .expect("body");
    assert!(form.contains("1 die u niet kunt inzien") && !form.contains(&b_ref));
    // Anouk likewise on hers; Hans too.
    let page = detail(&app, &o.outsider, &b).await;
    assert!(!page.contains(&a_ref) && !page.contains(&a), "{page}");
    // Someone who sees neither: still 404.
    let r = app
        .get_as(&o.other_manager.b, &format!("/klachten/{a}"))
        .await;
    assert_eq!(r.status(), 404);
    // Piet may not unlink what he cannot see (the answer of "unknown").
    let r = app
        .post_as(
            &o.employee.b,
            &format!("/klachten/{a}/koppelingen/{b}/verwijderen"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        kinds(&app, &a).await.last().map(String::as_str),
        Some("linked")
    );

    // Sanne unlinks from the other side: both timelines get it.
    let r = app
        .post_as(
            &o.quality.b,
            &format!("/klachten/{b}/koppelingen/{a}/verwijderen"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        kinds(&app, &a).await.last().map(String::as_str),
        Some("unlinked")
    );
    assert_eq!(
        kinds(&app, &b).await.last().map(String::as_str),
        Some("unlinked")
    );
    let page_a = detail(&app, &o.quality, &a).await;
    assert!(!page_a.contains("data-related="), "{page_a}");
    assert!(page_a.contains(&format!("Koppeling met klacht {b_ref} verwijderd")));
    let page = detail(&app, &o.employee, &a).await;
    assert!(!page.contains("verwante klacht die u niet kunt inzien"));
}

async fn the_api_lists_related_complaints_and_links_them<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = api_support::org(&app).await;
    let piet = api_support::token(&app, &o.piet).await;
    let anouk = api_support::token(&app, &o.anouk).await;
    let sanne = api_support::token(&app, &o.quality).await;
    let start = api_support::start_of_today();
    let a = api_support::register(
        &app,
        &piet,
        &api_support::intake(&start, &[&o.joost], "Te laat."),
    )
    .await;
    let b = api_support::register(
        &app,
        &anouk,
        &api_support::intake(&start, &[&o.joost], "Weer te laat."),
    )
    .await;
    let b_ref = app.api_get(&sanne, &format!("/complaints/{b}")).await.ok()["reference"]
        .as_str()
        .expect("reference")
        .to_owned();
    let a_ref = app.api_get(&sanne, &format!("/complaints/{a}")).await.ok()["reference"]
        .as_str()
        .expect("reference")
        .to_owned();
    let path = format!("/complaints/{a}/links");

    // Refusals as problems.
    let r = app
        .api_post(
            &sanne,
            &path,
            &json!({"reference": a_ref, "reason": "other"}),
        )
        .await;
    r.problem(422);
    assert_eq!(r.fields(), ["reference"]);
    let r = app
        .api_post(
            &sanne,
            &path,
            &json!({"reference": "K-2026-9999", "reason": "other"}),
        )
        .await;
    r.problem(422);
    let r = app
        .api_post(
            &sanne,
            &path,
            &json!({"reference": b_ref, "reason": "kwaad"}),
        )
        .await;
    r.problem(422);
    assert_eq!(r.fields(), ["reason"]);
    let r = app
        .api_post(
            &piet,
            &path,
            &json!({"reference": b_ref, "reason": "other"}),
        )
        .await;
    r.problem(422);
    let r = app
        .api_post(
            &sanne,
            &path,
            &json!({"reference": b_ref, "reason": "other", "note": "x".repeat(20_001)}),
        )
        .await;
    r.problem(422);
    assert_eq!(r.fields(), ["note"]);

    // Linked: both resources list the other.
    let c = app
        .api_post(
            &sanne,
            &path,
            &json!({"reference": b_ref, "reason": "same_complainant", "note": "zelfde mevrouw"}),
        )
        .await
        .ok()
        .clone();
    assert_eq!(
        c["related"],
        json!([{"visible": true, "id": b, "reference": b_ref, "status": "awaiting_handler",
                "reason": "same_complainant", "note": "zelfde mevrouw"}])
    );
    let other = app
        .api_get(&sanne, &format!("/complaints/{b}"))
        .await
        .ok()
        .clone();
    assert_eq!(other["related"][0]["id"], json!(a));
    assert_eq!(
        other["events"]
            .as_array()
            .and_then(|e| e.last())
            .map(|e| e["type"].clone()),
        Some(json!("linked"))
    );
    let r = app
        .api_post(
            &sanne,
            &path,
            &json!({"reference": b_ref, "reason": "other"}),
        )
        .await;
    r.problem(409);

    // Piet: only that one exists, and the event without the other's id.
    let mine = app
        .api_get(&piet, &format!("/complaints/{a}"))
        .await
        .ok()
        .clone();
    assert_eq!(
        mine["related"],
        json!([{"visible": false, "id": null, "reference": null, "status": null, "reason": null, "note": null}])
    );
    let text = mine.to_string();
    assert!(!text.contains(&b) && !text.contains(&b_ref), "{text}");

    // Unlinked with DELETE.
    let r = app
        .send(
            app.client
                .delete(app.url(&format!("/api/v1/complaints/{a}/links/{b}")))
                .bearer_auth(&sanne),
        )
        .await;
    assert_eq!(r.ok()["related"], json!([]));
    let r = app
        .send(
            app.client
                .delete(app.url(&format!("/api/v1/complaints/{a}/links/{b}")))
                .bearer_auth(&sanne),
        )
        .await;
    r.problem(409);
    let r = app
        .send(
            app.client
                .delete(app.url(&format!("/api/v1/complaints/{a}/links/onzin")))
                .bearer_auth(&sanne),
        )
        .await;
    r.problem(404);
}

store_tests!(
    complaints_are_linked_both_ways_from_the_page,
    the_api_lists_related_complaints_and_links_them,
);
