//! The first sign-in tour: a few points about the user's own start page,
//! shown on "Wacht op mij" until the user puts it away (a plain form POST,
//! remembered per user in `tour_dismissals`, migration 0019), and always on
//! "Hoe werkt het?". No JavaScript: the form reloads the start page.

use axum::extract::State;
use axum::response::Response;
use klacht_domain::Role;
use klacht_i18n::Tr;
use klacht_store::Store;
use serde::Deserialize;

use crate::session::{CsrfForm, redirect_with_flash};
use crate::{AppState, WebError};

/// The tour of one role's start page.
pub struct Tour {
    pub title: String,
    pub points: Vec<String>,
}

/// The points of each role's tour: what the user's start page holds, in
/// the order they meet it (keys `tour-{role}-1` …).
fn points(role: Role) -> usize {
    match role {
        Role::Manager => 5,
        Role::Employee | Role::QualityManager | Role::Director | Role::Admin => 4,
    }
}

/// The tour in Dutch.
pub fn of(role: Role) -> Tour {
    in_language(role, Tr::default())
}

/// The tour in the words of `t`.
pub fn in_language(role: Role, t: Tr) -> Tour {
    Tour {
        title: t.t("tour-title"),
        points: (1..=points(role))
            .map(|n| t.t(&format!("tour-{}-{n}", role.as_str())))
            .collect(),
    }
}

#[derive(Deserialize)]
pub(super) struct Empty {}

/// `POST /rondleiding/verbergen`: the tour stays away from now on.
#[tracing::instrument(skip_all)]
pub(super) async fn dismiss<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, .. }: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    state
        .store
        .dismiss_tour(current.user.id, state.now())
        .await?;
    Ok(redirect_with_flash(
        "/",
        &current.t.t("tour-hidden"),
        state.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_three_to_five_points() {
        for role in Role::ALL {
            let n = of(role).points.len();
            assert!((3..=5).contains(&n), "{role:?}: {n}");
        }
    }
}
