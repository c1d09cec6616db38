//! To the afhandelaar (or, without one, the responsible manager) when
//! someone else added files to their complaint (issue 15 §7): a scanned
//! letter or a photo may change what they do next.

use askama::Template;

use crate::{Compose, MailContext};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilesAddedNotice {
    pub reference: String,
    /// The complaint's id, for the link to its page.
    pub complaint_id: String,
    pub recipient_name: String,
    /// Who added them.
    pub added_by: String,
    /// The files' names.
    pub files: Vec<String>,
}

#[derive(Template)]
#[template(path = "files_added.txt")]
struct Text<'a> {
    m: &'a FilesAddedNotice,
    ctx: &'a MailContext,
}

#[derive(Template)]
#[template(path = "files_added.html")]
struct Html<'a> {
    m: &'a FilesAddedNotice,
    ctx: &'a MailContext,
    subject: &'a str,
}

impl Compose for FilesAddedNotice {
    fn subject(&self, _: &MailContext) -> String {
        if self.files.len() == 1 {
            format!("Klacht {}: bijlage toegevoegd", self.reference)
        } else {
            format!("Klacht {}: bijlagen toegevoegd", self.reference)
        }
    }

    crate::bodies!(Text, Html);
}
