//! What the start page's work queue ("Wacht op mij") reads: the open
//! complaints a person has to do with, and the agreed actions of open
//! complaints. The application decides what waits for whom
//! (`klacht_app::work_queue`); see `sql/work_queue.rs`.

use std::future::Future;

use klacht_domain::{ReferenceNumber, UserId};

use crate::{ComplaintRow, RawEvent, StoreError};

/// The statuses of a complaint that is not finished: someone still has
/// to act on it.
pub const OPEN_STATUSES: [&str; 5] = [
    "awaiting_handler",
    "in_progress",
    "recorded",
    "escalated",
    "reopened",
];

/// [`OPEN_STATUSES`] as an SQL list.
pub(crate) const OPEN_STATUSES_SQL: &str =
    "('awaiting_handler', 'in_progress', 'recorded', 'escalated', 'reopened')";

/// The participants' sort key (`complaint_participants.due_key`) of an open
/// complaint without a term, after every real date.
pub const OPEN_DUE_KEY: &str = "9999-12-30";
/// The participants' sort key of a finished complaint (or a signal without
/// a term): after every open one, so a person's open complaints are the
/// index range below it.
pub const CLOSED_DUE_KEY: &str = "9999-12-31";

/// Which open complaints (not signals, not closed) to read for one
/// person's queue.
#[derive(Debug, Clone, Copy)]
pub struct WorkQueueQuery {
    /// Those the person is connected to: registrant, responsible
    /// manager, handler, assistant.
    pub participant: UserId,
    /// Also every complaint whose form waits to be closed (status
    /// `recorded`): the quality manager's.
    pub recorded: bool,
    /// Also every complaint with an external escalation under way (status
    /// `escalated`): the director's.
    pub escalated: bool,
}

/// An event about agreed actions (`action_agreed`, `action_completed`,
/// or a `corrected` one that may replace them) of an open complaint, with
/// the complaint's reference, handler and responsible manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionEvent {
    pub reference: ReferenceNumber,
    pub handler: Option<UserId>,
    pub responsible_manager: Option<UserId>,
    pub event: RawEvent,
}

pub trait WorkQueueStore: Send + Sync {
    /// The open complaints of `query`, each once, in one query; its parts
    /// are index searches (participants, status), never a scan of the
    /// closed complaints.
    fn work_queue_complaints(
        &self,
        query: &WorkQueueQuery,
    ) -> impl Future<Output = Result<Vec<ComplaintRow>, StoreError>> + Send;

    /// The action events of every open complaint `user` takes part in, in
    /// stream order, in one query: the owner of an action and the handler
    /// are participants. Closed complaints have no open actions (closing
    /// needs every action done), so their events are never read; the read
    /// is the person's open complaints (an index range) and, per complaint,
    /// its action events (a partial index, migration 0030).
    fn open_action_events(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<Vec<ActionEvent>, StoreError>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_list_names_the_open_statuses() {
        let listed = format!("('{}')", OPEN_STATUSES.join("', '"));
        assert_eq!(listed, OPEN_STATUSES_SQL);
    }
}
