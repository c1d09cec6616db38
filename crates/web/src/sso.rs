//! Single sign-on (OpenID Connect, e.g. Microsoft Entra ID): the button's
//! start (`/inloggen/sso`) and the provider's return (`/inloggen/sso/terug`).
//! The flow itself is `klacht_app::sso`; signing in is `auth::sign_in_sso`,
//! which starts sessions the way password sign-in does.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use klacht_app::auth::{self, AuthError, SESSION_LIFETIME};
use klacht_app::sso::{Callback, Flow, SsoError};
use klacht_domain::Role;
use klacht_i18n::Tr;
use klacht_store::Store;
use secrecy::ExposeSecret;

use crate::language::PageLanguage;
use crate::public::ClientAddr;
use crate::session::{SESSION_COOKIE, cookie, set_cookie};
use crate::signin::{BackQuery, safe_back};
use crate::{AppState, WebError};

/// The browser's part of a sign-in in progress ([`Flow`]).
pub const FLOW_COOKIE: &str = "klacht_sso_flow";
/// Long enough to sign in at the provider, short enough not to linger.
const FLOW_SECONDS: i64 = 600;

pub fn router<S: Store>() -> Router<AppState<S>> {
    Router::new()
        .route("/inloggen/sso", get(start::<S>))
        .route("/inloggen/sso/terug", get(finish::<S>))
}

#[derive(Template, WebTemplate)]
#[template(path = "sso_refused.html")]
struct RefusedPage {
    /// The sign-in page's language: nobody is signed in.
    t: Tr,
    message: String,
    /// Whom to ask for an account: the active administrators.
    ask: Vec<String>,
    /// Unknown or deactivated: an account matter, not a retry.
    account: bool,
}

fn clear_flow(secure: bool) -> axum::http::HeaderValue {
    // SameSite=Lax: the provider's redirect back is a cross-site
    // top-level navigation, on which Lax cookies are sent.
    set_cookie(FLOW_COOKIE, "", 0, secure, "Lax")
}

async fn start<S: Store>(
    State(state): State<AppState<S>>,
    language: PageLanguage,
    Query(q): Query<BackQuery>,
) -> Result<Response, WebError> {
    let Some(sso) = state.sso.clone() else {
        return Err(WebError::NotFound);
    };
    match sso.begin(safe_back(&q.terug)).await {
        Ok((authorize_url, flow)) => {
            let mut response = Redirect::to(&authorize_url).into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(
                    FLOW_COOKIE,
                    &flow.encode(),
                    FLOW_SECONDS,
                    state.cookie_secure,
                    "Lax",
                ),
            );
            Ok(response)
        }
        Err(e) => Ok(refused(&state, language.tr(), AuthError::Sso(e)).await),
    }
}

#[tracing::instrument(skip_all)]
async fn finish<S: Store>(
    State(state): State<AppState<S>>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Query(callback): Query<Callback>,
) -> Result<Response, WebError> {
    let Some(sso) = state.sso.clone() else {
        return Err(WebError::NotFound);
    };
    let t = PageLanguage::of(&headers).tr();
    let flow = cookie(&headers, FLOW_COOKIE).and_then(Flow::decode);
    let Some(flow) = flow else {
        return Ok(refused(&state, t, AuthError::Sso(SsoError::Flow)).await);
    };
    let back = safe_back(&flow.back);
    match auth::sign_in_sso(&state.store, &sso, (callback, flow), client, state.now()).await {
        Ok((signed_in, identity)) => {
            tracing::info!(
                user = %signed_in.user.email,
                subject = %identity.subject,
                method = "sso",
                "signed in"
            );
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
            headers.append(header::SET_COOKIE, clear_flow(state.cookie_secure));
            Ok(response)
        }
        Err(AuthError::Store(e)) => Err(e.into()),
        Err(e) => Ok(refused(&state, t, e).await),
    }
}

/// Why a single sign-on was refused, in the words of `t`.
fn refusal(t: Tr, e: &AuthError) -> String {
    match e {
        AuthError::UnknownAccount { email } => {
            t.t1("sso-refused-unknown-account", "email", email.as_str())
        }
        AuthError::Deactivated { email } => {
            t.t1("sso-refused-deactivated", "email", email.as_str())
        }
        AuthError::Sso(SsoError::Provider(_)) => t.t("sso-refused-provider"),
        AuthError::Sso(SsoError::Flow) => t.t("sso-refused-flow"),
        AuthError::Sso(SsoError::Denied(_)) => t.t("sso-refused-denied"),
        AuthError::Sso(SsoError::Token(_)) => t.t("sso-refused-token"),
        AuthError::Sso(SsoError::IdToken { reason, .. }) => {
            t.refusal(&klacht_domain::RefusalCode::SsoIdToken.phrase("reason", *reason))
        }
        AuthError::Sso(SsoError::NoEmail(claim)) => t.t1("sso-refused-no-email", "claim", *claim),
        // Not a refusal of single sign-on; as the application words it.
        other => other.to_string(),
    }
}

/// The page of a refused single sign-on, naming whom to ask.
async fn refused<S: Store>(state: &AppState<S>, t: Tr, e: AuthError) -> Response {
    let account = matches!(
        e,
        AuthError::UnknownAccount { .. } | AuthError::Deactivated { .. }
    );
    match &e {
        AuthError::Sso(SsoError::Provider(detail)) => {
            tracing::warn!(error = %detail, "single sign-on: provider not reachable");
        }
        AuthError::Sso(
            SsoError::Token(detail) | SsoError::IdToken { detail, .. } | SsoError::Denied(detail),
        ) => {
            tracing::info!(error = %detail, "single sign-on refused");
        }
        other => tracing::info!(error = %other, "single sign-on refused"),
    }
    let status = match &e {
        AuthError::Sso(SsoError::Provider(_)) => StatusCode::BAD_GATEWAY,
        AuthError::UnknownAccount { .. } | AuthError::Deactivated { .. } => StatusCode::FORBIDDEN,
        _ => StatusCode::UNAUTHORIZED,
    };
    let ask = match state.store.list_users().await {
        Ok(users) => users
            .into_iter()
            .filter(|u| u.active && u.user.role == Role::Admin)
            .map(|u| format!("{} ({})", u.user.name, u.user.email))
            .collect(),
        Err(_) => Vec::new(),
    };
    let page = RefusedPage {
        t,
        message: refusal(t, &e),
        ask,
        account,
    };
    let mut response = (status, page).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_flow(state.cookie_secure));
    response
}
