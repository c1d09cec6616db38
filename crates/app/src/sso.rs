//! Single sign-on with OpenID Connect: Microsoft Entra ID or any certified
//! provider, through the `openidconnect` crate (no JOSE of our own).
//!
//! The authorization code flow with PKCE, `state` and `nonce`. What the
//! browser must bring back (state, nonce, PKCE verifier, where to go) it
//! carries itself in a short-lived HttpOnly cookie ([`Flow`]), so that any
//! instance behind a load balancer can finish what another started. The
//! provider's discovery document and keys are cached per process (a cache,
//! not state: another instance fetches its own) and the keys are fetched
//! again when an ID token names a key the cache does not know (the
//! provider rotated its keys). Every check of the ID token (signature,
//! issuer, audience, expiry against the injected clock, nonce) is the
//! crate's.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use klacht_domain::RefusalCode as Code;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields,
    IssuerUrl, LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    ProviderMetadataWithLogout, RedirectUrl, Scope, SignatureVerificationError,
    StandardErrorResponse, StandardTokenResponse,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::config::{EmailClaim, OidcConfig};

/// Why a single sign-on did not get as far as an identity.
#[derive(Debug, thiserror::Error)]
pub enum SsoError {
    #[error("De inlogdienst is niet bereikbaar. Probeer het later opnieuw.")]
    Provider(String),
    #[error(
        "Het inloggen is verlopen of in een ander venster begonnen. Probeer het opnieuw vanaf de inlogpagina."
    )]
    Flow,
    #[error("De inlogdienst heeft het inloggen afgebroken of niet toegestaan.")]
    Denied(String),
    #[error("De inlogdienst gaf geen geldige aanmelding terug. Probeer het opnieuw.")]
    Token(String),
    /// `reason` is for the user (a phrase of [`Code::SsoIdToken`], worded
    /// by the edges), `detail` for the log.
    #[error("ID-token niet geldig ({reason:?}): {detail}")]
    IdToken { reason: Code, detail: String },
    #[error("De inlogdienst gaf geen e-mailadres door (claim {0}).")]
    NoEmail(&'static str),
}

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The configured claim's value, as the provider sent it.
    pub email: String,
    /// The provider's subject (`sub`), for the log.
    pub subject: String,
    /// The values of the configured role claim (none without role mapping).
    pub roles: Vec<String>,
}

/// What the browser keeps while it is away at the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// The local path to land on afterwards.
    pub back: String,
}

impl Flow {
    /// One cookie value: the three random values are base64url and the
    /// path is hex, so `.` separates them unambiguously.
    pub fn encode(&self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.state,
            self.nonce,
            self.pkce_verifier,
            hex::encode(self.back.as_bytes())
        )
    }

    pub fn decode(value: &str) -> Option<Self> {
        let mut parts = value.split('.');
        let (state, nonce, pkce_verifier, back) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let base64url = |s: &str| {
            !s.is_empty()
                && s.len() <= 128
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if parts.next().is_some() || ![state, nonce, pkce_verifier].into_iter().all(base64url) {
            return None;
        }
        let back = String::from_utf8(hex::decode(back).ok()?).ok()?;
        Some(Self {
            state: state.into(),
            nonce: nonce.into(),
            pkce_verifier: pkce_verifier.into(),
            back,
        })
    }
}

/// What the provider sent back to the redirect URI.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// The ID token's claims beyond the standard ones (app roles, groups).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExtraClaims {
    #[serde(flatten)]
    other: BTreeMap<String, serde_json::Value>,
}
impl AdditionalClaims for ExtraClaims {}

impl ExtraClaims {
    /// A claim as a list of strings (a single string counts as one).
    fn strings(&self, name: &str) -> Vec<String> {
        match self.other.get(name) {
            Some(serde_json::Value::Array(values)) => values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Some(serde_json::Value::String(one)) => vec![one.clone()],
            _ => Vec::new(),
        }
    }
}

type TokenResponse = StandardTokenResponse<
    IdTokenFields<
        ExtraClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

type Client = openidconnect::Client<
    ExtraClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// The workspace's reqwest (rustls) as openidconnect's HTTP client. It
/// follows no redirects: a provider's answer is taken as it is.
#[derive(Clone)]
struct Http(reqwest::Client);

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

impl<'c> openidconnect::AsyncHttpClient<'c> for Http {
    type Error = HttpError;
    type Future =
        Pin<Box<dyn Future<Output = Result<openidconnect::HttpResponse, HttpError>> + Send + 'c>>;

