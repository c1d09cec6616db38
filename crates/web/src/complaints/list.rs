//! Mijn klachten: the complaints and signals the user is connected to,
//! soonest term first, keyset-paginated.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use klacht_domain::complaint::{Status, format_date};
use klacht_domain::terms::{Step, term_status};
use klacht_store::{ComplaintRow, DueCursor, Store};
use serde::Deserialize;

use super::badge_class;
use crate::session::Ctx;
use crate::{AppState, WebError};

/// Rows per page: a screenful on a desk, a few scrolls on a phone.
const PAGE_SIZE: u32 = 50;

#[derive(Deserialize, Default)]
pub(super) struct ListQuery {
    /// The cursor of the next page (`na` = after).
    #[serde(default)]
    na: String,
}

pub(super) struct ListRow {
    pub id: String,
    pub reference: String,
    pub complainant: String,
    pub received: String,
    pub status: String,
    pub step: String,
    pub due: String,
    pub badge: Option<(&'static str, &'static str)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/list.html")]
pub(super) struct ListPage {
    ctx: Ctx,
    rows: Vec<ListRow>,
    next: Option<String>,
    paged: bool,
}

fn row_view(r: ComplaintRow, today: jiff::civil::Date, tz: &jiff::tz::TimeZone) -> ListRow {
    let status = r
        .status
        .parse::<Status>()
        .map(|s| s.label().to_owned())
        .unwrap_or(r.status);
    let step = r
        .next_step
        .as_deref()
        .and_then(|s| Step::ALL.into_iter().find(|x| x.as_str() == s))
        .map(|s| s.label().to_owned())
        .unwrap_or_default();
    let badge = r.next_due.map(|due| {
        let t = term_status(due, today, None);
        (t.label(), badge_class(t))
    });
    ListRow {
        id: r.id.to_string(),
        reference: r.reference.to_string(),
        complainant: r.complainant_name,
        received: format_date(r.received_at.to_zoned(tz.clone()).date()),
        status,
        step,
        due: r.next_due.map(format_date).unwrap_or_default(),
        badge,
    }
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    // The administrator handles no complaints; their work is elsewhere.
    if ctx.is_admin() {
        return Ok(Redirect::to("/beheer").into_response());
    }
    // A damaged cursor starts at the first page rather than failing.
    let after = DueCursor::decode(&q.na);
    let page = state
        .store
        .list_participating(ctx.user.id, after, PAGE_SIZE)
        .await?;
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let tz = calendar.time_zone();
    Ok(ListPage {
        ctx,
        rows: page
            .items
            .into_iter()
            .map(|r| row_view(r, today, tz))
            .collect(),
        next: page.next.map(|c| c.encode()),
        paged: after.is_some(),
    }
    .into_response())
}
