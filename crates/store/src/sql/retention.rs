//! Queries of retention (AVG/GDPR): the expired complaints, one
//! anonymisation in one transaction (events, read model, re-sealed dossier,
//! log), the retention log and the search for a complainant's complaints.
//! Expanded inside each backend's `store_impl` module beside
//! `dossier_queries`, whose chain helpers it shares, as its `RetentionStore`.

macro_rules! retention_queries {
    ($backend:literal) => {
            use $crate::dossier::{
                Anonymisation, RetentionAction, RetentionEntry, chain_of, sha256_hex,
            };
            use klacht_domain::ComplaintId;
            use super::dossier_queries::{check_stream, hold_version, insert_hashes};

            fn retention_from_row(row: &DbRow) -> Result<RetentionEntry, StoreError> {
                let action: String = row.try_get("action")?;
                let complaint: Option<String> = row.try_get("complaint_id")?;
                Ok(RetentionEntry {
                    id: parse("retention log id", &row.try_get::<String, _>("id")?)?,
                    at: from_micros(row.try_get("at")?)?,
                    action: RetentionAction::parse(&action).ok_or_else(|| {
                        StoreError::Corrupt(format!("retention action '{action}'"))
                    })?,
                    complaint_id: complaint
                        .as_deref()
                        .map(|c| parse("complaint id", c))
                        .transpose()?,
                    reference: row.try_get("reference")?,
                    actor: row.try_get("actor")?,
                    detail: row.try_get("detail")?,
                })
            }

            async fn insert_retention(
                conn: &mut <Db as sqlx::Database>::Connection,
                e: &RetentionEntry,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO retention_log (id, at, action, complaint_id, reference, actor, detail) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(e.id.to_string())
                .bind(micros(e.at))
                .bind(e.action.as_str())
                .bind(e.complaint_id.map(|c| c.to_string()))
                .bind(&e.reference)
                .bind(&e.actor)
                .bind(&e.detail)
                .execute(conn)
                .await?;
                Ok(())
            }

            impl $crate::RetentionStore for StoreTy {
                async fn expired_for_retention(
                    &self,
                    before: Timestamp,
                    limit: u32,
                ) -> Result<Vec<ComplaintId>, StoreError> {
                    // Two index ranges (closing of complaints, receipt of
                    // signals); the log tells what is done already.
                    let rows = sqlx::query(
                        "SELECT id FROM (\
                           SELECT c.id FROM complaints c WHERE c.closed_at < $1 \
                           UNION \
                           SELECT c.id FROM complaints c WHERE c.received_at < $1 AND c.kind = 'signal'\
                         ) expired WHERE NOT EXISTS (SELECT 1 FROM retention_log r \
                           WHERE r.complaint_id = expired.id AND r.action = 'anonymised') \
                         ORDER BY id LIMIT $2",
                    )
                    .bind(micros(before))
                    .bind(i64::from(limit.clamp(1, 10_000)))
                    .fetch_all(self.reader())
                    .await?;
                    rows.iter()
                        .map(|r| parse("complaint id", &r.try_get::<String, _>(0)?))
                        .collect()
                }

                async fn anonymise(
                    &self,
                    a: &Anonymisation,
                ) -> Result<(), StoreError> {
                    let id = a.complaint_id.to_string();
                    let mut tx = self.writer().begin().await?;
                    if !replace_row(&mut tx, &a.row, a.expected_version).await? {
                        hold_version(&mut tx, a.complaint_id, a.expected_version).await?;
                        return Err(StoreError::Conflict {
                            expected: a.expected_version,
                        });
                    }
                    for e in &a.changed {
                        let done = sqlx::query(
                            "UPDATE complaint_events SET data = $3 \
                             WHERE complaint_id = $1 AND seq = $2 AND kind = $4",
                        )
                        .bind(&id)
                        .bind(seq_i64(e.seq)?)
                        .bind(&e.data)
                        .bind(&e.kind)
                        .execute(&mut *tx)
                        .await?;
                        if done.rows_affected() != 1 {
                            return Err(StoreError::Corrupt(format!(
                                "event {} of {} to anonymise is not stored as {}",
                                e.seq, a.complaint_id, e.kind
                            )));
                        }
                    }
                    if let Some(reseal) = &a.reseal {
                        check_stream(&reseal.events)?;
                        let hashes = chain_of(&reseal.events);
                        let Some(head) = hashes.last() else {
                            return Err(StoreError::Corrupt(format!("empty stream of {id}")));
                        };
                        sqlx::query("DELETE FROM complaint_event_hashes WHERE complaint_id = $1")
                            .bind(&id)
                            .execute(&mut *tx)
                            .await?;
                        insert_hashes(&mut tx, &reseal.events, &hashes).await?;
                        // Earlier rounds' filings of a reopened complaint
                        // go: the re-sealed record holds every round.
                        sqlx::query("DELETE FROM dossier_rounds WHERE complaint_id = $1")
                            .bind(&id)
                            .execute(&mut *tx)
                            .await?;
                        sqlx::query(
                            "UPDATE dossier SET sealed_seq = $2, record_json = $3, record_sha256 = $4, \
                             pdf = $5, pdf_sha256 = $6, chain_head = $7, anonymised_at = $8 \
                             WHERE complaint_id = $1",
                        )
                        .bind(&id)
                        .bind(seq_i64(reseal.events.len() as u64)?)
                        .bind(&reseal.record_json)
                        .bind(sha256_hex(reseal.record_json.as_bytes()))
                        .bind(&reseal.pdf)
                        .bind(sha256_hex(&reseal.pdf))
                        .bind(hex::encode(head))
                        .bind(micros(a.log.at))
                        .execute(&mut *tx)
                        .await?;
                    }
                    // Messages carry addresses and names: mail goes whatever
                    // its state (years late, nobody needs it sent), and so
                    // does a delivered registration; one still waiting for
                    // Exact keeps waiting, anonymised. The files the
                    // complainant sent are theirs; the tracking code has
                    // nothing left to show.
                    // Without a snapshot (never closed) no registration
                    // stays either.
                    let outbox = match &a.exact_payload {
                        Some(payload) => {
                            sqlx::query(
                                "UPDATE outbox SET payload = $2 \
                                 WHERE complaint_id = $1 AND kind = 'exact' AND status <> 'sent'",
                            )
                            .bind(&id)
                            .bind(payload)
                            .execute(&mut *tx)
                            .await?;
                            "DELETE FROM outbox WHERE complaint_id = $1 \
                             AND (kind <> 'exact' OR status = 'sent')"
                        }
                        None => "DELETE FROM outbox WHERE complaint_id = $1",
                    };
                    for sql in [
                        outbox,
                        "DELETE FROM attachments WHERE complaint_id = $1",
                        "DELETE FROM tracking_codes WHERE complaint_id = $1",
                        // The mail it came from and the complainant's
                        // replies (migration 0021), as received.
                        "DELETE FROM mailbox_attachments WHERE message_id IN \
                         (SELECT id FROM mailbox_messages WHERE complaint_id = $1)",
                        "DELETE FROM mailbox_messages WHERE complaint_id = $1",
                    ] {
                        sqlx::query(sql).bind(&id).execute(&mut *tx).await?;
                    }
                    insert_retention(&mut tx, &a.log).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn forget_expired(&self, now: Timestamp) -> Result<u64, StoreError> {
                    let day_ago = micros(now).saturating_sub(86_400_000_000);
                    let mut tx = self.writer().begin().await?;
                    let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                        .bind(micros(now))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                    let attempts = sqlx::query(
                        "DELETE FROM login_failures WHERE \
                         (locked_until IS NULL AND first_failure_at < $1) OR locked_until < $1",
                    )
                    .bind(day_ago)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    tx.commit().await?;
                    Ok(sessions + attempts)
                }

                async fn tables(&self) -> Result<Vec<String>, StoreError> {
                    let sql = if $backend == "postgres" {
                        "SELECT table_name::text FROM information_schema.tables \
                         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                         AND table_name NOT LIKE '\\_sqlx%' ORDER BY 1"
                    } else {
                        // Not the text search's FTS5 table and its shadow
                        // tables (migration 0028): an index of `complaints`,
                        // kept in step by triggers, anonymised with it.
                        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
                         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
                         AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' ORDER BY 1"
                    };
                    let rows = sqlx::query(sql).fetch_all(self.reader()).await?;
                    rows.iter().map(|r| Ok(r.try_get::<String, _>(0)?)).collect()
                }

                async fn log_retention(
                    &self,
                    entry: &RetentionEntry,
                ) -> Result<(), StoreError> {
                    let mut conn = self.writer().acquire().await?;
                    insert_retention(&mut conn, entry).await
                }

                async fn retention_log(
                    &self,
                    complaint: Option<ComplaintId>,
                    limit: u32,
                ) -> Result<Vec<RetentionEntry>, StoreError> {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "SELECT id, at, action, complaint_id, reference, actor, detail FROM retention_log",
                    );
                    if let Some(c) = complaint {
                        q.push(" WHERE complaint_id = ").push_bind(c.to_string());
                    }
                    q.push(" ORDER BY at DESC, id DESC LIMIT ")
                        .push_bind(i64::from(limit.clamp(1, 10_000)));
                    let rows = q.build().fetch_all(self.reader()).await?;
                    rows.iter().map(retention_from_row).collect()
                }

                async fn complaints_with_email(
                    &self,
                    email: &klacht_domain::Email,
                ) -> Result<Vec<ComplaintId>, StoreError> {
                    // The address as the event JSON writes it (serde_json, no
                    // spaces); addresses are stored in lower case.
                    let literal = serde_json::to_string(email.as_str())
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    let pattern = like_pattern(&format!("\"email\":{literal}"));
                    let rows = sqlx::query(
                        "SELECT DISTINCT complaint_id FROM complaint_events \
                         WHERE kind IN ('registered', 'corrected') AND data LIKE $1 ESCAPE '\\' \
                         ORDER BY complaint_id",
                    )
                    .bind(pattern)
                    .fetch_all(self.reader())
                    .await?;
                    rows.iter()
                        .map(|r| parse("complaint id", &r.try_get::<String, _>(0)?))
                        .collect()
                }
            }
    };
}

pub(crate) use retention_queries;
