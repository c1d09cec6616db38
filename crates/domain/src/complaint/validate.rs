//! Checks and normalisation of what users write, shared by first records
//! and their corrections so that a correction obeys the same rules.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

use super::event::{
    AgreedAction, Classification, ComplainantResponse, CompletedAction, Contact, Conversion,
    Escalation, EscalationOutcome, ExactRegistration, MeritDecision, Offer, Registration, Waiver,
};
use super::intake::{self, Field};
use super::values::{EscalationParty, OfferKind};
use super::{Closing, Complaint, ComplaintError, NewComplaint};
use crate::refusal::{Code, Refusal};
use crate::{Language, ReferenceNumber, UserId};

/// Names, services, categories and ids.
pub(super) const SHORT: usize = 200;
/// Descriptions, summaries and reasoning: a few pages at most.
pub(super) const LONG: usize = 20_000;
/// The highest value an offer may have: € 1.000.000,00. Far above any
/// compensation a complaint leads to, far below what a typing error of a
/// few extra digits makes of it.
pub const OFFER_VALUE_MAX_CENTS: u64 = 100_000_000;

fn invalid(refusal: impl Into<Refusal>) -> ComplaintError {
    ComplaintError::invalid(refusal)
}

/// Trims; refuses empty and overlong text. `what` is the subject of the
/// sentence: "De omschrijving".
pub(super) fn required(what: Code, text: &str, max: usize) -> Result<String, ComplaintError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid(Code::Required.phrase("what", what)));
    }
    if text.chars().count() > max {
        return Err(invalid(Code::TooLong.phrase("what", what).text("max", max)));
    }
    Ok(text.to_owned())
}

/// Trims; blank becomes `None`, since forms send empty strings.
pub(super) fn optional(
    what: Code,
    text: Option<String>,
    max: usize,
) -> Result<Option<String>, ComplaintError> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => required(what, t, max).map(Some),
    }
}

/// The local day of `at` in the zone the complaint was received in.
fn today(c: &Complaint, at: Timestamp) -> Date {
    at.to_zoned(c.received_at().time_zone().clone()).date()
}

/// A date on which something happened: not before receipt and not in the
/// future. One day of slack absorbs clocks and zones at midnight.
fn happened(c: &Complaint, what: Code, d: Date, at: Timestamp) -> Result<Date, ComplaintError> {
    let received = c.received_on();
    if d < received {
        return Err(invalid(
            Code::BeforeReceipt
                .phrase("what", what)
                .date("date", d)
                .date("received", received),
        ));
    }
    let today = today(c, at);
    if d > today.tomorrow().unwrap_or(today) {
        return Err(invalid(Code::InFuture.phrase("what", what).date("date", d)));
    }
    Ok(d)
}

pub(super) fn registration(
    new: NewComplaint,
    reference: ReferenceNumber,
    received_by: Option<UserId>,
    responsible_manager: Option<UserId>,
    at: Timestamp,
) -> Result<Registration, ComplaintError> {
    let received_at = intake::received_at(new.received_at, at)?;
    if i32::from(reference.year()) != i32::from(received_at.year()) {
        return Err(invalid(
            Code::ReferenceYear
                .text("reference", reference)
                .text("year", received_at.year()),
        ));
    }
    let mut involved = Vec::with_capacity(new.involved_employees.len());
    for id in new.involved_employees {
        if !involved.contains(&id) {
            involved.push(id);
        }
    }
    Ok(Registration {
        reference,
        kind: new.kind,
        channel: new.channel,
        received_at,
        received_by,
        responsible_manager,
        complainant: new.complainant,
        representative: new.representative,
        service: intake::short(Field::Service, new.service.as_deref())?,
        involved_employees: involved,
        description: intake::description(&new.description)?,
        category: intake::short(Field::Category, new.category.as_deref())?,
        cause: intake::short(Field::Cause, new.cause.as_deref())?,
        language: Language::default(),
    })
}

