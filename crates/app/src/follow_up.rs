//! The open agreed actions with a due date (issue 12, item 6), for the
//! deadline engine's reminders and digests and for the calendar feeds.
//!
//! Read from the action events of the open complaints that agreed an
//! action (the store finds those complaints by a partial index of the open
//! ones, and their action events by a partial index of those kinds; closed
//! complaints are never read, and have no open actions anyway), a page of
//! [`PAGE`] complaints per query, folded by
//! [`OpenAction::from_action_events`]. A complaint whose events do not
//! parse is logged and left out, so that one damaged complaint does not
//! silence everyone's reminders.

use klacht_domain::reminders::actions::OpenAction;
use klacht_store::{Store, StoreError};

/// Complaints read per query.
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
        let events = store.action_events_of(&ids).await?;
        for complaint in events.chunk_by(|a, b| a.event.complaint_id == b.event.complaint_id) {
            let Some(first) = complaint.first() else {
                continue;
            };
            let id = first.event.complaint_id;
            match complaint
                .iter()
                .map(|e| crate::complaints::from_raw(&e.event))
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(recorded) => out.actions.extend(OpenAction::from_action_events(
                    id,
                    first.reference,
                    first.handler,
                    first.responsible_manager,
                    &recorded,
                )),
                Err(e) => {
                    out.unreadable += 1;
                    tracing::error!(complaint = %id, error = %e, "action events unreadable; no action reminders");
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
