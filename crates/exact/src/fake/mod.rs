//! Fake Exact servers for tests: small axum servers on 127.0.0.1 that
//! speak each product's wire format (Synergy's OData verbose JSON and
//! request flow, Exact Online's JSON and OAuth2), including their error
//! shapes, with scripted failures.
//!
//! The state lives in a shared value outside the server, so a test can
//! stop a server and start a new one on the same port with the same state:
//! a restart in between attempts.

pub mod fixtures;
// Handlers return a finished error response early; its size does not
// matter in a test fake.
#[allow(clippy::result_large_err)]
pub mod online;
#[allow(clippy::result_large_err)]
pub mod synergy;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use online::{OnlineFake, OnlineState};
pub use synergy::{SynergyFake, SynergyState};

/// What the next request to a route does instead of (or on top of) its
/// normal work. Unscripted requests behave normally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Answer this status with the product's error shape; nothing done.
    Fail(u16),
    /// Answer 400 with this validation message; nothing done.
    Reject(String),
    /// Do the work, then wait this long before answering: past the
    /// client's time-out the answer is lost, though the work was done.
    Slow(Duration),
}

/// Scripted steps per route.
#[derive(Debug, Default)]
pub(crate) struct Script(HashMap<&'static str, VecDeque<Step>>);

impl Script {
    pub(crate) fn push(&mut self, route: &'static str, steps: impl IntoIterator<Item = Step>) {
        self.0.entry(route).or_default().extend(steps);
    }

    pub(crate) fn next(&mut self, route: &'static str) -> Option<Step> {
        self.0.get_mut(route).and_then(VecDeque::pop_front)
    }
}

/// A running fake server.
pub struct Running {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Running {
    /// Serves `router` on `addr` (port 0: any free port).
    pub(crate) async fn start(router: Router, addr: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::warn!(error = %e, "fake Exact server stopped with an error");
            }
        });
        Ok(Self {
            addr,
            shutdown: Some(tx),
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server: no new connections, open ones closed. A request
    /// still being answered gets two seconds, then is cut off.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let abort = self.task.abort_handle();
        if tokio::time::timeout(Duration::from_secs(2), &mut self.task)
            .await
            .is_err()
        {
            abort.abort();
        }
    }
}

/// The OData error body both products use (`lang` is "en-US" in Synergy,
/// empty in Exact Online).
pub(crate) fn odata_error(lang: &str, message: &str) -> serde_json::Value {
    serde_json::json!({"error": {"code": "", "message": {"lang": lang, "value": message}}})
}

/// Parses `Property eq 'value'` (quotes doubled inside).
pub(crate) fn parse_eq_filter(filter: &str) -> Option<(String, String)> {
    let (prop, rest) = filter.trim().split_once(" eq ")?;
    Some((prop.trim().to_owned(), parse_literal(rest.trim())?))
}

/// Parses `substringof('value',Property) eq true`.
pub(crate) fn parse_substringof_filter(filter: &str) -> Option<(String, String)> {
    let inner = filter
        .trim()
        .strip_prefix("substringof(")?
        .strip_suffix(") eq true")?;
    let (literal, prop) = inner.rsplit_once(',')?;
    Some((prop.trim().to_owned(), parse_literal(literal.trim())?))
}

fn parse_literal(s: &str) -> Option<String> {
    let inner = s.strip_prefix('\'')?.strip_suffix('\'')?;
    // A lone quote inside is malformed OData.
    if inner.replace("''", "").contains('\'') {
        return None;
    }
    Some(inner.replace("''", "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_as_odata_writes_them() {
        assert_eq!(
            parse_eq_filter("FreeTextField_10 eq 'klacht-1'"),
            Some(("FreeTextField_10".into(), "klacht-1".into()))
        );
        assert_eq!(
            parse_eq_filter("Name eq 'o''brien'"),
            Some(("Name".into(), "o'brien".into()))
        );
        assert_eq!(parse_eq_filter("Name eq 'o'brien'"), None);
        assert_eq!(
            parse_substringof_filter("substringof('[k: a,b]',Notes) eq true"),
            Some(("Notes".into(), "[k: a,b]".into()))
        );
        assert_eq!(parse_substringof_filter("Notes eq 'x'"), None);
    }
}
