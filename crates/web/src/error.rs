//! The web layer's one error type, turned into a response in one place:
//! users get a clean Dutch message, 5xx errors are logged with their chain.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use klacht_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("niet gevonden")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("pagina opbouwen mislukt")]
    Render(#[from] askama::Error),
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound | WebError::Store(StoreError::NotFound) => StatusCode::NOT_FOUND,
            WebError::Store(StoreError::Conflict { .. }) => StatusCode::CONFLICT,
            WebError::Store(StoreError::Duplicate { .. }) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Store(StoreError::Database(_)) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Store(_) | WebError::Render(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = if status.is_server_error() {
            let mut chain = self.to_string();
            let mut source = std::error::Error::source(&self);
            while let Some(s) = source {
                chain.push_str(": ");
                chain.push_str(&s.to_string());
                source = s.source();
            }
            tracing::error!(error = %chain, %status, "request failed");
            "Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met de beheerder."
                .to_string()
        } else {
            let mut m = self.to_string();
            if let Some(first) = m.get(..1) {
                m = first.to_uppercase() + &m[1..];
            }
            m
        };
        let page = ErrorPage {
            title: status.canonical_reason().unwrap_or("Fout"),
            message: &message,
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, message).into_response(),
        }
    }
}
