//! The deadline engine (issue 4): reminders to the responsible person
//! before a term ends, a warning to the quality managers (and, unless
//! switched off, the directors) when one passed, and the managers' daily
//! digest of their open terms, queued as e-mail in the outbox. Issue 12
//! added the follow-up of agreed actions with a due date and the
//! directors' weekly summary of overdue terms (see [`follow_up`]). The rules are pure and live in
//! [`klacht_domain::reminders`]; this step gathers the facts, asks what is
//! due at `now` and queues it.
//!
//! # Several instances
//!
//! Every message is queued under a stable dedupe key
//! (`reminder:{complaint}:{step}:{kind}:{due}`,
//! `missed:{complaint}:{step}:{due}:{quality manager or director}`,
//! `digest:{manager}:{date}`, `action:{complaint}:{number}:{notice}:{due}:{user}`,
//! `weekly:{director}:{ISO week}`, `handover:absence:{absence}:{stand-in}`),
//! and the outbox's `dedupe_key` is a UNIQUE
//! column into which [`Store::enqueue`] inserts with `ON CONFLICT DO
//! NOTHING`. So the step may run every round, on every instance, at the
//! same moment even: the database admits each key once, and whoever loses
//! the race queues nothing. Scheduling therefore needs no lock of its own;
//! delivering does, and has one: `claim_outbox` hands each queued message
//! to one worker (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one
//! writer). Together: each reminder is queued once and sent once (at least
//! once, with the same Message-ID, should a worker die mid-send).
//!
//! # Cost
//!
//! Outside the sending hours (weekends, holidays, before the morning hour)
//! the step touches no database. Otherwise it reads only the open
//! complaints with a term in the window of [`reminders::window`] (through
//! the `next_due` index: closed complaints are never read) and their event
//! streams in batches of [`PAGE`] (one query each, no query per complaint);
//! the digest reads the open complaints' read-model rows once a day per
//! instance. The agreed actions are read from the streams of the open
//! complaints that agreed one (see `klacht_app::follow_up`), every pass:
//! an action agreed at ten, due tomorrow, is reminded of the same day. The
//! weekly summary reads the overdue open complaints once a week.

mod follow_up;

use std::collections::HashMap;
use std::sync::Mutex;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};
use klacht_app::notify::for_staff;
use klacht_domain::absence::{Staff, overseers, stand_in};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::reminders::actions::OpenAction;
use klacht_domain::reminders::{self, OpenTerms, ReminderSettings};
use klacht_domain::terms::{Step, TermStatus};
use klacht_domain::{Role, UserId};
use klacht_mail::digest::{Digest, DigestLine};
use klacht_mail::missed_term::MissedTerm;
use klacht_mail::reminder::Reminder;
use klacht_mail::{Address, Compose, MailContext, StandInFor};
use klacht_store::{
    ComplaintRow, NewOutboxMessage, OpenComplaintQuery, OutboxKind, Store, StoreError, UserRecord,
};

/// Complaints read per query.
pub const PAGE: u32 = 500;

/// Days added on both sides of the window when selecting candidates: the
/// read model's terms were computed on the calendar of their day, and a
/// closing day added since may have moved them a little. The exact terms
/// are computed again from the streams on the current calendar.
const CALENDAR_SLACK_DAYS: i64 = 7;

/// What one pass queued. Counts are of messages newly queued; those whose
/// key was queued before (by an earlier pass or another instance) are not
/// counted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleReport {
    /// Whether this was a sending moment (a working day after the morning
    /// hour) and the pass ran.
    pub ran: bool,
    /// Open complaints near a term whose streams were read.
    pub candidates: u32,
    pub reminders: u32,
    pub missed: u32,
    pub digests: u32,
    /// Reminders and overdue notices about agreed actions.
    pub actions: u32,
    /// The directors' weekly summaries.
    pub weekly: u32,
    /// Messages without a recipient: nobody responsible, nobody available
    /// to stand in for them, or no active quality manager.
    pub unaddressed: u32,
    /// Handover alerts of absences that began (issue 12).
    pub handovers: u32,
    /// Complaints or mails skipped because they could not be read or
    /// composed (logged).
    pub skipped: u32,
}

