//! A fake Exact Online: `activities/Complaints` (GET with `$filter`,
//! POST) in its JSON format, and the OAuth2 token endpoint, which rotates
//! refresh tokens as the real one does.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use jiff::Timestamp;
use jiff::civil::DateTime;
use serde_json::{Map, Value, json};

use super::{Running, Script, Step, odata_error, parse_substringof_filter};

/// Properties a complaint accepts on POST.
const WRITABLE: &[&str] = &[
    "Account",
    "AssignedTo",
    "Complaint",
    "Contact",
    "Notes",
    "ReceiptDate",
    "Status",
];

#[derive(Debug)]
struct Data {
    division: u32,
    client_id: String,
    client_secret: String,
    access_token: Option<String>,
    access_expired: bool,
    refresh_token: String,
    auth_code: Option<String>,
    complaints: Vec<Value>,
    token_grants: u32,
    script: Script,
    log: Vec<String>,
}

/// The fake's data, shared by every server started with it.
#[derive(Debug, Clone)]
pub struct OnlineState(Arc<Mutex<Data>>);

impl OnlineState {
    /// A division whose app has `client_id`/`client_secret` and whose
    /// current refresh token is `refresh_token`.
    pub fn new(division: u32, client_id: &str, client_secret: &str, refresh_token: &str) -> Self {
        Self(Arc::new(Mutex::new(Data {
            division,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            access_token: None,
            access_expired: false,
            refresh_token: refresh_token.into(),
            auth_code: None,
            complaints: Vec::new(),
            token_grants: 0,
            script: Script::default(),
            log: Vec::new(),
        })))
    }

    fn lock(&self) -> MutexGuard<'_, Data> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Scripts the next requests to `route`: "token", "lookup" or
    /// "create".
    pub fn script(&self, route: &'static str, steps: impl IntoIterator<Item = Step>) {
        self.lock().script.push(route, steps);
    }

    /// The complaints created, as Exact Online answers them.
    pub fn complaints(&self) -> Vec<Value> {
        self.lock().complaints.clone()
    }

    /// The refresh token that works now (each grant replaces it).
    pub fn refresh_token(&self) -> String {
        self.lock().refresh_token.clone()
    }

    /// How many tokens the token endpoint handed out.
    pub fn token_grants(&self) -> u32 {
        self.lock().token_grants
    }

    /// Makes the current access token expire: the next call answers 401.
    pub fn expire_access_token(&self) {
        self.lock().access_expired = true;
    }

    /// An authorisation code the token endpoint accepts once.
    pub fn set_auth_code(&self, code: &str) {
        self.lock().auth_code = Some(code.into());
    }

    pub fn log(&self) -> Vec<String> {
        self.lock().log.clone()
    }

    pub async fn start(&self, addr: SocketAddr) -> std::io::Result<OnlineFake> {
        let router = Router::new()
            .route("/api/oauth2/token", post(token))
            .route(
                "/api/v1/{division}/activities/Complaints",
                get(list).post(create),
            )
            .with_state(self.clone());
        Ok(OnlineFake(Running::start(router, addr).await?))
    }
}

/// A running fake Exact Online; [`OnlineFake::url`] is its base URL.
pub struct OnlineFake(Running);

impl OnlineFake {
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
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        odata_error("", message).to_string(),
    )
        .into_response()
}

