//! Files sent with a complaint (a scanned letter, a photo), wherever they
//! come in: the public form, staff intake, the complaint page, the API and
//! the mailbox. One set of limits and content checks for all of them: at
//! most [`MAX_FILES`] per submission, each at most [`MAX_FILE_BYTES`], and
//! only PDF, JPEG, PNG or Word (.docx). The type is recognised by the
//! content's magic bytes and must agree with the file name's extension;
//! what the sender claims is ignored.
//!
//! Parse, don't validate: [`accept`] turns what was received into
//! [`AcceptedFile`]s, the only form in which a file travels on.

use std::fmt;

use crate::refusal::{Code, Refusal};

/// Files per submission.
pub const MAX_FILES: usize = 3;
/// Bytes per file: 5 MB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Longest file name kept.
const MAX_NAME_CHARS: usize = 120;

/// The kinds of file accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Jpeg,
    Png,
    Docx,
}

impl FileKind {
    const ALL: [FileKind; 4] = [FileKind::Pdf, FileKind::Jpeg, FileKind::Png, FileKind::Docx];

    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    /// The kind a stored media type names (the one [`content_type`] gave).
    ///
    /// [`content_type`]: FileKind::content_type
    pub fn of_content_type(content_type: &str) -> Option<FileKind> {
        Self::ALL
            .into_iter()
            .find(|k| k.content_type() == content_type)
    }

    /// Whether a browser may show it in the page (a thumbnail, the PDF
    /// viewer) rather than only save it. Never a type that runs script.
    pub fn previews(self) -> bool {
        matches!(self, FileKind::Pdf | FileKind::Jpeg | FileKind::Png)
    }

    pub fn is_image(self) -> bool {
        matches!(self, FileKind::Jpeg | FileKind::Png)
    }

    /// A stable name, for the words of each language (`kind` of
    /// [`Code::FileNameMismatch`]).
    pub fn id(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::Docx => "docx",
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Jpeg => &["jpg", "jpeg"],
            FileKind::Png => &["png"],
            FileKind::Docx => &["docx"],
        }
    }

    /// The kind the file name's extension promises.
    fn of_extension(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|k| k.extensions().contains(&ext.as_str()))
    }

    /// The kind the content is, by its first bytes. A .docx is a ZIP
    /// archive that holds `word/document.xml` (an .xlsx or any other ZIP
    /// does not).
    pub fn sniff(data: &[u8]) -> Option<FileKind> {
        if data.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if data.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(FileKind::Png)
        } else if data.starts_with(b"PK\x03\x04")
            && contains(data, b"[Content_Types].xml")
            && contains(data, b"word/document.xml")
        {
            Some(FileKind::Docx)
        } else {
            None
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// One file as received, before any check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// As the sender named it; may hold a path.
    pub file_name: String,
    /// The bytes read, at most [`MAX_FILE_BYTES`] + 1.
    pub data: Vec<u8>,
    /// The receiver stopped reading because the file is larger than
    /// [`MAX_FILE_BYTES`].
    pub too_big: bool,
}

/// A file that passed every check: a clean name, a kind known by its
/// content that agrees with the name, within the size limit, not empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedFile {
    name: String,
    kind: FileKind,
    data: Vec<u8>,
}

impl AcceptedFile {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn kind(&self) -> FileKind {
        self.kind
    }

    pub fn data(&self) -> &[u8] {
        &self.data
    }

    pub fn into_data(self) -> Vec<u8> {
        self.data
    }
}

/// Why files were refused, naming each file: a refusal the edges word
/// in the reader's language ([`FileRefusal::refusal`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRefusal {
    /// More files than [`MAX_FILES`] (HTTP: 422).
    TooMany(usize),
    /// A file over [`MAX_FILE_BYTES`] (HTTP: 413), with what is wrong with
    /// every file refused.
    TooLarge(Refusal),
    /// A type that is not taken, an empty file, or a name that disguises
    /// the type (HTTP: 415), with what is wrong with every file refused.
    Refused(Refusal),
}

