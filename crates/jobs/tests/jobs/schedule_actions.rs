//! Issue 12 in the deadline engine, end to end on both databases: agreed
//! actions with a due date are reminded like terms (the working day
//! before, the morning of, overdue the next working day to the owner and
//! the responsible manager), appear in the digest, and are never reminded
//! once completed; the director gets the missed-term warnings and a weekly
//! summary of overdue terms, unless switched off. The clock is pinned and
//! walked day by day on two instances, as in `schedule.rs`.

use crate::schedule_support;

use jiff::SignedDuration;
use jiff::civil::{Date, date};
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_domain::complaint::{Command, CompletedAction};
use klacht_domain::reminders::ReminderSettings;
use klacht_domain::{ComplaintId, Role, User, UserId};
use klacht_jobs::{Clock, DeliveryConfig, Jobs, ManualClock, Scheduler, schedule_due};
use klacht_mail::testing::SmtpServer;
use klacht_mail::{Address, MailMessage, SmtpMailer};
use klacht_store::{Store, store_tests};
use schedule_support::*;
use secrecy::SecretString;

/// Registers the design example's complaint (received Friday 24 April
/// 2026) with Fatima as handler and Margriet as responsible manager.
async fn handled_complaint<S: Store>(store: &S, o: &Org) -> ComplaintId {
    let cal = cal();
    let off = Notifier::disabled();
    let c = complaints::register(
        store,
        &cal,
        &off,
        &o.piet,
        intake(local("2026-04-24T09:30"), &o.joost),
        local("2026-04-24T09:35"),
    )
    .await
    .expect("registered");
    complaints::act(
        &complaints::Context::new(store, &cal, &off, local("2026-04-24T10:00")),
        c.id(),
        &o.margriet,
        Command::AssignHandler {
            handler: o.fatima.clone(),
        },
        None,
    )
    .await
    .expect("handler assigned");
    c.id()
}

async fn act<S: Store>(store: &S, id: ComplaintId, by: &User, at: &str, command: Command) {
    let cal = cal();
    let off = Notifier::disabled();
    complaints::act(
        &complaints::Context::new(store, &cal, &off, local(at)),
        id,
        by,
        command,
        None,
    )
    .await
    .expect("accepted");
}

fn agree(description: &str, due: Option<Date>, owner: Option<UserId>) -> Command {
    Command::AgreeAction {
        description: description.into(),
        due,
        owner,
    }
}

fn complete(number: u32) -> Command {
    Command::CompleteAction(CompletedAction { number, note: None })
}

/// The queued messages whose dedupe key starts with one of `prefixes`:
/// (day queued, recipient, subject), in the order queued.
async fn queued_with<S: Store>(store: &S, prefixes: &[&str]) -> Vec<(Date, String, String)> {
    let mut out: Vec<_> = store
        .list_outbox(None, None, 1000)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| {
            m.dedupe_key
                .as_deref()
                .is_some_and(|k| prefixes.iter().any(|p| k.starts_with(p)))
        })
        .map(|m| {
            let mail = MailMessage::from_json(&m.payload).expect("a mail payload");
            assert_eq!(mail.to.len(), 1, "one recipient per message");
            (
                m.created_at,
                (
                    cal().local_date(m.created_at),
                    mail.to[0].email.clone(),
                    mail.subject,
                ),
            )
        })
        .collect();
    out.sort();
    out.into_iter().map(|(_, q)| q).collect()
}

/// The text of the one queued mail whose key starts with `prefix` and that
/// goes to `to`.
async fn mail_to<S: Store>(store: &S, prefix: &str, to: &str) -> MailMessage {
    store
        .list_outbox(None, None, 1000)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| {
            m.dedupe_key
                .as_deref()
                .is_some_and(|k| k.starts_with(prefix))
        })
        .map(|m| MailMessage::from_json(&m.payload).expect("mail"))
        .find(|m| m.to[0].email == to)
        .unwrap_or_else(|| panic!("a {prefix} mail to {to}"))
}

