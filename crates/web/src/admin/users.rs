//! Beheer > Gebruikers en teams: list, create, edit role and manager,
//! deactivate and reactivate. Teams are the managers with their direct
//! reports.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Response;
use klacht_app::admin::{self, UserInput};
use klacht_domain::{Role, UserId};
use klacht_i18n::Tr;
use klacht_store::{Store, UserRecord};
use serde::Deserialize;

use super::{Choice, Section, admin_ctx, admin_user, ctx_of, form_error, sections};
use crate::session::{CsrfForm, Ctx, redirect_with_flash};
use crate::{AppState, WebError};

struct UserLine {
    id: String,
    name: String,
    email: String,
    role: String,
    manager: String,
    active: bool,
}

struct Team {
    manager: String,
    role: String,
    members: Vec<String>,
}

/// What was typed in the create form; kept when it is refused.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct UserForm {
    email: String,
    naam: String,
    rol: String,
    leidinggevende: String,
    wachtwoord: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/users.html")]
pub(super) struct UsersPage {
    ctx: Ctx,
    sections: Vec<Section>,
    users: Vec<UserLine>,
    teams: Vec<Team>,
    without_manager: Vec<String>,
    roles: Vec<Choice>,
    managers: Vec<Choice>,
    email: String,
    naam: String,
    error: Option<String>,
}

fn name_of(users: &[UserRecord], id: Option<UserId>) -> String {
    id.and_then(|id| users.iter().find(|u| u.user.id == id))
        .map(|u| u.user.name.clone())
        .unwrap_or_default()
}

fn labelled(t: Tr, u: &UserRecord) -> String {
    if u.active {
        u.user.name.clone()
    } else {
        t.t1("admin-inactive-suffix", "name", u.user.name.as_str())
    }
}

fn manages(role: Role) -> bool {
    matches!(role, Role::Manager | Role::QualityManager | Role::Director)
}

/// Active accounts that may be someone's direct manager.
fn manager_choices(
    t: Tr,
    users: &[UserRecord],
    except: Option<UserId>,
    current: &str,
) -> Vec<Choice> {
    users
        .iter()
        .filter(|u| u.active && manages(u.user.role) && Some(u.user.id) != except)
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
                current,
            )
        })
        .collect()
}

fn role_choices(t: Tr, current: &str) -> Vec<Choice> {
    Role::ALL
        .into_iter()
        .map(|r| Choice::new(r.as_str(), t.label(r), current))
        .collect()
}

fn users_page(ctx: Ctx, users: &[UserRecord], form: UserForm, error: Option<String>) -> UsersPage {
    let t = ctx.t;
    let lines = users
        .iter()
        .map(|u| UserLine {
            id: u.user.id.to_string(),
            name: u.user.name.clone(),
            email: u.user.email.to_string(),
            role: t.label(u.user.role),
            manager: name_of(users, u.user.manager),
            active: u.active,
        })
        .collect();
    let teams = users
        .iter()
        .filter(|m| manages(m.user.role) || users.iter().any(|u| u.user.manager == Some(m.user.id)))
        .map(|m| Team {
            manager: labelled(t, m),
            role: t.label(m.user.role),
            members: users
                .iter()
                .filter(|u| u.user.manager == Some(m.user.id))
                .map(|u| {
                    t.t2(
                        "admin-name-role",
                        "name",
                        labelled(t, u),
                        "role",
                        t.label(u.user.role),
                    )
                })
                .collect(),
        })
        .collect();
    let without_manager = users
        .iter()
        .filter(|u| u.user.role == Role::Employee && u.user.manager.is_none())
        .map(|u| labelled(t, u))
        .collect();
    let rol = if form.rol.is_empty() {
        Role::Employee.as_str().to_string()
    } else {
        form.rol
    };
    UsersPage {
        ctx,
        sections: sections(t, "/beheer/gebruikers"),
        users: lines,
        teams,
        without_manager,
        roles: role_choices(t, &rol),
        managers: manager_choices(t, users, None, &form.leidinggevende),
        email: form.email,
        naam: form.naam,
        error,
    }
}

pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
) -> Result<UsersPage, WebError> {
    let ctx = admin_ctx(ctx)?;
    let users = state.store.list_users().await?;
    Ok(users_page(ctx, &users, UserForm::default(), None))
}

