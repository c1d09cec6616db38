//! The complaint streams.

use std::future::Future;

use klacht_domain::{ComplaintId, ReferenceNumber, UserId};

use crate::{
    ComplaintFilter, ComplaintRow, DueCursor, DuePage, NewOutboxMessage, NewStream, Page, RawEvent,
    StoreError,
};

/// The complaint streams: intake, appends under optimistic concurrency,
/// loading, and the lists of the staff pages and the API.
pub trait ComplaintStore: Send + Sync {
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

    /// As [`ComplaintStore::create_complaint`], for a `build` that owns
    /// what it needs and hands back, beside the stream, something of its
    /// own (the folded complaint). On SQLite the intake is committed
    /// together with the other writes queued at that moment (group commit,
    /// one fsync for all), in a savepoint of its own: a refused `build` or
    /// a failed statement touches no other write, and the answer comes
    /// only after the commit. On PostgreSQL the intakes queued at that
    /// moment are committed together the same way (they would otherwise
    /// wait for each other on the year's counter, one commit at a time).
    fn create_complaint_grouped<F, T, E>(
        &self,
        year: i16,
        build: F,
    ) -> impl Future<Output = Result<Result<(ComplaintRow, T), E>, StoreError>> + Send
    where
        F: FnOnce(ReferenceNumber) -> Result<(NewStream, T), E> + Send + 'static,
        T: Send + 'static,
        E: Send + 'static;

    /// Appends `events` to a stream whose last seq is `expected_version`,
    /// replaces its read-model row and queues the `outbox` messages the
    /// change causes, in one transaction. When another
    /// writer got there first, nothing is written and
    /// [`StoreError::Conflict`] tells the caller to reload and retry.
    /// An appended `registered_in_exact` event (the id entered by hand, or
    /// recorded by delivery) marks the complaint's registration that still
    /// waits in the outbox sent, in the same transaction: it must not be
    /// sent or exported a second time.
    fn append(
        &self,
        expected_version: u64,
        events: &[RawEvent],
        row: &ComplaintRow,
        outbox: &[NewOutboxMessage],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Appends to several streams in one transaction, all or nothing: a
    /// link between two complaints (an event on each) and a handover of
    /// someone's work. Each stream is checked against its own expected
    /// version, as in [`ComplaintStore::append`].
    fn append_many(
        &self,
        changes: &[crate::StreamAppend],
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

    /// The open complaints (not signals, not closed) with an event of type
    /// `kind` whose stored data contains `needle` literally (e.g. a user
    /// id), oldest receipt first. The caller folds them to see whether
    /// the event still matters; this only narrows the search.
    fn open_complaints_with_event(
        &self,
        kind: &str,
        needle: &str,
    ) -> impl Future<Output = Result<Vec<ComplaintRow>, StoreError>> + Send;

    /// One page of the complaints `user` is connected to (registrant,
    /// responsible manager, handler, assistant) that match `filter` (the
    /// same conditions as [`ComplaintStore::list_complaints`]; its `limit`
    /// is the page size, its `after` is not used), soonest next term first
    /// and those without a term last, then by id; keyset-paginated after
    /// `after`.
    fn list_participating(
        &self,
        user: UserId,
        filter: &ComplaintFilter,
        after: Option<DueCursor>,
    ) -> impl Future<Output = Result<DuePage, StoreError>> + Send;
}