async fn agreed_actions_are_reminded_like_terms_and_never_once_completed<S: Store>(store: S) {
    let o = org(&store).await;
    let id = handled_complaint(&store, &o).await;
    let (one, two) = (jobs(&store), jobs(&store));
    let clock = ManualClock::new(local("2026-05-04T07:00"));
    let mut day = date(2026, 5, 4);
    while day <= date(2026, 5, 22) {
        for time in ["07:00", "12:00"] {
            if time == "12:00" {
                // The day's work, between the morning and noon rounds.
                match day.to_string().as_str() {
                    "2026-05-04" => {
                        let at = "2026-05-04T10:00";
                        act(
                            &store,
                            id,
                            &o.fatima,
                            at,
                            agree(
                                "Nieuwe planning doorgeven",
                                Some(date(2026, 5, 11)),
                                Some(o.piet.id),
                            ),
                        )
                        .await;
                        act(
                            &store,
                            id,
                            &o.fatima,
                            at,
                            agree("Excuusbrief sturen", Some(date(2026, 5, 13)), None),
                        )
                        .await;
                        act(
                            &store,
                            id,
                            &o.fatima,
                            at,
                            agree(
                                "Rooster aanpassen",
                                Some(date(2026, 5, 15)),
                                Some(o.joost.id),
                            ),
                        )
                        .await;
                        act(
                            &store,
                            id,
                            &o.fatima,
                            at,
                            agree("Zonder streefdatum", None, Some(o.piet.id)),
                        )
                        .await;
                    }
                    // Action 3 done before its reminders: none.
                    "2026-05-12" => {
                        act(&store, id, &o.fatima, "2026-05-12T10:00", complete(3)).await;
                    }
                    _ => {}
                }
            }
            clock.set(local(&format!("{day}T{time}")));
            for j in [&one, &two] {
                let report = j.run_once(clock.now()).await;
                assert!(report.errors.is_empty(), "{:?}", report.errors);
            }
        }
        day = day.tomorrow().expect("in range");
    }

    let (piet, fatima, margriet) = (
        o.piet.email.to_string(),
        o.fatima.email.to_string(),
        o.margriet.email.to_string(),
    );
    let d = |m: i8, d: i8| date(2026, m, d);
    let got = queued_with(&store, &["action:"]).await;
    let expected = vec![
        // Action 1, due Monday 11 May, owner Piet.
        (
            d(5, 8),
            piet.clone(),
            "Herinnering: actie 1 bij K-2026-0001 moet maandag 11 mei af zijn".to_string(),
        ),
        (
            d(5, 11),
            piet.clone(),
            "Herinnering: actie 1 bij K-2026-0001 moet vandaag af zijn".into(),
        ),
        // Action 2, due Wednesday 13 May, no owner: the handler.
        (
            d(5, 12),
            fatima.clone(),
            "Herinnering: actie 2 bij K-2026-0001 moet morgen af zijn".into(),
        ),
        // Action 1 overdue: the owner and the responsible manager.
        (
            d(5, 12),
            piet.clone(),
            "Actie te laat: actie 1 bij K-2026-0001 (uiterlijk maandag 11 mei 2026)".into(),
        ),
        (
            d(5, 12),
            margriet.clone(),
            "Actie te laat: actie 1 bij K-2026-0001 (uiterlijk maandag 11 mei 2026)".into(),
        ),
        (
            d(5, 13),
            fatima.clone(),
            "Herinnering: actie 2 bij K-2026-0001 moet vandaag af zijn".into(),
        ),
        // Thursday 14 May is Hemelvaartsdag: overdue on Friday.
        (
            d(5, 15),
            fatima.clone(),
            "Actie te laat: actie 2 bij K-2026-0001 (uiterlijk woensdag 13 mei 2026)".into(),
        ),
        (
            d(5, 15),
            margriet.clone(),
            "Actie te laat: actie 2 bij K-2026-0001 (uiterlijk woensdag 13 mei 2026)".into(),
        ),
    ];
    let sorted = |mut v: Vec<(Date, String, String)>| {
        v.sort();
        v
    };
    assert_eq!(
        sorted(got.clone()),
        sorted(expected),
        "exactly these action messages:\n{got:#?}"
    );
    // Nothing to Joost (action 3 completed in time), nothing on a day off.
    assert!(!got.iter().any(|q| q.1 == o.joost.email.as_str()));
    for (day, _, _) in &got {
        assert!(cal().is_working_day(*day), "{day}");
    }

    // The manager's copy says who should have done it.
    let copy = mail_to(&store, &format!("action:{id}:1:overdue:"), &margriet).await;
    assert!(
        copy.text.contains("Uitvoering: Piet de Vries (eigenaar)"),
        "{}",
        copy.text
    );
    assert!(copy.text.contains("Nieuwe planning doorgeven"));
    assert!(
        copy.text
            .contains(&format!("https://klachten.focus.example/klachten/{id}"))
    );
    let handler = mail_to(&store, &format!("action:{id}:2:morning_of:"), &fatima).await;
    assert!(
        handler
            .text
            .contains("De actie heeft geen eigenaar; als afhandelaar")
    );
    for m in [&copy, &handler] {
        for body in [&m.text, &m.html] {
            assert!(!body.contains("Bakker"), "no complainant data: {body}");
        }
    }

    // The digest of Tuesday 12 May lists the open actions, action 1 late.
    let digest = store
        .list_outbox(None, None, 1000)
        .await
        .expect("outbox")
        .into_iter()
        .find(|m| m.dedupe_key.as_deref() == Some(&format!("digest:{}:2026-05-12", o.margriet.id)))
        .map(|m| MailMessage::from_json(&m.payload).expect("mail"))
        .expect("the digest of 12 May");
    assert!(
        digest.subject.ends_with("; 3 acties, 1 te laat"),
        "{}",
        digest.subject
    );
    assert!(
        digest
            .text
            .contains("K-2026-0001 - actie 1: uiterlijk maandag 11 mei 2026 (te laat)"),
        "{}",
        digest.text
    );
    assert!(
        digest
            .text
            .contains("Uitvoering: Fatima el Amrani (afhandelaar; de actie heeft geen eigenaar)")
    );
    assert!(
        !digest.text.contains("Zonder streefdatum"),
        "no due date, not followed up"
    );
}

