//! The figures as pages and the PDF show them: Dutch labels and Dutch
//! number formatting (decimal comma), computed once for the HTML
//! templates and the Typst report alike.

use klacht_domain::complaint::Merit;
use klacht_domain::stats::{NamedCount, Stats, Summary};
use serde::Serialize;

/// "2,5": one decimal with a comma; "—" when there is no value.
pub fn decimal(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v:.1}").replace('.', ","),
        _ => "—".into(),
    }
}

/// "85%"; "—" when there is no value.
pub fn percent(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{:.0}%", v * 100.0),
        _ => "—".into(),
    }
}

fn whole(v: Option<i64>) -> String {
    v.map_or_else(|| "—".into(), |v| v.to_string())
}

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// Stable key, used as element id in pages and tests.
    pub key: &'static str,
    pub label: &'static str,
    pub value: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthLine {
    pub label: String,
    pub complaints: u64,
    pub signals: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryLine {
    pub name: String,
    pub complaints: u64,
    pub signals: u64,
    pub founded: u64,
    pub total: u64,
    pub per_month: Vec<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComplianceLine {
    /// `contact`, `offer`, `record`.
    pub step: &'static str,
    pub label: &'static str,
    pub on_time: u64,
    pub late: u64,
    pub overdue: u64,
    pub waived: u64,
    pub pending: u64,
    pub judged: u64,
    pub share: String,
    pub late_count: u64,
    pub late_mean: String,
    pub late_median: String,
    pub late_p90: String,
    pub late_max: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SummaryLine {
    pub count: u64,
    pub mean: String,
    pub median: String,
    pub p90: String,
    pub max: String,
}

impl SummaryLine {
    fn of(s: &Summary) -> SummaryLine {
        SummaryLine {
            count: s.count,
            mean: decimal(s.mean),
            median: decimal(s.median),
            p90: whole(s.p90),
            max: whole(s.max),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MeritLine {
    pub key: &'static str,
    pub label: &'static str,
    pub count: u64,
    /// Of the complaints with a judgement.
    pub share: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreLine {
    pub score: u8,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SatisfactionView {
    pub scored: u64,
    pub mean: String,
    pub satisfied: u64,
    pub share_satisfied: String,
    pub scores: Vec<ScoreLine>,
    pub accepted: u64,
    pub declined: u64,
    /// Answers to the satisfaction check on the public site.
    pub checks: u64,
    pub check_mean: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EscalationView {
    pub complaints: u64,
    pub escalations: u64,
    pub resolved: u64,
    pub unresolved: u64,
    pub pending: u64,
    pub by_party: Vec<NamedCount>,
}

/// Reopened complaints (issue 16).
#[derive(Debug, Clone, Serialize)]
pub struct ReopenedView {
    pub complaints: u64,
    pub reopenings: u64,
    /// Of the period's complaints.
    pub share: String,
    pub by_kind: Vec<NamedCount>,
    pub list: Vec<klacht_domain::stats::ReopenedComplaint>,
}

/// Everything a dashboard or report page shows, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub period: String,
    /// "29-11-2026": the day overdue steps are measured against.
    pub today: String,
    pub totals: Vec<Figure>,
    pub months: Vec<MonthLine>,
    /// Short month names of the period, for the category × month table.
    pub month_heads: Vec<String>,
    pub categories: Vec<CategoryLine>,
    pub compliance: Vec<ComplianceLine>,
    pub lead_time: SummaryLine,
    pub merit: Vec<MeritLine>,
    pub merit_undecided: u64,
    pub satisfaction: SatisfactionView,
    pub escalations: EscalationView,
    pub reopened: ReopenedView,
    pub causes: Vec<NamedCount>,
    pub services: Vec<NamedCount>,
    pub channels: Vec<NamedCount>,
    pub complaints_share: String,
    pub signals_share: String,
}

impl View {
    pub fn of(stats: &Stats) -> View {
        let t = &stats.totals;
        let share = |n: u64| percent((t.received > 0).then(|| n as f64 / t.received as f64));
        let decided = stats.merit.decided();
        View {
            period: stats.period.label.clone(),
            today: klacht_domain::complaint::format_date(stats.today),
            totals: vec![
                Figure {
                    key: "received",
                    label: "ontvangen (klachten en signalen)",
                    value: t.received,
                },
                Figure {
                    key: "complaints",
                    label: "klachten",
                    value: t.complaints,
                },
                Figure {
                    key: "signals",
                    label: "signalen (direct opgelost)",
                    value: t.signals,
                },
                Figure {
                    key: "converted",
                    label: "klachten die eerst als signaal binnenkwamen (bij de klachten geteld)",
                    value: t.converted,
                },
                Figure {
                    key: "closed",
                    label: "klachten afgesloten",
                    value: t.closed,
                },
                Figure {
                    key: "open",
                    label: "klachten nog open",
                    value: t.open,
                },
            ],
            months: stats
                .months
                .iter()
                .map(|m| MonthLine {
                    label: m.label.clone(),
                    complaints: m.complaints,
                    signals: m.signals,
                    total: m.complaints + m.signals,
                })
                .collect(),
            month_heads: stats
                .months
                .iter()
                .map(|m| klacht_domain::dutch::month_short(m.month).to_string())
                .collect(),
            categories: stats
                .categories
                .iter()
                .map(|c| CategoryLine {
                    name: c.name.clone(),
                    complaints: c.complaints,
                    signals: c.signals,
                    founded: c.founded,
                    total: c.total(),
                    per_month: c.per_month.clone(),
                })
                .collect(),
            compliance: stats
                .compliance
                .iter()
                .map(|c| ComplianceLine {
                    step: c.step.as_str(),
                    label: c.label,
                    on_time: c.on_time,
                    late: c.late,
                    overdue: c.overdue,
                    waived: c.waived,
                    pending: c.pending,
                    judged: c.judged(),
                    share: percent(c.share_on_time),
                    late_count: c.days_late.count,
                    late_mean: decimal(c.days_late.mean),
                    late_median: decimal(c.days_late.median),
                    late_p90: whole(c.days_late.p90),
                    late_max: whole(c.days_late.max),
                })
                .collect(),
            lead_time: SummaryLine::of(&stats.lead_time),
            merit: Merit::ALL
                .iter()
                .map(|m| {
                    let count = stats.merit.count(*m);
                    MeritLine {
                        key: m.as_str(),
                        label: m.label(),
                        count,
                        share: percent((decided > 0).then(|| count as f64 / decided as f64)),
                    }
                })
                .collect(),
            merit_undecided: stats.merit.undecided,
            satisfaction: SatisfactionView {
                scored: stats.satisfaction.scored,
                mean: decimal(stats.satisfaction.mean),
                satisfied: stats.satisfaction.satisfied,
                share_satisfied: percent(stats.satisfaction.share_satisfied),
                scores: (1..=5u8)
                    .map(|s| ScoreLine {
                        score: s,
                        count: stats.satisfaction.distribution[usize::from(s - 1)],
                    })
                    .collect(),
                accepted: stats.satisfaction.offers_accepted,
                declined: stats.satisfaction.offers_declined,
                checks: stats.satisfaction.checks,
                check_mean: decimal(stats.satisfaction.check_mean),
            },
            escalations: EscalationView {
                complaints: stats.escalations.complaints,
                escalations: stats.escalations.escalations,
                resolved: stats.escalations.resolved,
                unresolved: stats.escalations.unresolved,
                pending: stats.escalations.pending,
                by_party: stats.escalations.by_party.clone(),
            },
            reopened: ReopenedView {
                complaints: stats.reopened.complaints,
                reopenings: stats.reopened.reopenings,
                share: percent(stats.reopened.share),
                by_kind: stats.reopened.by_kind.clone(),
                list: stats.reopened.list.clone(),
            },
            causes: stats.causes.clone(),
            services: stats.services.clone(),
            channels: stats.channels.clone(),
            complaints_share: share(t.complaints),
            signals_share: share(t.signals),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(decimal(Some(2.26)), "2,3");
        assert_eq!(decimal(Some(10.0)), "10,0");
        assert_eq!(decimal(None), "—");
        assert_eq!(percent(Some(0.857)), "86%");
        assert_eq!(percent(None), "—");
    }
}
