//! Beheer > Diensten: the choices of "Over welke dienst of afdeling gaat
//! uw klacht?" on the public form, each with the manager a submission
//! about it is reported to. A service without a manager (or "weet ik
//! niet" on the form) leaves the complaint to the quality manager, who
//! routes it. Every change goes into the Logboek.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Response;
use klacht_app::public::services;
use klacht_domain::{Role, UserId};
use klacht_i18n::Tr;
use klacht_store::{PublicService, Store, UserRecord};
use serde::Deserialize;

use super::{Choice, Section, admin_ctx, admin_user, ctx_of, form_error, sections};
use crate::session::{CsrfForm, Ctx, redirect_with_flash};
use crate::{AppState, WebError};

const PATH: &str = "/beheer/diensten";

struct Line {
    id: String,
    name: String,
    active: bool,
    /// The manager select of this line, current one chosen.
    managers: Vec<Choice>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/services.html")]
pub(super) struct ServicesPage {
    ctx: Ctx,
    sections: Vec<Section>,
    lines: Vec<Line>,
    /// The add form's manager select.
    managers: Vec<Choice>,
    typed: String,
    error: Option<String>,
}

/// Active accounts a service may be routed to, and "nobody".
fn manager_choices(t: Tr, users: &[UserRecord], current: Option<UserId>) -> Vec<Choice> {
    let current = current.map(|m| m.to_string()).unwrap_or_default();
    let mut choices = vec![Choice::new("", t.t("admin-services-nobody"), &current)];
    choices.extend(
        users
            .iter()
            .filter(|u| {
                u.active
                    && matches!(
                        u.user.role,
                        Role::Manager | Role::QualityManager | Role::Director
                    )
            })
            .map(|u| {
                Choice::new(
                    u.user.id.to_string(),
                    t.t2(
                        "admin-name-role",
                        "name",
                        u.user.name.as_str(),
                        "role",
                        t.label(u.user.role),
                    ),
                    &current,
                )
            }),
    );
    choices
}

fn services_page(
    ctx: Ctx,
    services: &[PublicService],
    users: &[UserRecord],
    typed: String,
    error: Option<String>,
) -> ServicesPage {
    let t = ctx.t;
    ServicesPage {
        ctx,
        sections: sections(t, PATH),
        lines: services
            .iter()
            .map(|s| Line {
                id: s.id.to_string(),
                name: s.name.clone(),
                active: s.active,
                managers: manager_choices(t, users, s.manager),
            })
            .collect(),
        managers: manager_choices(t, users, None),
        typed,
        error,
    }
}

pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
) -> Result<ServicesPage, WebError> {
    let ctx = admin_ctx(ctx)?;
    let services = state.store.public_services().await?;
    let users = state.store.list_users().await?;
    Ok(services_page(ctx, &services, &users, String::new(), None))
}

/// After a refused change: the page again, with the message and the name
/// that was typed.
async fn refused<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    typed: String,
    e: WebError,
) -> Result<Response, WebError> {
    let services = state.store.public_services().await?;
    let users = state.store.list_users().await?;
    form_error(e, ctx.t, |msg| {
        services_page(ctx, &services, &users, typed, Some(msg))
    })
}

fn parse_id(raw: &str) -> Result<uuid::Uuid, WebError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| WebError::NotFound)
}

/// A manager chosen in a select: empty is nobody.
fn parse_manager(t: Tr, raw: &str) -> Result<Option<UserId>, WebError> {
    match raw.trim() {
        "" => Ok(None),
        s => s
            .parse::<UserId>()
            .map(Some)
            .map_err(|_| WebError::Invalid(t.t("admin-services-choose-manager"))),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct AddForm {
    naam: String,
    leidinggevende: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn add<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<AddForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let result = match parse_manager(current.t, &form.leidinggevende) {
        Ok(manager) => services::add_service(&state.store, by, &form.naam, manager, state.now())
            .await
            .map_err(WebError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(redirect_with_flash(
            PATH,
            &current
                .t
                .t1("admin-services-added", "name", form.naam.trim()),
            state.cookie_secure,
        )),
        Err(e) => refused(&state, ctx_of(&state, &current), form.naam, e).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct NameForm {
    naam: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn rename<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    CsrfForm { current, form }: CsrfForm<NameForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let id = parse_id(&id)?;
    match services::rename_service(&state.store, by, id, &form.naam, state.now()).await {
        Ok(()) => Ok(redirect_with_flash(
            PATH,
            &current.t.t("admin-list-renamed"),
            state.cookie_secure,
        )),
        Err(e) => refused(&state, ctx_of(&state, &current), String::new(), e.into()).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ManagerForm {
    leidinggevende: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn set_manager<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    CsrfForm { current, form }: CsrfForm<ManagerForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let id = parse_id(&id)?;
    let result = match parse_manager(current.t, &form.leidinggevende) {
        Ok(manager) => services::set_service_manager(&state.store, by, id, manager, state.now())
            .await
            .map_err(WebError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(redirect_with_flash(
            PATH,
            &current.t.t("admin-services-manager-changed"),
            state.cookie_secure,
        )),
        Err(e) => refused(&state, ctx_of(&state, &current), String::new(), e).await,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ActiveForm {
    /// `ja` to offer it again, `nee` to take it off the form.
    actief: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn set_active<S: Store>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    CsrfForm { current, form }: CsrfForm<ActiveForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let id = parse_id(&id)?;
    let active = match form.actief.as_str() {
        "ja" => true,
        "nee" => false,
        _ => {
            return Err(WebError::Invalid(
                current.t.t("admin-services-choose-active"),
            ));
        }
    };
    match services::set_service_active(&state.store, by, id, active, state.now()).await {
        Ok(()) => Ok(redirect_with_flash(
            PATH,
            &current.t.t(if active {
                "admin-services-offered"
            } else {
                "admin-services-withdrawn"
            }),
            state.cookie_secure,
        )),
        Err(e) => refused(&state, ctx_of(&state, &current), String::new(), e.into()).await,
    }
}