impl ScheduleReport {
    pub fn queued(&self) -> u32 {
        self.reminders + self.missed + self.digests + self.actions + self.weekly + self.handovers
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Queues the reminders, missed-term warnings, agreed actions' reminders
/// and (when `digests`, the day's once-only work) the digests and the
/// directors' weekly summary that are due at `now` on `calendar` (the
/// current one, with the administrator's closing days). Safe to call as often as one likes, from
/// as many instances as there are: see the module documentation.
#[tracing::instrument(name = "jobs.schedule", skip_all, fields(now = %now))]
pub async fn schedule_due<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    settings: &ReminderSettings,
    mail: &MailContext,
    now: Timestamp,
    digests: bool,
) -> Result<ScheduleReport, ScheduleError> {
    let mut report = ScheduleReport::default();
    let Some(today) = settings.sending_day(now, calendar) else {
        return Ok(report);
    };
    report.ran = true;
    let people = People::load(store, today).await?;
    // An absence that began today (or since the last sending day): its
    // stand-ins are told once what to hand over. A failure is logged and
    // retried next pass; it must not hold up anyone's reminders.
    report.handovers =
        match klacht_app::absences::alert_started_absences(store, calendar, mail, today, now).await
        {
            Ok(queued) => queued,
            Err(e) => {
                tracing::error!(error = %e, "handover alerts not queued; retried next pass");
                0
            }
        };

    // Reminders and warnings: the open complaints with a term in the
    // window, a page at a time, each page's streams in one query.
    let (from, to) = reminders::window(today, calendar);
    let slack = CALENDAR_SLACK_DAYS.days();
    let mut query = OpenComplaintQuery {
        next_due_until: Some(to.saturating_add(slack)),
        any_term_in: Some((from.saturating_sub(slack), to.saturating_add(slack))),
        limit: PAGE,
        ..Default::default()
    };
    loop {
        let page = store.open_complaints(&query).await?;
        report.candidates += u32::try_from(page.items.len()).unwrap_or(u32::MAX);
        let open = open_terms(store, calendar, &page.items, &mut report).await?;
        let managers: HashMap<_, _> = open
            .iter()
            .map(|o| (o.complaint, o.responsible_manager))
            .collect();
        let mut messages = Vec::new();
        for r in reminders::reminders_due(&open, calendar, settings, now) {
            let responsible = managers.get(&r.complaint).copied().flatten();
            match reminder_mail(&r, responsible, &people, mail, now) {
                Some(m) => messages.push(m),
                None => report.unaddressed += 1,
            }
        }
        report.reminders += queue(store, &messages).await?;
        let mut messages = Vec::new();
        for m in reminders::missed_due(&open, calendar, settings, now) {
            let mails = missed_mails(&m, &people, settings, mail, now);
            if mails.is_empty() {
                report.unaddressed += 1;
            }
            messages.extend(mails);
        }
        report.missed += queue(store, &messages).await?;
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }

    // Agreed actions: reminders and overdue notices every pass; the open
    // actions also go into the digest.
    let open_actions = klacht_app::follow_up::open_actions(store).await?;
    report.skipped += open_actions.unreadable;
    let (queued, unaddressed) = follow_up::queue_action_messages(
        store,
        calendar,
        settings,
        mail,
        &people,
        &open_actions.actions,
        now,
    )
    .await?;
    report.actions += queued;
    report.unaddressed += unaddressed;

    // The day's once-only work: the weekly summary (on the week's first
    // working day) and the digests.
    if digests {
        let (queued, unaddressed) =
            follow_up::queue_weekly(store, calendar, settings, mail, &people, now, today).await?;
        report.weekly += queued;
        report.unaddressed += unaddressed;
    }
    if digests && settings.digest {
        report.digests = queue_digests(
            store,
            calendar,
            settings,
            mail,
            &people,
            &open_actions.actions,
            now,
            today,
        )
        .await
        .map(|(queued, unaddressed)| {
            report.unaddressed += unaddressed;
            queued
        })?;
    }
    if report.queued() > 0 {
        tracing::info!(
            reminders = report.reminders,
            missed = report.missed,
            digests = report.digests,
            actions = report.actions,
            weekly = report.weekly,
            handovers = report.handovers,
            "termijnbewaking: berichten in de wachtrij gezet"
        );
    } else {
        tracing::debug!(?report, "schedule pass");
    }
    Ok(report)
}

/// The deadline engine as a step of [`crate::Jobs::run_once`]: the
/// configuration, the current calendar read each pass, and two small
/// per-process economies that another instance never needs (it keeps its
/// own): passes at most every `every`, and one digest pass per day.
#[derive(Debug)]
pub struct Scheduler {
    /// The calendar of the configuration; the administrator's options and
    /// closing days are added from the database on every pass.
    pub calendar: WorkingCalendar,
    pub settings: ReminderSettings,
    pub mail: MailContext,
    /// The least time between two passes (default one minute).
    pub every: SignedDuration,
    state: Mutex<PassState>,
}

#[derive(Debug, Default)]
struct PassState {
    last_pass: Option<Timestamp>,
    digests_on: Option<Date>,
}

impl Scheduler {
    pub fn new(calendar: WorkingCalendar, settings: ReminderSettings, mail: MailContext) -> Self {
        Self {
            calendar,
            settings,
            mail,
            every: SignedDuration::from_mins(1),
            state: Mutex::new(PassState::default()),
        }
    }

