//! Exact Online (cloud).
//!
//! - `POST {base}/api/v1/{division}/activities/Complaints` with a JSON body
//!   (`Account`, `Contact`, `AssignedTo`, `Complaint`, `Notes`,
//!   `ReceiptDate`) and `Prefer: return=representation`; the answer (201)
//!   carries the new complaint in `d`, its GUID in `d.ID`.
//! - `GET …/activities/Complaints?$filter=substringof('…',Notes) eq true`
//!   finds a complaint created earlier with our idempotency key, which
//!   ends the notes (`[klacht-sleutel: …]`).
//! - OAuth2: a bearer access token valid ten minutes, renewed with
//!   `POST {base}/api/oauth2/token` (`grant_type=refresh_token`). Exact
//!   Online rotates refresh tokens: each renewal retires the old one, so
//!   the new one is stored (encrypted) before it is used.
//!
//! Errors come as `{"error":{"code":"","message":{"lang":"","value":"…"}}}`;
//! an expired access token answers 401, which renews it and retries once.

use std::sync::Arc;
use std::time::Duration;

use jiff::SignedDuration;
use klacht_app::config::{ExactConfig, OnlineConfig};
use klacht_clock::{Clock, SharedClock, SystemClock};
use klacht_store::Store;
use reqwest::StatusCode;
use reqwest::header::ACCEPT;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Map, Value};
use tokio::sync::Mutex;
use tracing::Instrument;

use crate::http::{self, odata_literal, read_json, results, send_error, status_error, text};
use crate::tokens::{SecretKey, TokenStore, Tokens};
use crate::{ExactConnector, ExactError, ExactId, Registration};

const PRODUCT: &str = "Exact Online";

/// The marker that carries the idempotency key in a complaint's notes.
pub fn marker(key: &str) -> String {
    format!("[klacht-sleutel: {key}]")
}

pub struct OnlineClient<S> {
    config: OnlineConfig,
    http: reqwest::Client,
    tokens: TokenStore<S>,
    /// The tokens in use; the lock serialises renewals in this process.
    current: Mutex<Option<Tokens>>,
    /// Token lifetimes are counted on this clock.
    clock: SharedClock,
}

impl<S: Store> OnlineClient<S> {
    pub fn new(
        config: OnlineConfig,
        timeout: Duration,
        store: S,
        key: SecretKey,
    ) -> Result<Self, ExactError> {
        Ok(Self {
            config,
            http: http::build(http::builder(timeout))?,
            tokens: TokenStore::new(store, key),
            current: Mutex::new(None),
            clock: Arc::new(SystemClock),
        })
    }

    /// Counts token lifetimes on this clock instead of the system's.
    pub fn with_clock(mut self, clock: SharedClock) -> Self {
        self.clock = clock;
        self
    }

    pub fn from_config(config: &ExactConfig, store: S) -> Result<Self, ExactError> {
        let key = config.secret_key.as_ref().ok_or_else(|| {
            ExactError::Permanent("KLACHT_SECRET_KEY ontbreekt (nodig voor Exact Online)".into())
        })?;
        let key = SecretKey::from_hex(key.expose_secret())?;
        Self::new(config.online.clone(), config.timeout, store, key)
    }

    /// Stores a refresh token the administrator obtained (the app's
    /// authorisation in Exact Online); the first call renews it.
    pub async fn import_refresh_token(
        &self,
        refresh_token: SecretString,
    ) -> Result<(), ExactError> {
        let tokens = Tokens::from_refresh_token(refresh_token);
        self.tokens.save(&tokens).await?;
        *self.current.lock().await = Some(tokens);
        Ok(())
    }

