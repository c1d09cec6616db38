//! Complaints from the mailbox (issue 17 §2). The mailbox job
//! (`klacht_jobs::mailbox`) fetches each new message and hands it to
//! [`take_in`], which reads it (MIME by `mail-parser`, HTML converted to
//! text, files checked as on the public form) and stores it once, by its
//! IMAP identity, as either
//!
//! - an intake item on the quality manager's start page ("Binnengekomen
//!   e-mail"), which she [`register`]s as a complaint or signal with one
//!   click, or [`dismiss`]es as "geen klacht"; or
//! - a complainant's reply: a message to `klachten+K-2026-0042@…` (the
//!   `Reply-To` of klacht's mail to complainants) from the complainant's
//!   own address, about an open complaint, lands on its timeline as
//!   "E-mail van de klager" and the afhandelaar is told. Anything else
//!   (an unknown or closed complaint, a stranger's address) becomes an
//!   ordinary intake item: nothing is lost.
//!
//! A message that cannot be read is kept as received and flagged.

use jiff::Timestamp;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    self, Actor, Channel, ComplainantMail, Complaint, Kind, NewComplaint, Party, Recorded,
};
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Refusal, Role, User};
use klacht_mail::complainant_mail::ComplainantMailNotice;
use klacht_mail::incoming_mail::IncomingMailNotice;
use klacht_mail::{Address, Compose, Tr};
use klacht_store::{
    AuditEntry, MailboxDecision, MailboxDelivery, NewAttachment, NewMailboxMessage,
    NewOutboxMessage, OutboxKind, ReplyAppend, Store, StoreError,
};
use mail_parser::{MessageParser, MimeHeaders};

use crate::complaints::{self, Change, ServiceError, read_model, to_raw};
use crate::notify::{Notifier, queue};
use crate::public::attachments::{self, MAX_FILES, Upload};

/// Where a message was found: the IMAP folder, its UIDVALIDITY and the
/// message's UID, together its identity for "once".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub folder: String,
    pub uid_validity: u32,
    pub uid: u32,
}

/// A message as read from its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadMessage {
    pub sender_email: Option<Email>,
    pub sender_name: Option<String>,
    pub subject: String,
    pub text: String,
    /// Every address it was sent to (To, Cc, Delivered-To, X-Original-To).
    pub recipients: Vec<String>,
    pub attachments: Vec<NewAttachment>,
    /// What was wrong with it, in Dutch (kept with the message); empty
    /// when nothing.
    pub problems: Vec<String>,
    /// The same, for the words of each reader's language.
    pub issues: Vec<Problem>,
}

/// What can be wrong with a message read from the mailbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a message at all; kept as it came.
    Unreadable,
    /// No valid sender address.
    NoSender,
    /// Neither subject nor text.
    Empty,
    /// An attachment beyond the public form's limit of files.
    TooManyFiles { name: String },
    /// An attachment the public form's checks refuse, and why.
    FileRefused { reason: Refusal },
}

impl Problem {
    /// The problem in the words of `t`'s language.
    pub fn words(&self, t: Tr) -> String {
        match self {
            Problem::Unreadable => t.t("mail-incoming-problem-unreadable"),
            Problem::NoSender => t.t("mail-incoming-problem-no-sender"),
            Problem::Empty => t.t("mail-incoming-problem-empty"),
            Problem::TooManyFiles { name } => t.t2(
                "mail-incoming-problem-too-many-files",
                "name",
                name,
                "max",
                MAX_FILES,
            ),
            Problem::FileRefused { reason } => t.t1(
                "mail-incoming-problem-file-refused",
                "reason",
                t.refusal(reason),
            ),
        }
    }
}

impl ReadMessage {
    fn note(&mut self, problem: Problem) {
        self.problems.push(problem.words(Tr::default()));
        self.issues.push(problem);
    }
}

/// Longest subject kept.
const SUBJECT_MAX: usize = 500;

