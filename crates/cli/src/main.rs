//! `klacht`: serve the application, migrate, manage users, load the demo
//! organisation and compute terms.

mod backup;
mod deadlines;
mod demo;
mod exact;
mod jobs;
mod report;
mod retention;
mod serve;
mod user;
mod verify;

use klacht_app::complaints::ServiceError;
use klacht_domain::ParseError;
use klacht_domain::complaint::ComplaintError;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use klacht_app::Config;
use klacht_store::{PgStore, SqliteStore, Store};
use secrecy::ExposeSecret;

#[derive(Parser)]
#[command(
    name = "klacht",
    version,
    about = "Klachtenregistratie en -afhandeling volgens het klachtenreglement"
)]
struct Cli {
    /// Database: `sqlite://klacht.db` (default) or `postgres://…`. Also from DATABASE_URL or the config file.
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve HTTP.
    Serve(serve::ServeArgs),
    /// Bring the database schema up to date.
    Migrate,
    /// Manage staff accounts.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Load the demo organisation (idempotent).
    Demo {
        /// Also load this many complaints and signals over five years, in
        /// eight teams (issue 14: a large organisation; 1,000,000 fits).
        #[arg(long, value_name = "N")]
        complaints: Option<usize>,
    },
    /// Print the four terms for a complaint received at a given moment.
    Deadlines(deadlines::DeadlinesArgs),
    /// Background jobs: deliver e-mail, …
    #[command(subcommand)]
    Jobs(jobs::JobsCommand),
    /// Registration of closed complaints in Exact: export, link Exact Online, deliver.
    #[command(subcommand)]
    Exact(exact::ExactCommand),
    /// Write the yearly complaint report (jaarverslag klachten) as PDF, HTML or JSON.
    Report(report::ReportArgs),
    /// Check the whole database against its seals (hash chains, dossier digests); names what is broken.
    Verify(verify::VerifyArgs),
    /// The complaint dossier: file closed complaints that are not filed yet.
    #[command(subcommand)]
    Dossier(verify::DossierCommand),
    /// Retention (AVG): anonymise expired complaints, export a complainant's data, show the log.
    #[command(subcommand)]
    Retention(retention::RetentionCommand),
    /// Write a consistent copy of the SQLite database while the server runs.
    Backup(backup::BackupArgs),
    /// Put a backup in place of the SQLite database (server stopped) and verify it.
    Restore(backup::RestoreArgs),
}

/// Runs `$body` with `$store` bound to the configured backend. The code is
/// generic over [`Store`]; only this choice is made at run time.
macro_rules! with_store {
    ($config:expr, |$store:ident| $body:expr) => {{
        let url = $config.database_url.expose_secret().to_owned();
        if klacht_store::Backend::of_url(&url)? == klacht_store::Backend::Postgres {
            let $store = PgStore::connect(&url).await?;
            $store.migrate().await?;
            $body
        } else {
            let $store = SqliteStore::connect(&url).await?;
            $store.migrate().await?;
            $body
        }
    }};
}

async fn run(cli: Cli, mut config: Config) -> anyhow::Result<()> {
    if let Some(url) = cli.database_url {
        config.database_url = url.into();
    }
    match cli.command {
        Command::Deadlines(args) => deadlines::run(&config, args),
        Command::Jobs(cmd) => with_store!(config, |store| jobs::run(store, &config, cmd).await),
        Command::Exact(cmd) => with_store!(config, |store| exact::run(store, &config, cmd).await),
        Command::Report(args) => {
            with_store!(config, |store| report::run(&store, &config, args).await)
        }
        Command::Verify(args) => {
            with_store!(config, |store| verify::run(&store, &config, args).await)
        }
        Command::Dossier(cmd) => {
            with_store!(config, |store| verify::dossier(&store, &config, cmd).await)
        }
        Command::Retention(cmd) => {
            with_store!(config, |store| retention::run(&store, &config, cmd).await)
        }
        Command::Backup(args) => backup::backup(&config, args).await,
        Command::Restore(args) => backup::restore(&config, args).await,
        Command::Serve(args) => with_store!(config, |store| serve::run(store, &config, args).await),
        Command::Migrate => with_store!(config, |store| {
            println!("Database bijgewerkt ({}).", store.backend());
            Ok(())
        }),
        Command::User(cmd) => {
            with_store!(config, |store| user::run(&store, cmd, config.clock().now())
                .await)
        }
        Command::Demo { complaints } => with_store!(config, |store| {
            let (calendar, now) = (config.working_calendar()?, config.clock().now());
            let report = match complaints {
                Some(n) => {
                    let letterhead = klacht_app::documents::Letterhead::from_config(&config)?;
                    demo::load_many(&store, &calendar, &letterhead, now, n).await?
                }
                None => demo::load(&store, &calendar, now).await?,
            };
            println!("{report}");
            Ok(())
        }),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The configuration first: it says how to log.
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("fout: {e}");
            return ExitCode::FAILURE;
        }
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| klacht_web::access_log::DEFAULT_FILTER.into());
    // No colour codes in a file, a pipe or the journal.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let subscriber = klacht_web::access_log::subscriber(
        config.operations.log_format,
        filter,
        std::io::stderr,
        ansi,
    );
    // try_init also forwards the `log` records of dependencies.
    if tracing_subscriber::util::SubscriberInitExt::try_init(subscriber).is_err() {
        eprintln!("waarschuwing: logging was al ingesteld");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("fout: kan de runtime niet starten: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fout: {}", in_dutch(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes as `{:#}` shows them, with the domain's
/// refusals put into words: the command line speaks Dutch.
fn in_dutch(e: &anyhow::Error) -> String {
    let dutch = klacht_i18n::Tr::new(klacht_i18n::Language::Nl);
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let refusal = cause
            .downcast_ref::<ComplaintError>()
            .map(ComplaintError::refusal)
            .or_else(|| match cause.downcast_ref::<ServiceError>() {
                Some(ServiceError::Refused(r)) => Some(r.refusal()),
                _ => None,
            })
            .or_else(|| cause.downcast_ref::<ParseError>().map(ParseError::refusal));
        match refusal {
            Some(r) => {
                parts.push(dutch.refusal(r));
                // The refusal is the whole story; what it wraps says it again.
                break;
            }
            None => parts.push(cause.to_string()),
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use klacht_domain::RefusalCode;

    #[test]
    fn refusals_are_printed_in_dutch() {
        let refused = ServiceError::Refused(ComplaintError::wrong_state(
            RefusalCode::NotClosedExact.text("reference", "K-2026-0001"),
        ));
        let e = anyhow::Error::from(refused).context("registratie in Exact");
        assert_eq!(
            in_dutch(&e),
            "registratie in Exact: Klacht K-2026-0001 is nog niet afgesloten; pas dan volgt \
             de registratie in Exact."
        );
        let e = anyhow::anyhow!("iets anders");
        assert_eq!(in_dutch(&e), "iets anders");
        let unparsed = klacht_domain::Email::parse("geen-adres").expect_err("no address");
        let e = anyhow::Error::from(unparsed).context("gebruiker toevoegen");
        assert_eq!(
            in_dutch(&e),
            "gebruiker toevoegen: 'geen-adres' is geen geldig e-mailadres"
        );
    }
}
