//! Delivery through the outbox, end to end: a complaint closed through the
//! application queues its registration; the delivery step registers it in
//! a fake Exact, through failures, time-outs and a server restart, and
//! records Exact's id on the complaint exactly once. Time is passed in,
//! never slept. On SQLite and PostgreSQL.

use crate::support;

use klacht_app::complaints;
use klacht_domain::ComplaintId;
use klacht_domain::complaint::{Actor, Event};
use klacht_exact::fake::{OnlineState, Step, SynergyState};
use klacht_exact::{DeliveryPolicy, DeliveryReport, OnlineClient, SynergyClient, deliver_exact};
use klacht_store::{OutboxKind, OutboxMessage, OutboxStatus, Store, store_tests};
use support::*;

async fn exact_message<S: Store>(store: &S, id: ComplaintId) -> OutboxMessage {
    let mut messages: Vec<OutboxMessage> = store
        .list_outbox(None, Some(id), 50)
        .await
        .expect("list")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Exact)
        .collect();
    assert_eq!(messages.len(), 1, "one registration per complaint");
    messages.remove(0)
}

/// The `RegisteredInExact` events of the complaint, with their actor.
async fn exact_events<S: Store>(store: &S, id: ComplaintId) -> Vec<(Actor, String)> {
    let (_, history) = complaints::load_with_history(store, id)
        .await
        .expect("load");
    history
        .into_iter()
        .filter_map(|r| match r.event {
            Event::RegisteredInExact(e) => Some((r.actor, e.exact_id)),
            _ => None,
        })
        .collect()
}

fn report(claimed: u32, sent: u32, retried: u32, failed: u32) -> DeliveryReport {
    DeliveryReport {
        claimed,
        sent,
        retried,
        failed,
    }
}

async fn closing_queues_one_registration_in_the_same_transaction<S: Store>(store: S) {
    let id = closed_complaint(&store, at(0)).await;
    let m = exact_message(&store, id).await;
    assert_eq!(m.status, OutboxStatus::Pending);
    assert_eq!(m.dedupe_key, Some(format!("exact:{id}")));
    assert_eq!(m.available_at, at(0));
    let reg: klacht_exact::Registration = serde_json::from_str(&m.payload).expect("payload");
    assert_eq!(reg.complaint_id, id);
    assert_eq!(reg.merit.as_deref(), Some("gegrond"));
    assert_eq!(
        reg.handler.map(|h| h.name).as_deref(),
        Some("margriet"),
        "the handler's name is looked up"
    );
}

async fn delivered_exactly_once_through_failures_and_a_restart<S: Store>(store: S) {
    let id = closed_complaint(&store, at(0)).await;
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let addr = fake.addr();
    let connector = SynergyClient::new(synergy_config(&fake.url()), TIMEOUT).expect("client");
    let cal = calendar();
    let policy = DeliveryPolicy::default();
    state.script("open_new", [Step::Fail(500), Step::Fail(503)]);

    let r = deliver_exact(&store, &cal, &connector, &policy, at(0))
        .await
        .expect("round");
    assert_eq!(r, report(1, 0, 1, 0));
    // Backing off: one minute after the first failure.
    let r = deliver_exact(&store, &cal, &connector, &policy, at(59))
        .await
        .expect("round");
    assert!(r.is_empty(), "not due yet");
    let r = deliver_exact(&store, &cal, &connector, &policy, at(60))
        .await
        .expect("round");
    assert_eq!(r, report(1, 0, 1, 0));
    let m = exact_message(&store, id).await;
    assert_eq!(m.available_at, at(60 + 120), "then two minutes");
    assert!(
        m.last_error.as_deref().unwrap_or("").contains("503"),
        "{m:?}"
    );

    // Synergy restarts in between: a new server, same port, same data.
    fake.stop().await;
    let fake = state.start(addr).await.expect("restarted on the same port");
    let r = deliver_exact(&store, &cal, &connector, &policy, at(180))
        .await
        .expect("round");
    assert_eq!(r, report(1, 1, 0, 0));

    assert_eq!(state.requests().len(), 1, "exactly one request in Synergy");
    assert_eq!(
        exact_events(&store, id).await,
        [(Actor::System, "1001".to_owned())]
    );
    let c = complaints::load(&store, id).await.expect("load");
    assert_eq!(
        c.exact_registration().map(|e| e.value.exact_id.as_str()),
        Some("1001")
    );
    let m = exact_message(&store, id).await;
    assert_eq!(m.status, OutboxStatus::Sent);
    assert_eq!(m.result.as_deref(), Some("1001"));
    assert_eq!(m.attempts, 3);

    // Nothing left to do, however late.
    let r = deliver_exact(&store, &cal, &connector, &policy, at(86_400))
        .await
        .expect("round");
    assert!(r.is_empty());
    assert_eq!(state.requests().len(), 1);
    fake.stop().await;
}

