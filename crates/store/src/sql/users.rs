//! Staff accounts, sessions, sign-in failures and API tokens, expanded
//! inside each backend's `store_impl` module next to the shared row helpers,
//! as its `UserStore`.

macro_rules! users_queries {
    () => {
            impl $crate::UserStore for StoreTy {
                async fn create_user(&self, user: NewUser) -> Result<(), StoreError> {
                    let mut conn = self.writer().acquire().await?;
                    insert_user(&mut conn, &user).await?;
                    Ok(())
                }

                async fn list_users(&self) -> Result<Vec<UserRecord>, StoreError> {
                    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY name, email");
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .fetch_all(self.reader())
                        .await?;
                    rows.iter().map(user_from_row).collect()
                }

                async fn user_by_email(&self, email: &Email) -> Result<Option<UserRecord>, StoreError> {
                    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(email.as_str())
                        .fetch_optional(self.reader())
                        .await?;
                    row.as_ref().map(user_from_row).transpose()
                }

                async fn user_by_id(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
                    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(id.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    row.as_ref().map(user_from_row).transpose()
                }

                async fn create_session(&self, session: &Session) -> Result<(), StoreError> {
                    sqlx::query(
                        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&session.token_hash)
                    .bind(session.user_id.to_string())
                    .bind(&session.csrf_token)
                    .bind(micros(session.created_at))
                    .bind(micros(session.expires_at))
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn session(
                    &self,
                    token_hash: &str,
                    now: Timestamp,
                ) -> Result<Option<(Session, UserRecord)>, StoreError> {
                    let sql = format!(
                        "SELECT s.token_hash, s.csrf_token, s.created_at AS s_created, s.expires_at, \
                         u.{} FROM sessions s JOIN users u ON u.id = s.user_id \
                         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = TRUE",
                        USER_COLUMNS.replace(", ", ", u.")
                    );
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(token_hash)
                        .bind(micros(now))
                        .fetch_optional(self.reader())
                        .await?;
                    let Some(row) = row else { return Ok(None) };
                    let user = user_from_row(&row)?;
                    let session = Session {
                        token_hash: row.try_get("token_hash")?,
                        user_id: user.user.id,
                        csrf_token: row.try_get("csrf_token")?,
                        created_at: from_micros(row.try_get("s_created")?)?,
                        expires_at: from_micros(row.try_get("expires_at")?)?,
                    };
                    Ok(Some((session, user)))
                }

                async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
                    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                        .bind(token_hash)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn delete_sessions_of(
                    &self,
                    user: UserId,
                    except_token_hash: Option<&str>,
                ) -> Result<(), StoreError> {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                        .bind(user.to_string())
                        .bind(except_token_hash.unwrap_or(""))
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn set_password_hash(&self, user: UserId, hash: &str) -> Result<(), StoreError> {
                    let done = sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
                        .bind(user.to_string())
                        .bind(hash)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(())
                }

                async fn set_user_language(
                    &self,
                    user: UserId,
                    language: Option<klacht_domain::Language>,
                ) -> Result<(), StoreError> {
                    let done = sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
                        .bind(user.to_string())
                        .bind(language.map(|l| l.code()))
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(())
                }

                async fn login_failures(&self, email: &str) -> Result<Option<LoginFailures>, StoreError> {
                    let row = sqlx::query(
                        "SELECT failures, first_failure_at, locked_until FROM login_failures WHERE email = $1",
                    )
                    .bind(email)
                    .fetch_optional(self.writer())
                    .await?;
                    let Some(row) = row else { return Ok(None) };
                    let locked: Option<i64> = row.try_get("locked_until")?;
                    Ok(Some(LoginFailures {
                        failures: u32::try_from(row.try_get::<i32, _>("failures")?).unwrap_or(0),
                        first_failure_at: from_micros(row.try_get("first_failure_at")?)?,
                        locked_until: locked.map(from_micros).transpose()?,
                    }))
                }

                async fn count_attempt(
                    &self,
                    key: &str,
                    now: Timestamp,
                    window_start: Timestamp,
                ) -> Result<LoginFailures, StoreError> {
                    // SET reads the row as it was, in both databases.
                    let row = sqlx::query(
                        "INSERT INTO login_failures (email, failures, first_failure_at, locked_until) \
                         VALUES ($1, 1, $2, NULL) ON CONFLICT (email) DO UPDATE SET \
                         failures = CASE WHEN (login_failures.locked_until IS NULL \
                             AND login_failures.first_failure_at < $3) \
                             OR login_failures.locked_until <= $2 \
                             THEN 1 ELSE login_failures.failures + 1 END, \
                         first_failure_at = CASE WHEN (login_failures.locked_until IS NULL \
                             AND login_failures.first_failure_at < $3) \
                             OR login_failures.locked_until <= $2 \
                             THEN $2 ELSE login_failures.first_failure_at END, \
                         locked_until = CASE WHEN login_failures.locked_until <= $2 \
                             THEN NULL ELSE login_failures.locked_until END \
                         RETURNING failures, first_failure_at, locked_until",
                    )
                    .bind(key)
                    .bind(micros(now))
                    .bind(micros(window_start))
                    .fetch_one(self.writer())
                    .await?;
                    let locked: Option<i64> = row.try_get("locked_until")?;
                    Ok(LoginFailures {
                        failures: u32::try_from(row.try_get::<i32, _>("failures")?).unwrap_or(0),
                        first_failure_at: from_micros(row.try_get("first_failure_at")?)?,
                        locked_until: locked.map(from_micros).transpose()?,
                    })
                }

                async fn lock_attempts(&self, key: &str, until: Timestamp) -> Result<(), StoreError> {
                    sqlx::query(
                        "UPDATE login_failures SET locked_until = $2 \
                         WHERE email = $1 AND locked_until IS NULL",
                    )
                    .bind(key)
                    .bind(micros(until))
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn sign_in_locked_until(
                    &self,
                    email: &str,
                    now: Timestamp,
                ) -> Result<Option<Timestamp>, StoreError> {
                    let prefix = format!("{email}|");
                    let until: Option<i64> = sqlx::query(
                        "SELECT MAX(locked_until) FROM login_failures \
                         WHERE (email = $1 OR substr(email, 1, $2) = $3) AND locked_until > $4",
                    )
                    .bind(email)
                    .bind(i32::try_from(prefix.chars().count()).unwrap_or(i32::MAX))
                    .bind(&prefix)
                    .bind(micros(now))
                    .fetch_one(self.reader())
                    .await?
                    .try_get(0)?;
                    until.map(from_micros).transpose()
                }

                async fn clear_login_failures(&self, email: &str) -> Result<(), StoreError> {
                    sqlx::query("DELETE FROM login_failures WHERE email = $1")
                        .bind(email)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn create_api_token(&self, token: &ApiToken) -> Result<(), StoreError> {
                    sqlx::query(
                        "INSERT INTO api_tokens (id, user_id, token_hash, created_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(token.id.to_string())
                    .bind(token.user_id.to_string())
                    .bind(&token.token_hash)
                    .bind(micros(token.created_at))
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn user_by_api_token(&self, token_hash: &str) -> Result<Option<UserRecord>, StoreError> {
                    let sql = format!(
                        "SELECT u.{} FROM api_tokens t JOIN users u ON u.id = t.user_id \
                         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = TRUE",
                        USER_COLUMNS.replace(", ", ", u.")
                    );
                    // Cached for a moment (see `cache`): every API request
                    // asks, and changes here empty the cache.
                    if let Some(user) = self.cache().token(token_hash) {
                        return Ok(Some(user));
                    }
                    let stamp = self.cache().token_stamp();
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(token_hash)
                        .fetch_optional(self.reader())
                        .await?;
                    let user = row.as_ref().map(user_from_row).transpose()?;
                    if let Some(user) = &user {
                        self.cache().put_token(token_hash, user, stamp);
                    }
                    Ok(user)
                }

                async fn revoke_api_tokens(&self, user: UserId, at: Timestamp) -> Result<u64, StoreError> {
                    let done = sqlx::query(
                        "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                    )
                    .bind(user.to_string())
                    .bind(micros(at))
                    .execute(self.writer())
                    .await;
                    self.cache().users_changed();
                    Ok(done?.rows_affected())
                }

                async fn users_by_ids(&self, ids: &[UserId]) -> Result<Vec<UserRecord>, StoreError> {
                    let mut users = Vec::with_capacity(ids.len());
                    for chunk in id_batches(ids) {
                        let mut q: QueryBuilder<Db> =
                            QueryBuilder::new(format!("SELECT {USER_COLUMNS} FROM users WHERE id IN ("));
                        let mut list = q.separated(", ");
                        for id in chunk {
                            list.push_bind(id);
                        }
                        q.push(")");
                        let rows = q.build().fetch_all(self.reader()).await?;
                        for row in &rows {
                            users.push(user_from_row(row)?);
                        }
                    }
                    Ok(users)
                }

                async fn tour_dismissed(&self, user: UserId) -> Result<bool, StoreError> {
                    let row = sqlx::query("SELECT 1 FROM tour_dismissals WHERE user_id = $1")
                        .bind(user.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    Ok(row.is_some())
                }

                async fn dismiss_tour(&self, user: UserId, at: Timestamp) -> Result<(), StoreError> {
                    sqlx::query(
                        "INSERT INTO tour_dismissals (user_id, dismissed_at) VALUES ($1, $2) \
                         ON CONFLICT (user_id) DO NOTHING",
                    )
                    .bind(user.to_string())
                    .bind(micros(at))
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }
            }
    };
}

pub(crate) use users_queries;
