//! Who is calling the API: `Authorization: Bearer <token>`, a token from
//! `klacht user token EMAIL`. Cookies are not looked at, so the API needs
//! no CSRF protection.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use klacht_app::auth;
use klacht_domain::User;
use klacht_store::Store;

use super::error::ApiError;
use crate::AppState;

/// Longer than any token we hand out; refused without a database look-up.
const MAX_TOKEN_LEN: usize = 256;

/// The staff member behind the request's bearer token.
#[derive(Debug, Clone)]
pub struct ApiUser(pub User);

/// The token of an `Authorization: Bearer <token>` header. `Err(true)`
/// when a header was sent but is no bearer token.
fn bearer_token(parts: &Parts) -> Result<&str, bool> {
    let value = parts.headers.get(header::AUTHORIZATION).ok_or(false)?;
    let value = value.to_str().map_err(|_| true)?.trim();
    let (scheme, token) = value.split_once(' ').ok_or(true)?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Err(true);
    }
    Ok(token)
}

impl<S: Store> FromRequestParts<AppState<S>> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        let token =
            bearer_token(parts).map_err(|token_given| ApiError::Unauthenticated { token_given })?;
        match auth::user_of_api_token(&state.store, token).await? {
            Some(user) => Ok(ApiUser(user)),
            None => Err(ApiError::Unauthenticated { token_given: true }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(auth: Option<&str>) -> Parts {
        let mut b = Request::builder().uri("/api/v1/complaints");
        if let Some(v) = auth {
            b = b.header(header::AUTHORIZATION, v);
        }
        b.body(()).expect("request").into_parts().0
    }

    #[test]
    fn bearer_tokens_are_read_from_the_header() {
        assert_eq!(bearer_token(&parts(Some("Bearer abc"))), Ok("abc"));
        assert_eq!(bearer_token(&parts(Some("bearer  abc "))), Ok("abc"));
        assert_eq!(bearer_token(&parts(None)), Err(false));
        for bad in ["Basic abc", "Bearer", "Bearer ", "abc"] {
            assert_eq!(bearer_token(&parts(Some(bad))), Err(true), "{bad}");
        }
        let long = format!("Bearer {}", "a".repeat(MAX_TOKEN_LEN + 1));
        assert_eq!(bearer_token(&parts(Some(&long))), Err(true));
    }
}
