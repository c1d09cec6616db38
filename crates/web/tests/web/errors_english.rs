//! Refusals in the reader's language (issue #18): the domain refuses with
//! a code, and the edges put it into words. An English staff member sees
//! the refusal in English, a Dutch one in Dutch; the API's problems follow
//! `Accept-Language`; and `language` on `POST /complaints` makes the
//! complaint English.

use crate::api_support;
use crate::common;
use crate::complaints_support;

use api_support::{intake, start_of_today, token};
use common::spawn_app;
use complaints_support::{Intake, act, done, org, register};
use klacht_domain::Language;
use klacht_store::{Store, store_tests};
use serde_json::json;

const INVOLVED_EN: &str = "The handler may not be involved in the service complained about.";
const INVOLVED_NL: &str =
    "De afhandelaar mag niet betrokken zijn bij de dienst waarover geklaagd wordt.";
const DECIDED_EN: &str =
    "The merits have already been decided; correct the judgement if it is wrong.";
const DECIDED_NL: &str = "De gegrondheid is al bepaald; corrigeer het oordeel als het niet klopt.";

async fn staff_see_refusals_in_their_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    for who in [&o.manager, &o.colleague] {
        app.store
            .set_user_language(who.user.id, Some(Language::En))
            .await
            .expect("language saved");
    }
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;

    // Invalid input: the involved employee as handler.
    let handler = [("afhandelaar", o.involved.user.id.to_string())];
    let handler: Vec<(&str, &str)> = handler.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = act(&app, &o.manager, &id, "afhandelaar", &handler).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains(INVOLVED_EN), "English refusal");
    assert!(!page.contains(INVOLVED_NL), "no Dutch refusal");
    // The quality manager reads Dutch.
    let r = act(&app, &o.quality, &id, "afhandelaar", &handler).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains(INVOLVED_NL), "Dutch refusal");
    assert!(!page.contains(INVOLVED_EN), "no English refusal");

    // A wrong state: deciding on the merits twice.
    let colleague = o.colleague.user.id.to_string();
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &colleague)],
    )
    .await;
    let merit = [("oordeel", "founded"), ("onderbouwing", "Klopt.")];
    done(&app, &o.colleague, &id, "oordeel", &merit).await;
    let r = act(&app, &o.colleague, &id, "oordeel", &merit).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.expect("body");
    assert!(page.contains(DECIDED_EN), "English wrong state");
    assert!(!page.contains(DECIDED_NL));
    // A Dutch quality manager gets the same refusal in Dutch.
    let r = act(&app, &o.quality, &id, "oordeel", &merit).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.expect("body");
    assert!(page.contains(DECIDED_NL), "Dutch wrong state");

    // A refusal with values: a date before receipt, written as each
    // language writes dates.
    let r = act(
        &app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", "2000-01-03"),
            ("vorm", "telephone"),
            ("samenvatting", "Gebeld."),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("The date of contact (3 Jan 2000) lies before the complaint was received"),
        "English with an English date"
    );
}

