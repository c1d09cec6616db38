//! `klacht exact`: the registration of closed complaints in Exact — the
//! file export when no connector is configured, linking Exact Online, and
//! one delivery round by hand.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_app::Config;
use klacht_app::config::ExactProduct;
use klacht_exact::{ExactJob, OnlineClient, export};
use klacht_store::Store;

#[derive(Subcommand)]
pub enum ExactCommand {
    /// Write the registrations not yet delivered to Exact as CSV and/or JSON, for import by hand.
    Export {
        /// Only complaints closed on or after this day (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Write CSV (semicolon-separated, UTF-8) to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Write JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Mark the exported registrations as delivered, so they are not sent or exported again.
        #[arg(long)]
        mark_sent: bool,
    },
    /// Link Exact Online: store a refresh token (read from standard input) or exchange an authorisation code; stored encrypted.
    OnlineToken {
        /// An authorisation code from Exact Online's consent page instead of a refresh token.
        #[arg(long, requires = "redirect_uri")]
        code: Option<String>,
        /// The redirect URI registered for the app (with --code).
        #[arg(long)]
        redirect_uri: Option<String>,
    },
    /// Deliver the registrations that are due now, once, and print what happened.
    Deliver,
}

pub async fn run<S: Store>(store: S, config: &Config, cmd: ExactCommand) -> anyhow::Result<()> {
    match cmd {
        ExactCommand::Export {
            since,
            csv,
            json,
            mark_sent,
        } => export_files(&store, since, csv, json, mark_sent, config.clock().now()).await,
        ExactCommand::OnlineToken { code, redirect_uri } => {
            if config.exact.product != ExactProduct::Online {
                anyhow::bail!("Exact Online is niet ingesteld (KLACHT_EXACT_PRODUCT=online)");
            }
            let client = OnlineClient::from_config(&config.exact, store)?;
            match (code, redirect_uri) {
                (Some(code), Some(uri)) => client.authorize(&code, &uri).await?,
                _ => {
                    let mut token = String::new();
                    std::io::stdin()
                        .read_to_string(&mut token)
                        .context("refresh token van standaardinvoer lezen")?;
                    let token = token.trim();
                    if token.is_empty() {
                        anyhow::bail!("geen refresh token op standaardinvoer");
                    }
                    client.import_refresh_token(token.to_owned().into()).await?;
                }
            }
            println!("Exact Online gekoppeld; de tokens zijn versleuteld opgeslagen.");
            Ok(())
        }
        ExactCommand::Deliver => {
            let Some(job) = ExactJob::from_config(config, store.clone())? else {
                anyhow::bail!(
                    "geen Exact-koppeling ingesteld (KLACHT_EXACT_PRODUCT); gebruik `klacht exact \
                     export`"
                );
            };
            let r = job.run(&store, config.clock().now()).await?;
            println!(
                "Exact: {} opgepakt, {} geregistreerd, {} later opnieuw, {} mislukt.",
                r.claimed, r.sent, r.retried, r.failed
            );
            Ok(())
        }
    }
}

async fn export_files<S: Store>(
    store: &S,
    since: Option<String>,
    csv: Option<PathBuf>,
    json: Option<PathBuf>,
    mark_sent: bool,
    now: Timestamp,
) -> anyhow::Result<()> {
    if csv.is_none() && json.is_none() {
        anyhow::bail!("geef --csv BESTAND en/of --json BESTAND");
    }
    let since = since
        .map(|s| {
            s.trim()
                .parse::<Date>()
                .with_context(|| format!("--since '{s}' is geen datum (JJJJ-MM-DD)"))
        })
        .transpose()?;
    let items = export::pending(store, since).await?;
    if let Some(path) = &csv {
        std::fs::write(path, export::to_csv(&items)?)
            .with_context(|| format!("{} schrijven", path.display()))?;
    }
    if let Some(path) = &json {
        std::fs::write(path, export::to_json(&items))
            .with_context(|| format!("{} schrijven", path.display()))?;
    }
    if mark_sent {
        export::mark_exported(store, &items, now).await?;
    }
    println!(
        "{} registratie(s) geëxporteerd{}.",
        items.len(),
        if mark_sent {
            " en als afgeleverd gemarkeerd"
        } else {
            "; ze blijven in de wachtrij (--mark-sent markeert ze als afgeleverd)"
        }
    );
    Ok(())
}
