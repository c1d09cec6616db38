//! A fake Exact Synergy Enterprise: the request-flow service (`OpenNew`,
//! `Action` with `Submit`) and the generic OData service for `Request`,
//! verbose JSON, Basic authentication.

use std::collections::{BTreeMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

use super::{Running, Script, Step, odata_error, parse_eq_filter};

const VERBOSE: &str = "application/json;odata=verbose;charset=utf-8";

/// A submitted request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeRequest {
    pub id: String,
    pub hid: u64,
    pub request_type: u32,
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug)]
struct Data {
    username: String,
    password: String,
    /// Request type → its fields.
    types: BTreeMap<u32, Vec<String>>,
    opened: HashSet<String>,
    requests: Vec<FakeRequest>,
    next_hid: u64,
    script: Script,
    /// `METHOD route` per request received.
    log: Vec<String>,
}

/// The fake's data, shared by every server started with it.
#[derive(Debug, Clone)]
pub struct SynergyState(Arc<Mutex<Data>>);

/// The request type the fake knows by default, with Synergy's usual
/// field names.
pub const COMPLAINT_TYPE: u32 = 2001;

impl SynergyState {
    pub fn new(username: &str, password: &str) -> Self {
        let mut fields = vec!["Description".to_owned()];
        for n in 1..=10 {
            fields.push(format!("FreeTextField_{n:02}"));
        }
        for n in 1..=5 {
            fields.push(format!("FreeDateField_{n:02}"));
            fields.push(format!("FreeMemoField_{n:02}"));
        }
        Self(Arc::new(Mutex::new(Data {
            username: username.into(),
            password: password.into(),
            types: [(COMPLAINT_TYPE, fields)].into(),
            opened: HashSet::new(),
            requests: Vec::new(),
            next_hid: 1001,
            script: Script::default(),
            log: Vec::new(),
        })))
    }

    fn lock(&self) -> MutexGuard<'_, Data> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Scripts the next requests to `route`: "lookup", "open_new" or
    /// "action".
    pub fn script(&self, route: &'static str, steps: impl IntoIterator<Item = Step>) {
        self.lock().script.push(route, steps);
    }

    pub fn requests(&self) -> Vec<FakeRequest> {
        self.lock().requests.clone()
    }

    /// `METHOD route` of every request received, in order.
    pub fn log(&self) -> Vec<String> {
        self.lock().log.clone()
    }

    pub async fn start(&self, addr: SocketAddr) -> std::io::Result<SynergyFake> {
        let router = Router::new()
            .route("/services/Exact.Entity.REST.svc/{entity}", get(entity))
            .route(
                "/services/Exact.RequestFlow.REST.svc/OpenNew",
                post(open_new),
            )
            .route("/services/Exact.RequestFlow.REST.svc/Action", post(action))
            .with_state(self.clone());
        Ok(SynergyFake(Running::start(router, addr).await?))
    }
}

/// A running fake Synergy; [`SynergyFake::url`] is the site's base URL.
pub struct SynergyFake(Running);

impl SynergyFake {
    pub fn url(&self) -> String {
        self.0.url()
    }

    pub fn addr(&self) -> SocketAddr {
        self.0.addr()
    }

    pub async fn stop(self) {
        self.0.stop().await;
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, VERBOSE)],
        odata_error("en-US", message).to_string(),
    )
        .into_response()
}

fn ok(status: StatusCode, body: Value) -> Response {
    (
        status,
        [("content-type", VERBOSE), ("dataserviceversion", "3.0;")],
        body.to_string(),
    )
        .into_response()
}

/// Authentication and the headers every Synergy REST call needs. Then
/// the script's step for `route`, if any.
fn admit(
    state: &SynergyState,
    headers: &HeaderMap,
    route: &'static str,
) -> Result<Option<Step>, Response> {
    let mut data = state.lock();
    data.log.push(route.to_owned());
    let expected = format!(
        "Basic {}",
        BASE64.encode(format!("{}:{}", data.username, data.password))
    );
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if auth != Some(expected.as_str()) {
        // IIS answers before Synergy sees the request: HTML, no OData.
        return Err((
            StatusCode::UNAUTHORIZED,
            [
                (header::WWW_AUTHENTICATE, "Basic realm=\"Synergy\""),
                (header::CONTENT_TYPE, "text/html"),
            ],
            "<html><body><h1>401 - Unauthorized</h1></body></html>",
        )
            .into_response());
    }
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !accept.contains("odata=verbose") || headers.get("DataServiceVersion").is_none() {
        return Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Expected Accept: application/json;odata=verbose and DataServiceVersion 3.0.",
        ));
    }
    match data.script.next(route) {
        Some(Step::Fail(code)) => Err(error(
            StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "The server encountered an error processing the request.",
        )),
        Some(Step::Reject(message)) => Err(error(StatusCode::BAD_REQUEST, &message)),
        other => Ok(other),
    }
}

async fn slow(step: Option<Step>) {
    if let Some(Step::Slow(d)) = step {
        tokio::time::sleep(d).await;
    }
}

fn request_row(r: &FakeRequest) -> Value {
    let mut row = json!({
        "__metadata": {
            "uri": format!("Exact.Entity.REST.svc/Request(guid'{}')", r.id),
            "type": "Exact.Entity.REST.Request",
        },
        "ID": r.id,
        "HID": r.hid,
        "RequestType": r.request_type,
    });
    if let Some(obj) = row.as_object_mut() {
        for (k, v) in &r.fields {
            obj.insert(k.clone(), Value::String(v.clone()));
        }
    }
    row
}

