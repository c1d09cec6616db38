//! The integration tests of klacht-cli, one test binary (linking one
//! binary per file cost most of CI's time).

mod deadlines;
mod demo_and_serve;
mod dossier;
mod exact;
mod facts;
mod jobs;
mod operations;
mod package;
mod reminders;
mod report;
mod user;
mod user_token;
