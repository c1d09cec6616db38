//! The yearly complaint report (jaarverslag klachten): the year's figures,
//! the structural patterns and the improvement actions, as data for an
//! HTML page and as a PDF (Typst, fonts embedded).

use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::stats::{Period, Stats};
use klacht_store::Store;
use serde::Serialize;

use super::charts::Charts;
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
fn dimension(key: &str) -> &'static str {
    match key.split_once(':').map(|(d, _)| d) {
        Some("category") => "categorie",
        Some("service") => "dienst",
        Some("team") => "team",
        _ => "patroon",
    }
}

fn action_status(status: &str) -> String {
    match status {
        "open" => "open".into(),
        "in_progress" => "in uitvoering".into(),
        "done" => "afgerond".into(),
        other => other.into(),
    }
}

/// The patterns decided about (acted on or dismissed) whose window ends in
/// `period`, and the improvement actions opened in it, read through the
/// store's improvement queries (patterns and verbeteracties, issue #6).
pub async fn improvement_section<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    period: &Period,
) -> Result<ImprovementSection, ReportError> {
    use klacht_domain::complaint::format_date;
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
            subject: format!("{} {}", dimension(&d.key), d.label),
            complaints: d.complaints.len() as u64,
            window: format!(
                "{} t/m {}",
                format_date(d.window_from),
                format_date(d.window_to)
            ),
            outcome: match d.outcome {
                DecisionOutcome::Acted { .. } => "verbeteractie geopend".into(),
                DecisionOutcome::Dismissed { reason } => {
                    format!("geen verbeteractie: {reason}")
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
                due: format_date(row.due_on),
                status: action_status(&row.status),
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

/// Everything the yearly report shows.
#[derive(Debug, Clone, Serialize)]
pub struct YearReport {
    pub organisation: String,
    pub year: i16,
    /// "29 november 2026".
    pub generated_on: String,
    pub stats: Stats,
    pub view: View,
    pub improvement: ImprovementSection,
}

/// Dutch long date without weekday: "29 november 2026".
pub use klacht_domain::dutch::day_month_year as long_date;

/// The report of `year`, with overdue steps measured on `today`.
pub async fn year_report<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    organisation: &str,
    year: i16,
    today: Date,
) -> Result<YearReport, ReportError> {
    let period = Period::year(year);
    let stats = stats(store, calendar, &period, today).await?;
    let improvement = improvement_section(store, calendar, &period).await?;
    Ok(YearReport {
        organisation: organisation.to_string(),
        year,
        generated_on: long_date(today),
        view: View::of(&stats),
        stats,
        improvement,
    })
}

/// The report as PDF bytes. CPU work: call it through
/// [`super::blocking`] from async code.
pub fn render_pdf(report: &YearReport) -> Result<Vec<u8>, ReportError> {
    let charts = Charts::of(&report.stats, "pdf-");
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
        let stats = Stats::compute(&[], &Period::year(2026), jiff::civil::date(2026, 11, 29));
        YearReport {
            organisation: "Focus & Co".into(),
            year: 2026,
            generated_on: long_date(jiff::civil::date(2026, 11, 29)),
            view: View::of(&stats),
            stats,
            improvement,
        }
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
        one.view = View::of(&one.stats);
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

    #[test]
    fn long_dates_are_dutch() {
        assert_eq!(long_date(jiff::civil::date(2026, 3, 1)), "1 maart 2026");
    }
}
