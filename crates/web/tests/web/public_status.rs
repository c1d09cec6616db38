//! The status page by tracking code (progress and terms, nothing
//! personal), the satisfaction check the mail links to, the regulation,
//! and the code on the staff page.

use crate::common;
use crate::complaints_support;
use crate::public_support;

use common::{hidden_field, set_cookie_value, spawn_app};
use complaints_support::{done, org, today};
use klacht_domain::{ReferenceNumber, TrackingCode};
use klacht_store::{Store, store_tests};
use public_support::{DESCRIPTION, Filing, add_service, file_ok};

const NAME: &str = "Mevrouw Geheim-Jansen";
const EMAIL: &str = "geheim.jansen@example.nl";
const PHONE: &str = "06-98765432";

async fn the_status_page_shows_progress_and_terms_but_nothing_personal<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let thuiszorg = add_service(&app, &o.admin, "Thuiszorg", Some(o.manager.user.id)).await;
    let filed = file_ok(
        &app,
        &Filing::new(NAME, EMAIL)
            .set("telefoon", PHONE)
            .set("namens_naam", "Meneer Vertegenwoordigd")
            .set("dienst", &thuiszorg),
    )
    .await;
    let code = TrackingCode::parse(&filed.code).expect("code");

    let r = app.get(&format!("/status/{code}")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store, private")
    );
    let page = r.text().await.expect("body");
    assert!(page.contains(&filed.reference));
    assert!(
        page.contains("ontvangen, wordt ingepland"),
        "status in words"
    );
    for phase in [
        "Ontvangen",
        "In behandeling",
        "Contact met u opgenomen",
        "Afgerond",
    ] {
        assert!(page.contains(phase), "{phase}");
    }
    assert!(page.contains("aria-current=\"step\""), "the stage now due");
    for term in ["binnen 2 werkdagen", "binnen 2 weken", "binnen 3 weken"] {
        assert!(page.contains(term), "{term}");
    }
    for secret in [
        NAME,
        EMAIL,
        PHONE,
        DESCRIPTION,
        "Meneer Vertegenwoordigd",
        "Dorpsstraat",
        "margriet",
        "Thuiszorg",
    ] {
        assert!(!page.contains(secret), "{secret} must not be shown");
    }

    // Typed the way people type it.
    let loose = code.compact().to_lowercase();
    let r = app.get(&format!("/status?volgcode={loose}")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/status/{code}").as_str())
    );
    assert_eq!(app.get(&format!("/status/{loose}")).await.status(), 200);

    // Unknown and malformed codes: the same friendly 404.
    let unknown = TrackingCode::from_random([42; 8]);
    for path in [
        format!("/status/{unknown}"),
        "/status/niet-een-code".to_owned(),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), 404, "{path}");
        let page = r.text().await.expect("body");
        assert!(page.contains("Wij vinden geen klacht met deze volgcode."));
        assert!(!page.contains(&filed.reference));
    }
    let r = app.get("/status?volgcode=ABC").await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("id=\"volgcode-fout\"")
    );

    // The progress follows the work.
    let id = app
        .store
        .complaint_id_by_reference(ReferenceNumber::parse(&filed.reference).expect("reference"))
        .await
        .expect("query")
        .expect("stored")
        .to_string();
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    let today = today();
    done(
        &app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", &today),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld over de gemiste bezoeken."),
        ],
    )
    .await;
    let page = app
        .get(&format!("/status/{code}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("in behandeling"));
    let shown_today = jiff::civil::Date::strptime("%Y-%m-%d", &today)
        .expect("date")
        .strftime("%d-%m-%Y")
        .to_string();
    assert!(
        page.contains(&format!("gedaan op {shown_today}")),
        "contact done"
    );
    assert!(
        !page.contains("Klager gebeld"),
        "no summary of the conversation"
    );
    assert!(!page.contains("fatima"), "no handler's name");
}

async fn the_complainant_answers_the_satisfaction_check_once<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let thuiszorg = add_service(&app, &o.admin, "Thuiszorg", Some(o.manager.user.id)).await;
    let filed = file_ok(&app, &Filing::new(NAME, EMAIL).set("dienst", &thuiszorg)).await;
    let code = TrackingCode::parse(&filed.code).expect("code");
    let path = format!("/status/{code}/tevredenheid");

    // Not before the complainant heard the decision.
    let page = app.get(&path).await.text().await.expect("body");
    assert!(page.contains("zodra wij u ons besluit"), "{page}");
    assert!(!page.contains("name=\"tevredenheid\""));

    let id = app
        .store
        .complaint_id_by_reference(ReferenceNumber::parse(&filed.reference).expect("reference"))
        .await
        .expect("query")
        .expect("stored")
        .to_string();
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    done(
        &app,
        &o.colleague,
        &id,
        "oordeel",
        &[
            ("oordeel", "founded"),
            ("onderbouwing", "Afgesproken bezoeken zijn niet nagekomen."),
        ],
    )
    .await;
    done(
        &app,
        &o.colleague,
        &id,
        "aanbod",
        &[
            ("soort", "extra_service"),
            ("omschrijving", "Twee extra bezoeken."),
            ("datum", &today()),
        ],
    )
    .await;
    let status = app
        .get(&format!("/status/{code}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        status.contains(&format!("href=\"{path}\"")),
        "offered on the status page"
    );

    let r = app.get(&path).await;
    assert_eq!(r.status(), 200);
    let cookie = set_cookie_value(&r, "klacht_publiek").expect("token cookie");
    let page = r.text().await.expect("body");
    let token = hidden_field(&page, "token").expect("token");
    assert!(page.contains("Hoe tevreden bent u over de afhandeling van uw klacht?"));
    let post = |fields: Vec<(&'static str, String)>| {
        app.client
            .post(app.url(&path))
            .header("cookie", format!("klacht_publiek={cookie}"))
            .form(&fields)
            .send()
    };

    // No choice: refused at the field, the comment kept.
    let r = post(vec![
        ("token", token.clone()),
        ("toelichting", "Snel geholpen.".into()),
    ])
    .await
    .expect("sent");
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("id=\"tevredenheid-fout\""));
    assert!(page.contains("Snel geholpen."));

    let r = post(vec![
        ("token", token.clone()),
        ("tevredenheid", "4".into()),
        ("toelichting", "Snel geholpen.".into()),
    ])
    .await
    .expect("sent");
    assert_eq!(r.status(), 303);
    let page = app.get(&path).await.text().await.expect("body");
    assert!(
        page.contains("U heeft uw tevredenheid al doorgegeven op"),
        "{page}"
    );

    // Recorded as the complainant's own event.
    let (_, events) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    let last = events.last().expect("events");
    assert_eq!(
        (last.kind.as_str(), last.actor.as_str()),
        ("satisfaction_reported", "complainant")
    );
    assert!(last.data.contains("\"satisfaction\":4"), "{}", last.data);
    let detail = app
        .get_as(&o.manager.b, &format!("/klachten/{id}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(detail.contains("Tevredenheid doorgegeven door de klager via de website: 4/5"));

    // Issue 12: the answer lands on the complaint everywhere. Staff see
    // the complainant's comment on the page and the printable form.
    let record = detail
        .split("id=\"satisfaction-check\"")
        .nth(1)
        .expect("the complainant's own answer on the page");
    assert!(record.contains("<dd>4/5 "), "{record}");
    assert!(record.contains("Snel geholpen."), "{record}");
    let form = app
        .get_as(&o.manager.b, &format!("/klachten/{id}/formulier"))
        .await
        .text()
        .await
        .expect("body");
    let row = form
        .split("id=\"satisfaction-check\"")
        .nth(1)
        .expect("on the form");
    assert!(
        row.contains("4/5 (via de website") && row.contains("Snel geholpen."),
        "{row}"
    );
    // The API: `response.satisfaction` is theirs, with their comment.
    let api_token = crate::api_support::token(&app, &o.quality.user).await;
    let c = app.api_get(&api_token, &format!("/complaints/{id}")).await;
    assert_eq!(c.status, 200, "{}", c.text);
    let response = &c.body["response"];
    assert_eq!(response["satisfaction"], 4, "{response}");
    assert_eq!(response["accepted"], serde_json::Value::Null);
    assert_eq!(response["satisfaction_check"]["satisfaction"], 4);
    assert_eq!(response["satisfaction_check"]["comment"], "Snel geholpen.");
    assert_eq!(
        response["satisfaction_check"]["recorded"]["by"]["type"],
        "complainant"
    );

    // A second answer is refused; the first stays.
    let r = post(vec![("token", token), ("tevredenheid", "1".into())])
        .await
        .expect("sent");
    assert_eq!(r.status(), 409);
    assert!(r.text().await.expect("body").contains("al doorgegeven"));
    let (_, after) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    assert_eq!(after.len(), events.len());

    // Without the form's token nothing is recorded.
    let r = app
        .client
        .post(app.url(&path))
        .form(&[("token", "x"), ("tevredenheid", "2")])
        .send()
        .await
        .expect("sent");
    assert_ne!(r.status(), 303);

    // The handler's later record of a phone call does not overrule it.
    done(
        &app,
        &o.colleague,
        &id,
        "reactie",
        &[("aanvaard", "ja"), ("tevredenheid", "2")],
    )
    .await;
    let c = app.api_get(&api_token, &format!("/complaints/{id}")).await;
    assert_eq!(c.body["response"]["satisfaction"], 4);
    assert_eq!(c.body["response"]["accepted"], true);
    assert_eq!(c.body["response"]["recorded"]["by"]["type"], "user");
}

async fn staff_intake_gets_a_code_too_shown_only_to_those_who_see_it<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = complaints_support::register(
        &app,
        &o.employee,
        &complaints_support::Intake::complaint(&o.involved.user),
    )
    .await;
    let code = app
        .store
        .tracking_code_of(id.parse().expect("id"))
        .await
        .expect("query")
        .expect("every complaint has a code");
    let page = complaints_support::detail(&app, &o.employee, &id).await;
    assert!(page.contains(&code.to_string()), "the registrant sees it");
    let r = app.get_as(&o.outsider.b, &format!("/klachten/{id}")).await;
    assert_eq!(r.status(), 404, "others see nothing");
    // It opens the status page.
    assert_eq!(app.get(&format!("/status/{code}")).await.status(), 200);
}

async fn the_regulation_is_published_with_the_organisations_name<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let r = app.get("/reglement").await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains("<h1>Klachtenreglement</h1>"));
    assert!(page.contains("Dit is het klachtenreglement van Focus."));
    assert!(page.contains("binnen 2 werkdagen"));
    assert!(!page.contains("{{organisatie}}"));
    assert!(page.contains("href=\"/klacht\""), "leads to the form");
}

store_tests!(
    the_status_page_shows_progress_and_terms_but_nothing_personal,
    the_complainant_answers_the_satisfaction_check_once,
    staff_intake_gets_a_code_too_shown_only_to_those_who_see_it,
    the_regulation_is_published_with_the_organisations_name,
);
