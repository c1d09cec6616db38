//! One POST route per action on a complaint. Each parses its form into a
//! domain [`Command`], lets the app act at the version the user saw, and
//! redirects with a message; a refusal re-renders the detail page with
//! the message at that form (403 not allowed, 422 invalid, 409 wrong state
//! or changed meanwhile). A complaint the user may not see is 404.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use klacht_app::complaints::{self, ServiceError};
use klacht_domain::complaint::{
    Advice, Classification, Closing, Command, CompletedAction, Conversion, Escalation,
    EscalationOutcome, Event, ExactRegistration, Reopening, ReopeningKind, WaivableStep, Waiver,
};
use klacht_domain::permissions::{self, Action};
use klacht_domain::{User, UserId};
use klacht_store::Store;

use super::detail::{self, Failure};
use super::fields::{FieldError, Fields, field_error};
use super::{ctx_of, load_visible, resolve};
use crate::session::{CsrfForm, redirect_with_flash};
use crate::{AppState, WebError};
use klacht_i18n::Tr;

use super::view::party_name;

pub(super) fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/klachten/{id}/afhandelaar", post(assign::<S>))
        .route("/klachten/{id}/bijstand", post(assistant::<S>))
        .route("/klachten/{id}/doorsturen", post(route::<S>))
        .route("/klachten/{id}/contact", post(contact::<S>))
        .route("/klachten/{id}/telefoongesprek", post(phone_call::<S>))
        .route("/klachten/{id}/oordeel", post(merit::<S>))
        .route("/klachten/{id}/aanbod", post(offer::<S>))
        .route("/klachten/{id}/reactie", post(response::<S>))
        .route("/klachten/{id}/acties", post(agree_action::<S>))
        .route(
            "/klachten/{id}/acties/{n}/afgerond",
            post(complete_action::<S>),
        )
        .route("/klachten/{id}/formulier-verstuurd", post(send_form::<S>))
        .route("/klachten/{id}/vervallen", post(waive::<S>))
        .route("/klachten/{id}/escalatie", post(escalate::<S>))
        .route("/klachten/{id}/escalatie/uitkomst", post(outcome::<S>))
        .route("/klachten/{id}/afsluiten", post(close::<S>))
        .route("/klachten/{id}/exact", post(exact::<S>))
        .route("/klachten/{id}/omzetten", post(convert::<S>))
        .route("/klachten/{id}/correctie", post(correct::<S>))
        .route("/klachten/{id}/indeling", post(classify::<S>))
        .route("/klachten/{id}/overleg", post(consult::<S>))
        .route("/klachten/{id}/overleg/{n}/advies", post(advise::<S>))
        .route("/klachten/{id}/heropenen", post(reopen::<S>))
}

/// Why a form did not become a command: its input (shown at the form,
/// 422), or a failure of the server while looking something up.
enum Refusal {
    Form(FieldError),
    Web(WebError),
}

impl From<FieldError> for Refusal {
    fn from(e: FieldError) -> Self {
        Refusal::Form(e)
    }
}

impl From<WebError> for Refusal {
    fn from(e: WebError) -> Self {
        Refusal::Web(e)
    }
}

/// A person picked in a form: an active account. `what`: the key of
/// who is picked, "een afhandelaar".
async fn pick_user<S: Store>(
    store: &S,
    f: &Fields,
    name: &'static str,
    what: &str,
    t: Tr,
) -> Result<User, Refusal> {
    let pick = || field_error(name, t.t1("complaint-field-pick", "what", t.t(what)));
    let Ok(id) = f.text(name).trim().parse::<UserId>() else {
        return Err(pick().into());
    };
    match store.user_by_id(id).await.map_err(WebError::from)? {
        Some(u) if u.active => Ok(u.user),
        _ => Err(pick().into()),
    }
}

