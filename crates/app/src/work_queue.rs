//! "Wacht op mij": what waits for one staff member, most urgent first. The
//! start page shows it and every staff page's header counts it, through
//! this one path (a few queries, never one per complaint).
//!
//! What waits for whom follows the regulation's hand-offs (DESIGN §3):
//! - the handler: per complaint the next step and its term;
//! - the responsible manager: complaints without a handler, and the
//!   terms of the team's complaints that have passed;
//! - the owner of an agreed action (the handler when it names nobody):
//!   the action until it is done;
//! - whoever registered a complaint: it, while it is open;
//! - the quality manager: forms to close, messages that failed, and
//!   structural patterns that wait for a decision;
//! - the director: external escalations under way, and requests for
//!   advice ([`Reason::Consultation`]).
//!
//! Each complaint appears once, for the first of these reasons that
//! applies; each agreed action is an item of its own.

use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::AgreedAction;
use klacht_domain::reminders::actions::still_open;
use klacht_domain::terms::{Step, TermStatus, term_status};
use klacht_domain::{ComplaintId, ReferenceNumber, Role, User, UserId};
use klacht_store::{ComplaintRow, OutboxStatus, Store, StoreError, WorkQueueQuery};

use crate::improvement::{ImprovementServiceError, PatternCache};
use crate::kept::{KeptMap, Outdated, Stamp};

/// At most this many failed messages are listed; /berichten has them all.
const FAILED_LIMIT: u32 = 50;

/// Why an item waits for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The user handles the complaint: its next step is due.
    NextTerm(Step),
    /// The user answers for the complaint and has not assigned a handler.
    AwaitingHandler,
    /// A term of a complaint the user answers for has passed while
    /// someone else handles it.
    TeamOverdue(Step),
    /// An agreed action the user owns (or, owned by nobody, of a
    /// complaint the user handles).
    Action { number: u32, description: String },
    /// The user registered the complaint and it is still open.
    Registered,
    /// The form went to the quality manager and waits to be closed.
    FormToClose,
    /// A message the outbox gave up on; the quality manager retries it.
    FailedMessage { subject: String, to: String },
    /// A structural pattern waits for the quality manager's decision.
    Pattern { label: String, complaints: usize },
    /// An external escalation is under way; the director is finally
    /// responsible.
    Escalation,
    /// A handler asks the director's advice before an offer (regulation,
    /// step 3); due by the offer's term. Filled by [`consultations`].
    Consultation {
        number: u32,
        question: String,
        /// The name of who asked; empty if unknown.
        asked_by: String,
    },
    /// The complainant answered by e-mail (on the timeline); the
    /// afhandelaar marks it read.
    ComplainantMail {
        message: uuid::Uuid,
        subject: String,
    },
    /// A message from the mailbox waits for the quality manager to
    /// register it or mark it "geen klacht".
    IncomingMail {
        message: uuid::Uuid,
        subject: String,
        from: String,
    },
}

/// The complaint an item is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintRef {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
}

/// One thing that waits for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub reason: Reason,
    pub complaint: Option<ComplaintRef>,
    /// The term or due date, if the item has one.
    pub due: Option<Date>,
    /// The due date seen today: op tijd, vandaag, te laat.
    pub status: Option<TermStatus>,
}

impl Item {
    fn new(
        reason: Reason,
        complaint: Option<ComplaintRef>,
        due: Option<Date>,
        today: Date,
    ) -> Self {
        Item {
            reason,
            complaint,
            due,
            status: due.map(|d| term_status(d, today, None)),
        }
    }

    /// Overdue first, then due today, then by date; undated last.
    fn urgency(&self) -> (u8, Option<Date>) {
        let class = match self.status {
            Some(TermStatus::Overdue) => 0,
            Some(TermStatus::DueToday) => 1,
            Some(_) => 2,
            None => 3,
        };
        (class, self.due)
    }
}