/// Reads a message. Never fails: what cannot be read is said in
/// [`ReadMessage::problems`], and the raw bytes are kept beside it.
pub fn read(raw: &[u8]) -> ReadMessage {
    let mut out = ReadMessage {
        sender_email: None,
        sender_name: None,
        subject: String::new(),
        text: String::new(),
        recipients: Vec::new(),
        attachments: Vec::new(),
        problems: Vec::new(),
        issues: Vec::new(),
    };
    let Some(message) = MessageParser::default().parse(raw) else {
        out.note(Problem::Unreadable);
        return out;
    };
    let from = message.from().and_then(|a| a.first());
    out.sender_email = from
        .and_then(|a| a.address())
        .and_then(|a| Email::parse(a).ok());
    out.sender_name = from
        .and_then(|a| a.name())
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty() && !n.chars().any(char::is_control));
    if out.sender_email.is_none() {
        out.note(Problem::NoSender);
    }
    out.subject = message
        .subject()
        .unwrap_or_default()
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(SUBJECT_MAX)
        .collect();
    // The text part, or the HTML part converted to text.
    out.text = message
        .body_text(0)
        .map(|t| t.trim().replace("\r\n", "\n"))
        .unwrap_or_default();
    if out.text.is_empty() && out.subject.is_empty() {
        out.note(Problem::Empty);
    }
    for list in [message.to(), message.cc()].into_iter().flatten() {
        out.recipients
            .extend(list.iter().filter_map(|a| a.address()).map(str::to_owned));
    }
    for name in ["Delivered-To", "X-Original-To"] {
        for value in message.header_values(name) {
            if let Some(text) = value.as_text() {
                out.recipients.push(text.trim().to_owned());
            }
        }
    }
    // The public form's limits and checks, file by file: a refused file is
    // named in the problems (and stays in the raw message).
    let mut count = 0;
    for part in message.attachments() {
        let name = part.attachment_name().unwrap_or("bijlage").to_owned();
        if count == MAX_FILES {
            out.note(Problem::TooManyFiles {
                name: attachments::clean_file_name(&name),
            });
            continue;
        }
        let upload = Upload {
            file_name: name,
            data: part.contents().to_vec(),
            too_big: false,
        };
        match attachments::accept(vec![upload]) {
            Ok(files) => {
                count += files.len();
                out.attachments.extend(files);
            }
            Err(e) => out.note(Problem::FileRefused {
                reason: e.refusal(),
            }),
        }
    }
    out
}

/// The complaint a message is a reply to: an address
/// `{mailbox}+K-2026-0042@{domain}` among its recipients, where `mailbox`
/// is the configured address.
pub fn reply_reference(recipients: &[String], mailbox: &Address) -> Option<ReferenceNumber> {
    let (local, domain) = mailbox.email.rsplit_once('@')?;
    let local = local.split_once('+').map_or(local, |(base, _)| base);
    recipients.iter().find_map(|r| {
        let r = r.trim().trim_start_matches('<').trim_end_matches('>');
        let (their_local, their_domain) = r.rsplit_once('@')?;
        if !their_domain.eq_ignore_ascii_case(domain) {
            return None;
        }
        let (base, tag) = their_local.split_once('+')?;
        if !base.eq_ignore_ascii_case(local) {
            return None;
        }
        ReferenceNumber::parse(tag).ok()
    })
}

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakenIn {
    /// An intake item for the quality manager.
    Intake,
    /// Added to this complaint's timeline.
    Reply(ReferenceNumber),
    /// Taken in before (an earlier round, or another instance).
    Before,
}

