//! `klacht user` against a SQLite file and a PostgreSQL database.

use std::io::Write;
use std::process::{Command, Stdio};

use klacht_store::testing::{PgTestDb, SqliteTestDb};

fn klacht(url: &str, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run klacht");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().expect("klacht finished");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn user_commands_work_and_refuse_bad_input(url: &str) {
    let (ok, out, err) = klacht(
        url,
        &[
            "user",
            "add",
            "--email",
            "Margriet@Focus.nl",
            "--name",
            "Margriet Jansen",
            "--role",
            "manager",
            "--password-stdin",
        ],
        Some("een lang wachtwoord\n"),
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("margriet@focus.nl aangemaakt als leidinggevende"),
        "{out}"
    );

    let (ok, _, err) = klacht(
        url,
        &[
            "user",
            "add",
            "--email",
            "piet@focus.nl",
            "--name",
            "Piet",
            "--role",
            "employee",
            "--manager",
            "margriet@focus.nl",
        ],
        None,
    );
    assert!(ok, "{err}");

    let refusals: [(&[&str], Option<&str>, &str); 6] = [
        (
            &[
                "user",
                "add",
                "--email",
                "MARGRIET@focus.nl",
                "--name",
                "X",
                "--role",
                "director",
            ],
            None,
            "bestaat al een gebruiker met e-mailadres margriet@focus.nl",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "a@focus.nl",
                "--name",
                "A",
                "--role",
                "boss",
            ],
            None,
            "onbekende rol 'boss'",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "not-an-address",
                "--name",
                "A",
                "--role",
                "employee",
            ],
            None,
            "geen geldig e-mailadres",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "b@focus.nl",
                "--name",
                "B",
                "--role",
                "employee",
                "--manager",
                "nobody@focus.nl",
            ],
            None,
            "leidinggevende nobody@focus.nl bestaat niet",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "c@focus.nl",
                "--name",
                "C",
                "--role",
                "employee",
                "--manager",
                "piet@focus.nl",
            ],
            None,
            "kan geen leidinggevende zijn",
        ),
        (
            &[
                "user",
                "add",
                "--email",
                "d@focus.nl",
                "--name",
                "D",
                "--role",
                "employee",
                "--password-stdin",
            ],
            Some("kort\n"),
            "minstens 10 tekens",
        ),
    ];
    for (args, stdin, message) in refusals {
        let (ok, _, err) = klacht(url, args, stdin);
        assert!(!ok, "{args:?} accepted");
        assert!(err.contains(message), "{args:?}: {err}");
    }

    let (ok, out, _) = klacht(url, &["user", "list"], None);
    assert!(ok);
    let rows: Vec<_> = out.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "nothing half-written by the refusals: {out}");
    let piet = rows
        .iter()
        .find(|l| l.starts_with("piet@focus.nl"))
        .expect("piet listed");
    assert!(
        piet.contains("employee") && piet.ends_with("margriet@focus.nl"),
        "{piet}"
    );
}

#[test]
fn on_sqlite() {
    let db = SqliteTestDb::new();
    user_commands_work_and_refuse_bad_input(&db.url);
}

#[tokio::test]
async fn on_postgres() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    let url = db.url.clone();
    tokio::task::spawn_blocking(move || user_commands_work_and_refuse_bad_input(&url))
        .await
        .expect("test ran");
}
