//! Bulk classification (issue 15 §6): category and cause for several
//! complaints in one submission, as the quality manager or a manager
//! often does for a batch. Each complaint gets its own `Classify` through
//! the domain (one event each, the permission of the single form), and
//! all are written in one transaction: one refusal writes nothing. The
//! bulk reassignment is [`crate::handover::reassign`].

use std::collections::{BTreeMap, BTreeSet};

use klacht_domain::complaint::{Actor, Classification, Command, Complaint};
use klacht_domain::permissions::{self, Action};
use klacht_domain::{ComplaintId, Refusal, RefusalCode as Code, User};
use klacht_store::{ListKind, Store, StoreError};

use crate::complaints::{Change, Context, ServiceError, load};
use crate::improvement::Lists;

/// Why nothing was classified; the edges word the refusals in the
/// reader's language.
#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    /// `by` may not classify (one of) the complaints; nothing was written.
    #[error("{0}")]
    Forbidden(Refusal),
    /// The form itself: per field (`categorie`, `oorzaak`, `klacht`) why.
    #[error("de invoer klopt niet")]
    Form(BTreeMap<&'static str, Refusal>),
    /// Per complaint (its reference) why the domain refused it; nothing
    /// was written.
    #[error("niet alles kan worden ingedeeld")]
    Items(BTreeMap<String, Refusal>),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<StoreError> for BulkError {
    fn from(e: StoreError) -> Self {
        BulkError::Service(ServiceError::Store(e))
    }
}

/// What a bulk classification did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    pub changed: usize,
    /// Already classified so: nothing to record.
    pub unchanged: usize,
}

/// Gives each of `complaints` the category and/or cause of `wanted`; a
/// blank value leaves that part of each complaint as it is (at least one
/// must be given). Values come from the administrator's lists.
pub async fn classify_many<S: Store>(
    cx: &Context<'_, S>,
    by: &User,
    complaints: &[ComplaintId],
    wanted: Classification,
) -> Result<Classified, BulkError> {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let (category, cause) = (given(&wanted.category), given(&wanted.cause));
    let mut form = BTreeMap::new();
    if complaints.is_empty() {
        form.insert("klacht", Code::BulkChooseComplaints.into());
    }
    if category.is_none() && cause.is_none() {
        form.insert("categorie", Code::BulkChooseClassification.into());
    }
    let lists = Lists::load(cx.store).await?;
    // Checked once against the active values; a value a complaint keeps
    // although it was deactivated is checked per complaint below.
    for (field, kind, value) in [
        ("categorie", ListKind::Category, &category),
        ("oorzaak", ListKind::Cause, &cause),
    ] {
        if let Err(e) = lists.check(kind, value.as_deref(), None) {
            form.insert(field, e.refusal);
        }
    }
    if !form.is_empty() {
        return Err(BulkError::Form(form));
    }
    let mut seen = BTreeSet::new();
    let mut loaded: Vec<Complaint> = Vec::new();
    for id in complaints.iter().filter(|id| seen.insert(**id)) {
        let c = match load(cx.store, *id).await {
            Ok(c) => c,
            Err(ServiceError::NotFound) => return Err(not_allowed(None)),
            Err(e) => return Err(e.into()),
        };
        if !permissions::can_view(by, &c) {
            return Err(not_allowed(None));
        }
        if !permissions::may(by, &c, Action::Classify) {
            return Err(not_allowed(Some(&c)));
        }
        loaded.push(c);
    }
    let mut errors = BTreeMap::new();
    let mut appends = Vec::new();
    let mut outbox = Vec::new();
    let mut unchanged = 0;
    for c in loaded {
        let wanted = Classification {
            category: category.clone().or_else(|| c.category().map(str::to_owned)),
            cause: cause.clone().or_else(|| c.cause().map(str::to_owned)),
        };
        if wanted.category.as_deref() == c.category() && wanted.cause.as_deref() == c.cause() {
            unchanged += 1;
            continue;
        }
        let reference = c.reference().to_string();
        let wanted = match crate::improvement::from_the_lists(cx.store, &c, wanted).await {
            Ok(w) => w,
            Err(ServiceError::Refused(e)) => {
                errors.insert(reference, e.refusal().clone());
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let events = match c.decide(Command::Classify(wanted), by, cx.now) {
            Ok(events) => events,
            Err(e) => {
                errors.insert(reference, e.refusal().clone());
                continue;
            }
        };
        let change = Change::apply(c, Actor::User(by.id), cx.now, events)?;
        outbox.extend(
            cx.notifier
                .for_events(
                    cx.store,
                    change.complaint(),
                    change.recorded(),
                    Some(by),
                    cx.calendar,
                    cx.now,
                )
                .await?,
        );
        appends.push(change.into_append(cx.calendar, cx.now)?.0);
    }
    if !errors.is_empty() {
        return Err(BulkError::Items(errors));
    }
    if !appends.is_empty() {
        cx.store.append_many(&appends, &outbox).await?;
        cx.notifier.queued(outbox.len());
    }
    Ok(Classified {
        changed: appends.len(),
        unchanged,
    })
}

fn not_allowed(c: Option<&Complaint>) -> BulkError {
    BulkError::Forbidden(match c {
        Some(c) => Code::NoPermission
            .label("action", Action::Classify)
            .text("reference", c.reference()),
        None => Code::BulkClassifyNotAll.into(),
    })
}
