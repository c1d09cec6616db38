//! Improvement actions (verbeteracties): open (blank or from a pattern),
//! change status, close with an evaluation, load and list. Each change is
//! decided by the domain and stored with its event (who, when, what) in
//! one transaction, at the version the user saw.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::improvement::{
    self, ImprovementAction, ImprovementEvent, ImprovementNumber, ImprovementStatus,
    MAX_COMPLAINTS, NewImprovement, may_manage,
};
use klacht_domain::patterns::{Pattern, PatternKey, PatternRules};
use klacht_domain::{ComplaintId, RefusalCode, Role, User, UserId};
use klacht_store::{
    DecisionOutcome, ImprovementEventRow, ImprovementFilter, ImprovementPage, ImprovementRow,
    LinkedComplaint, PatternDecision, Store, StoreError,
};

use super::patterns::{covered, fingerprint, open_pattern};
use super::{ImprovementServiceError, invalid, not_allowed, wrong_state};

/// What the quality manager posts to open an action.
#[derive(Debug, Clone)]
pub struct ActionInput {
    pub title: String,
    pub description: String,
    pub owner: UserId,
    pub due_on: Date,
    pub complaints: Vec<ComplaintId>,
    /// The open pattern it answers; the decision about it is recorded
    /// with the action.
    pub pattern: Option<PatternKey>,
    /// The whole pattern, as the form showed it (its [`fingerprint`]):
    /// the decision covers every complaint of the pattern and the action
    /// links its newest beside `complaints`, up to [`MAX_COMPLAINTS`].
    /// Refused when the pattern changed since. `None`: the action links
    /// `complaints` and the decision covers those of the pattern.
    pub whole_pattern_seen: Option<String>,
}

/// One line of an action's history: what happened, worded by the page
/// in its reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub seq: u64,
    pub at: Timestamp,
    pub who: String,
    pub event: ImprovementEvent,
}

/// An action as a page shows it.
#[derive(Debug, Clone)]
pub struct ActionView {
    pub action: ImprovementAction,
    pub linked: Vec<LinkedComplaint>,
    pub history: Vec<HistoryLine>,
}

fn corrupt(e: impl ToString) -> ImprovementServiceError {
    ImprovementServiceError::Corrupt(e.to_string())
}

fn to_domain(row: ImprovementRow) -> Result<ImprovementAction, ImprovementServiceError> {
    Ok(ImprovementAction {
        id: row.id,
        number: ImprovementNumber::new(row.year, row.number).map_err(corrupt)?,
        status: row.status.parse().map_err(corrupt)?,
        title: row.title,
        description: row.description,
        owner: row.owner,
        due_on: row.due_on,
        evaluation: row.evaluation,
        complaints: row.complaints,
        pattern: row.pattern_key,
        created_by: row.created_by,
        created_at: row.created_at,
        closed_at: row.closed_at,
        version: row.version,
    })
}

fn to_row(a: &ImprovementAction, updated_at: Timestamp) -> ImprovementRow {
    ImprovementRow {
        id: a.id,
        year: a.number.year(),
        number: a.number.number(),
        title: a.title.clone(),
        description: a.description.clone(),
        owner: a.owner,
        due_on: a.due_on,
        status: a.status.as_str().to_owned(),
        evaluation: a.evaluation.clone(),
        pattern_key: a.pattern.clone(),
        created_by: a.created_by,
        created_at: a.created_at,
        updated_at,
        closed_at: a.closed_at,
        version: a.version,
        complaints: a.complaints.clone(),
    }
}

fn event_row(
    action: uuid::Uuid,
    seq: u64,
    by: &User,
    at: Timestamp,
    event: &ImprovementEvent,
) -> Result<ImprovementEventRow, ImprovementServiceError> {
    Ok(ImprovementEventRow {
        action_id: action,
        seq,
        at,
        actor: Some(by.id),
        actor_name: by.name.clone(),
        kind: event.kind().to_owned(),
        data: serde_json::to_string(event).map_err(corrupt)?,
    })
}

