//! The deadline engine end to end (issue 4): the design example's complaint
//! (received Friday 24 April 2026) is worked on through the app services
//! while the injected clock walks day by day, 07:00 and 12:00, to Monday
//! 18 May, across weekends, Koningsdag (27 April) and Hemelvaartsdag (14
//! May). Two instances run every round. The outbox must then hold exactly
//! the expected messages: recipient, subject and day queued.

use crate::schedule_support;

use jiff::civil::{Date, date};
use jiff::{SignedDuration, ToSpan};
use klacht_app::calendar::{SETTING_KEY, StoredCalendar};
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_domain::ComplaintId;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    Command, Contact, ContactMode, Merit, MeritDecision, Offer, OfferKind,
};
use klacht_domain::reminders::ReminderSettings;
use klacht_domain::terms::{Step, Terms};
use klacht_jobs::{Clock, ManualClock, Scheduler, schedule_due};
use klacht_mail::MailMessage;
use klacht_store::{Store, store_tests};
use schedule_support::*;

async fn reminders_walk_across_weekends_and_holidays_on_two_instances<S: Store>(store: S) {
    let o = org(&store).await;
    let cal = cal();
    let off = Notifier::disabled();
    // Two instances on one database, each with its own scheduler.
    let (one, two) = (jobs(&store), jobs(&store));
    let clock = ManualClock::new(local("2026-04-24T07:00"));
    let mut complaint: Option<ComplaintId> = None;
    let mut day = date(2026, 4, 24);
    while day <= date(2026, 5, 18) {
        clock.set(local(&format!("{day}T07:00")));
        for j in [&one, &two] {
            let report = j.run_once(clock.now()).await;
            assert!(report.errors.is_empty(), "{:?}", report.errors);
        }
        // The day's work, between the two rounds.
        let at = local(&format!("{day}T10:00"));
        match day.to_string().as_str() {
            "2026-04-24" => {
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
                complaints::act(
                    &complaints::Context::new(&store, &cal, &off, at),
                    c.id(),
                    &o.margriet,
                    Command::AssignHandler {
                        handler: o.fatima.clone(),
                    },
                    None,
                )
                .await
                .expect("handler assigned");
                complaint = Some(c.id());
            }
            // Contact after the day-before reminder, before the morning of
            // the term: no reminder on Wednesday.
            "2026-04-28" => {
                let id = complaint.expect("registered");
                complaints::act(
                    &complaints::Context::new(&store, &cal, &off, at),
                    id,
                    &o.fatima,
                    Command::RecordContact(Contact {
                        date: day,
                        mode: ContactMode::Telephone,
                        summary: "Klager gebeld; excuses aangeboden.".into(),
                    }),
                    None,
                )
                .await
                .expect("contact recorded");
            }
            // The offer two working days late (its term was 8 May).
            "2026-05-12" => {
                let id = complaint.expect("registered");
                complaints::act(
                    &complaints::Context::new(&store, &cal, &off, at),
                    id,
                    &o.fatima,
                    Command::DecideMerit(MeritDecision {
                        merit: Merit::Founded,
                        reasoning: "Twee afspraken gemist.".into(),
                    }),
                    None,
                )
                .await
                .expect("merit");
                complaints::act(
                    &complaints::Context::new(&store, &cal, &off, at),
                    id,
                    &o.fatima,
                    Command::MakeOffer(Offer {
                        kind: OfferKind::ExtraService,
                        description: "Twee extra uren hulp.".into(),
                        value_cents: None,
                        director_consulted: false,
                        made_on: day,
                        letter_text: None,
                    }),
                    None,
                )
                .await
                .expect("offer");
            }
            // The form on the last day, after that morning's reminder.
            "2026-05-15" => {
                let id = complaint.expect("registered");
                complaints::act(
                    &complaints::Context::new(&store, &cal, &off, at),
                    id,
                    &o.fatima,
                    Command::SendForm,
                    None,
                )
                .await
                .expect("form sent");
            }
            _ => {}
        }
        clock.set(local(&format!("{day}T12:00")));
        for j in [&one, &two] {
            let report = j.run_once(clock.now()).await;
            assert!(report.errors.is_empty(), "{:?}", report.errors);
        }
        day = day.tomorrow().expect("in range");
    }

    let fatima = o.fatima.email.to_string();
    let sanne = o.sanne.email.to_string();
    let margriet = o.margriet.email.to_string();
    let k = "K-2026-0001";
    let d = |m: i8, d: i8| date(2026, m, d);
    let reminder = |day: Date, step: &str, when: &str| {
        (
            day,
            fatima.clone(),
            format!("Herinnering: termijn {step} {k} verloopt {when}"),
        )
    };
    let digest = |day: Date, long: &str, late: bool| {
        let late = if late { ", 1 te laat" } else { "" };
        (
            day,
            margriet.clone(),
            format!("Openstaande termijnen {long}: 1 klacht{late}"),
        )
    };
    let got = queued(&store).await;
    let mut expected = vec![
        // Friday 24 April: the 07:00 digest found nothing open yet.
        // Monday 27 April is Koningsdag: nothing.
        digest(d(4, 28), "dinsdag 28 april 2026", false),
        reminder(d(4, 28), "contact", "morgen"),
        // Wednesday 29 April: contact was recorded, so no reminder.
        digest(d(4, 29), "woensdag 29 april 2026", false),
        digest(d(4, 30), "donderdag 30 april 2026", false),
        digest(d(5, 1), "vrijdag 1 mei 2026", false),
        digest(d(5, 4), "maandag 4 mei 2026", false),
        digest(d(5, 5), "dinsdag 5 mei 2026", false),
        digest(d(5, 6), "woensdag 6 mei 2026", false),
        digest(d(5, 7), "donderdag 7 mei 2026", false),
        reminder(d(5, 7), "aanbod", "morgen"),
        digest(d(5, 8), "vrijdag 8 mei 2026", false),
        reminder(d(5, 8), "aanbod", "vandaag"),
        digest(d(5, 11), "maandag 11 mei 2026", true),
        (
            d(5, 11),
            sanne.clone(),
            format!("Termijn verstreken: aanbod {k} (uiterlijk vrijdag 8 mei 2026)"),
        ),
        digest(d(5, 12), "dinsdag 12 mei 2026", true),
        digest(d(5, 13), "woensdag 13 mei 2026", false),
        // Thursday 14 May is Hemelvaartsdag: the record term (Friday 15)
        // is announced on Wednesday.
        reminder(d(5, 13), "vastleggen", "vrijdag 15 mei"),
        digest(d(5, 15), "vrijdag 15 mei 2026", false),
        reminder(d(5, 15), "vastleggen", "vandaag"),
        // Monday 18 May: the form was sent, nothing is open.
    ];
    // Within one day the order of queueing is reminders, warnings, digest.
    let order = |q: &Queued| {
        let kind = if q.2.starts_with("Herinnering") {
            0
        } else if q.2.starts_with("Termijn") {
            1
        } else {
            2
        };
        (q.0, kind)
    };
    expected.sort_by_key(order);
    let mut got_sorted = got.clone();
    got_sorted.sort_by_key(order);
    assert_eq!(got_sorted, expected, "exactly these messages:\n{got:#?}");
    // Nothing in weekends or on holidays; nothing twice.
    for (day, _, _) in &got {
        assert!(cal.is_working_day(*day), "{day}");
    }
    assert_eq!(got.len(), expected.len());
    // Nothing to the quality manager who left.
    assert!(!got.iter().any(|q| q.1 == o.kees.email.as_str()));

    // The mails link to the complaint and carry no complainant data.
    let id = complaint.expect("registered");
    for m in store
        .list_outbox(None, Some(id), 100)
        .await
        .expect("outbox")
    {
        let mail = MailMessage::from_json(&m.payload).expect("mail");
        assert!(
            mail.text
                .contains(&format!("https://klachten.focus.example/klachten/{id}")),
            "{}",
            mail.text
        );
        for body in [&mail.text, &mail.html] {
            assert!(!body.contains("Bakker"), "{body}");
            assert!(!body.contains("j.bakker@example.nl"));
            assert!(!body.contains("06-12345678"));
        }
    }
}