fn json_answer(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

fn scripted(data: &mut Data, route: &'static str) -> Result<Option<Step>, Response> {
    data.log.push(route.to_owned());
    match data.script.next(route) {
        Some(Step::Fail(code)) => Err(error(
            StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            "Er is een fout opgetreden. Probeer het later opnieuw.",
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

fn oauth_error(code: &str, description: &str) -> Response {
    json_answer(
        StatusCode::BAD_REQUEST,
        json!({"error": code, "error_description": description}),
    )
}

async fn token(
    State(state): State<OnlineState>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let (step, answer) = {
        let mut data = state.lock();
        let step = match scripted(&mut data, "token") {
            Ok(step) => step,
            Err(resp) => return resp,
        };
        if field("client_id") != data.client_id || field("client_secret") != data.client_secret {
            return oauth_error("invalid_client", "Client authentication failed");
        }
        let granted = match field("grant_type") {
            "refresh_token" => field("refresh_token") == data.refresh_token,
            "authorization_code" => {
                data.auth_code.take().is_some_and(|c| c == field("code"))
                    && !field("redirect_uri").is_empty()
            }
            other => {
                return oauth_error(
                    "unsupported_grant_type",
                    &format!("grant_type '{other}' is not supported"),
                );
            }
        };
        if !granted {
            return oauth_error(
                "invalid_grant",
                "The refresh token or code is invalid or expired",
            );
        }
        data.token_grants += 1;
        let access = format!("at-{}", uuid::Uuid::new_v4().simple());
        // Rotation: the old refresh token is dead from now on.
        let refresh = format!("rt-{}", uuid::Uuid::new_v4().simple());
        data.access_token = Some(access.clone());
        data.access_expired = false;
        data.refresh_token = refresh.clone();
        (
            step,
            json!({
                "access_token": access,
                "token_type": "bearer",
                "expires_in": "600",
                "refresh_token": refresh,
            }),
        )
    };
    slow(step).await;
    json_answer(StatusCode::OK, answer)
}

/// Checks the bearer token and the division.
fn admit(data: &Data, headers: &HeaderMap, division: u32) -> Result<(), Response> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let valid = !data.access_expired && bearer.is_some() && bearer == data.access_token.as_deref();
    if !valid {
        let mut resp = error(
            StatusCode::UNAUTHORIZED,
            "Access token is invalid or expired",
        );
        resp.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        return Err(resp);
    }
    if division != data.division {
        return Err(error(
            StatusCode::FORBIDDEN,
            &format!("Geen toegang tot divisie {division}"),
        ));
    }
    Ok(())
}

async fn list(
    State(state): State<OnlineState>,
    Path(division): Path<u32>,
    Query(query): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let (step, rows) = {
        let mut data = state.lock();
        let step = match scripted(&mut data, "lookup") {
            Ok(step) => step,
            Err(resp) => return resp,
        };
        if let Err(resp) = admit(&data, &headers, division) {
            return resp;
        }
        let rows: Vec<Value> = match query.get("$filter") {
            None => data.complaints.clone(),
            Some(f) => match parse_substringof_filter(f) {
                Some((prop, needle)) => data
                    .complaints
                    .iter()
                    .filter(|c| {
                        c.get(&prop)
                            .and_then(Value::as_str)
                            .is_some_and(|v| v.contains(&needle))
                    })
                    .cloned()
                    .collect(),
                None => {
                    return error(StatusCode::BAD_REQUEST, &format!("Ongeldig filter: {f}"));
                }
            },
        };
        (step, rows)
    };
    slow(step).await;
    json_answer(StatusCode::OK, json!({"d": {"results": rows}}))
}

/// `/Date(ms)/` from ISO 8601 (`2026-04-24T00:00:00`, read as UTC) or
/// `/Date(ms)/` itself.
fn edm_date(v: &str) -> Option<String> {
    if let Some(ms) = v.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/")) {
        return ms.parse::<i64>().ok().map(|ms| format!("/Date({ms})/"));
    }
    let ms = match v.parse::<Timestamp>() {
        Ok(t) => t.as_millisecond(),
        Err(_) => v
            .parse::<DateTime>()
            .ok()?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_millisecond(),
    };
    Some(format!("/Date({ms})/"))
}

async fn create(
    State(state): State<OnlineState>,
    Path(division): Path<u32>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let (step, entity) = {
        let mut data = state.lock();
        let step = match scripted(&mut data, "create") {
            Ok(step) => step,
            Err(resp) => return resp,
        };
        if let Err(resp) = admit(&data, &headers, division) {
            return resp;
        }
        let Ok(Value::Object(input)) = serde_json::from_str::<Value>(&body) else {
            return error(StatusCode::BAD_REQUEST, "Ongeldige JSON in het verzoek");
        };
        let mut entity = Map::new();
        for (k, v) in input {
            if !WRITABLE.contains(&k.as_str()) {
                return error(
                    StatusCode::BAD_REQUEST,
                    &format!(
                        "The property '{k}' does not exist on type 'Exact.Web.Api.Models.Complaint'."
                    ),
                );
            }
            let v = if k == "ReceiptDate" {
                match v.as_str().and_then(edm_date) {
                    Some(d) => Value::String(d),
                    None => return error(StatusCode::BAD_REQUEST, "Ongeldige datum: ReceiptDate"),
                }
            } else {
                v
            };
            entity.insert(k, v);
        }
        if entity
            .get("Complaint")
            .and_then(Value::as_str)
            .is_none_or(|c| c.trim().is_empty())
        {
            return error(StatusCode::BAD_REQUEST, "Verplicht: Klacht");
        }
        let id = uuid::Uuid::new_v4().to_string();
        entity.insert(
            "__metadata".into(),
            json!({
                "uri": format!("/api/v1/{division}/activities/Complaints(guid'{id}')"),
                "type": "Exact.Web.Api.Models.Complaint",
            }),
        );
        entity.insert("ID".into(), Value::String(id));
        entity.insert("Division".into(), json!(division));
        entity.entry("Status").or_insert(json!(10));
        entity.insert(
            "Created".into(),
            Value::String(format!(
                "/Date({})/",
                klacht_clock::Clock::now(&klacht_clock::SystemClock).as_millisecond()
            )),
        );
        let entity = Value::Object(entity);
        data.complaints.push(entity.clone());
        (step, entity)
    };
    slow(step).await;
    json_answer(StatusCode::CREATED, json!({ "d": entity }))
}
