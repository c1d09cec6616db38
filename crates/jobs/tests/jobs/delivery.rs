//! E-mail delivery through the outbox to a real SMTP server (aiosmtpd on
//! loopback), on SQLite and PostgreSQL. Time is a manual clock: back-off
//! and leases are passed by moving it, never by sleeping.

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use jiff::SignedDuration;
use klacht_app::complaints;
use klacht_domain::complaint::{
    Command, ComplainantResponse, Contact, ContactMode, Merit, MeritDecision, Offer, OfferKind,
};
use klacht_jobs::{
    Clock, DeliveryConfig, DeliveryPolicy, Jobs, ManualClock, WorkerOptions, deliver_due,
    spawn_worker,
};
use klacht_mail::testing::SmtpServer;
use klacht_mail::{Mailer, SmtpMailer};
use klacht_store::{OutboxKind, OutboxStatus, Store, store_tests};
use support::*;

fn mins(n: i64) -> SignedDuration {
    SignedDuration::from_mins(n)
}

/// The mail server is down while complaints come in: rounds fail and back
/// off (1, 2, … minutes); once it is back, the next due round delivers
/// every message, and no message arrives twice.
async fn a_server_that_was_down_gets_every_message_exactly_once<S: Store>(store: S) {
    let Some(mut smtp) = SmtpServer::start() else {
        return;
    };
    smtp.stop();
    let o = org(&store).await;
    let mut filed = Vec::new();
    for (i, name) in ["Mevrouw A. Jansen", "Meneer B. de Wit", "Mevrouw C. Öztürk"]
        .into_iter()
        .enumerate()
    {
        let c = file(
            &store,
            &o.employee,
            name,
            Some(&format!("klager{i}@example.nl")),
        )
        .await;
        filed.push(c);
    }
    let queued = store.list_outbox(None, None, 100).await.expect("list");
    assert_eq!(
        queued.len(),
        6,
        "a confirmation and a manager's notice per complaint"
    );

    let mailer = mailer(&smtp);
    let config = delivery();
    let clock = ManualClock::new(now());
    let start = clock.now();

    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    assert_eq!(
        (r.claimed, r.sent, r.retried, r.failed),
        (6, 0, 6, 0),
        "{r:?}"
    );
    let first = store.list_outbox(None, None, 100).await.expect("list");
    assert!(
        first
            .iter()
            .all(|m| m.status == OutboxStatus::Pending && m.attempts == 1)
    );
    assert!(
        first.iter().all(|m| m.last_error.is_some()),
        "the error is kept"
    );
    assert!(
        first.iter().all(|m| m.available_at == start + mins(1)),
        "first retry after one minute"
    );

    clock.advance(SignedDuration::from_secs(30));
    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    assert_eq!(r.claimed, 0, "nothing before the back-off ends");

    clock.set(start + mins(1));
    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    assert_eq!((r.claimed, r.retried), (6, 6));
    let second = store.list_outbox(None, None, 100).await.expect("list");
    assert!(
        second.iter().all(|m| m.available_at == start + mins(3)),
        "then after two more"
    );

    smtp.restart();
    clock.set(start + mins(2));
    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    assert_eq!(
        r.claimed, 0,
        "the server is back, but the retry is not due yet"
    );
    assert!(smtp.messages().is_empty());

    clock.set(start + mins(3));
    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    assert_eq!(
        (r.claimed, r.sent, r.retried, r.failed),
        (6, 6, 0, 0),
        "{r:?}"
    );
    for later in [mins(4), mins(60), mins(60 * 24)] {
        clock.set(start + later);
        let r = deliver_due(&store, &mailer, &config, clock.now())
            .await
            .expect("round");
        assert_eq!(r.claimed, 0, "sent messages are never claimed again");
    }

    let received = smtp.messages();
    let counts = counts(&received);
    assert_eq!(received.len(), 6, "{counts:?}");
    assert!(
        counts.values().all(|n| *n == 1),
        "each exactly once: {counts:?}"
    );
    let stored = store.list_outbox(None, None, 100).await.expect("list");
    for m in &stored {
        assert_eq!(m.status, OutboxStatus::Sent);
        assert_eq!(m.attempts, 3);
        assert_eq!(m.sent_at, Some(start + mins(3)));
        assert!(
            m.result.as_deref().is_some_and(|r| r.starts_with("250")),
            "the SMTP reply is kept: {:?}",
            m.result
        );
        assert_eq!(
            counts.get(&format!("<{}@focus.example>", m.id)),
            Some(&1),
            "Message-ID is the outbox id"
        );
    }
    // Every complainant got their own confirmation.
    for (i, c) in filed.iter().enumerate() {
        let mail = received
            .iter()
            .find(|r| r.subject == format!("Uw klacht is ontvangen ({})", c.reference()))
            .expect("the confirmation arrived");
        assert!(
            mail.to.contains(&format!("klager{i}@example.nl")),
            "{}",
            mail.to
        );
    }
    assert!(received.iter().any(|r| r.to.contains("Öztürk")));
}

