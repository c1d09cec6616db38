//! `klacht retention`: the AVG/GDPR side of the dossier. `run` anonymises
//! the complaints whose retention period has passed (the scheduler does
//! the same every day), `export` answers a complainant's request for
//! access, `log` shows what was done.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use klacht_app::Config;
use klacht_app::documents::Letterhead;
use klacht_app::retention::{self, Subject};
use klacht_domain::complaint::format_date;
use klacht_domain::{Email, ReferenceNumber};
use klacht_store::Store;

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Anonymise every complaint closed more than the retention period
    /// ago (KLACHT_RETENTION_YEARS, default 2) and every signal received
    /// that long ago.
    Run(RunArgs),
    /// Everything stored about a complainant, as JSON (a request for
    /// access). Logged.
    Export(ExportArgs),
    /// The retention log: every anonymisation and export, newest first.
    Log {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

#[derive(Args)]
pub struct RunArgs {
    /// The moment to measure the period from (YYYY-MM-DD or RFC 3339);
    /// default now.
    #[arg(long)]
    now: Option<String>,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The complainant's (or representative's) e-mail address.
    #[arg(
        long,
        required_unless_present = "reference",
        conflicts_with = "reference"
    )]
    email: Option<String>,
    /// One complaint by reference number (K-2026-0042).
    #[arg(long)]
    reference: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Who runs the command, for the log.
fn actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "onbekend".into());
    format!("cli:{user}")
}

pub async fn run<S: Store>(
    store: &S,
    config: &Config,
    cmd: RetentionCommand,
) -> anyhow::Result<()> {
    let letterhead = Letterhead::from_config(config)?;
    let calendar = klacht_app::calendar::current(store, &config.working_calendar()?).await?;
    match cmd {
        RetentionCommand::Run(args) => {
            let now = match args.now.as_deref() {
                Some(text) => calendar.parse_received(text)?,
                None => config.clock().now(),
            };
            let years = config.dossier.retention_years;
            let report =
                retention::run(store, &letterhead, &calendar, years, now, &actor()).await?;
            for reference in &report.anonymised {
                println!("geanonimiseerd  {reference}");
            }
            for (id, why) in &report.failed {
                eprintln!("mislukt         {id}: {why}");
            }
            let cutoff = report
                .cutoff
                .map(|c| format_date(calendar.local_date(c)))
                .unwrap_or_default();
            println!(
                "{} klacht(en) geanonimiseerd (bewaartermijn {years} jaar: afgesloten vóór {cutoff}).",
                report.anonymised.len()
            );
            if !report.failed.is_empty() {
                anyhow::bail!(
                    "{} klacht(en) konden niet worden geanonimiseerd",
                    report.failed.len()
                );
            }
            Ok(())
        }
        RetentionCommand::Export(args) => {
            let subject = match (&args.email, &args.reference) {
                (Some(e), _) => Subject::Email(Email::parse(e)?),
                (None, Some(r)) => Subject::Reference(ReferenceNumber::parse(r)?),
                (None, None) => anyhow::bail!("geef --email of --reference"),
            };
            let export = retention::export(
                store,
                &letterhead,
                &calendar,
                &subject,
                config.clock().now(),
                &actor(),
            )
            .await?;
            let found = export["complaints"].as_array().map_or(0, Vec::len);
            let text = serde_json::to_string_pretty(&export)?;
            match &args.out {
                Some(path) => {
                    std::fs::write(path, text.as_bytes())
                        .with_context(|| format!("kan {} niet schrijven", path.display()))?;
                    eprintln!("{found} klacht(en) geëxporteerd naar {}.", path.display());
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(text.as_bytes())?;
                    out.write_all(b"\n")?;
                    eprintln!("{found} klacht(en) geëxporteerd.");
                }
            }
            Ok(())
        }
        RetentionCommand::Log { limit } => {
            for e in store.retention_log(None, limit).await? {
                println!(
                    "{}  {:<12}  {:<14}  {:<20}  {}",
                    calendar.local_date(e.at),
                    match e.action {
                        klacht_store::RetentionAction::Anonymised => "geanonimiseerd",
                        klacht_store::RetentionAction::Exported => "inzage",
                    },
                    e.reference.as_deref().unwrap_or("-"),
                    e.actor,
                    e.detail
                );
            }
            Ok(())
        }
    }
}
