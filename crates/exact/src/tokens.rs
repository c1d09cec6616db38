//! OAuth2 tokens of Exact Online, kept in the settings table encrypted
//! with `KLACHT_SECRET_KEY` (XChaCha20-Poly1305, a fresh random nonce per
//! write, the setting's name as associated data). A copy of the database
//! alone does not give access to Exact.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use jiff::Timestamp;
use klacht_store::Store;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::ExactError;

/// The setting that holds Exact Online's tokens.
pub const TOKENS_SETTING: &str = "exact.online.tokens";

/// Prefix of the stored form, so the format can change later.
const VERSION: &str = "v1:";
const NONCE_LEN: usize = 24;

/// The key that encrypts stored secrets.
#[derive(Clone)]
pub struct SecretKey(Key);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl SecretKey {
    /// 32 bytes as 64 hex digits (`openssl rand -hex 32`).
    pub fn from_hex(hex_key: &str) -> Result<Self, ExactError> {
        let bytes = hex::decode(hex_key.trim())
            .ok()
            .filter(|b| b.len() == 32)
            .ok_or_else(|| {
                ExactError::Permanent("KLACHT_SECRET_KEY moet 64 hexadecimale tekens zijn".into())
            })?;
        let key = Key::try_from(bytes.as_slice()).map_err(|_| {
            ExactError::Permanent("KLACHT_SECRET_KEY moet 64 hexadecimale tekens zijn".into())
        })?;
        Ok(Self(key))
    }

    /// Encrypts `plaintext`, bound to `context` (the setting's name).
    pub fn seal(&self, context: &str, plaintext: &[u8]) -> Result<String, ExactError> {
        let cipher = XChaCha20Poly1305::new(&self.0);
        let nonce = XNonce::generate();
        let sealed = cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| ExactError::Permanent("versleutelen mislukt".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{VERSION}{}", BASE64.encode(out)))
    }

    /// Decrypts what [`SecretKey::seal`] wrote for the same `context`.
    pub fn open(&self, context: &str, stored: &str) -> Result<Vec<u8>, ExactError> {
        let unreadable = || {
            ExactError::Permanent(format!(
                "de opgeslagen gegevens '{context}' zijn niet te ontsleutelen: ander \
                 KLACHT_SECRET_KEY of beschadigd; koppel Exact Online opnieuw"
            ))
        };
        let raw = stored
            .strip_prefix(VERSION)
            .and_then(|b| BASE64.decode(b).ok())
            .filter(|r| r.len() > NONCE_LEN)
            .ok_or_else(unreadable)?;
        let (nonce, sealed) = raw.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| unreadable())?;
        XChaCha20Poly1305::new(&self.0)
            .decrypt(
                &nonce,
                Payload {
                    msg: sealed,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| unreadable())
    }
}

/// Exact Online's tokens. The access token lives ten minutes; each
/// refresh also hands out a new refresh token and retires the old one.
#[derive(Clone)]
pub struct Tokens {
    pub access_token: SecretString,
    pub expires_at: Timestamp,
    pub refresh_token: SecretString,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl Tokens {
    /// Only a refresh token, as the administrator hands it over: the first
    /// use refreshes it.
    pub fn from_refresh_token(refresh_token: SecretString) -> Self {
        Self {
            access_token: SecretString::from(String::new()),
            expires_at: Timestamp::UNIX_EPOCH,
            refresh_token,
        }
    }

    /// Whether the access token is still good at `now`, with a margin for
    /// the request's own travel time.
    pub fn fresh_at(&self, now: Timestamp) -> bool {
        !self.access_token.expose_secret().is_empty()
            && now + jiff::SignedDuration::from_secs(30) < self.expires_at
    }
}

#[derive(Serialize, Deserialize)]
struct StoredTokens {
    access_token: String,
    expires_at: Timestamp,
    refresh_token: String,
}

/// Reads and writes [`Tokens`] in the settings table, encrypted.
#[derive(Clone)]
pub struct TokenStore<S> {
    store: S,
    key: SecretKey,
}

impl<S: Store> TokenStore<S> {
    pub fn new(store: S, key: SecretKey) -> Self {
        Self { store, key }
    }

    pub async fn load(&self) -> Result<Option<Tokens>, ExactError> {
        let Some(sealed) = self
            .store
            .setting(TOKENS_SETTING)
            .await
            .map_err(store_error)?
        else {
            return Ok(None);
        };
        let plain = self.key.open(TOKENS_SETTING, &sealed)?;
        let stored: StoredTokens = serde_json::from_slice(&plain).map_err(|e| {
            ExactError::Permanent(format!(
                "opgeslagen tokens van Exact Online onleesbaar: {e}"
            ))
        })?;
        Ok(Some(Tokens {
            access_token: stored.access_token.into(),
            expires_at: stored.expires_at,
            refresh_token: stored.refresh_token.into(),
        }))
    }

    pub async fn save(&self, tokens: &Tokens) -> Result<(), ExactError> {
        let stored = StoredTokens {
            access_token: tokens.access_token.expose_secret().to_owned(),
            expires_at: tokens.expires_at,
            refresh_token: tokens.refresh_token.expose_secret().to_owned(),
        };
        let plain = serde_json::to_vec(&stored)
            .map_err(|e| ExactError::Permanent(format!("tokens niet op te slaan: {e}")))?;
        let sealed = self.key.seal(TOKENS_SETTING, &plain)?;
        self.store
            .put_setting(TOKENS_SETTING, &sealed)
            .await
            .map_err(store_error)
    }
}

fn store_error(e: klacht_store::StoreError) -> ExactError {
    ExactError::Retryable(format!("database: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn sealed_text_opens_only_with_its_key_and_context() {
        let key = SecretKey::from_hex(KEY).expect("key");
        let a = key.seal("ctx", b"geheim").expect("seal");
        let b = key.seal("ctx", b"geheim").expect("seal");
        assert_ne!(a, b, "a fresh nonce per write");
        assert!(!a.contains("geheim"));
        assert_eq!(key.open("ctx", &a).expect("open"), b"geheim");
        assert!(key.open("other", &a).is_err(), "bound to its context");
        let other = SecretKey::from_hex(&KEY.replace('0', "f")).expect("key");
        assert!(other.open("ctx", &a).is_err(), "another key cannot open it");
        let mut tampered = a.clone();
        tampered.pop();
        tampered.push('A');
        assert!(key.open("ctx", &tampered).is_err());
        assert!(SecretKey::from_hex("abc").is_err());
    }

    #[test]
    fn a_handed_over_refresh_token_is_not_fresh() {
        let t = Tokens::from_refresh_token("geheim-token".to_owned().into());
        assert!(!t.fresh_at(klacht_clock::test_now()));
        assert!(
            !format!("{t:?}").contains("geheim"),
            "Debug hides the tokens"
        );
    }
}
