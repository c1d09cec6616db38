//! One phone call through the API (issue 15): contact, merit and offer in
//! one request, separate events, all or nothing. On SQLite and PostgreSQL.

use crate::api_support;
use crate::common;

use api_support::{intake, org, register, start_of_today, today, token};
use common::spawn_app;
use klacht_store::{Store, store_tests};
use serde_json::json;

async fn the_api_records_a_phone_call_in_one_request<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    let piet = token(&app, &org.piet).await;
    let margriet = token(&app, &org.manager).await;
    let fatima = token(&app, &org.fatima).await;
    let today = today().to_string();
    let id = register(
        &app,
        &piet,
        &intake(&start_of_today(), &[&org.joost], "De hulp kwam te laat."),
    )
    .await;
    let c = format!("/complaints/{id}");
    let v = app
        .api_post(
            &margriet,
            &format!("{c}/handler"),
            &json!({"handler": "fatima@focus.example"}),
        )
        .await
        .ok()
        .clone();
    let version = v["version"].as_u64().expect("version");

    // A wrong part is named under it, and nothing is written.
    let call = |offer_description: &str| {
        json!({
            "contact": {"date": today, "mode": "telephone", "summary": "Gebeld."},
            "merit": {"merit": "founded", "reasoning": "Te laat zonder bericht."},
            "offer": {"kind": "compensation", "description": offer_description, "made_on": today},
            "expected_version": version,
        })
    };
    let r = app
        .api_post(&fatima, &format!("{c}/phone-call"), &call(" "))
        .await;
    assert_eq!(r.fields(), ["offer.description"]);
    let r = app
        .api_post(
            &fatima,
            &format!("{c}/phone-call"),
            &json!({"merit": {"merit": "founded", "reasoning": "x"}}),
        )
        .await;
    assert_eq!(r.fields(), ["contact"]);
    // An offer without a merit: the domain refuses it, the contact too.
    let r = app
        .api_post(
            &fatima,
            &format!("{c}/phone-call"),
            &json!({
                "contact": {"date": today, "mode": "telephone", "summary": "Gebeld."},
                "offer": {"kind": "compensation", "description": "Bloemen", "made_on": today},
            }),
        )
        .await;
    r.problem(409);
    let unchanged = app.api_get(&fatima, &c).await.ok().clone();
    assert_eq!(unchanged["version"].as_u64(), Some(version));

    let v = app
        .api_post(
            &fatima,
            &format!("{c}/phone-call"),
            &call("Twee uren gecrediteerd."),
        )
        .await
        .ok()
        .clone();
    assert_eq!(v["version"].as_u64(), Some(version + 3));
    let types: Vec<&str> = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert_eq!(
        types[types.len() - 3..],
        ["contact_recorded", "merit_decided", "offer_made"]
    );
    // A stale version writes nothing.
    app.api_post(&fatima, &format!("{c}/phone-call"), &call("Nog eens"))
        .await
        .problem(409);
}

store_tests! {
    the_api_records_a_phone_call_in_one_request,
}
