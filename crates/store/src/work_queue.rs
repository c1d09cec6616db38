//! What the start page's work queue ("Wacht op mij") reads: the open
//! complaints a person has to do with, and the agreed actions of open
//! complaints. The application decides what waits for whom
//! (`klacht_app::work_queue`); see `sql/work_queue.rs`.

use std::future::Future;

use klacht_domain::{ReferenceNumber, UserId};

use crate::{ComplaintRow, RawEvent, StoreError};

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
/// the complaint's reference and handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionEvent {
    pub reference: ReferenceNumber,
    pub handler: Option<UserId>,
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

    /// The action events of every open complaint, in stream order, in one
    /// query. Closed complaints have no open actions (closing needs every
    /// action done), so their events are never read.
    fn open_action_events(
        &self,
    ) -> impl Future<Output = Result<Vec<ActionEvent>, StoreError>> + Send;
}
