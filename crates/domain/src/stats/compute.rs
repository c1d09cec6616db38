//! The figures, computed from facts rows. See the module documentation of
//! `stats` for the definitions.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::{ComplaintFacts, FOLLOWED_STEPS, Period, StepOutcome};
use crate::complaint::{Kind, Merit};
use crate::terms::Step;

/// Label for entries without a category (or cause, or service).
pub const NONE_LABEL: &str = "(niet ingevuld)";

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Every entry received in the period.
    pub received: u64,
    pub complaints: u64,
    pub signals: u64,
    /// Registered as a signal, later turned into a complaint.
    pub converted: u64,
    /// Complaints closed so far.
    pub closed: u64,
    /// Complaints not yet closed.
    pub open: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    pub year: i16,
    pub month: i8,
    /// "jan 2026".
    pub label: String,
    pub complaints: u64,
    pub signals: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRow {
    pub name: String,
    pub complaints: u64,
    pub signals: u64,
    /// Complaints judged founded or partly founded.
    pub founded: u64,
    /// Complaints and signals per month of the period, in period order.
    pub per_month: Vec<u64>,
}

impl CategoryRow {
    pub fn total(&self) -> u64 {
        self.complaints + self.signals
    }
}

/// Summary of a list of day counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub count: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<i64>,
    pub max: Option<i64>,
}

impl Summary {
    pub fn of(mut values: Vec<i64>) -> Summary {
        values.sort_unstable();
        let n = values.len();
        if n == 0 {
            return Summary::default();
        }
        let sum: i64 = values.iter().sum();
        let median = if n % 2 == 1 {
            values[n / 2] as f64
        } else {
            (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
        };
        // Nearest rank: the smallest value with at least 90 % at or below it.
        let rank = (n * 9).div_ceil(10).max(1);
        Summary {
            count: n as u64,
            mean: Some(sum as f64 / n as f64),
            median: Some(median),
            p90: Some(values[rank - 1]),
            max: values.last().copied(),
        }
    }
}

/// One part of a step's compliance bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CompliancePart {
    OnTime,
    Late,
    Overdue,
    Waived,
}

impl CompliancePart {
    pub const ALL: [CompliancePart; 4] = [
        CompliancePart::OnTime,
        CompliancePart::Late,
        CompliancePart::Overdue,
        CompliancePart::Waived,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CompliancePart::OnTime => "op tijd",
            CompliancePart::Late => "te laat gedaan",
            CompliancePart::Overdue => "te laat, nog open",
            CompliancePart::Waived => "overgeslagen",
        }
    }
}

/// Term compliance of one step over the period's complaints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepCompliance {
    pub step: Step,
    pub label: &'static str,
    pub on_time: u64,
    pub late: u64,
    pub overdue: u64,
    pub waived: u64,
    /// Not done and not yet due: not counted in the share.
    pub pending: u64,
    /// on time / (on time + late + overdue); none when nothing was due.
    pub share_on_time: Option<f64>,
    /// Calendar days after the due date, over late and overdue steps.
    pub days_late: Summary,
}

impl StepCompliance {
    /// The steps whose term has been judged: on time, late or overdue.
    pub fn judged(&self) -> u64 {
        self.on_time + self.late + self.overdue
    }

