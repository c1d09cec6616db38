//! Absences and handing over (issue 12, item 7).
//!
//! Staff record an absence (from–to, both days included) for themselves;
//! a manager for their team; the quality manager and the director for
//! anyone ([`klacht_domain::absence::may_manage_absence`]). Every change is
//! in the Logboek, in the change's own transaction.
//!
//! When someone becomes unavailable (an absence starts, an account is
//! deactivated) the stand-ins of their work ([`stand_in`]: per complaint
//! its responsible manager, else up the person's line of managers) get one
//! [`HandoverAlert`] each, listing the open complaints the person handles
//! and the open agreed actions they own. Once: an absence carries
//! `alerted_at`, set in the transaction that queues its alerts; a
//! deactivation queues them in the transaction that deactivates.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::absence::{
    Absence, Period, Refusal, Staff, may_manage_absence, read_note, stand_in,
};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::Complaint;
use klacht_domain::reminders::OpenTerms;
use klacht_domain::terms::Step;
use klacht_domain::{ComplaintId, User, UserId};
use klacht_mail::handover::{HandoverAction, HandoverAlert, HandoverComplaint};
use klacht_mail::{Address, Compose, MailContext, format};
use klacht_store::{
    AbsenceEnd, AuditEntry, NewOutboxMessage, OpenComplaintQuery, OutboxKind, Store, StoreError,
    UserRecord,
};

use crate::complaints::Context;
use crate::notify::for_staff;

/// Open complaints read per query when gathering someone's work.
const PAGE: u32 = 500;

#[derive(Debug, thiserror::Error)]
pub enum AbsenceError {
    /// Input that cannot be used; the edges word it.
    #[error("{0}")]
    Invalid(Refusal),
    /// A person who is not the user's to manage.
    #[error("{0}")]
    Forbidden(Refusal),
    #[error("niet gevonden")]
    NotFound,
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AbsenceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AbsenceError::NotFound,
            other => AbsenceError::Store(other),
        }
    }
}

/// What was typed in the form.
#[derive(Debug, Default, Clone)]
pub struct AbsenceInput {
    /// The user id of whom; empty: oneself.
    pub whom: String,
    pub from: String,
    pub to: String,
    pub note: String,
}

/// An absence as the page lists it.
#[derive(Debug, Clone)]
pub struct AbsenceLine {
    pub absence: Absence,
    pub person: String,
    /// Who recorded it; `None` when that account is not known (any more).
    pub recorded_by: Option<String>,
    /// Today within it.
    pub current: bool,
}

fn audit(by: &User, at: Timestamp, kind: &str, whom: &User, details: String) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor: Some(by.id),
        actor_name: by.name.clone(),
        kind: kind.into(),
        subject: whom.email.to_string(),
        details,
    }
}

fn period_text(p: &Period) -> String {
    if p.from() == p.to() {
        format!("op {}", format::day_month_year(p.from()))
    } else {
        format!(
            "van {} tot en met {}",
            format::day_month_year(p.from()),
            format::day_month_year(p.to())
        )
    }
}

/// The people `by` may record an absence for: active accounts, oneself
/// first, then by name.
pub fn people_for(by: &User, users: &[UserRecord]) -> Vec<User> {
    let mut people: Vec<User> = users
        .iter()
        .filter(|u| u.active && may_manage_absence(by, &u.user))
        .map(|u| u.user.clone())
        .collect();
    people.sort_by(|a, b| (a.id != by.id, &a.name).cmp(&(b.id != by.id, &b.name)));
    people
}

/// The current and planned absences `by` may see and end: their own, their
/// team's, or everyone's for the quality manager and the director.
pub async fn visible_absences<S: Store>(
    store: &S,
    by: &User,
    today: Date,
) -> Result<Vec<AbsenceLine>, StoreError> {
    let users = store.list_users().await?;
    let by_id: HashMap<UserId, &User> = users.iter().map(|u| (u.user.id, &u.user)).collect();
    Ok(store
        .absences_from(today)
        .await?
        .into_iter()
        .filter_map(|a| {
            let person = by_id.get(&a.user).filter(|u| may_manage_absence(by, u))?;
            Some(AbsenceLine {
                person: person.name.clone(),
                recorded_by: by_id.get(&a.recorded_by).map(|u| u.name.clone()),
                current: a.period.covers(today),
                absence: a,
            })
        })
        .collect())
}

