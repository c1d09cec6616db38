//! A handler who is absent takes no reminders with them (issue 12, item
//! 7): on the absence's first sending day the responsible manager gets one
//! handover alert, and the reminders and digest meant for the handler,
//! saying for whom — through a real SMTP server, on SQLite and PostgreSQL.

use crate::schedule_support;

use jiff::SignedDuration;
use jiff::civil::date;
use klacht_app::absences::{self, AbsenceInput};
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_domain::Role;
use klacht_domain::complaint::Command;
use klacht_domain::reminders::ReminderSettings;
use klacht_jobs::{DeliveryConfig, Jobs, Scheduler};
use klacht_mail::testing::SmtpServer;
use klacht_mail::{Address, SmtpMailer};
use klacht_store::{Store, store_tests};
use schedule_support::*;
use secrecy::SecretString;

async fn an_absent_handlers_reminders_go_to_the_manager_who_is_told_once_what_to_hand_over<
    S: Store,
>(
    store: S,
) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
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
            description: "Nieuwe planning sturen".into(),
            due: Some(date(2026, 5, 6)),
            owner: Some(o.fatima.id),
        },
        None,
    )
    .await
    .expect("action agreed");

    // Planned on Friday, from Monday (King's Day, no mail) to Thursday.
    let on = Notifier::new(mail_ctx());
    let planned = absences::record_absence(
        &complaints::Context::new(&store, &cal, &on, local("2026-04-24T16:00")),
        &o.fatima,
        &AbsenceInput {
            whom: String::new(),
            from: "2026-04-27".into(),
            to: "30-04-2026".into(),
            note: "vakantie".into(),
        },
    )
    .await
    .expect("recorded");
    assert_eq!(planned.alerted_at, None, "planned: no alert yet");

    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::new("Focus klachten", "klachten@focus.example"),
    )
    .expect("mailer");
    let jobs = Jobs::new(store.clone(), Some(mailer), DeliveryConfig::default()).with_schedule(
        Scheduler::new(cal.clone(), ReminderSettings::default(), mail_ctx())
            .every(SignedDuration::ZERO),
    );
    let holiday = jobs.run_once(local("2026-04-27T08:00")).await;
    assert_eq!(holiday.schedule.map(|s| s.ran), Some(false));

    let report = jobs.run_once(local("2026-04-28T07:00")).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let schedule = report.schedule.expect("the scheduler ran");
    assert_eq!(
        (schedule.handovers, schedule.reminders, schedule.digests),
        (1, 1, 1)
    );
    assert_eq!(schedule.unaddressed, 0);
    // Once: the next round alerts nothing more.
    let again = jobs.run_once(local("2026-04-28T07:01")).await;
    assert_eq!(
        again.schedule.map(|s| (s.handovers, s.queued())),
        Some((0, 0))
    );

    let received = smtp.messages();
    assert_eq!(received.len(), 3, "{received:#?}");
    assert!(
        received
            .iter()
            .all(|m| m.to.contains("margriet@focus.example")),
        "nothing to the absent handler: {received:#?}"
    );
    let alert = received
        .iter()
        .find(|m| m.subject.starts_with("Over te dragen"))
        .expect("the handover alert");
    assert_eq!(
        alert.subject,
        "Over te dragen: 1 klacht en 1 afgesproken actie van Fatima el Amrani (afwezig t/m 30 april)"
    );
    assert!(
        alert
            .text
            .contains("Fatima el Amrani is afwezig tot en met donderdag 30 april."),
        "{}",
        alert.text
    );
    assert!(alert.text.contains("K-2026-0001"));
    assert!(alert.text.contains("Nieuwe planning sturen"));
    assert!(alert.text.contains(&format!(
        "https://klachten.focus.example/klachten/{}",
        c.id()
    )));
    assert!(
        alert
            .text
            .contains("https://klachten.focus.example/afwezigheid/overdragen")
    );

    let reminder = received
        .iter()
        .find(|m| m.subject.starts_with("Herinnering"))
        .expect("the reminder");
    let note = "Fatima el Amrani is afwezig tot en met donderdag 30 april; u ontvangt deze herinnering in diens plaats.";
    assert!(reminder.text.contains(note), "{}", reminder.text);
    assert!(reminder.html.contains(note));

    let digest = received
        .iter()
        .find(|m| m.subject.starts_with("Openstaande termijnen"))
        .expect("the digest");
    assert!(
        digest
            .text
            .contains("Fatima el Amrani (afwezig t/m 30 april)"),
        "the digest names the handler with her absence: {}",
        digest.text
    );
}

