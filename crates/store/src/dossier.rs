//! The complaint dossier (klachtendossier), the hash chain that seals a
//! filed complaint's history, and the retention log: plain data and the
//! chain's hashing. The queries are in `sql/dossier.rs`.
//!
//! # The chain
//!
//! Every event of a filed complaint gets a hash:
//!
//! ```text
//! hash_0 = 32 zero bytes
//! hash_n = SHA-256(hash_{n-1} || canonical(event n))
//! ```
//!
//! `canonical` is the tag `klacht-event/1` followed by six fields, each as
//! an 8-byte big-endian length and its UTF-8 bytes: the complaint id, the
//! seq (decimal), the instant (decimal microseconds since the Unix epoch,
//! as stored), the actor, the kind, and the event's JSON exactly as stored.
//! Changing any stored byte of an event, deleting one or inserting one
//! changes every hash from there on. Hashes are kept as lower-case hex.

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::{ComplaintId, Email, ReferenceNumber, UserId};
use sha2::{Digest, Sha256};

use crate::{ComplaintRow, RawEvent, StoreError};

/// The hash before the first event.
pub const CHAIN_GENESIS: [u8; 32] = [0; 32];

const CANONICAL_TAG: &[u8] = b"klacht-event/1";

/// The bytes of an event that the chain hashes.
pub fn canonical_event(e: &RawEvent) -> Vec<u8> {
    let id = e.complaint_id.to_string();
    let seq = e.seq.to_string();
    let at = e.at.as_microsecond().to_string();
    let fields: [&[u8]; 6] = [
        id.as_bytes(),
        seq.as_bytes(),
        at.as_bytes(),
        e.actor.as_bytes(),
        e.kind.as_bytes(),
        e.data.as_bytes(),
    ];
    let len = CANONICAL_TAG.len() + fields.iter().map(|f| 8 + f.len()).sum::<usize>();
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(CANONICAL_TAG);
    for f in fields {
        out.extend_from_slice(&(f.len() as u64).to_be_bytes());
        out.extend_from_slice(f);
    }
    out
}

/// `hash_n` from `hash_{n-1}` and event n.
pub fn chain_next(prev: &[u8; 32], e: &RawEvent) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(canonical_event(e));
    h.finalize().into()
}

/// The chain over a whole stream (seq 1, 2, …), one hash per event.
pub fn chain_of(events: &[RawEvent]) -> Vec<[u8; 32]> {
    let mut prev = CHAIN_GENESIS;
    events
        .iter()
        .map(|e| {
            prev = chain_next(&prev, e);
            prev
        })
        .collect()
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A stored hex hash back into bytes; `None` when it is not one.
pub fn parse_hash(hex_text: &str) -> Option<[u8; 32]> {
    let bytes = hex::decode(hex_text).ok()?;
    bytes.try_into().ok()
}

/// What filing a complaint writes: the frozen form and record, sealed over
/// `events`, the whole stream as the filer read it. The store hashes the
/// events and the documents itself, and refuses (conflict) when the
/// stream has grown since it was read.
#[derive(Debug, Clone)]
pub struct NewDossier {
    pub complaint_id: ComplaintId,
    /// The year of closing in the organisation's zone.
    pub year: i32,
    pub closed_at: Timestamp,
    pub filed_at: Timestamp,
    /// The quality manager who closed; none when the system filed a
    /// complaint that was closed without one (imports).
    pub filed_by: Option<UserId>,
    pub events: Vec<RawEvent>,
    pub record_json: String,
    pub pdf: Vec<u8>,
    /// The handling round filed (1 unless the complaint was reopened). A
    /// later round's filing moves the earlier one to the earlier filings,
    /// unchanged.
    pub round: u32,
}

/// One filed complaint as the dossier page lists it (without the
/// documents themselves).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierRow {
    pub complaint_id: ComplaintId,
    pub reference: ReferenceNumber,
    /// From the read model, so anonymisation shows.
    pub complainant_name: String,
    pub category: Option<String>,
    pub year: i32,
    pub closed_at: Timestamp,
    pub filed_at: Timestamp,
    pub filed_by: Option<UserId>,
    pub sealed_seq: u64,
    pub record_sha256: String,
    pub pdf_sha256: String,
    pub chain_head: String,
    pub anonymised_at: Option<Timestamp>,
    /// The handling round this filing is of (1 unless reopened).
    pub round: u32,
}