/// A complaint whose terms are all settled stays open while an action is
/// open: its actions are still reminded, and its manager still gets a
/// digest (of actions only).
async fn actions_of_a_recorded_complaint_are_followed_up<S: Store>(store: S) {
    let o = org(&store).await;
    let id = handled_complaint(&store, &o).await;
    let at = "2026-04-28T10:00";
    act(
        &store,
        id,
        &o.fatima,
        at,
        agree(
            "Terugbellen na twee weken",
            Some(date(2026, 5, 20)),
            Some(o.fatima.id),
        ),
    )
    .await;
    act(
        &store,
        id,
        &o.fatima,
        at,
        Command::WaiveStep(klacht_domain::complaint::Waiver {
            step: klacht_domain::complaint::WaivableStep::Contact,
            reason: "Klager wil geen gesprek.".into(),
        }),
    )
    .await;
    act(
        &store,
        id,
        &o.fatima,
        at,
        Command::WaiveStep(klacht_domain::complaint::Waiver {
            step: klacht_domain::complaint::WaivableStep::Offer,
            reason: "Niets aan te bieden.".into(),
        }),
    )
    .await;
    act(&store, id, &o.fatima, at, Command::SendForm).await;
    let settings = ReminderSettings::default();
    let ctx = mail_ctx();
    let r = schedule_due(
        &store,
        &cal(),
        &settings,
        &ctx,
        local("2026-05-20T08:00"),
        true,
    )
    .await
    .expect("runs");
    assert_eq!((r.actions, r.digests, r.reminders), (1, 1, 0), "{r:?}");
    let got = queued_with(&store, &["action:", "digest:"]).await;
    assert_eq!(
        got,
        [
            (
                date(2026, 5, 20),
                o.fatima.email.to_string(),
                "Herinnering: actie 1 bij K-2026-0001 moet vandaag af zijn".into()
            ),
            (
                date(2026, 5, 20),
                o.margriet.email.to_string(),
                "Openstaande acties woensdag 20 mei 2026: 1 actie".into()
            ),
        ]
    );
    // Completed: nothing the next morning but the overdue notice never.
    act(&store, id, &o.fatima, "2026-05-20T10:00", complete(1)).await;
    let r = schedule_due(
        &store,
        &cal(),
        &settings,
        &ctx,
        local("2026-05-21T08:00"),
        true,
    )
    .await
    .expect("runs");
    assert_eq!((r.actions, r.digests), (0, 0), "{r:?}");
}

