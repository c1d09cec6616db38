//! Queries of the mailbox's intake items (migration 0021), expanded inside
//! each backend's `store_impl` module next to the shared row helpers, as
//! the backend's `MailboxStore`.

macro_rules! mailbox_queries {
    () => {
        use $crate::mailbox::{
            MailboxDecision, MailboxDelivery, MailboxMessage, MailboxStatus, NewMailboxMessage,
        };
        use $crate::{AuditEntry, NewAttachment};

        const MESSAGE_COLUMNS: &str = "m.id, m.taken_in_at, m.sender_email, m.sender_name, \
             m.subject, m.body, m.problem, m.status, m.complaint_id";

        fn message_from_row(row: &DbRow) -> Result<MailboxMessage, StoreError> {
            let complaint: Option<String> = row.try_get("complaint_id")?;
            Ok(MailboxMessage {
                id: parse("mailbox message id", &row.try_get::<String, _>("id")?)?,
                taken_in_at: from_micros(row.try_get("taken_in_at")?)?,
                sender_email: row.try_get("sender_email")?,
                sender_name: row.try_get("sender_name")?,
                subject: row.try_get("subject")?,
                body: row.try_get("body")?,
                problem: row.try_get("problem")?,
                status: MailboxStatus::parse(&row.try_get::<String, _>("status")?)?,
                complaint_id: complaint
                    .map(|c| parse("complaint id", &c))
                    .transpose()?,
                file_names: Vec::new(),
            })
        }


        /// Moves an open item to `status`; false when it is not open.
        async fn decide(
            tx: &mut sqlx::Transaction<'_, Db>,
            decision: &MailboxDecision,
            status: MailboxStatus,
            complaint: Option<ComplaintId>,
        ) -> Result<bool, StoreError> {
            let done = sqlx::query(
                "UPDATE mailbox_messages SET status = $2, complaint_id = $3, decided_by = $4, \
                 decided_at = $5 WHERE id = $1 AND status = 'open'",
            )
            .bind(decision.message.to_string())
            .bind(status.as_str())
            .bind(complaint.map(|c| c.to_string()))
            .bind(decision.by.to_string())
            .bind(micros(decision.at))
            .execute(&mut **tx)
            .await?;
            Ok(done.rows_affected() == 1)
        }

        async fn file_names(
            store: &StoreTy,
            ids: &[uuid::Uuid],
        ) -> Result<Vec<(uuid::Uuid, String)>, StoreError> {
            let mut out = Vec::new();
            for id in ids {
                let rows = sqlx::query(
                    "SELECT file_name FROM mailbox_attachments WHERE message_id = $1 \
                     ORDER BY file_name, id",
                )
                .bind(id.to_string())
                .fetch_all(store.reader())
                .await?;
                for row in rows {
                    out.push((*id, row.try_get("file_name")?));
                }
            }
            Ok(out)
        }

        impl $crate::MailboxStore for StoreTy {
            async fn take_in_mailbox_message(
                &self,
                message: &NewMailboxMessage,
                delivery: &MailboxDelivery,
            ) -> Result<bool, StoreError> {
                let mut tx = self.writer().begin().await?;
                let (status, complaint) = match delivery {
                    MailboxDelivery::Intake { .. } => (MailboxStatus::Open, None),
                    MailboxDelivery::Reply(reply) => (MailboxStatus::Reply, Some(reply.row.id)),
                };
                // The claim: a second instance (or round) that fetched the
                // same message inserts nothing and stores nothing else.
                let claimed = sqlx::query(
                    "INSERT INTO mailbox_messages (id, folder, uid_validity, uid, taken_in_at, \
                     sender_email, sender_name, subject, body, problem, raw, status, complaint_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                     ON CONFLICT (folder, uid_validity, uid) DO NOTHING",
                )
                .bind(message.id.to_string())
                .bind(&message.folder)
                .bind(i64::from(message.uid_validity))
                .bind(i64::from(message.uid))
                .bind(micros(message.taken_in_at))
                .bind(&message.sender_email)
                .bind(&message.sender_name)
                .bind(&message.subject)
                .bind(&message.body)
                .bind(&message.problem)
                .bind(message.raw.as_slice())
                .bind(status.as_str())
                .bind(complaint.map(|c| c.to_string()))
                .execute(&mut *tx)
                .await?;
                if claimed.rows_affected() != 1 {
                    return Ok(false);
                }
                match delivery {
                    MailboxDelivery::Intake { outbox } => {
                        outbox_queries::insert_outbox(&mut tx, outbox).await?;
                        for a in &message.attachments {
                            sqlx::query(
                                "INSERT INTO mailbox_attachments (id, message_id, file_name, \
                                 content_type, sha256, data) VALUES ($1, $2, $3, $4, $5, $6)",
                            )
                            .bind(a.id.to_string())
                            .bind(message.id.to_string())
                            .bind(&a.file_name)
                            .bind(&a.content_type)
                            .bind(&a.sha256)
                            .bind(a.data.as_slice())
                            .execute(&mut *tx)
                            .await?;
                        }
                    }
                    MailboxDelivery::Reply(reply) => {
                        outbox_queries::insert_outbox(&mut tx, &reply.outbox).await?;
                        complaints_queries::append_in(
                            &mut tx,
                            reply.expected_version,
                            &reply.events,
                            &reply.row,
                        )
                        .await?;
                        public_queries::insert_public(
                            &mut tx,
                            reply.row.id,
                            None,
                            &message.attachments,
                            message.taken_in_at,
                        )
                        .await?;
                    }
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn open_mailbox_messages(
                &self,
                limit: u32,
            ) -> Result<Vec<MailboxMessage>, StoreError> {
                let sql = format!(
                    "SELECT {MESSAGE_COLUMNS} FROM mailbox_messages m WHERE m.status = 'open' \
                     ORDER BY m.taken_in_at, m.id LIMIT $1"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(i64::from(limit))
                    .fetch_all(self.reader())
                    .await?;
                let mut messages = rows
                    .iter()
                    .map(message_from_row)
                    .collect::<Result<Vec<_>, _>>()?;
                let ids: Vec<uuid::Uuid> = messages.iter().map(|m| m.id).collect();
                for (id, name) in file_names(self, &ids).await? {
                    if let Some(m) = messages.iter_mut().find(|m| m.id == id) {
                        m.file_names.push(name);
                    }
                }
                Ok(messages)
            }

            async fn mailbox_message(
                &self,
                id: uuid::Uuid,
            ) -> Result<Option<MailboxMessage>, StoreError> {
                let sql =
                    format!("SELECT {MESSAGE_COLUMNS} FROM mailbox_messages m WHERE m.id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id.to_string())
                    .fetch_optional(self.reader())
                    .await?;
                let Some(mut message) = row.as_ref().map(message_from_row).transpose()? else {
                    return Ok(None);
                };
                message.file_names = file_names(self, &[id])
                    .await?
                    .into_iter()
                    .map(|(_, name)| name)
                    .collect();
                Ok(Some(message))
            }

            async fn mailbox_attachments(
                &self,
                id: uuid::Uuid,
            ) -> Result<Vec<NewAttachment>, StoreError> {
                let rows = sqlx::query(
                    "SELECT file_name, content_type, sha256, data FROM mailbox_attachments \
                     WHERE message_id = $1 ORDER BY file_name, id",
                )
                .bind(id.to_string())
                .fetch_all(self.reader())
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(NewAttachment {
                            // A new id: the complaint's copy is a row of its own.
                            id: uuid::Uuid::now_v7(),
                            file_name: row.try_get("file_name")?,
                            content_type: row.try_get("content_type")?,
                            sha256: row.try_get("sha256")?,
                            data: row.try_get("data")?,
                        })
                    })
                    .collect()
            }

            async fn unread_replies(
                &self,
                user: klacht_domain::UserId,
            ) -> Result<Vec<$crate::mailbox::UnreadReply>, StoreError> {
                let rows = sqlx::query(
                    "SELECT m.id, m.complaint_id, c.reference, m.subject, m.taken_in_at \
                     FROM mailbox_messages m JOIN complaints c ON c.id = m.complaint_id \
                     WHERE m.status = 'reply' AND m.seen_at IS NULL AND c.closed_at IS NULL \
                     AND (c.handler = $1 OR (c.handler IS NULL AND c.responsible_manager = $1)) \
                     ORDER BY m.taken_in_at, m.id",
                )
                .bind(user.to_string())
                .fetch_all(self.reader())
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::mailbox::UnreadReply {
                            message: parse("mailbox message id", &row.try_get::<String, _>("id")?)?,
                            complaint: parse(
                                "complaint id",
                                &row.try_get::<String, _>("complaint_id")?,
                            )?,
                            reference: parse("reference", &row.try_get::<String, _>("reference")?)?,
                            subject: row.try_get("subject")?,
                            taken_in_at: from_micros(row.try_get("taken_in_at")?)?,
                        })
                    })
                    .collect()
            }

            async fn mark_reply_read(
                &self,
                id: uuid::Uuid,
                at: Timestamp,
            ) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "UPDATE mailbox_messages SET seen_at = $2 \
                     WHERE id = $1 AND status = 'reply' AND seen_at IS NULL",
                )
                .bind(id.to_string())
                .bind(micros(at))
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn dismiss_mailbox_message(
                &self,
                decision: &MailboxDecision,
            ) -> Result<(), StoreError> {
                let mut tx = self.writer().begin().await?;
                if !decide(&mut tx, decision, MailboxStatus::Dismissed, None).await? {
                    return Err(StoreError::NotFound);
                }
                insert_audit(&mut tx, &decision.audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn register_mailbox_message<F, E>(
                &self,
                decision: &MailboxDecision,
                year: i16,
                build: F,
            ) -> Result<Result<ComplaintRow, E>, StoreError>
            where
                F: FnOnce(ReferenceNumber) -> Result<NewStream, E> + Send,
                E: Send,
            {
                let mut tx = self.writer().begin().await?;
                // Claimed first: of two clicks at once, one waits for the
                // other's row lock and then finds the item decided.
                if !decide(&mut tx, decision, MailboxStatus::Registered, None).await? {
                    return Err(StoreError::NotFound);
                }
                let row = match complaints_queries::create_in(&mut tx, year, build).await? {
                    Ok(row) => row,
                    Err(e) => return Ok(Err(e)),
                };
                sqlx::query("UPDATE mailbox_messages SET complaint_id = $2 WHERE id = $1")
                    .bind(decision.message.to_string())
                    .bind(row.id.to_string())
                    .execute(&mut *tx)
                    .await?;
                let audit = AuditEntry {
                    details: format!("{} ({})", decision.audit.details, row.reference),
                    ..decision.audit.clone()
                };
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(Ok(row))
            }
        }
    };
}

pub(crate) use mailbox_queries;
