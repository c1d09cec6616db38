//! One round of every job. `klacht jobs run-once` runs one; the worker in
//! `klacht serve` runs one every few seconds.

use std::fmt;

use jiff::Timestamp;
use klacht_domain::dutch::count;
use klacht_mail::Mailer;
use klacht_store::{Store, StoreError};

use crate::delivery::{DeliveryConfig, deliver_due};
use klacht_app::delivery::DeliveryReport;

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Everything the jobs need. Add what a new job needs here (the calendar,
/// the mail context, …) and its step to [`Jobs::run_once`].
pub struct Jobs<S, M> {
    pub store: S,
    /// `None` when no mail server is configured: e-mail stays queued.
    pub mailer: Option<M>,
    pub delivery: DeliveryConfig,
    /// The deadline engine (reminders, missed terms, digests); `None`: off.
    pub schedule: Option<crate::schedule::Scheduler>,
    /// Registration of closed complaints in Exact; `None`: no product
    /// configured, registrations wait for the file export.
    pub exact: Option<klacht_exact::ExactJob<S>>,
    /// Filing closed complaints that are not filed yet, and retention
    /// (see `dossier.rs`); `None`: off.
    pub dossier: Option<crate::dossier::DossierJob>,
    /// Filling in the report facts of rows written before migration 0027
    /// or on another calendar (`klacht_app::reports::facts`), a slice per
    /// round; the configuration's calendar, the administrator's choices
    /// are applied each round. `None`: off.
    pub facts: Option<klacht_domain::calendar::WorkingCalendar>,
}

/// What one round did; printed by `klacht jobs run-once`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunReport {
    /// `None` when no mail server is configured.
    pub delivery: Option<DeliveryReport>,
    /// What the deadline engine queued; `None` when it is off or skipped
    /// this round.
    pub schedule: Option<crate::schedule::ScheduleReport>,
    /// `None` when no Exact product is configured.
    pub exact: Option<klacht_exact::DeliveryReport>,
    /// What the dossier step filed and anonymised; `None` when it is off.
    pub dossier: Option<crate::dossier::DossierReport>,
    /// What the report facts' backfill did; `None` when it is off.
    pub facts: Option<klacht_app::reports::facts::BackfillReport>,
    /// Steps that failed, with their error, in Dutch. The other steps ran.
    pub errors: Vec<String>,
    /// A delivery step stopped at its cap with more messages perhaps due,
    /// or the dossier's catch-up filed a full slice:
    /// the worker starts the next round at once instead of waiting for its
    /// interval, so a backlog (a mail server back after an outage, an
    /// instance that took over a dead one's messages) drains at full speed.
    pub more_due: bool,
}

impl RunReport {
    /// Whether the round did nothing worth logging.
    pub fn is_quiet(&self) -> bool {
        self.errors.is_empty()
            && self.delivery.is_none_or(|d| d.is_empty())
            && self.schedule.is_none_or(|s| s.queued() == 0)
            && self.exact.is_none_or(|d| d.is_empty())
            && self.dossier.as_ref().is_none_or(|d| d.is_empty())
            && self.facts.is_none_or(|f| f.looked_at == 0)
    }
}

impl<S: Store, M: Mailer> Jobs<S, M> {
    pub fn new(store: S, mailer: Option<M>, delivery: DeliveryConfig) -> Self {
        Self {
            store,
            mailer,
            delivery,
            schedule: None,
            exact: None,
            dossier: None,
            facts: None,
        }
    }

    /// Adds the report facts' backfill to every round; `calendar` is the
    /// configuration's.
    pub fn with_facts(mut self, calendar: klacht_domain::calendar::WorkingCalendar) -> Self {
        self.facts = Some(calendar);
        self
    }

    /// Adds the dossier's step (filing, retention) to every round.
    pub fn with_dossier(mut self, job: crate::dossier::DossierJob) -> Self {
        self.dossier = Some(job);
        self
    }

    /// Adds the delivery of registrations to Exact to every round.
    pub fn with_exact(mut self, job: klacht_exact::ExactJob<S>) -> Self {
        self.exact = Some(job);
        self
    }

    /// Adds the deadline engine's step to every round.
    pub fn with_schedule(mut self, scheduler: crate::schedule::Scheduler) -> Self {
        self.schedule = Some(scheduler);
        self
    }

