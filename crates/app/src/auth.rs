//! Signing in and out, sessions, lock-out and API tokens.
//!
//! Tokens are 256 random bits shown to the user once; the store keeps only
//! their SHA-256 hash. Guesses at a password are counted before they are
//! checked, per e-mail address and client (known addresses or not, so the
//! answer never tells which exist) and per address from everywhere.

use std::net::IpAddr;

use jiff::{SignedDuration, Timestamp};
use klacht_domain::{Email, Role, User};
use klacht_store::{ApiToken, Session, Store, StoreError, UserRecord};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use crate::password::{self, PasswordError};

/// How long a sign-in lasts.
pub const SESSION_LIFETIME: SignedDuration = SignedDuration::from_hours(12);
/// Guessing is limited per account and client address: [`MAX_FAILURES`]
/// attempts within [`FAILURE_WINDOW`] lock that pair for
/// [`LOCK_DURATION`], so someone elsewhere cannot lock a colleague (or the
/// administrator) out. A slower limit per account, [`ACCOUNT_MAX_FAILURES`]
/// from all addresses together, stops guessing from many addresses; the
/// administrator can lift it (Beheer > Gebruikers).
pub const MAX_FAILURES: u32 = 5;
pub const FAILURE_WINDOW: SignedDuration = SignedDuration::from_mins(15);
pub const LOCK_DURATION: SignedDuration = SignedDuration::from_mins(15);
pub const ACCOUNT_MAX_FAILURES: u32 = 25;

/// A valid argon2id hash of a random password, verified against when the
/// address is unknown so both answers take as long.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2i3ptmQ0+I7xWmbx4hFbp3fK5DHYp8QIsq7v4b4kB1o";

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("E-mailadres of wachtwoord onjuist.")]
    BadCredentials,
    #[error("Te veel mislukte pogingen. Probeer het na {until} opnieuw.")]
    Locked { until: String },
    #[error("Het huidige wachtwoord klopt niet.")]
    WrongCurrentPassword,
    #[error("De nieuwe wachtwoorden zijn niet gelijk.")]
    Mismatch,
    #[error(
        "Inloggen met een wachtwoord is uitgeschakeld; alleen de beheerder kan dat nog. Gebruik de knop voor single sign-on."
    )]
    PasswordSignInOff,
    /// Single sign-on worked, but no staff account has this address.
    #[error("Er is geen account in klacht voor {email}.")]
    UnknownAccount { email: String },
    /// Single sign-on worked, but the account is deactivated.
    #[error("Het account {email} is gedeactiveerd.")]
    Deactivated { email: String },
    #[error(transparent)]
    Sso(#[from] crate::sso::SsoError),
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A fresh random token, hex encoded.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode(bytes))
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A signed-in browser: the token goes into the cookie, never the store.
pub struct SignedIn {
    pub token: SecretString,
    pub session: Session,
    pub user: User,
}

fn random() -> Result<String, AuthError> {
    new_token().map_err(|e| AuthError::Password(PasswordError::Hash(e.to_string())))
}

fn local_time(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap_or(jiff::tz::TimeZone::UTC))
        .strftime("%H:%M")
        .to_string()
}

/// One guess at a secret, counted before it is checked: attempts running
/// at once each get their own number (one atomic statement per key), so
/// the sixth is refused however many arrive together.
struct Guess {
    /// (key, limit) pairs this guess counts against.
    keys: Vec<(String, u32)>,
    /// The counts after this guess, in the order of `keys`.
    counts: Vec<u32>,
}

impl Guess {
    async fn count<S: Store>(
        store: &S,
        keys: Vec<(String, u32)>,
        now: Timestamp,
    ) -> Result<Self, AuthError> {
        let mut counts = Vec::with_capacity(keys.len());
        for (key, limit) in &keys {
            let f = store.count_attempt(key, now, now - FAILURE_WINDOW).await?;
            if let Some(until) = f.locked_until.filter(|u| *u > now) {
                return Err(locked(until));
            }
            if f.failures > *limit {
                let until = now + LOCK_DURATION;
                store.lock_attempts(key, until).await?;
                return Err(locked(until));
            }
            counts.push(f.failures);
        }
        Ok(Self { keys, counts })
    }