async fn a_lost_answer_still_yields_one_record<S: Store>(store: S) {
    let id = closed_complaint(&store, at(0)).await;
    let state = OnlineState::new(DIVISION, CLIENT_ID, CLIENT_SECRET, FIRST_REFRESH_TOKEN);
    let fake = state.start(any_port()).await.expect("fake");
    let connector = OnlineClient::new(online_config(&fake.url()), TIMEOUT, store.clone(), key())
        .expect("client");
    connector
        .import_refresh_token(FIRST_REFRESH_TOKEN.to_owned().into())
        .await
        .expect("linked");
    let cal = calendar();
    let policy = DeliveryPolicy::default();
    // Exact Online creates the complaint; the answer is lost.
    state.script("create", [Step::Slow(TOO_SLOW)]);

    let r = deliver_exact(&store, &cal, &connector, &policy, at(0))
        .await
        .expect("round");
    assert_eq!(r, report(1, 0, 1, 0));
    assert_eq!(state.complaints().len(), 1);
    assert!(exact_events(&store, id).await.is_empty());

    let r = deliver_exact(&store, &cal, &connector, &policy, at(60))
        .await
        .expect("round");
    assert_eq!(r, report(1, 1, 0, 0));
    let created = state.complaints();
    assert_eq!(created.len(), 1, "found by its key, not created again");
    let exact_id = created[0]["ID"].as_str().unwrap_or_default().to_owned();
    assert_eq!(exact_events(&store, id).await, [(Actor::System, exact_id)]);
    fake.stop().await;
}

async fn a_refusal_fails_at_once_and_a_retry_by_the_quality_manager_delivers<S: Store>(store: S) {
    let id = closed_complaint(&store, at(0)).await;
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let connector = SynergyClient::new(synergy_config(&fake.url()), TIMEOUT).expect("client");
    let cal = calendar();
    let policy = DeliveryPolicy::default();
    state.script(
        "action",
        [Step::Reject("Field Description is mandatory.".into())],
    );

    let r = deliver_exact(&store, &cal, &connector, &policy, at(0))
        .await
        .expect("round");
    assert_eq!(r, report(1, 0, 0, 1));
    let m = exact_message(&store, id).await;
    assert_eq!(m.status, OutboxStatus::Failed);
    assert_eq!(
        m.last_error.as_deref(),
        Some("Exact Synergy antwoordde 400 Bad Request: Field Description is mandatory.")
    );
    // The quality manager's page (Uitgaande berichten) lists it, in Dutch.
    let overview = klacht_app::outbox::overview(&store)
        .await
        .expect("overview");
    let line = overview
        .failed
        .iter()
        .find(|l| l.message.id == m.id)
        .expect("listed as failed");
    assert_eq!(line.kind, "registratie in Exact");
    let reference = complaints::load(&store, id)
        .await
        .expect("load")
        .reference();
    assert_eq!(
        line.subject,
        format!("Registratie in Exact van klacht {reference}")
    );
    // Failed stays failed…
    assert!(
        deliver_exact(&store, &cal, &connector, &policy, at(86_400))
            .await
            .expect("round")
            .is_empty()
    );
    // …until the quality manager retries it.
    assert!(
        store
            .outbox_requeue(m.id, at(90_000))
            .await
            .expect("requeue")
    );
    let r = deliver_exact(&store, &cal, &connector, &policy, at(90_000))
        .await
        .expect("round");
    assert_eq!(r, report(1, 1, 0, 0));
    assert_eq!(exact_events(&store, id).await.len(), 1);
    assert_eq!(state.requests().len(), 1);
    fake.stop().await;
}

