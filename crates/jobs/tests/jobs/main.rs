//! The integration tests of klacht-jobs, one test binary (linking one
//! binary per file cost most of CI's time).

mod schedule_support;
mod support;

mod absences;
mod delivery;
mod exact;
mod schedule;
mod schedule_smtp;
