//! Commands and `decide`: from state, command and actor to new events.

use jiff::Timestamp;
use jiff::civil::Date;

use super::event::{
    Advice, AgreedAction, Classification, ComplainantResponse, CompletedAction, Consultation,
    Contact, Conversion, Escalation, EscalationOutcome, Event, ExactRegistration, MeritDecision,
    Offer, OwnerChange, Reopening, Waiver,
};
use super::state::Target;
use super::validate::{self, LONG};
use super::values::{Kind, WaivableStep};
use super::{Closing, Complaint, ComplaintError};
use crate::permissions::{self, Action};
use crate::refusal::{Arg, Code, Refusal};
use crate::terms::Step;
use crate::{Role, User, UserId};

mod correct;

/// What a user asks to do with a complaint. Commands that name a person
/// carry their [`User`], because the rules depend on that person's role
/// and team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Report (or re-route) the complaint to a manager, who then answers
    /// for it; how public submissions reach a team.
    RouteToManager {
        manager: User,
    },
    AssignHandler {
        handler: User,
    },
    AddAssistant {
        assistant: User,
    },
    RecordContact(Contact),
    DecideMerit(MeritDecision),
    /// Ask the director for advice (step 3); the number is given by
    /// `decide`.
    ConsultDirector {
        director: User,
        question: String,
    },
    /// The director answers one of her open consultations.
    GiveAdvice(Advice),
    MakeOffer(Offer),
    RecordResponse(ComplainantResponse),
    /// The action's number is given by `decide`.
    AgreeAction {
        description: String,
        due: Option<Date>,
        owner: Option<UserId>,
    },
    CompleteAction(CompletedAction),
    /// Hand an open agreed action to another owner (a handover).
    ChangeActionOwner {
        number: u32,
        owner: User,
    },
    SendForm,
    WaiveStep(Waiver),
    Escalate(Escalation),
    RecordEscalationOutcome(EscalationOutcome),
    Close(Closing),
    RegisterInExact(ExactRegistration),
    /// Replace what event `of` said; `replacement` has the same type.
    Correct {
        of: u64,
        replacement: Event,
        reason: String,
    },
    ConvertToComplaint(Conversion),
    /// Set or change category and root cause. Whether the values are on
    /// the administrator's lists is checked where the lists are known (the
    /// application layer); the domain checks form and change.
    Classify(Classification),
    /// Reopen a closed complaint for a new handling round (issue 16).
    Reopen(Reopening),
}

impl Command {
    /// The permission this command needs.
    pub fn action(&self) -> Action {
        match self {
            Command::RouteToManager { .. } => Action::RouteToManager,
            Command::AssignHandler { .. } => Action::AssignHandler,
            Command::AddAssistant { .. } => Action::AddAssistant,
            Command::RecordContact(_) => Action::RecordContact,
            Command::DecideMerit(_) => Action::DecideMerit,
            Command::ConsultDirector { .. } => Action::ConsultDirector,
            Command::GiveAdvice(_) => Action::GiveAdvice,
            Command::MakeOffer(_) => Action::MakeOffer,
            Command::RecordResponse(_) => Action::RecordResponse,
            Command::AgreeAction { .. }
            | Command::CompleteAction(_)
            | Command::ChangeActionOwner { .. } => Action::ManageActions,
            Command::SendForm => Action::SendForm,
            Command::WaiveStep(_) => Action::WaiveStep,
            Command::Escalate(_) => Action::Escalate,
            Command::RecordEscalationOutcome(_) => Action::RecordEscalationOutcome,
            Command::Close(_) => Action::Close,
            Command::RegisterInExact(_) => Action::RegisterInExact,
            Command::Correct { .. } => Action::Correct,
            Command::ConvertToComplaint(_) => Action::ConvertToComplaint,
            Command::Classify(_) => Action::Classify,
            Command::Reopen(_) => Action::Reopen,
        }
    }
}

fn wrong(refusal: impl Into<Refusal>) -> ComplaintError {
    ComplaintError::wrong_state(refusal)
}

fn invalid(refusal: impl Into<Refusal>) -> ComplaintError {
    ComplaintError::invalid(refusal)
}

