//! The bulk actions of Mijn klachten (issue 15 §6): the checked
//! complaints get a new afhandelaar ([`klacht_app::handover::reassign`],
//! the service of Overdracht) or a category and cause
//! ([`klacht_app::bulk::classify_many`]). All or nothing: a refusal shows
//! the list again (422, or 403 for a complaint the user may not change)
//! with every choice kept and the reason at the complaint or field.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use klacht_app::bulk::{self, BulkError};
use klacht_app::handover::{self, HandoverError};
use klacht_domain::ComplaintId;
use klacht_domain::complaint::Classification;
use klacht_store::Store;
use serde::Deserialize;

use super::list::{self, ListQuery, Posted};
use crate::session::{CsrfForm, ctx_of, redirect_with_flash};
use crate::{AppState, WebError};
use klacht_i18n::Tr;

/// The posted bulk form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct BulkForm {
    /// The ids of the checked complaints.
    klacht: Vec<String>,
    afhandelaar: String,
    categorie: String,
    oorzaak: String,
    /// The list's filters (a query string), to come back to.
    filter: String,
}

impl BulkForm {
    fn ids(&self, t: Tr) -> Result<Vec<ComplaintId>, WebError> {
        self.klacht
            .iter()
            .map(|raw| {
                raw.trim()
                    .parse()
                    .map_err(|_| WebError::Invalid(t.t("complaint-bulk-unknown")))
            })
            .collect()
    }

    fn query(&self) -> ListQuery {
        // Whatever the field holds, the list falls back to its default.
        serde_html_form::from_str(&self.filter).unwrap_or_default()
    }

    fn back(&self) -> String {
        self.query().link(None)
    }

    fn posted(&self) -> Posted {
        Posted {
            selected: self.klacht.iter().map(|s| s.trim().to_owned()).collect(),
            handler: self.afhandelaar.clone(),
            category: self.categorie.clone(),
            cause: self.oorzaak.clone(),
            ..Posted::default()
        }
    }
}

/// The list again with the choices as posted and why nothing was done.
async fn refused<S: Store>(
    state: &AppState<S>,
    current: &crate::session::CurrentUser,
    form: &BulkForm,
    status: StatusCode,
    posted: Posted,
) -> Result<Response, WebError> {
    let page = list::render(state, ctx_of(state, current), form.query(), posted).await?;
    Ok((status, Html(page.render()?)).into_response())
}

#[tracing::instrument(skip_all)]
pub(super) async fn reassign<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<BulkForm>,
) -> Result<Response, WebError> {
    let t = current.t;
    let ids = form.ids(t)?;
    let mut posted = form.posted();
    if !handover::hands_over(&current.user) {
        return Err(WebError::Forbidden(
            t.t("complaint-bulk-reassign-forbidden"),
        ));
    }
    if ids.is_empty() {
        posted.error = Some(t.t("complaint-bulk-none-chosen"));
        return refused(
            &state,
            &current,
            &form,
            StatusCode::UNPROCESSABLE_ENTITY,
            posted,
        )
        .await;
    }
    let Ok(to) = form.afhandelaar.trim().parse() else {
        posted.error = Some(t.t("complaint-bulk-no-handler"));
        posted.field_errors.insert(
            handover::REASSIGN_TO.into(),
            t.t("complaint-bulk-pick-handler"),
        );
        return refused(
            &state,
            &current,
            &form,
            StatusCode::UNPROCESSABLE_ENTITY,
            posted,
        )
        .await;
    };
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    match handover::reassign(&cx, &current.user, &ids, to).await {
        Ok(moved) => {
            tracing::info!(by = %current.user.id, complaints = moved.complaints, "bulk reassigned");
            let message = t.t1("complaint-bulk-reassigned", "count", moved.complaints);
            Ok(redirect_with_flash(
                &form.back(),
                &message,
                state.cookie_secure,
            ))
        }
        Err(HandoverError::Items(errors)) => {
            posted.error = Some(t.t("complaint-bulk-reassign-items"));
            for (key, refusal) in errors {
                let message = t.refusal(&refusal);
                if key == handover::REASSIGN_TO {
                    posted.field_errors.insert(key, message);
                } else {
                    let id = key.strip_prefix("klacht-").unwrap_or(&key).to_owned();
                    posted.row_errors.insert(id, message);
                }
            }
            refused(
                &state,
                &current,
                &form,
                StatusCode::UNPROCESSABLE_ENTITY,
                posted,
            )
            .await
        }
        Err(HandoverError::Forbidden(refusal)) => {
            posted.error = Some(t.t1(
                "complaint-bulk-reassign-refused",
                "message",
                t.refusal(&refusal),
            ));
            refused(&state, &current, &form, StatusCode::FORBIDDEN, posted).await
        }
        Err(e) => Err(e.into()),
    }
}

#[tracing::instrument(skip_all)]
pub(super) async fn classify<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<BulkForm>,
) -> Result<Response, WebError> {
    let t = current.t;
    if current.user.role == klacht_domain::Role::Admin {
        return Err(WebError::Forbidden(t.t("complaint-bulk-admin")));
    }
    let ids = form.ids(t)?;
    let mut posted = form.posted();
    let calendar = state.calendar().await?;
    let cx = state.change_context(&calendar);
    let wanted = Classification {
        category: Some(form.categorie.clone()),
        cause: Some(form.oorzaak.clone()),
    };
    match bulk::classify_many(&cx, &current.user, &ids, wanted).await {
        Ok(done) => {
            tracing::info!(by = %current.user.id, changed = done.changed, "bulk classified");
            let mut message = t.t1("complaint-bulk-classified", "count", done.changed);
            if done.unchanged > 0 {
                message.push(' ');
                message.push_str(&t.t1("complaint-bulk-already", "count", done.unchanged));
            }
            Ok(redirect_with_flash(
                &form.back(),
                &message,
                state.cookie_secure,
            ))
        }
        Err(BulkError::Form(errors)) => {
            posted.error = Some(t.t("complaint-bulk-classify-form"));
            posted.field_errors = errors
                .into_iter()
                .map(|(k, r)| (k.to_owned(), t.refusal(&r)))
                .collect::<BTreeMap<_, _>>();
            refused(
                &state,
                &current,
                &form,
                StatusCode::UNPROCESSABLE_ENTITY,
                posted,
            )
            .await
        }
        Err(BulkError::Items(errors)) => {
            posted.error = Some(t.t("complaint-bulk-classify-items"));
            posted.row_errors = errors
                .into_iter()
                .map(|(k, r)| (k, t.refusal(&r)))
                .collect();
            refused(
                &state,
                &current,
                &form,
                StatusCode::UNPROCESSABLE_ENTITY,
                posted,
            )
            .await
        }
        Err(BulkError::Forbidden(refusal)) => {
            posted.error = Some(t.t1(
                "complaint-bulk-classify-refused",
                "message",
                t.refusal(&refusal),
            ));
            refused(&state, &current, &form, StatusCode::FORBIDDEN, posted).await
        }
        Err(BulkError::Service(e)) => Err(e.into()),
    }
}