/// Which action a form is for.
#[derive(Debug, Clone, Copy)]
enum Key {
    Assign,
    Assistant,
    Route,
    Contact,
    /// One phone call: contact, and optionally merit and offer.
    PhoneCall,
    Merit,
    Offer,
    Response,
    AgreeAction,
    CompleteAction(u32),
    SendForm,
    Waive,
    Escalate,
    Outcome,
    Close,
    Exact,
    Convert,
    Correct,
    Classify,
    /// Ask the director for advice.
    Consult,
    /// The director answers question `n`.
    Advise(u32),
    Reopen,
}

impl Key {
    /// The permission the action needs.
    fn action(self) -> Action {
        match self {
            Key::Assign => Action::AssignHandler,
            Key::Assistant => Action::AddAssistant,
            Key::Route => Action::RouteToManager,
            Key::Contact | Key::PhoneCall => Action::RecordContact,
            Key::Merit => Action::DecideMerit,
            Key::Offer => Action::MakeOffer,
            Key::Response => Action::RecordResponse,
            Key::AgreeAction | Key::CompleteAction(_) => Action::ManageActions,
            Key::SendForm => Action::SendForm,
            Key::Waive => Action::WaiveStep,
            Key::Escalate => Action::Escalate,
            Key::Outcome => Action::RecordEscalationOutcome,
            Key::Close => Action::Close,
            Key::Exact => Action::RegisterInExact,
            Key::Convert => Action::ConvertToComplaint,
            Key::Correct => Action::Correct,
            Key::Classify => Action::Classify,
            Key::Consult => Action::ConsultDirector,
            Key::Advise(_) => Action::GiveAdvice,
            Key::Reopen => Action::Reopen,
        }
    }

    /// The form on the detail page where a refusal is shown.
    fn form(self, f: &Fields) -> String {
        match self {
            Key::Assign => "afhandelaar".into(),
            Key::Assistant => "bijstand".into(),
            Key::Route => "doorsturen".into(),
            Key::Contact => "contact".into(),
            Key::PhoneCall => "telefoongesprek".into(),
            Key::Merit => "oordeel".into(),
            Key::Offer => "aanbod".into(),
            Key::Response => "reactie".into(),
            Key::AgreeAction => "acties".into(),
            Key::CompleteAction(n) => format!("actie-{n}"),
            Key::SendForm => "formulier-verstuurd".into(),
            Key::Waive => "vervallen".into(),
            Key::Escalate => "escalatie".into(),
            Key::Outcome => "uitkomst".into(),
            Key::Close => "afsluiten".into(),
            Key::Exact => "exact".into(),
            Key::Convert => "omzetten".into(),
            Key::Classify => "indeling".into(),
            Key::Consult => "directeur-vragen".into(),
            Key::Advise(n) => format!("advies-{n}"),
            Key::Reopen => "heropenen".into(),
            Key::Correct => match f.text("wat") {
                w @ ("contact" | "oordeel" | "aanbod" | "reactie") => format!("correctie-{w}"),
                _ => "correctie".into(),
            },
        }
    }
}

/// The commands a form asks for, in order, and the message shown once
/// they are done.
async fn parse<S: Store>(
    store: &S,
    key: Key,
    f: &Fields,
    t: Tr,
) -> Result<(Vec<Command>, String), Refusal> {
    match key {
        Key::PhoneCall => Ok(phone_call_commands(f, t)?),
        _ => parse_one(store, key, f, t)
            .await
            .map(|(cmd, done)| (vec![cmd], done)),
    }
}