async fn the_director_is_warned_of_missed_terms_and_gets_a_weekly_summary<S: Store>(store: S) {
    let o = org(&store).await;
    let dirk = user(
        &store,
        "dirk@focus.example",
        "Dirk Bos",
        Role::Director,
        None,
    )
    .await;
    let _id = handled_complaint(&store, &o).await;
    let (one, two) = (jobs(&store), jobs(&store));
    let mut day = date(2026, 4, 24);
    while day <= date(2026, 5, 19) {
        for time in ["07:00", "12:00"] {
            let now = local(&format!("{day}T{time}"));
            for j in [&one, &two] {
                let report = j.run_once(now).await;
                assert!(report.errors.is_empty(), "{:?}", report.errors);
            }
        }
        day = day.tomorrow().expect("in range");
    }
    let dirk_mail = dirk.email.to_string();
    let got: Vec<_> = queued_with(&store, &["missed:", "weekly:"])
        .await
        .into_iter()
        .filter(|q| q.1 == dirk_mail)
        .collect();
    let d = |m: i8, d: i8| date(2026, m, d);
    assert_eq!(
        got.clone().tap_sort(),
        [
            // Tuesday 28 April (after Koningsdag) is the week's first
            // working day, but nothing is late yet: no summary.
            (
                d(4, 30),
                dirk_mail.clone(),
                "Termijn verstreken: contact K-2026-0001 (uiterlijk woensdag 29 april 2026)"
                    .to_string()
            ),
            (
                d(5, 4),
                dirk_mail.clone(),
                "Weekoverzicht week 19: 1 termijn te laat bij 1 klacht".into()
            ),
            (
                d(5, 11),
                dirk_mail.clone(),
                "Weekoverzicht week 20: 2 termijnen te laat bij 1 klacht".into()
            ),
            (
                d(5, 11),
                dirk_mail.clone(),
                "Termijn verstreken: aanbod K-2026-0001 (uiterlijk vrijdag 8 mei 2026)".into()
            ),
            (
                d(5, 18),
                dirk_mail.clone(),
                "Weekoverzicht week 21: 3 termijnen te laat bij 1 klacht".into()
            ),
            (
                d(5, 18),
                dirk_mail.clone(),
                "Termijn verstreken: vastleggen K-2026-0001 (uiterlijk vrijdag 15 mei 2026)".into()
            ),
        ]
        .into_iter()
        .collect::<Vec<_>>()
        .tap_sort(),
        "{got:#?}"
    );
    // The quality manager is warned as before; the summary is the
    // director's only.
    let sanne: Vec<_> = queued_with(&store, &["missed:", "weekly:"])
        .await
        .into_iter()
        .filter(|q| q.1 == o.sanne.email.as_str())
        .collect();
    assert_eq!(sanne.len(), 3, "{sanne:#?}");
    assert!(sanne.iter().all(|q| q.2.starts_with("Termijn verstreken")));
    let summary = mail_to(&store, "weekly:", &dirk_mail).await;
    assert!(summary.text.contains("Beste Dirk Bos"));
    assert!(
        summary.text.contains("Verantwoordelijk: Fatima el Amrani"),
        "{}",
        summary.text
    );
}

trait TapSort {
    fn tap_sort(self) -> Self;
}

impl TapSort for Vec<(Date, String, String)> {
    fn tap_sort(mut self) -> Self {
        self.sort();
        self
    }
}

