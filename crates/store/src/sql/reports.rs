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
                if let Some(after) = after {
                    let at = micros(after.received_at);
                    q.push(" AND (received_at > ")
                        .push_bind(at)
                        .push(" OR (received_at = ")
                        .push_bind(at)
                        .push(" AND id > ")
                        .push_bind(after.id.to_string())
                        .push("))");
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
                let mut ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
                ids.sort();
                ids.dedup();
                let mut events = Vec::new();
                // Well below either database's limit on bound parameters.
                for chunk in ids.chunks(500) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "SELECT complaint_id, seq, at, actor, kind, data FROM complaint_events \
                             WHERE complaint_id IN (",
                    );
                    let mut list = q.separated(", ");
                    for id in chunk {
                        list.push_bind(id.clone());
                    }
                    q.push(") ORDER BY complaint_id, seq");
                    for row in &q.build().fetch_all(self.reader()).await? {
                        events.push(event_from_row(row)?);
                    }
                }
                Ok(group_streams(events))
            }
        }
    };
}

pub(crate) use reports_queries;
