//! Saved views (issue 15 §6): the quality manager and the director keep a
//! filter of the overview under a name, listed on `/overzicht` as links.
//! Per user; a save and a delete each go into the Logboek.

use jiff::Timestamp;
use klacht_domain::{Refusal, RefusalCode as Code, Role, User};
use klacht_store::{AuditEntry, SavedView, Store, StoreError};

/// Longest name of a view, in characters.
pub const MAX_NAME: usize = 80;

/// Who keeps views: those who see the overview.
pub fn may_keep(user: &User) -> bool {
    matches!(user.role, Role::QualityManager | Role::Director)
}

/// A view's name as typed, checked: not blank, not too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewName(String);

impl ViewName {
    pub fn parse(raw: &str) -> Result<Self, ViewError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(ViewError::Invalid(Code::ViewNameMissing.into()));
        }
        if name.chars().count() > MAX_NAME {
            return Err(ViewError::Invalid(
                Code::ViewNameTooLong.text("max", MAX_NAME),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(ViewError::Invalid(Code::ViewNameCharacters.into()));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error("Weergaven zijn er voor de kwaliteitsmanager en de directeur.")]
    NotAllowed,
    #[error("{0}")]
    Invalid(Refusal),
    /// The user already has a view by this name.
    #[error("U heeft al een weergave met de naam '{0}'. Kies een andere naam.")]
    Exists(String),
    #[error("niet gevonden")]
    NotFound,
    #[error(transparent)]
    Store(StoreError),
}

impl ViewError {
    /// What a refused save or delete says, for the edges to word in the
    /// reader's language; `None` for what is no refusal.
    pub fn refusal(&self) -> Option<Refusal> {
        match self {
            ViewError::NotAllowed => Some(Code::ViewOnlyQualityDirector.into()),
            ViewError::Invalid(r) => Some(r.clone()),
            ViewError::Exists(name) => Some(Code::ViewExists.text("name", name)),
            ViewError::NotFound | ViewError::Store(_) => None,
        }
    }
}

fn audit(by: &User, at: Timestamp, kind: &str, name: &str, details: String) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor: Some(by.id),
        actor_name: by.name.clone(),
        kind: kind.into(),
        subject: format!("weergave '{name}'"),
        details,
    }
}

/// Saves `query` (the overview's filters as a query string) as `by`'s view
/// `name`.
pub async fn save<S: Store>(
    store: &S,
    by: &User,
    name: &str,
    query: &str,
    at: Timestamp,
) -> Result<SavedView, ViewError> {
    if !may_keep(by) {
        return Err(ViewError::NotAllowed);
    }
    let name = ViewName::parse(name)?;
    let view = SavedView {
        id: uuid::Uuid::now_v7(),
        user: by.id,
        name: name.as_str().to_owned(),
        query: query.trim().trim_start_matches('?').to_owned(),
        created_at: at,
    };
    let details = if view.query.is_empty() {
        "Weergave van het overzicht opgeslagen, zonder filters".to_owned()
    } else {
        format!("Weergave van het overzicht opgeslagen: {}", view.query)
    };
    let entry = audit(by, at, "view.saved", &view.name, details);
    match store.save_view(&view, &entry).await {
        Ok(()) => Ok(view),
        Err(StoreError::Duplicate { constraint }) if constraint == "saved_views_user_name_key" => {
            Err(ViewError::Exists(view.name))
        }
        Err(e) => Err(ViewError::Store(e)),
    }
}

/// `by`'s views, by name.
pub async fn list<S: Store>(store: &S, by: &User) -> Result<Vec<SavedView>, StoreError> {
    if !may_keep(by) {
        return Ok(Vec::new());
    }
    store.saved_views(by.id).await
}

/// Deletes `by`'s view `id`; another user's view is [`ViewError::NotFound`],
/// exactly as one that does not exist.
pub async fn delete<S: Store>(
    store: &S,
    by: &User,
    id: uuid::Uuid,
    at: Timestamp,
) -> Result<SavedView, ViewError> {
    if !may_keep(by) {
        return Err(ViewError::NotAllowed);
    }
    let view = store
        .saved_views(by.id)
        .await
        .map_err(ViewError::Store)?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or(ViewError::NotFound)?;
    let entry = audit(
        by,
        at,
        "view.deleted",
        &view.name,
        "Weergave van het overzicht verwijderd".into(),
    );
    match store.delete_view(by.id, id, &entry).await {
        Ok(()) => Ok(view),
        Err(StoreError::NotFound) => Err(ViewError::NotFound),
        Err(e) => Err(ViewError::Store(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(
            ViewName::parse("  Te laat ").expect("name").as_str(),
            "Te laat"
        );
        assert!(ViewName::parse("   ").is_err());
        assert!(ViewName::parse(&"x".repeat(MAX_NAME + 1)).is_err());
        assert!(ViewName::parse("a\nb").is_err());
    }
}
