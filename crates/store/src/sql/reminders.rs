//! Queries of the deadline engine (open complaints near a term) and of the
//! calendar feeds, expanded inside each backend's `store_impl` module next
//! to the shared row helpers, as the backend's `ReminderStore`.

macro_rules! reminders_queries {
    () => {
            use $crate::{AuditEntry, CalendarFeed, OpenComplaintQuery};


            impl $crate::ReminderStore for StoreTy {
                async fn open_complaints(
                    &self,
                    query: &OpenComplaintQuery,
                ) -> Result<DuePage, StoreError> {
                    let limit = query.limit.clamp(1, 1000);
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE next_due IS NOT NULL"
                    ));
                    if let Some(until) = query.next_due_until {
                        q.push(" AND next_due <= ").push_bind(until.to_string());
                    }
                    if let Some((from, to)) = query.any_term_in {
                        let (from, to) = (from.to_string(), to.to_string());
                        let mut first = true;
                        q.push(" AND (");
                        for column in ["report_due", "contact_due", "offer_due", "record_due"] {
                            if !first {
                                q.push(" OR ");
                            }
                            first = false;
                            q.push(format!("({column} >= "))
                                .push_bind(from.clone())
                                .push(format!(" AND {column} <= "))
                                .push_bind(to.clone())
                                .push(")");
                        }
                        q.push(")");
                    }
                    if let Some(user) = query.responsible {
                        // A UNION of two partial-index searches (open complaints
                        // only), never a scan of the person's closed ones.
                        let user = user.to_string();
                        q.push(
                            " AND id IN (SELECT id FROM complaints \
                             WHERE next_due IS NOT NULL AND handler = ",
                        )
                        .push_bind(user.clone())
                        .push(
                            " UNION SELECT id FROM complaints \
                             WHERE next_due IS NOT NULL AND responsible_manager = ",
                        )
                        .push_bind(user)
                        .push(")");
                    }
                    if let Some(after) = query.after {
                        // Rows without a next term are never read here. The
                        // keyset in the form both engines seek in
                        // `(next_due, id)`: with the plain OR form
                        // PostgreSQL read every row from the start of the
                        // index (290 ms a page at a million complaints,
                        // against 5 ms).
                        let due = after.next_due.map(|d| d.to_string()).unwrap_or_default();
                        q.push(" AND next_due >= ")
                            .push_bind(due.clone())
                            .push(" AND (next_due > ")
                            .push_bind(due)
                            .push(" OR id > ")
                            .push_bind(after.id.to_string())
                            .push(")");
                    }
                    q.push(" ORDER BY next_due, id LIMIT ")
                        .push_bind(i64::from(limit) + 1);
                    let rows = q.build().fetch_all(self.reader()).await?;
                    let items = rows
                        .iter()
                        .map(complaint_from_row)
                        .collect::<Result<Vec<_>, _>>()?;
                    let (items, next) = split_page(items, limit, |r| DueCursor {
                        next_due: r.next_due,
                        id: r.id,
                    });
                    Ok(DuePage { items, next })
                }

                async fn open_complaints_with_actions(
                    &self,
                    after: Option<klacht_domain::ComplaintId>,
                    limit: u32,
                ) -> Result<Vec<klacht_domain::ComplaintId>, StoreError> {
                    // The open complaints in id order are the partial index
                    // of migration 0032. SQLite, without statistics, would
                    // rather walk every open complaint and signal by
                    // `closed_at` and sort them, once per page (14 s a
                    // round at a million complaints, against 0.1 s): it is
                    // told which index to use.
                    let from = if BACKEND == "sqlite" {
                        "complaints c INDEXED BY complaints_open_id_idx"
                    } else {
                        "complaints c"
                    };
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "SELECT c.id FROM {from} \
                         WHERE c.closed_at IS NULL AND c.kind = 'complaint' \
                         AND EXISTS (SELECT 1 FROM complaint_events e \
                         WHERE e.complaint_id = c.id AND e.kind = 'action_agreed')"
                    ));
                    if let Some(after) = after {
                        q.push(" AND c.id > ").push_bind(after.to_string());
                    }
                    q.push(" ORDER BY c.id LIMIT ")
                        .push_bind(i64::from(limit.clamp(1, 1000)));
                    let rows = q.build().fetch_all(self.reader()).await?;
                    rows.iter()
                        .map(|r| parse("complaint id", &r.try_get::<String, _>(0)?))
                        .collect()
                }

                async fn action_events_of(
                    &self,
                    ids: &[klacht_domain::ComplaintId],
                ) -> Result<Vec<$crate::ActionEvent>, StoreError> {
                    let mut out = Vec::new();
                    for chunk in id_batches(ids) {
                        // The IN list of kinds is the partial index's
                        // condition, word for word: SQLite uses such an
                        // index only then.
                        let mut q: QueryBuilder<Db> = QueryBuilder::new(
                            "SELECT e.complaint_id, e.seq, e.at, e.actor, e.kind, e.data, \
                             c.reference, c.handler, c.responsible_manager \
                             FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id \
                             WHERE e.kind IN ('action_agreed', 'action_completed', 'corrected') \
                             AND c.id IN (",
                        );
                        let mut list = q.separated(", ");
                        for id in chunk {
                            list.push_bind(id);
                        }
                        q.push(") ORDER BY c.id, e.seq");
                        for row in &q.build().fetch_all(self.reader()).await? {
                            out.push(action_event_from_row(row)?);
                        }
                    }
                    Ok(out)
                }

                async fn calendar_feed(
                    &self,
                    user: UserId,
                ) -> Result<Option<CalendarFeed>, StoreError> {
                    let row = sqlx::query("SELECT created_at FROM calendar_feeds WHERE user_id = $1")
                        .bind(user.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    row.map(|r| {
                        Ok(CalendarFeed {
                            user_id: user,
                            created_at: from_micros(r.try_get("created_at")?)?,
                        })
                    })
                    .transpose()
                }

                async fn put_calendar_feed(
                    &self,
                    user: UserId,
                    token_hash: &str,
                    at: Timestamp,
                    audit: &AuditEntry,
                ) -> Result<(), StoreError> {
                    let mut tx = self.writer().begin().await?;
                    sqlx::query(
                        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) \
                         VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE \
                         SET token_hash = excluded.token_hash, created_at = excluded.created_at",
                    )
                    .bind(user.to_string())
                    .bind(token_hash)
                    .bind(micros(at))
                    .execute(&mut *tx)
                    .await?;
                    insert_audit(&mut tx, audit).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn delete_calendar_feed(
                    &self,
                    user: UserId,
                    audit: &AuditEntry,
                ) -> Result<bool, StoreError> {
                    let mut tx = self.writer().begin().await?;
                    let done = sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
                        .bind(user.to_string())
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() == 0 {
                        // Nothing changed, nothing to log.
                        return Ok(false);
                    }
                    insert_audit(&mut tx, audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn user_by_calendar_feed(
                    &self,
                    token_hash: &str,
                ) -> Result<Option<UserRecord>, StoreError> {
                    let sql = format!(
                        "SELECT {} FROM calendar_feeds f JOIN users u ON u.id = f.user_id \
                         WHERE f.token_hash = $1 AND u.active = TRUE",
                        USER_COLUMNS
                            .split(", ")
                            .map(|c| format!("u.{c}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(token_hash)
                        .fetch_optional(self.reader())
                        .await?;
                    row.as_ref().map(user_from_row).transpose()
                }
            }
    };
}

pub(crate) use reminders_queries;
