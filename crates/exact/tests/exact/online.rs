//! The Exact Online connector against the fake Exact Online: its JSON,
//! its error shape, and OAuth2 with rotating refresh tokens kept encrypted
//! in the real database, on SQLite and PostgreSQL.

use crate::support;

use klacht_exact::fake::{OnlineState, Step};
use klacht_exact::tokens::{TOKENS_SETTING, TokenStore};
use klacht_exact::{ExactConnector, OnlineClient};
use klacht_store::{Store, store_tests};
use secrecy::ExposeSecret;
use support::*;

const KEY: &str = "klacht-0190-online";

fn fake_state() -> OnlineState {
    OnlineState::new(DIVISION, CLIENT_ID, CLIENT_SECRET, FIRST_REFRESH_TOKEN)
}

async fn connected<S: Store>(store: &S, url: &str) -> OnlineClient<S> {
    let c = OnlineClient::new(online_config(url), TIMEOUT, store.clone(), key()).expect("client");
    c.import_refresh_token(FIRST_REFRESH_TOKEN.to_owned().into())
        .await
        .expect("token stored");
    c
}

async fn stored_refresh_token<S: Store>(store: &S) -> String {
    TokenStore::new(store.clone(), key())
        .load()
        .await
        .expect("readable")
        .expect("stored")
        .refresh_token
        .expose_secret()
        .to_owned()
}

async fn a_registration_becomes_one_complaint_in_exact_online<S: Store>(store: S) {
    let state = fake_state();
    let fake = state.start(any_port()).await.expect("fake");
    let c = connected(&store, &fake.url()).await;
    let reg = registration();

    let id = c.register(&reg, KEY).await.expect("registered");
    let created = state.complaints();
    assert_eq!(created.len(), 1);
    let complaint = &created[0];
    assert_eq!(complaint["ID"].as_str(), Some(id.0.as_str()));
    assert_eq!(complaint["Complaint"].as_str(), Some(reg.title().as_str()));
    let notes = complaint["Notes"].as_str().unwrap_or_default();
    assert!(notes.contains("Klachtnummer: K-2026-0042"), "{notes}");
    assert!(
        notes.ends_with("[klacht-sleutel: klacht-0190-online]"),
        "{notes}"
    );
    // 2026-04-24T00:00:00 as Exact Online writes dates.
    assert_eq!(
        complaint["ReceiptDate"].as_str(),
        Some("/Date(1776988800000)/")
    );
    assert_eq!(
        complaint["Account"].as_str(),
        Some("5b9e1ad0-0000-4000-8000-000000000001")
    );

    // The first call renewed the handed-over refresh token; the rotated
    // one is stored, encrypted.
    assert_eq!(state.token_grants(), 1);
    assert_eq!(stored_refresh_token(&store).await, state.refresh_token());
    let raw = store
        .setting(TOKENS_SETTING)
        .await
        .expect("read")
        .expect("set");
    assert!(raw.starts_with("v1:"));
    assert!(!raw.contains(&state.refresh_token()), "not in plain text");

    // The same key again: found by the marker in the notes.
    assert_eq!(c.register(&reg, KEY).await.expect("found"), id);
    assert_eq!(state.complaints().len(), 1);
    assert_eq!(state.token_grants(), 1, "the access token is reused");
    fake.stop().await;
}

async fn an_expired_access_token_is_renewed_and_the_new_refresh_token_kept<S: Store>(store: S) {
    let state = fake_state();
    let fake = state.start(any_port()).await.expect("fake");
    let c = connected(&store, &fake.url()).await;
    c.register(&registration(), "k1").await.expect("first");
    let first_rotation = state.refresh_token();

    state.expire_access_token();
    c.register(&registration(), "k2")
        .await
        .expect("renewed on 401");
    assert_eq!(state.token_grants(), 2);
    assert_ne!(state.refresh_token(), first_rotation, "rotated again");
    assert_eq!(stored_refresh_token(&store).await, state.refresh_token());
    assert_eq!(state.complaints().len(), 2);

    // A second instance (a fresh client on the same database) picks the
    // stored tokens up; when the first renews meanwhile, the second's
    // refresh token is dead, and it takes the one the first stored.
    let other = OnlineClient::new(online_config(&fake.url()), TIMEOUT, store.clone(), key())
        .expect("client");
    other
        .register(&registration(), "k3")
        .await
        .expect("stored token works");
    state.expire_access_token();
    c.register(&registration(), "k4")
        .await
        .expect("first renews");
    let grants = state.token_grants();
    other
        .register(&registration(), "k5")
        .await
        .expect("second adopts the stored token");
    assert_eq!(state.complaints().len(), 5);
    assert_eq!(
        state.token_grants(),
        grants,
        "no renewal needed: it took the stored one"
    );
    assert_eq!(stored_refresh_token(&store).await, state.refresh_token());
    fake.stop().await;
}

