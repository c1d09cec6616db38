//! Het klachtendossier: the filed complaints per year, with search and
//! keyset pages, each with its frozen PDF form, its JSON record and their
//! SHA-256 digests (quality manager and director; others 403). Also the
//! PDF documents of a complaint (`documents.rs`) and the filing right
//! after a complaint is closed.

mod documents;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::Timestamp;
use klacht_domain::{ComplaintId, ReferenceNumber, UserId};
use klacht_store::{DossierCursor, DossierDocument, DossierFilter, DossierRow, Store};
use serde::Deserialize;

pub(crate) use documents::{form_pdf, offer_pdf};

use crate::session::Ctx;
use crate::{AppState, WebError};

/// Filed complaints per page.
const PAGE: u32 = 50;

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/dossier", get(index::<S>))
        .route("/dossier/{id}/formulier.pdf", get(frozen_pdf::<S>))
        .route("/dossier/{id}/dossier.json", get(frozen_record::<S>))
        .route(
            "/dossier/{id}/ronde/{n}/formulier.pdf",
            get(earlier_pdf::<S>),
        )
        .route(
            "/dossier/{id}/ronde/{n}/dossier.json",
            get(earlier_record::<S>),
        )
        .route("/klachten/{id}/formulier.pdf", get(documents::form::<S>))
        .route("/klachten/{id}/aanbod.pdf", get(documents::offer::<S>))
}

/// A complaint named in a URL, by id or by reference (K-2026-0042).
pub(crate) async fn resolve<S: Store>(store: &S, raw: &str) -> Result<ComplaintId, WebError> {
    if let Ok(id) = raw.parse::<ComplaintId>() {
        return Ok(id);
    }
    let reference = ReferenceNumber::parse(raw).map_err(|_| WebError::NotFound)?;
    store
        .complaint_id_by_reference(reference)
        .await?
        .ok_or(WebError::NotFound)
}