    /// Sets the least time between passes (zero: every round).
    pub fn every(mut self, every: SignedDuration) -> Self {
        self.every = every;
        self
    }

    fn state(&self) -> std::sync::MutexGuard<'_, PassState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// One pass, unless the last one was less than `every` ago; `None` when
    /// skipped.
    pub async fn run<S: Store>(
        &self,
        store: &S,
        now: Timestamp,
    ) -> Result<Option<ScheduleReport>, ScheduleError> {
        let digests_done = {
            let mut state = self.state();
            if let Some(last) = state.last_pass
                && now >= last
                && now.duration_since(last) < self.every
            {
                return Ok(None);
            }
            state.last_pass = Some(now);
            state.digests_on == Some(self.calendar.local_date(now))
        };
        let calendar = klacht_app::calendar::current(store, &self.calendar).await?;
        let report = schedule_due(
            store,
            &calendar,
            &self.settings,
            &self.mail,
            now,
            !digests_done,
        )
        .await?;
        if report.ran && !digests_done {
            self.state().digests_on = Some(calendar.local_date(now));
        }
        Ok(Some(report))
    }
}

/// The staff, by id, the active quality managers and directors, and who
/// is absent or inactive today (for [`stand_in`] and [`overseers`]). The
/// users and absences tables are small (staff only); two queries.
struct People {
    by_id: HashMap<UserId, UserRecord>,
    quality_managers: Vec<UserRecord>,
    directors: Vec<UserRecord>,
    staff: Staff,
}

impl People {
    async fn load<S: Store>(store: &S, today: Date) -> Result<People, StoreError> {
        let users = store.list_users().await?;
        let absences = store.absences_from(today).await?;
        let staff = klacht_app::absences::staff_of(&users, &absences, today);
        let quality_managers = users
            .iter()
            .filter(|u| u.active && u.user.role == Role::QualityManager)
            .cloned()
            .collect();
        let directors = users
            .iter()
            .filter(|u| u.active && u.user.role == Role::Director)
            .cloned()
            .collect();
        Ok(People {
            by_id: users.into_iter().map(|u| (u.user.id, u)).collect(),
            quality_managers,
            directors,
            staff,
        })
    }

    /// Who receives what would go to `person`, the mail context of their
    /// language, and the sentence in it that says for whom when it is a
    /// stand-in (`what`: a reminder, "deze herinnering").
    fn recipient(
        &self,
        person: UserId,
        responsible: Option<UserId>,
        what: StandInFor,
        ctx: &MailContext,
    ) -> Option<(&UserRecord, MailContext, Option<String>)> {
        let r = stand_in(person, responsible, &self.staff)?;
        let today = self.staff.today()?;
        let to = self.active(r.to)?;
        let own = for_staff(ctx, to);
        let note = r
            .on_behalf_of
            .map(|o| own.on_behalf(&o, &self.staff, what, today));
        Some((to, own, note))
    }