impl Complaint {
    /// Decides what `actor` doing `cmd` at `at` means: the events to
    /// append, or why not. Checks permission first, so that someone who
    /// may not act learns nothing about the complaint's state.
    pub fn decide(
        &self,
        cmd: Command,
        actor: &User,
        at: Timestamp,
    ) -> Result<Vec<Event>, ComplaintError> {
        let action = cmd.action();
        let permitted = match &cmd {
            Command::CompleteAction(x) => permissions::may_complete_action(actor, self, x.number),
            // Whoever may hand the complaint to another handler may hand
            // its actions over too (the director, in a handover).
            Command::ChangeActionOwner { .. } => {
                permissions::may(actor, self, action)
                    || permissions::may(actor, self, Action::AssignHandler)
            }
            _ => permissions::may(actor, self, action),
        };
        if !permitted {
            return Err(ComplaintError::not_allowed(
                Code::NoPermission
                    .label("action", action)
                    .text("reference", self.reference()),
            ));
        }
        self.state_check(action)?;
        let event = match cmd {
            Command::RouteToManager { manager } => {
                if !matches!(
                    manager.role,
                    Role::Manager | Role::QualityManager | Role::Director
                ) {
                    return Err(invalid(Code::NotAManager.text("name", &manager.name)));
                }
                if self.responsible_manager() == Some(manager.id) {
                    return Err(wrong(Code::AlreadyResponsible.text("name", &manager.name)));
                }
                Event::ReportedToManager {
                    manager: manager.id,
                }
            }
            Command::AssignHandler { handler } => return self.assign_handler(actor, &handler),
            Command::AddAssistant { assistant } => {
                if !matches!(assistant.role, Role::QualityManager | Role::Director) {
                    return Err(invalid(Code::AssistOnlyQualityOrDirector));
                }
                if self.is_involved(assistant.id) {
                    return Err(invalid(Code::AssistantInvolved));
                }
                if self.handler() == Some(assistant.id) {
                    return Err(wrong(
                        Code::AssistantIsHandler.text("name", &assistant.name),
                    ));
                }
                if self.assistants().contains(&assistant.id) {
                    return Err(wrong(Code::AlreadyAssisting.text("name", &assistant.name)));
                }
                Event::AssistantAdded { user: assistant.id }
            }
            Command::RecordContact(x) => Event::ContactRecorded(validate::contact(self, x, at)?),
            Command::DecideMerit(x) => Event::MeritDecided(validate::merit(x)?),
            Command::ConsultDirector { director, question } => {
                return self.consult_director(actor, &director, &question);
            }
            Command::GiveAdvice(x) => {
                let record = self
                    .consultation(x.number)
                    .ok_or_else(|| invalid(Code::NoSuchQuestion.text("number", x.number)))?;
                if record.director() != actor.id {
                    return Err(ComplaintError::not_allowed(
                        Code::QuestionOtherDirector.text("number", x.number),
                    ));
                }
                if !record.is_open() {
                    return Err(wrong(Code::QuestionAnswered.text("number", x.number)));
                }
                Event::DirectorAdvised(Advice {
                    number: x.number,
                    advice: validate::required(Code::SubjectAdvice, &x.advice, LONG)?,
                })
            }
            Command::MakeOffer(x) => Event::OfferMade(validate::offer(self, x, at)?),
            Command::RecordResponse(x) => Event::ResponseRecorded(validate::response(x)?),
            Command::AgreeAction {
                description,
                due,
                owner,
            } => {
                let last = self.actions().iter().map(|i| i.agreed.value.number).max();
                let number = last
                    .unwrap_or(0)
                    .checked_add(1)
                    .ok_or_else(|| invalid(Code::NoMoreActions))?;
                let action = AgreedAction {
                    number,
                    description,
                    due,
                    owner,
                };
                Event::ActionAgreed(validate::agreed_action(self, action)?)
            }
            Command::CompleteAction(x) => {
                let item = self
                    .action(x.number)
                    .ok_or_else(|| invalid(Code::NoSuchAction.text("number", x.number)))?;
                if item.completed.is_some() {
                    return Err(wrong(Code::ActionDone.text("number", x.number)));
                }
                Event::ActionCompleted(validate::completed_action(x)?)
            }
            Command::ChangeActionOwner { number, owner } => {
                let item = self
                    .action(number)
                    .ok_or_else(|| invalid(Code::NoSuchAction.text("number", number)))?;
                if item.completed.is_some() {
                    return Err(wrong(Code::ActionDone.text("number", number)));
                }
                if owner.role == Role::Admin {
                    return Err(invalid(Code::AdminNoActions));
                }
                if item.agreed.value.owner == Some(owner.id) {
                    return Err(wrong(
                        Code::AlreadyOwnsAction
                            .text("name", &owner.name)
                            .text("number", number),
                    ));
                }
                Event::ActionOwnerChanged(OwnerChange {
                    number,
                    owner: owner.id,
                })
            }
            Command::SendForm => Event::FormSentToQualityManager,
            Command::WaiveStep(x) => {
                let step = Step::from(x.step);
                if self.step_done_at(step).is_some() {
                    return Err(wrong(Code::StepRecordedCannotWaive.label("step", step)));
                }
                if self.waiver(x.step).is_some() {
                    return Err(wrong(Code::StepAlreadyWaived.label("step", step)));
                }
                Event::StepWaived(validate::waiver(x)?)
            }
            Command::Escalate(x) => Event::Escalated(validate::escalation(self, x, at, None)?),
            Command::RecordEscalationOutcome(x) => {
                let escalated_on = self
                    .pending_escalation()
                    .map(|e| e.escalation.value.on)
                    .ok_or_else(|| wrong(Code::NoEscalation))?;
                Event::EscalationOutcome(validate::escalation_outcome(self, x, at, escalated_on)?)
            }
            Command::Close(x) => Event::Closed(validate::closing(x)?),
            Command::RegisterInExact(x) => Event::RegisteredInExact(validate::exact(x)?),
            Command::Correct {
                of,
                replacement,
                reason,
            } => self.correct(actor, of, replacement, &reason, at)?,
            Command::ConvertToComplaint(x) => {
                let mut events = vec![Event::ConvertedToComplaint(validate::conversion(x)?)];
                // The signal skipped step 1; as a complaint it is owed now.
                if let Some(manager) = self
                    .responsible_manager()
                    .filter(|_| self.report().is_none())
                {
                    events.push(Event::ReportedToManager { manager });
                }
                return Ok(events);
            }
            Command::Classify(x) => {
                let x = validate::classification(x)?;
                if x.category.as_deref() == self.category() && x.cause.as_deref() == self.cause() {
                    return Err(invalid(Code::ClassificationUnchanged));
                }
                Event::Classified(x)
            }
            Command::Reopen(x) => Event::Reopened(Reopening {
                kind: x.kind,
                reason: validate::required(Code::SubjectReopeningReason, &x.reason, LONG)?,
            }),
        };
        Ok(vec![event])
    }

