//! The connector trait, its errors, and the connector the configuration
//! chooses.

use std::fmt;
use std::future::Future;

use klacht_app::config::{ExactConfig, ExactProduct};
use klacht_store::Store;

use crate::Registration;
use crate::online::OnlineClient;
use crate::synergy::SynergyClient;

/// The id Exact gave the registration: the request number (HID) in
/// Synergy, the complaint's GUID in Exact Online.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExactId(pub String);

impl fmt::Display for ExactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a registration did not go through. The message is Dutch: it ends
/// up on the quality manager's page as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExactError {
    /// Worth another attempt later: a time-out, no connection, 5xx, 429.
    #[error("{0}")]
    Retryable(String),
    /// Another attempt will fail the same way until someone acts: Exact
    /// refused the content (4xx validation), the credentials, or the
    /// configuration.
    #[error("{0}")]
    Permanent(String),
}

impl ExactError {
    pub fn is_retryable(&self) -> bool {
        matches!(self, ExactError::Retryable(_))
    }

    pub fn message(&self) -> &str {
        match self {
            ExactError::Retryable(m) | ExactError::Permanent(m) => m,
        }
    }
}

/// Something that registers a closed complaint in Exact.
pub trait ExactConnector: Send + Sync {
    /// Registers `reg` and returns Exact's id. Repeating the call with the
    /// same `idempotency_key` returns the record created before instead
    /// of creating a second one.
    fn register(
        &self,
        reg: &Registration,
        idempotency_key: &str,
    ) -> impl Future<Output = Result<ExactId, ExactError>> + Send;

    /// The product's name, for logs and messages.
    fn product(&self) -> &'static str;
}

/// The connector the configuration chose.
pub enum Connector<S> {
    Synergy(SynergyClient),
    Online(OnlineClient<S>),
}

impl<S: Store> Connector<S> {
    /// `None` when no product is configured (`product = "none"`): the
    /// registrations wait in the outbox for the file export.
    pub fn from_config(config: &ExactConfig, store: S) -> Result<Option<Self>, ExactError> {
        Ok(match config.product {
            ExactProduct::None => None,
            ExactProduct::Synergy => Some(Connector::Synergy(SynergyClient::new(
                config.synergy.clone(),
                config.timeout,
            )?)),
            ExactProduct::Online => {
                Some(Connector::Online(OnlineClient::from_config(config, store)?))
            }
        })
    }
}

impl<S: Store> ExactConnector for Connector<S> {
    async fn register(
        &self,
        reg: &Registration,
        idempotency_key: &str,
    ) -> Result<ExactId, ExactError> {
        match self {
            Connector::Synergy(c) => c.register(reg, idempotency_key).await,
            Connector::Online(c) => c.register(reg, idempotency_key).await,
        }
    }

    fn product(&self) -> &'static str {
        match self {
            Connector::Synergy(c) => c.product(),
            Connector::Online(c) => c.product(),
        }
    }
}