/// A worker claimed messages and died before marking them: after the
/// lease another round delivers them once. A worker that died after the
/// server accepted a message (but before marking it) causes a second copy
/// with the same Message-ID, by which the receiver recognises it.
async fn a_message_whose_worker_died_is_delivered_after_the_lease<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    file(
        &store,
        &o.employee,
        "Mevrouw A. Jansen",
        Some("jansen@example.nl"),
    )
    .await;
    let mailer = mailer(&smtp);
    let config = delivery();
    let clock = ManualClock::new(now());
    let start = clock.now();

    // The dead worker: claimed both, sent one, marked nothing.
    let claimed = store
        .claim_outbox(OutboxKind::Mail, start, start + config.policy.lease, 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 2);
    let mail = klacht_mail::MailMessage::from_json(&claimed[0].payload).expect("payload");
    mailer
        .send(claimed[0].id, &mail)
        .await
        .expect("sent before the crash");

    clock.set(start + mins(5));
    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    assert_eq!(r.claimed, 0, "hidden while the lease runs");

    clock.set(start + config.policy.lease);
    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    assert_eq!((r.claimed, r.sent), (2, 2));
    clock.set(start + config.policy.lease + mins(60));
    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    assert_eq!(r.claimed, 0);

    let counts = counts(&smtp.messages());
    assert_eq!(counts.len(), 2, "two distinct messages: {counts:?}");
    assert_eq!(
        counts.get(&format!("<{}@focus.example>", claimed[0].id)),
        Some(&2),
        "the one sent before the crash came again, with the same Message-ID"
    );
    assert_eq!(
        counts.get(&format!("<{}@focus.example>", claimed[1].id)),
        Some(&1)
    );
    let stored = store.list_outbox(None, None, 10).await.expect("list");
    assert!(
        stored
            .iter()
            .all(|m| m.status == OutboxStatus::Sent && m.attempts == 2)
    );
}

