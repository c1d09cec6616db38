//! Files staff add to a complaint after intake (issue 15 §7): on the
//! complaint page and through the API. The same checks as every other
//! way in ([`crate::public::attachments`]); the files and the event that
//! names them ("Bijlage toegevoegd", with who and when) are stored in one
//! transaction.

use klacht_domain::User;
use klacht_domain::complaint::{self, Actor, AddedFile, Complaint};
use klacht_domain::{ComplaintId, permissions};
use klacht_mail::Address;
use klacht_mail::files_added::FilesAddedNotice;
use klacht_store::{NewAttachment, NewOutboxMessage, Store, StoreError};

use crate::complaints::{Change, Context, ServiceError, load};
use crate::public::attachments::{self, FileRefusal, Upload};

/// Why files were not added.
#[derive(Debug, thiserror::Error)]
pub enum AddFilesError {
    /// A file was refused by the checks (too many, too large, wrong type).
    #[error(transparent)]
    Files(#[from] FileRefusal),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<StoreError> for AddFilesError {
    fn from(e: StoreError) -> Self {
        AddFilesError::Service(e.into())
    }
}

/// How the history names stored files.
pub(crate) fn added(files: &[NewAttachment]) -> Vec<AddedFile> {
    files
        .iter()
        .map(|f| AddedFile {
            name: f.file_name.clone(),
            sha256: f.sha256.clone(),
        })
        .collect()
}

/// Adds `uploads` to complaint `id` for `by`. A complaint `by` may not see
/// is [`ServiceError::NotFound`]; one they may see but not act on is the
/// domain's refusal. Someone else's concurrent change is retried on the
/// fresh complaint (adding a file depends on nothing they could change but
/// the closing, which the retry sees).
pub async fn add<S: Store>(
    cx: &Context<'_, S>,
    id: ComplaintId,
    by: &User,
    uploads: Vec<Upload>,
) -> Result<(Complaint, Vec<NewAttachment>), AddFilesError> {
    let (store, calendar, at) = (cx.store, cx.calendar, cx.now);
    let files = attachments::accept(uploads)?;
    for attempt in 0..3 {
        let c = load(store, id).await?;
        if !permissions::can_view(by, &c) {
            return Err(ServiceError::NotFound.into());
        }
        let events = complaint::add_files(&c, by, added(&files)).map_err(ServiceError::from)?;
        let change = Change::apply(c, Actor::User(by.id), at, events)?;
        let (append, c) = change.into_append(calendar, at)?;
        let seq = append.events.last().map_or(0, |e| e.seq);
        let outbox = notice(cx, &c, by, &files, seq).await?;
        match store.add_attachments(&append, &files, &outbox, at).await {
            Ok(()) => {
                cx.notifier.queued(outbox.len());
                tracing::info!(
                    complaint = %c.reference(),
                    files = files.len(),
                    "bijlagen toegevoegd"
                );
                return Ok((c, files));
            }
            Err(StoreError::Conflict { .. }) if attempt < 2 => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ServiceError::from(StoreError::Conflict { expected: 0 }).into())
}

/// The afhandelaar's notice (the responsible manager's while nobody
/// handles it) of files someone else added; none for their own.
async fn notice<S: Store>(
    cx: &Context<'_, S>,
    c: &Complaint,
    by: &User,
    files: &[NewAttachment],
    seq: u64,
) -> Result<Vec<NewOutboxMessage>, StoreError> {
    let Some(ctx) = cx.notifier.context() else {
        return Ok(Vec::new());
    };
    let Some(recipient) = c.handler().or(c.responsible_manager()) else {
        return Ok(Vec::new());
    };
    if recipient == by.id {
        return Ok(Vec::new());
    }
    let Some(user) = cx.store.user_by_id(recipient).await?.filter(|u| u.active) else {
        return Ok(Vec::new());
    };
    let mail = FilesAddedNotice {
        reference: c.reference().to_string(),
        complaint_id: c.id().to_string(),
        recipient_name: user.user.name.clone(),
        added_by: by.name.clone(),
        files: files.iter().map(|f| f.file_name.clone()).collect(),
    };
    let to = vec![Address::new(
        user.user.name.clone(),
        user.user.email.to_string(),
    )];
    let key = format!("files-added:{}:{seq}", c.id());
    let own = crate::notify::for_staff(ctx, &user);
    Ok(crate::notify::queue(&own, &mail, to, c, key, cx.now)
        .into_iter()
        .collect())
}
