//! Overdracht (issue 16): a manager (for their team; the quality manager
//! and the director for anyone) moves *all* open complaints a person
//! handles and all open agreed actions they own to others in one form.
//! Builds on the per-complaint handover of issue 12 ([`crate::absences`]):
//! the same open work ([`open_work_of`]) and the same domain commands
//! (`AssignHandler`, and `ChangeActionOwner` for an action), so every
//! move is an event on its complaint. All or nothing: one item the domain
//! refuses (e.g. the new handler delivered the service complained about)
//! writes nothing, and the form comes back with the reason at that item.
//! Each new handler or owner gets one mail with the list of what they
//! received, the person handed over from one with where it all went.

use std::collections::{BTreeMap, HashMap};

use klacht_domain::absence::may_manage_absence;
use klacht_domain::complaint::{Actor, Command, Complaint, Recorded};
use klacht_domain::permissions::Action;
use klacht_domain::{ComplaintId, Role, User, UserId};
use klacht_mail::bulk_handover::{BulkHandover, MovedItem};
use klacht_mail::{Address, Compose};
use klacht_store::{NewOutboxMessage, OutboxKind, Store, StoreError, StreamAppend, UserRecord};

use crate::absences::{next_term, open_work_of};
use crate::complaints::{Context, ServiceError, read_model, to_raw};

#[derive(Debug, thiserror::Error)]
pub enum HandoverError {
    #[error("{0}")]
    Forbidden(String),
    #[error("niet gevonden")]
    NotFound,
    /// Per item (its form key) why it cannot be moved; nothing was written.
    #[error("niet alles kan worden overgedragen")]
    Items(BTreeMap<String, String>),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<StoreError> for HandoverError {
    fn from(e: StoreError) -> Self {
        HandoverError::Service(ServiceError::Store(e))
    }
}

/// One thing to move.
#[derive(Debug, Clone)]
pub struct Item {
    /// The form field's name: `klacht-{id}` or `actie-{id}-{number}`.
    pub key: String,
    pub complaint: Complaint,
    /// `None`: the complaint itself (as afhandelaar); `Some(n)`: agreed
    /// action `n` (as owner).
    pub action: Option<u32>,
    /// The next term of a complaint, the description of an action.
    pub what: String,
}

/// The person's open work and who may take it over.
#[derive(Debug, Clone)]
pub struct Plan {
    pub person: User,
    pub items: Vec<Item>,
    /// Active staff who may receive it, the one handing over first: a
    /// manager chooses from themselves and their team (the rule of
    /// `AssignHandler`), the quality manager and the director from all.
    pub takers: Vec<User>,
}

pub fn complaint_key(id: ComplaintId) -> String {
    format!("klacht-{id}")
}

pub fn action_key(id: ComplaintId, number: u32) -> String {
    format!("actie-{id}-{number}")
}

/// Whether `by`'s role hands over at all (those who assign afhandelaars).
pub fn hands_over(by: &User) -> bool {
    matches!(
        by.role,
        Role::Manager | Role::QualityManager | Role::Director
    )
}

/// What `by` may hand over of `person`'s work. A manager of another team
/// is refused (403): the person is not theirs.
pub async fn plan<S: Store>(
    cx: &Context<'_, S>,
    by: &User,
    person: UserId,
) -> Result<Plan, HandoverError> {
    if !hands_over(by) {
        return Err(HandoverError::Forbidden(
            "Overdracht is voor leidinggevenden, de kwaliteitsmanager en de directeur.".into(),
        ));
    }
    let users = cx.store.list_users().await?;
    let person = users
        .iter()
        .find(|u| u.user.id == person)
        .map(|u| u.user.clone())
        .ok_or(HandoverError::NotFound)?;
    if !may_manage_absence(by, &person) {
        return Err(HandoverError::Forbidden(format!(
            "U kunt het werk van {} niet overdragen: alleen dat van uw eigen team.",
            person.name
        )));
    }
    let work = open_work_of(cx.store, person.id).await?;
    let mut items = Vec::new();
    for c in work.complaints {
        // Handed in (form sent, nothing left for a handler): nothing to move.
        if !c.is_possible(Action::AssignHandler) {
            continue;
        }
        items.push(Item {
            key: complaint_key(c.id()),
            what: next_term(&c, cx.calendar),
            complaint: c,
            action: None,
        });
    }
    for (c, number) in work.actions {
        let what = c
            .action(number)
            .map(|a| a.agreed.value.description.clone())
            .unwrap_or_default();
        items.push(Item {
            key: action_key(c.id(), number),
            complaint: c,
            action: Some(number),
            what,
        });
    }
    Ok(Plan {
        takers: takers(by, &person, &users),
        person,
        items,
    })
}

fn takers(by: &User, person: &User, users: &[UserRecord]) -> Vec<User> {
    let oversees_all = matches!(by.role, Role::QualityManager | Role::Director);
    let mut out: Vec<User> = users
        .iter()
        .filter(|u| u.active && u.user.role != Role::Admin && u.user.id != person.id)
        .filter(|u| oversees_all || u.user.id == by.id || u.user.manager == Some(by.id))
        .map(|u| u.user.clone())
        .collect();
    out.sort_by(|a, b| (a.id != by.id, &a.name).cmp(&(b.id != by.id, &b.name)));
    out
}

/// What was moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub complaints: usize,
    pub actions: usize,
    pub mails: usize,
}

