//! Checks for the tests of every crate that makes PDFs: is it PDF/A-2b?

/// The XMP metadata identifies PDF/A-2b (part 2, conformance B), and
/// `pdffonts` (poppler-utils) finds every font embedded.
pub fn assert_pdf_a_2b(pdf: &[u8]) {
    let text = String::from_utf8_lossy(pdf);
    // Typst writes the XMP stream uncompressed, as PDF/A asks.
    let xmp = text
        .find("<x:xmpmeta")
        .and_then(|start| {
            text[start..]
                .find("</x:xmpmeta>")
                .map(|end| &text[start..start + end])
        })
        .expect("XMP metadata");
    let has = |element: &str, value: &str| {
        xmp.contains(&format!("<pdfaid:{element}>{value}</pdfaid:{element}>"))
            || xmp.contains(&format!("pdfaid:{element}=\"{value}\""))
    };
    assert!(has("part", "2"), "pdfaid:part 2 in {xmp}");
    assert!(has("conformance", "B"), "pdfaid:conformance B in {xmp}");

    let dir = std::env::temp_dir().join(format!("klacht-pdfa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // Tests run in parallel threads of one process: one file each.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("{n}.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    let out = match std::process::Command::new("pdffonts").arg(&path).output() {
        Ok(out) => out,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("pdffonts not found ({e}); install poppler-utils. Font check skipped");
            return;
        }
        Err(e) => panic!("pdffonts (poppler-utils) is needed in CI: {e}"),
    };
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "pdffonts: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = String::from_utf8_lossy(&out.stdout);
    // name type encoding emb sub uni object ID: two header lines, then
    // one line per font; `emb` is the fifth column from the end.
    let fonts: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(
        !fonts.is_empty(),
        "a document with text has fonts: {listing}"
    );
    for line in fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "font not embedded: {line}");
    }
}
