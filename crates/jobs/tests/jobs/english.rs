//! Staff who chose English read the deadline engine's mail in English,
//! also the parts the engine fills in itself: who is away and until when,
//! who stands in, when a term or action ends, who carries an action out,
//! the step of an overdue term; and the failure notice. Through a real
//! SMTP server, on SQLite and PostgreSQL. A colleague who chose nothing
//! reads the same mail in Dutch.

use crate::{schedule_support, support};

use jiff::SignedDuration;
use jiff::civil::date;
use klacht_app::absences::{self, AbsenceInput};
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_domain::complaint::{
    Command, ComplainantResponse, Contact, ContactMode, Merit, MeritDecision, Offer, OfferKind,
};
use klacht_domain::reminders::ReminderSettings;
use klacht_domain::{Language, Role, UserId};
use klacht_jobs::{DeliveryConfig, DeliveryPolicy, Jobs, Scheduler, deliver_due};
use klacht_mail::testing::{Received, SmtpServer};
use klacht_mail::{Address, SmtpMailer};
use klacht_store::{Store, store_tests};
use schedule_support::*;
use secrecy::SecretString;

/// `id` chooses English, as the settings page stores it.
async fn choose_english<S: Store>(store: &S, id: UserId) {
    store
        .set_user_language(id, Some(Language::En))
        .await
        .expect("language chosen");
}

/// A mail as its reader sees it speaks English only: subject, text and
/// HTML without a Dutch marker word (links left out: the staff pages'
/// paths are Dutch).
fn assert_english(what: &str, m: &Received) {
    for (part, body) in [
        ("subject", &m.subject),
        ("text", &m.text),
        ("html", &m.html),
    ] {
        let words: String = body
            .split(|c: char| c.is_whitespace() || c == '"')
            .filter(|w| !w.contains("://"))
            .collect::<Vec<_>>()
            .join(" ");
        let dutch = klacht_mail::testing::foreign_words(Language::En, &words);
        assert!(
            dutch.is_empty(),
            "{what} {part}: Dutch {dutch:?} in\n{body}"
        );
        assert!(!body.contains("mail-"), "{what} {part}: a key in\n{body}");
    }
    assert!(m.html.contains("<html lang=\"en\">"), "{what}: {}", m.html);
}

fn mailer(smtp: &SmtpServer) -> SmtpMailer {
    SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::new("Focus klachten", "klachten@focus.example"),
    )
    .expect("mailer")
}

fn find<'a>(received: &'a [Received], to: &str, subject: &str) -> &'a Received {
    received
        .iter()
        .find(|m| m.to.contains(to) && m.subject.starts_with(subject))
        .unwrap_or_else(|| panic!("{subject:?} to {to} in {received:#?}"))
}

/// The handler is away: her manager, who chose English, is told in
/// English what to hand over, and receives the reminder and the digest
/// meant for the handler in English, saying for whom.
async fn an_english_manager_reads_the_handover_reminder_and_digest_in_english<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    choose_english(&store, o.margriet.id).await;
    let cal = cal();
    let off = Notifier::disabled();
    let c = complaints::register(
        &store,
        &cal,
        &off,
        &o.piet,
        intake(local("2026-04-24T09:30"), &o.joost),
        local("2026-04-24T09:35"),
    )
    .await
    .expect("registered");
    let cx = complaints::Context::new(&store, &cal, &off, local("2026-04-24T10:00"));
    complaints::act(
        &cx,
        c.id(),
        &o.margriet,
        Command::AssignHandler {
            handler: o.fatima.clone(),
        },
        None,
    )
    .await
    .expect("handler assigned");
    complaints::act(
        &cx,
        c.id(),
        &o.fatima,
        Command::AgreeAction {
            description: "Send the new schedule".into(),
            due: Some(date(2026, 5, 6)),
            owner: Some(o.fatima.id),
        },
        None,
    )
    .await
    .expect("action agreed");
    let on = Notifier::new(mail_ctx());
    absences::record_absence(
        &complaints::Context::new(&store, &cal, &on, local("2026-04-24T16:00")),
        &o.fatima,
        &AbsenceInput {
            whom: String::new(),
            from: "2026-04-27".into(),
            to: "2026-04-30".into(),
            note: String::new(),
        },
    )
    .await
    .expect("recorded");

    let jobs = Jobs::new(
        store.clone(),
        Some(mailer(&smtp)),
        DeliveryConfig::default(),
    )
    .with_schedule(
        Scheduler::new(cal.clone(), ReminderSettings::default(), mail_ctx())
            .every(SignedDuration::ZERO),
    );
    let report = jobs.run_once(local("2026-04-28T07:00")).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let s = report.schedule.expect("the scheduler ran");
    assert_eq!((s.handovers, s.reminders, s.digests), (1, 1, 1), "{s:?}");

    let received = smtp.messages();
    assert_eq!(received.len(), 3, "{received:#?}");
    let margriet = "margriet@focus.example";
    let alert = find(&received, margriet, "To hand over");
    assert_english("handover", alert);
    assert_eq!(
        alert.subject,
        "To hand over: 1 complaint and 1 agreed action of Fatima el Amrani (away until 30 April)"
    );
    for body in [&alert.text, &alert.html] {
        assert!(
            body.contains("Fatima el Amrani is away up to and including Thursday 30 April."),
            "{body}"
        );
        assert!(
            body.contains("contact with the complainant, by Wednesday 29 April 2026"),
            "the next term: {body}"
        );
        assert!(
            body.contains("by Wednesday 6 May 2026"),
            "the action's due date: {body}"
        );
    }

    let note = "Fatima el Amrani is away up to and including Thursday 30 April; \
                you are receiving this reminder in their place.";
    let reminder = find(&received, margriet, "Reminder");
    assert_english("reminder", reminder);
    assert_eq!(
        reminder.subject,
        "Reminder: deadline for contact K-2026-0001 ends tomorrow"
    );
    assert!(reminder.text.contains(note), "{}", reminder.text);
    assert!(reminder.html.contains(note), "{}", reminder.html);

    let digest = find(&received, margriet, "Open deadlines");
    assert_english("digest", digest);
    assert!(
        digest
            .text
            .contains("Fatima el Amrani (away until 30 April)"),
        "the handler with her absence: {}",
        digest.text
    );
    assert!(
        digest
            .text
            .contains("Fatima el Amrani (owner, away until 30 April)"),
        "{}",
        digest.text
    );
}

