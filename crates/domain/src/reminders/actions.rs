//! Agreed actions with a due date (issue 12, item 6), followed up like the
//! regulation's terms: a reminder on the working day before and on the
//! morning of the due date, and once overdue a notice on the first working
//! day after it (or up to [`MISSED_CATCH_UP_DAYS`] working days later when
//! the engine did not run then). They also appear in the responsible
//! manager's daily digest and in the calendar feeds.
//!
//! An action without a due date is not followed up (nothing to remind of);
//! a completed action never again. A closed complaint has no open actions:
//! closing requires every action completed.
//!
//! Who receives what is decided in one place, [`action_recipients`]; an
//! absent or deactivated recipient's message goes to their stand-in by the
//! rule every reminder follows, [`crate::absence::stand_in`].

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;

use super::{MISSED_CATCH_UP_DAYS, ReminderKind, ReminderSettings, relative_day};
use crate::calendar::WorkingCalendar;
use crate::complaint::{AgreedAction, Complaint, Event, Recorded};
use crate::terms::{TermStatus, term_status};
use crate::{ComplaintId, ReferenceNumber, UserId};

/// An agreed action of an open complaint, with a due date and not yet
/// completed, and who answers for the complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAction {
    pub complaint: ComplaintId,
    pub reference: ReferenceNumber,
    /// The action's number within the complaint (1-based).
    pub number: u32,
    pub description: String,
    pub due: Date,
    pub owner: Option<UserId>,
    pub handler: Option<UserId>,
    pub responsible_manager: Option<UserId>,
}

impl OpenAction {
    /// The open actions with a due date of a complaint; none for a closed
    /// complaint or a signal.
    pub fn of(c: &Complaint) -> Vec<OpenAction> {
        if !c.is_open() {
            return Vec::new();
        }
        c.actions()
            .iter()
            .filter(|i| i.completed.is_none())
            .filter_map(|i| {
                let a = &i.agreed.value;
                Some(OpenAction {
                    complaint: c.id(),
                    reference: c.reference(),
                    number: a.number,
                    description: a.description.clone(),
                    due: a.due?,
                    owner: a.owner,
                    handler: c.handler(),
                    responsible_manager: c.responsible_manager(),
                })
            })
            .collect()
    }

    /// The open actions with a due date of an open complaint, from its
    /// action events alone (`action_agreed`, `action_completed` and the
    /// `corrected` ones, in stream order; other events are passed over):
    /// what [`OpenAction::of`] gives for the replayed complaint, without
    /// reading the rest of its stream. `handler` and `responsible_manager`
    /// are the complaint's own.
    pub fn from_action_events<'a>(
        complaint: ComplaintId,
        reference: ReferenceNumber,
        handler: Option<UserId>,
        responsible_manager: Option<UserId>,
        events: impl IntoIterator<Item = &'a Recorded>,
    ) -> Vec<OpenAction> {
        still_open(events)
            .into_iter()
            .filter_map(|a| {
                Some(OpenAction {
                    complaint,
                    reference,
                    number: a.number,
                    due: a.due?,
                    description: a.description,
                    owner: a.owner,
                    handler,
                    responsible_manager,
                })
            })
            .collect()
    }

    /// Stable across fetches of a calendar feed:
    /// `{complaint}-actie-{number}@klacht`.
    pub fn calendar_uid(&self) -> String {
        format!("{}-actie-{}@klacht", self.complaint, self.number)
    }

    /// Whether `user` sees the action in their calendar feed: its owner,
    /// the handler and the responsible manager.
    pub fn concerns(&self, user: UserId) -> bool {
        [self.owner, self.handler, self.responsible_manager].contains(&Some(user))
    }
}

/// What a message about an agreed action is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionNotice {
    /// The working day before, or the morning of, the due date.
    Reminder(ReminderKind),
    /// The due date passed without the action being completed.
    Overdue,
    /// A line in the daily digest.
    Digest,
}

impl ActionNotice {
    /// The identifier in dedupe keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionNotice::Reminder(k) => k.as_str(),
            ActionNotice::Overdue => "overdue",
            ActionNotice::Digest => "digest",
        }
    }
}

/// Why a person receives a message about an agreed action; the mail says
/// so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionRole {
    /// The action's owner.
    Owner,
    /// The handler, because the action has no owner.
    HandlerForWantOfOwner,
    /// The responsible manager, because the action has neither owner nor
    /// handler.
    ManagerForWantOfOwner,
    /// The responsible manager, who is told of an overdue action (and sees
    /// the action in the digest) besides the person who should act.
    ResponsibleManager,
}

/// One recipient of a message about an agreed action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionRecipient {
    pub user: UserId,
    pub role: ActionRole,
}

/// Who receives `notice` about `action`, first the person who should act:
/// the owner, else the handler, else the responsible manager. An overdue
/// action is also told to the responsible manager (once, when she is that
/// person herself); the digest goes to the responsible manager only.
///
/// The one place where recipients of action messages are chosen. Whoever
/// of them is absent or deactivated is stood in for by the engine through
/// [`crate::absence::stand_in`], the one rule for every reminder.
pub fn action_recipients(action: &OpenAction, notice: ActionNotice) -> Vec<ActionRecipient> {
    let actor = action_actor(action);
    let manager = action.responsible_manager.map(|user| ActionRecipient {
        user,
        role: ActionRole::ResponsibleManager,
    });
    match notice {
        ActionNotice::Reminder(_) => actor.into_iter().collect(),
        ActionNotice::Overdue => {
            let mut out: Vec<ActionRecipient> = actor.into_iter().collect();
            if let Some(m) = manager
                && !out.iter().any(|r| r.user == m.user)
            {
                out.push(m);
            }
            out
        }
        ActionNotice::Digest => manager.into_iter().collect(),
    }
}