    /// The guess was wrong: a key at its limit locks now.
    async fn failed<S: Store>(self, store: &S, now: Timestamp) -> Result<AuthError, AuthError> {
        for ((key, limit), count) in self.keys.iter().zip(&self.counts) {
            if count >= limit {
                let until = now + LOCK_DURATION;
                store.lock_attempts(key, until).await?;
                return Ok(locked(until));
            }
        }
        Ok(AuthError::BadCredentials)
    }

    /// The guess was right: the counts start over.
    async fn succeeded<S: Store>(self, store: &S) -> Result<(), AuthError> {
        for (key, _) in &self.keys {
            store.clear_login_failures(key).await?;
        }
        Ok(())
    }
}

fn locked(until: Timestamp) -> AuthError {
    AuthError::Locked {
        until: local_time(until),
    }
}

/// Who may sign in with a password (configuration `[oidc]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordSignIn {
    Everyone,
    /// Single sign-on for everyone else; the administrator keeps a way in
    /// when the provider is down.
    AdminOnly,
}

/// Signs in from `client`. Failures are counted per address and client
/// (known addresses or not, so the answer never tells which exist) and per
/// address from everywhere.
pub async fn sign_in<S: Store>(
    store: &S,
    email: &str,
    password: SecretString,
    client: IpAddr,
    now: Timestamp,
    allowed: PasswordSignIn,
) -> Result<SignedIn, AuthError> {
    let key = email.trim().to_lowercase();
    let guess = Guess::count(
        store,
        vec![
            (format!("{key}|{client}"), MAX_FAILURES),
            (key.clone(), ACCOUNT_MAX_FAILURES),
        ],
        now,
    )
    .await?;
    let record = match Email::parse(&key) {
        Ok(email) => store.user_by_email(&email).await?,
        Err(_) => None,
    };
    let hash = record
        .as_ref()
        .filter(|r| r.active)
        .and_then(|r| r.password_hash.clone());
    let matches =
        password::verify_password(password, hash.clone().unwrap_or_else(|| DUMMY_HASH.into()))
            .await?;
    let user = match (record, hash.is_some() && matches) {
        (Some(r), true) => r.user,
        _ => return Err(guess.failed(store, now).await?),
    };
    guess.succeeded(store).await?;
    // Told only to whoever knows the password: the answer reveals nothing
    // about which addresses exist.
    if allowed == PasswordSignIn::AdminOnly && user.role != Role::Admin {
        return Err(AuthError::PasswordSignInOff);
    }
    start_session(store, user, now).await
}

/// The one way a session starts, after a password or single sign-on.
async fn start_session<S: Store>(
    store: &S,
    user: User,
    now: Timestamp,
) -> Result<SignedIn, AuthError> {
    let token = random()?;
    let session = Session {
        token_hash: hash_token(&token),
        user_id: user.id,
        csrf_token: random()?,
        created_at: now,
        expires_at: now + SESSION_LIFETIME,
    };
    store.create_session(&session).await?;
    Ok(SignedIn {
        token: token.into(),
        session,
        user,
    })
}

/// Finishes a single sign-on from `client`: the provider's answer becomes
/// a verified identity ([`crate::sso`]), which must belong to an active
/// staff account (found by e-mail address). Failures of any kind are
/// counted per client address against the same limits as passwords.
/// With role mapping on, the account takes the role the provider names
/// (logged in the Logboek) before the session starts.
pub async fn sign_in_sso<S: Store>(
    store: &S,
    sso: &crate::sso::Sso,
    answer: (crate::sso::Callback, crate::sso::Flow),
    client: IpAddr,
    now: Timestamp,
) -> Result<(SignedIn, crate::sso::Identity), AuthError> {
    let guess = Guess::count(store, vec![(format!("sso|{client}"), MAX_FAILURES)], now).await?;
    let (callback, flow) = answer;
    let identity = match sso.finish(callback, flow, now).await {
        Ok(identity) => identity,
        // The provider being down is no guess.
        Err(e @ crate::sso::SsoError::Provider(_)) => return Err(e.into()),
        Err(e) => {
            return Err(match guess.failed(store, now).await? {
                AuthError::BadCredentials => e.into(),
                locked => locked,
            });
        }
    };
    let email = identity.email.trim().to_lowercase();
    let record = match Email::parse(&email) {
        Ok(parsed) => store.user_by_email(&parsed).await?,
        Err(_) => None,
    };
    let refusal = match &record {
        None => Some(AuthError::UnknownAccount { email }),
        Some(r) if !r.active => Some(AuthError::Deactivated { email }),
        Some(_) => None,
    };
    if let Some(refusal) = refusal {
        return Err(match guess.failed(store, now).await? {
            AuthError::BadCredentials => refusal,
            locked => locked,
        });
    }
    guess.succeeded(store).await?;
    let Some(record) = record else {
        return Err(StoreError::NotFound.into());
    };
    let mut user = record.user;
    if let Some(role) = sso
        .config()
        .mapped_role(identity.roles.iter().map(String::as_str))
    {
        user = crate::admin::take_provider_role(store, user, role, now).await?;
    }
    Ok((start_session(store, user, now).await?, identity))
}

