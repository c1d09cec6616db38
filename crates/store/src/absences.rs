//! Absences of staff (issue 12, item 7): see `sql/absences.rs` and the
//! stand-in rule in [`klacht_domain::absence`].

use std::future::Future;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::absence::Absence;

use crate::{AuditEntry, NewOutboxMessage, StoreError};

/// How an absence is ended before its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbsenceEnd {
    /// Not yet begun (or begun today): the absence is removed.
    Remove,
    /// Begun: it now ends on this day (the person is back the day after).
    EndOn(Date),
}

/// Recorded absences; every change with its log entry (Logboek) in the
/// same transaction.
pub trait AbsenceStore: Send + Sync {
    /// Stores a new absence with `audit` and, when it starts today, the
    /// handover alert (`absence.alerted_at` set), in one transaction.
    fn record_absence(
        &self,
        absence: &Absence,
        audit: &AuditEntry,
        outbox: &[NewOutboxMessage],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The absences that end on or after `day` (current and planned), of
    /// everyone, by start.
    fn absences_from(
        &self,
        day: Date,
    ) -> impl Future<Output = Result<Vec<Absence>, StoreError>> + Send;

    fn absence(
        &self,
        id: uuid::Uuid,
    ) -> impl Future<Output = Result<Option<Absence>, StoreError>> + Send;

    /// Ends or removes an absence, with `audit`; [`StoreError::NotFound`]
    /// when it is gone.
    fn end_absence(
        &self,
        id: uuid::Uuid,
        end: AbsenceEnd,
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Marks an absence as alerted and queues its alert, in one
    /// transaction; false (and nothing queued) when it was alerted before,
    /// by an earlier pass or another instance.
    fn mark_absence_alerted(
        &self,
        id: uuid::Uuid,
        at: Timestamp,
        outbox: &[NewOutboxMessage],
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
}
