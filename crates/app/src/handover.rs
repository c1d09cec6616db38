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
//! [`reassign`] (issue 15) moves selected complaints to one new afhandelaar
//! the same way: the bulk action of Mijn klachten.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use klacht_domain::absence::may_manage_absence;
use klacht_domain::complaint::{Actor, Command, Complaint, Recorded};
use klacht_domain::permissions::{self, Action};
use klacht_domain::terms::Step;
use klacht_domain::{ComplaintId, Refusal, RefusalCode as Code, Role, User, UserId};
use klacht_mail::bulk_handover::{BulkHandover, MovedItem};
use klacht_mail::{Address, Compose, MailContext};
use klacht_store::{NewOutboxMessage, OutboxKind, Store, StoreError, StreamAppend, UserRecord};

use crate::absences::{next_open_term, next_term, open_work_of};
use crate::complaints::{Context, ServiceError, read_model, to_raw};

/// Why work was not handed over; the edges word the refusals in the
/// reader's language.
#[derive(Debug, thiserror::Error)]
pub enum HandoverError {
    #[error("{0}")]
    Forbidden(Refusal),
    #[error("niet gevonden")]
    NotFound,
    /// Per item (its form key) why it cannot be moved; nothing was written.
    #[error("niet alles kan worden overgedragen")]
    Items(BTreeMap<String, Refusal>),
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
        return Err(HandoverError::Forbidden(Code::HandoverOnlyManagers.into()));
    }
    let users = cx.store.list_users().await?;
    let person = users
        .iter()
        .find(|u| u.user.id == person)
        .map(|u| u.user.clone())
        .ok_or(HandoverError::NotFound)?;
    if !may_manage_absence(by, &person) {
        return Err(HandoverError::Forbidden(
            Code::HandoverNotYourTeam.text("name", &person.name),
        ));
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
    let mut out = reach(by, users);
    out.retain(|u| u.id != person.id);
    out
}

/// Who `by` may make afhandelaar (the rule of `AssignHandler`): a manager
/// themselves and their team, the quality manager and the director every
/// active staff member; `by` first, then by name.
pub fn reach(by: &User, users: &[UserRecord]) -> Vec<User> {
    let oversees_all = matches!(by.role, Role::QualityManager | Role::Director);
    let mut out: Vec<User> = users
        .iter()
        .filter(|u| u.active && u.user.role != Role::Admin)
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
            errors.insert(item.key.clone(), Code::HandoverChooseTaker.into());
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
    move_items(cx, by, per_complaint, errors, Some(&plan.person.name)).await
}

