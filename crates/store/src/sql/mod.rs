//! The query code both backends share. The SQL is written once, in the
//! subset SQLite and PostgreSQL both understand, and the macro below
//! compiles it against each driver's own types (never sqlx's `Any`).

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub(crate) mod admin;
pub(crate) mod dossier;
pub(crate) mod improvement;
pub(crate) mod outbox;
pub(crate) mod public;
pub(crate) mod reminders;
pub(crate) mod reports;
pub(crate) mod retention;

/// Escapes LIKE wildcards in user text; used with `ESCAPE '\'`.
pub(crate) fn like_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '\\' | '%' | '_') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

pub(crate) fn parse_date(s: &str) -> Result<jiff::civil::Date, crate::StoreError> {
    s.parse()
        .map_err(|e| crate::StoreError::Corrupt(format!("date {s}: {e}")))
}

pub(crate) fn parse<T: std::str::FromStr>(what: &str, s: &str) -> Result<T, crate::StoreError>
where
    T::Err: std::fmt::Display,
{
    s.parse()
        .map_err(|e| crate::StoreError::Corrupt(format!("{what} '{s}': {e}")))
}

/// Splits a page fetched with `LIMIT limit + 1`: the extra row only says
/// that a next page exists, which starts after the last row kept.
pub(crate) fn split_page<T, C>(
    mut items: Vec<T>,
    limit: u32,
    cursor: impl Fn(&T) -> C,
) -> (Vec<T>, Option<C>) {
    let limit = limit as usize;
    if items.len() <= limit {
        return (items, None);
    }
    items.truncate(limit);
    let next = items.last().map(cursor);
    (items, next)
}

