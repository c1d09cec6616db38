//! Structural complaints (DESIGN §6): complaints that share a category, a
//! service or the team that delivered the service, piling up within a
//! window of days. Pure: the caller hands over small facts per complaint,
//! the rules and today's date, and gets the patterns.
//!
//! A pattern is known by its [`PatternKey`], one per (dimension, value),
//! e.g. `category:planning`, so that a decision about it (dismissed, or
//! acted on with an improvement action) outlives the moving window. A
//! decision covers the complaints the pattern held when it was taken. The
//! pattern comes back only when, within the window, at least the minimum
//! number of complaints no decision covered joins it: one more complaint
//! after a dismissal does not flag it again; a fresh cluster does.
//!
//! Reaching the minimum is not enough: a group must stand out against the
//! rest of its dimension ([`stands_out`]). With two services every
//! complaint is about one of them, so both reach any minimum; neither is a
//! pattern unless it holds clearly more than its even share, or clearly
//! more than its usual share.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::refusal::Code;
use crate::{ComplaintId, ParseError, ReferenceNumber, UserId};

/// What complaints are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// The same category.
    Category,
    /// About the same service (dienst).
    Service,
    /// The involved employees' manager: the team that delivered the service.
    Team,
}

impl Dimension {
    pub const ALL: [Dimension; 3] = [Dimension::Category, Dimension::Service, Dimension::Team];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Category => "category",
            Dimension::Service => "service",
            Dimension::Team => "team",
        }
    }

    /// Dutch, as in "zelfde categorie".
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Category => "categorie",
            Dimension::Service => "dienst",
            Dimension::Team => "team",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Dimension {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| ParseError::new(Code::UnknownDimension.text("input", s)))
    }
}

/// How many windows before the current one tell a group's usual share.
pub const HISTORY_WINDOWS: u32 = 3;

/// The thresholds (configurable): at least `min_complaints` complaints
/// within `window_days` days, today included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternRules {
    min_complaints: u32,
    window_days: u32,
}

impl PatternRules {
    pub const DEFAULT_MIN_COMPLAINTS: u32 = 3;
    pub const DEFAULT_WINDOW_DAYS: u32 = 90;
    /// Ten years: longer windows say nothing about "structural now".
    pub const MAX_WINDOW_DAYS: u32 = 3660;

    /// Two complaints are the least that can form a pattern.
    pub fn new(min_complaints: u32, window_days: u32) -> Result<Self, ParseError> {
        if min_complaints < 2 {
            return Err(ParseError::new(
                Code::PatternMinComplaints.text("given", min_complaints),
            ));
        }
        if window_days == 0 || window_days > Self::MAX_WINDOW_DAYS {
            return Err(ParseError::new(
                Code::PatternWindow
                    .text("max", Self::MAX_WINDOW_DAYS)
                    .text("given", window_days),
            ));
        }
        Ok(Self {
            min_complaints,
            window_days,
        })
    }

    pub fn min_complaints(&self) -> u32 {
        self.min_complaints
    }

    pub fn window_days(&self) -> u32 {
        self.window_days
    }

    /// The first and last day of the window that ends `today`.
    pub fn window(&self, today: Date) -> (Date, Date) {
        let back = i64::from(self.window_days) - 1;
        (today.checked_sub(back.days()).unwrap_or(Date::MIN), today)
    }

    /// The first day of the [`HISTORY_WINDOWS`] windows before the window
    /// that ends `today`: what a group's usual share is measured over.
    pub fn history_from(&self, today: Date) -> Date {
        let back = i64::from(self.window_days) * (1 + i64::from(HISTORY_WINDOWS)) - 1;
        today.checked_sub(back.days()).unwrap_or(Date::MIN)
    }
}

impl Default for PatternRules {
    fn default() -> Self {
        Self {
            min_complaints: Self::DEFAULT_MIN_COMPLAINTS,
            window_days: Self::DEFAULT_WINDOW_DAYS,
        }
    }
}

/// What detection needs to know of one complaint (signals are not given:
/// they were resolved on the spot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintFacts {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    /// The local day of receipt.
    pub received_on: Date,
    pub category: Option<String>,
    pub service: Option<String>,
    /// The managers of the involved employees.
    pub teams: Vec<UserId>,
}

/// A (dimension, value) pair in a stable text form: `category:planning`,
/// `service:thuiszorg`, `team:<manager id>`. Values compare trimmed, in
/// lower case and with single spaces, so spelling variants group.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PatternKey(String);

/// The longest key accepted from outside.
const MAX_KEY: usize = 260;

