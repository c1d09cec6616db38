//! `/`: for a signed-in staff member their work queue ("Wacht op mij"),
//! most urgent first; for anyone else what this is, with the regulation's
//! terms for a complaint received today. Nothing about the register's
//! contents is shown to visitors who are not signed in.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use klacht_app::kept::Outdated;
use klacht_app::work_queue::{Item, Reason, WorkQueue};
use klacht_domain::terms::{Step, TermStatus, Terms};
use klacht_domain::{Labelled, Role, User};
use klacht_i18n::Tr;
use klacht_store::{Store, StoreError};

use crate::language::PageLanguage;
use crate::session::Ctx;
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new().route("/", get(start::<S>))
}

pub(crate) struct TermLine {
    pub step: String,
    pub rule: String,
    pub date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "start.html")]
struct StartPage {
    /// The visitor's language (their choice, else their browser's).
    t: Tr,
    organisation: String,
    today: String,
    terms: Vec<TermLine>,
}

/// One line of the queue as the page shows it.
struct QueueRow {
    what: String,
    /// Where the user acts on it.
    href: String,
    reference: String,
    due: String,
    status: String,
    class: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "start_staff.html")]
struct StaffStartPage {
    ctx: Ctx,
    /// The most urgent items ([`START_ROWS`]), or all of them when asked.
    rows: Vec<QueueRow>,
    /// How many items wait in all.
    total: usize,
    overdue: usize,
    today: String,
    terms: Vec<TermLine>,
    /// The first sign-in tour, until the user puts it away (or asks for
    /// it again with `?rondleiding`).
    tour: Option<crate::procedure::tour::Tour>,
    dismissable: bool,
    /// Binnengekomen e-mail, for the quality manager.
    inbox: Option<crate::mailbox::Inbox>,
}

/// Items the start page lists unless all are asked for (`/?alles`): the
/// manager of a large team may have thousands waiting, and a page of
/// thousands of rows helps nobody on a phone.
const START_ROWS: usize = 100;

/// What waits for `user` today: the one path of the start page and the
/// header's count (which may take an outdated queue while a slow one is
/// built again: [`Outdated`]).
pub(crate) async fn work_queue<S: Store>(
    state: &AppState<S>,
    user: &User,
    outdated: Outdated,
) -> Result<std::sync::Arc<WorkQueue>, StoreError> {
    if user.role == Role::Admin {
        return Ok(std::sync::Arc::default());
    }
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    state
        .queues
        .queue(
            &state.store,
            user,
            &calendar,
            &state.patterns,
            today,
            outdated,
        )
        .await
}

/// How long a page waits for its user's queue to count it in the header,
/// when none is kept yet (the first view of the day).
const COUNT_GRACE: std::time::Duration = std::time::Duration::from_millis(250);

/// The header's count of `user`'s queue: `None` when not ready within
/// [`COUNT_GRACE`] (the page goes without it; the next view has it).
pub(crate) async fn queue_count<S: Store>(
    state: &AppState<S>,
    user: &User,
) -> Result<Option<usize>, StoreError> {
    if user.role == Role::Admin {
        return Ok(Some(0));
    }
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    Ok(state
        .queues
        .ready_within(
            &state.store,
            user,
            &calendar,
            &state.patterns,
            today,
            COUNT_GRACE,
        )
        .await
        .map(|q| q.len()))
}

