//! `klacht verify`: the whole database checked against its seals.
//!
//! For every filed complaint: each stored event against its chain hash
//! (`hash_n = SHA-256(hash_{n-1} || event n)`, checked link by link so the
//! first changed event is named), the chain head, the digests of the frozen
//! PDF and JSON record, and the record against the stored events. An
//! anonymised complaint was re-sealed on purpose: it verifies when its
//! retention log entry names the head it was re-sealed to. For every
//! complaint, filed or open: its history still folds, matches its chain
//! (sealed from the first event, as it was written) and the list row says
//! what the fold says. Closed complaints without a dossier entry are
//! reported as not filed (a warning; their chain is checked all the same).

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::Complaint;
use klacht_domain::{ComplaintId, ReferenceNumber};
use klacht_store::{
    CHAIN_GENESIS, ComplaintRow, RawEvent, RetentionAction, SealedComplaint, Store, StoreError,
    chain_next, parse_hash, sha256_hex,
};

use super::record::{RECORD_FORMAT, StoredRecord};
use crate::complaints::{from_raw, read_model};

/// Complaints per page of the checks; bounded memory at any size.
const PAGE: u32 = 100;

/// A complaint whose stored data does not match its seals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    /// The first event that was changed, removed or added outside klacht,
    /// when an event is to blame.
    pub first_bad_seq: Option<u64>,
    /// Every finding, in Dutch.
    pub findings: Vec<String>,
}

/// The outcome of checking the whole database.
#[derive(Debug, Clone, Default)]
pub struct VerifyReport {
    pub complaints: u64,
    pub events: u64,
    pub filed: u64,
    /// Filed complaints that were anonymised on purpose (retention) and
    /// verify, with when.
    pub anonymised: Vec<(ReferenceNumber, Timestamp)>,
    /// Closed complaints not (yet) in the dossier.
    pub unfiled: Vec<ReferenceNumber>,
    pub broken: Vec<Broken>,
}

impl VerifyReport {
    /// True when nothing is broken (unfiled complaints are a warning).
    pub fn ok(&self) -> bool {
        self.broken.is_empty()
    }
}

struct Finder {
    first: Option<u64>,
    findings: Vec<String>,
}

impl Finder {
    fn new() -> Self {
        Self {
            first: None,
            findings: Vec::new(),
        }
    }

    fn at(&mut self, seq: u64, finding: String) {
        self.first = Some(self.first.map_or(seq, |f| f.min(seq)));
        self.note(finding);
    }

    fn note(&mut self, finding: String) {
        if !self.findings.contains(&finding) {
            self.findings.push(finding);
        }
    }
}

/// Checks a stream against its chain: every event present and in order,
/// each link on its own, no seal of an event that is gone.
fn check_chain(events: &[RawEvent], stored: &BTreeMap<u64, &str>, f: &mut Finder) {
    let event_seqs: BTreeSet<u64> = events.iter().map(|e| e.seq).collect();
    for (i, e) in events.iter().enumerate() {
        let expected = i as u64 + 1;
        if e.seq != expected {
            f.at(
                expected,
                format!("gebeurtenis {expected} ontbreekt (verwijderd)"),
            );
            break;
        }
    }
    // Each link on its own: an event changed in place breaks exactly its
    // own link; a hash changed in place breaks its own and the next.
    let mut prev = Some(CHAIN_GENESIS);
    for e in events {
        let own = stored.get(&e.seq).copied();
        match (own, prev) {
            (None, _) => f.at(
                e.seq,
                format!(
                    "gebeurtenis {} heeft geen ketenhash (buiten klacht om toegevoegd)",
                    e.seq
                ),
            ),
            (Some(h), Some(p)) => {
                if parse_hash(h) != Some(chain_next(&p, e)) {
                    f.at(e.seq, format!("gebeurtenis {} is gewijzigd", e.seq));
                }
            }
            (Some(_), None) => {}
        }
        prev = own.and_then(parse_hash);
    }
    for seq in stored.keys().filter(|seq| !event_seqs.contains(seq)) {
        f.at(*seq, format!("gebeurtenis {seq} ontbreekt (verwijderd)"));
    }
}

/// One filing as `klacht verify` checks it: the dossier entry of the
/// latest filed round, or an earlier round's filing of a reopened
/// complaint (issue 16), which must still match the same chain.
struct Filed<'a> {
    /// "" for the dossier entry, "behandelronde 1: " for an earlier one.
    label: String,
    sealed_seq: u64,
    chain_head: &'a str,
    pdf_sha256: &'a str,
    record_sha256: &'a str,
    pdf: &'a [u8],
    record_json: &'a str,
}

