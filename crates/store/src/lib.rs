//! Persistence for klacht: one schema and one set of migrations for SQLite
//! (the embedded default) and PostgreSQL, an append-only event table and
//! read models for lists.
//!
//! All SQL of the application lives in this crate, behind one trait per
//! topic ([`ComplaintStore`], [`UserStore`], [`OutboxStore`], [`DossierStore`],
//! [`WorkQueueStore`], [`MailboxStore`], [`ViewStore`], ...), which [`Store`] gathers; code that is generic
//! over `S: Store` sees them all. Each topic is implemented once, in `sql/<topic>.rs`, for both
//! backends: the SQL is written in the portable subset both databases
//! understand and compiled against each driver's own types.

mod absences;
mod admin;
pub mod backup;
mod bulk;
pub mod cache;
mod complaints;
mod dossier;
mod error;
mod group;
mod improvement;
mod mailbox;
mod metrics;
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
mod users;
mod views;
mod work_queue;

use std::future::Future;

use jiff::Timestamp;

pub use absences::{AbsenceEnd, AbsenceStore};
pub use admin::{
    AdminChange, AdminStore, AuditCursor, AuditEntry, AuditPage, ListKind, ListValue, list_name_key,
};
pub use bulk::BulkStore;
pub use complaints::ComplaintStore;
pub use dossier::{
    Anonymisation, CHAIN_GENESIS, DossierCursor, DossierDocument, DossierFilter, DossierPage,
    DossierRow, DossierStore, EarlierFiling, NewDossier, Reseal, RetentionAction, RetentionEntry,
    RetentionStore, SealedComplaint, SealedEarlier, StoredStream, canonical_event, chain_next,
    chain_of, parse_hash, sha256_hex,
};
pub use error::StoreError;
pub use improvement::{
    DecisionOutcome, ImprovementCursor, ImprovementEventRow, ImprovementFilter, ImprovementItem,
    ImprovementPage, ImprovementRow, ImprovementStore, LinkedComplaint, PatternDecision,
    PatternSource, PatternSourcePage,
};
pub use mailbox::{
    MailboxDecision, MailboxDelivery, MailboxMessage, MailboxStatus, MailboxStore,
    NewMailboxMessage, ReplyAppend, UnreadReply,
};
pub use metrics::{MetricsStore, NextTerm, OutboxDepth, PoolUse};
pub use outbox::{
    NewOutboxMessage, OutboxCounts, OutboxKind, OutboxMessage, OutboxStatus, OutboxStore,
};
pub use postgres::PgStore;
pub use public::{
    Attachment, AttachmentInfo, NewAttachment, PublicService, PublicServiceChange, PublicStore,
    RateDecision, service_name_key,
};
pub use reminders::{CalendarFeed, OpenComplaintQuery, ReminderStore};
pub use reports::{ReportStore, StreamPage};
pub use rows::{
    ApiToken, ComplaintCounts, ComplaintFilter, ComplaintRow, Cursor, LoginFailures, NewUser, Page,
    RawEvent, Session, UserRecord,
};
pub use rows::{DueCursor, DuePage, FactsPage, FactsRow, FactsUpdate, StoredFacts};
pub use sqlite::SqliteStore;
pub use users::UserStore;
pub use views::{SavedView, ViewStore, view_name_key};
pub(crate) use work_queue::OPEN_STATUSES_SQL;
pub use work_queue::{
    ActionEvent, CLOSED_DUE_KEY, OPEN_DUE_KEY, OPEN_STATUSES, WorkQueueQuery, WorkQueueStore,
};

/// The default database: a SQLite file in the working folder.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://klacht.db";

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend of `url` by its scheme; any other scheme (`mysql://`)
    /// is refused with the ones that work. The error shows the scheme
    /// only: the URL may carry a password.
    pub fn of_url(url: &str) -> Result<Self, StoreError> {
        let Some((scheme, _)) = url.split_once(':') else {
            // A bare path, as sqlx reads it: a SQLite file.
            return Ok(Backend::Sqlite);
        };
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            other => Err(StoreError::Url(format!(
                "'{other}://' wordt niet ondersteund; gebruik sqlite://pad/naar/klacht.db \
                 (SQLite) of postgres://gebruiker@host/database (PostgreSQL)"
            ))),
        }
    }
}

/// `url` as it may be shown in an error or a log: a password in it
/// (`postgres://user:secret@host/db`, or `?password=secret`) becomes `***`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:***@{host}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

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

/// The events for one existing stream and its new read-model row, for
/// [`ComplaintStore::append_many`].
#[derive(Debug, Clone)]
pub struct StreamAppend {
    pub expected_version: u64,
    pub events: Vec<RawEvent>,
    pub row: ComplaintRow,
}

/// Everything the application stores. Implemented by [`SqliteStore`] and
/// [`PgStore`]; the web layer, the jobs and the CLI are generic over it.
pub trait Store:
    ComplaintStore
    + UserStore
    + AdminStore
    + OutboxStore
    + PublicStore
    + ReminderStore
    + ReportStore
    + ImprovementStore
    + DossierStore
    + RetentionStore
    + AbsenceStore
    + WorkQueueStore
    + MailboxStore
    + ViewStore
    + MetricsStore
    + BulkStore
    + Clone
    + Send
    + Sync
    + 'static
{
    /// Brings the schema up to date.
    fn migrate(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// A cheap round trip, for readiness checks.
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Which database this is, for logs and the readiness answer.
    fn backend(&self) -> &'static str;
}

/// Converts an instant to the stored integer form.
pub(crate) fn micros(t: Timestamp) -> i64 {
    // i64 microseconds span ±292,000 years; jiff's range is smaller.
    t.as_microsecond()
}

pub(crate) fn from_micros(v: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_microsecond(v).map_err(|e| StoreError::Corrupt(format!("timestamp {v}: {e}")))
}

#[cfg(test)]
mod redact_url_tests {
    use super::redact_url;

    #[test]
    fn a_password_never_shows() {
        assert_eq!(
            redact_url("postgres://klacht:geheim@db.example:5432/klacht?sslmode=require"),
            "postgres://klacht:***@db.example:5432/klacht?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://klacht:p@ss@db/klacht"),
            "postgres://klacht:***@db/klacht"
        );
        assert_eq!(
            redact_url("postgres://db/klacht?user=k&password=geheim&sslmode=require"),
            "postgres://db/klacht?user=k&password=***&sslmode=require"
        );
    }

    #[test]
    fn a_url_without_password_stays() {
        for url in [
            "postgres://postgres@127.0.0.1/test",
            "sqlite://klacht.db",
            "klacht.db",
        ] {
            assert_eq!(redact_url(url), url);
        }
    }
}