    /// Exchanges an authorisation code (from Exact Online's consent page,
    /// redirected to `redirect_uri`) for tokens and stores them.
    pub async fn authorize(&self, code: &str, redirect_uri: &str) -> Result<(), ExactError> {
        let tokens = self
            .token_request(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", redirect_uri),
            ])
            .await?;
        self.tokens.save(&tokens).await?;
        *self.current.lock().await = Some(tokens);
        Ok(())
    }

    fn token_url(&self) -> String {
        format!("{}/api/oauth2/token", self.config.base_url)
    }

    fn complaints_url(&self) -> String {
        format!(
            "{}/api/v1/{}/activities/Complaints",
            self.config.base_url, self.config.division
        )
    }

    async fn token_request(&self, grant: &[(&str, &str)]) -> Result<Tokens, ExactError> {
        let mut form: Vec<(&str, &str)> = grant.to_vec();
        form.push(("client_id", &self.config.client_id));
        form.push(("client_secret", self.config.client_secret.expose_secret()));
        let resp = self
            .http
            .post(self.token_url())
            .header(ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
            .map_err(|e| send_error(PRODUCT, &e))?;
        let status = resp.status();
        let v = match read_json(PRODUCT, resp).await {
            Ok(v) => v,
            // A refused grant is final until someone authorises again.
            Err(ExactError::Permanent(m)) if status.is_client_error() => {
                return Err(ExactError::Permanent(format!(
                    "{m}. De koppeling met Exact Online is verlopen of ingetrokken; koppel \
                     opnieuw met `klacht exact online-token`"
                )));
            }
            Err(e) => return Err(e),
        };
        let access = v.get("access_token").and_then(text);
        let refresh = v.get("refresh_token").and_then(text);
        // Exact Online sends `expires_in` as a string ("600").
        let expires_in = v
            .get("expires_in")
            .and_then(text)
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(600);
        match (access, refresh) {
            (Some(access), Some(refresh)) => Ok(Tokens {
                access_token: access.into(),
                expires_at: self.clock.now() + SignedDuration::from_secs(expires_in),
                refresh_token: refresh.into(),
            }),
            _ => Err(ExactError::Retryable(format!(
                "{PRODUCT} gaf geen bruikbare tokens terug"
            ))),
        }
    }

    /// A valid access token: the current one, or a renewed one.
    async fn access_token(&self, force_renew: bool) -> Result<SecretString, ExactError> {
        let mut current = self.current.lock().await;
        if current.is_none() {
            *current = self.tokens.load().await?;
        }
        let tokens = current.clone().ok_or_else(|| {
            ExactError::Permanent(
                "Exact Online is nog niet gekoppeld: geef een refresh token met `klacht exact \
                 online-token`"
                    .into(),
            )
        })?;
        if !force_renew && tokens.fresh_at(self.clock.now()) {
            return Ok(tokens.access_token);
        }
        let renewed = match self.renew(&tokens).await {
            Ok(t) => t,
            Err(ExactError::Permanent(m)) => {
                // Another instance may have renewed (and so retired our
                // refresh token) in the meantime: take what it stored.
                match self.tokens.load().await? {
                    Some(stored)
                        if stored.refresh_token.expose_secret()
                            != tokens.refresh_token.expose_secret() =>
                    {
                        if stored.fresh_at(self.clock.now()) {
                            stored
                        } else {
                            self.renew(&stored).await?
                        }
                    }
                    _ => return Err(ExactError::Permanent(m)),
                }
            }
            Err(e) => return Err(e),
        };
        let token = renewed.access_token.clone();
        *current = Some(renewed);
        Ok(token)
    }

    #[tracing::instrument(skip_all)]
    async fn renew(&self, tokens: &Tokens) -> Result<Tokens, ExactError> {
        let renewed = self
            .token_request(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", tokens.refresh_token.expose_secret()),
            ])
            .await?;
        // The old refresh token is dead now: keep the new one first.
        self.tokens.save(&renewed).await?;
        tracing::info!("Exact Online access token renewed");
        Ok(renewed)
    }

    /// Sends a request with the bearer token; on 401 renews the token and
    /// tries once more.
    async fn send(
        &self,
        request: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<Value, ExactError> {
        let mut renewed = false;
        loop {
            let token = self.access_token(renewed).await?;
            let resp = request(token.expose_secret())
                .header(ACCEPT, "application/json")
                .send()
                .await
                .map_err(|e| send_error(PRODUCT, &e))?;
            if resp.status() == StatusCode::UNAUTHORIZED {
                let body = resp.text().await.unwrap_or_default();
                if renewed {
                    return Err(status_error(PRODUCT, StatusCode::UNAUTHORIZED, &body));
                }
                tracing::info!("access token refused; renewing");
                renewed = true;
                continue;
            }
            return read_json(PRODUCT, resp).await;
        }
    }

    /// The complaint created earlier with this idempotency key, if any.
    pub async fn find(&self, key: &str) -> Result<Option<ExactId>, ExactError> {
        let filter = format!("substringof({},Notes) eq true", odata_literal(&marker(key)));
        let url = self.complaints_url();
        let v = self
            .send(|token| {
                self.http
                    .get(&url)
                    .bearer_auth(token)
                    .query(&[("$filter", filter.as_str()), ("$select", "ID")])
            })
            .await?;
        let rows = results(&v).ok_or_else(|| unexpected("de zoekvraag", &v))?;
        Ok(rows
            .first()
            .and_then(|r| r.get("ID"))
            .and_then(text)
            .map(ExactId))
    }

    fn body(&self, reg: &Registration, key: &str) -> Value {
        let mut body = Map::new();
        for (name, value) in [
            ("Account", &self.config.account),
            ("Contact", &self.config.contact),
            ("AssignedTo", &self.config.assigned_to),
        ] {
            if let Some(v) = value {
                body.insert(name.into(), Value::String(v.clone()));
            }
        }
        body.insert("Complaint".into(), Value::String(reg.title()));
        body.insert(
            "Notes".into(),
            Value::String(format!("{}\n\n{}", reg.notes(), marker(key))),
        );
        // Exact Online takes ISO 8601 and answers `/Date(ms)/`.
        body.insert(
            "ReceiptDate".into(),
            Value::String(format!("{}T00:00:00", reg.received_on)),
        );
        Value::Object(body)
    }
}

fn unexpected(what: &str, v: &Value) -> ExactError {
    let mut shown = v.to_string();
    shown.truncate(200);
    ExactError::Retryable(format!(
        "{PRODUCT} gaf een onverwacht antwoord op {what}: {shown}"
    ))
}

impl<S: Store> ExactConnector for OnlineClient<S> {
    async fn register(&self, reg: &Registration, key: &str) -> Result<ExactId, ExactError> {
        let span = tracing::info_span!("exact.online.register", reference = %reg.reference);
        async {
            if let Some(id) = self.find(key).await? {
                tracing::info!(exact_id = %id, "complaint already exists; not creating another");
                return Ok(id);
            }
            let body = self.body(reg, key);
            let url = self.complaints_url();
            let v = self
                .send(|token| {
                    self.http
                        .post(&url)
                        .bearer_auth(token)
                        .header("Prefer", "return=representation")
                        .json(&body)
                })
                .await?;
            let id = v
                .get("d")
                .and_then(|d| d.get("ID"))
                .and_then(text)
                .map(ExactId)
                .ok_or_else(|| unexpected("het aanmaken", &v))?;
            tracing::info!(exact_id = %id, "complaint created");
            Ok(id)
        }
        .instrument(span)
        .await
    }

    fn product(&self) -> &'static str {
        PRODUCT
    }
}
