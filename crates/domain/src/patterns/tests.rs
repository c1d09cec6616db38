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
    let two = &facts[..2];
    assert!(detect(two, &PatternRules::default(), today()).is_empty());
    let rules = PatternRules::new(2, 90).expect("valid");
    assert_eq!(keys(&detect(two, &rules, today())), ["category:planning"]);
}

#[test]
fn services_and_teams_are_dimensions_too() {
    let facts = [
        fact(1, date(2026, 11, 1), "Planning", "Thuiszorg", &[7]),
        fact(2, date(2026, 11, 2), "Schade", "thuiszorg", &[7, 8]),
        fact(3, date(2026, 11, 3), "", "Thuiszorg ", &[7]),
        // Two involved employees of one team count the complaint once.
        fact(4, date(2026, 11, 4), "Overig", "", &[8, 8]),
        fact(5, date(2026, 11, 5), "Overig", "", &[9]),
    ];
    let found = detect(&facts, &PatternRules::default(), today());
    let team7 = format!("team:{}", team(7));
    assert_eq!(keys(&found), ["service:thuiszorg", team7.as_str()]);
    assert_eq!(found[1].dimension, Dimension::Team);
    assert_eq!(found[1].value, team(7).to_string());
    let rules = PatternRules::new(2, 90).expect("valid");
    let found = detect(&facts, &rules, today());
    let team8 = format!("team:{}", team(8));
    assert!(keys(&found).contains(&team8.as_str()));
    assert!(keys(&found).contains(&"category:overig"));
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
        let mut expected: BTreeMap<String, BTreeSet<ComplaintId>> = BTreeMap::new();
        for f in facts.iter().filter(|f| f.received_on >= from && f.received_on <= to) {
            for k in keys_of(f) {
                expected.entry(k).or_default().insert(f.id);
            }
        }
        expected.retain(|_, ids| ids.len() >= min as usize);

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
