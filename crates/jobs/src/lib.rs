//! Background work of klacht (DESIGN §9 `crates/jobs`).
//!
//! - [`delivery`]: e-mail as a handler of the one outbox runner
//!   (`klacht_app::delivery`): [`deliver_due`] claims due messages with a
//!   lease, sends each, and marks it sent, schedules a retry with
//!   exponential back-off, or marks it failed after the last attempt (and
//!   tells the quality managers).
//! - [`Jobs::run_once`]: one round of every job, in order. `klacht jobs
//!   run-once` runs it once; [`spawn_worker`] runs it every few seconds
//!   inside `klacht serve`.
//! - [`mailbox`]: complaints from the mailbox (IMAP), a task of its own
//!   beside the worker ([`spawn_mailbox`]).
//! - [`Clock`]: time is injected, so tests move it instead of sleeping.
//!
//! Several instances may run the worker against one PostgreSQL database:
//! `claim_outbox` hands each message to one worker (`FOR UPDATE SKIP
//! LOCKED`) and hides it for the lease; a worker that dies mid-delivery
//! leaves the message to be claimed again once the lease ends. On SQLite
//! there is one writer, so claims are serialised anyway.
//!
//! Delivery is at least once: a worker that dies after the SMTP server
//! accepted a message but before it was marked sent will send it again
//! after the lease. Every send of one outbox row carries the same
//! `Message-ID: <{outbox id}@{sender domain}>`, so the receiver can recognise the
//! duplicate.

pub mod delivery;
pub mod dossier;
pub mod mailbox;
mod run;
pub mod schedule;
mod worker;

pub use delivery::{DeliveryConfig, deliver_due};
pub use dossier::{DossierJob, DossierReport};
pub use klacht_app::delivery::{DeliveryPolicy, DeliveryReport};
pub use klacht_clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use mailbox::{MailboxJob, MailboxReport, spawn_mailbox};
pub use run::{JobError, Jobs, RunReport};
pub use schedule::{ScheduleReport, Scheduler, schedule_due};
pub use worker::{WorkerOptions, spawn_worker};
