use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::date;
use proptest::prelude::*;
use uuid::Uuid;

use super::*;

fn id(n: u32) -> ComplaintId {
    ComplaintId(Uuid::from_u128(u128::from(n) + 1000))
}

fn team(n: u32) -> UserId {
    UserId(Uuid::from_u128(u128::from(n) + 1))
}

fn fact(n: u32, received_on: Date, category: &str, service: &str, teams: &[u32]) -> ComplaintFacts {
    ComplaintFacts {
        id: id(n),
        reference: ReferenceNumber::new(2026, n + 1).expect("valid"),
        received_on,
        category: Some(category.to_owned()).filter(|c| !c.is_empty()),
        service: Some(service.to_owned()).filter(|s| !s.is_empty()),
        teams: teams.iter().copied().map(team).collect(),
    }
}

fn today() -> Date {
    date(2026, 11, 29)
}

fn keys(patterns: &[Pattern]) -> Vec<&str> {
    patterns.iter().map(|p| p.key.as_str()).collect()
}

#[test]
fn the_default_is_three_complaints_in_ninety_days() {
    let rules = PatternRules::default();
    assert_eq!((rules.min_complaints(), rules.window_days()), (3, 90));
    // Today counts as the 90th day.
    assert_eq!(rules.window(today()), (date(2026, 9, 1), today()));
    assert!(PatternRules::new(1, 90).is_err());
    assert!(PatternRules::new(3, 0).is_err());
    assert!(PatternRules::new(3, 3661).is_err());
    assert!(PatternRules::new(2, 1).is_ok());
}

#[test]
fn three_of_a_category_within_the_window_form_a_pattern() {
    let facts = [
        fact(1, date(2026, 9, 1), "Planning", "Thuiszorg", &[1]),
        fact(2, date(2026, 10, 15), " planning ", "Schoonmaak", &[2]),
        fact(3, date(2026, 11, 29), "PLANNING", "Dagbesteding", &[3]),
        // Before the window, and another category.
        fact(4, date(2026, 8, 31), "Planning", "Vervoer", &[4]),
        fact(5, date(2026, 11, 1), "Bejegening", "Tuin", &[5]),
        fact(6, date(2026, 11, 2), "Schade", "Wasserij", &[6]),
    ];
    let found = detect(&facts, &PatternRules::default(), today());
    assert_eq!(keys(&found), ["category:planning"]);
    let p = &found[0];
    assert_eq!(p.dimension, Dimension::Category);
    assert_eq!(p.value, "Planning", "as first written");
    assert_eq!((p.from, p.to), (date(2026, 9, 1), today()));
    assert_eq!(p.ids().collect::<Vec<_>>(), [id(1), id(2), id(3)]);
    assert!(p.complaints.iter().all(|c| c.new));

    // Two are not enough; with a threshold of two they are.
    let two = [
        facts[0].clone(),
        facts[1].clone(),
        facts[4].clone(),
        facts[5].clone(),
    ];
    assert!(detect(&two, &PatternRules::default(), today()).is_empty());
    let rules = PatternRules::new(2, 90).expect("valid");
    assert_eq!(keys(&detect(&two, &rules, today())), ["category:planning"]);
    // On their own they are all there is: no pattern, whatever the minimum.
    assert!(detect(&facts[..2], &rules, today()).is_empty());
}

