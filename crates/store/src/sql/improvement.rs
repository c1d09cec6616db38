//! Queries of structural complaints (patterns, verbeteracties), expanded
//! inside each backend's `store_impl` module next to the shared row
//! helpers, as the backend's `ImprovementStore`.

macro_rules! improvement_queries {
    () => {
            use $crate::improvement::{
                DecisionOutcome, ImprovementCursor, ImprovementEventRow, ImprovementFilter,
                ImprovementItem, ImprovementPage, ImprovementRow, LinkedComplaint, PatternDecision,
                PatternSource, PatternSourcePage,
            };

            const ACTION_COLUMNS: &str = "id, year, number, title, description, owner_id, due_on, \
                 status, evaluation, pattern_key, created_by, created_at, updated_at, closed_at, \
                 version";

            fn count_u64(what: &str, v: i64) -> Result<u64, StoreError> {
                u64::try_from(v).map_err(|_| StoreError::Corrupt(format!("negative {what}")))
            }

            fn action_from_row(row: &DbRow) -> Result<ImprovementRow, StoreError> {
                let closed_at: Option<i64> = row.try_get("closed_at")?;
                let year: i32 = row.try_get("year")?;
                let number: i64 = row.try_get("number")?;
                Ok(ImprovementRow {
                    id: parse("action id", &row.try_get::<String, _>("id")?)?,
                    year: i16::try_from(year)
                        .map_err(|_| StoreError::Corrupt(format!("action year {year}")))?,
                    number: u32::try_from(number)
                        .map_err(|_| StoreError::Corrupt(format!("action number {number}")))?,
                    title: row.try_get("title")?,
                    description: row.try_get("description")?,
                    owner: parse("owner id", &row.try_get::<String, _>("owner_id")?)?,
                    due_on: parse_date(&row.try_get::<String, _>("due_on")?)?,
                    status: row.try_get("status")?,
                    evaluation: row.try_get("evaluation")?,
                    pattern_key: row.try_get("pattern_key")?,
                    created_by: parse("user id", &row.try_get::<String, _>("created_by")?)?,
                    created_at: from_micros(row.try_get("created_at")?)?,
                    updated_at: from_micros(row.try_get("updated_at")?)?,
                    closed_at: closed_at.map(from_micros).transpose()?,
                    version: count_u64("version", row.try_get("version")?)?,
                    complaints: Vec::new(),
                })
            }

            fn linked_from_row(row: &DbRow) -> Result<LinkedComplaint, StoreError> {
                Ok(LinkedComplaint {
                    id: parse("complaint id", &row.try_get::<String, _>("complaint_id")?)?,
                    reference: parse::<ReferenceNumber>(
                        "reference",
                        &row.try_get::<String, _>("reference")?,
                    )?,
                    status: row.try_get("status")?,
                    category: row.try_get("category")?,
                })
            }

            fn improvement_event_from_row(row: &DbRow) -> Result<ImprovementEventRow, StoreError> {
                Ok(ImprovementEventRow {
                    action_id: parse("action id", &row.try_get::<String, _>("action_id")?)?,
                    seq: count_u64("seq", row.try_get("seq")?)?,
                    at: from_micros(row.try_get("at")?)?,
                    actor: opt_user(row, "actor_id")?,
                    actor_name: row.try_get("actor_name")?,
                    kind: row.try_get("kind")?,
                    data: row.try_get("data")?,
                })
            }

            async fn insert_improvement_event(
                tx: &mut sqlx::Transaction<'_, Db>,
                e: &ImprovementEventRow,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO improvement_events (action_id, seq, at, actor_id, actor_name, kind, data) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(e.action_id.to_string())
                .bind(seq_i64(e.seq)?)
                .bind(micros(e.at))
                .bind(e.actor.map(|a| a.to_string()))
                .bind(&e.actor_name)
                .bind(&e.kind)
                .bind(&e.data)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            async fn insert_decision(
                tx: &mut sqlx::Transaction<'_, Db>,
                d: &PatternDecision,
            ) -> Result<(), StoreError> {
                let (reason, action) = match &d.outcome {
                    DecisionOutcome::Dismissed { reason } => (Some(reason.clone()), None),
                    DecisionOutcome::Acted { action } => (None, Some(action.to_string())),
                };
                sqlx::query(
                    "INSERT INTO pattern_decisions (id, pattern_key, label, window_from, window_to, \
                     outcome, reason, action_id, decided_by, decided_by_name, decided_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                )
                .bind(d.id.to_string())
                .bind(&d.key)
                .bind(&d.label)
                .bind(d.window_from.to_string())
                .bind(d.window_to.to_string())
                .bind(d.outcome.as_str())
                .bind(reason)
                .bind(action)
                .bind(d.decided_by.to_string())
                .bind(&d.decided_by_name)
                .bind(micros(d.decided_at))
                .execute(&mut **tx)
                .await?;
                let mut seen = std::collections::BTreeSet::new();
                let ids: Vec<_> = d.complaints.iter().filter(|c| seen.insert(**c)).collect();
                // Well below either database's limit on bound parameters.
                for chunk in ids.chunks(500) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO pattern_decision_complaints (decision_id, complaint_id) ",
                    );
                    q.push_values(chunk, |mut b, c| {
                        b.push_bind(d.id.to_string()).push_bind(c.to_string());
                    });
                    q.build().execute(&mut **tx).await?;
                }
                Ok(())
            }

            /// The linked complaints of these actions, oldest receipt first.
            async fn linked_of<'c, E>(
                exec: E,
                ids: &[uuid::Uuid],
            ) -> Result<Vec<(uuid::Uuid, LinkedComplaint)>, StoreError>
            where
                E: sqlx::Executor<'c, Database = Db>,
            {
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut q: QueryBuilder<Db> = QueryBuilder::new(
                    "SELECT ac.action_id, ac.complaint_id, c.reference, c.status, c.category \
                     FROM improvement_action_complaints ac \
                     JOIN complaints c ON c.id = ac.complaint_id WHERE ac.action_id IN (",
                );
                let mut list = q.separated(", ");
                for id in ids {
                    list.push_bind(id.to_string());
                }
                q.push(") ORDER BY c.received_at, c.id");
                let rows = q.build().fetch_all(exec).await?;
                rows.iter()
                    .map(|r| {
                        Ok((
                            parse("action id", &r.try_get::<String, _>("action_id")?)?,
                            linked_from_row(r)?,
                        ))
                    })
                    .collect()
            }

            fn with_linked(
                rows: Vec<ImprovementRow>,
                linked: Vec<(uuid::Uuid, LinkedComplaint)>,
            ) -> Vec<ImprovementItem> {
                rows.into_iter()
                    .map(|mut row| {
                        let linked: Vec<LinkedComplaint> = linked
                            .iter()
                            .filter(|(a, _)| *a == row.id)
                            .map(|(_, l)| l.clone())
                            .collect();
                        row.complaints = linked.iter().map(|l| l.id).collect();
                        ImprovementItem { row, linked }
                    })
                    .collect()
            }

            impl $crate::ImprovementStore for StoreTy {
                async fn pattern_sources(
                    &self,
                    received_from: Timestamp,
                    after: Option<$crate::Cursor>,
                    limit: u32,
                ) -> Result<PatternSourcePage, StoreError> {
                    let limit = limit.clamp(1, 2000);
                    // Complaints only: signals were resolved on the spot.
                    // The page of complaints is a seek in their receipt
                    // index (the keyset in the form PostgreSQL seeks, as
                    // the API list), then their intake events by key.
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "SELECT c.id, c.reference, c.received_at, c.category, c.service, \
                         e.complaint_id, e.seq, e.at, e.actor, e.kind, e.data \
                         FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id \
                         WHERE c.id IN (SELECT id FROM complaints WHERE kind = 'complaint' \
                         AND received_at >= ",
                    );
                    q.push_bind(micros(received_from));
                    if let Some(after) = &after {
                        push_received_after(&mut q, after);
                    }
                    q.push(" ORDER BY received_at, id LIMIT ")
                        .push_bind(i64::from(limit))
                        .push(
                            ") AND e.kind IN ('registered', 'corrected') \
                             ORDER BY c.received_at, c.id, e.seq",
                        );
                    let rows = q.build().fetch_all(self.reader()).await?;
                    let mut out: Vec<PatternSource> = Vec::new();
                    for row in &rows {
                        let id: ComplaintId = parse("complaint id", &row.try_get::<String, _>("id")?)?;
                        let event = event_from_row(row)?;
                        match out.last_mut() {
                            Some(last) if last.id == id => last.events.push(event),
                            _ => out.push(PatternSource {
                                id,
                                reference: parse::<ReferenceNumber>(
                                    "reference",
                                    &row.try_get::<String, _>("reference")?,
                                )?,
                                received_at: from_micros(row.try_get("received_at")?)?,
                                category: row.try_get("category")?,
                                service: row.try_get("service")?,
                                events: vec![event],
                            }),
                        }
                    }
                    // Every complaint has its `registered` event, so a full
                    // page of complaints is a full page of sources.
                    let next = (out.len() >= limit as usize)
                        .then(|| out.last().map(|s| $crate::Cursor {
                            received_at: s.received_at,
                            id: s.id,
                        }))
                        .flatten();
                    Ok(PatternSourcePage { sources: out, next })
                }

                async fn pattern_decisions(
                    &self,
                    window_to_from: jiff::civil::Date,
                ) -> Result<Vec<PatternDecision>, StoreError> {
                    let rows = sqlx::query(
                        "SELECT d.id, d.pattern_key, d.label, d.window_from, d.window_to, d.outcome, \
                         d.reason, d.action_id, d.decided_by, d.decided_by_name, d.decided_at, \
                         dc.complaint_id \
                         FROM pattern_decisions d \
                         LEFT JOIN pattern_decision_complaints dc ON dc.decision_id = d.id \
                         WHERE d.window_to >= $1 \
                         ORDER BY d.decided_at, d.id, dc.complaint_id",
                    )
                    .bind(window_to_from.to_string())
                    .fetch_all(self.reader())
                    .await?;
                    let mut out: Vec<PatternDecision> = Vec::new();
                    for row in &rows {
                        let id: uuid::Uuid = parse("decision id", &row.try_get::<String, _>("id")?)?;
                        let complaint: Option<String> = row.try_get("complaint_id")?;
                        let complaint = complaint
                            .as_deref()
                            .map(|c| parse::<ComplaintId>("complaint id", c))
                            .transpose()?;
                        if let Some(last) = out.last_mut().filter(|d| d.id == id) {
                            last.complaints.extend(complaint);
                            continue;
                        }
                        let outcome = match row.try_get::<String, _>("outcome")?.as_str() {
                            "dismissed" => DecisionOutcome::Dismissed {
                                reason: row.try_get::<Option<String>, _>("reason")?.unwrap_or_default(),
                            },
                            "acted" => DecisionOutcome::Acted {
                                action: parse(
                                    "action id",
                                    &row.try_get::<Option<String>, _>("action_id")?.unwrap_or_default(),
                                )?,
                            },
                            other => {
                                return Err(StoreError::Corrupt(format!("decision outcome '{other}'")));
                            }
                        };
                        out.push(PatternDecision {
                            id,
                            key: row.try_get("pattern_key")?,
                            label: row.try_get("label")?,
                            window_from: parse_date(&row.try_get::<String, _>("window_from")?)?,
                            window_to: parse_date(&row.try_get::<String, _>("window_to")?)?,
                            outcome,
                            decided_by: parse("user id", &row.try_get::<String, _>("decided_by")?)?,
                            decided_by_name: row.try_get("decided_by_name")?,
                            decided_at: from_micros(row.try_get("decided_at")?)?,
                            complaints: complaint.into_iter().collect(),
                        });
                    }
                    Ok(out)
                }

                async fn record_pattern_decision(
                    &self,
                    decision: &PatternDecision,
                ) -> Result<(), StoreError> {
                    let mut tx = self.writer().begin().await?;
                    insert_decision(&mut tx, decision).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn create_improvement_action(
                    &self,
                    row: &ImprovementRow,
                    event: &ImprovementEventRow,
                    decision: Option<&PatternDecision>,
                ) -> Result<u32, StoreError> {
                    let mut tx = self.writer().begin().await?;
                    // The upsert takes the row lock on PostgreSQL, so two
                    // actions never get the same number.
                    let number: i64 = sqlx::query(
                        "INSERT INTO improvement_counters (year, last_number) VALUES ($1, 1) \
                         ON CONFLICT (year) DO UPDATE SET last_number = improvement_counters.last_number + 1 \
                         RETURNING last_number",
                    )
                    .bind(i32::from(row.year))
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get(0)?;
                    let sql = format!(
                        "INSERT INTO improvement_actions ({ACTION_COLUMNS}) VALUES \
                         ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
                    );
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(row.id.to_string())
                        .bind(i32::from(row.year))
                        .bind(number)
                        .bind(&row.title)
                        .bind(&row.description)
                        .bind(row.owner.to_string())
                        .bind(row.due_on.to_string())
                        .bind(&row.status)
                        .bind(&row.evaluation)
                        .bind(&row.pattern_key)
                        .bind(row.created_by.to_string())
                        .bind(micros(row.created_at))
                        .bind(micros(row.updated_at))
                        .bind(row.closed_at.map(micros))
                        .bind(seq_i64(row.version)?)
                        .execute(&mut *tx)
                        .await?;
                    let mut seen = std::collections::BTreeSet::new();
                    let ids: Vec<_> = row.complaints.iter().filter(|c| seen.insert(**c)).collect();
                    for chunk in ids.chunks(500) {
                        let mut q: QueryBuilder<Db> = QueryBuilder::new(
                            "INSERT INTO improvement_action_complaints (action_id, complaint_id) ",
                        );
                        q.push_values(chunk, |mut b, c| {
                            b.push_bind(row.id.to_string()).push_bind(c.to_string());
                        });
                        q.build().execute(&mut *tx).await?;
                    }
                    insert_improvement_event(&mut tx, event).await?;
                    if let Some(d) = decision {
                        insert_decision(&mut tx, d).await?;
                    }
                    tx.commit().await?;
                    u32::try_from(number)
                        .map_err(|_| StoreError::Corrupt(format!("action number {number}")))
                }

                async fn improvement_action(
                    &self,
                    id: uuid::Uuid,
                ) -> Result<Option<(ImprovementItem, Vec<ImprovementEventRow>)>, StoreError> {
                    // One read transaction, so state, links and history agree.
                    let mut tx = self.reader().begin().await?;
                    let sql = format!("SELECT {ACTION_COLUMNS} FROM improvement_actions WHERE id = $1");
                    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .bind(id.to_string())
                        .fetch_optional(&mut *tx)
                        .await?;
                    let Some(row) = row else {
                        tx.commit().await?;
                        return Ok(None);
                    };
                    let row = action_from_row(&row)?;
                    let linked = linked_of(&mut *tx, &[id]).await?;
                    let events = sqlx::query(
                        "SELECT action_id, seq, at, actor_id, actor_name, kind, data \
                         FROM improvement_events WHERE action_id = $1 ORDER BY seq",
                    )
                    .bind(id.to_string())
                    .fetch_all(&mut *tx)
                    .await?
                    .iter()
                    .map(improvement_event_from_row)
                    .collect::<Result<Vec<_>, _>>()?;
                    tx.commit().await?;
                    let item = with_linked(vec![row], linked).pop().ok_or(StoreError::NotFound)?;
                    Ok(Some((item, events)))
                }

                async fn improvement_action_id_by_number(
                    &self,
                    year: i16,
                    number: u32,
                ) -> Result<Option<uuid::Uuid>, StoreError> {
                    let row = sqlx::query(
                        "SELECT id FROM improvement_actions WHERE year = $1 AND number = $2",
                    )
                    .bind(i32::from(year))
                    .bind(i64::from(number))
                    .fetch_optional(self.reader())
                    .await?;
                    row.map(|r| parse("action id", &r.try_get::<String, _>(0)?))
                        .transpose()
                }

                async fn update_improvement_action(
                    &self,
                    expected_version: u64,
                    row: &ImprovementRow,
                    event: &ImprovementEventRow,
                ) -> Result<(), StoreError> {
                    let mut tx = self.writer().begin().await?;
                    let done = sqlx::query(
                        "UPDATE improvement_actions SET title = $3, description = $4, owner_id = $5, \
                         due_on = $6, status = $7, evaluation = $8, updated_at = $9, closed_at = $10, \
                         version = $11 WHERE id = $1 AND version = $2",
                    )
                    .bind(row.id.to_string())
                    .bind(seq_i64(expected_version)?)
                    .bind(&row.title)
                    .bind(&row.description)
                    .bind(row.owner.to_string())
                    .bind(row.due_on.to_string())
                    .bind(&row.status)
                    .bind(&row.evaluation)
                    .bind(micros(row.updated_at))
                    .bind(row.closed_at.map(micros))
                    .bind(seq_i64(row.version)?)
                    .execute(&mut *tx)
                    .await?;
                    if done.rows_affected() != 1 {
                        let exists = sqlx::query("SELECT 1 FROM improvement_actions WHERE id = $1")
                            .bind(row.id.to_string())
                            .fetch_optional(&mut *tx)
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
                    insert_improvement_event(&mut tx, event).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn list_improvement_actions(
                    &self,
                    filter: &ImprovementFilter,
                ) -> Result<ImprovementPage, StoreError> {
                    let limit = filter.limit.clamp(1, 500);
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                        "SELECT a.{} FROM improvement_actions a WHERE 1 = 1",
                        ACTION_COLUMNS.replace(", ", ", a.")
                    ));
                    if let Some(owner) = filter.owner {
                        q.push(" AND a.owner_id = ").push_bind(owner.to_string());
                    }
                    if let Some(status) = &filter.status {
                        q.push(" AND a.status = ").push_bind(status.clone());
                    }
                    if let Some(from) = filter.created_from {
                        q.push(" AND a.created_at >= ").push_bind(micros(from));
                    }
                    if let Some(before) = filter.created_before {
                        q.push(" AND a.created_at < ").push_bind(micros(before));
                    }
                    if let Some(complaint) = filter.complaint {
                        q.push(
                            " AND EXISTS (SELECT 1 FROM improvement_action_complaints x \
                             WHERE x.action_id = a.id AND x.complaint_id = ",
                        )
                        .push_bind(complaint.to_string())
                        .push(")");
                    }
                    if let Some(after) = filter.after {
                        let at = micros(after.created_at);
                        // The keyset in the form an index seeks.
                        q.push(" AND a.created_at <= ")
                            .push_bind(at)
                            .push(" AND (a.created_at < ")
                            .push_bind(at)
                            .push(" OR a.id < ")
                            .push_bind(after.id.to_string())
                            .push(")");
                    }
                    q.push(" ORDER BY a.created_at DESC, a.id DESC LIMIT ")
                        .push_bind(i64::from(limit) + 1);
                    let mut tx = self.reader().begin().await?;
                    let rows = q.build().fetch_all(&mut *tx).await?;
                    let mut rows = rows
                        .iter()
                        .map(action_from_row)
                        .collect::<Result<Vec<_>, _>>()?;
                    let next = if rows.len() > limit as usize {
                        rows.truncate(limit as usize);
                        rows.last().map(|r| ImprovementCursor {
                            created_at: r.created_at,
                            id: r.id,
                        })
                    } else {
                        None
                    };
                    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
                    let linked = linked_of(&mut *tx, &ids).await?;
                    tx.commit().await?;
                    Ok(ImprovementPage {
                        items: with_linked(rows, linked),
                        next,
                    })
                }
            }
    };
}

pub(crate) use improvement_queries;
