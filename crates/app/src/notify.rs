//! Which e-mail a change causes, composed as outbox messages that the
//! caller stores in the change's own transaction (`NewStream.outbox`, the
//! `outbox` argument of `Store::append`). A worker delivers them later
//! (`klacht-jobs`), so an unreachable mail server never fails a change.
//!
//! - intake of a complaint: a confirmation to the complainant (when there
//!   is an e-mail address) and a notice to the responsible manager;
//! - a complaint routed to another manager (or, for a public submission,
//!   to its first one): the notice to that manager;
//! - an offer made (or corrected): its written confirmation to the
//!   complainant (DESIGN §3 step 3);
//! - the form sent to the quality manager (step 4): the satisfaction check,
//!   with a link to the one-page form on the public site, and to every
//!   active quality manager the notice that the form waits for her;
//! - a handler assigned: the mail to the new afhandelaar (unless they
//!   assigned themself), and on a reassignment to the previous one;
//! - a signal converted to a complaint: the confirmation to the
//!   complainant and the notice to the responsible manager, as at intake;
//! - an action agreed that names someone else to carry it out: the mail
//!   to that owner;
//! - "geen aanbod": the written confirmation of the decision instead of an
//!   offer (nothing to accept, no date to answer by);
//! - the director consulted, and her advice (`crate::consultation`);
//! - a filed complaint reopened: the complainant, the afhandelaar and the
//!   responsible manager (`crate::reopening`).
//!
//! Mail to the complainant (and representative) is written in the language
//! the complainant chose ([`Complaint::language`], [`for_complainant`]);
//! mail to a member of staff in the language they chose (Dutch when none,
//! [`for_staff`]).
//!
//! Signals (resolved at intake) cause no mail. Composing never fails a
//! change: a mail that cannot be composed is logged and left out.

use std::sync::Arc;

use jiff::Timestamp;
use klacht_domain::TrackingCode;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{AgreedAction, Complaint, Event, Kind, Offer, OfferKind, Recorded};
use klacht_domain::{Role, User, UserId};
use klacht_mail::confirmation::Confirmation;
use klacht_mail::decision_confirmation::DecisionConfirmation;
use klacht_mail::form_to_close::{FormToClose, closing_blockers};
use klacht_mail::handler::{ActionAssigned, HandlerAssigned, HandlerReleased};
use klacht_mail::manager_notice::{ManagerNotice, Origin};
use klacht_mail::offer_confirmation::OfferConfirmation;
use klacht_mail::satisfaction::SatisfactionCheck;
use klacht_mail::{Address, Compose, MailContext, TermDates};
use klacht_store::{NewOutboxMessage, OutboxKind, Store, StoreError, UserRecord};
use tokio::sync::Notify;

/// Working days the complainant is asked to answer an offer within.
pub const OFFER_ANSWER_WORKING_DAYS: u32 = 5;

/// Composes the mail of a change. Cheap to clone. A disabled notifier
/// composes nothing.
#[derive(Debug, Clone, Default)]
pub struct Notifier {
    ctx: Option<Arc<MailContext>>,
    wake: Option<Arc<Notify>>,
}

/// What [`Notifier::on_events`] needs besides the complaint, read from
/// the store only when the events need it ([`Notifier::for_events`]).
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    /// For the satisfaction form's link.
    pub tracking_code: Option<TrackingCode>,
    /// The handler, named in the offer's confirmation.
    pub handler: Option<UserRecord>,
    /// The manager a `ReportedToManager` event routes the complaint to.
    pub manager: Option<UserRecord>,
    /// Who did it, for the routed manager's notice.
    pub actor_name: Option<String>,
    /// The afhandelaar a `HandlerAssigned` event names.
    pub new_handler: Option<UserRecord>,
    /// The afhandelaar before the change, told that the complaint moved.
    pub previous_handler: Option<UserRecord>,
    /// The active quality managers, for a form sent to them.
    pub quality_managers: Vec<UserRecord>,
    /// Whoever agreed actions name as the one to carry them out.
    pub action_owners: Vec<UserRecord>,
}

impl Notifier {
    /// A notifier that queues mail with this context.
    pub fn new(ctx: MailContext) -> Self {
        Self {
            ctx: Some(Arc::new(ctx)),
            wake: None,
        }
    }

