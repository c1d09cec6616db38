//! Persistence for klacht: one schema and one set of migrations for SQLite
//! (the embedded default) and PostgreSQL, an append-only event table and
//! read models for lists.
//!
//! All SQL of the application lives in this crate, behind the [`Store`]
//! trait. The two backends share their query code (see `sql.rs`): the SQL
//! is written once in the portable subset both databases understand.

mod admin;
mod error;
mod outbox;
mod postgres;
mod rows;
mod sql;
mod sqlite;
pub mod testing;

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::{ComplaintId, Email, ReferenceNumber, UserId};

pub use admin::{
    AdminChange, AuditCursor, AuditEntry, AuditPage, ListKind, ListValue, list_name_key,
};
pub use error::StoreError;
pub use outbox::{NewOutboxMessage, OutboxCounts, OutboxKind, OutboxMessage, OutboxStatus};
pub use postgres::PgStore;
pub use rows::{
    ApiToken, ComplaintCounts, ComplaintFilter, ComplaintRow, Cursor, LoginFailures, NewUser, Page,
    RawEvent, Session, UserRecord,
};
pub use rows::{DueCursor, DuePage};
pub use sqlite::SqliteStore;

/// The default database: a SQLite file in the working folder.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://klacht.db";

/// A new event stream: its read-model row and its first events.
#[derive(Debug, Clone)]
pub struct NewStream {
    pub row: ComplaintRow,
    pub events: Vec<RawEvent>,
    /// Messages the intake causes (confirmation, notice to the manager),
    /// queued in the same transaction.
    pub outbox: Vec<NewOutboxMessage>,
}

