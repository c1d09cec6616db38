//! Signing in and out, and changing one's password.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use klacht_app::auth::{self, AuthError, SESSION_LIFETIME};
use klacht_domain::Language;
use klacht_i18n::Tr;
use klacht_store::Store;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::language::{PageLanguage, Switch};
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
        .route(
            "/instellingen/taal",
            axum::routing::post(choose_language::<S>),
        )
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    switch: Switch,
    organisation: String,
    csrf: String,
    email: String,
    back: String,
    error: Option<String>,
    sso: SsoOffer,
}

/// What the sign-in page offers besides the password form.
#[derive(Default)]
struct SsoOffer {
    button: Option<SsoButton>,
    /// Password sign-in is for the administrator only.
    password_admin_only: bool,
    /// Just signed out: the provider's own sign-out page, when it has one.
    end_session: Option<String>,
}

/// The single sign-on button: its text and where it starts.
struct SsoButton {
    label: String,
    href: String,
}

impl SsoOffer {
    async fn of<S: Store>(state: &AppState<S>, back: &str, signed_out: bool) -> Self {
        let Some(sso) = &state.sso else {
            return Self::default();
        };
        let end_session = if signed_out {
            sso.end_session_url().await
        } else {
            None
        };
        Self {
            button: Some(SsoButton {
                label: sso.config().button_label.clone(),
                href: format!("/inloggen/sso?terug={}", crate::error::url_escape(back)),
            }),
            password_admin_only: !sso.config().password_sign_in,
            end_session,
        }
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct BackQuery {
    #[serde(default)]
    pub(crate) terug: String,
    /// Set after signing out (`/inloggen?afgemeld=1`).
    #[serde(default)]
    afgemeld: Option<String>,
}

/// Only local paths: a sign-in link must not send people elsewhere.
/// Control characters go first (browsers drop a tab or newline, so
/// `/\t/evil.example` would read as `//evil.example`); what is left must
/// be one `/` followed by anything but `/` or `\\`, in printable ASCII, so
/// that it is a valid `Location` as it is.
pub(crate) fn safe_back(back: &str) -> String {
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
    language: PageLanguage,
    Query(q): Query<BackQuery>,
) -> Result<Response, WebError> {
    let csrf = auth::new_token().map_err(|e| WebError::Invalid(e.to_string()))?;
    let back = safe_back(&q.terug);
    let t = language.tr();
    let page = LoginPage {
        t,
        switch: Switch::new(t, "/inloggen"),
        organisation: state.organisation.to_string(),
        csrf,
        email: String::new(),
        sso: SsoOffer::of(&state, &back, q.afgemeld.is_some()).await,
        back,
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
    language: PageLanguage,
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
        state.password_sign_in(),
    )
    .await
    {
        Ok(signed_in) => {
            tracing::info!(user = %signed_in.user.email, method = "password", "signed in");
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
        Err(
            e @ (AuthError::BadCredentials
            | AuthError::Locked { .. }
            | AuthError::PasswordSignInOff),
        ) => {
            tracing::info!(email = %form.email.trim(), reason = %e, "sign-in refused");
            let t = language.tr();
            let error = match &e {
                AuthError::Locked { until } => t.t1("signin-error-locked", "until", until),
                AuthError::PasswordSignInOff => t.t("signin-error-password-off"),
                _ => t.t("signin-error-credentials"),
            };
            let page = LoginPage {
                t,
                switch: Switch::new(t, "/inloggen"),
                organisation: state.organisation.to_string(),
                csrf: form.csrf,
                email: form.email,
                sso: SsoOffer::of(&state, &back, false).await,
                back,
                error: Some(error),
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
    tracing::info!(user = %form.current.user.email, "signed out");
    // With single sign-on the sign-in page then offers the provider's
    // sign-out too: klacht's session is gone, the provider's is not.
    let to = match state.sso {
        Some(_) => "/inloggen?afgemeld=1",
        None => "/inloggen",
    };
    let mut response = Redirect::to(to).into_response();
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
    /// The language the user chose, `""` when their browser decides.
    chosen: &'static str,
}

impl PasswordPage {
    fn is_chosen(&self, code: &str) -> bool {
        self.chosen == code
    }

    /// (code, name in that language) of every language, for the choice.
    fn languages(&self) -> Vec<(&'static str, String)> {
        Language::ALL
            .into_iter()
            .map(|l| (l.code(), Tr::new(l).t("language-self")))
            .collect()
    }
}

async fn password_page(ctx: Ctx) -> PasswordPage {
    PasswordPage {
        chosen: ctx.chosen_language.map_or("", |l| l.code()),
        ctx,
        error: None,
    }
}

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    taal: String,
}

/// A staff member's own choice of language for pages and mail; empty:
/// their browser's language again.
async fn choose_language<S: Store>(
    State(state): State<AppState<S>>,
    browser: PageLanguage,
    CsrfForm { current, form }: CsrfForm<LanguageForm>,
) -> Result<Response, WebError> {
    let language = match form.taal.trim() {
        "" => None,
        code => Some(
            Language::parse(code)
                .ok_or_else(|| WebError::Invalid(current.t.t("settings-language-unknown")))?,
        ),
    };
    state
        .store
        .set_user_language(current.user.id, language)
        .await?;
    tracing::info!(user = %current.user.email, language = ?language, "language chosen");
    // The flash already speaks the new language; no choice: the browser's.
    let t = Tr::new(language.unwrap_or(browser.language));
    Ok(redirect_with_flash(
        "/wachtwoord",
        &t.t("settings-language-saved"),
        state.cookie_secure,
    ))
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
            &current.t.t("settings-password-changed"),
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
                        error: Some(e.user_message(current.t)),
                        chosen: current.language.map_or("", |l| l.code()),
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