/// The owner of an action is away: the English manager receives its
/// reminder and overdue notice in English; the English director the
/// missed term and the weekly summary; the Dutch quality manager the
/// missed term in Dutch, as before.
async fn english_action_mail_and_the_directors_week_read_in_english<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let dora = user(
        &store,
        "dora@focus.example",
        "Dora Green",
        Role::Director,
        None,
    )
    .await;
    choose_english(&store, o.margriet.id).await;
    choose_english(&store, dora.id).await;
    let cal = cal();
    let off = Notifier::disabled();
    let c = complaints::register(
        &store,
        &cal,
        &off,
        &o.piet,
        intake(local("2026-04-24T09:30"), &o.joost),
        local("2026-04-24T09:35"),
    )
    .await
    .expect("registered");
    let cx = complaints::Context::new(&store, &cal, &off, local("2026-04-24T10:00"));
    complaints::act(
        &cx,
        c.id(),
        &o.margriet,
        Command::AssignHandler {
            handler: o.fatima.clone(),
        },
        None,
    )
    .await
    .expect("handler assigned");
    let cx = complaints::Context::new(&store, &cal, &off, local("2026-05-04T10:00"));
    complaints::act(
        &cx,
        c.id(),
        &o.fatima,
        Command::AgreeAction {
            description: "Pass on the new schedule".into(),
            due: Some(date(2026, 5, 8)),
            owner: Some(o.piet.id),
        },
        None,
    )
    .await
    .expect("action agreed");
    let on = Notifier::new(mail_ctx());
    absences::record_absence(
        &complaints::Context::new(&store, &cal, &on, local("2026-05-06T16:00")),
        &o.piet,
        &AbsenceInput {
            whom: String::new(),
            from: "2026-05-07".into(),
            to: "2026-05-15".into(),
            note: String::new(),
        },
    )
    .await
    .expect("recorded");

    let jobs = Jobs::new(
        store.clone(),
        Some(mailer(&smtp)),
        DeliveryConfig::default(),
    )
    .with_schedule(
        Scheduler::new(cal.clone(), ReminderSettings::default(), mail_ctx())
            .every(SignedDuration::ZERO),
    );
    let report = jobs.run_once(local("2026-05-07T07:00")).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let received = smtp.messages();
    let margriet = "margriet@focus.example";
    let reminder = find(&received, margriet, "Reminder: action 1 on K-2026-0001");
    assert_english("action reminder", reminder);
    assert_eq!(
        reminder.subject,
        "Reminder: action 1 on K-2026-0001 is due tomorrow"
    );
    for body in [&reminder.text, &reminder.html] {
        assert!(
            body.contains(
                "Piet de Vries is away up to and including Friday 15 May; \
                 you are receiving this reminder in their place."
            ),
            "{body}"
        );
        assert!(
            body.contains("Piet de Vries (owner, away until 15 May)"),
            "{body}"
        );
        assert!(body.contains("Friday 8 May 2026"), "{body}");
    }

    let report = jobs.run_once(local("2026-05-11T07:00")).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let s = report.schedule.expect("the scheduler ran");
    assert_eq!((s.actions, s.weekly), (1, 1), "{s:?}");
    let received = smtp.messages();
    let overdue = find(
        &received,
        margriet,
        "Action overdue: action 1 on K-2026-0001",
    );
    assert_english("action overdue", overdue);
    assert!(
        overdue.text.contains(
            "Piet de Vries is away up to and including Friday 15 May; \
             you are receiving this message in their place."
        ),
        "{}",
        overdue.text
    );
    let weekly = find(&received, dora.email.as_str(), "Weekly overview week 20");
    assert_english("weekly overview", weekly);
    assert!(
        weekly.text.contains("Monday 11 May 2026"),
        "{}",
        weekly.text
    );
    assert!(weekly.text.contains("offer"), "{}", weekly.text);
    assert!(
        weekly.text.contains("Fatima el Amrani"),
        "the handler is responsible: {}",
        weekly.text
    );
    let missed = find(
        &received,
        dora.email.as_str(),
        "Deadline missed: offer K-2026-0001",
    );
    assert_english("missed term", missed);
    // The quality manager chose no language: Dutch, as before.
    let dutch = find(
        &received,
        "sanne@focus.example",
        "Termijn verstreken: aanbod K-2026-0001",
    );
    assert!(dutch.html.contains("<html lang=\"nl\">"));
}

