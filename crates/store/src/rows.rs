//! The plain data the store reads and writes.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Role, User, UserId};

/// A staff account to create. The password hash is made by the caller
/// (argon2id, off the async threads).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: UserId,
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub manager: Option<UserId>,
    pub password_hash: Option<String>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub user: User,
    pub password_hash: Option<String>,
    pub active: bool,
    pub created_at: Timestamp,
    /// The language they chose for pages and mail; `None`: their
    /// browser's decides, and mail is Dutch.
    pub language: Option<klacht_domain::Language>,
}

/// A signed-in browser. The cookie holds the token; the database only
/// its SHA-256 hash, so a copy of the database signs nobody in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub user_id: UserId,
    /// The per-session secret every form posts back (CSRF protection).
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// Recent failed sign-ins for one e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailures {
    pub failures: u32,
    pub first_failure_at: Timestamp,
    pub locked_until: Option<Timestamp>,
}

/// A bearer token for the API, stored hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: uuid::Uuid,
    pub user_id: UserId,
    pub token_hash: String,
    pub created_at: Timestamp,
}

/// One stored event, as the store sees it: who, when, what kind, and the
/// event itself as JSON. The application turns it into a domain event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    pub complaint_id: ComplaintId,
    pub seq: u64,
    pub at: Timestamp,
    pub actor: String,
    pub kind: String,
    pub data: String,
}

/// The list read model of one complaint, kept current with every append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintRow {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    /// Seq of the last event.
    pub version: u64,
    pub kind: String,
    pub status: String,
    pub channel: String,
    pub received_at: Timestamp,
    pub received_by: Option<UserId>,
    pub responsible_manager: Option<UserId>,
    pub handler: Option<UserId>,
    pub complainant_name: String,
    pub service: Option<String>,
    pub category: Option<String>,
    /// The start of the description, for lists and text search.
    pub summary: String,
    /// The next step that is due, and its term; none when nothing is due.
    pub next_step: Option<String>,
    pub next_due: Option<Date>,
    pub report_due: Date,
    pub contact_due: Date,
    pub offer_due: Date,
    pub record_due: Date,
    pub closed_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    /// Everyone connected to the complaint (registrant, responsible
    /// manager, handler, assistants, owners of agreed actions): who may
    /// find it in their lists.
    pub participants: Vec<UserId>,
    /// The complaint's report facts, written with the row (migration
    /// 0027). Not read back by the list queries: `None` on rows the store
    /// returns; [`crate::ReportStore::report_facts`] reads them.
    pub facts: Option<StoredFacts>,
}

/// A complaint's report facts as the application serialised them, opaque
/// to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFacts {
    /// What they were computed on (calendar and facts version): facts with
    /// another key than the current one are stale.
    pub key: String,
    pub data: String,
}

/// One complaint's stored facts for a report, `None` when the row has none
/// (written before migration 0027) or they were computed on another key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactsRow {
    pub id: ComplaintId,
    pub version: u64,
    pub received_at: Timestamp,
    pub facts: Option<String>,
}

/// A page of [`FactsRow`]s in order of receipt; `next` continues after
/// the last one, none on the last page.
#[derive(Debug, Clone, Default)]
pub struct FactsPage {
    pub rows: Vec<FactsRow>,
    pub next: Option<Cursor>,
}

/// Facts computed afresh for a row at `version` (the backfill).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactsUpdate {
    pub id: ComplaintId,
    pub version: u64,
    pub facts: StoredFacts,
}

/// Where a page of a keyset-paginated list ends: the sort key of its last
/// row. Opaque to users (rendered as a string in links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub received_at: Timestamp,
    pub id: ComplaintId,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}_{}", self.received_at.as_microsecond(), self.id)
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let (at, id) = s.split_once('_')?;
        Some(Cursor {
            received_at: Timestamp::from_microsecond(at.parse().ok()?).ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// Filters for the complaint list. `visible_to` restricts the list to the
/// complaints a user is connected to (object-level authorisation); `None`
/// means every complaint and is for roles that may see everything.
#[derive(Debug, Clone, Default)]
pub struct ComplaintFilter {
    pub visible_to: Option<UserId>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub handler: Option<UserId>,
    /// Case-insensitive text in reference, complainant, summary or service.
    pub text: Option<String>,
    pub received_from: Option<Timestamp>,
    pub received_before: Option<Timestamp>,
    pub after: Option<Cursor>,
    pub limit: u32,
    // --- overview (Overzicht) filters -----------------------------------
    pub category: Option<String>,
    /// The team: complaints whose responsible manager this is.
    pub responsible_manager: Option<UserId>,
    /// The next step that is due (`report`, `contact`, `offer`, `record`).
    pub next_step: Option<String>,
    /// Term status through the next step's term: rows whose `next_due` is
    /// on or after / on or before these dates (rows without one never
    /// match). Overdue is `next_due_to = today - 1`, due today is both
    /// bounds on today, on time is `next_due_from = today + 1`.
    pub next_due_from: Option<Date>,
    pub next_due_to: Option<Date>,
    /// `Some(true)`: only what is not closed (signals included: they can
    /// still become a complaint); `Some(false)`: only closed complaints.
    pub open: Option<bool>,
}

/// Aggregates for the overview (Overzicht), counted by the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComplaintCounts {
    /// Every status present, with its number of rows (signals included).
    pub by_status: Vec<(String, u64)>,
    /// Per step, the open complaints whose next step's term has passed.
    pub overdue_by_step: Vec<(String, u64)>,
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The cursor for the next page; none on the last page.
    pub next: Option<Cursor>,
}

// --- staff pages: Mijn klachten ------------------------------------------

/// Where a page of "my complaints" ends: the next term of its last row
/// (none sorts last) and its id. Opaque to users (a string in links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueCursor {
    pub next_due: Option<Date>,
    pub id: ComplaintId,
}

impl DueCursor {
    pub fn encode(&self) -> String {
        match self.next_due {
            Some(d) => format!("{d}_{}", self.id),
            None => format!("-_{}", self.id),
        }
    }

    pub fn decode(s: &str) -> Option<DueCursor> {
        let (due, id) = s.split_once('_')?;
        let next_due = match due {
            "-" => None,
            d => Some(d.parse().ok()?),
        };
        Some(DueCursor {
            next_due,
            id: id.parse().ok()?,
        })
    }
}

/// One page of "my complaints", soonest term first.
#[derive(Debug, Clone)]
pub struct DuePage {
    pub items: Vec<ComplaintRow>,
    /// The cursor for the next page; none on the last page.
    pub next: Option<DueCursor>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_cursor_round_trips_with_and_without_a_term() {
        let id = ComplaintId::new(uuid::Uuid::nil());
        for next_due in [None, Some(jiff::civil::date(2026, 4, 29))] {
            let c = DueCursor { next_due, id };
            assert_eq!(DueCursor::decode(&c.encode()), Some(c));
        }
        assert_eq!(DueCursor::decode("2026-13-01_x"), None);
        assert_eq!(DueCursor::decode("nonsense"), None);
    }

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = Cursor {
            received_at: Timestamp::from_second(1_777_000_000).expect("in range"),
            id: ComplaintId::new(uuid::Uuid::nil()),
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        assert_eq!(Cursor::decode("nonsense"), None);
        assert_eq!(Cursor::decode("12_not-a-uuid"), None);
    }
}