async fn retries_end_after_the_last_attempt<S: Store>(store: S) {
    let id = closed_complaint(&store, at(0)).await;
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let url = fake.url();
    fake.stop().await;
    let connector = SynergyClient::new(synergy_config(&url), TIMEOUT).expect("client");
    let cal = calendar();
    let policy = DeliveryPolicy {
        max_attempts: 2,
        ..DeliveryPolicy::default()
    };
    let r = deliver_exact(&store, &cal, &connector, &policy, at(0))
        .await
        .expect("round");
    assert_eq!(r, report(1, 0, 1, 0));
    let r = deliver_exact(&store, &cal, &connector, &policy, at(60))
        .await
        .expect("round");
    assert_eq!(r, report(1, 0, 0, 1));
    let m = exact_message(&store, id).await;
    assert_eq!(m.status, OutboxStatus::Failed);
    assert!(
        m.last_error
            .as_deref()
            .unwrap_or("")
            .contains("niet bereikbaar"),
        "{m:?}"
    );
}

async fn a_registration_recorded_before_a_crash_is_only_marked_sent<S: Store>(store: S) {
    let id = closed_complaint(&store, at(0)).await;
    // A worker recorded Exact's id and died before marking the outbox row.
    // Since issue 12 recording the id marks the row in the same
    // transaction (migration 0016 settles rows older versions left), so
    // the next round has nothing to claim and Exact is not asked again.
    klacht_app::exact::record_exact_id(&store, &calendar(), id, 1, "777", at(1))
        .await
        .expect("recorded");
    let m = exact_message(&store, id).await;
    assert_eq!(
        (m.status, m.result.as_deref()),
        (OutboxStatus::Sent, Some("geregistreerd in Exact: 777")),
        "settled with the event"
    );
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let connector = SynergyClient::new(synergy_config(&fake.url()), TIMEOUT).expect("client");
    let r = deliver_exact(
        &store,
        &calendar(),
        &connector,
        &DeliveryPolicy::default(),
        at(60),
    )
    .await
    .expect("round");
    assert_eq!(r, report(0, 0, 0, 0));
    assert!(state.log().is_empty(), "Exact was not asked again");
    assert_eq!(
        exact_events(&store, id).await,
        [(Actor::System, "777".to_owned())]
    );
    // Recording again changes nothing.
    let again = klacht_app::exact::record_exact_id(&store, &calendar(), id, 1, "888", at(2))
        .await
        .expect("idempotent");
    assert_eq!(
        again,
        klacht_app::exact::RecordOutcome::AlreadyRegistered("777".into())
    );
    assert_eq!(exact_events(&store, id).await.len(), 1);
    fake.stop().await;
}

/// Walks a closed complaint through a second round, reopened at `at(10)`
/// and closed again at `at(20)`, through the application's use cases.
async fn closed_twice<S: Store>(store: &S) -> ComplaintId {
    use klacht_domain::complaint::{
        Closing, Command, Contact, ContactMode, Merit, MeritDecision, Offer, OfferKind, Reopening,
        ReopeningKind,
    };
    let id = closed_complaint(store, at(0)).await;
    let quality = store
        .user_by_email(&klacht_domain::Email::parse("sanne@focus.example").expect("email"))
        .await
        .expect("read")
        .expect("the quality manager")
        .user;
    let manager = store
        .user_by_email(&klacht_domain::Email::parse("margriet@focus.example").expect("email"))
        .await
        .expect("read")
        .expect("the manager")
        .user;
    let cal = calendar();
    let notifier = klacht_app::notify::Notifier::disabled();
    let day = at(10).to_zoned(cal.time_zone().clone()).date();
    let steps = [
        (
            &quality,
            Command::Reopen(Reopening {
                kind: ReopeningKind::ComplainantObjection,
                reason: "Klager is het niet eens met het aanbod.".into(),
            }),
        ),
        (
            &manager,
            Command::RecordContact(Contact {
                date: day,
                mode: ContactMode::Telephone,
                summary: "Opnieuw gebeld.".into(),
            }),
        ),
        (
            &manager,
            Command::DecideMerit(MeritDecision {
                merit: Merit::Founded,
                reasoning: "Nog steeds gegrond.".into(),
            }),
        ),
        (
            &manager,
            Command::MakeOffer(Offer {
                kind: OfferKind::ExtraService,
                description: "Vier extra uren.".into(),
                value_cents: None,
                director_consulted: false,
                made_on: day,
                letter_text: None,
            }),
        ),
        (&manager, Command::SendForm),
        (&quality, Command::Close(Closing { note: None })),
    ];
    for (n, (actor, cmd)) in steps.into_iter().enumerate() {
        let now = at(10 + i64::try_from(n).expect("few"));
        complaints::act(
            &complaints::Context::new(store, &cal, &notifier, now),
            id,
            actor,
            cmd,
            None,
        )
        .await
        .expect("step accepted");
    }
    id
}

