//! The yearly complaint report (jaarverslag klachten): the year's figures,
//! the structural patterns and the improvement actions, as data for an
//! HTML page and as a PDF (Typst, fonts embedded), in the reader's
//! language. The PDF's words and sentences are made here from
//! `reports.ftl` ([`Words`]); the template only lays them out.

use jiff::civil::Date;
use klacht_domain::Language;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::stats::{Period, Stats};
use klacht_i18n::Tr;
use klacht_store::Store;
use serde::Serialize;

use super::charts::Charts;
use super::rich::{Segment, plain, rich};
use super::view::View;
use super::{ReportError, stats};

/// The Typst source of the PDF; it reads `report.json` and the charts.
const TEMPLATE: &str = include_str!("jaarverslag.typ");

/// A structural pattern of the year (DESIGN §6): a flagged pattern the
/// quality manager decided about, as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct PatternLine {
    /// E.g. "categorie Planning" or "dienst Thuiszorg".
    pub subject: String,
    pub complaints: u64,
    /// "01-03-2026 t/m 29-05-2026".
    pub window: String,
    /// "verbeteractie geopend" or "geen verbeteractie: <reason>".
    pub outcome: String,
}

/// An improvement action (verbeteractie) opened in the year.
#[derive(Debug, Clone, Serialize)]
pub struct ActionLine {
    /// "V-2026-0003".
    pub number: String,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub status: String,
    pub complaints: u64,
}

/// Patterns and improvement actions. `available` is false when the
/// section could not be filled (see [`improvement_section`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImprovementSection {
    pub available: bool,
    pub patterns: Vec<PatternLine>,
    pub actions: Vec<ActionLine>,
}

/// "categorie", "dienst", "team" from a pattern key such as
/// `category:planning`.
fn dimension(t: Tr, key: &str) -> String {
    t.t(match key.split_once(':').map(|(d, _)| d) {
        Some("category") => "report-dimension-category",
        Some("service") => "report-dimension-service",
        Some("team") => "report-dimension-team",
        _ => "report-dimension-other",
    })
}

fn action_status(t: Tr, status: &str) -> String {
    match status {
        "open" => t.t("report-action-open"),
        "in_progress" => t.t("report-action-in-progress"),
        "done" => t.t("report-action-done"),
        other => other.into(),
    }
}

/// The patterns decided about (acted on or dismissed) whose window ends in
/// `period`, and the improvement actions opened in it, read through the
/// store's improvement queries (patterns and verbeteracties, issue #6),
/// in the words of `t`.
pub async fn improvement_section<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    period: &Period,
    t: Tr,
) -> Result<ImprovementSection, ReportError> {
    use klacht_store::{DecisionOutcome, ImprovementFilter};

    let names: std::collections::HashMap<klacht_domain::UserId, String> = store
        .list_users()
        .await?
        .into_iter()
        .map(|u| (u.user.id, u.user.name))
        .collect();
    let patterns = store
        .pattern_decisions(period.from)
        .await?
        .into_iter()
        .filter(|d| period.contains(d.window_to))
        .map(|d| PatternLine {
            subject: format!("{} {}", dimension(t, &d.key), d.label),
            complaints: d.complaints.len() as u64,
            window: t.t2(
                "report-window",
                "from",
                t.date(d.window_from),
                "to",
                t.date(d.window_to),
            ),
            outcome: match d.outcome {
                DecisionOutcome::Acted { .. } => t.t("report-outcome-acted"),
                DecisionOutcome::Dismissed { reason } => {
                    t.t1("report-outcome-dismissed", "reason", reason)
                }
            },
        })
        .collect();
    let (from, before) = super::period_bounds(period, calendar)?;
    let mut filter = ImprovementFilter {
        created_from: Some(from),
        created_before: Some(before),
        limit: 200,
        ..Default::default()
    };
    let mut actions = Vec::new();
    loop {
        let page = store.list_improvement_actions(&filter).await?;
        for item in page.items {
            let row = item.row;
            actions.push(ActionLine {
                number: klacht_domain::improvement::ImprovementNumber::new(row.year, row.number)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|_| format!("V-{}-{:04}", row.year, row.number)),
                title: row.title,
                owner: names.get(&row.owner).cloned().unwrap_or_default(),
                due: t.date(row.due_on),
                status: action_status(t, &row.status),
                complaints: row.complaints.len() as u64,
            });
        }
        match page.next {
            Some(next) => filter.after = Some(next),
            None => break,
        }
    }
    // Oldest first reads as the year went.
    actions.reverse();
    Ok(ImprovementSection {
        available: true,
        patterns,
        actions,
    })
}