    pub fn count(&self, part: CompliancePart) -> u64 {
        match part {
            CompliancePart::OnTime => self.on_time,
            CompliancePart::Late => self.late,
            CompliancePart::Overdue => self.overdue,
            CompliancePart::Waived => self.waived,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MeritSplit {
    pub founded: u64,
    pub partly_founded: u64,
    pub unfounded: u64,
    /// Complaints without a judgement (yet).
    pub undecided: u64,
}

impl MeritSplit {
    pub fn count(&self, merit: Merit) -> u64 {
        match merit {
            Merit::Founded => self.founded,
            Merit::PartlyFounded => self.partly_founded,
            Merit::Unfounded => self.unfounded,
        }
    }

    pub fn decided(&self) -> u64 {
        self.founded + self.partly_founded + self.unfounded
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SatisfactionStats {
    /// Complaints with a satisfaction score (1–5) in the response.
    pub scored: u64,
    pub mean: Option<f64>,
    /// How many gave 1, 2, 3, 4 and 5.
    pub distribution: [u64; 5],
    /// Scores of 4 or 5.
    pub satisfied: u64,
    pub share_satisfied: Option<f64>,
    pub offers_accepted: u64,
    pub offers_declined: u64,
    /// Complainants who answered the satisfaction check themselves.
    pub checks: u64,
    pub check_mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NamedCount {
    pub name: String,
    pub count: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EscalationStats {
    /// Complaints escalated at least once.
    pub complaints: u64,
    /// Escalations in all.
    pub escalations: u64,
    pub resolved: u64,
    pub unresolved: u64,
    /// Outcome not known yet.
    pub pending: u64,
    pub by_party: Vec<NamedCount>,
}

/// Reopened complaints (issue 16) among the period's complaints.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReopenedStats {
    /// Complaints reopened at least once.
    pub complaints: u64,
    /// Reopenings in all.
    pub reopenings: u64,
    /// Reopened complaints / complaints.
    pub share: Option<f64>,
    /// Reopenings per kind (bezwaar, uitspraak, nieuwe feiten), most first.
    pub by_kind: Vec<NamedCount>,
    /// The reopened complaints, in reference order, each with the kinds
    /// of its reopenings (the yearly report lists them).
    pub list: Vec<ReopenedComplaint>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReopenedComplaint {
    pub reference: String,
    /// Dutch labels, one per reopening, in order.
    pub kinds: Vec<String>,
}

/// Every figure of the dashboard and the yearly report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub period: Period,
    /// The day overdue steps are measured against.
    pub today: Date,
    pub totals: Totals,
    pub months: Vec<MonthRow>,
    /// Most entries first, then by name.
    pub categories: Vec<CategoryRow>,
    pub causes: Vec<NamedCount>,
    pub services: Vec<NamedCount>,
    pub channels: Vec<NamedCount>,
    pub compliance: Vec<StepCompliance>,
    pub lead_time: Summary,
    pub merit: MeritSplit,
    pub satisfaction: SatisfactionStats,
    pub escalations: EscalationStats,
    pub reopened: ReopenedStats,
}

fn named(map: BTreeMap<String, u64>) -> Vec<NamedCount> {
    let mut v: Vec<NamedCount> = map
        .into_iter()
        .map(|(name, count)| NamedCount { name, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    v
}

fn label(v: &Option<String>) -> String {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(NONE_LABEL)
        .to_string()
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

impl Stats {
    /// The figures of `period` over `facts` (rows received outside the
    /// period are ignored), with overdue steps measured on `today`.
    pub fn compute(facts: &[ComplaintFacts], period: &Period, today: Date) -> Stats {
        let mut tally = Tally::new(period, today);
        for f in facts {
            tally.add(f);
        }
        tally.finish()
    }
}

/// The figures of a period, counted one facts row at a time: a year of a
/// large organisation is 200,000 rows, and only the counts (and the day
/// counts medians need) are kept, never the rows.
#[derive(Debug, Clone)]
pub struct Tally {
    period: Period,
    today: Date,
    month_keys: Vec<(i16, i8)>,
    totals: Totals,
    months: Vec<MonthRow>,
    categories: BTreeMap<String, CategoryRow>,
    causes: BTreeMap<String, u64>,
    services: BTreeMap<String, u64>,
    channels: BTreeMap<String, u64>,
    merit: MeritSplit,
    lead_times: Vec<i64>,
    scores: Vec<u64>,
    checks: Vec<u64>,
    satisfaction: SatisfactionStats,
    escalations: EscalationStats,
    parties: BTreeMap<String, u64>,
    reopened: ReopenedStats,
    reopen_kinds: BTreeMap<String, u64>,
    steps: Vec<StepTally>,
}

/// One step's compliance, counted.
#[derive(Debug, Clone)]
struct StepTally {
    compliance: StepCompliance,
    /// Days late of the late and overdue steps.
    days: Vec<i64>,
}

impl Tally {
    pub fn new(period: &Period, today: Date) -> Tally {
        let month_keys = period.months();
        let months = month_keys
            .iter()
            .map(|&(year, month)| MonthRow {
                year,
                month,
                label: format!("{} {year}", crate::dutch::month_short(month)),
                complaints: 0,
                signals: 0,
            })
            .collect();
        let steps = FOLLOWED_STEPS
            .into_iter()
            .map(|step| StepTally {
                compliance: StepCompliance {
                    step,
                    label: step.label(),
                    on_time: 0,
                    late: 0,
                    overdue: 0,
                    waived: 0,
                    pending: 0,
                    share_on_time: None,
                    days_late: Summary::default(),
                },
                days: Vec::new(),
            })
            .collect();
        Tally {
            period: period.clone(),
            today,
            month_keys,
            totals: Totals::default(),
            months,
            categories: BTreeMap::new(),
            causes: BTreeMap::new(),
            services: BTreeMap::new(),
            channels: BTreeMap::new(),
            merit: MeritSplit::default(),
            lead_times: Vec::new(),
            scores: Vec::new(),
            checks: Vec::new(),
            satisfaction: SatisfactionStats::default(),
            escalations: EscalationStats::default(),
            parties: BTreeMap::new(),
            reopened: ReopenedStats::default(),
            reopen_kinds: BTreeMap::new(),
            steps,
        }
    }

    /// Counts `f`, unless it was received outside the period.
    pub fn add(&mut self, f: &ComplaintFacts) {
        if !self.period.contains(f.received_on) {
            return;
        }
        let is_complaint = f.kind == Kind::Complaint;
        self.totals.received += 1;
        let month_count = self.month_keys.len();
        let category = self
            .categories
            .entry(label(&f.category))
            .or_insert_with_key(|name| CategoryRow {
                name: name.clone(),
                complaints: 0,
                signals: 0,
                founded: 0,
                per_month: vec![0; month_count],
            });
        let month = (f.received_on.year(), f.received_on.month());
        if let Some(i) = self.month_keys.iter().position(|k| *k == month) {
            category.per_month[i] += 1;
            if is_complaint {
                self.months[i].complaints += 1;
            } else {
                self.months[i].signals += 1;
            }
        }
        *self
            .channels
            .entry(f.channel.label().to_string())
            .or_insert(0) += 1;
        if !is_complaint {
            self.totals.signals += 1;
            category.signals += 1;
            return;
        }
        self.totals.complaints += 1;
        category.complaints += 1;
        if matches!(f.merit, Some(Merit::Founded | Merit::PartlyFounded)) {
            category.founded += 1;
        }
        if f.registered_as == Kind::Signal {
            self.totals.converted += 1;
        }
        *self.causes.entry(label(&f.cause)).or_insert(0) += 1;
        *self.services.entry(label(&f.service)).or_insert(0) += 1;
        match f.closed_on {
            Some(closed) => {
                self.totals.closed += 1;
                self.lead_times
                    .push(super::days_between(f.received_on, closed));
            }
            None => self.totals.open += 1,
        }
        match f.merit {
            Some(Merit::Founded) => self.merit.founded += 1,
            Some(Merit::PartlyFounded) => self.merit.partly_founded += 1,
            Some(Merit::Unfounded) => self.merit.unfounded += 1,
            None => self.merit.undecided += 1,
        }
        if let Some(score) = f.satisfaction.filter(|s| (1..=5).contains(s)) {
            self.scores.push(u64::from(score));
            self.satisfaction.distribution[usize::from(score - 1)] += 1;
        }
        if let Some(score) = f.satisfaction_check.filter(|s| (1..=5).contains(s)) {
            self.checks.push(u64::from(score));
        }
        match f.offer_accepted {
            Some(true) => self.satisfaction.offers_accepted += 1,
            Some(false) => self.satisfaction.offers_declined += 1,
            None => {}
        }
        if !f.escalations.is_empty() {
            self.escalations.complaints += 1;
        }
        for e in &f.escalations {
            self.escalations.escalations += 1;
            match e.resolved {
                Some(true) => self.escalations.resolved += 1,
                Some(false) => self.escalations.unresolved += 1,
                None => self.escalations.pending += 1,
            }
            *self.parties.entry(e.party.clone()).or_insert(0) += 1;
        }
        if !f.reopenings.is_empty() {
            self.reopened.complaints += 1;
            self.reopened.list.push(ReopenedComplaint {
                reference: f.reference.to_string(),
                kinds: f.reopenings.iter().map(|k| k.label().to_owned()).collect(),
            });
        }
        for kind in &f.reopenings {
            self.reopened.reopenings += 1;
            *self
                .reopen_kinds
                .entry(kind.label().to_string())
                .or_insert(0) += 1;
        }
        // Every round's term counts: a reopened complaint's sealed rounds
        // keep their missed terms.
        for facts in f.steps.iter().chain(&f.earlier_steps) {
            if let Some(step) = self
                .steps
                .iter_mut()
                .find(|s| s.compliance.step == facts.step)
            {
                step.count(facts.outcome(self.today));
            }
        }
    }

    pub fn finish(self) -> Stats {
        let Tally {
            period,
            today,
            totals,
            months,
            categories,
            causes,
            services,
            channels,
            merit,
            lead_times,
            scores,
            checks,
            mut satisfaction,
            mut escalations,
            parties,
            mut reopened,
            reopen_kinds,
            steps,
            ..
        } = self;
        reopened.share = share(reopened.complaints, totals.complaints);
        reopened.by_kind = named(reopen_kinds);
        reopened.list.sort_by(|a, b| a.reference.cmp(&b.reference));

        satisfaction.scored = scores.len() as u64;
        satisfaction.mean = share(scores.iter().sum(), satisfaction.scored);
        satisfaction.satisfied = scores.iter().filter(|s| **s >= 4).count() as u64;
        satisfaction.share_satisfied = share(satisfaction.satisfied, satisfaction.scored);
        satisfaction.checks = checks.len() as u64;
        satisfaction.check_mean = share(checks.iter().sum(), satisfaction.checks);
        escalations.by_party = named(parties);

        let mut categories: Vec<CategoryRow> = categories.into_values().collect();
        categories.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.name.cmp(&b.name)));

        Stats {
            period,
            today,
            totals,
            months,
            categories,
            causes: named(causes),
            services: named(services),
            channels: named(channels),
            compliance: steps.into_iter().map(StepTally::finish).collect(),
            lead_time: Summary::of(lead_times),
            merit,
            satisfaction,
            escalations,
            reopened,
        }
    }
}

impl StepTally {
    fn count(&mut self, outcome: StepOutcome) {
        let c = &mut self.compliance;
        match outcome {
            StepOutcome::OnTime => c.on_time += 1,
            StepOutcome::Late(d) => {
                c.late += 1;
                self.days.push(d);
            }
            StepOutcome::Overdue(d) => {
                c.overdue += 1;
                self.days.push(d);
            }
            StepOutcome::Waived => c.waived += 1,
            StepOutcome::Pending => c.pending += 1,
        }
    }

    fn finish(self) -> StepCompliance {
        let mut c = self.compliance;
        c.share_on_time = share(c.on_time, c.judged());
        c.days_late = Summary::of(self.days);
        c
    }
}