/// Checks one filed complaint's chain, digests and record, and those of
/// its earlier rounds' filings.
fn check_sealed(s: &SealedComplaint, f: &mut Finder) {
    let stored: BTreeMap<u64, &str> = s.hashes.iter().map(|(seq, h)| (*seq, h.as_str())).collect();
    check_chain(&s.events, &stored, f);
    let latest = Filed {
        label: String::new(),
        sealed_seq: s.row.sealed_seq,
        chain_head: &s.row.chain_head,
        pdf_sha256: &s.row.pdf_sha256,
        record_sha256: &s.row.record_sha256,
        pdf: &s.pdf,
        record_json: &s.record_json,
    };
    check_filing(&latest, s, &stored, f);
    for e in &s.earlier {
        let filing = Filed {
            label: format!("behandelronde {}: ", e.filing.round),
            sealed_seq: e.filing.sealed_seq,
            chain_head: &e.filing.chain_head,
            pdf_sha256: &e.filing.pdf_sha256,
            record_sha256: &e.filing.record_sha256,
            pdf: &e.pdf,
            record_json: &e.record_json,
        };
        check_filing(&filing, s, &stored, f);
    }
}

fn check_filing(d: &Filed<'_>, s: &SealedComplaint, stored: &BTreeMap<u64, &str>, f: &mut Finder) {
    let label = &d.label;
    let head = stored.get(&d.sealed_seq).copied();
    if head != Some(d.chain_head) {
        f.at(
            d.sealed_seq,
            format!("{label}de kop van de keten klopt niet met het dossier"),
        );
    }
    if sha256_hex(d.pdf) != d.pdf_sha256 {
        f.note(format!(
            "{label}het opgeborgen PDF-formulier wijkt af van zijn SHA-256"
        ));
    } else if !d.pdf.starts_with(b"%PDF-") {
        f.note(format!("{label}het opgeborgen formulier is geen PDF"));
    }
    if sha256_hex(d.record_json.as_bytes()) != d.record_sha256 {
        f.note(format!(
            "{label}het opgeborgen JSON-record wijkt af van zijn SHA-256"
        ));
    }
    match serde_json::from_str::<StoredRecord>(d.record_json) {
        Err(e) => f.note(format!("{label}het JSON-record is onleesbaar: {e}")),
        Ok(record) => {
            if record.format != RECORD_FORMAT {
                f.note(format!("{label}onbekend recordformaat {}", record.format));
            }
            if record.chain.head != d.chain_head
                || record.chain.events as u64 != d.sealed_seq
                || record.events.len() as u64 != d.sealed_seq
            {
                f.note(format!(
                    "{label}het JSON-record past niet bij de verzegelde keten"
                ));
            }
            for (r, e) in record.events.iter().zip(&s.events) {
                let hash = stored.get(&e.seq).copied().unwrap_or_default();
                if !r.matches(e) || r.hash != hash {
                    f.at(
                        e.seq,
                        format!(
                            "{label}gebeurtenis {} verschilt van het opgeborgen JSON-record",
                            e.seq
                        ),
                    );
                }
            }
        }
    }
}

/// Compares the list row with the fold of the history, field by field:
/// everything the events decide (the terms follow the calendar of the day
/// they were computed, so they are left out).
fn check_row(row: &ComplaintRow, c: &Complaint, calendar: &WorkingCalendar, f: &mut Finder) {
    let folded = read_model(c, calendar, row.updated_at);
    let differs = |what: &str, stored: String, fold: String| {
        (stored != fold)
            .then(|| format!("het overzicht zegt {what} '{stored}', de geschiedenis zegt '{fold}'"))
    };
    let opt = |v: Option<String>| v.unwrap_or_default();
    let user = |u: Option<klacht_domain::UserId>| u.map(|u| u.to_string()).unwrap_or_default();
    // Stored instants keep microseconds.
    let instant = |t: Timestamp| {
        Timestamp::from_microsecond(t.as_microsecond())
            .unwrap_or(t)
            .to_string()
    };
    let findings = [
        differs(
            "versie",
            row.version.to_string(),
            folded.version.to_string(),
        ),
        differs(
            "klachtnummer",
            row.reference.to_string(),
            folded.reference.to_string(),
        ),
        differs("soort", row.kind.clone(), folded.kind),
        differs("status", row.status.clone(), folded.status),
        differs("kanaal", row.channel.clone(), folded.channel),
        differs(
            "ontvangen op",
            instant(row.received_at),
            instant(folded.received_at),
        ),
        differs("ontvanger", user(row.received_by), user(folded.received_by)),
        differs(
            "leidinggevende",
            user(row.responsible_manager),
            user(folded.responsible_manager),
        ),
        differs("afhandelaar", user(row.handler), user(folded.handler)),
        differs(
            "klager",
            row.complainant_name.clone(),
            folded.complainant_name,
        ),
        differs("dienst", opt(row.service.clone()), opt(folded.service)),
        differs("categorie", opt(row.category.clone()), opt(folded.category)),
        differs("samenvatting", row.summary.clone(), folded.summary),
        differs(
            "afgesloten op",
            opt(row.closed_at.map(instant)),
            opt(folded.closed_at.map(instant)),
        ),
    ];
    for finding in findings.into_iter().flatten() {
        f.note(finding);
    }
}