/// Stores a fetched message once (see the module's documentation).
/// `mailbox`: the configured address, to recognise replies.
pub async fn take_in<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    mailbox: Option<&Address>,
    envelope: &Envelope,
    raw: Vec<u8>,
    at: Timestamp,
) -> Result<TakenIn, ServiceError> {
    let read = read(&raw);
    let reference = mailbox.and_then(|m| reply_reference(&read.recipients, m));
    let message = NewMailboxMessage {
        id: uuid::Uuid::now_v7(),
        folder: envelope.folder.clone(),
        uid_validity: envelope.uid_validity,
        uid: envelope.uid,
        taken_in_at: at,
        sender_email: read.sender_email.as_ref().map(ToString::to_string),
        sender_name: read.sender_name.clone(),
        subject: read.subject.clone(),
        body: read.text.clone(),
        problem: (!read.problems.is_empty()).then(|| read.problems.join(" ")),
        raw,
        attachments: read.attachments.clone(),
    };
    if let Some(reference) = reference {
        // A complaint changed meanwhile by someone else: read it again.
        for _ in 0..3 {
            let Some(delivery) =
                reply_delivery(store, calendar, notifier, &read, reference, at).await?
            else {
                break;
            };
            let queued = match &delivery {
                MailboxDelivery::Reply(reply) => reply.outbox.len(),
                MailboxDelivery::Intake { .. } => 0,
            };
            match store.take_in_mailbox_message(&message, &delivery).await {
                Ok(true) => {
                    notifier.queued(queued);
                    tracing::info!(complaint = %reference, "e-mail van de klager bij de klacht");
                    return Ok(TakenIn::Reply(reference));
                }
                Ok(false) => return Ok(TakenIn::Before),
                Err(StoreError::Conflict { .. }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }
    let outbox = intake_notices(store, notifier, envelope, &message, &read.issues, at).await?;
    let queued = outbox.len();
    if store
        .take_in_mailbox_message(&message, &MailboxDelivery::Intake { outbox })
        .await?
    {
        notifier.queued(queued);
        tracing::info!(problem = message.problem.is_some(), "binnengekomen e-mail");
        Ok(TakenIn::Intake)
    } else {
        Ok(TakenIn::Before)
    }
}

/// The quality managers' notice that `message` waits for them, one per
/// active quality manager, stored with the message (so sent once, also
/// when two instances fetch it: only the one that claims it stores them).
async fn intake_notices<S: Store>(
    store: &S,
    notifier: &Notifier,
    envelope: &Envelope,
    message: &NewMailboxMessage,
    issues: &[Problem],
    at: Timestamp,
) -> Result<Vec<NewOutboxMessage>, ServiceError> {
    let Some(ctx) = notifier.context() else {
        return Ok(Vec::new());
    };
    let quality_managers = store
        .list_users()
        .await?
        .into_iter()
        .filter(|u| u.active && u.user.role == Role::QualityManager);
    let from = message
        .sender_email
        .clone()
        .or_else(|| message.sender_name.clone())
        .unwrap_or_default();
    let mut out = Vec::new();
    for q in quality_managers {
        let own = crate::notify::for_staff(ctx, &q);
        let problems: Vec<String> = issues.iter().map(|p| p.words(own.t)).collect();
        let mail = IncomingMailNotice {
            recipient_name: q.user.name.clone(),
            message_id: message.id.to_string(),
            from: from.clone(),
            subject: message.subject.clone(),
            attachments: message
                .attachments
                .iter()
                .map(|a| a.file_name.clone())
                .collect(),
            problem: (!problems.is_empty()).then(|| problems.join(" ")),
        };
        let to = vec![Address::new(q.user.name.clone(), q.user.email.to_string())];
        match mail.compose(&own, to) {
            Ok(m) => out.push(
                NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), at).dedupe(format!(
                    "incoming-mail:{}:{}:{}:{}",
                    envelope.folder, envelope.uid_validity, envelope.uid, q.user.id
                )),
            ),
            Err(e) => tracing::error!(error = %e, "e-mail over binnengekomen bericht weggelaten"),
        }
    }
    Ok(out)
}

/// The reply's append to complaint `reference`, or `None` when it does not
/// go there: no such complaint, closed, a signal, or a sender who is not
/// the complainant or their representative (anyone may guess the address).
async fn reply_delivery<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    read: &ReadMessage,
    reference: ReferenceNumber,
    at: Timestamp,
) -> Result<Option<MailboxDelivery>, ServiceError> {
    let Some(sender) = &read.sender_email else {
        return Ok(None);
    };
    let Some(id) = store.complaint_id_by_reference(reference).await? else {
        return Ok(None);
    };
    let c = complaints::load(store, id).await?;
    let known = std::iter::once(c.complainant())
        .chain(c.representative())
        .any(|p| p.email() == Some(sender));
    if !known {
        return Ok(None);
    }
    let mail = ComplainantMail {
        from: sender.to_string(),
        subject: read.subject.clone(),
        text: read.text.clone(),
        attachments: read
            .attachments
            .iter()
            .map(|a| a.file_name.clone())
            .collect(),
    };
    let Ok(events) = complaint::record_complainant_mail(&c, mail) else {
        return Ok(None);
    };
    let change = Change::apply(c, Actor::Complainant, at, events)?;
    let (append, c) = change.into_append(calendar, at)?;
    let outbox = reply_notice(store, notifier, &c, &append, read).await?;
    Ok(Some(MailboxDelivery::Reply(Box::new(ReplyAppend {
        expected_version: append.expected_version,
        events: append.events,
        row: append.row,
        outbox,
    }))))
}

