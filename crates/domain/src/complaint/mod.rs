//! The complaint aggregate (klacht): events, state and decisions.
//!
//! A complaint is its event stream. [`register`] starts one; from then on
//! [`Complaint::decide`] turns a command into new events (checking who may
//! do it and what the regulation allows) without changing anything, the
//! store appends them, and [`Complaint::apply`] folds them into the state.

mod command;
mod event;
mod files;
pub mod intake;
pub mod link;
mod mail;
mod public;
mod state;
mod validate;
mod values;

#[cfg(test)]
pub(crate) mod tests;

use jiff::{Timestamp, Zoned};

pub use command::Command;
pub use event::{
    Actor, AddedFile, Advice, AgreedAction, Classification, Closing, ComplainantMail,
    ComplainantResponse, CompletedAction, Consultation, Contact, Conversion, Escalation,
    EscalationOutcome, Event, ExactRegistration, FilesAdded, MeritDecision, Offer, OwnerChange,
    Recorded, Registration, Reopening, SatisfactionReport, Waiver,
};
pub use files::add_files;
pub use intake::{
    DESCRIPTION_MAX, Field, PartyField, PartyRole, PartyText, RECEIPT_SLACK, SHORT_MAX,
};
pub use link::{Link, Unlink};
pub use mail::record_complainant_mail;
pub use public::{Phase, PhaseState, PublicPhase, SATISFACTION_COMMENT_MAX, route_public};
pub use state::{
    ActionItem, Complaint, ConsultationRecord, EscalationRecord, SealedRound, Stamped,
};
pub use validate::OFFER_VALUE_MAX_CENTS;
pub use values::{
    Channel, ContactMode, EscalationParty, Kind, LinkReason, Merit, OfferKind, Party,
    ReopeningKind, Satisfaction, Status, WaivableStep, format_date, format_euro,
};

use crate::refusal::{Code, Refusal};
use crate::{Language, ParseError, ReferenceNumber, User, UserId, permissions};

/// Why a command was refused: a [`Refusal`] (a code and its values, put
/// into words by the edges); the variant tells the caller how to answer
/// (403, 422, 409).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComplaintError {
    /// The actor's role or relation to the complaint does not allow it.
    #[error("{0}")]
    NotAllowed(Refusal),
    /// The input itself is wrong: empty, out of range, inconsistent.
    /// `field` names the input it is about, when it is about one, so that
    /// every form and the API show it next to that field.
    #[error("{refusal}")]
    Invalid {
        field: Option<Field>,
        refusal: Refusal,
    },
    /// Allowed and well-formed, but not in the complaint's current state.
    #[error("{0}")]
    WrongState(Refusal),
}

impl ComplaintError {
    /// Input that is wrong as a whole, not in one field.
    pub fn invalid(refusal: impl Into<Refusal>) -> Self {
        ComplaintError::Invalid {
            field: None,
            refusal: refusal.into(),
        }
    }

    /// Input that is wrong in `field`.
    pub fn invalid_at(field: Field, refusal: impl Into<Refusal>) -> Self {
        ComplaintError::Invalid {
            field: Some(field),
            refusal: refusal.into(),
        }
    }

    pub fn not_allowed(refusal: impl Into<Refusal>) -> Self {
        ComplaintError::NotAllowed(refusal.into())
    }

    pub fn wrong_state(refusal: impl Into<Refusal>) -> Self {
        ComplaintError::WrongState(refusal.into())
    }

    /// What was refused, for the edges to put into words.
    pub fn refusal(&self) -> &Refusal {
        match self {
            ComplaintError::NotAllowed(r)
            | ComplaintError::Invalid { refusal: r, .. }
            | ComplaintError::WrongState(r) => r,
        }
    }

    pub fn code(&self) -> Code {
        self.refusal().code()
    }

    /// The field an invalid input is about.
    pub fn field(&self) -> Option<Field> {
        match self {
            ComplaintError::Invalid { field, .. } => *field,
            _ => None,
        }
    }
}

/// A value that did not parse: its refusal, as invalid input.
impl From<ParseError> for ComplaintError {
    fn from(e: ParseError) -> Self {
        ComplaintError::invalid(e.into_refusal())
    }
}