/// Whether the anonymisation of `s` is on record: the log entry names the
/// head the complaint was re-sealed to.
async fn check_anonymised<S: Store>(
    store: &S,
    s: &SealedComplaint,
    f: &mut Finder,
) -> Result<(), StoreError> {
    let log = store.retention_log(Some(s.row.complaint_id), 50).await?;
    let logged = log.iter().any(|e| {
        e.action == RetentionAction::Anonymised
            && serde_json::from_str::<serde_json::Value>(&e.detail)
                .ok()
                .and_then(|d| d["chain_head_after"].as_str().map(str::to_owned))
                .is_some_and(|h| h == s.row.chain_head)
    });
    if !logged {
        f.note("geanonimiseerd, maar de anonimisering staat niet (zo) in het bewaarlogboek".into());
    }
    Ok(())
}

/// Checks the whole database; see the module documentation.
pub async fn verify<S: Store>(store: &S) -> Result<VerifyReport, StoreError> {
    let mut report = VerifyReport::default();
    // Only for the fold's row; the terms it computes are not compared.
    let calendar = WorkingCalendar::netherlands_default();
    let mut after = None;
    loop {
        let page = store.sealed_complaints(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.row.complaint_id);
        for s in &page {
            report.filed += 1;
            let mut f = Finder::new();
            check_sealed(s, &mut f);
            if let Some(at) = s.row.anonymised_at {
                check_anonymised(store, s, &mut f).await?;
                if f.findings.is_empty() {
                    report.anonymised.push((s.row.reference, at));
                }
            }
            if !f.findings.is_empty() {
                report.broken.push(Broken {
                    id: s.row.complaint_id,
                    reference: s.row.reference,
                    first_bad_seq: f.first,
                    findings: f.findings,
                });
            }
        }
    }
    let mut after = None;
    loop {
        let page = store.stored_streams(after, PAGE * 10).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        for s in &page {
            report.complaints += 1;
            report.events += s.events.len() as u64;
            let mut f = Finder::new();
            let recorded: Result<Vec<_>, _> = s.events.iter().map(from_raw).collect();
            match recorded
                .map_err(|e| e.to_string())
                .and_then(|history| Complaint::replay(s.id, &history).map_err(|e| e.to_string()))
            {
                Ok(c) => check_row(&s.row, &c, &calendar, &mut f),
                Err(e) => f.note(format!("de geschiedenis is onleesbaar: {e}")),
            }
            // Every stream is sealed from its first event (filed ones were
            // checked in full above).
            if !s.filed {
                let stored: BTreeMap<u64, &str> =
                    s.hashes.iter().map(|(seq, h)| (*seq, h.as_str())).collect();
                if stored.is_empty() && !s.events.is_empty() {
                    f.note("de geschiedenis is niet verzegeld".into());
                } else {
                    check_chain(&s.events, &stored, &mut f);
                }
            }
            if s.closed && !s.closing_filed {
                report.unfiled.push(s.reference);
            }
            if f.findings.is_empty() {
                continue;
            }
            match report.broken.iter_mut().find(|b| b.id == s.id) {
                Some(b) => {
                    b.findings.extend(f.findings);
                    b.first_bad_seq = b.first_bad_seq.into_iter().chain(f.first).min();
                }
                None => report.broken.push(Broken {
                    id: s.id,
                    reference: s.reference,
                    first_bad_seq: f.first,
                    findings: f.findings,
                }),
            }
        }
    }
    report.broken.sort_by_key(|b| b.reference);
    Ok(report)
}