fn keeper_only(ctx: &Ctx) -> Result<(), WebError> {
    if ctx.sees_overview() {
        Ok(())
    } else {
        Err(WebError::Forbidden(ctx.t.t("dossier-forbidden")))
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct DossierQuery {
    #[serde(default)]
    jaar: String,
    #[serde(default)]
    zoek: String,
    #[serde(default)]
    na: String,
}

struct Year {
    year: i32,
    count: u64,
    current: bool,
}

struct Line {
    id: String,
    reference: String,
    complainant: String,
    category: String,
    closed: String,
    filed: String,
    filed_by: String,
    events: u64,
    pdf_sha256: String,
    record_sha256: String,
    anonymised: String,
    /// The handling round filed (1 unless reopened).
    round: u32,
    /// The filings of earlier rounds, kept as they were.
    earlier: Vec<EarlierLine>,
}

/// An earlier round's filing of a reopened complaint.
struct EarlierLine {
    round: u32,
    closed: String,
    filed: String,
    events: u64,
    pdf_sha256: String,
    record_sha256: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dossier/index.html")]
struct DossierPage {
    ctx: Ctx,
    years: Vec<Year>,
    /// `None`: a search through every year.
    year: Option<i32>,
    zoek: String,
    lines: Vec<Line>,
    paged: bool,
    first_link: String,
    next_link: Option<String>,
}

fn query_link(year: Option<i32>, zoek: &str, after: Option<&DossierCursor>) -> String {
    let mut pairs = Vec::new();
    if let Some(year) = year {
        pairs.push(("jaar", year.to_string()));
    }
    if !zoek.trim().is_empty() {
        pairs.push(("zoek", zoek.trim().to_owned()));
    }
    if let Some(a) = after {
        pairs.push(("na", a.encode()));
    }
    let query = serde_html_form::to_string(&pairs).unwrap_or_default();
    format!("/dossier?{query}")
}

#[tracing::instrument(skip_all)]
async fn index<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Query(q): Query<DossierQuery>,
) -> Result<DossierPage, WebError> {
    keeper_only(&ctx)?;
    let calendar = &state.config_calendar;
    let t = ctx.t;
    let counted = state.store.dossier_years().await?;
    let this_year = i32::from(calendar.local_date(state.now()).year());
    let searching = !q.zoek.trim().is_empty();
    // A search without a year looks through every year.
    let year = match q
        .jaar
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=9999).contains(y))
    {
        Some(y) => Some(y),
        None if searching => None,
        None => Some(counted.first().map(|(y, _)| *y).unwrap_or(this_year)),
    };
    let after = DossierCursor::decode(q.na.trim());
    let page = state
        .store
        .list_dossier(&DossierFilter {
            year,
            text: Some(q.zoek.clone()).filter(|_| searching),
            after,
            limit: PAGE,
        })
        .await?;
    let ids: Vec<UserId> = page.items.iter().filter_map(|r| r.filed_by).collect();
    let users = state.store.users_by_ids(&ids).await?;
    let name = |id: Option<UserId>| -> String {
        match id {
            Some(id) => users
                .iter()
                .find(|u| u.user.id == id)
                .map(|u| u.user.name.clone())
                .unwrap_or_else(|| t.t("dossier-unknown-user")),
            None => t.t("dossier-system"),
        }
    };
    let local =
        |at: Timestamp| crate::overview::date_minute(t, &at.to_zoned(calendar.time_zone().clone()));
    let mut earlier = std::collections::HashMap::new();
    for r in page.items.iter().filter(|r| r.round > 1) {
        let filings = state.store.earlier_filings(r.complaint_id).await?;
        earlier.insert(r.complaint_id, filings);
    }
    let lines = page
        .items
        .iter()
        .map(|r: &DossierRow| Line {
            round: r.round,
            earlier: earlier
                .get(&r.complaint_id)
                .map(|filings| {
                    filings
                        .iter()
                        .map(|e| EarlierLine {
                            round: e.round,
                            closed: t.date(calendar.local_date(e.closed_at)),
                            filed: local(e.filed_at),
                            events: e.sealed_seq,
                            pdf_sha256: e.pdf_sha256.clone(),
                            record_sha256: e.record_sha256.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            id: r.complaint_id.to_string(),
            reference: r.reference.to_string(),
            complainant: r.complainant_name.clone(),
            category: r.category.clone().unwrap_or_default(),
            closed: t.date(calendar.local_date(r.closed_at)),
            filed: local(r.filed_at),
            filed_by: name(r.filed_by),
            events: r.sealed_seq,
            pdf_sha256: r.pdf_sha256.clone(),
            record_sha256: r.record_sha256.clone(),
            anonymised: r
                .anonymised_at
                .map(|at| t.date(calendar.local_date(at)))
                .unwrap_or_default(),
        })
        .collect();
    let mut years: Vec<Year> = counted
        .iter()
        .map(|(y, n)| Year {
            year: *y,
            count: *n,
            current: Some(*y) == year,
        })
        .collect();
    if let Some(year) = year.filter(|y| !counted.iter().any(|(c, _)| c == y)) {
        years.push(Year {
            year,
            count: 0,
            current: true,
        });
        years.sort_by_key(|y| std::cmp::Reverse(y.year));
    }
    Ok(DossierPage {
        years,
        year,
        lines,
        paged: after.is_some(),
        first_link: query_link(year, &q.zoek, None),
        next_link: page
            .next
            .as_ref()
            .map(|n| query_link(year, &q.zoek, Some(n))),
        zoek: q.zoek,
        ctx,
    })
}

/// A stored document as a download, with its digest in a header.
fn download(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    let digest = HeaderValue::from_str(&klacht_store::sha256_hex(&bytes))
        .unwrap_or_else(|_| HeaderValue::from_static(""));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
            (header::HeaderName::from_static("x-content-sha256"), digest),
        ],
        bytes,
    )
        .into_response()
}

async fn frozen<S: Store>(
    state: &AppState<S>,
    ctx: &Ctx,
    raw: &str,
    which: DossierDocument,
) -> Result<(Vec<u8>, String), WebError> {
    keeper_only(ctx)?;
    let id = resolve(&state.store, raw).await?;
    let entry = state
        .store
        .dossier_entry(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let bytes = state
        .store
        .dossier_document(id, which)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((bytes, entry.reference.to_string()))
}

#[tracing::instrument(skip_all)]
async fn frozen_pdf<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (bytes, reference) = frozen(&state, &ctx, &id, DossierDocument::Pdf).await?;
    Ok(download(
        bytes,
        "application/pdf",
        &format!("klachtenformulier-{reference}-dossier.pdf"),
    ))
}

#[tracing::instrument(skip_all)]
async fn frozen_record<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (bytes, reference) = frozen(&state, &ctx, &id, DossierDocument::Record).await?;
    Ok(download(
        bytes,
        "application/json",
        &format!("dossier-{reference}.json"),
    ))
}

/// A frozen document of an earlier round's filing (reopened complaints).
async fn earlier<S: Store>(
    state: &AppState<S>,
    ctx: &Ctx,
    raw: &str,
    round: &str,
    which: DossierDocument,
) -> Result<(Vec<u8>, String, u32), WebError> {
    keeper_only(ctx)?;
    let id = resolve(&state.store, raw).await?;
    let round: u32 = round.parse().map_err(|_| WebError::NotFound)?;
    let entry = state
        .store
        .dossier_entry(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let bytes = state
        .store
        .earlier_filing_document(id, round, which)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((bytes, entry.reference.to_string(), round))
}

#[tracing::instrument(skip_all)]
async fn earlier_pdf<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (bytes, reference, round) = earlier(&state, &ctx, &id, &n, DossierDocument::Pdf).await?;
    Ok(download(
        bytes,
        "application/pdf",
        &format!("klachtenformulier-{reference}-ronde-{round}-dossier.pdf"),
    ))
}

#[tracing::instrument(skip_all)]
async fn earlier_record<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (bytes, reference, round) = earlier(&state, &ctx, &id, &n, DossierDocument::Record).await?;
    Ok(download(
        bytes,
        "application/json",
        &format!("dossier-{reference}-ronde-{round}.json"),
    ))
}
