//! Files staff add to a complaint after intake (issue 15 §7).

use super::{AddedFile, Complaint, ComplaintError, Event, FilesAdded};
use crate::attachment::MAX_FILES;
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
        return Err(ComplaintError::NotAllowed(
            "U mag geen bijlagen toevoegen aan deze klacht.".into(),
        ));
    }
    if c.is_closed() {
        return Err(ComplaintError::WrongState(
            "De klacht is afgesloten en opgeborgen; er kunnen geen bijlagen meer bij.".into(),
        ));
    }
    if files.is_empty() {
        return Err(ComplaintError::invalid(
            "Kies een bestand om toe te voegen.",
        ));
    }
    if files.len() > MAX_FILES {
        return Err(ComplaintError::invalid(format!(
            "U kunt hoogstens {MAX_FILES} bestanden tegelijk toevoegen."
        )));
    }
    Ok(vec![Event::FilesAdded(FilesAdded { files })])
}