/// A stream that cannot be folded: the store handed over something other
/// than an append-only history. `klacht verify` and the logs show these
/// next to Dutch text, so they are Dutch too; `kind` is the stored event
/// kind, as an operator finds it in the database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("de reeks gebeurtenissen is leeg")]
    Empty,
    #[error("gebeurtenis {expected} verwacht, gebeurtenis {found} gevonden")]
    OutOfOrder { expected: u64, found: u64 },
    #[error("de reeks begint met {found}, niet met registered (registratie)")]
    NotRegistered { found: &'static str },
    #[error("gebeurtenis {seq} registreert de klacht een tweede keer")]
    Reregistered { seq: u64 },
    #[error("gebeurtenis {seq} ({kind}) past niet: {reason}")]
    Inconsistent {
        seq: u64,
        kind: &'static str,
        reason: String,
    },
}

/// What intake knows about a new complaint or signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    pub kind: Kind,
    pub channel: Channel,
    /// In the organisation's time zone.
    pub received_at: Zoned,
    pub complainant: Party,
    pub representative: Option<Party>,
    pub service: Option<String>,
    pub involved_employees: Vec<UserId>,
    pub description: String,
    pub category: Option<String>,
    pub cause: Option<String>,
}

/// Registers a complaint or signal received by a staff member. A complaint
/// is reported to the receiver's direct manager in the same moment (step
/// 1); a signal has no workflow and is therefore not reported.
///
/// `reference` must carry the year of receipt.
pub fn register(
    new: NewComplaint,
    reference: ReferenceNumber,
    by: &User,
    at: Timestamp,
) -> Result<Vec<Event>, ComplaintError> {
    register_in(new, reference, by, at, Language::default())
}

/// [`register`], with the language the complainant speaks: their mails,
/// letters and status page follow it.
pub fn register_in(
    new: NewComplaint,
    reference: ReferenceNumber,
    by: &User,
    at: Timestamp,
    language: Language,
) -> Result<Vec<Event>, ComplaintError> {
    if !permissions::can_register(by) {
        return Err(ComplaintError::not_allowed(
            Code::RoleCannotRegister.label("role", by.role),
        ));
    }
    let manager = by.manager.unwrap_or(by.id);
    let kind = new.kind;
    let mut registration = validate::registration(new, reference, Some(by.id), Some(manager), at)?;
    registration.language = language;
    let mut events = vec![Event::Registered(Box::new(registration))];
    if kind == Kind::Complaint {
        events.push(Event::ReportedToManager { manager });
    }
    Ok(events)
}

/// Registers an e-mail from the mailbox as a complaint or a signal, by
/// the quality manager's one click (recorded with her as actor). Like a
/// submission on the public site nobody received it in person: it is
/// reported to the manager of the service chosen with it
/// ([`route_public`]), or waits to be routed.
pub fn register_from_mail(
    new: NewComplaint,
    reference: ReferenceNumber,
    by: &User,
    at: Timestamp,
) -> Result<Vec<Event>, ComplaintError> {
    if !permissions::can_register(by) {
        return Err(ComplaintError::not_allowed(
            Code::RoleCannotRegister.label("role", by.role),
        ));
    }
    register_public_in(new, reference, at, Language::default())
}

/// [`register_public`], remembering the language the complainant used.
pub fn register_public_in(
    new: NewComplaint,
    reference: ReferenceNumber,
    at: Timestamp,
    language: Language,
) -> Result<Vec<Event>, ComplaintError> {
    if new.kind != Kind::Complaint {
        return Err(ComplaintError::invalid(Code::WebIsComplaint));
    }
    let mut registration = validate::registration(new, reference, None, None, at)?;
    registration.language = language;
    Ok(vec![Event::Registered(Box::new(registration))])
}

/// Registers a complaint submitted on the public site. Nobody received it,
/// so it has no responsible manager until the quality manager or director
/// routes it or assigns a handler. Recorded with [`Actor::Complainant`].
pub fn register_public(
    new: NewComplaint,
    reference: ReferenceNumber,
    at: Timestamp,
) -> Result<Vec<Event>, ComplaintError> {
    if new.kind != Kind::Complaint {
        return Err(ComplaintError::invalid(Code::WebIsComplaint));
    }
    let registration = validate::registration(new, reference, None, None, at)?;
    Ok(vec![Event::Registered(Box::new(registration))])
}
