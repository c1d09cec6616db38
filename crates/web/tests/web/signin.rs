//! Signing in, sessions in the database, CSRF, lock-out, password change.

use crate::common;

use common::{PASSWORD, spawn_app};
use klacht_domain::Role;
use klacht_store::{Store, store_tests};

async fn sign_in_sets_a_hardened_session_cookie<S: Store>(store: S) {
    let app = spawn_app(store).await;
    app.user("anna@focus.example", Role::Employee, None).await;
    let r = app.try_login("Anna@Focus.example", PASSWORD).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/klachten");
    let set = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("klacht_session="))
        .expect("session cookie")
        .to_string();
    for flag in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(flag), "{flag} missing in {set}");
    }
    let b = app.login("anna@focus.example").await;
    let page = app.get_as(&b, "/wachtwoord").await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .expect("body")
            .contains("anna (medewerker)")
    );
}

async fn wrong_passwords_get_one_message_and_lock_the_address<S: Store>(store: S) {
    let app = spawn_app(store).await;
    app.user("anna@focus.example", Role::Employee, None).await;
    let unknown = app.try_login("nobody@focus.example", "whatever123").await;
    assert_eq!(unknown.status(), 401);
    let unknown = unknown.text().await.expect("body");
    assert!(unknown.contains("E-mailadres of wachtwoord onjuist."));
    assert!(
        unknown.contains("value=\"nobody@focus.example\""),
        "what was typed stays"
    );
    for attempt in 1..=4 {
        let r = app
            .try_login("anna@focus.example", "verkeerd wachtwoord")
            .await;
        assert_eq!(r.status(), 401, "attempt {attempt}");
        assert!(
            r.text()
                .await
                .expect("body")
                .contains("E-mailadres of wachtwoord onjuist.")
        );
    }
    let fifth = app
        .try_login("anna@focus.example", "verkeerd wachtwoord")
        .await;
    assert!(
        fifth
            .text()
            .await
            .expect("body")
            .contains("Te veel mislukte pogingen")
    );
    // Locked: even the right password is refused for now.
    let right = app.try_login("anna@focus.example", PASSWORD).await;
    assert_eq!(right.status(), 401);
    assert!(
        right
            .text()
            .await
            .expect("body")
            .contains("Te veel mislukte pogingen")
    );
}

