//! Queries of the public side: tracking codes, attachments, the services
//! of the public form and the shared rate limits. Expanded inside each
//! backend's `store_impl` module next to the shared row helpers, as its
//! `PublicStore`.

macro_rules! public_queries {
    () => {
            use $crate::public::{
                Attachment, AttachmentInfo, NewAttachment, PublicService, PublicServiceChange,
                RateDecision, service_name_key,
            };
            use klacht_domain::TrackingCode;

            const ATTACHMENT_COLUMNS: &str =
                "id, complaint_id, file_name, content_type, size_bytes, sha256, created_at";

            fn attachment_info(row: &DbRow) -> Result<AttachmentInfo, StoreError> {
                let size: i64 = row.try_get("size_bytes")?;
                Ok(AttachmentInfo {
                    id: parse("attachment id", &row.try_get::<String, _>("id")?)?,
                    complaint_id: parse("complaint id", &row.try_get::<String, _>("complaint_id")?)?,
                    file_name: row.try_get("file_name")?,
                    content_type: row.try_get("content_type")?,
                    size_bytes: u64::try_from(size)
                        .map_err(|_| StoreError::Corrupt(format!("attachment size {size}")))?,
                    sha256: row.try_get("sha256")?,
                    created_at: from_micros(row.try_get("created_at")?)?,
                })
            }

            /// Writes a new complaint's tracking code and attachments inside
            /// the transaction that creates it.
            pub(super) async fn insert_public(
                tx: &mut sqlx::Transaction<'_, Db>,
                complaint: ComplaintId,
                code: Option<&TrackingCode>,
                attachments: &[NewAttachment],
                at: Timestamp,
            ) -> Result<(), StoreError> {
                if let Some(code) = code {
                    sqlx::query(
                        "INSERT INTO tracking_codes (complaint_id, code, created_at) VALUES ($1, $2, $3)",
                    )
                    .bind(complaint.to_string())
                    .bind(code.compact())
                    .bind(micros(at))
                    .execute(&mut **tx)
                    .await?;
                }
                // One statement per file: a few megabytes each, and the
                // limit on bound parameters never comes near.
                for a in attachments {
                    let size = i64::try_from(a.data.len())
                        .map_err(|_| StoreError::Corrupt("attachment too large".into()))?;
                    sqlx::query(
                        "INSERT INTO attachments (id, complaint_id, file_name, content_type, \
                         size_bytes, sha256, data, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(a.id.to_string())
                    .bind(complaint.to_string())
                    .bind(&a.file_name)
                    .bind(&a.content_type)
                    .bind(size)
                    .bind(&a.sha256)
                    .bind(a.data.as_slice())
                    .bind(micros(at))
                    .execute(&mut **tx)
                    .await?;
                }
                Ok(())
            }

            impl $crate::PublicStore for StoreTy {
                async fn complaint_id_by_tracking_code(
                    &self,
                    code: &TrackingCode,
                ) -> Result<Option<ComplaintId>, StoreError> {
                    let row = sqlx::query("SELECT complaint_id FROM tracking_codes WHERE code = $1")
                        .bind(code.compact())
                        .fetch_optional(self.reader())
                        .await?;
                    row.map(|r| parse("complaint id", &r.try_get::<String, _>(0)?))
                        .transpose()
                }

                async fn tracking_code_of(
                    &self,
                    complaint: ComplaintId,
                ) -> Result<Option<TrackingCode>, StoreError> {
                    let row = sqlx::query("SELECT code FROM tracking_codes WHERE complaint_id = $1")
                        .bind(complaint.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    row.map(|r| {
                        let code: String = r.try_get(0)?;
                        TrackingCode::parse(&code)
                            .map_err(|_| StoreError::Corrupt(format!("tracking code of {complaint}")))
                    })
                    .transpose()
                }

                async fn attachments_of(
                    &self,
                    complaint: ComplaintId,
                ) -> Result<Vec<AttachmentInfo>, StoreError> {
                    let sql = format!(
                        "SELECT {ATTACHMENT_COLUMNS} FROM attachments WHERE complaint_id = $1 \
                         ORDER BY created_at, id"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(complaint.to_string())
                        .fetch_all(self.reader())
                        .await?;
                    rows.iter().map(attachment_info).collect()
                }

                async fn attachment(
                    &self,
                    complaint: ComplaintId,
                    id: uuid::Uuid,
                ) -> Result<Option<Attachment>, StoreError> {
                    let sql = format!(
                        "SELECT {ATTACHMENT_COLUMNS}, data FROM attachments \
                         WHERE complaint_id = $1 AND id = $2"
                    );
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(complaint.to_string())
                        .bind(id.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    row.map(|r| {
                        Ok(Attachment {
                            info: attachment_info(&r)?,
                            data: r.try_get::<Vec<u8>, _>("data")?,
                        })
                    })
                    .transpose()
                }

                async fn add_attachments(
                    &self,
                    append: &$crate::StreamAppend,
                    attachments: &[NewAttachment],
                    outbox: &[$crate::NewOutboxMessage],
                    at: Timestamp,
                ) -> Result<(), StoreError> {
                    let mut tx = self.writer().begin().await?;
                    complaints_queries::append_in(
                        &mut tx,
                        append.expected_version,
                        &append.events,
                        &append.row,
                    )
                    .await?;
                    outbox_queries::insert_outbox(&mut tx, outbox).await?;
                    insert_public(&mut tx, append.row.id, None, attachments, at).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn public_services(
                    &self,
                ) -> Result<Vec<PublicService>, StoreError> {
                    let rows = sqlx::query(
                        "SELECT id, name, manager_id, active, position FROM public_services \
                         ORDER BY position, name_key",
                    )
                    .fetch_all(self.reader())
                    .await?;
                    rows.iter()
                        .map(|r| {
                            Ok(PublicService {
                                id: parse("service id", &r.try_get::<String, _>("id")?)?,
                                name: r.try_get("name")?,
                                manager: opt_user(r, "manager_id")?,
                                active: r.try_get("active")?,
                                position: r.try_get("position")?,
                            })
                        })
                        .collect()
                }

                async fn change_public_service(
                    &self,
                    change: &PublicServiceChange,
                    audit: &$crate::AuditEntry,
                ) -> Result<(), StoreError> {
                    use PublicServiceChange as C;
                    let mut tx = self.writer().begin().await?;
                    let affected = match change {
                        C::Add { id, name, manager } => sqlx::query(
                            "INSERT INTO public_services (id, name, name_key, manager_id, active, position, created_at) \
                             SELECT $1, $2, $3, $4, TRUE, COALESCE(MAX(position), 0) + 1, $5 FROM public_services",
                        )
                        .bind(id.to_string())
                        .bind(name.trim())
                        .bind(service_name_key(name))
                        .bind(manager.map(|m| m.to_string()))
                        .bind(micros(audit.at))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                        C::Rename { id, name } => sqlx::query(
                            "UPDATE public_services SET name = $2, name_key = $3 WHERE id = $1",
                        )
                        .bind(id.to_string())
                        .bind(name.trim())
                        .bind(service_name_key(name))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                        C::SetManager { id, manager } => sqlx::query(
                            "UPDATE public_services SET manager_id = $2 WHERE id = $1",
                        )
                        .bind(id.to_string())
                        .bind(manager.map(|m| m.to_string()))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                        C::SetActive { id, active } => sqlx::query(
                            "UPDATE public_services SET active = $2 WHERE id = $1",
                        )
                        .bind(id.to_string())
                        .bind(*active)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected(),
                    };
                    if affected != 1 {
                        return Err(StoreError::NotFound);
                    }
                    insert_audit(&mut tx, audit).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn hit_rate_limit(
                    &self,
                    key: &str,
                    now: Timestamp,
                    window: jiff::SignedDuration,
                    limit: u32,
                ) -> Result<RateDecision, StoreError> {
                    let now_us = micros(now);
                    let window_us = i64::try_from(window.as_micros()).unwrap_or(i64::MAX).max(1);
                    let cutoff = now_us.saturating_sub(window_us);
                    let mut tx = self.writer().begin().await?;
                    // Windows that have passed are forgotten (the keys may be
                    // derived from personal data such as an address).
                    sqlx::query("DELETE FROM rate_limits WHERE window_start <= $1")
                        .bind(cutoff)
                        .execute(&mut *tx)
                        .await?;
                    // One atomic statement counts the hit, so two instances
                    // never both let the last allowed hit through. SET reads
                    // the old row on both databases.
                    let row = sqlx::query(
                        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
                         ON CONFLICT (key) DO UPDATE SET \
                         hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 \
                                WHEN rate_limits.hits >= 1000000 THEN rate_limits.hits \
                                ELSE rate_limits.hits + 1 END, \
                         window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 \
                                ELSE rate_limits.window_start END \
                         RETURNING hits, window_start",
                    )
                    .bind(key)
                    .bind(now_us)
                    .bind(cutoff)
                    .fetch_one(&mut *tx)
                    .await?;
                    let hits: i32 = row.try_get("hits")?;
                    let start: i64 = row.try_get("window_start")?;
                    tx.commit().await?;
                    let hits = u32::try_from(hits).unwrap_or(0);
                    Ok(RateDecision {
                        allowed: hits <= limit,
                        hits,
                        resets_at: from_micros(start.saturating_add(window_us))?,
                    })
                }
            }
    };
}

pub(crate) use public_queries;
