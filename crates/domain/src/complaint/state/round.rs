//! Handling rounds. A filed complaint that is reopened (issue 16) keeps
//! the round it was filed with as a [`SealedRound`]: its steps, its terms
//! and its closing stay exactly as they were, and a new round starts with
//! empty steps and terms counted from the reopening.

use super::*;
use crate::complaint::event::Reopening;

/// A round that ended in a filing and was then sealed by a reopening.
/// Always closed: a round is only sealed when the complaint was filed, so
/// `closed` is not optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedRound {
    /// 1-based.
    pub(in crate::complaint) number: u32,
    /// When this round's terms counted from.
    pub(in crate::complaint) terms_start: Timestamp,
    /// When step 1 (report) counted as done in this round.
    pub(in crate::complaint) reported_at: Option<Timestamp>,
    pub(in crate::complaint) contact: Option<Stamped<Contact>>,
    pub(in crate::complaint) merit: Option<Stamped<MeritDecision>>,
    pub(in crate::complaint) offer: Option<Stamped<Offer>>,
    pub(in crate::complaint) response: Option<Stamped<ComplainantResponse>>,
    pub(in crate::complaint) actions: Vec<ActionItem>,
    pub(in crate::complaint) form_sent: Option<Stamped<()>>,
    pub(in crate::complaint) escalations: Vec<EscalationRecord>,
    pub(in crate::complaint) waivers: [Option<Stamped<Waiver>>; 3],
    pub(in crate::complaint) closed: Stamped<Closing>,
    pub(in crate::complaint) exact: Option<Stamped<ExactRegistration>>,
    /// The reopening that ended the round.
    pub(in crate::complaint) reopened: Stamped<Reopening>,
}

impl SealedRound {
    pub fn number(&self) -> u32 {
        self.number
    }

    pub fn terms_start(&self) -> Timestamp {
        self.terms_start
    }

    /// The round's four terms on `calendar`.
    pub fn terms(&self, calendar: &crate::calendar::WorkingCalendar) -> crate::terms::Terms {
        crate::terms::Terms::compute(self.terms_start, calendar)
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

    pub fn form_sent(&self) -> Option<&Stamped<()>> {
        self.form_sent.as_ref()
    }

    pub fn escalations(&self) -> &[EscalationRecord] {
        &self.escalations
    }

    pub fn waiver(&self, step: WaivableStep) -> Option<&Stamped<Waiver>> {
        self.waivers[step.index()].as_ref()
    }

    pub fn closed(&self) -> &Stamped<Closing> {
        &self.closed
    }

    pub fn exact_registration(&self) -> Option<&Stamped<ExactRegistration>> {
        self.exact.as_ref()
    }

    /// Why and when the round was reopened.
    pub fn reopened(&self) -> &Stamped<Reopening> {
        &self.reopened
    }

    /// The seq of the reopening: every event before it belongs to this
    /// round or an earlier one.
    pub fn reopened_seq(&self) -> u64 {
        self.reopened.seq
    }

    /// The day the step happened in this round (as
    /// [`Complaint::step_done_on`]), local to `zone`.
    pub fn step_done_on(&self, step: Step, zone: &jiff::tz::TimeZone) -> Option<Date> {
        let local = |at: Timestamp| at.to_zoned(zone.clone()).date();
        match step {
            Step::Report => self.reported_at.map(local),
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

    /// The satisfaction the handler recorded in this round.
    pub fn satisfaction(&self) -> Option<Satisfaction> {
        self.response.as_ref().and_then(|r| r.value.satisfaction)
    }
}

impl Complaint {
    /// Seals the current (closed) round and starts a fresh one. Checks
    /// before it changes anything, so that `apply` stays all-or-nothing.
    pub(super) fn reopen(&mut self, rec: &Recorded, x: &Reopening) -> Result<(), ReplayError> {
        if self.closed.is_none() {
            return Err(Self::inconsistent(rec, "de klacht is niet afgesloten"));
        }
        let number = self.round();
        let terms_start = self.terms_start();
        let reported_at = self.step_done_at(Step::Report);
        let Some(closed) = self.closed.take() else {
            return Err(Self::inconsistent(rec, "de klacht is niet afgesloten"));
        };
        let sealed = SealedRound {
            number,
            terms_start,
            reported_at,
            contact: self.contact.take(),
            merit: self.merit.take(),
            offer: self.offer.take(),
            response: self.response.take(),
            actions: std::mem::take(&mut self.actions),
            form_sent: self.form_sent.take(),
            escalations: std::mem::take(&mut self.escalations),
            waivers: std::mem::take(&mut self.waivers),
            closed,
            exact: self.exact.take(),
            reopened: stamp(rec, x.clone()),
        };
        self.rounds.push(sealed);
        Ok(())
    }

    /// The current round, 1-based: 1 until the complaint is reopened.
    pub fn round(&self) -> u32 {
        u32::try_from(self.rounds.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1)
    }

    /// The Exact registration of round `round` (1-based), sealed or
    /// current; `None` for a round not (yet) registered or not there.
    pub fn exact_registration_of_round(&self, round: u32) -> Option<&Stamped<ExactRegistration>> {
        if round == self.round() {
            return self.exact.as_ref();
        }
        let index = usize::try_from(round.checked_sub(1)?).ok()?;
        self.rounds.get(index)?.exact.as_ref()
    }

    /// The sealed rounds before the current one, oldest first.
    pub fn sealed_rounds(&self) -> &[SealedRound] {
        &self.rounds
    }

    /// The reopening that started the current round, if it is not the
    /// first.
    pub fn reopening(&self) -> Option<&Stamped<Reopening>> {
        self.rounds.last().map(|r| &r.reopened)
    }

    /// Whether event `seq` lies in a sealed round (before the latest
    /// reopening, or the reopening itself).
    pub fn is_sealed_seq(&self, seq: u64) -> bool {
        self.rounds.last().is_some_and(|r| seq <= r.reopened.seq)
    }
}