/// A corrected intake: the same complaint, received by the same person,
/// with the same people responsible; handler and assistants stay
/// uninvolved, and steps already dated do not precede the new receipt.
pub(super) fn registration_correction(
    c: &Complaint,
    r: Registration,
    at: Timestamp,
) -> Result<Registration, ComplaintError> {
    let original = &c.registration().value;
    if r.reference != original.reference
        || r.kind != original.kind
        || r.received_by != original.received_by
        || r.responsible_manager != original.responsible_manager
    {
        return Err(invalid(Code::IntakeFixed));
    }
    let new = NewComplaint {
        kind: r.kind,
        channel: r.channel,
        received_at: r.received_at,
        complainant: r.complainant,
        representative: r.representative,
        service: r.service,
        involved_employees: r.involved_employees,
        description: r.description,
        category: r.category,
        cause: r.cause,
    };
    let r = registration(new, r.reference, r.received_by, r.responsible_manager, at)?;
    // Once classified, the classification supersedes intake's category
    // and cause; a corrected intake must not seem to change them.
    if c.classification().is_some()
        && (r.category != original.category || r.cause != original.cause)
    {
        return Err(invalid(Code::Reclassified));
    }
    if c.handler()
        .is_some_and(|h| r.involved_employees.contains(&h))
    {
        return Err(invalid(Code::HandlerNotInvolved));
    }
    if c.assistants()
        .iter()
        .any(|a| r.involved_employees.contains(a))
    {
        return Err(invalid(Code::AssistantNotInvolved));
    }
    let received = r.received_at.date();
    let dated = [
        c.contact().map(|s| s.value.date),
        c.offer().map(|s| s.value.made_on),
        c.escalations().first().map(|e| e.escalation.value.on),
    ];
    if let Some(first) = dated.into_iter().flatten().min().filter(|d| *d < received) {
        return Err(invalid(
            Code::ReceiptAfterStep
                .date("received", received)
                .date("step", first),
        ));
    }
    Ok(r)
}

pub(super) fn contact(c: &Complaint, x: Contact, at: Timestamp) -> Result<Contact, ComplaintError> {
    Ok(Contact {
        date: happened(c, Code::SubjectContactDate, x.date, at)?,
        mode: x.mode,
        summary: required(Code::SubjectContactSummary, &x.summary, LONG)?,
    })
}

pub(super) fn merit(x: MeritDecision) -> Result<MeritDecision, ComplaintError> {
    Ok(MeritDecision {
        merit: x.merit,
        reasoning: required(Code::SubjectMeritReasoning, &x.reasoning, LONG)?,
    })
}

pub(super) fn offer(c: &Complaint, x: Offer, at: Timestamp) -> Result<Offer, ComplaintError> {
    if x.kind == OfferKind::None && x.value_cents.is_some() {
        return Err(invalid(Code::NoValueWithoutOffer));
    }
    if x.value_cents == Some(0) {
        return Err(invalid(Code::ZeroValue));
    }
    if x.value_cents.is_some_and(|v| v > OFFER_VALUE_MAX_CENTS) {
        return Err(invalid(
            Refusal::new(Code::OfferTooHigh).euro("max", OFFER_VALUE_MAX_CENTS),
        ));
    }
    Ok(Offer {
        kind: x.kind,
        description: required(Code::SubjectOfferDescription, &x.description, LONG)?,
        value_cents: x.value_cents,
        director_consulted: x.director_consulted,
        made_on: happened(c, Code::SubjectOfferDate, x.made_on, at)?,
        letter_text: optional(Code::SubjectLetterText, x.letter_text, LONG)?,
    })
}

pub(super) fn response(x: ComplainantResponse) -> Result<ComplainantResponse, ComplaintError> {
    let comment = optional(Code::SubjectResponseComment, x.comment, LONG)?;
    if x.accepted.is_none() && x.satisfaction.is_none() && comment.is_none() {
        return Err(invalid(Code::ResponseEmpty));
    }
    Ok(ComplainantResponse {
        accepted: x.accepted,
        satisfaction: x.satisfaction,
        comment,
    })
}