/// The PDF's own words (headings, table heads, captions) by the name
/// the template reads them under, and its sentences as [`Segment`]s.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    /// `lang` of Typst's `text`: hyphenation and quotes follow it.
    pub lang: String,
    /// "Jaarverslag klachten 2026".
    pub title: String,
    /// "Pagina {page} van {pages}": only Typst knows the numbers, so it
    /// replaces the two markers.
    pub page: String,
    pub generated: String,
    pub subtitle: String,
    /// Single words and phrases, by the name the template uses.
    pub w: std::collections::BTreeMap<&'static str, String>,
    /// The summary's sentences.
    pub summary: Vec<Vec<Segment>>,
    pub terms_intro: Vec<Segment>,
    pub lead_intro: Vec<Segment>,
    pub satisfaction: Vec<Vec<Segment>>,
    pub escalations: Vec<Segment>,
    pub reopened: Vec<Segment>,
    pub no_patterns: Vec<Segment>,
    pub no_actions: Vec<Segment>,
    pub unavailable: Vec<Segment>,
    pub notes: Vec<Vec<Segment>>,
}

/// The template's words: (name in the template, key).
const PDF_WORDS: &[(&str, &str)] = &[
    ("summary", "report-pdf-summary"),
    ("key_figure", "report-pdf-key-figure"),
    ("count", "report-pdf-count"),
    ("months_heading", "report-pdf-months-heading"),
    ("months_alt", "report-pdf-months-alt"),
    ("months_caption", "report-months-caption"),
    ("month", "report-month"),
    ("complaints", "report-complaints"),
    ("signals", "report-signals"),
    ("total", "report-total"),
    ("categories_heading", "report-pdf-categories-heading"),
    ("categories_alt", "report-pdf-categories-alt"),
    ("categories_caption", "report-categories-caption"),
    ("category", "report-category"),
    ("founded", "report-founded"),
    ("category_months", "report-pdf-category-months"),
    ("causes_caption", "report-causes-caption"),
    ("cause", "report-cause"),
    ("services_caption", "report-services-caption"),
    ("service", "report-service"),
    ("terms_heading", "report-pdf-terms-heading"),
    ("terms_alt", "report-pdf-terms-alt"),
    ("terms_caption", "report-terms-heading"),
    ("step", "report-step"),
    ("on_time", "report-on-time"),
    ("late_done", "report-late-done"),
    ("late_open", "report-pdf-late-open"),
    ("waived", "report-pdf-waived"),
    ("pending", "report-pending"),
    ("share_on_time", "report-share-on-time"),
    ("mean_days_late", "report-mean-days-late"),
    ("p90_days_late", "report-pdf-p90-days-late"),
    ("lead_heading", "report-pdf-lead-heading"),
    ("closed_complaints", "report-pdf-closed-complaints"),
    ("mean", "report-mean"),
    ("median", "report-median"),
    ("percentile_90", "report-percentile-90"),
    ("longest", "report-longest"),
    ("merit_heading", "report-merit-heading"),
    ("merit_alt", "report-pdf-merit-alt"),
    ("merit_caption", "report-merit-caption"),
    ("merit", "report-merit"),
    ("share", "report-share"),
    ("no_merit_yet", "report-no-merit-yet"),
    ("satisfaction_heading", "report-satisfaction-heading"),
    ("satisfaction_alt", "report-pdf-satisfaction-alt"),
    ("score", "report-pdf-score"),
    ("complainants", "report-pdf-complainants"),
    ("escalations_heading", "report-escalations-heading"),
    ("party", "report-pdf-party"),
    ("reopened_heading", "report-reopened-heading"),
    ("reopening_reason", "report-pdf-reopening-reason"),
    ("complaint", "report-pdf-complaint"),
    ("reopened_for", "report-pdf-reopened-for"),
    ("improvement_heading", "report-improvement-heading"),
    ("pattern", "report-pattern"),
    ("window", "report-window-heading"),
    ("decision", "report-decision"),
    ("number", "report-number"),
    ("action", "report-action"),
    ("owner", "report-owner"),
    ("due", "report-due"),
    ("action_status", "report-action-status"),
    ("notes_heading", "report-notes-heading"),
];

