//! The documents of a complaint as PDF: the complaint form (klachtenformulier
//! v02, DESIGN §5) and the written confirmation of the offer (DESIGN §3
//! step 3), laid out by Typst (`klacht-pdf`) from the templates beside this
//! file.
//!
//! The data goes to Typst as a JSON file that the template reads with
//! `json(...)`; user text is never spliced into Typst markup, so a
//! complainant who writes `#` or `]` gets exactly that on paper.

pub mod form;
mod letter;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::UserId;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Actor, Complaint, Event, Recorded};
use klacht_store::{Store, StoreError};

pub use form::FormData;
pub use letter::{LetterData, draft_letter_text, letter_paragraphs};

const FORM_TEMPLATE: &str = include_str!("klachtenformulier.typ");
const LETTER_TEMPLATE: &str = include_str!("aanbod.typ");

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("PDF maken mislukt: {0}")]
    Pdf(#[from] klacht_pdf::PdfError),
    #[error("achtergrondtaak afgebroken: {0}")]
    Join(String),
    #[error("logo {path}: {message}")]
    Logo { path: String, message: String },
    /// The letter confirms an offer; there is none yet.
    #[error("Er is nog geen aanbod gedaan; er is dus nog geen bevestigingsbrief.")]
    NoOffer,
}

/// An image the documents carry in their heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    bytes: Arc<[u8]>,
    /// The file extension Typst recognises the format by.
    ext: &'static str,
}

impl Logo {
    /// Recognises PNG, JPEG, GIF and SVG by their first bytes.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, String> {
        let ext = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "png"
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            "jpg"
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            "gif"
        } else if is_svg(&bytes) {
            "svg"
        } else {
            return Err("geen PNG-, JPEG-, GIF- of SVG-afbeelding".into());
        };
        Ok(Self {
            bytes: bytes.into(),
            ext,
        })
    }

    fn file_name(&self) -> String {
        format!("logo.{}", self.ext)
    }
}

fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}

/// Who the documents come from: the organisation's name and, optionally,
/// its logo (configuration: `KLACHT_ORGANISATION`, `KLACHT_LOGO`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    pub organisation: String,
    pub logo: Option<Logo>,
}

impl Letterhead {
    pub fn new(organisation: impl Into<String>) -> Self {
        Self {
            organisation: organisation.into(),
            logo: None,
        }
    }

    pub fn with_logo(mut self, logo: Logo) -> Self {
        self.logo = Some(logo);
        self
    }

    /// Reads the logo file at `path` (at start-up, so a wrong path fails
    /// there and not on the first document).
    pub fn with_logo_file(self, path: &Path) -> Result<Self, DocumentError> {
        let bad = |message: String| DocumentError::Logo {
            path: path.display().to_string(),
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
        Ok(self.with_logo(Logo::from_bytes(bytes).map_err(bad)?))
    }

    /// The organisation and logo of a configuration (`KLACHT_ORGANISATION`,
    /// `KLACHT_LOGO`); the logo file is read now.
    pub fn from_config(config: &crate::Config) -> Result<Self, DocumentError> {
        let letterhead = Self::new(config.organisation.clone());
        match &config.dossier.logo {
            Some(path) => letterhead.with_logo_file(path),
            None => Ok(letterhead),
        }
    }

    fn document(&self, template: &str) -> klacht_pdf::Document {
        let doc = klacht_pdf::Document::new(template);
        match &self.logo {
            Some(logo) => doc.file(logo.file_name(), logo.bytes.to_vec()),
            None => doc,
        }
    }

    fn logo_name(&self) -> Option<String> {
        self.logo.as_ref().map(Logo::file_name)
    }
}

/// The names of the staff a complaint mentions, read in one query.
#[derive(Debug, Clone, Default)]
pub struct Names(HashMap<UserId, String>);

impl Names {
    /// Everyone `c` and its `history` name: receiver, managers, handler,
    /// assistants, involved employees, action owners and every actor.
    pub async fn of<S: Store>(
        store: &S,
        c: &Complaint,
        history: &[Recorded],
    ) -> Result<Self, StoreError> {
        let mut ids: Vec<UserId> = c
            .received_by()
            .into_iter()
            .chain(c.responsible_manager())
            .chain(c.handler())
            .chain(c.assistants().iter().copied())
            .chain(c.involved_employees().iter().copied())
            .chain(c.actions().iter().filter_map(|a| a.agreed.value.owner))
            .chain(history.iter().filter_map(|r| r.actor.user()))
            .chain(history.iter().filter_map(|r| match &r.event {
                Event::ReportedToManager { manager } => Some(*manager),
                _ => None,
            }))
            .collect();
        ids.sort();
        ids.dedup();
        let users = store.users_by_ids(&ids).await?;
        Ok(Self(
            users
                .into_iter()
                .map(|u| (u.user.id, u.user.name))
                .collect(),
        ))
    }

    /// The name of `id`; "onbekende gebruiker" for an account not known.
    pub fn name(&self, id: UserId) -> String {
        self.name_in(klacht_i18n::Tr::default(), id)
    }

    /// The name of `id`, or "unknown user" in `t`'s language.
    pub fn name_in(&self, t: klacht_i18n::Tr, id: UserId) -> String {
        self.0
            .get(&id)
            .cloned()
            .unwrap_or_else(|| t.t("doc-form-value-unknown-user"))
    }

