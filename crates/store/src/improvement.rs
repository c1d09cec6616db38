//! What the store keeps for structural complaints (DESIGN §6): the facts
//! pattern detection reads, the quality manager's decisions about
//! patterns, and improvement actions (verbeteracties) with their history.

use std::future::Future;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::{ComplaintId, ReferenceNumber, UserId};

use crate::{RawEvent, StoreError};

/// One complaint as pattern detection reads it: the read model's
/// category and service, and its intake events (`registered`, and the
/// `corrected` ones that may replace intake) for the involved employees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternSource {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    pub received_at: Timestamp,
    pub category: Option<String>,
    pub service: Option<String>,
    /// In seq order.
    pub events: Vec<RawEvent>,
}

/// A page of [`PatternSource`]s; `next` continues after its last one.
#[derive(Debug, Clone, Default)]
pub struct PatternSourcePage {
    pub sources: Vec<PatternSource>,
    pub next: Option<crate::Cursor>,
}

/// What was decided about a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionOutcome {
    /// Not structural, with the reason.
    Dismissed { reason: String },
    /// An improvement action was opened for it.
    Acted { action: uuid::Uuid },
}

impl DecisionOutcome {
    pub fn as_str(&self) -> &'static str {
        match self {
            DecisionOutcome::Dismissed { .. } => "dismissed",
            DecisionOutcome::Acted { .. } => "acted",
        }
    }
}

/// A decision about a pattern, with the complaints it covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternDecision {
    pub id: uuid::Uuid,
    /// `category:planning`, `service:thuiszorg`, `team:<manager id>`.
    pub key: String,
    /// The value as shown then ("Planning", a manager's name).
    pub label: String,
    pub window_from: Date,
    pub window_to: Date,
    pub outcome: DecisionOutcome,
    pub decided_by: UserId,
    /// The name at the time, so the history reads without joins.
    pub decided_by_name: String,
    pub decided_at: Timestamp,
    pub complaints: Vec<ComplaintId>,
}

/// An improvement action's current state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImprovementRow {
    pub id: uuid::Uuid,
    /// The year of its number (V-2026-0003); the number itself is handed
    /// out by [`crate::Store::create_improvement_action`].
    pub year: i16,
    pub number: u32,
    pub title: String,
    pub description: String,
    pub owner: UserId,
    pub due_on: Date,
    /// `open`, `in_progress` or `done`.
    pub status: String,
    pub evaluation: Option<String>,
    pub pattern_key: Option<String>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    /// The number of its events.
    pub version: u64,
    pub complaints: Vec<ComplaintId>,
}

/// A linked complaint as lists show it, from the complaints' read model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedComplaint {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    pub status: String,
    pub category: Option<String>,
}

/// An action with its linked complaints, oldest receipt first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImprovementItem {
    pub row: ImprovementRow,
    pub linked: Vec<LinkedComplaint>,
}

/// One change of an action: who, when, and the domain event as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImprovementEventRow {
    pub action_id: uuid::Uuid,
    /// 1-based.
    pub seq: u64,
    pub at: Timestamp,
    pub actor: Option<UserId>,
    pub actor_name: String,
    pub kind: String,
    pub data: String,
}

/// Where a page of actions ends: the sort key of its last row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImprovementCursor {
    pub created_at: Timestamp,
    pub id: uuid::Uuid,
}

impl ImprovementCursor {
    pub fn encode(&self) -> String {
        format!("{}_{}", self.created_at.as_microsecond(), self.id)
    }

    pub fn decode(s: &str) -> Option<ImprovementCursor> {
        let (at, id) = s.split_once('_')?;
        Some(ImprovementCursor {
            created_at: Timestamp::from_microsecond(at.parse().ok()?).ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// Which actions to list, newest first. `owner` restricts the list to
/// one owner's actions (object-level authorisation for owners).
#[derive(Debug, Clone, Default)]
pub struct ImprovementFilter {
    pub owner: Option<UserId>,
    pub status: Option<String>,
    /// Actions linked to this complaint.
    pub complaint: Option<ComplaintId>,
    /// Opened in `[created_from, created_before)`, e.g. one year.
    pub created_from: Option<Timestamp>,
    pub created_before: Option<Timestamp>,
    pub after: Option<ImprovementCursor>,
    pub limit: u32,
}

#[derive(Debug, Clone)]
pub struct ImprovementPage {
    pub items: Vec<ImprovementItem>,
    pub next: Option<ImprovementCursor>,
}

/// Patterns and improvement actions (DESIGN §7).
pub trait ImprovementStore: Send + Sync {
    /// The complaints (not signals) received at or after `received_from`,
    /// oldest first, after `after`, at most `limit` (1–2,000), with the
    /// events pattern detection reads: intake (`registered`) and the
    /// `corrected` ones, which may replace it. One query per page: a year
    /// of a large organisation's intake events does not fit in memory at
    /// once.
    fn pattern_sources(
        &self,
        received_from: Timestamp,
        after: Option<crate::Cursor>,
        limit: u32,
    ) -> impl Future<Output = Result<PatternSourcePage, StoreError>> + Send;

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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let c = ImprovementCursor {
            created_at: Timestamp::from_second(1_777_000_000).expect("in range"),
            id: uuid::Uuid::nil(),
        };
        assert_eq!(ImprovementCursor::decode(&c.encode()), Some(c));
        assert_eq!(ImprovementCursor::decode("1_x"), None);
    }
}
