//! The complaint endpoints. Each handler parses its input into domain
//! types once, calls the use cases in `klacht_app::complaints` and renders.
//!
//! Who sees what is the pages' rule: the quality manager and the director
//! see every complaint, managers and employees those they take part in, the
//! administrator none (403). A complaint the caller may not see answers
//! 404, whether it exists or not.

use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use klacht_app::complaints;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Command, Kind};
use klacht_domain::permissions::can_view;
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Role, User};
use klacht_store::{ComplaintFilter, Cursor, Store};
use serde::Deserialize;

use super::attachments;
use super::auth::ApiUser;
use super::dto::{self, Check};
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, from_json_bytes};
use super::view::{self, ComplaintView, Created, Deadlines, ListItem, ListPage, People};
use crate::AppState;
use crate::error::Words;

/// Rows per page unless `limit` says otherwise, and the most it may say.
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 200;

pub(super) fn deny_admin(user: &User) -> Result<(), ApiError> {
    if user.role == Role::Admin {
        return Err(
            crate::WebError::forbidden(klacht_domain::RefusalCode::AdminSeesNoComplaints).into(),
        );
    }
    Ok(())
}

/// A complaint named in a path by its id or its reference (`K-2026-0042`).
pub(super) async fn resolve<S: Store>(store: &S, raw: &str) -> Result<ComplaintId, ApiError> {
    if let Ok(id) = raw.parse::<ComplaintId>() {
        return Ok(id);
    }
    let reference = ReferenceNumber::parse(raw).map_err(|_| ApiError::not_found())?;
    store
        .complaint_id_by_reference(reference)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// The whole complaint as `viewer` may see it.
pub(super) async fn render<S: Store>(
    state: &AppState<S>,
    calendar: &WorkingCalendar,
    viewer: &User,
    id: ComplaintId,
) -> Result<Response, ApiError> {
    let (c, history) = complaints::load_with_history(&state.store, id).await?;
    if !can_view(viewer, &c) {
        return Err(ApiError::not_found());
    }
    let people = People::load(&state.store, view::people_of(&c, &history)).await?;
    let today = calendar.local_date(state.now());
    let terms = complaints::term_lines(&c, calendar, today);
    let related = klacht_app::links::related_for(&state.store, viewer, &c).await?;
    let others = klacht_app::links::visible_others(&state.store, viewer, &history).await?;
    let round_terms: Vec<_> = c
        .sealed_rounds()
        .iter()
        .map(|r| klacht_app::reopening::round_term_lines(&c, r, calendar, today))
        .collect();
    Ok(Json(ComplaintView::new(
        &c,
        &history,
        viewer,
        &people,
        (&terms, &round_terms),
        view::Links {
            related,
            others: &others,
        },
    ))
    .into_response())
}

/// Does `cmd` at the version the client saw, then answers the updated
/// complaint. `field` is the body field a refusal of the input concerns.
async fn perform<S: Store>(
    state: &AppState<S>,
    user: &User,
    raw_id: &str,
    cmd: Command,
    expected_version: Option<u64>,
    field: Option<&str>,
) -> Result<Response, ApiError> {
    perform_all(state, user, raw_id, vec![cmd], expected_version, field).await
}

/// As [`perform`], for commands that belong together: all are written in
/// one transaction, or none.
async fn perform_all<S: Store>(
    state: &AppState<S>,
    user: &User,
    raw_id: &str,
    cmds: Vec<Command>,
    expected_version: Option<u64>,
    field: Option<&str>,
) -> Result<Response, ApiError> {
    let id = resolve(&state.store, raw_id).await?;
    let calendar = state.calendar().await?;
    complaints::act_all(
        &state.change_context(&calendar),
        id,
        user,
        cmds,
        expected_version,
    )
    .await
    .map_err(|e| match field {
        Some(f) => ApiError::from(e).on_field(f),
        None => ApiError::from(e),
    })?;
    render(state, &calendar, user, id).await
}

/// `POST /complaints/{id}/phone-call`: the contact of one call, and the
/// merit and offer when settled in it, as separate events in one
/// transaction (issue 15).
pub async fn phone_call<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<dto::PhoneCallBody>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    let expected = b.expected_version;
    let cmds = b.parse()?;
    perform_all(&state, &user, &id, cmds, expected, None).await
}