/// One phone call often covers contact, merit and offer (regulation,
/// steps 2 and 3): the contact always, merit and offer when something of
/// them was filled in. Each is the same command as on its own form, so the
/// domain checks them alike; the offer is made in this call, on its date.
fn phone_call_commands(f: &Fields, t: Tr) -> Result<(Vec<Command>, String), FieldError> {
    let filled = |names: &[&str]| names.iter().any(|n| !f.text(n).trim().is_empty());
    let mut cmds = vec![Command::RecordContact(f.contact(t)?)];
    let mut parts = vec![t.t("complaint-done-part-contact")];
    if filled(&["oordeel", "onderbouwing"]) {
        let merit = f.merit(t)?;
        parts.push(t.t1("complaint-done-part-merit", "merit", t.label(merit.merit)));
        cmds.push(Command::DecideMerit(merit));
    }
    if filled(&["soort", "omschrijving", "waarde", "brieftekst"]) {
        cmds.push(Command::MakeOffer(f.offer(t)?));
        parts.push(t.t("complaint-done-part-offer"));
    }
    let done = match parts.as_slice() {
        [one] => t.t1("complaint-done-phone-call", "parts", one.as_str()),
        [first @ .., last] => t.t1(
            "complaint-done-phone-call",
            "parts",
            t.t2(
                "complaint-done-parts",
                "first",
                first.join(", "),
                "last",
                last.as_str(),
            ),
        ),
        [] => t.t("complaint-done-phone-call-empty"),
    };
    Ok((cmds, done))
}

