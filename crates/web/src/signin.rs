//! Signing in and out, and changing one's password.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use klacht_app::auth::{self, AuthError, SESSION_LIFETIME};
use klacht_store::Store;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::public::ClientAddr;
use crate::session::{
    CsrfForm, Ctx, LOGIN_CSRF_COOKIE, SESSION_COOKIE, cookie, ctx_of, redirect_with_flash,
    same_secret, set_cookie,
};
use crate::{AppState, WebError};

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/inloggen", get(login_page::<S>).post(login::<S>))
        .route("/uitloggen", axum::routing::post(logout::<S>))
        .route("/wachtwoord", get(password_page).post(change_password::<S>))
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    organisation: String,
    csrf: String,
    email: String,
    back: String,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct BackQuery {
    #[serde(default)]
    terug: String,
}

/// Only local paths: a sign-in link must not send people elsewhere.
/// Control characters go first (browsers drop a tab or newline, so
/// `/\t/evil.example` would read as `//evil.example`); what is left must
/// be one `/` followed by anything but `/` or `\\`, in printable ASCII, so
/// that it is a valid `Location` as it is.
fn safe_back(back: &str) -> String {
    let path: String = back.chars().filter(|c| !c.is_control()).collect();
    let local = path.starts_with('/')
        && !path[1..].starts_with(['/', '\\'])
        && !path.contains('\\')
        && path.chars().all(|c| c.is_ascii_graphic());
    // Without a (local) destination: the start page, what waits for one.
    if local { path } else { "/".to_string() }
}

fn login_response<S: Store>(
    state: &AppState<S>,
    page: LoginPage,
    status: axum::http::StatusCode,
) -> Response {
    let csrf_cookie = set_cookie(
        LOGIN_CSRF_COOKIE,
        &page.csrf,
        3600,
        state.cookie_secure,
        "Strict",
    );
    (status, [(header::SET_COOKIE, csrf_cookie)], page).into_response()
}

async fn login_page<S: Store>(
    State(state): State<AppState<S>>,
    Query(q): Query<BackQuery>,
) -> Result<Response, WebError> {
    let csrf = auth::new_token().map_err(|e| WebError::Invalid(e.to_string()))?;
    let page = LoginPage {
        organisation: state.organisation.to_string(),
        csrf,
        email: String::new(),
        back: safe_back(&q.terug),
        error: None,
    };
    Ok(login_response(&state, page, axum::http::StatusCode::OK))
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    terug: String,
}

#[tracing::instrument(skip_all)]
async fn login<S: Store>(
    State(state): State<AppState<S>>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    // Double-submit: the form's token must equal the cookie set with it.
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(expected, &form.csrf) {
        return Err(WebError::Csrf);
    }
    let back = safe_back(&form.terug);
    match auth::sign_in(
        &state.store,
        &form.email,
        SecretString::from(form.password),
        client,
        state.now(),
    )
    .await
    {
        Ok(signed_in) => {
            tracing::info!(user = %signed_in.user.email, "signed in");
            let mut response = Redirect::to(&back).into_response();
            let headers = response.headers_mut();
            headers.append(
                header::SET_COOKIE,
                set_cookie(
                    SESSION_COOKIE,
                    signed_in.token.expose_secret(),
                    SESSION_LIFETIME.as_secs(),
                    state.cookie_secure,
                    "Lax",
                ),
            );
            headers.append(
                header::SET_COOKIE,
                set_cookie(LOGIN_CSRF_COOKIE, "", 0, state.cookie_secure, "Strict"),
            );
            Ok(response)
        }
        Err(e @ (AuthError::BadCredentials | AuthError::Locked { .. })) => {
            tracing::info!(email = %form.email.trim(), "sign-in refused");
            let page = LoginPage {
                organisation: state.organisation.to_string(),
                csrf: form.csrf,
                email: form.email,
                back,
                error: Some(e.to_string()),
            };
            Ok(login_response(
                &state,
                page,
                axum::http::StatusCode::UNAUTHORIZED,
            ))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn logout<S: Store>(
    State(state): State<AppState<S>>,
    form: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    state
        .store
        .delete_session(&form.current.session.token_hash)
        .await?;
    let mut response = Redirect::to("/inloggen").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", 0, state.cookie_secure, "Lax"),
    );
    Ok(response)
}

#[derive(Template, WebTemplate)]
#[template(path = "password.html")]
struct PasswordPage {
    ctx: Ctx,
    error: Option<String>,
}

async fn password_page(ctx: Ctx) -> PasswordPage {
    PasswordPage { ctx, error: None }
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

async fn change_password<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<PasswordForm>,
) -> Result<Response, WebError> {
    let ctx = ctx_of(&state, &current);
    let result = auth::change_password(
        &state.store,
        auth::PasswordChange {
            user: &current.user,
            current_session_hash: &current.session.token_hash,
            now: state.now(),
        },
        form.current.into(),
        form.new.into(),
        form.repeat.into(),
    )
    .await;
    match result {
        Ok(()) => Ok(redirect_with_flash(
            "/klachten",
            "Uw wachtwoord is gewijzigd. Andere sessies zijn uitgelogd.",
            state.cookie_secure,
        )),
        Err(e) => {
            let e = WebError::from(e);
            if e.status().is_client_error() {
                let status = e.status();
                Ok((
                    status,
                    PasswordPage {
                        ctx,
                        error: Some(e.user_message()),
                    },
                )
                    .into_response())
            } else {
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::safe_back;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_back("/klachten/abc?x=1"), "/klachten/abc?x=1");
        assert_eq!(safe_back("/"), "/");
        for evil in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "\t//evil.example",
            "/klachten\r\nSet-Cookie: x=1",
            "/klachten/é",
            "",
        ] {
            assert_eq!(safe_back(evil), "/");
        }
    }
}