impl FileRefusal {
    /// What is wrong, one sentence per file refused.
    pub fn refusal(&self) -> Refusal {
        match self {
            FileRefusal::TooMany(count) => Refusal::new(Code::FilesTooMany)
                .text("max", MAX_FILES)
                .text("count", count),
            FileRefusal::TooLarge(r) | FileRefusal::Refused(r) => r.clone(),
        }
    }
}

/// For logs: the refusal's key and values.
impl fmt::Display for FileRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.refusal())
    }
}

impl std::error::Error for FileRefusal {}

/// The sentences one after the other.
fn one_after_the_other(mut sentences: Vec<Refusal>) -> Option<Refusal> {
    let mut joined = sentences.pop()?;
    while let Some(first) = sentences.pop() {
        joined = Refusal::new(Code::TwoSentences)
            .phrase("first", first)
            .phrase("then", joined);
    }
    Some(joined)
}

/// Characters that change how a name reads without showing: bidirectional
/// overrides and isolates (U+202E makes `gpj.exe` read `exe.jpg`),
/// direction marks, zero-width characters and the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The last part of a path, without control characters or invisible
/// direction changes, at most [`MAX_NAME_CHARS`] long; a name that is left
/// empty becomes `bijlage`.
pub fn clean_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_invisible(*c) && !matches!(c, '"' | '<' | '>'))
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.');
    let mut name: String = cleaned.chars().take(MAX_NAME_CHARS).collect();
    if name.is_empty() {
        name = "bijlage".into();
    }
    name
}

