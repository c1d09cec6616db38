//! Related complaints (issue 16): the same complainant or the same
//! incident, linked both ways. A link is a [`Event::Linked`] on *each*
//! stream, decided here for both at once, so that the two histories can
//! never disagree about it (the store writes both in one transaction).

use serde::{Deserialize, Serialize};

use super::event::Event;
use super::state::Stamped;
use super::validate::{self, LONG};
use super::values::LinkReason;
use super::{Complaint, ComplaintError};
use crate::permissions::can_view;
use crate::refusal::Code;
use crate::{ComplaintId, ReferenceNumber, Role, User};

/// One side of a link: the other complaint, why, and an optional note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub other: ComplaintId,
    /// Kept so that the history reads without loading the other stream.
    pub reference: ReferenceNumber,
    pub reason: LinkReason,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The removal of a link, on both streams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unlink {
    pub other: ComplaintId,
    pub reference: ReferenceNumber,
}

/// Who may link or unlink two complaints: staff who may see both. The
/// administrator sees no complaint content, so never.
pub fn may_link(user: &User, a: &Complaint, b: &Complaint) -> bool {
    user.role != Role::Admin && can_view(user, a) && can_view(user, b)
}

/// The same answer for a complaint that does not exist and one the user
/// may not see, so that linking reveals nothing.
pub fn not_found(reference: ReferenceNumber) -> ComplaintError {
    ComplaintError::invalid(Code::LinkNotFound.text("reference", reference))
}

impl Complaint {
    /// The complaints this one is linked to now, in the order linked.
    pub fn related(&self) -> &[Stamped<Link>] {
        &self.related
    }

    pub fn is_linked_to(&self, other: ComplaintId) -> bool {
        self.related.iter().any(|l| l.value.other == other)
    }
}

/// Decides linking `a` to `b`: the event for `a`'s stream and the one for
/// `b`'s. Refuses a link to itself, a second link, and (as if unknown) a
/// complaint the user may not see.
pub fn decide_link(
    a: &Complaint,
    b: &Complaint,
    reason: LinkReason,
    note: Option<String>,
    actor: &User,
) -> Result<(Event, Event), ComplaintError> {
    if actor.role == Role::Admin || !can_view(actor, a) {
        return Err(ComplaintError::not_allowed(
            Code::NoLinkPermission.text("reference", a.reference()),
        ));
    }
    if a.id() == b.id() {
        return Err(ComplaintError::invalid(Code::LinkSelf));
    }
    if !may_link(actor, a, b) {
        return Err(not_found(b.reference()));
    }
    if a.is_linked_to(b.id()) {
        return Err(ComplaintError::wrong_state(
            Code::AlreadyLinked
                .text("other", b.reference())
                .text("reference", a.reference()),
        ));
    }
    let note = validate::optional(Code::SubjectNote, note, LONG)?;
    let side = |other: &Complaint| {
        Event::Linked(Link {
            other: other.id(),
            reference: other.reference(),
            reason,
            note: note.clone(),
        })
    };
    Ok((side(b), side(a)))
}

/// Decides removing the link between `a` and `b`, on both streams.
pub fn decide_unlink(
    a: &Complaint,
    b: &Complaint,
    actor: &User,
) -> Result<(Event, Event), ComplaintError> {
    if actor.role == Role::Admin || !can_view(actor, a) {
        return Err(ComplaintError::not_allowed(
            Code::NoUnlinkPermission.text("reference", a.reference()),
        ));
    }
    if !may_link(actor, a, b) {
        return Err(not_found(b.reference()));
    }
    if !a.is_linked_to(b.id()) {
        return Err(ComplaintError::wrong_state(
            Code::NotLinked
                .text("other", b.reference())
                .text("reference", a.reference()),
        ));
    }
    let side = |other: &Complaint| {
        Event::Unlinked(Unlink {
            other: other.id(),
            reference: other.reference(),
        })
    };
    Ok((side(b), side(a)))
}
