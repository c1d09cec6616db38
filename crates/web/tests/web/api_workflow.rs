//! Every workflow action through the API, from intake to closing by the
//! quality manager; refusals as problems; optimistic concurrency. On
//! SQLite and PostgreSQL.

use crate::api_support;
use crate::common;

use api_support::{Answer, intake, org, register, start_of_today, today, token, yesterday};
use common::{TestApp, spawn_app};
use jiff::ToSpan;
use klacht_store::{Store, store_tests};
use serde_json::{Value, json};

fn event_types(c: &Value) -> Vec<String> {
    c["events"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["type"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn version(c: &Value) -> u64 {
    c["version"].as_u64().expect("version")
}

/// Posts an action and expects the updated complaint.
async fn act<S: Store>(app: &TestApp<S>, token: &str, path: &str, body: Value) -> Value {
    let r: Answer = app.api_post(token, path, &body).await;
    r.ok().clone()
}

async fn every_action_walks_a_complaint_to_its_closing<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    let piet = token(&app, &org.piet).await;
    let margriet = token(&app, &org.manager).await;
    let fatima = token(&app, &org.fatima).await;
    let sanne = token(&app, &org.quality).await;
    let ellen = token(&app, &org.director).await;
    let today = today().to_string();

    let id = register(
        &app,
        &piet,
        &intake(
            &start_of_today(),
            &[&org.joost],
            "De hulp kwam twee uur te laat.",
        ),
    )
    .await;
    let c = format!("/complaints/{id}");

    // The handler is never who delivered the service.
    let r = app
        .api_post(
            &margriet,
            &format!("{c}/handler"),
            &json!({"handler": "joost@focus.example"}),
        )
        .await;
    assert_eq!(r.fields(), ["handler"]);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap_or("")
            .contains("betrokken")
    );
    let r = app
        .api_post(
            &margriet,
            &format!("{c}/handler"),
            &json!({"handler": "nobody@focus.example"}),
        )
        .await;
    assert_eq!(r.fields(), ["handler"]);

    let v = act(
        &app,
        &margriet,
        &format!("{c}/handler"),
        json!({"handler": "fatima@focus.example"}),
    )
    .await;
    assert_eq!(v["status"], "in_progress");
    assert_eq!(v["handler"]["email"], "fatima@focus.example");

    let v = act(
        &app,
        &fatima,
        &format!("{c}/assistants"),
        json!({"assistant": "sanne@focus.example"}),
    )
    .await;
    assert_eq!(v["assistants"][0]["email"], "sanne@focus.example");

    // Closing now is not possible yet: 409, and not Fatima's to do: 403.
    let r = app
        .api_post(&sanne, &format!("{c}/close"), &json!({}))
        .await;
    r.problem(409);
    assert_eq!(r.body["code"], "wrong_state");
    app.api_post(&fatima, &format!("{c}/close"), &json!({}))
        .await
        .problem(403);

    let v = act(
        &app,
        &fatima,
        &format!("{c}/contact"),
        json!({"date": today, "mode": "telephone", "summary": "Excuses aangeboden, wacht op voorstel."}),
    )
    .await;
    assert_eq!(v["contact"]["mode"], "telephone");
    assert_eq!(
        v["contact"]["recorded"]["by"]["email"],
        "fatima@focus.example"
    );
    let contact_seq = v["contact"]["recorded"]["seq"].as_u64().expect("seq");

    act(
        &app,
        &fatima,
        &format!("{c}/merit"),
        json!({"merit": "partly_founded", "reasoning": "Te laat, maar de planning was gemeld."}),
    )
    .await;
    // A value past € 1.000.000,00 is a typing error, not an offer; 2^63
    // cents does not even fit the documented int64.
    for cents in [100_000_001_u64, 1 << 63] {
        let r = app
            .api_post(
                &fatima,
                &format!("{c}/offer"),
                &json!({"kind": "compensation", "description": "Te veel", "value_cents": cents,
                        "made_on": today}),
            )
            .await;
        r.problem(422);
        assert!(r.text.contains("1.000.000,00"), "{cents}: {}", r.text);
    }
    let v = act(
        &app,
        &fatima,
        &format!("{c}/offer"),
        json!({"kind": "compensation", "description": "Eén uur gratis hulp", "value_cents": 3250,
               "director_consulted": true, "made_on": today}),
    )
    .await;
    assert_eq!(v["offer"]["value_cents"], 3250);
    assert_eq!(v["merit"]["merit"], "partly_founded");
    let v = act(
        &app,
        &fatima,
        &format!("{c}/response"),
        json!({"accepted": true, "satisfaction": 4, "comment": "Netjes opgelost."}),
    )
    .await;
    assert_eq!(v["response"]["satisfaction"], 4);

    let due = (api_support::today() + 7.days()).to_string();
    let v = act(
        &app,
        &fatima,
        &format!("{c}/actions"),
        json!({"description": "Planning voortaan dubbel controleren", "due": due, "owner": "fatima@focus.example"}),
    )
    .await;
    assert_eq!(v["actions"][0]["number"], 1);
    assert_eq!(v["actions"][0]["owner"]["email"], "fatima@focus.example");
    assert_eq!(v["actions"][0]["completed"], Value::Null);
    // An open action blocks closing.
    assert!(
        v["closing_blockers"]
            .as_array()
            .expect("blockers")
            .iter()
            .any(|b| b.as_str().unwrap_or("").contains("actie 1"))
    );
    app.api_post(&fatima, &format!("{c}/actions/9/complete"), &json!({}))
        .await
        .problem(422);
    app.api_post(&fatima, &format!("{c}/actions/x/complete"), &json!({}))
        .await
        .problem(404);
    let v = act(
        &app,
        &fatima,
        &format!("{c}/actions/1/complete"),
        json!({"note": "Besproken in teamoverleg"}),
    )
    .await;
    assert_eq!(
        v["actions"][0]["completed"]["note"],
        "Besproken in teamoverleg"
    );

    let v = act(
        &app,
        &fatima,
        &format!("{c}/escalation"),
        json!({"party": "other", "party_name": "Geschillencommissie Zorg", "on": today}),
    )
    .await;
    assert_eq!(v["status"], "escalated");
    assert_eq!(
        v["escalations"][0]["party_label"],
        "Geschillencommissie Zorg"
    );
    let v = act(
        &app,
        &ellen,
        &format!("{c}/escalation/outcome"),
        json!({"outcome": "Klacht ingetrokken na bemiddeling", "on": today, "resolved": true}),
    )
    .await;
    assert_eq!(v["escalations"][0]["outcome"]["resolved"], true);

    // No body at all: `/form-sent` needs none.
    let r = app
        .send(
            app.client
                .post(app.url(&format!("/api/v1{c}/form-sent")))
                .bearer_auth(&fatima),
        )
        .await;
    let v = r.ok();
    assert_eq!(v["status"], "recorded");
    assert!(v["form_sent"]["at"].is_string());

    // A correction is a new event; the original is marked superseded.
    let v = act(
        &app,
        &fatima,
        &format!("{c}/corrections"),
        json!({"of": contact_seq, "reason": "Het was een huisbezoek.",
               "replacement": {"type": "contact_recorded", "date": today, "mode": "face_to_face",
                               "summary": "Excuses aangeboden bij een huisbezoek."}}),
    )
    .await;
    assert_eq!(v["contact"]["mode"], "face_to_face");
    assert_eq!(v["contact"]["recorded"]["seq"], contact_seq);
    let corrected = &v["events"][usize::try_from(contact_seq - 1).expect("index")];
    assert_eq!(corrected["superseded_by"], version(&v));
    let r = app
        .api_post(
            &fatima,
            &format!("{c}/corrections"),
            &json!({"of": contact_seq, "reason": "x", "replacement": {"type": "contact_recorded", "date": 5}}),
        )
        .await;
    // The event's type decides its shape, so serde names the event.
    assert_eq!(r.fields(), ["replacement"]);

    // Only the quality manager closes.
    app.api_post(&margriet, &format!("{c}/close"), &json!({}))
        .await
        .problem(403);
    let v = act(
        &app,
        &sanne,
        &format!("{c}/close"),
        json!({"note": "Opgeborgen"}),
    )
    .await;
    assert_eq!(v["status"], "closed");
    assert_eq!(
        v["closed"]["recorded"]["by"]["email"],
        "sanne@focus.example"
    );
    assert_eq!(v["closing_blockers"], json!([]));
    let v = act(
        &app,
        &sanne,
        &format!("{c}/exact-registration"),
        json!({"exact_id": "ES-2026-118"}),
    )
    .await;
    assert_eq!(v["exact_registration"]["exact_id"], "ES-2026-118");
    // The quality manager still analyses category and cause (DESIGN §6),
    // and may reopen it (issue 16).
    assert_eq!(
        v["allowed_actions"],
        json!(["correct", "classify", "reopen"])
    );

    // Closed: nothing more but corrections.
    let r = app
        .api_post(
            &fatima,
            &format!("{c}/merit"),
            &json!({"merit": "founded", "reasoning": "x"}),
        )
        .await;
    r.problem(409);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap_or("")
            .contains("afgesloten")
    );

    assert_eq!(
        event_types(&v),
        [
            "registered",
            "reported_to_manager",
            "handler_assigned",
            "assistant_added",
            "contact_recorded",
            "merit_decided",
            "offer_made",
            "response_recorded",
            "action_agreed",
            "action_completed",
            "escalated",
            "escalation_outcome",
            "form_sent_to_quality_manager",
            "corrected",
            "closed",
            "registered_in_exact",
        ]
    );
    let terms: Vec<&str> = v["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .filter_map(|t| t["status"].as_str())
        .collect();
    assert_eq!(terms, ["done_on_time"; 4], "{}", v["terms"]);
    // Every event says who, when and what.
    for e in v["events"].as_array().expect("events") {
        assert!(e["at"].is_string() && e["description"].is_string(), "{e}");
        assert_eq!(e["data"]["type"], e["type"]);
    }
}

async fn routing_waivers_and_conversion<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    let piet = token(&app, &org.piet).await;
    let margriet = token(&app, &org.manager).await;
    let hans = token(&app, &org.other_manager).await;
    let sanne = token(&app, &org.quality).await;

    let id = register(&app, &piet, &intake(&yesterday(), &[], "Verkeerd team")).await;
    let c = format!("/complaints/{id}");
    // Only the quality manager or director re-routes.
    app.api_post(
        &margriet,
        &format!("{c}/route"),
        &json!({"manager": "hans@focus.example"}),
    )
    .await
    .problem(403);
    let r = app
        .api_post(
            &sanne,
            &format!("{c}/route"),
            &json!({"manager": "anouk@focus.example"}),
        )
        .await;
    assert_eq!(r.fields(), ["manager"], "an employee is no manager");
    let v = act(
        &app,
        &sanne,
        &format!("{c}/route"),
        json!({"manager": "hans@focus.example"}),
    )
    .await;
    assert_eq!(v["responsible_manager"]["email"], "hans@focus.example");
    // Hans answers for it now; Margriet no longer sees it.
    app.api_get(&hans, &c).await.ok();
    app.api_get(&margriet, &c).await.problem(404);

    let v = act(
        &app,
        &hans,
        &format!("{c}/waivers"),
        json!({"step": "contact", "reason": "Klager drie keer niet bereikt."}),
    )
    .await;
    assert_eq!(v["waivers"][0]["step"], "contact");
    assert_eq!(v["terms"][1]["waived"], true);
    let r = app
        .api_post(
            &hans,
            &format!("{c}/waivers"),
            &json!({"step": "report", "reason": "x"}),
        )
        .await;
    assert_eq!(r.fields(), ["step"]);

    let mut signal = intake(&yesterday(), &[], "Direct opgelost aan de balie");
    signal["kind"] = json!("signal");
    let sid = register(&app, &piet, &signal).await;
    let s = format!("/complaints/{sid}");
    // A signal has no workflow: 409 for whom the step would be theirs.
    app.api_post(
        &margriet,
        &format!("{s}/contact"),
        &json!({"date": today().to_string(), "mode": "telephone", "summary": "x"}),
    )
    .await
    .problem(409);
    let r = app
        .api_post(&piet, &format!("{s}/convert"), &json!({}))
        .await;
    assert_eq!(r.fields(), ["reason"]);
    let v = act(
        &app,
        &piet,
        &format!("{s}/convert"),
        json!({"reason": "Klager belde opnieuw."}),
    )
    .await;
    assert_eq!(v["kind"], "complaint");
    assert_eq!(v["status"], "awaiting_handler");
    assert_eq!(v["terms"].as_array().map(Vec::len), Some(4));
}

