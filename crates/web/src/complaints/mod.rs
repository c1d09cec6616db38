//! The staff complaint pages: Mijn klachten (with its bulk actions), Nieuwe melding, the detail
//! page with one POST route per action, and the printable complaint form.
//!
//! Object-level authorisation: a complaint the user may not see answers
//! 404 on every route (its existence does not leak); an action the user
//! may see but not do answers 403 through the domain's refusal.

mod actions;
mod bulk;
mod detail;
mod fields;
mod files;
mod form;
mod links;
mod list;
mod new;
mod view;

use std::collections::HashMap;

use axum::Router;
use axum::routing::{get, post};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use klacht_app::complaints::{self, ServiceError};
use klacht_domain::complaint::{Complaint, Recorded};
use klacht_domain::permissions;
use klacht_domain::terms::TermStatus;
use klacht_domain::{ComplaintId, ReferenceNumber, Role, User, UserId};
use klacht_store::{Store, UserRecord};

use crate::session::ctx_of;
use crate::uploads::upload_limit;
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/klachten", get(list::page::<S>))
        .route("/klachten/toewijzen", post(bulk::reassign::<S>))
        .route("/klachten/indelen", post(bulk::classify::<S>))
        // With files: their limit is `crate::uploads::UPLOAD_BODY_BYTES`,
        // set by the staff body limit in front of every staff route.
        .route(
            "/klachten/nieuw",
            get(new::page::<S>)
                .post(new::submit::<S>)
                .layer(upload_limit()),
        )
        .route(
            "/klachten/{id}/bijlagen",
            post(files::add::<S>).layer(upload_limit()),
        )
        .route("/klachten/nieuw/medewerkers", get(new::search::<S>))
        .route("/assets/medewerkers.js", get(new::picker_script))
        .route("/klachten/{id}", get(detail::page::<S>))
        .route("/klachten/{id}/formulier", get(form::page::<S>))
        .merge(actions::router())
        .merge(links::router())
}

/// A complaint named in a URL, by id or by reference (K-2026-0042).
/// Anything else is simply not found.
async fn resolve<S: Store>(store: &S, raw: &str) -> Result<ComplaintId, WebError> {
    if let Ok(id) = raw.parse::<ComplaintId>() {
        return Ok(id);
    }
    let reference = ReferenceNumber::parse(raw).map_err(|_| WebError::NotFound)?;
    store
        .complaint_id_by_reference(reference)
        .await?
        .ok_or(WebError::NotFound)
}

/// The complaint with its history, when `user` may see it; 404 otherwise,
/// exactly as for a complaint that does not exist.
async fn load_visible<S: Store>(
    store: &S,
    id: ComplaintId,
    user: &User,
) -> Result<(Complaint, Vec<Recorded>), WebError> {
    let (c, history) = match complaints::load_with_history(store, id).await {
        Ok(loaded) => loaded,
        Err(ServiceError::NotFound) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !permissions::can_view(user, &c) {
        return Err(WebError::NotFound);
    }
    Ok((c, history))
}

/// Every account, for names on pages and the choices in forms. One query.
pub(super) struct Directory {
    users: Vec<UserRecord>,
    index: HashMap<UserId, usize>,
    /// The name of an account not known, in the reader's language.
    unknown: String,
}

impl Directory {
    async fn load<S: Store>(store: &S, t: klacht_i18n::Tr) -> Result<Self, WebError> {
        let users = store.list_users().await?;
        let index = users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.user.id, i))
            .collect();
        Ok(Self {
            users,
            index,
            unknown: t.t("complaint-unknown-user"),
        })
    }

    fn get(&self, id: UserId) -> Option<&UserRecord> {
        self.index.get(&id).and_then(|i| self.users.get(*i))
    }

    fn name(&self, id: UserId) -> String {
        self.get(id)
            .map(|u| u.user.name.clone())
            .unwrap_or_else(|| self.unknown.clone())
    }

    fn opt_name(&self, id: Option<UserId>) -> String {
        id.map(|id| self.name(id)).unwrap_or_default()
    }

    /// Active staff who can take part in complaint work (not the
    /// administrator), sorted by name.
    fn active_staff(&self) -> impl Iterator<Item = &User> {
        self.users
            .iter()
            .filter(|u| u.active && u.user.role != Role::Admin)
            .map(|u| &u.user)
    }
}

/// A choice in a select or a checkbox list.
pub(super) struct UserOption {
    pub id: String,
    pub label: String,
}

impl UserOption {
    fn of(u: &User, t: klacht_i18n::Tr) -> Self {
        Self {
            id: u.id.to_string(),
            label: format!("{} ({})", u.name, t.label(u.role)),
        }
    }
}

/// An instant as Dutch offices write it, in the organisation's zone.
fn local_time(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%d-%m-%Y %H:%M")
        .to_string()
}

/// The CSS class of a term badge (see base.html).
fn badge_class(status: TermStatus) -> &'static str {
    match status {
        TermStatus::OnTime => "ok",
        TermStatus::DueToday => "today",
        TermStatus::Overdue | TermStatus::Done { on_time: false } => "late",
        TermStatus::Done { on_time: true } => "done",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_follow_the_term_status() {
        assert_eq!(badge_class(TermStatus::OnTime), "ok");
        assert_eq!(badge_class(TermStatus::DueToday), "today");
        assert_eq!(badge_class(TermStatus::Overdue), "late");
        assert_eq!(badge_class(TermStatus::Done { on_time: false }), "late");
        assert_eq!(badge_class(TermStatus::Done { on_time: true }), "done");
    }

    #[test]
    fn local_time_is_amsterdam() {
        let tz = TimeZone::get("Europe/Amsterdam").expect("zone");
        let at: Timestamp = "2026-04-24T08:05:00Z".parse().expect("instant");
        assert_eq!(local_time(at, &tz), "24-04-2026 10:05");
    }
}