/// The filing of an earlier round of a reopened complaint, kept exactly as
/// it was filed (issue 16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierFiling {
    pub complaint_id: ComplaintId,
    pub round: u32,
    pub year: i32,
    pub closed_at: Timestamp,
    pub filed_at: Timestamp,
    pub filed_by: Option<UserId>,
    pub sealed_seq: u64,
    pub record_sha256: String,
    pub pdf_sha256: String,
    pub chain_head: String,
    /// When the next round's filing took its place.
    pub superseded_at: Timestamp,
}

/// An earlier filing with its documents, as `klacht verify` checks it.
#[derive(Debug, Clone)]
pub struct SealedEarlier {
    pub filing: EarlierFiling,
    pub record_json: String,
    pub pdf: Vec<u8>,
}

/// Where a page of the dossier ends (newest filing first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DossierCursor {
    pub filed_at: Timestamp,
    pub id: ComplaintId,
}

impl DossierCursor {
    pub fn encode(&self) -> String {
        format!("{}_{}", self.filed_at.as_microsecond(), self.id)
    }

    pub fn decode(s: &str) -> Option<DossierCursor> {
        let (at, id) = s.split_once('_')?;
        Some(DossierCursor {
            filed_at: Timestamp::from_microsecond(at.parse().ok()?).ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// The dossier of one year (or all), optionally searched.
#[derive(Debug, Clone)]
pub struct DossierFilter {
    /// The year of closing; `None`: every year (a search).
    pub year: Option<i32>,
    /// Case-insensitive text in reference, complainant name or category.
    pub text: Option<String>,
    pub after: Option<DossierCursor>,
    pub limit: u32,
}

#[derive(Debug, Clone)]
pub struct DossierPage {
    pub items: Vec<DossierRow>,
    pub next: Option<DossierCursor>,
}

/// Which frozen document of a dossier entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierDocument {
    Pdf,
    Record,
}

/// A filed complaint with everything `klacht verify` checks.
#[derive(Debug, Clone)]
pub struct SealedComplaint {
    pub row: DossierRow,
    /// Every stored event, in seq order.
    pub events: Vec<RawEvent>,
    /// Every stored chain hash as (seq, hex), in seq order.
    pub hashes: Vec<(u64, String)>,
    pub record_json: String,
    pub pdf: Vec<u8>,
    /// The filings of earlier rounds of a reopened complaint, oldest
    /// first.
    pub earlier: Vec<SealedEarlier>,
}

/// A complaint's stream as stored, for checks over the whole database.
#[derive(Debug, Clone)]
pub struct StoredStream {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    /// The read model's version (seq of the last event).
    pub version: u64,
    pub closed: bool,
    /// A dossier entry exists (of this or of an earlier round's closing).
    pub filed: bool,
    /// The current closing is filed: false for a complaint reopened and
    /// closed again whose entry is still the earlier round's.
    pub closing_filed: bool,
    pub events: Vec<RawEvent>,
    /// The read-model row as stored (participants not loaded).
    pub row: ComplaintRow,
    /// The chain hashes as stored, in seq order.
    pub hashes: Vec<(u64, String)>,
}

/// What the retention log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionAction {
    Anonymised,
    /// A complainant's request for access (inzageverzoek) answered.
    Exported,
}

impl RetentionAction {
    pub fn as_str(self) -> &'static str {
        match self {
            RetentionAction::Anonymised => "anonymised",
            RetentionAction::Exported => "exported",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "anonymised" => Some(RetentionAction::Anonymised),
            "exported" => Some(RetentionAction::Exported),
            _ => None,
        }
    }
}

/// One line of the retention log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionEntry {
    pub id: uuid::Uuid,
    pub at: Timestamp,
    pub action: RetentionAction,
    pub complaint_id: Option<ComplaintId>,
    pub reference: Option<String>,
    /// `user:<id>`, `system` (the scheduler) or `cli:<name>`.
    pub actor: String,
    /// JSON: what was anonymised and the chain heads, or what was exported.
    pub detail: String,
}

