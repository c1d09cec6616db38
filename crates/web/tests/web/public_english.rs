//! The public site in English (issue 18): an English browser gets the
//! English form, its complaint keeps the language, and every page about
//! it speaks English to whoever opens it, unless they choose otherwise.

use crate::common;
use crate::public_support;

use common::{assert_speaks, set_cookie_value, spawn_app_with};
use klacht_domain::Language;
use klacht_store::{Store, store_tests};
use public_support::{Filing, confirm, file, with_mail};

const ENGLISH: &str = "en-GB,en;q=0.9";

async fn get<S: Store>(
    app: &common::TestApp<S>,
    path: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app.client.get(app.url(path));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.expect("request sent")
}

async fn an_english_complainant_goes_through_the_public_site_in_english<S: Store>(store: S) {
    let app = spawn_app_with(store, with_mail).await;

    // The form, as an English browser first sees it.
    let r = get(&app, "/klacht", &[("accept-language", ENGLISH)]).await;
    assert_eq!(r.status(), 200);
    let cookie = set_cookie_value(&r, "klacht_publiek").expect("token cookie");
    let form = r.text().await.expect("body");
    assert_speaks(Language::En, &form, "the form");
    assert!(form.contains("Make a complaint") && form.contains("Send complaint"));
    assert!(form.contains("hreflang=\"nl\""), "offers Dutch");
    let visitor = public_support::Visitor {
        cookie: format!("klacht_publiek={cookie}"),
        token: cookie.clone(),
    };

    // A refusal speaks English too, and keeps what was typed.
    let nameless = Filing::new("", "anne@example.com")
        .set("taal", "en")
        .set("omschrijving", "Nobody came on Tuesday.");
    let r = file(&app, &visitor, &nameless).await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert_speaks(Language::En, &page, "the refused form");
    assert!(page.contains("Enter your name."), "{page}");
    assert!(page.contains("Nobody came on Tuesday."), "kept");

    // Filed in English: the confirmation is English.
    let filing = Filing::new("Anne Smith", "anne@example.com")
        .set("taal", "en")
        .set("adres", "")
        .set("omschrijving", "Nobody came on Tuesday.");
    let done = confirm(&app, file(&app, &visitor, &filing).await).await;
    assert_speaks(Language::En, &done.page, "the confirmation");
    assert!(done.page.contains("We have received your complaint"));

    // The status page speaks the complaint's language to a Dutch browser.
    let status_path = format!("/status/{}", done.code);
    let page = get(&app, &status_path, &[("accept-language", "nl-NL")])
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::En, &page, "the status page");
    assert!(page.contains("received, being scheduled"), "{page}");
    // Unless its reader chose Dutch.
    let page = get(&app, &status_path, &[("cookie", "klacht_taal=nl")])
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::Nl, &page, "the status page in Dutch");
    assert!(page.contains("ontvangen, wordt ingepland"));

    // Not yet open for a satisfaction answer, said in English.
    let page = get(&app, &format!("{status_path}/tevredenheid"), &[])
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::En, &page, "the satisfaction page");
    assert!(
        page.contains("once we have let you know our decision"),
        "{page}"
    );

    // The lookup and the regulation, which falls back to Dutch with a note.
    let page = get(
        &app,
        "/status?volgcode=nonsense",
        &[("accept-language", ENGLISH)],
    )
    .await
    .text()
    .await
    .expect("body");
    assert_speaks(Language::En, &page, "the lookup");
    assert!(page.contains("Check the tracking code"));
    // The shipped example regulation has its English.
    let page = get(&app, "/reglement", &[("accept-language", ENGLISH)])
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::En, &page, "the example regulation");
    assert!(
        page.contains("{#stap-2}") || page.contains("id=\"stap-2\""),
        "ids kept"
    );
}

async fn an_own_regulation_without_english_is_shown_in_dutch_with_a_note<S: Store>(store: S) {
    let own = "# Klachtenreglement\n\nDit is het reglement van {{organisatie}}.\n";
    let app = spawn_app_with(store, |s| {
        s.with_public(klacht_web::PublicSite::new(
            own,
            "Focus",
            &klacht_app::config::PublicConfig::default(),
        ))
    })
    .await;
    let page = get(&app, "/reglement", &[("accept-language", ENGLISH)])
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("only available in Dutch"), "{page}");
    assert!(page.contains("<article class=\"card regulation\" lang=\"nl\">"));
    assert!(page.contains("Dit is het reglement van Focus."));
    // With the organisation's English text, that is shown.
    let english = "# Complaints procedure\n\nThis is the procedure of {{organisatie}}.\n";
    let site =
        klacht_web::PublicSite::new(own, "Focus", &klacht_app::config::PublicConfig::default())
            .with_english_regulation(english, "Focus");
    let (html, fallback) = site.regulation(Language::En);
    assert!(!fallback && html.contains("This is the procedure of Focus."));
}