    /// What integrations may record, as [`super::Actor::System`]: only the
    /// registration id Exact returned once the complaint is closed.
    pub fn decide_system(
        &self,
        cmd: Command,
        _at: Timestamp,
    ) -> Result<Vec<Event>, ComplaintError> {
        match cmd {
            Command::RegisterInExact(x) => {
                // A round's registration may come back after the complaint
                // was reopened; it is that round's.
                let for_sealed_round = match x.round {
                    Some(n) if n < self.round() => {
                        let sealed = n
                            .checked_sub(1)
                            .and_then(|i| self.sealed_rounds().get(usize::try_from(i).ok()?))
                            .ok_or_else(|| {
                                ComplaintError::wrong_state(Code::NoSuchRound.text("number", n))
                            })?;
                        if let Some(done) = sealed.exact_registration() {
                            return Err(ComplaintError::wrong_state(
                                Code::RoundInExact
                                    .text("number", n)
                                    .text("exact_id", &done.value.exact_id),
                            ));
                        }
                        true
                    }
                    Some(n) if n > self.round() => {
                        return Err(ComplaintError::wrong_state(
                            Code::NoSuchRound.text("number", n),
                        ));
                    }
                    Some(_) => false,
                    None => {
                        !self.is_closed()
                            && self
                                .sealed_rounds()
                                .last()
                                .is_some_and(|r| r.exact_registration().is_none())
                    }
                };
                if !for_sealed_round {
                    self.state_check(Action::RegisterInExact)?;
                }
                Ok(vec![Event::RegisteredInExact(validate::exact(x)?)])
            }
            other => Err(ComplaintError::not_allowed(
                Code::SystemOnlyExact.label("action", other.action()),
            )),
        }
    }

