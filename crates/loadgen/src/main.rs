//! Measures what DESIGN §11 asks: API intake rate and list latency of a
//! running `klacht serve`, beside a bare axum + SQLite server doing one
//! insert per request (`bare`). Talks to loopback addresses only; every run
//! is bounded in requests and stops by itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

mod outbox_load;
mod reference;

#[derive(Parser)]
#[command(about = "Load generator for klacht (loopback only)")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// POST complaints to /api/v1/complaints.
    Intake {
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        #[arg(long, env = "KLACHT_TOKEN")]
        token: String,
        /// E-mail of an employee to name as involved (must exist).
        #[arg(long)]
        involved: Option<String>,
        #[arg(long, default_value_t = 5000)]
        requests: usize,
        #[arg(long, default_value_t = 32)]
        concurrency: usize,
    },
    /// GET a page repeatedly (e.g. /api/v1/complaints?limit=50).
    Get {
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        #[arg(long)]
        path: String,
        #[arg(long, env = "KLACHT_TOKEN")]
        token: Option<String>,
        #[arg(long, default_value_t = 5000)]
        requests: usize,
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
    },
    /// Serve a fake Exact Synergy (the exact crate's, speaking its wire
    /// format) as a process of its own, for `scripts/crash-test`: every
    /// answer comes `--slow-ms` after the work is done, and the requests
    /// it holds are written to `--dump` as JSON after each one.
    FakeSynergy {
        #[arg(long, default_value = "127.0.0.1:8095")]
        addr: String,
        #[arg(long, default_value = "klacht")]
        username: String,
        #[arg(long, default_value = "geheim")]
        password: String,
        #[arg(long, default_value_t = 0)]
        slow_ms: u64,
        #[arg(long)]
        dump: std::path::PathBuf,
    },
    /// POST complaints with a complainant's e-mail address (two mails
    /// each) and write the acknowledged ids: `scripts/multi-instance`.
    OutboxLoad(outbox_load::OutboxLoad),
    /// Serve the bare reference of `scripts/bench-scale` on SQLite or
    /// PostgreSQL (the URL says which), its table filled to `--rows`: one
    /// insert per POST /intake, a 50-row page per GET /page[?after=ID].
    Reference {
        #[arg(long, default_value = "127.0.0.1:8091")]
        addr: String,
        #[arg(long)]
        database: String,
        #[arg(long, default_value_t = 0)]
        rows: u64,
    },
    /// Serve the bare reference: axum + SQLite (WAL), one insert per POST
    /// /intake and a 50-row page on GET /page.
    Bare {
        #[arg(long, default_value = "127.0.0.1:8090")]
        addr: String,
        #[arg(long, default_value = "sqlite://bare.db")]
        database: String,
    },
}

fn loopback_only(url: &str) -> anyhow::Result<()> {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or_default();
    if !(host == "localhost" || host.starts_with("127.") || host == "[") {
        bail!("only loopback targets are allowed, not {host}");
    }
    Ok(())
}

struct Report {
    ok: usize,
    failed: usize,
    elapsed: Duration,
    latencies_us: Vec<u64>,
}

impl Report {
    fn print(&mut self, what: &str) {
        self.latencies_us.sort_unstable();
        let pct = |p: f64| {
            let i = ((self.latencies_us.len() as f64 * p).ceil() as usize).saturating_sub(1);
            self.latencies_us.get(i).copied().unwrap_or(0) as f64 / 1000.0
        };
        let rate = self.ok as f64 / self.elapsed.as_secs_f64();
        println!(
            "{what}: {} ok, {} failed in {:.2} s = {rate:.0} req/s; latency ms p50 {:.2} p90 {:.2} p99 {:.2} max {:.2}",
            self.ok,
            self.failed,
            self.elapsed.as_secs_f64(),
            pct(0.50),
            pct(0.90),
            pct(0.99),
            pct(1.0)
        );
    }
}

/// Runs `requests` calls of `call` with `concurrency` workers.
async fn run<F, Fut>(requests: usize, concurrency: usize, call: F) -> Report
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let call = Arc::new(call);
    let start = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (next, call) = (next.clone(), call.clone());
        workers.push(tokio::spawn(async move {
            let mut mine = (0usize, 0usize, Vec::new());
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests {
                    break;
                }
                let t = Instant::now();
                if call(i).await {
                    mine.0 += 1;
                    mine.2.push(t.elapsed().as_micros() as u64);
                } else {
                    mine.1 += 1;
                }
            }
            mine
        }));
    }
    let mut report = Report {
        ok: 0,
        failed: 0,
        elapsed: Duration::ZERO,
        latencies_us: Vec::with_capacity(requests),
    };
    for w in workers {
        if let Ok((ok, failed, lat)) = w.await {
            report.ok += ok;
            report.failed += failed;
            report.latencies_us.extend(lat);
        }
    }
    report.elapsed = start.elapsed();
    report
}