async fn entity(
    State(state): State<SynergyState>,
    Path(entity): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let step = match admit(&state, &headers, "lookup") {
        Ok(step) => step,
        Err(resp) => return resp,
    };
    if entity != "Request" {
        return error(
            StatusCode::NOT_FOUND,
            &format!("Resource not found for the segment '{entity}'."),
        );
    }
    let rows: Vec<Value> = {
        let data = state.lock();
        let matches: Vec<&FakeRequest> = match query.get("$filter") {
            None => data.requests.iter().collect(),
            Some(f) => match parse_eq_filter(f) {
                Some((prop, value)) => data
                    .requests
                    .iter()
                    .filter(|r| r.fields.get(&prop) == Some(&value))
                    .collect(),
                None => {
                    return error(
                        StatusCode::BAD_REQUEST,
                        &format!("Syntax error at position 0 in '{f}'."),
                    );
                }
            },
        };
        let top = query
            .get("$top")
            .and_then(|t| t.parse::<usize>().ok())
            .unwrap_or(usize::MAX);
        matches.into_iter().take(top).map(request_row).collect()
    };
    slow(step).await;
    ok(StatusCode::OK, json!({"d": {"results": rows}}))
}

async fn open_new(State(state): State<SynergyState>, headers: HeaderMap, body: String) -> Response {
    let step = match admit(&state, &headers, "open_new") {
        Ok(step) => step,
        Err(resp) => return resp,
    };
    let Some(request_type) = serde_json::from_str::<Value>(&body)
        .ok()
        .and_then(|v| {
            v.pointer("/InputMessage/RequestType")
                .and_then(Value::as_u64)
        })
        .and_then(|t| u32::try_from(t).ok())
    else {
        return error(
            StatusCode::BAD_REQUEST,
            "InputMessage.RequestType is required.",
        );
    };
    let id = uuid::Uuid::new_v4().to_string();
    let fields = {
        let mut data = state.lock();
        let Some(fields) = data.types.get(&request_type).cloned() else {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("Request type {request_type} does not exist."),
            );
        };
        data.opened.insert(id.clone());
        fields
    };
    slow(step).await;
    ok(
        StatusCode::OK,
        json!({"d": {
            "Actions": {"results": [
                {"Name": "Submit", "Caption": "Indienen"},
                {"Name": "Save", "Caption": "Opslaan"},
            ]},
            "RequestHeader": {"ID": id, "HID": 0, "RequestType": request_type, "Status": 0},
            "Flow": {"CurrentStage": 0, "NumberOfStages": 2},
            "Request": {"results": fields.iter().map(|f| json!({
                "Name": f, "Caption": f, "Value": "",
                "IsMandatory": f == "Description", "IsEditable": true,
            })).collect::<Vec<_>>()},
        }}),
    )
}

async fn action(State(state): State<SynergyState>, headers: HeaderMap, body: String) -> Response {
    let step = match admit(&state, &headers, "action") {
        Ok(step) => step,
        Err(resp) => return resp,
    };
    let Ok(v) = serde_json::from_str::<Value>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "The request body is not valid JSON.",
        );
    };
    if v.get("Name").and_then(Value::as_str) != Some("Submit") {
        return error(
            StatusCode::BAD_REQUEST,
            "Only the action Submit is supported.",
        );
    }
    let mut input = BTreeMap::new();
    for pair in v
        .get("InputMessage")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let (Some(name), Some(value)) = (
            pair.get("Name").and_then(Value::as_str),
            pair.get("Value").and_then(Value::as_str),
        ) {
            input.insert(name.to_owned(), value.to_owned());
        }
    }
    let Some(id) = input.remove("ID") else {
        return error(StatusCode::BAD_REQUEST, "InputMessage has no ID.");
    };
    let created = {
        let mut data = state.lock();
        if !data.opened.contains(&id) {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("Request {id} was not opened with OpenNew or is already submitted."),
            );
        }
        // Every type the fake knows shares one field list.
        let known = data.types.values().next().cloned().unwrap_or_default();
        if let Some(unknown) = input.keys().find(|k| !known.contains(k)) {
            return error(
                StatusCode::BAD_REQUEST,
                &format!("Field {unknown} does not exist in this request type."),
            );
        }
        if input.get("Description").is_none_or(|d| d.trim().is_empty()) {
            return error(StatusCode::BAD_REQUEST, "Field Description is mandatory.");
        }
        data.opened.remove(&id);
        let hid = data.next_hid;
        data.next_hid += 1;
        let request = FakeRequest {
            id,
            hid,
            request_type: COMPLAINT_TYPE,
            fields: input,
        };
        data.requests.push(request.clone());
        request
    };
    slow(step).await;
    ok(
        StatusCode::OK,
        json!({"d": {
            "Actions": {"results": [{"Name": "Approve", "Caption": "Goedkeuren"}]},
            "RequestHeader": {
                "ID": created.id, "HID": created.hid,
                "RequestType": created.request_type, "Status": 1,
            },
            "Flow": {"CurrentStage": 1, "NumberOfStages": 2},
            "Request": {"results": created.fields.iter().map(|(k, v)| json!({
                "Name": k, "Value": v,
            })).collect::<Vec<_>>()},
        }}),
    )
}