/// Who should carry `action` out: the owner, else the handler, else the
/// responsible manager (part of [`action_recipients`]; the digest and the
/// manager's copy name this person).
pub fn action_actor(action: &OpenAction) -> Option<ActionRecipient> {
    match (action.owner, action.handler, action.responsible_manager) {
        (Some(user), _, _) => Some(ActionRecipient {
            user,
            role: ActionRole::Owner,
        }),
        (None, Some(user), _) => Some(ActionRecipient {
            user,
            role: ActionRole::HandlerForWantOfOwner,
        }),
        (None, None, Some(user)) => Some(ActionRecipient {
            user,
            role: ActionRole::ManagerForWantOfOwner,
        }),
        (None, None, None) => None,
    }
}

/// A reminder or overdue notice about an agreed action, to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionMessage {
    pub action: OpenAction,
    /// [`ActionNotice::Reminder`] or [`ActionNotice::Overdue`].
    pub notice: ActionNotice,
    pub recipient: ActionRecipient,
    /// The day it goes out.
    pub on: Date,
    /// Working days past the due date on that day (overdue notices; 0 for
    /// reminders).
    pub days_late: i32,
}

impl ActionMessage {
    /// `action:{complaint}:{number}:{notice}:{due}:{user}`: once per
    /// action, notice and recipient; again when the due date moves.
    pub fn key(&self) -> String {
        self.key_for(self.recipient.user)
    }

    /// The key of the message as it goes to `user`: the recipient, or
    /// whoever stands in for them (`crate::absence::stand_in`). Keyed on
    /// who receives it, so a stand-in who is also told in her own right
    /// gets one message, and a person back from absence is still told.
    pub fn key_for(&self, user: UserId) -> String {
        format!(
            "action:{}:{}:{}:{}:{}",
            self.action.complaint,
            self.action.number,
            self.notice.as_str(),
            self.action.due,
            user
        )
    }

    /// The due date as seen on the day the message goes out: "vandaag",
    /// "morgen" or "maandag 4 mei".
    pub fn when(&self) -> String {
        relative_day(self.action.due, self.on)
    }
}

/// The reminders and overdue notices about agreed actions due at `now`,
/// with the same rules as the terms: reminders as `settings.kinds` choose,
/// overdue notices from the first working day after the due date up to
/// [`MISSED_CATCH_UP_DAYS`] working days later.
pub fn action_messages_due(
    actions: &[OpenAction],
    cal: &WorkingCalendar,
    settings: &ReminderSettings,
    now: Timestamp,
) -> Vec<ActionMessage> {
    let Some(today) = settings.sending_day(now, cal) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for a in actions {
        let mut notices: Vec<(ActionNotice, i32)> = settings
            .kinds
            .iter()
            .filter(|k| k.send_day(a.due, cal) == today)
            .map(|k| (ActionNotice::Reminder(*k), 0))
            .collect();
        if a.due < today {
            let late = cal.working_days_between(a.due, today);
            if (1..=MISSED_CATCH_UP_DAYS).contains(&late) {
                notices.push((ActionNotice::Overdue, late));
            }
        }
        for (notice, days_late) in notices {
            for recipient in action_recipients(a, notice) {
                out.push(ActionMessage {
                    action: a.clone(),
                    notice,
                    recipient,
                    on: today,
                    days_late,
                });
            }
        }
    }
    out
}

/// One agreed action in a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestAction {
    pub action: OpenAction,
    /// Overdue, due today or on time, on the digest's day.
    pub status: TermStatus,
}

impl DigestAction {
    pub fn on(action: &OpenAction, today: Date) -> DigestAction {
        DigestAction {
            action: action.clone(),
            status: term_status(action.due, today, None),
        }
    }
}

#[cfg(test)]
mod tests;

/// The agreed actions not completed after one complaint's action events
/// (in stream order; events of other kinds are passed over), each as its
/// last correction left it, in the order agreed. A correction can only
/// replace the event it names, never another correction, and an action
/// keeps its number when corrected (the replay refuses anything else).
pub fn still_open<'a>(events: impl IntoIterator<Item = &'a Recorded>) -> Vec<AgreedAction> {
    let mut open: BTreeMap<u32, AgreedAction> = BTreeMap::new();
    // seq of an `action_agreed` event -> the action's number
    let mut agreed_at: HashMap<u64, u32> = HashMap::new();
    for rec in events {
        match &rec.event {
            Event::ActionAgreed(action) => {
                agreed_at.insert(rec.seq, action.number);
                open.insert(action.number, action.clone());
            }
            Event::ActionCompleted(done) => {
                open.remove(&done.number);
            }
            Event::Corrected {
                of, replacement, ..
            } => {
                if let (Some(number), Event::ActionAgreed(action)) =
                    (agreed_at.get(of), replacement.as_ref())
                    && let Some(item) = open.get_mut(number)
                {
                    *item = action.clone();
                }
            }
            _ => {}
        }
    }
    open.into_values().collect()
}