fn normalise(value: &str) -> String {
    value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl PatternKey {
    /// `None` for a blank value.
    pub fn new(dimension: Dimension, value: &str) -> Option<Self> {
        let value = normalise(value);
        (!value.is_empty()).then(|| Self(format!("{dimension}:{value}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn dimension(&self) -> Dimension {
        self.0
            .split_once(':')
            .and_then(|(d, _)| d.parse().ok())
            .unwrap_or(Dimension::Category)
    }

    /// The normalised value after the dimension.
    pub fn value(&self) -> &str {
        self.0.split_once(':').map_or("", |(_, v)| v)
    }
}

impl fmt::Display for PatternKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PatternKey {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseError::new(Code::NotAPattern.text("input", s));
        if s.chars().count() > MAX_KEY {
            return Err(bad());
        }
        let (dimension, value) = s.split_once(':').ok_or_else(bad)?;
        let dimension: Dimension = dimension.parse().map_err(|_| bad())?;
        let key = PatternKey::new(dimension, value).ok_or_else(bad)?;
        if key.0 != s {
            return Err(bad());
        }
        Ok(key)
    }
}

/// One complaint of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternComplaint {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    pub received_on: Date,
    /// Whether no earlier decision about this pattern covered it.
    pub new: bool,
}

/// Complaints that share a dimension's value within the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub key: PatternKey,
    pub dimension: Dimension,
    /// As the earliest complaint wrote it (categories and services); the manager's id for a
    /// team, which the caller names.
    pub value: String,
    pub from: Date,
    pub to: Date,
    /// Oldest receipt first.
    pub complaints: Vec<PatternComplaint>,
}

impl Pattern {
    pub fn ids(&self) -> impl Iterator<Item = ComplaintId> + '_ {
        self.complaints.iter().map(|c| c.id)
    }

    /// Complaints no decision covered.
    pub fn new_count(&self) -> usize {
        self.complaints.iter().filter(|c| c.new).count()
    }
}

/// A decision about a pattern as detection needs it: its key and the
/// complaints it covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub key: PatternKey,
    pub covers: BTreeSet<ComplaintId>,
}

/// Every pattern in the window that ends `today`, regardless of earlier
/// decisions (every complaint counts as new). Most complaints first, then
/// by key; complaints within a pattern by receipt, then reference.
pub fn detect(facts: &[ComplaintFacts], rules: &PatternRules, today: Date) -> Vec<Pattern> {
    let mut detection = Detection::new(rules, today);
    // The same complaint twice counts once, as it always has.
    let mut seen = BTreeSet::new();
    for f in facts {
        if seen.insert(f.id) {
            detection.add(f.clone());
        }
    }
    detection.finish()
}

/// [`detect`] fed one complaint at a time: only the complaints of the
/// current window are kept; of the windows before, a count per group.
/// A year of a large organisation's complaints is 200,000 facts, three
/// quarters of them in the windows before.
#[derive(Debug, Clone)]
pub struct Detection {
    rules: PatternRules,
    today: Date,
    window: Vec<ComplaintFacts>,
    /// key -> complaints of the windows before.
    before: BTreeMap<PatternKey, usize>,
}

impl Detection {
    pub fn new(rules: &PatternRules, today: Date) -> Detection {
        Detection {
            rules: *rules,
            today,
            window: Vec::new(),
            before: BTreeMap::new(),
        }
    }

    /// Counts the complaint `f`; each complaint must be added once.
    pub fn add(&mut self, f: ComplaintFacts) {
        let (from, to) = self.rules.window(self.today);
        if f.received_on < self.rules.history_from(self.today) || f.received_on > to {
            return;
        }
        if f.received_on >= from {
            self.window.push(f);
            return;
        }
        let keys: BTreeSet<PatternKey> = keys_of(&f).into_iter().map(|(key, _)| key).collect();
        for key in keys {
            *self.before.entry(key).or_insert(0) += 1;
        }
    }

    /// The patterns, as [`detect`] gives them.
    pub fn finish(self) -> Vec<Pattern> {
        let Detection {
            rules,
            today,
            window,
            before,
        } = self;
        patterns_of_window(&window, before, &rules, today)
    }
}

