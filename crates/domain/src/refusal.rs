//! Why something was refused, without words: a [`Code`] and the values
//! the sentence needs. The edges put it into the reader's language with
//! the Fluent message `refusal-{id}` (see `klacht-i18n`'s `Tr::refusal`).

use std::fmt;

use jiff::civil::Date;

use crate::Labelled;

/// Declares the closed list of refusal codes: a stable identifier (the
/// Fluent key is `refusal-{id}`) and the placeholders its message uses.
macro_rules! codes {
    (
        $( $(#[$vmeta:meta])* $variant:ident => $id:literal $(( $($arg:ident),+ ))? ; )+
    ) => {
        /// Every sentence the domain can refuse with.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$vmeta])* $variant, )+
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The identifier; the message's key is `refusal-{id}`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)+ }
            }

            /// The placeholders the message fills, as the code's
            /// refusals supply them.
            pub fn placeholders(self) -> &'static [&'static str] {
                match self { $(Code::$variant => &[$($(stringify!($arg)),+)?],)+ }
            }
        }
    };
}

codes! {
    /// Words made outside the codes, as they came (Dutch: a value not on
    /// the administrator's list, a file's refusal).
    Verbatim => "verbatim" (message);

    // Improvement actions and patterns.
    ImprovementManageOnly => "improvement-manage-only";
    ImprovementJudgeOnly => "improvement-judge-only";
    ImprovementAdminSeesNone => "improvement-admin-sees-none";
    ImprovementUpdateOnly => "improvement-update-only" (number);
    ImprovementDone => "improvement-done" (number);
    ImprovementOwnerAdmin => "improvement-owner-admin";
    ImprovementOwnerFromList => "improvement-owner-from-list";
    ImprovementDuePast => "improvement-due-past" (date);
    ImprovementDueFar => "improvement-due-far" (date);
    ImprovementNoComplaints => "improvement-no-complaints";
    ImprovementNoPatternComplaint => "improvement-no-pattern-complaint";
    ImprovementTooManyComplaints => "improvement-too-many-complaints" (max);
    ImprovementCloseWithEvaluation => "improvement-close-with-evaluation";
    ImprovementStatusAlready => "improvement-status-already" (status);
    ImprovementChooseStatus => "improvement-choose-status";
    ImprovementChangeDoesNotFit => "improvement-change-does-not-fit";
    ImprovementPatternNotOpen => "improvement-pattern-not-open";
    ImprovementDismissReasonRequired => "improvement-dismiss-reason-required";
    ImprovementDismissReasonTooLong => "improvement-dismiss-reason-too-long" (max);
    ImprovementPatternChanged => "improvement-pattern-changed";
    ImprovementActionPatternChanged => "improvement-action-pattern-changed";
    SubjectImprovementTitle => "subject-improvement-title";
    SubjectImprovementDescription => "subject-improvement-description";
    SubjectImprovementEvaluation => "subject-improvement-evaluation";

    // Hand-overs, bulk work, administration, files, sign-in.
    HandoverOnlyManagers => "handover-only-managers";
    HandoverNotYourTeam => "handover-not-your-team" (name);
    HandoverChooseTaker => "handover-choose-taker";
    ReassignOnlyManagers => "reassign-only-managers";
    ReassignChooseHandler => "reassign-choose-handler";
    ReassignNotYourTeam => "reassign-not-your-team" (reference);
    ReassignNotAll => "reassign-not-all";
    BulkChooseComplaints => "bulk-choose-complaints";
    BulkChooseClassification => "bulk-choose-classification";
    BulkClassifyNotAll => "bulk-classify-not-all";
    /// `kind`: `category` or `cause`; `names`: the active values.
    ClassificationNotOnList => "classification-not-on-list" (kind, value, names);
    ClassificationNoneActive => "classification-none-active" (kind);
    AdminOnly => "admin-only";
    AdminNameMissing => "admin-name-missing" (what);
    AdminNameTooLong => "admin-name-too-long" (what, max);
    AdminSubjectUserName => "admin-subject-user-name";
    AdminSubjectListValueName => "admin-subject-list-value-name" (kind);
    AdminSubjectServiceName => "admin-subject-service-name";
    AdminListValueExists => "admin-list-value-exists" (kind, name);
    AdminServiceExists => "admin-service-exists" (name);
    AdminServiceChooseManager => "admin-service-choose-manager";
    AdminCalendarBusy => "admin-calendar-busy";
    AdminNotADay => "admin-not-a-day" (typed);
    AdminClosingDayYears => "admin-closing-day-years";
    AdminClosingDayExists => "admin-closing-day-exists" (date);
    AdminClosingDayNotAdded => "admin-closing-day-not-added" (date);
    AdminEmployeeNeedsManager => "admin-employee-needs-manager";
    AdminNeedsNoManager => "admin-needs-no-manager";
    AdminManagerUnknown => "admin-manager-unknown";
    AdminManagerInactive => "admin-manager-inactive" (name);
    AdminManagerNotManaging => "admin-manager-not-managing" (name);
    AdminManagerCircle => "admin-manager-circle";
    AdminPasswordTooShort => "admin-password-too-short" (min);
    AdminEmailTaken => "admin-email-taken" (email);
    AdminOwnRole => "admin-own-role";
    AdminManagerOfOthers => "admin-manager-of-others" (name, count);
    AdminDeactivateSelf => "admin-deactivate-self";
    ViewOnlyQualityDirector => "view-only-quality-director";
    ViewNameMissing => "view-name-missing";
    ViewNameTooLong => "view-name-too-long" (max);
    ViewNameCharacters => "view-name-characters";
    ViewExists => "view-exists" (name);
    FilesTooMany => "files-too-many" (max, count);
    FileTooLarge => "file-too-large" (name, mb);
    FileEmpty => "file-empty" (name);
    FileNotAccepted => "file-not-accepted" (name);
    /// `kind`: `pdf`, `jpeg`, `png` or `docx`.
    FileNameMismatch => "file-name-mismatch" (name, kind, extension);
    /// Two sentences one after the other (`then` may hold two again).
    TwoSentences => "two-sentences" (first, then);
    SsoIdToken => "sso-id-token" (reason);
    SsoReasonExpired => "sso-reason-expired";
    SsoReasonAudience => "sso-reason-audience";
    SsoReasonNonce => "sso-reason-nonce";
    SsoReasonIssuer => "sso-reason-issuer";
    SsoReasonSignature => "sso-reason-signature";
    SsoReasonOther => "sso-reason-other";

    // Registration and intake.
    RoleCannotRegister => "role-cannot-register" (role);
    WebIsComplaint => "web-is-complaint";
    ComplainantNameMissing => "complainant-name-missing";
    RepresentativeNameMissing => "representative-name-missing";
    ReceivedInFuture => "received-in-future";
    ReceivedTooEarly => "received-too-early" (date, year);
    DescriptionRequired => "description-required";
    DescriptionTooLong => "description-too-long" (max);
    ReferenceYear => "reference-year" (reference, year);

    // Text in general: `what` is one of the subjects below.
    Required => "required" (what);
    TooLong => "too-long" (what, max);
    BeforeReceipt => "before-receipt" (what, date, received);
    InFuture => "in-future" (what, date);

    // The subjects of those sentences.
    SubjectService => "subject-service";
    SubjectCategory => "subject-category";
    SubjectCause => "subject-cause";
    SubjectContactDate => "subject-contact-date";
    SubjectContactSummary => "subject-contact-summary";
    SubjectMeritReasoning => "subject-merit-reasoning";
    SubjectOfferDescription => "subject-offer-description";
    SubjectOfferDate => "subject-offer-date";
    SubjectLetterText => "subject-letter-text";
    SubjectResponseComment => "subject-response-comment";
    SubjectActionDescription => "subject-action-description";
    SubjectNote => "subject-note";
    SubjectExternalParty => "subject-external-party";
    SubjectEscalationDate => "subject-escalation-date";
    SubjectOutcomeDate => "subject-outcome-date";
    SubjectOutcome => "subject-outcome";
    SubjectExactId => "subject-exact-id";
    SubjectWaiverReason => "subject-waiver-reason";
    SubjectConversionReason => "subject-conversion-reason";
    SubjectDirectorQuestion => "subject-director-question";
    SubjectAdvice => "subject-advice";
    SubjectReopeningReason => "subject-reopening-reason";
    SubjectCorrectionReason => "subject-correction-reason";

    // Corrections of the intake.
    IntakeFixed => "intake-fixed";
    Reclassified => "reclassified";
    HandlerNotInvolved => "handler-not-involved";
    AssistantNotInvolved => "assistant-not-involved";
    ReceiptAfterStep => "receipt-after-step" (received, step);

    // The steps' own rules.
    NoValueWithoutOffer => "no-value-without-offer";
    ZeroValue => "zero-value";
    OfferTooHigh => "offer-too-high" (max);
    ResponseEmpty => "response-empty";
    DueBeforeReceipt => "due-before-receipt" (due, received);
    DueTooFar => "due-too-far" (due);
    EscalationAfterOutcome => "escalation-after-outcome" (on, outcome);
    OutcomeBeforeEscalation => "outcome-before-escalation" (on, escalated);

    // Who may do what.
    NoPermission => "no-permission" (action, reference);
    QuestionOtherDirector => "question-other-director" (number);
    SystemOnlyExact => "system-only-exact" (action);
    ManagerOwnTeam => "manager-own-team";
    CorrectOwnOnly => "correct-own-only" (number);
    NoFilesAllowed => "no-files-allowed";
    NoLinkPermission => "no-link-permission" (reference);
    NoUnlinkPermission => "no-unlink-permission" (reference);

    // People on a complaint.
    NotAManager => "not-a-manager" (name);
    NotADirector => "not-a-director" (name);
    AlreadyResponsible => "already-responsible" (name);
    AssistOnlyQualityOrDirector => "assist-only-quality-or-director";
    AssistantInvolved => "assistant-involved";
    AssistantIsHandler => "assistant-is-handler" (name);
    AlreadyAssisting => "already-assisting" (name);
    AdminCannotHandle => "admin-cannot-handle";
    AdminSeesNoComplaints => "admin-sees-no-complaints";
    HandlerInvolved => "handler-involved";
    AlreadyHandler => "already-handler" (name);
    NoAdviceFromSelf => "no-advice-from-self";
    AdvisorInvolved => "advisor-involved";
    NoMoreQuestions => "no-more-questions";
    InvolvedCannotHandle => "involved-cannot-handle";

    // Questions, actions, steps.
    NoSuchQuestion => "no-such-question" (number);
    QuestionAnswered => "question-answered" (number);
    NoMoreActions => "no-more-actions";
    NoSuchAction => "no-such-action" (number);
    ActionDone => "action-done" (number);
    AdminNoActions => "admin-no-actions";
    AlreadyOwnsAction => "already-owns-action" (name, number);
    StepRecordedCannotWaive => "step-recorded-cannot-waive" (step);
    StepAlreadyWaived => "step-already-waived" (step);
    StepRecorded => "step-recorded" (step);
    StepWaived => "step-waived" (step);
    NoEscalation => "no-escalation";
    EscalationRunning => "escalation-running";
    ClassificationUnchanged => "classification-unchanged";
    NoSuchRound => "no-such-round" (number);
    RoundInExact => "round-in-exact" (number, exact_id);
    SignalNoWorkflow => "signal-no-workflow" (reference);
    AlreadyInExact => "already-in-exact" (reference);
    ClosedOnlyExact => "closed-only-exact" (reference);
    AssignHandlerFirst => "assign-handler-first";
    AlreadyComplaint => "already-complaint" (reference);
    NotClosedReopen => "not-closed-reopen" (reference);
    HandedIn => "handed-in" (reference);
    MeritDecided => "merit-decided";
    OfferWaivedNoMerit => "offer-waived-no-merit";
    NoOpenQuestion => "no-open-question";
    DecideMeritFirst => "decide-merit-first";
    NoOfferYet => "no-offer-yet";
    ResponseRecorded => "response-recorded";
    FormNeedsStep => "form-needs-step" (step);
    AllStepsSettled => "all-steps-settled";
    CannotCloseYet => "cannot-close-yet" (reference, missing);
    ExactAfterClosing => "exact-after-closing";
    NotClosedExact => "not-closed-exact" (reference);

    // What closing still needs (the items of `missing`).
    BlockerOfferNoMerit => "blocker-offer-no-merit" (step);
    BlockerEscalation => "blocker-escalation";
    BlockerAction => "blocker-action" (number);

    // Corrections.
    NoSuchEvent => "no-such-event" (number);
    EventSealed => "event-sealed" (number);
    NoCorrectReport => "no-correct-report";
    NoCorrectAssignment => "no-correct-assignment";
    NoCorrectAssistant => "no-correct-assistant";
    NoCorrectClassification => "no-correct-classification";
    NoCorrectFormSent => "no-correct-form-sent";
    NoCorrectSatisfaction => "no-correct-satisfaction";
    NoCorrectMail => "no-correct-mail";
    NoCorrectFiles => "no-correct-files";
    NoCorrectLink => "no-correct-link";
    NoCorrectTransfer => "no-correct-transfer";
    NoCorrectConsultation => "no-correct-consultation";
    NoCorrectReopening => "no-correct-reopening";
    NoCorrectCorrection => "no-correct-correction";
    CorrectionSameKind => "correction-same-kind" (number);
    NotCorrectable => "not-correctable" (number);
    CorrectionUnchanged => "correction-unchanged";

    // Mail, files and links.
    SignalNoHandling => "signal-no-handling";
    ComplaintClosed => "complaint-closed";
    ClosedNoFiles => "closed-no-files";
    ChooseFile => "choose-file";
    TooManyFiles => "too-many-files" (max);
    LinkNotFound => "link-not-found" (reference);
    LinkSelf => "link-self";
    AlreadyLinked => "already-linked" (other, reference);
    NotLinked => "not-linked" (other, reference);
    NoLinkWith => "no-link-with" (reference);

    // The public site.
    RouteOnlyWeb => "route-only-web";
    AlreadyReported => "already-reported";
    NoSatisfactionQuestion => "no-satisfaction-question";
    SatisfactionGiven => "satisfaction-given" (date);
    SatisfactionNotYet => "satisfaction-not-yet";
    SatisfactionCommentTooLong => "satisfaction-comment-too-long" (max);
    SatisfactionCommentCharacters => "satisfaction-comment-characters";

    // Values that did not parse.
    /// Another refusal as a sentence of its own: capital first, full stop
    /// at the end (a form's field error).
    Sentence => "sentence" (phrase);
    NotAnId => "not-an-id" (input);
    ReferenceOutOfRange => "reference-out-of-range" (year, number);
    NotAReference => "not-a-reference" (input);
    NotAnEmail => "not-an-email" (input);
    NotATrackingCode => "not-a-tracking-code";
    TimeZoneMissing => "time-zone-missing";
    UnknownTimeZone => "unknown-time-zone" (input);
    ReceivedMissing => "received-missing";
    NoSuchDateIn => "no-such-date-in" (input);
    OutOfRange => "out-of-range" (input);
    NoOffset => "no-offset" (input);
    NotAMoment => "not-a-moment" (input);
    NotAReminderKind => "not-a-reminder-kind" (input);
    UnknownRole => "unknown-role" (input);
    UnknownDimension => "unknown-dimension" (input);
    PatternMinComplaints => "pattern-min-complaints" (given);
    PatternWindow => "pattern-window" (max, given);
    NotAPattern => "not-a-pattern" (input);
    UnknownStatus => "unknown-status" (input);
    ImprovementNumberOutOfRange => "improvement-number-out-of-range" (year, number);
    NotAnImprovementNumber => "not-an-improvement-number" (input);
    /// `what`: one of the lists' names below; `choices`: its values.
    UnknownValue => "unknown-value" (what, input, choices);
    ListKind => "list-kind";
    ListChannel => "list-channel";
    ListStatus => "list-status";
    ListReopeningKind => "list-reopening-kind";
    ListMerit => "list-merit";
    ListOfferKind => "list-offer-kind";
    ListContactMode => "list-contact-mode";
    ListWaivableStep => "list-waivable-step";
    ListLinkReason => "list-link-reason";
    ReportNotWaivable => "report-not-waivable";
    SatisfactionOutOfRange => "satisfaction-out-of-range" (min, max, score);
    NotASatisfactionScore => "not-a-satisfaction-score" (input);
    PartyNameRequired => "party-name-required";
    NotAName => "not-a-name" (input);
    NotAPhoneNumber => "not-a-phone-number" (input);
    AddressTooLong => "address-too-long" (max);
    NotADay => "not-a-day" (input);
    NoSuchDay => "no-such-day" (input);
    /// A value the domain refused whose words were lost on the way (serde
    /// keeps only the text of an error).
    Unreadable => "unreadable";
    /// Stored values the code does not know: a damaged database.
    UnknownMessageKind => "unknown-message-kind" (input);
    UnknownList => "unknown-list" (input);
}

