//! The integration tests of klacht-jobs, one test binary (linking one
//! binary per file cost most of CI's time).

mod mailbox_support;
mod schedule_support;
mod support;

mod absences;
mod delivery;
mod english;
mod exact;
mod handoffs;
mod mailbox;
mod schedule;
mod schedule_actions;
mod schedule_smtp;