/// Checks the files, or says what is wrong with which file. Empty
/// file fields (nothing chosen) are left out before this. A file too large
/// outweighs the other refusals: it decides the variant.
pub fn accept(uploads: Vec<Upload>) -> Result<Vec<AcceptedFile>, FileRefusal> {
    if uploads.len() > MAX_FILES {
        return Err(FileRefusal::TooMany(uploads.len()));
    }
    let mut problems = Vec::new();
    let mut too_large = false;
    let mut ready = Vec::with_capacity(uploads.len());
    for upload in uploads {
        let name = clean_file_name(&upload.file_name);
        if upload.too_big || upload.data.len() > MAX_FILE_BYTES {
            too_large = true;
            problems.push(
                Refusal::new(Code::FileTooLarge)
                    .text("name", &name)
                    .text("mb", MAX_FILE_BYTES / (1024 * 1024)),
            );
            continue;
        }
        if upload.data.is_empty() {
            problems.push(Code::FileEmpty.text("name", &name));
            continue;
        }
        let Some(kind) = FileKind::sniff(&upload.data) else {
            problems.push(Code::FileNotAccepted.text("name", &name));
            continue;
        };
        if FileKind::of_extension(&name) != Some(kind) {
            problems.push(
                Refusal::new(Code::FileNameMismatch)
                    .text("name", &name)
                    .text("kind", kind.id())
                    .text("extension", kind.extensions()[0]),
            );
            continue;
        }
        ready.push(AcceptedFile {
            name,
            kind,
            data: upload.data,
        });
    }
    match (one_after_the_other(problems), too_large) {
        (None, _) => Ok(ready),
        (Some(all), true) => Err(FileRefusal::TooLarge(all)),
        (Some(all), false) => Err(FileRefusal::Refused(all)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(name: &str, data: &[u8]) -> Upload {
        Upload {
            file_name: name.into(),
            data: data.to_vec(),
            too_big: false,
        }
    }

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    #[test]
    fn types_are_known_by_their_content() {
        assert_eq!(FileKind::sniff(b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        assert_eq!(
            FileKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16]),
            Some(FileKind::Jpeg)
        );
        assert_eq!(FileKind::sniff(PNG), Some(FileKind::Png));
        let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml....";
        assert_eq!(FileKind::sniff(docx), Some(FileKind::Docx));
        let xlsx = b"PK\x03\x04....[Content_Types].xml....xl/workbook.xml....";
        assert_eq!(FileKind::sniff(xlsx), None);
        assert_eq!(FileKind::sniff(b"MZ\x90\x00 an exe"), None);
        assert_eq!(FileKind::sniff(b"<html><script>"), None);
        assert_eq!(FileKind::sniff(b"<svg onload=alert(1)>"), None);
    }

    #[test]
    fn only_images_and_pdfs_preview() {
        for kind in FileKind::ALL {
            assert_eq!(FileKind::of_content_type(kind.content_type()), Some(kind));
        }
        assert!(FileKind::Pdf.previews() && FileKind::Png.is_image());
        assert!(!FileKind::Docx.previews() && !FileKind::Pdf.is_image());
        assert_eq!(FileKind::of_content_type("image/svg+xml"), None);
        assert_eq!(FileKind::of_content_type("text/html"), None);
    }

    #[test]
    fn good_files_are_typed_by_content() {
        let ready = accept(vec![
            upload("C:\\Users\\an\\Foto.PNG", PNG),
            upload("brief.pdf", b"%PDF-1.4 hallo"),
        ])
        .expect("accepted");
        assert_eq!(ready.len(), 2);
        assert_eq!(ready[0].name(), "Foto.PNG");
        assert_eq!(ready[0].kind(), FileKind::Png);
        assert_eq!(ready[1].kind(), FileKind::Pdf);
        assert_eq!(ready[1].data(), b"%PDF-1.4 hallo");
    }

    #[test]
    fn wrong_type_size_count_or_extension_is_refused_with_a_code_per_file() {
        let e = accept(vec![upload("virus.pdf", b"MZ\x90\x00")]).expect_err("not a pdf");
        assert_eq!(
            e,
            FileRefusal::Refused(Code::FileNotAccepted.text("name", "virus.pdf"))
        );
        let e = accept(vec![upload("foto.pdf", PNG)]).expect_err("disguised");
        assert_eq!(
            e.refusal(),
            Refusal::new(Code::FileNameMismatch)
                .text("name", "foto.pdf")
                .text("kind", "png")
                .text("extension", "png")
        );
        let e = accept(vec![
            upload("virus.pdf", b"MZ"),
            Upload {
                file_name: "groot.pdf".into(),
                data: b"%PDF".to_vec(),
                too_big: true,
            },
        ])
        .expect_err("too big");
        assert_eq!(
            e,
            FileRefusal::TooLarge(
                Refusal::new(Code::TwoSentences)
                    .phrase("first", Code::FileNotAccepted.text("name", "virus.pdf"))
                    .phrase(
                        "then",
                        Refusal::new(Code::FileTooLarge)
                            .text("name", "groot.pdf")
                            .text("mb", 5)
                    )
            )
        );
        let e = accept(vec![upload("a.png", PNG); 4]).expect_err("too many");
        assert_eq!(e, FileRefusal::TooMany(4));
        assert_eq!(
            e.refusal(),
            Refusal::new(Code::FilesTooMany)
                .text("max", 3)
                .text("count", 4)
        );
        let e = accept(vec![upload("leeg.pdf", b"")]).expect_err("empty");
        assert_eq!(e.refusal(), Code::FileEmpty.text("name", "leeg.pdf"));
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\u{0}b\n\"c\".pdf"), "abc.pdf");
        assert_eq!(clean_file_name("   "), "bijlage");
        assert_eq!(clean_file_name(".htaccess"), "htaccess");
        assert_eq!(clean_file_name(&"x".repeat(300)).chars().count(), 120);
        // "factuur\u{202E}fdp.exe" would read as "factuurexe.pdf".
        assert_eq!(clean_file_name("factuur\u{202E}fdp.exe"), "factuurfdp.exe");
        assert_eq!(
            clean_file_name("\u{2067}a\u{200B}b\u{200F}\u{FEFF}.pdf\u{2069}"),
            "ab.pdf"
        );
    }
}
