//! Values that did not parse, in the reader's language (issue #18): a
//! wrong e-mail address, phone number, choice or filter is refused with a
//! code, and an English reader gets the sentence in English where before
//! it came in Dutch; a Dutch reader gets it exactly as before. The API's
//! field details follow `Accept-Language`.

use crate::api_support;
use crate::common;
use crate::complaints_support;

use api_support::{intake, start_of_today, token};
use common::{PASSWORD, spawn_app};
use complaints_support::{Intake, act, done, org, post_intake, register, today};
use klacht_domain::Language;
use klacht_store::{Store, store_tests};
use serde_json::json;

/// As askama writes text into a page.
fn escaped(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

fn shows(page: &str, message: &str) -> bool {
    page.contains(&escaped(message)) || page.contains(message)
}

/// The fields of a new account in Beheer.
fn account<'a>(email: &'a str, role: &'a str, manager: &'a str) -> [(&'static str, &'a str); 5] {
    [
        ("email", email),
        ("naam", "Nieuw"),
        ("rol", role),
        ("leidinggevende", manager),
        ("wachtwoord", PASSWORD),
    ]
}

async fn the_staff_forms_word_bad_values_in_the_users_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    for who in [&o.employee, &o.colleague, &o.quality, &o.admin] {
        app.store
            .set_user_language(who.user.id, Some(Language::En))
            .await
            .expect("language saved");
    }
    let wrong = Intake::complaint(&o.involved.user)
        .set("klager_email", "geen-adres")
        .set("klager_telefoon", "12");

    // The new complaint: each wrong value at its field, as a sentence.
    let r = post_intake(&app, &o.employee, &wrong).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    for (field, message) in [
        ("klager_email", "'geen-adres' is not a valid email address."),
        ("klager_telefoon", "'12' is not a valid phone number."),
    ] {
        assert!(
            page.contains(&format!(
                "<p class=\"field-error\" id=\"{field}-fout\">{}",
                escaped(message)
            )),
            "{field}: {message} in\n{page}"
        );
    }
    assert!(!shows(&page, "geen geldig"), "no Dutch");
    // Margriet reads Dutch: the same values, the words as before.
    let r = post_intake(&app, &o.manager, &wrong).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(shows(&page, "'geen-adres' is geen geldig e-mailadres."));
    assert!(shows(&page, "'12' is geen geldig telefoonnummer."));
    assert!(!shows(&page, "not a valid"), "no English");

    // A choice that is not on its list, on a step's form.
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let colleague = o.colleague.user.id.to_string();
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &colleague)],
    )
    .await;
    let today = today();
    let contact = [
        ("datum", today.as_str()),
        ("vorm", "fax"),
        ("samenvatting", "Gebeld."),
    ];
    let r = act(&app, &o.colleague, &id, "contact", &contact).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        shows(
            &page,
            "Unknown form of contact 'fax': choose from by telephone, face to face."
        ),
        "{page}"
    );
    let r = act(&app, &o.manager, &id, "contact", &contact).await;
    let page = r.text().await.expect("body");
    assert!(
        shows(
            &page,
            "Onbekend(e) contactvorm 'fax': kies uit telefonisch, face-to-face."
        ),
        "{page}"
    );

    // A filter of the overview that does not parse.
    let r = app.get_as(&o.quality.b, "/overzicht?status=vrolijk").await;
    let page = r.text().await.expect("body");
    assert!(
        shows(&page, "unknown status 'vrolijk': choose from signal,"),
        "{page}"
    );
    assert!(!page.contains("onbekend(e)"));
    let r = app.get_as(&o.director.b, "/overzicht?status=vrolijk").await;
    let page = r.text().await.expect("body");
    assert!(
        shows(&page, "onbekend(e) status 'vrolijk': kies uit signaal,"),
        "{page}"
    );

    // Beheer: a new account with a wrong address or role.
    let manager = o.manager.user.id.to_string();
    let new_account = |email, role| account(email, role, &manager);
    let r = app
        .post_as(
            &o.admin.b,
            "/beheer/gebruikers",
            &new_account("geen-adres", "employee"),
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        shows(&page, "'geen-adres' is not a valid email address"),
        "{page}"
    );
    let r = app
        .post_as(
            &o.admin.b,
            "/beheer/gebruikers",
            &new_account("nieuw@focus.example", "boss"),
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        shows(
            &page,
            "unknown role 'boss': choose from employee, manager, quality-manager, director, admin"
        ),
        "{page}"
    );
    app.store
        .set_user_language(o.admin.user.id, Some(Language::Nl))
        .await
        .expect("language saved");
    let r = app
        .post_as(
            &o.admin.b,
            "/beheer/gebruikers",
            &new_account("geen-adres", "employee"),
        )
        .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        shows(&page, "'geen-adres' is geen geldig e-mailadres"),
        "{page}"
    );
}

