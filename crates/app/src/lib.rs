//! Application services: what the web layer, the jobs and the CLI share.
//! Configuration, password hashing, and the use cases that combine the
//! pure domain with the store.

pub mod absences;
pub mod admin;
pub mod agenda;
pub mod auth;
pub mod bulk;
pub mod calendar;
pub mod complaints;
pub mod config;
pub mod consultation;
pub mod delivery;
pub mod documents;
pub mod dossier;
pub mod exact;
pub mod files;
pub mod follow_up;
pub mod handover;
pub mod improvement;
pub mod kept;
pub mod links;
pub mod mailbox;
pub mod notify;
pub mod outbox;
pub mod password;
pub mod public;
pub mod reopening;
pub mod reports;
pub mod retention;
pub mod spreadsheet;
pub mod sso;
pub mod views;
pub mod work_queue;

pub use config::{Config, ConfigError};
