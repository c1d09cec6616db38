//! What the administrator (beheerder) keeps: the lists of categories and
//! root causes, changes to users and settings, and the log of every such
//! change. Each change is written together with its log entry, in one
//! transaction ([`crate::Store::admin_change`]).

use crate::{ComplaintCounts, StoreError};
use std::future::Future;

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use klacht_domain::{ParseError, RefusalCode, Role, UserId};

use crate::NewUser;

/// The configurable lists of DESIGN §6: every complaint gets a category and
/// a root cause from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListKind {
    /// categorie
    Category,
    /// oorzaak (root cause)
    Cause,
}

impl ListKind {
    pub const ALL: [ListKind; 2] = [ListKind::Category, ListKind::Cause];

    /// The identifier in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Category => "category",
            ListKind::Cause => "cause",
        }
    }

    /// The Dutch name of one value of the list.
    pub fn label(self) -> &'static str {
        match self {
            ListKind::Category => "categorie",
            ListKind::Cause => "oorzaak",
        }
    }

    /// The Dutch name of the list.
    pub fn plural(self) -> &'static str {
        match self {
            ListKind::Category => "Categorieën",
            ListKind::Cause => "Oorzaken",
        }
    }
}

impl fmt::Display for ListKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ListKind {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ListKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| ParseError::new(RefusalCode::UnknownList.text("input", s.trim())))
    }
}

/// One value of a list. Values are renamed or deactivated, never deleted:
/// complaints keep the name they were given (it is part of their events).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListValue {
    pub id: uuid::Uuid,
    pub kind: ListKind,
    pub name: String,
    /// Inactive values are no longer offered for new complaints.
    pub active: bool,
    /// Sort order within the list.
    pub position: i32,
}

/// The key that makes names unique within a list: trimmed, lower case.
pub fn list_name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// One change by the administrator. [`crate::Store::admin_change`] writes it
/// and its [`AuditEntry`] in one transaction, so nothing changes unlogged.
#[derive(Debug, Clone)]
pub enum AdminChange {
    CreateUser(NewUser),
    UpdateUser {
        id: UserId,
        role: Role,
        manager: Option<UserId>,
    },
    /// Deactivating also ends the user's sessions.
    SetUserActive {
        id: UserId,
        active: bool,
    },
    /// Forgets the sign-in attempts of an account, its own and those of
    /// every address, lifting any lock.
    UnlockSignIn {
        email: klacht_domain::Email,
    },
    AddListValue {
        kind: ListKind,
        id: uuid::Uuid,
        name: String,
    },
    RenameListValue {
        kind: ListKind,
        id: uuid::Uuid,
        name: String,
    },
    SetListValueActive {
        kind: ListKind,
        id: uuid::Uuid,
        active: bool,
    },
    /// Compare-and-swap of a setting: writes `value` only when the stored
    /// value is still `expected` (`None`: no value yet); otherwise
    /// [`crate::StoreError::Conflict`] and nothing is written.
    SwapSetting {
        key: String,
        expected: Option<String>,
        value: String,
    },
    /// The quality manager puts a failed outbox message back in the queue
    /// with fresh attempts, due at `at`; [`crate::StoreError::NotFound`]
    /// when it is not (or no longer) failed.
    RequeueOutbox {
        id: uuid::Uuid,
        at: Timestamp,
    },
}

/// A line of the administrator's log (Logboek): who changed what, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: uuid::Uuid,
    pub at: Timestamp,
    /// The administrator; none for changes made outside the web app.
    pub actor: Option<UserId>,
    /// The actor's name at the time, so the log reads without joins.
    pub actor_name: String,
    /// A stable identifier of the change, e.g. `user.created`.
    pub kind: String,
    /// What was changed, e.g. an e-mail address or a category's name.
    pub subject: String,
    /// What the change was, in Dutch.
    pub details: String,
}

/// Where a page of the log ends: the sort key of its last entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditCursor {
    pub at: Timestamp,
    pub id: uuid::Uuid,
}

impl AuditCursor {
    pub fn encode(&self) -> String {
        format!("{}_{}", self.at.as_microsecond(), self.id)
    }

    pub fn decode(s: &str) -> Option<AuditCursor> {
        let (at, id) = s.split_once('_')?;
        Some(AuditCursor {
            at: Timestamp::from_microsecond(at.parse().ok()?).ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// One page of the log, newest first.
#[derive(Debug, Clone)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub next: Option<AuditCursor>,
}

/// Settings, the administrator's lists and changes (Beheer) and the
/// overview's counts.
pub trait AdminStore: Send + Sync {
    fn setting(&self, key: &str)
    -> impl Future<Output = Result<Option<String>, StoreError>> + Send;

    fn put_setting(
        &self,
        key: &str,
        value: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

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
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        self.admin_change_with(change, audit, &[])
    }

    /// [`AdminStore::admin_change`] that also queues `outbox` in the same
    /// transaction (the handover alert when an account is deactivated).
    fn admin_change_with(
        &self,
        change: &AdminChange,
        audit: &AuditEntry,
        outbox: &[crate::NewOutboxMessage],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// One page of the administrator's log, newest first.
    fn admin_log(
        &self,
        after: Option<AuditCursor>,
        limit: u32,
    ) -> impl Future<Output = Result<AuditPage, StoreError>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_kinds_round_trip() {
        for k in ListKind::ALL {
            assert_eq!(k.as_str().parse::<ListKind>(), Ok(k));
        }
        assert!("colour".parse::<ListKind>().is_err());
    }

    #[test]
    fn audit_cursors_round_trip() {
        let c = AuditCursor {
            at: Timestamp::from_second(1_777_000_000).expect("in range"),
            id: uuid::Uuid::nil(),
        };
        assert_eq!(AuditCursor::decode(&c.encode()), Some(c));
        assert_eq!(AuditCursor::decode("x_y"), None);
    }

    #[test]
    fn name_keys_ignore_case_and_spaces() {
        assert_eq!(list_name_key("  Planning "), "planning");
    }
}