/// Until when signing in to `email` is locked at `now`, from everywhere
/// or from some address (Beheer shows it, and can lift it).
pub async fn locked_until<S: Store>(
    store: &S,
    email: &Email,
    now: Timestamp,
) -> Result<Option<Timestamp>, AuthError> {
    Ok(store.sign_in_locked_until(email.as_str(), now).await?)
}

/// The session and user behind a cookie token, if still valid.
pub async fn session_of<S: Store>(
    store: &S,
    token: &str,
    now: Timestamp,
) -> Result<Option<(Session, User)>, StoreError> {
    Ok(session_record(store, token, now)
        .await?
        .map(|(s, u)| (s, u.user)))
}

/// As [`session_of`], with the whole account (its chosen language too).
pub async fn session_record<S: Store>(
    store: &S,
    token: &str,
    now: Timestamp,
) -> Result<Option<(Session, UserRecord)>, StoreError> {
    store.session(&hash_token(token), now).await
}

/// What a password change needs besides the passwords.
pub struct PasswordChange<'a> {
    pub user: &'a User,
    /// The session making the change stays signed in.
    pub current_session_hash: &'a str,
    pub now: Timestamp,
}

/// Changes the password and signs the user out everywhere else. Guessing
/// the current password is limited as signing in is.
pub async fn change_password<S: Store>(
    store: &S,
    change: PasswordChange<'_>,
    current: SecretString,
    new: SecretString,
    repeat: SecretString,
) -> Result<(), AuthError> {
    let PasswordChange {
        user,
        current_session_hash,
        now,
    } = change;
    let guess = Guess::count(
        store,
        vec![(format!("password:{}", user.id), MAX_FAILURES)],
        now,
    )
    .await?;
    let record = store
        .user_by_id(user.id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let hash = record.password_hash.unwrap_or_else(|| DUMMY_HASH.into());
    if !password::verify_password(current, hash).await? {
        return Err(match guess.failed(store, now).await? {
            AuthError::BadCredentials => AuthError::WrongCurrentPassword,
            locked => locked,
        });
    }
    guess.succeeded(store).await?;
    if new.expose_secret() != repeat.expose_secret() {
        return Err(AuthError::Mismatch);
    }
    let hash = password::hash_password(new).await?;
    store.set_password_hash(user.id, &hash).await?;
    store
        .delete_sessions_of(user.id, Some(current_session_hash))
        .await?;
    Ok(())
}

/// A new API token for `user`; the caller shows it once.
pub async fn issue_api_token<S: Store>(
    store: &S,
    user: &User,
    now: Timestamp,
) -> Result<SecretString, AuthError> {
    let token = random()?;
    store
        .create_api_token(&ApiToken {
            id: uuid::Uuid::now_v7(),
            user_id: user.id,
            token_hash: hash_token(&token),
            created_at: now,
        })
        .await?;
    Ok(token.into())
}

pub async fn user_of_api_token<S: Store>(
    store: &S,
    token: &str,
) -> Result<Option<User>, StoreError> {
    Ok(store
        .user_by_api_token(&hash_token(token))
        .await?
        .map(|r| r.user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let a = new_token().expect("random");
        let b = new_token().expect("random");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[tokio::test]
    async fn the_dummy_hash_is_a_real_argon2id_hash() {
        // If it did not parse, unknown addresses would answer faster.
        assert!(
            !password::verify_password("whatever at all".into(), DUMMY_HASH.into())
                .await
                .expect("verify")
        );
        assert!(argon2::password_hash::phc::PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