async fn an_absent_action_owners_reminders_reach_the_manager_and_an_absent_director_is_skipped<
    S: Store,
>(
    store: S,
) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let dora = user(
        &store,
        "dora@focus.example",
        "Dora de Directeur",
        Role::Director,
        None,
    )
    .await;
    let dirk = user(
        &store,
        "dirk@focus.example",
        "Dirk Bos",
        Role::Director,
        None,
    )
    .await;
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
            description: "Nieuwe planning doorgeven".into(),
            due: Some(date(2026, 5, 8)),
            owner: Some(o.piet.id),
        },
        None,
    )
    .await
    .expect("action agreed");
    // Piet away from Thursday 7 to Friday 15 May; Dirk the week of the 11th.
    let on = Notifier::new(mail_ctx());
    let cx = complaints::Context::new(&store, &cal, &on, local("2026-05-06T16:00"));
    for (who, from) in [(&o.piet, "2026-05-07"), (&dirk, "2026-05-11")] {
        absences::record_absence(
            &cx,
            who,
            &AbsenceInput {
                whom: String::new(),
                from: from.into(),
                to: "2026-05-15".into(),
                note: String::new(),
            },
        )
        .await
        .expect("recorded");
    }

    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::new("Focus klachten", "klachten@focus.example"),
    )
    .expect("mailer");
    let jobs = Jobs::new(store.clone(), Some(mailer), DeliveryConfig::default()).with_schedule(
        Scheduler::new(cal.clone(), ReminderSettings::default(), mail_ctx())
            .every(SignedDuration::ZERO),
    );
    // Thursday: the day-before reminder of Piet's action.
    let report = jobs.run_once(local("2026-05-07T07:00")).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let s = report.schedule.expect("the scheduler ran");
    assert_eq!((s.actions, s.unaddressed), (1, 0), "{s:?}");
    let received = smtp.messages();
    assert!(
        received
            .iter()
            .all(|m| !m.to.contains("piet@focus.example")),
        "nothing to the absent owner: {received:#?}"
    );
    let reminder = received
        .iter()
        .find(|m| m.subject == "Herinnering: actie 1 bij K-2026-0001 moet morgen af zijn")
        .unwrap_or_else(|| panic!("the action's reminder in {received:#?}"));
    assert!(
        reminder.to.contains("margriet@focus.example"),
        "{reminder:#?}"
    );
    let note = "Piet de Vries is afwezig tot en met vrijdag 15 mei; u ontvangt deze herinnering in diens plaats.";
    for body in [&reminder.text, &reminder.html] {
        assert!(body.contains(note), "{body}");
        assert!(body.contains("in plaats van de eigenaar van deze actie"));
        assert!(body.contains("Uitvoering: Piet de Vries (eigenaar, afwezig t/m 15 mei)"));
        assert!(!body.contains("U bent eigenaar"));
    }

    // Monday: the action is overdue. Margriet is told once, for Piet; the
    // missed offer and the weekly summary reach the director who is in.
    let report = jobs.run_once(local("2026-05-11T07:00")).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let s = report.schedule.expect("the scheduler ran");
    assert_eq!((s.actions, s.weekly, s.unaddressed), (1, 1, 0), "{s:?}");
    let received = smtp.messages();
    let overdue: Vec<_> = received
        .iter()
        .filter(|m| {
            m.subject
                .starts_with("Actie te laat: actie 1 bij K-2026-0001")
        })
        .collect();
    assert_eq!(overdue.len(), 1, "{overdue:#?}");
    assert!(overdue[0].to.contains("margriet@focus.example"));
    assert!(
        overdue[0]
            .text
            .contains("Piet de Vries is afwezig tot en met vrijdag 15 mei; u ontvangt dit bericht in diens plaats."),
        "{}",
        overdue[0].text
    );
    assert!(
        received
            .iter()
            .all(|m| !m.to.contains("dirk@focus.example")),
        "the absent director is skipped while Dora reads it: {received:#?}"
    );
    let to_dora = |prefix: &str| {
        received
            .iter()
            .any(|m| m.subject.starts_with(prefix) && m.to.contains(dora.email.as_str()))
    };
    assert!(to_dora("Termijn verstreken: aanbod K-2026-0001"));
    assert!(to_dora("Weekoverzicht week 20"));
}

store_tests!(
    an_absent_handlers_reminders_go_to_the_manager_who_is_told_once_what_to_hand_over,
    an_absent_action_owners_reminders_reach_the_manager_and_an_absent_director_is_skipped,
);