macro_rules! impl_store {
    ($store:ident, $db:path, $backend:literal) => {
        // A module of its own keeps the imports apart from the backend's.
        mod store_impl {
        use super::$store;
        use sqlx::{QueryBuilder, Row};
        use $crate::sql::{MIGRATOR, like_pattern, parse, parse_date, split_page};
        use $crate::{
            ApiToken, ComplaintFilter, ComplaintRow, Cursor, LoginFailures, NewStream, NewUser, Page,
            RawEvent, Session, Store, StoreError, UserRecord, from_micros, micros,
        };
        use jiff::Timestamp;
        use klacht_domain::{ComplaintId, Email, ReferenceNumber, User, UserId};
        use $crate::{DueCursor, DuePage};

        type DbRow = <$db as sqlx::Database>::Row;

        const USER_COLUMNS: &str =
            "id, email, name, role, manager_id, password_hash, active, created_at";

        const COMPLAINT_COLUMNS: &str = "id, reference, version, kind, status, channel, \
             received_at, received_by, responsible_manager, handler, complainant_name, service, \
             category, summary, next_step, next_due, report_due, contact_due, offer_due, \
             record_due, closed_at, updated_at";

        fn user_from_row(row: &DbRow) -> Result<UserRecord, StoreError> {
            let manager: Option<String> = row.try_get("manager_id")?;
            Ok(UserRecord {
                user: User {
                    id: parse("user id", &row.try_get::<String, _>("id")?)?,
                    email: parse::<Email>("email", &row.try_get::<String, _>("email")?)?,
                    name: row.try_get("name")?,
                    role: parse("role", &row.try_get::<String, _>("role")?)?,
                    manager: manager.as_deref().map(|m| parse("manager id", m)).transpose()?,
                },
                password_hash: row.try_get("password_hash")?,
                active: row.try_get("active")?,
                created_at: from_micros(row.try_get("created_at")?)?,
            })
        }

        fn opt_user(row: &DbRow, col: &str) -> Result<Option<UserId>, StoreError> {
            let v: Option<String> = row.try_get(col)?;
            v.as_deref().map(|s| parse("user id", s)).transpose()
        }

        fn complaint_from_row(row: &DbRow) -> Result<ComplaintRow, StoreError> {
            let next_due: Option<String> = row.try_get("next_due")?;
            let closed_at: Option<i64> = row.try_get("closed_at")?;
            Ok(ComplaintRow {
                id: parse("complaint id", &row.try_get::<String, _>("id")?)?,
                reference: parse::<ReferenceNumber>(
                    "reference",
                    &row.try_get::<String, _>("reference")?,
                )?,
                version: u64::try_from(row.try_get::<i64, _>("version")?)
                    .map_err(|_| StoreError::Corrupt("negative version".into()))?,
                kind: row.try_get("kind")?,
                status: row.try_get("status")?,
                channel: row.try_get("channel")?,
                received_at: from_micros(row.try_get("received_at")?)?,
                received_by: opt_user(row, "received_by")?,
                responsible_manager: opt_user(row, "responsible_manager")?,
                handler: opt_user(row, "handler")?,
                complainant_name: row.try_get("complainant_name")?,
                service: row.try_get("service")?,
                category: row.try_get("category")?,
                summary: row.try_get("summary")?,
                next_step: row.try_get("next_step")?,
                next_due: next_due.as_deref().map(parse_date).transpose()?,
                report_due: parse_date(&row.try_get::<String, _>("report_due")?)?,
                contact_due: parse_date(&row.try_get::<String, _>("contact_due")?)?,
                offer_due: parse_date(&row.try_get::<String, _>("offer_due")?)?,
                record_due: parse_date(&row.try_get::<String, _>("record_due")?)?,
                closed_at: closed_at.map(from_micros).transpose()?,
                updated_at: from_micros(row.try_get("updated_at")?)?,
                participants: Vec::new(),
            })
        }

        fn event_from_row(row: &DbRow) -> Result<RawEvent, StoreError> {
            Ok(RawEvent {
                complaint_id: parse("complaint id", &row.try_get::<String, _>("complaint_id")?)?,
                seq: u64::try_from(row.try_get::<i64, _>("seq")?)
                    .map_err(|_| StoreError::Corrupt("negative seq".into()))?,
                at: from_micros(row.try_get("at")?)?,
                actor: row.try_get("actor")?,
                kind: row.try_get("kind")?,
                data: row.try_get("data")?,
            })
        }

        fn seq_i64(seq: u64) -> Result<i64, StoreError> {
            i64::try_from(seq).map_err(|_| StoreError::Corrupt(format!("seq {seq} out of range")))
        }

        /// The one INSERT of a staff account (CLI, demo and Beheer).
        async fn insert_user(
            conn: &mut <$db as sqlx::Database>::Connection,
            user: &NewUser,
        ) -> Result<u64, StoreError> {
            let done = sqlx::query(
                "INSERT INTO users (id, email, name, role, manager_id, password_hash, active, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)",
            )
            .bind(user.id.to_string())
            .bind(user.email.as_str())
            .bind(&user.name)
            .bind(user.role.as_str())
            .bind(user.manager.map(|m| m.to_string()))
            .bind(&user.password_hash)
            .bind(micros(user.created_at))
            .execute(conn)
            .await?;
            Ok(done.rows_affected())
        }

        /// One multi-row INSERT: intake and most actions write two or three
        /// events, and every statement costs the single SQLite writer.
        async fn insert_events(
            tx: &mut sqlx::Transaction<'_, $db>,
            events: &[RawEvent],
        ) -> Result<(), StoreError> {
            if events.is_empty() {
                return Ok(());
            }
            let seqs = events
                .iter()
                .map(|e| seq_i64(e.seq))
                .collect::<Result<Vec<_>, _>>()?;
            let mut q: QueryBuilder<$db> = QueryBuilder::new(
                "INSERT INTO complaint_events (complaint_id, seq, at, actor, kind, data) ",
            );
            q.push_values(events.iter().zip(seqs), |mut b, (e, seq)| {
                b.push_bind(e.complaint_id.to_string())
                    .push_bind(seq)
                    .push_bind(micros(e.at))
                    .push_bind(e.actor.clone())
                    .push_bind(e.kind.clone())
                    .push_bind(e.data.clone());
            });
            q.build().execute(&mut **tx).await?;
            Ok(())
        }

        /// Writes the complaint's participants; `replace` first removes the
        /// old set (not needed for a new complaint).
        async fn write_participants(
            tx: &mut sqlx::Transaction<'_, $db>,
            row: &ComplaintRow,
            replace: bool,
        ) -> Result<(), StoreError> {
            let id = row.id.to_string();
            if replace {
                sqlx::query("DELETE FROM complaint_participants WHERE complaint_id = $1")
                    .bind(&id)
                    .execute(&mut **tx)
                    .await?;
            }
            let mut seen = std::collections::BTreeSet::new();
            let users: Vec<_> = row.participants.iter().filter(|u| seen.insert(**u)).collect();
            if users.is_empty() {
                return Ok(());
            }
            let mut q: QueryBuilder<$db> =
                QueryBuilder::new("INSERT INTO complaint_participants (complaint_id, user_id) ");
            q.push_values(users, |mut b, user| {
                b.push_bind(id.clone()).push_bind(user.to_string());
            });
            q.build().execute(&mut **tx).await?;
            Ok(())
        }

        /// Binds the row's columns in `COMPLAINT_COLUMNS` order after `id`.
        macro_rules! bind_row {
            ($q:expr, $row:expr) => {
                $q.bind($row.reference.to_string())
                    .bind(seq_i64($row.version)?)
                    .bind(&$row.kind)
                    .bind(&$row.status)
                    .bind(&$row.channel)
                    .bind(micros($row.received_at))
                    .bind($row.received_by.map(|u| u.to_string()))
                    .bind($row.responsible_manager.map(|u| u.to_string()))
                    .bind($row.handler.map(|u| u.to_string()))
                    .bind(&$row.complainant_name)
                    .bind(&$row.service)
                    .bind(&$row.category)
                    .bind(&$row.summary)
                    .bind(&$row.next_step)
                    .bind($row.next_due.map(|d| d.to_string()))
                    .bind($row.report_due.to_string())
                    .bind($row.contact_due.to_string())
                    .bind($row.offer_due.to_string())
                    .bind($row.record_due.to_string())
                    .bind($row.closed_at.map(micros))
                    .bind(micros($row.updated_at))
            };
        }

        type StoreTy = $store;
        type Db = $db;
        mod admin_queries {
            use super::*;
            $crate::sql::admin::admin_queries!();
        }
        mod dossier_queries {
            use super::*;
            $crate::sql::dossier::dossier_queries!();
        }
        mod retention_queries {
            use super::*;
            $crate::sql::retention::retention_queries!();
        }
        mod outbox_queries {
            use super::*;
            $crate::sql::outbox::outbox_queries!($backend);
        }
        mod public_queries {
            use super::*;
            $crate::sql::public::public_queries!();
        }
        mod reminders_queries {
            use super::*;
            $crate::sql::reminders::reminders_queries!();
        }
        mod reports_queries {
            use super::*;
            $crate::sql::reports::reports_queries!();
        }
        mod improvement_queries {
            use super::*;
            $crate::sql::improvement::improvement_queries!();
        }

        impl Store for $store {
            async fn migrate(&self) -> Result<(), StoreError> {
                MIGRATOR.run(self.writer()).await?;
                Ok(())
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(self.reader()).await?;
                Ok(())
            }

            fn backend(&self) -> &'static str {
                $backend
            }

            async fn create_user(&self, user: NewUser) -> Result<(), StoreError> {
                let mut conn = self.writer().acquire().await?;
                insert_user(&mut conn, &user).await?;
                Ok(())
            }

            async fn list_users(&self) -> Result<Vec<UserRecord>, StoreError> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY name, email");
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(self.reader())
                    .await?;
                rows.iter().map(user_from_row).collect()
            }

            async fn user_by_email(&self, email: &Email) -> Result<Option<UserRecord>, StoreError> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(email.as_str())
                    .fetch_optional(self.reader())
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn user_by_id(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id.to_string())
                    .fetch_optional(self.reader())
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

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
                // The upsert takes the row lock on PostgreSQL, so two
                // intakes never get the same number.
                let number: i64 = sqlx::query(
                    "INSERT INTO reference_counters (year, last_number) VALUES ($1, 1) \
                     ON CONFLICT (year) DO UPDATE SET last_number = reference_counters.last_number + 1 \
                     RETURNING last_number",
                )
                .bind(i32::from(year))
                .fetch_one(&mut *tx)
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
                    "INSERT INTO complaints ({COMPLAINT_COLUMNS}) VALUES \
                     ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)"
                );
                let q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(row.id.to_string());
                bind_row!(q, row).execute(&mut *tx).await?;
                insert_events(&mut tx, &stream.events).await?;
                write_participants(&mut tx, &row, false).await?;
                public_queries::insert_public(
                    &mut tx,
                    row.id,
                    stream.tracking_code.as_ref(),
                    &stream.attachments,
                    row.updated_at,
                )
                .await?;
                outbox_queries::insert_outbox(&mut tx, &stream.outbox).await?;
                tx.commit().await?;
                Ok(Ok(row))
            }

            async fn append(
                &self,
                expected_version: u64,
                events: &[RawEvent],
                row: &ComplaintRow,
                outbox: &[$crate::NewOutboxMessage],
            ) -> Result<(), StoreError> {
                let mut tx = self.writer().begin().await?;
                // Compare-and-swap on the version: on PostgreSQL a second
                // writer blocks on the row lock, then sees the new version
                // and matches nothing.
                let q = sqlx::query(
                    "UPDATE complaints SET reference = $2, version = $3, kind = $4, status = $5, \
                     channel = $6, received_at = $7, received_by = $8, responsible_manager = $9, \
                     handler = $10, complainant_name = $11, service = $12, category = $13, \
                     summary = $14, next_step = $15, next_due = $16, report_due = $17, \
                     contact_due = $18, offer_due = $19, record_due = $20, closed_at = $21, \
                     updated_at = $22 WHERE id = $1 AND version = $23",
                )
                .bind(row.id.to_string());
                let done = bind_row!(q, row)
                    .bind(seq_i64(expected_version)?)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() != 1 {
                    let exists = sqlx::query("SELECT 1 FROM complaints WHERE id = $1")
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
                match insert_events(&mut tx, events).await {
                    // The primary key (complaint_id, seq) is the last line of
                    // defence against a lost update.
                    Err(StoreError::Duplicate { .. }) => {
                        return Err(StoreError::Conflict {
                            expected: expected_version,
                        });
                    }
                    other => other?,
                }
                write_participants(&mut tx, row, true).await?;
                outbox_queries::insert_outbox(&mut tx, outbox).await?;
                // A filed complaint's hash chain grows with its history.
                dossier_queries::extend_chain(&mut tx, row, events).await?;
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
                let mut q: QueryBuilder<$db> = QueryBuilder::new(format!(
                    "SELECT {COMPLAINT_COLUMNS} FROM complaints c WHERE 1 = 1"
                ));
                if let Some(user) = filter.visible_to {
                    q.push(
                        " AND EXISTS (SELECT 1 FROM complaint_participants p \
                         WHERE p.complaint_id = c.id AND p.user_id = ",
                    )
                    .push_bind(user.to_string())
                    .push(")");
                }
                if let Some(status) = &filter.status {
                    q.push(" AND status = ").push_bind(status.clone());
                }
                if let Some(kind) = &filter.kind {
                    q.push(" AND kind = ").push_bind(kind.clone());
                }
                if let Some(handler) = filter.handler {
                    q.push(" AND handler = ").push_bind(handler.to_string());
                }
                if let Some(from) = filter.received_from {
                    q.push(" AND received_at >= ").push_bind(micros(from));
                }
                if let Some(before) = filter.received_before {
                    q.push(" AND received_at < ").push_bind(micros(before));
                }
                if let Some(text) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                    let pattern = like_pattern(text);
                    q.push(" AND (LOWER(reference) LIKE ")
                        .push_bind(pattern.clone())
                        .push(" ESCAPE '\\' OR LOWER(complainant_name) LIKE ")
                        .push_bind(pattern.clone())
                        .push(" ESCAPE '\\' OR LOWER(summary) LIKE ")
                        .push_bind(pattern.clone())
                        .push(" ESCAPE '\\' OR LOWER(COALESCE(service, '')) LIKE ")
                        .push_bind(pattern)
                        .push(" ESCAPE '\\')");
                }
                // Overview (Overzicht) filters.
                if let Some(category) = &filter.category {
                    q.push(" AND category = ").push_bind(category.clone());
                }
                if let Some(manager) = filter.responsible_manager {
                    q.push(" AND responsible_manager = ").push_bind(manager.to_string());
                }
                if let Some(step) = &filter.next_step {
                    q.push(" AND next_step = ").push_bind(step.clone());
                }
                if let Some(from) = filter.next_due_from {
                    q.push(" AND next_due >= ").push_bind(from.to_string());
                }
                if let Some(to) = filter.next_due_to {
                    q.push(" AND next_due <= ").push_bind(to.to_string());
                }
                if let Some(after) = filter.after {
                    let at = micros(after.received_at);
                    q.push(" AND (received_at < ")
                        .push_bind(at)
                        .push(" OR (received_at = ")
                        .push_bind(at)
                        .push(" AND id < ")
                        .push_bind(after.id.to_string())
                        .push("))");
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

            async fn create_session(&self, session: &Session) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&session.token_hash)
                .bind(session.user_id.to_string())
                .bind(&session.csrf_token)
                .bind(micros(session.created_at))
                .bind(micros(session.expires_at))
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &str,
                now: Timestamp,
            ) -> Result<Option<(Session, UserRecord)>, StoreError> {
                let sql = format!(
                    "SELECT s.token_hash, s.csrf_token, s.created_at AS s_created, s.expires_at, \
                     u.{} FROM sessions s JOIN users u ON u.id = s.user_id \
                     WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = TRUE",
                    USER_COLUMNS.replace(", ", ", u.")
                );
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(token_hash)
                    .bind(micros(now))
                    .fetch_optional(self.reader())
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let user = user_from_row(&row)?;
                let session = Session {
                    token_hash: row.try_get("token_hash")?,
                    user_id: user.user.id,
                    csrf_token: row.try_get("csrf_token")?,
                    created_at: from_micros(row.try_get("s_created")?)?,
                    expires_at: from_micros(row.try_get("expires_at")?)?,
                };
                Ok(Some((session, user)))
            }

            async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn delete_sessions_of(
                &self,
                user: UserId,
                except_token_hash: Option<&str>,
            ) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                    .bind(user.to_string())
                    .bind(except_token_hash.unwrap_or(""))
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn set_password_hash(&self, user: UserId, hash: &str) -> Result<(), StoreError> {
                let done = sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
                    .bind(user.to_string())
                    .bind(hash)
                    .execute(self.writer())
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound);
                }
                Ok(())
            }

            async fn login_failures(&self, email: &str) -> Result<Option<LoginFailures>, StoreError> {
                let row = sqlx::query(
                    "SELECT failures, first_failure_at, locked_until FROM login_failures WHERE email = $1",
                )
                .bind(email)
                .fetch_optional(self.writer())
                .await?;
                let Some(row) = row else { return Ok(None) };
                let locked: Option<i64> = row.try_get("locked_until")?;
                Ok(Some(LoginFailures {
                    failures: u32::try_from(row.try_get::<i32, _>("failures")?).unwrap_or(0),
                    first_failure_at: from_micros(row.try_get("first_failure_at")?)?,
                    locked_until: locked.map(from_micros).transpose()?,
                }))
            }

            async fn put_login_failures(
                &self,
                email: &str,
                f: &LoginFailures,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO login_failures (email, failures, first_failure_at, locked_until) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO UPDATE SET \
                     failures = excluded.failures, first_failure_at = excluded.first_failure_at, \
                     locked_until = excluded.locked_until",
                )
                .bind(email)
                .bind(i32::try_from(f.failures).unwrap_or(i32::MAX))
                .bind(micros(f.first_failure_at))
                .bind(f.locked_until.map(micros))
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn clear_login_failures(&self, email: &str) -> Result<(), StoreError> {
                sqlx::query("DELETE FROM login_failures WHERE email = $1")
                    .bind(email)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn create_api_token(&self, token: &ApiToken) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO api_tokens (id, user_id, token_hash, created_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(token.id.to_string())
                .bind(token.user_id.to_string())
                .bind(&token.token_hash)
                .bind(micros(token.created_at))
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn user_by_api_token(&self, token_hash: &str) -> Result<Option<UserRecord>, StoreError> {
                let sql = format!(
                    "SELECT u.{} FROM api_tokens t JOIN users u ON u.id = t.user_id \
                     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = TRUE",
                    USER_COLUMNS.replace(", ", ", u.")
                );
                let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(token_hash)
                    .fetch_optional(self.reader())
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn revoke_api_tokens(&self, user: UserId, at: Timestamp) -> Result<u64, StoreError> {
                let done = sqlx::query(
                    "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                )
                .bind(user.to_string())
                .bind(micros(at))
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected())
            }

            async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
                let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
                    .bind(key)
                    .fetch_optional(self.reader())
                    .await?;
                Ok(row.map(|r| r.try_get(0)).transpose()?)
            }

            async fn put_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            // --- JSON API (/api/v1) --------------------------------------

            async fn users_by_ids(&self, ids: &[UserId]) -> Result<Vec<UserRecord>, StoreError> {
                let mut ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
                ids.sort();
                ids.dedup();
                let mut users = Vec::with_capacity(ids.len());
                // Well below either database's limit on bound parameters.
                for chunk in ids.chunks(500) {
                    let mut q: QueryBuilder<$db> =
                        QueryBuilder::new(format!("SELECT {USER_COLUMNS} FROM users WHERE id IN ("));
                    let mut list = q.separated(", ");
                    for id in chunk {
                        list.push_bind(id.clone());
                    }
                    q.push(")");
                    let rows = q.build().fetch_all(self.reader()).await?;
                    for row in &rows {
                        users.push(user_from_row(row)?);
                    }
                }
                Ok(users)
            }

            // --- staff pages: Mijn klachten --------------------------------

            async fn list_participating(
                &self,
                user: UserId,
                after: Option<DueCursor>,
                limit: u32,
            ) -> Result<DuePage, StoreError> {
                // Dates are 'YYYY-MM-DD' text; complaints without a term sort
                // after every real date.
                const DUE_KEY: &str = "COALESCE(c.next_due, '9999-12-31')";
                let limit = limit.clamp(1, 500);
                let mut q: QueryBuilder<$db> = QueryBuilder::new(format!(
                    "SELECT c.{} FROM complaint_participants p \
                     JOIN complaints c ON c.id = p.complaint_id WHERE p.user_id = ",
                    COMPLAINT_COLUMNS.replace(", ", ", c.")
                ));
                q.push_bind(user.to_string());
                if let Some(after) = after {
                    let due = after
                        .next_due
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "9999-12-31".into());
                    q.push(format!(" AND ({DUE_KEY} > "))
                        .push_bind(due.clone())
                        .push(format!(" OR ({DUE_KEY} = "))
                        .push_bind(due)
                        .push(" AND c.id > ")
                        .push_bind(after.id.to_string())
                        .push("))");
                }
                q.push(format!(" ORDER BY {DUE_KEY}, c.id LIMIT "))
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

            // --- overview and administration (Overzicht, Beheer): see admin.rs

            async fn complaint_counts(
                &self,
                today: jiff::civil::Date,
            ) -> Result<$crate::ComplaintCounts, StoreError> {
                admin_queries::complaint_counts(self, today).await
            }

            async fn list_values(
                &self,
                kind: $crate::ListKind,
            ) -> Result<Vec<$crate::ListValue>, StoreError> {
                admin_queries::list_values(self, kind).await
            }

            async fn admin_change(
                &self,
                change: &$crate::AdminChange,
                audit: &$crate::AuditEntry,
            ) -> Result<(), StoreError> {
                admin_queries::admin_change(self, change, audit).await
            }

            async fn admin_log(
                &self,
                after: Option<$crate::AuditCursor>,
                limit: u32,
            ) -> Result<$crate::AuditPage, StoreError> {
                admin_queries::admin_log(self, after, limit).await
            }

            // --- outbox: see outbox.rs

            async fn enqueue(&self, messages: &[$crate::NewOutboxMessage]) -> Result<u64, StoreError> {
                outbox_queries::enqueue(self, messages).await
            }

            async fn claim_outbox(
                &self,
                kind: $crate::OutboxKind,
                now: Timestamp,
                lease_until: Timestamp,
                limit: u32,
            ) -> Result<Vec<$crate::OutboxMessage>, StoreError> {
                outbox_queries::claim_outbox(self, kind, now, lease_until, limit).await
            }

            async fn outbox_sent(
                &self,
                id: uuid::Uuid,
                at: Timestamp,
                result: Option<&str>,
            ) -> Result<(), StoreError> {
                outbox_queries::outbox_sent(self, id, at, result).await
            }

            async fn outbox_retry_at(
                &self,
                id: uuid::Uuid,
                error: &str,
                next_attempt: Timestamp,
            ) -> Result<(), StoreError> {
                outbox_queries::outbox_retry_at(self, id, error, next_attempt).await
            }

            async fn outbox_failed(&self, id: uuid::Uuid, error: &str) -> Result<(), StoreError> {
                outbox_queries::outbox_failed(self, id, error).await
            }

            async fn outbox_requeue(&self, id: uuid::Uuid, now: Timestamp) -> Result<bool, StoreError> {
                outbox_queries::outbox_requeue(self, id, now).await
            }

            async fn outbox_message(
                &self,
                id: uuid::Uuid,
            ) -> Result<Option<$crate::OutboxMessage>, StoreError> {
                outbox_queries::outbox_message(self, id).await
            }

            async fn list_outbox(
                &self,
                status: Option<$crate::OutboxStatus>,
                complaint: Option<ComplaintId>,
                limit: u32,
            ) -> Result<Vec<$crate::OutboxMessage>, StoreError> {
                outbox_queries::list_outbox(self, status, complaint, limit).await
            }

            async fn outbox_counts(&self) -> Result<$crate::OutboxCounts, StoreError> {
                outbox_queries::outbox_counts(self).await
            }

            // --- reports: see reports.rs ----------------------------------

            async fn report_streams(
                &self,
                received_from: Timestamp,
                received_before: Timestamp,
                after: Option<Cursor>,
                limit: u32,
            ) -> Result<$crate::StreamPage, StoreError> {
                reports_queries::report_streams(self, received_from, received_before, after, limit)
                    .await
            }

            async fn events_of(
                &self,
                ids: &[ComplaintId],
            ) -> Result<Vec<(ComplaintId, Vec<RawEvent>)>, StoreError> {
                reports_queries::events_of(self, ids).await
            }

            // --- improvement (patterns, verbeteracties): see improvement.rs

            async fn pattern_sources(
                &self,
                received_from: Timestamp,
            ) -> Result<Vec<$crate::PatternSource>, StoreError> {
                improvement_queries::pattern_sources(self, received_from).await
            }

            async fn pattern_decisions(
                &self,
                window_to_from: jiff::civil::Date,
            ) -> Result<Vec<$crate::PatternDecision>, StoreError> {
                improvement_queries::pattern_decisions(self, window_to_from).await
            }

            async fn record_pattern_decision(
                &self,
                decision: &$crate::PatternDecision,
            ) -> Result<(), StoreError> {
                improvement_queries::record_pattern_decision(self, decision).await
            }

            async fn create_improvement_action(
                &self,
                row: &$crate::ImprovementRow,
                event: &$crate::ImprovementEventRow,
                decision: Option<&$crate::PatternDecision>,
            ) -> Result<u32, StoreError> {
                improvement_queries::create_improvement_action(self, row, event, decision).await
            }

            async fn improvement_action(
                &self,
                id: uuid::Uuid,
            ) -> Result<
                Option<($crate::ImprovementItem, Vec<$crate::ImprovementEventRow>)>,
                StoreError,
            > {
                improvement_queries::improvement_action(self, id).await
            }

            async fn improvement_action_id_by_number(
                &self,
                year: i16,
                number: u32,
            ) -> Result<Option<uuid::Uuid>, StoreError> {
                improvement_queries::improvement_action_id_by_number(self, year, number).await
            }

            async fn update_improvement_action(
                &self,
                expected_version: u64,
                row: &$crate::ImprovementRow,
                event: &$crate::ImprovementEventRow,
            ) -> Result<(), StoreError> {
                improvement_queries::update_improvement_action(self, expected_version, row, event)
                    .await
            }

            async fn list_improvement_actions(
                &self,
                filter: &$crate::ImprovementFilter,
            ) -> Result<$crate::ImprovementPage, StoreError> {
                improvement_queries::list_improvement_actions(self, filter).await
            }

            // --- reminders and calendar feeds: see reminders.rs -----------

            async fn open_complaints(
                &self,
                query: &$crate::OpenComplaintQuery,
            ) -> Result<DuePage, StoreError> {
                reminders_queries::open_complaints(self, query).await
            }

            async fn calendar_feed(
                &self,
                user: UserId,
            ) -> Result<Option<$crate::CalendarFeed>, StoreError> {
                reminders_queries::calendar_feed(self, user).await
            }

            async fn put_calendar_feed(
                &self,
                user: UserId,
                token_hash: &str,
                at: Timestamp,
                audit: &$crate::AuditEntry,
            ) -> Result<(), StoreError> {
                reminders_queries::put_calendar_feed(self, user, token_hash, at, audit).await
            }

            async fn delete_calendar_feed(
                &self,
                user: UserId,
                audit: &$crate::AuditEntry,
            ) -> Result<bool, StoreError> {
                reminders_queries::delete_calendar_feed(self, user, audit).await
            }

            async fn user_by_calendar_feed(
                &self,
                token_hash: &str,
            ) -> Result<Option<UserRecord>, StoreError> {
                reminders_queries::user_by_calendar_feed(self, token_hash).await
            }

            // --- public side: see public.rs ------------------------------

            async fn complaint_id_by_tracking_code(
                &self,
                code: &klacht_domain::TrackingCode,
            ) -> Result<Option<ComplaintId>, StoreError> {
                public_queries::complaint_id_by_tracking_code(self, code).await
            }

            async fn tracking_code_of(
                &self,
                complaint: ComplaintId,
            ) -> Result<Option<klacht_domain::TrackingCode>, StoreError> {
                public_queries::tracking_code_of(self, complaint).await
            }

            async fn attachments_of(
                &self,
                complaint: ComplaintId,
            ) -> Result<Vec<$crate::AttachmentInfo>, StoreError> {
                public_queries::attachments_of(self, complaint).await
            }

            async fn attachment(
                &self,
                complaint: ComplaintId,
                id: uuid::Uuid,
            ) -> Result<Option<$crate::Attachment>, StoreError> {
                public_queries::attachment(self, complaint, id).await
            }

            async fn public_services(&self) -> Result<Vec<$crate::PublicService>, StoreError> {
                public_queries::public_services(self).await
            }

            async fn change_public_service(
                &self,
                change: &$crate::PublicServiceChange,
                audit: &$crate::AuditEntry,
            ) -> Result<(), StoreError> {
                public_queries::change_public_service(self, change, audit).await
            }

            async fn hit_rate_limit(
                &self,
                key: &str,
                now: Timestamp,
                window: jiff::SignedDuration,
                limit: u32,
            ) -> Result<$crate::RateDecision, StoreError> {
                public_queries::hit_rate_limit(self, key, now, window, limit).await
            }

            // --- dossier, retention, backup: see dossier.rs ---------------

            async fn file_dossier(&self, entry: &$crate::NewDossier) -> Result<bool, StoreError> {
                dossier_queries::file_dossier(self, entry).await
            }

            async fn dossier_entry(
                &self,
                id: ComplaintId,
            ) -> Result<Option<$crate::DossierRow>, StoreError> {
                dossier_queries::dossier_row(self, id).await
            }

            async fn dossier_document(
                &self,
                id: ComplaintId,
                which: $crate::DossierDocument,
            ) -> Result<Option<Vec<u8>>, StoreError> {
                dossier_queries::dossier_document(self, id, which).await
            }

            async fn dossier_years(&self) -> Result<Vec<(i32, u64)>, StoreError> {
                dossier_queries::dossier_years(self).await
            }

            async fn list_dossier(
                &self,
                filter: &$crate::DossierFilter,
            ) -> Result<$crate::DossierPage, StoreError> {
                dossier_queries::list_dossier(self, filter).await
            }

            async fn unfiled_closed(
                &self,
                closed_since: Option<Timestamp>,
                limit: u32,
            ) -> Result<Vec<ComplaintId>, StoreError> {
                dossier_queries::unfiled_closed(self, closed_since, limit).await
            }

            async fn sealed_complaints(
                &self,
                after: Option<ComplaintId>,
                limit: u32,
            ) -> Result<Vec<$crate::SealedComplaint>, StoreError> {
                dossier_queries::sealed_complaints(self, after, limit).await
            }

            async fn stored_streams(
                &self,
                after: Option<ComplaintId>,
                limit: u32,
            ) -> Result<Vec<$crate::StoredStream>, StoreError> {
                dossier_queries::stored_streams(self, after, limit).await
            }

            async fn expired_for_retention(
                &self,
                before: Timestamp,
                limit: u32,
            ) -> Result<Vec<ComplaintId>, StoreError> {
                retention_queries::expired_for_retention(self, before, limit).await
            }

            async fn anonymise(&self, anonymisation: &$crate::Anonymisation) -> Result<(), StoreError> {
                retention_queries::anonymise(self, anonymisation).await
            }

            async fn log_retention(&self, entry: &$crate::RetentionEntry) -> Result<(), StoreError> {
                retention_queries::log_retention(self, entry).await
            }

            async fn retention_log(
                &self,
                complaint: Option<ComplaintId>,
                limit: u32,
            ) -> Result<Vec<$crate::RetentionEntry>, StoreError> {
                retention_queries::retention_log(self, complaint, limit).await
            }

            async fn complaints_with_email(&self, email: &Email) -> Result<Vec<ComplaintId>, StoreError> {
                retention_queries::complaints_with_email(self, email).await
            }
        }
        }
    };
}

pub(crate) use impl_store;

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("Bus"), "%bus%");
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}
