//! Who may see and do what (DESIGN §1), as pure functions of the user and
//! the complaint. `Complaint::decide` asks these too, so the detail page
//! and the rules cannot disagree.

use serde::{Deserialize, Serialize};

use crate::complaint::Complaint;
use crate::{Role, User};

/// Everything a user can do to an existing complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Report or re-route to a manager (public submissions have none).
    RouteToManager,
    AssignHandler,
    AddAssistant,
    RecordContact,
    DecideMerit,
    /// Ask the director for advice on the offer (step 3).
    ConsultDirector,
    /// The consulted director answers.
    GiveAdvice,
    MakeOffer,
    RecordResponse,
    ManageActions,
    SendForm,
    WaiveStep,
    Escalate,
    RecordEscalationOutcome,
    Close,
    RegisterInExact,
    Correct,
    ConvertToComplaint,
    /// Set or change category and root cause (DESIGN §6).
    Classify,
    /// Reopen a closed complaint for a new round (issue 16).
    Reopen,
}

impl Action {
    pub const ALL: [Action; 20] = [
        Action::RouteToManager,
        Action::AssignHandler,
        Action::AddAssistant,
        Action::RecordContact,
        Action::DecideMerit,
        Action::ConsultDirector,
        Action::GiveAdvice,
        Action::MakeOffer,
        Action::RecordResponse,
        Action::ManageActions,
        Action::SendForm,
        Action::WaiveStep,
        Action::Escalate,
        Action::RecordEscalationOutcome,
        Action::Close,
        Action::RegisterInExact,
        Action::Correct,
        Action::ConvertToComplaint,
        Action::Classify,
        Action::Reopen,
    ];

    /// The workflow steps of the regulation, done by those handling it.
    const STEPS: [Action; 7] = [
        Action::RecordContact,
        Action::DecideMerit,
        Action::MakeOffer,
        Action::RecordResponse,
        Action::ManageActions,
        Action::SendForm,
        Action::WaiveStep,
    ];

    /// Dutch name, as on the detail page's buttons.
    pub fn label(self) -> &'static str {
        match self {
            Action::RouteToManager => "doorsturen naar leidinggevende",
            Action::AssignHandler => "afhandelaar toewijzen",
            Action::AddAssistant => "bijstand toevoegen",
            Action::RecordContact => "contact vastleggen",
            Action::DecideMerit => "gegrondheid bepalen",
            Action::ConsultDirector => "advies vragen aan de directeur",
            Action::GiveAdvice => "advies geven",
            Action::MakeOffer => "aanbod vastleggen",
            Action::RecordResponse => "reactie klager vastleggen",
            Action::ManageActions => "acties beheren",
            Action::SendForm => "formulier naar kwaliteitsmanager",
            Action::WaiveStep => "stap overslaan",
            Action::Escalate => "extern escaleren",
            Action::RecordEscalationOutcome => "uitkomst escalatie vastleggen",
            Action::Close => "afsluiten",
            Action::RegisterInExact => "registratie in Exact vastleggen",
            Action::Correct => "corrigeren",
            Action::ConvertToComplaint => "omzetten in klacht",
            Action::Classify => "indeling vastleggen",
            Action::Reopen => "heropenen",
        }
    }
}

/// The actions are named in refusals ("Geen toestemming voor '…'").
impl crate::Labelled for Action {
    const KIND: &'static str = "Action";

    fn id(self) -> &'static str {
        match self {
            Action::RouteToManager => "route_to_manager",
            Action::AssignHandler => "assign_handler",
            Action::AddAssistant => "add_assistant",
            Action::RecordContact => "record_contact",
            Action::DecideMerit => "decide_merit",
            Action::ConsultDirector => "consult_director",
            Action::GiveAdvice => "give_advice",
            Action::MakeOffer => "make_offer",
            Action::RecordResponse => "record_response",
            Action::ManageActions => "manage_actions",
            Action::SendForm => "send_form",
            Action::WaiveStep => "waive_step",
            Action::Escalate => "escalate",
            Action::RecordEscalationOutcome => "record_escalation_outcome",
            Action::Close => "close",
            Action::RegisterInExact => "register_in_exact",
            Action::Correct => "correct",
            Action::ConvertToComplaint => "convert_to_complaint",
            Action::Classify => "classify",
            Action::Reopen => "reopen",
        }
    }

    fn dutch(self) -> &'static str {
        self.label()
    }
}

/// Every staff member receives complaints; the administrator runs the
/// system and stays out of complaint content.
pub fn can_register(user: &User) -> bool {
    user.role != Role::Admin
}

struct Relation {
    registrant: bool,
    responsible: bool,
    handler: bool,
    assistant: bool,
    involved: bool,
    /// Owns an agreed action (open or completed, as corrected).
    action_owner: bool,
}