async fn a_revoked_refresh_token_is_permanent<S: Store>(store: S) {
    let state = fake_state();
    let fake = state.start(any_port()).await.expect("fake");
    let c = OnlineClient::new(online_config(&fake.url()), TIMEOUT, store.clone(), key())
        .expect("client");
    let err = c
        .register(&registration(), KEY)
        .await
        .expect_err("not linked");
    assert!(
        !err.is_retryable() && err.message().contains("nog niet gekoppeld"),
        "{err:?}"
    );

    c.import_refresh_token("rt-revoked".to_owned().into())
        .await
        .expect("stored");
    let err = c
        .register(&registration(), KEY)
        .await
        .expect_err("invalid_grant");
    assert!(!err.is_retryable(), "{err:?}");
    assert!(
        err.message().contains("invalid_grant") && err.message().contains("koppel opnieuw"),
        "{err}"
    );
    assert!(state.complaints().is_empty());
    fake.stop().await;
}

async fn an_authorisation_code_is_exchanged_for_stored_tokens<S: Store>(store: S) {
    let state = fake_state();
    let fake = state.start(any_port()).await.expect("fake");
    state.set_auth_code("code-123");
    let c = OnlineClient::new(online_config(&fake.url()), TIMEOUT, store.clone(), key())
        .expect("client");
    c.authorize("code-123", "https://klacht.example/exact/callback")
        .await
        .expect("exchanged");
    assert_eq!(stored_refresh_token(&store).await, state.refresh_token());
    c.register(&registration(), KEY).await.expect("registered");
    assert_eq!(state.token_grants(), 1, "the fresh access token was used");
    fake.stop().await;
}

async fn failures_are_sorted_and_a_lost_answer_is_found_again<S: Store>(store: S) {
    let state = fake_state();
    let fake = state.start(any_port()).await.expect("fake");
    let c = connected(&store, &fake.url()).await;

    state.script("create", [Step::Fail(503)]);
    let err = c.register(&registration(), KEY).await.expect_err("503");
    assert!(err.is_retryable(), "{err:?}");
    state.script("lookup", [Step::Fail(429)]);
    assert!(
        c.register(&registration(), KEY)
            .await
            .expect_err("429")
            .is_retryable()
    );

    state.script("create", [Step::Reject("Account bestaat niet".into())]);
    let err = c.register(&registration(), KEY).await.expect_err("400");
    assert!(!err.is_retryable());
    assert_eq!(
        err.message(),
        "Exact Online antwoordde 400 Bad Request: Account bestaat niet"
    );
    assert!(state.complaints().is_empty());

    state.script("lookup", [Step::Slow(TOO_SLOW)]);
    let err = c
        .register(&registration(), KEY)
        .await
        .expect_err("time-out");
    assert!(
        err.is_retryable() && err.message().contains("time-out"),
        "{err:?}"
    );

    // Created, but the answer never arrives; the retry finds it.
    state.script("create", [Step::Slow(TOO_SLOW)]);
    assert!(
        c.register(&registration(), KEY)
            .await
            .expect_err("lost")
            .is_retryable()
    );
    assert_eq!(state.complaints().len(), 1);
    let id = c.register(&registration(), KEY).await.expect("found");
    assert_eq!(state.complaints().len(), 1, "exactly one complaint");
    assert_eq!(state.complaints()[0]["ID"].as_str(), Some(id.0.as_str()));
    fake.stop().await;
}

store_tests!(
    a_registration_becomes_one_complaint_in_exact_online,
    an_expired_access_token_is_renewed_and_the_new_refresh_token_kept,
    a_revoked_refresh_token_is_permanent,
    an_authorisation_code_is_exchanged_for_stored_tokens,
    failures_are_sorted_and_a_lost_answer_is_found_again,
);
