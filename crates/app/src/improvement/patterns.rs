//! Patterns: the facts detection needs, read from the store in one query,
//! the open patterns with a name each, and dismissing one.

use std::collections::{BTreeSet, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::Event;
use klacht_domain::improvement::may_manage;
use klacht_domain::patterns::{
    ComplaintFacts, Decided, Detection, Dimension, Pattern, PatternKey, PatternRules,
};
use klacht_domain::{ComplaintId, RefusalCode, User, UserId};
use klacht_store::{DecisionOutcome, PatternDecision, Store, UserRecord};
use sha2::{Digest, Sha256};

use super::{ImprovementServiceError, invalid, not_allowed, wrong_state};
use crate::complaints::from_raw;

/// Complaints read per query by detection.
const SOURCES_PAGE: u32 = 2000;

/// The longest reason for a dismissal.
const REASON_MAX: usize = 20_000;

/// A pattern as the quality manager sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlaggedPattern {
    pub pattern: Pattern,
    /// "Planning", "Thuiszorg", "team van Margriet Jansen".
    pub label: String,
}

/// The facts of every complaint received in the window that ends `today`
/// and in the windows before it (a group's usual share, see
/// [`klacht_domain::patterns::stands_out`]). The involved team is each
/// involved employee's current manager.
pub async fn facts<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    rules: &PatternRules,
    today: Date,
) -> Result<Vec<ComplaintFacts>, ImprovementServiceError> {
    let users = store.list_users().await?;
    let mut out = Vec::new();
    for_each_fact(store, calendar, rules, today, &users, |f| out.push(f)).await?;
    Ok(out)
}

/// Hands the facts of [`facts`] to `each`, one complaint at a time, a page
/// of [`SOURCES_PAGE`] complaints' intake events in memory at once.
async fn for_each_fact<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    rules: &PatternRules,
    today: Date,
    users: &[UserRecord],
    mut each: impl FnMut(ComplaintFacts) + Send,
) -> Result<(), ImprovementServiceError> {
    let from = rules
        .history_from(today)
        .to_zoned(calendar.time_zone().clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MIN);
    let managers: HashMap<UserId, UserId> = users
        .iter()
        .filter_map(|u| Some((u.user.id, u.user.manager?)))
        .collect();
    let mut after = None;
    loop {
        let page = store.pattern_sources(from, after, SOURCES_PAGE).await?;
        for s in page.sources {
            // Intake names the involved employees; a corrected intake may
            // name others.
            let mut involved: Vec<UserId> = Vec::new();
            for raw in &s.events {
                let rec = from_raw(raw)?;
                match rec.event {
                    Event::Registered(r) => involved = r.involved_employees,
                    Event::Corrected { replacement, .. } => {
                        if let Event::Registered(r) = *replacement {
                            involved = r.involved_employees;
                        }
                    }
                    _ => {}
                }
            }
            let mut teams: Vec<UserId> = involved
                .iter()
                .filter_map(|u| managers.get(u).copied())
                .collect();
            teams.sort();
            teams.dedup();
            each(ComplaintFacts {
                id: s.id,
                reference: s.reference,
                received_on: calendar.local_date(s.received_at),
                category: s.category,
                service: s.service,
                teams,
            });
        }
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(()),
        }
    }
}

/// Decisions whose window reaches `from` (the ones that may cover a
/// complaint received since), for detection and for reports.
pub async fn decisions_since<S: Store>(
    store: &S,
    from: Date,
) -> Result<Vec<PatternDecision>, ImprovementServiceError> {
    Ok(store.pattern_decisions(from).await?)
}

/// The patterns that wait for the quality manager's decision, most
/// complaints first, each with a name.
pub async fn open_patterns<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    rules: &PatternRules,
    today: Date,
) -> Result<Vec<FlaggedPattern>, ImprovementServiceError> {
    let users = store.list_users().await?;
    // Fed one complaint at a time: only the current window's facts are
    // kept (a year of complaints at a large organisation is 200,000).
    let mut detection = Detection::new(rules, today);
    for_each_fact(store, calendar, rules, today, &users, |f| detection.add(f)).await?;
    let (from, _) = rules.window(today);
    let decided: Vec<Decided> = decisions_since(store, from)
        .await?
        .into_iter()
        // A key that no longer parses belongs to no pattern.
        .filter_map(|d| {
            Some(Decided {
                key: d.key.parse().ok()?,
                covers: d.complaints.into_iter().collect(),
            })
        })
        .collect();
    let patterns = klacht_domain::patterns::undecided(detection.finish(), &decided, rules);
    let names: HashMap<String, &str> = users
        .iter()
        .map(|u| (u.user.id.to_string(), u.user.name.as_str()))
        .collect();
    Ok(patterns
        .into_iter()
        .map(|pattern| {
            let label = match pattern.dimension {
                Dimension::Team => match names.get(&pattern.value) {
                    Some(name) => format!("team van {name}"),
                    None => "onbekend team".to_owned(),
                },
                Dimension::Category | Dimension::Service => pattern.value.clone(),
            };
            FlaggedPattern { pattern, label }
        })
        .collect())
}

