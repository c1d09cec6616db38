//! Klachtenformulier v02: the whole complaint form (DESIGN §5) as a
//! printable A4 page, the way a Dutch office files it. The page renders
//! the same [`FormData`] as the PDF, so the two never say different things;
//! for a reader of another language the page words that data in their
//! language (the filed PDF stays the office's Dutch record).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use klacht_app::complaints::term_lines;
use klacht_app::documents::{self, FormCopy, FormData};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Channel, Complaint, ContactMode, Kind, Merit, OfferKind};
use klacht_domain::{Labelled, Language};
use klacht_i18n::Tr;
use klacht_store::Store;

use super::view::party_name;
use super::{Directory, load_visible, local_time, resolve};
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

/// Rewords what [`FormData`] says in Dutch for a reader of `t`'s
/// language: the names of values, the dates, and the form's own lines.
/// Names, free text and the "who, when" stamps stay as recorded.
fn reword(d: &mut FormData, c: &Complaint, calendar: &WorkingCalendar, dir: &Directory, t: Tr) {
    let tz = calendar.time_zone();
    let date = |day| t.date(day);
    d.status = t.label(c.status());
    if let Some(r) = c.reopening() {
        d.round = t.with_args(
            "complaint-sheet-round",
            &[
                ("number", c.round().to_string()),
                ("on", date(calendar.local_date(r.at))),
                ("kind", t.label(r.value.kind)),
                ("reason", r.value.reason.clone()),
            ],
        );
    }
    if c.received_by().is_none() {
        d.received_by = t.t("complaint-sheet-via-the-website");
    }
    if let (Some(x), Some(s)) = (d.contact.as_mut(), c.contact()) {
        x.date = date(s.value.date);
    }
    if let (Some(x), Some(s)) = (d.offer.as_mut(), c.offer()) {
        x.value = s.value.value_cents.map(|v| t.euro(v)).unwrap_or_default();
        x.made_on = date(s.value.made_on);
    }
    if let (Some(x), Some(s)) = (d.response.as_mut(), c.response()) {
        x.accepted = t.t(match s.value.accepted {
            Some(true) => "complaint-sheet-accepted",
            Some(false) => "complaint-sheet-rejected",
            None => "complaint-not-known",
        });
    }
    if let (Some(x), Some(s)) = (d.satisfaction_check.as_mut(), c.satisfaction_report()) {
        x.on = date(calendar.local_date(s.at));
    }
    for (x, item) in d.actions.iter_mut().zip(c.actions()) {
        x.due = item.agreed.value.due.map(date).unwrap_or_default();
        x.completed = match &item.completed {
            Some(s) => {
                let mut line = t.t1(
                    "complaint-sheet-action-completed",
                    "at",
                    local_time(s.at, tz),
                );
                if let Some(note) = &s.value.note {
                    line.push_str(" — ");
                    line.push_str(note);
                }
                line
            }
            None => t.t("complaint-sheet-action-open"),
        };
    }
    if let Some(s) = c.form_sent() {
        let by = match s.by.user() {
            Some(id) => dir.name(id),
            None => t.t("complaint-actor-system"),
        };
        d.form_sent = t.t2(
            "complaint-sheet-sent-by",
            "by",
            by,
            "at",
            local_time(s.at, tz),
        );
    }
    for (x, w) in d.waivers.iter_mut().zip(c.waivers()) {
        x.step = t.label(w.value.step);
    }
    for (x, e) in d.escalations.iter_mut().zip(c.escalations()) {
        x.party = party_name(&e.escalation.value.party, t);
        x.on = date(e.escalation.value.on);
        if let Some(o) = &e.outcome {
            x.outcome = t.with_args(
                "complaint-sheet-outcome-line",
                &[
                    ("outcome", o.value.outcome.clone()),
                    ("on", date(o.value.on)),
                    (
                        "resolved",
                        t.t(if o.value.resolved {
                            "complaint-event-resolved"
                        } else {
                            "complaint-event-not-resolved"
                        }),
                    ),
                ],
            );
        }
    }
}

/// The terms as the reader's language words them, counted to `today`
/// as the form counts them.
fn reword_terms(
    d: &mut FormData,
    c: &Complaint,
    calendar: &WorkingCalendar,
    today: jiff::civil::Date,
    t: Tr,
) {
    d.terms = term_lines(c, calendar, today)
        .iter()
        .map(|l| {
            let status = t.label(l.status);
            klacht_app::documents::form::TermData {
                step: t.label(l.step),
                due: t.date(l.due),
                done_on: l.done_on.map(|x| t.date(x)).unwrap_or_default(),
                status: if l.waived {
                    t.t1("complaint-term-waived", "status", status)
                } else {
                    status
                },
            }
        })
        .collect();
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
    let mut d = documents::form_data(
        &state.store,
        &state.letterhead,
        &calendar,
        &c,
        &history,
        copy,
    )
    .await?;
    let t = ctx.t;
    if t.language() != Language::Nl {
        let dir = Directory::load(&state.store).await?;
        reword(&mut d, &c, &calendar, &dir, t);
        reword_terms(&mut d, &c, &calendar, calendar.local_date(now), t);
        d.copy = t.t2(
            "complaint-sheet-printed",
            "at",
            local_time(now, calendar.time_zone()),
            "by",
            ctx.user.name.as_str(),
        );
    }
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
