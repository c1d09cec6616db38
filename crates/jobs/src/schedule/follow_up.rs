//! Issue 12's part of the deadline engine: reminders and overdue notices
//! about agreed actions (recipients chosen by
//! [`actions::action_recipients`], an absent or deactivated one stood in
//! for by [`klacht_domain::absence::stand_in`]), their lines in the digest,
//! and the directors' weekly summary of overdue terms.

use std::collections::HashSet;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_app::notify::for_staff;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::reminders::ReminderSettings;
use klacht_domain::reminders::actions::{
    self, ActionMessage, ActionNotice, ActionRole, DigestAction, OpenAction,
};
use klacht_domain::reminders::weekly::{self, WeeklySummary};
use klacht_domain::terms::TermStatus;
use klacht_mail::action_reminder::{ActionMail, ActionReminder};
use klacht_mail::digest::DigestActionLine;
use klacht_mail::weekly_overdue::{OverdueLine, WeeklyOverdue};
use klacht_mail::{MailContext, StandInFor};
use klacht_store::{NewOutboxMessage, OpenComplaintQuery, Store, StoreError};

use super::{PAGE, People, ScheduleReport, address, open_terms, outbox, queue};

/// Queues the reminders and overdue notices about `open` actions due at
/// `now`. Returns (queued, unaddressed).
pub(super) async fn queue_action_messages<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    settings: &ReminderSettings,
    ctx: &MailContext,
    people: &People,
    open: &[OpenAction],
    now: Timestamp,
) -> Result<(u32, u32), StoreError> {
    let mut messages = Vec::new();
    let mut unaddressed = 0;
    // The owner's stand-in may be the responsible manager, who is told of
    // an overdue action in her own right too: one message, the one that
    // says for whom (the actor's comes first).
    let mut keys = HashSet::new();
    for m in actions::action_messages_due(open, calendar, settings, now) {
        match action_mail(&m, people, ctx, now) {
            Some((key, x)) => {
                if keys.insert(key) {
                    messages.push(x);
                }
            }
            None => unaddressed += 1,
        }
    }
    Ok((queue(store, &messages).await?, unaddressed))
}

/// Who carries the action out, as the manager's copy and the digest name
/// them in the words of `own`: "Piet de Vries (eigenaar)", "Piet de Vries
/// (eigenaar, afwezig t/m 14 december)": no mail names someone unavailable
/// as the one to act without saying so.
fn actor_of(a: &OpenAction, people: &People, own: &MailContext) -> Option<String> {
    let actor = actions::action_actor(a)?;
    let name = people.by_id.get(&actor.user)?.user.name.as_str();
    let role = own.t.t(match actor.role {
        ActionRole::Owner => "mail-actor-role-owner",
        ActionRole::HandlerForWantOfOwner => "mail-actor-role-handler",
        ActionRole::ManagerForWantOfOwner | ActionRole::ResponsibleManager => {
            "mail-actor-role-manager"
        }
    });
    Some(match people.status(actor.user, own) {
        Some(status) => own.t.t3(
            "mail-actor-unavailable",
            "name",
            name,
            "role",
            role,
            "status",
            status,
        ),
        None => own.t.t2("mail-actor", "name", name, "role", role),
    })
}

/// The mail and its dedupe key, to the recipient or, while they are
/// absent or deactivated, to their stand-in (the stand-in rule of every
/// reminder, [`People::recipient`]).
fn action_mail(
    m: &ActionMessage,
    people: &People,
    ctx: &MailContext,
    now: Timestamp,
) -> Option<(String, NewOutboxMessage)> {
    let a = &m.action;
    let what = match m.notice {
        ActionNotice::Overdue => StandInFor::Message,
        _ => StandInFor::Reminder,
    };
    let (to, own, on_behalf_of) =
        people.recipient(m.recipient.user, a.responsible_manager, what, ctx)?;
    let mail = ActionReminder {
        reference: a.reference.to_string(),
        complaint_id: a.complaint.to_string(),
        recipient_name: to.user.name.clone(),
        role: m.recipient.role,
        number: a.number,
        description: a.description.clone(),
        due: own.t.long_date(a.due),
        mail: match m.notice {
            ActionNotice::Overdue => ActionMail::Overdue {
                days_late: m.days_late,
            },
            _ => ActionMail::Reminder {
                when: own.relative_day(a.due, m.on),
            },
        },
        actor: actor_of(a, people, &own),
        on_behalf_of,
    };
    let key = m.key_for(to.user.id);
    let message = super::outbox(&mail, &own, vec![address(to)], key.clone(), now)?;
    Some((key, message.about(a.complaint)))
}

/// An action as a line of the digest, in the words of `own`.
pub(super) fn digest_action_line(
    d: &DigestAction,
    people: &People,
    own: &MailContext,
) -> DigestActionLine {
    let a = &d.action;
    DigestActionLine {
        reference: a.reference.to_string(),
        complaint_id: a.complaint.to_string(),
        number: a.number,
        description: a.description.clone(),
        due: own.t.long_date(a.due),
        status: own.t.label(d.status),
        overdue: d.status == TermStatus::Overdue,
        actor: actor_of(a, people, own),
    }
}

/// On the first working day of the week, when the directors are warned:
/// their summary of the overdue terms of the open complaints. Reads the
/// open complaints whose next term passed (their streams, for every open
/// term). Returns (queued, unaddressed).
pub(super) async fn queue_weekly<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    settings: &ReminderSettings,
    ctx: &MailContext,
    people: &People,
    now: Timestamp,
    today: Date,
) -> Result<(u32, u32), StoreError> {
    if !settings.director_warnings || !weekly::is_first_working_day_of_week(calendar, today) {
        return Ok((0, 0));
    }
    let directors = people.weekly_summary_recipients();
    if directors.is_empty() {
        return Ok((0, 0));
    }
    let Some(yesterday) = today.yesterday().ok() else {
        return Ok((0, 0));
    };
    let mut query = OpenComplaintQuery {
        next_due_until: Some(yesterday),
        limit: PAGE,
        ..Default::default()
    };
    let mut open = Vec::new();
    let mut ignored = ScheduleReport::default();
    loop {
        let page = store.open_complaints(&query).await?;
        open.extend(open_terms(store, calendar, &page.items, &mut ignored).await?);
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    let mut messages = Vec::new();
    let mut unaddressed = 0;
    for w in weekly::weekly_summaries_due(&open, &directors, calendar, settings, now) {
        match weekly_mail(&w, people, ctx, now) {
            Some(m) => messages.push(m),
            None => unaddressed += 1,
        }
    }
    Ok((queue(store, &messages).await?, unaddressed))
}

fn weekly_mail(
    w: &WeeklySummary,
    people: &People,
    ctx: &MailContext,
    now: Timestamp,
) -> Option<NewOutboxMessage> {
    let to = people.active(w.recipient)?;
    let own = for_staff(ctx, to);
    let mail = WeeklyOverdue {
        recipient_name: to.user.name.clone(),
        date: own.t.long_date(w.on),
        week: w.on.iso_week_date().week(),
        lines: w
            .items
            .iter()
            .map(|i| OverdueLine {
                reference: i.reference.to_string(),
                complaint_id: i.complaint.to_string(),
                step_label: own.t.label(i.step),
                due: own.t.long_date(i.due),
                days_late: i.days_late,
                responsible: i.responsible.and_then(|r| people.name(r, &own)),
            })
            .collect(),
        complaints: w.complaints(),
    };
    outbox(&mail, &own, vec![address(to)], w.key(), now)
}
