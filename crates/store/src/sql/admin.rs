//! Queries of the overview and the administration (Overzicht, Beheer),
//! expanded inside each backend's `store_impl` module next to the shared
//! row helpers, as the backend's `AdminStore`.

macro_rules! admin_queries {
    () => {

            /// Status moves kept before reading the counts folds them.
            const FOLD_AT: i64 = 2_000;

            /// Replaces the status moves by one row per status. Only the rows
            /// it deletes are summed, so moves that other transactions add
            /// meanwhile stay as they are.
            async fn fold_status_moves(store: &StoreTy) -> Result<(), StoreError> {
                let mut tx = store.writer().begin().await?;
                let deleted = sqlx::query("DELETE FROM complaint_status_moves RETURNING status, delta")
                    .fetch_all(&mut *tx)
                    .await?;
                let mut sums: std::collections::BTreeMap<String, i64> = Default::default();
                for r in &deleted {
                    *sums.entry(r.try_get(0)?).or_default() += r.try_get::<i64, _>(1)?;
                }
                for (status, n) in sums.iter().filter(|(_, n)| **n != 0) {
                    move_status(&mut tx, status, *n).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            /// The same for the due moves: one row per step for the dates
            /// before `today` (they stay overdue on every later day, so
            /// their dates no longer matter; the clock does not go back) and
            /// one per (step, date) from today on.
            async fn fold_due_moves(store: &StoreTy, today: jiff::civil::Date) -> Result<(), StoreError> {
                let past = today
                    .yesterday()
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?
                    .to_string();
                let today = today.to_string();
                let mut tx = store.writer().begin().await?;
                let deleted = sqlx::query(
                    "DELETE FROM complaint_due_moves RETURNING next_step, next_due, delta",
                )
                .fetch_all(&mut *tx)
                .await?;
                let mut sums: std::collections::BTreeMap<(String, String), i64> = Default::default();
                for r in &deleted {
                    let due: String = r.try_get(1)?;
                    let due = if due < today { past.clone() } else { due };
                    *sums.entry((r.try_get(0)?, due)).or_default() += r.try_get::<i64, _>(2)?;
                }
                for ((step, due), n) in sums.iter().filter(|(_, n)| **n != 0) {
                    sqlx::query(
                        "INSERT INTO complaint_due_moves (next_step, next_due, delta) VALUES ($1, $2, $3)",
                    )
                    .bind(step)
                    .bind(due)
                    .bind(*n)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            impl $crate::AdminStore for StoreTy {
                async fn complaint_counts(
                    &self,
                    today: jiff::civil::Date,
                ) -> Result<$crate::ComplaintCounts, StoreError> {
                    // One read transaction, so both counts see the same moment.
                    let mut tx = self.reader().begin().await?;
                    let count = |r: &DbRow| -> Result<(String, u64), StoreError> {
                        let n: i64 = r.try_get(1)?;
                        Ok((r.try_get(0)?, u64::try_from(n).unwrap_or(0)))
                    };
                    // The sums of the status moves (migration 0026), not a
                    // count of the table; their number says when to fold.
                    let moves = sqlx::query(
                        "SELECT status, CAST(SUM(delta) AS BIGINT), COUNT(*) FROM complaint_status_moves \
                         GROUP BY status ORDER BY status",
                    )
                    .fetch_all(&mut *tx)
                    .await?;
                    let mut by_status: Vec<(String, u64)> = Vec::new();
                    let mut rows = 0i64;
                    for r in &moves {
                        rows += r.try_get::<i64, _>(2)?;
                        let (status, n) = count(r)?;
                        if n > 0 {
                            by_status.push((status, n));
                        }
                    }
                    // The sums of the due moves (migration 0034) over the
                    // dates before today, not the overdue rows themselves.
                    let dues = sqlx::query(
                        "SELECT next_step, CAST(SUM(delta) AS BIGINT), COUNT(*) \
                         FROM complaint_due_moves WHERE next_due < $1 \
                         GROUP BY next_step ORDER BY next_step",
                    )
                    .bind(today.to_string())
                    .fetch_all(&mut *tx)
                    .await?;
                    let mut overdue_by_step: Vec<(String, u64)> = Vec::new();
                    let mut due_rows = 0i64;
                    for r in &dues {
                        due_rows += r.try_get::<i64, _>(2)?;
                        let (step, n) = count(r)?;
                        if n > 0 {
                            overdue_by_step.push((step, n));
                        }
                    }
                    tx.commit().await?;
                    if rows > FOLD_AT {
                        fold_status_moves(self).await?;
                    }
                    // Folded, the dates before today are one row per step.
                    if due_rows > FOLD_AT {
                        fold_due_moves(self, today).await?;
                    }
                    Ok($crate::ComplaintCounts {
                        by_status,
                        overdue_by_step,
                    })
                }

                async fn list_values(
                    &self,
                    kind: $crate::ListKind,
                ) -> Result<Vec<$crate::ListValue>, StoreError> {
                    let rows = sqlx::query(
                        "SELECT id, name, active, position FROM list_values \
                         WHERE kind = $1 ORDER BY position, name_key",
                    )
                    .bind(kind.as_str())
                    .fetch_all(self.reader())
                    .await?;
                    rows.iter()
                        .map(|r| {
                            Ok($crate::ListValue {
                                id: parse("list value id", &r.try_get::<String, _>("id")?)?,
                                kind,
                                name: r.try_get("name")?,
                                active: r.try_get("active")?,
                                position: r.try_get("position")?,
                            })
                        })
                        .collect()
                }

                async fn admin_change_with(
                    &self,
                    change: &$crate::AdminChange,
                    audit: &$crate::AuditEntry,
                    outbox: &[$crate::NewOutboxMessage],
                ) -> Result<(), StoreError> {
                    use $crate::AdminChange as C;
                    let mut tx = self.writer().begin().await?;
                    let affected = match change {
                        C::CreateUser(user) => insert_user(&mut tx, user).await?,
                        C::UpdateUser { id, role, manager } => sqlx::query(
                            "UPDATE users SET role = $2, manager_id = $3 WHERE id = $1",
                        )
                        .bind(id.to_string())
                        .bind(role.as_str())
                        .bind(manager.map(|m| m.to_string()))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                        C::SetUserActive { id, active } => {
                            let n = sqlx::query("UPDATE users SET active = $2 WHERE id = $1")
                                .bind(id.to_string())
                                .bind(*active)
                                .execute(&mut *tx)
                                .await?
                                .rows_affected();
                            if !*active {
                                sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                                    .bind(id.to_string())
                                    .execute(&mut *tx)
                                    .await?;
                            }
                            n
                        }
                        C::UnlockSignIn { email } => {
                            let prefix = format!("{}|", email.as_str());
                            let n = sqlx::query(
                                "DELETE FROM login_failures WHERE email = $1 OR substr(email, 1, $2) = $3",
                            )
                            .bind(email.as_str())
                            .bind(i32::try_from(prefix.chars().count()).unwrap_or(i32::MAX))
                            .bind(&prefix)
                            .execute(&mut *tx)
                            .await?
                            .rows_affected();
                            // Nothing to forget is nothing to log.
                            u64::from(n > 0)
                        }
                        C::AddListValue { kind, id, name } => sqlx::query(
                            "INSERT INTO list_values (id, kind, name, name_key, active, position, created_at) \
                             SELECT $1, $2, $3, $4, TRUE, COALESCE(MAX(position), 0) + 1, $5 \
                             FROM list_values WHERE kind = $2",
                        )
                        .bind(id.to_string())
                        .bind(kind.as_str())
                        .bind(name.trim())
                        .bind($crate::list_name_key(name))
                        .bind(micros(audit.at))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                        C::RenameListValue { kind, id, name } => sqlx::query(
                            "UPDATE list_values SET name = $3, name_key = $4 WHERE id = $1 AND kind = $2",
                        )
                        .bind(id.to_string())
                        .bind(kind.as_str())
                        .bind(name.trim())
                        .bind($crate::list_name_key(name))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                        C::SetListValueActive { kind, id, active } => sqlx::query(
                            "UPDATE list_values SET active = $3 WHERE id = $1 AND kind = $2",
                        )
                        .bind(id.to_string())
                        .bind(kind.as_str())
                        .bind(*active)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                        C::SwapSetting {
                            key,
                            expected,
                            value,
                        } => {
                            let done = match expected {
                                None => sqlx::query(
                                    "INSERT INTO settings (key, value) VALUES ($1, $2) \
                                     ON CONFLICT (key) DO NOTHING",
                                )
                                .bind(key)
                                .bind(value)
                                .execute(&mut *tx)
                                .await?,
                                Some(old) => sqlx::query(
                                    "UPDATE settings SET value = $3 WHERE key = $1 AND value = $2",
                                )
                                .bind(key)
                                .bind(old)
                                .bind(value)
                                .execute(&mut *tx)
                                .await?,
                            };
                            if done.rows_affected() != 1 {
                                return Err(StoreError::Conflict { expected: 0 });
                            }
                            1
                        }
                        C::RequeueOutbox { id, at } => sqlx::query(
                            "UPDATE outbox SET status = 'pending', attempts = 0, available_at = $2 \
                             WHERE id = $1 AND status = 'failed'",
                        )
                        .bind(id.to_string())
                        .bind(micros(*at))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                    };
                    if affected != 1 {
                        return Err(StoreError::NotFound);
                    }
                    insert_audit(&mut tx, audit).await?;
                    outbox_queries::insert_outbox(&mut tx, outbox).await?;
                    let done = tx.commit().await;
                    // A user's role or activity, or a setting, may have
                    // changed: cached reads of them go.
                    self.cache().users_changed();
                    self.cache().settings_changed();
                    done?;
                    Ok(())
                }

                async fn admin_log(
                    &self,
                    after: Option<$crate::AuditCursor>,
                    limit: u32,
                ) -> Result<$crate::AuditPage, StoreError> {
                    let limit = limit.clamp(1, 500);
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "SELECT id, at, actor_id, actor_name, kind, subject, details \
                         FROM admin_audit WHERE 1 = 1",
                    );
                    if let Some(after) = after {
                        let at = micros(after.at);
                        // The keyset in the form an index seeks.
                        q.push(" AND at <= ")
                            .push_bind(at)
                            .push(" AND (at < ")
                            .push_bind(at)
                            .push(" OR id < ")
                            .push_bind(after.id.to_string())
                            .push(")");
                    }
                    q.push(" ORDER BY at DESC, id DESC LIMIT ")
                        .push_bind(i64::from(limit) + 1);
                    let rows = q.build().fetch_all(self.reader()).await?;
                    let mut items = rows
                        .iter()
                        .map(|r| {
                            Ok($crate::AuditEntry {
                                id: parse("audit id", &r.try_get::<String, _>("id")?)?,
                                at: from_micros(r.try_get("at")?)?,
                                actor: opt_user(r, "actor_id")?,
                                actor_name: r.try_get("actor_name")?,
                                kind: r.try_get("kind")?,
                                subject: r.try_get("subject")?,
                                details: r.try_get("details")?,
                            })
                        })
                        .collect::<Result<Vec<_>, StoreError>>()?;
                    let next = if items.len() > limit as usize {
                        items.truncate(limit as usize);
                        items.last().map(|e| $crate::AuditCursor { at: e.at, id: e.id })
                    } else {
                        None
                    };
                    Ok($crate::AuditPage { items, next })
                }

                async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
                    // Cached for a moment (see `cache`): every intake reads
                    // the calendar, and changes here empty the cache.
                    let cached = $crate::cache::CACHED_SETTINGS.contains(&key);
                    if cached && let Some(value) = self.cache().setting(key) {
                        return Ok(value);
                    }
                    let stamp = self.cache().setting_stamp();
                    let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
                        .bind(key)
                        .fetch_optional(self.reader())
                        .await?;
                    let value: Option<String> = row.map(|r| r.try_get(0)).transpose()?;
                    if cached {
                        self.cache().put_setting(key, value.clone(), stamp);
                    }
                    Ok(value)
                }

                async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
                    let done = sqlx::query(
                        "INSERT INTO settings (key, value) VALUES ($1, $2) \
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    )
                    .bind(key)
                    .bind(value)
                    .execute(self.writer())
                    .await;
                    self.cache().settings_changed();
                    done?;
                    Ok(())
                }
            }
    };
}

pub(crate) use admin_queries;