impl Words {
    fn new(t: Tr, organisation: &str, year: i16, view: &View, generated_on: &str) -> Words {
        let totals = |key: &str| {
            view.totals
                .iter()
                .find(|f| f.key == key)
                .map_or(0, |f| f.value)
        };
        let (received, complaints, signals) =
            (totals("received"), totals("complaints"), totals("signals"));
        let (converted, closed, open) = (totals("converted"), totals("closed"), totals("open"));
        let mut summary = vec![rich(
            t,
            "report-pdf-received",
            &[
                ("year", year.to_string()),
                ("organisation", organisation.to_owned()),
                (
                    "received",
                    t.args("report-count-reports", &[("count", &received)]),
                ),
                (
                    "complaints",
                    t.args("report-count-complaints", &[("count", &complaints)]),
                ),
                ("complaints-share", view.complaints_share.clone()),
                (
                    "signals",
                    t.args("report-count-signals", &[("count", &signals)]),
                ),
                ("signals-share", view.signals_share.clone()),
            ],
            &[("signal-count", signals)],
        )];
        // Converted signals count as complaints, not among the signals.
        if converted > 0 {
            summary.push(rich(
                t,
                "report-pdf-converted",
                &[],
                &[("count", converted)],
            ));
        }
        summary.push(rich(
            t,
            "report-pdf-closed",
            &[],
            &[("closed", closed), ("open", open)],
        ));
        let lead = &view.lead_time;
        if lead.count > 0 {
            summary.push(rich(
                t,
                "report-pdf-lead-time",
                &[
                    ("mean", lead.mean.clone()),
                    ("median", lead.median.clone()),
                    ("p90", lead.p90.clone()),
                ],
                &[],
            ));
        }
        let sat = &view.satisfaction;
        if sat.scored > 0 {
            summary.push(rich(
                t,
                "report-pdf-satisfaction",
                &[
                    ("mean", sat.mean.clone()),
                    ("share", sat.share_satisfied.clone()),
                ],
                &[],
            ));
        }
        let mut satisfaction = vec![
            rich(t, "report-pdf-satisfaction-intro", &[], &[]),
            rich(
                t,
                "report-pdf-scored",
                &[
                    ("mean", sat.mean.clone()),
                    ("share", sat.share_satisfied.clone()),
                ],
                &[
                    ("scored", sat.scored),
                    ("satisfied", sat.satisfied),
                    ("accepted", sat.accepted),
                    ("declined", sat.declined),
                ],
            ),
        ];
        if sat.checks > 0 {
            satisfaction.push(rich(
                t,
                "report-pdf-checks",
                &[("mean", sat.check_mean.clone())],
                &[("checks", sat.checks)],
            ));
        }
        let esc = &view.escalations;
        let reopened = &view.reopened;
        Words {
            lang: t.code().to_owned(),
            title: t.t1("report-yearly-title", "year", year.to_string()),
            page: t.t2("doc-letter-page", "page", "{page}", "pages", "{pages}"),
            generated: t.t1("report-pdf-generated", "date", generated_on),
            subtitle: t.t2(
                "report-pdf-subtitle",
                "period",
                view.period.as_str(),
                "date",
                view.today.as_str(),
            ),
            w: PDF_WORDS
                .iter()
                .map(|(name, key)| (*name, t.t(key)))
                .collect(),
            summary,
            terms_intro: rich(t, "report-pdf-terms-intro", &[], &[]),
            lead_intro: rich(t, "report-pdf-lead-intro", &[], &[("count", lead.count)]),
            satisfaction,
            escalations: rich(
                t,
                "report-pdf-escalations",
                &[],
                &[
                    ("complaints", esc.complaints),
                    ("escalations", esc.escalations),
                    ("resolved", esc.resolved),
                    ("unresolved", esc.unresolved),
                    ("pending", esc.pending),
                ],
            ),
            reopened: if reopened.complaints == 0 {
                rich(t, "report-pdf-none-reopened", &[], &[])
            } else {
                rich(
                    t,
                    "report-pdf-reopened",
                    &[("share", reopened.share.clone())],
                    &[
                        ("complaints", reopened.complaints),
                        ("reopenings", reopened.reopenings),
                    ],
                )
            },
            no_patterns: rich(t, "report-no-patterns", &[("year", year.to_string())], &[]),
            no_actions: rich(t, "report-no-actions", &[("year", year.to_string())], &[]),
            unavailable: rich(t, "report-pdf-improvement-unavailable", &[], &[]),
            notes: [
                "report-note-month",
                "report-note-kinds",
                "report-pdf-note-term",
                "report-note-percentile",
            ]
            .into_iter()
            .map(|key| rich(t, key, &[], &[]))
            .collect(),
        }
    }
}

