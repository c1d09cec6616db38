//! Operations through the binary (issue 17 §3): clear start-up errors for a
//! database or mail set-up that cannot work, and `klacht serve` with JSON
//! logs and `/metrics`.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use klacht_store::testing::SqliteTestDb;

fn klacht(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("KLACHT_CONFIG", "/dev/null")
        .env_remove("KLACHT_SMTP_URL")
        .env_remove("KLACHT_MAIL_FROM")
        .env_remove("KLACHT_PUBLIC_URL")
        .envs(env.iter().copied())
        .output()
        .expect("run klacht")
}

fn failure(out: &std::process::Output) -> String {
    assert!(!out.status.success(), "should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_mysql_url_names_the_supported_schemes_and_hides_the_password() {
    let url = "mysql://root:geheim@db.focus.nl/klacht";
    for out in [
        klacht(&[("DATABASE_URL", url)], &["migrate"]),
        klacht(&[], &["--database-url", url, "migrate"]),
    ] {
        let err = failure(&out);
        assert!(err.contains("'mysql://' wordt niet ondersteund"), "{err}");
        assert!(
            err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
        assert!(!err.contains("geheim"), "{err}");
    }
}

#[test]
fn an_unreachable_postgres_names_host_port_and_reason() {
    // Port 1: nothing listens there, the connection is refused at once.
    let out = klacht(
        &[("DATABASE_URL", "postgres://postgres@127.0.0.1:1/klacht")],
        &["migrate"],
    );
    let err = failure(&out);
    assert!(
        err.contains("PostgreSQL op 127.0.0.1:1 is niet bereikbaar"),
        "{err}"
    );
    assert!(err.contains("verbinding geweigerd"), "{err}");
}

#[test]
fn a_mail_server_with_a_localhost_sender_stops_the_start() {
    let db = SqliteTestDb::new();
    let out = klacht(
        &[
            ("DATABASE_URL", &db.url),
            ("KLACHT_SMTP_URL", "smtp://127.0.0.1:2525"),
        ],
        &["migrate"],
    );
    let err = failure(&out);
    assert!(
        err.contains("KLACHT_MAIL_FROM") && err.contains("klachten@localhost"),
        "{err}"
    );
    let out = klacht(
        &[
            ("DATABASE_URL", &db.url),
            ("KLACHT_SMTP_URL", "smtp://127.0.0.1:2525"),
            ("KLACHT_MAIL_FROM", "klachten@focus.example"),
        ],
        &["migrate"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `KLACHT_LOG_FORMAT=json` to a file (not a terminal): every line is one
/// JSON object without colour codes, one access line per request, and
/// `/metrics` answers the configured token.
#[tokio::test]
async fn serve_logs_json_lines_and_serves_metrics_with_its_token() {
    let db = SqliteTestDb::new();
    let dir = std::env::temp_dir().join(format!("klacht-ops-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let log_path = dir.join("stderr.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let token = "prometheus-leest-hier-0123456789";
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_klacht"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", &db.url)
            .env("KLACHT_CONFIG", "/dev/null")
            .env("KLACHT_LOG_FORMAT", "json")
            .env("KLACHT_METRICS_TOKEN", token)
            .env_remove("KLACHT_SMTP_URL")
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start klacht serve"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the server answers");
    let r = client
        .get(format!("{base}/metrics"))
        .send()
        .await
        .expect("metrics");
    assert_eq!(r.status(), 401);
    // The first job round runs as the server starts; wait for its figure.
    let mut metrics = String::new();
    for _ in 0..100 {
        let r = client
            .get(format!("{base}/metrics"))
            .bearer_auth(token)
            .send()
            .await
            .expect("metrics");
        assert_eq!(r.status(), 200);
        metrics = r.text().await.expect("body");
        if metrics.contains("klacht_job_round_duration_seconds_bucket{job=\"dossier\"") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        metrics.contains("klacht_job_round_duration_seconds_bucket{job=\"dossier\""),
        "the background round is timed: {metrics}"
    );
    assert!(
        metrics
            .contains(r#"klacht_http_requests_total{method="GET",route="/healthz",status="200"}"#),
        "{metrics}"
    );
    drop(server);

    let text = std::fs::read_to_string(&log_path).expect("log");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes in a file: {text}"
    );
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("not one JSON object ({e}): {l}"))
        })
        .collect();
    let access: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["target"] == "klacht_web::access" && l["route"] == "/metrics")
        .collect();
    assert!(access.len() >= 2, "one line per request: {text}");
    assert_eq!(access[0]["status"], 401);
    assert!(access[1..].iter().all(|l| l["status"] == 200), "{text}");
    assert!(
        lines.iter().any(|l| l["fields"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("luistert"))
            || l["message"]
                .as_str()
                .is_some_and(|m| m.contains("luistert"))),
        "the start-up line is JSON too: {text}"
    );
}