/// The afhandelaar's notice of a reply (the responsible manager's while
/// nobody handles it).
async fn reply_notice<S: Store>(
    store: &S,
    notifier: &Notifier,
    c: &Complaint,
    append: &klacht_store::StreamAppend,
    read: &ReadMessage,
) -> Result<Vec<NewOutboxMessage>, ServiceError> {
    let Some(ctx) = notifier.context() else {
        return Ok(Vec::new());
    };
    let Some(recipient) = c.handler().or(c.responsible_manager()) else {
        return Ok(Vec::new());
    };
    let Some(user) = store.user_by_id(recipient).await?.filter(|u| u.active) else {
        return Ok(Vec::new());
    };
    let mail = ComplainantMailNotice {
        reference: c.reference().to_string(),
        complaint_id: c.id().to_string(),
        recipient_name: user.user.name.clone(),
        subject: read.subject.clone(),
        attachments: read
            .attachments
            .iter()
            .map(|a| a.file_name.clone())
            .collect(),
    };
    let seq = append.events.last().map_or(0, |e| e.seq);
    let key = format!("complainant-mail:{}:{seq}", c.id());
    let to = vec![Address::new(&user.user.name, user.user.email.to_string())];
    let own = crate::notify::for_staff(ctx, &user);
    Ok(queue(&own, &mail, to, c, key, append.row.updated_at)
        .into_iter()
        .collect())
}

/// Why a decision on an intake item was refused.
#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    #[error("Alleen de kwaliteitsmanager verwerkt binnengekomen e-mail.")]
    NotAllowed,
    /// Already registered or dismissed (by someone else, or a second
    /// click).
    #[error("Dit bericht is al verwerkt.")]
    Gone,
    /// No such message (a mistyped or made-up address).
    #[error("Dit bericht bestaat niet.")]
    Unknown,
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<StoreError> for MailboxError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => MailboxError::Gone,
            other => MailboxError::Service(other.into()),
        }
    }
}

/// Who may work through the mailbox's intake items.
pub fn may_decide(user: &User) -> bool {
    user.role == Role::QualityManager
}

fn decision(
    by: &User,
    id: uuid::Uuid,
    at: Timestamp,
    kind: &str,
    details: String,
    subject: &str,
) -> MailboxDecision {
    MailboxDecision {
        message: id,
        by: by.id,
        at,
        audit: AuditEntry {
            id: uuid::Uuid::now_v7(),
            at,
            actor: Some(by.id),
            actor_name: by.name.clone(),
            kind: kind.into(),
            subject: subject.into(),
            details,
        },
    }
}

/// "Geen klacht": the item leaves the start page; the Logboek keeps who
/// and when.
pub async fn dismiss<S: Store>(
    store: &S,
    by: &User,
    id: uuid::Uuid,
    at: Timestamp,
) -> Result<(), MailboxError> {
    if !may_decide(by) {
        return Err(MailboxError::NotAllowed);
    }
    let message = store
        .mailbox_message(id)
        .await?
        .ok_or(MailboxError::Unknown)?;
    let subject = sender_label(&message);
    let d = decision(
        by,
        id,
        at,
        "mailbox.dismissed",
        format!("Binnengekomen e-mail '{}': geen klacht", message.subject),
        &subject,
    );
    store.dismiss_mailbox_message(&d).await?;
    Ok(())
}

fn sender_label(m: &klacht_store::MailboxMessage) -> String {
    m.sender_email
        .clone()
        .or_else(|| m.sender_name.clone())
        .unwrap_or_else(|| "onbekende afzender".into())
}

/// The quality manager's click on an intake item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registration {
    /// The intake item.
    pub id: uuid::Uuid,
    pub kind: Kind,
    /// A service of the public form, to route the complaint to its manager.
    pub service: Option<uuid::Uuid>,
}

