//! The figures as pages and the PDF show them: labels and number
//! formatting (a decimal comma in Dutch, a point in English) of the
//! reader's language, computed once for the HTML templates and the Typst
//! report alike.

use klacht_domain::Language;
use klacht_domain::complaint::{Channel, Merit, ReopeningKind};
use klacht_domain::stats::{NONE_LABEL, NamedCount, Period, Stats, Summary};
use klacht_i18n::{Labelled, Tr};
use serde::Serialize;

/// "2,5": one decimal with a comma; "—" when there is no value.
pub fn decimal(v: Option<f64>) -> String {
    decimal_in(Tr::default(), v)
}

/// One decimal as `t`'s language writes it: "2,5" / "2.5"; "—" when
/// there is no value.
pub fn decimal_in(t: Tr, v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => {
            let point = format!("{v:.1}");
            match t.language() {
                Language::Nl => point.replace('.', ","),
                Language::En => point,
            }
        }
        _ => "—".into(),
    }
}

/// "jan" / "Jan": a month's short name, for columns and axes.
pub fn month_short(t: Tr, month: i8) -> String {
    match t.language() {
        Language::Nl => klacht_domain::dutch::month_short(month).to_owned(),
        Language::En => t.month_name(month).chars().take(3).collect(),
    }
}

/// "2026", or "december 2025 t/m november 2026" / "December 2025 to
/// November 2026" for the last twelve months.
pub fn period_label(t: Tr, period: &Period) -> String {
    // A calendar year is labelled by its number (`Period::year`); the
    // last twelve months, even when they are one calendar year, by months.
    if period.label == period.from.year().to_string() {
        return period.label.clone();
    }
    t.with_args(
        "report-period-months",
        &[
            (
                "from",
                format!(
                    "{} {}",
                    t.month_name(period.from.month()),
                    period.from.year()
                ),
            ),
            (
                "to",
                format!("{} {}", t.month_name(period.to.month()), period.to.year()),
            ),
        ],
    )
}

/// The name `t` gives the value of a closed list whose Dutch name the
/// figures carry (they are computed, and cached, without a language);
/// other names (an external party typed by a user) stay as they are.
fn relabel<L: Labelled>(t: Tr, all: &[L], dutch: &str) -> String {
    all.iter()
        .find(|v| v.dutch() == dutch)
        .map_or_else(|| dutch.to_owned(), |v| t.label(*v))
}

/// A category, cause or service as the figures name it: as configured,
/// or "not filled in" in `t`'s language.
pub fn configured_name(t: Tr, name: &str) -> String {
    if name == NONE_LABEL {
        t.t("report-not-filled-in")
    } else {
        name.to_owned()
    }
}

/// The external party the figures count under its Dutch name.
fn party_name(t: Tr, dutch: &str) -> String {
    match dutch {
        "mediator" => t.t("complaint-party-mediator"),
        "klachtencommissie" => t.t("complaint-party-committee"),
        "geschillencommissie" => t.t("complaint-party-disputes"),
        other => other.to_owned(),
    }
}

fn renamed(list: &[NamedCount], name: impl Fn(&str) -> String) -> Vec<NamedCount> {
    list.iter()
        .map(|c| NamedCount {
            name: name(&c.name),
            count: c.count,
        })
        .collect()
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
    pub label: String,
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
    pub label: String,
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
    fn of(t: Tr, s: &Summary) -> SummaryLine {
        SummaryLine {
            count: s.count,
            mean: decimal_in(t, s.mean),
            median: decimal_in(t, s.median),
            p90: whole(s.p90),
            max: whole(s.max),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MeritLine {
    pub key: &'static str,
    pub label: String,
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
    /// The figures of `stats` in the words and number format of `tr`.
    pub fn of(stats: &Stats, tr: Tr) -> View {
        let t = &stats.totals;
        let share = |n: u64| percent((t.received > 0).then(|| n as f64 / t.received as f64));
        let decided = stats.merit.decided();
        let decimal = |v: Option<f64>| decimal_in(tr, v);
        View {
            period: period_label(tr, &stats.period),
            today: tr.date(stats.today),
            totals: vec![
                Figure {
                    key: "received",
                    label: tr.t("report-total-received"),
                    value: t.received,
                },
                Figure {
                    key: "complaints",
                    label: tr.t("report-total-complaints"),
                    value: t.complaints,
                },
                Figure {
                    key: "signals",
                    label: tr.t("report-total-signals"),
                    value: t.signals,
                },
                Figure {
                    key: "converted",
                    label: tr.t("report-total-converted"),
                    value: t.converted,
                },
                Figure {
                    key: "closed",
                    label: tr.t("report-total-closed"),
                    value: t.closed,
                },
                Figure {
                    key: "open",
                    label: tr.t("report-total-open"),
                    value: t.open,
                },
            ],
            months: stats
                .months
                .iter()
                .map(|m| MonthLine {
                    label: format!("{} {}", month_short(tr, m.month), m.year),
                    complaints: m.complaints,
                    signals: m.signals,
                    total: m.complaints + m.signals,
                })
                .collect(),
            month_heads: stats
                .months
                .iter()
                .map(|m| month_short(tr, m.month))
                .collect(),
            categories: stats
                .categories
                .iter()
                .map(|c| CategoryLine {
                    name: configured_name(tr, &c.name),
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
                    label: tr.label(c.step),
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
            lead_time: SummaryLine::of(tr, &stats.lead_time),
            merit: Merit::ALL
                .iter()
                .map(|m| {
                    let count = stats.merit.count(*m);
                    MeritLine {
                        key: m.as_str(),
                        label: tr.label(*m),
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
                by_party: renamed(&stats.escalations.by_party, |n| party_name(tr, n)),
            },
            reopened: ReopenedView {
                complaints: stats.reopened.complaints,
                reopenings: stats.reopened.reopenings,
                share: percent(stats.reopened.share),
                by_kind: renamed(&stats.reopened.by_kind, |n| {
                    relabel(tr, ReopeningKind::ALL, n)
                }),
                list: stats
                    .reopened
                    .list
                    .iter()
                    .map(|r| klacht_domain::stats::ReopenedComplaint {
                        kinds: r
                            .kinds
                            .iter()
                            .map(|k| relabel(tr, ReopeningKind::ALL, k))
                            .collect(),
                        ..r.clone()
                    })
                    .collect(),
            },
            causes: renamed(&stats.causes, |n| configured_name(tr, n)),
            services: renamed(&stats.services, |n| configured_name(tr, n)),
            channels: renamed(&stats.channels, |n| relabel(tr, Channel::ALL, n)),
            complaints_share: share(t.complaints),
            signals_share: share(t.signals),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_each_language() {
        let months = Period::last_twelve_months(jiff::civil::date(2026, 12, 7));
        let nl = Tr::new(Language::Nl);
        let en = Tr::new(Language::En);
        assert_eq!(period_label(nl, &months), months.label);
        assert_eq!(period_label(en, &months), "January 2026 to December 2026");
        assert_eq!(period_label(en, &Period::year(2026)), "2026");
        assert_eq!(decimal_in(en, Some(2.26)), "2.3");
        assert_eq!(month_short(en, 5), "May");
        assert_eq!(month_short(nl, 3), "mrt");
    }

    #[test]
    fn dutch_numbers() {
        assert_eq!(decimal(Some(2.26)), "2,3");
        assert_eq!(decimal(Some(10.0)), "10,0");
        assert_eq!(decimal(None), "—");
        assert_eq!(percent(Some(0.857)), "86%");
        assert_eq!(percent(None), "—");
    }
}
