//! API authentication: bearer tokens, 401 with `WWW-Authenticate`,
//! revocation; on SQLite and PostgreSQL.

use crate::api_support;
use crate::common;

use api_support::{org, token};
use common::spawn_app;
use klacht_domain::Role;
use klacht_store::{Store, store_tests};

async fn requests_without_a_valid_token_get_401_problems<S: Store>(store: S) {
    let app = spawn_app(store).await;
    app.user("sanne@focus.example", Role::QualityManager, None)
        .await;
    let url = app.url("/api/v1/complaints");

    let none = app.send(app.client.get(&url)).await;
    none.problem(401);
    assert_eq!(none.body["code"], "unauthenticated");
    assert_eq!(none.headers["www-authenticate"], "Bearer realm=\"klacht\"");

    for header in [
        "Bearer 0000000000000000000000000000000000000000000000000000000000000000",
        "Bearer nonsense",
        "Basic c2FubmU6Z2VoZWlt",
        "Bearer",
    ] {
        let r = app
            .send(app.client.get(&url).header("authorization", header))
            .await;
        r.problem(401);
        assert_eq!(
            r.headers["www-authenticate"], "Bearer realm=\"klacht\", error=\"invalid_token\"",
            "{header}"
        );
        assert!(r.body["detail"].as_str().unwrap_or("").contains("ongeldig"));
    }

    // A session cookie is no API credential.
    app.user("piet@focus.example", Role::Employee, None).await;
    let b = app.login("piet@focus.example").await;
    let r = app
        .send(app.client.get(&url).header("cookie", &b.cookie))
        .await;
    r.problem(401);

    // Authentication comes before the body is looked at.
    let r = app
        .send(
            app.client
                .post(&url)
                .header("content-type", "application/json")
                .body("{not json"),
        )
        .await;
    r.problem(401);
}

async fn a_token_works_until_it_is_revoked<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    let first = token(&app, &org.quality).await;
    let second = token(&app, &org.quality).await;
    let piets = token(&app, &org.piet).await;
    assert_ne!(first, second);
    for t in [&first, &second, &piets] {
        app.api_get(t, "/complaints").await.ok();
    }
    // "Bearer" is case-insensitive (RFC 7235).
    let r = app
        .send(
            app.client
                .get(app.url("/api/v1/complaints"))
                .header("authorization", format!("bearer {first}")),
        )
        .await;
    r.ok();

    let revoked = app
        .store
        .revoke_api_tokens(org.quality.id, klacht_clock::test_now())
        .await
        .expect("revoke");
    assert_eq!(revoked, 2);
    for t in [&first, &second] {
        let r = app.api_get(t, "/complaints").await;
        r.problem(401);
        assert_eq!(
            r.headers["www-authenticate"],
            "Bearer realm=\"klacht\", error=\"invalid_token\""
        );
    }
    app.api_get(&piets, "/complaints").await.ok();
    // A new token after revoking works again.
    let third = token(&app, &org.quality).await;
    app.api_get(&third, "/complaints").await.ok();
}

async fn the_openapi_document_needs_no_token<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let r = app
        .send(app.client.get(app.url("/api/v1/openapi.json")))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.body["openapi"], "3.0.3");
}

store_tests!(
    requests_without_a_valid_token_get_401_problems,
    a_token_works_until_it_is_revoked,
    the_openapi_document_needs_no_token,
);