/// The explanations under the HTML report, as plain text.
pub fn html_notes(t: Tr) -> Vec<String> {
    [
        "report-note-month",
        "report-note-kinds",
        "report-note-term",
        "report-note-percentile",
    ]
    .into_iter()
    .map(|key| plain(&rich(t, key, &[], &[])))
    .collect()
}

/// Everything the yearly report shows, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct YearReport {
    pub organisation: String,
    pub year: i16,
    pub language: Language,
    /// "29 november 2026" / "29 November 2026".
    pub generated_on: String,
    pub stats: Stats,
    pub view: View,
    pub improvement: ImprovementSection,
    pub words: Words,
}

impl YearReport {
    /// The report of `stats` and `improvement` in the words of `t`.
    pub fn new(
        organisation: &str,
        year: i16,
        stats: Stats,
        improvement: ImprovementSection,
        t: Tr,
    ) -> YearReport {
        let view = View::of(&stats, t);
        let generated_on = t.day_month_year(stats.today);
        let words = Words::new(t, organisation, year, &view, &generated_on);
        YearReport {
            organisation: organisation.to_string(),
            year,
            language: t.language(),
            generated_on,
            stats,
            view,
            improvement,
            words,
        }
    }

    /// The words the report is written in.
    pub fn tr(&self) -> Tr {
        Tr::new(self.language)
    }
}

/// Dutch long date without weekday: "29 november 2026".
pub use klacht_domain::dutch::day_month_year as long_date;

/// The report of `year` in the words of `t`, with overdue steps measured
/// on `today`.
pub async fn year_report<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    organisation: &str,
    year: i16,
    today: Date,
    t: Tr,
) -> Result<YearReport, ReportError> {
    let stats = stats(store, calendar, &Period::year(year), today).await?;
    year_report_of(store, calendar, organisation, year, stats, t).await
}

/// The report of `year` around its figures `stats` (computed, or kept for
/// the dashboard).
pub async fn year_report_of<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    organisation: &str,
    year: i16,
    stats: Stats,
    t: Tr,
) -> Result<YearReport, ReportError> {
    let improvement = improvement_section(store, calendar, &Period::year(year), t).await?;
    Ok(YearReport::new(organisation, year, stats, improvement, t))
}