    /// Queues no mail at all.
    pub fn disabled() -> Self {
        Self::default()
    }

    /// The notifier of a configuration: enabled unless `[mail] enabled =
    /// false` (`KLACHT_MAIL_ENABLED`).
    pub fn from_config(config: &crate::Config) -> Self {
        if config.mail.enabled {
            let mut ctx = config.mail.context(&config.organisation);
            ctx.mailbox = config.mailbox.address.clone();
            Self::new(ctx)
        } else {
            Self::disabled()
        }
    }

    /// Wakes the delivery worker of this process after mail was queued
    /// (see [`Notifier::queued`]), instead of waiting for its next round.
    pub fn with_wake(mut self, wake: Arc<Notify>) -> Self {
        self.wake = Some(wake);
        self
    }

    pub fn is_enabled(&self) -> bool {
        self.ctx.is_some()
    }

    pub fn context(&self) -> Option<&MailContext> {
        self.ctx.as_deref()
    }

    /// Tells the local worker that mail was committed to the outbox.
    pub fn queued(&self, messages: usize) {
        if messages > 0
            && let Some(wake) = &self.wake
        {
            wake.notify_one();
        }
    }

    /// The mail of a new complaint: the confirmation to the complainant
    /// and the notice to `manager`, the complaint's responsible manager
    /// (pass `None` when it has none yet, e.g. an unrouted public
    /// submission). `registered_by` names who took it in; `None` reads as
    /// the public form.
    pub fn on_intake(
        &self,
        c: &Complaint,
        tracking_code: Option<&TrackingCode>,
        registered_by: Option<&str>,
        manager: Option<&UserRecord>,
        calendar: &WorkingCalendar,
        at: Timestamp,
    ) -> Vec<NewOutboxMessage> {
        let Some(ctx) = self.context() else {
            return Vec::new();
        };
        if c.kind() != Kind::Complaint {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let Some((name, to)) = complainant_addresses(c) {
            let own = for_complainant(ctx, c);
            let mail = Confirmation {
                reference: c.reference().to_string(),
                name,
                tracking_code: tracking_code.map(ToString::to_string),
                terms: TermDates::new(own.t, c.received_at(), &c.terms(calendar)),
            };
            out.extend(queue_to_complainant(
                ctx,
                &mail,
                to,
                c,
                format!("intake:{}:complainant", c.id()),
                at,
            ));
        }
        // A manager who took the complaint in needs no notice of it.
        let manager = manager.filter(|m| {
            m.active
                && Some(m.user.id) == c.responsible_manager()
                && Some(m.user.id) != c.received_by()
        });
        if let Some(manager) = manager {
            let origin = registered_by.map_or(Origin::PublicForm, |n| Origin::Staff(n.to_owned()));
            let key = format!("intake:{}:manager", c.id());
            out.extend(manager_notice(ctx, c, manager, origin, calendar, key, at));
        }
        out
    }

    /// The mail caused by `new`, events just applied to `c` by `actor`,
    /// reading from the store only what these events need. Call it before
    /// storing the events and pass the result to `Store::append`.
    pub async fn for_events<S: Store>(
        &self,
        store: &S,
        c: &Complaint,
        new: &[Recorded],
        actor: Option<&User>,
        calendar: &WorkingCalendar,
        at: Timestamp,
    ) -> Result<Vec<NewOutboxMessage>, StoreError> {
        if !self.is_enabled() {
            return Ok(Vec::new());
        }
        let mut lookups = Lookups {
            actor_name: actor.map(|a| a.name.clone()),
            ..Lookups::default()
        };
        let user = |id: Option<UserId>| async move {
            match id {
                Some(id) => store.user_by_id(id).await,
                None => Ok(None),
            }
        };
        for r in new {
            match effective(&r.event) {
                Event::OfferMade(_) if lookups.handler.is_none() => {
                    lookups.handler = user(c.handler()).await?;
                }
                Event::ReportedToManager { manager } if lookups.manager.is_none() => {
                    lookups.manager = user(Some(*manager)).await?;
                }
                Event::HandlerAssigned { handler } if lookups.new_handler.is_none() => {
                    lookups.new_handler = user(Some(*handler)).await?;
                    // `c` already names the new handler; the stored row
                    // still names the one before this change.
                    let before = store
                        .load_stream(c.id())
                        .await?
                        .and_then(|(row, _)| row.handler);
                    lookups.previous_handler = user(before.filter(|p| p != handler)).await?;
                }
                Event::ConvertedToComplaint(_) => {
                    if lookups.tracking_code.is_none() {
                        lookups.tracking_code = store.tracking_code_of(c.id()).await?;
                    }
                    if lookups.manager.is_none() {
                        lookups.manager = user(c.responsible_manager()).await?;
                    }
                }
                Event::ActionAgreed(action) => {
                    if let Some(owner) = user(action.owner).await? {
                        lookups.action_owners.push(owner);
                    }
                }
                Event::FormSentToQualityManager => {
                    if lookups.tracking_code.is_none() {
                        lookups.tracking_code = store.tracking_code_of(c.id()).await?;
                    }
                    lookups.quality_managers = store
                        .list_users()
                        .await?
                        .into_iter()
                        .filter(|u| u.active && u.user.role == Role::QualityManager)
                        .collect();
                }
                _ => {}
            }
        }
        let mut out = self.on_events(c, new, &lookups, calendar, at);
        out.extend(self.consultation_mail(store, c, new, calendar, at).await?);
        out.extend(
            self.reopening_mail(store, c, new, actor, calendar, at)
                .await?,
        );
        Ok(out)
    }

    /// The mail caused by `new`, events just applied to `c`: the notice to
    /// a manager the complaint is routed to, the written confirmation of
    /// an offer (also of a corrected one), the satisfaction check and the
    /// quality managers' notice when the form went to the quality manager,
    /// the mail to the new (and previous) afhandelaar, and the intake mail
    /// of a signal converted to a complaint.
    pub fn on_events(
        &self,
        c: &Complaint,
        new: &[Recorded],
        lookups: &Lookups,
        calendar: &WorkingCalendar,
        at: Timestamp,
    ) -> Vec<NewOutboxMessage> {
        let Some(ctx) = self.context() else {
            return Vec::new();
        };
        if c.kind() != Kind::Complaint {
            return Vec::new();
        }
        let complainant = complainant_addresses(c);
        let mut out = Vec::new();
        for r in new {
            match (effective(&r.event), &complainant) {
                (Event::ReportedToManager { manager }, _) => {
                    // Intake's own report is announced by `on_intake`, a
                    // conversion's by its own notice below.
                    let routed = new.iter().all(|r| {
                        !matches!(
                            r.event,
                            Event::Registered(_) | Event::ConvertedToComplaint(_)
                        )
                    });
                    let Some(record) = lookups.manager.as_ref().filter(|m| {
                        m.active
                            && m.user.id == *manager
                            && Some(m.user.id) == c.responsible_manager()
                    }) else {
                        continue;
                    };
                    if !routed || r.actor.user() == Some(*manager) {
                        continue;
                    }
                    let origin = Origin::Routed(lookups.actor_name.clone().unwrap_or_else(|| {
                        for_staff(ctx, record).t.t("mail-someone-quality-manager")
                    }));
                    let key = format!("routed:{}:{}", c.id(), r.seq);
                    out.extend(manager_notice(ctx, c, record, origin, calendar, key, at));
                }
                (Event::OfferMade(offer), Some((name, to))) => {
                    let own = for_complainant(ctx, c);
                    let handler = lookups.handler.as_ref();
                    let key = format!("offer:{}:{}", c.id(), r.seq);
                    out.extend(if offer.kind == OfferKind::None {
                        let mail = decision_confirmation(&own, c, offer, name.clone(), handler);
                        queue_to_complainant(&own, &mail, to.clone(), c, key, at)
                    } else {
                        let mail =
                            offer_confirmation(&own, c, offer, name.clone(), handler, calendar);
                        queue_to_complainant(&own, &mail, to.clone(), c, key, at)
                    });
                }
                (Event::FormSentToQualityManager, Some((name, to))) => {
                    let mail = SatisfactionCheck {
                        reference: c.reference().to_string(),
                        name: name.clone(),
                        tracking_code: lookups.tracking_code.as_ref().map(ToString::to_string),
                    };
                    let key = format!("satisfaction:{}:{}", c.id(), r.seq);
                    let own = for_complainant(ctx, c);
                    out.extend(queue_to_complainant(&own, &mail, to.clone(), c, key, at));
                }
                _ => {}
            }
            // A correction of these would say the same again: only the
            // original event mails.
            match &r.event {
                Event::HandlerAssigned { handler } => {
                    out.extend(handler_mail(ctx, c, r, *handler, lookups, calendar, at));
                }
                Event::FormSentToQualityManager => {
                    out.extend(form_to_close(ctx, c, r, lookups, at));
                }
                Event::ConvertedToComplaint(_) => {
                    out.extend(conversion_mail(ctx, c, r, lookups, calendar, at));
                }
                Event::ActionAgreed(action) => {
                    out.extend(action_owner_mail(ctx, c, r, action, lookups, at));
                }
                _ => {}
            }
        }
        out
    }
}

/// To the new afhandelaar (unless they assigned themself) and, on a
/// reassignment, to the previous one (unless they did it).
fn handler_mail(
    ctx: &MailContext,
    c: &Complaint,
    r: &Recorded,
    handler: UserId,
    lookups: &Lookups,
    calendar: &WorkingCalendar,
    at: Timestamp,
) -> Vec<NewOutboxMessage> {
    let mut out = Vec::new();
    let Some(new) = lookups
        .new_handler
        .as_ref()
        .filter(|h| h.user.id == handler && Some(handler) == c.handler())
    else {
        return out;
    };
    let assigned_by = |own: &MailContext| {
        lookups
            .actor_name
            .clone()
            .unwrap_or_else(|| own.t.t("mail-someone-manager"))
    };
    let previous = lookups
        .previous_handler
        .as_ref()
        .filter(|p| p.user.id != handler);
    if new.active && r.actor.user() != Some(handler) {
        let own = for_staff(ctx, new);
        let mail = HandlerAssigned {
            reference: c.reference().to_string(),
            complaint_id: c.id().to_string(),
            handler_name: new.user.name.clone(),
            assigned_by: assigned_by(&own),
            previous: previous.map(|p| p.user.name.clone()),
            complainant: c.complainant().name().to_owned(),
            service: c.service().map(str::to_owned),
            summary: c.description().to_owned(),
            terms: TermDates::new(own.t, c.received_at(), &c.terms(calendar)),
        };
        let key = format!("assigned:{}:{}", c.id(), r.seq);
        out.extend(queue(&own, &mail, vec![address(new)], c, key, at));
    }
    if let Some(previous) = previous.filter(|p| p.active && r.actor.user() != Some(p.user.id)) {
        let own = for_staff(ctx, previous);
        let mail = HandlerReleased {
            reference: c.reference().to_string(),
            complaint_id: c.id().to_string(),
            previous_name: previous.user.name.clone(),
            handler_name: new.user.name.clone(),
            assigned_by: assigned_by(&own),
        };
        let key = format!("released:{}:{}", c.id(), r.seq);
        out.extend(queue(&own, &mail, vec![address(previous)], c, key, at));
    }
    out
}

/// To every active quality manager but the one who sent it: the form
/// waits for her to close the complaint.
fn form_to_close(
    ctx: &MailContext,
    c: &Complaint,
    r: &Recorded,
    lookups: &Lookups,
    at: Timestamp,
) -> Vec<NewOutboxMessage> {
    lookups
        .quality_managers
        .iter()
        .filter(|q| q.active && q.user.role == Role::QualityManager)
        .filter(|q| r.actor.user() != Some(q.user.id))
        .filter_map(|q| {
            let own = for_staff(ctx, q);
            let mail = FormToClose {
                reference: c.reference().to_string(),
                complaint_id: c.id().to_string(),
                quality_manager_name: q.user.name.clone(),
                sent_by: lookups
                    .actor_name
                    .clone()
                    .unwrap_or_else(|| own.t.t("mail-someone-handler")),
                blockers: closing_blockers(own.t, c),
            };
            let key = format!("form-to-close:{}:{}:{}", c.id(), r.seq, q.user.id);
            queue(&own, &mail, vec![address(q)], c, key, at)
        })
        .collect()
}

/// A signal that became a complaint is announced as a new complaint: the
/// confirmation with the tracking code to the complainant, the notice to
/// the responsible manager (unless they converted it). Its terms count
/// from the conversion ([`Complaint::terms_start`]).
fn conversion_mail(
    ctx: &MailContext,
    c: &Complaint,
    r: &Recorded,
    lookups: &Lookups,
    calendar: &WorkingCalendar,
    at: Timestamp,
) -> Vec<NewOutboxMessage> {
    let mut out = Vec::new();
    if let Some((name, to)) = complainant_addresses(c) {
        let own = for_complainant(ctx, c);
        let mail = Confirmation {
            reference: c.reference().to_string(),
            name,
            tracking_code: lookups.tracking_code.as_ref().map(ToString::to_string),
            terms: TermDates::new(own.t, c.received_at(), &c.terms(calendar)),
        };
        let key = format!("converted:{}:{}:complainant", c.id(), r.seq);
        out.extend(queue_to_complainant(&own, &mail, to, c, key, at));
    }
    let manager = lookups.manager.as_ref().filter(|m| {
        m.active && Some(m.user.id) == c.responsible_manager() && r.actor.user() != Some(m.user.id)
    });
    if let Some(manager) = manager {
        let origin = Origin::Converted(
            lookups
                .actor_name
                .clone()
                .unwrap_or_else(|| for_staff(ctx, manager).t.t("mail-someone-staff")),
        );
        let key = format!("converted:{}:{}:manager", c.id(), r.seq);
        out.extend(manager_notice(ctx, c, manager, origin, calendar, key, at));
    }
    out
}

/// To whoever an agreed action names to carry it out, unless she agreed
/// it herself: she is to act, and her reminders will follow.
fn action_owner_mail(
    ctx: &MailContext,
    c: &Complaint,
    r: &Recorded,
    action: &AgreedAction,
    lookups: &Lookups,
    at: Timestamp,
) -> Option<NewOutboxMessage> {
    let owner_id = action.owner.filter(|o| r.actor.user() != Some(*o))?;
    let owner = lookups
        .action_owners
        .iter()
        .find(|o| o.user.id == owner_id && o.active)?;
    let own = for_staff(ctx, owner);
    let mail = ActionAssigned {
        reference: c.reference().to_string(),
        complaint_id: c.id().to_string(),
        owner_name: owner.user.name.clone(),
        agreed_by: lookups
            .actor_name
            .clone()
            .unwrap_or_else(|| own.t.t("mail-someone-handler")),
        number: action.number,
        description: action.description.clone(),
        due: action.due.map(|d| own.t.long_date(d)),
    };
    let key = format!("action-owner:{}:{}", c.id(), r.seq);
    queue(&own, &mail, vec![address(owner)], c, key, at)
}

fn address(u: &UserRecord) -> Address {
    Address::new(u.user.name.clone(), u.user.email.to_string())
}

fn manager_notice(
    ctx: &MailContext,
    c: &Complaint,
    manager: &UserRecord,
    origin: Origin,
    calendar: &WorkingCalendar,
    dedupe_key: String,
    at: Timestamp,
) -> Option<NewOutboxMessage> {
    let own = for_staff(ctx, manager);
    let mail = ManagerNotice {
        reference: c.reference().to_string(),
        complaint_id: c.id().to_string(),
        manager_name: manager.user.name.clone(),
        origin,
        channel: own.t.label(c.channel()),
        complainant: c.complainant().name().to_owned(),
        service: c.service().map(str::to_owned),
        summary: c.description().to_owned(),
        terms: TermDates::new(own.t, c.received_at(), &c.terms(calendar)),
    };
    queue(&own, &mail, vec![address(manager)], c, dedupe_key, at)
}

/// A correction counts as the event it puts in place.
fn effective(event: &Event) -> &Event {
    match event {
        Event::Corrected { replacement, .. } => replacement,
        other => other,
    }
}

/// The offer in the words and dates of `own`, the complainant's context.
fn offer_confirmation(
    own: &MailContext,
    c: &Complaint,
    offer: &Offer,
    name: String,
    handler: Option<&UserRecord>,
    calendar: &WorkingCalendar,
) -> OfferConfirmation {
    OfferConfirmation {
        reference: c.reference().to_string(),
        name,
        merit: c.merit().map(|m| own.merit(m.value.merit)),
        letter: crate::documents::letter_paragraphs(c, offer),
        kind: own.offer_kind(offer.kind),
        description: offer.description.clone(),
        value: offer
            .value_cents
            .filter(|v| *v > 0)
            .map(|cents| own.t.euro(cents)),
        made_on: own.t.long_date(offer.made_on),
        respond_by: Some(
            own.t
                .long_date(calendar.add_working_days(offer.made_on, OFFER_ANSWER_WORKING_DAYS)),
        ),
        handler_name: handler
            .filter(|h| Some(h.user.id) == c.handler())
            .map(|h| h.user.name.clone()),
    }
}

/// "Geen aanbod": the decision confirmed in the handler's words for the
/// complainant, with nothing to accept and no date to answer by; in the
/// words and dates of `own`, the complainant's context.
fn decision_confirmation(
    own: &MailContext,
    c: &Complaint,
    offer: &Offer,
    name: String,
    handler: Option<&UserRecord>,
) -> DecisionConfirmation {
    DecisionConfirmation {
        reference: c.reference().to_string(),
        name,
        merit: c.merit().map(|m| own.merit(m.value.merit)),
        letter: crate::documents::letter_paragraphs(c, offer),
        decided_on: own.t.long_date(offer.made_on),
        handler_name: handler
            .filter(|h| Some(h.user.id) == c.handler())
            .map(|h| h.user.name.clone()),
    }
}

/// Whom complainant mail goes to, and the name the greeting uses: the
/// complainant when they gave an e-mail address, and the representative
/// (namens) when they did. `None` when neither has one.
pub(crate) fn complainant_addresses(c: &Complaint) -> Option<(String, Vec<Address>)> {
    let mut to = Vec::new();
    let mut greeting = None;
    let parties = std::iter::once(c.complainant()).chain(c.representative());
    for party in parties {
        if let Some(email) = party.email() {
            if to
                .iter()
                .any(|a: &Address| a.email.eq_ignore_ascii_case(email.as_str()))
            {
                continue;
            }
            greeting.get_or_insert_with(|| party.name().to_owned());
            to.push(Address::new(party.name(), email.to_string()));
        }
    }
    greeting.map(|g| (g, to))
}

/// The context of mail to member of staff `u`: the language they chose,
/// Dutch when none.
pub fn for_staff(ctx: &MailContext, u: &UserRecord) -> MailContext {
    ctx.in_language(u.language.unwrap_or_default())
}

/// The context of mail to `c`'s complainant: in the language she chose.
/// Build the mail's values (dates, judgement) with it and pass it to
/// [`queue_to_complainant`].
pub(crate) fn for_complainant(ctx: &MailContext, c: &Complaint) -> MailContext {
    ctx.in_language(c.language())
}

/// As [`queue`], for mail to the complainant, in her language (whatever
/// `ctx` speaks, so that the layout never differs from the values built
/// with [`for_complainant`]): its `Reply-To` names the
/// complaint (`klachten+K-2026-0042@…`, [`MailContext::complaint_reply_to`])
/// when a mailbox is configured, so that an answer lands on its timeline.
pub(crate) fn queue_to_complainant(
    ctx: &MailContext,
    mail: &impl Compose,
    to: Vec<Address>,
    c: &Complaint,
    dedupe_key: String,
    at: Timestamp,
) -> Option<NewOutboxMessage> {
    let ctx = &for_complainant(ctx, c);
    match mail.compose(ctx, to) {
        Ok(mut m) => {
            if let Some(reply_to) = ctx.complaint_reply_to(&c.reference().to_string()) {
                m.reply_to = Some(reply_to);
            }
            Some(
                NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), at)
                    .about(c.id())
                    .dedupe(dedupe_key),
            )
        }
        Err(e) => {
            tracing::error!(complaint = %c.reference(), error = %e, "e-mail left out");
            None
        }
    }
}

pub(crate) fn queue(
    ctx: &MailContext,
    mail: &impl Compose,
    to: Vec<Address>,
    c: &Complaint,
    dedupe_key: String,
    at: Timestamp,
) -> Option<NewOutboxMessage> {
    match mail.compose(ctx, to) {
        Ok(m) => Some(
            NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), at)
                .about(c.id())
                .dedupe(dedupe_key),
        ),
        Err(e) => {
            tracing::error!(complaint = %c.reference(), error = %e, "e-mail left out");
            None
        }
    }
}
