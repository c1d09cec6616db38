//! `/reglement`: the organisation's complaint regulation, written in
//! Markdown (configurable, DESIGN §8) and shown to everyone, complainants
//! and staff alike.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use klacht_store::Store;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

use super::Site;
use crate::AppState;

/// What the Markdown writes where the organisation's name goes.
const PLACEHOLDER: &str = "{{organisatie}}";

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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

/// Renders the regulation as HTML that is safe to put in a page: raw HTML
/// in the Markdown is shown as text (escaped), not passed through, and
/// links and images keep only harmless addresses. `{{organisatie}}`
/// becomes the organisation's name.
pub fn render_regulation(markdown: &str, organisation: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
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
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    // The placeholder passes through Markdown as text; the name goes in
    // escaped, after rendering, so it cannot become markup.
    html.replace(PLACEHOLDER, &escape_html(organisation))
}

#[derive(Template, WebTemplate)]
#[template(path = "public/regulation.html")]
pub(super) struct RegulationPage {
    site: Site,
    html: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(State(state): State<AppState<S>>) -> RegulationPage {
    RegulationPage {
        site: Site::of(&state, "reglement"),
        html: state.public.regulation_html.clone(),
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
}
