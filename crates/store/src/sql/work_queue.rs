//! Queries of the start page's work queue, expanded inside each backend's
//! `store_impl` module next to the shared row helpers, as the backend's
//! `WorkQueueStore`.

macro_rules! work_queue_queries {
    () => {
        use $crate::{ActionEvent, WorkQueueQuery};

        /// The statuses of an open complaint; the status index finds
        /// them without touching closed ones.
        const OPEN_STATUSES: &str =
            "('awaiting_handler', 'in_progress', 'recorded', 'escalated', 'reopened')";

        impl $crate::WorkQueueStore for StoreTy {
            async fn work_queue_complaints(
                &self,
                query: &WorkQueueQuery,
            ) -> Result<Vec<ComplaintRow>, StoreError> {
                // A union of index searches (participants by user, the
                // status index), then each row by its key.
                let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                    "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE kind = 'complaint' \
                         AND status IN {OPEN_STATUSES} AND id IN (SELECT complaint_id FROM \
                         complaint_participants WHERE user_id = "
                ));
                q.push_bind(query.participant.to_string());
                if query.recorded {
                    q.push(" UNION SELECT id FROM complaints WHERE status = 'recorded'");
                }
                if query.escalated {
                    q.push(" UNION SELECT id FROM complaints WHERE status = 'escalated'");
                }
                q.push(") ORDER BY received_at, id");
                let rows = q.build().fetch_all(self.reader()).await?;
                rows.iter().map(complaint_from_row).collect()
            }

            async fn open_action_events(&self) -> Result<Vec<ActionEvent>, StoreError> {
                let sql = format!(
                    "SELECT e.complaint_id, e.seq, e.at, e.actor, e.kind, e.data, \
                         c.reference, c.handler FROM complaints c \
                         JOIN complaint_events e ON e.complaint_id = c.id \
                         WHERE c.status IN {OPEN_STATUSES} AND c.kind = 'complaint' \
                         AND e.kind IN ('action_agreed', 'action_completed', 'corrected') \
                         ORDER BY c.received_at, c.id, e.seq"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(self.reader())
                    .await?;
                rows.iter()
                    .map(|row| {
                        Ok(ActionEvent {
                            reference: parse::<ReferenceNumber>(
                                "reference",
                                &row.try_get::<String, _>("reference")?,
                            )?,
                            handler: opt_user(row, "handler")?,
                            event: event_from_row(row)?,
                        })
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use work_queue_queries;
