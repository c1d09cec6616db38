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

impl FilesAddedNotice {
    pub fn intro_text(&self, ctx: &MailContext) -> String {
        ctx.targs(
            "mail-files-intro",
            &[("by", &self.added_by), ("reference", &self.reference)],
            &[("count", self.files.len())],
        )
    }

    pub fn intro_html(&self, ctx: &MailContext) -> String {
        ctx.hargs(
            "mail-files-intro",
            &[("by", &self.added_by), ("reference", &self.reference)],
            &[("count", self.files.len())],
        )
    }
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
    fn subject(&self, ctx: &MailContext) -> String {
        ctx.t.t2(
            "mail-files-subject",
            "count",
            self.files.len(),
            "reference",
            &self.reference,
        )
    }

    crate::bodies!(Text, Html);
}