/// The report as PDF bytes. CPU work: call it through
/// [`super::blocking`] from async code.
pub fn render_pdf(report: &YearReport) -> Result<Vec<u8>, ReportError> {
    let charts = Charts::of(&report.stats, "pdf-", report.tr());
    let doc = klacht_pdf::Document::new(TEMPLATE)
        .json("report.json", report)?
        .file("months.svg", charts.months)
        .file("categories.svg", charts.categories)
        .file("compliance.svg", charts.compliance)
        .file("merit.svg", charts.merit)
        .file("satisfaction.svg", charts.satisfaction);
    Ok(doc.render()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(improvement: ImprovementSection) -> YearReport {
        report_in(improvement, Tr::default())
    }

    fn report_in(improvement: ImprovementSection, t: Tr) -> YearReport {
        let stats = Stats::compute(&[], &Period::year(2026), jiff::civil::date(2026, 11, 29));
        YearReport::new("Focus & Co", 2026, stats, improvement, t)
    }

    #[test]
    fn the_template_renders_an_empty_year_and_one_with_improvements() {
        let started = std::time::Instant::now();
        let pdf = render_pdf(&report(ImprovementSection::default())).expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        eprintln!("empty year rendered in {:?}", started.elapsed());
        let pdf = render_pdf(&report(ImprovementSection {
            available: true,
            patterns: vec![PatternLine {
                subject: "categorie Planning".into(),
                complaints: 4,
                window: "01-03-2026 t/m 29-05-2026".into(),
                outcome: "verbeteractie geopend".into(),
            }],
            actions: vec![ActionLine {
                number: "V-2026-0001".into(),
                title: "Vaste roosters #1 [test] *sterren*".into(),
                owner: "Margriet Jansen".into(),
                due: "01-07-2026".into(),
                status: "afgerond".into(),
                complaints: 4,
            }],
        }))
        .expect("renders with improvements");
        assert!(pdf.starts_with(b"%PDF-"));
    }

    fn pdf_text(pdf: &[u8]) -> String {
        let dir = std::env::temp_dir().join(format!("klacht-year-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("jaarverslag.pdf");
        std::fs::write(&path, pdf).expect("write");
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let _ = std::fs::remove_dir_all(&dir);
        // One line per paragraph, single spaces, as a reader sees it.
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Issue 12: "1 signaal", "antwoordde 1 klager", and converted signals
    /// explained as part of the complaints, not as more than the signals.
    #[test]
    fn the_summary_counts_in_correct_dutch() {
        let mut one = report(ImprovementSection::default());
        one.stats.totals.received = 5;
        one.stats.totals.complaints = 4;
        one.stats.totals.signals = 1;
        one.stats.totals.converted = 3;
        one.stats.totals.closed = 1;
        one.stats.totals.open = 3;
        one.stats.satisfaction.scored = 1;
        one.stats.satisfaction.mean = Some(4.0);
        one.stats.satisfaction.checks = 1;
        one.stats.satisfaction.check_mean = Some(4.0);
        let one = YearReport::new(
            "Focus & Co",
            2026,
            one.stats,
            one.improvement,
            Tr::default(),
        );
        let text = pdf_text(&render_pdf(&one).expect("renders"));
        for want in [
            "5 meldingen",
            "4 klachten",
            "1 signaal (",
            "direct werd opgelost",
            "Bij die klachten zijn er 3 die eerst als signaal werden geregistreerd",
            "Van de klachten is er 1 afgesloten",
            "1 klager gaf een score",
            "antwoordde 1 klager zelf",
        ] {
            assert!(text.contains(want), "{want:?} in {text}");
        }
        for wrong in ["1 signalen", "1 klagers", "antwoordden 1"] {
            assert!(!text.contains(wrong), "{wrong:?} in {text}");
        }
    }

    /// Issue #18: the whole report in English, with English plurals and
    /// no Dutch word left.
    #[test]
    fn the_report_speaks_english_for_an_english_reader() {
        let en = Tr::new(Language::En);
        let mut stats = report(ImprovementSection::default()).stats;
        stats.totals.received = 5;
        stats.totals.complaints = 4;
        stats.totals.signals = 1;
        stats.totals.converted = 1;
        stats.totals.closed = 1;
        stats.totals.open = 3;
        stats.satisfaction.scored = 2;
        stats.satisfaction.mean = Some(3.5);
        let improvement = ImprovementSection {
            available: true,
            ..Default::default()
        };
        let one = YearReport::new("Focus & Co", 2026, stats, improvement, en);
        assert_eq!(one.view.satisfaction.mean, "3.5");
        let text = pdf_text(&render_pdf(&one).expect("renders"));
        for want in [
            "Annual complaints report 2026",
            "In 2026 Focus & Co received 5 reports: 4 complaints (80%) and 1 signal (20%) that was resolved immediately.",
            "Of those complaints, 1 was first registered as a signal",
            "2 complainants gave a score; average 3.5",
            "No improvement actions were opened in 2026.",
            "Page 1 of",
        ] {
            assert!(text.contains(want), "{want:?} in {text}");
        }
        let foreign = klacht_i18n::foreign_words(Language::En, &text);
        assert!(foreign.is_empty(), "{foreign:?} in {text}");
    }

    #[test]
    fn long_dates_are_dutch() {
        assert_eq!(long_date(jiff::civil::date(2026, 3, 1)), "1 maart 2026");
    }
}