    /// An active user, to send to.
    fn active(&self, id: UserId) -> Option<&UserRecord> {
        self.by_id.get(&id).filter(|u| u.active)
    }

    /// The name, with "(afwezig t/m …)" or "(niet meer actief)" when
    /// they cannot act, in the words of `own`: no mail names an
    /// unavailable person as the one to act without saying so.
    fn name(&self, id: UserId, own: &MailContext) -> Option<String> {
        own.name_with_status(&self.staff, id)
    }

    /// "afwezig t/m 14 december" or "niet meer actief" when `id` cannot
    /// act today, in the words of `own`; `None` when they can.
    fn status(&self, id: UserId, own: &MailContext) -> Option<String> {
        self.staff
            .unavailable(id)
            .map(|why| own.unavailable_short(why))
    }

    /// Who is warned of a missed term: every active quality manager, and
    /// every active director unless `director_warnings` is off (she is
    /// "eindverantwoordelijk", issue 12); absent ones skipped while another
    /// of them reads it ([`overseers`]).
    fn missed_term_recipients(&self, settings: &ReminderSettings) -> Vec<&UserRecord> {
        let directors = settings
            .director_warnings
            .then_some(self.directors.iter())
            .into_iter()
            .flatten();
        let intended: Vec<UserId> = self
            .quality_managers
            .iter()
            .chain(directors)
            .map(|u| u.user.id)
            .collect();
        self.overseers(&intended)
    }

    /// Who receives the directors' weekly summary: the active directors,
    /// an absent one skipped while another director reads it
    /// ([`overseers`]).
    fn weekly_summary_recipients(&self) -> Vec<UserId> {
        let directors: Vec<UserId> = self.directors.iter().map(|u| u.user.id).collect();
        overseers(&directors, &self.staff)
    }

    fn overseers(&self, intended: &[UserId]) -> Vec<&UserRecord> {
        overseers(intended, &self.staff)
            .into_iter()
            .filter_map(|id| self.active(id))
            .collect()
    }
}

fn address(u: &UserRecord) -> Address {
    Address::new(u.user.name.clone(), u.user.email.as_str())
}

/// The open terms of a page of complaints, from their streams (one query)
/// on the current calendar. A stream that does not fold is logged and
/// skipped: one damaged complaint must not silence everyone's reminders.
async fn open_terms<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    rows: &[ComplaintRow],
    report: &mut ScheduleReport,
) -> Result<Vec<OpenTerms>, StoreError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    let streams = store.events_of(&ids).await?;
    let mut open = Vec::with_capacity(streams.len());
    for (id, events) in streams {
        match klacht_app::complaints::replay(id, &events) {
            Ok(c) => open.extend(OpenTerms::of(&c, calendar)),
            Err(e) => {
                report.skipped += 1;
                tracing::error!(complaint = %id, error = %e, "stream unreadable; no reminders");
            }
        }
    }
    Ok(open)
}