/// After the last attempt a message is failed and the quality manager is
/// told; retrying it puts it back and it is delivered.
async fn after_the_last_attempt_a_message_fails_and_can_be_retried<S: Store>(store: S) {
    let Some(mut smtp) = SmtpServer::start() else {
        return;
    };
    smtp.stop();
    let o = org(&store).await;
    let c = file(
        &store,
        &o.employee,
        "Mevrouw A. Jansen",
        Some("jansen@example.nl"),
    )
    .await;
    let mailer = mailer(&smtp);
    let config = DeliveryConfig {
        policy: DeliveryPolicy {
            max_attempts: 3,
            ..DeliveryPolicy::default()
        },
        ..delivery()
    };
    let clock = ManualClock::new(now());
    let start = clock.now();
    for (at, failed) in [(0, 0), (1, 0), (3, 2)] {
        clock.set(start + mins(at));
        let r = deliver_due(&store, &mailer, &config, clock.now())
            .await
            .expect("round");
        assert_eq!(r.failed, failed, "at +{at} min: {r:?}");
    }
    let failed = store
        .list_outbox(Some(OutboxStatus::Failed), None, 10)
        .await
        .expect("list");
    assert_eq!(failed.len(), 2);
    assert!(
        failed
            .iter()
            .all(|m| m.attempts == 3 && m.complaint_id == Some(c.id()))
    );
    assert!(
        failed[0]
            .last_error
            .as_deref()
            .is_some_and(|e| !e.is_empty()),
        "the last error is kept"
    );
    // One notice for the round, listing both failed messages, queued.
    let pending = store
        .list_outbox(Some(OutboxStatus::Pending), None, 10)
        .await
        .expect("list");
    assert_eq!(pending.len(), 1, "one failure notice per round");
    assert!(pending.iter().all(|m| {
        m.dedupe_key
            .as_deref()
            .is_some_and(|k| k.starts_with(klacht_jobs::delivery::FAILURE_NOTICE_KEY))
    }));

    smtp.restart();
    for m in &failed {
        klacht_app::outbox::requeue(&store, &o.quality, m.id, clock.now())
            .await
            .expect("requeued");
    }
    let refused = klacht_app::outbox::requeue(&store, &o.employee, failed[0].id, clock.now()).await;
    assert!(matches!(
        refused,
        Err(klacht_app::outbox::RequeueError::NotAllowed)
    ));
    let r = deliver_due(&store, &mailer, &config, clock.now())
        .await
        .expect("round");
    // The two requeued messages and the one notice (due since +3 min).
    assert_eq!((r.sent, r.failed), (3, 0), "{r:?}");
    let received = smtp.messages();
    assert_eq!(received.len(), 3);
    let notices: Vec<_> = received
        .iter()
        .filter(|r| r.subject == "2 berichten niet verzonden")
        .collect();
    assert_eq!(notices.len(), 1, "{received:#?}");
    let notice = notices[0];
    assert!(notice.to.contains("sanne@focus.example"));
    assert!(notice.text.contains(&format!("{PUBLIC_URL}/berichten")));
    assert!(notice.text.contains(&c.reference().to_string()));
    assert!(notice.text.contains("2 berichten konden"));
    for m in &failed {
        let subject = klacht_mail::MailMessage::from_json(&m.payload)
            .expect("mail")
            .subject;
        assert!(notice.text.contains(&subject), "lists {subject}");
    }
    let log = store.admin_log(None, 10).await.expect("log");
    assert_eq!(
        log.items
            .iter()
            .filter(|e| e.kind == "outbox.requeued" && e.actor == Some(o.quality.id))
            .count(),
        2,
        "each retry is in the Logboek with who did it"
    );
}

/// Making an offer sends its written confirmation; sending the form to
/// the quality manager sends the satisfaction check with the link to its
/// form.
async fn offer_and_form_sent_mail_the_complainant<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let c = file(
        &store,
        &o.employee,
        "Mevrouw A. Jansen",
        Some("jansen@example.nl"),
    )
    .await;
    let cal = calendar();
    let n = notifier();
    let today = cal.local_date(klacht_clock::test_now());
    let id = c.id();
    let act = |who: &klacht_domain::User, cmd: Command| {
        let (store, cal, n, who) = (store.clone(), cal.clone(), n.clone(), who.clone());
        async move {
            complaints::act(
                &complaints::Context::new(&store, &cal, &n, klacht_clock::test_now()),
                id,
                &who,
                cmd,
                None,
            )
            .await
            .expect("acted")
        }
    };
    act(
        &o.manager,
        Command::AssignHandler {
            handler: o.manager.clone(),
        },
    )
    .await;
    act(
        &o.manager,
        Command::RecordContact(Contact {
            date: today,
            mode: ContactMode::Telephone,
            summary: "Gebeld.".into(),
        }),
    )
    .await;
    act(
        &o.manager,
        Command::DecideMerit(MeritDecision {
            merit: Merit::Founded,
            reasoning: "De hulp kwam te laat.".into(),
        }),
    )
    .await;
    act(
        &o.manager,
        Command::MakeOffer(Offer {
            kind: OfferKind::Compensation,
            description: "Een tegoedbon voor twee uur extra hulp.".into(),
            value_cents: Some(5_000),
            director_consulted: false,
            made_on: today,
            letter_text: None,
        }),
    )
    .await;
    act(
        &o.manager,
        Command::RecordResponse(ComplainantResponse {
            accepted: Some(true),
            satisfaction: None,
            comment: None,
        }),
    )
    .await;
    act(&o.manager, Command::SendForm).await;

    let config = delivery();
    let r = deliver_due(&store, &mailer(&smtp), &config, klacht_clock::test_now())
        .await
        .expect("round");
    // Intake (confirmation, manager's notice), the offer's confirmation,
    // the satisfaction check and the quality manager's notice.
    assert_eq!(r.sent, 5, "{r:?}");
    let received = smtp.messages();
    let offer = received
        .iter()
        .find(|m| m.subject == format!("Bevestiging van ons aanbod ({})", c.reference()))
        .expect("the offer's confirmation");
    assert!(offer.to.contains("jansen@example.nl"));
    for body in [&offer.text, &offer.html] {
        assert!(body.contains("genoegdoening"), "{body}");
        assert!(body.contains("Een tegoedbon voor twee uur extra hulp."));
        assert!(body.contains("€ 50,00"));
        assert!(body.contains("gegrond"));
        assert!(body.contains("Margriet Jansen"), "the handler is named");
    }
    let check = received
        .iter()
        .find(|m| m.subject.starts_with("Hoe tevreden bent u"))
        .expect("the satisfaction check");
    let code = store
        .tracking_code_of(c.id())
        .await
        .expect("read")
        .expect("every complaint has a tracking code");
    let link = format!("{PUBLIC_URL}/status/{code}/tevredenheid");
    assert!(check.text.contains(&link), "{}", check.text);
    assert!(check.html.contains(&link));
    assert_eq!(check.content_type, "multipart/alternative");
}

