//! What the public side stores (DESIGN §8): attachments of a complaint,
//! the services the public form offers with the manager each is routed to,
//! and rate-limit windows shared by every instance. Tracking codes are
//! [`klacht_domain::TrackingCode`]s, written with the complaint
//! ([`crate::NewStream::tracking_code`]).

use jiff::Timestamp;
use klacht_domain::{ComplaintId, UserId};

/// A file to store with a new complaint. Its type was checked by its
/// content (magic bytes) before it gets here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub id: uuid::Uuid,
    /// As the sender named it, cleaned of path and control characters.
    pub file_name: String,
    /// The media type the content was recognised as.
    pub content_type: String,
    /// SHA-256 of `data`, lower-case hex.
    pub sha256: String,
    pub data: Vec<u8>,
}

/// A stored attachment without its bytes, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub id: uuid::Uuid,
    pub complaint_id: ComplaintId,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: u64,
    pub sha256: String,
    pub created_at: Timestamp,
}

/// A stored attachment with its bytes, for downloading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub info: AttachmentInfo,
    pub data: Vec<u8>,
}

/// A choice of "Over welke dienst of afdeling gaat uw klacht?" on the
/// public form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicService {
    pub id: uuid::Uuid,
    pub name: String,
    /// Who a submission about this service is reported to; none: it stays
    /// unrouted and the quality manager routes it.
    pub manager: Option<UserId>,
    /// Inactive services are no longer offered on the form.
    pub active: bool,
    /// Order on the form.
    pub position: i32,
}

/// One change to the services by the administrator, written with its
/// [`crate::AuditEntry`] in one transaction
/// ([`crate::Store::change_public_service`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicServiceChange {
    Add {
        id: uuid::Uuid,
        name: String,
        manager: Option<UserId>,
    },
    Rename {
        id: uuid::Uuid,
        name: String,
    },
    SetManager {
        id: uuid::Uuid,
        manager: Option<UserId>,
    },
    SetActive {
        id: uuid::Uuid,
        active: bool,
    },
}

/// The key that keeps service names unique: trimmed, lower case.
pub fn service_name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The outcome of counting one hit against a rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateDecision {
    /// Whether this hit is within the limit.
    pub allowed: bool,
    /// Hits in the current window, this one included.
    pub hits: u32,
    /// When the current window ends and the count starts again.
    pub resets_at: Timestamp,
}
