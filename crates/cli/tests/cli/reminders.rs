//! `klacht jobs run-once --now …` runs the deadline engine (issue 4) as of
//! the given moment: the reminder and the digest are queued once, however
//! often the command runs; on a holiday nothing is.

use std::process::Command;

use jiff::Zoned;
use klacht_app::complaints;
use klacht_app::notify::Notifier;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Channel, Kind, NewComplaint, Party};
use klacht_domain::{Email, Role, User, UserId};
use klacht_mail::MailMessage;
use klacht_store::testing::SqliteTestDb;
use klacht_store::{NewUser, OutboxStore, Store};

fn klacht(url: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_klacht"));
    cmd.args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .env("KLACHT_PUBLIC_URL", "https://klachten.focus.example")
        .env_remove("KLACHT_SMTP_URL")
        .env_remove("KLACHT_MAIL_ENABLED")
        .env_remove("KLACHT_REMINDERS")
        .env_remove("KLACHT_REMINDER_HOUR")
        .env_remove("KLACHT_DIGEST")
        .env_remove("KLACHT_EXACT_PRODUCT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run klacht")
}

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "klacht failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn user<S: Store>(
    store: &S,
    email: &str,
    name: &str,
    role: Role,
    manager: Option<UserId>,
) -> User {
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse(email).expect("valid"),
        name: name.into(),
        role,
        manager,
    };
    store
        .create_user(NewUser {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role,
            manager,
            password_hash: None,
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("create user");
    user
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_once_queues_the_days_reminders_once() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let margriet = user(
        &store,
        "margriet@focus.example",
        "Margriet Jansen",
        Role::Manager,
        None,
    )
    .await;
    let piet = user(
        &store,
        "piet@focus.example",
        "Piet de Vries",
        Role::Employee,
        Some(margriet.id),
    )
    .await;
    let cal = WorkingCalendar::netherlands_default();
    let received = "2026-04-24T09:30[Europe/Amsterdam]"
        .parse::<Zoned>()
        .expect("valid");
    complaints::register(
        &store,
        &cal,
        &Notifier::disabled(),
        &piet,
        NewComplaint {
            kind: Kind::Complaint,
            channel: Channel::Phone,
            received_at: received.clone(),
            complainant: Party::new("Mevrouw J. Bakker", None, Some("06-12345678"), None)
                .expect("valid party"),
            representative: None,
            service: None,
            involved_employees: vec![],
            description: "De hulp kwam niet.".into(),
            category: None,
            cause: None,
        },
        received.timestamp(),
    )
    .await
    .expect("registered");
    drop(store);

    // Koningsdag: nothing goes out.
    let out = stdout(&klacht(
        &db.url,
        &["jobs", "run-once", "--now", "2026-04-27T09:00:00+02:00"],
        &[],
    ));
    assert!(
        out.contains("Termijnbewaking: 0 herinneringen, 0 waarschuwingen, 0 overzichten"),
        "{out}"
    );
    // Tuesday 28 April, 07:00: the day before the contact term.
    for (run, expected) in [
        (
            1,
            "Termijnbewaking: 1 herinnering, 0 waarschuwingen, 1 overzicht",
        ),
        (
            2,
            "Termijnbewaking: 0 herinneringen, 0 waarschuwingen, 0 overzichten",
        ),
    ] {
        let out = stdout(&klacht(
            &db.url,
            &["jobs", "run-once", "--now", "2026-04-28T07:00:00+02:00"],
            &[],
        ));
        assert!(out.contains(expected), "run {run}: {out}");
        assert!(out.contains("geen mailserver"), "{out}");
    }
    // With mail switched off the engine queues nothing.
    let out = stdout(&klacht(
        &db.url,
        &["jobs", "run-once", "--now", "2026-04-29T07:00:00+02:00"],
        &[("KLACHT_MAIL_ENABLED", "false")],
    ));
    assert!(!out.contains("Termijnbewaking"), "{out}");

    let store = db.store().await;
    let queued = store.list_outbox(None, None, 100).await.expect("outbox");
    assert_eq!(queued.len(), 2, "{queued:#?}");
    let reminder = queued
        .iter()
        .find(|m| {
            m.dedupe_key
                .as_deref()
                .is_some_and(|k| k.starts_with("reminder:"))
        })
        .expect("a reminder");
    let mail = MailMessage::from_json(&reminder.payload).expect("mail");
    assert_eq!(mail.to[0].email, "margriet@focus.example");
    assert_eq!(
        mail.subject,
        "Herinnering: termijn contact K-2026-0001 verloopt morgen"
    );
    assert!(
        mail.text
            .contains("https://klachten.focus.example/klachten/")
    );
}
