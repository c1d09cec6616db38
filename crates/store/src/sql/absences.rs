//! Queries of the absences, expanded inside each backend's `store_impl`
//! module next to the shared row helpers, as the backend's
//! `AbsenceStore`.

macro_rules! absences_queries {
    () => {
        use klacht_domain::absence::{Absence, Period};
        use $crate::{AbsenceEnd, AuditEntry, NewOutboxMessage};

        const ABSENCE_COLUMNS: &str =
            "id, user_id, starts_on, ends_on, note, recorded_by, recorded_at, alerted_at";

        fn absence_from_row(row: &DbRow) -> Result<Absence, StoreError> {
            let from = parse_date(&row.try_get::<String, _>("starts_on")?)?;
            let to = parse_date(&row.try_get::<String, _>("ends_on")?)?;
            let alerted: Option<i64> = row.try_get("alerted_at")?;
            Ok(Absence {
                id: parse("absence id", &row.try_get::<String, _>("id")?)?,
                user: parse("user id", &row.try_get::<String, _>("user_id")?)?,
                period: Period::new(from, to)
                    .map_err(|e| StoreError::Corrupt(format!("absence: {e}")))?,
                note: row.try_get("note")?,
                recorded_by: parse("user id", &row.try_get::<String, _>("recorded_by")?)?,
                recorded_at: from_micros(row.try_get("recorded_at")?)?,
                alerted_at: alerted.map(from_micros).transpose()?,
            })
        }

        impl $crate::AbsenceStore for StoreTy {
            async fn record_absence(
                &self,
                absence: &Absence,
                audit: &AuditEntry,
                outbox: &[NewOutboxMessage],
            ) -> Result<(), StoreError> {
                let mut tx = self.writer().begin().await?;
                sqlx::query(
                    "INSERT INTO absences (id, user_id, starts_on, ends_on, note, \
                         recorded_by, recorded_at, alerted_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(absence.id.to_string())
                .bind(absence.user.to_string())
                .bind(absence.period.from().to_string())
                .bind(absence.period.to().to_string())
                .bind(&absence.note)
                .bind(absence.recorded_by.to_string())
                .bind(micros(absence.recorded_at))
                .bind(absence.alerted_at.map(micros))
                .execute(&mut *tx)
                .await?;
                insert_audit(&mut tx, audit).await?;
                outbox_queries::insert_outbox(&mut tx, outbox).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn absences_from(
                &self,
                day: jiff::civil::Date,
            ) -> Result<Vec<Absence>, StoreError> {
                let sql = format!(
                    "SELECT {ABSENCE_COLUMNS} FROM absences WHERE ends_on >= $1 \
                         ORDER BY starts_on, ends_on, id"
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(day.to_string())
                    .fetch_all(self.reader())
                    .await?;
                rows.iter().map(absence_from_row).collect()
            }

            async fn absence(&self, id: uuid::Uuid) -> Result<Option<Absence>, StoreError> {
                let sql = format!("SELECT {ABSENCE_COLUMNS} FROM absences WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id.to_string())
                    .fetch_optional(self.reader())
                    .await?;
                row.as_ref().map(absence_from_row).transpose()
            }

            async fn end_absence(
                &self,
                id: uuid::Uuid,
                end: AbsenceEnd,
                audit: &AuditEntry,
            ) -> Result<(), StoreError> {
                let mut tx = self.writer().begin().await?;
                let done =
                    match end {
                        AbsenceEnd::Remove => {
                            sqlx::query("DELETE FROM absences WHERE id = $1")
                                .bind(id.to_string())
                                .execute(&mut *tx)
                                .await?
                        }
                        AbsenceEnd::EndOn(day) => sqlx::query(
                            "UPDATE absences SET ends_on = $2 WHERE id = $1 AND starts_on <= $2",
                        )
                        .bind(id.to_string())
                        .bind(day.to_string())
                        .execute(&mut *tx)
                        .await?,
                    };
                if done.rows_affected() != 1 {
                    return Err(StoreError::NotFound);
                }
                insert_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn mark_absence_alerted(
                &self,
                id: uuid::Uuid,
                at: Timestamp,
                outbox: &[NewOutboxMessage],
            ) -> Result<bool, StoreError> {
                let mut tx = self.writer().begin().await?;
                let done = sqlx::query(
                    "UPDATE absences SET alerted_at = $2 WHERE id = $1 AND alerted_at IS NULL",
                )
                .bind(id.to_string())
                .bind(micros(at))
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() != 1 {
                    return Ok(false);
                }
                outbox_queries::insert_outbox(&mut tx, outbox).await?;
                tx.commit().await?;
                Ok(true)
            }
        }
    };
}

pub(crate) use absences_queries;