    fn assign_handler(&self, actor: &User, handler: &User) -> Result<Vec<Event>, ComplaintError> {
        if handler.role == Role::Admin {
            return Err(invalid(Code::AdminCannotHandle));
        }
        if self.is_involved(handler.id) {
            return Err(invalid(Code::HandlerInvolved));
        }
        if self.handler() == Some(handler.id) {
            return Err(wrong(Code::AlreadyHandler.text("name", &handler.name)));
        }
        let oversees_all = matches!(actor.role, Role::QualityManager | Role::Director);
        if !oversees_all && handler.id != actor.id && handler.manager != Some(actor.id) {
            return Err(ComplaintError::not_allowed(Code::ManagerOwnTeam));
        }
        let mut events = Vec::with_capacity(2);
        // A public submission nobody routed: whoever assigns answers for it.
        if self.responsible_manager().is_none() {
            events.push(Event::ReportedToManager { manager: actor.id });
        }
        events.push(Event::HandlerAssigned {
            handler: handler.id,
        });
        Ok(events)
    }

    fn consult_director(
        &self,
        actor: &User,
        director: &User,
        question: &str,
    ) -> Result<Vec<Event>, ComplaintError> {
        if director.role != Role::Director {
            return Err(invalid(Code::NotADirector.text("name", &director.name)));
        }
        if director.id == actor.id {
            return Err(invalid(Code::NoAdviceFromSelf));
        }
        if self.is_involved(director.id) {
            return Err(invalid(Code::AdvisorInvolved));
        }
        let number = self
            .consultations()
            .iter()
            .map(|r| r.number())
            .max()
            .unwrap_or(0)
            .checked_add(1)
            .ok_or_else(|| invalid(Code::NoMoreQuestions))?;
        Ok(vec![Event::DirectorConsulted(Consultation {
            number,
            director: director.id,
            question: validate::required(Code::SubjectDirectorQuestion, question, LONG)?,
        })])
    }

    /// Whether `action` fits the complaint's state, regardless of who asks
    /// or with what input. The detail page combines this with permissions.
    pub fn is_possible(&self, action: Action) -> bool {
        self.state_check(action).is_ok()
    }

    /// What must happen before the complaint can close, as values of a
    /// refusal (`CannotCloseYet`'s `missing`): the edges name them in the
    /// reader's language.
    pub fn closing_blockers(&self) -> Vec<Arg> {
        let mut missing = Vec::new();
        if !self.step_settled(Step::Contact) {
            missing.push(Arg::label(Step::Contact));
        }
        if !self.step_settled(Step::Offer) {
            missing.push(if self.merit().is_none() {
                Arg::Phrase(Box::new(
                    Code::BlockerOfferNoMerit.label("step", Step::Offer),
                ))
            } else {
                Arg::label(Step::Offer)
            });
        }
        if !self.step_settled(Step::Record) {
            missing.push(Arg::label(Step::Record));
        }
        // Once closed nothing more can be recorded, so an escalation's
        // outcome or an action's completion would be lost.
        if self.pending_escalation().is_some() {
            missing.push(Arg::Phrase(Box::new(Code::BlockerEscalation.into())));
        }
        for item in self.actions().iter().filter(|i| i.completed.is_none()) {
            missing.push(Arg::Phrase(Box::new(
                Code::BlockerAction.text("number", item.agreed.value.number),
            )));
        }
        missing
    }

    /// Step 4 is done (the form went to the quality manager) and nothing
    /// is left for a handler: no agreed action still open, no external
    /// escalation under way. Handing the complaint to another handler or
    /// manager then means nothing; while an action is open it must stay
    /// possible, since the handler sees that what was agreed happens.
    fn handed_in(&self) -> bool {
        self.form_sent().is_some()
            && self.pending_escalation().is_none()
            && self.actions().iter().all(|i| i.completed.is_some())
    }

