//! Mijn klachten: the complaints and signals the user is connected to,
//! soonest term first, keyset-paginated; with search and filters (a plain
//! GET form, the same store filter as the overview) and, for those who
//! assign afhandelaars, checkboxes for the bulk actions of [`super::bulk`].
//! Closed complaints stay out of the default view.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::improvement::Lists;
use klacht_domain::complaint::Status;
use klacht_domain::terms::{Step, term_status};
use klacht_i18n::Tr;
use klacht_store::{ComplaintFilter, ComplaintRow, DueCursor, ListKind, Store};
use serde::Deserialize;

use super::badge_class;
use crate::error::url_escape;
use crate::overview::{TERM_CHOICES, given, term_bounds};
use crate::session::Ctx;
use crate::{AppState, WebError};

/// Rows per page: a screenful on a desk, a few scrolls on a phone.
const PAGE_SIZE: u32 = 50;

/// Which complaints by their state: (value, label key); the first is the
/// default.
const VIEWS: [(&str, &str); 3] = [
    ("open", "complaints-view-open"),
    ("afgesloten", "complaints-view-closed"),
    ("alle", "complaints-view-all"),
];

/// The label key of a term filter of [`TERM_CHOICES`].
fn term_key(value: &str) -> &'static str {
    match value {
        "op_tijd" => "complaints-term-on-time",
        "vandaag" => "complaints-term-today",
        _ => "complaints-term-late",
    }
}

/// The query string of `/klachten`, as typed: text, so that a bad value is
/// reported on the page instead of failing it.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub(super) struct ListQuery {
    /// Reference, complainant or text (as on the overview).
    pub zoek: String,
    /// `open` (default), `afgesloten` or `alle`.
    pub weergave: String,
    /// `op_tijd`, `vandaag` or `te_laat`: the next step's term.
    pub termijn: String,
    /// The cursor of the next page (`na` = after).
    pub na: String,
}

impl ListQuery {
    /// The store filter, the page's cursor, and a message per value
    /// that could not be used (that filter is left out).
    fn to_filter(
        &self,
        today: jiff::civil::Date,
        t: Tr,
    ) -> (ComplaintFilter, Option<DueCursor>, Vec<String>) {
        let mut errors = Vec::new();
        let mut f = ComplaintFilter {
            limit: PAGE_SIZE,
            text: given(&self.zoek).map(str::to_owned),
            ..Default::default()
        };
        f.open = match given(&self.weergave).unwrap_or("open") {
            "open" => Some(true),
            "afgesloten" => Some(false),
            "alle" => None,
            other => {
                errors.push(t.t1("complaints-unknown-view", "view", other));
                Some(true)
            }
        };
        match term_bounds(&self.termijn, today) {
            Ok((from, to)) => (f.next_due_from, f.next_due_to) = (from, to),
            Err(e) => errors.push(e),
        }
        // A damaged cursor starts at the first page rather than failing.
        (f, DueCursor::decode(self.na.trim()), errors)
    }