pub(super) fn agreed_action(
    c: &Complaint,
    x: AgreedAction,
) -> Result<AgreedAction, ComplaintError> {
    if let Some(due) = x.due {
        let received = c.received_on();
        if due < received {
            return Err(invalid(
                Code::DueBeforeReceipt
                    .date("due", due)
                    .date("received", received),
            ));
        }
        // Five years is far beyond any agreement made with a complainant.
        let horizon = received.checked_add(5.years()).unwrap_or(Date::MAX);
        if due > horizon {
            return Err(invalid(Code::DueTooFar.date("due", due)));
        }
    }
    Ok(AgreedAction {
        number: x.number,
        description: required(Code::SubjectActionDescription, &x.description, LONG)?,
        due: x.due,
        owner: x.owner,
    })
}

pub(super) fn completed_action(x: CompletedAction) -> Result<CompletedAction, ComplaintError> {
    Ok(CompletedAction {
        number: x.number,
        note: optional(Code::SubjectNote, x.note, LONG)?,
    })
}

/// `outcome_on` bounds a corrected escalation from above.
pub(super) fn escalation(
    c: &Complaint,
    x: Escalation,
    at: Timestamp,
    outcome_on: Option<Date>,
) -> Result<Escalation, ComplaintError> {
    let party = match x.party {
        EscalationParty::Other(name) => {
            EscalationParty::Other(required(Code::SubjectExternalParty, &name, SHORT)?)
        }
        known => known,
    };
    let on = happened(c, Code::SubjectEscalationDate, x.on, at)?;
    if let Some(outcome_on) = outcome_on.filter(|o| *o < on) {
        return Err(invalid(
            Code::EscalationAfterOutcome
                .date("on", on)
                .date("outcome", outcome_on),
        ));
    }
    Ok(Escalation {
        party,
        on,
        note: optional(Code::SubjectNote, x.note, LONG)?,
    })
}

pub(super) fn escalation_outcome(
    c: &Complaint,
    x: EscalationOutcome,
    at: Timestamp,
    escalated_on: Date,
) -> Result<EscalationOutcome, ComplaintError> {
    let on = happened(c, Code::SubjectOutcomeDate, x.on, at)?;
    if on < escalated_on {
        return Err(invalid(
            Code::OutcomeBeforeEscalation
                .date("on", on)
                .date("escalated", escalated_on),
        ));
    }
    Ok(EscalationOutcome {
        outcome: required(Code::SubjectOutcome, &x.outcome, LONG)?,
        on,
        resolved: x.resolved,
    })
}

pub(super) fn closing(x: Closing) -> Result<Closing, ComplaintError> {
    Ok(Closing {
        note: optional(Code::SubjectNote, x.note, LONG)?,
    })
}

pub(super) fn exact(x: ExactRegistration) -> Result<ExactRegistration, ComplaintError> {
    Ok(ExactRegistration {
        exact_id: required(Code::SubjectExactId, &x.exact_id, SHORT)?,
        round: x.round,
    })
}

pub(super) fn waiver(x: Waiver) -> Result<Waiver, ComplaintError> {
    Ok(Waiver {
        step: x.step,
        reason: required(Code::SubjectWaiverReason, &x.reason, LONG)?,
    })
}

pub(super) fn classification(x: Classification) -> Result<Classification, ComplaintError> {
    Ok(Classification {
        category: optional(Code::SubjectCategory, x.category, SHORT)?,
        cause: optional(Code::SubjectCause, x.cause, SHORT)?,
    })
}

pub(super) fn conversion(x: Conversion) -> Result<Conversion, ComplaintError> {
    Ok(Conversion {
        reason: required(Code::SubjectConversionReason, &x.reason, LONG)?,
    })
}