async fn a_run_before_the_hour_or_on_a_holiday_reads_nothing_and_reruns_queue_nothing<S: Store>(
    store: S,
) {
    let o = org(&store).await;
    let cal = cal();
    let off = Notifier::disabled();
    complaints::register(
        &store,
        &cal,
        &off,
        &o.piet,
        intake(local("2026-04-24T09:30"), &o.joost),
        local("2026-04-24T09:35"),
    )
    .await
    .expect("registered");
    let settings = ReminderSettings::default();
    let ctx = mail_ctx();
    let run = |now| schedule_due(&store, &cal, &settings, &ctx, now, true);
    for quiet in [
        "2026-04-28T06:59",
        "2026-04-27T12:00",
        "2026-04-25T12:00",
        "2026-05-14T08:00",
    ] {
        let r = run(local(quiet)).await.expect("runs");
        assert!(!r.ran && r.queued() == 0, "{quiet}: {r:?}");
    }
    // Tuesday 28 April 07:00: the day-before reminder of the contact term
    // goes to the manager (no handler yet), with the digest.
    let r = run(local("2026-04-28T07:00")).await.expect("runs");
    assert!(r.ran);
    assert_eq!((r.candidates, r.reminders, r.digests), (1, 1, 1), "{r:?}");
    // Again, and again at noon: all already queued.
    for again in ["2026-04-28T07:00", "2026-04-28T12:00"] {
        let r = run(local(again)).await.expect("runs");
        assert_eq!(r.queued(), 0, "{again}: {r:?}");
    }
    let got = queued(&store).await;
    assert_eq!(got.len(), 2);
    let reminder = MailMessage::from_json(
        &store
            .list_outbox(None, None, 10)
            .await
            .expect("outbox")
            .into_iter()
            .find(|m| {
                m.dedupe_key
                    .as_deref()
                    .is_some_and(|k| k.starts_with("reminder:"))
            })
            .expect("a reminder")
            .payload,
    )
    .expect("mail");
    assert_eq!(reminder.to[0].email, "margriet@focus.example");
    assert!(reminder.text.contains("nog geen afhandelaar toegewezen"));
}