    /// These filters as a query string (without the page); empty for the
    /// default view.
    pub fn filters_query(&self) -> String {
        let view = given(&self.weergave).filter(|v| *v != "open");
        [
            ("zoek", given(&self.zoek)),
            ("weergave", view),
            ("termijn", given(&self.termijn)),
        ]
        .iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", url_escape(v))))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// The page with these filters, after `cursor` when given.
    pub fn link(&self, cursor: Option<&DueCursor>) -> String {
        let mut parts: Vec<String> = Some(self.filters_query())
            .filter(|f| !f.is_empty())
            .into_iter()
            .collect();
        if let Some(c) = cursor {
            parts.push(format!("na={}", url_escape(&c.encode())));
        }
        if parts.is_empty() {
            "/klachten".into()
        } else {
            format!("/klachten?{}", parts.join("&"))
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.filters_query().is_empty()
    }
}

/// One option of a select.
pub(super) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Self {
        let value = value.into();
        Self {
            selected: value == current.trim(),
            value,
            label: label.into(),
        }
    }
}

pub(super) struct ListRow {
    pub id: String,
    pub reference: String,
    pub complainant: String,
    pub received: String,
    pub status: String,
    pub step: String,
    pub due: String,
    pub badge: Option<(String, &'static str)>,
    /// Chosen for a bulk action (kept when one was refused).
    pub checked: bool,
    /// Why a bulk action refused this complaint.
    pub error: Option<String>,
}

/// The bulk actions under the list, for those who assign afhandelaars.
pub(super) struct Bulk {
    pub handlers: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub causes: Vec<Choice>,
    /// The list's filters, to come back to after the action.
    pub filter: String,
    /// Why nothing was done, above the actions.
    pub error: Option<String>,
    /// Per field (`afhandelaar`, `categorie`, `oorzaak`, `klacht`).
    pub field_errors: BTreeMap<String, String>,
}

impl Bulk {
    pub fn field_error(&self, name: &str) -> Option<&str> {
        self.field_errors.get(name).map(String::as_str)
    }
}

/// What a refused bulk action brings back to the list: the choices as
/// posted and the reasons.
#[derive(Default)]
pub(super) struct Posted {
    pub selected: BTreeSet<String>,
    pub handler: String,
    pub category: String,
    pub cause: String,
    pub error: Option<String>,
    pub field_errors: BTreeMap<String, String>,
    /// Per complaint, by id or reference.
    pub row_errors: BTreeMap<String, String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/list.html")]
pub(super) struct ListPage {
    ctx: Ctx,
    q: ListQuery,
    errors: Vec<String>,
    rows: Vec<ListRow>,
    next: Option<String>,
    first: String,
    paged: bool,
    views: Vec<Choice>,
    terms: Vec<Choice>,
    bulk: Option<Bulk>,
}

fn row_view(
    r: ComplaintRow,
    today: jiff::civil::Date,
    tz: &jiff::tz::TimeZone,
    posted: &Posted,
    t: Tr,
) -> ListRow {
    let status = r
        .status
        .parse::<Status>()
        .map(|s| t.label(s))
        .unwrap_or(r.status);
    let step = r
        .next_step
        .as_deref()
        .and_then(|s| Step::ALL.into_iter().find(|x| x.as_str() == s))
        .map(|s| t.label(s))
        .unwrap_or_default();
    let badge = r.next_due.map(|due| {
        let term = term_status(due, today, None);
        (t.label(term), badge_class(term))
    });
    let (id, reference) = (r.id.to_string(), r.reference.to_string());
    ListRow {
        checked: posted.selected.contains(&id),
        error: posted
            .row_errors
            .get(&id)
            .or_else(|| posted.row_errors.get(&reference))
            .cloned(),
        id,
        reference,
        complainant: r.complainant_name,
        received: t.date(r.received_at.to_zoned(tz.clone()).date()),
        status,
        step,
        due: r.next_due.map(|d| t.date(d)).unwrap_or_default(),
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
    Ok(render(&state, ctx, q, Posted::default())
        .await?
        .into_response())
}

/// The list with `q`'s filters; with what a refused bulk action posted.
pub(super) async fn render<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    q: ListQuery,
    posted: Posted,
) -> Result<ListPage, WebError> {
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let tz = calendar.time_zone();
    let t = ctx.t;
    let (filter, after, errors) = q.to_filter(today, t);
    let page = state
        .store
        .list_participating(ctx.user.id, &filter, after)
        .await?;
    let bulk = if klacht_app::handover::hands_over(&ctx.user) {
        Some(bulk_choices(state, &ctx, &q, &posted).await?)
    } else {
        None
    };
    let rows: Vec<ListRow> = page
        .items
        .into_iter()
        .map(|r| row_view(r, today, tz, &posted, t))
        .collect();
    let mut errors = errors;
    if bulk.is_none() || rows.is_empty() {
        // Without the bulk form (no rights, or no rows to show it under)
        // its refusal goes to the top of the page.
        errors.extend(posted.error.clone());
    }
    let view = given(&q.weergave).unwrap_or("open");
    Ok(ListPage {
        rows,
        next: page.next.map(|c| q.link(Some(&c))),
        first: q.link(None),
        paged: after.is_some(),
        views: VIEWS
            .iter()
            .map(|(v, l)| Choice::new(*v, t.t(l), view))
            .collect(),
        terms: TERM_CHOICES
            .iter()
            .map(|(v, _)| Choice::new(*v, t.t(term_key(v)), &q.termijn))
            .collect(),
        errors,
        bulk,
        ctx,
        q,
    })
}

async fn bulk_choices<S: Store>(
    state: &AppState<S>,
    ctx: &Ctx,
    q: &ListQuery,
    posted: &Posted,
) -> Result<Bulk, WebError> {
    let users = state.store.list_users().await?;
    let lists = Lists::load(&state.store).await?;
    let handlers = klacht_app::handover::reach(&ctx.user, &users)
        .into_iter()
        .map(|u| {
            let label = if u.id == ctx.user.id {
                ctx.t.t1("complaints-yourself", "name", u.name.as_str())
            } else {
                u.name.clone()
            };
            Choice::new(u.id.to_string(), label, &posted.handler)
        })
        .collect();
    let values = |kind, current: &str| {
        lists
            .active(kind)
            .map(|name| Choice::new(name, name, current))
            .collect()
    };
    Ok(Bulk {
        handlers,
        categories: values(ListKind::Category, &posted.category),
        causes: values(ListKind::Cause, &posted.cause),
        filter: q.filters_query(),
        error: posted.error.clone(),
        field_errors: posted.field_errors.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_default_view_leaves_closed_complaints_out() {
        let (f, after, e) = ListQuery::default().to_filter(date(2026, 4, 24), Tr::default());
        assert_eq!(f.open, Some(true));
        assert!(after.is_none() && e.is_empty());
        let q = ListQuery {
            weergave: "alle".into(),
            ..Default::default()
        };
        assert_eq!(q.to_filter(date(2026, 4, 24), Tr::default()).0.open, None);
        let q = ListQuery {
            weergave: "afgesloten".into(),
            ..Default::default()
        };
        assert_eq!(
            q.to_filter(date(2026, 4, 24), Tr::default()).0.open,
            Some(false)
        );
        let q = ListQuery {
            weergave: "vrolijk".into(),
            ..Default::default()
        };
        let (f, _, e) = q.to_filter(date(2026, 4, 24), Tr::default());
        assert_eq!((f.open, e.len()), (Some(true), 1));
    }

    #[test]
    fn links_keep_the_filters_and_leave_the_default_out() {
        let q = ListQuery {
            zoek: "bus & trein".into(),
            weergave: "open".into(),
            termijn: "te_laat".into(),
            na: "ignored".into(),
        };
        assert_eq!(
            q.link(None),
            "/klachten?zoek=bus%20%26%20trein&termijn=te_laat"
        );
        let c = DueCursor {
            next_due: None,
            id: klacht_domain::ComplaintId::new(uuid::Uuid::nil()),
        };
        assert!(q.link(Some(&c)).ends_with(&format!("&na={}", c.encode())));
        assert_eq!(ListQuery::default().link(None), "/klachten");
        assert!(!ListQuery::default().is_filtered());
    }
}
