//! Retention (AVG/GDPR). Personal data of a complaint is kept for a
//! configurable period after closing (`KLACHT_RETENTION_YEARS`, default
//! 2); then [`run`] anonymises it (`klacht retention run`, the scheduler):
//! the events are rewritten by `klacht_domain::retention`, the read model
//! follows, attachments, tracking code and delivered messages go, and a
//! filed complaint gets a new form and record and is re-sealed. Every
//! anonymisation is logged with the chain heads before and after, which is
//! how `klacht verify` tells it apart from tampering. Signals (no
//! workflow, never closed) count from their receipt.
//!
//! [`export`] answers a complainant's request for access (inzageverzoek):
//! everything stored about them as JSON. Every export is logged too.

use jiff::Timestamp;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::Recorded;
use klacht_domain::retention::{self, ANONYMISED};
use klacht_domain::{ComplaintId, Email, ReferenceNumber};
use klacht_store::{
    Anonymisation, DossierRow, RawEvent, Reseal, RetentionAction, RetentionEntry, Store,
    StoreError, chain_of, sha256_hex,
};
use serde_json::{Value, json};

use crate::complaints::{ServiceError, from_raw, load_with_history, read_model, replay};
use crate::documents::{self, DocumentError, FormCopy, FormData, Letterhead, Names, local_time};
use crate::dossier::{Anonymised, Filing, build_record};

#[derive(Debug, thiserror::Error)]
pub enum RetentionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error("gegevens omzetten mislukt: {0}")]
    Json(#[from] serde_json::Error),
    #[error("de bewaartermijn van {0} jaar valt buiten het bereik van de kalender")]
    Period(u32),
    /// The sealed history no longer matches its chain: anonymising would
    /// re-seal (and hide) the change, so it waits for an investigation.
    #[error(
        "klacht {0}: de verzegelde geschiedenis klopt niet (klacht verify); niet geanonimiseerd"
    )]
    Tampered(ReferenceNumber),
}

/// How many expired complaints one query hands out.
const BATCH: u32 = 200;

/// What a retention round did.
#[derive(Debug, Default)]
pub struct RetentionReport {
    /// Everything closed (signals: received) before this was expired.
    pub cutoff: Option<Timestamp>,
    pub anonymised: Vec<ReferenceNumber>,
    pub failed: Vec<(ComplaintId, String)>,
    /// Expired sessions and old sign-in attempts removed.
    pub forgotten: u64,
}

