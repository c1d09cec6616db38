//! The integration tests of klacht-exact, one test binary (linking one
//! binary per file cost most of CI's time).

mod support;

mod delivery;
mod export;
mod online;
mod synergy;