/// Opens an action. From a pattern, the pattern must still be open; the
/// decision "acted on" covers the whole pattern as the form showed it
/// ([`ActionInput::whole_pattern_seen`]), or else the pattern's complaints
/// the action links (complaints left out stay uncovered and count towards
/// a new flag).
pub async fn create<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    rules: &PatternRules,
    by: &User,
    input: ActionInput,
    at: Timestamp,
) -> Result<ImprovementAction, ImprovementServiceError> {
    if !may_manage(by) {
        return Err(not_allowed(RefusalCode::ImprovementManageOnly));
    }
    let owner = match store.user_by_id(input.owner).await? {
        Some(u) if u.active && u.user.role != Role::Admin => u.user,
        _ => {
            return Err(invalid("eigenaar", RefusalCode::ImprovementOwnerFromList));
        }
    };
    let today = calendar.local_date(at);
    let flagged = match &input.pattern {
        Some(key) => Some(open_pattern(store, calendar, rules, today, key).await?),
        None => None,
    };
    let mut complaints = input.complaints;
    let whole = match (&flagged, &input.whole_pattern_seen) {
        (Some(flagged), Some(seen)) => {
            if *seen != fingerprint(&flagged.pattern) {
                return Err(wrong_state(RefusalCode::ImprovementActionPatternChanged));
            }
            complaints = with_newest_of(complaints, &flagged.pattern);
            true
        }
        _ => false,
    };
    let event = improvement::open(
        NewImprovement {
            title: input.title,
            description: input.description,
            owner,
            due_on: input.due_on,
            complaints,
            pattern: input.pattern.clone(),
        },
        by,
        today,
    )?;
    let id = uuid::Uuid::now_v7();
    let mut action = ImprovementAction::opened(
        id,
        // Replaced by the number the store hands out.
        ImprovementNumber::new(today.year(), 1).map_err(corrupt)?,
        &event,
        by.id,
        at,
    )
    .ok_or_else(|| corrupt("opened event expected"))?;
    let decision = match (&input.pattern, flagged) {
        (Some(key), Some(flagged)) => {
            let covers = if whole {
                flagged.pattern.ids().collect()
            } else {
                if !flagged
                    .pattern
                    .ids()
                    .any(|c| action.complaints.contains(&c))
                {
                    return Err(invalid(
                        "klachten",
                        RefusalCode::ImprovementNoPatternComplaint,
                    ));
                }
                covered(&flagged.pattern, &action.complaints)
            };
            Some(PatternDecision {
                id: uuid::Uuid::now_v7(),
                key: key.to_string(),
                label: flagged.label,
                window_from: flagged.pattern.from,
                window_to: flagged.pattern.to,
                outcome: DecisionOutcome::Acted { action: id },
                decided_by: by.id,
                decided_by_name: by.name.clone(),
                decided_at: at,
                complaints: covers,
            })
        }
        _ => None,
    };
    let row = to_row(&action, at);
    let first = event_row(id, 1, by, at, &event)?;
    let number = store
        .create_improvement_action(&row, &first, decision.as_ref())
        .await?;
    action.number = ImprovementNumber::new(row.year, number).map_err(corrupt)?;
    Ok(action)
}

/// The complaints named, then the pattern's newest not named yet, up to
/// what one action links: a pattern at a large organisation holds
/// thousands; the decision covers them all, the action links examples.
fn with_newest_of(mut named: Vec<ComplaintId>, pattern: &Pattern) -> Vec<ComplaintId> {
    let room = MAX_COMPLAINTS.saturating_sub(named.len());
    let newest: Vec<ComplaintId> = pattern
        .complaints
        .iter()
        .rev()
        .map(|c| c.id)
        .filter(|id| !named.contains(id))
        .take(room)
        .collect();
    named.extend(newest);
    named
}

/// The action behind a number such as V-2026-0003.
pub async fn resolve_number<S: Store>(
    store: &S,
    number: ImprovementNumber,
) -> Result<Option<uuid::Uuid>, ImprovementServiceError> {
    Ok(store
        .improvement_action_id_by_number(number.year(), number.number())
        .await?)
}

/// An action with its complaints and history, when `viewer` may see it;
/// [`ImprovementServiceError::NotFound`] otherwise, as for one that does
/// not exist.
pub async fn load<S: Store>(
    store: &S,
    id: uuid::Uuid,
    viewer: &User,
) -> Result<ActionView, ImprovementServiceError> {
    let (item, events) = store
        .improvement_action(id)
        .await?
        .ok_or(ImprovementServiceError::NotFound)?;
    let linked = item.linked;
    let action = to_domain(item.row)?;
    if !action.may_view(viewer) {
        return Err(ImprovementServiceError::NotFound);
    }
    let history = events
        .iter()
        .map(|e| {
            let event: ImprovementEvent = serde_json::from_str(&e.data)
                .map_err(|err| corrupt(format!("event {} of {id}: {err}", e.seq)))?;
            Ok(HistoryLine {
                seq: e.seq,
                at: e.at,
                who: e.actor_name.clone(),
                event,
            })
        })
        .collect::<Result<Vec<_>, ImprovementServiceError>>()?;
    Ok(ActionView {
        action,
        linked,
        history,
    })
}

