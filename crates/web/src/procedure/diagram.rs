//! The procedure as an SVG diagram, generated from the domain's steps and
//! terms (never drawn by hand): one box per part of the procedure, top to
//! bottom so that it reads on a 390-pixel phone, with who acts, the term
//! and, for a complaint received today, the date. Text labels, a title
//! and a description make it readable without seeing it.

use std::fmt::Write as _;

use klacht_domain::terms::Terms;
use klacht_i18n::Tr;

use super::help::Section;

/// The diagram's coordinate width; the page scales it to its column.
const WIDTH: u32 = 320;
const BOX_X: u32 = 10;
const BOX_W: u32 = 300;
const LINE: u32 = 19;
const PAD: u32 = 12;
const GAP: u32 = 30;
/// Characters per line of a box's text at the font size used.
const WRAP: usize = 36;

/// Who acts in a part of the procedure.
pub fn who(t: Tr, section: Section) -> String {
    t.t(&format!("diagram-who-{}", section.key()))
}

/// When a part is due for a complaint received with `terms`, a line
/// each: the term, and its date.
pub fn when(t: Tr, section: Section, terms: &Terms) -> Vec<String> {
    match section {
        Section::Step(step) => vec![
            t.t1(
                "diagram-term",
                "rule",
                t.t(&format!("procedure-rule-{}", step.as_str())),
            ),
            t.t1(
                "diagram-due",
                "date",
                crate::language::day_and_month(t, terms.due(step)),
            ),
        ],
        Section::Escalation => vec![t.t("diagram-escalation-when")],
        Section::Closing => vec![t.t("diagram-closing-when")],
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Splits `text` into lines of at most [`WRAP`] characters at spaces (a
/// longer word gets a line of its own).
fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WRAP {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The diagram as inline SVG for a complaint received with `terms`, in
/// Dutch.
pub fn svg(terms: &Terms) -> String {
    svg_in(Tr::default(), terms)
}

/// The diagram in the words of `t`.
pub fn svg_in(t: Tr, terms: &Terms) -> String {
    struct Block {
        section: Section,
        title: String,
        lines: Vec<String>,
    }
    let blocks: Vec<Block> = Section::ALL
        .into_iter()
        .map(|section| {
            let mut lines: Vec<String> = when(t, section, terms)
                .iter()
                .flat_map(|l| wrap(l))
                .collect();
            lines.extend(wrap(&t.t1("diagram-who", "who", who(t, section))));
            Block {
                section,
                title: section.title_in(t),
                lines,
            }
        })
        .collect();
    let height_of = |b: &Block| PAD * 2 + LINE * (1 + b.lines.len() as u32);
    let total: u32 =
        blocks.iter().map(height_of).sum::<u32>() + GAP * (blocks.len() as u32 - 1) + 2 * BOX_X;

    let description = blocks
        .iter()
        .map(|b| {
            t.t2(
                "diagram-block",
                "title",
                b.title.as_str(),
                "lines",
                b.lines.join(" "),
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" id="procedure-diagram" viewBox="0 0 {WIDTH} {total}" width="100%" role="img" aria-labelledby="diagram-title diagram-desc" font-family="system-ui, sans-serif" font-size="14">"##
    );
    let _ = write!(
        out,
        r##"<title id="diagram-title">{}</title><desc id="diagram-desc">{}</desc>"##,
        escape(&t.t1("diagram-title", "count", blocks.len())),
        escape(&description)
    );
    // The arrowhead points along the line (+x in the marker's own
    // coordinates; `orient="auto"` turns it downwards).
    out.push_str(r##"<defs><marker id="pijl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#5b6775"/></marker></defs>"##);
    let mut y = BOX_X;
    for (i, b) in blocks.iter().enumerate() {
        let h = height_of(b);
        let optional = b.section == Section::Escalation;
        let (fill, stroke, dash) = match b.section {
            Section::Step(_) => ("#eef5fc", "#0b5cad", ""),
            Section::Escalation => ("#ffffff", "#5b6775", r#" stroke-dasharray="6 4""#),
            Section::Closing => ("#e7f4ea", "#2f7d43", ""),
        };
        let _ = write!(
            out,
            r#"<g class="stap" data-anker="{anchor}"><rect x="{BOX_X}" y="{y}" width="{BOX_W}" height="{h}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}/>"#,
            anchor = b.section.anchor(),
        );
        let mut ty = y + PAD + 15;
        let _ = write!(
            out,
            r##"<text x="{x}" y="{ty}" font-weight="700" font-size="16" fill="#1d2733">{}</text>"##,
            escape(&b.title),
            x = BOX_X + PAD,
        );
        for line in &b.lines {
            ty += LINE;
            let _ = write!(
                out,
                r##"<text x="{x}" y="{ty}" fill="#1d2733">{}</text>"##,
                escape(line),
                x = BOX_X + PAD,
            );
        }
        out.push_str("</g>");
        y += h;
        if i + 1 < blocks.len() {
            // The escalation is a side road: dashed arrows into and out of it.
            let next_optional = blocks[i + 1].section == Section::Escalation;
            let dash = if optional || next_optional {
                r#" stroke-dasharray="4 3""#
            } else {
                ""
            };
            let _ = write!(
                out,
                r##"<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="#5b6775" stroke-width="2" marker-end="url(#pijl)"{dash}/>"##,
                x = WIDTH / 2,
                y1 = y + 2,
                y2 = y + GAP - 4,
            );
            y += GAP;
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use klacht_domain::calendar::WorkingCalendar;

    #[test]
    fn lines_are_wrapped_at_spaces() {
        let lines = wrap("de afhandelaar, zo nodig met advies van de directeur en nog wat");
        assert!(lines.iter().all(|l| l.chars().count() <= WRAP), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "de afhandelaar, zo nodig met advies van de directeur en nog wat"
        );
    }

    #[test]
    fn every_part_of_the_procedure_is_drawn_with_its_date() {
        let received: jiff::Timestamp = "2026-12-07T09:00:00Z".parse().expect("instant");
        let terms = Terms::compute(received, &WorkingCalendar::netherlands_default());
        let svg = svg(&terms);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("<title id=\"diagram-title\">"), "{svg}");
        for section in Section::ALL {
            assert!(
                svg.contains(&format!("data-anker=\"{}\"", section.anchor())),
                "{section:?}"
            );
            assert!(svg.contains(section.title()), "{section:?}");
        }
        assert!(svg.contains("Uiterlijk woensdag 9 december"), "{svg}");
        assert!(svg.contains("Uiterlijk maandag 21 december"), "{svg}");
        assert!(svg.contains("Termijn: binnen 2 werkdagen"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 6);
        assert_eq!(svg.matches("<line").count(), 5);
    }
}
