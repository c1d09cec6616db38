//! Queries of the dossier (filing, the hash chain, the dossier page) and
//! the whole-database checks of `klacht verify`, expanded inside each
//! backend's `store_impl` module next to the shared row helpers, as its
//! `DossierStore`. Retention's queries are in `retention.rs`.

macro_rules! dossier_queries {
    () => {
            use $crate::dossier::{
                DossierCursor, DossierDocument, DossierFilter, DossierPage, DossierRow,
                EarlierFiling, NewDossier, SealedComplaint, SealedEarlier, StoredStream,
                chain_next, chain_of, parse_hash, sha256_hex,
            };
            use klacht_domain::ComplaintId;

            const DOSSIER_COLUMNS: &str = "d.complaint_id, d.year, d.closed_at, d.filed_at, \
                 d.filed_by, d.sealed_seq, d.record_sha256, d.pdf_sha256, d.chain_head, \
                 d.anonymised_at, d.round, c.reference, c.complainant_name, c.category";

            const EARLIER_COLUMNS: &str = "complaint_id, round, year, closed_at, filed_at, \
                 filed_by, sealed_seq, record_sha256, pdf_sha256, chain_head, superseded_at";

            fn round_of(row: &DbRow) -> Result<u32, StoreError> {
                u32::try_from(row.try_get::<i32, _>("round")?)
                    .map_err(|_| StoreError::Corrupt("negative round".into()))
            }

            fn earlier_from_row(row: &DbRow) -> Result<EarlierFiling, StoreError> {
                Ok(EarlierFiling {
                    complaint_id: parse("complaint id", &row.try_get::<String, _>("complaint_id")?)?,
                    round: round_of(row)?,
                    year: row.try_get::<i32, _>("year")?,
                    closed_at: from_micros(row.try_get("closed_at")?)?,
                    filed_at: from_micros(row.try_get("filed_at")?)?,
                    filed_by: opt_user(row, "filed_by")?,
                    sealed_seq: u64::try_from(row.try_get::<i64, _>("sealed_seq")?)
                        .map_err(|_| StoreError::Corrupt("negative sealed seq".into()))?,
                    record_sha256: row.try_get("record_sha256")?,
                    pdf_sha256: row.try_get("pdf_sha256")?,
                    chain_head: row.try_get("chain_head")?,
                    superseded_at: from_micros(row.try_get("superseded_at")?)?,
                })
            }

            /// The earlier filings of these complaints with their
            /// documents, grouped per complaint, oldest round first.
            async fn earlier_in(
                tx: &mut sqlx::Transaction<'_, Db>,
                ids: &[String],
            ) -> Result<std::collections::HashMap<ComplaintId, Vec<SealedEarlier>>, StoreError> {
                let mut out: std::collections::HashMap<ComplaintId, Vec<SealedEarlier>> =
                    std::collections::HashMap::new();
                if ids.is_empty() {
                    return Ok(out);
                }
                let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                    "SELECT {EARLIER_COLUMNS}, record_json, pdf FROM dossier_rounds WHERE complaint_id IN ("
                ));
                let mut list = q.separated(", ");
                for id in ids {
                    list.push_bind(id.clone());
                }
                q.push(") ORDER BY complaint_id, round");
                for row in &q.build().fetch_all(&mut **tx).await? {
                    let filing = earlier_from_row(row)?;
                    out.entry(filing.complaint_id).or_default().push(SealedEarlier {
                        record_json: row.try_get("record_json")?,
                        pdf: row.try_get("pdf")?,
                        filing,
                    });
                }
                Ok(out)
            }

            /// Bound parameters per multi-row INSERT chunk (3 per hash row).
            const HASH_CHUNK: usize = 300;

            fn dossier_from_row(row: &DbRow) -> Result<DossierRow, StoreError> {
                let anonymised: Option<i64> = row.try_get("anonymised_at")?;
                Ok(DossierRow {
                    complaint_id: parse("complaint id", &row.try_get::<String, _>("complaint_id")?)?,
                    reference: parse("reference", &row.try_get::<String, _>("reference")?)?,
                    complainant_name: row.try_get("complainant_name")?,
                    category: row.try_get("category")?,
                    year: row.try_get::<i32, _>("year")?,
                    closed_at: from_micros(row.try_get("closed_at")?)?,
                    filed_at: from_micros(row.try_get("filed_at")?)?,
                    filed_by: opt_user(row, "filed_by")?,
                    sealed_seq: u64::try_from(row.try_get::<i64, _>("sealed_seq")?)
                        .map_err(|_| StoreError::Corrupt("negative sealed seq".into()))?,
                    record_sha256: row.try_get("record_sha256")?,
                    pdf_sha256: row.try_get("pdf_sha256")?,
                    chain_head: row.try_get("chain_head")?,
                    anonymised_at: anonymised.map(from_micros).transpose()?,
                    round: round_of(row)?,
                })
            }

            /// Writes the chain hashes of `events`, continuing from `prev`.
            pub(super) async fn insert_hashes(
                tx: &mut sqlx::Transaction<'_, Db>,
                events: &[RawEvent],
                hashes: &[[u8; 32]],
            ) -> Result<(), StoreError> {
                let rows: Vec<(String, i64, String)> = events
                    .iter()
                    .zip(hashes)
                    .map(|(e, h)| Ok((e.complaint_id.to_string(), seq_i64(e.seq)?, hex::encode(h))))
                    .collect::<Result<_, StoreError>>()?;
                for chunk in rows.chunks(HASH_CHUNK) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO complaint_event_hashes (complaint_id, seq, hash) ",
                    );
                    q.push_values(chunk, |mut b, (id, seq, hash)| {
                        b.push_bind(id.clone()).push_bind(*seq).push_bind(hash.clone());
                    });
                    q.build().execute(&mut **tx).await?;
                }
                Ok(())
            }

            pub(super) fn check_stream(events: &[RawEvent]) -> Result<(), StoreError> {
                for (i, e) in events.iter().enumerate() {
                    if e.seq != i as u64 + 1 {
                        return Err(StoreError::Corrupt(format!(
                            "stream of {} has seq {} at position {}",
                            e.complaint_id,
                            e.seq,
                            i + 1
                        )));
                    }
                }
                Ok(())
            }

            /// Seals a new stream: the chain of its first events, written
            /// with them.
            pub(super) async fn seal_new(
                tx: &mut sqlx::Transaction<'_, Db>,
                events: &[RawEvent],
            ) -> Result<(), StoreError> {
                check_stream(events)?;
                insert_hashes(tx, events, &chain_of(events)).await
            }

            /// The stored chain hashes of one complaint, by seq.
            async fn stored_hashes(
                tx: &mut sqlx::Transaction<'_, Db>,
                id: ComplaintId,
            ) -> Result<std::collections::BTreeMap<u64, String>, StoreError> {
                let rows = sqlx::query(
                    "SELECT seq, hash FROM complaint_event_hashes WHERE complaint_id = $1",
                )
                .bind(id.to_string())
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|r| {
                        let seq = u64::try_from(r.try_get::<i64, _>(0)?)
                            .map_err(|_| StoreError::Corrupt("negative seq".into()))?;
                        Ok((seq, r.try_get::<String, _>(1)?))
                    })
                    .collect()
            }

            /// Seals `events` (the whole stream, in order): hashes already
            /// stored must be the chain's own (else the history was changed
            /// outside klacht and nothing is sealed over it); the missing
            /// ones are added. Returns the chain head.
            pub(super) async fn seal_stream(
                tx: &mut sqlx::Transaction<'_, Db>,
                id: ComplaintId,
                events: &[RawEvent],
            ) -> Result<[u8; 32], StoreError> {
                check_stream(events)?;
                let hashes = chain_of(events);
                let Some(head) = hashes.last().copied() else {
                    return Err(StoreError::Corrupt(format!("empty stream of {id}")));
                };
                let stored = stored_hashes(tx, id).await?;
                let mut missing_events = Vec::new();
                let mut missing_hashes = Vec::new();
                for (e, h) in events.iter().zip(&hashes) {
                    match stored.get(&e.seq) {
                        Some(s) if parse_hash(s) == Some(*h) => {}
                        Some(_) => {
                            return Err(StoreError::Corrupt(format!(
                                "event {} of {id} does not match its seal (klacht verify); \
                                 not sealed again",
                                e.seq
                            )));
                        }
                        None => {
                            missing_events.push(e.clone());
                            missing_hashes.push(*h);
                        }
                    }
                }
                if stored.keys().any(|seq| *seq > events.len() as u64) {
                    return Err(StoreError::Corrupt(format!(
                        "{id} has seals of events that are gone (klacht verify)"
                    )));
                }
                insert_hashes(tx, &missing_events, &missing_hashes).await?;
                Ok(head)
            }

            /// Seals the streams stored before chains began at intake (an
            /// upgrade): run by `migrate`, a page at a time. A stream whose
            /// existing seals do not match is left for `klacht verify`.
            pub(super) async fn seal_unsealed(store: &StoreTy) -> Result<u64, StoreError> {
                let mut sealed = 0;
                let mut after = String::new();
                loop {
                    let rows = sqlx::query(
                        "SELECT c.id FROM complaints c WHERE c.id > $1 AND NOT EXISTS \
                         (SELECT 1 FROM complaint_event_hashes h \
                          WHERE h.complaint_id = c.id AND h.seq = c.version) \
                         ORDER BY c.id LIMIT 200",
                    )
                    .bind(&after)
                    .fetch_all(store.writer())
                    .await?;
                    let Some(last) = rows.last() else { return Ok(sealed) };
                    after = last.try_get(0)?;
                    for row in &rows {
                        let id: ComplaintId = parse("complaint id", &row.try_get::<String, _>(0)?)?;
                        let mut tx = store.writer().begin().await?;
                        let ids = vec![id.to_string()];
                        let events = events_in(&mut tx, &ids).await?.remove(&id).unwrap_or_default();
                        match seal_stream(&mut tx, id, &events).await {
                            Ok(_) => {
                                tx.commit().await?;
                                sealed += 1;
                            }
                            Err(StoreError::Corrupt(e)) => {
                                tracing::warn!(complaint = %id, error = %e, "not sealed");
                            }
                            Err(e) => return Err(e),
                        }
                    }
                }
            }

            /// The hook of [`Store::append`]: the chain grows with every
            /// event, in the append's own transaction. A stream stored before
            /// chains began at intake is sealed whole first.
            pub(super) async fn extend_chain(
                tx: &mut sqlx::Transaction<'_, Db>,
                row: &ComplaintRow,
                events: &[RawEvent],
            ) -> Result<(), StoreError> {
                let Some(first) = events.first() else { return Ok(()) };
                if first.seq < 2 {
                    return seal_new(tx, events).await;
                }
                let prev = sqlx::query(
                    "SELECT hash FROM complaint_event_hashes WHERE complaint_id = $1 AND seq = $2",
                )
                .bind(row.id.to_string())
                .bind(seq_i64(first.seq - 1)?)
                .fetch_optional(&mut **tx)
                .await?;
                let Some(prev) = prev else {
                    let ids = vec![row.id.to_string()];
                    let all = events_in(tx, &ids).await?.remove(&row.id).unwrap_or_default();
                    seal_stream(tx, row.id, &all).await?;
                    return Ok(());
                };
                let text: String = prev.try_get(0)?;
                let Some(mut head) = parse_hash(&text) else {
                    // Left to `klacht verify`, which names the complaint.
                    tracing::warn!(complaint = %row.id, "stored chain hash is not a hash");
                    return Ok(());
                };
                let hashes: Vec<[u8; 32]> = events
                    .iter()
                    .map(|e| {
                        head = chain_next(&head, e);
                        head
                    })
                    .collect();
                insert_hashes(tx, events, &hashes).await
            }

            /// Takes the stream's row lock (PostgreSQL) and checks that it
            /// is still at `version`.
            pub(super) async fn hold_version(
                tx: &mut sqlx::Transaction<'_, Db>,
                id: ComplaintId,
                version: u64,
            ) -> Result<(), StoreError> {
                let done = sqlx::query("UPDATE complaints SET version = version WHERE id = $1 AND version = $2")
                    .bind(id.to_string())
                    .bind(seq_i64(version)?)
                    .execute(&mut **tx)
                    .await?;
                if done.rows_affected() == 1 {
                    return Ok(());
                }
                let exists = sqlx::query("SELECT 1 FROM complaints WHERE id = $1")
                    .bind(id.to_string())
                    .fetch_optional(&mut **tx)
                    .await?
                    .is_some();
                Err(if exists {
                    StoreError::Conflict { expected: version }
                } else {
                    StoreError::NotFound
                })
            }

            /// The chain hashes of these complaints, grouped per complaint
            /// in seq order, read inside `tx`.
            async fn hashes_in(
                tx: &mut sqlx::Transaction<'_, Db>,
                ids: &[String],
            ) -> Result<std::collections::HashMap<ComplaintId, Vec<(u64, String)>>, StoreError> {
                let mut out: std::collections::HashMap<ComplaintId, Vec<(u64, String)>> =
                    std::collections::HashMap::new();
                if ids.is_empty() {
                    return Ok(out);
                }
                let mut q: QueryBuilder<Db> = QueryBuilder::new(
                    "SELECT complaint_id, seq, hash FROM complaint_event_hashes WHERE complaint_id IN (",
                );
                let mut list = q.separated(", ");
                for id in ids {
                    list.push_bind(id.clone());
                }
                q.push(") ORDER BY complaint_id, seq");
                for row in &q.build().fetch_all(&mut **tx).await? {
                    let id: ComplaintId = parse("complaint id", &row.try_get::<String, _>(0)?)?;
                    let seq = u64::try_from(row.try_get::<i64, _>(1)?)
                        .map_err(|_| StoreError::Corrupt("negative seq".into()))?;
                    out.entry(id).or_default().push((seq, row.try_get(2)?));
                }
                Ok(out)
            }

            /// The events of these complaints, grouped per complaint in seq
            /// order, read inside `tx`.
            async fn events_in(
                tx: &mut sqlx::Transaction<'_, Db>,
                ids: &[String],
            ) -> Result<std::collections::HashMap<ComplaintId, Vec<RawEvent>>, StoreError> {
                let mut out: std::collections::HashMap<ComplaintId, Vec<RawEvent>> =
                    std::collections::HashMap::new();
                if ids.is_empty() {
                    return Ok(out);
                }
                let mut q: QueryBuilder<Db> = QueryBuilder::new(
                    "SELECT complaint_id, seq, at, actor, kind, data FROM complaint_events \
                     WHERE complaint_id IN (",
                );
                let mut list = q.separated(", ");
                for id in ids {
                    list.push_bind(id.clone());
                }
                q.push(") ORDER BY complaint_id, seq");
                for row in &q.build().fetch_all(&mut **tx).await? {
                    let e = event_from_row(row)?;
                    out.entry(e.complaint_id).or_default().push(e);
                }
                Ok(out)
            }

            impl $crate::DossierStore for StoreTy {
                async fn file_dossier(
                    &self,
                    d: &NewDossier,
                ) -> Result<bool, StoreError> {
                    let id = d.complaint_id.to_string();
                    let mut tx = self.writer().begin().await?;
                    let filed = sqlx::query("SELECT round FROM dossier WHERE complaint_id = $1")
                        .bind(&id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let earlier = match &filed {
                        Some(row) if round_of(row)? >= d.round => return Ok(false),
                        Some(_) => true,
                        None => false,
                    };
                    hold_version(&mut tx, d.complaint_id, d.events.len() as u64).await?;
                    // The history was sealed as it was written; filing
                    // refuses one that no longer matches its seals.
                    let head = seal_stream(&mut tx, d.complaint_id, &d.events).await?;
                    if earlier {
                        // A reopened complaint's earlier filing is kept as
                        // it was: moved, byte for byte.
                        sqlx::query(
                            "INSERT INTO dossier_rounds (complaint_id, round, year, closed_at, \
                             filed_at, filed_by, sealed_seq, record_json, record_sha256, pdf, \
                             pdf_sha256, chain_head, superseded_at) \
                             SELECT complaint_id, round, year, closed_at, filed_at, filed_by, \
                             sealed_seq, record_json, record_sha256, pdf, pdf_sha256, chain_head, $2 \
                             FROM dossier WHERE complaint_id = $1",
                        )
                        .bind(&id)
                        .bind(micros(d.filed_at))
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query("DELETE FROM dossier WHERE complaint_id = $1")
                            .bind(&id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    let inserted = sqlx::query(
                        "INSERT INTO dossier (complaint_id, year, closed_at, filed_at, filed_by, \
                         sealed_seq, record_json, record_sha256, pdf, pdf_sha256, chain_head, round) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    )
                    .bind(&id)
                    .bind(d.year)
                    .bind(micros(d.closed_at))
                    .bind(micros(d.filed_at))
                    .bind(d.filed_by.map(|u| u.to_string()))
                    .bind(seq_i64(d.events.len() as u64)?)
                    .bind(&d.record_json)
                    .bind(sha256_hex(d.record_json.as_bytes()))
                    .bind(&d.pdf)
                    .bind(sha256_hex(&d.pdf))
                    .bind(hex::encode(head))
                    .bind(i32::try_from(d.round).unwrap_or(i32::MAX))
                    .execute(&mut *tx)
                    .await;
                    match inserted {
                        // Another instance filed it between our check and insert.
                        Err(e) if e.as_database_error().is_some_and(|db| db.is_unique_violation()) => {
                            return Ok(false);
                        }
                        other => {
                            other?;
                        }
                    }
                    tx.commit().await?;
                    Ok(true)
                }

                async fn dossier_entry(
                    &self,
                    id: ComplaintId,
                ) -> Result<Option<DossierRow>, StoreError> {
                    let sql = format!(
                        "SELECT {DOSSIER_COLUMNS} FROM dossier d JOIN complaints c ON c.id = d.complaint_id \
                         WHERE d.complaint_id = $1"
                    );
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(id.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    row.as_ref().map(dossier_from_row).transpose()
                }

                async fn earlier_filings(
                    &self,
                    id: ComplaintId,
                ) -> Result<Vec<EarlierFiling>, StoreError> {
                    let sql = format!(
                        "SELECT {EARLIER_COLUMNS} FROM dossier_rounds WHERE complaint_id = $1 ORDER BY round"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(id.to_string())
                        .fetch_all(self.reader())
                        .await?;
                    rows.iter().map(earlier_from_row).collect()
                }

                async fn earlier_filing_document(
                    &self,
                    id: ComplaintId,
                    round: u32,
                    which: DossierDocument,
                ) -> Result<Option<Vec<u8>>, StoreError> {
                    let q = match which {
                        DossierDocument::Pdf => {
                            "SELECT pdf FROM dossier_rounds WHERE complaint_id = $1 AND round = $2"
                        }
                        DossierDocument::Record => {
                            "SELECT record_json FROM dossier_rounds WHERE complaint_id = $1 AND round = $2"
                        }
                    };
                    let row = sqlx::query(q)
                        .bind(id.to_string())
                        .bind(i32::try_from(round).unwrap_or(i32::MAX))
                        .fetch_optional(self.reader())
                        .await?;
                    let Some(row) = row else { return Ok(None) };
                    Ok(Some(match which {
                        DossierDocument::Pdf => row.try_get::<Vec<u8>, _>(0)?,
                        DossierDocument::Record => row.try_get::<String, _>(0)?.into_bytes(),
                    }))
                }

                async fn dossier_document(
                    &self,
                    id: ComplaintId,
                    which: DossierDocument,
                ) -> Result<Option<Vec<u8>>, StoreError> {
                    let q = match which {
                        DossierDocument::Pdf => "SELECT pdf FROM dossier WHERE complaint_id = $1",
                        DossierDocument::Record => {
                            "SELECT record_json FROM dossier WHERE complaint_id = $1"
                        }
                    };
                    let row = sqlx::query(q)
                        .bind(id.to_string())
                        .fetch_optional(self.reader())
                        .await?;
                    let Some(row) = row else { return Ok(None) };
                    Ok(Some(match which {
                        DossierDocument::Pdf => row.try_get::<Vec<u8>, _>(0)?,
                        DossierDocument::Record => row.try_get::<String, _>(0)?.into_bytes(),
                    }))
                }

                async fn dossier_years(
                    &self,
                ) -> Result<Vec<(i32, u64)>, StoreError> {
                    let rows = sqlx::query(
                        "SELECT year, COUNT(*) FROM dossier GROUP BY year ORDER BY year DESC",
                    )
                    .fetch_all(self.reader())
                    .await?;
                    rows.iter()
                        .map(|r| {
                            let n: i64 = r.try_get(1)?;
                            Ok((r.try_get::<i32, _>(0)?, u64::try_from(n).unwrap_or(0)))
                        })
                        .collect()
                }

                async fn list_dossier(
                    &self,
                    filter: &DossierFilter,
                ) -> Result<DossierPage, StoreError> {
                    let limit = filter.limit.clamp(1, 500);
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "SELECT {DOSSIER_COLUMNS} FROM dossier d JOIN complaints c ON c.id = d.complaint_id \
                         WHERE 1 = 1"
                    ));
                    if let Some(year) = filter.year {
                        q.push(" AND d.year = ").push_bind(year);
                    }
                    if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                        let by_index =
                            text_search_by_index(self.reader(), Some(text), DOSSIER_SEARCH).await?;
                        push_text_search(&mut q, text, DOSSIER_SEARCH, by_index);
                    }
                    if let Some(after) = filter.after {
                        // The first bound alone seeks the (year, filed_at,
                        // complaint_id) index on PostgreSQL too, as the
                        // complaint list's keyset (issue 14).
                        let at = micros(after.filed_at);
                        q.push(" AND d.filed_at <= ")
                            .push_bind(at)
                            .push(" AND (d.filed_at < ")
                            .push_bind(at)
                            .push(" OR d.complaint_id < ")
                            .push_bind(after.id.to_string())
                            .push(")");
                    }
                    q.push(" ORDER BY d.filed_at DESC, d.complaint_id DESC LIMIT ")
                        .push_bind(i64::from(limit) + 1);
                    let rows = q.build().fetch_all(self.reader()).await?;
                    let mut items = rows
                        .iter()
                        .map(dossier_from_row)
                        .collect::<Result<Vec<_>, _>>()?;
                    let next = if items.len() > limit as usize {
                        items.truncate(limit as usize);
                        items.last().map(|r| DossierCursor {
                            filed_at: r.filed_at,
                            id: r.complaint_id,
                        })
                    } else {
                        None
                    };
                    Ok(DossierPage { items, next })
                }

                async fn refile_dossier(
                    &self,
                    d: &NewDossier,
                ) -> Result<bool, StoreError> {
                    let id = d.complaint_id.to_string();
                    let mut tx = self.writer().begin().await?;
                    hold_version(&mut tx, d.complaint_id, d.events.len() as u64).await?;
                    let head = seal_stream(&mut tx, d.complaint_id, &d.events).await?;
                    let done = sqlx::query(
                        "UPDATE dossier SET sealed_seq = $2, record_json = $3, record_sha256 = $4, \
                         pdf = $5, pdf_sha256 = $6, chain_head = $7 \
                         WHERE complaint_id = $1 AND anonymised_at IS NULL AND round = $8",
                    )
                    .bind(&id)
                    .bind(seq_i64(d.events.len() as u64)?)
                    .bind(&d.record_json)
                    .bind(sha256_hex(d.record_json.as_bytes()))
                    .bind(&d.pdf)
                    .bind(sha256_hex(&d.pdf))
                    .bind(hex::encode(head))
                    .bind(i32::try_from(d.round).unwrap_or(i32::MAX))
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(done.rows_affected() == 1)
                }

                async fn filed_before_exact_id(
                    &self,
                    limit: u32,
                ) -> Result<Vec<ComplaintId>, StoreError> {
                    let rows = sqlx::query(
                        "SELECT d.complaint_id FROM dossier d WHERE d.anonymised_at IS NULL \
                         AND EXISTS (SELECT 1 FROM complaint_events e WHERE e.complaint_id = d.complaint_id \
                         AND e.kind = 'registered_in_exact' AND e.seq > d.sealed_seq) \
                         ORDER BY d.complaint_id LIMIT $1",
                    )
                    .bind(i64::from(limit.clamp(1, 10_000)))
                    .fetch_all(self.reader())
                    .await?;
                    rows.iter()
                        .map(|r| parse("complaint id", &r.try_get::<String, _>(0)?))
                        .collect()
                }

                async fn unfiled_closed(
                    &self,
                    closed_since: Option<Timestamp>,
                    limit: u32,
                ) -> Result<Vec<ComplaintId>, StoreError> {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "SELECT c.id FROM complaints c WHERE c.closed_at IS NOT NULL",
                    );
                    if let Some(since) = closed_since {
                        q.push(" AND c.closed_at >= ").push_bind(micros(since));
                    }
                    q.push(
                        // A reopened complaint closed again is filed again:
                        // its dossier entry is of an earlier closing.
                        " AND NOT EXISTS (SELECT 1 FROM dossier d WHERE d.complaint_id = c.id \
                         AND d.closed_at >= c.closed_at) \
                         ORDER BY c.closed_at, c.id LIMIT ",
                    )
                    .push_bind(i64::from(limit.clamp(1, 10_000)));
                    let rows = q.build().fetch_all(self.reader()).await?;
                    rows.iter()
                        .map(|r| parse("complaint id", &r.try_get::<String, _>(0)?))
                        .collect()
                }

                async fn sealed_complaints(
                    &self,
                    after: Option<ComplaintId>,
                    limit: u32,
                ) -> Result<Vec<SealedComplaint>, StoreError> {
                    let limit = limit.clamp(1, 200);
                    // One read transaction: the entries, events and hashes agree.
                    let mut tx = self.reader().begin().await?;
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "SELECT {DOSSIER_COLUMNS}, d.record_json, d.pdf FROM dossier d \
                         JOIN complaints c ON c.id = d.complaint_id WHERE d.complaint_id > "
                    ));
                    q.push_bind(after.map(|a| a.to_string()).unwrap_or_default())
                        .push(" ORDER BY d.complaint_id LIMIT ")
                        .push_bind(i64::from(limit));
                    let rows = q.build().fetch_all(&mut *tx).await?;
                    let ids: Vec<String> = rows
                        .iter()
                        .map(|r| r.try_get::<String, _>("complaint_id"))
                        .collect::<Result<_, _>>()?;
                    let mut events = events_in(&mut tx, &ids).await?;
                    let mut earlier = earlier_in(&mut tx, &ids).await?;
                    let mut hashes: std::collections::HashMap<ComplaintId, Vec<(u64, String)>> =
                        std::collections::HashMap::new();
                    if !ids.is_empty() {
                        let mut q: QueryBuilder<Db> = QueryBuilder::new(
                            "SELECT complaint_id, seq, hash FROM complaint_event_hashes \
                             WHERE complaint_id IN (",
                        );
                        let mut list = q.separated(", ");
                        for id in &ids {
                            list.push_bind(id.clone());
                        }
                        q.push(") ORDER BY complaint_id, seq");
                        for row in &q.build().fetch_all(&mut *tx).await? {
                            let id: ComplaintId =
                                parse("complaint id", &row.try_get::<String, _>("complaint_id")?)?;
                            let seq = u64::try_from(row.try_get::<i64, _>("seq")?)
                                .map_err(|_| StoreError::Corrupt("negative seq".into()))?;
                            hashes.entry(id).or_default().push((seq, row.try_get("hash")?));
                        }
                    }
                    let mut out = Vec::with_capacity(rows.len());
                    for row in &rows {
                        let entry = dossier_from_row(row)?;
                        let id = entry.complaint_id;
                        out.push(SealedComplaint {
                            events: events.remove(&id).unwrap_or_default(),
                            hashes: hashes.remove(&id).unwrap_or_default(),
                            record_json: row.try_get("record_json")?,
                            pdf: row.try_get("pdf")?,
                            earlier: earlier.remove(&id).unwrap_or_default(),
                            row: entry,
                        });
                    }
                    tx.commit().await?;
                    Ok(out)
                }

                async fn stored_streams(
                    &self,
                    after: Option<ComplaintId>,
                    limit: u32,
                ) -> Result<Vec<StoredStream>, StoreError> {
                    let limit = limit.clamp(1, 2000);
                    let mut tx = self.reader().begin().await?;
                    let columns = COMPLAINT_COLUMNS
                        .split(", ")
                        .map(|c| format!("c.{c}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let sql = format!(
                        "SELECT {columns}, d.complaint_id AS filed_id, \
                         d.closed_at AS filed_closing \
                         FROM complaints c LEFT JOIN dossier d ON d.complaint_id = c.id \
                         WHERE c.id > $1 ORDER BY c.id LIMIT $2"
                    );
                    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(after.map(|a| a.to_string()).unwrap_or_default())
                    .bind(i64::from(limit))
                    .fetch_all(&mut *tx)
                    .await?;
                    let ids: Vec<String> = rows
                        .iter()
                        .map(|r| r.try_get::<String, _>("id"))
                        .collect::<Result<_, _>>()?;
                    let mut events = events_in(&mut tx, &ids).await?;
                    let mut hashes = hashes_in(&mut tx, &ids).await?;
                    let mut out = Vec::with_capacity(rows.len());
                    for row in &rows {
                        let stored = complaint_from_row(row)?;
                        let filed: Option<String> = row.try_get("filed_id")?;
                        let filed_closing: Option<i64> = row.try_get("filed_closing")?;
                        let closing_filed = match (filed_closing, stored.closed_at) {
                            (Some(filed), Some(closed)) => from_micros(filed)? >= closed,
                            _ => false,
                        };
                        let id = stored.id;
                        out.push(StoredStream {
                            id,
                            reference: stored.reference,
                            version: stored.version,
                            closed: stored.closed_at.is_some(),
                            filed: filed.is_some(),
                            closing_filed,
                            events: events.remove(&id).unwrap_or_default(),
                            hashes: hashes.remove(&id).unwrap_or_default(),
                            row: stored,
                        });
                    }
                    tx.commit().await?;
                    Ok(out)
                }
            }
    };
}

pub(crate) use dossier_queries;
