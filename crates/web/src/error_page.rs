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
use crate::error::{ErrorText, SERVER_ERROR_MESSAGE, error_page_in, title_of};
use crate::language::PageLanguage;
use crate::session::{SESSION_COOKIE, cookie};
use klacht_i18n::{Language, Tr};

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

/// Whether the session cookie (if any) opens a live session, and the
/// language its user chose.
async fn signed_in<S: Store>(state: &AppState<S>, token: Option<&str>) -> (bool, Option<Language>) {
    let Some(token) = token else {
        return (false, None);
    };
    match klacht_app::auth::session_record(&state.store, token, state.now()).await {
        Ok(Some((_, record))) => (true, record.language),
        _ => (false, None),
    }
}

/// The key of each status's heading.
fn title_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        403 => "error-title-forbidden",
        404 => "error-title-not-found",
        405 | 409 => "error-title-not-possible",
        408 => "error-title-timeout",
        413 => "error-title-too-large",
        422 => "error-title-invalid",
        _ => "error-title-failed",
    }
}

/// The general messages an error page may carry, by key: a Dutch one on
/// the response is shown in the page's language.
const MESSAGE_KEYS: [&str; 7] = [
    "error-not-found",
    "error-method",
    "error-timeout",
    "error-too-large",
    "error-server",
    "error-other",
    "error-not-found-short",
];

/// The title and message of `text` in `t`'s language: the general ones
/// translated, a handler's own message as it is (already in the user's
/// language where the handler knew it).
fn translated(t: Tr, status: StatusCode, text: &ErrorText) -> (String, String) {
    let dutch = Tr::new(Language::Nl);
    let message = MESSAGE_KEYS
        .iter()
        .find(|key| dutch.t(key) == text.message)
        .map_or_else(|| text.message.clone(), |key| t.t(key));
    (t.t(title_key(status)), message)
}

/// Between the catch-panic layer and the access log: sees every error
/// answer, panics and timeouts included.
pub async fn layer<S: Store>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    let api = is_api(request.uri().path());
    let browser = PageLanguage::of(request.headers()).language;
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
    let (signed_in, chosen) = signed_in(&state, token.as_deref()).await;
    let t = Tr::new(chosen.unwrap_or(browser));
    if !bare && !signed_in && t.language() == Language::Nl {
        // Already rendered for a visitor who is not signed in.
        return response;
    }
    let shown = (t.language() != Language::Nl).then(|| translated(t, status, &text));
    keep_allow(&response, error_page_in(t, status, text, signed_in, shown))
}

/// A 405 says which methods the address does serve.
fn keep_allow(original: &Response, mut page: Response) -> Response {
    if let Some(allow) = original.headers().get(header::ALLOW) {
        page.headers_mut().insert(header::ALLOW, allow.clone());
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Dutch texts on the responses are the Dutch texts of the keys,
    /// so that an English page finds its translation.
    #[test]
    fn the_general_texts_have_keys() {
        let nl = Tr::new(Language::Nl);
        for status in [
            StatusCode::NOT_FOUND,
            StatusCode::METHOD_NOT_ALLOWED,
            StatusCode::REQUEST_TIMEOUT,
            StatusCode::PAYLOAD_TOO_LARGE,
            StatusCode::INTERNAL_SERVER_ERROR,
            StatusCode::BAD_REQUEST,
        ] {
            let message = message_of(status);
            assert!(MESSAGE_KEYS.iter().any(|k| nl.t(k) == message), "{message}");
            assert_eq!(nl.t(title_key(status)), title_of(status));
        }
        assert!(
            MESSAGE_KEYS
                .iter()
                .any(|k| nl.t(k) == crate::WebError::NotFound.to_string())
        );
    }
}