async fn login_without_its_csrf_token_is_refused<S: Store>(store: S) {
    let app = spawn_app(store).await;
    app.user("anna@focus.example", Role::Employee, None).await;
    let r = app
        .client
        .post(app.url("/inloggen"))
        .form(&[
            ("email", "anna@focus.example"),
            ("password", PASSWORD),
            ("csrf", "forged"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 403);
    assert!(common::set_cookie_value(&r, "klacht_session").is_none());
}

async fn forms_without_the_session_csrf_token_are_refused<S: Store>(store: S) {
    let app = spawn_app(store).await;
    app.user("anna@focus.example", Role::Employee, None).await;
    let b = app.login("anna@focus.example").await;
    let forged = common::Browser {
        cookie: b.cookie.clone(),
        csrf: "0".repeat(64),
    };
    let r = app.post_as(&forged, "/uitloggen", &[]).await;
    assert_eq!(r.status(), 403);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Het formulier is verlopen of ongeldig")
    );
    assert_eq!(
        app.get_as(&b, "/wachtwoord").await.status(),
        200,
        "still signed in"
    );
    let r = app.post_as(&b, "/uitloggen", &[]).await;
    assert_eq!(r.status(), 303);
    let after = app.get_as(&b, "/wachtwoord").await;
    assert_eq!(after.status(), 303, "signed out");
    assert_eq!(after.headers()["location"], "/inloggen?terug=/wachtwoord");
}

async fn sessions_live_in_the_database_across_instances<S: Store>(store: S) {
    let first = spawn_app(store.clone()).await;
    first.user("anna@focus.example", Role::Employee, None).await;
    let b = first.login("anna@focus.example").await;
    let second = spawn_app(store).await;
    assert_eq!(second.get_as(&b, "/wachtwoord").await.status(), 200);
}

async fn changing_the_password_signs_out_other_sessions<S: Store>(store: S) {
    let app = spawn_app(store).await;
    app.user("anna@focus.example", Role::Employee, None).await;
    let here = app.login("anna@focus.example").await;
    let elsewhere = app.login("anna@focus.example").await;
    let r = app
        .post_as(
            &here,
            "/wachtwoord",
            &[
                ("current", "fout"),
                ("new", "nieuw wachtwoord 1"),
                ("repeat", "nieuw wachtwoord 1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("Het huidige wachtwoord klopt niet.")
    );
    let r = app
        .post_as(
            &here,
            "/wachtwoord",
            &[
                ("current", PASSWORD),
                ("new", "nieuw wachtwoord 1"),
                ("repeat", "nieuw wachtwoord 1"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.get_as(&here, "/wachtwoord").await.status(), 200);
    assert_eq!(app.get_as(&elsewhere, "/wachtwoord").await.status(), 303);
    assert_eq!(
        app.try_login("anna@focus.example", PASSWORD).await.status(),
        401
    );
    assert_eq!(
        app.try_login("anna@focus.example", "nieuw wachtwoord 1")
            .await
            .status(),
        303
    );
}

async fn sign_in_never_redirects_elsewhere<S: Store>(store: S) {
    let app = spawn_app(store).await;
    app.user("anna@focus.example", Role::Employee, None).await;
    let page = app.get("/inloggen").await;
    let csrf = common::set_cookie_value(&page, "klacht_login_csrf").expect("cookie");
    // A tab or newline is dropped by browsers (`/\t/x` reads as `//x`); a
    // CR/LF must not break the answer after a successful sign-in.
    for evil in [
        "//evil.example/",
        "/\t/evil.example",
        "/klachten\r\nSet-Cookie: x=1",
    ] {
        let r = app
            .client
            .post(app.url("/inloggen"))
            .header("cookie", format!("klacht_login_csrf={csrf}"))
            .form(&[
                ("email", "anna@focus.example"),
                ("password", PASSWORD),
                ("csrf", &csrf),
                ("terug", evil),
            ])
            .send()
            .await
            .expect("sent");
        assert_eq!(r.status(), 303, "{evil:?}");
        assert_eq!(r.headers()["location"], "/", "{evil:?}");
        assert!(
            r.headers()
                .get_all("set-cookie")
                .iter()
                .any(|c| c.to_str().unwrap_or("").starts_with("klacht_session=")),
            "{evil:?}: signed in"
        );
    }
    // The sign-in page offers only a safe way back, too.
    let page = app
        .get("/inloggen?terug=/%09/evil.example")
        .await
        .text()
        .await
        .expect("body");
    assert!(!page.contains("evil.example"), "{page}");
}

async fn the_administrator_lifts_a_sign_in_lock<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let anna = app.user("anna@focus.example", Role::Employee, None).await;
    app.user("tom@focus.example", Role::Admin, None).await;
    let admin = app.login("tom@focus.example").await;
    for _ in 0..5 {
        app.try_login("anna@focus.example", "verkeerd wachtwoord")
            .await;
    }
    assert_eq!(
        app.try_login("anna@focus.example", PASSWORD).await.status(),
        401
    );
    let page = app
        .get_as(&admin, &format!("/beheer/gebruikers/{}", anna.id))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("Inloggen is geblokkeerd tot"), "{page}");
    let r = app
        .post_as(
            &admin,
            &format!("/beheer/gebruikers/{}/ontgrendelen", anna.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.try_login("anna@focus.example", PASSWORD).await.status(),
        303
    );
    let log = app
        .get_as(&admin, "/beheer/logboek")
        .await
        .text()
        .await
        .expect("body");
    assert!(log.contains("Inlogblokkade van"), "logged");
    // Only the administrator may.
    let anna_browser = app.login("anna@focus.example").await;
    let r = app
        .post_as(
            &anna_browser,
            &format!("/beheer/gebruikers/{}/ontgrendelen", anna.id),
            &[],
        )
        .await;
    assert_eq!(r.status(), 403);
}

store_tests!(
    the_administrator_lifts_a_sign_in_lock,
    sign_in_sets_a_hardened_session_cookie,
    wrong_passwords_get_one_message_and_lock_the_address,
    login_without_its_csrf_token_is_refused,
    forms_without_the_session_csrf_token_are_refused,
    sessions_live_in_the_database_across_instances,
    changing_the_password_signs_out_other_sessions,
    sign_in_never_redirects_elsewhere,
);