async fn bare(addr: &str, database: &str) -> anyhow::Result<()> {
    use axum::routing::{get, post};
    use sqlx::sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
    };
    use std::str::FromStr;
    let options = SqliteConnectOptions::from_str(database)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full);
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL)")
        .execute(&writer)
        .await?;
    let reader = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options.read_only(true))
        .await?;
    let app = axum::Router::new()
        .route(
            "/intake",
            post({
                let writer = writer.clone();
                move |body: String| async move {
                    let done = sqlx::query("INSERT INTO t (body, at) VALUES ($1, $2)")
                        .bind(body)
                        .bind(0_i64)
                        .execute(&writer)
                        .await;
                    if done.is_ok() {
                        axum::http::StatusCode::CREATED
                    } else {
                        axum::http::StatusCode::INTERNAL_SERVER_ERROR
                    }
                }
            }),
        )
        .route(
            "/page",
            get(move || async move {
                let rows: Vec<(i64, String)> =
                    sqlx::query_as("SELECT id, body FROM t ORDER BY id DESC LIMIT 50")
                        .fetch_all(&reader)
                        .await
                        .unwrap_or_default();
                axum::Json(rows)
            }),
        );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("bare reference server on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}

async fn fake_synergy(
    addr: &str,
    username: &str,
    password: &str,
    slow_ms: u64,
    dump: &std::path::Path,
) -> anyhow::Result<()> {
    use klacht_exact::fake::{Step, SynergyState};
    let state = SynergyState::new(username, password);
    if slow_ms > 0 {
        let slow = std::time::Duration::from_millis(slow_ms);
        for route in ["open_new", "action"] {
            state.script(route, std::iter::repeat_n(Step::Slow(slow), 1_000_000));
        }
    }
    let fake = state.start(addr.parse().context("address")?).await?;
    println!("fake Synergy on {}", fake.url());
    let mut written = usize::MAX;
    loop {
        let requests = state.requests();
        if requests.len() != written {
            let rows: Vec<serde_json::Value> = requests
                .iter()
                .map(|r| serde_json::json!({"id": r.id, "hid": r.hid, "fields": r.fields}))
                .collect();
            let tmp = dump.with_extension("tmp");
            std::fs::write(&tmp, serde_json::to_string(&rows)?)?;
            std::fs::rename(&tmp, dump)?;
            written = requests.len();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .context("http client")?;
    match cli.command {
        Cmd::Bare { addr, database } => bare(&addr, &database).await,
        Cmd::OutboxLoad(args) => outbox_load::run(client, args).await,
        Cmd::Reference {
            addr,
            database,
            rows,
        } => reference::serve(&addr, &database, rows).await,
        Cmd::FakeSynergy {
            addr,
            username,
            password,
            slow_ms,
            dump,
        } => fake_synergy(&addr, &username, &password, slow_ms, &dump).await,
        Cmd::Intake {
            url,
            token,
            involved,
            requests,
            concurrency,
        } => {
            loopback_only(&url)?;
            let endpoint = if url.ends_with("/intake") {
                url.clone()
            } else {
                format!("{url}/api/v1/complaints")
            };
            let mut report = run(requests, concurrency, move |i| {
                let (client, endpoint, token) = (client.clone(), endpoint.clone(), token.clone());
                let body = serde_json::json!({
                    "received_at": "2026-11-27T10:15:00+01:00",
                    "channel": "phone",
                    "complainant": {"name": format!("Klant {i}"), "phone": "06-12345678"},
                    "description": format!("Belastingtest {i}: de medewerker kwam te laat."),
                    "involved_employees": involved.iter().cloned().collect::<Vec<_>>(),
                    "service": "Thuiszorg",
                });
                async move {
                    client
                        .post(&endpoint)
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await
                        .is_ok_and(|r| r.status().as_u16() == 201)
                }
            })
            .await;
            report.print("intake");
            Ok(())
        }
        Cmd::Get {
            url,
            path,
            token,
            requests,
            concurrency,
        } => {
            loopback_only(&url)?;
            let target = format!("{url}{path}");
            let mut report = run(requests, concurrency, move |_| {
                let (client, target, token) = (client.clone(), target.clone(), token.clone());
                async move {
                    let mut req = client.get(&target);
                    if let Some(t) = &token {
                        req = req.bearer_auth(t);
                    }
                    match req.send().await {
                        Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                        _ => false,
                    }
                }
            })
            .await;
            report.print(&format!("GET {path}"));
            Ok(())
        }
    }
}