/// The start of a long text, for one line of the queue.
fn excerpt(text: &str) -> String {
    const CHARS: usize = 80;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= CHARS {
        line
    } else {
        let cut: String = line.chars().take(CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn describe(t: Tr, item: &Item) -> (String, String) {
    let complaint = item
        .complaint
        .as_ref()
        .map(|c| format!("/klachten/{}", c.id))
        .unwrap_or_default();
    match &item.reason {
        Reason::NextTerm(step) => (
            t.t1("start-reason-next-term", "step", t.label(*step)),
            complaint,
        ),
        Reason::AwaitingHandler => (
            t.t("start-reason-awaiting-handler"),
            format!("{complaint}#afhandelaar"),
        ),
        Reason::TeamOverdue(step) => (
            t.t1("start-reason-team-overdue", "step", t.label(*step)),
            complaint,
        ),
        Reason::Action {
            number,
            description,
        } => (
            t.t2(
                "start-reason-action",
                "number",
                number.to_string(),
                "description",
                description.as_str(),
            ),
            format!("{complaint}#actie-{number}"),
        ),
        Reason::Registered => (t.t("start-reason-registered"), complaint),
        Reason::FormToClose => (
            t.t("start-reason-form-to-close"),
            format!("{complaint}#afsluiten"),
        ),
        Reason::FailedMessage { subject, to } => (
            if to.is_empty() {
                t.t1("start-reason-failed-message", "subject", subject.as_str())
            } else {
                t.t2(
                    "start-reason-failed-message-to",
                    "subject",
                    subject.as_str(),
                    "to",
                    to.as_str(),
                )
            },
            "/berichten".into(),
        ),
        Reason::Pattern { label, complaints } => (
            t.t2(
                "start-reason-pattern",
                "label",
                label.as_str(),
                "complaints",
                *complaints,
            ),
            "/verbetering".into(),
        ),
        Reason::Escalation => (t.t("start-reason-escalation"), complaint),
        Reason::ComplainantMail { message, subject } => (
            t.t1("start-reason-complainant-mail", "subject", excerpt(subject)),
            format!("/binnengekomen/{message}"),
        ),
        Reason::IncomingMail {
            message,
            subject,
            from,
        } => (
            if from.is_empty() {
                t.t1("start-reason-incoming-mail", "subject", excerpt(subject))
            } else {
                t.t2(
                    "start-reason-incoming-mail-from",
                    "from",
                    from.as_str(),
                    "subject",
                    excerpt(subject),
                )
            },
            format!("/binnengekomen/{message}"),
        ),
        Reason::Consultation {
            number,
            question,
            asked_by,
        } => (
            if asked_by.is_empty() {
                t.t2(
                    "start-reason-consultation",
                    "number",
                    number.to_string(),
                    "question",
                    excerpt(question),
                )
            } else {
                t.t3(
                    "start-reason-consultation-by",
                    "by",
                    asked_by.as_str(),
                    "number",
                    number.to_string(),
                    "question",
                    excerpt(question),
                )
            },
            format!("{complaint}#overleg"),
        ),
    }
}

fn row(t: Tr, item: &Item) -> QueueRow {
    let (what, href) = describe(t, item);
    let (status, class) = match item.status {
        Some(TermStatus::Overdue) => (t.label(TermStatus::Overdue), "late"),
        Some(TermStatus::DueToday) => (t.label(TermStatus::DueToday), "today"),
        Some(_) => (t.label(TermStatus::OnTime), "ok"),
        None => (String::new(), ""),
    };
    QueueRow {
        what,
        href,
        reference: item
            .complaint
            .as_ref()
            .map(|c| c.reference.to_string())
            .unwrap_or_default(),
        due: item.due.map(|d| t.day_month_year(d)).unwrap_or_default(),
        status,
        class,
    }
}

/// The queue's lines. With the "Binnengekomen e-mail" section on the
/// page (the quality manager's), the messages it lists with their buttons
/// are one line here, pointing there, instead of each twice.
fn rows(t: Tr, items: &[Item], inbox_shown: bool) -> Vec<QueueRow> {
    let is_mail = |i: &Item| matches!(i.reason, Reason::IncomingMail { .. });
    if !inbox_shown {
        return items.iter().map(|i| row(t, i)).collect();
    }
    let mail = items.iter().filter(|i| is_mail(i)).count();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if !is_mail(item) {
            out.push(row(t, item));
        } else if out.iter().all(|r: &QueueRow| r.href != "#mailbox") {
            out.push(QueueRow {
                what: t.t1("start-mailbox-line", "count", mail),
                href: "#mailbox".into(),
                reference: String::new(),
                due: String::new(),
                status: String::new(),
                class: "",
            });
        }
    }
    out
}

fn term_lines(t: Tr, terms: &Terms) -> Vec<TermLine> {
    Step::ALL
        .into_iter()
        .map(|step| TermLine {
            step: t.label(step),
            rule: t.t(&format!("status-step-{}-rule", step.id())),
            date: t.long_date(terms.due(step)),
        })
        .collect()
}

#[tracing::instrument(skip_all)]
async fn start<S: Store>(
    State(state): State<AppState<S>>,
    request: Request,
) -> Result<Response, WebError> {
    let (mut parts, _) = request.into_parts();
    let ctx = match Ctx::uncounted(&mut parts, &state).await {
        Ok(ctx) => Some(ctx),
        Err(WebError::SignInRequired { .. }) => None,
        Err(e) => return Err(e),
    };
    let now = state.now();
    let calendar = state.calendar().await?;
    let t = match &ctx {
        Some(ctx) => ctx.t,
        None => PageLanguage::of(&parts.headers).tr(),
    };
    let terms = term_lines(t, &Terms::compute(now, &calendar));
    let today = t.long_date(calendar.local_date(now));
    let Some(mut ctx) = ctx else {
        return Ok(StartPage {
            t,
            organisation: state.organisation.to_string(),
            today,
            terms,
        }
        .into_response());
    };
    let queue = work_queue(&state, &ctx.user, Outdated::Wait).await?;
    ctx.waiting = Some(queue.len());
    let asked = parts
        .uri
        .query()
        .is_some_and(|q| q.split('&').any(|p| p.starts_with("rondleiding")));
    let tour = (asked || !state.store.tour_dismissed(ctx.user.id).await?)
        .then(|| crate::procedure::tour::in_language(ctx.user.role, ctx.t));
    let inbox = crate::mailbox::inbox(&state, &ctx.user, ctx.t).await?;
    let mut rows = rows(t, &queue.items, inbox.is_some());
    let total = rows.len();
    let everything = parts
        .uri
        .query()
        .is_some_and(|q| q.split('&').any(|p| p == "alles"));
    if !everything {
        rows.truncate(START_ROWS);
    }
    Ok(StaffStartPage {
        inbox,
        tour,
        dismissable: true,
        rows,
        total,
        overdue: queue.overdue(),
        ctx,
        today,
        terms,
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use klacht_domain::dutch::long_date as dutch_date;

    #[test]
    fn dates_read_as_dutch() {
        assert_eq!(dutch_date(date(2026, 4, 24)), "vrijdag 24 april 2026");
        assert_eq!(dutch_date(date(2027, 1, 4)), "maandag 4 januari 2027");
    }

    #[test]
    fn counts_read_as_dutch() {
        let nl = klacht_i18n::Tr::new(klacht_domain::Language::Nl);
        let pattern = |n: usize| {
            nl.t2(
                "start-reason-pattern",
                "label",
                "Wachttijd",
                "complaints",
                n,
            )
        };
        assert_eq!(pattern(1), "Structureel patroon: Wachttijd (1 klacht)");
        assert_eq!(pattern(3), "Structureel patroon: Wachttijd (3 klachten)");
        assert_eq!(
            nl.t1("start-mailbox-line", "count", 2_usize),
            "Binnengekomen e-mail: 2 berichten te verwerken"
        );
    }

    #[test]
    fn a_long_question_is_cut_to_one_line() {
        assert_eq!(
            super::excerpt("Mogen wij\n€ 150 aanbieden?"),
            "Mogen wij € 150 aanbieden?"
        );
        let long = "woord ".repeat(30);
        let cut = super::excerpt(&long);
        assert_eq!(cut.chars().count(), 80);
        assert!(cut.ends_with('…'));
    }
}