/// Decides a change on the action as stored now and writes it, when the
/// stored version is still `expected` (the one the user saw).
async fn change<S: Store>(
    store: &S,
    id: uuid::Uuid,
    by: &User,
    expected: Option<u64>,
    at: Timestamp,
    decide: impl FnOnce(&ImprovementAction) -> Result<ImprovementEvent, improvement::ImprovementError>,
) -> Result<ImprovementAction, ImprovementServiceError> {
    let (item, _) = store
        .improvement_action(id)
        .await?
        .ok_or(ImprovementServiceError::NotFound)?;
    let mut action = to_domain(item.row)?;
    if !action.may_view(by) {
        return Err(ImprovementServiceError::NotFound);
    }
    let version = action.version;
    if let Some(expected) = expected.filter(|e| *e != version) {
        return Err(ImprovementServiceError::Store(StoreError::Conflict {
            expected,
        }));
    }
    let event = decide(&action)?;
    if !action.apply(&event, at) {
        return Err(wrong_state(RefusalCode::ImprovementChangeDoesNotFit));
    }
    let row = to_row(&action, at);
    let ev = event_row(id, action.version, by, at, &event)?;
    store.update_improvement_action(version, &row, &ev).await?;
    Ok(action)
}

/// Moves an action between open and in progress (owner, quality manager,
/// director).
pub async fn change_status<S: Store>(
    store: &S,
    id: uuid::Uuid,
    by: &User,
    to: ImprovementStatus,
    expected: Option<u64>,
    at: Timestamp,
) -> Result<ImprovementAction, ImprovementServiceError> {
    change(store, id, by, expected, at, |a| a.change_status(to, by)).await
}

/// Closes an action with the evaluation of its effect.
pub async fn close<S: Store>(
    store: &S,
    id: uuid::Uuid,
    by: &User,
    evaluation: &str,
    expected: Option<u64>,
    at: Timestamp,
) -> Result<ImprovementAction, ImprovementServiceError> {
    change(store, id, by, expected, at, |a| a.close(evaluation, by)).await
}

/// One page of the actions `viewer` may see: all of them for the quality
/// manager and the director, one's own for everyone else.
pub async fn list<S: Store>(
    store: &S,
    viewer: &User,
    mut filter: ImprovementFilter,
) -> Result<ImprovementPage, ImprovementServiceError> {
    if viewer.role == Role::Admin {
        return Err(not_allowed(RefusalCode::ImprovementAdminSeesNone));
    }
    if !may_manage(viewer) {
        filter.owner = Some(viewer.id);
    }
    Ok(store.list_improvement_actions(&filter).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use klacht_domain::ReferenceNumber;
    use klacht_domain::patterns::{Dimension, PatternComplaint};

    fn pattern(size: u32) -> Pattern {
        Pattern {
            key: PatternKey::new(Dimension::Category, "Planning").expect("key"),
            dimension: Dimension::Category,
            value: "Planning".into(),
            from: date(2026, 9, 8),
            to: date(2026, 12, 7),
            complaints: (1..=size)
                .map(|n| PatternComplaint {
                    id: ComplaintId::new(uuid::Uuid::now_v7()),
                    reference: ReferenceNumber::new(2026, n).expect("reference"),
                    received_on: date(2026, 10, 1),
                    new: true,
                })
                .collect(),
        }
    }

    #[test]
    fn an_action_links_the_named_then_the_newest_of_a_large_pattern() {
        let large = pattern(250);
        let oldest = large.complaints[0].id;
        let elsewhere = ComplaintId::new(uuid::Uuid::now_v7());
        let linked = with_newest_of(vec![elsewhere, oldest], &large);
        assert_eq!(linked.len(), MAX_COMPLAINTS);
        assert_eq!(&linked[..2], &[elsewhere, oldest], "the named first");
        let newest: Vec<ComplaintId> = large.complaints.iter().rev().map(|c| c.id).collect();
        assert_eq!(
            &linked[2..],
            &newest[..MAX_COMPLAINTS - 2],
            "then the newest"
        );

        let small = pattern(23);
        let linked = with_newest_of(vec![small.complaints[5].id], &small);
        assert_eq!(linked.len(), 23, "each once: {linked:?}");
    }
}