/// The complaint's registrations for Exact, by dedupe key.
async fn exact_rows<S: Store>(store: &S, id: ComplaintId) -> Vec<OutboxMessage> {
    let mut rows: Vec<OutboxMessage> = store
        .list_outbox(None, Some(id), 50)
        .await
        .expect("list")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Exact)
        .collect();
    rows.sort_by(|a, b| a.dedupe_key.cmp(&b.dedupe_key));
    rows
}

async fn a_first_rounds_late_answer_settles_only_the_first_round<S: Store>(store: S) {
    let id = closed_twice(&store).await;
    let queued = exact_rows(&store, id).await;
    assert_eq!(
        queued
            .iter()
            .map(|m| m.dedupe_key.clone().unwrap_or_default())
            .collect::<Vec<_>>(),
        [format!("exact:{id}"), format!("exact:{id}:ronde-2")],
        "one registration per round"
    );

    // Round 1's registration comes back only now, after round 2 closed.
    klacht_app::exact::record_exact_id(&store, &calendar(), id, 1, "ES-1", at(30))
        .await
        .expect("recorded");
    let after = exact_rows(&store, id).await;
    assert_eq!(after[0].status, OutboxStatus::Sent, "round 1 is settled");
    assert_eq!(
        after[1].status,
        OutboxStatus::Pending,
        "round 2 still waits for its own registration"
    );
    let c = complaints::load(&store, id).await.expect("load");
    assert_eq!(
        c.exact_registration_of_round(1)
            .map(|e| e.value.exact_id.as_str()),
        Some("ES-1")
    );
    assert!(c.exact_registration().is_none(), "not on round 2");

    // Round 2 is delivered by the real delivery and recorded on round 2.
    let state = SynergyState::new(USER, PASSWORD);
    let fake = state.start(any_port()).await.expect("fake");
    let connector = SynergyClient::new(synergy_config(&fake.url()), TIMEOUT).expect("client");
    let r = deliver_exact(
        &store,
        &calendar(),
        &connector,
        &DeliveryPolicy::default(),
        at(40),
    )
    .await
    .expect("round");
    assert_eq!(r, report(1, 1, 0, 0));
    let c = complaints::load(&store, id).await.expect("load");
    assert_eq!(
        c.exact_registration_of_round(1)
            .map(|e| e.value.exact_id.as_str()),
        Some("ES-1")
    );
    assert_eq!(
        c.exact_registration().map(|e| e.value.exact_id.as_str()),
        Some("1001")
    );
    assert!(
        exact_rows(&store, id)
            .await
            .iter()
            .all(|m| m.status == OutboxStatus::Sent)
    );
    fake.stop().await;
}

store_tests!(
    a_first_rounds_late_answer_settles_only_the_first_round,
    closing_queues_one_registration_in_the_same_transaction,
    delivered_exactly_once_through_failures_and_a_restart,
    a_lost_answer_still_yields_one_record,
    a_refusal_fails_at_once_and_a_retry_by_the_quality_manager_delivers,
    retries_end_after_the_last_attempt,
    a_registration_recorded_before_a_crash_is_only_marked_sent,
);
