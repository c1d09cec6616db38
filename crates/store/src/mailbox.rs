//! Complaints from the mailbox (issue 17 §2): the messages the mailbox job
//! took in, as intake items on the quality manager's start page, and the
//! replies of complainants added to their complaint. See
//! `sql/mailbox.rs` and migration 0021.

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::{ComplaintId, ReferenceNumber, UserId};

use crate::{AuditEntry, ComplaintRow, NewAttachment, NewOutboxMessage, NewStream, StoreError};

/// A message as the mailbox job took it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMailboxMessage {
    pub id: uuid::Uuid,
    /// The IMAP folder and its UIDVALIDITY and the message's UID: the claim.
    pub folder: String,
    pub uid_validity: u32,
    pub uid: u32,
    pub taken_in_at: Timestamp,
    pub sender_email: Option<String>,
    pub sender_name: Option<String>,
    pub subject: String,
    /// The text (an HTML-only message converted to text).
    pub body: String,
    /// Why it needs a human look, in Dutch; `None` when all is well.
    pub problem: Option<String>,
    /// The message as received, byte for byte.
    pub raw: Vec<u8>,
    /// The files that passed the public form's checks.
    pub attachments: Vec<NewAttachment>,
}

/// What becomes of a message taken in.
#[derive(Debug, Clone)]
pub enum MailboxDelivery {
    /// An intake item on the quality manager's start page, with the
    /// notices that tell the quality managers it waits.
    Intake { outbox: Vec<NewOutboxMessage> },
    /// A complainant's reply, appended to the complaint's stream (its
    /// files stored with the complaint) with the handler's notice.
    Reply(Box<ReplyAppend>),
}

/// A reply's append to its complaint's stream, with the notice it causes.
#[derive(Debug, Clone)]
pub struct ReplyAppend {
    pub expected_version: u64,
    pub events: Vec<crate::RawEvent>,
    pub row: ComplaintRow,
    pub outbox: Vec<NewOutboxMessage>,
}

/// Where an intake item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailboxStatus {
    Open,
    Registered,
    Dismissed,
    Reply,
}

impl MailboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MailboxStatus::Open => "open",
            MailboxStatus::Registered => "registered",
            MailboxStatus::Dismissed => "dismissed",
            MailboxStatus::Reply => "reply",
        }
    }

    pub fn parse(s: &str) -> Result<Self, StoreError> {
        Ok(match s {
            "open" => MailboxStatus::Open,
            "registered" => MailboxStatus::Registered,
            "dismissed" => MailboxStatus::Dismissed,
            "reply" => MailboxStatus::Reply,
            other => return Err(StoreError::Corrupt(format!("mailbox status {other}"))),
        })
    }
}

/// A stored message, without its raw bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailboxMessage {
    pub id: uuid::Uuid,
    pub taken_in_at: Timestamp,
    pub sender_email: Option<String>,
    pub sender_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub problem: Option<String>,
    pub status: MailboxStatus,
    pub complaint_id: Option<ComplaintId>,
    /// Names of the files kept with it.
    pub file_names: Vec<String>,
}

/// A complainant's reply that the afhandelaar has not marked read yet: an
/// item on their start page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadReply {
    pub message: uuid::Uuid,
    pub complaint: ComplaintId,
    pub reference: ReferenceNumber,
    pub subject: String,
    pub taken_in_at: Timestamp,
}

/// A decision of the quality manager on an open intake item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailboxDecision {
    pub message: uuid::Uuid,
    pub by: UserId,
    pub at: Timestamp,
    pub audit: AuditEntry,
}

pub trait MailboxStore: Send + Sync {
    /// Takes a message in: claims (folder, UIDVALIDITY, UID) and stores it
    /// with what becomes of it, in one transaction. `false` (nothing
    /// written) when it was taken in before, by an earlier round or
    /// another instance.
    fn take_in_mailbox_message(
        &self,
        message: &NewMailboxMessage,
        delivery: &MailboxDelivery,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The intake items that wait, oldest first.
    fn open_mailbox_messages(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<MailboxMessage>, StoreError>> + Send;

    fn mailbox_message(
        &self,
        id: uuid::Uuid,
    ) -> impl Future<Output = Result<Option<MailboxMessage>, StoreError>> + Send;

    /// The files of an intake item, ready to store with its complaint.
    fn mailbox_attachments(
        &self,
        id: uuid::Uuid,
    ) -> impl Future<Output = Result<Vec<NewAttachment>, StoreError>> + Send;

    /// The unread replies to open complaints `user` handles, or answers
    /// for while nobody handles them, oldest first.
    fn unread_replies(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<Vec<UnreadReply>, StoreError>> + Send;

    /// Marks a reply read; false when it was read before (or is no reply).
    fn mark_reply_read(
        &self,
        id: uuid::Uuid,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// "Geen klacht": the item leaves the start page, with its log entry.
    /// [`StoreError::NotFound`] when it is not open (any more).
    fn dismiss_mailbox_message(
        &self,
        decision: &MailboxDecision,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Registers an intake item as a complaint or signal: the stream is
    /// created as by [`crate::ComplaintStore::create_complaint`] and the
    /// item marked registered with its log entry, in one transaction.
    /// [`StoreError::NotFound`] (nothing written) when the item is not
    /// open (any more): a second click registers nothing twice.
    fn register_mailbox_message<F, E>(
        &self,
        decision: &MailboxDecision,
        year: i16,
        build: F,
    ) -> impl Future<Output = Result<Result<ComplaintRow, E>, StoreError>> + Send
    where
        F: FnOnce(ReferenceNumber) -> Result<NewStream, E> + Send,
        E: Send;
}
