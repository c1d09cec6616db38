//! The complaint dossier (klachtendossier): "Na afhandeling wordt het
//! klachtenformulier opgeborgen in het klachtendossier door de
//! kwaliteitsmanager." On closing, the complaint form is frozen as a PDF
//! together with a JSON record of every event, each with its SHA-256, and
//! the events are sealed by a hash chain (see `klacht_store::dossier`);
//! `klacht verify` ([`verify`]) checks all of it.
//!
//! Filing is a step of its own right after the close commits, not part of
//! the close's transaction: the close goes through the same use case as
//! every other action (with whatever it notifies), and rendering the PDF
//! must not hold the single SQLite writer. Filing is idempotent and reads
//! the stream again when it grew meanwhile, so the same code files a
//! complaint right after closing (pages, API) and catches up on any that
//! were not filed ([`file_pending`]: the scheduler, `klacht dossier file`,
//! closed complaints from before this feature or from the demo).

mod record;
mod verify;
mod witness;

use jiff::Timestamp;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::Recorded;
use klacht_domain::{ComplaintId, ReferenceNumber};
use klacht_store::{NewDossier, Store, StoreError};

use crate::complaints::{ServiceError, from_raw, replay};
use crate::documents::{self, DocumentError, FormCopy, FormData, Letterhead, Names};

pub use record::{Anonymised, Filing, RECORD_FORMAT, build_record};
pub use verify::{Broken, VerifyReport, verify};
pub use witness::{AgainstReport, HEADS_FORMAT, Head, Heads, check_against, export_heads};

#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error("klacht {0} is niet afgesloten en wordt dus nog niet opgeborgen")]
    NotClosed(ReferenceNumber),
    #[error("dossierrecord maken mislukt: {0}")]
    Record(String),
}

/// How often filing reads the stream again when it grew meanwhile.
const ATTEMPTS: usize = 3;

/// Files the closed complaint `id` in the dossier at `at`: renders the
/// form (off the async threads), builds the record and stores both with
/// the chain. `Ok(false)` when it was filed already. A reopened complaint
/// closed again files its new round; the earlier filing stays as it was.
pub async fn file<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    id: ComplaintId,
    at: Timestamp,
) -> Result<bool, DossierError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        if let Some(filed) = store.dossier_entry(id).await? {
            let c = crate::complaints::load(store, id).await?;
            if !c.is_closed() || filed.round >= c.round() {
                return Ok(false);
            }
        }
        let entry = prepare(store, letterhead, calendar, id, at).await?;
        match store.file_dossier(&entry).await {
            Err(StoreError::Conflict { .. }) if attempt < ATTEMPTS => continue,
            other => return Ok(other?),
        }
    }
}

/// Files the form of a filed complaint `id` again when its registration in
/// Exact was recorded after filing, so that the filed form carries the
/// E-Synergy number (issue 12). Keeps when and by whom it was filed.
/// `Ok(false)` when there was nothing to do.
pub async fn refile_with_exact_id<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    id: ComplaintId,
) -> Result<bool, DossierError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let Some(filed) = store.dossier_entry(id).await? else {
            return Ok(false);
        };
        if filed.anonymised_at.is_some() {
            return Ok(false);
        }
        // A reopened round's filing is never rewritten; only the filing of
        // the round the complaint is closed in gets its number.
        let c = crate::complaints::load(store, id).await?;
        if !c.is_closed() || c.round() != filed.round {
            return Ok(false);
        }
        let entry = prepare(store, letterhead, calendar, id, filed.filed_at).await?;
        // Only this round's registration counts, not an earlier round's.
        let round_start = entry
            .events
            .iter()
            .rev()
            .find(|e| e.kind == "reopened")
            .map_or(0, |e| e.seq);
        let this_round =
            |e: &&klacht_store::RawEvent| e.seq > round_start && e.kind == "registered_in_exact";
        let sealed_with_id = entry
            .events
            .iter()
            .filter(this_round)
            .any(|e| e.seq <= filed.sealed_seq);
        if sealed_with_id || !entry.events.iter().any(|e| this_round(&e)) {
            return Ok(false);
        }
        match store.refile_dossier(&entry).await {
            Err(StoreError::Conflict { .. }) if attempt < ATTEMPTS => continue,
            other => return Ok(other?),
        }
    }
}

async fn prepare<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    id: ComplaintId,
    at: Timestamp,
) -> Result<NewDossier, DossierError> {
    let (_, raw) = store.load_stream(id).await?.ok_or(ServiceError::NotFound)?;
    let history = raw
        .iter()
        .map(from_raw)
        .collect::<Result<Vec<Recorded>, _>>()?;
    let c = replay(id, &raw)?;
    let Some(closing) = c.closed().cloned() else {
        return Err(DossierError::NotClosed(c.reference()));
    };
    let names = Names::of(store, &c, &history).await?;
    let filer = names.actor(closing.by);
    let attachments = store.attachments_of(id).await?;
    let record = build_record(
        letterhead,
        &c,
        &raw,
        &names,
        calendar,
        &attachments,
        &Filing {
            at,
            by: filer.clone(),
            anonymised: None,
        },
    )
    .map_err(|e| DossierError::Record(e.to_string()))?;
    let form = FormData::build(
        letterhead,
        &c,
        &names,
        calendar,
        &FormCopy::Filed { by: filer, at },
    );
    let pdf = documents::form_pdf_at(letterhead, form, at).await?;
    Ok(NewDossier {
        complaint_id: id,
        year: i32::from(calendar.local_date(closing.at).year()),
        closed_at: closing.at,
        filed_at: at,
        filed_by: closing.by.user(),
        events: raw,
        record_json: record,
        pdf,
        round: c.round(),
    })
}

/// What a catch-up round did.
#[derive(Debug, Default)]
pub struct FilingReport {
    pub filed: Vec<ReferenceNumber>,
    /// Complaints that could not be filed, with why; tried again next time.
    pub failed: Vec<(ComplaintId, String)>,
    /// Closed complaints found unfiled (at most the limit); those neither
    /// filed nor failed were filed meanwhile by another instance.
    pub candidates: usize,
}

/// Files every closed complaint without a dossier entry (up to `limit`),
/// those closed at or after `closed_since` when given. One failure does
/// not stop the others.
pub async fn file_pending<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    closed_since: Option<Timestamp>,
    limit: u32,
    at: Timestamp,
) -> Result<FilingReport, DossierError> {
    let mut report = FilingReport::default();
    // Forms filed before their Exact registration came back get its number.
    for id in store.filed_before_exact_id(limit).await? {
        match refile_with_exact_id(store, letterhead, calendar, id).await {
            Ok(true) => tracing::info!(complaint = %id, "opnieuw opgeborgen met het Exact-nummer"),
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(complaint = %id, error = %e, "opnieuw opbergen mislukt");
                report.failed.push((id, e.to_string()));
            }
        }
    }
    let pending = store.unfiled_closed(closed_since, limit).await?;
    report.candidates = pending.len();
    for id in pending {
        match file(store, letterhead, calendar, id, at).await {
            Ok(true) => {
                if let Some(e) = store.dossier_entry(id).await? {
                    tracing::info!(reference = %e.reference, "opgeborgen in het klachtendossier");
                    report.filed.push(e.reference);
                }
            }
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(complaint = %id, error = %e, "opbergen mislukt");
                report.failed.push((id, e.to_string()));
            }
        }
    }
    Ok(report)
}
