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

/// As [`accept`], with the refusal as its Dutch message.
pub fn check(uploads: Vec<Upload>) -> Result<Vec<NewAttachment>, String> {
    accept(uploads).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_files_are_hashed_and_typed_by_content() {
        let ready = check(vec![Upload {
            file_name: "brief.pdf".into(),
            data: b"%PDF-1.4 hallo".to_vec(),
            too_big: false,
        }])
        .expect("accepted");
        assert_eq!(ready[0].content_type, "application/pdf");
        assert_eq!(
            ready[0].sha256,
            hex::encode(Sha256::digest(b"%PDF-1.4 hallo"))
        );
        let e = check(vec![Upload {
            file_name: "virus.pdf".into(),
            data: b"MZ\x90\x00".to_vec(),
            too_big: false,
        }])
        .expect_err("refused");
        assert!(e.contains("'virus.pdf' is geen PDF"), "{e}");
    }
}
