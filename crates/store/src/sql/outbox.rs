//! Queries of the durable outbox, expanded inside each backend's
//! `store_impl` module next to the shared row helpers, as its
//! `OutboxStore`.

macro_rules! outbox_queries {
    ($backend:literal) => {
            use $crate::outbox::{NewOutboxMessage, OutboxCounts, OutboxKind, OutboxMessage, OutboxStatus};

            const OUTBOX_COLUMNS: &str = "id, kind, dedupe_key, complaint_id, payload, status, \
                 attempts, created_at, available_at, last_error, sent_at, result";

            /// PostgreSQL lets several instances claim side by side, each
            /// skipping the rows another holds; SQLite has one writer anyway.
            fn claim_lock() -> &'static str {
                if $backend == "postgres" {
                    " FOR UPDATE SKIP LOCKED"
                } else {
                    ""
                }
            }

            fn outbox_from_row(row: &DbRow) -> Result<OutboxMessage, StoreError> {
                let complaint: Option<String> = row.try_get("complaint_id")?;
                let attempts: i32 = row.try_get("attempts")?;
                Ok(OutboxMessage {
                    id: parse("outbox id", &row.try_get::<String, _>("id")?)?,
                    kind: parse("outbox kind", &row.try_get::<String, _>("kind")?)?,
                    dedupe_key: row.try_get("dedupe_key")?,
                    complaint_id: complaint.as_deref().map(|c| parse("complaint id", c)).transpose()?,
                    payload: row.try_get("payload")?,
                    status: parse("outbox status", &row.try_get::<String, _>("status")?)?,
                    attempts: u32::try_from(attempts).unwrap_or(0),
                    created_at: from_micros(row.try_get("created_at")?)?,
                    available_at: from_micros(row.try_get("available_at")?)?,
                    last_error: row.try_get("last_error")?,
                    sent_at: row.try_get::<Option<i64>, _>("sent_at")?.map(from_micros).transpose()?,
                    result: row.try_get("result")?,
                })
            }

            /// Queues messages inside the caller's transaction; a message
            /// whose dedupe key is already queued is left out. Returns how
            /// many were queued.
            pub(super) async fn insert_outbox(
                tx: &mut sqlx::Transaction<'_, Db>,
                messages: &[NewOutboxMessage],
            ) -> Result<u64, StoreError> {
                let mut queued = 0;
                // A statement per 500 messages: nine parameters each stay
                // below either engine's limit on bound parameters (in one
                // statement, more than 7,281 messages exceed PostgreSQL's
                // 65,535), and one statement's buffer stays small.
                for chunk in messages.chunks(500) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO outbox (id, kind, dedupe_key, complaint_id, payload, status, \
                         attempts, created_at, available_at) ",
                    );
                    q.push_values(chunk, |mut b, m| {
                        b.push_bind(m.id.to_string())
                            .push_bind(m.kind.as_str())
                            .push_bind(m.dedupe_key.clone())
                            .push_bind(m.complaint_id.map(|c| c.to_string()))
                            .push_bind(m.payload.clone())
                            .push_bind(OutboxStatus::Pending.as_str())
                            .push_bind(0_i32)
                            .push_bind(micros(m.created_at))
                            .push_bind(micros(m.available_at));
                    });
                    q.push(" ON CONFLICT (dedupe_key) DO NOTHING");
                    queued += q.build().execute(&mut **tx).await?.rows_affected();
                }
                Ok(queued)
            }

            /// The result recorded on a registration for Exact that was
            /// settled because its id was recorded on the complaint (by
            /// hand, or by a delivery that crashed before marking it).
            pub(super) const SETTLED_BY_EVENT: &str = "geregistreerd in Exact";

            /// Marks the complaint's registration for Exact that still
            /// waits (queued or failed) sent when `events` record its id,
            /// inside the caller's transaction. The result names the id.
            pub(super) async fn settle_registered_in_exact(
                tx: &mut sqlx::Transaction<'_, Db>,
                complaint: ComplaintId,
                events: &[RawEvent],
            ) -> Result<u64, StoreError> {
                let Some(event) = events.iter().find(|e| e.kind == "registered_in_exact") else {
                    return Ok(0);
                };
                let data = serde_json::from_str::<serde_json::Value>(&event.data).ok();
                let exact_id = data
                    .as_ref()
                    .and_then(|v| v.get("exact_id").and_then(|id| id.as_str()).map(str::to_owned));
                // A delivery names its round: only that round's row is
                // settled. Unnamed (by hand): whatever of the complaint waits.
                let round = data
                    .as_ref()
                    .and_then(|v| v.get("round").and_then(serde_json::Value::as_u64))
                    .and_then(|n| u32::try_from(n).ok());
                let result = match exact_id {
                    Some(id) => format!("{SETTLED_BY_EVENT}: {id}"),
                    None => SETTLED_BY_EVENT.to_owned(),
                };
                let done = sqlx::query(
                    "UPDATE outbox SET status = 'sent', sent_at = $2, result = $3, last_error = NULL \
                     WHERE kind = 'exact' AND complaint_id = $1 AND status IN ('pending', 'failed') \
                     AND ($4 IS NULL OR dedupe_key = $4)",
                )
                .bind(complaint.to_string())
                .bind(micros(event.at))
                .bind(result)
                .bind(round.map(|n| klacht_domain::exact::dedupe_key(complaint, n)))
                .execute(&mut **tx)
                .await?;
                Ok(done.rows_affected())
            }

            impl $crate::OutboxStore for StoreTy {
                async fn enqueue(
                    &self,
                    messages: &[NewOutboxMessage],
                ) -> Result<u64, StoreError> {
                    let mut tx = self.writer().begin().await?;
                    let n = insert_outbox(&mut tx, messages).await?;
                    tx.commit().await?;
                    Ok(n)
                }

                async fn claim_outbox(
                    &self,
                    kind: OutboxKind,
                    now: Timestamp,
                    lease_until: Timestamp,
                    limit: u32,
                ) -> Result<Vec<OutboxMessage>, StoreError> {
                    let sql = format!(
                        "UPDATE outbox SET available_at = $1, attempts = attempts + 1 \
                         WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND kind = $2 \
                         AND available_at <= $3 ORDER BY available_at, id LIMIT $4{}) \
                         RETURNING {OUTBOX_COLUMNS}",
                        claim_lock()
                    );
                    let mut tx = self.writer().begin().await?;
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(micros(lease_until))
                        .bind(kind.as_str())
                        .bind(micros(now))
                        .bind(i64::from(limit))
                        .fetch_all(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    let mut claimed = rows.iter().map(outbox_from_row).collect::<Result<Vec<_>, _>>()?;
                    claimed.sort_by_key(|m| (m.created_at, m.id));
                    Ok(claimed)
                }

                async fn outbox_sent(
                    &self,
                    id: uuid::Uuid,
                    at: Timestamp,
                    result: Option<&str>,
                ) -> Result<(), StoreError> {
                    sqlx::query(
                        "UPDATE outbox SET status = 'sent', sent_at = $2, result = $3, last_error = NULL \
                         WHERE id = $1",
                    )
                    .bind(id.to_string())
                    .bind(micros(at))
                    .bind(result)
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn outbox_retry_at(
                    &self,
                    id: uuid::Uuid,
                    error: &str,
                    next_attempt: Timestamp,
                ) -> Result<(), StoreError> {
                    sqlx::query(
                        "UPDATE outbox SET available_at = $2, last_error = $3 \
                         WHERE id = $1 AND status = 'pending'",
                    )
                    .bind(id.to_string())
                    .bind(micros(next_attempt))
                    .bind(error)
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn outbox_failed(
                    &self,
                    id: uuid::Uuid,
                    error: &str,
                ) -> Result<(), StoreError> {
                    sqlx::query(
                        "UPDATE outbox SET status = 'failed', last_error = $2 \
                         WHERE id = $1 AND status = 'pending'",
                    )
                    .bind(id.to_string())
                    .bind(error)
                    .execute(self.writer())
                    .await?;
                    Ok(())
                }

                async fn outbox_requeue(
                    &self,
                    id: uuid::Uuid,
                    now: Timestamp,
                ) -> Result<bool, StoreError> {
                    let done = sqlx::query(
                        "UPDATE outbox SET status = 'pending', attempts = 0, available_at = $2 \
                         WHERE id = $1 AND status = 'failed'",
                    )
                    .bind(id.to_string())
                    .bind(micros(now))
                    .execute(self.writer())
                    .await?;
                    Ok(done.rows_affected() == 1)
                }

                async fn outbox_requeue_failed<F>(
                    &self,
                    now: Timestamp,
                    audit: F,
                ) -> Result<u64, StoreError>
                where
                    F: FnOnce(u64) -> $crate::AuditEntry + Send,
                {
                    let mut tx = self.writer().begin().await?;
                    let n = sqlx::query(
                        "UPDATE outbox SET status = 'pending', attempts = 0, available_at = $1 \
                         WHERE status = 'failed'",
                    )
                    .bind(micros(now))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if n > 0 {
                        insert_audit(&mut tx, &audit(n)).await?;
                    }
                    tx.commit().await?;
                    Ok(n)
                }

                async fn outbox_message(
                    &self,
                    id: uuid::Uuid,
                ) -> Result<Option<OutboxMessage>, StoreError> {
                    let sql = format!("SELECT {OUTBOX_COLUMNS} FROM outbox WHERE id = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(id.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    row.as_ref().map(outbox_from_row).transpose()
                }

                async fn list_outbox(
                    &self,
                    status: Option<OutboxStatus>,
                    complaint: Option<ComplaintId>,
                    limit: u32,
                ) -> Result<Vec<OutboxMessage>, StoreError> {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE 1 = 1"
                    ));
                    if let Some(status) = status {
                        q.push(" AND status = ").push_bind(status.as_str());
                    }
                    if let Some(complaint) = complaint {
                        q.push(" AND complaint_id = ").push_bind(complaint.to_string());
                    }
                    q.push(" ORDER BY created_at DESC, id DESC LIMIT ")
                        .push_bind(i64::from(limit));
                    let rows = q.build().fetch_all(self.reader()).await?;
                    rows.iter().map(outbox_from_row).collect()
                }

                async fn outbox_counts(
                    &self,
                ) -> Result<OutboxCounts, StoreError> {
                    let rows = sqlx::query("SELECT status, COUNT(*) FROM outbox GROUP BY status")
                        .fetch_all(self.reader())
                        .await?;
                    let mut counts = OutboxCounts::default();
                    for row in &rows {
                        let status: String = row.try_get(0)?;
                        let n = u64::try_from(row.try_get::<i64, _>(1)?).unwrap_or(0);
                        match parse::<OutboxStatus>("outbox status", &status)? {
                            OutboxStatus::Pending => counts.pending = n,
                            OutboxStatus::Sent => counts.sent = n,
                            OutboxStatus::Failed => counts.failed = n,
                        }
                    }
                    Ok(counts)
                }
            }
    };
}

pub(crate) use outbox_queries;
