//! `klacht jobs run-once`: one round of the background jobs, delivering
//! queued e-mail to a real SMTP server (aiosmtpd), on SQLite and
//! PostgreSQL.

use std::process::Command;

use klacht_mail::testing::SmtpServer;
use klacht_mail::{Address, MailMessage};
use klacht_store::testing::{PgTestDb, SqliteTestDb};
use klacht_store::{NewOutboxMessage, OutboxKind, OutboxStatus, Store};

fn klacht(url: &str, env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .env_remove("KLACHT_SMTP_URL")
        .envs(env.iter().copied())
        .output()
        .expect("run klacht")
}

async fn run_once_delivers_queued_mail<S: Store>(url: &str, store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let mail = MailMessage {
        from: None,
        to: vec![Address::new("Mevrouw J. de Vries", "j.devries@example.nl")],
        reply_to: None,
        subject: "Uw klacht is ontvangen (K-2026-0001)".into(),
        text: "Dank u wel.".into(),
        html: "<p>Dank u wel.</p>".into(),
    };
    let queued = NewOutboxMessage::now(OutboxKind::Mail, mail.to_json(), klacht_clock::test_now());
    let id = queued.id;
    store.enqueue(&[queued]).await.expect("enqueue");

    // Without a mail server the round says so and the mail waits.
    let out = klacht(url, &[], &["jobs", "run-once"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("geen mailserver ingesteld"));
    let waiting = store
        .outbox_message(id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(waiting.status, OutboxStatus::Pending);
    assert_eq!(waiting.attempts, 0);

    let smtp_url = smtp.url();
    let env = [
        ("KLACHT_SMTP_URL", smtp_url.as_str()),
        ("KLACHT_MAIL_FROM", "klachten@focus.example"),
    ];
    let bad = klacht(url, &env, &["jobs", "run-once", "--now", "gisteren"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("fout: --now"));

    let now = klacht_clock::test_now().to_string();
    let out = klacht(url, &env, &["jobs", "run-once", "--now", &now]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("E-mail: 1 opgepakt, 1 verzonden"),
        "{stdout}"
    );
    let received = smtp.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].message_id, format!("<{id}@focus.example>"));
    assert!(received[0].from.contains("klachten@focus.example"));
    let sent = store
        .outbox_message(id)
        .await
        .expect("read")
        .expect("exists");
    assert_eq!(sent.status, OutboxStatus::Sent);

    let out = klacht(url, &env, &["jobs", "run-once"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("E-mail: 0 opgepakt"));
    assert_eq!(smtp.messages().len(), 1, "nothing is sent twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_run_once_delivers_queued_mail() {
    let db = SqliteTestDb::new();
    run_once_delivers_queued_mail(&db.url, db.store().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_run_once_delivers_queued_mail() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    run_once_delivers_queued_mail(&db.url, db.store().await).await;
}
