//! The start page: what this is, the regulation's terms for a complaint
//! received today, and how much is registered.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use klacht_domain::terms::{Step, Terms};
use klacht_store::Store;

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
    complaints: u64,
    today: String,
    terms: Vec<TermLine>,
}

pub(crate) use klacht_domain::dutch::long_date as dutch_date;

#[tracing::instrument(skip_all)]
async fn start<S: Store>(State(state): State<AppState<S>>) -> Result<StartPage, WebError> {
    let now = state.now();
    let calendar = state.calendar().await?;
    let terms = Terms::compute(now, &calendar);
    let rule = |step| match step {
        Step::Report => "dezelfde dag",
        Step::Contact => "binnen 2 werkdagen",
        Step::Offer => "binnen 2 weken",
        Step::Record => "binnen 3 weken",
    };
    Ok(StartPage {
        organisation: state.organisation.to_string(),
        complaints: state.store.count_complaints().await?,
        today: dutch_date(calendar.local_date(now)),
        terms: Step::ALL
            .into_iter()
            .map(|step| TermLine {
                step: step.label(),
                rule: rule(step),
                date: dutch_date(terms.due(step)),
            })
            .collect(),
    })
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
}
