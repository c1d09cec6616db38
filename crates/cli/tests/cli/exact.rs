//! `klacht exact export`: the registrations waiting for Exact, as files.

use std::process::Command;

use jiff::civil::date;
use klacht_domain::exact::{Person, Registration};
use klacht_domain::{ComplaintId, ReferenceNumber};
use klacht_store::testing::SqliteTestDb;
use klacht_store::{NewOutboxMessage, OutboxKind, OutboxStatus, OutboxStore};

fn klacht(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .env_remove("KLACHT_EXACT_PRODUCT")
        .output()
        .expect("run klacht")
}

fn registration(number: u32) -> Registration {
    Registration {
        complaint_id: ComplaintId::new(uuid::Uuid::now_v7()),
        reference: ReferenceNumber::new(2026, number).expect("valid"),
        received_on: date(2026, 4, 24),
        channel: "telefoon".into(),
        complainant: Person {
            name: "Mevrouw J. de Vries".into(),
            ..Person::default()
        },
        representative: None,
        service: None,
        category: None,
        cause: None,
        description: "De hulp kwam niet; \"twee keer\".".into(),
        merit: Some("gegrond".into()),
        merit_reasoning: None,
        offer: None,
        offer_accepted: None,
        satisfaction: None,
        satisfaction_comment: None,
        handler: None,
        closed_on: date(2026, 5, number as i8),
        closing_note: None,
        round: 1,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_writes_csv_and_json_and_marks_only_when_asked() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let now = klacht_clock::test_now();
    for n in [4, 6] {
        let reg = registration(n);
        store
            .enqueue(&[NewOutboxMessage::now(
                OutboxKind::Exact,
                serde_json::to_string(&reg).expect("json"),
                now,
            )
            .about(reg.complaint_id)])
            .await
            .expect("queued");
    }
    let dir = std::env::temp_dir().join(format!("klacht-exact-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("dir");
    let csv = dir.join("out.csv");
    let json = dir.join("out.json");
    let (csv_s, json_s) = (csv.display().to_string(), json.display().to_string());

    let out = klacht(
        &db.url,
        &[
            "exact",
            "export",
            "--since",
            "2026-05-05",
            "--csv",
            &csv_s,
            "--json",
            &json_s,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 registratie(s)"));
    let text = std::fs::read_to_string(&csv).expect("csv written");
    assert!(
        text.contains("K-2026-0006") && !text.contains("K-2026-0004"),
        "{text}"
    );
    assert!(
        text.contains("\"De hulp kwam niet; \"\"twee keer\"\".\""),
        "quoted: {text}"
    );
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json written")).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    assert_eq!(rows[0]["closed_on"].as_str(), Some("2026-05-06"));

    // Without --mark-sent nothing changed; with it, both are delivered.
    let out = klacht(
        &db.url,
        &["exact", "export", "--json", &json_s, "--mark-sent"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 registratie(s)"));
    let sent = store
        .list_outbox(Some(OutboxStatus::Sent), None, 10)
        .await
        .expect("list");
    assert_eq!(sent.len(), 2);
    let out = klacht(&db.url, &["exact", "export", "--json", &json_s]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 registratie(s)"));

    // No file named is an error; so is a bad date.
    let out = klacht(&db.url, &["exact", "export"]);
    assert!(!out.status.success());
    let out = klacht(
        &db.url,
        &["exact", "export", "--since", "mei", "--csv", &csv_s],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since"));
    let _ = std::fs::remove_dir_all(&dir);
}