/// `POST /complaints`: the body as JSON, or as `multipart/form-data` with
/// the same JSON in a part `complaint` and files in parts `files`.
pub async fn create<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    req: Request,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    // In a multipart body the JSON is the part `complaint`: its fields are
    // named under it.
    let multipart = attachments::is_multipart(&req);
    let (body, uploads) = if multipart {
        let received = attachments::read_multipart(req, &state).await?;
        let json = received.text("complaint").ok_or_else(|| {
            ApiError::field_said("complaint", Words::key("api-multipart-complaint"))
        })?;
        let body: dto::NewComplaintBody =
            from_json_bytes(json.as_bytes()).map_err(|e| e.under("complaint"))?;
        (body, received.uploads)
    } else {
        let ApiJson(body) = ApiJson::from_request(req, &state).await?;
        (body, Vec::new())
    };
    let calendar = state.calendar().await?;
    let now = state.now();
    let new = body
        .parse(&state.store, &calendar, now)
        .await
        .map_err(|e| if multipart { e.under("complaint") } else { e });
    let files = klacht_app::public::attachments::accept(uploads).map_err(attachments::file_problem);
    let ((new, language), files) = (new?, files?);
    let c = complaints::register_with_files_in(
        &state.store,
        &calendar,
        &state.notifier,
        &user,
        new,
        files,
        now,
        language,
    )
    .await?;
    let deadlines = (c.kind() == Kind::Complaint).then(|| Deadlines::from(&c.terms(&calendar)));
    let created = Created {
        id: c.id().to_string(),
        reference: c.reference().to_string(),
        status: c.status().as_str(),
        deadlines,
    };
    let location = format!("{}/complaints/{}", super::PREFIX, c.id());
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(created),
    )
        .into_response())
}

/// The query of `GET /complaints`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    status: Option<String>,
    kind: Option<String>,
    /// E-mail address of the handler.
    handler: Option<String>,
    q: Option<String>,
    received_from: Option<String>,
    received_before: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

impl ListParams {
    async fn filter<S: Store>(
        self,
        store: &S,
        tz: &jiff::tz::TimeZone,
        visible_to: Option<klacht_domain::UserId>,
    ) -> Result<ComplaintFilter, ApiError> {
        let mut c = Check::default();
        let status = c.optional::<klacht_domain::complaint::Status>("status", self.status);
        let kind = c.optional::<Kind>("kind", self.kind);
        let handler = c.optional::<Email>("handler", self.handler);
        let mut day_start = |field: &str, value: Option<String>| {
            c.optional_date(field, value).map(|d| {
                d.and_then(|d| d.to_zoned(tz.clone()).ok())
                    .map(|z| z.timestamp())
            })
        };
        let received_from = day_start("received_from", self.received_from);
        let received_before = day_start("received_before", self.received_before);
        let limit = match self.limit.as_deref().map(str::trim) {
            None | Some("") => Some(DEFAULT_LIMIT),
            Some(l) => match l.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => Some(n),
                _ => {
                    c.say(
                        "limit",
                        Words::key1("api-limit", "max", MAX_LIMIT.to_string()),
                    );
                    None
                }
            },
        };
        let after = match self.cursor.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(s) => match Cursor::decode(s) {
                Some(cursor) => Some(Some(cursor)),
                None => {
                    c.say("cursor", Words::key("api-cursor-invalid"));
                    None
                }
            },
        };
        c.finish()?;
        let (
            Some(status),
            Some(kind),
            Some(handler),
            Some(received_from),
            Some(received_before),
            Some(limit),
            Some(after),
        ) = (
            status,
            kind,
            handler,
            received_from,
            received_before,
            limit,
            after,
        )
        else {
            return Err(ApiError::field_said(
                "query",
                crate::error::Words::key("api-query-incomplete"),
            ));
        };
        let handler = match handler {
            None => None,
            Some(email) => match store.user_by_email(&email).await? {
                Some(r) => Some(r.user.id),
                None => {
                    return Err(ApiError::field_said(
                        "handler",
                        crate::error::Words::key1("api-user-unknown", "email", email),
                    ));
                }
            },
        };
        Ok(ComplaintFilter {
            visible_to,
            status: status.map(|s| s.as_str().to_owned()),
            kind: kind.map(|k| k.as_str().to_owned()),
            handler,
            text: self.q.filter(|q| !q.trim().is_empty()),
            received_from,
            received_before,
            after,
            limit,
            ..ComplaintFilter::default()
        })
    }
}

