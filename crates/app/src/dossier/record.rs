//! The JSON record of a filed complaint: every event exactly as stored
//! (the event JSON is embedded byte for byte) with its chain hash, so that
//! anyone holding the record can recompute the chain without klacht.

use jiff::Timestamp;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::Complaint;
use klacht_store::{AttachmentInfo, CHAIN_GENESIS, RawEvent, chain_of};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::complaints::{decode_actor, from_raw};
use crate::documents::{Letterhead, Names, local_time};

/// The record's format; a change of its shape gets a new number.
pub const RECORD_FORMAT: &str = "klacht-dossier/1";

const CANONICAL: &str = "hash_n = SHA-256(hash_(n-1) || canonical(event n)), hash_0 = 32 zero bytes; \
     canonical = \"klacht-event/1\" followed by complaint_id, seq, at_micros, actor, kind and data, \
     each as an 8-byte big-endian length and its UTF-8 bytes";

/// Who filed, when, and whether (and why) the record was anonymised.
#[derive(Debug, Clone)]
pub struct Filing {
    pub at: Timestamp,
    pub by: String,
    pub anonymised: Option<Anonymised>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Anonymised {
    pub at: Timestamp,
    pub by: String,
    pub reason: String,
}

#[derive(Serialize)]
struct Record<'a> {
    format: &'static str,
    organisation: &'a str,
    complaint: ComplaintPart,
    filed: FiledPart,
    #[serde(skip_serializing_if = "Option::is_none")]
    anonymised: Option<&'a Anonymised>,
    attachments: Vec<AttachmentPart<'a>>,
    chain: ChainPart,
    events: Vec<EventPart<'a>>,
}

#[derive(Serialize)]
struct ComplaintPart {
    id: String,
    reference: String,
    kind: &'static str,
    status: &'static str,
    received_at: String,
    closed_at: Option<Timestamp>,
    closed_by: Option<String>,
}

#[derive(Serialize)]
struct FiledPart {
    at: Timestamp,
    local: String,
    by: String,
}

#[derive(Serialize)]
struct AttachmentPart<'a> {
    file_name: &'a str,
    content_type: &'a str,
    size_bytes: u64,
    sha256: &'a str,
}

#[derive(Serialize)]
struct ChainPart {
    algorithm: &'static str,
    canonical: &'static str,
    genesis: String,
    events: usize,
    head: String,
}

#[derive(Serialize)]
struct EventPart<'a> {
    seq: u64,
    at: Timestamp,
    at_micros: i64,
    actor: &'a str,
    actor_name: String,
    kind: &'a str,
    description: String,
    data: Box<RawValue>,
    hash: String,
}

/// The record of `c` over its stored events `raw`, pretty-printed.
pub fn build_record(
    letterhead: &Letterhead,
    c: &Complaint,
    raw: &[RawEvent],
    names: &Names,
    calendar: &WorkingCalendar,
    attachments: &[AttachmentInfo],
    filing: &Filing,
) -> Result<String, serde_json::Error> {
    let hashes = chain_of(raw);
    let events = raw
        .iter()
        .zip(&hashes)
        .map(|(e, h)| {
            let actor = decode_actor(&e.actor);
            let description = from_raw(e).map(|r| r.event.describe()).unwrap_or_default();
            Ok(EventPart {
                seq: e.seq,
                at: e.at,
                at_micros: e.at.as_microsecond(),
                actor: &e.actor,
                actor_name: actor.map(|a| names.actor(a)).unwrap_or_default(),
                kind: &e.kind,
                description,
                data: RawValue::from_string(e.data.clone())?,
                hash: hex_of(h),
            })
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()?;
    let record = Record {
        format: RECORD_FORMAT,
        organisation: &letterhead.organisation,
        complaint: ComplaintPart {
            id: c.id().to_string(),
            reference: c.reference().to_string(),
            kind: c.kind().as_str(),
            status: c.status().as_str(),
            received_at: c.received_at().to_string(),
            closed_at: c.closed().map(|s| s.at),
            closed_by: c.closed().map(|s| names.actor(s.by)),
        },
        filed: FiledPart {
            at: filing.at,
            local: local_time(filing.at, calendar),
            by: filing.by.clone(),
        },
        anonymised: filing.anonymised.as_ref(),
        attachments: attachments
            .iter()
            .map(|a| AttachmentPart {
                file_name: &a.file_name,
                content_type: &a.content_type,
                size_bytes: a.size_bytes,
                sha256: &a.sha256,
            })
            .collect(),
        chain: ChainPart {
            algorithm: "sha256",
            canonical: CANONICAL,
            genesis: hex_of(&CHAIN_GENESIS),
            events: raw.len(),
            head: hashes.last().map(hex_of).unwrap_or_default(),
        },
        events,
    };
    serde_json::to_string_pretty(&record)
}

fn hex_of(h: &[u8; 32]) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `klacht verify` reads back from a record.
#[derive(Debug, Deserialize)]
pub(crate) struct StoredRecord {
    pub format: String,
    pub chain: StoredChain,
    pub events: Vec<StoredEvent>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct StoredChain {
    pub head: String,
    pub events: usize,
}

#[derive(Debug, Deserialize)]
pub(crate) struct StoredEvent {
    pub seq: u64,
    pub at_micros: i64,
    pub actor: String,
    pub kind: String,
    pub data: Box<RawValue>,
    pub hash: String,
}

impl StoredEvent {
    /// Whether this entry says what the stored event says, byte for byte.
    pub fn matches(&self, e: &RawEvent) -> bool {
        self.seq == e.seq
            && self.at_micros == e.at.as_microsecond()
            && self.actor == e.actor
            && self.kind == e.kind
            && self.data.get() == e.data
    }
}