/// The worker in `klacht serve`: woken by the application after mail was
/// queued, it delivers at once instead of after its interval.
async fn the_background_worker_delivers_when_woken<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let wake = Arc::new(tokio::sync::Notify::new());
    let jobs = Jobs::new(store.clone(), Some(mailer(&smtp)), delivery());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = spawn_worker(
        Arc::new(jobs),
        klacht_clock::from_env().expect("KLACHT_NOW"),
        WorkerOptions {
            interval: Duration::from_secs(3600),
            wake: wake.clone(),
        },
        async {
            let _ = stopped.await;
        },
    );
    // Let the first (empty) round pass, then file with a notifier that
    // wakes the worker.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let n = notifier().with_wake(wake);
    let c = file_with(
        &store,
        &n,
        &o.employee,
        "Meneer B. de Wit",
        Some("dewit@example.nl"),
    )
    .await;
    let received = smtp.wait_for(2, Duration::from_secs(20)).await;
    assert_eq!(
        received.len(),
        2,
        "the confirmation and the manager's notice"
    );
    assert!(
        received
            .iter()
            .any(|m| m.subject == format!("Uw klacht is ontvangen ({})", c.reference()))
    );
    stop.send(()).expect("worker listens");
    tokio::time::timeout(Duration::from_secs(10), worker)
        .await
        .expect("the worker stops on shutdown")
        .expect("no panic");
    assert!(
        statuses(&store)
            .await
            .iter()
            .all(|s| *s == OutboxStatus::Sent)
    );
}

/// A round stops at its cap (`batch` × `max_batches`); when it did, the
/// worker starts the next at once instead of after its interval, so a
/// backlog (an instance taking over a dead one's messages, a mail server
/// back after an outage) drains at full speed.
async fn a_backlog_drains_without_waiting_for_the_interval<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    for i in 0..3 {
        file(
            &store,
            &o.employee,
            &format!("Klager {i}"),
            Some(&format!("klager{i}@example.nl")),
        )
        .await;
    }
    let mut config = delivery();
    config.policy.batch = 1;
    config.policy.max_batches = 2;
    let jobs = Jobs::new(store.clone(), Some(mailer(&smtp)), config);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = spawn_worker(
        Arc::new(jobs),
        klacht_clock::from_env().expect("KLACHT_NOW"),
        WorkerOptions {
            interval: Duration::from_secs(3600),
            ..WorkerOptions::default()
        },
        async {
            let _ = stopped.await;
        },
    );
    // Six mails, two a round: three rounds, none of them waiting an hour.
    let received = smtp.wait_for(6, Duration::from_secs(20)).await;
    assert_eq!(received.len(), 6, "every mail without waiting an interval");
    assert!(counts(&received).values().all(|n| *n == 1), "each once");
    stop.send(()).expect("worker listens");
    tokio::time::timeout(Duration::from_secs(10), worker)
        .await
        .expect("the worker stops on shutdown")
        .expect("no panic");
    assert!(
        statuses(&store)
            .await
            .iter()
            .all(|s| *s == OutboxStatus::Sent)
    );
}

