//! Beheer: the administrator's pages — users and teams, categories and
//! causes, the working calendar, and the log of every change (Logboek).
//!
//! Every page and every POST checks on the server that the signed-in user
//! is the administrator (403 otherwise); every form carries the session's
//! CSRF token ([`CsrfForm`]). The rules and the log entries live in
//! [`klacht_app::admin`]; handlers here parse, call and render.

mod calendar;
mod lists;
mod log;
mod services;
mod users;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::routing::{get, post};
use klacht_app::admin::AdminError;
use klacht_app::auth::AuthError;
use klacht_domain::User;
use klacht_i18n::Tr;
use klacht_store::Store;

use crate::session::{Ctx, CurrentUser, ctx_of};
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/beheer", get(index))
        .route(
            "/beheer/gebruikers",
            get(users::page::<S>).post(users::create::<S>),
        )
        .route(
            "/beheer/gebruikers/{id}",
            get(users::edit_page::<S>).post(users::update::<S>),
        )
        .route(
            "/beheer/gebruikers/{id}/actief",
            post(users::set_active::<S>),
        )
        .route(
            "/beheer/gebruikers/{id}/ontgrendelen",
            post(users::unlock::<S>),
        )
        .route("/beheer/kalender", get(calendar::page::<S>))
        .route("/beheer/kalender/opties", post(calendar::options::<S>))
        .route(
            "/beheer/kalender/sluitingsdagen",
            post(calendar::add_day::<S>),
        )
        .route(
            "/beheer/kalender/sluitingsdagen/verwijderen",
            post(calendar::remove_day::<S>),
        )
        .route("/beheer/logboek", get(log::page::<S>))
        .route(
            "/beheer/diensten",
            get(services::page::<S>).post(services::add::<S>),
        )
        .route("/beheer/diensten/{id}/naam", post(services::rename::<S>))
        .route(
            "/beheer/diensten/{id}/leidinggevende",
            post(services::set_manager::<S>),
        )
        .route(
            "/beheer/diensten/{id}/actief",
            post(services::set_active::<S>),
        )
        .route(
            "/beheer/lijst/{lijst}",
            get(lists::page::<S>).post(lists::add::<S>),
        )
        .route("/beheer/lijst/{lijst}/{id}/naam", post(lists::rename::<S>))
        .route(
            "/beheer/lijst/{lijst}/{id}/actief",
            post(lists::set_active::<S>),
        )
}

const NOT_ADMIN: &str = "Beheer is alleen voor de beheerder.";

/// The administrator's page context, or 403 for anyone else.
fn admin_ctx(ctx: Ctx) -> Result<Ctx, WebError> {
    if ctx.is_admin() {
        Ok(ctx)
    } else {
        Err(WebError::Forbidden(ctx.t.t("admin-forbidden")))
    }
}

/// The administrator behind a posted form, or 403 for anyone else.
fn admin_user(current: &CurrentUser) -> Result<&User, WebError> {
    if current.user.role == klacht_domain::Role::Admin {
        Ok(&current.user)
    } else {
        Err(WebError::Forbidden(current.t.t("admin-forbidden")))
    }
}

impl From<AdminError> for WebError {
    fn from(e: AdminError) -> Self {
        match e {
            AdminError::Invalid(msg) => WebError::Invalid(msg),
            AdminError::Refused(r) => WebError::Refused(r),
            AdminError::NotAdmin => WebError::Forbidden(NOT_ADMIN.into()),
            AdminError::NotFound => WebError::NotFound,
            AdminError::Password(e) => WebError::Auth(AuthError::Password(e)),
            AdminError::Store(e) => WebError::Store(e),
        }
    }
}

/// One option of a select list.
pub(crate) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Self {
        let value = value.into();
        let selected = value == current;
        Self {
            value,
            label: label.into(),
            selected,
        }
    }
}

/// The Beheer sections, for the menu on every Beheer page.
pub(crate) struct Section {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

fn sections(t: Tr, current: &str) -> Vec<Section> {
    [
        ("/beheer/gebruikers", "admin-section-users"),
        ("/beheer/lijst/categorieen", "admin-section-categories"),
        ("/beheer/lijst/oorzaken", "admin-section-causes"),
        ("/beheer/kalender", "admin-section-calendar"),
        ("/beheer/diensten", "admin-section-services"),
        ("/beheer/logboek", "admin-section-log"),
    ]
    .into_iter()
    .map(|(href, key)| Section {
        href,
        label: t.t(key),
        current: href == current,
    })
    .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/index.html")]
struct IndexPage {
    ctx: Ctx,
    sections: Vec<Section>,
}

async fn index(ctx: Ctx) -> Result<IndexPage, WebError> {
    let ctx = admin_ctx(ctx)?;
    Ok(IndexPage {
        sections: sections(ctx.t, "/beheer"),
        ctx,
    })
}

/// Renders `page` with the status of `e` when `e` is the user's to fix
/// (422 and the like), so the form keeps what was typed; other errors
/// travel on as they are.
fn form_error<T: askama::Template>(
    e: WebError,
    t: klacht_i18n::Tr,
    page: impl FnOnce(String) -> T,
) -> Result<axum::response::Response, WebError> {
    use axum::response::{Html, IntoResponse};
    let status = e.status();
    if status.is_client_error() && status != axum::http::StatusCode::FORBIDDEN {
        let html = page(e.user_message(t)).render()?;
        Ok((status, Html(html)).into_response())
    } else {
        Err(e)
    }
}
