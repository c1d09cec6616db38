//! The smallest Typst world: one main source, virtual files from memory,
//! the fonts of `typst-assets` and no packages or file system.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::{Document, PdfError};

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Parsed once per process: the embedded font files are static.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// How many font faces are embedded (for diagnostics and tests).
pub fn fonts_loaded() -> usize {
    fonts().fonts.len()
}

struct MemoryWorld<'a> {
    doc: &'a Document,
    library: LazyHash<Library>,
    main: FileId,
    source: Source,
}

impl World for MemoryWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            return Ok(self.source.clone());
        }
        let text =
            String::from_utf8(self.file(id)?.to_vec()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_without_slash();
        match (id.root(), self.doc.files.get(path)) {
            (VirtualRoot::Project, Some(bytes)) => Ok(Bytes::new(bytes.clone())),
            _ => Err(FileError::NotFound(path.into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        let (y, m, d) = self.doc.today?;
        Datetime::from_ymd(y, m, d)
    }
}

fn messages(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            let mut m = d.message.to_string();
            for hint in &d.hints {
                m.push_str(&format!(" (hint: {})", hint.v));
            }
            m
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let mut inputs = Dict::new();
    for (k, v) in &doc.inputs {
        inputs.insert(k.as_str().into(), v.as_str().into_value());
    }
    let path = VirtualPath::new("main.typ").map_err(|e| PdfError::Compile(e.to_string()))?;
    let main = FileId::new(RootedPath::new(VirtualRoot::Project, path));
    let world = MemoryWorld {
        doc,
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        main,
        source: Source::new(main, doc.source.clone()),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    // Typst memoises layout in a process-wide cache that only eviction
    // empties; every complaint's form is a new input, so without this the
    // cache grew with every PDF (4.4 GB after filing 1,500 forms while
    // seeding a million complaints). Entries used by the last renders
    // (fonts, the shared template) stay, as in Typst's own watch loop.
    typst::comemo::evict(10);
    let document = compiled
        .output
        .map_err(|diags| PdfError::Compile(messages(&diags)))?;
    let created = doc
        .created
        .unwrap_or_else(|| klacht_clock::Clock::now(&klacht_clock::SystemClock));
    let archival = pdf_options(created, true)?;
    match typst_pdf::pdf(&document, &archival) {
        Ok(pdf) => Ok(pdf),
        Err(diags) => {
            // Text no embedded font can show (an emoji, a rare script, a
            // control character the complainant typed) breaks PDF/A but
            // not the document: a form or a filing that cannot be made
            // at all would be far worse than one that is plain PDF. The
            // exact text stays in the dossier's JSON record.
            let reason = messages(&diags);
            let pdf = typst_pdf::pdf(&document, &pdf_options(created, false)?)
                .map_err(|diags| PdfError::Export(messages(&diags)))?;
            tracing::warn!(%reason, "PDF zonder PDF/A gemaakt: niet alle tekens zijn te tonen");
            Ok(pdf)
        }
    }
}

/// PDF/A-2b: the documents are archived (the dossier keeps a complaint's
/// frozen PDFs for years, the yearly report goes to the archive), so they
/// must render the same in any future reader: every font embedded, colours
/// defined, XMP metadata that names the standard. Typst checks conformance
/// while exporting and refuses a document that would break it.
/// PDF/A also requires the document's date, `created` (in UTC). Without
/// `archival`: a plain PDF with the same date.
fn pdf_options(
    created: jiff::Timestamp,
    archival: bool,
) -> Result<typst_pdf::PdfOptions, PdfError> {
    let standards = if archival {
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
            .map_err(|e| PdfError::Export(e.message().to_string()))?
    } else {
        typst_pdf::PdfStandards::default()
    };
    let t = created.to_zoned(jiff::tz::TimeZone::UTC);
    let datetime = Datetime::from_ymd_hms(
        t.year().into(),
        t.month().unsigned_abs(),
        t.day().unsigned_abs(),
        t.hour().unsigned_abs(),
        t.minute().unsigned_abs(),
        t.second().unsigned_abs(),
    )
    .ok_or_else(|| PdfError::Export(format!("no PDF date for {created}")))?;
    Ok(typst_pdf::PdfOptions {
        standards,
        timestamp: Some(typst_pdf::Timestamp::new_utc(datetime)),
        ..typst_pdf::PdfOptions::default()
    })
}
