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
use klacht_domain::dutch::day_and_month;
use klacht_domain::terms::{Step, Terms};
use klacht_store::Store;

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
    pub title: &'static str,
    /// Safe HTML from the regulation file.
    pub html: String,
    /// Opened at first: the part of the procedure that is next.
    pub open: bool,
}

/// The help of every section, `current` opened.
pub fn help_views(help: &ProcedureHelp, current: Option<Section>) -> Vec<HelpView> {
    help.sections()
        .iter()
        .map(|s| HelpView {
            anchor: s.section.anchor(),
            title: s.section.title(),
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
    let name = |step| match step {
        Step::Report => "melden",
        Step::Contact => "contact",
        Step::Offer => "besluit en aanbod",
        Step::Record => "vastleggen",
    };
    let parts: Vec<String> = Step::ALL
        .into_iter()
        .map(|step| {
            let due = terms.due(step);
            if due == today {
                format!("{} vandaag", name(step))
            } else {
                format!("{} uiterlijk {}", name(step), day_and_month(due))
            }
        })
        .collect();
    format!(
        "Ontvangen vandaag, {}: {}.",
        day_and_month(today),
        parts.join(", ")
    )
}

struct TermRow {
    title: &'static str,
    rule: &'static str,
    date: String,
    anchor: &'static str,
}

struct RolePart {
    role: &'static str,
    part: &'static str,
    mine: bool,
}

/// Each role's part in the procedure, as the regulation divides it.
fn role_parts(mine: Role) -> Vec<RolePart> {
    let parts: [(&[Role], &str, &str); 5] = [
        (
            &[Role::Employee],
            "Medewerker",
            "Neemt klachten aan, schriftelijk of mondeling, en legt ze dezelfde dag vast met Nieuwe melding; daarmee is de klacht gemeld bij de direct leidinggevende. Voert afgesproken acties uit die op zijn of haar naam staan.",
        ),
        (
            &[Role::Manager],
            "Leidinggevende en afhandelaar",
            "De leidinggevende is verantwoordelijk voor de klacht en wijst een afhandelaar aan: zichzelf of een collega, nooit de medewerker over wie de klacht gaat. De afhandelaar neemt contact op met de klager (stap 2), beoordeelt de klacht en doet het aanbod (stap 3) en legt alles vast op het klachtenformulier (stap 4).",
        ),
        (
            &[Role::Director],
            "Directeur",
            "Is eindverantwoordelijk voor een goede afhandeling van iedere klacht. Geeft advies als een afhandelaar daarom vraagt en kan een externe partij inschakelen.",
        ),
        (
            &[Role::QualityManager],
            "Kwaliteitsmanager",
            "Kan de leidinggevende bijstaan. Ontvangt het klachtenformulier, sluit de klacht af en bewaart haar in het klachtendossier; ziet structurele patronen en zet verbeteracties uit.",
        ),
        (
            &[Role::Admin],
            "Beheerder",
            "Handelt geen klachten af, maar beheert gebruikers, teams, lijsten en de kalender die de termijnen bepaalt.",
        ),
    ];
    parts
        .into_iter()
        .map(|(roles, role, part)| RolePart {
            role,
            part,
            mine: roles.contains(&mine),
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
    let now = state.now();
    let calendar = state.calendar().await?;
    let today = calendar.local_date(now);
    let terms = Terms::compute(now, &calendar);
    Ok(HowPage {
        svg: diagram::svg(&terms),
        example: example_sentence(&terms, today),
        terms: Step::ALL
            .into_iter()
            .map(|step| TermRow {
                title: Section::Step(step).title(),
                rule: step.rule(),
                date: klacht_domain::dutch::long_date(terms.due(step)),
                anchor: Section::Step(step).anchor(),
            })
            .collect(),
        roles: role_parts(ctx.user.role),
        help: help_views(&state.public.help, None),
        tour: tour::of(ctx.user.role),
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
