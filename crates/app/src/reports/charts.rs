//! Charts as server-rendered SVG: readable without JavaScript, printable,
//! and the same file for the web page and the PDF. Each chart carries a
//! `<title>` and `<desc>`; pages put the numbers beside it in a table.

use std::fmt::Write;

use klacht_domain::complaint::Merit;
use klacht_domain::stats::{CompliancePart, Stats};
use klacht_i18n::Tr;

use super::view::{configured_name, month_short, period_label};

/// Browsers take the first family they have; Typst skips the ones it
/// lacks (and generic names) and lands on its embedded serif.
const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, Libertinus Serif, sans-serif";
const WIDTH: f64 = 640.0;
const INK: &str = "#1d2733";
const MUTED: &str = "#5b6775";
const GRID: &str = "#d6dde5";

/// A data series: its name in the legend and its colour.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub color: &'static str,
}

pub const COMPLAINTS_COLOR: &str = "#0b5cad";
pub const SIGNALS_COLOR: &str = "#8fbce6";

/// Colours of the compliance parts, in [`CompliancePart::ALL`] order.
pub fn part_color(part: CompliancePart) -> &'static str {
    match part {
        CompliancePart::OnTime => "#2e7d32",
        CompliancePart::Late => "#e0a100",
        CompliancePart::Overdue => "#c62828",
        CompliancePart::Waived => "#9aa5b1",
    }
}

pub fn merit_color(merit: Merit) -> &'static str {
    match merit {
        Merit::Founded => "#8e2a1f",
        Merit::PartlyFounded => "#e0a100",
        Merit::Unfounded => "#4f7fb0",
    }
}

/// Escapes text for SVG (XML) content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The smallest 1, 2 or 5 × 10ⁿ at or above `v` (at least 1).
fn nice_ceiling(v: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= v.max(1) {
                return m * step;
            }
        }
        step *= 10;
    }
}

fn open(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="{id}-t {id}-d" font-family="{FONT}" font-size="12" fill="{INK}"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        xml_escape(title),
        xml_escape(desc)
    );
    let _ = write!(
        out,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
}

fn legend(out: &mut String, items: &[(&str, &str)], y: f64) {
    let mut x = 8.0;
    for (name, color) in items {
        let _ = write!(
            out,
            r#"<rect x="{x}" y="{}" width="12" height="12" fill="{color}"/><text x="{}" y="{}">{}</text>"#,
            y - 10.0,
            x + 16.0,
            y,
            xml_escape(name)
        );
        x += 24.0 + 7.0 * name.chars().count() as f64;
    }
}

/// Vertical stacked bars, one column per label (e.g. per month).
pub fn columns(
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    values: &[Vec<u64>],
    series: &[Series],
) -> String {
    let height = 260.0;
    let (left, right, top, bottom) = (40.0, 8.0, 34.0, 36.0);
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let highest: u64 = values.iter().map(|v| v.iter().sum()).max().unwrap_or(0);
    // Gridlines at a round step; the axis ends on a whole step.
    let step = nice_ceiling(highest.div_ceil(4));
    let max = step * highest.div_ceil(step).max(1);
    let mut out = String::new();
    open(&mut out, id, height, title, desc);
    legend(
        &mut out,
        &series
            .iter()
            .map(|s| (s.name.as_str(), s.color))
            .collect::<Vec<_>>(),
        16.0,
    );
    for i in 0..=max / step {
        let v = step * i;
        let y = top + plot_h - plot_h * v as f64 / max as f64;
        let _ = write!(
            out,
            r#"<line x1="{left}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="{GRID}"/><text x="{}" y="{:.1}" text-anchor="end" fill="{MUTED}">{v}</text>"#,
            WIDTH - right,
            left - 6.0,
            y + 4.0
        );
    }
    let n = labels.len().max(1) as f64;
    let slot = plot_w / n;
    let bar = (slot * 0.7).min(48.0);
    for (i, label) in labels.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = top + plot_h;
        let column = values.get(i).cloned().unwrap_or_default();
        for (v, s) in column.iter().zip(series) {
            let h = plot_h * *v as f64 / max as f64;
            if h > 0.0 {
                y -= h;
                let _ = write!(
                    out,
                    r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="{}"/>"#,
                    s.color
                );
            }
        }
        let total: u64 = column.iter().sum();
        let cx = x + bar / 2.0;
        if total > 0 {
            let _ = write!(
                out,
                r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle">{total}</text>"#,
                y - 4.0
            );
        }
        let _ = write!(
            out,
            r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
            top + plot_h + 16.0,
            xml_escape(&shorten(label, 8))
        );
    }
    out.push_str("</svg>");
    out
}

