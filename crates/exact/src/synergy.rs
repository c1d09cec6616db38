//! Exact Synergy Enterprise (on premise, "E-Synergy").
//!
//! Its REST services live under `{site}/services/`:
//! - `Exact.RequestFlow.REST.svc`: `POST OpenNew` with
//!   `{"InputMessage":{"RequestType":N,"IncludeHtmlTags":"False"}}` answers
//!   a new request's defaults in `d` (`Actions`, `RequestHeader` with the
//!   request's `ID`, `Flow`, `Request` with its fields); `POST Action` with
//!   `{"Name":"Submit","InputMessage":[{"Name":"ID","Value":…},{"Name":
//!   field,"Value":…},…]}` fills the fields and submits it, answering the
//!   same shape with the request's number (`HID`).
//! - `Exact.Entity.REST.svc/<Entity>`: the generic OData v2 service;
//!   `GET Request?$filter=FreeTextField_10 eq '…'` answers verbose JSON
//!   `{"d":{"results":[…]}}`.
//!
//! Every call sends `DataServiceVersion: 3.0` and asks for
//! `application/json;odata=verbose`. Authentication is Basic; NTLM is not
//! supported by this build (see `SynergyAuth::Ntlm`).

use std::time::Duration;

use klacht_app::config::SynergyConfig;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderValue};
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use tracing::Instrument;

use crate::http::{self, odata_literal, read_json, results, send_error, text};
use crate::{ExactConnector, ExactError, ExactId, Registration};

const PRODUCT: &str = "Exact Synergy";
const VERBOSE_JSON: &str = "application/json;odata=verbose";

pub struct SynergyClient {
    config: SynergyConfig,
    http: reqwest::Client,
}

impl SynergyClient {
    pub fn new(config: SynergyConfig, timeout: Duration) -> Result<Self, ExactError> {
        let mut headers = HeaderMap::new();
        headers.insert("DataServiceVersion", HeaderValue::from_static("3.0"));
        headers.insert("MaxDataServiceVersion", HeaderValue::from_static("3.0"));
        headers.insert(ACCEPT, HeaderValue::from_static(VERBOSE_JSON));
        let http = http::build(http::builder(timeout).default_headers(headers))?;
        Ok(Self { config, http })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/services/{path}", self.config.base_url)
    }

    fn post(&self, path: &str, body: &Value) -> reqwest::RequestBuilder {
        self.http
            .post(self.url(path))
            .basic_auth(
                &self.config.username,
                Some(self.config.password.expose_secret()),
            )
            .header(CONTENT_TYPE, VERBOSE_JSON)
            .json(body)
    }

    /// The request created earlier with this idempotency key, if any.
    pub async fn find(&self, key: &str) -> Result<Option<ExactId>, ExactError> {
        let filter = format!("{} eq {}", self.config.lookup_property, odata_literal(key));
        let resp = self
            .http
            .get(self.url(&format!(
                "Exact.Entity.REST.svc/{}",
                self.config.lookup_entity
            )))
            .basic_auth(
                &self.config.username,
                Some(self.config.password.expose_secret()),
            )
            .query(&[("$filter", filter.as_str()), ("$top", "1")])
            .send()
            .await
            .map_err(|e| send_error(PRODUCT, &e))?;
        let v = read_json(PRODUCT, resp).await?;
        let rows = results(&v).ok_or_else(|| unexpected("de zoekvraag", &v))?;
        Ok(rows.first().and_then(request_number))
    }

    async fn open_new(&self) -> Result<Value, ExactError> {
        let body = json!({"InputMessage": {
            "RequestType": self.config.request_type,
            "IncludeHtmlTags": "False",
        }});
        let resp = self
            .post("Exact.RequestFlow.REST.svc/OpenNew", &body)
            .send()
            .await
            .map_err(|e| send_error(PRODUCT, &e))?;
        read_json(PRODUCT, resp).await
    }

