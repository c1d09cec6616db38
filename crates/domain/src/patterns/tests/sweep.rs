//! The pattern window with every day of 2026, 2027 and 2028 as today.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::fact;
use crate::patterns::{ComplaintFacts, Decided, PatternRules, detect, open_patterns};
use crate::sweep::{DAYS, days, every_day, plus};

/// Window lengths from a single day to the longest allowed: the default
/// 90, whole months and years that cross month ends and 29 February 2028.
fn rule_sets() -> Vec<PatternRules> {
    [
        (2, 1),
        (4, 31),
        (
            PatternRules::DEFAULT_MIN_COMPLAINTS,
            PatternRules::DEFAULT_WINDOW_DAYS,
        ),
        (2, 366),
        (3, PatternRules::MAX_WINDOW_DAYS),
    ]
    .into_iter()
    .map(|(min, window)| PatternRules::new(min, window).expect("valid"))
    .collect()
}

/// `min` complaints of one category: one received today, one on `first`,
/// the rest yesterday (today for a one-day window).
fn cluster(rules: &PatternRules, today: Date, first: Date) -> Vec<ComplaintFacts> {
    let (from, _) = rules.window(today);
    let mut facts = vec![
        fact(1, today, "Planning", "", &[]),
        fact(2, first, "planning", "", &[]),
    ];
    for n in 3..=rules.min_complaints() {
        facts.push(fact(n, from.max(plus(today, -1)), "Planning ", "", &[]));
    }
    // The rest of the window, that the cluster stands out against.
    facts.push(fact(100, today, "Schade", "", &[]));
    facts.push(fact(101, today, "Overig", "", &[]));
    facts
}

/// The complaints of the cluster, without the rest.
const REST: usize = 2;

/// For every day and every rule set: the window ends today and holds
/// exactly `window_days` days, today included; the minimum number of
/// complaints, one received today and one on the window's first day, is a
/// pattern; moved one day before the window, it is not; a complaint
/// received after today does not count either.
#[test]
fn the_window_on_every_day_of_2026_to_2028() {
    let rules = rule_sets();
    let mut count = 0;
    for today in every_day() {
        for r in &rules {
            let (from, to) = r.window(today);
            let n = i64::from(r.window_days());
            assert_eq!(to, today, "{today} {r:?}");
            assert!(from <= to, "{today} {r:?}");
            assert_eq!(plus(from, n - 1), today, "{today} {r:?}");
            assert_eq!(i64::from((to - from).get_days()) + 1, n, "{today} {r:?}");
            if n <= 31 {
                assert_eq!(
                    usize::try_from(n).expect("small"),
                    days(from, to).count(),
                    "{today} {r:?}"
                );
            }

            let inside = cluster(r, today, from);
            let found = detect(&inside, r, today);
            assert_eq!(found.len(), 1, "{today} {r:?}");
            let p = &found[0];
            assert_eq!(p.key.as_str(), "category:planning");
            assert_eq!((p.from, p.to), (from, to), "{today} {r:?}");
            let ids: BTreeSet<_> = p.ids().collect();
            assert_eq!(ids.len(), inside.len() - REST, "{today} {r:?}");
            assert_eq!(p.complaints[0].received_on, from);
            assert_eq!(p.complaints.last().map(|c| c.received_on), Some(today));
            assert_eq!(open_patterns(&inside, &[], r, today), found);
            let decided = [Decided {
                key: p.key.clone(),
                covers: ids,
            }];
            assert!(open_patterns(&inside, &decided, r, today).is_empty());

            // The day before the window: one short.
            let outside = cluster(r, today, plus(from, -1));
            assert!(detect(&outside, r, today).is_empty(), "{today} {r:?}");
            // A complaint received after today does not count today.
            let mut future = inside.clone();
            future[1] = fact(2, plus(today, 1), "Planning", "", &[]);
            assert!(detect(&future, r, today).is_empty(), "{today} {r:?}");
        }
        count += 1;
    }
    assert_eq!(count, DAYS);
}
