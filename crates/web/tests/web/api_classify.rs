//! `POST /complaints/{id}/classification`: the action `allowed_actions`
//! names as `classify` has its endpoint (issue 12).

use crate::api_support::{Answer, intake, org, register, start_of_today, token};
use crate::common::spawn_app;

use klacht_store::{Store, store_tests};
use serde_json::json;

async fn classify_has_an_endpoint_with_problems_for_bad_values<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    let piet = token(&app, &org.piet).await;
    let margriet = token(&app, &org.manager).await;
    let id = register(
        &app,
        &piet,
        &intake(&start_of_today(), &[&org.joost], "Te laat."),
    )
    .await;
    let path = format!("/complaints/{id}/classification");
    let shown = app.api_get(&margriet, &format!("/complaints/{id}")).await;
    let shown = shown.ok();
    assert!(
        shown["allowed_actions"]
            .as_array()
            .expect("actions")
            .contains(&json!("classify")),
        "{shown}"
    );
    let version = shown["version"].as_u64().expect("version");

    let r: Answer = app
        .api_post(
            &margriet,
            &path,
            &json!({"category": "Bejegening", "cause": "Werkdruk", "expected_version": version}),
        )
        .await;
    let v = r.ok();
    assert_eq!(v["category"], "Bejegening");
    assert_eq!(v["cause"], "Werkdruk");
    assert_eq!(
        v["events"].as_array().expect("events").last().expect("one")["type"],
        "classified"
    );

    // Not on the administrator's list; the same again; unknown fields;
    // someone who may not; no version match.
    let r = app
        .api_post(&margriet, &path, &json!({"category": "Verzonnen"}))
        .await;
    r.problem(422);
    assert!(r.text.contains("Verzonnen"), "{}", r.text);
    let r = app
        .api_post(
            &margriet,
            &path,
            &json!({"category": "Bejegening", "cause": "Werkdruk"}),
        )
        .await;
    r.problem(422);
    assert!(r.text.contains("verandert niets"), "{}", r.text);
    let r = app
        .api_post(&margriet, &path, &json!({"categorie": "Planning"}))
        .await;
    assert_eq!(r.fields(), ["categorie"]);
    app.api_post(&piet, &path, &json!({"category": "Planning"}))
        .await
        .problem(403);
    app.api_post(
        &margriet,
        &path,
        &json!({"category": "Planning", "expected_version": version}),
    )
    .await
    .problem(409);
    // Blank means none.
    let v = app
        .api_post(
            &margriet,
            &path,
            &json!({"category": "Planning", "cause": " "}),
        )
        .await;
    let v = v.ok();
    assert_eq!(v["category"], "Planning");
    assert!(v["cause"].is_null(), "{v}");
}

store_tests!(classify_has_an_endpoint_with_problems_for_bad_values);