async fn without_director_warnings_the_director_gets_nothing<S: Store>(store: S) {
    let o = org(&store).await;
    user(
        &store,
        "dirk@focus.example",
        "Dirk Bos",
        Role::Director,
        None,
    )
    .await;
    handled_complaint(&store, &o).await;
    let settings = ReminderSettings {
        director_warnings: false,
        ..ReminderSettings::default()
    };
    let ctx = mail_ctx();
    // Monday 11 May: the offer term was missed on Friday; contact long ago.
    let r = schedule_due(
        &store,
        &cal(),
        &settings,
        &ctx,
        local("2026-05-11T08:00"),
        true,
    )
    .await
    .expect("runs");
    assert_eq!(
        (r.missed, r.weekly),
        (1, 0),
        "only the quality manager: {r:?}"
    );
    let on = schedule_due(
        &store,
        &cal(),
        &ReminderSettings::default(),
        &ctx,
        local("2026-05-11T09:00"),
        true,
    )
    .await
    .expect("runs");
    assert_eq!(
        (on.missed, on.weekly),
        (1, 1),
        "now the director too: {on:?}"
    );
}

/// One production-shaped round (scheduler, then delivery) on Monday 11
/// May: the overdue action, the director's warning and weekly summary
/// reach a real SMTP server.
async fn action_and_director_mail_go_through_a_real_smtp_server<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    user(
        &store,
        "dirk@focus.example",
        "Dirk Bos",
        Role::Director,
        None,
    )
    .await;
    let id = handled_complaint(&store, &o).await;
    act(
        &store,
        id,
        &o.fatima,
        "2026-05-04T10:00",
        agree(
            "Nieuwe planning doorgeven",
            Some(date(2026, 5, 8)),
            Some(o.piet.id),
        ),
    )
    .await;
    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::new("Focus klachten", "klachten@focus.example"),
    )
    .expect("mailer");
    let jobs = Jobs::new(store.clone(), Some(mailer), DeliveryConfig::default()).with_schedule(
        Scheduler::new(cal(), ReminderSettings::default(), mail_ctx()).every(SignedDuration::ZERO),
    );
    let report = jobs.run_once(local("2026-05-11T07:00")).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let s = report.schedule.expect("the scheduler ran");
    // Overdue action: Piet and Margriet; missed offer: Sanne and Dirk;
    // Dirk's summary; Margriet's digest.
    assert_eq!(
        (s.actions, s.missed, s.weekly, s.digests),
        (2, 2, 1, 1),
        "{s:?}"
    );
    assert_eq!(report.delivery.map(|d| d.sent), Some(6));
    let again = jobs.run_once(local("2026-05-11T07:01")).await;
    assert_eq!(again.schedule.map(|s| s.queued()), Some(0));

    let received = smtp.messages();
    let find = |subject: &str, to: &str| {
        received
            .iter()
            .find(|m| m.subject == subject && m.to.contains(to))
            .unwrap_or_else(|| panic!("{subject} to {to} in {received:#?}"))
    };
    let overdue = "Actie te laat: actie 1 bij K-2026-0001 (uiterlijk vrijdag 8 mei 2026)";
    let piet = find(overdue, "piet@focus.example");
    assert!(piet.text.contains("U bent eigenaar van deze actie"));
    assert!(piet.html.contains("Open klacht K-2026-0001"));
    let margriet = find(overdue, "margriet@focus.example");
    assert!(
        margriet
            .text
            .contains("Uitvoering: Piet de Vries (eigenaar)")
    );
    find(
        "Termijn verstreken: aanbod K-2026-0001 (uiterlijk vrijdag 8 mei 2026)",
        "dirk@focus.example",
    );
    let weekly = find(
        "Weekoverzicht week 20: 2 termijnen te laat bij 1 klacht",
        "dirk@focus.example",
    );
    assert!(weekly.text.contains("K-2026-0001 - contact met klager"));
    assert!(weekly.html.contains("Verstreken termijnen, week 20"));
    let digest = received
        .iter()
        .find(|m| m.subject.starts_with("Openstaande termijnen"))
        .expect("the digest");
    assert!(
        digest
            .text
            .contains("actie 1: uiterlijk vrijdag 8 mei 2026 (te laat)")
    );
}

store_tests!(
    agreed_actions_are_reminded_like_terms_and_never_once_completed,
    actions_of_a_recorded_complaint_are_followed_up,
    the_director_is_warned_of_missed_terms_and_gets_a_weekly_summary,
    without_director_warnings_the_director_gets_nothing,
    action_and_director_mail_go_through_a_real_smtp_server,
);
