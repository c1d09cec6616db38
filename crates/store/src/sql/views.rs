//! Queries of the saved views, expanded inside each backend's `store_impl`
//! module next to the shared row helpers, as the backend's `ViewStore`.

macro_rules! views_queries {
    () => {
        use $crate::{AuditEntry, SavedView};

        fn view_from_row(row: &DbRow) -> Result<SavedView, StoreError> {
            Ok(SavedView {
                id: parse("view id", &row.try_get::<String, _>("id")?)?,
                user: parse("user id", &row.try_get::<String, _>("user_id")?)?,
                name: row.try_get("name")?,
                query: row.try_get("query")?,
                created_at: from_micros(row.try_get("created_at")?)?,
            })
        }

        impl $crate::ViewStore for StoreTy {
            async fn save_view(
                &self,
                view: &SavedView,
                audit: &AuditEntry,
            ) -> Result<(), StoreError> {
                let mut tx = self.writer().begin().await?;
                sqlx::query(
                    "INSERT INTO saved_views (id, user_id, name, name_key, query, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(view.id.to_string())
                .bind(view.user.to_string())
                .bind(view.name.trim())
                .bind($crate::view_name_key(&view.name))
                .bind(&view.query)
                .bind(micros(view.created_at))
                .execute(&mut *tx)
                .await?;
                insert_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn saved_views(&self, user: UserId) -> Result<Vec<SavedView>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, user_id, name, query, created_at FROM saved_views \
                     WHERE user_id = $1 ORDER BY name_key, id",
                )
                .bind(user.to_string())
                .fetch_all(self.reader())
                .await?;
                rows.iter().map(view_from_row).collect()
            }

            async fn delete_view(
                &self,
                user: UserId,
                id: uuid::Uuid,
                audit: &AuditEntry,
            ) -> Result<(), StoreError> {
                let mut tx = self.writer().begin().await?;
                let gone = sqlx::query("DELETE FROM saved_views WHERE id = $1 AND user_id = $2")
                    .bind(id.to_string())
                    .bind(user.to_string())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if gone != 1 {
                    return Err(StoreError::NotFound);
                }
                insert_audit(&mut tx, audit).await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(crate) use views_queries;
