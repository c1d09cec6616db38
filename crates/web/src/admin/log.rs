//! Beheer > Logboek: every change the administrator made, newest first,
//! with keyset pagination.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use klacht_i18n::Tr;
use klacht_store::{AuditCursor, Store};
use serde::Deserialize;

use super::{Section, admin_ctx, sections};
use crate::error::url_escape;
use crate::session::Ctx;
use crate::{AppState, WebError};

const PAGE_SIZE: u32 = 50;

struct Line {
    at: String,
    actor: String,
    kind: String,
    subject: String,
    details: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/log.html")]
pub(super) struct LogPage {
    ctx: Ctx,
    sections: Vec<Section>,
    lines: Vec<Line>,
    paged: bool,
    next_link: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct LogQuery {
    na: String,
}

/// The name of a kind of change in the page's language (`user.created`:
/// `admin-log-kind-user-created`); an unknown kind as it is.
fn kind_label(t: Tr, kind: &str) -> String {
    t.lookup(&format!("admin-log-kind-{}", kind.replace(['.', '_'], "-")))
        .unwrap_or_else(|| kind.to_owned())
}

#[cfg(test)]
fn dutch_kind_label(kind: &str) -> String {
    let label = match kind {
        "user.created" => "gebruiker aangemaakt",
        "user.updated" => "gebruiker gewijzigd",
        "user.deactivated" => "gebruiker gedeactiveerd",
        "user.reactivated" => "gebruiker geactiveerd",
        "category.added" => "categorie toegevoegd",
        "category.renamed" => "categorie hernoemd",
        "category.deactivated" => "categorie vervallen",
        "category.activated" => "categorie in gebruik",
        "cause.added" => "oorzaak toegevoegd",
        "cause.renamed" => "oorzaak hernoemd",
        "cause.deactivated" => "oorzaak vervallen",
        "cause.activated" => "oorzaak in gebruik",
        "calendar.options" => "kalenderopties",
        "calendar.closing_day_added" => "sluitingsdag toegevoegd",
        "calendar.closing_day_removed" => "sluitingsdag verwijderd",
        "calendar_feed.created" => "agenda-abonnement aangemaakt",
        "calendar_feed.reset" => "agenda-adres vernieuwd",
        "calendar_feed.removed" => "agenda-abonnement opgeheven",
        "outbox.requeued" => "bericht opnieuw aangeboden",
        "outbox.requeued_all" => "alle mislukte berichten opnieuw aangeboden",
        "view.saved" => "weergave opgeslagen",
        "view.deleted" => "weergave verwijderd",
        other => other,
    };
    label.to_string()
}

pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<LogQuery>,
) -> Result<LogPage, WebError> {
    let ctx = admin_ctx(ctx)?;
    let t = ctx.t;
    let after = AuditCursor::decode(q.na.trim());
    let page = state.store.admin_log(after, PAGE_SIZE).await?;
    let tz = state.config_calendar.time_zone().clone();
    Ok(LogPage {
        ctx,
        sections: sections(t, "/beheer/logboek"),
        lines: page
            .items
            .into_iter()
            .map(|e| Line {
                at: e
                    .at
                    .to_zoned(tz.clone())
                    .strftime(match t.language() {
                        klacht_i18n::Language::Nl => "%d-%m-%Y %H:%M:%S",
                        _ => "%-d %b %Y %H:%M:%S",
                    })
                    .to_string(),
                actor: e.actor_name,
                kind: kind_label(t, &e.kind),
                subject: e.subject,
                details: e.details,
            })
            .collect(),
        paged: after.is_some(),
        next_link: page
            .next
            .map(|c| format!("/beheer/logboek?na={}", url_escape(&c.encode()))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Dutch names moved to the Fluent files unchanged.
    #[test]
    fn kinds_read_as_before() {
        let nl = Tr::new(klacht_i18n::Language::Nl);
        for kind in [
            "user.created",
            "user.updated",
            "user.deactivated",
            "user.reactivated",
            "category.added",
            "category.renamed",
            "category.deactivated",
            "category.activated",
            "cause.added",
            "cause.renamed",
            "cause.deactivated",
            "cause.activated",
            "calendar.options",
            "calendar.closing_day_added",
            "calendar.closing_day_removed",
            "calendar_feed.created",
            "calendar_feed.reset",
            "calendar_feed.removed",
            "outbox.requeued",
            "outbox.requeued_all",
            "view.saved",
            "view.deleted",
            "something.else",
        ] {
            assert_eq!(kind_label(nl, kind), dutch_kind_label(kind), "{kind}");
        }
    }
}