/// Records an absence. One that has begun (from today or earlier) alerts
/// the stand-ins at once; a planned one is alerted by the deadline engine
/// on its first day.
pub async fn record_absence<S: Store>(
    cx: &Context<'_, S>,
    by: &User,
    input: &AbsenceInput,
) -> Result<Absence, AbsenceError> {
    let today = cx.calendar.local_date(cx.now);
    let users = cx.store.list_users().await?;
    let whom = match input.whom.trim() {
        "" => by.id,
        raw => raw
            .parse::<UserId>()
            .map_err(|_| AbsenceError::Invalid(Refusal::NoPerson))?,
    };
    let whom = users
        .iter()
        .find(|u| u.user.id == whom && u.active)
        .ok_or(AbsenceError::Invalid(Refusal::NoPerson))?;
    if !may_manage_absence(by, &whom.user) {
        return Err(AbsenceError::Forbidden(Refusal::NotYourTeam {
            name: whom.user.name.clone(),
        }));
    }
    let period = Period::read(&input.from, &input.to).map_err(AbsenceError::Invalid)?;
    if period.to() < today {
        return Err(AbsenceError::Invalid(Refusal::InThePast));
    }
    let note = read_note(&input.note).map_err(AbsenceError::Invalid)?;
    let mut absence = Absence {
        id: uuid::Uuid::now_v7(),
        user: whom.user.id,
        period,
        note,
        recorded_by: by.id,
        recorded_at: cx.now,
        alerted_at: None,
    };
    let mut outbox = Vec::new();
    if period.covers(today)
        && let Some(ctx) = cx.notifier.context()
    {
        let mut absences = cx.store.absences_from(today).await?;
        absences.push(absence.clone());
        let staff = staff_of(&users, &absences, today);
        let work = open_work_of(cx.store, whom.user.id).await?;
        outbox = handover_mails(
            &work,
            &staff,
            &users,
            cx.calendar,
            ctx,
            &format!("absence:{}", absence.id),
            cx.now,
        );
        absence.alerted_at = Some(cx.now);
    }
    let details = format!(
        "Afwezigheid van {} vastgelegd, {}{}.",
        whom.user.name,
        period_text(&period),
        absence
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default()
    );
    let entry = audit(by, cx.now, "absence.recorded", &whom.user, details);
    cx.store.record_absence(&absence, &entry, &outbox).await?;
    cx.notifier.queued(outbox.len());
    Ok(absence)
}

/// How an absence was ended, for the page to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// It had not begun: it is gone.
    Removed { name: String },
    /// It had begun: `name` is back from today.
    Back { name: String },
}

/// Ends an absence early: one that has not begun, or begins today, is
/// removed; one that has begun ends yesterday (the person is back today).
pub async fn end_absence_early<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    by: &User,
    id: uuid::Uuid,
    now: Timestamp,
) -> Result<Ended, AbsenceError> {
    let today = calendar.local_date(now);
    let absence = store.absence(id).await?.ok_or(AbsenceError::NotFound)?;
    let whom = store
        .user_by_id(absence.user)
        .await?
        .ok_or(AbsenceError::NotFound)?;
    if !may_manage_absence(by, &whom.user) {
        // Not theirs to see either.
        return Err(AbsenceError::NotFound);
    }
    let name = &whom.user.name;
    let (end, kind, details, message) = if absence.period.from() >= today {
        (
            AbsenceEnd::Remove,
            "absence.removed",
            format!(
                "Afwezigheid van {name} {} verwijderd.",
                period_text(&absence.period)
            ),
            Ended::Removed { name: name.clone() },
        )
    } else if absence.period.to() < today {
        return Err(AbsenceError::Invalid(Refusal::AlreadyOver {
            name: name.clone(),
        }));
    } else {
        let yesterday = today.yesterday().map_err(|_| AbsenceError::NotFound)?;
        (
            AbsenceEnd::EndOn(yesterday),
            "absence.ended",
            format!(
                "Afwezigheid van {name} {} eerder beëindigd: terug vanaf {}.",
                period_text(&absence.period),
                format::day_month_year(today)
            ),
            Ended::Back { name: name.clone() },
        )
    };
    let entry = audit(by, now, kind, &whom.user, details);
    store.end_absence(id, end, &entry).await?;
    Ok(message)
}