async fn the_switch_keeps_the_choice_and_returns_to_the_page<S: Store>(store: S) {
    let app = spawn_app_with(store, with_mail).await;
    let r = get(&app, "/klacht?taal=en", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers().get("location").and_then(|l| l.to_str().ok()),
        Some("/klacht"),
        "back to the same page, nowhere else"
    );
    assert_eq!(set_cookie_value(&r, "klacht_taal").as_deref(), Some("en"));
    // The choice beats the browser's language, both ways.
    let page = get(
        &app,
        "/klacht",
        &[("cookie", "klacht_taal=en"), ("accept-language", "nl")],
    )
    .await
    .text()
    .await
    .expect("body");
    assert_speaks(Language::En, &page, "chosen English");
    let page = get(
        &app,
        "/klacht",
        &[("cookie", "klacht_taal=nl"), ("accept-language", ENGLISH)],
    )
    .await
    .text()
    .await
    .expect("body");
    assert_speaks(Language::Nl, &page, "chosen Dutch");
    // Without a choice or a browser preference: Dutch, with no English.
    let page = get(&app, "/klacht", &[]).await.text().await.expect("body");
    assert_speaks(Language::Nl, &page, "the default");
    assert!(
        page.contains("id=\"taal-en\">English</a>"),
        "offers English"
    );
    // An unknown language changes nothing.
    let r = get(&app, "/status?taal=xx", &[]).await;
    assert_eq!(r.status(), 303);
    assert!(set_cookie_value(&r, "klacht_taal").is_none());
}

async fn the_sign_in_page_speaks_the_browsers_language<S: Store>(store: S) {
    let app = spawn_app_with(store, with_mail).await;
    let r = get(&app, "/inloggen", &[("accept-language", ENGLISH)]).await;
    assert_eq!(r.status(), 200);
    let csrf = set_cookie_value(&r, "klacht_login_csrf").expect("csrf cookie");
    let page = r.text().await.expect("body");
    assert_speaks(Language::En, &page, "the sign-in page");
    assert!(page.contains("<h1>Sign in</h1>"));
    // A wrong password is refused in the same language.
    let r = app
        .client
        .post(app.url("/inloggen"))
        .header("accept-language", ENGLISH)
        .header("cookie", format!("klacht_login_csrf={csrf}"))
        .form(&[
            ("email", "nobody@example.com"),
            ("password", "wrong password"),
            ("csrf", csrf.as_str()),
            ("terug", "/"),
        ])
        .send()
        .await
        .expect("request sent");
    assert_eq!(r.status(), 401);
    let page = r.text().await.expect("body");
    assert_speaks(Language::En, &page, "the refused sign-in");
    assert!(page.contains("Incorrect email address or password."));
    // A Dutch browser keeps the Dutch page.
    let page = get(&app, "/inloggen", &[])
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::Nl, &page, "the Dutch sign-in page");
    assert!(page.contains("<h1>Inloggen</h1>"));
}

/// The settings page after a redirect, with the flash it set.
async fn with_flash<S: Store>(
    app: &common::TestApp<S>,
    b: &common::Browser,
    redirect: &reqwest::Response,
) -> String {
    let flash = set_cookie_value(redirect, "klacht_flash").expect("a flash message");
    app.client
        .get(app.url("/wachtwoord"))
        .header("cookie", format!("{}; klacht_flash={flash}", b.cookie))
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("body")
}

async fn a_staff_member_chooses_english_in_the_settings<S: Store>(store: S) {
    let app = spawn_app_with(store, with_mail).await;
    let o = crate::complaints_support::org(&app).await;
    let page = app
        .get_as(&o.manager.b, "/wachtwoord")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("<html lang=\"nl\""), "Dutch until chosen");
    assert!(page.contains("Zoals mijn browser"));
    let r = app
        .post_as(&o.manager.b, "/instellingen/taal", &[("taal", "en")])
        .await;
    assert_eq!(r.status(), 303);
    let page = with_flash(&app, &o.manager.b, &r).await;
    assert_speaks(Language::En, &page, "the settings page");
    assert!(
        page.contains("Your language has been saved."),
        "the flash, in English"
    );
    assert!(page.contains("<option value=\"en\" lang=\"en\" selected>"));
    assert!(page.contains(">Sign out</button>") && page.contains("(manager)"));
    let stored = app
        .store
        .user_by_id(o.manager.user.id)
        .await
        .expect("query")
        .expect("user");
    assert_eq!(stored.language, Some(Language::En));
    // An unknown language is refused and changes nothing.
    let r = app
        .post_as(&o.manager.b, "/instellingen/taal", &[("taal", "xx")])
        .await;
    assert_eq!(r.status(), 422);
    // Back to the browser's language: Dutch for a Dutch browser.
    let r = app
        .post_as(&o.manager.b, "/instellingen/taal", &[("taal", "")])
        .await;
    assert_eq!(r.status(), 303);
    let page = with_flash(&app, &o.manager.b, &r).await;
    assert!(page.contains("<html lang=\"nl\""));
    assert!(page.contains("Uw taal is bewaard."));
}

store_tests!(
    an_own_regulation_without_english_is_shown_in_dutch_with_a_note,
    a_staff_member_chooses_english_in_the_settings,
    an_english_complainant_goes_through_the_public_site_in_english,
    the_switch_keeps_the_choice_and_returns_to_the_page,
    the_sign_in_page_speaks_the_browsers_language,
);
