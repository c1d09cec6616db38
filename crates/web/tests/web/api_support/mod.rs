//! Helpers of the API tests: an organisation with every role, tokens, and
//! JSON requests. Used beside `common` (`mod common; mod api_support;`).
#![allow(dead_code)]

use jiff::ToSpan;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::{Role, User};
use klacht_store::Store;
use secrecy::ExposeSecret;
use serde_json::{Value, json};

use super::common::TestApp;

/// Two teams and the people who see everything.
pub struct Org {
    pub quality: User,
    pub director: User,
    pub admin: User,
    /// Margriet, manager of Piet, Fatima and Joost.
    pub manager: User,
    pub piet: User,
    pub fatima: User,
    pub joost: User,
    /// Hans, manager of Anouk: the other team.
    pub other_manager: User,
    pub anouk: User,
}

pub async fn org<S: Store>(app: &TestApp<S>) -> Org {
    let quality = app
        .user("sanne@focus.example", Role::QualityManager, None)
        .await;
    let director = app.user("ellen@focus.example", Role::Director, None).await;
    let admin = app.user("tom@focus.example", Role::Admin, None).await;
    let manager = app
        .user("margriet@focus.example", Role::Manager, Some(director.id))
        .await;
    let other_manager = app
        .user("hans@focus.example", Role::Manager, Some(director.id))
        .await;
    let piet = app
        .user("piet@focus.example", Role::Employee, Some(manager.id))
        .await;
    let fatima = app
        .user("fatima@focus.example", Role::Employee, Some(manager.id))
        .await;
    let joost = app
        .user("joost@focus.example", Role::Employee, Some(manager.id))
        .await;
    let anouk = app
        .user(
            "anouk@focus.example",
            Role::Employee,
            Some(other_manager.id),
        )
        .await;
    Org {
        quality,
        director,
        admin,
        manager,
        piet,
        fatima,
        joost,
        other_manager,
        anouk,
    }
}

/// A fresh API token for `user`, as `klacht user token` makes one.
pub async fn token<S: Store>(app: &TestApp<S>, user: &User) -> String {
    klacht_app::auth::issue_api_token(&app.store, user, klacht_clock::test_now())
        .await
        .expect("issue token")
        .expose_secret()
        .to_owned()
}

/// An answer: status, headers and the body as JSON (`Null` when empty or
/// not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts a problem+json answer with this status and returns it.
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "{}",
            self.text
        );
        assert_eq!(self.body["status"], status);
        assert_eq!(self.body["type"], "about:blank");
        for key in ["title", "detail", "code"] {
            assert!(self.body[key].is_string(), "{key} in {}", self.text);
        }
        &self.body
    }

    /// The fields a 422 names.
    pub fn fields(&self) -> Vec<String> {
        self.problem(422);
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn ok(&self) -> &Value {
        assert_eq!(self.status, 200, "{}", self.text);
        assert_eq!(self.content_type(), "application/json", "{}", self.text);
        &self.body
    }
}

async fn answer(r: reqwest::Response) -> Answer {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let text = r.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
        text,
    }
}

impl<S: Store> TestApp<S> {
    pub async fn api_get(&self, token: &str, path: &str) -> Answer {
        let r = self
            .client
            .get(self.url(&format!("/api/v1{path}")))
            .bearer_auth(token)
            .send()
            .await
            .expect("request sent");
        answer(r).await
    }

    pub async fn api_post(&self, token: &str, path: &str, body: &Value) -> Answer {
        let r = self
            .client
            .post(self.url(&format!("/api/v1{path}")))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request sent");
        answer(r).await
    }

    /// Posts raw bytes with an optional content type.
    pub async fn api_post_raw(
        &self,
        token: &str,
        path: &str,
        content_type: Option<&str>,
        body: &'static str,
    ) -> Answer {
        let mut req = self
            .client
            .post(self.url(&format!("/api/v1{path}")))
            .bearer_auth(token)
            .body(body);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        answer(req.send().await.expect("request sent")).await
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Answer {
        answer(req.send().await.expect("request sent")).await
    }
}

/// The calendar the test app runs on.
pub fn calendar() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

/// Today in the organisation's zone.
pub fn today() -> Date {
    calendar().local_date(klacht_clock::test_now())
}

/// Yesterday at this time, as the API takes a receipt: every step dated
/// today then lies after the receipt and not in the future.
pub fn yesterday() -> String {
    let at = klacht_clock::test_now() - 24.hours();
    at.display_with_offset(calendar().time_zone().to_offset(at))
        .to_string()
}

/// Midnight at the start of today, as the API takes a receipt: a complaint
/// received then and registered now is reported on the day of receipt
/// (on time), and every step dated today lies after the receipt.
pub fn start_of_today() -> String {
    let day = today()
        .to_zoned(calendar().time_zone().clone())
        .expect("midnight exists");
    day.timestamp()
        .display_with_offset(day.offset())
        .to_string()
}

/// A complete intake body.
pub fn intake(received_at: &str, involved: &[&User], description: &str) -> Value {
    json!({
        "received_at": received_at,
        "channel": "phone",
        "complainant": {"name": "Mevrouw J. de Vries", "phone": "06-12345678"},
        "description": description,
        "involved_employees": involved.iter().map(|u| u.email.to_string()).collect::<Vec<_>>(),
        "service": "Thuiszorg",
    })
}

/// Registers through the API and returns the new complaint's id.
pub async fn register<S: Store>(app: &TestApp<S>, token: &str, body: &Value) -> String {
    let r = app.api_post(token, "/complaints", body).await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["id"].as_str().expect("id").to_owned()
}