/// The patterns among `window` (complaints received in the window that ends
/// `today`), with `before` the complaints per key in the windows before.
fn patterns_of_window(
    window: &[ComplaintFacts],
    before: BTreeMap<PatternKey, usize>,
    rules: &PatternRules,
    today: Date,
) -> Vec<Pattern> {
    let (from, to) = rules.window(today);
    // key -> complaint -> (facts, the value as that complaint writes it)
    let mut groups: BTreeMap<PatternKey, BTreeMap<ComplaintId, (&ComplaintFacts, String)>> =
        BTreeMap::new();
    for f in window {
        for (key, value) in keys_of(f) {
            groups.entry(key).or_default().insert(f.id, (f, value));
        }
    }
    let in_window: BTreeMap<PatternKey, usize> =
        groups.iter().map(|(k, m)| (k.clone(), m.len())).collect();
    let min = usize::try_from(rules.min_complaints).unwrap_or(usize::MAX);
    let mut patterns: Vec<Pattern> = groups
        .into_iter()
        .filter(|(key, members)| {
            members.len() >= min && stands_out(key, &in_window, &before, rules.min_complaints)
        })
        .map(|(key, members)| {
            // Shown as the earliest complaint wrote it.
            let value = members
                .values()
                .min_by_key(|(f, _)| (f.received_on, f.reference))
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let mut complaints: Vec<PatternComplaint> = members
                .values()
                .map(|(f, _)| PatternComplaint {
                    id: f.id,
                    reference: f.reference,
                    received_on: f.received_on,
                    new: true,
                })
                .collect();
            complaints.sort_by_key(|c| (c.received_on, c.reference));
            Pattern {
                dimension: key.dimension(),
                key,
                value,
                from,
                to,
                complaints,
            }
        })
        .collect();
    patterns.sort_by(|a, b| {
        b.complaints
            .len()
            .cmp(&a.complaints.len())
            .then_with(|| a.key.cmp(&b.key))
    });
    patterns
}

/// Each (key, value as written) a complaint belongs to.
fn keys_of(f: &ComplaintFacts) -> Vec<(PatternKey, String)> {
    let mut values: Vec<(Dimension, String)> = Vec::new();
    if let Some(c) = &f.category {
        values.push((Dimension::Category, c.trim().to_owned()));
    }
    if let Some(s) = &f.service {
        values.push((Dimension::Service, s.trim().to_owned()));
    }
    for t in &f.teams {
        values.push((Dimension::Team, t.to_string()));
    }
    values
        .into_iter()
        .filter_map(|(dimension, value)| Some((PatternKey::new(dimension, &value)?, value)))
        .collect()
}

/// Whether the group `key` stands out against the rest of its dimension
/// (README, "Patterns and improvement actions"). `now` and `before` count
/// the complaints per key in the window and in the [`HISTORY_WINDOWS`]
/// windows before it. With `n` the complaints of the dimension in the
/// window (a complaint with two teams counts in both) and `k` its
/// different values, a group stands out when
///
/// - it holds at least one and a half times its even share `n / k`, and
///   at most three quarters of `n`: a group that holds (almost) all
///   complaints is the organisation's main line of work, not a pattern by
///   itself; or
/// - the windows before hold at least `min` complaints of the dimension and
///   the group's share of the window is at least one and a half times its
///   share of them: it grew against the rest.
///
/// Whole numbers only, so that the rule is exact at its edges.
pub fn stands_out(
    key: &PatternKey,
    now: &BTreeMap<PatternKey, usize>,
    before: &BTreeMap<PatternKey, usize>,
    min: u32,
) -> bool {
    let dimension = key.dimension();
    let of_dimension = |counts: &BTreeMap<PatternKey, usize>| {
        counts
            .iter()
            .filter(|(k, _)| k.dimension() == dimension)
            .fold((0usize, 0usize), |(n, k), (_, c)| (n + c, k + 1))
    };
    let count = now.get(key).copied().unwrap_or(0);
    let (n, k) = of_dimension(now);
    let above_even_share = 2 * count * k >= 3 * n;
    let dominant = 4 * count > 3 * n;
    if above_even_share && !dominant {
        return true;
    }
    let (n_before, _) = of_dimension(before);
    let count_before = before.get(key).copied().unwrap_or(0);
    let min = usize::try_from(min).unwrap_or(usize::MAX);
    n_before >= min && 2 * count * n_before >= 3 * count_before * n
}

/// The patterns still waiting for a decision: those in which at least the
/// minimum number of complaints is not covered by an earlier decision on
/// the same key. Each complaint says whether it is new.
pub fn open_patterns(
    facts: &[ComplaintFacts],
    decided: &[Decided],
    rules: &PatternRules,
    today: Date,
) -> Vec<Pattern> {
    undecided(detect(facts, rules, today), decided, rules)
}

/// Of `patterns` (from [`detect`] or a [`Detection`]), those still waiting
/// for a decision, as [`open_patterns`] gives them.
pub fn undecided(
    patterns: Vec<Pattern>,
    decided: &[Decided],
    rules: &PatternRules,
) -> Vec<Pattern> {
    let mut covered: BTreeMap<&PatternKey, BTreeSet<ComplaintId>> = BTreeMap::new();
    for d in decided {
        covered.entry(&d.key).or_default().extend(&d.covers);
    }
    let min = usize::try_from(rules.min_complaints).unwrap_or(usize::MAX);
    patterns
        .into_iter()
        .filter_map(|mut p| {
            if let Some(done) = covered.get(&p.key) {
                for c in &mut p.complaints {
                    c.new = !done.contains(&c.id);
                }
            }
            (p.new_count() >= min).then_some(p)
        })
        .collect()
}

#[cfg(test)]
mod tests;