/// A value in a refusal's sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// As it is: a name, a number, a reference.
    Text(String),
    /// A value of a closed list, named in the reader's language.
    Label {
        kind: &'static str,
        id: &'static str,
        dutch: &'static str,
    },
    /// A date, written as the reader's language writes it.
    Date(Date),
    /// An amount in euro cents.
    Euro(u64),
    /// A phrase of its own: a subject, an item of a list.
    Phrase(Box<Refusal>),
    /// Items shown one after the other, separated by commas.
    List(Vec<Arg>),
}

impl Arg {
    /// A value of a closed list.
    pub fn label<L: Labelled>(value: L) -> Self {
        Arg::Label {
            kind: L::KIND,
            id: value.id(),
            dutch: value.dutch(),
        }
    }
}

/// Why something was refused: a code and the values its sentence needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    code: Code,
    args: Vec<(&'static str, Arg)>,
}

impl Refusal {
    pub fn new(code: Code) -> Self {
        Self {
            code,
            args: Vec::new(),
        }
    }

    pub fn code(&self) -> Code {
        self.code
    }

    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }

    /// The value of the placeholder `name`.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    pub fn with(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }

    pub fn text(self, name: &'static str, value: impl fmt::Display) -> Self {
        self.with(name, Arg::Text(value.to_string()))
    }

    pub fn label<L: Labelled>(self, name: &'static str, value: L) -> Self {
        self.with(name, Arg::label(value))
    }

    pub fn date(self, name: &'static str, value: Date) -> Self {
        self.with(name, Arg::Date(value))
    }

    pub fn euro(self, name: &'static str, cents: u64) -> Self {
        self.with(name, Arg::Euro(cents))
    }

    pub fn phrase(self, name: &'static str, value: impl Into<Refusal>) -> Self {
        self.with(name, Arg::Phrase(Box::new(value.into())))
    }
}

