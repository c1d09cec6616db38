//! The integration tests of klacht-store, one test binary (linking one
//! binary per file cost most of CI's time).

mod absences;
mod admin;
mod consultations;
mod dossier;
mod group_commit;
mod improvement;
mod outbox;
mod public;
mod read_cache;
mod reminders;
mod reports;
mod search;
mod store;
mod users_by_ids;
mod work_queue;