/// What happens to the personal data in each table of the database. A
/// table that is added without a line here fails the test that reads the
/// database's own list of tables (`every_table_has_a_retention_rule`).
pub const RETENTION_RULES: &[(&str, &str)] = &[
    (
        "complaints",
        "read model of the complaint: rebuilt from the anonymised events",
    ),
    (
        "complaint_events",
        "complainant's data replaced by [geanonimiseerd] (klacht_domain::retention)",
    ),
    (
        "complaint_participants",
        "staff ids and the complaint's next term only",
    ),
    (
        "complaint_status_moves",
        "counts per status only (the overview's numbers)",
    ),
    (
        "complaint_due_moves",
        "counts per next step and term date only (the overview's overdue numbers)",
    ),
    (
        "complaint_event_hashes",
        "hashes; re-sealed over the anonymised events",
    ),
    (
        "dossier",
        "form and record re-made from the anonymised events and re-sealed",
    ),
    (
        "dossier_rounds",
        "earlier rounds' filings of a reopened complaint: deleted when it is anonymised (the re-sealed record holds every round)",
    ),
    ("attachments", "deleted when the complaint is anonymised"),
    (
        "mailbox_messages",
        "mail from the mailbox as received: deleted when the complaint it became (or replied to) is anonymised; one marked geen klacht is kept until deleted by hand",
    ),
    (
        "mailbox_attachments",
        "files of mail waiting in the mailbox; deleted with their message",
    ),
    ("tracking_codes", "deleted when the complaint is anonymised"),
    (
        "outbox",
        "mail of the complaint deleted when it is anonymised; a registration still waiting for Exact anonymised, a delivered one deleted",
    ),
    (
        "rate_limits",
        "client addresses, forgotten when their window has passed",
    ),
    (
        "login_failures",
        "client addresses, forgotten a day after their window or lock",
    ),
    (
        "sessions",
        "staff; expired sessions removed by the retention run",
    ),
    (
        "users",
        "staff accounts, kept while the organisation keeps them",
    ),
    ("api_tokens", "staff; token hashes only"),
    ("calendar_feeds", "staff; token hashes only"),
    (
        "tour_dismissals",
        "staff; when a user put the start page's tour away, kept with the staff accounts",
    ),
    (
        "saved_views",
        "staff's named filters of the overview, kept until the user deletes them; a saved search text may hold a name the user typed (removed by hand, like a note)",
    ),
    (
        "absences",
        "staff absences (dates, an optional note the page asks to keep free of medical details), kept with the staff accounts",
    ),
    (
        "admin_audit",
        "the administrator's log: staff names and settings, no complainant data",
    ),
    (
        "retention_log",
        "references and chain heads; an access request keeps a digest of the address, not the address",
    ),
    ("settings", "configuration, no personal data"),
    ("list_values", "category and cause names, no personal data"),
    ("public_services", "service names, no personal data"),
    ("reference_counters", "numbers only"),
    ("improvement_counters", "numbers only"),
    (
        "improvement_actions",
        "structural measures; staff as owner, no complainant data",
    ),
    ("improvement_action_complaints", "links to complaints by id"),
    ("improvement_events", "history of the measures; staff only"),
    ("pattern_decisions", "decisions on patterns; staff only"),
    ("pattern_decision_complaints", "links to complaints by id"),
];

/// Anonymises every complaint whose retention period of `years` has passed
/// at `now`. `actor` goes into the log (`system` for the scheduler,
/// `cli:<user>` for the command). One failure does not stop the others.
pub async fn run<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    years: u32,
    now: Timestamp,
    actor: &str,
) -> Result<RetentionReport, RetentionError> {
    let cutoff =
        retention::cutoff(now, calendar.time_zone(), years).ok_or(RetentionError::Period(years))?;
    let mut report = RetentionReport {
        cutoff: Some(cutoff),
        forgotten: store.forget_expired(now).await?,
        ..Default::default()
    };
    loop {
        let batch = store.expired_for_retention(cutoff, BATCH).await?;
        let fresh: Vec<ComplaintId> = batch
            .into_iter()
            .filter(|id| !report.failed.iter().any(|(f, _)| f == id))
            .collect();
        if fresh.is_empty() {
            break;
        }
        for id in fresh {
            match anonymise(store, letterhead, calendar, id, now, actor, years).await {
                Ok(reference) => {
                    tracing::info!(%reference, "geanonimiseerd (bewaartermijn verstreken)");
                    report.anonymised.push(reference);
                }
                Err(e) => {
                    tracing::warn!(complaint = %id, error = %e, "anonimiseren mislukt");
                    report.failed.push((id, e.to_string()));
                }
            }
        }
    }
    Ok(report)
}