/// The staff on `today` for the stand-in rule.
pub fn staff_of(users: &[UserRecord], absences: &[Absence], today: Date) -> Staff {
    Staff::new(users.iter().map(|u| (&u.user, u.active)), absences, today)
}

/// The staff on `today` as the deadline engine and the pages see them:
/// every account and every absence that has not ended.
pub async fn staff_today<S: Store>(store: &S, today: Date) -> Result<Staff, StoreError> {
    let users = store.list_users().await?;
    let absences = store.absences_from(today).await?;
    Ok(staff_of(&users, &absences, today))
}

/// What someone has to hand over: the open complaints they handle and
/// the open agreed actions they own.
#[derive(Debug, Clone)]
pub struct Work {
    /// Whose work it is.
    pub person: UserId,
    pub complaints: Vec<Complaint>,
    /// (complaint, action number).
    pub actions: Vec<(Complaint, u32)>,
}

impl Work {
    pub fn is_empty(&self) -> bool {
        self.complaints.is_empty() && self.actions.is_empty()
    }
}

/// The open work of `person`. Reads every open complaint's stream, a page
/// at a time: action owners are in the streams only. Done once per
/// absence or deactivation, never per pass.
pub async fn open_work_of<S: Store>(store: &S, person: UserId) -> Result<Work, StoreError> {
    let mut work = Work {
        person,
        complaints: Vec::new(),
        actions: Vec::new(),
    };
    let mut query = OpenComplaintQuery {
        limit: PAGE,
        ..Default::default()
    };
    loop {
        let page = store.open_complaints(&query).await?;
        let ids: Vec<ComplaintId> = page.items.iter().map(|r| r.id).collect();
        if !ids.is_empty() {
            for (id, events) in store.events_of(&ids).await? {
                let c = match crate::complaints::replay(id, &events) {
                    Ok(c) => c,
                    Err(e) => {
                        tracing::error!(complaint = %id, error = %e, "stream unreadable; left out of the handover");
                        continue;
                    }
                };
                if !c.is_open() {
                    continue;
                }
                for item in c.actions() {
                    if item.completed.is_none() && item.agreed.value.owner == Some(person) {
                        work.actions.push((c.clone(), item.agreed.value.number));
                    }
                }
                if c.handler() == Some(person) {
                    work.complaints.push(c);
                }
            }
        }
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    work.complaints.sort_by_key(|c| c.reference());
    work.actions.sort_by_key(|(c, n)| (c.reference(), *n));
    Ok(work)
}

/// The handover alerts of the work's person, one per stand-in, under the
/// dedupe key `handover:{key}:{stand-in}`, each in the stand-in's language
/// (Dutch when none). Empty when there is nothing to hand over, the person
/// is available, or nobody can stand in.
pub fn handover_mails(
    work: &Work,
    staff: &Staff,
    users: &[UserRecord],
    calendar: &WorkingCalendar,
    ctx: &MailContext,
    key: &str,
    now: Timestamp,
) -> Vec<NewOutboxMessage> {
    let person = work.person;
    let (Some(why), Some(today)) = (staff.unavailable(person), staff.today()) else {
        return Vec::new();
    };
    // Per stand-in: the complaints with their next open term, and the
    // actions with their description and due date.
    type Lists<'a> = (
        Vec<(&'a Complaint, Option<(Step, Date)>)>,
        Vec<(&'a Complaint, &'a str, Option<Date>)>,
    );
    let mut per_recipient: BTreeMap<UserId, Lists<'_>> = BTreeMap::new();
    for c in &work.complaints {
        let Some(r) = stand_in(person, c.responsible_manager(), staff) else {
            tracing::warn!(complaint = %c.id(), "nobody to hand over to");
            continue;
        };
        per_recipient
            .entry(r.to)
            .or_default()
            .0
            .push((c, next_open_term(c, calendar)));
    }
    for (c, number) in &work.actions {
        let Some(item) = c
            .actions()
            .iter()
            .find(|a| a.agreed.value.number == *number)
        else {
            continue;
        };
        let Some(r) = stand_in(person, c.responsible_manager(), staff) else {
            continue;
        };
        let action = &item.agreed.value;
        per_recipient
            .entry(r.to)
            .or_default()
            .1
            .push((c, action.description.as_str(), action.due));
    }
    let by_id: HashMap<UserId, &UserRecord> = users.iter().map(|u| (u.user.id, u)).collect();
    per_recipient
        .into_iter()
        .filter_map(|(to, (complaints, actions))| {
            let to = by_id.get(&to)?;
            let own = for_staff(ctx, to);
            let mail = HandoverAlert {
                recipient_name: to.user.name.clone(),
                person_name: own.person_name(staff.name(person)),
                why: own.unavailable(why, today),
                why_short: own.unavailable_short(why),
                complaints: complaints
                    .into_iter()
                    .map(|(c, next)| HandoverComplaint {
                        reference: c.reference().to_string(),
                        complaint_id: c.id().to_string(),
                        next_term: next
                            .map(|(step, due)| own.next_term(step, due))
                            .unwrap_or_default(),
                    })
                    .collect(),
                actions: actions
                    .into_iter()
                    .map(|(c, description, due)| HandoverAction {
                        reference: c.reference().to_string(),
                        complaint_id: c.id().to_string(),
                        description: description.to_owned(),
                        due: due
                            .map(|d| own.t.t1("mail-by-date", "date", own.t.long_date(d)))
                            .unwrap_or_default(),
                    })
                    .collect(),
            };
            let key = format!("handover:{key}:{}", to.user.id);
            match mail.compose(
                &own,
                vec![Address::new(to.user.name.clone(), to.user.email.as_str())],
            ) {
                Ok(m) => {
                    Some(NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), now).dedupe(key))
                }
                Err(e) => {
                    tracing::error!(%key, error = %e, "handover alert not composed");
                    None
                }
            }
        })
        .collect()
}