/// Registers an intake item as a complaint or a signal, prefilled from the
/// message (channel e-mail, the sender as complainant, subject and text as
/// description, its files) and routed like the public form: to the
/// manager of `service` when one is chosen, else it waits to be routed.
/// The item is marked in the same transaction, so it is registered once.
pub async fn register<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    by: &User,
    choice: Registration,
    at: Timestamp,
) -> Result<Complaint, MailboxError> {
    let Registration { id, kind, service } = choice;
    if !may_decide(by) {
        return Err(MailboxError::NotAllowed);
    }
    let message = store
        .mailbox_message(id)
        .await?
        .ok_or(MailboxError::Unknown)?;
    if message.status != klacht_store::MailboxStatus::Open {
        return Err(MailboxError::Gone);
    }
    let services = store.public_services().await.map_err(ServiceError::from)?;
    let service = service.and_then(|s| services.into_iter().find(|x| x.id == s && x.active));
    let manager = match kind {
        Kind::Complaint => crate::public::routed_manager(store, service.as_ref()).await?,
        Kind::Signal => None,
    };
    let new = prefilled(
        &message,
        kind,
        service.as_ref().map(|s| s.name.clone()),
        calendar,
    )?;
    let files = store.mailbox_attachments(id).await?;
    let complaint_id = ComplaintId::new(uuid::Uuid::now_v7());
    let code = crate::public::new_tracking_code();
    let year = new.received_at.year();
    let d = decision(
        by,
        id,
        at,
        "mailbox.registered",
        format!(
            "Binnengekomen e-mail '{}' geregistreerd als {}",
            message.subject,
            kind.label()
        ),
        &sender_label(&message),
    );
    let mut built: Option<Complaint> = None;
    let mut queued = 0;
    let created = store
        .register_mailbox_message(&d, year, |reference: ReferenceNumber| {
            let registered = complaint::register_from_mail(new, reference, by, at)?;
            let mut history = Recorded::stamp(0, Actor::User(by.id), at, registered);
            let mut c =
                Complaint::replay(complaint_id, &history).map_err(|e| ServiceError::Corrupt {
                    id: complaint_id,
                    reason: e.to_string(),
                })?;
            if let Some(manager) = &manager {
                let event = complaint::route_public(&c, &manager.user)?;
                let routed = Recorded::stamp(c.version(), Actor::User(by.id), at, vec![event]);
                for r in &routed {
                    c.apply(r).map_err(|e| ServiceError::Corrupt {
                        id: complaint_id,
                        reason: e.to_string(),
                    })?;
                }
                history.extend(routed);
            }
            let stream = klacht_store::NewStream {
                row: read_model(&c, calendar, at),
                events: history
                    .iter()
                    .map(|r| to_raw(complaint_id, r))
                    .collect::<Result<_, _>>()?,
                outbox: notifier.on_intake(
                    &c,
                    Some(&code),
                    Some(&by.name),
                    manager.as_ref(),
                    calendar,
                    at,
                ),
                tracking_code: Some(code),
                attachments: files,
            };
            queued = stream.outbox.len();
            built = Some(c);
            Ok::<_, ServiceError>(stream)
        })
        .await?;
    created?;
    notifier.queued(queued);
    let c = built.ok_or(ServiceError::NotFound)?;
    tracing::info!(reference = %c.reference(), "binnengekomen e-mail geregistreerd");
    Ok(c)
}

