//! Queries of the start page's work queue, expanded inside each backend's
//! `store_impl` module next to the shared row helpers, as the backend's
//! `WorkQueueStore`.

macro_rules! work_queue_queries {
    () => {
        use $crate::{ActionEvent, WorkQueueQuery};

        // The statuses of an open complaint; the status index finds them
        // without touching closed ones.
        use $crate::{CLOSED_DUE_KEY, OPEN_STATUSES_SQL as OPEN_STATUSES};

        impl $crate::WorkQueueStore for StoreTy {
            async fn work_queue_complaints(
                &self,
                query: &WorkQueueQuery,
            ) -> Result<Vec<ComplaintRow>, StoreError> {
                // A union of index searches (participants by user, the
                // status index), then each row by its key.
                // The person's open complaints are the participants' index
                // range below the closed key (migration 0030), not every
                // complaint they ever took part in.
                // SQLite would walk the status index over every open
                // complaint of the organisation and test each against the
                // list (0.75 s for the quality manager at a million
                // complaints, against 0.1 s): `+status` keeps it off that
                // index, so the rows are found by key from the list.
                let status = if BACKEND == "sqlite" { "+status" } else { "status" };
                let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                    "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE kind = 'complaint' \
                         AND {status} IN {OPEN_STATUSES} AND id IN (SELECT complaint_id FROM \
                         complaint_participants WHERE due_key < '{CLOSED_DUE_KEY}' AND user_id = "
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

            async fn open_action_events(
                &self,
                user: UserId,
            ) -> Result<Vec<ActionEvent>, StoreError> {
                // The IN list is the partial index's condition, word for
                // word: SQLite uses such an index only then.
                let sql = format!(
                    "SELECT e.complaint_id, e.seq, e.at, e.actor, e.kind, e.data, \
                         c.reference, c.handler, c.responsible_manager FROM complaint_participants p \
                         JOIN complaints c ON c.id = p.complaint_id \
                         JOIN complaint_events e ON e.complaint_id = c.id \
                         WHERE p.user_id = $1 AND p.due_key < '{CLOSED_DUE_KEY}' \
                         AND c.status IN {OPEN_STATUSES} AND c.kind = 'complaint' \
                         AND e.kind IN ('action_agreed', 'action_completed', 'corrected') \
                         ORDER BY c.received_at, c.id, e.seq"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(user.to_string())
                    .fetch_all(self.reader())
                    .await?;
                rows.iter().map(action_event_from_row).collect()
            }
        }
    };
}

pub(crate) use work_queue_queries;
