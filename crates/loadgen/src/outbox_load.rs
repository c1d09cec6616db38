//! `outbox-load`: fills the outbox through the application's own path, for
//! `scripts/multi-instance`. Each request is an API intake with the
//! complainant's e-mail address, so each acknowledged complaint queues two
//! mails in its transaction (the complainant's confirmation and the
//! manager's notice). A request that fails (an instance killed under it)
//! is counted and not repeated: whether it committed is unknown, and the
//! test counts mail against the outbox, not against requests. The id of
//! every acknowledged complaint is written to `--acked`, one a line, so
//! the test can check that none was lost.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use clap::Args;

#[derive(Args)]
pub struct OutboxLoad {
    /// The load balancer (or one instance).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    #[arg(long, env = "KLACHT_TOKEN")]
    token: String,
    #[arg(long, default_value_t = 5000)]
    requests: usize,
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// The moment of receipt sent with every complaint (RFC 3339; the
    /// script passes a minute ago, so no term is overdue at once).
    #[arg(long)]
    received_at: String,
    /// Where the ids of the acknowledged complaints go.
    #[arg(long)]
    acked: PathBuf,
}

pub async fn run(client: reqwest::Client, args: OutboxLoad) -> anyhow::Result<()> {
    super::loopback_only(&args.url)?;
    let endpoint = format!("{}/api/v1/complaints", args.url.trim_end_matches('/'));
    let acked = Arc::new(Mutex::new(Vec::with_capacity(args.requests)));
    let (token, received_at) = (args.token, args.received_at);
    let ids = acked.clone();
    let mut report = super::run(args.requests, args.concurrency, move |i| {
        let (client, endpoint, token, ids) =
            (client.clone(), endpoint.clone(), token.clone(), ids.clone());
        let body = serde_json::json!({
            "received_at": received_at,
            "channel": "email",
            "complainant": {"name": format!("Klant {i}"), "email": format!("klant{i}@klanten.example")},
            "description": format!("Meerdere instanties {i}: de medewerker kwam niet."),
            "involved_employees": [],
        });
        async move {
            let Ok(answer) = client
                .post(&endpoint)
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await
            else {
                return false;
            };
            if answer.status().as_u16() != 201 {
                return false;
            }
            let Ok(created) = answer.json::<serde_json::Value>().await else {
                return false;
            };
            match created.get("id").and_then(|id| id.as_str()) {
                Some(id) => {
                    if let Ok(mut ids) = ids.lock() {
                        ids.push(id.to_owned());
                    }
                    true
                }
                None => false,
            }
        }
    })
    .await;
    report.print("intake with mail");
    let ids = acked
        .lock()
        .map_err(|_| anyhow::anyhow!("ids poisoned"))?
        .join("\n");
    std::fs::write(&args.acked, ids + "\n")
        .with_context(|| format!("writing {}", args.acked.display()))?;
    Ok(())
}
