//! Set-up shared by the public site tests: services of the form (made in
//! Beheer, over HTTP), an anonymous visitor with the form's token, and
//! filing the multipart form the way a browser does.
#![allow(dead_code)]

use klacht_app::notify::Notifier;
use klacht_domain::UserId;
use klacht_store::Store;
use klacht_web::AppState;

use crate::common::{TestApp, hidden_field, set_cookie_value};
use crate::complaints_support::Person;

/// The description every filing uses unless told otherwise.
pub const DESCRIPTION: &str = "De thuishulp kwam drie weken lang op dinsdag niet opdagen.";

/// A PDF as far as its magic bytes go.
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

/// Mail is composed and queued (delivered by nobody in these tests).
pub fn with_mail<S: Store>(state: AppState<S>) -> AppState<S> {
    let ctx = klacht_mail::MailContext::new("Focus", "https://klachten.focus.example");
    state.with_mail(Notifier::new(ctx), None)
}

/// Adds a service to the public form through Beheer and returns its id.
pub async fn add_service<S: Store>(
    app: &TestApp<S>,
    admin: &Person,
    name: &str,
    manager: Option<UserId>,
) -> String {
    let manager = manager.map(|m| m.to_string()).unwrap_or_default();
    let r = app
        .post_as(
            &admin.b,
            "/beheer/diensten",
            &[("naam", name), ("leidinggevende", &manager)],
        )
        .await;
    assert_eq!(r.status(), 303, "service {name} added");
    app.store
        .public_services()
        .await
        .expect("services")
        .into_iter()
        .find(|s| s.name == name)
        .map(|s| s.id.to_string())
        .expect("service stored")
}

/// An anonymous browser that opened the form: its token cookie and the
/// token in the page.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub cookie: String,
    pub token: String,
}

pub async fn open_form<S: Store>(app: &TestApp<S>) -> Visitor {
    let r = app.get("/klacht").await;
    assert_eq!(r.status(), 200);
    let cookie = set_cookie_value(&r, "klacht_publiek").expect("token cookie");
    let page = r.text().await.expect("body");
    let token = hidden_field(&page, "token").expect("token field");
    assert_eq!(cookie, token);
    Visitor {
        cookie: format!("klacht_publiek={cookie}"),
        token,
    }
}

/// The public form as a browser posts it: text fields first, files last.
#[derive(Debug, Clone)]
pub struct Filing {
    pub fields: Vec<(String, String)>,
    /// File name, content, the type the browser claims.
    pub files: Vec<(String, Vec<u8>, String)>,
    /// Sent as `X-Forwarded-For`.
    pub forwarded_for: Option<String>,
}

impl Filing {
    pub fn new(name: &str, email: &str) -> Self {
        Self {
            fields: [
                ("naam", name),
                ("email", email),
                ("telefoon", "06-12345678"),
                ("adres", "Dorpsstraat 1, 1234 AB Ergens"),
                ("namens_naam", ""),
                ("dienst", ""),
                ("omschrijving", DESCRIPTION),
                ("website", ""),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
            files: Vec::new(),
            forwarded_for: None,
        }
    }

    /// Replaces a field.
    pub fn set(mut self, name: &str, value: &str) -> Self {
        match self.fields.iter_mut().find(|(k, _)| k == name) {
            Some((_, v)) => *v = value.to_owned(),
            None => self.fields.push((name.to_owned(), value.to_owned())),
        }
        self
    }

    pub fn file(mut self, name: &str, data: &[u8], mime: &str) -> Self {
        self.files
            .push((name.to_owned(), data.to_vec(), mime.to_owned()));
        self
    }

    pub fn from(mut self, address: &str) -> Self {
        self.forwarded_for = Some(address.to_owned());
        self
    }
}

/// Posts the form with the visitor's cookie and token.
pub async fn file<S: Store>(app: &TestApp<S>, v: &Visitor, f: &Filing) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().text("token", v.token.clone());
    for (k, val) in &f.fields {
        form = form.text(k.clone(), val.clone());
    }
    if f.files.is_empty() {
        // A file field left empty still sends an empty part.
        form = form.part(
            "bijlagen",
            reqwest::multipart::Part::bytes(Vec::new())
                .file_name("")
                .mime_str("application/octet-stream")
                .expect("mime"),
        );
    }
    for (name, data, mime) in &f.files {
        form = form.part(
            "bijlagen",
            reqwest::multipart::Part::bytes(data.clone())
                .file_name(name.clone())
                .mime_str(mime)
                .expect("mime"),
        );
    }
    let mut req = app
        .client
        .post(app.url("/klacht"))
        .header("cookie", &v.cookie)
        .multipart(form);
    if let Some(ip) = &f.forwarded_for {
        req = req.header("x-forwarded-for", ip);
    }
    req.send().await.expect("request sent")
}

/// What the confirmation page showed.
#[derive(Debug, Clone)]
pub struct Confirmed {
    pub reference: String,
    pub code: String,
    pub page: String,
}

/// The text of the element with this id (no nested markup).
pub fn by_id(html: &str, id: &str) -> Option<String> {
    let marker = format!("id=\"{id}\"");
    let start = html.find(&marker)?;
    let open = start + html[start..].find('>')? + 1;
    let close = open + html[open..].find('<')?;
    Some(html[open..close].trim().to_owned())
}

/// Follows a successful filing to the confirmation page.
pub async fn confirm<S: Store>(app: &TestApp<S>, r: reqwest::Response) -> Confirmed {
    assert_eq!(r.status(), 303, "filed");
    assert_eq!(
        r.headers().get("location").and_then(|l| l.to_str().ok()),
        Some("/klacht/bevestiging")
    );
    let cookie = set_cookie_value(&r, "klacht_bevestiging").expect("confirmation cookie");
    let page = app
        .client
        .get(app.url("/klacht/bevestiging"))
        .header("cookie", format!("klacht_bevestiging={cookie}"))
        .send()
        .await
        .expect("request sent");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("body");
    Confirmed {
        reference: by_id(&page, "reference").expect("reference shown"),
        code: by_id(&page, "tracking-code").expect("code shown"),
        page,
    }
}

/// Files and confirms in one go.
pub async fn file_ok<S: Store>(app: &TestApp<S>, f: &Filing) -> Confirmed {
    let v = open_form(app).await;
    let r = file(app, &v, f).await;
    if r.status() != 303 {
        let status = r.status();
        let body = r.text().await.unwrap_or_default();
        panic!("filing refused with {status}: {body}");
    }
    confirm(app, r).await
}