/// Messages fail for good: the quality manager who chose English is told
/// in English, the one who chose nothing in Dutch, each once.
async fn the_failure_notice_follows_each_quality_managers_language<S: Store>(store: S) {
    let Some(mut smtp) = SmtpServer::start() else {
        return;
    };
    smtp.stop();
    let o = support::org(&store).await;
    let emma = support::user(
        &store,
        "emma@focus.example",
        "Emma Brown",
        Role::QualityManager,
        None,
    )
    .await;
    choose_english(&store, emma.id).await;
    let c = support::file(
        &store,
        &o.employee,
        "Mrs A. Jones",
        Some("jones@example.com"),
    )
    .await;
    let mailer = support::mailer(&smtp);
    let config = DeliveryConfig {
        policy: DeliveryPolicy {
            max_attempts: 1,
            ..DeliveryPolicy::default()
        },
        ..support::delivery()
    };
    let r = deliver_due(&store, &mailer, &config, support::now())
        .await
        .expect("round");
    assert!(r.failed > 0, "{r:?}");
    smtp.restart();
    let later = support::now() + SignedDuration::from_mins(1);
    let r = deliver_due(&store, &mailer, &config, later)
        .await
        .expect("round");
    assert_eq!(r.sent, 2, "a notice per language: {r:?}");
    let received = smtp.messages();
    assert_eq!(received.len(), 2, "{received:#?}");
    let english = received
        .iter()
        .find(|m| m.to.contains("emma@focus.example"))
        .expect("the English notice");
    assert!(!english.to.contains("sanne@focus.example"));
    assert!(
        english.subject.starts_with("Message not sent: ")
            || english.subject.ends_with(" messages not sent"),
        "{}",
        english.subject
    );
    // The failed message's own subject is quoted as it was: leave it out.
    let quoted = klacht_store::OutboxStatus::Failed;
    let failed = store
        .list_outbox(Some(quoted), None, 10)
        .await
        .expect("list");
    let mut own_words = english.clone();
    for m in &failed {
        let subject = klacht_mail::MailMessage::from_json(&m.payload)
            .expect("mail")
            .subject;
        own_words.subject = own_words.subject.replace(&subject, "");
        own_words.text = own_words.text.replace(&subject, "");
        own_words.html = own_words.html.replace(&subject, "");
    }
    assert_english("failure notice", &own_words);
    assert!(english.text.contains(&c.reference().to_string()));
    let dutch = received
        .iter()
        .find(|m| m.to.contains("sanne@focus.example"))
        .expect("the Dutch notice");
    assert!(!dutch.to.contains("emma@focus.example"));
    assert!(dutch.html.contains("<html lang=\"nl\">"));
    assert!(
        dutch.subject.contains("niet verzonden"),
        "{}",
        dutch.subject
    );
}

