//! Klachtenformulier v02: the whole complaint form (DESIGN §5) as a
//! printable A4 page, the way a Dutch office files it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use klacht_domain::complaint::{Channel, Complaint, ContactMode, Kind, Merit, OfferKind};
use klacht_store::Store;

use super::view::ComplaintView;
use super::{Directory, load_visible, local_time, resolve};
use crate::session::Ctx;
use crate::{AppState, WebError};

/// One printed choice box: ☒ when chosen, ☐ otherwise.
pub(super) struct Tick {
    pub label: &'static str,
    pub on: bool,
}

fn ticks<T: Copy + PartialEq>(
    all: &[T],
    label: fn(T) -> &'static str,
    chosen: Option<T>,
) -> Vec<Tick> {
    all.iter()
        .map(|x| Tick {
            label: label(*x),
            on: chosen == Some(*x),
        })
        .collect()
}

/// The paper form's choice boxes, filled from the complaint.
pub(super) struct Boxes {
    pub kind: Vec<Tick>,
    pub channel: Vec<Tick>,
    pub mode: Vec<Tick>,
    pub merit: Vec<Tick>,
    pub offer: Vec<Tick>,
}

impl Boxes {
    fn of(c: &Complaint) -> Self {
        Self {
            kind: ticks(
                &[Kind::Complaint, Kind::Signal],
                Kind::label,
                Some(c.kind()),
            ),
            channel: ticks(Channel::ALL, Channel::label, Some(c.channel())),
            mode: ticks(
                ContactMode::ALL,
                ContactMode::label,
                c.contact().map(|s| s.value.mode),
            ),
            merit: ticks(Merit::ALL, Merit::label, c.merit().map(|s| s.value.merit)),
            offer: ticks(
                OfferKind::ALL,
                OfferKind::label,
                c.offer().map(|s| s.value.kind),
            ),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/form.html")]
pub(super) struct FormPage {
    organisation: String,
    v: ComplaintView,
    boxes: Boxes,
    /// When this copy was made, in the footer of every page.
    printed: String,
    printed_by: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = resolve(&state.store, &id).await?;
    let (c, history) = load_visible(&state.store, id, &ctx.user).await?;
    let dir = Directory::load(&state.store).await?;
    let now = state.now();
    let calendar = state.calendar().await?;
    let today = calendar.local_date(now);
    Ok(FormPage {
        organisation: ctx.organisation,
        v: ComplaintView::build(&c, &history, &dir, &calendar, today),
        boxes: Boxes::of(&c),
        printed: local_time(now, calendar.time_zone()),
        printed_by: ctx.user.name,
    }
    .into_response())
}
