//! Files staff add to a complaint after intake (issue 15 §7).

use super::{AddedFile, Complaint, ComplaintError, Event, FilesAdded};
use crate::attachment::MAX_FILES;
use crate::refusal::Code;
use crate::{User, permissions};

/// The event of `by` adding `files` (already accepted by
/// [`crate::attachment::accept`]) to `c`, or why not: only who may act on
/// the complaint, and not once it is filed (the dossier is sealed; a
/// reopening starts a new round that takes files again).
pub fn add_files(
    c: &Complaint,
    by: &User,
    files: Vec<AddedFile>,
) -> Result<Vec<Event>, ComplaintError> {
    if !permissions::may_add_files(by, c) {
        return Err(ComplaintError::not_allowed(Code::NoFilesAllowed));
    }
    if c.is_closed() {
        return Err(ComplaintError::wrong_state(Code::ClosedNoFiles));
    }
    if files.is_empty() {
        return Err(ComplaintError::invalid(Code::ChooseFile));
    }
    if files.len() > MAX_FILES {
        return Err(ComplaintError::invalid(
            Code::TooManyFiles.text("max", MAX_FILES),
        ));
    }
    Ok(vec![Event::FilesAdded(FilesAdded { files })])
}