/// Horizontal stacked bars, one row per label. With `percent` every row
/// fills the width (shares); otherwise bars scale to the largest total.
pub fn rows(
    id: &str,
    title: &str,
    desc: &str,
    labels: &[String],
    values: &[Vec<u64>],
    series: &[(&str, &str)],
    percent: bool,
) -> String {
    let row_h = 26.0;
    let (label_w, top) = (220.0, 30.0);
    let plot_w = WIDTH - label_w - 56.0;
    let height = top + row_h * labels.len().max(1) as f64 + 8.0;
    let max = values
        .iter()
        .map(|v| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut out = String::new();
    open(&mut out, id, height, title, desc);
    legend(&mut out, series, 16.0);
    for (i, label) in labels.iter().enumerate() {
        let y = top + row_h * i as f64;
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            y + 16.0,
            xml_escape(&shorten(label, 34))
        );
        let row = values.get(i).cloned().unwrap_or_default();
        let total: u64 = row.iter().sum();
        let scale = if percent { total.max(1) } else { max };
        let mut x = label_w;
        for (v, (_, color)) in row.iter().zip(series) {
            let w = plot_w * *v as f64 / scale as f64;
            if w > 0.0 {
                let _ = write!(
                    out,
                    r#"<rect x="{x:.1}" y="{:.1}" width="{w:.1}" height="18" fill="{color}"/>"#,
                    y + 3.0
                );
                if percent && w >= 22.0 {
                    let _ = write!(
                        out,
                        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#ffffff">{v}</text>"##,
                        x + w / 2.0,
                        y + 16.0
                    );
                }
                x += w;
            }
        }
        let end = if percent {
            if total == 0 {
                "—".to_string()
            } else {
                format!("{total}")
            }
        } else {
            total.to_string()
        };
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}">{end}</text>"#,
            x + 6.0,
            y + 16.0
        );
    }
    out.push_str("</svg>");
    out
}

/// The charts of a dashboard or report, by name.
pub struct Charts {
    pub months: String,
    pub categories: String,
    pub compliance: String,
    pub merit: String,
    pub satisfaction: String,
}

/// "3 klachten, 1 signaal" / "3 complaints, 1 signal".
fn complaints_and_signals(t: Tr, complaints: u64, signals: u64) -> String {
    format!(
        "{}, {}",
        t.args("report-count-complaints", &[("count", &complaints)]),
        t.args("report-count-signals", &[("count", &signals)])
    )
}

/// The name of a part of a step's compliance bar.
pub fn part_label(t: Tr, part: CompliancePart) -> String {
    t.t(match part {
        CompliancePart::OnTime => "report-part-on-time",
        CompliancePart::Late => "report-part-late",
        CompliancePart::Overdue => "report-part-overdue",
        CompliancePart::Waived => "report-part-waived",
    })
}

