//! The open agreed actions with a due date (issue 12, item 6), for the
//! deadline engine's reminders and digests and for the calendar feeds.
//!
//! Read from the streams of the open complaints that agreed an action (the
//! store finds those by the `closed_at` index and the events' primary key;
//! closed complaints are never read, and have no open actions anyway), a
//! page of [`PAGE`] streams per query. The open complaints are the
//! complaints of a few weeks' work, so this stays small; a complaint whose
//! stream does not fold is logged and left out, so that one damaged
//! complaint does not silence everyone's reminders.

use klacht_domain::reminders::actions::OpenAction;
use klacht_store::{Store, StoreError};

/// Streams read per query.
pub const PAGE: u32 = 500;

/// The open actions with a due date, and how many complaints were left
/// out because their stream did not fold.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OpenActions {
    pub actions: Vec<OpenAction>,
    pub unreadable: u32,
}

/// Every open agreed action with a due date, of every open complaint.
pub async fn open_actions<S: Store>(store: &S) -> Result<OpenActions, StoreError> {
    let mut out = OpenActions::default();
    let mut after = None;
    loop {
        let ids = store.open_complaints_with_actions(after, PAGE).await?;
        for (id, events) in store.events_of(&ids).await? {
            match crate::complaints::replay(id, &events) {
                Ok(c) => out.actions.extend(OpenAction::of(&c)),
                Err(e) => {
                    out.unreadable += 1;
                    tracing::error!(complaint = %id, error = %e, "stream unreadable; no action reminders");
                }
            }
        }
        match ids.last() {
            Some(last) if ids.len() == PAGE as usize => after = Some(*last),
            _ => break,
        }
    }
    Ok(out)
}
