//! The one place klacht reads the time.
//!
//! Everything that needs "now" gets it from a [`Clock`] handed to it: the
//! web state, the job worker, the CLI. In production that is the system
//! clock. `KLACHT_NOW` pins the start of a process to another instant (a
//! training or demo installation, and the test suite run "as if it were"
//! 29 February 2028); from there the clock runs at real speed, so sessions
//! and leases still expire. Tests that step through days use a
//! [`ManualClock`].
//!
//! `clippy.toml` forbids `Timestamp::now` and `Zoned::now` everywhere else.
#![allow(clippy::disallowed_methods)]

use std::sync::{Arc, Mutex, OnceLock};

use jiff::{SignedDuration, Timestamp};

/// The environment variable that pins the clock of a process.
pub const NOW_VAR: &str = "KLACHT_NOW";

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
}

/// A clock shared by everything in one process.
pub type SharedClock = Arc<dyn Clock>;

/// The real time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that started at a chosen instant and runs at real speed from
/// there. Every `ShiftedClock` of a process counts from the same real
/// moment (the first one made), so two of them never disagree.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    start: Timestamp,
}

impl ShiftedClock {
    pub fn starting_at(start: Timestamp) -> Self {
        Self { start }
    }
}

fn process_start() -> Timestamp {
    static START: OnceLock<Timestamp> = OnceLock::new();
    *START.get_or_init(Timestamp::now)
}

impl Clock for ShiftedClock {
    fn now(&self) -> Timestamp {
        let anchor = process_start();
        let elapsed = Timestamp::now().duration_since(anchor);
        self.start.saturating_add(elapsed).unwrap_or(self.start)
    }
}

/// A clock that stands still until it is moved. Clones share one time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<Timestamp>>);

impl ManualClock {
    pub fn new(at: Timestamp) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    pub fn set(&self, at: Timestamp) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }

    /// Moves the clock forward (or back, with a negative span) and returns
    /// the new time.
    pub fn advance(&self, by: SignedDuration) -> Timestamp {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t = t.saturating_add(by).unwrap_or(*t);
        *t
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<C: Clock + ?Sized> Clock for Arc<C> {
    fn now(&self) -> Timestamp {
        (**self).now()
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "{NOW_VAR}: '{0}' is geen tijdstip (verwacht bijvoorbeeld 2026-04-24T09:00:00+02:00 of 2026-04-24)"
)]
pub struct BadNow(pub String);

/// Parses a pinned "now": an instant with its offset
/// (`2026-04-24T09:00:00+02:00`) or a date (`2028-02-29`), which stands
/// for 10:00 UTC that day: midday in the Netherlands, summer or winter, so
/// a test run does not cross midnight.
pub fn parse_now(text: &str) -> Result<Timestamp, BadNow> {
    let text = text.trim();
    if let Ok(t) = text.parse::<Timestamp>() {
        return Ok(t);
    }
    text.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.at(10, 0, 0, 0).to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| BadNow(text.to_owned()))
}

/// The clock for a process pinned at `start`, or the system clock.
pub fn pinned_or_system(start: Option<Timestamp>) -> SharedClock {
    match start {
        Some(t) => Arc::new(ShiftedClock::starting_at(t)),
        None => Arc::new(SystemClock),
    }
}

/// The clock `KLACHT_NOW` asks for: pinned at its instant, or the system
/// clock when it is unset.
pub fn from_env() -> Result<SharedClock, BadNow> {
    let start = match std::env::var(NOW_VAR) {
        Ok(text) if !text.trim().is_empty() => Some(parse_now(&text)?),
        _ => None,
    };
    Ok(pinned_or_system(start))
}

/// "Now" in a test: the time of [`from_env`], so that a suite run with
/// `KLACHT_NOW` set computes its expectations on the same day as the
/// server it talks to. Panics on a malformed `KLACHT_NOW` (tests only).
pub fn test_now() -> Timestamp {
    match from_env() {
        Ok(clock) => clock.now(),
        Err(e) => panic!("{e}"),
    }
}

/// Instants on which date arithmetic tends to break, as RFC 3339 with the
/// Dutch offset, and why each is awkward. All lie after the tests' fixed
/// example dates (April 2026), which must stay in the past. Tests run the date-sensitive
/// behaviour on each; `scripts/test-pinned` runs the whole suite on each.
pub const AWKWARD_INSTANTS: [(&str, &str); 8] = [
    (
        "2026-12-31T16:00:00+01:00",
        "31 December, the last working day of a year",
    ),
    (
        "2027-01-01T00:30:00+01:00",
        "1 January just after midnight: still 31 December in UTC",
    ),
    ("2028-02-29T10:00:00+01:00", "29 February of a leap year"),
    ("2026-12-06T11:00:00+01:00", "a Sunday"),
    ("2027-04-27T09:00:00+02:00", "Koningsdag"),
    ("2027-05-14T15:00:00+02:00", "the Friday before Pinksteren"),
    ("2027-08-31T08:00:00+02:00", "the last day of a month"),
    (
        "2027-03-28T03:30:00+02:00",
        "Easter Sunday, the night the clocks go forward",
    ),
];

/// [`AWKWARD_INSTANTS`] as instants, with their reason.
pub fn awkward_instants() -> impl Iterator<Item = (Timestamp, &'static str)> {
    AWKWARD_INSTANTS
        .iter()
        .filter_map(|(text, why)| text.parse::<Timestamp>().ok().map(|t| (t, *why)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = Timestamp::from_second(1_776_000_000).expect("in range");
        let clock = ManualClock::new(start);
        let shared = clock.clone();
        assert_eq!(shared.now(), start);
        clock.advance(SignedDuration::from_mins(5));
        assert_eq!(shared.now(), start + SignedDuration::from_mins(5));
        shared.set(start);
        assert_eq!(clock.now(), start);
    }

    #[test]
    fn a_shifted_clock_starts_where_told_and_runs_on() {
        let start: Timestamp = "2028-02-29T09:00:00Z".parse().expect("instant");
        let a = ShiftedClock::starting_at(start);
        let first = a.now();
        assert!(first >= start);
        assert!(first.duration_since(start) < SignedDuration::from_mins(5));
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert!(a.now() > first, "it runs at real speed");
        // A second clock of the same process agrees with the first.
        let b = ShiftedClock::starting_at(start);
        let (x, y) = (a.now(), b.now());
        assert!(y.duration_since(x).abs() < SignedDuration::from_millis(50));
    }

    #[test]
    fn pinned_instants_and_dates_parse() {
        assert_eq!(
            parse_now("2026-04-24T09:00:00+02:00").expect("instant"),
            "2026-04-24T07:00:00Z"
                .parse::<Timestamp>()
                .expect("instant")
        );
        assert_eq!(
            parse_now(" 2028-02-29 ").expect("date"),
            "2028-02-29T10:00:00Z"
                .parse::<Timestamp>()
                .expect("instant")
        );
        assert!(parse_now("2027-02-29").is_err());
        assert!(parse_now("gisteren").is_err());
    }

    #[test]
    fn every_awkward_instant_parses() {
        assert_eq!(awkward_instants().count(), AWKWARD_INSTANTS.len());
    }
}