async fn a_stale_expected_version_is_refused_with_409<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    let piet = token(&app, &org.piet).await;
    let margriet = token(&app, &org.manager).await;
    let id = register(&app, &piet, &intake(&yesterday(), &[], "Versies")).await;
    let c = format!("/complaints/{id}");
    let seen = version(app.api_get(&margriet, &c).await.ok());
    assert_eq!(seen, 2);

    let v = act(
        &app,
        &margriet,
        &format!("{c}/handler"),
        json!({"handler": "fatima@focus.example", "expected_version": seen}),
    )
    .await;
    assert_eq!(version(&v), 3);
    // Someone working from what they saw before gets a conflict and
    // writes nothing.
    let r = app
        .api_post(
            &margriet,
            &format!("{c}/handler"),
            &json!({"handler": "margriet@focus.example", "expected_version": seen}),
        )
        .await;
    r.problem(409);
    assert_eq!(r.body["code"], "edit_conflict");
    let now = app.api_get(&margriet, &c).await;
    assert_eq!(version(now.ok()), 3);
    assert_eq!(now.body["handler"]["email"], "fatima@focus.example");
    // A future version is as stale as a past one.
    app.api_post(
        &margriet,
        &format!("{c}/form-sent"),
        &json!({"expected_version": 99}),
    )
    .await
    .problem(409);
    // The current version goes through.
    let v = act(
        &app,
        &margriet,
        &format!("{c}/handler"),
        json!({"handler": "margriet@focus.example", "expected_version": 3}),
    )
    .await;
    assert_eq!(v["handler"]["email"], "margriet@focus.example");
    // Unknown fields are refused, so a misspelt expected_version is no
    // silent last-writer-wins.
    let r = app
        .api_post(
            &margriet,
            &format!("{c}/handler"),
            &json!({"handler": "fatima@focus.example", "expected_verison": 1}),
        )
        .await;
    r.problem(422);
}

store_tests!(
    every_action_walks_a_complaint_to_its_closing,
    routing_waivers_and_conversion,
    a_stale_expected_version_is_refused_with_409,
);