async fn a_closing_day_the_administrator_adds_moves_the_reminder<S: Store>(store: S) {
    let o = org(&store).await;
    let cal = cal();
    let off = Notifier::disabled();
    complaints::register(
        &store,
        &cal,
        &off,
        &o.piet,
        intake(local("2026-04-24T09:30"), &o.joost),
        local("2026-04-24T09:35"),
    )
    .await
    .expect("registered");
    // Thursday 7 May becomes a closing day after the terms were set. The
    // offer term (Friday 8 May, two weeks after receipt) stays; its
    // day-before reminder moves to Wednesday 6 May.
    let stored = StoredCalendar {
        closing_days: [date(2026, 5, 7)].into(),
        ..StoredCalendar::default()
    };
    store
        .put_setting(SETTING_KEY, &stored.to_json())
        .await
        .expect("setting");
    let scheduler = Scheduler::new(cal.clone(), ReminderSettings::default(), mail_ctx())
        .every(SignedDuration::ZERO);
    let r = scheduler
        .run(&store, local("2026-05-06T12:00"))
        .await
        .expect("runs")
        .expect("not throttled");
    assert_eq!(r.reminders, 1, "{r:?}");
    let got = queued(&store).await;
    assert!(
        got.contains(&(
            date(2026, 5, 6),
            o.margriet.email.to_string(),
            "Herinnering: termijn aanbod K-2026-0001 verloopt vrijdag 8 mei".into()
        )),
        "{got:#?}"
    );
    // On the closing day itself nothing goes out.
    let r = scheduler
        .run(&store, local("2026-05-07T12:00"))
        .await
        .expect("runs")
        .expect("not throttled");
    assert!(!r.ran);
    // With the default minimum interval, a pass a moment after another is
    // skipped.
    let slow = Scheduler::new(cal.clone(), ReminderSettings::default(), mail_ctx());
    let first = slow
        .run(&store, local("2026-05-08T12:00"))
        .await
        .expect("runs");
    assert!(first.is_some());
    let second = slow
        .run(&store, local("2026-05-08T12:00:30"))
        .await
        .expect("runs");
    assert!(second.is_none());
    let third = slow
        .run(&store, local("2026-05-08T12:01"))
        .await
        .expect("runs");
    assert!(third.is_some());
}

/// The working day before `day`.
fn working_day_before(cal: &WorkingCalendar, day: Date) -> Date {
    let mut d = day.yesterday().expect("in range");
    while !cal.is_working_day(d) {
        d = d.yesterday().expect("in range");
    }
    d
}

/// The working day after `day`.
fn working_day_after(cal: &WorkingCalendar, day: Date) -> Date {
    let mut d = day.tomorrow().expect("in range");
    while !cal.is_working_day(d) {
        d = d.tomorrow().expect("in range");
    }
    d
}