/// The intake a message becomes: what the quality manager would type.
fn prefilled(
    m: &klacht_store::MailboxMessage,
    kind: Kind,
    service: Option<String>,
    calendar: &WorkingCalendar,
) -> Result<NewComplaint, ServiceError> {
    let email = m.sender_email.as_deref().and_then(|e| Email::parse(e).ok());
    let name = m
        .sender_name
        .clone()
        .or_else(|| m.sender_email.clone())
        .unwrap_or_else(|| "Onbekende afzender".into());
    let complainant = Party::new(&name, email.clone(), None, None)
        .or_else(|_| Party::new("Onbekende afzender", email, None, None))
        .map_err(complaint::ComplaintError::from)?;
    let mut description = match (m.subject.trim(), m.body.trim()) {
        ("", "") => "(e-mail zonder onderwerp en tekst)".to_owned(),
        ("", body) => body.to_owned(),
        (subject, "") => subject.to_owned(),
        (subject, body) => format!("{subject}\n\n{body}"),
    };
    if description.chars().count() > complaint::DESCRIPTION_MAX {
        description = description
            .chars()
            .take(complaint::DESCRIPTION_MAX)
            .collect();
    }
    Ok(NewComplaint {
        kind,
        channel: Channel::Email,
        received_at: m.taken_in_at.to_zoned(calendar.time_zone().clone()),
        complainant,
        representative: None,
        service,
        involved_employees: Vec::new(),
        description,
        category: None,
        cause: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    fn png_base64() -> String {
        // The eight signature bytes and a length, base64 by hand-free
        // table: "iVBORw0KGgoAAAAN".
        "iVBORw0KGgoAAAAN".into()
    }

    #[test]
    fn plain_text_with_a_file() {
        let raw = format!(
            "From: \"J. de Vries\" <j.devries@example.nl>\r\nTo: klachten@focus.example\r\n\
             Subject: Te laat\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
             --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDe hulp kwam te laat.\r\n\
             --b\r\nContent-Type: image/png; name=\"foto.png\"\r\n\
             Content-Disposition: attachment; filename=\"foto.png\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--b--\r\n",
            png_base64()
        );
        let m = read(raw.as_bytes());
        assert_eq!(
            m.sender_email.as_ref().map(Email::as_str),
            Some("j.devries@example.nl")
        );
        assert_eq!(m.sender_name.as_deref(), Some("J. de Vries"));
        assert_eq!(m.subject, "Te laat");
        assert_eq!(m.text, "De hulp kwam te laat.");
        assert_eq!(m.attachments.len(), 1, "{m:?}");
        assert_eq!(m.attachments[0].data, PNG);
        assert!(m.problems.is_empty(), "{:?}", m.problems);
    }

    #[test]
    fn html_only_becomes_text_and_a_bad_file_is_named() {
        let raw = "From: a@example.nl\r\nSubject: HTML\r\nMIME-Version: 1.0\r\n\
                   Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
                   --b\r\nContent-Type: text/html\r\n\r\n<p>Geen <b>hulp</b> gekregen.</p>\r\n\
                   --b\r\nContent-Type: application/octet-stream\r\n\
                   Content-Disposition: attachment; filename=\"virus.exe\"\r\n\r\nMZ\r\n--b--\r\n";
        let m = read(raw.as_bytes());
        assert!(m.text.contains("Geen hulp gekregen."), "{:?}", m.text);
        assert!(!m.text.contains('<'), "{:?}", m.text);
        assert!(m.attachments.is_empty());
        assert!(
            m.problems.iter().any(|p| p.contains("virus.exe")),
            "{:?}",
            m.problems
        );
    }

    #[test]
    fn garbage_is_flagged_not_dropped() {
        let m = read(b"\x00\x01 dit is geen e-mail");
        assert!(m.sender_email.is_none());
        assert!(!m.problems.is_empty());
    }

    /// What is kept with the message is Dutch, word for word as before;
    /// a quality manager who chose English reads the same problems in
    /// English.
    #[test]
    fn problems_are_kept_in_dutch_and_read_in_each_language() {
        let en = Tr::new(klacht_domain::Language::En);
        let m = read(b"Subject: \r\n\r\n");
        assert_eq!(m.issues, [Problem::NoSender, Problem::Empty]);
        assert_eq!(
            m.problems,
            [
                "De afzender is niet te lezen (geen geldig e-mailadres).",
                "Het bericht heeft geen onderwerp en geen tekst."
            ]
        );
        let many = Problem::TooManyFiles {
            name: "foto.png".into(),
        };
        assert_eq!(
            many.words(Tr::default()),
            format!("'foto.png' is niet los bewaard: hoogstens {MAX_FILES} bijlagen per bericht.")
        );
        for p in [
            Problem::Unreadable,
            Problem::NoSender,
            Problem::Empty,
            many,
            Problem::FileRefused {
                reason: klacht_domain::RefusalCode::FileEmpty.text("name", "leeg.pdf"),
            },
        ] {
            let words = p.words(en);
            assert!(
                klacht_i18n::foreign_words(klacht_domain::Language::En, &words).is_empty(),
                "{words}"
            );
            assert!(!words.starts_with("mail-"), "{words}");
        }
    }

    #[test]
    fn replies_are_recognised_by_the_plus_address() {
        let mailbox = Address::bare("klachten@focus.example");
        let to = |s: &str| vec!["iemand@elders.nl".to_owned(), s.to_owned()];
        assert_eq!(
            reply_reference(&to("Klachten+K-2026-0042@Focus.example"), &mailbox)
                .map(|r| r.to_string()),
            Some("K-2026-0042".into())
        );
        assert_eq!(
            reply_reference(&to("klachten@focus.example"), &mailbox),
            None
        );
        assert_eq!(
            reply_reference(&to("anders+K-2026-0042@focus.example"), &mailbox),
            None
        );
        assert_eq!(
            reply_reference(&to("klachten+K-2026-0042@elders.example"), &mailbox),
            None
        );
        assert_eq!(
            reply_reference(&to("klachten+onzin@focus.example"), &mailbox),
            None
        );
    }
}
