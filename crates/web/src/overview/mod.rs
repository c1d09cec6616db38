//! Overzicht: every complaint, for the quality manager and the director,
//! with filters, keyset pagination and counts at the top (overdue per step,
//! totals per status). Lists and counts come from the read model; nothing
//! is counted by loading rows.

mod filter;
mod views;

use std::collections::{BTreeSet, HashMap};

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use klacht_domain::complaint::Status;
use klacht_domain::terms::{Step, term_status};
use klacht_domain::{Role, UserId};
use klacht_i18n::Tr;
use klacht_store::{ComplaintRow, ListKind, Store, UserRecord};

use crate::session::Ctx;
use crate::{AppState, WebError};

pub use filter::OverviewQuery;
pub(crate) use filter::{TERM_CHOICES, given, term_bounds};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/overzicht", get(overview::<S>))
        .merge(views::router())
}

/// One option of a select list.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

impl Choice {
    fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Self {
        let value = value.into();
        let selected = value == current.trim();
        Self {
            value,
            label: label.into(),
            selected,
        }
    }
}

/// A count at the top of the page, linking to the rows it counts.
struct Count {
    label: String,
    count: u64,
    link: String,
}

/// One complaint in the list.
struct Line {
    reference: String,
    received: String,
    kind: &'static str,
    complainant: String,
    summary: String,
    category: String,
    status: String,
    handler: String,
    team: String,
    next_step: String,
    next_due: String,
    /// CSS class of the term badge; empty when nothing is due.
    badge: &'static str,
    badge_label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "overview/index.html")]
struct OverviewPage {
    ctx: Ctx,
    /// The user's saved views, and the form to save these filters as one.
    views: Vec<views::ViewLink>,
    save: views::SaveForm,
    q: OverviewQuery,
    errors: Vec<String>,
    today: String,
    total: u64,
    by_status: Vec<Count>,
    overdue: Vec<Count>,
    overdue_total: u64,
    lines: Vec<Line>,
    paged: bool,
    first_link: String,
    next_link: Option<String>,
    statuses: Vec<Choice>,
    terms: Vec<Choice>,
    steps: Vec<Choice>,
    categories: Vec<Choice>,
    handlers: Vec<Choice>,
    teams: Vec<Choice>,
}

fn step_of(s: &str) -> Option<Step> {
    Step::ALL.into_iter().find(|step| step.as_str() == s)
}

fn status_label(t: Tr, s: &str) -> String {
    s.parse::<Status>()
        .map(|st| t.label(st))
        .unwrap_or_else(|_| s.to_string())
}

fn user_label(t: Tr, u: &UserRecord) -> String {
    if u.active {
        u.user.name.clone()
    } else {
        t.t1("overview-inactive", "name", u.user.name.as_str())
    }
}

/// "24-04-2026 16:45" / "24 Apr 2026 16:45": a moment in a table.
pub(crate) fn date_minute(t: Tr, at: &jiff::Zoned) -> String {
    format!("{} {}", t.date(at.date()), at.strftime("%H:%M"))
}

#[tracing::instrument(skip_all)]
async fn overview<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<OverviewQuery>,
) -> Result<OverviewPage, WebError> {
    render(&state, ctx, q, views::SaveForm::default()).await
}

