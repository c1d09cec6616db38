//! Related complaints (issue 16): link two complaints (same complainant,
//! same incident) both ways, and unlink them. The event on each stream is
//! written in one transaction ([`Store::append_many`]), so the two
//! histories never disagree.

use klacht_domain::complaint::link::{self, decide_link, decide_unlink};
use std::collections::HashMap;

use klacht_domain::complaint::{Actor, Complaint, Event, LinkReason, Recorded, Status};
use klacht_domain::permissions::can_view;
use klacht_domain::{ComplaintId, ReferenceNumber, User};
use klacht_store::Store;

use crate::complaints::{Change, Context, ServiceError, load};

/// A related complaint as a page or the API shows it to one viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Related {
    /// One the viewer may see: everything about the link.
    Visible {
        id: ComplaintId,
        reference: ReferenceNumber,
        status: Status,
        reason: LinkReason,
        note: Option<String>,
    },
    /// One the viewer may not see: only that it exists.
    Hidden,
}

/// The complaints `c` is linked to, as `viewer` may know them, in the
/// order linked. A linked complaint removed since (retention) is left out.
pub async fn related_for<S: Store>(
    store: &S,
    viewer: &User,
    c: &Complaint,
) -> Result<Vec<Related>, ServiceError> {
    let mut out = Vec::with_capacity(c.related().len());
    for l in c.related() {
        let other = match load(store, l.value.other).await {
            Ok(o) => o,
            Err(ServiceError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        out.push(if can_view(viewer, &other) {
            Related::Visible {
                id: other.id(),
                reference: other.reference(),
                status: other.status(),
                reason: l.value.reason,
                note: l.value.note.clone(),
            }
        } else {
            Related::Hidden
        });
    }
    Ok(out)
}

/// For every complaint a link event in `history` names, whether `viewer`
/// may see it: a history shows the other complaint's reference and id
/// only to those. A complaint removed since counts as not visible.
pub async fn visible_others<S: Store>(
    store: &S,
    viewer: &User,
    history: &[Recorded],
) -> Result<HashMap<ComplaintId, bool>, ServiceError> {
    let mut seen = HashMap::new();
    for r in history {
        let other = match &r.event {
            Event::Linked(l) => l.other,
            Event::Unlinked(u) => u.other,
            _ => continue,
        };
        if seen.contains_key(&other) {
            continue;
        }
        let visible = match load(store, other).await {
            Ok(o) => can_view(viewer, &o),
            Err(ServiceError::NotFound) => false,
            Err(e) => return Err(e),
        };
        seen.insert(other, visible);
    }
    Ok(seen)
}

/// The complaint a link event names, if it is one.
pub fn other_of(event: &Event) -> Option<ComplaintId> {
    match event {
        Event::Linked(l) => Some(l.other),
        Event::Unlinked(u) => Some(u.other),
        _ => None,
    }
}

/// Loads `id` for `actor`; one they may not see does not exist.
async fn visible<S: Store>(
    store: &S,
    actor: &User,
    id: ComplaintId,
) -> Result<Complaint, ServiceError> {
    let c = load(store, id).await?;
    if !can_view(actor, &c) {
        return Err(ServiceError::NotFound);
    }
    Ok(c)
}

/// Links complaint `id` to the one with `reference`. Refuses itself, a
/// second link, and an unknown reference or one the actor may not see
/// (alike, in Dutch).
pub async fn link<S: Store>(
    cx: &Context<'_, S>,
    id: ComplaintId,
    actor: &User,
    reference: ReferenceNumber,
    reason: LinkReason,
    note: Option<String>,
) -> Result<Complaint, ServiceError> {
    let a = visible(cx.store, actor, id).await?;
    let other_id = cx
        .store
        .complaint_id_by_reference(reference)
        .await?
        .ok_or_else(|| link::not_found(reference))?;
    let b = load(cx.store, other_id).await?;
    let (for_a, for_b) = decide_link(&a, &b, reason, note, actor)?;
    write_both(cx, actor, a, for_a, b, for_b).await
}

/// Removes the link between `id` and `other`.
pub async fn unlink<S: Store>(
    cx: &Context<'_, S>,
    id: ComplaintId,
    actor: &User,
    other: ComplaintId,
) -> Result<Complaint, ServiceError> {
    let a = visible(cx.store, actor, id).await?;
    let b = match load(cx.store, other).await {
        Ok(b) => b,
        Err(ServiceError::NotFound) => {
            return Err(klacht_domain::complaint::ComplaintError::wrong_state(
                klacht_domain::RefusalCode::NoLinkWith.text("reference", a.reference()),
            )
            .into());
        }
        Err(e) => return Err(e),
    };
    let (for_a, for_b) = decide_unlink(&a, &b, actor)?;
    write_both(cx, actor, a, for_a, b, for_b).await
}

async fn write_both<S: Store>(
    cx: &Context<'_, S>,
    actor: &User,
    a: Complaint,
    for_a: klacht_domain::complaint::Event,
    b: Complaint,
    for_b: klacht_domain::complaint::Event,
) -> Result<Complaint, ServiceError> {
    let who = Actor::User(actor.id);
    let (append_a, a) =
        Change::apply(a, who, cx.now, vec![for_a])?.into_append(cx.calendar, cx.now)?;
    let (append_b, _) =
        Change::apply(b, who, cx.now, vec![for_b])?.into_append(cx.calendar, cx.now)?;
    cx.store.append_many(&[append_a, append_b], &[]).await?;
    Ok(a)
}