/// Issue 12: with two services every complaint is about one of them, so
/// both reach any minimum; neither is a pattern by that alone.
#[test]
fn a_value_that_holds_almost_everything_is_not_a_pattern_by_itself() {
    let rules = PatternRules::default();
    let day = |n: i8| date(2026, 11, n);
    // Two services sharing the work evenly (and one category each way).
    let even: Vec<ComplaintFacts> = (1..=8)
        .map(|n| {
            let service = if n % 2 == 0 {
                "Thuiszorg"
            } else {
                "Schoonmaak"
            };
            fact(n, day(n as i8), "", service, &[])
        })
        .collect();
    assert!(detect(&even, &rules, today()).is_empty());
    // One service of many holding nine in ten: its main line of work.
    let mut dominant: Vec<ComplaintFacts> = (1..=9)
        .map(|n| fact(n, day(n as i8), "", "Thuiszorg", &[]))
        .collect();
    dominant.push(fact(10, day(10), "", "Tuin", &[]));
    dominant.push(fact(11, day(11), "", "Vervoer", &[]));
    assert!(detect(&dominant, &rules, today()).is_empty());
    // Clearly more than its even share, and not nearly all: a pattern.
    let mut uneven = even.clone();
    uneven.extend((9..=12).map(|n| fact(n, day(n as i8), "", "Thuiszorg", &[])));
    uneven.push(fact(13, day(13), "", "Tuin", &[]));
    uneven.push(fact(14, day(14), "", "Vervoer", &[]));
    // Thuiszorg 8 of 14 over 4 services: 8 >= 1.5 * 14 / 4 = 5.25.
    assert_eq!(
        keys(&detect(&uneven, &rules, today())),
        ["service:thuiszorg"]
    );

    // Against its history: the dominant service that usually holds half
    // the complaints grew, so now it is a pattern; had it always held nine
    // in ten, it would not be.
    let before = |n: u32, service: &str| fact(n, date(2026, 7, 1), "", service, &[]);
    let mut grew = dominant.clone();
    grew.extend((20..23).map(|n| before(n, "Thuiszorg")));
    grew.extend((23..26).map(|n| before(n, "Tuin")));
    assert_eq!(keys(&detect(&grew, &rules, today())), ["service:thuiszorg"]);
    let mut usual = dominant.clone();
    usual.extend((20..29).map(|n| before(n, "Thuiszorg")));
    usual.push(before(29, "Tuin"));
    assert!(detect(&usual, &rules, today()).is_empty());
    // History older than the three windows before does not count.
    let mut old = dominant;
    old.extend((20..23).map(|n| fact(n, date(2025, 11, 1), "", "Thuiszorg", &[])));
    old.extend((23..26).map(|n| fact(n, date(2025, 11, 1), "", "Tuin", &[])));
    assert!(detect(&old, &rules, today()).is_empty());
}

#[test]
fn the_rule_is_exact_at_its_edges() {
    let key = |s: &str| s.parse::<PatternKey>().expect("key");
    let counts = |pairs: &[(&str, usize)]| -> BTreeMap<PatternKey, usize> {
        pairs.iter().map(|(k, n)| (key(k), *n)).collect()
    };
    let none = BTreeMap::new();
    // 3 of 4 over two values: 1.5 times the even share 2, and exactly
    // three quarters (not more).
    let now = counts(&[("service:a", 3), ("service:b", 1)]);
    assert!(stands_out(&key("service:a"), &now, &none, 3));
    assert!(!stands_out(&key("service:b"), &now, &none, 3));
    // 4 of 5: more than three quarters.
    let now = counts(&[("service:a", 4), ("service:b", 1)]);
    assert!(!stands_out(&key("service:a"), &now, &none, 3));
    // Other dimensions do not count along.
    let now = counts(&[("service:a", 3), ("service:b", 1), ("category:x", 50)]);
    assert!(stands_out(&key("service:a"), &now, &none, 3));
    // Grown from a share of 1/2 to 3/4: exactly 1.5 times.
    let now = counts(&[("service:a", 3), ("service:b", 1)]);
    let before = counts(&[("service:a", 2), ("service:b", 2)]);
    assert!(stands_out(&key("service:a"), &now, &before, 3));
    let now = counts(&[("service:a", 4), ("service:b", 1)]);
    let before = counts(&[("service:a", 3), ("service:b", 2)]);
    // 4/5 = 0.8 < 1.5 * 3/5 = 0.9
    assert!(!stands_out(&key("service:a"), &now, &before, 3));
    // History too thin to tell a usual share.
    let before = counts(&[("service:b", 2)]);
    assert!(!stands_out(&key("service:a"), &now, &before, 3));
    assert!(stands_out(&key("service:a"), &now, &before, 2));
}

#[test]
fn services_and_teams_are_dimensions_too() {
    let facts = [
        fact(1, date(2026, 11, 1), "Planning", "Thuiszorg", &[7]),
        fact(2, date(2026, 11, 2), "Schade", "thuiszorg", &[7, 8]),
        fact(3, date(2026, 11, 3), "", "Thuiszorg ", &[7]),
        // Two involved employees of one team count the complaint once.
        fact(4, date(2026, 11, 4), "Overig", "Schoonmaak", &[8, 8]),
        fact(5, date(2026, 11, 5), "Overig", "Vervoer", &[9]),
    ];
    let found = detect(&facts, &PatternRules::default(), today());
    let team7 = format!("team:{}", team(7));
    assert_eq!(keys(&found), ["service:thuiszorg", team7.as_str()]);
    assert_eq!(found[1].dimension, Dimension::Team);
    assert_eq!(found[1].value, team(7).to_string());
    let rules = PatternRules::new(2, 90).expect("valid");
    let found = detect(&facts, &rules, today());
    assert!(keys(&found).contains(&"category:overig"));
    // Team 8 has two of the six team memberships: its even share, so
    // nothing stands out.
    let team8 = format!("team:{}", team(8));
    assert!(!keys(&found).contains(&team8.as_str()));
    // Most complaints first.
    assert_eq!(found[0].complaints.len(), 3);
}

