//! Queries of the reports (dashboard, yearly report, exports), expanded
//! inside each backend's `store_impl` module next to the shared row
//! helpers, as the backend's `ReportStore`. Reports read whole event
//! streams a page of complaints at a time: one query per page, never one
//! per complaint.

macro_rules! reports_queries {
    () => {
        use $crate::StreamPage;

        /// Groups rows ordered by complaint (then seq) into streams,
        /// keeping the order in which complaints first appear.
        fn group_streams(
            events: Vec<RawEvent>,
        ) -> Vec<(klacht_domain::ComplaintId, Vec<RawEvent>)> {
            let mut streams: Vec<(klacht_domain::ComplaintId, Vec<RawEvent>)> = Vec::new();
            for e in events {
                match streams.last_mut() {
                    Some((id, list)) if *id == e.complaint_id => list.push(e),
                    _ => streams.push((e.complaint_id, vec![e])),
                }
            }
            streams
        }

        impl $crate::ReportStore for StoreTy {
            async fn report_streams(
                &self,
                received_from: Timestamp,
                received_before: Timestamp,
                after: Option<Cursor>,
                limit: u32,
            ) -> Result<StreamPage, StoreError> {
                let limit = limit.clamp(1, 2000);
                let mut q: QueryBuilder<Db> = QueryBuilder::new(
                    "SELECT e.complaint_id, e.seq, e.at, e.actor, e.kind, e.data, \
                         c.received_at AS c_received FROM complaints c \
                         JOIN complaint_events e ON e.complaint_id = c.id \
                         WHERE c.id IN (SELECT id FROM complaints WHERE received_at >= ",
                );
                q.push_bind(micros(received_from))
                    .push(" AND received_at < ")
                    .push_bind(micros(received_before));
                if let Some(after) = &after {
                    push_received_after(&mut q, after);
                }
                q.push(" ORDER BY received_at, id LIMIT ")
                    .push_bind(i64::from(limit))
                    .push(") ORDER BY c.received_at, c.id, e.seq");
                let rows = q.build().fetch_all(self.reader()).await?;
                let mut last: Option<Cursor> = None;
                let mut events = Vec::with_capacity(rows.len());
                for row in &rows {
                    let e = event_from_row(row)?;
                    last = Some(Cursor {
                        received_at: from_micros(row.try_get("c_received")?)?,
                        id: e.complaint_id,
                    });
                    events.push(e);
                }
                let streams = group_streams(events);
                let next = if streams.len() >= limit as usize {
                    last
                } else {
                    None
                };
                Ok(StreamPage { streams, next })
            }

            async fn events_of(
                &self,
                ids: &[klacht_domain::ComplaintId],
            ) -> Result<Vec<(klacht_domain::ComplaintId, Vec<RawEvent>)>, StoreError> {
                let mut events = Vec::new();
                for chunk in id_batches(ids) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "SELECT complaint_id, seq, at, actor, kind, data FROM complaint_events \
                             WHERE complaint_id IN (",
                    );
                    let mut list = q.separated(", ");
                    for id in chunk {
                        list.push_bind(id);
                    }
                    q.push(") ORDER BY complaint_id, seq");
                    for row in &q.build().fetch_all(self.reader()).await? {
                        events.push(event_from_row(row)?);
                    }
                }
                Ok(group_streams(events))
            }

            async fn report_facts(
                &self,
                key: &str,
                received_from: Timestamp,
                received_before: Timestamp,
                after: Option<Cursor>,
                limit: u32,
            ) -> Result<$crate::FactsPage, StoreError> {
                let limit = limit.clamp(1, 10_000);
                // Facts of another key come back as NULL, so stale JSON
                // is neither sent nor parsed.
                let mut q: QueryBuilder<Db> =
                    QueryBuilder::new("SELECT id, version, received_at, CASE WHEN facts_key = ");
                q.push_bind(key.to_owned())
                    .push(" THEN facts END AS facts FROM complaints WHERE received_at >= ")
                    .push_bind(micros(received_from))
                    .push(" AND received_at < ")
                    .push_bind(micros(received_before));
                if let Some(after) = &after {
                    push_received_after(&mut q, after);
                }
                q.push(" ORDER BY received_at, id LIMIT ")
                    .push_bind(i64::from(limit));
                let rows = q.build().fetch_all(self.reader()).await?;
                let mut out = Vec::with_capacity(rows.len());
                for row in &rows {
                    out.push($crate::FactsRow {
                        id: parse("complaint id", &row.try_get::<String, _>("id")?)?,
                        version: u64::try_from(row.try_get::<i64, _>("version")?)
                            .map_err(|_| StoreError::Corrupt("negative version".into()))?,
                        received_at: from_micros(row.try_get("received_at")?)?,
                        facts: row.try_get("facts")?,
                    });
                }
                let next = match out.last() {
                    Some(last) if out.len() >= limit as usize => Some(Cursor {
                        received_at: last.received_at,
                        id: last.id,
                    }),
                    _ => None,
                };
                Ok($crate::FactsPage { rows: out, next })
            }

            async fn stale_facts(
                &self,
                key: &str,
                limit: u32,
            ) -> Result<Vec<klacht_domain::ComplaintId>, StoreError> {
                // Three ranges of complaints_facts_key_idx (NULL, below and
                // above the key), never the rows with the current key.
                let rows = sqlx::query(
                    "SELECT id FROM complaints \
                     WHERE facts_key IS NULL OR facts_key < $1 OR facts_key > $1 LIMIT $2",
                )
                .bind(key)
                .bind(i64::from(limit.clamp(1, 10_000)))
                .fetch_all(self.reader())
                .await?;
                rows.iter()
                    .map(|r| parse("complaint id", &r.try_get::<String, _>("id")?))
                    .collect()
            }

            async fn store_facts(
                &self,
                updates: &[$crate::FactsUpdate],
            ) -> Result<u64, StoreError> {
                let mut tx = self.writer().begin().await?;
                let mut written = 0;
                for u in updates {
                    let done = sqlx::query(
                        "UPDATE complaints SET facts_key = $1, facts = $2 \
                         WHERE id = $3 AND version = $4",
                    )
                    .bind(&u.facts.key)
                    .bind(&u.facts.data)
                    .bind(u.id.to_string())
                    .bind(seq_i64(u.version)?)
                    .execute(&mut *tx)
                    .await?;
                    written += done.rows_affected();
                }
                tx.commit().await?;
                Ok(written)
            }
        }
    };
}

pub(crate) use reports_queries;