    pub fn opt(&self, id: Option<UserId>) -> String {
        self.opt_in(klacht_i18n::Tr::default(), id)
    }

    /// As [`Names::opt`], in `t`'s language.
    pub fn opt_in(&self, t: klacht_i18n::Tr, id: Option<UserId>) -> String {
        id.map(|id| self.name_in(t, id)).unwrap_or_default()
    }

    pub fn actor(&self, actor: Actor) -> String {
        match actor {
            Actor::User(id) => self.name(id),
            Actor::Complainant => "klager (website)".into(),
            Actor::System => "systeem".into(),
        }
    }
}

/// A date as a Dutch letter writes it: `24 april 2026`.
pub use klacht_domain::dutch::day_month_year as long_date;

/// An instant as Dutch offices write it, in the organisation's zone.
pub(crate) fn local_time(at: Timestamp, calendar: &WorkingCalendar) -> String {
    at.to_zoned(calendar.time_zone().clone())
        .strftime("%d-%m-%Y %H:%M")
        .to_string()
}

/// What the form's footer says about this copy.
#[derive(Debug, Clone)]
pub enum FormCopy {
    /// Printed (downloaded) by someone at some moment.
    Printed { by: String, at: Timestamp },
    /// Frozen into the dossier on filing.
    Filed { by: String, at: Timestamp },
    /// Frozen again when the retention period ended and the personal data
    /// was removed.
    Anonymised {
        filed_by: String,
        filed_at: Timestamp,
        at: Timestamp,
    },
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, DocumentError> + Send + 'static,
) -> Result<T, DocumentError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| DocumentError::Join(e.to_string()))?
}

/// The complaint form as PDF bytes; rendered off the async threads.
pub async fn form_pdf(letterhead: &Letterhead, data: FormData) -> Result<Vec<u8>, DocumentError> {
    let doc = letterhead
        .document(FORM_TEMPLATE)
        .json("form.json", &data)?;
    blocking(move || Ok(doc.render()?)).await
}

/// As [`form_pdf`], with `at` as the PDF's creation date: the dossier's
/// frozen copy says when it was filed (or anonymised), by the injected
/// clock.
pub async fn form_pdf_at(
    letterhead: &Letterhead,
    data: FormData,
    at: jiff::Timestamp,
) -> Result<Vec<u8>, DocumentError> {
    let doc = letterhead
        .document(FORM_TEMPLATE)
        .json("form.json", &data)?
        .created(at);
    blocking(move || Ok(doc.render()?)).await
}

/// The confirmation of the offer as PDF bytes; rendered off the async
/// threads.
pub async fn letter_pdf(
    letterhead: &Letterhead,
    data: LetterData,
) -> Result<Vec<u8>, DocumentError> {
    let doc = letterhead
        .document(LETTER_TEMPLATE)
        .json("letter.json", &data)?;
    blocking(move || Ok(doc.render()?)).await
}

/// What the complaint form shows, with the staff's names looked up: the
/// one projection that both the printable page and the PDF render.
pub async fn form_data<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    c: &Complaint,
    history: &[Recorded],
    copy: FormCopy,
) -> Result<FormData, StoreError> {
    form_data_in(
        store,
        letterhead,
        calendar,
        c,
        history,
        copy,
        klacht_i18n::Tr::default(),
    )
    .await
}

/// As [`form_data`], in the words of `t`.
pub async fn form_data_in<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    c: &Complaint,
    history: &[Recorded],
    copy: FormCopy,
    t: klacht_i18n::Tr,
) -> Result<FormData, StoreError> {
    let names = Names::of(store, c, history).await?;
    Ok(FormData::build_in(
        letterhead, c, &names, calendar, &copy, t,
    ))
}

/// Loads what the form shows and renders it in the words of `t`: the
/// whole use case behind a download.
pub async fn complaint_form<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    calendar: &WorkingCalendar,
    c: &Complaint,
    history: &[Recorded],
    copy: FormCopy,
    t: klacht_i18n::Tr,
) -> Result<Vec<u8>, DocumentError> {
    let data = form_data_in(store, letterhead, calendar, c, history, copy, t).await?;
    form_pdf(letterhead, data).await
}

/// Loads what the letter says and renders it, dated `on`.
pub async fn offer_letter<S: Store>(
    store: &S,
    letterhead: &Letterhead,
    c: &Complaint,
    history: &[Recorded],
    on: Date,
) -> Result<Vec<u8>, DocumentError> {
    let names = Names::of(store, c, history).await?;
    let data = LetterData::build(letterhead, c, &names, on).ok_or(DocumentError::NoOffer)?;
    letter_pdf(letterhead, data).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_are_recognised_by_their_bytes() {
        let png = Logo::from_bytes(b"\x89PNG\r\n\x1a\nrest".to_vec()).expect("png");
        assert_eq!(png.file_name(), "logo.png");
        let svg = Logo::from_bytes(b"<?xml version=\"1.0\"?>\n<svg></svg>".to_vec()).expect("svg");
        assert_eq!(svg.file_name(), "logo.svg");
        assert!(Logo::from_bytes(b"MZ\x90\x00".to_vec()).is_err());
    }

    #[test]
    fn dates_are_written_out_in_dutch() {
        assert_eq!(long_date(jiff::civil::date(2026, 4, 24)), "24 april 2026");
        assert_eq!(long_date(jiff::civil::date(2027, 1, 1)), "1 januari 2027");
    }
}