    async fn submit(&self, id: &str, fields: Vec<(String, String)>) -> Result<Value, ExactError> {
        let mut input = vec![json!({"Name": "ID", "Value": id})];
        input.extend(
            fields
                .into_iter()
                .map(|(name, value)| json!({"Name": name, "Value": value})),
        );
        let body = json!({"Name": "Submit", "InputMessage": input});
        let resp = self
            .post("Exact.RequestFlow.REST.svc/Action", &body)
            .send()
            .await
            .map_err(|e| send_error(PRODUCT, &e))?;
        read_json(PRODUCT, resp).await
    }

    /// The request fields to fill: the configured mapping, then the key.
    fn fields(&self, reg: &Registration, key: &str) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = self
            .config
            .fields
            .iter()
            .filter(|(to, _)| **to != self.config.key_field)
            .filter_map(|(to, from)| reg.field(from).map(|v| (to.clone(), v)))
            .collect();
        fields.push((self.config.key_field.clone(), key.to_owned()));
        fields
    }
}

/// A request's number (HID) or, failing that, its ID.
fn request_number(request: &Value) -> Option<ExactId> {
    let header = request.get("RequestHeader").unwrap_or(request);
    header
        .get("HID")
        .and_then(text)
        .filter(|h| h != "0")
        .or_else(|| header.get("ID").and_then(text))
        .map(ExactId)
}

fn unexpected(what: &str, v: &Value) -> ExactError {
    let mut shown = v.to_string();
    shown.truncate(200);
    ExactError::Retryable(format!(
        "{PRODUCT} gaf een onverwacht antwoord op {what}: {shown}"
    ))
}

impl ExactConnector for SynergyClient {
    async fn register(&self, reg: &Registration, key: &str) -> Result<ExactId, ExactError> {
        let span = tracing::info_span!("exact.synergy.register", reference = %reg.reference);
        async {
            if let Some(id) = self.find(key).await? {
                tracing::info!(exact_id = %id, "request already exists; not creating another");
                return Ok(id);
            }
            let new = self.open_new().await?;
            let d = new.get("d").ok_or_else(|| unexpected("OpenNew", &new))?;
            let id = d
                .get("RequestHeader")
                .and_then(|h| h.get("ID"))
                .and_then(text)
                .ok_or_else(|| unexpected("OpenNew", &new))?;
            check_request_type(d, &self.fields(reg, key), self.config.request_type)?;
            let done = self.submit(&id, self.fields(reg, key)).await?;
            let d = done.get("d").ok_or_else(|| unexpected("Submit", &done))?;
            let number = request_number(d).ok_or_else(|| unexpected("Submit", &done))?;
            tracing::info!(exact_id = %number, "request submitted");
            Ok(number)
        }
        .instrument(span)
        .await
    }

    fn product(&self) -> &'static str {
        PRODUCT
    }
}

/// Refuses, before anything is created, a request type that cannot be
/// submitted or lacks a mapped field: only the administrator can fix that.
fn check_request_type(
    d: &Value,
    fields: &[(String, String)],
    request_type: u32,
) -> Result<(), ExactError> {
    let names = |key: &str| -> Option<Vec<String>> {
        let list = d.get(key)?;
        let rows = list.get("results").unwrap_or(list).as_array()?;
        Some(
            rows.iter()
                .filter_map(|r| r.get("Name").and_then(Value::as_str).map(str::to_owned))
                .collect(),
        )
    };
    if let Some(actions) = names("Actions")
        && !actions.iter().any(|a| a == "Submit")
    {
        return Err(ExactError::Permanent(format!(
            "verzoeksoort {request_type} in {PRODUCT} kan niet worden ingediend (geen actie \
             Submit)"
        )));
    }
    if let Some(known) = names("Request").filter(|k| !k.is_empty())
        && let Some((missing, _)) = fields.iter().find(|(f, _)| !known.contains(f))
    {
        return Err(ExactError::Permanent(format!(
            "verzoeksoort {request_type} in {PRODUCT} heeft geen veld {missing}; pas \
             [exact.synergy.fields] aan"
        )));
    }
    Ok(())
}
