//! No blank answers: what the HTTP layer answers by itself (a method the
//! route does not serve, a timeout, a body too large, a panic) has no body;
//! [`layer`] gives it the Dutch error page, or `application/problem+json`
//! under the API. It also gives every error page the way back that fits
//! the visitor: a signed-in staff member's work queue, or the public start
//! page.

use std::any::Any;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use klacht_store::Store;

use crate::AppState;
use crate::api::ApiError;
use crate::error::{ErrorText, SERVER_ERROR_MESSAGE, error_page, title_of};
use crate::session::{SESSION_COOKIE, cookie};

/// The catch-panic layer's answer: logged here, an empty 500 that
/// [`layer`] turns into the page or problem the path calls for.
pub fn panicked(panic: Box<dyn Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(geen tekst)");
    tracing::error!(panic = %what, "request handler panicked");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// What a bodiless error answer means to the person who got it.
fn message_of(status: StatusCode) -> String {
    match status {
        StatusCode::NOT_FOUND => "Deze pagina bestaat niet (meer). Controleer het adres.".into(),
        StatusCode::METHOD_NOT_ALLOWED => "Deze pagina kan zo niet worden geopend. Gebruik de knoppen en links op de pagina's in plaats van een adres te typen of een formulier opnieuw te versturen.".into(),
        StatusCode::REQUEST_TIMEOUT => {
            "Het verzoek duurde te lang. Probeer het nog eens.".into()
        }
        StatusCode::PAYLOAD_TOO_LARGE => {
            "Wat u verstuurde is te groot. Maak bijlagen kleiner of stuur minder tegelijk.".into()
        }
        s if s.is_server_error() => SERVER_ERROR_MESSAGE.into(),
        _ => "Dit verzoek kan niet worden verwerkt. Ga terug en probeer het opnieuw.".into(),
    }
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Whether the session cookie (if any) opens a live session.
async fn signed_in<S: Store>(state: &AppState<S>, token: Option<&str>) -> bool {
    let Some(token) = token else {
        return false;
    };
    matches!(
        klacht_app::auth::session_of(&state.store, token, state.now()).await,
        Ok(Some(_))
    )
}

/// Between the catch-panic layer and the access log: sees every error
/// answer, panics and timeouts included.
pub async fn layer<S: Store>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    let api = is_api(request.uri().path());
    let token = cookie(request.headers(), SESSION_COOKIE).map(str::to_owned);
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let bare = !response.headers().contains_key(header::CONTENT_TYPE);
    if api {
        if !bare {
            return response;
        }
        let detail = message_of(status);
        return keep_allow(&response, ApiError::Http { status, detail }.into_response());
    }
    let text = match response.extensions().get::<ErrorText>() {
        Some(text) => text.clone(),
        None if bare => ErrorText {
            title: title_of(status),
            message: message_of(status),
        },
        // A page of its own (a form with its errors): as it is.
        None => return response,
    };
    let signed_in = signed_in(&state, token.as_deref()).await;
    if !bare && !signed_in {
        // Already rendered for a visitor who is not signed in.
        return response;
    }
    keep_allow(&response, error_page(status, text, signed_in))
}

/// A 405 says which methods the address does serve.
fn keep_allow(original: &Response, mut page: Response) -> Response {
    if let Some(allow) = original.headers().get(header::ALLOW) {
        page.headers_mut().insert(header::ALLOW, allow.clone());
    }
    page
}