/// Everything that waits for one user, most urgent first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkQueue {
    pub items: Vec<Item>,
}

impl WorkQueue {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many items are overdue.
    pub fn overdue(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.status == Some(TermStatus::Overdue))
            .count()
    }
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn reference(row: &ComplaintRow) -> Option<ComplaintRef> {
    Some(ComplaintRef {
        id: row.id,
        reference: row.reference,
    })
}

fn step_of(row: &ComplaintRow) -> Option<Step> {
    let stored = row.next_step.as_deref()?;
    Step::ALL.into_iter().find(|s| s.as_str() == stored)
}

/// The reason a complaint waits for `user`, if any; the first that
/// applies wins.
fn complaint_reason(
    user: &User,
    row: &ComplaintRow,
    today: Date,
) -> Option<(Reason, Option<Date>)> {
    let me = Some(user.id);
    let next = step_of(row).zip(row.next_due);
    if row.handler == me
        && let Some((step, due)) = next
    {
        return Some((Reason::NextTerm(step), Some(due)));
    }
    if row.responsible_manager == me {
        if row.handler.is_none() {
            return Some((Reason::AwaitingHandler, row.next_due));
        }
        if let Some((step, due)) = next.filter(|(_, due)| *due < today) {
            return Some((Reason::TeamOverdue(step), Some(due)));
        }
    }
    if user.role == Role::QualityManager && row.status == "recorded" {
        return Some((Reason::FormToClose, None));
    }
    if user.role == Role::Director && row.status == "escalated" {
        return Some((Reason::Escalation, None));
    }
    if row.received_by == me {
        return Some((Reason::Registered, row.next_due));
    }
    None
}

/// An agreed action still open, as the event history leaves it.
struct OpenAction {
    complaint: ComplaintRef,
    handler: Option<UserId>,
    action: AgreedAction,
}

/// The open agreed actions of the open complaints `user` takes part in,
/// corrections applied.
async fn open_actions<S: Store>(store: &S, user: UserId) -> Result<Vec<OpenAction>, StoreError> {
    let events = store.open_action_events(user).await?;
    let mut out = Vec::new();
    for complaint in events.chunk_by(|a, b| a.event.complaint_id == b.event.complaint_id) {
        let Some(first) = complaint.first() else {
            continue;
        };
        let recorded = complaint
            .iter()
            .map(|e| crate::complaints::from_raw(&e.event))
            .collect::<Result<Vec<_>, _>>()
            .map_err(corrupt)?;
        out.extend(still_open(&recorded).into_iter().map(|action| OpenAction {
            complaint: ComplaintRef {
                id: first.event.complaint_id,
                reference: first.reference,
            },
            handler: first.handler,
            action,
        }));
    }
    // The order the list has always had among items equally urgent.
    out.sort_by_key(|a| (a.complaint.id, a.action.number));
    Ok(out)
}

/// The questions put to `director` that wait for her advice (regulation,
/// step 3: an offer "eventueel na overleg met de algemeen directeur"),
/// each due by the complaint's offer term: the handler cannot make the
/// offer on time without the answer.
pub async fn consultations<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    director: &User,
    today: Date,
) -> Result<Vec<Item>, StoreError> {
    let open = crate::consultation::open_for_director(store, calendar, director.id)
        .await
        .map_err(|e| match e {
            crate::complaints::ServiceError::Store(e) => e,
            other => corrupt(other),
        })?;
    let mut items = Vec::with_capacity(open.len());
    for o in open {
        let asked_by = match o.asked_by {
            Some(id) => store.user_by_id(id).await?.map(|u| u.user.name),
            None => None,
        };
        items.push(Item::new(
            Reason::Consultation {
                number: o.number,
                question: o.question,
                asked_by: asked_by.unwrap_or_default(),
            },
            Some(ComplaintRef {
                id: o.complaint_id,
                reference: o.reference,
            }),
            Some(o.offer_due),
            today,
        ));
    }
    Ok(items)
}