fn relation(user: &User, c: &Complaint) -> Relation {
    Relation {
        registrant: c.received_by() == Some(user.id),
        responsible: c.responsible_manager() == Some(user.id),
        handler: c.handler() == Some(user.id),
        assistant: c.assistants().contains(&user.id),
        involved: c.is_involved(user.id),
        action_owner: owns_an_action(user, c),
    }
}

fn owns_an_action(user: &User, c: &Complaint) -> bool {
    c.actions()
        .iter()
        .any(|a| a.agreed.value.owner == Some(user.id))
}

pub fn can_view(user: &User, c: &Complaint) -> bool {
    match user.role {
        Role::Admin => false,
        Role::QualityManager | Role::Director => true,
        // The owner of an agreed action reads the complaint she acts on,
        // and keeps reading it once her action is done (her reminders and
        // start page point there); she does nothing else by owning it but
        // complete her own action ([`may_complete_action`]).
        Role::Employee | Role::Manager => {
            let r = relation(user, c);
            r.registrant || r.responsible || r.handler || r.assistant || r.action_owner
        }
    }
}

/// Whether `user` may mark agreed action `number` done: whoever manages
/// the complaint's actions, and the action's own owner (only hers: owning
/// one action gives no say over the others, nor over agreeing new ones).
pub fn may_complete_action(user: &User, c: &Complaint, number: u32) -> bool {
    if may(user, c, Action::ManageActions) {
        return true;
    }
    can_view(user, c)
        && c.action(number)
            .is_some_and(|a| a.agreed.value.owner == Some(user.id))
}

/// Whether the user's role and relation to the complaint allow `action`.
/// Whether the complaint's state allows it is [`Complaint::is_possible`].
pub fn may(user: &User, c: &Complaint, action: Action) -> bool {
    if !can_view(user, c) {
        return false;
    }
    let r = relation(user, c);
    let quality = user.role == Role::QualityManager;
    let director = user.role == Role::Director;
    match action {
        Action::RouteToManager => quality || director,
        Action::AssignHandler => r.responsible || quality || director,
        Action::AddAssistant => r.responsible || r.handler || quality || director,
        // Whoever delivered the service does not handle the complaint, in
        // whatever capacity (DESIGN §3).
        Action::RecordContact
        | Action::DecideMerit
        | Action::MakeOffer
        | Action::RecordResponse
        | Action::ManageActions
        | Action::SendForm
        | Action::WaiveStep
        | Action::ConsultDirector => {
            (r.handler || r.assistant || r.responsible || quality) && !r.involved
        }
        // Only the director the question was put to answers it.
        Action::GiveAdvice => c.open_consultations_for(user.id).next().is_some(),
        Action::Escalate | Action::RecordEscalationOutcome => r.handler || director || quality,
        Action::Close | Action::RegisterInExact => quality,
        // Reopening undoes a filing: the dossier's keeper or the one
        // finally responsible decides it.
        Action::Reopen => quality || director,
        // The closed dossier is the quality manager's; before that, anyone
        // may correct what they were allowed to record.
        Action::Correct => {
            quality
                || (!c.is_closed()
                    && (may_correct_registration(user, c)
                        || Action::STEPS
                            .into_iter()
                            .chain([
                                Action::Escalate,
                                Action::RecordEscalationOutcome,
                                Action::ConvertToComplaint,
                            ])
                            .any(|a| may(user, c, a))))
        }
        Action::ConvertToComplaint => r.registrant || r.responsible || quality || director,
        // Those answering for the complaint; after closing the analysis is
        // the quality manager's. Whoever delivered the service does not
        // judge its root cause.
        Action::Classify => {
            !r.involved && (quality || (!c.is_closed() && (r.handler || r.responsible || director)))
        }
    }
}

/// Intake details may be corrected by who took them in and by those
/// answering for the complaint.
pub fn may_correct_registration(user: &User, c: &Complaint) -> bool {
    if !can_view(user, c) {
        return false;
    }
    let r = relation(user, c);
    let quality = user.role == Role::QualityManager;
    quality || (!c.is_closed() && (r.registrant || r.responsible || r.handler))
}

/// Whether `user` may add files (a scanned letter, a photo) to a
/// complaint: who took it in and everyone who answers for it; not who only
/// reads it (the owner of an agreed action). Whether its state allows it
/// is [`crate::complaint::add_files`]'s question.
pub fn may_add_files(user: &User, c: &Complaint) -> bool {
    if !can_view(user, c) {
        return false;
    }
    let r = relation(user, c);
    matches!(user.role, Role::QualityManager | Role::Director)
        || r.registrant
        || r.responsible
        || r.handler
        || r.assistant
}

