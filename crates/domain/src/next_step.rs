//! The one step a user should take now on a complaint (issue 15): the
//! complaint page opens with it, the other possible actions below it. A
//! pure function of the user, her relation to the complaint and its state,
//! so that the page, and anything else that asks, cannot disagree.
//!
//! Only something that can succeed is ever the next step: it is always one
//! of [`allowed_actions`](crate::permissions::allowed_actions) (or the
//! completion of an action the user may complete).

use crate::complaint::Complaint;
use crate::permissions::{self, Action};
use crate::terms::Step;
use crate::{Role, User};

/// What the next step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// One of the actions on the complaint.
    Act(Action),
    /// Mark agreed action `n` done: her own for an action's owner, the
    /// first open one for the handler.
    CompleteAction(u32),
}

/// The step with the regulation's term it serves, so that the page can say
/// "uiterlijk dinsdag 8 december"; `None` for steps without a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextStep {
    pub next: Next,
    pub term: Option<Step>,
}

impl NextStep {
    fn act(action: Action, term: Option<Step>) -> Option<NextStep> {
        Some(NextStep {
            next: Next::Act(action),
            term,
        })
    }
}

/// The step `user` should take now on `c`, if any is hers. Who does what:
///
/// - the director asked for advice: give it (the offer may wait for it);
/// - nobody answers for a complaint from the public site yet: route it to a
///   manager (quality manager, director);
/// - no handler yet: the responsible manager assigns one;
/// - the handler and her assistants: the regulation's steps in their order
///   (contact, merit, offer, the complainant's response, agreed actions,
///   an escalation's outcome, sending the form);
/// - the owner of an agreed action: completing it;
/// - the quality manager: closing, once nothing stands in the way.
///
/// Whoever oversees without being asked (a responsible manager once a
/// handler works on it, the quality manager before the form reaches her)
/// has no next step: what they may do stays under "Meer acties".
pub fn next_step(user: &User, c: &Complaint) -> Option<NextStep> {
    let can = |a: Action| permissions::may(user, c, a) && c.is_possible(a);
    if can(Action::GiveAdvice) {
        return NextStep::act(Action::GiveAdvice, Some(Step::Offer));
    }
    if !c.is_open() {
        return None;
    }
    let working = c.handler() == Some(user.id) || c.assistants().contains(&user.id);
    if c.responsible_manager().is_none() && c.handler().is_none() {
        if can(Action::RouteToManager) {
            return NextStep::act(Action::RouteToManager, Some(Step::Report));
        }
        return None;
    }
    if c.handler().is_none() {
        let responsible = c.responsible_manager() == Some(user.id);
        if responsible && can(Action::AssignHandler) {
            return NextStep::act(Action::AssignHandler, Some(Step::Contact));
        }
        return None;
    }
    if working && let Some(step) = steps_of_the_handler(c, &can) {
        return Some(step);
    }
    if let Some(n) = first_open_action(user, c, working) {
        return Some(NextStep {
            next: Next::CompleteAction(n),
            term: None,
        });
    }
    if user.role == Role::QualityManager && can(Action::Close) {
        return NextStep::act(Action::Close, None);
    }
    None
}

/// The handler's (or an assistant's) steps in the regulation's order.
fn steps_of_the_handler(c: &Complaint, can: &impl Fn(Action) -> bool) -> Option<NextStep> {
    let order = [
        (Action::RecordContact, Some(Step::Contact)),
        (Action::DecideMerit, Some(Step::Offer)),
        (Action::MakeOffer, Some(Step::Offer)),
        (Action::RecordResponse, Some(Step::Record)),
    ];
    // Once the form went to the quality manager, what is left for the
    // handler is an agreed action or an escalation, never a step again.
    if c.form_sent().is_none() {
        for (action, term) in order {
            if can(action) {
                return NextStep::act(action, term);
            }
        }
    }
    // Agreed actions come before the form: the handler sees that what was
    // agreed is carried out (step 4), and may send the form only once
    // that is on it.
    if let Some(n) = c
        .actions()
        .iter()
        .find(|i| i.completed.is_none())
        .map(|i| i.agreed.value.number)
        .filter(|_| can(Action::ManageActions))
    {
        return Some(NextStep {
            next: Next::CompleteAction(n),
            term: Some(Step::Record),
        });
    }
    if can(Action::RecordEscalationOutcome) {
        return NextStep::act(Action::RecordEscalationOutcome, None);
    }
    if can(Action::SendForm) {
        return NextStep::act(Action::SendForm, Some(Step::Record));
    }
    None
}

/// An open agreed action the user owns herself (not as handler).
fn first_open_action(user: &User, c: &Complaint, working: bool) -> Option<u32> {
    if working {
        return None;
    }
    c.actions()
        .iter()
        .filter(|i| i.completed.is_none() && i.agreed.value.owner == Some(user.id))
        .map(|i| i.agreed.value.number)
        .find(|n| permissions::may_complete_action(user, c, *n))
}

#[cfg(test)]
mod tests;
