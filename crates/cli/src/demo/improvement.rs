//! The demo's structural complaints (DESIGN §6): root causes on part of
//! the complaints, and one improvement action answering the Planning
//! pattern the demo's complaints form.

use jiff::{Timestamp, ToSpan};
use klacht_app::improvement::{self, ActionInput};
use klacht_domain::User;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::improvement::ImprovementStatus;
use klacht_domain::patterns::{PatternKey, PatternRules};
use klacht_store::{ImprovementFilter, Store};

/// A plausible root cause (from the default list) for two complaints in
/// three; the rest are still to be analysed.
pub(super) fn cause_of(category: &str, i: usize) -> Option<String> {
    if i % 3 == 2 {
        return None;
    }
    let cause = match category {
        "Planning" => "Werkdruk",
        "Bejegening" => "Menselijke fout",
        "Facturatie" => "Systeemfout",
        "Kwaliteit van zorg" | "Kwaliteit van dienst" => "Onduidelijke afspraak",
        "Schade" | "Veiligheid" => "Procedure ontbreekt",
        _ => "Overig",
    };
    Some(cause.to_owned())
}

/// Opens the improvement action "Vaste planners per wijk" for the open
/// Planning pattern, owned by Margriet and in progress, unless the demo
/// already has an action. True when it opened one.
pub(super) async fn ensure_action<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    people: &[User],
    now: Timestamp,
) -> anyhow::Result<bool> {
    let existing = store
        .list_improvement_actions(&ImprovementFilter {
            limit: 1,
            ..ImprovementFilter::default()
        })
        .await?;
    if !existing.items.is_empty() {
        return Ok(false);
    }
    let by = |email: &str| people.iter().find(|p| p.email.as_str() == email);
    let (Some(quality), Some(owner)) = (by("sanne@focus.example"), by("margriet@focus.example"))
    else {
        return Ok(false);
    };
    let today = calendar.local_date(now);
    let rules = PatternRules::default();
    let key: PatternKey = "category:planning".parse()?;
    let Some(pattern) = improvement::open_patterns(store, calendar, &rules, today)
        .await?
        .into_iter()
        .find(|p| p.pattern.key == key)
    else {
        return Ok(false);
    };
    let action = improvement::create(
        store,
        calendar,
        &rules,
        quality,
        ActionInput {
            title: "Vaste planners per wijk".into(),
            description: "Elke wijk van Thuiszorg krijgt een vaste planner. Wijzigingen in het \
                          rooster belt de planner zelf door aan de cliënt, uiterlijk de dag ervoor."
                .into(),
            owner: owner.id,
            due_on: today.checked_add(45.days())?,
            complaints: Vec::new(),
            pattern: Some(key),
            whole_pattern_seen: Some(improvement::fingerprint(&pattern.pattern)),
        },
        now,
    )
    .await?;
    improvement::change_status(
        store,
        action.id,
        owner,
        ImprovementStatus::InProgress,
        Some(action.version),
        now,
    )
    .await?;
    Ok(true)
}
