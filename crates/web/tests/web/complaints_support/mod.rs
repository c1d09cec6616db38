//! Set-up shared by the complaint page tests: the demo-like organisation
//! with a signed-in browser per person, the intake form, and acting on a
//! complaint the way its detail page does (with the version it shows).
#![allow(dead_code)]

use jiff::{Timestamp, ToSpan};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::{Role, User};
use klacht_store::Store;

use crate::common::{Browser, TestApp, hidden_field, set_cookie_value};

pub struct Person {
    pub user: User,
    pub b: Browser,
}

/// Focus in small: Margriet's team (Piet, Fatima, Joost), Hans's team
/// (Anouk), and those who oversee everything.
pub struct Org {
    pub director: Person,
    pub quality: Person,
    pub admin: Person,
    /// Margriet, manager of Piet, Fatima and Joost.
    pub manager: Person,
    /// Hans, manager of Anouk.
    pub other_manager: Person,
    /// Piet: receives and registers complaints.
    pub employee: Person,
    /// Fatima: in Margriet's team, a fit handler.
    pub colleague: Person,
    /// Joost: delivered the service complained about.
    pub involved: Person,
    /// Anouk: in Hans's team.
    pub outsider: Person,
}

async fn person<S: Store>(
    app: &TestApp<S>,
    email: &str,
    role: Role,
    manager: Option<&User>,
) -> Person {
    let user = app.user(email, role, manager.map(|m| m.id)).await;
    let b = app.login(email).await;
    Person { user, b }
}

pub async fn org<S: Store>(app: &TestApp<S>) -> Org {
    let director = person(app, "ellen@focus.example", Role::Director, None).await;
    let quality = person(
        app,
        "sanne@focus.example",
        Role::QualityManager,
        Some(&director.user),
    )
    .await;
    let admin = person(app, "tom@focus.example", Role::Admin, Some(&director.user)).await;
    let manager = person(
        app,
        "margriet@focus.example",
        Role::Manager,
        Some(&director.user),
    )
    .await;
    let other_manager = person(
        app,
        "hans@focus.example",
        Role::Manager,
        Some(&director.user),
    )
    .await;
    let employee = person(
        app,
        "piet@focus.example",
        Role::Employee,
        Some(&manager.user),
    )
    .await;
    let colleague = person(
        app,
        "fatima@focus.example",
        Role::Employee,
        Some(&manager.user),
    )
    .await;
    let involved = person(
        app,
        "joost@focus.example",
        Role::Employee,
        Some(&manager.user),
    )
    .await;
    let outsider = person(
        app,
        "anouk@focus.example",
        Role::Employee,
        Some(&other_manager.user),
    )
    .await;
    Org {
        director,
        quality,
        admin,
        manager,
        other_manager,
        employee,
        colleague,
        involved,
        outsider,
    }
}

pub fn calendar() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

