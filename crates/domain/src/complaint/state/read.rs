//! Read access to the folded state: what pages, documents and reports see.

use super::*;

/// Read access. The complaint form (DESIGN §5) is filled from these.
impl Complaint {
    pub fn id(&self) -> ComplaintId {
        self.id
    }

    /// Seq of the last applied event: the expected version when appending.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn reference(&self) -> ReferenceNumber {
        self.registration.value.reference
    }

    /// The current kind: a converted signal is a complaint.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn registration(&self) -> &Stamped<Registration> {
        &self.registration
    }

    pub fn channel(&self) -> Channel {
        self.registration.value.channel
    }

    pub fn received_at(&self) -> &Zoned {
        &self.registration.value.received_at
    }

    /// The local day of receipt.
    pub fn received_on(&self) -> Date {
        self.registration.value.received_at.date()
    }

    /// The moment the regulation's terms count from: receipt, except for a
    /// signal converted to a complaint, whose terms count from the
    /// conversion (README, "Terms of a converted signal"): a signal that
    /// turned out unresolved days later must not be born overdue, while
    /// receipt stays the receipt on the form and in the statistics.
    ///
    /// A reopened complaint's current round counts from its reopening
    /// (issue 16); the sealed rounds keep their own terms
    /// ([`SealedRound::terms`]).
    pub fn terms_start(&self) -> Timestamp {
        let received = self.received_at().timestamp();
        if let Some(reopened) = self.rounds.last().map(|r| r.reopened.at) {
            return reopened.max(received);
        }
        self.conversion
            .as_ref()
            .map_or(received, |c| c.at.max(received))
    }

    /// The complaint's four terms on `calendar`, counted from
    /// [`Complaint::terms_start`].
    pub fn terms(&self, calendar: &crate::calendar::WorkingCalendar) -> crate::terms::Terms {
        crate::terms::Terms::compute(self.terms_start(), calendar)
    }

    /// The language the complainant writes in: their mails, letters and
    /// status page speak it.
    pub fn language(&self) -> crate::Language {
        self.registration.value.language
    }

    pub fn received_by(&self) -> Option<UserId> {
        self.registration.value.received_by
    }

    pub fn responsible_manager(&self) -> Option<UserId> {
        self.responsible_manager
    }

    pub fn handler(&self) -> Option<UserId> {
        self.handler
    }

    pub fn assistants(&self) -> &[UserId] {
        &self.assistants
    }

    pub fn involved_employees(&self) -> &[UserId] {
        &self.registration.value.involved_employees
    }

    pub fn is_involved(&self, user: UserId) -> bool {
        self.involved_employees().contains(&user)
    }

    pub fn complainant(&self) -> &Party {
        &self.registration.value.complainant
    }

    pub fn representative(&self) -> Option<&Party> {
        self.registration.value.representative.as_ref()
    }

    pub fn service(&self) -> Option<&str> {
        self.registration.value.service.as_deref()
    }

    pub fn description(&self) -> &str {
        &self.registration.value.description
    }

    /// The current category: the latest classification's, otherwise what
    /// intake said.
    pub fn category(&self) -> Option<&str> {
        match &self.classification {
            Some(c) => c.value.category.as_deref(),
            None => self.registration.value.category.as_deref(),
        }
    }

    /// The current root cause, as [`Complaint::category`].
    pub fn cause(&self) -> Option<&str> {
        match &self.classification {
            Some(c) => c.value.cause.as_deref(),
            None => self.registration.value.cause.as_deref(),
        }
    }

    /// The latest classification after intake, with who and when.
    pub fn classification(&self) -> Option<&Stamped<Classification>> {
        self.classification.as_ref()
    }

    /// What the complainant answered to the satisfaction check on the
    /// public site, with when.
    pub fn satisfaction_report(&self) -> Option<&Stamped<SatisfactionReport>> {
        self.satisfaction_report.as_ref()
    }

    /// The complainant's satisfaction as it counts (form, Exact, figures):
    /// their own answer to the satisfaction check when they gave one, as
    /// the most direct word; otherwise what the handler recorded of their
    /// reaction (README, "Satisfaction"). Pages show both.
    pub fn satisfaction(&self) -> Option<Satisfaction> {
        self.satisfaction_report
            .as_ref()
            .map(|r| r.value.satisfaction)
            .or_else(|| self.response.as_ref().and_then(|r| r.value.satisfaction))
    }

    pub fn report(&self) -> Option<&Stamped<UserId>> {
        self.report.as_ref()
    }

    pub fn contact(&self) -> Option<&Stamped<Contact>> {
        self.contact.as_ref()
    }

    pub fn merit(&self) -> Option<&Stamped<MeritDecision>> {
        self.merit.as_ref()
    }

    pub fn offer(&self) -> Option<&Stamped<Offer>> {
        self.offer.as_ref()
    }

    pub fn response(&self) -> Option<&Stamped<ComplainantResponse>> {
        self.response.as_ref()
    }

    pub fn actions(&self) -> &[ActionItem] {
        &self.actions
    }

    pub fn action(&self, number: u32) -> Option<&ActionItem> {
        self.actions
            .iter()
            .find(|i| i.agreed.value.number == number)
    }

    /// The questions to the director, in the order asked, with her
    /// advice where given.
    pub fn consultations(&self) -> &[ConsultationRecord] {
        &self.consultations
    }

    pub fn consultation(&self, number: u32) -> Option<&ConsultationRecord> {
        self.consultations.iter().find(|r| r.number() == number)
    }

    /// The questions still waiting for `director`'s advice.
    pub fn open_consultations_for(
        &self,
        director: UserId,
    ) -> impl Iterator<Item = &ConsultationRecord> {
        self.consultations
            .iter()
            .filter(move |r| r.is_open() && r.director() == director)
    }

    /// Whether the director advised on this complaint in the system, or
    /// the offer says she was consulted outside it.
    pub fn director_consulted(&self) -> bool {
        self.consultations.iter().any(|r| !r.is_open())
            || self
                .offer
                .as_ref()
                .is_some_and(|o| o.value.director_consulted)
    }

    pub fn form_sent(&self) -> Option<&Stamped<()>> {
        self.form_sent.as_ref()
    }

    pub fn escalations(&self) -> &[EscalationRecord] {
        &self.escalations
    }

    /// The latest escalation, the one the form shows.
    pub fn escalation(&self) -> Option<&EscalationRecord> {
        self.escalations.last()
    }

    /// An escalation still waiting for its outcome.
    pub fn pending_escalation(&self) -> Option<&EscalationRecord> {
        self.escalations.last().filter(|e| e.outcome.is_none())
    }

    pub fn closed(&self) -> Option<&Stamped<Closing>> {
        self.closed.as_ref()
    }

    pub fn is_closed(&self) -> bool {
        self.closed.is_some()
    }

    pub fn exact_registration(&self) -> Option<&Stamped<ExactRegistration>> {
        self.exact.as_ref()
    }

    pub fn conversion(&self) -> Option<&Stamped<Conversion>> {
        self.conversion.as_ref()
    }

    pub fn waiver(&self, step: WaivableStep) -> Option<&Stamped<Waiver>> {
        self.waivers[step.index()].as_ref()
    }

    pub fn waivers(&self) -> impl Iterator<Item = &Stamped<Waiver>> {
        self.waivers.iter().flatten()
    }

    /// A complaint whose workflow still runs: not a signal, not closed.
    pub fn is_open(&self) -> bool {
        self.kind == Kind::Complaint && self.closed.is_none()
    }

    pub fn status(&self) -> Status {
        if self.closed.is_some() {
            Status::Closed
        } else if self.kind == Kind::Signal {
            Status::Signal
        } else if self.pending_escalation().is_some() {
            Status::Escalated
        } else if self.form_sent.is_some() {
            Status::Recorded
        } else if !self.rounds.is_empty() {
            Status::Reopened
        } else if self.handler.is_some() {
            Status::InProgress
        } else {
            Status::AwaitingHandler
        }
    }

    /// When the step was recorded in the system. A correction keeps the
    /// original moment; a waived step has none.
    pub fn step_done_at(&self, step: Step) -> Option<Timestamp> {
        match step {
            // A reopened round is reported by its reopening, which tells
            // the responsible manager.
            Step::Report => match self.rounds.last() {
                Some(r) => Some(r.reopened.at),
                None => self.report.as_ref().map(|s| s.at),
            },
            Step::Contact => self.contact.as_ref().map(|s| s.at),
            Step::Offer => self.offer.as_ref().map(|s| s.at),
            Step::Record => self.form_sent.as_ref().map(|s| s.at),
        }
    }

    /// The day the step happened by the record's own account: the contact
    /// date and offer date as entered, otherwise the local day of recording.
    pub fn step_done_on(&self, step: Step) -> Option<Date> {
        let local = |at: Timestamp| at.to_zoned(self.received_at().time_zone().clone()).date();
        match step {
            Step::Report => self.step_done_at(Step::Report).map(local),
            Step::Contact => self.contact.as_ref().map(|s| s.value.date),
            Step::Offer => self.offer.as_ref().map(|s| s.value.made_on),
            Step::Record => self.form_sent.as_ref().map(|s| local(s.at)),
        }
    }

    pub fn step_waived(&self, step: Step) -> Option<&Stamped<Waiver>> {
        WaivableStep::try_from(step)
            .ok()
            .and_then(|s| self.waiver(s))
    }

    /// Done or waived: nothing more is owed for this step.
    pub fn step_settled(&self, step: Step) -> bool {
        self.step_done_at(step).is_some() || self.step_waived(step).is_some()
    }

    /// The first step of the regulation still owed; `None` for signals and
    /// closed complaints, which owe nothing.
    pub fn next_open_step(&self) -> Option<Step> {
        if !self.is_open() {
            return None;
        }
        Step::ALL.into_iter().find(|s| !self.step_settled(*s))
    }

    /// The seq of the latest correction of event `seq`, if it was corrected;
    /// the timeline uses it to mark superseded entries.
    pub fn superseded_by(&self, seq: u64) -> Option<u64> {
        self.superseded.get(&seq).copied()
    }
}
