//! The complaint domain of `klacht`: pure logic, no I/O, no async.
//!
//! Everything that enters from the outside world (forms, API bodies, the
//! database) is parsed into the types of this crate once, at the edge; from
//! then on only these types travel.

pub mod absence;
pub mod attachment;
pub mod calendar;
pub mod complaint;
pub mod dutch;
pub mod exact;
pub mod ids;
pub mod improvement;
pub mod language;
pub mod next_step;
pub mod patterns;
pub mod permissions;
pub mod refusal;
pub mod reminders;
pub mod retention;
pub mod stats;
#[cfg(test)]
mod sweep;
pub mod terms;
pub mod user;

pub use ids::{ComplaintId, Email, ParseError, ReferenceNumber, TrackingCode, UserId};
pub use language::{Labelled, Language};
pub use refusal::{Code as RefusalCode, Refusal};
pub use user::{Role, User};