/// How long a queue computed here is shown when nothing changed on this
/// instance (see [`QueueCache`]).
pub const QUEUE_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Each user's queue, computed once for many page views
/// ([`crate::kept::Kept`]). Every
/// staff page counts its user's queue in the header; for the manager of a
/// large team that reads every open complaint of the team (thousands at a
/// million complaints). A queue is current while the change count of
/// [`PatternCache`] stands (every state-changing request of this instance
/// counts), the day is the same and it is younger than [`QUEUE_MAX_AGE`]
/// (changes this instance does not see: another instance, the background
/// jobs).
#[derive(Debug, Default)]
pub struct QueueCache {
    users: KeptMap<UserId, WorkQueue>,
}

impl QueueCache {
    /// `user`'s queue on `today`: kept, or [`build`] again. The header's
    /// count may take an outdated queue when building it is slow
    /// ([`Outdated::Serve`]); the start page's list waits for the current
    /// one ([`Outdated::Wait`]).
    pub async fn queue<S: Store>(
        &self,
        store: &S,
        user: &User,
        calendar: &WorkingCalendar,
        patterns: &std::sync::Arc<PatternCache>,
        today: Date,
        outdated: Outdated,
    ) -> Result<std::sync::Arc<WorkQueue>, StoreError> {
        let (stamp, kept, work) = self.prepare(store, user, calendar, patterns, today);
        kept.get(stamp, QUEUE_MAX_AGE, outdated, move || work).await
    }

    /// `user`'s queue for the header's count: as [`Outdated::Serve`], but a
    /// first view of the day (nothing kept) waits for it at most `grace`
    /// and goes without; the computation goes on for the next view. The
    /// manager of a team with 15,000 open complaints waited a second for
    /// her first page otherwise (issue 14).
    pub async fn ready_within<S: Store>(
        &self,
        store: &S,
        user: &User,
        calendar: &WorkingCalendar,
        patterns: &std::sync::Arc<PatternCache>,
        today: Date,
        grace: std::time::Duration,
    ) -> Option<std::sync::Arc<WorkQueue>> {
        let (stamp, kept, work) = self.prepare(store, user, calendar, patterns, today);
        kept.within(stamp, QUEUE_MAX_AGE, grace, move || work).await
    }

    /// The stamp, the kept value and the computation of `user`'s queue on
    /// `today`. The stamp is read before building: a change counted
    /// meanwhile makes the stored queue old at once.
    fn prepare<S: Store>(
        &self,
        store: &S,
        user: &User,
        calendar: &WorkingCalendar,
        patterns: &std::sync::Arc<PatternCache>,
        today: Date,
    ) -> (
        Stamp,
        std::sync::Arc<crate::kept::Kept<WorkQueue>>,
        impl Future<Output = Result<WorkQueue, StoreError>> + Send + 'static,
    ) {
        let stamp = Stamp {
            today,
            generation: patterns.generation(),
        };
        let kept = self.users.of(user.id);
        let (store, user, calendar, patterns) = (
            store.clone(),
            user.clone(),
            calendar.clone(),
            patterns.clone(),
        );
        let work = async move { build(&store, &user, &calendar, &patterns, today).await };
        (stamp, kept, work)
    }
}

/// What waits for `user` on `today`, most urgent first. The administrator
/// handles no complaints: their queue is empty.
/// Intake items from the mailbox counted on the start page at most.
const INCOMING_LIMIT: u32 = 50;