/// The command of a form for one action, and the message shown once it is
/// done.
async fn parse_one<S: Store>(
    store: &S,
    key: Key,
    f: &Fields,
    t: Tr,
) -> Result<(Command, String), Refusal> {
    match key {
        Key::PhoneCall => Err(Refusal::Form(FieldError {
            field: None,
            message: t.t("complaint-field-phone-call"),
        })),
        Key::Assign => {
            let handler = pick_user(store, f, "afhandelaar", "complaint-what-handler", t).await?;
            let done = t.t1("complaint-done-assign", "name", handler.name.as_str());
            Ok((Command::AssignHandler { handler }, done))
        }
        Key::Assistant => {
            let assistant = pick_user(store, f, "bijstand", "complaint-what-assistant", t).await?;
            let done = t.t1("complaint-done-assistant", "name", assistant.name.as_str());
            Ok((Command::AddAssistant { assistant }, done))
        }
        Key::Route => {
            let manager =
                pick_user(store, f, "leidinggevende", "complaint-what-manager", t).await?;
            let done = t.t1("complaint-done-route", "name", manager.name.as_str());
            Ok((Command::RouteToManager { manager }, done))
        }
        Key::Contact => Ok((
            Command::RecordContact(f.contact(t)?),
            t.t("complaint-done-contact"),
        )),
        Key::Merit => {
            let merit = f.merit(t)?;
            let done = t.t1("complaint-done-merit", "merit", t.label(merit.merit));
            Ok((Command::DecideMerit(merit), done))
        }
        Key::Offer => Ok((Command::MakeOffer(f.offer(t)?), t.t("complaint-done-offer"))),
        Key::Response => Ok((
            Command::RecordResponse(f.response(t)?),
            t.t("complaint-done-response"),
        )),
        Key::AgreeAction => {
            let description = f.required("omschrijving", "complaint-what-action-description", t)?;
            let due = f.optional_date("streefdatum", "complaint-what-action-due", t)?;
            let owner = match f.optional("uitvoerder") {
                Some(_) => {
                    Some(pick_user(store, f, "uitvoerder", "complaint-what-action-owner", t).await?)
                }
                None => None,
            };
            let done = match &owner {
                Some(o) => t.t1("complaint-done-action-owner", "name", o.name.as_str()),
                None => t.t("complaint-done-action"),
            };
            Ok((
                Command::AgreeAction {
                    description,
                    due,
                    owner: owner.map(|o| o.id),
                },
                done,
            ))
        }
        Key::CompleteAction(number) => Ok((
            Command::CompleteAction(CompletedAction {
                number,
                note: f.optional("toelichting"),
            }),
            t.t1("complaint-done-action-completed", "number", number),
        )),
        Key::SendForm => Ok((Command::SendForm, t.t("complaint-done-form-sent"))),
        Key::Waive => {
            let step = f.choice::<WaivableStep>("stap", "complaint-what-step", t)?;
            let reason = f.required("reden", "complaint-what-waive-reason", t)?;
            let done = t.t1("complaint-done-waive", "step", t.label(step));
            Ok((Command::WaiveStep(Waiver { step, reason }), done))
        }
        Key::Escalate => {
            let party = f.escalation_party(t)?;
            let on = f.date("datum", "complaint-what-escalation-date", t)?;
            let done = t.t1("complaint-done-escalate", "party", party_name(&party, t));
            let note = f.optional("toelichting");
            Ok((Command::Escalate(Escalation { party, on, note }), done))
        }
        Key::Outcome => {
            let outcome = f.required("uitkomst", "complaint-what-outcome", t)?;
            let on = f.date("datum", "complaint-what-outcome-date", t)?;
            Ok((
                Command::RecordEscalationOutcome(EscalationOutcome {
                    outcome,
                    on,
                    resolved: f.flag("opgelost"),
                }),
                t.t("complaint-done-outcome"),
            ))
        }
        Key::Close => Ok((
            Command::Close(Closing {
                note: f.optional("toelichting"),
            }),
            t.t("complaint-done-close"),
        )),
        Key::Exact => Ok((
            Command::RegisterInExact(ExactRegistration {
                exact_id: f.required("registratie", "complaint-what-exact", t)?,
                round: None,
            }),
            t.t("complaint-done-exact"),
        )),
        Key::Convert => Ok((
            Command::ConvertToComplaint(Conversion {
                reason: f.required("reden", "complaint-what-convert-reason", t)?,
            }),
            t.t("complaint-done-convert"),
        )),
        Key::Classify => Ok((
            Command::Classify(Classification {
                category: f.optional("categorie"),
                cause: f.optional("oorzaak"),
            }),
            t.t("complaint-done-classify"),
        )),
        Key::Consult => {
            let director = pick_user(store, f, "directeur", "complaint-what-director", t).await?;
            let question = f.required("vraag", "complaint-what-question", t)?;
            let done = t.t1("complaint-done-consult", "name", director.name.as_str());
            Ok((Command::ConsultDirector { director, question }, done))
        }
        Key::Advise(number) => Ok((
            Command::GiveAdvice(Advice {
                number,
                advice: f.required("advies", "complaint-what-advice", t)?,
            }),
            t.t("complaint-done-advice"),
        )),
        Key::Reopen => Ok((
            Command::Reopen(Reopening {
                kind: f.choice::<ReopeningKind>("soort", "complaint-what-reopen-kind", t)?,
                reason: f.required("reden", "complaint-what-reopen-reason", t)?,
            }),
            t.t("complaint-done-reopen"),
        )),
        Key::Correct => {
            let of: u64 = f
                .text("gebeurtenis")
                .trim()
                .parse()
                .map_err(|_| FieldError {
                    field: None,
                    message: t.t("complaint-field-no-event"),
                })?;
            let replacement = match f.text("wat") {
                "contact" => Event::ContactRecorded(f.contact(t)?),
                "oordeel" => Event::MeritDecided(f.merit(t)?),
                "aanbod" => Event::OfferMade(f.offer(t)?),
                "reactie" => Event::ResponseRecorded(f.response(t)?),
                _ => {
                    return Err(Refusal::Form(FieldError {
                        field: None,
                        message: t.t("complaint-field-correct-what"),
                    }));
                }
            };
            let reason = f.required("reden", "complaint-what-correction-reason", t)?;
            Ok((
                Command::Correct {
                    of,
                    replacement,
                    reason,
                },
                t.t1("complaint-done-correct", "number", of),
            ))
        }
    }
}