/// Everything the application stores. Implemented by [`SqliteStore`] and
/// [`PgStore`]; the web layer, the jobs and the CLI are generic over it.
pub trait Store: Clone + Send + Sync + 'static {
    /// Brings the schema up to date.
    fn migrate(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A cheap round trip, for readiness checks.
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Which database this is, for logs and the readiness answer.
    fn backend(&self) -> &'static str;

    fn create_user(&self, user: NewUser) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn list_users(&self) -> impl Future<Output = Result<Vec<UserRecord>, StoreError>> + Send;

    fn user_by_email(
        &self,
        email: &Email,
    ) -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    fn user_by_id(
        &self,
        id: UserId,
    ) -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    /// Starts a new event stream. The reference number is handed out in the
    /// same transaction, so a rejected `build` leaves no gap in the
    /// numbering and nothing half-written.
    fn create_complaint<F, E>(
        &self,
        year: i16,
        build: F,
    ) -> impl Future<Output = Result<Result<ComplaintRow, E>, StoreError>> + Send
    where
        F: FnOnce(ReferenceNumber) -> Result<NewStream, E> + Send,
        E: Send;

    /// Appends `events` to a stream whose last seq is `expected_version`,
    /// replaces its read-model row and queues the `outbox` messages the
    /// change causes, in one transaction. When another
    /// writer got there first, nothing is written and
    /// [`StoreError::Conflict`] tells the caller to reload and retry.
    fn append(
        &self,
        expected_version: u64,
        events: &[RawEvent],
        row: &ComplaintRow,
        outbox: &[NewOutboxMessage],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The read-model row and every event of one stream, in order.
    fn load_stream(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = Result<Option<(ComplaintRow, Vec<RawEvent>)>, StoreError>> + Send;

    fn complaint_id_by_reference(
        &self,
        reference: ReferenceNumber,
    ) -> impl Future<Output = Result<Option<ComplaintId>, StoreError>> + Send;

    /// One page of the list, newest receipt first, with keyset pagination.
    fn list_complaints(
        &self,
        filter: &ComplaintFilter,
    ) -> impl Future<Output = Result<Page<ComplaintRow>, StoreError>> + Send;

    fn count_complaints(&self) -> impl Future<Output = Result<u64, StoreError>> + Send;

    // --- sign-in: sessions, lock-out, API tokens --------------------------

    fn create_session(
        &self,
        session: &Session,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The session with this token hash and its user, when it has not
    /// expired at `now` and the user is active.
    fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<(Session, UserRecord)>, StoreError>> + Send;

    fn delete_session(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Signs a user out everywhere except, optionally, one session.
    fn delete_sessions_of(
        &self,
        user: UserId,
        except_token_hash: Option<&str>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn set_password_hash(
        &self,
        user: UserId,
        hash: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn login_failures(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<Option<LoginFailures>, StoreError>> + Send;

    fn put_login_failures(
        &self,
        email: &str,
        failures: &LoginFailures,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn clear_login_failures(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn create_api_token(
        &self,
        token: &ApiToken,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The active user of an unrevoked token.
    fn user_by_api_token(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    /// Revokes every token of a user; returns how many were active.
    fn revoke_api_tokens(
        &self,
        user: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    // --- settings -------------------------------------------------------

    fn setting(&self, key: &str)
    -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    fn put_setting(
        &self,
        key: &str,
        value: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    // --- JSON API (/api/v1) ----------------------------------------------

    /// The users with these ids, in no particular order; unknown ids are
    /// left out. One query, so that a page of complaints names its people
    /// without a query per row.
    fn users_by_ids(
        &self,
        ids: &[UserId],
    ) -> impl Future<Output = Result<Vec<UserRecord>, StoreError>> + Send;

    // --- overview and administration (Overzicht, Beheer) ------------------

    /// Totals per status and, per step, the open complaints whose next
    /// term lies before `today` (in the organisation's time zone).
    /// Counted by the database, never by loading rows.
    fn complaint_counts(
        &self,
        today: jiff::civil::Date,
    ) -> impl Future<Output = Result<ComplaintCounts, StoreError>> + Send;

    /// Every value of a list (active and inactive), in list order. Offer
    /// only the active ones for new complaints.
    fn list_values(
        &self,
        kind: ListKind,
    ) -> impl Future<Output = Result<Vec<ListValue>, StoreError>> + Send;

    /// Applies one administrator's change and writes its log entry, in one
    /// transaction. A missing user or value is [`StoreError::NotFound`], a
    /// duplicate e-mail or name [`StoreError::Duplicate`], a setting that
    /// changed meanwhile [`StoreError::Conflict`]; nothing is written then.
    fn admin_change(
        &self,
        change: &AdminChange,
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// One page of the administrator's log, newest first.
    fn admin_log(
        &self,
        after: Option<AuditCursor>,
        limit: u32,
    ) -> impl Future<Output = Result<AuditPage, StoreError>> + Send;

    // --- staff pages: Mijn klachten ---------------------------------------

    /// One page of the complaints `user` is connected to (registrant,
    /// responsible manager, handler, assistant), soonest next term first and
    /// those without a term last, then by id; keyset-paginated after `after`.
    fn list_participating(
        &self,
        user: UserId,
        after: Option<DueCursor>,
        limit: u32,
    ) -> impl Future<Output = Result<DuePage, StoreError>> + Send;

    // --- outbox (e-mail, Exact): see outbox.rs ----------------------------

    /// Queues messages on their own (reminders, digests); those whose
    /// dedupe key is already queued are left out. Returns how many were
    /// queued. Messages caused by a complaint's change go with
    /// [`Store::append`] or [`Store::create_complaint`] instead.
    fn enqueue(
        &self,
        messages: &[NewOutboxMessage],
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Claims up to `limit` pending messages of `kind` that are due at
    /// `now`: each gets one more attempt and is hidden from other workers
    /// until `lease_until`, after which an unfinished one (its worker died)
    /// is claimed again. On PostgreSQL several instances claim side by
    /// side without waiting for each other (`FOR UPDATE SKIP LOCKED`).
    fn claim_outbox(
        &self,
        kind: OutboxKind,
        now: Timestamp,
        lease_until: Timestamp,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<OutboxMessage>, StoreError>> + Send;

    fn outbox_sent(
        &self,
        id: uuid::Uuid,
        at: Timestamp,
        result: Option<&str>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A failed attempt that will be retried at `next_attempt`.
    fn outbox_retry_at(
        &self,
        id: uuid::Uuid,
        error: &str,
        next_attempt: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The last attempt failed: the message waits for someone to retry it.
    fn outbox_failed(
        &self,
        id: uuid::Uuid,
        error: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Puts a failed message back in the queue with fresh attempts; false
    /// when it is not (or no longer) failed.
    fn outbox_requeue(
        &self,
        id: uuid::Uuid,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    fn outbox_message(
        &self,
        id: uuid::Uuid,
    ) -> impl Future<Output = Result<Option<OutboxMessage>, StoreError>> + Send;

    /// Newest first, optionally of one status and/or one complaint.
    fn list_outbox(
        &self,
        status: Option<OutboxStatus>,
        complaint: Option<ComplaintId>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<OutboxMessage>, StoreError>> + Send;

    fn outbox_counts(&self) -> impl Future<Output = Result<OutboxCounts, StoreError>> + Send;
}

/// Converts an instant to the stored integer form.
pub(crate) fn micros(t: Timestamp) -> i64 {
    // i64 microseconds span ±292,000 years; jiff's range is smaller.
    t.as_microsecond()
}

pub(crate) fn from_micros(v: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_microsecond(v).map_err(|e| StoreError::Corrupt(format!("timestamp {v}: {e}")))
}