/// A complainant without an e-mail address gets no mail; the manager's
/// notice says who registered what, and links to it.
async fn without_an_address_only_the_manager_is_told<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let c = file(&store, &o.employee, "Meneer Zonder Mail", None).await;
    let r = deliver_due(
        &store,
        &mailer(&smtp),
        &delivery(),
        klacht_clock::test_now(),
    )
    .await
    .expect("round");
    assert_eq!(r.sent, 1);
    let received = smtp.messages();
    assert_eq!(received.len(), 1);
    let notice = &received[0];
    assert_eq!(
        notice.subject,
        format!("Nieuwe klacht {}: afhandelaar toewijzen", c.reference())
    );
    assert!(notice.to.contains("margriet@focus.example"));
    assert!(notice.rcpt_to.contains("margriet@focus.example"));
    assert!(
        notice
            .text
            .contains("Piet de Vries heeft een klacht geregistreerd")
    );
    assert!(
        notice
            .text
            .contains(&format!("{PUBLIC_URL}/klachten/{}", c.id()))
    );
    assert!(notice.text.contains("De hulp kwam drie keer te laat."));
    assert!(notice.from.contains("klachten@focus.example"));
}

/// The SMTP mailer's own check: a message goes out as multipart/alternative
/// with the outbox id at the sender's domain as Message-ID, dated in the
/// organisation's zone and marked as written by a program. (No store
/// involved.)
#[tokio::test]
async fn the_smtp_mailer_sends_multipart_with_a_stable_id() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").expect("zone");
    let mailer: SmtpMailer = mailer(&smtp).with_time_zone(zone.clone());
    let id = uuid::Uuid::now_v7();
    let m = klacht_mail::MailMessage {
        from: None,
        to: vec![klacht_mail::Address::new(
            "Mevrouw Ç. Öztürk",
            "ozturk@example.nl",
        )],
        reply_to: Some(klacht_mail::Address::bare("kwaliteit@focus.example")),
        subject: "Uw klacht — één vraag".into(),
        text: "Geachte mevrouw,\n\nDank u wel.".into(),
        html: "<p>Dank u wel.</p>".into(),
    };
    let sent = mailer.send(id, &m).await.expect("sent");
    assert!(sent.reply.starts_with("250"), "{}", sent.reply);
    let received = smtp.messages();
    assert_eq!(received.len(), 1);
    let r = &received[0];
    assert_eq!(r.message_id, format!("<{id}@focus.example>"));
    assert_eq!(r.subject, "Uw klacht — één vraag");
    assert_eq!(r.content_type, "multipart/alternative");
    assert!(r.text.contains("Dank u wel."));
    assert_eq!(r.html.trim(), "<p>Dank u wel.</p>");
    assert!(r.from.contains("klachten@focus.example"));
    assert!(r.to.contains("Öztürk"));
    assert_eq!(r.auto_submitted, "auto-generated");
    // Sent now: whatever the day, the offset is Amsterdam's at that moment
    // (+0100 or +0200), not UTC's.
    let date = jiff::fmt::rfc2822::parse(&r.date).expect("an RFC 5322 date");
    assert_eq!(
        date.offset(),
        zone.to_offset(date.timestamp()),
        "Date: {}",
        r.date
    );
    assert_ne!(date.offset(), jiff::tz::Offset::UTC, "Date: {}", r.date);
}

store_tests!(
    a_server_that_was_down_gets_every_message_exactly_once,
    a_message_whose_worker_died_is_delivered_after_the_lease,
    after_the_last_attempt_a_message_fails_and_can_be_retried,
    offer_and_form_sent_mail_the_complainant,
    the_background_worker_delivers_when_woken,
    a_backlog_drains_without_waiting_for_the_interval,
    without_an_address_only_the_manager_is_told,
);
