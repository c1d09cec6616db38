//! `klacht jobs run-once`, and the jobs `klacht serve` runs in the
//! background: both are built here from the configuration.

use std::sync::Arc;

use anyhow::Context;
use clap::Subcommand;
use jiff::Timestamp;
use klacht_app::Config;
use klacht_app::notify::Notifier;
use klacht_jobs::{DeliveryConfig, DeliveryPolicy, Jobs};
use klacht_mail::SmtpMailer;
use klacht_store::Store;

#[derive(Subcommand)]
pub enum JobsCommand {
    /// Run one round of every background job (deliver e-mail, …) and print what it did.
    RunOnce {
        /// The moment to run as (RFC 3339, e.g. 2026-04-24T09:00:00+02:00); default: now.
        #[arg(long)]
        now: Option<String>,
    },
}

/// The mail server of the configuration, or `None` when none is set (mail
/// then stays queued). Call inside the runtime.
pub fn mailer(config: &Config) -> anyhow::Result<Option<SmtpMailer>> {
    let Some(url) = &config.mail.smtp_url else {
        return Ok(None);
    };
    let ctx = config.mail.context(&config.organisation);
    let from = ctx.from.unwrap_or_else(|| config.mail.from.clone());
    // Mail is dated in the organisation's zone (checked at start-up).
    let zone = config.working_calendar()?.time_zone().clone();
    Ok(Some(
        SmtpMailer::from_url(url, &from)
            .context("KLACHT_SMTP_URL")?
            .with_time_zone(zone)
            .with_clock(config.clock()),
    ))
}

/// The notifier the web application queues mail with; it wakes the local
/// worker through `wake`.
pub fn notifier(config: &Config, wake: Arc<tokio::sync::Notify>) -> Notifier {
    Notifier::from_config(config).with_wake(wake)
}

/// The mailbox job (complaints from the mailbox), when `KLACHT_IMAP_URL`
/// is set.
pub fn mailbox(
    config: &Config,
    notifier: Notifier,
) -> anyhow::Result<Option<klacht_jobs::MailboxJob>> {
    let Some(imap) = &config.mailbox.imap else {
        return Ok(None);
    };
    Ok(Some(klacht_jobs::MailboxJob {
        imap: imap.clone(),
        processed_folder: config.mailbox.processed_folder.clone(),
        address: config.mailbox.address.clone(),
        calendar: config.working_calendar()?,
        notifier,
        poll: config.mailbox.poll,
    }))
}

/// Every job of the configuration. Add a new job's set-up here, so that
/// `serve` and `jobs run-once` run the same ones.
pub fn build<S: Store>(store: S, config: &Config) -> anyhow::Result<Jobs<S, SmtpMailer>> {
    let delivery = DeliveryConfig {
        policy: DeliveryPolicy {
            max_attempts: config.mail.max_attempts,
            ..DeliveryPolicy::default()
        },
        failure_notices: config
            .mail
            .enabled
            .then(|| config.mail.context(&config.organisation)),
    };
    let mut jobs = Jobs::new(store.clone(), mailer(config)?, delivery);
    // Registration of closed complaints in Exact, when a product is set.
    if let Some(exact) = klacht_exact::ExactJob::from_config(config, store)? {
        jobs = jobs.with_exact(exact);
    }
    // The deadline engine: reminders, missed terms and digests (issue 4),
    // queued only when the configuration queues mail at all.
    if config.mail.enabled {
        jobs = jobs.with_schedule(klacht_jobs::Scheduler::new(
            config.working_calendar()?,
            config.reminders.clone(),
            config.mail.context(&config.organisation),
        ));
    }
    // The complaint dossier: filing closed complaints, retention (AVG).
    let dossier = klacht_jobs::DossierJob::new(
        klacht_app::documents::Letterhead::from_config(config)?,
        config.working_calendar()?,
        config.dossier.retention_years,
    );
    jobs = jobs.with_dossier(if config.dossier.catch_up {
        dossier
    } else {
        dossier.without_catch_up()
    });
    // Report facts of rows from before migration 0027 or on an older
    // calendar, a slice per round.
    jobs = jobs.with_facts(config.working_calendar()?);
    Ok(jobs)
}

pub async fn run<S: Store>(store: S, config: &Config, cmd: JobsCommand) -> anyhow::Result<()> {
    match cmd {
        JobsCommand::RunOnce { now } => {
            let now = match now {
                Some(text) => parse_now(&text)?,
                None => config.clock().now(),
            };
            let jobs = build(store, config)?;
            let report = jobs.run_once(now).await;
            print!("{report}");
            if !report.errors.is_empty() {
                anyhow::bail!("{} taak/taken mislukt", report.errors.len());
            }
            Ok(())
        }
    }
}

fn parse_now(text: &str) -> anyhow::Result<Timestamp> {
    text.trim().parse::<Timestamp>().with_context(|| {
        format!(
            "--now '{text}' is geen tijdstip (RFC 3339, bijvoorbeeld 2026-04-24T09:00:00+02:00)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_takes_rfc3339_with_an_offset() {
        let t = parse_now("2026-04-24T09:00:00+02:00").expect("parses");
        assert_eq!(t.to_string(), "2026-04-24T07:00:00Z");
        assert!(parse_now("morgen").is_err());
    }
}
