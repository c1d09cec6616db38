//! Registration of closed complaints in Exact (DESIGN §7, issue #5).
//!
//! Closing a complaint queues its [`Registration`] in the outbox, in the
//! same transaction as the `Closed` event (`klacht_app::exact`). The
//! delivery step [`deliver_exact`] claims those messages, hands each to an
//! [`ExactConnector`] and records the id Exact returned on the complaint as
//! a `RegisteredInExact` event by the system. Failures are retried with
//! exponential back-off; a permanent one (or the last attempt) leaves the
//! message failed, where the quality manager sees it and may retry it.
//!
//! Two connectors, chosen by configuration (`[exact] product`):
//! - [`SynergyClient`]: Exact Synergy Enterprise (on premise), through the
//!   request-flow service (`OpenNew`, then `Action` `Submit`) and the
//!   generic OData service `Exact.Entity.REST.svc` for the idempotency
//!   lookup; Basic authentication.
//! - [`OnlineClient`]: Exact Online, `activities/Complaints`, OAuth2 with
//!   rotating refresh tokens kept encrypted in the database.
//!
//! Every attempt carries the same idempotency key (`klacht-{outbox id}`),
//! written into the record in Exact. Before creating, a connector looks
//! the key up, so an attempt whose answer was lost (a time-out after
//! Exact created the record, a crash before the outbox row was marked)
//! finds the record instead of creating a second one.
//!
//! With no connector configured the registrations stay queued and are
//! exported as CSV or JSON ([`export`]) for the quality manager to import.

mod connector;
pub mod deliver;
pub mod export;
#[cfg(feature = "fake")]
pub mod fake;
mod http;
pub mod online;
pub mod synergy;
pub mod tokens;

pub use connector::{Connector, ExactConnector, ExactError, ExactId};
pub use deliver::{DeliveryPolicy, DeliveryReport, ExactJob, deliver_exact, idempotency_key};
pub use klacht_domain::exact::Registration;
pub use online::OnlineClient;
pub use synergy::SynergyClient;
