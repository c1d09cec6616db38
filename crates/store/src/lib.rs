//! Persistence for klacht: one schema and one set of migrations for SQLite
//! (the embedded default) and PostgreSQL, an append-only event table and
//! read models for lists.
//!
//! All SQL of the application lives in this crate, behind the [`Store`]
//! trait. The two backends share their query code (see `sql.rs`): the SQL
//! is written once in the portable subset both databases understand.

mod admin;
pub mod backup;
mod dossier;
mod error;
mod improvement;
mod outbox;
mod postgres;
mod public;
mod reminders;
mod reports;
mod rows;
mod sql;
mod sqlite;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::{ComplaintId, Email, ReferenceNumber, UserId};

pub use admin::{
    AdminChange, AuditCursor, AuditEntry, AuditPage, ListKind, ListValue, list_name_key,
};
pub use dossier::{
    Anonymisation, CHAIN_GENESIS, DossierCursor, DossierDocument, DossierFilter, DossierPage,
    DossierRow, NewDossier, Reseal, RetentionAction, RetentionEntry, SealedComplaint, StoredStream,
    canonical_event, chain_next, chain_of, parse_hash, sha256_hex,
};
pub use error::StoreError;
pub use improvement::{
    DecisionOutcome, ImprovementCursor, ImprovementEventRow, ImprovementFilter, ImprovementItem,
    ImprovementPage, ImprovementRow, LinkedComplaint, PatternDecision, PatternSource,
};
pub use outbox::{NewOutboxMessage, OutboxCounts, OutboxKind, OutboxMessage, OutboxStatus};
pub use postgres::PgStore;
pub use public::{
    Attachment, AttachmentInfo, NewAttachment, PublicService, PublicServiceChange, RateDecision,
    service_name_key,
};
pub use reminders::{CalendarFeed, OpenComplaintQuery};
pub use reports::StreamPage;
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
    /// The complainant's tracking code, kept apart from the events (it is
    /// a secret; see migration 0005).
    pub tracking_code: Option<klacht_domain::TrackingCode>,
    /// Files sent with a public submission.
    pub attachments: Vec<NewAttachment>,
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

    // --- reports --- (dashboard, yearly report, exports): see sql/reports.rs

    /// The whole event streams of up to `limit` complaints received in
    /// `[received_from, received_before)`, oldest receipt first, after
    /// `after` (keyset). One query per page, so a year is read in a few
    /// queries with bounded memory.
    fn report_streams(
        &self,
        received_from: Timestamp,
        received_before: Timestamp,
        after: Option<Cursor>,
        limit: u32,
    ) -> impl Future<Output = Result<StreamPage, StoreError>> + Send;

    /// The event streams of these complaints (unknown ids are left out),
    /// each in seq order; one query per 500 ids.
    fn events_of(
        &self,
        ids: &[ComplaintId],
    ) -> impl Future<Output = Result<Vec<(ComplaintId, Vec<RawEvent>)>, StoreError>> + Send;

    // --- improvement (patterns, verbeteracties) ---------------------------

    /// The complaints (not signals) received at or after `received_from`,
    /// oldest first, with the events pattern detection reads: intake
    /// (`registered`) and the `corrected` ones, which may replace it. One
    /// query.
    fn pattern_sources(
        &self,
        received_from: Timestamp,
    ) -> impl Future<Output = Result<Vec<PatternSource>, StoreError>> + Send;

    /// Every decision about a pattern whose window ends on or after
    /// `window_to_from`, oldest first, with the complaints each covered.
    fn pattern_decisions(
        &self,
        window_to_from: jiff::civil::Date,
    ) -> impl Future<Output = Result<Vec<PatternDecision>, StoreError>> + Send;

    /// Records a decision (a dismissal) with its complaints, in one
    /// transaction.
    fn record_pattern_decision(
        &self,
        decision: &PatternDecision,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Creates an improvement action with its links, its first event and,
    /// when opened from a pattern, the decision about that pattern, in one
    /// transaction. Hands out and returns its number within `row.year`.
    fn create_improvement_action(
        &self,
        row: &ImprovementRow,
        event: &ImprovementEventRow,
        decision: Option<&PatternDecision>,
    ) -> impl Future<Output = Result<u32, StoreError>> + Send;

    /// An action with its linked complaints and its whole history.
    fn improvement_action(
        &self,
        id: uuid::Uuid,
    ) -> impl Future<
        Output = Result<Option<(ImprovementItem, Vec<ImprovementEventRow>)>, StoreError>,
    > + Send;

    fn improvement_action_id_by_number(
        &self,
        year: i16,
        number: u32,
    ) -> impl Future<Output = Result<Option<uuid::Uuid>, StoreError>> + Send;

    /// Replaces an action's state and appends its event, when its version
    /// is still `expected_version`; otherwise [`StoreError::Conflict`] (or
    /// [`StoreError::NotFound`]) and nothing is written.
    fn update_improvement_action(
        &self,
        expected_version: u64,
        row: &ImprovementRow,
        event: &ImprovementEventRow,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// One page of actions, newest first (keyset), with their linked
    /// complaints; two queries.
    fn list_improvement_actions(
        &self,
        filter: &ImprovementFilter,
    ) -> impl Future<Output = Result<ImprovementPage, StoreError>> + Send;

    // --- reminders and calendar feeds (issue 4): see sql/reminders.rs ------

    /// One page of open complaints (those with a next term), soonest next
    /// term first, narrowed by `query`: the deadline engine's candidates,
    /// the managers' digests and a user's calendar feed.
    fn open_complaints(
        &self,
        query: &OpenComplaintQuery,
    ) -> impl Future<Output = Result<DuePage, StoreError>> + Send;

    /// The user's calendar feed, if they have one.
    fn calendar_feed(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<Option<CalendarFeed>, StoreError>> + Send;

    /// Creates the user's calendar feed or replaces its secret (the old URL
    /// stops working), with `audit` in the same transaction.
    fn put_calendar_feed(
        &self,
        user: UserId,
        token_hash: &str,
        at: Timestamp,
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Removes the user's calendar feed, with `audit` in the same
    /// transaction; false (and nothing logged) when there was none.
    fn delete_calendar_feed(
        &self,
        user: UserId,
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The active user whose feed secret has this SHA-256 hash.
    fn user_by_calendar_feed(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    // --- public side (public form, status page): see sql/public.rs ---------

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

    // --- dossier, retention, backup ---------------------------------------
    // (see dossier.rs, sql/dossier.rs and sql/retention.rs; SQLite backups
    // in backup.rs)

    /// Files a closed complaint: the dossier entry (frozen PDF and JSON
    /// record with their SHA-256) and the hash chain over `entry.events`,
    /// in one transaction. `Ok(false)` when it was filed already (filing is
    /// idempotent); [`StoreError::Conflict`] when the stream has grown
    /// since it was read (read it again and retry).
    fn file_dossier(
        &self,
        entry: &NewDossier,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// The dossier entry of a complaint, without its documents.
    fn dossier_entry(
        &self,
        id: ComplaintId,
    ) -> impl Future<Output = Result<Option<DossierRow>, StoreError>> + Send;

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

    /// Complaints closed before `before` and signals received before it
    /// that were not anonymised yet (retention), in id order.
    fn expired_for_retention(
        &self,
        before: Timestamp,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ComplaintId>, StoreError>> + Send;

    /// Writes one anonymisation (events, read model, re-sealed dossier,
    /// log entry) in one transaction; the complaint's delivered outbox
    /// messages, attachments and tracking code are deleted with it.
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

    /// Complaints whose intake (or a correction of it) names this e-mail
    /// address, for a complainant's request for access. Scans the events.
    fn complaints_with_email(
        &self,
        email: &Email,
    ) -> impl Future<Output = Result<Vec<ComplaintId>, StoreError>> + Send;
}

/// Converts an instant to the stored integer form.
pub(crate) fn micros(t: Timestamp) -> i64 {
    // i64 microseconds span ±292,000 years; jiff's range is smaller.
    t.as_microsecond()
}

pub(crate) fn from_micros(v: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_microsecond(v).map_err(|e| StoreError::Corrupt(format!("timestamp {v}: {e}")))
}
