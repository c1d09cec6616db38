//! /verbeteracties: the improvement actions the user may see, newest
//! first, by status, in keyset pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use klacht_app::improvement;
use klacht_domain::UserId;
use klacht_domain::improvement::{ImprovementStatus, may_manage};
use klacht_store::{ImprovementCursor, ImprovementFilter, Store};
use serde::Deserialize;

use super::{day, deny_admin};
use crate::session::Ctx;
use crate::{AppState, WebError};
use klacht_i18n::Tr;

const PAGE: u32 = 50;

struct Row {
    id: String,
    number: String,
    title: String,
    owner: String,
    due: String,
    late: bool,
    status: String,
    complaints: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "improvement/list.html")]
struct ListPage {
    ctx: Ctx,
    manages: bool,
    rows: Vec<Row>,
    status: String,
    statuses: Vec<(&'static str, String)>,
    next: Option<String>,
    paged: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ListQuery {
    status: String,
    na: String,
}

pub(super) async fn names<S: Store>(store: &S) -> Result<Vec<(UserId, String)>, WebError> {
    Ok(store
        .list_users()
        .await?
        .into_iter()
        .map(|u| (u.user.id, u.user.name))
        .collect())
}

pub(super) fn name_of(t: Tr, names: &[(UserId, String)], id: UserId) -> String {
    names
        .iter()
        .find(|(u, _)| *u == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| t.t("improvement-unknown-user"))
}

fn status_label(t: Tr, s: &str) -> String {
    s.parse::<ImprovementStatus>().map_or_else(
        |_| t.t("improvement-unknown"),
        |s| super::status_label(t, s),
    )
}

#[tracing::instrument(skip_all)]
pub(super) async fn list<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    deny_admin(&ctx)?;
    let t = ctx.t;
    let status = q
        .status
        .parse::<ImprovementStatus>()
        .ok()
        .map(|s| s.as_str().to_owned());
    let after = ImprovementCursor::decode(q.na.trim());
    let filter = ImprovementFilter {
        status: status.clone(),
        after,
        limit: PAGE,
        ..ImprovementFilter::default()
    };
    let page = improvement::list(&state.store, &ctx.user, filter).await?;
    let names = names(&state.store).await?;
    let today = state.calendar().await?.local_date(state.now());
    let rows = page
        .items
        .iter()
        .map(|i| Row {
            id: i.row.id.to_string(),
            number: format!("V-{}-{:04}", i.row.year, i.row.number),
            title: i.row.title.clone(),
            owner: name_of(t, &names, i.row.owner),
            due: day(t, i.row.due_on),
            late: i.row.status != ImprovementStatus::Done.as_str() && i.row.due_on < today,
            status: status_label(t, &i.row.status),
            complaints: i.linked.iter().map(|l| l.reference.to_string()).collect(),
        })
        .collect();
    let next = page.next.map(|c| {
        let mut link = format!("na={}", c.encode());
        if let Some(s) = &status {
            link.push_str(&format!("&status={s}"));
        }
        link
    });
    let page = ListPage {
        manages: may_manage(&ctx.user),
        ctx,
        rows,
        status: status.unwrap_or_default(),
        statuses: ImprovementStatus::ALL
            .iter()
            .map(|s| (s.as_str(), super::status_label(t, *s)))
            .collect(),
        next,
        paged: after.is_some(),
    };
    Ok(page.into_response())
}
