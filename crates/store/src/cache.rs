//! A short-lived cache of the reads every API request repeats: the user
//! behind a bearer token and the settings (the administrator's calendar),
//! issue 14 §2.
//!
//! The store that changes users, tokens or settings empties the cache in
//! the same call, so on this instance a revoked token, a deactivated user
//! or a changed calendar counts at once. Another instance (several
//! `klacht serve` on one PostgreSQL, or the `klacht` command beside a
//! running server) sees such a change within [`TTL`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::UserRecord;

/// How long a cached read is used: the longest another instance keeps
/// accepting a revoked token or uses an old calendar.
pub const TTL: Duration = Duration::from_secs(2);

/// The settings that are cached: the administrator's calendar, read by
/// every intake. Not the others: Exact's rotating tokens must be read as
/// they are.
pub const CACHED_SETTINGS: &[&str] = &["calendar"];

/// More distinct tokens than this at once and the cache starts over: a
/// flood of made-up tokens is never cached (only tokens that were found
/// are), so this bounds the memory of the real ones.
const MAX_TOKENS: usize = 4096;

#[derive(Debug, Default)]
pub(crate) struct ReadCache {
    tokens: Mutex<Entries<UserRecord>>,
    settings: Mutex<Entries<Option<String>>>,
}

/// Cached reads and the number of changes so far: a read that began
/// before a change is not kept after it.
#[derive(Debug)]
struct Entries<T> {
    map: HashMap<String, (Instant, T)>,
    changes: u64,
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Self {
            map: HashMap::new(),
            changes: 0,
        }
    }
}

/// When a read began, and how many changes there had been.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp {
    at: Instant,
    changes: u64,
}

impl<T: Clone> Entries<T> {
    fn get(&self, key: &str) -> Option<T> {
        self.map
            .get(key)
            .filter(|(at, _)| fresh(*at))
            .map(|(_, v)| v.clone())
    }

    fn stamp(&self) -> Stamp {
        Stamp {
            at: Instant::now(),
            changes: self.changes,
        }
    }

    fn put(&mut self, key: &str, value: T, stamp: Stamp, max: usize) {
        if stamp.changes != self.changes {
            return;
        }
        if self.map.len() >= max {
            self.map.clear();
        }
        self.map.insert(key.to_owned(), (stamp.at, value));
    }

    fn changed(&mut self) {
        self.map.clear();
        self.changes += 1;
    }
}

fn fresh(at: Instant) -> bool {
    at.elapsed() < TTL
}

impl ReadCache {
    /// The active user of a valid token hash, if read within [`TTL`].
    pub(crate) fn token(&self, hash: &str) -> Option<UserRecord> {
        lock(&self.tokens).get(hash)
    }

    /// Taken before reading a token, for [`ReadCache::put_token`].
    pub(crate) fn token_stamp(&self) -> Stamp {
        lock(&self.tokens).stamp()
    }

    /// Remembers a token hash that was found, unless users or tokens
    /// changed since the read began.
    pub(crate) fn put_token(&self, hash: &str, user: &UserRecord, stamp: Stamp) {
        lock(&self.tokens).put(hash, user.clone(), stamp, MAX_TOKENS);
    }

    /// Users or tokens changed: forget every cached token.
    pub(crate) fn users_changed(&self) {
        lock(&self.tokens).changed();
    }

    pub(crate) fn setting(&self, key: &str) -> Option<Option<String>> {
        lock(&self.settings).get(key)
    }

    pub(crate) fn setting_stamp(&self) -> Stamp {
        lock(&self.settings).stamp()
    }

    pub(crate) fn put_setting(&self, key: &str, value: Option<String>, stamp: Stamp) {
        lock(&self.settings).put(key, value, stamp, MAX_TOKENS);
    }

    /// A setting changed: forget them all.
    pub(crate) fn settings_changed(&self) {
        lock(&self.settings).changed();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