/// On each awkward day (a year's end, New Year just after midnight, a leap
/// day, a Sunday, Koningsdag, the Friday before Pinksteren, a month's end,
/// the night the clocks change) a complaint comes in and nobody acts. The
/// engine, run at 07:00 and 12:00 every day until well past the record
/// term, reminds the handler of each term on the working day before and on
/// the day, warns the quality manager once on the working day after, and
/// never sends on a day off.
async fn every_term_is_reminded_and_missed_once_from_awkward_days<S: Store>(store: S) {
    let o = org(&store).await;
    let cal = cal();
    let off = Notifier::disabled();
    let engine = jobs(&store);
    let mut instants: Vec<_> = klacht_clock::awkward_instants().collect();
    instants.sort();
    let fatima = o.fatima.email.to_string();
    let sanne = o.sanne.email.to_string();
    for (received, why) in instants {
        let c = complaints::register(
            &store,
            &cal,
            &off,
            &o.piet,
            intake(received, &o.joost),
            received,
        )
        .await
        .expect(why);
        let k = c.reference().to_string();
        let receipt_day = cal.local_date(received);
        assert!(
            k.starts_with(&format!("K-{}-", receipt_day.year())),
            "{why}: {k} is numbered in the year of the Dutch date"
        );
        complaints::act(
            &complaints::Context::new(&store, &cal, &off, received),
            c.id(),
            &o.margriet,
            Command::AssignHandler {
                handler: o.fatima.clone(),
            },
            None,
        )
        .await
        .expect(why);

        let terms = Terms::compute(received, &cal);
        let rounds = |day: Date| {
            [7, 12]
                .map(|h| local(&format!("{day}T{h:02}:00")))
                .into_iter()
                .filter(|at| *at > received)
        };
        let last = terms.due(Step::Record) + 14.days();
        let mut day = receipt_day;
        while day <= last {
            for at in rounds(day) {
                let report = engine.run_once(at).await;
                assert!(report.errors.is_empty(), "{why}: {:?}", report.errors);
            }
            day = day.tomorrow().expect("in range");
        }

        let mut got: Vec<Queued> = store
            .list_outbox(None, Some(c.id()), 100)
            .await
            .expect("outbox")
            .into_iter()
            .filter(|m| {
                m.dedupe_key
                    .as_deref()
                    .is_some_and(|k| k.starts_with("reminder:") || k.starts_with("missed:"))
            })
            .map(|m| {
                let mail = MailMessage::from_json(&m.payload).expect("mail");
                (
                    cal.local_date(m.created_at),
                    mail.to[0].email.clone(),
                    mail.subject,
                )
            })
            .collect();
        got.sort();
        for (day, _, subject) in &got {
            assert!(cal.is_working_day(*day), "{why}: {subject} on {day}");
        }
        let mut expected: Vec<(Date, String, String)> = Vec::new();
        for (step, name) in [
            (Step::Contact, "contact"),
            (Step::Offer, "aanbod"),
            (Step::Record, "vastleggen"),
        ] {
            let due = terms.due(step);
            let before = working_day_before(&cal, due);
            if rounds(before).next().is_some() {
                expected.push((
                    before,
                    fatima.clone(),
                    format!("Herinnering: termijn {name} {k} verloopt "),
                ));
            }
            expected.push((
                due,
                fatima.clone(),
                format!("Herinnering: termijn {name} {k} verloopt vandaag"),
            ));
            expected.push((
                working_day_after(&cal, due),
                sanne.clone(),
                format!("Termijn verstreken: {name} {k} (uiterlijk "),
            ));
        }
        expected.sort();
        assert_eq!(got.len(), expected.len(), "{why}:\n{got:#?}\n{expected:#?}");
        for (g, e) in got.iter().zip(&expected) {
            assert!(
                g.0 == e.0 && g.1 == e.1 && g.2.starts_with(&e.2),
                "{why}: got {g:?}, expected {e:?}"
            );
        }
    }
}

store_tests!(
    every_term_is_reminded_and_missed_once_from_awkward_days,
    reminders_walk_across_weekends_and_holidays_on_two_instances,
    a_run_before_the_hour_or_on_a_holiday_reads_nothing_and_reruns_queue_nothing,
    a_closing_day_the_administrator_adds_moves_the_reminder,
);
