//! The complaint streams: intake, appends under optimistic concurrency,
//! loading and the lists, expanded inside each backend's `store_impl`
//! module next to the shared row helpers, as its `ComplaintStore`.

macro_rules! complaints_queries {
    () => {
            /// One stream's append inside a transaction: the row's
            /// compare-and-swap, the events, the participants, the Exact
            /// hook and the dossier's chain.
            pub(super) async fn append_in(
                tx: &mut sqlx::Transaction<'_, Db>,
                expected_version: u64,
                events: &[RawEvent],
                row: &ComplaintRow,
            ) -> Result<(), StoreError> {
                if !replace_row(tx, row, expected_version).await? {
                    let exists = sqlx::query("SELECT 1 FROM complaints WHERE id = $1")
                        .bind(row.id.to_string())
                        .fetch_optional(&mut **tx)
                        .await?
                        .is_some();
                    return Err(if exists {
                        StoreError::Conflict {
                            expected: expected_version,
                        }
                    } else {
                        StoreError::NotFound
                    });
                }
                match insert_events(tx, events).await {
                    // The primary key (complaint_id, seq) is the last line of
                    // defence against a lost update.
                    Err(StoreError::Duplicate { .. }) => {
                        return Err(StoreError::Conflict {
                            expected: expected_version,
                        });
                    }
                    other => other?,
                }
                write_participants(tx, row, true).await?;
                outbox_queries::settle_registered_in_exact(tx, row.id, events).await?;
                // A filed complaint's hash chain grows with its history.
                dossier_queries::extend_chain(tx, row, events).await?;
                Ok(())
            }

            /// A new stream inside a transaction: its reference number,
            /// row, events, seal, participants, public data and outbox
            /// (see `create_complaint`); the mailbox's
            /// registration uses it too.
            pub(super) async fn create_in<F, E>(
                tx: &mut sqlx::Transaction<'_, Db>,
                year: i16,
                build: F,
            ) -> Result<Result<ComplaintRow, E>, StoreError>
            where
                F: FnOnce(ReferenceNumber) -> Result<NewStream, E> + Send,
                E: Send,
            {
                    // The upsert takes the row lock on PostgreSQL, so two
                    // intakes never get the same number.
                    let number: i64 = sqlx::query(
                        "INSERT INTO reference_counters (year, last_number) VALUES ($1, 1) \
                         ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1 \
                         RETURNING last_number",
                    )
                    .bind(i32::from(year))
                    .fetch_one(&mut **tx)
                    .await?
                    .try_get(0)?;
                    let reference = ReferenceNumber::new(
                        year,
                        u32::try_from(number)
                            .map_err(|_| StoreError::Corrupt(format!("reference number {number}")))?,
                    )
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                    let stream = match build(reference) {
                        Ok(stream) => stream,
                        // Dropping the transaction rolls the number back.
                        Err(e) => return Ok(Err(e)),
                    };
                    let row = stream.row;
                    let sql = format!(
                        "INSERT INTO complaints ({WRITE_COLUMNS}) VALUES \
                         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)"
                    );
                    let q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(row.id.to_string());
                    bind_row!(q, row).execute(&mut **tx).await?;
                    move_status(tx, &row.status, 1).await?;
                    move_due(tx, row.next_step.as_deref(), row.next_due, 1).await?;
                    insert_events(tx, &stream.events).await?;
                    // Sealed from the first event on, in the same transaction.
                    dossier_queries::seal_new(tx, &stream.events).await?;
                    write_participants(tx, &row, false).await?;
                    public_queries::insert_public(
                        tx,
                        row.id,
                        stream.tracking_code.as_ref(),
                        &stream.attachments,
                        row.updated_at,
                    )
                    .await?;
                    outbox_queries::insert_outbox(tx, &stream.outbox).await?;
                    Ok(Ok(row))
            }

            /// The WHERE conditions of a [`ComplaintFilter`] (all but its
            /// cursor), after a `WHERE 1 = 1` over `complaints c`: the one
            /// place both lists (Overzicht and Mijn klachten) filter. The text
            /// search by index or not as `text_search_by_index` said.
            fn push_conditions(
                q: &mut QueryBuilder<Db>,
                filter: &ComplaintFilter,
                search_by_index: bool,
            ) {
                if let Some(user) = filter.visible_to {
                    q.push(
                        " AND EXISTS (SELECT 1 FROM complaint_participants p \
                         WHERE p.complaint_id = c.id AND p.user_id = ",
                    )
                    .push_bind(user.to_string())
                    .push(")");
                }
                if let Some(status) = &filter.status {
                    q.push(" AND c.status = ").push_bind(status.clone());
                }
                if let Some(kind) = &filter.kind {
                    q.push(" AND c.kind = ").push_bind(kind.clone());
                }
                if let Some(handler) = filter.handler {
                    q.push(" AND c.handler = ").push_bind(handler.to_string());
                }
                if let Some(from) = filter.received_from {
                    q.push(" AND c.received_at >= ").push_bind(micros(from));
                }
                if let Some(before) = filter.received_before {
                    q.push(" AND c.received_at < ").push_bind(micros(before));
                }
                if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                    push_text_search(q, text, LIST_SEARCH, search_by_index);
                }
                // Overview (Overzicht) filters.
                if let Some(category) = &filter.category {
                    q.push(" AND c.category = ").push_bind(category.clone());
                }
                if let Some(manager) = filter.responsible_manager {
                    q.push(" AND c.responsible_manager = ").push_bind(manager.to_string());
                }
                if let Some(step) = &filter.next_step {
                    q.push(" AND c.next_step = ").push_bind(step.clone());
                }
                if let Some(from) = filter.next_due_from {
                    q.push(" AND c.next_due >= ").push_bind(from.to_string());
                }
                if let Some(to) = filter.next_due_to {
                    q.push(" AND c.next_due <= ").push_bind(to.to_string());
                }
                if let Some(open) = filter.open {
                    q.push(if open {
                        " AND c.status <> 'closed'"
                    } else {
                        " AND c.status = 'closed'"
                    });
                }
            }

            impl $crate::ComplaintStore for StoreTy {
                async fn create_complaint<F, E>(
                    &self,
                    year: i16,
                    build: F,
                ) -> Result<Result<ComplaintRow, E>, StoreError>
                where
                    F: FnOnce(ReferenceNumber) -> Result<NewStream, E> + Send,
                    E: Send,
                {
                    let mut tx = self.writer().begin().await?;
                    let created = create_in(&mut tx, year, build).await?;
                    if created.is_ok() {
                        tx.commit().await?;
                    }
                    Ok(created)
                }

                async fn create_complaint_grouped<F, T, E>(
                    &self,
                    year: i16,
                    build: F,
                ) -> Result<Result<(ComplaintRow, T), E>, StoreError>
                where
                    F: FnOnce(ReferenceNumber) -> Result<(NewStream, T), E> + Send + 'static,
                    T: Send + 'static,
                    E: Send + 'static,
                {
                    self.grouped_intake($crate::group::work(move |tx| {
                        Box::pin(async move {
                            let mut extra = None;
                            let created = create_in(tx, year, |reference| {
                                build(reference).map(|(stream, t)| {
                                    extra = Some(t);
                                    stream
                                })
                            })
                            .await?;
                            Ok(match (created, extra) {
                                (Ok(row), Some(t)) => (Ok((row, t)), true),
                                (Err(e), _) => (Err(e), false),
                                // build gave a stream, so it gave its T.
                                (Ok(_), None) => {
                                    return Err(StoreError::Corrupt("intake without result".into()));
                                }
                            })
                        })
                    }))
                    .await
                }

                async fn append(
                    &self,
                    expected_version: u64,
                    events: &[RawEvent],
                    row: &ComplaintRow,
                    outbox: &[$crate::NewOutboxMessage],
                ) -> Result<(), StoreError> {
                    // Owned copies: on SQLite the writer task commits this
                    // append with the other writes queued with it.
                    let (events, row, outbox) = (events.to_vec(), row.clone(), outbox.to_vec());
                    self.grouped($crate::group::work(move |tx| {
                        Box::pin(async move {
                            // The outbox first: an appended registration in
                            // Exact settles what waits there, this append's
                            // too.
                            outbox_queries::insert_outbox(tx, &outbox).await?;
                            append_in(tx, expected_version, &events, &row).await?;
                            Ok(((), true))
                        })
                    }))
                    .await
                }

                async fn append_many(
                    &self,
                    changes: &[$crate::StreamAppend],
                    outbox: &[$crate::NewOutboxMessage],
                ) -> Result<(), StoreError> {
                    // Always in the same order (by id), so that two writers
                    // touching the same streams take the row locks alike and
                    // never wait on each other in a cycle.
                    let mut ordered: Vec<&$crate::StreamAppend> = changes.iter().collect();
                    ordered.sort_by_key(|c| c.row.id);
                    let mut tx = self.writer().begin().await?;
                    outbox_queries::insert_outbox(&mut tx, outbox).await?;
                    for c in ordered {
                        append_in(&mut tx, c.expected_version, &c.events, &c.row).await?;
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn load_stream(
                    &self,
                    id: ComplaintId,
                ) -> Result<Option<(ComplaintRow, Vec<RawEvent>)>, StoreError> {
                    // One read transaction, so the row and the events agree.
                    let mut tx = self.reader().begin().await?;
                    let sql = format!("SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE id = $1");
                    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(id.to_string())
                        .fetch_optional(&mut *tx)
                        .await?
                    else {
                        return Ok(None);
                    };
                    let mut row = complaint_from_row(&row)?;
                    let participants = sqlx::query(
                        "SELECT user_id FROM complaint_participants WHERE complaint_id = $1 ORDER BY user_id",
                    )
                    .bind(id.to_string())
                    .fetch_all(&mut *tx)
                    .await?;
                    row.participants = participants
                        .iter()
                        .map(|r| parse("user id", &r.try_get::<String, _>(0)?))
                        .collect::<Result<_, _>>()?;
                    let events = sqlx::query(
                        "SELECT complaint_id, seq, at, actor, kind, data FROM complaint_events \
                         WHERE complaint_id = $1 ORDER BY seq",
                    )
                    .bind(id.to_string())
                    .fetch_all(&mut *tx)
                    .await?;
                    let events = events.iter().map(event_from_row).collect::<Result<_, _>>()?;
                    tx.commit().await?;
                    Ok(Some((row, events)))
                }

                async fn complaint_id_by_reference(
                    &self,
                    reference: ReferenceNumber,
                ) -> Result<Option<ComplaintId>, StoreError> {
                    let row = sqlx::query("SELECT id FROM complaints WHERE reference = $1")
                        .bind(reference.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    row.map(|r| parse("complaint id", &r.try_get::<String, _>(0)?))
                        .transpose()
                }

                async fn list_complaints(
                    &self,
                    filter: &ComplaintFilter,
                ) -> Result<Page<ComplaintRow>, StoreError> {
                    let limit = filter.limit.clamp(1, 500);
                    let by_index =
                        text_search_by_index(self.reader(), filter.text.as_deref(), LIST_SEARCH)
                            .await?;
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "SELECT {COMPLAINT_COLUMNS} FROM complaints c WHERE 1 = 1"
                    ));
                    push_conditions(&mut q, filter, by_index);
                    if let Some(after) = filter.after {
                        // The first bound alone is what both planners seek
                        // the (received_at, id) index with; the OR alone made
                        // PostgreSQL walk every newer row (issue 14).
                        let at = micros(after.received_at);
                        q.push(" AND received_at <= ")
                            .push_bind(at)
                            .push(" AND (received_at < ")
                            .push_bind(at)
                            .push(" OR id < ")
                            .push_bind(after.id.to_string())
                            .push(")");
                    }
                    q.push(" ORDER BY received_at DESC, id DESC LIMIT ")
                        .push_bind(i64::from(limit) + 1);
                    let rows = q.build().fetch_all(self.reader()).await?;
                    let items = rows
                        .iter()
                        .map(complaint_from_row)
                        .collect::<Result<Vec<_>, _>>()?;
                    let (items, next) = split_page(items, limit, |r| Cursor {
                        received_at: r.received_at,
                        id: r.id,
                    });
                    Ok(Page { items, next })
                }

                async fn count_complaints(&self) -> Result<u64, StoreError> {
                    let n: i64 = sqlx::query("SELECT COUNT(*) FROM complaints")
                        .fetch_one(self.reader())
                        .await?
                        .try_get(0)?;
                    Ok(u64::try_from(n).unwrap_or(0))
                }

                async fn open_complaints_with_event(
                    &self,
                    kind: &str,
                    needle: &str,
                ) -> Result<Vec<ComplaintRow>, StoreError> {
                    let escaped = needle
                        .replace('\\', "\\\\")
                        .replace('%', "\\%")
                        .replace('_', "\\_");
                    // From the events of that kind (few) to their
                    // complaints, never from every open complaint to its
                    // events: SQLite, left to itself, walks the open ones
                    // (0.4 s at a million complaints, against 7 ms), so
                    // `+closed_at` keeps it off their index.
                    let open = if BACKEND == "sqlite" { "+closed_at" } else { "closed_at" };
                    let sql = format!(
                        "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE id IN \
                         (SELECT e.complaint_id FROM complaint_events e WHERE e.kind = $1 \
                         AND e.data LIKE $2 ESCAPE '\\') AND {open} IS NULL \
                         AND kind = 'complaint' ORDER BY received_at, id"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(kind)
                        .bind(format!("%{escaped}%"))
                        .fetch_all(self.reader())
                        .await?;
                    rows.iter().map(complaint_from_row).collect()
                }

                async fn list_participating(
                    &self,
                    user: UserId,
                    filter: &ComplaintFilter,
                    after: Option<DueCursor>,
                ) -> Result<DuePage, StoreError> {
                    // The participant row carries the sort key (migration
                    // 0025): a page is one seek in (user_id, due_key,
                    // complaint_id), whatever the person's number of
                    // complaints. Dates are 'YYYY-MM-DD' text; complaints
                    // without a term sort after every real date.
                    let limit = filter.limit.clamp(1, 500);
                    let by_index =
                        text_search_by_index(self.reader(), filter.text.as_deref(), LIST_SEARCH)
                            .await?;
                    // A rare word found by SQLite's index: start from its
                    // few matches (CROSS JOIN fixes SQLite's join order)
                    // rather than walk all the person's complaints in term
                    // order (0.1–0.5 ms instead of about 90 ms for a
                    // manager of a team of 40 at 100,000 complaints).
                    let from = if by_index {
                        "complaints c CROSS JOIN complaint_participants p"
                    } else {
                        "complaint_participants p JOIN complaints c"
                    };
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "SELECT c.{} FROM {from} ON c.id = p.complaint_id WHERE p.user_id = ",
                        COMPLAINT_COLUMNS.replace(", ", ", c.")
                    ));
                    q.push_bind(user.to_string());
                    push_conditions(&mut q, filter, by_index);
                    if let Some(after) = after {
                        let due = after
                            .next_due
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "9999-12-31".into());
                        q.push(" AND p.due_key >= ")
                            .push_bind(due.clone())
                            .push(" AND (p.due_key > ")
                            .push_bind(due)
                            .push(" OR p.complaint_id > ")
                            .push_bind(after.id.to_string())
                            .push(")");
                    }
                    q.push(" ORDER BY p.due_key, p.complaint_id LIMIT ")
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
            }
    };
}

pub(crate) use complaints_queries;