/// The overview with `q`'s filters; `save` is the form to keep them as a
/// view, as typed when saving was refused.
async fn render<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    q: OverviewQuery,
    save: views::SaveForm,
) -> Result<OverviewPage, WebError> {
    if !ctx.sees_overview() {
        return Err(WebError::Forbidden(ctx.t.t("overview-forbidden")));
    }
    // Only the zone is needed for "today"; that comes from configuration.
    let tz = state.config_calendar.time_zone().clone();
    let today = state.config_calendar.local_date(state.now());
    let t = ctx.t;
    let (filter, errors) = q.to_filter(today, &tz, t);

    let page = state.store.list_complaints(&filter).await?;
    let counts = state.store.complaint_counts(today).await?;
    let users = state.store.list_users().await?;
    let categories = state.store.list_values(ListKind::Category).await?;
    let views = views::links(state, &ctx).await?;

    let names: HashMap<UserId, &str> = users
        .iter()
        .map(|u| (u.user.id, u.user.name.as_str()))
        .collect();
    let unknown = t.t("overview-unknown-user");
    let name = |id: Option<UserId>| {
        id.map(|id| {
            names
                .get(&id)
                .map_or_else(|| unknown.clone(), |n| (*n).to_owned())
        })
        .unwrap_or_default()
    };
    let lines = page
        .items
        .iter()
        .map(|r| line(t, r, today, &tz, &name))
        .collect();

    let link = |extra: &str| format!("/overzicht?{extra}");
    let total = counts.by_status.iter().map(|(_, n)| n).sum();
    let by_status = Status::ALL
        .iter()
        .map(|s| Count {
            label: t.label(*s),
            count: counts
                .by_status
                .iter()
                .find(|(k, _)| k == s.as_str())
                .map_or(0, |(_, n)| *n),
            link: link(&format!("status={}", s.as_str())),
        })
        .collect();
    let overdue: Vec<Count> = Step::ALL
        .into_iter()
        .map(|step| Count {
            label: t.label(step),
            count: counts
                .overdue_by_step
                .iter()
                .find(|(k, _)| k == step.as_str())
                .map_or(0, |(_, n)| *n),
            link: link(&format!("termijn=te_laat&stap={}", step.as_str())),
        })
        .collect();
    let overdue_total = overdue.iter().map(|c| c.count).sum();

    let managerial = |u: &&UserRecord| {
        matches!(
            u.user.role,
            Role::Manager | Role::QualityManager | Role::Director
        )
    };
    let has_reports: BTreeSet<UserId> = users.iter().filter_map(|u| u.user.manager).collect();
    let handlers = users
        .iter()
        .filter(managerial)
        .map(|u| Choice::new(u.user.id.to_string(), user_label(t, u), &q.afhandelaar))
        .collect();
    let teams = users
        .iter()
        .filter(|u| managerial(u) || has_reports.contains(&u.user.id))
        .map(|u| Choice::new(u.user.id.to_string(), user_label(t, u), &q.team))
        .collect();
    let categories = categories
        .iter()
        .map(|c| {
            let label = if c.active {
                c.name.clone()
            } else {
                t.t1("overview-lapsed", "name", c.name.as_str())
            };
            Choice::new(c.name.clone(), label, &q.categorie)
        })
        .collect();

    Ok(OverviewPage {
        views,
        save,
        errors,
        today: t.date(today),
        total,
        by_status,
        overdue,
        overdue_total,
        lines,
        paged: filter.after.is_some(),
        first_link: q.first_link(),
        next_link: page.next.map(|c| q.next_link(&c)),
        statuses: Status::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), t.label(*s), &q.status))
            .collect(),
        terms: TERM_CHOICES
            .iter()
            .map(|(v, _)| Choice::new(*v, t.t(&format!("overview-term-{v}")), &q.termijn))
            .collect(),
        steps: Step::ALL
            .into_iter()
            .map(|s| Choice::new(s.as_str(), t.label(s), &q.stap))
            .collect(),
        categories,
        handlers,
        teams,
        ctx,
        q,
    })
}

fn line(
    t: Tr,
    r: &ComplaintRow,
    today: jiff::civil::Date,
    tz: &jiff::tz::TimeZone,
    name: &impl Fn(Option<UserId>) -> String,
) -> Line {
    let (badge, badge_label) = match r.next_due {
        Some(due) => {
            let status = term_status(due, today, None);
            (
                match status {
                    klacht_domain::terms::TermStatus::DueToday => "today",
                    s if s.is_late() => "late",
                    _ => "ok",
                },
                t.label(status),
            )
        }
        None => ("", String::new()),
    };
    Line {
        reference: r.reference.to_string(),
        received: date_minute(t, &r.received_at.to_zoned(tz.clone())),
        kind: if r.kind == "signal" {
            "signaal"
        } else {
            "klacht"
        },
        complainant: r.complainant_name.clone(),
        summary: r.summary.chars().take(120).collect(),
        category: r.category.clone().unwrap_or_default(),
        status: status_label(t, &r.status),
        handler: name(r.handler),
        team: name(r.responsible_manager),
        next_step: r
            .next_step
            .as_deref()
            .map(|s| step_of(s).map_or(s.to_string(), |st| t.label(st)))
            .unwrap_or_default(),
        next_due: r.next_due.map(|d| t.date(d)).unwrap_or_default(),
        badge,
        badge_label,
    }
}
