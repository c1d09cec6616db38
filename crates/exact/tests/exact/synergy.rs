//! The Synergy Enterprise connector against the fake Synergy, which speaks
//! the request-flow service and the OData verbose JSON of the entity
//! service, with Basic authentication.

use crate::support;

use klacht_exact::fake::{Step, SynergyState};
use klacht_exact::{ExactConnector, ExactError, SynergyClient};
use support::*;

const KEY: &str = "klacht-0190-test";

fn client(url: &str) -> SynergyClient {
    SynergyClient::new(synergy_config(url), TIMEOUT).expect("client")
}

#[tokio::test]
async fn a_registration_becomes_one_submitted_request_with_the_mapped_fields() {
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let reg = registration();

    let id = client(&fake.url())
        .register(&reg, KEY)
        .await
        .expect("registered");
    assert_eq!(id.0, "1001", "the request number (HID)");

    let requests = state.requests();
    assert_eq!(requests.len(), 1);
    let f = &requests[0].fields;
    assert_eq!(f["Description"], reg.title());
    assert_eq!(f["FreeTextField_01"], "K-2026-0042");
    assert_eq!(f["FreeTextField_02"], "Mevrouw J. de Vries");
    assert_eq!(f["FreeTextField_04"], "gegrond");
    assert_eq!(f["FreeDateField_01"], "2026-04-24");
    assert!(f["FreeMemoField_01"].contains("Afhandelaar: Fatima el Amrani"));
    assert_eq!(f["FreeTextField_10"], KEY, "the idempotency key");
    assert_eq!(state.log(), ["lookup", "open_new", "action"]);

    // Asked again with the same key: found, not created twice.
    let again = client(&fake.url())
        .register(&reg, KEY)
        .await
        .expect("found");
    assert_eq!(again, id);
    assert_eq!(state.requests().len(), 1);
    assert_eq!(state.log(), ["lookup", "open_new", "action", "lookup"]);
    fake.stop().await;
}

#[tokio::test]
async fn server_errors_are_retryable_and_a_later_attempt_succeeds() {
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    state.script("open_new", [Step::Fail(503)]);
    state.script("lookup", [Step::Fail(500)]);
    let c = client(&fake.url());

    let first = c.register(&registration(), KEY).await.expect_err("500");
    assert!(first.is_retryable(), "{first:?}");
    assert!(
        first.message().contains("500") && first.message().contains("error processing"),
        "the OData message is kept: {first}"
    );
    let second = c.register(&registration(), KEY).await.expect_err("503");
    assert!(second.is_retryable(), "{second:?}");
    assert!(state.requests().is_empty());

    c.register(&registration(), KEY).await.expect("third time");
    assert_eq!(state.requests().len(), 1);
    fake.stop().await;
}

#[tokio::test]
async fn a_validation_error_is_permanent_and_keeps_synergys_message() {
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    state.script(
        "action",
        [Step::Reject(
            "Field FreeTextField_02 exceeds 60 characters.".into(),
        )],
    );
    let err = client(&fake.url())
        .register(&registration(), KEY)
        .await
        .expect_err("refused");
    assert_eq!(
        err,
        ExactError::Permanent(
            "Exact Synergy antwoordde 400 Bad Request: Field FreeTextField_02 exceeds 60 \
             characters."
                .into()
        )
    );
    assert!(state.requests().is_empty());
    fake.stop().await;
}

#[tokio::test]
async fn wrong_credentials_and_unknown_fields_are_permanent_and_create_nothing() {
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let mut config = synergy_config(&fake.url());
    config.password = "fout".to_owned().into();
    let err = SynergyClient::new(config, TIMEOUT)
        .expect("client")
        .register(&registration(), KEY)
        .await
        .expect_err("401");
    assert!(
        !err.is_retryable() && err.message().contains("401"),
        "{err:?}"
    );

    let mut config = synergy_config(&fake.url());
    config.fields = fields(&[("Description", "title"), ("FreeTextField_99", "reference")]);
    let err = SynergyClient::new(config, TIMEOUT)
        .expect("client")
        .register(&registration(), KEY)
        .await
        .expect_err("no such field");
    assert!(
        !err.is_retryable() && err.message().contains("FreeTextField_99"),
        "{err:?}"
    );
    assert!(state.requests().is_empty());
    assert!(
        !state.log().contains(&"action".to_owned()),
        "nothing submitted"
    );
    fake.stop().await;
}

#[tokio::test]
async fn a_time_out_is_retryable() {
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    state.script("lookup", [Step::Slow(TOO_SLOW)]);
    let err = client(&fake.url())
        .register(&registration(), KEY)
        .await
        .expect_err("time-out");
    assert!(
        err.is_retryable() && err.message().contains("time-out"),
        "{err:?}"
    );
    assert!(state.requests().is_empty());
    fake.stop().await;
}

#[tokio::test]
async fn a_lost_answer_is_found_by_its_key_on_the_next_attempt() {
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    // Synergy submits the request, but its answer comes too late.
    state.script("action", [Step::Slow(TOO_SLOW)]);
    let c = client(&fake.url());
    let err = c.register(&registration(), KEY).await.expect_err("lost");
    assert!(err.is_retryable(), "{err:?}");
    assert_eq!(state.requests().len(), 1, "created all the same");

    let id = c.register(&registration(), KEY).await.expect("found");
    assert_eq!(id.0, "1001");
    assert_eq!(state.requests().len(), 1, "exactly one request");
    fake.stop().await;
}

#[tokio::test]
async fn no_server_is_retryable() {
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let url = fake.url();
    fake.stop().await;
    let err = client(&url)
        .register(&registration(), KEY)
        .await
        .expect_err("nobody listens");
    assert!(err.is_retryable(), "{err:?}");
}

#[tokio::test]
async fn https_is_spoken() {
    // The fake speaks plain HTTP: an https:// URL gets as far as the TLS
    // handshake (a passing connection failure), not "scheme not
    // supported" (which would mean this build has no TLS).
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let url = format!("https://{}", fake.addr());
    let err = client(&url)
        .register(&registration(), KEY)
        .await
        .expect_err("no TLS on the other side");
    assert!(err.is_retryable(), "{err:?}");
    fake.stop().await;
}
