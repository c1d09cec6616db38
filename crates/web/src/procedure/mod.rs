//! The procedure explained where the work is done (issue 16, §2):
//!
//! | URL | page |
//! |---|---|
//! | `/hoe-werkt-het` | "Hoe werkt het?": the procedure as a generated diagram, each role's part, the terms of a complaint received today, the help per step, the user's tour |
//! | `POST /rondleiding/verbergen` | puts the first sign-in tour of the start page away (remembered per user) |
//!
//! The help per step comes from the regulation file ([`help`]); the
//! complaint page shows it at its steps ([`help_views`]).

pub mod diagram;
pub mod help;
pub mod tour;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use klacht_domain::Role;
use klacht_domain::terms::{Step, Terms};
use klacht_i18n::Tr;
use klacht_store::Store;

use crate::language::day_and_month;
use crate::session::Ctx;
use crate::{AppState, WebError};
use help::{ProcedureHelp, Section};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/hoe-werkt-het", get(page::<S>))
        .route("/rondleiding/verbergen", post(tour::dismiss::<S>))
}

/// One section's help as a page shows it.
pub struct HelpView {
    /// The id on `/reglement` and, prefixed with `uitleg-`, on the page.
    pub anchor: &'static str,
    pub title: String,
    /// Safe HTML from the regulation file.
    pub html: String,
    /// Opened at first: the part of the procedure that is next.
    pub open: bool,
}

/// The help of every section, `current` opened, with Dutch titles.
pub fn help_views(help: &ProcedureHelp, current: Option<Section>) -> Vec<HelpView> {
    help_views_in(Tr::default(), help, current)
}

/// As [`help_views`], titled in the words of `t` (the help itself is
/// the regulation's: pass `PublicSite::help_in` of the same language).
pub fn help_views_in(t: Tr, help: &ProcedureHelp, current: Option<Section>) -> Vec<HelpView> {
    help.sections()
        .iter()
        .map(|s| HelpView {
            anchor: s.section.anchor(),
            title: s.section.title_in(t),
            html: s.html.clone(),
            open: Some(s.section) == current,
        })
        .collect()
}

/// The part of the procedure a complaint is at, whose help the complaint
/// page opens: none once it is closed, nor for a signal (resolved at
/// once; it owes no step).
pub fn current_section(c: &klacht_domain::complaint::Complaint) -> Option<Section> {
    if !c.is_open() {
        None
    } else if c.pending_escalation().is_some() {
        Some(Section::Escalation)
    } else {
        Some(c.next_open_step().map_or(Section::Closing, Section::Step))
    }
}

/// "Ontvangen vandaag, maandag 7 december: melden vandaag, contact
/// uiterlijk woensdag 9 december, …".
pub fn example_sentence(terms: &Terms, today: jiff::civil::Date) -> String {
    example_sentence_in(Tr::default(), terms, today)
}

/// As [`example_sentence`], in the words of `t`.
pub fn example_sentence_in(t: Tr, terms: &Terms, today: jiff::civil::Date) -> String {
    let parts: Vec<String> = Step::ALL
        .into_iter()
        .map(|step| {
            let name = t.t(&format!("procedure-example-step-{}", step.as_str()));
            let due = terms.due(step);
            if due == today {
                t.t1("procedure-example-today", "step", name)
            } else {
                t.t2(
                    "procedure-example-due",
                    "step",
                    name,
                    "date",
                    day_and_month(t, due),
                )
            }
        })
        .collect();
    t.t2(
        "procedure-example",
        "today",
        day_and_month(t, today),
        "terms",
        parts.join(", "),
    )
}

struct TermRow {
    title: String,
    rule: String,
    date: String,
    anchor: &'static str,
}

struct RolePart {
    role: String,
    part: String,
    mine: bool,
}

/// Each role's part in the procedure, as the regulation divides it, in
/// Dutch.
#[cfg(test)]
fn role_parts(mine: Role) -> Vec<RolePart> {
    role_parts_in(Tr::default(), mine)
}

/// Each role's part in the procedure, as the regulation divides it.
fn role_parts_in(t: Tr, mine: Role) -> Vec<RolePart> {
    [
        Role::Employee,
        Role::Manager,
        Role::Director,
        Role::QualityManager,
        Role::Admin,
    ]
    .into_iter()
    .map(|role| RolePart {
        role: t.t(&format!("procedure-role-{}", role.as_str())),
        part: t.t(&format!("procedure-role-{}-part", role.as_str())),
        mine: role == mine,
    })
    .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "procedure/page.html")]
struct HowPage {
    ctx: Ctx,
    svg: String,
    example: String,
    terms: Vec<TermRow>,
    roles: Vec<RolePart>,
    help: Vec<HelpView>,
    tour: tour::Tour,
    /// The tour partial's dismiss form is for the start page only.
    dismissable: bool,
}

#[tracing::instrument(skip_all)]
async fn page<S: Store>(State(state): State<AppState<S>>, ctx: Ctx) -> Result<HowPage, WebError> {
    let t = ctx.t;
    let now = state.now();
    let calendar = state.calendar().await?;
    let today = calendar.local_date(now);
    let terms = Terms::compute(now, &calendar);
    Ok(HowPage {
        svg: diagram::svg_in(t, &terms),
        example: example_sentence_in(t, &terms, today),
        terms: Step::ALL
            .into_iter()
            .map(|step| TermRow {
                title: Section::Step(step).title_in(t),
                rule: t.t(&format!("procedure-rule-{}", step.as_str())),
                date: t.long_date(terms.due(step)),
                anchor: Section::Step(step).anchor(),
            })
            .collect(),
        roles: role_parts_in(t, ctx.user.role),
        help: help_views_in(t, state.public.help_in(t.language()), None),
        tour: tour::in_language(ctx.user.role, t),
        dismissable: false,
        ctx,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use klacht_domain::calendar::WorkingCalendar;

    #[test]
    fn the_example_names_every_term_from_today() {
        let cal = WorkingCalendar::netherlands_default();
        let received: jiff::Timestamp = "2026-12-07T09:00:00Z".parse().expect("instant");
        let terms = Terms::compute(received, &cal);
        assert_eq!(
            example_sentence(&terms, date(2026, 12, 7)),
            "Ontvangen vandaag, maandag 7 december: melden vandaag, contact uiterlijk \
             woensdag 9 december, besluit en aanbod uiterlijk maandag 21 december, \
             vastleggen uiterlijk maandag 28 december."
        );
        // On a Sunday the report is due on Monday.
        let sunday: jiff::Timestamp = "2026-12-06T09:00:00Z".parse().expect("instant");
        let terms = Terms::compute(sunday, &cal);
        assert!(example_sentence(&terms, date(2026, 12, 6)).starts_with(
            "Ontvangen vandaag, zondag 6 december: melden uiterlijk maandag 7 december,"
        ));
    }

    #[test]
    fn every_role_has_its_part_and_one_is_mine() {
        for role in Role::ALL {
            let parts = role_parts(role);
            assert_eq!(parts.iter().filter(|p| p.mine).count(), 1, "{role:?}");
        }
    }
}