/// The open pattern with this key, or why there is none.
pub(super) async fn open_pattern<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    rules: &PatternRules,
    today: Date,
    key: &PatternKey,
) -> Result<FlaggedPattern, ImprovementServiceError> {
    open_patterns(store, calendar, rules, today)
        .await?
        .into_iter()
        .find(|p| &p.pattern.key == key)
        .ok_or_else(|| wrong_state(RefusalCode::ImprovementPatternNotOpen))
}

/// The pattern's complaints the decision covers: those the user saw
/// (`shown`) that still belong to it, or all of them when none are named.
pub(super) fn covered(pattern: &Pattern, shown: &[ComplaintId]) -> Vec<ComplaintId> {
    let shown: BTreeSet<&ComplaintId> = shown.iter().collect();
    let ids: Vec<ComplaintId> = pattern
        .ids()
        .filter(|id| shown.is_empty() || shown.contains(id))
        .collect();
    if ids.is_empty() {
        pattern.ids().collect()
    } else {
        ids
    }
}

/// A pattern's complaints as one short value. A page that shows only the
/// newest of a large pattern's complaints names what it showed by this,
/// and a dismissal from a page made before the pattern changed is refused.
pub fn fingerprint(pattern: &Pattern) -> String {
    let mut ids: Vec<ComplaintId> = pattern.ids().collect();
    ids.sort();
    let mut hash = Sha256::new();
    for id in &ids {
        hash.update(id.to_string().as_bytes());
        hash.update(b"\n");
    }
    hex::encode(&hash.finalize()[..16])
}

/// A pattern judged not structural: which, the complaints the judge saw
/// (empty: all of the pattern's), the [`fingerprint`] of the pattern as
/// the page showed it, and why.
#[derive(Debug, Clone, Copy)]
pub struct Dismissal<'a> {
    pub key: &'a PatternKey,
    pub shown: &'a [ComplaintId],
    pub seen: Option<&'a str>,
    pub reason: &'a str,
}

/// The quality manager (or director) judges a pattern not structural.
/// The decision covers the complaints shown; the pattern stays dismissed
/// until a fresh cluster of complaints joins it.
pub async fn dismiss<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    rules: &PatternRules,
    by: &User,
    Dismissal {
        key,
        shown,
        seen,
        reason,
    }: Dismissal<'_>,
    at: Timestamp,
) -> Result<PatternDecision, ImprovementServiceError> {
    if !may_manage(by) {
        return Err(not_allowed(RefusalCode::ImprovementJudgeOnly));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(invalid(
            "reden",
            RefusalCode::ImprovementDismissReasonRequired,
        ));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(invalid(
            "reden",
            RefusalCode::ImprovementDismissReasonTooLong.text("max", REASON_MAX),
        ));
    }
    let today = calendar.local_date(at);
    let flagged = open_pattern(store, calendar, rules, today, key).await?;
    if seen.is_some_and(|seen| seen != fingerprint(&flagged.pattern)) {
        return Err(wrong_state(RefusalCode::ImprovementPatternChanged));
    }
    let decision = PatternDecision {
        id: uuid::Uuid::now_v7(),
        key: key.to_string(),
        label: flagged.label.clone(),
        window_from: flagged.pattern.from,
        window_to: flagged.pattern.to,
        outcome: DecisionOutcome::Dismissed {
            reason: reason.to_owned(),
        },
        decided_by: by.id,
        decided_by_name: by.name.clone(),
        decided_at: at,
        complaints: covered(&flagged.pattern, shown),
    };
    store.record_pattern_decision(&decision).await?;
    Ok(decision)
}
