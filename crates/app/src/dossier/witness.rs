//! A witness of the chains outside the database. `klacht verify
//! --export-heads F` writes every complaint's chain head, dated, with a
//! SHA-256 over the list; `klacht verify --against F` checks the database
//! against it later. Someone who can rewrite the database, events and
//! hashes alike, cannot rewrite a copy that sits elsewhere (the backup
//! carries one; an auditor keeps another).

use std::collections::BTreeMap;

use jiff::Timestamp;
use klacht_domain::ComplaintId;
use klacht_store::{RetentionAction, Store, StoreError, sha256_hex};
use serde::{Deserialize, Serialize};

/// The format of the heads file.
pub const HEADS_FORMAT: &str = "klacht-heads/1";

/// One complaint's chain as it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub complaint_id: ComplaintId,
    pub reference: String,
    /// The last sealed event.
    pub seq: u64,
    /// Its chain hash, hex.
    pub head: String,
    /// Whether it was in the dossier.
    pub filed: bool,
}

/// The heads file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heads {
    pub format: String,
    pub generated_at: Timestamp,
    pub heads: Vec<Head>,
    /// SHA-256 (hex) of `heads` as compact JSON: a file edited by hand no
    /// longer matches it.
    pub sha256: String,
}

fn digest(heads: &[Head]) -> String {
    // Serialising plain strings and numbers cannot fail.
    sha256_hex(serde_json::to_string(heads).unwrap_or_default().as_bytes())
}

/// Complaints per page read.
const PAGE: u32 = 1000;

/// The chain head of every complaint now.
pub async fn export_heads<S: Store>(store: &S, at: Timestamp) -> Result<Heads, StoreError> {
    let mut heads = Vec::new();
    let mut after = None;
    loop {
        let page = store.stored_streams(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        for s in page {
            if let Some((seq, head)) = s.hashes.last() {
                heads.push(Head {
                    complaint_id: s.id,
                    reference: s.reference.to_string(),
                    seq: *seq,
                    head: head.clone(),
                    filed: s.filed,
                });
            }
        }
    }
    Ok(Heads {
        format: HEADS_FORMAT.into(),
        generated_at: at,
        sha256: digest(&heads),
        heads,
    })
}

/// What the database says against a heads file; empty when it agrees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgainstReport {
    pub checked: usize,
    /// Complaints anonymised since the file was made (re-sealed on
    /// purpose, as the retention log says).
    pub anonymised: Vec<String>,
    /// (reference, finding in Dutch).
    pub findings: Vec<(String, String)>,
}

impl AgainstReport {
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Checks the database against `heads`: each listed chain still holds the
/// same hash at the same event, no listed complaint is gone, and no filed
/// one has left the dossier. Events added since are fine.
pub async fn check_against<S: Store>(
    store: &S,
    heads: &Heads,
) -> Result<AgainstReport, StoreError> {
    let mut report = AgainstReport::default();
    if heads.format != HEADS_FORMAT {
        report.findings.push((
            "(bestand)".into(),
            format!("onbekend formaat {}", heads.format),
        ));
        return Ok(report);
    }
    if digest(&heads.heads) != heads.sha256 {
        report.findings.push((
            "(bestand)".into(),
            "het bestand met ketenkoppen is gewijzigd (SHA-256 klopt niet)".into(),
        ));
        return Ok(report);
    }
    let mut now: BTreeMap<ComplaintId, (BTreeMap<u64, String>, bool)> = BTreeMap::new();
    let mut after = None;
    loop {
        let page = store.stored_streams(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        for s in page {
            now.insert(s.id, (s.hashes.into_iter().collect(), s.filed));
        }
    }
    for h in &heads.heads {
        report.checked += 1;
        let Some((hashes, filed)) = now.get(&h.complaint_id) else {
            report.findings.push((
                h.reference.clone(),
                "de klacht is verdwenen uit de database".into(),
            ));
            continue;
        };
        if hashes.get(&h.seq) != Some(&h.head) {
            if anonymised_since(store, h.complaint_id, heads.generated_at).await? {
                report.anonymised.push(h.reference.clone());
                continue;
            }
            report.findings.push((
                h.reference.clone(),
                format!(
                    "de geschiedenis tot en met gebeurtenis {} is gewijzigd sinds {}",
                    h.seq, heads.generated_at
                ),
            ));
        }
        if h.filed && !filed {
            report.findings.push((
                h.reference.clone(),
                "stond in het klachtendossier, maar de dossierregel ontbreekt".into(),
            ));
        }
    }
    Ok(report)
}

async fn anonymised_since<S: Store>(
    store: &S,
    id: ComplaintId,
    since: Timestamp,
) -> Result<bool, StoreError> {
    Ok(store
        .retention_log(Some(id), 50)
        .await?
        .iter()
        .any(|e| e.action == RetentionAction::Anonymised && e.at >= since))
}
