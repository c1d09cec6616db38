//! Bulk loading (`BulkStore`), expanded inside each backend's `store_impl`
//! module next to the shared row helpers. Each table gets multi-row
//! INSERTs of at most `PARAMS` bound values (SQLite allows 32,766 per
//! statement, PostgreSQL 65,535), all in one transaction: at a million
//! complaints the cost is the rows, not round trips and commits.

macro_rules! bulk_queries {
    () => {
        use $crate::dossier::chain_of;

        /// Bound values per statement, below both databases' limits.
        const PARAMS: usize = 30_000;

        /// Rows per statement for a table of `columns` columns.
        fn rows_per(columns: usize) -> usize {
            PARAMS / columns
        }

        impl $crate::BulkStore for StoreTy {
            async fn refresh_statistics(&self) -> Result<(), StoreError> {
                if BACKEND == "postgres" {
                    sqlx::query("ANALYZE").execute(self.writer()).await?;
                }
                Ok(())
            }

            async fn reserve_references(&self, year: i16, count: u32) -> Result<u32, StoreError> {
                let count = i64::from(count.max(1));
                let last: i64 = sqlx::query(
                    "INSERT INTO reference_counters (year, last_number) VALUES ($1, $2) \
                     ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + $2 \
                     RETURNING last_number",
                )
                .bind(i32::from(year))
                .bind(count)
                .fetch_one(self.writer())
                .await?
                .try_get(0)?;
                u32::try_from(last - count + 1)
                    .map_err(|_| StoreError::Corrupt(format!("reference number {last}")))
            }

            async fn import_streams(&self, streams: &[NewStream]) -> Result<(), StoreError> {
                let mut tx = self.writer().begin().await?;
                for chunk in streams.chunks(rows_per(24)) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "INSERT INTO complaints ({WRITE_COLUMNS}) "
                    ));
                    let versions = chunk
                        .iter()
                        .map(|s| seq_i64(s.row.version))
                        .collect::<Result<Vec<_>, _>>()?;
                    q.push_values(chunk.iter().zip(versions), |mut b, (s, version)| {
                        let row = &s.row;
                        b.push_bind(row.id.to_string())
                            .push_bind(row.reference.to_string())
                            .push_bind(version)
                            .push_bind(row.kind.clone())
                            .push_bind(row.status.clone())
                            .push_bind(row.channel.clone())
                            .push_bind(micros(row.received_at))
                            .push_bind(row.received_by.map(|u| u.to_string()))
                            .push_bind(row.responsible_manager.map(|u| u.to_string()))
                            .push_bind(row.handler.map(|u| u.to_string()))
                            .push_bind(row.complainant_name.clone())
                            .push_bind(row.service.clone())
                            .push_bind(row.category.clone())
                            .push_bind(row.summary.clone())
                            .push_bind(row.next_step.clone())
                            .push_bind(row.next_due.map(|d| d.to_string()))
                            .push_bind(row.report_due.to_string())
                            .push_bind(row.contact_due.to_string())
                            .push_bind(row.offer_due.to_string())
                            .push_bind(row.record_due.to_string())
                            .push_bind(row.closed_at.map(micros))
                            .push_bind(micros(row.updated_at))
                            .push_bind(row.facts.as_ref().map(|f| f.key.clone()))
                            .push_bind(row.facts.as_ref().map(|f| f.data.clone()));
                    });
                    q.build().execute(&mut *tx).await?;
                }

                let mut statuses: std::collections::BTreeMap<&str, i64> = Default::default();
                for s in streams {
                    *statuses.entry(s.row.status.as_str()).or_default() += 1;
                }
                for (status, n) in statuses {
                    move_status(&mut tx, status, n).await?;
                }
                let mut dues: std::collections::BTreeMap<(&str, jiff::civil::Date), i64> =
                    Default::default();
                for s in streams {
                    if let (Some(step), Some(due)) = (s.row.next_step.as_deref(), s.row.next_due) {
                        *dues.entry((step, due)).or_default() += 1;
                    }
                }
                for ((step, due), n) in dues {
                    move_due(&mut tx, Some(step), Some(due), n).await?;
                }

                // Events and their seals, checked as an intake checks them.
                let mut events = Vec::new();
                let mut hashes = Vec::new();
                for s in streams {
                    dossier_queries::check_stream(&s.events)?;
                    for (e, h) in s.events.iter().zip(chain_of(&s.events)) {
                        events.push(e);
                        hashes.push((e.complaint_id.to_string(), seq_i64(e.seq)?, hex::encode(h)));
                    }
                }
                for chunk in events.chunks(rows_per(6)) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO complaint_events (complaint_id, seq, at, actor, kind, data) ",
                    );
                    let seqs = chunk
                        .iter()
                        .map(|e| seq_i64(e.seq))
                        .collect::<Result<Vec<_>, _>>()?;
                    q.push_values(chunk.iter().zip(seqs), |mut b, (e, seq)| {
                        b.push_bind(e.complaint_id.to_string())
                            .push_bind(seq)
                            .push_bind(micros(e.at))
                            .push_bind(e.actor.clone())
                            .push_bind(e.kind.clone())
                            .push_bind(e.data.clone());
                    });
                    q.build().execute(&mut *tx).await?;
                }
                for chunk in hashes.chunks(rows_per(3)) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO complaint_event_hashes (complaint_id, seq, hash) ",
                    );
                    q.push_values(chunk, |mut b, (id, seq, hash)| {
                        b.push_bind(id.clone()).push_bind(*seq).push_bind(hash.clone());
                    });
                    q.build().execute(&mut *tx).await?;
                }

                let mut participants = Vec::new();
                let mut codes = Vec::new();
                for s in streams {
                    let id = s.row.id.to_string();
                    let mut seen = std::collections::BTreeSet::new();
                    let due = due_key(&s.row);
                    for user in s.row.participants.iter().filter(|u| seen.insert(**u)) {
                        participants.push((id.clone(), user.to_string(), due.clone()));
                    }
                    if let Some(code) = &s.tracking_code {
                        codes.push((id, code.compact(), micros(s.row.updated_at)));
                    }
                }
                for chunk in participants.chunks(rows_per(3)) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO complaint_participants (complaint_id, user_id, due_key) ",
                    );
                    q.push_values(chunk, |mut b, (id, user, due)| {
                        b.push_bind(id.clone())
                            .push_bind(user.clone())
                            .push_bind(due.clone());
                    });
                    q.build().execute(&mut *tx).await?;
                }
                for chunk in codes.chunks(rows_per(3)) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO tracking_codes (complaint_id, code, created_at) ",
                    );
                    q.push_values(chunk, |mut b, (id, code, at)| {
                        b.push_bind(id.clone()).push_bind(code.clone()).push_bind(*at);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                for s in streams {
                    if !s.attachments.is_empty() {
                        public_queries::insert_public(
                            &mut tx,
                            s.row.id,
                            None,
                            &s.attachments,
                            s.row.updated_at,
                        )
                        .await?;
                    }
                    outbox_queries::insert_outbox(&mut tx, &s.outbox).await?;
                }
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(crate) use bulk_queries;