/// Anonymises one complaint now, whatever its age; see the module
/// documentation. Returns its reference.
pub async fn anonymise<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    id: ComplaintId,
    at: Timestamp,
    actor: &str,
    years: u32,
) -> Result<ReferenceNumber, RetentionError> {
    let (row, raw) = store.load_stream(id).await?.ok_or(ServiceError::NotFound)?;
    let entry = store.dossier_entry(id).await?;
    if let Some(entry) = &entry {
        let sealed = usize::try_from(entry.sealed_seq).unwrap_or(usize::MAX);
        let head = chain_of(raw.get(..sealed).unwrap_or(&raw)).last().map(hex);
        if head.as_deref() != Some(entry.chain_head.as_str()) {
            return Err(RetentionError::Tampered(row.reference));
        }
    }
    let mut changed = Vec::new();
    let mut all = Vec::with_capacity(raw.len());
    for e in &raw {
        let mut rec = from_raw(e)?;
        if retention::anonymise(&mut rec.event) {
            let new = RawEvent {
                data: serde_json::to_string(&rec.event)?,
                ..e.clone()
            };
            changed.push(new.clone());
            all.push(new);
        } else {
            all.push(e.clone());
        }
    }
    let c = replay(id, &all)?;
    let attachments = store.attachments_of(id).await?;
    let reseal = match &entry {
        Some(entry) => Some(
            reseal(
                store,
                letterhead,
                calendar,
                &c,
                &all,
                entry,
                Anonymised {
                    at,
                    by: actor.to_owned(),
                    reason: "bewaartermijn verstreken (AVG)".to_owned(),
                },
            )
            .await?,
        ),
        None => None,
    };
    let detail = json!({
        "events": changed.iter().map(|e| e.seq).collect::<Vec<_>>(),
        "attachments_deleted": attachments.len(),
        "retention_years": years,
        "filed": entry.is_some(),
        "chain_head_before": entry.as_ref().map(|e| e.chain_head.clone()),
        "chain_head_after": entry.as_ref().and_then(|_| chain_of(&all).last().map(hex)),
        "sealed_seq": entry.as_ref().map(|_| all.len()),
    });
    let log = RetentionEntry {
        id: uuid::Uuid::now_v7(),
        at,
        action: RetentionAction::Anonymised,
        complaint_id: Some(id),
        reference: Some(row.reference.to_string()),
        actor: actor.to_owned(),
        detail: detail.to_string(),
    };
    // A registration still waiting for Exact stays, without the personal
    // data it was queued with.
    let exact_payload = match c.closed() {
        Some(_) => Some(serde_json::to_string(
            &crate::exact::registration(store, &c).await?,
        )?),
        None => None,
    };
    store
        .anonymise(&Anonymisation {
            complaint_id: id,
            expected_version: row.version,
            changed,
            row: read_model(&c, calendar, at),
            exact_payload,
            reseal,
            log,
        })
        .await?;
    Ok(row.reference)
}

/// The new PDF and record of a filed complaint whose events `all` were
/// anonymised as `anonymised` says.
async fn reseal<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    c: &klacht_domain::complaint::Complaint,
    all: &[RawEvent],
    entry: &DossierRow,
    anonymised: Anonymised,
) -> Result<Reseal, RetentionError> {
    let history = all
        .iter()
        .map(from_raw)
        .collect::<Result<Vec<Recorded>, _>>()?;
    let history = history.as_slice();
    let at = anonymised.at;
    let names = Names::of(store, c, history).await?;
    let filed_by = entry
        .filed_by
        .map(|u| names.name(u))
        .unwrap_or_else(|| "systeem".into());
    let record = build_record(
        letterhead,
        c,
        all,
        &names,
        calendar,
        // The attachments are deleted in the same transaction.
        &[],
        &Filing {
            at: entry.filed_at,
            by: filed_by.clone(),
            anonymised: Some(anonymised),
        },
    )?;
    let copy = FormCopy::Anonymised {
        filed_by,
        filed_at: entry.filed_at,
        at,
    };
    let form = FormData::build(letterhead, c, &names, calendar, &copy);
    let pdf = documents::form_pdf_at(letterhead, form, at).await?;
    Ok(Reseal {
        events: all.to_vec(),
        record_json: record,
        pdf,
    })
}

