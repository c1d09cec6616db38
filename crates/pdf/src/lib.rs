//! PDF documents: a Typst source plus the files it reads (JSON data, SVG
//! charts, images) rendered to PDF/A-2b bytes, with the fonts embedded in
//! the binary. Generic: the yearly report uses it, and so can letters and
//! the complaint form.
//!
//! Rendering is CPU work of tens to hundreds of milliseconds; async
//! callers run [`Document::render`] in `spawn_blocking`.

#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod world;

use std::collections::BTreeMap;

pub use world::fonts_loaded;

/// Why a document did not render. The messages are for operators (the
/// Typst source is ours, not the user's), so they are English.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("typst: {0}")]
    Compile(String),
    #[error("pdf export: {0}")]
    Export(String),
    #[error("data for {path}: {source}")]
    Data {
        path: String,
        source: serde_json::Error,
    },
}

/// A document to render: the main Typst source, the virtual files it may
/// read (`json("data.json")`, `image("chart.svg")`) and `sys.inputs`.
#[derive(Debug, Clone, Default)]
pub struct Document {
    source: String,
    files: BTreeMap<String, Vec<u8>>,
    inputs: BTreeMap<String, String>,
    today: Option<(i32, u8, u8)>,
    created: Option<jiff::Timestamp>,
}

impl Document {
    pub fn new(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            ..Default::default()
        }
    }

    /// Adds a file the source can read at `path` (relative to the root,
    /// e.g. `chart.svg`).
    pub fn file(mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.insert(
            path.into().trim_start_matches('/').to_string(),
            bytes.into(),
        );
        self
    }

    /// Adds `value` as a JSON file at `path`, for `json(path)` in Typst.
    pub fn json<T: serde::Serialize>(self, path: &str, value: &T) -> Result<Self, PdfError> {
        let bytes = serde_json::to_vec(value).map_err(|source| PdfError::Data {
            path: path.into(),
            source,
        })?;
        Ok(self.file(path, bytes))
    }

    /// A string in `sys.inputs`.
    pub fn input(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.inputs.insert(key.into(), value.into());
        self
    }

    /// The date `datetime.today()` answers; none by default, so the same
    /// input always gives the same PDF.
    pub fn today(mut self, year: i32, month: u8, day: u8) -> Self {
        self.today = Some((year, month, day));
        self
    }

    /// The creation time in the PDF's metadata (PDF/A requires one); the
    /// real moment of rendering when not given (it shows in no page, so
    /// tests do not depend on it).
    pub fn created(mut self, at: jiff::Timestamp) -> Self {
        self.created = Some(at);
        self
    }

    /// Lays the document out and exports it as PDF.
    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        world::render(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_text_json_and_an_svg_into_a_pdf() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" viewBox="0 0 100 40"><rect x="0" y="0" width="60" height="40" fill="#0b5cad"/></svg>"##;
        let pdf = Document::new(
            "#let d = json(\"data.json\")\n= Jaarverslag #d.year\nKlachten: #d.count, #sys.inputs.org\n#image(\"chart.svg\", width: 4cm)",
        )
        .json("data.json", &serde_json::json!({"year": 2026, "count": 42}))
        .expect("json")
        .file("chart.svg", svg)
        .input("org", "Focus")
        .render()
        .expect("renders");
        assert!(pdf.starts_with(b"%PDF-"), "a PDF header");
        assert!(pdf.len() > 1000);
        crate::testing::assert_pdf_a_2b(&pdf);
    }

    #[test]
    fn any_text_a_complainant_can_type_renders() {
        // Emoji, a private-use character, a rare script, a lone combining
        // mark and a control character: none in the bundled fonts.
        let text = "Heel slecht 😡🙏 \u{E000} ꦲꦏ꧀ꦱꦫ 漢字 \u{0301} a\u{0007}b \u{10FFFD}";
        let pdf = Document::new("#let d = json(\"d.json\")\n#d.text")
            .json("d.json", &serde_json::json!({ "text": text }))
            .expect("json")
            .render()
            .expect("renders whatever the complainant typed");
        assert!(pdf.starts_with(b"%PDF-"));
        // Plain PDF then: it does not claim PDF/A.
        assert!(!String::from_utf8_lossy(&pdf).contains("pdfaid:part"));
    }

    #[test]
    fn errors_name_the_problem() {
        let e = Document::new("#let x = json(\"missing.json\")")
            .render()
            .expect_err("no such file");
        assert!(e.to_string().contains("missing.json"), "{e}");
        let e = Document::new("#nonsense(").render().expect_err("syntax");
        assert!(matches!(e, PdfError::Compile(_)), "{e}");
    }
}
