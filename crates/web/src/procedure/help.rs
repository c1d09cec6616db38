//! The staff's help per step, read from the regulation file.
//!
//! The regulation (Markdown, configurable) says to complainants what
//! happens; under each step an organisation writes, in a fenced block
//! marked `toelichting`, what its staff must do and why:
//!
//! ````markdown
//! ### 2. Contact – binnen 2 werkdagen {#stap-2}
//!
//! Uiterlijk 2 werkdagen na ontvangst nemen wij contact met u op …
//!
//! ```toelichting
//! Neem binnen {{contacttermijn}} telefonisch of persoonlijk contact op …
//! ```
//! ````
//!
//! A block belongs to the section of the nearest heading above it that
//! carries one of the anchors the complaint page links (`{#stap-1}` …
//! `{#stap-4}`, `{#escalatie}`, `{#afsluiten}`). The blocks are taken out
//! of the public page (they address staff, not complainants) and shown on
//! the complaint page and on "Hoe werkt het?". The file is read once at
//! start-up; a section without a block gets the shipped example's text,
//! with a warning in the log.

use klacht_domain::terms::Step;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::public::regulation::{render_regulation, step_anchor};

/// The fence's info string that marks staff help.
pub const HELP_MARK: &str = "toelichting";

/// A part of the procedure that has its own help and its own anchor on
/// `/reglement`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Step(Step),
    /// Not satisfied: an external party (escalatie).
    Escalation,
    /// Filing in the complaint dossier (afsluiten).
    Closing,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Step(Step::Report),
        Section::Step(Step::Contact),
        Section::Step(Step::Offer),
        Section::Step(Step::Record),
        Section::Escalation,
        Section::Closing,
    ];

    /// The heading's id on `/reglement` ("stap-2").
    pub fn anchor(self) -> &'static str {
        match self {
            Section::Step(step) => step_anchor(step),
            Section::Escalation => "escalatie",
            Section::Closing => "afsluiten",
        }
    }

    /// What the complaint page calls it.
    pub fn title(self) -> &'static str {
        match self {
            Section::Step(Step::Report) => "Stap 1: melden",
            Section::Step(Step::Contact) => "Stap 2: contact",
            Section::Step(Step::Offer) => "Stap 3: besluit en aanbod",
            Section::Step(Step::Record) => "Stap 4: vastleggen",
            Section::Escalation => "Niet tevreden: escalatie",
            Section::Closing => "Afsluiten",
        }
    }

    /// [`Section::title`] in the words of `t`.
    pub fn title_in(self, t: klacht_i18n::Tr) -> String {
        t.t(&format!("procedure-section-{}", self.key()))
    }

    /// The part's name in message keys.
    pub fn key(self) -> &'static str {
        match self {
            Section::Step(step) => step.as_str(),
            Section::Escalation => "escalation",
            Section::Closing => "closing",
        }
    }

    fn from_anchor(anchor: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.anchor() == anchor)
    }

    fn index(self) -> usize {
        Section::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or_default()
    }
}

/// The placeholders a regulation may use, and what they become. The
/// terms come from the domain ([`Step::term`]), the one place that also
/// computes them.
pub fn placeholders(organisation: &str) -> [(&'static str, String); 5] {
    [
        ("{{organisatie}}", organisation.to_owned()),
        ("{{meldtermijn}}", Step::Report.term().to_owned()),
        ("{{contacttermijn}}", Step::Contact.term().to_owned()),
        ("{{aanbodtermijn}}", Step::Offer.term().to_owned()),
        ("{{vastlegtermijn}}", Step::Record.term().to_owned()),
    ]
}

/// Placeholders in `markdown` that none of [`placeholders`] fills
/// (a typing error such as `{{contacttermyn}}` would show as is).
pub fn unknown_placeholders(markdown: &str) -> Vec<String> {
    let known = placeholders("");
    let mut out = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start..];
        let Some(end) = after.find("}}") else { break };
        let candidate = &after[..end + 2];
        let name = &candidate[2..candidate.len() - 2];
        let plausible = !name.is_empty()
            && name.len() <= 40
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if plausible
            && !known.iter().any(|(k, _)| *k == candidate)
            && !out.iter().any(|o| o == candidate)
        {
            out.push(candidate.to_owned());
        }
        rest = &after[2..];
    }
    out
}

/// The regulation file split in two: what the public page shows, and the
/// staff's help per section (Markdown, placeholders not yet filled).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    /// The regulation without the help blocks.
    pub public: String,
    /// The help blocks found, in [`Section::ALL`] order.
    pub help: [Option<String>; 6],
    /// What an organisation should correct: blocks outside a known
    /// section, a second block for one section, unknown placeholders.
    pub warnings: Vec<String>,
}

