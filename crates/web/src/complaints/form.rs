//! Klachtenformulier v02: the whole complaint form (DESIGN §5) as a
//! printable A4 page, the way a Dutch office files it. The page renders
//! the same [`FormData`] as the PDF, in the reader's words, so the two
//! never say different things (the filed PDF stays the office's Dutch
//! record).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use klacht_app::documents::{self, FormCopy, FormData};
use klacht_domain::Labelled;
use klacht_domain::complaint::{Channel, ContactMode, Kind, Merit, OfferKind};
use klacht_i18n::Tr;
use klacht_store::Store;

use super::{load_visible, resolve};
use crate::session::Ctx;
use crate::{AppState, WebError};

/// One printed choice box: ticked, and its name.
type Tick = (bool, String);

#[derive(Template, WebTemplate)]
#[template(path = "complaints/form.html")]
pub(super) struct FormPage {
    t: Tr,
    /// For the way back to the complaint.
    id: String,
    d: FormData,
    /// The choice boxes in the reader's language.
    kind: Vec<Tick>,
    channel: Vec<Tick>,
    contact_mode: Vec<Tick>,
    merit: Vec<Tick>,
    offer_kind: Vec<Tick>,
    /// Related complaints (issue 16), as the viewer may see them; the
    /// filed PDF leaves them out, since its readers are not known here.
    related: Vec<super::links::RelatedRow>,
    hidden_related: usize,
}

fn ticks<T: Labelled + PartialEq>(all: &[T], chosen: Option<T>, t: Tr) -> Vec<Tick> {
    all.iter()
        .map(|x| (chosen == Some(*x), t.label(*x)))
        .collect()
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = resolve(&state.store, &id).await?;
    let (c, history) = load_visible(&state.store, id, &ctx.user).await?;
    let calendar = state.calendar().await?;
    let now: Timestamp = state.now();
    let copy = FormCopy::Printed {
        by: ctx.user.name.clone(),
        at: now,
    };
    let t = ctx.t;
    let d = documents::form_data_in(
        &state.store,
        &state.letterhead,
        &calendar,
        &c,
        &history,
        copy,
        t,
    )
    .await?;
    let (related, hidden_related) = super::links::rows(&state.store, &ctx.user, &c, t).await?;
    Ok(FormPage {
        t,
        id: id.to_string(),
        kind: ticks(&[Kind::Complaint, Kind::Signal], Some(c.kind()), t),
        channel: ticks(Channel::ALL, Some(c.channel()), t),
        contact_mode: ticks(ContactMode::ALL, c.contact().map(|s| s.value.mode), t),
        merit: ticks(Merit::ALL, c.merit().map(|s| s.value.merit), t),
        offer_kind: ticks(OfferKind::ALL, c.offer().map(|s| s.value.kind), t),
        d,
        related,
        hidden_related,
    }
    .into_response())
}