    fn call(&'c self, request: openidconnect::HttpRequest) -> Self::Future {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let response = self
                .0
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers)
                .body(body)
                .send()
                .await
                .map_err(|e| HttpError(describe(&e)))?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .await
                .map_err(|e| HttpError(describe(&e)))?;
            let mut out = http::Response::new(body.to_vec());
            *out.status_mut() = status;
            *out.headers_mut() = headers;
            Ok(out)
        })
    }
}

/// Single sign-on of one installation.
pub struct Sso {
    config: OidcConfig,
    issuer: IssuerUrl,
    redirect_url: RedirectUrl,
    after_logout: Option<PostLogoutRedirectUrl>,
    http: Http,
    provider: tokio::sync::RwLock<Option<Arc<ProviderMetadataWithLogout>>>,
}

impl std::fmt::Debug for Sso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sso")
            .field("issuer", &self.config.issuer)
            .field("client_id", &self.config.client_id)
            .finish_non_exhaustive()
    }
}

impl Sso {
    /// Single sign-on for klacht served at `public_url` (the redirect URI
    /// is derived from it). Contacts nobody yet: the provider is asked on
    /// the first sign-in, so a provider that is down does not stop klacht.
    pub fn new(config: OidcConfig, public_url: &str) -> Result<Self, SsoError> {
        let issuer =
            IssuerUrl::new(config.issuer.clone()).map_err(|e| SsoError::Provider(e.to_string()))?;
        let redirect_url = RedirectUrl::new(OidcConfig::redirect_url(public_url))
            .map_err(|e| SsoError::Provider(e.to_string()))?;
        let after_logout =
            PostLogoutRedirectUrl::new(format!("{}/inloggen", public_url.trim_end_matches('/')))
                .ok();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("klacht/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SsoError::Provider(e.to_string()))?;
        Ok(Self {
            config,
            issuer,
            redirect_url,
            after_logout,
            http: Http(client),
            provider: tokio::sync::RwLock::new(None),
        })
    }

    pub fn config(&self) -> &OidcConfig {
        &self.config
    }

    /// The provider's metadata and keys, discovered once per process.
    async fn provider(&self) -> Result<Arc<ProviderMetadataWithLogout>, SsoError> {
        if let Some(p) = self.provider.read().await.as_ref() {
            return Ok(p.clone());
        }
        let mut slot = self.provider.write().await;
        if let Some(p) = slot.as_ref() {
            return Ok(p.clone());
        }
        let discovered =
            ProviderMetadataWithLogout::discover_async(self.issuer.clone(), &self.http)
                .await
                .map_err(|e| SsoError::Provider(describe(&e)))?;
        let discovered = Arc::new(discovered);
        *slot = Some(discovered.clone());
        Ok(discovered)
    }

    /// Fetches the provider's keys again (an ID token named a key the
    /// cache does not have).
    async fn refresh_keys(&self) -> Result<Arc<ProviderMetadataWithLogout>, SsoError> {
        let current = self.provider().await?;
        let keys = CoreJsonWebKeySet::fetch_async(current.jwks_uri(), &self.http)
            .await
            .map_err(|e| SsoError::Provider(describe(&e)))?;
        let refreshed = Arc::new((*current).clone().set_jwks(keys));
        *self.provider.write().await = Some(refreshed.clone());
        tracing::info!(issuer = %self.config.issuer, "single sign-on: provider keys fetched again");
        Ok(refreshed)
    }

    fn client(&self, provider: &ProviderMetadataWithLogout) -> Client {
        Client::from_provider_metadata(
            provider.clone(),
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(
                self.config.client_secret.expose_secret().to_owned(),
            )),
        )
        .set_redirect_uri(self.redirect_url.clone())
    }

