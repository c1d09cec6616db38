//! Beheer > Categorieën and Oorzaken: the lists every complaint's category
//! and root cause come from. Values are added, renamed and deactivated
//! (never deleted: complaints keep the name they were given).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Response;
use klacht_app::admin;
use klacht_store::{ListKind, ListValue, Store};
use serde::Deserialize;

use super::{Section, admin_ctx, admin_user, ctx_of, form_error, sections};
use crate::session::{CsrfForm, Ctx, redirect_with_flash};
use crate::{AppState, WebError};

/// The list named in the URL: `categorieen` or `oorzaken`.
fn kind_of(slug: &str) -> Result<ListKind, WebError> {
    match slug {
        "categorieen" => Ok(ListKind::Category),
        "oorzaken" => Ok(ListKind::Cause),
        _ => Err(WebError::NotFound),
    }
}

fn slug(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Category => "categorieen",
        ListKind::Cause => "oorzaken",
    }
}

fn path(kind: ListKind) -> String {
    format!("/beheer/lijst/{}", slug(kind))
}

struct Line {
    id: String,
    name: String,
    active: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/list.html")]
pub(super) struct ListPage {
    ctx: Ctx,
    sections: Vec<Section>,
    title: String,
    label: String,
    path: String,
    lines: Vec<Line>,
    /// The name typed in the add form, kept when it is refused.
    typed: String,
    error: Option<String>,
}

fn list_page(
    ctx: Ctx,
    kind: ListKind,
    values: &[ListValue],
    typed: String,
    error: Option<String>,
) -> ListPage {
    let path = path(kind);
    let t = ctx.t;
    let (title, label) = match kind {
        ListKind::Category => ("admin-section-categories", "admin-list-new-category"),
        ListKind::Cause => ("admin-section-causes", "admin-list-new-cause"),
    };
    ListPage {
        ctx,
        sections: sections(t, &path),
        title: t.t(title),
        label: t.t(label),
        lines: values
            .iter()
            .map(|v| Line {
                id: v.id.to_string(),
                name: v.name.clone(),
                active: v.active,
            })
            .collect(),
        path,
        typed,
        error,
    }
}

pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(lijst): Path<String>,
) -> Result<ListPage, WebError> {
    let ctx = admin_ctx(ctx)?;
    let kind = kind_of(&lijst)?;
    let values = state.store.list_values(kind).await?;
    Ok(list_page(ctx, kind, &values, String::new(), None))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct NameForm {
    naam: String,
}

/// After a refused change: the list again, with the message and the name
/// that was typed.
async fn refused<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    kind: ListKind,
    typed: String,
    e: WebError,
) -> Result<Response, WebError> {
    let values = state.store.list_values(kind).await?;
    form_error(e, ctx.t, |msg| {
        list_page(ctx, kind, &values, typed, Some(msg))
    })
}

#[tracing::instrument(skip_all)]
pub(super) async fn add<S: Store>(
    State(state): State<AppState<S>>,
    Path(lijst): Path<String>,
    CsrfForm { current, form }: CsrfForm<NameForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let kind = kind_of(&lijst)?;
    match admin::add_list_value(&state.store, by, kind, &form.naam, state.now()).await {
        Ok(()) => Ok(redirect_with_flash(
            &path(kind),
            &current.t.t1("admin-list-added", "name", form.naam.trim()),
            state.cookie_secure,
        )),
        Err(e) => refused(&state, ctx_of(&state, &current), kind, form.naam, e.into()).await,
    }
}

#[tracing::instrument(skip_all)]
pub(super) async fn rename<S: Store>(
    State(state): State<AppState<S>>,
    Path((lijst, id)): Path<(String, String)>,
    CsrfForm { current, form }: CsrfForm<NameForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let kind = kind_of(&lijst)?;
    let id = admin::parse_value_id(&id).ok_or(WebError::NotFound)?;
    let result =
        admin::rename_list_value(&state.store, by, kind, id, &form.naam, state.now()).await;
    match result {
        Ok(()) => Ok(redirect_with_flash(
            &path(kind),
            &current.t.t("admin-list-renamed"),
            state.cookie_secure,
        )),
        Err(e) => {
            refused(
                &state,
                ctx_of(&state, &current),
                kind,
                String::new(),
                e.into(),
            )
            .await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ActiveForm {
    /// `ja` to take back into use, `nee` to deactivate.
    actief: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn set_active<S: Store>(
    State(state): State<AppState<S>>,
    Path((lijst, id)): Path<(String, String)>,
    CsrfForm { current, form }: CsrfForm<ActiveForm>,
) -> Result<Response, WebError> {
    let by = admin_user(&current)?;
    let kind = kind_of(&lijst)?;
    let id = admin::parse_value_id(&id).ok_or(WebError::NotFound)?;
    let active = match form.actief.as_str() {
        "ja" => true,
        "nee" => false,
        _ => {
            return Err(WebError::Invalid(current.t.t("admin-list-choose-active")));
        }
    };
    let result =
        admin::set_list_value_active(&state.store, by, kind, id, active, state.now()).await;
    match result {
        Ok(()) => Ok(redirect_with_flash(
            &path(kind),
            &current.t.t(if active {
                "admin-list-activated"
            } else {
                "admin-list-deactivated"
            }),
            state.cookie_secure,
        )),
        Err(e) => {
            refused(
                &state,
                ctx_of(&state, &current),
                kind,
                String::new(),
                e.into(),
            )
            .await
        }
    }
}