/// Makes `to` the afhandelaar of each of `complaints` at once: the bulk
/// reassignment of Mijn klachten. The same rules as one `AssignHandler`
/// each (a manager for their own team, the quality manager and the
/// director for all; never to someone who delivered the service), all or
/// nothing, and the same mails as a handover: one to `to` with the list,
/// one to each previous afhandelaar with where theirs went. A complaint
/// `by` may not reassign refuses the whole request
/// ([`HandoverError::Forbidden`]).
pub async fn reassign<S: Store>(
    cx: &Context<'_, S>,
    by: &User,
    complaints: &[ComplaintId],
    to: UserId,
) -> Result<Moved, HandoverError> {
    if !hands_over(by) {
        return Err(HandoverError::Forbidden(Code::ReassignOnlyManagers.into()));
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut items = Vec::new();
    for id in complaints.iter().filter(|id| seen.insert(**id)) {
        let c = match crate::complaints::load(cx.store, *id).await {
            Ok(c) => c,
            Err(ServiceError::NotFound) => return Err(not_yours(None)),
            Err(e) => return Err(e.into()),
        };
        if !permissions::can_view(by, &c) {
            return Err(not_yours(None));
        }
        if !permissions::may(by, &c, Action::AssignHandler) {
            return Err(not_yours(Some(&c)));
        }
        items.push(Item {
            key: complaint_key(c.id()),
            what: next_term(&c, cx.calendar),
            complaint: c,
            action: None,
        });
    }
    let users = cx.store.list_users().await?;
    let reachable = reach(by, &users);
    let mut errors = BTreeMap::new();
    let Some(to) = reachable.iter().find(|u| u.id == to) else {
        errors.insert(REASSIGN_TO.to_owned(), Code::ReassignChooseHandler.into());
        return Err(HandoverError::Items(errors));
    };
    let per_complaint = items
        .iter()
        .map(|item| (item.complaint.clone(), vec![(item, to)]))
        .collect();
    move_items(cx, by, per_complaint, errors, None).await
}

/// The form field of the new afhandelaar in a bulk reassignment, the key
/// of its error in [`HandoverError::Items`].
pub const REASSIGN_TO: &str = "afhandelaar";

fn not_yours(c: Option<&Complaint>) -> HandoverError {
    HandoverError::Forbidden(match c {
        Some(c) => Code::ReassignNotYourTeam.text("reference", c.reference()),
        None => Code::ReassignNotAll.into(),
    })
}

/// Decides every move on its complaint and, when the domain refuses none,
/// writes them all with their mails in one transaction. `from`: whose
/// work it was, for the mail of who receives it (none: several people's).
async fn move_items<S: Store>(
    cx: &Context<'_, S>,
    by: &User,
    per_complaint: Vec<(Complaint, Vec<(&Item, &User)>)>,
    mut errors: BTreeMap<String, Refusal>,
    from: Option<&str>,
) -> Result<Moved, HandoverError> {
    let mut appends = Vec::new();
    let mut received: Lists = BTreeMap::new();
    let mut given: Lists = BTreeMap::new();
    let (mut complaints, mut actions) = (0, 0);
    for (mut c, list) in per_complaint {
        let version = c.version();
        let mut recorded: Vec<Recorded> = Vec::new();
        for (item, to) in list {
            let (cmd, before) = match item.action {
                None => (
                    Command::AssignHandler {
                        handler: to.clone(),
                    },
                    c.handler(),
                ),
                Some(number) => (
                    Command::ChangeActionOwner {
                        number,
                        owner: to.clone(),
                    },
                    c.action(number).and_then(|a| a.agreed.value.owner),
                ),
            };
            let events = match c.decide(cmd, by, cx.now) {
                Ok(events) => events,
                Err(e) => {
                    errors.insert(item.key.clone(), e.refusal().clone());
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
            let moved = MovedWork {
                reference: c.reference().to_string(),
                complaint_id: c.id().to_string(),
                what: match item.action {
                    None => What::Term(next_open_term(&item.complaint, cx.calendar)),
                    Some(_) => What::Description(item.what.clone()),
                },
                to_name: to.name.clone(),
            };
            let slot = received.entry(to.id).or_default();
            let previous = before.map(|p| given.entry(p).or_default());
            if item.action.is_none() {
                complaints += 1;
                slot.0.push(moved.clone());
                if let Some(p) = previous {
                    p.0.push(moved);
                }
            } else {
                actions += 1;
                slot.1.push(moved.clone());
                if let Some(p) = previous {
                    p.1.push(moved);
                }
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
    let outbox = mails(cx, by, from, received, given).await?;
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

/// Per person, the complaints and the agreed actions moved to (or away
/// from) them.
type Lists = BTreeMap<UserId, (Vec<MovedWork>, Vec<MovedWork>)>;

/// One moved item, until the mail puts it in its reader's words.
#[derive(Debug, Clone)]
struct MovedWork {
    reference: String,
    complaint_id: String,
    what: What,
    to_name: String,
}

/// What a moved item is, in the list of the mail.
#[derive(Debug, Clone)]
enum What {
    /// A complaint: its next open term, if any.
    Term(Option<(Step, Date)>),
    /// An agreed action: its description, as typed.
    Description(String),
}

impl MovedWork {
    fn in_words_of(&self, own: &MailContext) -> MovedItem {
        MovedItem {
            reference: self.reference.clone(),
            complaint_id: self.complaint_id.clone(),
            what: match &self.what {
                What::Term(next) => next
                    .map(|(step, due)| own.next_term(step, due))
                    .unwrap_or_default(),
                What::Description(d) => d.clone(),
            },
            to_name: self.to_name.clone(),
        }
    }
}

/// One mail per new handler or owner, and one per person handed over from
/// (not to `by`, who did it, nor to an inactive account).
async fn mails<S: Store>(
    cx: &Context<'_, S>,
    by: &User,
    from: Option<&str>,
    received: Lists,
    given: Lists,
) -> Result<Vec<NewOutboxMessage>, HandoverError> {
    let Some(ctx) = cx.notifier.context() else {
        return Ok(Vec::new());
    };
    let batch = uuid::Uuid::now_v7();
    let mut out = Vec::new();
    let mut push = |to: &UserRecord, own: &MailContext, mail: BulkHandover, side: &str| {
        let key = format!("bulk-handover:{batch}:{side}:{}", to.user.id);
        match mail.compose(
            own,
            vec![Address::new(to.user.name.clone(), to.user.email.as_str())],
        ) {
            Ok(m) => {
                out.push(NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), cx.now).dedupe(key))
            }
            Err(e) => tracing::error!(%key, error = %e, "handover mail not composed"),
        }
    };
    for (to_receiver, lists) in [(true, received), (false, given)] {
        for (to, (complaints, actions)) in lists {
            if to == by.id {
                continue;
            }
            let Some(to) = cx.store.user_by_id(to).await?.filter(|u| u.active) else {
                continue;
            };
            let own = crate::notify::for_staff(ctx, &to);
            let words = |list: Vec<MovedWork>| -> Vec<MovedItem> {
                list.iter().map(|m| m.in_words_of(&own)).collect()
            };
            let mail = BulkHandover {
                recipient_name: to.user.name.clone(),
                from_name: from.map(str::to_owned),
                by_name: by.name.clone(),
                received: to_receiver,
                complaints: words(complaints),
                actions: words(actions),
            };
            push(&to, &own, mail, if to_receiver { "to" } else { "from" });
        }
    }
    Ok(out)
}