/// A `datetime-local` value for an instant, in Amsterdam.
pub fn local_input(at: Timestamp) -> String {
    at.to_zoned(calendar().time_zone().clone())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Today as a date field sends it.
pub fn today() -> String {
    calendar().local_date(klacht_clock::test_now()).to_string()
}

/// The intake form as a browser posts it.
#[derive(Debug, Clone)]
pub struct Intake {
    pub fields: Vec<(String, String)>,
}

impl Intake {
    /// A complaint by phone, received an hour ago (or now, just after
    /// midnight), about a service `involved` delivered.
    pub fn complaint(involved: &User) -> Self {
        let received = klacht_clock::test_now() - 1.hour();
        let received =
            if calendar().local_date(received) == calendar().local_date(klacht_clock::test_now()) {
                received
            } else {
                klacht_clock::test_now()
            };
        Self {
            fields: [
                ("soort", "klacht"),
                ("kanaal", "phone"),
                ("klager_naam", "Mevrouw J. de Vries"),
                ("klager_email", "j.devries@example.nl"),
                ("klager_telefoon", "06-12345678"),
                ("klager_adres", "Dorpsstraat 1, 1234 AB Ergens"),
                ("dienst", "Thuisbegeleiding"),
                ("omschrijving", "De begeleider kwam twee keer niet opdagen."),
                ("categorie", "Planning"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .chain([
                ("ontvangen".to_owned(), local_input(received)),
                ("betrokken".to_owned(), involved.id.to_string()),
            ])
            .collect(),
        }
    }

    pub fn signal(involved: &User) -> Self {
        Self::complaint(involved).set("soort", "signaal")
    }

    /// Replaces (or adds) a field.
    pub fn set(mut self, name: &str, value: &str) -> Self {
        self.fields.retain(|(k, _)| k != name);
        self.fields.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn received(self, at: Timestamp) -> Self {
        self.set("ontvangen", &local_input(at))
    }

    pub fn pairs(&self) -> Vec<(&str, &str)> {
        self.fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }
}

pub async fn post_intake<S: Store>(
    app: &TestApp<S>,
    who: &Person,
    intake: &Intake,
) -> reqwest::Response {
    app.post_as(&who.b, "/klachten/nieuw", &intake.pairs())
        .await
}

/// Registers through the form and returns the complaint's id.
pub async fn register<S: Store>(app: &TestApp<S>, who: &Person, intake: &Intake) -> String {
    let r = post_intake(app, who, intake).await;
    assert_eq!(
        r.status(),
        303,
        "registered: {}",
        r.text().await.unwrap_or_default()
    );
    location(&r)
        .strip_prefix("/klachten/")
        .expect("redirect to the detail page")
        .to_owned()
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Follows a redirect as the browser would, flash message included.
pub async fn follow<S: Store>(app: &TestApp<S>, who: &Person, r: reqwest::Response) -> String {
    assert_eq!(r.status(), 303, "a redirect");
    let flash = set_cookie_value(&r, "klacht_flash").unwrap_or_default();
    let cookie = format!("{}; klacht_flash={flash}", who.b.cookie);
    let page = app
        .client
        .get(app.url(&location(&r)))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request sent");
    assert_eq!(page.status(), 200);
    page.text().await.expect("body")
}

/// The detail page as `who` sees it; must be 200.
pub async fn detail<S: Store>(app: &TestApp<S>, who: &Person, id: &str) -> String {
    let r = app.get_as(&who.b, &format!("/klachten/{id}")).await;
    assert_eq!(r.status(), 200, "detail of {id} for {}", who.user.name);
    r.text().await.expect("body")
}

/// The version the detail page carries in its forms.
pub async fn version<S: Store>(app: &TestApp<S>, who: &Person, id: &str) -> String {
    let page = detail(app, who, id).await;
    hidden_field(&page, "version").expect("a form with the version")
}

/// Posts an action form at the version the page shows now.
pub async fn act<S: Store>(
    app: &TestApp<S>,
    who: &Person,
    id: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    // A page without forms carries no version; post the current one.
    let page = detail(app, who, id).await;
    let v = match hidden_field(&page, "version") {
        Some(v) => v,
        None => stored_version(app, id).await.to_string(),
    };
    act_at(app, who, id, action, &v, fields).await
}

/// Posts an action form claiming to have seen `version`.
pub async fn act_at<S: Store>(
    app: &TestApp<S>,
    who: &Person,
    id: &str,
    action: &str,
    version: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("version", version)];
    all.extend_from_slice(fields);
    app.post_as(&who.b, &format!("/klachten/{id}/{action}"), &all)
        .await
}

/// Acts and asserts it worked (303 to the detail page).
pub async fn done<S: Store>(
    app: &TestApp<S>,
    who: &Person,
    id: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> String {
    let r = act(app, who, id, action, fields).await;
    let status = r.status();
    if status != 303 {
        panic!(
            "{action} by {} refused ({status}): {}",
            who.user.name,
            r.text().await.unwrap_or_default()
        );
    }
    follow(app, who, r).await
}

/// How many events the complaint has, straight from the store.
pub async fn stored_version<S: Store>(app: &TestApp<S>, id: &str) -> u64 {
    let (row, events) = app
        .store
        .load_stream(id.parse().expect("complaint id"))
        .await
        .expect("load")
        .expect("stored");
    assert_eq!(row.version, events.len() as u64);
    row.version
}