fn hex(h: &[u8; 32]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whose data a request for access asks for.
#[derive(Debug, Clone)]
pub enum Subject {
    /// Every complaint whose complainant or representative has this
    /// address.
    Email(Email),
    /// One complaint.
    Reference(ReferenceNumber),
}

/// Everything stored about `subject`, as one JSON document: per complaint
/// the form's fields, every event (who, when, what) with its stored JSON,
/// attachments (without their bytes), the dossier entry and the retention
/// log. The export itself is logged.
pub async fn export<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    subject: &Subject,
    at: Timestamp,
    actor: &str,
) -> Result<Value, RetentionError> {
    let ids = match subject {
        Subject::Email(email) => store.complaints_with_email(email).await?,
        Subject::Reference(r) => store
            .complaint_id_by_reference(*r)
            .await?
            .into_iter()
            .collect(),
    };
    let mut complaints = Vec::with_capacity(ids.len());
    for id in &ids {
        complaints.push(export_one(store, letterhead, calendar, *id, at).await?);
    }
    let asked = match subject {
        // The log keeps a digest, not the address itself.
        Subject::Email(e) => json!({"email_sha256": sha256_hex(e.as_str().as_bytes())}),
        Subject::Reference(r) => json!({"reference": r.to_string()}),
    };
    let references: Vec<String> = complaints
        .iter()
        .filter_map(|c| c["reference"].as_str().map(str::to_owned))
        .collect();
    store
        .log_retention(&RetentionEntry {
            id: uuid::Uuid::now_v7(),
            at,
            action: RetentionAction::Exported,
            complaint_id: ids.first().copied().filter(|_| ids.len() == 1),
            reference: references
                .first()
                .cloned()
                .filter(|_| references.len() == 1),
            actor: actor.to_owned(),
            detail: json!({"asked": asked, "complaints": references}).to_string(),
        })
        .await?;
    Ok(json!({
        "format": "klacht-inzage/1",
        "organisation": letterhead.organisation,
        "generated_at": at,
        "generated_local": local_time(at, calendar),
        "subject": match subject {
            Subject::Email(e) => json!({"email": e.as_str()}),
            Subject::Reference(r) => json!({"reference": r.to_string()}),
        },
        "complaints": complaints,
    }))
}

async fn export_one<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    id: ComplaintId,
    at: Timestamp,
) -> Result<Value, RetentionError> {
    let (c, history) = load_with_history(store, id).await?;
    let (_, raw) = store.load_stream(id).await?.ok_or(ServiceError::NotFound)?;
    let names = Names::of(store, &c, &history).await?;
    let form = FormData::build(
        letterhead,
        &c,
        &names,
        calendar,
        &FormCopy::Printed {
            by: "inzageverzoek".into(),
            at,
        },
    );
    let events: Vec<Value> = raw
        .iter()
        .zip(&history)
        .map(|(e, r)| {
            Ok(json!({
                "seq": e.seq,
                "at": e.at,
                "local": local_time(e.at, calendar),
                "by": names.actor(r.actor),
                "kind": e.kind,
                "description": r.event.describe(),
                "data": serde_json::from_str::<Value>(&e.data)?,
            }))
        })
        .collect::<Result<_, serde_json::Error>>()?;
    let attachments: Vec<Value> = store
        .attachments_of(id)
        .await?
        .into_iter()
        .map(|a| {
            json!({
                "file_name": a.file_name,
                "content_type": a.content_type,
                "size_bytes": a.size_bytes,
                "sha256": a.sha256,
                "received_at": a.created_at,
            })
        })
        .collect();
    let dossier = store.dossier_entry(id).await?.map(|d| {
        json!({
            "filed_at": d.filed_at,
            "pdf_sha256": d.pdf_sha256,
            "record_sha256": d.record_sha256,
            "anonymised_at": d.anonymised_at,
        })
    });
    let log: Vec<Value> = store
        .retention_log(Some(id), 100)
        .await?
        .into_iter()
        .map(|e| json!({"at": e.at, "action": e.action.as_str(), "by": e.actor}))
        .collect();
    Ok(json!({
        "reference": c.reference().to_string(),
        "form": form,
        "events": events,
        "attachments": attachments,
        "dossier": dossier,
        "retention_log": log,
        "anonymised": c.complainant().name() == ANONYMISED,
    }))
}