/// The first open term of `c` on the current calendar; `None` when none
/// is open.
pub(crate) fn next_open_term(c: &Complaint, calendar: &WorkingCalendar) -> Option<(Step, Date)> {
    OpenTerms::of(c, calendar).and_then(|o| o.next())
}

/// "contact met klager, uiterlijk woensdag 9 december 2026": the first
/// open term, on the current calendar, as the handover page shows it;
/// empty when none is open.
pub(crate) fn next_term(c: &Complaint, calendar: &WorkingCalendar) -> String {
    next_open_term(c, calendar)
        .map(|(step, due)| format!("{}, uiterlijk {}", step.label(), format::long_date(due)))
        .unwrap_or_default()
}

/// The deadline engine's part: alerts the stand-ins of every absence that
/// has begun and was not alerted yet (a planned one, on its first day).
/// Returns how many alerts were queued.
pub async fn alert_started_absences<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    ctx: &MailContext,
    today: Date,
    now: Timestamp,
) -> Result<u32, StoreError> {
    let absences = store.absences_from(today).await?;
    let started: Vec<&Absence> = absences
        .iter()
        .filter(|a| a.alerted_at.is_none() && a.period.covers(today))
        .collect();
    if started.is_empty() {
        return Ok(0);
    }
    let users = store.list_users().await?;
    let staff = staff_of(&users, &absences, today);
    let mut queued = 0;
    for a in started {
        let work = open_work_of(store, a.user).await?;
        let mails = handover_mails(
            &work,
            &staff,
            &users,
            calendar,
            ctx,
            &format!("absence:{}", a.id),
            now,
        );
        if store.mark_absence_alerted(a.id, now, &mails).await? {
            queued += u32::try_from(mails.len()).unwrap_or(u32::MAX);
        }
    }
    Ok(queued)
}

/// The handover alerts for deactivating `person` (queued by
/// `admin::set_user_active` in the deactivation's own transaction).
pub async fn deactivation_mails<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    ctx: &MailContext,
    person: UserId,
    today: Date,
    key: &str,
    now: Timestamp,
) -> Result<Vec<NewOutboxMessage>, StoreError> {
    let mut users = store.list_users().await?;
    for u in users.iter_mut().filter(|u| u.user.id == person) {
        u.active = false;
    }
    let absences = store.absences_from(today).await?;
    let staff = staff_of(&users, &absences, today);
    let work = open_work_of(store, person).await?;
    Ok(handover_mails(
        &work, &staff, &users, calendar, ctx, key, now,
    ))
}