/// Moves every item of `person`'s plan to the user chosen for it in
/// `choices` (form key → user id; an item without a choice goes to `by`),
/// in one transaction with the mails.
pub async fn hand_over<S: Store>(
    cx: &Context<'_, S>,
    by: &User,
    person: UserId,
    choices: &HashMap<String, String>,
) -> Result<Moved, HandoverError> {
    let plan = plan(cx, by, person).await?;
    let takers: HashMap<UserId, &User> = plan.takers.iter().map(|u| (u.id, u)).collect();
    let mut errors = BTreeMap::new();
    // Per complaint, in the plan's order, the commands for its items.
    let mut per_complaint: Vec<(Complaint, Vec<(&Item, &User)>)> = Vec::new();
    for item in &plan.items {
        let chosen = choices
            .get(&item.key)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty());
        let to = match chosen {
            None => takers.get(&by.id).copied(),
            Some(raw) => raw
                .parse::<UserId>()
                .ok()
                .and_then(|id| takers.get(&id).copied()),
        };
        let Some(to) = to else {
            errors.insert(
                item.key.clone(),
                "Kies aan wie u dit overdraagt (uzelf of iemand uit uw team).".into(),
            );
            continue;
        };
        match per_complaint
            .iter_mut()
            .find(|(c, _)| c.id() == item.complaint.id())
        {
            Some((_, list)) => list.push((item, to)),
            None => per_complaint.push((item.complaint.clone(), vec![(item, to)])),
        }
    }
    let mut appends = Vec::new();
    let mut received: BTreeMap<UserId, (Vec<MovedItem>, Vec<MovedItem>)> = BTreeMap::new();
    let mut given: (Vec<MovedItem>, Vec<MovedItem>) = (Vec::new(), Vec::new());
    let (mut complaints, mut actions) = (0, 0);
    for (mut c, list) in per_complaint {
        let version = c.version();
        let mut recorded: Vec<Recorded> = Vec::new();
        for (item, to) in list {
            let cmd = match item.action {
                None => Command::AssignHandler {
                    handler: to.clone(),
                },
                Some(number) => Command::ChangeActionOwner {
                    number,
                    owner: to.clone(),
                },
            };
            let events = match c.decide(cmd, by, cx.now) {
                Ok(events) => events,
                Err(e) => {
                    errors.insert(item.key.clone(), e.message().to_owned());
                    continue;
                }
            };
            let stamped = Recorded::stamp(c.version(), Actor::User(by.id), cx.now, events);
            for r in &stamped {
                c.apply(r).map_err(|e| ServiceError::Corrupt {
                    id: c.id(),
                    reason: e.to_string(),
                })?;
            }
            recorded.extend(stamped);
            let moved = MovedItem {
                reference: c.reference().to_string(),
                complaint_id: c.id().to_string(),
                what: item.what.clone(),
                to_name: to.name.clone(),
            };
            let slot = received.entry(to.id).or_default();
            if item.action.is_none() {
                complaints += 1;
                slot.0.push(moved.clone());
                given.0.push(moved);
            } else {
                actions += 1;
                slot.1.push(moved.clone());
                given.1.push(moved);
            }
        }
        if recorded.is_empty() {
            continue;
        }
        let id = c.id();
        appends.push(StreamAppend {
            expected_version: version,
            events: recorded
                .iter()
                .map(|r| to_raw(id, r))
                .collect::<Result<_, _>>()?,
            row: read_model(&c, cx.calendar, cx.now),
        });
    }
    if !errors.is_empty() {
        return Err(HandoverError::Items(errors));
    }
    let outbox = mails(cx, by, &plan.person, received, given).await?;
    if !appends.is_empty() {
        cx.store.append_many(&appends, &outbox).await?;
        cx.notifier.queued(outbox.len());
    }
    Ok(Moved {
        complaints,
        actions,
        mails: outbox.len(),
    })
}

/// One mail per new handler or owner (not to `by`, who did it), and one to
/// the person handed over from, while their account is active.
async fn mails<S: Store>(
    cx: &Context<'_, S>,
    by: &User,
    person: &User,
    received: BTreeMap<UserId, (Vec<MovedItem>, Vec<MovedItem>)>,
    given: (Vec<MovedItem>, Vec<MovedItem>),
) -> Result<Vec<NewOutboxMessage>, HandoverError> {
    let Some(ctx) = cx.notifier.context() else {
        return Ok(Vec::new());
    };
    let batch = uuid::Uuid::now_v7();
    let mut out = Vec::new();
    let mut push = |to: &UserRecord, mail: BulkHandover| {
        let key = format!("bulk-handover:{batch}:{}", to.user.id);
        match mail.compose(
            ctx,
            vec![Address::new(to.user.name.clone(), to.user.email.as_str())],
        ) {
            Ok(m) => {
                out.push(NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), cx.now).dedupe(key))
            }
            Err(e) => tracing::error!(%key, error = %e, "handover mail not composed"),
        }
    };
    for (to, (complaints, actions)) in received {
        if to == by.id {
            continue;
        }
        let Some(to) = cx.store.user_by_id(to).await?.filter(|u| u.active) else {
            continue;
        };
        let mail = BulkHandover {
            recipient_name: to.user.name.clone(),
            from_name: person.name.clone(),
            by_name: by.name.clone(),
            received: true,
            complaints,
            actions,
        };
        push(&to, mail);
    }
    if (!given.0.is_empty() || !given.1.is_empty())
        && let Some(p) = cx.store.user_by_id(person.id).await?.filter(|u| u.active)
    {
        let mail = BulkHandover {
            recipient_name: p.user.name.clone(),
            from_name: person.name.clone(),
            by_name: by.name.clone(),
            received: false,
            complaints: given.0,
            actions: given.1,
        };
        push(&p, mail);
    }
    Ok(out)
}
