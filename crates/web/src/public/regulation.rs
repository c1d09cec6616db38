//! `/reglement`: the organisation's complaint regulation, written in
//! Markdown (configurable, DESIGN §8) and shown to everyone, complainants
//! and staff alike.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use klacht_domain::terms::Step;
use klacht_i18n::escape_html;
use klacht_store::Store;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

use super::Site;
use crate::AppState;
use crate::language::PageLanguage;

/// Links may go to web pages, mail addresses, phone numbers and places on
/// this site; anything else (`javascript:`, `data:`) becomes `#`.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') && !scheme.contains('#') => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Where on `/reglement` each step of the regulation is written: the
/// complaint page links every term there. The shipped regulation gives
/// its headings these ids (`### 2. Contact … {#stap-2}`); an
/// organisation's own regulation does the same to make the links land
/// (README, "The public site"). The page links `#escalatie` and
/// `#afsluiten` as well.
pub fn step_anchor(step: Step) -> &'static str {
    match step {
        Step::Report => "stap-1",
        Step::Contact => "stap-2",
        Step::Offer => "stap-3",
        Step::Record => "stap-4",
    }
}

/// An id for a heading from its text: lower case, letters and digits,
/// words joined by '-' ("Wie is verantwoordelijk?" →
/// "wie-is-verantwoordelijk").
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'ä' | 'â' => 'a',
            'è' | 'é' | 'ë' | 'ê' => 'e',
            'ì' | 'í' | 'ï' | 'î' => 'i',
            'ò' | 'ó' | 'ö' | 'ô' => 'o',
            'ù' | 'ú' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Gives every heading below the title an id, so that a part of the
/// regulation can be linked: its own (`{#stap-2}`) or one made from its
/// text; a second heading with the same id gets "-2", "-3", ….
fn with_heading_ids(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut taken: std::collections::HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut out = events;
    for i in 0..out.len() {
        let Event::Start(Tag::Heading {
            level, id: None, ..
        }) = &out[i]
        else {
            continue;
        };
        if *level == pulldown_cmark::HeadingLevel::H1 {
            continue;
        }
        let text: String = out[i + 1..]
            .iter()
            .take_while(|e| !matches!(e, Event::End(pulldown_cmark::TagEnd::Heading(_))))
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let base = slug(&text);
        if base.is_empty() {
            continue;
        }
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(candidate.clone());
        if let Event::Start(Tag::Heading { id, .. }) = &mut out[i] {
            *id = Some(CowStr::from(candidate));
        }
    }
    out
}

/// Renders the regulation as HTML that is safe to put in a page: raw HTML
/// in the Markdown is shown as text (escaped), not passed through, and
/// links and images keep only harmless addresses. `{{organisatie}}`
/// becomes the organisation's name, `{{contacttermijn}}` and the other
/// terms their words (`crate::procedure::help::placeholders`). Headings get ids to link to
/// ([`step_anchor`]).
pub fn render_regulation(markdown: &str, organisation: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        // Classes and other attributes stay out: only the id is for us.
        Event::Start(Tag::Heading { level, id, .. }) => Event::Start(Tag::Heading {
            level,
            id,
            classes: Vec::new(),
            attrs: Vec::new(),
        }),
        other => other,
    });
    let events = with_heading_ids(events.collect());
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // The placeholders pass through Markdown as text; the name and the
    // terms go in escaped, after rendering, so they cannot become markup.
    crate::procedure::help::placeholders(organisation)
        .iter()
        .fold(html, |html, (placeholder, value)| {
            html.replace(placeholder, &escape_html(value))
        })
}