impl Charts {
    /// The charts of `stats` in the words of `t`; `prefix` keeps element
    /// ids unique when a page shows two sets.
    pub fn of(stats: &Stats, prefix: &str, t: Tr) -> Charts {
        let period = period_label(t, &stats.period);
        let complaints = Series {
            name: t.t("report-series-complaints"),
            color: COMPLAINTS_COLOR,
        };
        let signals = Series {
            name: t.t("report-series-signals"),
            color: SIGNALS_COLOR,
        };
        let month_label =
            |m: &klacht_domain::stats::MonthRow| format!("{} {}", month_short(t, m.month), m.year);
        let months = columns(
            &format!("{prefix}months"),
            &t.t1("report-chart-months", "period", period.as_str()),
            &stats
                .months
                .iter()
                .map(|m| {
                    format!(
                        "{}: {}",
                        month_label(m),
                        complaints_and_signals(t, m.complaints, m.signals)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            &stats
                .months
                .iter()
                .map(|m| month_short(t, m.month))
                .collect::<Vec<_>>(),
            &stats
                .months
                .iter()
                .map(|m| vec![m.complaints, m.signals])
                .collect::<Vec<_>>(),
            &[complaints.clone(), signals.clone()],
        );
        let top: Vec<_> = stats.categories.iter().take(12).collect();
        let categories = rows(
            &format!("{prefix}categories"),
            &t.t1("report-chart-categories", "period", period.as_str()),
            &top.iter()
                .map(|c| {
                    format!(
                        "{}: {}",
                        configured_name(t, &c.name),
                        complaints_and_signals(t, c.complaints, c.signals)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            &top.iter()
                .map(|c| configured_name(t, &c.name))
                .collect::<Vec<_>>(),
            &top.iter()
                .map(|c| vec![c.complaints, c.signals])
                .collect::<Vec<_>>(),
            &[
                (complaints.name.as_str(), complaints.color),
                (signals.name.as_str(), signals.color),
            ],
            false,
        );
        let part_names: Vec<String> = CompliancePart::ALL
            .iter()
            .map(|p| part_label(t, *p))
            .collect();
        let parts: Vec<(&str, &str)> = CompliancePart::ALL
            .iter()
            .zip(&part_names)
            .map(|(p, name)| (name.as_str(), part_color(*p)))
            .collect();
        let compliance = rows(
            &format!("{prefix}compliance"),
            &t.t("report-chart-compliance"),
            &stats
                .compliance
                .iter()
                .map(|c| {
                    t.args(
                        "report-chart-compliance-step",
                        &[
                            ("step", &t.label(c.step)),
                            ("on_time", &c.on_time),
                            ("late", &c.late),
                            ("overdue", &c.overdue),
                            ("waived", &c.waived),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            &stats
                .compliance
                .iter()
                .map(|c| t.label(c.step))
                .collect::<Vec<_>>(),
            &stats
                .compliance
                .iter()
                .map(|c| CompliancePart::ALL.iter().map(|p| c.count(*p)).collect())
                .collect::<Vec<_>>(),
            &parts,
            true,
        );
        let merit_names: Vec<String> = Merit::ALL.iter().map(|m| t.label(*m)).collect();
        let merits: Vec<(&str, &str)> = Merit::ALL
            .iter()
            .zip(&merit_names)
            .map(|(m, name)| (name.as_str(), merit_color(*m)))
            .collect();
        let merit = rows(
            &format!("{prefix}merit"),
            &t.t("report-chart-merit"),
            &Merit::ALL
                .iter()
                .zip(&merit_names)
                .map(|(m, name)| format!("{name}: {}", stats.merit.count(*m)))
                .collect::<Vec<_>>()
                .join("; "),
            std::slice::from_ref(&complaints.name),
            &[Merit::ALL.iter().map(|m| stats.merit.count(*m)).collect()],
            &merits,
            true,
        );
        let score = |s: usize| t.t1("report-score", "score", s as u64);
        let satisfaction = columns(
            &format!("{prefix}satisfaction"),
            &t.t("report-chart-satisfaction"),
            &(1..=5)
                .map(|s| format!("{}: {}", score(s), stats.satisfaction.distribution[s - 1]))
                .collect::<Vec<_>>()
                .join("; "),
            &(1..=5).map(score).collect::<Vec<_>>(),
            &stats
                .satisfaction
                .distribution
                .iter()
                .map(|n| vec![*n])
                .collect::<Vec<_>>(),
            &[Series {
                name: t.t("report-series-complainants"),
                color: COMPLAINTS_COLOR,
            }],
        );
        Charts {
            months,
            categories,
            compliance,
            merit,
            satisfaction,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings() {
        assert_eq!(
            [0, 1, 3, 7, 10, 11, 48, 120].map(nice_ceiling),
            [1, 1, 5, 10, 10, 20, 50, 200]
        );
    }

    #[test]
    fn charts_escape_text_and_carry_title_and_desc() {
        let svg = rows(
            "x",
            "Per <categorie>",
            "a & b",
            &["Bejegening & \"toon\"".into()],
            &[vec![3, 1]],
            &[("klachten", "#000"), ("signalen", "#999")],
            false,
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"<title id="x-t">Per &lt;categorie&gt;</title>"#));
        assert!(svg.contains(r#"<desc id="x-d">a &amp; b</desc>"#));
        assert!(svg.contains("Bejegening &amp; &quot;toon&quot;"));
        assert!(!svg.contains("<categorie>"));
        assert!(svg.ends_with("</svg>"));
        let cols = columns(
            "m",
            "t",
            "d",
            &["jan".into(), "feb".into()],
            &[vec![2, 1], vec![0, 0]],
            &[
                Series {
                    name: "klachten".into(),
                    color: COMPLAINTS_COLOR,
                },
                Series {
                    name: "signalen".into(),
                    color: SIGNALS_COLOR,
                },
            ],
        );
        assert_eq!(
            cols.matches("<rect").count(),
            1 + 2 + 2,
            "background, legend, bars"
        );
    }
}