    /// Where to send the browser to sign in, and what it must bring back.
    pub async fn begin(&self, back: String) -> Result<(String, Flow), SsoError> {
        let provider = self.provider().await?;
        let client = self.client(&provider);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url.to_string(),
            Flow {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                back,
            },
        ))
    }

    /// Exchanges the code the provider sent back for a verified ID token
    /// and the identity in it. `now` is the injected clock's: the token's
    /// expiry is checked against it.
    pub async fn finish(
        &self,
        callback: Callback,
        flow: Flow,
        now: Timestamp,
    ) -> Result<Identity, SsoError> {
        let state = callback.state.unwrap_or_default();
        if !same_secret(&state, &flow.state) {
            return Err(SsoError::Flow);
        }
        if let Some(error) = callback.error {
            let description = callback.error_description.unwrap_or_default();
            return Err(SsoError::Denied(
                format!("{error} {description}").trim().to_owned(),
            ));
        }
        let code = callback
            .code
            .filter(|c| !c.is_empty())
            .ok_or(SsoError::Flow)?;
        let provider = self.provider().await?;
        let client = self.client(&provider);
        let token = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| SsoError::Provider(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| SsoError::Token(describe(&e)))?;
        let id_token = openidconnect::TokenResponse::id_token(&token)
            .ok_or_else(|| SsoError::Token("geen ID-token".into()))?;
        let nonce = Nonce::new(flow.nonce);
        let at = chrono::DateTime::<chrono::Utc>::from_timestamp(
            now.as_second(),
            u32::try_from(now.subsec_nanosecond()).unwrap_or(0),
        )
        .ok_or_else(|| SsoError::Token("tijdstip buiten bereik".into()))?;
        let verify = |client: &Client| -> Result<Identity, ClaimsVerificationError> {
            let verifier = client.id_token_verifier().set_time_fn(move || at);
            let claims = id_token.claims(&verifier, &nonce)?;
            let email = match self.config.email_claim {
                EmailClaim::Email => claims.email().map(|e| e.as_str().to_owned()),
                EmailClaim::PreferredUsername => {
                    claims.preferred_username().map(|u| u.as_str().to_owned())
                }
            };
            Ok(Identity {
                email: email.unwrap_or_default(),
                subject: claims.subject().as_str().to_owned(),
                roles: self
                    .config
                    .role_claim
                    .as_deref()
                    .map(|name| claims.additional_claims().strings(name))
                    .unwrap_or_default(),
            })
        };
        let identity = match verify(&client) {
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                let provider = self.refresh_keys().await?;
                verify(&self.client(&provider))
            }
            other => other,
        }
        .map_err(|e| SsoError::IdToken {
            reason: reason_of(&e),
            detail: describe(&e),
        })?;
        if identity.email.trim().is_empty() {
            return Err(SsoError::NoEmail(self.config.email_claim.name()));
        }
        Ok(identity)
    }

    /// The provider's sign-out page, when it has one (and has been
    /// reached): after klacht's own sign-out the user may end the
    /// provider's session too.
    pub async fn end_session_url(&self) -> Option<String> {
        let provider = self.provider().await.ok()?;
        let endpoint = provider
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let mut request = LogoutRequest::from(endpoint)
            .set_client_id(ClientId::new(self.config.client_id.clone()));
        if let Some(after) = &self.after_logout {
            request = request.set_post_logout_redirect_uri(after.clone());
        }
        Some(request.http_get_url().to_string())
    }
}

/// Which check of the ID token failed, as the reason of
/// [`Code::SsoIdToken`].
fn reason_of(e: &ClaimsVerificationError) -> Code {
    match e {
        ClaimsVerificationError::Expired(_) => Code::SsoReasonExpired,
        ClaimsVerificationError::InvalidAudience(_) => Code::SsoReasonAudience,
        ClaimsVerificationError::InvalidNonce(_) => Code::SsoReasonNonce,
        ClaimsVerificationError::InvalidIssuer(_) => Code::SsoReasonIssuer,
        ClaimsVerificationError::SignatureVerification(_) => Code::SsoReasonSignature,
        _ => Code::SsoReasonOther,
    }
}

/// Constant-time comparison: the state is a secret of the browser.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// An error with its causes, for the log (the provider's words, never a
/// secret: requests are not part of these errors).
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flow_survives_its_cookie_and_rejects_tampering() {
        let flow = Flow {
            state: "c3RhdGU".into(),
            nonce: "bm9uY2U-_".into(),
            pkce_verifier: "dmVyaWZpZXI".into(),
            back: "/klachten?filter=open&x=ü".into(),
        };
        let value = flow.encode();
        assert!(
            value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        );
        assert_eq!(Flow::decode(&value), Some(flow));
        for bad in [
            "",
            "a.b.c",
            "a.b.c.2f.e",
            "a b.c.d.2f",
            "a.b.c.zz",
            "a..c.2f",
        ] {
            assert_eq!(Flow::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn role_claims_are_read_as_lists_of_strings() {
        let claims: ExtraClaims = serde_json::from_value(serde_json::json!({
            "roles": ["Klacht.Kwaliteit", 3, "Klacht.Directie"],
            "groups": "f1e2",
        }))
        .expect("claims");
        assert_eq!(
            claims.strings("roles"),
            ["Klacht.Kwaliteit", "Klacht.Directie"]
        );
        assert_eq!(claims.strings("groups"), ["f1e2"]);
        assert!(claims.strings("wids").is_empty());
    }
}
