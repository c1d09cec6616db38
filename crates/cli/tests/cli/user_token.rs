//! `klacht user token EMAIL [--revoke]` against a SQLite file and a
//! PostgreSQL database: a token is printed once, works, is stored only
//! hashed, and stops working when revoked.

use std::process::{Command, Stdio};

use klacht_store::Store;
use klacht_store::testing::{PgTestDb, SqliteTestDb};

fn klacht(url: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .stdin(Stdio::null())
        .output()
        .expect("run klacht");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the CLI off the async threads, as a user at a terminal would.
async fn run(url: &str, args: &[&str]) -> (bool, String, String) {
    let url = url.to_owned();
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        klacht(&url, &args)
    })
    .await
    .expect("klacht ran")
}

/// `later` is a second connection, as a server that has not looked the
/// tokens up: one that has keeps them at most two seconds (the store's
/// read cache; `cache.rs` tests that bound).
async fn tokens_are_issued_once_and_revoked<S: Store>(url: &str, store: S, later: S) {
    let (ok, _, err) = run(
        url,
        &[
            "user",
            "add",
            "--email",
            "sanne@focus.nl",
            "--name",
            "Sanne Visser",
            "--role",
            "quality-manager",
        ],
    )
    .await;
    assert!(ok, "{err}");

    let (ok, out, err) = run(url, &["user", "token", "Sanne@Focus.nl"]).await;
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "only the token on stdout: {out}");
    let first = lines[0].to_owned();
    assert_eq!(first.len(), 64, "{first}");
    assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(err.contains("niet opnieuw getoond"), "{err}");

    let user = klacht_app::auth::user_of_api_token(&store, &first)
        .await
        .expect("look up")
        .expect("the token signs the user in");
    assert_eq!(user.email.as_str(), "sanne@focus.nl");
    // The store holds the SHA-256 of the token, never the token itself.
    assert!(
        store
            .user_by_api_token(&first)
            .await
            .expect("look up")
            .is_none()
    );

    let (ok, second, err) = run(url, &["user", "token", "sanne@focus.nl"]).await;
    assert!(ok, "{err}");
    let second = second.trim().to_owned();
    assert_ne!(first, second, "every token is new");

    let (ok, out, err) = run(url, &["user", "token", "sanne@focus.nl", "--revoke"]).await;
    assert!(ok, "{err}");
    assert!(
        out.contains("2 API-token(s) van sanne@focus.nl ingetrokken"),
        "{out}"
    );
    for token in [&first, &second] {
        assert!(
            klacht_app::auth::user_of_api_token(&later, token)
                .await
                .expect("look up")
                .is_none(),
            "revoked"
        );
    }
    let (ok, out, _) = run(url, &["user", "token", "sanne@focus.nl", "--revoke"]).await;
    assert!(ok);
    assert!(out.contains("0 API-token(s)"), "{out}");

    for (args, message) in [
        (
            &["user", "token", "nobody@focus.nl"][..],
            "gebruiker nobody@focus.nl bestaat niet",
        ),
        (
            &["user", "token", "nobody@focus.nl", "--revoke"][..],
            "bestaat niet",
        ),
        (
            &["user", "token", "geen-adres"][..],
            "geen geldig e-mailadres",
        ),
    ] {
        let (ok, out, err) = run(url, args).await;
        assert!(!ok, "{args:?} accepted");
        assert!(out.is_empty(), "{args:?} printed {out}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite() {
    let db = SqliteTestDb::new();
    let (store, later) = (db.store().await, db.store().await);
    tokens_are_issued_once_and_revoked(&db.url, store, later).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    let (store, later) = (db.store().await, db.store().await);
    tokens_are_issued_once_and_revoked(&db.url, store, later).await;
}