    /// Runs every job once, as of `now`. A step that fails is reported in
    /// [`RunReport::errors`] and does not stop the steps after it.
    pub async fn run_once(&self, now: Timestamp) -> RunReport {
        let mut report = RunReport::default();

        // Steps that queue mail (reminders, digests, …) go before delivery,
        // so that what they queue goes out in the same round.
        if let Some(scheduler) = &self.schedule {
            match timed("schedule", scheduler.run(&self.store, now)).await {
                Ok(s) => report.schedule = s,
                Err(e) => report.errors.push(format!("termijnbewaking: {e}")),
            }
        }

        // Deliver the e-mail that is due.
        if let Some(mailer) = &self.mailer {
            match timed(
                "delivery",
                deliver_due(&self.store, mailer, &self.delivery, now),
            )
            .await
            {
                Ok(d) => {
                    report.more_due |= d.claimed >= self.delivery.policy.round_cap();
                    report.delivery = Some(d);
                }
                Err(e) => report.errors.push(format!("e-mail bezorgen: {e}")),
            }
        }

        // Register closed complaints in Exact.
        if let Some(exact) = &self.exact {
            match timed("exact", exact.run(&self.store, now)).await {
                Ok(d) => {
                    report.more_due |= d.claimed >= exact.policy.round_cap();
                    report.exact = Some(d);
                }
                Err(e) => report.errors.push(format!("registratie in Exact: {e}")),
            }
        }

        // File closed complaints that are not filed yet; retention.
        if let Some(dossier) = &self.dossier {
            match timed("dossier", dossier.run(&self.store, now)).await {
                Ok(d) => {
                    report.more_due |= d.more_due;
                    report.dossier = Some(d);
                }
                Err(e) => report.errors.push(format!("klachtendossier: {e}")),
            }
        }

        // Fill in missing or stale report facts, a slice per round (the
        // reports replay those rows meanwhile, so they are right anyway).
        if let Some(base) = &self.facts {
            let step = async {
                let calendar = klacht_app::calendar::current(&self.store, base)
                    .await
                    .map_err(|e| e.to_string())?;
                klacht_app::reports::facts::backfill(
                    &self.store,
                    &calendar,
                    klacht_app::reports::facts::BACKFILL_SLICE,
                )
                .await
                .map_err(|e| e.to_string())
            };
            match timed("facts", step).await {
                Ok(f) => {
                    report.more_due |= f.more;
                    report.facts = Some(f);
                }
                Err(e) => report
                    .errors
                    .push(format!("rapportagegegevens bijwerken: {e}")),
            }
        }

        report
    }
}

impl fmt::Display for RunReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.delivery {
            Some(d) => writeln!(
                f,
                "E-mail: {} opgepakt, {} verzonden, {} later opnieuw, {} mislukt.",
                d.claimed, d.sent, d.retried, d.failed
            )?,
            None => writeln!(
                f,
                "E-mail: geen mailserver ingesteld (KLACHT_SMTP_URL); berichten blijven in de wachtrij."
            )?,
        }
        if let Some(s) = &self.schedule {
            let n = |n: u32, one, many| count(u64::from(n), one, many);
            writeln!(
                f,
                "Termijnbewaking: {}, {}, {}, {} over afgesproken acties, {} in de wachtrij gezet.",
                n(s.reminders, "herinnering", "herinneringen"),
                n(s.missed, "waarschuwing", "waarschuwingen"),
                n(s.digests, "overzicht", "overzichten"),
                s.actions,
                n(s.weekly, "weekoverzicht", "weekoverzichten"),
            )?;
        }
        if let Some(d) = &self.exact {
            writeln!(
                f,
                "Exact: {} opgepakt, {} geregistreerd, {} later opnieuw, {} mislukt.",
                d.claimed, d.sent, d.retried, d.failed
            )?;
        }
        if let Some(d) = &self.dossier {
            writeln!(
                f,
                "Klachtendossier: {} opgeborgen, {} geanonimiseerd (bewaartermijn), {} mislukt.",
                d.filed, d.anonymised, d.failed
            )?;
        }
        if let Some(facts) = &self.facts
            && facts.looked_at > 0
        {
            writeln!(f, "Rapportagegegevens: {} bijgewerkt.", facts.written)?;
        }
        for e in &self.errors {
            writeln!(f, "Fout: {e}")?;
        }
        Ok(())
    }
}

/// Runs one step of a round and records how long it took
/// (`klacht_job_round_duration_seconds{job}` on `/metrics`). Wall time,
/// not the injected clock: it measures the work, not the calendar.
async fn timed<T>(job: &'static str, step: impl std::future::Future<Output = T>) -> T {
    let started = std::time::Instant::now();
    let out = step.await;
    let took = started.elapsed();
    metrics::histogram!("klacht_job_round_duration_seconds", "job" => job)
        .record(took.as_secs_f64());
    tracing::debug!(job, millis = took.as_millis() as u64, "job step done");
    out
}
