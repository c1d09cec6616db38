//! Files sent with a complaint, checked by the domain's one set of limits
//! and content checks ([`klacht_domain::attachment`]) and made ready to
//! store: an id and the SHA-256 that lets the dossier prove what was
//! received.

pub use klacht_domain::attachment::{
    AcceptedFile, FileKind, FileRefusal, MAX_FILE_BYTES, MAX_FILES, Upload, clean_file_name,
};
use klacht_store::NewAttachment;
use sha2::{Digest, Sha256};

/// An accepted file as the store keeps it.
pub fn to_store(file: AcceptedFile) -> NewAttachment {
    let sha256 = hex::encode(Sha256::digest(file.data()));
    NewAttachment {
        id: uuid::Uuid::now_v7(),
        file_name: file.name().to_owned(),
        content_type: file.kind().content_type().into(),
        sha256,
        data: file.into_data(),
    }
}

/// Checks the files ([`klacht_domain::attachment::accept`]) and makes them
/// ready to store, or says why not.
pub fn accept(uploads: Vec<Upload>) -> Result<Vec<NewAttachment>, FileRefusal> {
    Ok(klacht_domain::attachment::accept(uploads)?
        .into_iter()
        .map(to_store)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use klacht_i18n::{Language, Tr};

    fn upload(name: &str, data: &[u8]) -> Upload {
        Upload {
            file_name: name.into(),
            data: data.to_vec(),
            too_big: false,
        }
    }

    fn words(e: &FileRefusal, language: Language) -> String {
        Tr::new(language).refusal(&e.refusal())
    }

    #[test]
    fn accepted_files_are_hashed_and_typed_by_content() {
        let ready = accept(vec![upload("brief.pdf", b"%PDF-1.4 hallo")]).expect("accepted");
        assert_eq!(ready[0].content_type, "application/pdf");
        assert_eq!(
            ready[0].sha256,
            hex::encode(Sha256::digest(b"%PDF-1.4 hallo"))
        );
    }

    /// The Dutch sentences as they always were; English for an English
    /// reader.
    #[test]
    fn refusals_name_each_file_in_the_readers_language() {
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        let e = accept(vec![
            upload("virus.pdf", b"MZ\x90\x00"),
            upload("foto.pdf", &png),
            upload("leeg.pdf", b""),
        ])
        .expect_err("refused");
        assert!(matches!(e, FileRefusal::Refused(_)));
        assert_eq!(
            words(&e, Language::Nl),
            "'virus.pdf' is geen PDF, JPEG, PNG of Word-bestand (.docx). \
             'foto.pdf' is een PNG-afbeelding, maar de naam eindigt niet op .png. \
             'leeg.pdf' is leeg."
        );
        assert_eq!(
            words(&e, Language::En),
            "'virus.pdf' is not a PDF, JPEG, PNG or Word file (.docx). \
             'foto.pdf' is a PNG image, but its name does not end in .png. \
             'leeg.pdf' is empty."
        );
        let e = accept(vec![Upload {
            file_name: "groot.pdf".into(),
            data: b"%PDF".to_vec(),
            too_big: true,
        }])
        .expect_err("too large");
        assert!(matches!(e, FileRefusal::TooLarge(_)));
        assert_eq!(
            words(&e, Language::Nl),
            "'groot.pdf' is te groot (hoogstens 5 MB per bestand)."
        );
        assert_eq!(
            words(&e, Language::En),
            "'groot.pdf' is too large (at most 5 MB per file)."
        );
        let e = accept(vec![upload("a.pdf", b"%PDF"); 4]).expect_err("too many");
        assert_eq!(
            words(&e, Language::Nl),
            "U kunt hoogstens 3 bestanden meesturen; u koos er 4."
        );
        assert_eq!(
            words(&e, Language::En),
            "You can send at most 3 files; you chose 4."
        );
    }
}