/// Takes the `toelichting` blocks out of the regulation, each to the
/// section of the anchored heading above it. Pure: the warnings are
/// returned, the caller logs them.
pub fn split(markdown: &str) -> Split {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = Split::default();
    let mut current: Option<Section> = None;
    // The byte ranges of the help blocks, to cut from the public text.
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut in_help: Option<(std::ops::Range<usize>, String)> = None;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                // Any heading ends the previous section; an anchored one
                // of ours starts the next.
                current = id.as_deref().and_then(Section::from_anchor);
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some(HELP_MARK) =>
            {
                in_help = Some((range, String::new()));
            }
            Event::Text(text) if in_help.is_some() => {
                if let Some((_, body)) = in_help.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((range, body)) = in_help.take() else {
                    continue;
                };
                cuts.push(range);
                let body = body.trim().to_owned();
                match current {
                    None => out.warnings.push(format!(
                        "een blok '{HELP_MARK}' staat niet onder een kop met een van de \
                         ankers {{#stap-1}} … {{#stap-4}}, {{#escalatie}}, {{#afsluiten}}; \
                         het wordt niet getoond"
                    )),
                    Some(section) if out.help[section.index()].is_some() => {
                        out.warnings.push(format!(
                            "een tweede blok '{HELP_MARK}' bij #{}; alleen het eerste telt",
                            section.anchor()
                        ));
                    }
                    Some(_) if body.is_empty() => {}
                    Some(section) => out.help[section.index()] = Some(body),
                }
            }
            _ => {}
        }
    }
    let mut public = String::with_capacity(markdown.len());
    let mut from = 0;
    for cut in cuts {
        if let Some(part) = markdown.get(from..cut.start) {
            public.push_str(part);
        }
        from = cut.end.max(from);
    }
    if let Some(part) = markdown.get(from..) {
        public.push_str(part);
    }
    out.public = public;
    for name in unknown_placeholders(markdown) {
        out.warnings.push(format!(
            "onbekende plaatsaanduiding {name}; bekend zijn {}",
            placeholders("")
                .iter()
                .map(|(k, _)| *k)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

/// One section's help as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHelp {
    pub section: Section,
    /// Safe HTML, placeholders filled.
    pub html: String,
    /// Whether the text is the shipped example's because the configured
    /// file had none for this section.
    pub fallback: bool,
}

/// The help of every section, fixed at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureHelp {
    sections: Vec<SectionHelp>,
}

impl ProcedureHelp {
    /// The help from `split` with, for a section it lacks, the one from
    /// `fallback` (the shipped example's split). Answers the sections that
    /// fell back, for the caller to log.
    pub fn new(split: &Split, fallback: &Split, organisation: &str) -> ProcedureHelp {
        let sections = Section::ALL
            .into_iter()
            .map(|section| {
                let i = section.index();
                let (text, fell_back) = match (&split.help[i], &fallback.help[i]) {
                    (Some(own), _) => (own.as_str(), false),
                    (None, Some(example)) => (example.as_str(), true),
                    (None, None) => ("", true),
                };
                SectionHelp {
                    section,
                    html: render_regulation(text, organisation),
                    fallback: fell_back,
                }
            })
            .collect();
        ProcedureHelp { sections }
    }

    pub fn sections(&self) -> &[SectionHelp] {
        &self.sections
    }

    pub fn of(&self, section: Section) -> &SectionHelp {
        &self.sections[section.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::public::EXAMPLE_REGULATION;
    use proptest::prelude::*;

    const FILE: &str = "# Reglement\n\nVan {{organisatie}}.\n\n\
        ### 1. Melden {#stap-1}\n\nWij melden het.\n\n\
        ```toelichting\nMeld de klacht {{meldtermijn}} bij uw leidinggevende.\n```\n\n\
        ### 2. Contact {#stap-2}\n\nWij bellen u.\n\n\
        ```toelichting\nBel binnen **{{contacttermijn}}**.\n\n- telefonisch\n- persoonlijk\n```\n\n\
        ## Afsluiten {#afsluiten}\n\nKlaar.\n\n\
        ~~~ toelichting\nBerg het formulier op.\n~~~\n";

    #[test]
    fn blocks_are_found_per_section_and_left_out_of_the_public_text() {
        let s = split(FILE);
        assert_eq!(s.warnings, Vec::<String>::new());
        assert_eq!(
            s.help[0].as_deref(),
            Some("Meld de klacht {{meldtermijn}} bij uw leidinggevende.")
        );
        assert!(
            s.help[1]
                .as_deref()
                .is_some_and(|h| h.contains("- persoonlijk"))
        );
        assert_eq!(s.help[2], None);
        assert_eq!(s.help[3], None);
        assert_eq!(s.help[4], None);
        assert_eq!(s.help[5].as_deref(), Some("Berg het formulier op."));
        assert!(!s.public.contains("toelichting"), "{}", s.public);
        assert!(!s.public.contains("Bel binnen"), "{}", s.public);
        assert!(s.public.contains("Wij bellen u."), "{}", s.public);
        assert!(
            s.public.contains("### 2. Contact {#stap-2}"),
            "{}",
            s.public
        );
        assert!(s.public.contains("Klaar."), "{}", s.public);
    }

    #[test]
    fn placeholders_are_filled_from_the_domains_terms() {
        let help = ProcedureHelp::new(&split(FILE), &split(EXAMPLE_REGULATION), "Zorg & Co");
        let contact = help.of(Section::Step(Step::Contact));
        assert!(!contact.fallback);
        assert!(
            contact
                .html
                .contains("Bel binnen <strong>2 werkdagen</strong>."),
            "{}",
            contact.html
        );
        assert!(
            contact.html.contains("<li>persoonlijk</li>"),
            "{}",
            contact.html
        );
        let report = help.of(Section::Step(Step::Report));
        assert!(report.html.contains("dezelfde dag"), "{}", report.html);
        assert!(!report.html.contains("{{"), "{}", report.html);
    }

    #[test]
    fn a_missing_section_falls_back_to_the_shipped_text() {
        let example = split(EXAMPLE_REGULATION);
        let help = ProcedureHelp::new(&split(FILE), &example, "Org");
        let offer = help.of(Section::Step(Step::Offer));
        assert!(offer.fallback);
        assert!(offer.html.contains("2 weken"), "{}", offer.html);
        assert!(!help.of(Section::Closing).fallback);
        // A file without any help: everything from the example.
        let none = ProcedureHelp::new(&split("# Reglement\n"), &example, "Org");
        assert!(
            none.sections()
                .iter()
                .all(|s| s.fallback && !s.html.is_empty())
        );
    }

    #[test]
    fn the_shipped_example_has_help_for_every_section() {
        let s = split(EXAMPLE_REGULATION);
        assert_eq!(s.warnings, Vec::<String>::new());
        for section in Section::ALL {
            let text = s.help[section.index()].as_deref().unwrap_or_default();
            assert!(text.len() > 40, "{section:?}: {text}");
        }
        assert!(
            s.help[1]
                .as_deref()
                .is_some_and(|h| h.contains("{{contacttermijn}}")),
            "the example words its terms with placeholders"
        );
    }

    #[test]
    fn misplaced_and_double_blocks_and_unknown_placeholders_are_warned_about() {
        let s = split(
            "# R\n\n```toelichting\nzwevend\n```\n\n## 1 {#stap-1}\n\n\
             ```toelichting\neen\n```\n\n```toelichting\ntwee {{contacttermyn}}\n```\n\n\
             ## Iets anders\n\n```toelichting\nook zwevend\n```\n\n```rust\nfn main() {}\n```\n",
        );
        assert_eq!(s.help[0].as_deref(), Some("een"));
        assert_eq!(s.warnings.len(), 4, "{:?}", s.warnings);
        assert!(
            s.warnings[3].contains("{{contacttermyn}}"),
            "{:?}",
            s.warnings
        );
        // Every help block left the public text; other code stays.
        assert!(!s.public.contains("zwevend"), "{}", s.public);
        assert!(!s.public.contains("twee"), "{}", s.public);
        assert!(s.public.contains("fn main() {}"), "{}", s.public);
    }

    #[test]
    fn unknown_placeholders_are_listed_once() {
        assert_eq!(
            unknown_placeholders("{{organisatie}} {{x}} {{x}} {{ geen }} {{contacttermijn}}"),
            vec!["{{x}}".to_owned()]
        );
    }

    proptest! {
        /// Whatever an organisation writes: no panic, no help block left
        /// on the public page, and text outside help blocks kept.
        #[test]
        fn any_text_splits_safely(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("```toelichting\n".to_owned()),
                    Just("```\n".to_owned()),
                    Just("~~~toelichting\n".to_owned()),
                    Just("### Stap {#stap-2}\n".to_owned()),
                    Just("## Afsluiten {#afsluiten}\n".to_owned()),
                    Just("\n".to_owned()),
                    Just("{{contacttermijn}}".to_owned()),
                    "[a-zA-Z {}#*>`~é-]{0,20}",
                ],
                0..30,
            )
        ) {
            let text = parts.concat();
            let s = split(&text);
            prop_assert!(s.public.len() <= text.len());
            // Splitting again finds nothing more to take out.
            let again = split(&s.public);
            prop_assert_eq!(&again.public, &s.public);
            prop_assert!(again.help.iter().all(Option::is_none), "{:?}", again.help);
            let help = ProcedureHelp::new(&s, &split(EXAMPLE_REGULATION), "Org");
            prop_assert_eq!(help.sections().len(), 6);
        }
    }
}
