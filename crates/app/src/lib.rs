//! Application services: what the web layer, the jobs and the CLI share.
//! Configuration, password hashing, and the use cases that combine the
//! pure domain with the store.

pub mod admin;
pub mod auth;
pub mod calendar;
pub mod complaints;
pub mod config;
pub mod password;

pub use config::{Config, ConfigError};