/// The actions to offer on the detail page: permitted and possible now.
pub fn allowed_actions(user: &User, c: &Complaint) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|a| may(user, c, *a) && c.is_possible(*a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::tests::{Org, Run, handled, org, ready_to_close};
    use crate::complaint::{Closing, Command, Kind};

    fn everyone(org: &Org) -> [(&'static str, &User); 9] {
        [
            ("director", &org.director),
            ("quality", &org.quality),
            ("admin", &org.admin),
            ("manager", &org.manager),
            ("other_manager", &org.other_manager),
            ("employee", &org.employee),
            ("colleague", &org.colleague),
            ("involved", &org.involved),
            ("outsider", &org.outsider),
        ]
    }

    fn who_may(org: &Org, c: &Complaint, action: Action) -> Vec<&'static str> {
        everyone(org)
            .into_iter()
            .filter(|(_, u)| may(u, c, action))
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn all_staff_but_the_administrator_register() {
        let org = org();
        for (name, u) in everyone(&org) {
            assert_eq!(can_register(u), name != "admin", "{name}");
        }
    }

    #[test]
    fn who_sees_a_complaint() {
        let org = org();
        let run = Run::registered(&org, Kind::Complaint);
        let viewers = |c: &Complaint| -> Vec<&str> {
            everyone(&org)
                .into_iter()
                .filter(|(_, u)| can_view(u, c))
                .map(|(n, _)| n)
                .collect()
        };
        // The registrant, their manager, and those who see everything.
        assert_eq!(
            viewers(&run.c),
            ["director", "quality", "manager", "employee"]
        );
        // Handling or assisting makes it visible; being involved does not.
        let mut run = handled(&org);
        run.ok(
            &org.manager,
            Command::AddAssistant {
                assistant: org.quality.clone(),
            },
        );
        assert_eq!(
            viewers(&run.c),
            ["director", "quality", "manager", "employee", "colleague"]
        );
        run.ok(&org.quality, crate::complaint::tests::assign(&org.outsider));
        assert!(can_view(&org.outsider, &run.c));
        assert!(
            !can_view(&org.colleague, &run.c),
            "a replaced handler no longer sees it"
        );
    }

    #[test]
    fn each_action_is_for_the_roles_the_regulation_names() {
        let org = org();
        let run = handled(&org);
        let c = &run.c;
        let expect: [(Action, &[&str]); 20] = [
            (Action::RouteToManager, &["director", "quality"]),
            (Action::AssignHandler, &["director", "quality", "manager"]),
            (
                Action::AddAssistant,
                &["director", "quality", "manager", "colleague"],
            ),
            (Action::RecordContact, &["quality", "manager", "colleague"]),
            (Action::DecideMerit, &["quality", "manager", "colleague"]),
            (
                Action::ConsultDirector,
                &["quality", "manager", "colleague"],
            ),
            (Action::GiveAdvice, &[]),
            (Action::MakeOffer, &["quality", "manager", "colleague"]),
            (Action::RecordResponse, &["quality", "manager", "colleague"]),
            (Action::ManageActions, &["quality", "manager", "colleague"]),
            (Action::SendForm, &["quality", "manager", "colleague"]),
            (Action::WaiveStep, &["quality", "manager", "colleague"]),
            (Action::Escalate, &["director", "quality", "colleague"]),
            (
                Action::RecordEscalationOutcome,
                &["director", "quality", "colleague"],
            ),
            (Action::Close, &["quality"]),
            (Action::RegisterInExact, &["quality"]),
            (
                Action::Correct,
                &["director", "quality", "manager", "employee", "colleague"],
            ),
            (
                Action::ConvertToComplaint,
                &["director", "quality", "manager", "employee"],
            ),
            (
                Action::Classify,
                &["director", "quality", "manager", "colleague"],
            ),
            (Action::Reopen, &["director", "quality"]),
        ];
        for (action, names) in expect {
            assert_eq!(who_may(&org, c, action), names, "{action:?}");
        }
        assert_eq!(Action::ALL.len(), expect.len());
    }

    #[test]
    fn an_assistant_works_on_the_steps() {
        let org = org();
        let mut run = handled(&org);
        run.ok(
            &org.manager,
            Command::AddAssistant {
                assistant: org.director.clone(),
            },
        );
        assert!(may(&org.director, &run.c, Action::RecordContact));
        assert!(may(&org.director, &run.c, Action::MakeOffer));
        assert!(!may(&org.director, &run.c, Action::Close));
    }

    #[test]
    fn the_owner_of_an_action_sees_the_complaint_and_completes_only_her_action() {
        let org = org();
        let mut run = handled(&org);
        assert!(!can_view(&org.outsider, &run.c));
        run.ok(
            &org.colleague,
            Command::AgreeAction {
                description: "Rooster aanpassen".into(),
                due: None,
                owner: Some(org.outsider.id),
            },
        );
        run.ok(
            &org.colleague,
            crate::complaint::tests::agree("Excuusbrief"),
        );
        let owner = &org.outsider;
        assert!(can_view(owner, &run.c), "she reads what she acts on");
        assert!(!can_view(&org.other_manager, &run.c), "nobody else new");
        assert!(may_complete_action(owner, &run.c, 1));
        assert!(!may_complete_action(owner, &run.c, 2), "not another's");
        assert!(!may_complete_action(owner, &run.c, 9));
        assert!(may_complete_action(&org.colleague, &run.c, 2));
        // Owning an action is no part in the procedure.
        for action in Action::ALL {
            assert!(!may(owner, &run.c, action), "{action:?}");
        }
        assert!(!may_correct_registration(owner, &run.c));
        assert!(allowed_actions(owner, &run.c).is_empty());
        let err = run.refused(owner, crate::complaint::tests::complete(2));
        assert!(
            matches!(err, crate::complaint::ComplaintError::NotAllowed(_)),
            "{err:?}"
        );
        run.refused(owner, crate::complaint::tests::agree("Nog iets"));
        run.ok(owner, crate::complaint::tests::complete(1));
        assert!(can_view(owner, &run.c), "done, she still reads it");
        run.refused(owner, crate::complaint::tests::complete(1));
    }

    #[test]
    fn the_administrator_may_nothing() {
        let org = org();
        for run in [
            Run::registered(&org, Kind::Signal),
            handled(&org),
            ready_to_close(&org),
        ] {
            assert!(!can_view(&org.admin, &run.c));
            assert!(Action::ALL.iter().all(|a| !may(&org.admin, &run.c, *a)));
            assert!(allowed_actions(&org.admin, &run.c).is_empty());
        }
    }

    #[test]
    fn the_detail_page_offers_what_is_permitted_and_possible() {
        let org = org();
        let run = Run::registered(&org, Kind::Complaint);
        assert_eq!(
            allowed_actions(&org.manager, &run.c),
            [
                Action::AssignHandler,
                Action::AddAssistant,
                Action::WaiveStep,
                Action::Correct,
                Action::Classify
            ]
        );
        assert_eq!(allowed_actions(&org.employee, &run.c), [Action::Correct]);
        assert!(allowed_actions(&org.outsider, &run.c).is_empty());

        let run = handled(&org);
        let handler = allowed_actions(&org.colleague, &run.c);
        assert!(handler.contains(&Action::RecordContact) && handler.contains(&Action::DecideMerit));
        assert!(!handler.contains(&Action::MakeOffer), "no merit yet");
        assert!(!handler.contains(&Action::SendForm));
        assert!(!handler.contains(&Action::RecordEscalationOutcome));

        let signal = Run::registered(&org, Kind::Signal);
        assert_eq!(
            allowed_actions(&org.employee, &signal.c),
            [Action::Correct, Action::ConvertToComplaint]
        );
        // The manager it was reported to classifies a signal too.
        assert!(allowed_actions(&org.manager, &signal.c).contains(&Action::Classify));

        let mut run = ready_to_close(&org);
        assert!(allowed_actions(&org.quality, &run.c).contains(&Action::Close));
        assert!(!allowed_actions(&org.director, &run.c).contains(&Action::Close));
        run.ok(&org.quality, Command::Close(Closing { note: None }));
        assert_eq!(
            allowed_actions(&org.quality, &run.c),
            [
                Action::RegisterInExact,
                Action::Correct,
                Action::Classify,
                Action::Reopen
            ]
        );
        // The director, finally responsible, may only reopen it.
        assert_eq!(allowed_actions(&org.director, &run.c), [Action::Reopen]);
        assert!(allowed_actions(&org.colleague, &run.c).is_empty());
    }

    #[test]
    fn involved_people_keep_out_of_the_steps() {
        let org = org();
        let mut new = crate::complaint::tests::new_complaint(Kind::Complaint, &org.manager);
        new.involved_employees = vec![org.manager.id];
        let at = crate::complaint::tests::received().timestamp();
        let events = crate::complaint::register(
            new,
            crate::complaint::tests::reference(),
            &org.employee,
            at,
        )
        .expect("registers");
        let run = Run::from_events(events, crate::complaint::Actor::User(org.employee.id), at);
        assert!(may(&org.manager, &run.c, Action::AssignHandler));
        assert!(!may(&org.manager, &run.c, Action::RecordContact));
        assert!(!may(&org.manager, &run.c, Action::WaiveStep));
        assert!(!may(&org.manager, &run.c, Action::Classify));
    }
}
