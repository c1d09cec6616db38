//! Sentences with a little emphasis for the PDF: a message of
//! `reports.ftl` may set `*words*` in bold and `_words_` in italics. The
//! template gets the sentence as [`Segment`]s and never evaluates text as
//! markup, so a value (an organisation's name with an asterisk) stays
//! text: placeholders are filled only after the emphasis is read.

use klacht_i18n::Tr;
use serde::Serialize;

/// A run of text with one style: `""`, `"strong"` or `"emph"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub style: &'static str,
}

/// Marks a text placeholder while the emphasis is read; private-use
/// characters no message contains.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The message `key` as segments, with text placeholders `texts` and
/// number placeholders `numbers` (which choose plural forms).
pub fn rich(t: Tr, key: &str, texts: &[(&str, String)], numbers: &[(&str, u64)]) -> Vec<Segment> {
    let markers: Vec<String> = (0..texts.len())
        .map(|i| format!("{OPEN}{i}{CLOSE}"))
        .collect();
    let mut args: Vec<(&str, &dyn klacht_i18n::Arg)> = texts
        .iter()
        .zip(&markers)
        .map(|((name, _), marker)| (*name, marker as &dyn klacht_i18n::Arg))
        .collect();
    args.extend(
        numbers
            .iter()
            .map(|(name, n)| (*name, n as &dyn klacht_i18n::Arg)),
    );
    let message = t.args(key, &args);
    let fill = |s: &str| {
        let mut out = s.to_owned();
        for ((_, value), marker) in texts.iter().zip(&markers) {
            out = out.replace(marker.as_str(), value);
        }
        out
    };
    let mut segments = Vec::new();
    let (mut strong, mut emph) = (false, false);
    let mut run = String::new();
    let style = |strong: bool, emph: bool| match (strong, emph) {
        (true, _) => "strong",
        (false, true) => "emph",
        (false, false) => "",
    };
    for c in message.chars() {
        if c == '*' || c == '_' {
            if !run.is_empty() {
                segments.push(Segment {
                    text: fill(&run),
                    style: style(strong, emph),
                });
                run.clear();
            }
            if c == '*' {
                strong = !strong;
            } else {
                emph = !emph;
            }
        } else {
            run.push(c);
        }
    }
    if !run.is_empty() {
        segments.push(Segment {
            text: fill(&run),
            style: style(strong, emph),
        });
    }
    segments
}

/// The segments' text without emphasis (for HTML pages).
pub fn plain(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use klacht_domain::Language;

    #[test]
    fn emphasis_is_read_from_the_message_and_never_from_values() {
        let segments = rich(
            Tr::new(Language::Nl),
            "report-pdf-received",
            &[
                ("year", "2026".into()),
                ("organisation", "*Zorg_groep*".into()),
                ("received", "5 meldingen".into()),
                ("complaints", "4 klachten".into()),
                ("complaints-share", "80%".into()),
                ("signals", "1 signaal".into()),
                ("signals-share", "20%".into()),
            ],
            &[("signal-count", 1)],
        );
        assert_eq!(
            segments[0],
            Segment {
                text: "In 2026 ontving *Zorg_groep* ".into(),
                style: ""
            }
        );
        assert_eq!(
            segments[1],
            Segment {
                text: "5 meldingen".into(),
                style: "strong"
            }
        );
        assert!(plain(&segments).ends_with("1 signaal (20%) die direct werd opgelost."));
    }
}
