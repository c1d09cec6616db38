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
fn manager_choices(users: &[UserRecord], current: Option<UserId>) -> Vec<Choice> {
    let current = current.map(|m| m.to_string()).unwrap_or_default();
    let mut choices = vec![Choice::new(
        "",
        "niemand: de kwaliteitsmanager verdeelt",
        &current,
    )];
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
                    format!("{} ({})", u.user.name, u.user.role.label()),
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
    ServicesPage {
        ctx,
        sections: sections(PATH),
        lines: services
            .iter()
            .map(|s| Line {
                id: s.id.to_string(),
                name: s.name.clone(),
                active: s.active,
                managers: manager_choices(users, s.manager),
            })
            .collect(),
        managers: manager_choices(users, None),
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
    form_error(e, |msg| {
        services_page(ctx, &services, &users, typed, Some(msg))
    })
}

fn parse_id(raw: &str) -> Result<uuid::Uuid, WebError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| WebError::NotFound)
}

/// A manager chosen in a select: empty is nobody.
fn parse_manager(raw: &str) -> Result<Option<UserId>, WebError> {
    match raw.trim() {
        "" => Ok(None),
        s => s
            .parse::<UserId>()
            .map(Some)
            .map_err(|_| WebError::Invalid("Kies een leidinggevende uit de lijst.".into())),
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
    let result = match parse_manager(&form.leidinggevende) {
        Ok(manager) => services::add_service(&state.store, by, &form.naam, manager, state.now())
            .await
            .map_err(WebError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(redirect_with_flash(
            PATH,
            &format!("Dienst '{}' toegevoegd.", form.naam.trim()),
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
            "Naam gewijzigd.",
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
    let result = match parse_manager(&form.leidinggevende) {
        Ok(manager) => services::set_service_manager(&state.store, by, id, manager, state.now())
            .await
            .map_err(WebError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(redirect_with_flash(
            PATH,
            "Leidinggevende gewijzigd. Nieuwe klachten over deze dienst gaan naar hem of haar.",
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
                "Kies weer aanbieden of van het formulier halen.".into(),
            ));
        }
    };
    match services::set_service_active(&state.store, by, id, active, state.now()).await {
        Ok(()) => Ok(redirect_with_flash(
            PATH,
            if active {
                "De dienst staat weer op het klachtformulier."
            } else {
                "De dienst staat niet meer op het klachtformulier."
            },
            state.cookie_secure,
        )),
        Err(e) => refused(&state, ctx_of(&state, &current), String::new(), e.into()).await,
    }
}