/// The form goes to the quality managers while an agreed action is still
/// open: the English one reads what stands between the complaint and
/// closing in English, the Dutch one the domain's own Dutch list.
async fn what_blocks_closing_reads_in_each_quality_managers_language<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = support::org(&store).await;
    let emma = support::user(
        &store,
        "emma@focus.example",
        "Emma Brown",
        Role::QualityManager,
        None,
    )
    .await;
    choose_english(&store, emma.id).await;
    let c = support::file(&store, &o.employee, "Mrs A. Jones", None).await;
    let cal = support::calendar();
    let n = support::notifier();
    let now = klacht_clock::test_now();
    let today = cal.local_date(now);
    let cx = complaints::Context::new(&store, &cal, &n, now);
    let commands = [
        (
            &o.manager,
            Command::AssignHandler {
                handler: o.employee.clone(),
            },
        ),
        (
            &o.employee,
            Command::RecordContact(Contact {
                date: today,
                mode: ContactMode::Telephone,
                summary: "Called her.".into(),
            }),
        ),
        (
            &o.employee,
            Command::DecideMerit(MeritDecision {
                merit: Merit::Founded,
                reasoning: "The visits were missed.".into(),
            }),
        ),
        (
            &o.employee,
            Command::AgreeAction {
                description: "Call back after the visit".into(),
                due: None,
                owner: None,
            },
        ),
        (
            &o.employee,
            Command::MakeOffer(Offer {
                kind: OfferKind::None,
                description: "An apology.".into(),
                value_cents: None,
                director_consulted: false,
                made_on: today,
                letter_text: None,
            }),
        ),
        (
            &o.employee,
            Command::RecordResponse(ComplainantResponse {
                accepted: Some(true),
                satisfaction: None,
                comment: None,
            }),
        ),
        (&o.employee, Command::SendForm),
    ];
    for (who, cmd) in commands {
        complaints::act(&cx, c.id(), who, cmd, None)
            .await
            .expect("acted");
    }
    let after = complaints::load(&store, c.id()).await.expect("loaded");
    let blockers = klacht_app::complaints::closing_blockers(klacht_mail::Tr::default(), &after);
    assert!(
        blockers.iter().any(|b| b == "afronding van actie 1"),
        "{blockers:?}"
    );
    let r = deliver_due(&store, &support::mailer(&smtp), &support::delivery(), now)
        .await
        .expect("round");
    assert_eq!(r.failed, 0, "{r:?}");
    let received = smtp.messages();
    let english = find(&received, "emma@focus.example", "Complaint K-");
    assert_english("form to close", english);
    assert!(
        english
            .text
            .contains("Still missing before it can be closed:\n- completion of action 1\n"),
        "{}",
        english.text
    );
    let dutch = find(&received, "sanne@focus.example", "Klacht K-");
    assert!(dutch.html.contains("<html lang=\"nl\">"));
    for blocker in &blockers {
        assert!(
            dutch.text.contains(&format!("- {blocker}\n")),
            "{blocker}: {}",
            dutch.text
        );
    }
}

/// A message without a readable sender arrives: the quality manager who
/// chose English is told in English, what is wrong with it included; the
/// Dutch record kept with the message stays Dutch.
async fn an_english_quality_manager_is_told_of_incoming_mail_in_english<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = support::org(&store).await;
    choose_english(&store, o.quality.id).await;
    let raw = "To: klachten@focus.example\r\nSubject: Late visits\r\n\
               Content-Type: text/plain; charset=utf-8\r\n\r\n\
               The carer came two hours late.\r\n";
    let envelope = klacht_app::mailbox::Envelope {
        folder: "INBOX".into(),
        uid_validity: 1,
        uid: 1,
    };
    let taken = klacht_app::mailbox::take_in(
        &store,
        &support::calendar(),
        &support::notifier(),
        None,
        &envelope,
        raw.as_bytes().to_vec(),
        support::now(),
    )
    .await
    .expect("taken in");
    assert_eq!(taken, klacht_app::mailbox::TakenIn::Intake);
    let r = deliver_due(
        &store,
        &support::mailer(&smtp),
        &support::delivery(),
        support::now(),
    )
    .await
    .expect("round");
    assert_eq!(r.sent, 1, "{r:?}");
    let received = smtp.messages();
    let notice = find(
        &received,
        "sanne@focus.example",
        "Incoming e-mail: Late visits",
    );
    assert_english("incoming mail", notice);
    assert!(
        notice
            .text
            .contains("Please note: The sender cannot be read (no valid e-mail address)."),
        "{}",
        notice.text
    );
    let items = store.open_mailbox_messages(10).await.expect("items");
    assert_eq!(
        items[0].problem.as_deref(),
        Some("De afzender is niet te lezen (geen geldig e-mailadres).")
    );
}

store_tests!(
    an_english_quality_manager_is_told_of_incoming_mail_in_english,
    an_english_manager_reads_the_handover_reminder_and_digest_in_english,
    what_blocks_closing_reads_in_each_quality_managers_language,
    english_action_mail_and_the_directors_week_read_in_english,
    the_failure_notice_follows_each_quality_managers_language,
);