async fn run<S: Store>(
    state: &AppState<S>,
    raw_id: &str,
    CsrfForm { current, form }: CsrfForm<Fields>,
    key: Key,
) -> Result<Response, WebError> {
    let id = resolve(&state.store, raw_id).await?;
    let t = current.t;
    let attempt = match form.version(t) {
        Err(e) => Err(Refusal::Form(e)),
        Ok(version) => parse(&state.store, key, &form, t)
            .await
            .map(|(cmd, done)| (version, cmd, done)),
    };
    let (status, field, message) = match attempt {
        Ok((version, cmd, done)) => {
            let calendar = state.calendar().await?;
            let acted = complaints::act_all(
                &state.change_context(&calendar),
                id,
                &current.user,
                cmd,
                Some(version),
            )
            .await;
            match acted {
                Ok(c) => {
                    tracing::info!(reference = %c.reference(), action = ?key, version = c.version(), "acted");
                    return Ok(redirect_with_flash(
                        &format!("/klachten/{}", c.id()),
                        &done,
                        state.cookie_secure,
                    ));
                }
                Err(ServiceError::NotFound) => return Err(WebError::NotFound),
                Err(e) => {
                    let e = WebError::from(e);
                    if e.status().is_server_error() {
                        return Err(e);
                    }
                    tracing::info!(action = ?key, status = %e.status(), "refused");
                    (e.status(), None, e.user_message(current.t))
                }
            }
        }
        Err(Refusal::Form(e)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            e.field.map(str::to_owned),
            e.message,
        ),
        Err(Refusal::Web(e)) => return Err(e),
    };
    // Only now, and only for those who may see it, is the complaint shown.
    let (c, history) = load_visible(&state.store, id, &current.user).await?;
    // Whoever may not do this at all hears that first, whatever they typed.
    let permitted = match key {
        Key::CompleteAction(n) => permissions::may_complete_action(&current.user, &c, n),
        _ => permissions::may(&current.user, &c, key.action()),
    };
    let (status, field, message) = if permitted {
        (status, field, message)
    } else {
        (
            StatusCode::FORBIDDEN,
            None,
            t.t2(
                "complaint-not-permitted",
                "action",
                detail::action_label(key.action(), t),
                "reference",
                c.reference().to_string(),
            ),
        )
    };
    let failure = Failure {
        form: key.form(&form),
        field,
        message,
        values: form.into_values(),
    };
    let ctx = ctx_of(state, &current);
    detail::render(state, ctx, &c, &history, Some(failure), status).await
}

macro_rules! action_handlers {
    ($($name:ident => $key:expr),* $(,)?) => {$(
        #[tracing::instrument(skip_all, fields(action = stringify!($name)))]
        async fn $name<S: Store>(
            State(state): State<AppState<S>>,
            Path(id): Path<String>,
            form: CsrfForm<Fields>,
        ) -> Result<Response, WebError> {
            run(&state, &id, form, $key).await
        }
    )*};
}

action_handlers!(
    assign => Key::Assign,
    assistant => Key::Assistant,
    route => Key::Route,
    contact => Key::Contact,
    phone_call => Key::PhoneCall,
    merit => Key::Merit,
    offer => Key::Offer,
    response => Key::Response,
    agree_action => Key::AgreeAction,
    send_form => Key::SendForm,
    waive => Key::Waive,
    escalate => Key::Escalate,
    outcome => Key::Outcome,
    close => Key::Close,
    exact => Key::Exact,
    convert => Key::Convert,
    correct => Key::Correct,
    classify => Key::Classify,
    consult => Key::Consult,
    reopen => Key::Reopen,
);

#[tracing::instrument(skip_all, fields(action = "advise"))]
async fn advise<S: Store>(
    State(state): State<AppState<S>>,
    Path((id, n)): Path<(String, String)>,
    form: CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let n: u32 = n.parse().map_err(|_| WebError::NotFound)?;
    run(&state, &id, form, Key::Advise(n)).await
}

#[tracing::instrument(skip_all, fields(action = "complete_action"))]
async fn complete_action<S: Store>(
    State(state): State<AppState<S>>,
    Path((id, n)): Path<(String, String)>,
    form: CsrfForm<Fields>,
) -> Result<Response, WebError> {
    let n: u32 = n.parse().map_err(|_| WebError::NotFound)?;
    run(&state, &id, form, Key::CompleteAction(n)).await
}
