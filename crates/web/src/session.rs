//! Who is asking: the session cookie, the signed-in user, CSRF-checked
//! forms and one-shot flash messages.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::auth;
use klacht_domain::{Role, User};
use klacht_store::{Session, Store};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::language::PageLanguage;
use crate::{AppState, MAX_BODY_BYTES, WebError};
use klacht_i18n::Tr;

pub const SESSION_COOKIE: &str = "klacht_session";
pub const FLASH_COOKIE: &str = "klacht_flash";
pub const LOGIN_CSRF_COOKIE: &str = "klacht_login_csrf";

/// The value of one cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value with the flags every cookie of ours carries.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age_secs: i64,
    secure: bool,
    same_site: &str,
) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let text = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite={same_site}; Max-Age={max_age_secs}{secure}"
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

/// Constant-time comparison, so the CSRF check leaks no timing.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The signed-in staff member. Pages that need one redirect to the sign-in
/// page when there is none.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub session: Session,
    /// The language the user chose (`None`: their browser's decides).
    pub language: Option<klacht_domain::Language>,
    /// The language of their pages: their choice, else their browser's.
    pub t: Tr,
}

impl<S: Store> FromRequestParts<AppState<S>> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let back = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(WebError::SignInRequired { back });
        };
        match auth::session_record(&state.store, token, state.now()).await? {
            Some((session, record)) => Ok(CurrentUser {
                user: record.user,
                session,
                language: record.language,
                t: Tr::new(
                    record
                        .language
                        .unwrap_or(PageLanguage::of(&parts.headers).language),
                ),
            }),
            None => Err(WebError::SignInRequired { back }),
        }
    }
}

/// What every staff page shows around its content.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub user: User,
    pub csrf: String,
    pub organisation: String,
    pub flash: Option<String>,
    /// The words of the user's language.
    pub t: Tr,
    /// The language the user chose (`None`: their browser's decides).
    pub chosen_language: Option<klacht_domain::Language>,
    /// How many items wait for the user ("Wacht op mij (3)"); `None`
    /// where the page was built without counting.
    pub waiting: Option<usize>,
}

impl Ctx {
    pub fn sees_overview(&self) -> bool {
        matches!(self.user.role, Role::QualityManager | Role::Director)
    }

    pub fn is_admin(&self) -> bool {
        self.user.role == Role::Admin
    }

    /// Uitgaande berichten (/berichten).
    pub fn sees_outbox(&self) -> bool {
        klacht_app::outbox::may_manage(&self.user)
    }

    pub fn registers(&self) -> bool {
        self.user.role != Role::Admin
    }
}

impl Ctx {
    /// The signed-in user's page context, without the header's count.
    pub async fn uncounted<S: Store>(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, WebError> {
        let current = CurrentUser::from_request_parts(parts, state).await?;
        let flash = cookie(&parts.headers, FLASH_COOKIE)
            .and_then(|v| serde_html_form::from_str::<FlashValue>(&format!("m={v}")).ok())
            .map(|f| f.m)
            .filter(|m| !m.is_empty());
        Ok(Ctx {
            user: current.user,
            csrf: current.session.csrf_token,
            organisation: state.organisation.to_string(),
            flash,
            t: current.t,
            chosen_language: current.language,
            waiting: None,
        })
    }
}

impl<S: Store> FromRequestParts<AppState<S>> for Ctx {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let mut ctx = Ctx::uncounted(parts, state).await?;
        // The header's count is a help, not the page: a failure to count
        // is logged and leaves the count out.
        match crate::start::queue_count(state, &ctx.user).await {
            Ok(count) => ctx.waiting = count,
            Err(e) => tracing::warn!(error = %e, "work queue not counted"),
        }
        Ok(ctx)
    }
}

/// The page context for a handler that already extracted the user with a
/// form ([`CsrfForm`]), without a second session lookup.
pub fn ctx_of<S>(state: &AppState<S>, current: &CurrentUser) -> Ctx {
    Ctx {
        user: current.user.clone(),
        csrf: current.session.csrf_token.clone(),
        organisation: state.organisation.to_string(),
        flash: None,
        t: current.t,
        chosen_language: current.language,
        waiting: None,
    }
}

#[derive(Deserialize)]
struct FlashValue {
    m: String,
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

/// A form posted by the signed-in user, with its CSRF token checked
/// against the session before the handler sees it.
pub struct CsrfForm<T> {
    pub current: CurrentUser,
    pub form: T,
}

impl<S: Store, T: DeserializeOwned> FromRequest<AppState<S>> for CsrfForm<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &AppState<S>) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let current = CurrentUser::from_request_parts(&mut parts, state).await?;
        let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES)
            .await
            .map_err(|_| WebError::Invalid(current.t.t("error-too-large")))?;
        let token: CsrfField = serde_html_form::from_bytes(&bytes).map_err(|_| WebError::Csrf)?;
        if !same_secret(&token.csrf, &current.session.csrf_token) {
            return Err(WebError::Csrf);
        }
        let form = serde_html_form::from_bytes(&bytes).map_err(|e| malformed(current.t, &e))?;
        Ok(CsrfForm { current, form })
    }
}

/// A form whose fields do not fit what the page expects, in the reader's
/// language (the detail is the parser's own).
pub(crate) fn malformed(t: klacht_i18n::Tr, e: &dyn std::fmt::Display) -> WebError {
    WebError::Invalid(t.with_args("error-form-malformed", &[("detail", e.to_string())]))
}

/// Redirects after a successful POST, carrying a message for the next page.
pub fn redirect_with_flash(to: &str, message: &str, secure: bool) -> Response {
    let value = crate::error::url_escape(message);
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(FLASH_COOKIE, &value, 60, secure, "Lax"),
    );
    response
}

/// Clears the flash cookie once a page has shown it.
pub async fn clear_shown_flash(req: Request, next: axum::middleware::Next) -> Response {
    let had_flash =
        req.method() == axum::http::Method::GET && cookie(req.headers(), FLASH_COOKIE).is_some();
    let mut response = next.run(req).await;
    if had_flash && response.status().is_success() {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(FLASH_COOKIE, "", 0, false, "Lax"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; klacht_session=abc; b=2"),
        );
        assert_eq!(cookie(&h, "klacht_session"), Some("abc"));
        assert_eq!(cookie(&h, "klacht"), None);
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert!(!same_secret("", "a"));
    }

    #[test]
    fn flash_values_are_cookie_safe_and_round_trip() {
        let v = crate::error::url_escape("Klacht K-2026-0001 geregistreerd; één stap!");
        assert!(!v.contains(';') && !v.contains(' '));
        let back: FlashValue = serde_html_form::from_str(&format!("m={v}")).expect("decodes");
        assert_eq!(back.m, "Klacht K-2026-0001 geregistreerd; één stap!");
    }
}