pub async fn build<S: Store>(
    store: &S,
    user: &User,
    calendar: &WorkingCalendar,
    patterns: &PatternCache,
    today: Date,
) -> Result<WorkQueue, StoreError> {
    if user.role == Role::Admin {
        return Ok(WorkQueue::default());
    }
    let quality = user.role == Role::QualityManager;
    let director = user.role == Role::Director;
    let rows = store
        .work_queue_complaints(&WorkQueueQuery {
            participant: user.id,
            recorded: quality,
            escalated: director,
        })
        .await?;
    let mut items: Vec<Item> = rows
        .iter()
        .filter_map(|row| {
            let (reason, due) = complaint_reason(user, row, today)?;
            Some(Item::new(reason, reference(row), due, today))
        })
        .collect();
    items.extend(
        open_actions(store, user.id)
            .await?
            .into_iter()
            .filter(|a| match a.action.owner {
                Some(owner) => owner == user.id,
                None => a.handler == Some(user.id),
            })
            .map(|a| {
                Item::new(
                    Reason::Action {
                        number: a.action.number,
                        description: a.action.description,
                    },
                    Some(a.complaint),
                    a.action.due,
                    today,
                )
            }),
    );
    if crate::outbox::may_manage(user) {
        let failed = store
            .list_outbox(Some(OutboxStatus::Failed), None, FAILED_LIMIT)
            .await?;
        items.extend(failed.into_iter().map(|m| {
            let line = crate::outbox::MessageLine::new(m);
            Item::new(
                Reason::FailedMessage {
                    subject: line.subject,
                    to: line.to,
                },
                None,
                None,
                today,
            )
        }));
    }
    if quality {
        let patterns = patterns
            .open_patterns(store, calendar, today, Outdated::Serve)
            .await
            .map_err(|e| match e {
                ImprovementServiceError::Store(e) => e,
                other => corrupt(other),
            })?;
        items.extend(patterns.iter().map(|p| {
            Item::new(
                Reason::Pattern {
                    label: p.label.clone(),
                    complaints: p.pattern.complaints.len(),
                },
                None,
                None,
                today,
            )
        }));
    }
    if director {
        items.extend(consultations(store, calendar, user, today).await?);
    }
    items.extend(store.unread_replies(user.id).await?.into_iter().map(|r| {
        Item::new(
            Reason::ComplainantMail {
                message: r.message,
                subject: r.subject,
            },
            Some(ComplaintRef {
                id: r.complaint,
                reference: r.reference,
            }),
            None,
            today,
        )
    }));
    if crate::mailbox::may_decide(user) {
        let waiting = store.open_mailbox_messages(INCOMING_LIMIT).await?;
        items.extend(waiting.into_iter().map(|m| {
            let from = m.sender_email.or(m.sender_name).unwrap_or_default();
            Item::new(
                Reason::IncomingMail {
                    message: m.id,
                    subject: m.subject,
                    from,
                },
                None,
                None,
                today,
            )
        }));
    }
    // Stable: equal urgency keeps the order above (complaints by receipt).
    items.sort_by_key(Item::urgency);
    Ok(WorkQueue { items })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn item(due: Option<Date>, today: Date) -> Item {
        Item::new(Reason::Registered, None, due, today)
    }

    #[test]
    fn overdue_comes_first_then_today_then_by_date_and_undated_last() {
        let today = date(2026, 5, 6);
        let mut items = [
            item(None, today),
            item(Some(date(2026, 5, 20)), today),
            item(Some(today), today),
            item(Some(date(2026, 5, 1)), today),
            item(Some(date(2026, 5, 4)), today),
            item(Some(date(2026, 5, 7)), today),
        ];
        items.sort_by_key(Item::urgency);
        let dues: Vec<_> = items.iter().map(|i| i.due).collect();
        assert_eq!(
            dues,
            [
                Some(date(2026, 5, 1)),
                Some(date(2026, 5, 4)),
                Some(today),
                Some(date(2026, 5, 7)),
                Some(date(2026, 5, 20)),
                None
            ]
        );
        assert_eq!(items[0].status, Some(TermStatus::Overdue));
        assert_eq!(items[2].status, Some(TermStatus::DueToday));
        assert_eq!(items[3].status, Some(TermStatus::OnTime));
    }
}