impl Code {
    /// A refusal with this code and a first value.
    pub fn text(self, name: &'static str, value: impl fmt::Display) -> Refusal {
        Refusal::new(self).text(name, value)
    }

    pub fn label<L: Labelled>(self, name: &'static str, value: L) -> Refusal {
        Refusal::new(self).label(name, value)
    }

    pub fn date(self, name: &'static str, value: Date) -> Refusal {
        Refusal::new(self).date(name, value)
    }

    pub fn phrase(self, name: &'static str, value: impl Into<Refusal>) -> Refusal {
        Refusal::new(self).phrase(name, value)
    }
}

impl From<Code> for Refusal {
    fn from(code: Code) -> Self {
        Refusal::new(code)
    }
}

/// For logs and debugging only: the key and the raw values. Readers get
/// the sentence from the edges.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "refusal-{}", self.code.id())?;
        for (i, (name, value)) in self.args.iter().enumerate() {
            f.write_str(if i == 0 { " (" } else { ", " })?;
            write!(f, "{name}: {value}")?;
        }
        if !self.args.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(t) => f.write_str(t),
            Arg::Label { id, .. } => f.write_str(id),
            Arg::Date(d) => write!(f, "{d}"),
            Arg::Euro(cents) => write!(f, "{cents} ct"),
            Arg::Phrase(r) => write!(f, "[{r}]"),
            Arg::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn codes_are_unique_and_keyable() {
        let ids: BTreeSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
    }
}
