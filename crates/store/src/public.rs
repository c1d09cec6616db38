//! What the public side stores (DESIGN §8): attachments of a complaint,
//! the services the public form offers with the manager each is routed to,
//! and rate-limit windows shared by every instance. Tracking codes are
//! [`klacht_domain::TrackingCode`]s, written with the complaint
//! ([`crate::NewStream::tracking_code`]).

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::{ComplaintId, UserId};

use crate::{AuditEntry, StoreError};

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

/// The public side: tracking codes, attachments, services and the rate
/// limit of the form.
pub trait PublicStore: Send + Sync {
    /// The complaint a tracking code belongs to.
    fn complaint_id_by_tracking_code(
        &self,
        code: &klacht_domain::TrackingCode,
    ) -> impl Future<Output = Result<Option<ComplaintId>, StoreError>> + Send;

    /// The tracking code of a complaint (none for complaints stored before
    /// codes existed).
    fn tracking_code_of(
        &self,
        complaint: ComplaintId,
    ) -> impl Future<Output = Result<Option<klacht_domain::TrackingCode>, StoreError>> + Send;

    /// The attachments of a complaint without their bytes, oldest first.
    fn attachments_of(
        &self,
        complaint: ComplaintId,
    ) -> impl Future<Output = Result<Vec<AttachmentInfo>, StoreError>> + Send;

    /// One attachment with its bytes, only when it belongs to `complaint`
    /// (so that authorising the complaint authorises the file).
    fn attachment(
        &self,
        complaint: ComplaintId,
        id: uuid::Uuid,
    ) -> impl Future<Output = Result<Option<Attachment>, StoreError>> + Send;

    /// Appends the events of files added to an existing complaint (see
    /// [`crate::ComplaintStore::append`]), stores the files and queues the
    /// `outbox` messages, in one transaction: the timeline never names a
    /// file that is not there, nor the other way round.
    fn add_attachments(
        &self,
        append: &crate::StreamAppend,
        attachments: &[NewAttachment],
        outbox: &[crate::NewOutboxMessage],
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Every service of the public form (active and inactive), in order.
    fn public_services(
        &self,
    ) -> impl Future<Output = Result<Vec<PublicService>, StoreError>> + Send;

    /// Applies one change to the services and writes its log entry in the
    /// administrator's log, in one transaction. A missing service is
    /// [`StoreError::NotFound`], a duplicate name [`StoreError::Duplicate`].
    fn change_public_service(
        &self,
        change: &PublicServiceChange,
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Counts one hit for `key` in a window of `window` that starts at its
    /// first hit, atomically (instances on one PostgreSQL share the
    /// count); allowed while at most `limit` hits fell in the window.
    /// Passed windows are deleted.
    fn hit_rate_limit(
        &self,
        key: &str,
        now: Timestamp,
        window: jiff::SignedDuration,
        limit: u32,
    ) -> impl Future<Output = Result<RateDecision, StoreError>> + Send;
}
