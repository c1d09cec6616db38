//! Passwords: argon2id with a random salt, in PHC string form. Hashing is
//! deliberately slow, so it runs on the blocking pool, never on the async
//! worker threads.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use secrecy::{ExposeSecret, SecretString};

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn")]
    TooShort,
    #[error("wachtwoord hashen mislukt: {0}")]
    Hash(String),
    #[error("de hashtaak is afgebroken")]
    Join(#[from] tokio::task::JoinError),
}

/// The shortest password accepted (NCSC advice: length over complexity).
pub const MIN_LENGTH: usize = 10;

pub async fn hash_password(password: SecretString) -> Result<String, PasswordError> {
    if password.expose_secret().chars().count() < MIN_LENGTH {
        return Err(PasswordError::TooShort);
    }
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.expose_secret().as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| PasswordError::Hash(e.to_string()))
    })
    .await?
}

/// True when `password` matches the stored hash. A malformed stored hash
/// verifies nothing.
pub async fn verify_password(password: SecretString, hash: String) -> Result<bool, PasswordError> {
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.expose_secret().as_bytes(), &parsed)
            .is_ok()
    })
    .await
    .map_err(PasswordError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("correct horse battery".into())
            .await
            .expect("hash");
        let b = hash_password("correct horse battery".into())
            .await
            .expect("hash");
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(
            verify_password("correct horse battery".into(), a.clone())
                .await
                .expect("verify")
        );
        assert!(
            !verify_password("wrong horse battery".into(), a)
                .await
                .expect("verify")
        );
        assert!(
            !verify_password("anything at all".into(), "not a hash".into())
                .await
                .expect("verify")
        );
    }

    #[tokio::test]
    async fn short_passwords_are_refused() {
        assert!(matches!(
            hash_password("kort".into()).await,
            Err(PasswordError::TooShort)
        ));
    }
}
