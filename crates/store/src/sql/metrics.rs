//! Queries of the monitoring figures, expanded inside each backend's
//! `store_impl` module as its `MetricsStore`.

macro_rules! metrics_queries {
    ($backend:literal) => {
        use jiff::civil::Date;
        use $crate::metrics::{MetricsStore, NextTerm, OutboxDepth, PoolUse};
        use $crate::outbox::OutboxStatus;

        fn pool_use(name: &'static str, pool: &sqlx::Pool<Db>) -> PoolUse {
            PoolUse {
                pool: name,
                size: pool.size(),
                idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
                max: pool.options().get_max_connections(),
            }
        }

        impl MetricsStore for StoreTy {
            async fn outbox_depth(&self) -> Result<Vec<OutboxDepth>, StoreError> {
                // `outbox_pending_idx` (status, kind, …) covers the filter;
                // the sent rows, most of the table, are never read.
                let rows = sqlx::query(
                    "SELECT kind, status, COUNT(*), MIN(created_at) FROM outbox \
                     WHERE status IN ('pending', 'failed') GROUP BY kind, status",
                )
                .fetch_all(self.reader())
                .await?;
                rows.iter()
                    .map(|row| {
                        let oldest: Option<i64> = row.try_get(3)?;
                        Ok(OutboxDepth {
                            kind: parse("outbox kind", &row.try_get::<String, _>(0)?)?,
                            status: parse::<OutboxStatus>(
                                "outbox status",
                                &row.try_get::<String, _>(1)?,
                            )?,
                            count: u64::try_from(row.try_get::<i64, _>(2)?).unwrap_or(0),
                            oldest: oldest.map(from_micros).transpose()?,
                        })
                    })
                    .collect()
            }

            async fn open_by_next_term(
                &self,
                today: Date,
            ) -> Result<Vec<(NextTerm, u64)>, StoreError> {
                // Dates are stored as ISO text: they compare as dates.
                let rows = sqlx::query(
                    "SELECT CASE WHEN next_due IS NULL THEN 'none' \
                                 WHEN next_due < $1 THEN 'overdue' \
                                 WHEN next_due = $1 THEN 'due_today' \
                                 ELSE 'on_time' END AS term, COUNT(*) \
                     FROM complaints WHERE closed_at IS NULL AND kind = 'complaint' \
                     GROUP BY 1",
                )
                .bind(today.to_string())
                .fetch_all(self.reader())
                .await?;
                let mut counts: Vec<(NextTerm, u64)> =
                    NextTerm::ALL.iter().map(|t| (*t, 0)).collect();
                for row in &rows {
                    let term: String = row.try_get(0)?;
                    let n = u64::try_from(row.try_get::<i64, _>(1)?).unwrap_or(0);
                    if let Some(slot) = counts.iter_mut().find(|(t, _)| t.as_str() == term) {
                        slot.1 = n;
                    }
                }
                Ok(counts)
            }

            fn pool_use(&self) -> Vec<PoolUse> {
                if $backend == "postgres" {
                    // One pool serves reads and writes.
                    vec![pool_use("main", self.writer())]
                } else {
                    vec![
                        pool_use("writer", self.writer()),
                        pool_use("reader", self.reader()),
                    ]
                }
            }
        }
    };
}

pub(crate) use metrics_queries;