/// The message a problem+json answer gives for `field`.
fn message(p: &serde_json::Value, field: &str) -> String {
    p["errors"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["field"] == field))
        .and_then(|e| e["message"].as_str())
        .unwrap_or_else(|| panic!("{field} in {p}"))
        .to_owned()
}

async fn the_apis_field_details_follow_accept_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = api_support::org(&app).await;
    let piet = token(&app, &o.piet).await;
    let mut body = intake(&start_of_today(), &[&o.joost], "Niet gekomen.");
    body["complainant"] = json!({"name": "Mevrouw J. de Vries", "email": "geen-adres"});
    body["involved_employees"] = json!(["joost"]);
    body["received_at"] = json!("morgen");
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

    let r = app.send(post(Some("en-GB,en;q=0.9"))).await;
    let p = r.problem(422);
    assert_eq!(
        message(p, "complainant.email"),
        "'geen-adres' is not a valid email address."
    );
    assert_eq!(
        message(p, "involved_employees[0]"),
        "'joost' is not a valid email address"
    );
    assert_eq!(
        message(p, "received_at"),
        "'morgen' is not a valid date or time: use YYYY-MM-DD or RFC 3339 \
         (e.g. 2026-04-24T09:30:00+02:00)"
    );

    // Without Accept-Language: Dutch, as before.
    let r = app.send(post(None)).await;
    let p = r.problem(422);
    assert_eq!(
        message(p, "complainant.email"),
        "'geen-adres' is geen geldig e-mailadres."
    );
    assert_eq!(
        message(p, "involved_employees[0]"),
        "'joost' is geen geldig e-mailadres"
    );
    assert_eq!(
        message(p, "received_at"),
        "'morgen' is geen geldige datum of tijd: gebruik JJJJ-MM-DD of RFC 3339 \
         (bijv. 2026-04-24T09:30:00+02:00)"
    );
}

/// The API's own field details (a missing part, an unknown employee, a
/// bad list size or cursor) follow `Accept-Language` too.
async fn the_apis_own_field_details_follow_accept_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = api_support::org(&app).await;
    let piet = token(&app, &o.piet).await;
    let mut body = intake(&start_of_today(), &[&o.joost], "Niet gekomen.");
    body.as_object_mut()
        .expect("an object")
        .remove("complainant");
    body["involved_employees"] = json!(["niemand@focus.example"]);
    for (language, required, unknown, limit, cursor) in [
        (
            Some("en"),
            "is required",
            "unknown employee: niemand@focus.example",
            "must be a number from 1 to 200",
            "is not a cursor from an earlier response",
        ),
        (
            None,
            "is verplicht",
            "onbekende medewerker: niemand@focus.example",
            "moet een getal van 1 tot en met 200 zijn",
            "is geen cursor uit een eerder antwoord",
        ),
    ] {
        let with = |req: reqwest::RequestBuilder| match language {
            Some(l) => req.header("accept-language", l),
            None => req,
        };
        let r = app
            .send(with(
                app.client
                    .post(app.url("/api/v1/complaints"))
                    .bearer_auth(&piet)
                    .json(&body),
            ))
            .await;
        let p = r.problem(422);
        assert_eq!(message(p, "complainant"), required);
        assert_eq!(message(p, "involved_employees[0]"), unknown);
        let r = app
            .send(with(
                app.client
                    .get(app.url("/api/v1/complaints?limit=0&cursor=zomaar"))
                    .bearer_auth(&piet),
            ))
            .await;
        let p = r.problem(422);
        assert_eq!(message(p, "limit"), limit);
        assert_eq!(message(p, "cursor"), cursor);
    }
}

store_tests!(
    the_staff_forms_word_bad_values_in_the_users_language,
    the_apis_field_details_follow_accept_language,
    the_apis_own_field_details_follow_accept_language,
);
