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
        let rows: Vec<&ComplaintFacts> = facts
            .iter()
            .filter(|f| period.contains(f.received_on))
            .collect();
        let month_keys = period.months();
        let month_index = |d: Date| month_keys.iter().position(|k| *k == (d.year(), d.month()));

        let mut totals = Totals::default();
        let mut months: Vec<MonthRow> = month_keys
            .iter()
            .map(|&(year, month)| MonthRow {
                year,
                month,
                label: format!("{} {year}", crate::dutch::month_short(month)),
                complaints: 0,
                signals: 0,
            })
            .collect();
        let mut categories: BTreeMap<String, CategoryRow> = BTreeMap::new();
        let mut causes = BTreeMap::new();
        let mut services = BTreeMap::new();
        let mut channels = BTreeMap::new();
        let mut merit = MeritSplit::default();
        let mut lead_times = Vec::new();
        let mut scores = Vec::new();
        let mut checks: Vec<u64> = Vec::new();
        let mut satisfaction = SatisfactionStats::default();
        let mut escalations = EscalationStats::default();
        let mut parties = BTreeMap::new();
        let mut reopened = ReopenedStats::default();
        let mut reopen_kinds = BTreeMap::new();

        for f in &rows {
            let is_complaint = f.kind == Kind::Complaint;
            totals.received += 1;
            let category = categories
                .entry(label(&f.category))
                .or_insert_with_key(|name| CategoryRow {
                    name: name.clone(),
                    complaints: 0,
                    signals: 0,
                    founded: 0,
                    per_month: vec![0; month_keys.len()],
                });
            if let Some(i) = month_index(f.received_on) {
                category.per_month[i] += 1;
                if is_complaint {
                    months[i].complaints += 1;
                } else {
                    months[i].signals += 1;
                }
            }
            *channels.entry(f.channel.label().to_string()).or_insert(0) += 1;
            if !is_complaint {
                totals.signals += 1;
                category.signals += 1;
                continue;
            }
            totals.complaints += 1;
            category.complaints += 1;
            if f.registered_as == Kind::Signal {
                totals.converted += 1;
            }
            *causes.entry(label(&f.cause)).or_insert(0) += 1;
            *services.entry(label(&f.service)).or_insert(0) += 1;
            match f.closed_on {
                Some(closed) => {
                    totals.closed += 1;
                    lead_times.push(super::days_between(f.received_on, closed));
                }
                None => totals.open += 1,
            }
            match f.merit {
                Some(Merit::Founded) => merit.founded += 1,
                Some(Merit::PartlyFounded) => merit.partly_founded += 1,
                Some(Merit::Unfounded) => merit.unfounded += 1,
                None => merit.undecided += 1,
            }
            if matches!(f.merit, Some(Merit::Founded | Merit::PartlyFounded)) {
                category.founded += 1;
            }
            if let Some(score) = f.satisfaction.filter(|s| (1..=5).contains(s)) {
                scores.push(u64::from(score));
                satisfaction.distribution[usize::from(score - 1)] += 1;
            }
            if let Some(score) = f.satisfaction_check.filter(|s| (1..=5).contains(s)) {
                checks.push(u64::from(score));
            }
            match f.offer_accepted {
                Some(true) => satisfaction.offers_accepted += 1,
                Some(false) => satisfaction.offers_declined += 1,
                None => {}
            }
            if !f.escalations.is_empty() {
                escalations.complaints += 1;
            }
            for e in &f.escalations {
                escalations.escalations += 1;
                match e.resolved {
                    Some(true) => escalations.resolved += 1,
                    Some(false) => escalations.unresolved += 1,
                    None => escalations.pending += 1,
                }
                *parties.entry(e.party.clone()).or_insert(0) += 1;
            }
            if !f.reopenings.is_empty() {
                reopened.complaints += 1;
                reopened.list.push(ReopenedComplaint {
                    reference: f.reference.to_string(),
                    kinds: f.reopenings.iter().map(|k| k.label().to_owned()).collect(),
                });
            }
            for kind in &f.reopenings {
                reopened.reopenings += 1;
                *reopen_kinds.entry(kind.label().to_string()).or_insert(0) += 1;
            }
        }
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

        let compliance = FOLLOWED_STEPS
            .into_iter()
            .map(|step| step_compliance(step, &rows, today))
            .collect();

        let mut categories: Vec<CategoryRow> = categories.into_values().collect();
        categories.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.name.cmp(&b.name)));

        Stats {
            period: period.clone(),
            today,
            totals,
            months,
            categories,
            causes: named(causes),
            services: named(services),
            channels: named(channels),
            compliance,
            lead_time: Summary::of(lead_times),
            merit,
            satisfaction,
            escalations,
            reopened,
        }
    }
}

fn step_compliance(step: Step, rows: &[&ComplaintFacts], today: Date) -> StepCompliance {
    let mut c = StepCompliance {
        step,
        label: step.label(),
        on_time: 0,
        late: 0,
        overdue: 0,
        waived: 0,
        pending: 0,
        share_on_time: None,
        days_late: Summary::default(),
    };
    let mut days = Vec::new();
    // Every round's term counts: a reopened complaint's sealed rounds keep
    // their missed terms.
    let all = rows.iter().flat_map(|f| {
        f.step(step)
            .into_iter()
            .chain(f.earlier_steps.iter().filter(move |s| s.step == step))
    });
    for facts in all {
        match facts.outcome(today) {
            StepOutcome::OnTime => c.on_time += 1,
            StepOutcome::Late(d) => {
                c.late += 1;
                days.push(d);
            }
            StepOutcome::Overdue(d) => {
                c.overdue += 1;
                days.push(d);
            }
            StepOutcome::Waived => c.waived += 1,
            StepOutcome::Pending => c.pending += 1,
        }
    }
    c.share_on_time = share(c.on_time, c.judged());
    c.days_late = Summary::of(days);
    c
}
