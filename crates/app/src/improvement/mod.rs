//! Structural complaints (DESIGN §6): classification of complaints from
//! the administrator's lists, detection of patterns over them, the quality
//! manager's decisions about patterns, and improvement actions
//! (verbeteracties). The rules are the domain's (`klacht_domain::patterns`,
//! `klacht_domain::improvement`); this module reads and writes the store.

mod actions;
mod cache;
mod classification;
mod patterns;

use klacht_domain::Refusal;
use klacht_domain::improvement::ImprovementError;
use klacht_store::StoreError;

use crate::complaints::ServiceError;

pub use actions::{
    ActionInput, ActionView, HistoryLine, change_status, close, create, list, load, resolve_number,
};
pub use cache::{PATTERNS_MAX_AGE, PatternCache};
pub(crate) use classification::from_the_lists;
pub use classification::{Lists, NotOnList, check_intake};
pub use patterns::{
    Dismissal, FlaggedPattern, decisions_since, dismiss, facts, fingerprint, open_patterns,
};

#[derive(Debug, thiserror::Error)]
pub enum ImprovementServiceError {
    /// The domain refused: the message is for the user as it is.
    #[error(transparent)]
    Refused(#[from] ImprovementError),
    #[error("verbeteractie niet gevonden")]
    NotFound,
    #[error(transparent)]
    Store(StoreError),
    #[error(transparent)]
    Complaints(#[from] ServiceError),
    /// Stored data that no longer reads: a bug or tampering.
    #[error("opgeslagen verbetergegevens zijn onleesbaar: {0}")]
    Corrupt(String),
}

impl From<StoreError> for ImprovementServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ImprovementServiceError::NotFound,
            other => ImprovementServiceError::Store(other),
        }
    }
}

fn not_allowed(refusal: impl Into<Refusal>) -> ImprovementServiceError {
    ImprovementServiceError::Refused(ImprovementError::NotAllowed(refusal.into()))
}

fn invalid(field: &'static str, refusal: impl Into<Refusal>) -> ImprovementServiceError {
    ImprovementServiceError::Refused(ImprovementError::Invalid {
        field,
        refusal: refusal.into(),
    })
}

fn wrong_state(refusal: impl Into<Refusal>) -> ImprovementServiceError {
    ImprovementServiceError::Refused(ImprovementError::WrongState(refusal.into()))
}
