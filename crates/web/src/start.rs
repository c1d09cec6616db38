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
use klacht_domain::{Role, User};
use klacht_store::{Store, StoreError};

use crate::session::Ctx;
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new().route("/", get(start::<S>))
}

pub(crate) struct TermLine {
    pub step: &'static str,
    pub rule: &'static str,
    pub date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "start.html")]
struct StartPage {
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
    status: &'static str,
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

pub(crate) use klacht_domain::dutch::long_date as dutch_date;

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

fn plural(n: usize, one: &str, more: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {more}")
    }
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

fn describe(item: &Item) -> (String, String) {
    let complaint = item
        .complaint
        .as_ref()
        .map(|c| format!("/klachten/{}", c.id))
        .unwrap_or_default();
    match &item.reason {
        Reason::NextTerm(step) => (format!("Volgende stap: {}", step.label()), complaint),
        Reason::AwaitingHandler => (
            "Afhandelaar toewijzen".into(),
            format!("{complaint}#afhandelaar"),
        ),
        Reason::TeamOverdue(step) => (
            format!("Termijn verstreken in uw team: {}", step.label()),
            complaint,
        ),
        Reason::Action {
            number,
            description,
        } => (
            format!("Actie {number}: {description}"),
            format!("{complaint}#actie-{number}"),
        ),
        Reason::Registered => (
            "Door u geregistreerd, nog niet afgesloten".into(),
            complaint,
        ),
        Reason::FormToClose => (
            "Klachtenformulier ontvangen: afsluiten".into(),
            format!("{complaint}#afsluiten"),
        ),
        Reason::FailedMessage { subject, to } => (
            if to.is_empty() {
                format!("Bericht niet verzonden: {subject}")
            } else {
                format!("Bericht niet verzonden: {subject} (aan {to})")
            },
            "/berichten".into(),
        ),
        Reason::Pattern { label, complaints } => (
            format!(
                "Structureel patroon: {label} ({})",
                plural(*complaints, "klacht", "klachten")
            ),
            "/verbetering".into(),
        ),
        Reason::Escalation => ("Externe escalatie loopt".into(), complaint),
        Reason::ComplainantMail { message, subject } => (
            format!("E-mail van de klager: {}", excerpt(subject)),
            format!("/binnengekomen/{message}"),
        ),
        Reason::IncomingMail {
            message,
            subject,
            from,
        } => (
            if from.is_empty() {
                format!("Binnengekomen e-mail: {}", excerpt(subject))
            } else {
                format!("Binnengekomen e-mail van {from}: {}", excerpt(subject))
            },
            format!("/binnengekomen/{message}"),
        ),
        Reason::Consultation {
            number,
            question,
            asked_by,
        } => (
            if asked_by.is_empty() {
                format!("Uw advies gevraagd (vraag {number}): {}", excerpt(question))
            } else {
                format!(
                    "Uw advies gevraagd door {asked_by} (vraag {number}): {}",
                    excerpt(question)
                )
            },
            format!("{complaint}#overleg"),
        ),
    }
}

fn row(item: &Item) -> QueueRow {
    let (what, href) = describe(item);
    let (status, class) = match item.status {
        Some(TermStatus::Overdue) => ("te laat", "late"),
        Some(TermStatus::DueToday) => ("vandaag", "today"),
        Some(_) => ("op tijd", "ok"),
        None => ("", ""),
    };
    QueueRow {
        what,
        href,
        reference: item
            .complaint
            .as_ref()
            .map(|c| c.reference.to_string())
            .unwrap_or_default(),
        due: item
            .due
            .map(klacht_domain::dutch::day_month_year)
            .unwrap_or_default(),
        status,
        class,
    }
}

/// The queue's lines. With the "Binnengekomen e-mail" section on the
/// page (the quality manager's), the messages it lists with their buttons
/// are one line here, pointing there, instead of each twice.
fn rows(items: &[Item], inbox_shown: bool) -> Vec<QueueRow> {
    let is_mail = |i: &Item| matches!(i.reason, Reason::IncomingMail { .. });
    if !inbox_shown {
        return items.iter().map(row).collect();
    }
    let mail = items.iter().filter(|i| is_mail(i)).count();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if !is_mail(item) {
            out.push(row(item));
        } else if out.iter().all(|r: &QueueRow| r.href != "#mailbox") {
            out.push(QueueRow {
                what: format!(
                    "Binnengekomen e-mail: {} te verwerken",
                    plural(mail, "bericht", "berichten")
                ),
                href: "#mailbox".into(),
                reference: String::new(),
                due: String::new(),
                status: "",
                class: "",
            });
        }
    }
    out
}

fn term_lines(terms: &Terms) -> Vec<TermLine> {
    Step::ALL
        .into_iter()
        .map(|step| TermLine {
            step: step.label(),
            rule: step.rule(),
            date: dutch_date(terms.due(step)),
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
    let terms = term_lines(&Terms::compute(now, &calendar));
    let today = dutch_date(calendar.local_date(now));
    let Some(mut ctx) = ctx else {
        return Ok(StartPage {
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
        .then(|| crate::procedure::tour::of(ctx.user.role));
    let inbox = crate::mailbox::inbox(&state, &ctx.user).await?;
    let mut rows = rows(&queue.items, inbox.is_some());
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
    use super::dutch_date;
    use jiff::civil::date;

    #[test]
    fn dates_read_as_dutch() {
        assert_eq!(dutch_date(date(2026, 4, 24)), "vrijdag 24 april 2026");
        assert_eq!(dutch_date(date(2027, 1, 4)), "maandag 4 januari 2027");
    }

    #[test]
    fn counts_read_as_dutch() {
        assert_eq!(super::plural(1, "klacht", "klachten"), "1 klacht");
        assert_eq!(super::plural(3, "klacht", "klachten"), "3 klachten");
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
