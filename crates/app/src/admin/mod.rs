//! Administration (beheer): users and teams, the lists of categories and
//! root causes, and the working calendar. Every change is validated here,
//! then written by the store together with its log entry (who, when, what),
//! in one transaction.

mod calendar;
mod lists;
mod users;

use jiff::Timestamp;
use klacht_domain::{Refusal, Role, User};
use klacht_store::{AuditEntry, StoreError};

use crate::password::PasswordError;

pub use calendar::{add_closing_day, parse_day, remove_closing_day, set_calendar_options};
pub use lists::{add_list_value, parse_value_id, rename_list_value, set_list_value_active};
pub use users::{
    Handover, UserInput, create_user, set_user_active, take_provider_role, unlock_sign_in,
    update_user,
};

/// The longest name of a user or list value.
pub const MAX_NAME: usize = 120;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// Input that cannot be used; the message is for the user as it is.
    #[error("{0}")]
    Invalid(String),
    /// Input that cannot be used, in words of any language (a value that
    /// did not parse).
    #[error("{0}")]
    Refused(Refusal),
    /// Only the administrator may change these things.
    #[error("Alleen de beheerder mag dit wijzigen.")]
    NotAdmin,
    #[error("niet gevonden")]
    NotFound,
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AdminError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AdminError::NotFound,
            other => AdminError::Store(other),
        }
    }
}

fn invalid(msg: impl Into<String>) -> AdminError {
    AdminError::Invalid(msg.into())
}

fn require_admin(by: &User) -> Result<(), AdminError> {
    if by.role == Role::Admin {
        Ok(())
    } else {
        Err(AdminError::NotAdmin)
    }
}

fn entry(by: &User, at: Timestamp, kind: &str, subject: &str, details: String) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor: Some(by.id),
        actor_name: by.name.clone(),
        kind: kind.into(),
        subject: subject.into(),
        details,
    }
}

fn name(what: &str, raw: &str) -> Result<String, AdminError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(invalid(format!("{what} ontbreekt.")));
    }
    if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(invalid(format!(
            "{what} mag hoogstens {MAX_NAME} gewone tekens hebben."
        )));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            name("De naam", "  Anna   de  Vries ").ok(),
            Some("Anna de Vries".into())
        );
        assert!(name("De naam", "   ").is_err());
        assert!(name("De naam", &"x".repeat(MAX_NAME + 1)).is_err());
    }
}
