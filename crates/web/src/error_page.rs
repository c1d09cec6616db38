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
use crate::api::{ApiError, ProblemWords, api_language, problem_in};
use crate::error::{ErrorText, Words, error_page_in};
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
fn message_of(status: StatusCode) -> Words {
    Words::key(match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::METHOD_NOT_ALLOWED => "error-method",
        StatusCode::REQUEST_TIMEOUT => "error-timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large",
        s if s.is_server_error() => "error-server",
        _ => "error-other",
    })
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

/// The title and message of `text` in `t`'s language.
fn translated(t: Tr, status: StatusCode, text: &ErrorText) -> (String, String) {
    (t.t(title_key(status)), text.words.say(t))
}

/// Between the catch-panic layer and the access log: sees every error
/// answer, panics and timeouts included.
pub async fn layer<S: Store>(
    State(state): State<AppState<S>>,
    request: Request,
    next: Next,
) -> Response {
    let api = is_api(request.uri().path());
    let api_language = api_language(request.headers());
    let browser = PageLanguage::of(request.headers()).language;
    let token = cookie(request.headers(), SESSION_COOKIE).map(str::to_owned);
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let bare = !response.headers().contains_key(header::CONTENT_TYPE);
    if api {
        let language = api_language;
        let response = if bare {
            let detail = message_of(status);
            keep_allow(&response, ApiError::Http { status, detail }.into_response())
        } else {
            response
        };
        return match response.extensions().get::<ProblemWords>() {
            Some(words) if language != Language::Nl => problem_in(&response, words, language),
            _ => response,
        };
    }
    let text = match response.extensions().get::<ErrorText>() {
        Some(text) => text.clone(),
        None if bare => ErrorText::new(status, message_of(status)),
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

    /// The page rendered before the layer knows the reader is Dutch, and
    /// its message is the Dutch text of its key.
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
            let text = ErrorText::new(status, message_of(status));
            assert_eq!(text.message, message_of(status).say(nl));
            assert_eq!(nl.t(title_key(status)), text.title);
        }
        assert_eq!(
            crate::WebError::NotFound.user_message(nl),
            crate::WebError::NotFound.to_string()
        );
        assert!(
            message_of(StatusCode::INTERNAL_SERVER_ERROR)
                .say(nl)
                .starts_with("Er ging iets mis aan onze kant.")
        );
    }
}