#[derive(Template, WebTemplate)]
#[template(path = "public/regulation.html")]
pub(super) struct RegulationPage {
    site: Site,
    html: String,
    /// The Dutch text, shown because there is none in the page's language.
    fallback: bool,
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    language: PageLanguage,
) -> RegulationPage {
    let (html, fallback) = state.public.regulation(language.language);
    RegulationPage {
        site: Site::of(&state, "reglement", language.tr(), "/reglement"),
        html: html.to_owned(),
        fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html_with_the_organisation_named() {
        let html = render_regulation(
            "# Klachtenreglement\n\nDit is van {{organisatie}}.\n\n1. Melden\n2. Contact\n",
            "Zorg & Welzijn",
        );
        assert!(html.contains("<h1>Klachtenreglement</h1>"), "{html}");
        assert!(html.contains("Dit is van Zorg &amp; Welzijn."), "{html}");
        assert!(html.contains("<ol>"), "{html}");
    }

    #[test]
    fn raw_html_and_script_links_are_defused() {
        let html = render_regulation(
            "Hallo <script>alert(1)</script>\n\n<div onclick=\"x()\">blok</div>\n\n\
             [klik](javascript:alert(1)) [web](https://example.nl) [mail](mailto:a@b.nl) \
             [hier](/status)\n",
            "<b>Org</b>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://example.nl\""), "{html}");
        assert!(html.contains("href=\"mailto:a@b.nl\""), "{html}");
        assert!(html.contains("href=\"/status\""), "{html}");
        let named = render_regulation("{{organisatie}}", "<b>Org</b>");
        assert!(named.contains("&lt;b&gt;Org&lt;/b&gt;"), "{named}");
    }

    #[test]
    fn headings_get_ids_to_link_to() {
        let html = render_regulation(
            "# Reglement\n\n## Wie is verantwoordelijk?\n\n### 2. Contact {#stap-2}\n\n\
             ## Één stap\n\n## Één stap\n\n## Kop {#x onclick=alert(1) .rood}\n",
            "Org",
        );
        assert!(html.contains("<h1>Reglement</h1>"), "{html}");
        assert!(
            html.contains(r#"<h2 id="wie-is-verantwoordelijk">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<h3 id="stap-2">2. Contact</h3>"#),
            "{html}"
        );
        assert!(html.contains(r#"<h2 id="een-stap">"#), "{html}");
        assert!(html.contains(r#"<h2 id="een-stap-2">"#), "{html}");
        assert!(html.contains(r#"<h2 id="x">Kop</h2>"#), "{html}");
        assert!(!html.contains("onclick"), "{html}");
    }

    #[test]
    fn the_shipped_example_has_every_anchor_the_complaint_page_links() {
        let html = render_regulation(super::super::EXAMPLE_REGULATION, "Org");
        for step in Step::ALL {
            let id = format!(r#"id="{}""#, step_anchor(step));
            assert!(html.contains(&id), "{id} in {html}");
        }
        // The complaint page's escalation and closing link here too.
        for anchor in ["escalatie", "afsluiten"] {
            assert!(html.contains(&format!(r#"id="{anchor}""#)), "{anchor}");
        }
    }

    #[test]
    fn the_shipped_example_renders_neutrally() {
        let html = render_regulation(super::super::EXAMPLE_REGULATION, "Stichting Voorbeeld");
        assert!(html.contains("Stichting Voorbeeld"));
        assert!(!html.contains("{{organisatie}}"));
        assert!(
            !html.contains("Focus"),
            "the example names no real organisation"
        );
        assert!(html.contains("binnen 2 werkdagen"));
    }

    #[test]
    fn the_public_page_leaves_the_staff_help_out() {
        let site = super::super::PublicSite::example("Org");
        let html = &site.regulation_html;
        assert!(!html.contains("language-toelichting"), "{html}");
        assert!(!html.contains("Neem binnen"), "{html}");
        assert!(!html.contains("<pre>"), "{html}");
        assert!(!html.contains("{{"), "{html}");
        assert!(
            html.contains(r#"<h2 id="publicatie">Publicatie</h2>"#),
            "{html}"
        );
        for section in crate::procedure::help::Section::ALL {
            let help = site.help.of(section);
            assert!(!help.fallback, "{section:?}");
            assert!(!help.html.contains("{{"), "{section:?}: {}", help.html);
        }
    }
}