async fn api_problems_follow_accept_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = api_support::org(&app).await;
    let piet = token(&app, &o.piet).await;
    let future = "2099-01-01T10:00:00+01:00";
    let body = intake(future, &[&o.joost], "Niet gekomen.");
    let post = |language: Option<&'static str>| {
        let mut req = app
            .client
            .post(app.url("/api/v1/complaints"))
            .bearer_auth(&piet)
            .json(&body);
        if let Some(l) = language {
            req = req.header("accept-language", l);
        }
        req
    };

    // A domain refusal at a field.
    let r = app.send(post(Some("en-GB,en;q=0.9"))).await;
    let p = r.problem(422);
    assert_eq!(p["title"], "Check the input");
    assert_eq!(p["detail"], "The time of receipt lies in the future.");
    assert_eq!(p["errors"][0]["field"], "received_at");
    assert_eq!(
        p["errors"][0]["message"],
        "The time of receipt lies in the future."
    );
    assert_eq!(p["code"], "invalid", "codes stay English");
    let r = app.send(post(None)).await;
    let p = r.problem(422);
    assert_eq!(p["title"], "Controleer de invoer");
    assert_eq!(p["detail"], "Het moment van ontvangst ligt in de toekomst.");
    let r = app.send(post(Some("nl-NL, en;q=0.5"))).await;
    assert_eq!(r.problem(422)["title"], "Controleer de invoer");

    // A wrong state, through the domain's refusal.
    let id = api_support::register(&app, &piet, &intake(&start_of_today(), &[], "Te laat.")).await;
    let manager = token(&app, &o.manager).await;
    let path = format!("/api/v1/complaints/{id}/handler");
    let assign = json!({"handler": o.fatima.email.to_string()});
    let r = app
        .send(
            app.client
                .post(app.url(&path))
                .bearer_auth(&manager)
                .header("accept-language", "en")
                .json(&assign),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = app
        .send(
            app.client
                .post(app.url(&path))
                .bearer_auth(&manager)
                .header("accept-language", "en")
                .json(&assign),
        )
        .await;
    let p = r.problem(409);
    assert_eq!(p["title"], "Not possible");
    assert_eq!(p["detail"], "fatima is already the handler.");
    assert_eq!(p["code"], "wrong_state");
    let r = app
        .send(
            app.client
                .post(app.url(&path))
                .bearer_auth(&manager)
                .json(&assign),
        )
        .await;
    let p = r.problem(409);
    assert_eq!(p["title"], "Niet mogelijk");
    assert_eq!(p["detail"], "fatima is al de afhandelaar.");

    // The problems the HTTP layer answers by itself, and tokens.
    let r = app
        .send(
            app.client
                .get(app.url("/api/v1/no-such-thing"))
                .bearer_auth(&piet)
                .header("accept-language", "en"),
        )
        .await;
    assert_eq!(r.problem(404)["title"], "Not found");
    let r = app
        .send(
            app.client
                .get(app.url("/api/v1/complaints"))
                .header("accept-language", "en"),
        )
        .await;
    let p = r.problem(401);
    assert_eq!(
        p["detail"],
        "Send an API token: Authorization: Bearer <token>."
    );
    assert!(r.headers.contains_key("www-authenticate"));
}

async fn the_api_registers_in_the_complainants_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = api_support::org(&app).await;
    let piet = token(&app, &o.piet).await;

    let mut body = intake(&start_of_today(), &[&o.joost], "Carer did not come.");
    body["language"] = json!("en");
    let id = api_support::register(&app, &piet, &body).await;
    let c = klacht_app::complaints::load(&app.store, id.parse().expect("id"))
        .await
        .expect("complaint");
    assert_eq!(c.language(), Language::En);

    // Absent: Dutch, as before.
    let body = intake(&start_of_today(), &[&o.joost], "Niet gekomen.");
    let id = api_support::register(&app, &piet, &body).await;
    let c = klacht_app::complaints::load(&app.store, id.parse().expect("id"))
        .await
        .expect("complaint");
    assert_eq!(c.language(), Language::Nl);

    // Anything else is a 422 naming the field, in the client's language.
    let mut body = intake(&start_of_today(), &[&o.joost], "Niet gekomen.");
    body["language"] = json!("de");
    let r = app
        .send(
            app.client
                .post(app.url("/api/v1/complaints"))
                .bearer_auth(&piet)
                .header("accept-language", "en")
                .json(&body),
        )
        .await;
    assert_eq!(r.fields(), ["language"]);
    assert_eq!(
        r.body["errors"][0]["message"],
        "unknown language 'de': choose from nl, en"
    );
    let r = app.api_post(&piet, "/complaints", &body).await;
    assert_eq!(r.fields(), ["language"]);
    assert_eq!(
        r.body["errors"][0]["message"],
        "onbekende taal 'de': kies uit nl, en"
    );
}

store_tests!(
    staff_see_refusals_in_their_language,
    api_problems_follow_accept_language,
    the_api_registers_in_the_complainants_language,
);
