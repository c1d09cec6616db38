//! Plain data of the deadline engine's queries and the calendar feeds
//! (issue 4): see `sql/reminders.rs`.

use std::future::Future;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::{ComplaintId, UserId};

use crate::{AuditEntry, DueCursor, DuePage, StoreError, UserRecord};

/// Which open complaints (those with a next term) to read, soonest next
/// term first, keyset-paginated. Every filter narrows by an index on
/// `next_due`, so the cost follows the open complaints, never the closed.
#[derive(Debug, Clone, Default)]
pub struct OpenComplaintQuery {
    /// Only complaints whose next term is on or before this day.
    pub next_due_until: Option<Date>,
    /// Only complaints with one of their four terms in this inclusive range
    /// (the reminders' window).
    pub any_term_in: Option<(Date, Date)>,
    /// Only complaints this user handles or answers for as responsible
    /// manager (a calendar feed).
    pub responsible: Option<UserId>,
    pub after: Option<DueCursor>,
    /// At most 1000 a page.
    pub limit: u32,
}

/// A user's calendar feed, without its secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarFeed {
    pub user_id: UserId,
    pub created_at: Timestamp,
}

/// The open complaints the reminders read, and calendar feeds.
pub trait ReminderStore: Send + Sync {
    /// One page of open complaints (those with a next term), soonest next
    /// term first, narrowed by `query`: the deadline engine's candidates,
    /// the managers' digests and a user's calendar feed.
    fn open_complaints(
        &self,
        query: &OpenComplaintQuery,
    ) -> impl Future<Output = Result<DuePage, StoreError>> + Send;

    /// Up to `limit` open complaints (neither closed nor signals) that
    /// agreed an action with the complainant, by id after `after`: the
    /// candidates for the follow-up of agreed actions (issue 12), whose
    /// action events tell which actions are still open. Open complaints
    /// only, by their partial index (migration 0032).
    fn open_complaints_with_actions(
        &self,
        after: Option<ComplaintId>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<ComplaintId>, StoreError>> + Send;

    /// The action events (`action_agreed`, `action_completed`, `corrected`)
    /// of these complaints, each complaint's in stream order, with the
    /// complaint's reference, handler and responsible manager: what the
    /// follow-up needs of [`Self::open_complaints_with_actions`], without
    /// the rest of their streams (a partial index, migration 0030). One
    /// query per 500 ids; unknown ids are left out.
    fn action_events_of(
        &self,
        ids: &[ComplaintId],
    ) -> impl Future<Output = Result<Vec<crate::ActionEvent>, StoreError>> + Send;

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
}