/// `GET /complaints`: newest receipt first, keyset-paginated.
pub async fn list<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<ListPage>, ApiError> {
    let visible_to = match user.role {
        Role::Admin => {
            deny_admin(&user)?;
            None
        }
        Role::QualityManager | Role::Director => None,
        Role::Manager | Role::Employee => Some(user.id),
    };
    // The zone only: a list computes no terms.
    let tz = state.config_calendar.time_zone();
    let filter = params.filter(&state.store, tz, visible_to).await?;
    let page = state.store.list_complaints(&filter).await?;
    let people = People::load(&state.store, ListItem::people_of(&page.items)).await?;
    Ok(Json(ListPage {
        next_cursor: page.next.map(|c| c.encode()),
        items: page
            .items
            .into_iter()
            .map(|row| ListItem::new(row, &people, tz))
            .collect(),
    }))
}

/// `GET /complaints/{id}`
pub async fn show<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    let id = resolve(&state.store, &id).await?;
    let calendar = state.calendar().await?;
    render(&state, &calendar, &user, id).await
}

/// Declares an action endpoint: `POST /complaints/{id}/<action>` with a
/// body type and how it becomes a command.
macro_rules! action {
    ($(#[$doc:meta])* $name:ident, $body:ty, $field:expr, |$state:ident, $b:ident| $cmd:expr) => {
        $(#[$doc])*
        pub async fn $name<S: Store>(
            State($state): State<AppState<S>>,
            ApiUser(user): ApiUser,
            ApiPath(id): ApiPath<String>,
            ApiJson($b): ApiJson<$body>,
        ) -> Result<Response, ApiError> {
            deny_admin(&user)?;
            let expected = $b.expected_version;
            let cmd: Command = $cmd;
            perform(&$state, &user, &id, cmd, expected, $field).await
        }
    };
}

action!(
    /// `POST /complaints/{id}/handler`
    assign_handler, dto::HandlerBody, Some("handler"), |state, b| Command::AssignHandler {
        handler: dto::person(&state.store, "handler", b.handler).await?,
    }
);

action!(
    /// `POST /complaints/{id}/assistants`
    add_assistant, dto::AssistantBody, Some("assistant"), |state, b| Command::AddAssistant {
        assistant: dto::person(&state.store, "assistant", b.assistant).await?,
    }
);

action!(
    /// `POST /complaints/{id}/route`
    route, dto::RouteBody, Some("manager"), |state, b| Command::RouteToManager {
        manager: dto::person(&state.store, "manager", b.manager).await?,
    }
);

action!(
    /// `POST /complaints/{id}/contact`
    contact, dto::ContactBody, None, |state, b| Command::RecordContact(b.parse()?)
);

action!(
    /// `POST /complaints/{id}/merit`
    merit, dto::MeritBody, None, |state, b| Command::DecideMerit(b.parse()?)
);

action!(
    /// `POST /complaints/{id}/offer`
    offer, dto::OfferBody, None, |state, b| Command::MakeOffer(b.parse()?)
);

action!(
    /// `POST /complaints/{id}/consultations`
    consult_director, dto::ConsultationBody, None, |state, b| {
        let director = dto::person(&state.store, "director", b.director).await?;
        let mut c = Check::default();
        match c.text("question", b.question) {
            Some(question) => Command::ConsultDirector { director, question },
            None => return Err(c.incomplete()),
        }
    }
);

/// `POST /complaints/{id}/consultations/{n}/advice`
pub async fn give_advice<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath((id, number)): ApiPath<(String, String)>,
    ApiJson(b): ApiJson<dto::AdviceBody>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    let number: u32 = number.parse().map_err(|_| ApiError::not_found())?;
    let expected = b.expected_version;
    let cmd = Command::GiveAdvice(b.parse(number)?);
    perform(&state, &user, &id, cmd, expected, None).await
}

action!(
    /// `POST /complaints/{id}/response`
    response, dto::ResponseBody, None, |state, b| Command::RecordResponse(b.parse()?)
);

action!(
    /// `POST /complaints/{id}/actions`
    agree_action, dto::ActionBody, None, |state, b| {
        let mut c = Check::default();
        let description = c.text("description", b.description);
        let due = c.optional_date("due", b.due);
        c.finish()?;
        let owner = match b.owner.filter(|o| !o.trim().is_empty()) {
            None => None,
            Some(o) => Some(dto::person(&state.store, "owner", Some(o)).await?.id),
        };
        match (description, due) {
            (Some(description), Some(due)) => Command::AgreeAction {
                description,
                due,
                owner,
            },
            _ => {
                return Err(ApiError::field_said(
                    "body",
                    crate::error::Words::key("api-incomplete"),
                ));
            }
        }
    }
);

/// `POST /complaints/{id}/actions/{n}/complete`
pub async fn complete_action<S: Store>(
    State(state): State<AppState<S>>,
    ApiUser(user): ApiUser,
    ApiPath((id, number)): ApiPath<(String, String)>,
    ApiJson(b): ApiJson<dto::CompleteActionBody>,
) -> Result<Response, ApiError> {
    deny_admin(&user)?;
    let number: u32 = number.parse().map_err(|_| ApiError::not_found())?;
    let expected = b.expected_version;
    let cmd = Command::CompleteAction(b.parse(number));
    perform(&state, &user, &id, cmd, expected, None).await
}

action!(
    /// `POST /complaints/{id}/form-sent`
    send_form, dto::VersionBody, None, |state, b| Command::SendForm
);

action!(
    /// `POST /complaints/{id}/waivers`
    waive, dto::WaiverBody, None, |state, b| Command::WaiveStep(b.parse()?)
);

action!(
    /// `POST /complaints/{id}/escalation`
    escalate, dto::EscalationBody, None, |state, b| Command::Escalate(b.parse()?)
);

action!(
    /// `POST /complaints/{id}/escalation/outcome`
    escalation_outcome, dto::OutcomeBody, None, |state, b| {
        Command::RecordEscalationOutcome(b.parse()?)
    }
);

action!(
    /// `POST /complaints/{id}/close`
    close, dto::CloseBody, None, |state, b| Command::Close(b.parse())
);

action!(
    /// `POST /complaints/{id}/exact-registration`
    register_in_exact, dto::ExactBody, Some("exact_id"), |state, b| {
        Command::RegisterInExact(b.parse()?)
    }
);

action!(
    /// `POST /complaints/{id}/convert`
    convert, dto::ConvertBody, None, |state, b| Command::ConvertToComplaint(b.parse()?)
);

action!(
    /// `POST /complaints/{id}/classification`
    classify, dto::ClassifyBody, None, |state, b| Command::Classify(b.parse())
);

action!(
    /// `POST /complaints/{id}/reopen` (issue 16)
    reopen, dto::ReopenBody, None, |state, b| Command::Reopen(b.parse()?)
);

action!(
    /// `POST /complaints/{id}/corrections`
    correct, dto::CorrectionBody, None, |state, b| {
        let (of, replacement, reason) = b.parse()?;
        Command::Correct {
            of,
            replacement,
            reason,
        }
    }
);