    fn step_free(&self, step: WaivableStep) -> Result<(), ComplaintError> {
        if self.step_done_at(step.into()).is_some() {
            return Err(wrong(Code::StepRecorded.label("step", step)));
        }
        if self.waiver(step).is_some() {
            return Err(wrong(Code::StepWaived.label("step", step)));
        }
        Ok(())
    }

    pub(super) fn state_check(&self, action: Action) -> Result<(), ComplaintError> {
        let reference = self.reference();
        if self.kind() == Kind::Signal {
            return match action {
                Action::ConvertToComplaint | Action::Correct | Action::Classify => Ok(()),
                _ => Err(wrong(Code::SignalNoWorkflow.text("reference", reference))),
            };
        }
        if self.is_closed() {
            return match action {
                // The analysis of closed complaints (DESIGN §6) goes on.
                Action::Correct | Action::Classify | Action::Reopen => Ok(()),
                Action::RegisterInExact if self.exact_registration().is_none() => Ok(()),
                Action::RegisterInExact => {
                    Err(wrong(Code::AlreadyInExact.text("reference", reference)))
                }
                _ => Err(wrong(Code::ClosedOnlyExact.text("reference", reference))),
            };
        }
        let handler = || {
            if self.handler().is_some() {
                Ok(())
            } else {
                Err(wrong(Code::AssignHandlerFirst))
            }
        };
        match action {
            Action::ConvertToComplaint => {
                Err(wrong(Code::AlreadyComplaint.text("reference", reference)))
            }
            Action::Reopen => Err(wrong(Code::NotClosedReopen.text("reference", reference))),
            Action::RouteToManager | Action::AssignHandler if self.handed_in() => {
                Err(wrong(Code::HandedIn.text("reference", reference)))
            }
            Action::RouteToManager
            | Action::AssignHandler
            | Action::AddAssistant
            | Action::Correct
            | Action::Classify => Ok(()),
            Action::RecordContact => {
                handler()?;
                self.step_free(WaivableStep::Contact)
            }
            Action::DecideMerit => {
                handler()?;
                if self.merit().is_some() {
                    return Err(wrong(Code::MeritDecided));
                }
                if self.waiver(WaivableStep::Offer).is_some() {
                    return Err(wrong(Code::OfferWaivedNoMerit));
                }
                Ok(())
            }
            Action::ConsultDirector => handler(),
            Action::GiveAdvice => {
                if self.consultations().iter().any(|r| r.is_open()) {
                    Ok(())
                } else {
                    Err(wrong(Code::NoOpenQuestion))
                }
            }
            Action::MakeOffer => {
                handler()?;
                if self.merit().is_none() {
                    return Err(wrong(Code::DecideMeritFirst));
                }
                self.step_free(WaivableStep::Offer)
            }
            Action::RecordResponse => {
                handler()?;
                if self.offer().is_none() {
                    return Err(wrong(Code::NoOfferYet));
                }
                if self.response().is_some() {
                    return Err(wrong(Code::ResponseRecorded));
                }
                Ok(())
            }
            Action::ManageActions => handler(),
            Action::SendForm => {
                handler()?;
                self.step_free(WaivableStep::Record)?;
                for step in [Step::Contact, Step::Offer] {
                    if !self.step_settled(step) {
                        return Err(wrong(Code::FormNeedsStep.label("step", step)));
                    }
                }
                Ok(())
            }
            Action::WaiveStep => {
                if [Step::Contact, Step::Offer, Step::Record]
                    .into_iter()
                    .all(|s| self.step_settled(s))
                {
                    Err(wrong(Code::AllStepsSettled))
                } else {
                    Ok(())
                }
            }
            Action::Escalate => match self.pending_escalation() {
                Some(_) => Err(wrong(Code::EscalationRunning)),
                None => Ok(()),
            },
            Action::RecordEscalationOutcome => match self.pending_escalation() {
                Some(_) => Ok(()),
                None => Err(wrong(Code::NoEscalation)),
            },
            Action::Close => {
                let missing = self.closing_blockers();
                if missing.is_empty() {
                    Ok(())
                } else {
                    Err(wrong(
                        Code::CannotCloseYet
                            .text("reference", reference)
                            .with("missing", Arg::List(missing)),
                    ))
                }
            }
            Action::RegisterInExact => Err(wrong(Code::ExactAfterClosing)),
        }
    }
}