#[test]
fn a_decision_holds_until_a_fresh_cluster_forms() {
    let rules = PatternRules::default();
    let mut facts = vec![
        fact(1, date(2026, 10, 1), "Planning", "", &[]),
        fact(2, date(2026, 10, 2), "Planning", "", &[]),
        fact(3, date(2026, 10, 3), "Planning", "", &[]),
        // The rest of the window, that Planning stands out against.
        fact(10, date(2026, 10, 4), "Schade", "", &[]),
        fact(11, date(2026, 10, 5), "Overig", "", &[]),
        fact(12, date(2026, 10, 6), "Bejegening", "", &[]),
    ];
    let key: PatternKey = "category:planning".parse().expect("key");
    assert_eq!(
        keys(&open_patterns(&facts, &[], &rules, today())),
        [key.as_str()]
    );
    let decided = [Decided {
        key: key.clone(),
        covers: [id(1), id(2), id(3)].into(),
    }];
    assert!(open_patterns(&facts, &decided, &rules, today()).is_empty());

    // One or two more keep it decided; a third new one flags it again,
    // with every complaint of the window and the new ones marked.
    facts.push(fact(4, date(2026, 11, 1), "Planning", "", &[]));
    facts.push(fact(5, date(2026, 11, 2), "Planning", "", &[]));
    assert!(open_patterns(&facts, &decided, &rules, today()).is_empty());
    facts.push(fact(6, date(2026, 11, 3), "Planning", "", &[]));
    let open = open_patterns(&facts, &decided, &rules, today());
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].complaints.len(), 6);
    assert_eq!(open[0].new_count(), 3);
    assert!(!open[0].complaints[0].new && open[0].complaints[5].new);

    // A decision about another key changes nothing here.
    let other = [Decided {
        key: "category:schade".parse().expect("key"),
        covers: [id(1), id(2), id(3), id(4), id(5), id(6)].into(),
    }];
    assert_eq!(open_patterns(&facts, &other, &rules, today()).len(), 1);
}

#[test]
fn keys_are_stable_text() {
    let key = PatternKey::new(Dimension::Service, "  Thuis   Zorg ").expect("key");
    assert_eq!(key.as_str(), "service:thuis zorg");
    assert_eq!(key.value(), "thuis zorg");
    assert_eq!(key.as_str().parse::<PatternKey>(), Ok(key));
    assert!(PatternKey::new(Dimension::Category, "   ").is_none());
    for bad in [
        "",
        "planning",
        "kleur:rood",
        "category:",
        "category:Planning",
        "category: planning",
    ] {
        assert!(bad.parse::<PatternKey>().is_err(), "{bad}");
    }
    assert!("category:x".repeat(40).parse::<PatternKey>().is_err());
}

fn arb_fact() -> impl Strategy<Value = ComplaintFacts> {
    (
        0u32..40,
        0i64..200,
        prop::option::of(prop::sample::select(vec![
            "Planning",
            "planning ",
            "Schade",
            "Overig",
        ])),
        prop::option::of(prop::sample::select(vec!["Thuiszorg", "Schoonmaak", " "])),
        prop::collection::vec(0u32..4, 0..3),
    )
        .prop_map(|(n, back, category, service, teams)| ComplaintFacts {
            id: id(n),
            reference: ReferenceNumber::new(2026, n + 1).expect("valid"),
            received_on: today()
                .checked_sub(jiff::Span::new().days(back))
                .expect("in range"),
            category: category.map(str::to_owned),
            service: service.map(str::to_owned),
            teams: teams.into_iter().map(team).collect(),
        })
}

/// Unique ids: one complaint has one set of facts.
fn arb_facts() -> impl Strategy<Value = Vec<ComplaintFacts>> {
    prop::collection::vec(arb_fact(), 0..40).prop_map(|facts| {
        let mut seen = BTreeSet::new();
        facts.into_iter().filter(|f| seen.insert(f.id)).collect()
    })
}

/// The keys of one complaint, the slow and obvious way.
fn keys_of(f: &ComplaintFacts) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    if let Some(c) = f.category.as_deref().map(|c| c.trim().to_lowercase())
        && !c.is_empty()
    {
        keys.insert(format!("category:{c}"));
    }
    if let Some(s) = f.service.as_deref().map(|s| s.trim().to_lowercase())
        && !s.is_empty()
    {
        keys.insert(format!("service:{s}"));
    }
    for t in &f.teams {
        keys.insert(format!("team:{t}"));
    }
    keys
}