#[tracing::instrument(skip_all)]
pub(super) async fn create<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, mut form }: CsrfForm<UserForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    // The password leaves the form here: a refused form never shows it.
    let input = UserInput {
        email: form.email.clone(),
        name: form.naam.clone(),
        role: form.rol.clone(),
        manager: form.leidinggevende.clone(),
        password: std::mem::take(&mut form.wachtwoord).into(),
    };
    let created = admin::create_user(
        &state.store,
        by,
        input,
        state.now(),
        state.notifier.context(),
    )
    .await;
    if created.is_ok() {
        state.notifier.queued(1);
    }
    match created {
        Ok(user) => Ok(redirect_with_flash(
            "/beheer/gebruikers",
            &current.t.t2(
                "admin-users-created",
                "name",
                user.name.as_str(),
                "email",
                user.email.to_string(),
            ),
            state.cookie_secure,
        )),
        Err(e) => {
            let users = state.store.list_users().await?;
            let ctx = ctx_of(&state, &current);
            form_error(e.into(), ctx.t, |msg| {
                users_page(ctx, &users, form, Some(msg))
            })
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/user.html")]
pub(super) struct EditPage {
    ctx: Ctx,
    sections: Vec<Section>,
    id: String,
    name: String,
    email: String,
    active: bool,
    is_self: bool,
    roles: Vec<Choice>,
    managers: Vec<Choice>,
    reports: Vec<String>,
    /// "14:35" while signing in is locked (too many wrong passwords).
    locked_until: Option<String>,
    error: Option<String>,
}

fn edit_view(
    ctx: Ctx,
    users: &[UserRecord],
    user: &UserRecord,
    role: &str,
    manager: &str,
    error: Option<String>,
) -> EditPage {
    let t = ctx.t;
    EditPage {
        sections: sections(t, "/beheer/gebruikers"),
        id: user.user.id.to_string(),
        name: user.user.name.clone(),
        email: user.user.email.to_string(),
        active: user.active,
        is_self: user.user.id == ctx.user.id,
        roles: role_choices(t, role),
        managers: manager_choices(t, users, Some(user.user.id), manager),
        reports: users
            .iter()
            .filter(|u| u.user.manager == Some(user.user.id))
            .map(|u| labelled(t, u))
            .collect(),
        locked_until: None,
        error,
        ctx,
    }
}

fn parse_id(raw: &str) -> Result<UserId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

fn find(users: &[UserRecord], id: UserId) -> Result<&UserRecord, WebError> {
    users
        .iter()
        .find(|u| u.user.id == id)
        .ok_or(WebError::NotFound)
}

async fn load_edit_view<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    raw_id: &str,
) -> Result<EditPage, WebError> {
    let id = parse_id(raw_id)?;
    let users = state.store.list_users().await?;
    let user = find(&users, id)?;
    let manager = user.user.manager.map(|m| m.to_string()).unwrap_or_default();
    let calendar = state.calendar().await?;
    let locked_until = klacht_app::auth::locked_until(&state.store, &user.user.email, state.now())
        .await?
        .map(|until| {
            until
                .to_zoned(calendar.time_zone().clone())
                .strftime("%H:%M")
                .to_string()
        });
    Ok(EditPage {
        locked_until,
        ..edit_view(ctx, &users, user, user.user.role.as_str(), &manager, None)
    })
}

pub(super) async fn edit_page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<EditPage, WebError> {
    let ctx = admin_ctx(ctx)?;
    load_edit_view(&state, ctx, &id).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct EditForm {
    rol: String,
    leidinggevende: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn update<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw_id): Path<String>,
    CsrfForm { current, form }: CsrfForm<EditForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let id = parse_id(&raw_id)?;
    let result = admin::update_user(
        &state.store,
        by,
        id,
        &form.rol,
        &form.leidinggevende,
        state.now(),
    )
    .await;
    match result {
        Ok(()) => Ok(redirect_with_flash(
            "/beheer/gebruikers",
            &current.t.t("admin-users-updated"),
            state.cookie_secure,
        )),
        Err(e) => {
            let users = state.store.list_users().await?;
            let user = find(&users, id)?;
            let ctx = ctx_of(&state, &current);
            form_error(e.into(), ctx.t, |msg| {
                edit_view(
                    ctx,
                    &users,
                    user,
                    &form.rol,
                    &form.leidinggevende,
                    Some(msg),
                )
            })
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ActiveForm {
    /// `ja` to (re)activate, `nee` to deactivate.
    actief: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn set_active<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw_id): Path<String>,
    CsrfForm { current, form }: CsrfForm<ActiveForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let id = parse_id(&raw_id)?;
    let active = match form.actief.as_str() {
        "ja" => true,
        "nee" => false,
        _ => {
            return Err(WebError::Invalid(current.t.t("admin-users-choose-active")));
        }
    };
    let calendar = state.calendar().await?;
    let handover = admin::Handover {
        calendar: &calendar,
        mail: state.notifier.context(),
    };
    let result = admin::set_user_active(&state.store, by, id, active, state.now(), handover).await;
    if result.is_ok() {
        // The handover alert, or the user's own notice, queued with it.
        state.notifier.queued(1);
    }
    match result {
        Ok(()) => Ok(redirect_with_flash(
            "/beheer/gebruikers",
            &current.t.t(if active {
                "admin-users-reactivated"
            } else {
                "admin-users-deactivated"
            }),
            state.cookie_secure,
        )),
        Err(e) => {
            let ctx = ctx_of(&state, &current);
            let t = ctx.t;
            let page = load_edit_view(&state, ctx, &raw_id).await?;
            form_error(e.into(), t, |msg| EditPage {
                error: Some(msg),
                ..page
            })
        }
    }
}

/// Beheer lifts a sign-in lock: the user (or whoever shares their office
/// address) may try again at once. Logged in the Logboek.
#[tracing::instrument(skip_all)]
pub(super) async fn unlock<S: Store>(
    State(state): State<AppState<S>>,
    Path(raw_id): Path<String>,
    CsrfForm { current, .. }: CsrfForm<ActiveForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let id = parse_id(&raw_id)?;
    let lifted = admin::unlock_sign_in(&state.store, by, id, state.now(), state.notifier.context())
        .await
        .map_err(WebError::from)?;
    if lifted {
        state.notifier.queued(1);
    }
    Ok(redirect_with_flash(
        &format!("/beheer/gebruikers/{id}"),
        &current.t.t(if lifted {
            "admin-users-unlocked"
        } else {
            "admin-users-not-locked"
        }),
        state.cookie_secure,
    ))
}