/// A new filed complaint's documents after anonymisation, sealed over the
/// whole anonymised stream.
#[derive(Debug, Clone)]
pub struct Reseal {
    pub events: Vec<RawEvent>,
    pub record_json: String,
    pub pdf: Vec<u8>,
}

/// Everything one anonymisation writes, in one transaction: the rewritten
/// events (same seq, instant, actor and kind; new data), the read model,
/// for a filed complaint the re-sealed dossier, and the log entry. Refused
/// (conflict) when the stream is no longer at `expected_version`.
#[derive(Debug, Clone)]
pub struct Anonymisation {
    pub complaint_id: ComplaintId,
    pub expected_version: u64,
    pub changed: Vec<RawEvent>,
    pub row: ComplaintRow,
    /// The registration in Exact of the anonymised complaint (JSON), for
    /// one that still waits in the outbox; none for a complaint never
    /// closed.
    pub exact_payload: Option<String>,
    pub reseal: Option<Reseal>,
    pub log: RetentionEntry,
}

/// The dossier: filing, the hash chain and the whole-database checks.
pub trait DossierStore: Send + Sync {
    // (see dossier.rs, sql/dossier.rs and sql/retention.rs; SQLite backups
    // in backup.rs)
    /// Files a closed complaint: the dossier entry (frozen PDF and JSON
    /// record with their SHA-256) and the hash chain over `entry.events`,
    /// in one transaction. When an earlier round is filed, that filing
    /// moves to the earlier filings unchanged (reopening, issue 16).
    /// `Ok(false)` when this round was filed already (filing is
    /// idempotent); [`StoreError::Conflict`] when the stream has grown
    /// since it was read (read it again and retry).
    fn file_dossier(
        &self,
        entry: &NewDossier,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Files a filed complaint's form again, with the events appended
    /// since (the Exact registration recorded after filing): replaces
    /// record and PDF and seals up to `entry.events`, keeping when and by
    /// whom it was filed, in one transaction. `Ok(false)` when it is not
    /// filed or was anonymised; [`StoreError::Conflict`] when the stream
    /// has grown since it was read.
    fn refile_dossier(
        &self,
        entry: &NewDossier,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Filed complaints (not anonymised) whose Exact registration was
    /// recorded after filing, so their filed form lacks its number.
    fn filed_before_exact_id(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ComplaintId>, StoreError>> + Send;

    /// The dossier entry of a complaint, without its documents.
    fn dossier_entry(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = Result<Option<DossierRow>, StoreError>> + Send;

    /// The filings of the earlier rounds of a reopened complaint, oldest
    /// first (without their documents).
    fn earlier_filings(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = Result<Vec<EarlierFiling>, StoreError>> + Send;

    /// A frozen document of an earlier round's filing, as stored.
    fn earlier_filing_document(
        &self,
        id: ComplaintId,
        round: u32,
        which: DossierDocument,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;

    /// The frozen PDF or JSON record of a filed complaint, as stored.
    fn dossier_document(
        &self,
        id: ComplaintId,
        which: DossierDocument,
    ) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> + Send;

    /// The years of the dossier with their number of filed complaints,
    /// newest first.
    fn dossier_years(&self) -> impl Future<Output = Result<Vec<(i32, u64)>, StoreError>> + Send;

    /// One page of a year of the dossier, newest filing first (keyset).
    fn list_dossier(
        &self,
        filter: &DossierFilter,
    ) -> impl Future<Output = Result<DossierPage, StoreError>> + Send;

    /// Closed complaints without a dossier entry, oldest closing first;
    /// only those closed at or after `closed_since` when given.
    fn unfiled_closed(
        &self,
        closed_since: Option<Timestamp>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ComplaintId>, StoreError>> + Send;

    /// Filed complaints in id order after `after`, with their events,
    /// chain hashes and documents, read in one transaction (verify).
    fn sealed_complaints(
        &self,
        after: Option<ComplaintId>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<SealedComplaint>, StoreError>> + Send;

    /// Every complaint's stream in id order after `after` (verify).
    fn stored_streams(
        &self,
        after: Option<ComplaintId>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<StoredStream>, StoreError>> + Send;
}

/// Retention: what has expired, anonymisation and its log.
pub trait RetentionStore: Send + Sync {
    /// Complaints closed before `before` and signals received before it
    /// that were not anonymised yet (retention), in id order.
    fn expired_for_retention(
        &self,
        before: Timestamp,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ComplaintId>, StoreError>> + Send;

    /// Writes one anonymisation (events, read model, re-sealed dossier,
    /// log entry) in one transaction. With it go the complaint's e-mails
    /// (whatever their state), its delivered registration in Exact,
    /// attachments and tracking code; a registration still waiting for
    /// Exact gets the anonymised snapshot.
    fn anonymise(
        &self,
        anonymisation: &Anonymisation,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Appends a line to the retention log (access exports).
    fn log_retention(
        &self,
        entry: &RetentionEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The retention log, newest first; of one complaint when given.
    fn retention_log(
        &self,
        complaint: Option<ComplaintId>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<RetentionEntry>, StoreError>> + Send;

    /// Forgets what only mattered for a while: expired sessions, and
    /// sign-in attempts (they name client addresses) a day after their
    /// window or lock. Returns how many rows went.
    fn forget_expired(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// The names of the database's own tables (not the migrations'), for
    /// the check that every table has a retention rule.
    fn tables(&self) -> impl Future<Output = Result<Vec<String>, StoreError>> + Send;

    /// Complaints whose intake (or a correction of it) names this e-mail
    /// address, for a complainant's request for access. Scans the events.
    fn complaints_with_email(
        &self,
        email: &Email,
    ) -> impl Future<Output = Result<Vec<ComplaintId>, StoreError>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: u64, data: &str) -> RawEvent {
        RawEvent {
            complaint_id: ComplaintId::new(uuid::Uuid::nil()),
            seq,
            at: Timestamp::from_second(1_777_000_000).expect("in range"),
            actor: "system".into(),
            kind: "closed".into(),
            data: data.into(),
        }
    }

    #[test]
    fn the_chain_depends_on_every_byte_and_the_order() {
        let a = vec![event(1, "{\"a\":1}"), event(2, "{\"b\":2}")];
        let chain = chain_of(&a);
        assert_eq!(chain.len(), 2);
        assert_eq!(chain[0], chain_next(&CHAIN_GENESIS, &a[0]));
        assert_eq!(chain[1], chain_next(&chain[0], &a[1]));
        let mut b = a.clone();
        b[0].data = "{\"a\":2}".into();
        let other = chain_of(&b);
        assert_ne!(other[0], chain[0]);
        assert_ne!(other[1], chain[1], "a change carries through the chain");
        // Field boundaries are unambiguous: moving a byte between fields
        // changes the hash.
        let mut c = a[0].clone();
        c.actor = "systemc".into();
        c.kind = "losed".into();
        assert_ne!(chain_next(&CHAIN_GENESIS, &c), chain[0]);
    }

    #[test]
    fn hashes_round_trip_as_hex() {
        let h = chain_of(&[event(1, "{}")])[0];
        let text = hex::encode(h);
        assert_eq!(text.len(), 64);
        assert_eq!(parse_hash(&text), Some(h));
        assert_eq!(parse_hash("zz"), None);
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn cursors_round_trip() {
        let c = DossierCursor {
            filed_at: Timestamp::from_second(1_777_000_000).expect("in range"),
            id: ComplaintId::new(uuid::Uuid::nil()),
        };
        assert_eq!(DossierCursor::decode(&c.encode()), Some(c));
        assert_eq!(DossierCursor::decode("x_y"), None);
    }
}
