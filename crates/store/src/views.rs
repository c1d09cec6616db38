//! Saved views (issue 15 §6): a named filter of the overview, per user.
//! Every save and delete is written with its Logboek entry in one
//! transaction.

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::UserId;

use crate::{AuditEntry, StoreError};

/// One saved filter of `/overzicht`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub id: uuid::Uuid,
    pub user: UserId,
    pub name: String,
    /// The filter's query string, as `/overzicht` reads it (no `?`).
    pub query: String,
    pub created_at: Timestamp,
}

/// The key that makes a view's name unique for its user: trimmed, lower
/// case.
pub fn view_name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

pub trait ViewStore: Send + Sync {
    /// Stores a new view with `audit`. A name the user already has is
    /// [`StoreError::Duplicate`] with constraint `saved_views_user_name_key`.
    fn save_view(
        &self,
        view: &SavedView,
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The user's views, by name.
    fn saved_views(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<Vec<SavedView>, StoreError>> + Send;

    /// Deletes the user's view `id` with `audit`; [`StoreError::NotFound`]
    /// when the user has no such view (another user's view included).
    fn delete_view(
        &self,
        user: UserId,
        id: uuid::Uuid,
        audit: &AuditEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}
