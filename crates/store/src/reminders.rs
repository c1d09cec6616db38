//! Plain data of the deadline engine's queries and the calendar feeds
//! (issue 4): see `sql/reminders.rs`.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::UserId;

use crate::DueCursor;

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