proptest! {
    #[test]
    fn detection_is_exactly_the_groups_that_reach_the_threshold(
        facts in arb_facts(),
        min in 2u32..5,
        window in 1u32..150,
    ) {
        let rules = PatternRules::new(min, window).expect("valid");
        let (from, to) = rules.window(today());
        let history_from = rules.history_from(today());
        let mut expected: BTreeMap<String, BTreeSet<ComplaintId>> = BTreeMap::new();
        let mut history: BTreeMap<String, BTreeSet<ComplaintId>> = BTreeMap::new();
        for f in facts.iter().filter(|f| f.received_on >= history_from && f.received_on <= to) {
            for k in keys_of(f) {
                let groups = if f.received_on >= from { &mut expected } else { &mut history };
                groups.entry(k).or_default().insert(f.id);
            }
        }
        // The rule, the slow way, in fractions.
        let dimension = |k: &str| k.split(':').next().unwrap_or_default().to_owned();
        let total = |groups: &BTreeMap<String, BTreeSet<ComplaintId>>, d: &str| -> (usize, usize) {
            let of: Vec<usize> = groups.iter().filter(|(k, _)| dimension(k) == d).map(|(_, v)| v.len()).collect();
            (of.iter().sum(), of.len())
        };
        let keep: BTreeSet<String> = expected
            .iter()
            .filter(|(k, ids)| {
                let count = ids.len() as f64;
                let (n, distinct) = total(&expected, &dimension(k));
                let even = n as f64 / distinct as f64;
                let (n_before, _) = total(&history, &dimension(k));
                let before = history.get(*k).map_or(0, BTreeSet::len) as f64;
                let share = count / n as f64;
                ids.len() >= min as usize
                    && ((count >= 1.5 * even - 1e-9 && share <= 0.75 + 1e-9)
                        || (n_before >= min as usize
                            && share >= 1.5 * before / n_before as f64 - 1e-9))
            })
            .map(|(k, _)| k.clone())
            .collect();
        expected.retain(|k, _| keep.contains(k));

        let found = detect(&facts, &rules, today());
        let got: BTreeMap<String, BTreeSet<ComplaintId>> = found
            .iter()
            .map(|p| (p.key.to_string(), p.ids().collect()))
            .collect();
        prop_assert_eq!(&got, &expected);
        prop_assert_eq!(found.len(), got.len(), "one pattern per key");
        for p in &found {
            prop_assert!(p.complaints.windows(2).all(|w| w[0].received_on <= w[1].received_on));
            prop_assert!(p.complaints.iter().all(|c| c.received_on >= from && c.received_on <= to));
            let parsed = p.key.as_str().parse::<PatternKey>();
            prop_assert_eq!(parsed.as_ref(), Ok(&p.key));
        }
        prop_assert!(found.windows(2).all(|w| w[0].complaints.len() >= w[1].complaints.len()));

        // The order of the input does not matter.
        let mut reversed = facts.clone();
        reversed.reverse();
        prop_assert_eq!(detect(&reversed, &rules, today()), found.clone());

        // Nothing decided: every pattern is open. All decided: none is.
        prop_assert_eq!(open_patterns(&facts, &[], &rules, today()), found.clone());
        let all: Vec<Decided> = found
            .iter()
            .map(|p| Decided { key: p.key.clone(), covers: p.ids().collect() })
            .collect();
        prop_assert!(open_patterns(&facts, &all, &rules, today()).is_empty());
    }

    /// Without history, no dimension ever has all its values flagged, and
    /// a dimension with one value never has it flagged.
    #[test]
    fn without_history_not_every_value_stands_out(
        facts in arb_facts(),
        min in 2u32..5,
    ) {
        let rules = PatternRules::new(min, 365).expect("valid");
        let found = detect(&facts, &rules, today());
        for dimension in Dimension::ALL {
            let values: BTreeSet<String> = facts
                .iter()
                .flat_map(keys_of)
                .filter(|k| k.starts_with(&format!("{dimension}:")))
                .collect();
            let flagged = found.iter().filter(|p| p.dimension == dimension).count();
            prop_assert!(values.is_empty() || flagged < values.len(), "{dimension}: {values:?}");
        }
    }

    #[test]
    fn open_patterns_have_enough_new_complaints(
        facts in arb_facts(),
        covered in prop::collection::btree_set(0u32..40, 0..20),
    ) {
        let rules = PatternRules::default();
        let covers: BTreeSet<ComplaintId> = covered.into_iter().map(id).collect();
        let decided: Vec<Decided> = detect(&facts, &rules, today())
            .into_iter()
            .map(|p| Decided { key: p.key, covers: covers.clone() })
            .collect();
        for p in open_patterns(&facts, &decided, &rules, today()) {
            prop_assert!(p.new_count() >= 3);
            for c in &p.complaints {
                prop_assert_eq!(c.new, !covers.contains(&c.id));
            }
        }
    }
}

mod sweep;
