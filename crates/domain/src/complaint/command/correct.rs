//! Corrections: a recorded step replaced by a corrected one, checked by
//! the same rules as the first record.

use super::*;

impl Complaint {
    pub(super) fn correct(
        &self,
        actor: &User,
        of: u64,
        replacement: Event,
        reason: &str,
        at: Timestamp,
    ) -> Result<Event, ComplaintError> {
        let reason = validate::required(Code::SubjectCorrectionReason, reason, LONG)?;
        let target = self
            .target_of(of)
            .ok_or_else(|| invalid(Code::NoSuchEvent.text("number", of)))?;
        // A reopened complaint's earlier rounds are filed as they were.
        if target.is_round_step() && self.is_sealed_seq(of) {
            return Err(wrong(Code::EventSealed.text("number", of)));
        }
        let original_action = match target {
            Target::Registration => None,
            Target::Contact => Some(Action::RecordContact),
            Target::Merit => Some(Action::DecideMerit),
            Target::Offer => Some(Action::MakeOffer),
            Target::Response => Some(Action::RecordResponse),
            Target::ActionAgreed(_) | Target::ActionCompleted(_) => Some(Action::ManageActions),
            Target::Escalation(_) => Some(Action::Escalate),
            Target::EscalationOutcome(_) => Some(Action::RecordEscalationOutcome),
            Target::Closing => Some(Action::Close),
            Target::Exact => Some(Action::RegisterInExact),
            Target::Waiver(_) => Some(Action::WaiveStep),
            Target::Conversion => Some(Action::ConvertToComplaint),
            Target::Report => {
                return Err(wrong(Code::NoCorrectReport));
            }
            Target::Handler => {
                return Err(wrong(Code::NoCorrectAssignment));
            }
            Target::Assistant => {
                return Err(wrong(Code::NoCorrectAssistant));
            }
            Target::Classification => {
                return Err(wrong(Code::NoCorrectClassification));
            }
            Target::FormSent => {
                return Err(wrong(Code::NoCorrectFormSent));
            }
            Target::SatisfactionReport => {
                return Err(wrong(Code::NoCorrectSatisfaction));
            }
            Target::Mail => {
                return Err(wrong(Code::NoCorrectMail));
            }
            Target::Files => {
                return Err(wrong(Code::NoCorrectFiles));
            }
            Target::Link | Target::Unlink => {
                return Err(wrong(Code::NoCorrectLink));
            }
            Target::ActionOwner(_) => {
                return Err(wrong(Code::NoCorrectTransfer));
            }
            // A conversation is not rewritten: a later question or advice
            // says what changed.
            Target::Consultation(_) | Target::Advice(_) => {
                return Err(wrong(Code::NoCorrectConsultation));
            }
            Target::Reopening | Target::SealedExact => {
                return Err(wrong(Code::NoCorrectReopening));
            }
            Target::Correction => {
                return Err(wrong(Code::NoCorrectCorrection));
            }
        };
        let permitted = actor.role == Role::QualityManager
            || match original_action {
                Some(a) => permissions::may(actor, self, a),
                None => permissions::may_correct_registration(actor, self),
            };
        if !permitted {
            return Err(ComplaintError::not_allowed(
                Code::CorrectOwnOnly.text("number", of),
            ));
        }
        if self
            .correction_target(self.version() + 1, of, &replacement)
            .is_err()
        {
            return Err(invalid(Code::CorrectionSameKind.text("number", of)));
        }
        let replacement = match (target, replacement) {
            (_, Event::Registered(r)) => {
                Event::Registered(Box::new(validate::registration_correction(self, *r, at)?))
            }
            (_, Event::ContactRecorded(x)) => {
                Event::ContactRecorded(validate::contact(self, x, at)?)
            }
            (_, Event::MeritDecided(x)) => Event::MeritDecided(validate::merit(x)?),
            (_, Event::OfferMade(x)) => Event::OfferMade(validate::offer(self, x, at)?),
            (_, Event::ResponseRecorded(x)) => Event::ResponseRecorded(validate::response(x)?),
            (_, Event::ActionAgreed(x)) => Event::ActionAgreed(validate::agreed_action(self, x)?),
            (_, Event::ActionCompleted(x)) => {
                Event::ActionCompleted(validate::completed_action(x)?)
            }
            (Target::Escalation(i), Event::Escalated(x)) => {
                let outcome_on = self
                    .escalations()
                    .get(i)
                    .and_then(|e| e.outcome.as_ref())
                    .map(|o| o.value.on);
                Event::Escalated(validate::escalation(self, x, at, outcome_on)?)
            }
            (Target::EscalationOutcome(i), Event::EscalationOutcome(x)) => {
                let escalated_on = self
                    .escalations()
                    .get(i)
                    .map(|e| e.escalation.value.on)
                    .unwrap_or(self.received_on());
                Event::EscalationOutcome(validate::escalation_outcome(self, x, at, escalated_on)?)
            }
            (_, Event::Closed(x)) => Event::Closed(validate::closing(x)?),
            (_, Event::RegisteredInExact(x)) => Event::RegisteredInExact(validate::exact(x)?),
            (_, Event::StepWaived(x)) => Event::StepWaived(validate::waiver(x)?),
            (_, Event::ConvertedToComplaint(x)) => {
                Event::ConvertedToComplaint(validate::conversion(x)?)
            }
            _ => {
                return Err(invalid(Code::NotCorrectable.text("number", of)));
            }
        };
        if self.current(target).as_ref() == Some(&replacement) {
            return Err(invalid(Code::CorrectionUnchanged));
        }
        Ok(Event::Corrected {
            of,
            replacement: Box::new(replacement),
            reason,
        })
    }

    /// What the state currently says for a correctable target, as the
    /// event that would say it.
    fn current(&self, target: Target) -> Option<Event> {
        Some(match target {
            Target::Registration => Event::Registered(Box::new(self.registration().value.clone())),
            Target::Contact => Event::ContactRecorded(self.contact()?.value.clone()),
            Target::Merit => Event::MeritDecided(self.merit()?.value.clone()),
            Target::Offer => Event::OfferMade(self.offer()?.value.clone()),
            Target::Response => Event::ResponseRecorded(self.response()?.value.clone()),
            Target::ActionAgreed(n) => Event::ActionAgreed(self.action(n)?.agreed.value.clone()),
            Target::ActionCompleted(n) => {
                Event::ActionCompleted(self.action(n)?.completed.as_ref()?.value.clone())
            }
            Target::Escalation(i) => {
                Event::Escalated(self.escalations().get(i)?.escalation.value.clone())
            }
            Target::EscalationOutcome(i) => {
                Event::EscalationOutcome(self.escalations().get(i)?.outcome.as_ref()?.value.clone())
            }
            Target::Closing => Event::Closed(self.closed()?.value.clone()),
            Target::Exact => Event::RegisteredInExact(self.exact_registration()?.value.clone()),
            Target::Waiver(step) => Event::StepWaived(self.waiver(step)?.value.clone()),
            Target::Conversion => Event::ConvertedToComplaint(self.conversion()?.value.clone()),
            Target::Report
            | Target::Handler
            | Target::Assistant
            | Target::FormSent
            | Target::Correction
            | Target::Classification
            | Target::SatisfactionReport
            | Target::Consultation(_)
            | Target::Advice(_)
            | Target::Link
            | Target::Unlink
            | Target::ActionOwner(_)
            | Target::Reopening
            | Target::Mail
            | Target::Files
            | Target::SealedExact => return None,
        })
    }
}