async fn queue<S: Store>(store: &S, messages: &[NewOutboxMessage]) -> Result<u32, StoreError> {
    if messages.is_empty() {
        return Ok(0);
    }
    let n = store.enqueue(messages).await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

fn outbox(
    mail: &impl Compose,
    ctx: &MailContext,
    to: Vec<Address>,
    key: String,
    now: Timestamp,
) -> Option<NewOutboxMessage> {
    match mail.compose(ctx, to) {
        Ok(message) => {
            Some(NewOutboxMessage::now(OutboxKind::Mail, message.to_json(), now).dedupe(key))
        }
        Err(e) => {
            tracing::error!(%key, error = %e, "mail not composed");
            None
        }
    }
}

fn reminder_mail(
    r: &reminders::Reminder,
    responsible: Option<UserId>,
    people: &People,
    ctx: &MailContext,
    now: Timestamp,
) -> Option<NewOutboxMessage> {
    let (to, own, on_behalf_of) =
        people.recipient(r.recipient, responsible, StandInFor::Reminder, ctx)?;
    let mail = Reminder {
        reference: r.reference.to_string(),
        complaint_id: r.complaint.to_string(),
        recipient_name: to.user.name.clone(),
        step: r.step,
        due: own.t.long_date(r.due),
        when: when(&own, r),
        no_handler: r.for_want_of_handler,
        on_behalf_of,
    };
    outbox(&mail, &own, vec![address(to)], r.key(), now).map(|m| m.about(r.complaint))
}

/// When the term ends, as seen on the day the reminder goes out: "vandaag",
/// "morgen" or the day, in the recipient's language.
fn when(own: &MailContext, r: &reminders::Reminder) -> String {
    own.relative_day(r.due, r.on)
}

fn missed_mails(
    m: &reminders::MissedTerm,
    people: &People,
    settings: &ReminderSettings,
    ctx: &MailContext,
    now: Timestamp,
) -> Vec<NewOutboxMessage> {
    people
        .missed_term_recipients(settings)
        .into_iter()
        .filter_map(|qm| {
            let own = for_staff(ctx, qm);
            let responsible = m.responsible.and_then(|id| people.name(id, &own));
            let mail = MissedTerm {
                reference: m.reference.to_string(),
                complaint_id: m.complaint.to_string(),
                recipient_name: qm.user.name.clone(),
                step: m.step,
                due: own.t.long_date(m.due),
                days_late: m.days_late,
                responsible,
            };
            outbox(&mail, &own, vec![address(qm)], m.key_for(qm.user.id), now)
                .map(|x| x.about(m.complaint))
        })
        .collect()
}

/// The digests of `today`: every open complaint's next term from the read
/// model (what "Mijn klachten" shows), and the open agreed actions, grouped
/// per responsible manager. Returns (queued, unaddressed).
#[allow(clippy::too_many_arguments)]
async fn queue_digests<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    settings: &ReminderSettings,
    ctx: &MailContext,
    people: &People,
    open_actions: &[OpenAction],
    now: Timestamp,
    today: Date,
) -> Result<(u32, u32), StoreError> {
    let mut open = Vec::new();
    let mut handlers: HashMap<klacht_domain::ComplaintId, Option<UserId>> = HashMap::new();
    let mut query = OpenComplaintQuery {
        limit: PAGE,
        ..Default::default()
    };
    loop {
        let page = store.open_complaints(&query).await?;
        for row in &page.items {
            let step = row
                .next_step
                .as_deref()
                .and_then(|s| Step::ALL.into_iter().find(|x| x.as_str() == s));
            let (Some(step), Some(due)) = (step, row.next_due) else {
                continue;
            };
            handlers.insert(row.id, row.handler);
            open.push(OpenTerms {
                complaint: row.id,
                reference: row.reference,
                handler: row.handler,
                responsible_manager: row.responsible_manager,
                terms: vec![(step, due)],
            });
        }
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    let mut messages = Vec::new();
    let mut unaddressed = 0;
    for d in reminders::digests_with_actions_due(&open, open_actions, calendar, settings, now) {
        debug_assert_eq!(d.on, today);
        let Some((to, own, on_behalf_of)) =
            people.recipient(d.recipient, None, StandInFor::Digest, ctx)
        else {
            unaddressed += 1;
            continue;
        };
        let mail = Digest {
            on_behalf_of,
            recipient_name: to.user.name.clone(),
            date: own.t.long_date(d.on),
            lines: d
                .items
                .iter()
                .map(|i| DigestLine {
                    reference: i.reference.to_string(),
                    complaint_id: i.complaint.to_string(),
                    step_label: own.t.label(i.step),
                    due: own.t.long_date(i.due),
                    status: own.t.label(i.status),
                    overdue: i.status == TermStatus::Overdue,
                    handler: handlers
                        .get(&i.complaint)
                        .copied()
                        .flatten()
                        .and_then(|h| people.name(h, &own)),
                })
                .collect(),
            actions: d
                .actions
                .iter()
                .map(|a| follow_up::digest_action_line(a, people, &own))
                .collect(),
        };
        messages.extend(outbox(&mail, &own, vec![address(to)], d.key(), now));
    }
    Ok((queue(store, &messages).await?, unaddressed))
}
