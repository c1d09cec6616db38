//! The JSON API under `/api/v1`: bearer tokens (`klacht user token`),
//! errors as `application/problem+json`, and an OpenAPI document at
//! `/api/v1/openapi.json`. Handlers are as thin as the pages': parse into
//! domain types once, call `klacht_app::complaints`, render.
//!
//! The route table below is the one source of the router and of
//! [`served_routes`], which the tests hold against the OpenAPI document.

mod attachments;
mod auth;
mod complaints;
mod documents;
mod dto;
mod error;
mod extract;
mod links;
mod openapi;
mod view;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{self, MethodRouter};
use klacht_store::Store;

pub use auth::ApiUser;
pub use error::{ApiError, FieldError, PROBLEM_JSON, api_language};
pub(crate) use error::{ProblemWords, problem_in};
pub use openapi::DOCUMENT as OPENAPI_DOCUMENT;

use crate::AppState;

/// Where the API lives; the router's paths and the document's are
/// relative to it.
pub const PREFIX: &str = "/api/v1";

type Entry<S> = (Method, &'static str, MethodRouter<AppState<S>>);

fn get<S: Store, H: Handler<T, AppState<S>>, T: 'static>(path: &'static str, h: H) -> Entry<S> {
    (Method::GET, path, routing::get(h))
}

fn post<S: Store, H: Handler<T, AppState<S>>, T: 'static>(path: &'static str, h: H) -> Entry<S> {
    (Method::POST, path, routing::post(h))
}

/// A POST that takes files (`multipart/form-data`): its body may be as
/// large as [`crate::uploads::UPLOAD_BODY_BYTES`].
fn post_files<S: Store, H: Handler<T, AppState<S>>, T: 'static>(
    path: &'static str,
    h: H,
) -> Entry<S> {
    (
        Method::POST,
        path,
        routing::post(h).layer(crate::uploads::upload_limit()),
    )
}

fn delete<S: Store, H: Handler<T, AppState<S>>, T: 'static>(path: &'static str, h: H) -> Entry<S> {
    (Method::DELETE, path, routing::delete(h))
}

fn routes<S: Store>() -> Vec<Entry<S>> {
    use complaints as c;
    vec![
        get("/openapi.json", openapi::document),
        get("/complaints", c::list::<S>),
        post_files("/complaints", c::create::<S>),
        get("/complaints/{id}", c::show::<S>),
        get("/complaints/{id}/form.pdf", documents::form::<S>),
        get(
            "/complaints/{id}/offer-letter.pdf",
            documents::offer_letter::<S>,
        ),
        post("/complaints/{id}/handler", c::assign_handler::<S>),
        post("/complaints/{id}/assistants", c::add_assistant::<S>),
        post("/complaints/{id}/route", c::route::<S>),
        post("/complaints/{id}/contact", c::contact::<S>),
        post("/complaints/{id}/phone-call", c::phone_call::<S>),
        post("/complaints/{id}/merit", c::merit::<S>),
        post("/complaints/{id}/consultations", c::consult_director::<S>),
        post(
            "/complaints/{id}/consultations/{n}/advice",
            c::give_advice::<S>,
        ),
        post("/complaints/{id}/offer", c::offer::<S>),
        post("/complaints/{id}/response", c::response::<S>),
        post("/complaints/{id}/actions", c::agree_action::<S>),
        post(
            "/complaints/{id}/actions/{n}/complete",
            c::complete_action::<S>,
        ),
        post("/complaints/{id}/form-sent", c::send_form::<S>),
        post("/complaints/{id}/waivers", c::waive::<S>),
        post("/complaints/{id}/escalation", c::escalate::<S>),
        post(
            "/complaints/{id}/escalation/outcome",
            c::escalation_outcome::<S>,
        ),
        post("/complaints/{id}/close", c::close::<S>),
        post(
            "/complaints/{id}/exact-registration",
            c::register_in_exact::<S>,
        ),
        post("/complaints/{id}/convert", c::convert::<S>),
        post("/complaints/{id}/corrections", c::correct::<S>),
        post("/complaints/{id}/classification", c::classify::<S>),
        post("/complaints/{id}/links", links::link::<S>),
        delete("/complaints/{id}/links/{other_id}", links::unlink::<S>),
        post("/complaints/{id}/reopen", c::reopen::<S>),
        get("/complaints/{id}/attachments", attachments::list::<S>),
        post_files("/complaints/{id}/attachments", attachments::add::<S>),
        get(
            "/complaints/{id}/attachments/{attachment_id}",
            attachments::download::<S>,
        ),
    ]
}

/// The API's routes, relative to [`PREFIX`]; nest it there. Paths and
/// methods it does not serve answer problems too.
pub fn router<S: Store>() -> Router<AppState<S>> {
    routes::<S>()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| {
            router.route(path, handler)
        })
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
}

/// Every (method, path) the router serves, relative to [`PREFIX`].
pub fn served_routes<S: Store>() -> Vec<(Method, &'static str)> {
    routes::<S>()
        .into_iter()
        .map(|(method, path, _)| (method, path))
        .collect()
}
