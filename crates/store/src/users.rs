//! Staff accounts, sessions, sign-in failures and API tokens.

use std::future::Future;

use jiff::Timestamp;
use klacht_domain::{Email, UserId};

use crate::{ApiToken, LoginFailures, NewUser, Session, StoreError, UserRecord};

/// Staff accounts, their sessions, sign-in failures and API tokens.
pub trait UserStore: Send + Sync {
    fn create_user(&self, user: NewUser) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn list_users(&self) -> impl Future<Output = Result<Vec<UserRecord>, StoreError>> + Send;

    fn user_by_email(
        &self,
        email: &Email,
    ) -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    fn user_by_id(
        &self,
        id: UserId,
    ) -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    fn create_session(
        &self,
        session: &Session,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The session with this token hash and its user, when it has not
    /// expired at `now` and the user is active.
    fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<(Session, UserRecord)>, StoreError>> + Send;

    fn delete_session(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Signs a user out everywhere except, optionally, one session.
    fn delete_sessions_of(
        &self,
        user: UserId,
        except_token_hash: Option<&str>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn set_password_hash(
        &self,
        user: UserId,
        hash: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The language a user chose for pages and mail (`None`: no choice).
    fn set_user_language(
        &self,
        user: UserId,
        language: Option<klacht_domain::Language>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn login_failures(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<Option<LoginFailures>, StoreError>> + Send;

    /// Counts one attempt under `key` in one statement, so that attempts
    /// running at once each see their own number: the count restarts when
    /// the window began before `window_start` (and no lock holds) or a lock
    /// has passed at `now`. Answers the count after this attempt.
    fn count_attempt(
        &self,
        key: &str,
        now: Timestamp,
        window_start: Timestamp,
    ) -> impl Future<Output = Result<LoginFailures, StoreError>> + Send;

    /// Locks `key` until `until`, unless a lock holds already.
    fn lock_attempts(
        &self,
        key: &str,
        until: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The latest lock on signing in to an account that still holds at
    /// `now`: its own or that of any address (`{email}|{address}`).
    fn sign_in_locked_until(
        &self,
        email: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<Timestamp>, StoreError>> + Send;

    fn clear_login_failures(
        &self,
        key: &str,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    fn create_api_token(
        &self,
        token: &ApiToken,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The active user of an unrevoked token.
    fn user_by_api_token(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<UserRecord>, StoreError>> + Send;

    /// Revokes every token of a user; returns how many were active.
    fn revoke_api_tokens(
        &self,
        user: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// The users with these ids, in no particular order; unknown ids are
    /// left out. One query, so that a page of complaints names its people
    /// without a query per row.
    fn users_by_ids(
        &self,
        ids: &[UserId],
    ) -> impl Future<Output = Result<Vec<UserRecord>, StoreError>> + Send;

    /// Whether the user put away the first sign-in tour of their start
    /// page (migration 0019).
    fn tour_dismissed(&self, user: UserId)
    -> impl Future<Output = Result<bool, StoreError>> + Send;

    /// Remembers that the user put the tour away; a second time keeps the
    /// first moment.
    fn dismiss_tour(
        &self,
        user: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}
