//! The query code both backends share. The SQL is written once, in the
//! subset SQLite and PostgreSQL both understand, and the macro below
//! compiles it against each driver's own types (never sqlx's `Any`).

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub(crate) mod absences;
pub(crate) mod admin;
pub(crate) mod bulk;
pub(crate) mod complaints;
pub(crate) mod dossier;
pub(crate) mod improvement;
pub(crate) mod mailbox;
pub(crate) mod metrics;
pub(crate) mod outbox;
pub(crate) mod public;
pub(crate) mod reminders;
pub(crate) mod reports;
pub(crate) mod retention;
pub(crate) mod users;
pub(crate) mod views;
pub(crate) mod work_queue;

/// The migrations one engine runs: every shared `NNNN_name.sql`, and of
/// the engine-specific files only its own: `NNNN_name.sqlite.sql` on SQLite,
/// `NNNN_name.postgres.sql` on PostgreSQL (migration 0028, the text search,
/// is the first). The two files of a number share it: each database records
/// the one it ran under that number, so the checksums compare like for like.
pub(crate) fn engine_migrator(backend: &str) -> sqlx::migrate::Migrator {
    let other = if backend == "postgres" {
        ".sqlite"
    } else {
        ".postgres"
    };
    let mut migrator = sqlx::migrate::Migrator::with_migrations(
        MIGRATOR
            .iter()
            .filter(|m| !m.description.ends_with(other))
            .cloned()
            .collect(),
    );
    migrator.set_locking(true).set_ignore_missing(false);
    migrator
}

/// Escapes LIKE wildcards in user text; used with `ESCAPE '\'`.
/// `ids` as the tables hold them (text), sorted and each once, in slices of
/// at most 500: one `IN (…)` query each, well below either engine's limit
/// on bound parameters.
pub(crate) fn id_batches<T: ToString>(ids: &[T]) -> Vec<Vec<String>> {
    let mut ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
    ids.sort();
    ids.dedup();
    ids.chunks(500).map(<[String]>::to_vec).collect()
}

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
        /// Which engine this expansion is for, where their SQL differs.
        const BACKEND: &str = $backend;
        use sqlx::{QueryBuilder, Row};
        use $crate::sql::{id_batches, like_pattern, parse, parse_date, split_page};
        use $crate::{
            ApiToken, ComplaintFilter, ComplaintRow, Cursor, LoginFailures, NewStream, NewUser, Page,
            RawEvent, Session, Store, StoreError, UserRecord, from_micros, micros,
        };
        use jiff::Timestamp;
        use klacht_domain::{ComplaintId, Email, ReferenceNumber, User, UserId};
        use $crate::{DueCursor, DuePage};

        type DbRow = <$db as sqlx::Database>::Row;

        const USER_COLUMNS: &str =
            "id, email, name, role, manager_id, password_hash, active, created_at, language";

        const COMPLAINT_COLUMNS: &str = "id, reference, version, kind, status, channel, \
             received_at, received_by, responsible_manager, handler, complainant_name, service, \
             category, summary, next_step, next_due, report_due, contact_due, offer_due, \
             record_due, closed_at, updated_at";

        /// The columns a write of a complaint's row sets: the list's
        /// columns and the report facts (migration 0027), which only the
        /// reports read. `bind_row!` binds them in this order after `id`.
        const WRITE_COLUMNS: &str = "id, reference, version, kind, status, channel, \
             received_at, received_by, responsible_manager, handler, complainant_name, service, \
             category, summary, next_step, next_due, report_due, contact_due, offer_due, \
             record_due, closed_at, updated_at, facts_key, facts";

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
                // An unknown code (a language since removed) is no choice.
                language: row
                    .try_get::<Option<String>, _>("language")?
                    .as_deref()
                    .and_then(klacht_domain::Language::parse),
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
                facts: None,
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

        /// An action event with its complaint's `reference`, `handler` and
        /// `responsible_manager` columns.
        fn action_event_from_row(row: &DbRow) -> Result<$crate::ActionEvent, StoreError> {
            Ok($crate::ActionEvent {
                reference: parse::<ReferenceNumber>(
                    "reference",
                    &row.try_get::<String, _>("reference")?,
                )?,
                handler: opt_user(row, "handler")?,
                responsible_manager: opt_user(row, "responsible_manager")?,
                event: event_from_row(row)?,
            })
        }

        /// Continues a list ordered by `(received_at, id)` after `after`, in
        /// the form both engines turn into a seek in `(received_at, id)`
        /// (`received_at >= $at AND (received_at > $at OR id > $id)`; the
        /// plain OR form made PostgreSQL filter from the start of the
        /// index).
        fn push_received_after(q: &mut QueryBuilder<$db>, after: &$crate::Cursor) {
            let at = micros(after.received_at);
            q.push(" AND received_at >= ")
                .push_bind(at)
                .push(" AND (received_at > ")
                .push_bind(at)
                .push(" OR id > ")
                .push_bind(after.id.to_string())
                .push(")");
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

        /// The complaint's place in its participants' lists (migration
        /// 0025): its next term, and after every date without one: an open
        /// complaint without a term before the closed ones (migration
        /// 0030), so that a person's open complaints are one index range
        /// (`due_key < CLOSED_DUE_KEY`) for the work queue.
        fn due_key(row: &ComplaintRow) -> String {
            match row.next_due {
                Some(d) => d.to_string(),
                None if $crate::OPEN_STATUSES.contains(&row.status.as_str()) => {
                    $crate::OPEN_DUE_KEY.to_owned()
                }
                None => $crate::CLOSED_DUE_KEY.to_owned(),
            }
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
            let due = due_key(row);
            let mut q: QueryBuilder<$db> = QueryBuilder::new(
                "INSERT INTO complaint_participants (complaint_id, user_id, due_key) ",
            );
            q.push_values(users, |mut b, user| {
                b.push_bind(id.clone())
                    .push_bind(user.to_string())
                    .push_bind(due.clone());
            });
            q.build().execute(&mut **tx).await?;
            Ok(())
        }

        /// Binds the row's columns in `WRITE_COLUMNS` order after `id`.
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
                    .bind($row.facts.as_ref().map(|f| f.key.clone()))
                    .bind($row.facts.as_ref().map(|f| f.data.clone()))
            };
        }

        /// The one UPDATE of a complaint's read-model row, a compare-and-swap
        /// on its version: on PostgreSQL a second writer blocks on the row
        /// lock, then sees the new version and matches nothing. False when
        /// the row was not at `expected_version` (or is gone).
        async fn replace_row(
            tx: &mut sqlx::Transaction<'_, $db>,
            row: &ComplaintRow,
            expected_version: u64,
        ) -> Result<bool, StoreError> {
            // The status moves first, from the row as it is (migration
            // 0026); when the swap below fails, the transaction and
            // these go back together.
            sqlx::query(
                "INSERT INTO complaint_status_moves (status, delta) \
                 SELECT status, -1 FROM complaints WHERE id = $1 AND version = $2 AND status <> $3 \
                 UNION ALL \
                 SELECT $3, 1 FROM complaints WHERE id = $1 AND version = $2 AND status <> $3",
            )
            .bind(row.id.to_string())
            .bind(seq_i64(expected_version)?)
            .bind(&row.status)
            .execute(&mut **tx)
            .await?;
            // The due moves likewise (migration 0034): the (step, date)
            // the row leaves and the one it takes, when they differ.
            sqlx::query(
                "INSERT INTO complaint_due_moves (next_step, next_due, delta) \
                 SELECT next_step, next_due, -1 FROM complaints WHERE id = $1 AND version = $2 \
                 AND next_step IS NOT NULL AND next_due IS NOT NULL \
                 AND NOT COALESCE(next_step = $3 AND next_due = $4, FALSE) \
                 UNION ALL \
                 SELECT $3, $4, 1 FROM complaints WHERE id = $1 AND version = $2 \
                 AND $3 IS NOT NULL AND $4 IS NOT NULL \
                 AND NOT COALESCE(next_step = $3 AND next_due = $4, FALSE)",
            )
            .bind(row.id.to_string())
            .bind(seq_i64(expected_version)?)
            .bind(&row.next_step)
            .bind(row.next_due.map(|d| d.to_string()))
            .execute(&mut **tx)
            .await?;
            let q = sqlx::query(
                "UPDATE complaints SET reference = $2, version = $3, kind = $4, status = $5, \
                 channel = $6, received_at = $7, received_by = $8, responsible_manager = $9, \
                 handler = $10, complainant_name = $11, service = $12, category = $13, \
                 summary = $14, next_step = $15, next_due = $16, report_due = $17, \
                 contact_due = $18, offer_due = $19, record_due = $20, closed_at = $21, \
                 updated_at = $22, facts_key = $23, facts = $24 WHERE id = $1 AND version = $25",
            )
            .bind(row.id.to_string());
            let done = bind_row!(q, row)
                .bind(seq_i64(expected_version)?)
                .execute(&mut **tx)
                .await?;
            Ok(done.rows_affected() == 1)
        }

        /// Adds `delta` complaints to the count of `status` (migration 0026).
        async fn move_status(
            tx: &mut sqlx::Transaction<'_, $db>,
            status: &str,
            delta: i64,
        ) -> Result<(), StoreError> {
            sqlx::query("INSERT INTO complaint_status_moves (status, delta) VALUES ($1, $2)")
                .bind(status)
                .bind(delta)
                .execute(&mut **tx)
                .await?;
            Ok(())
        }

        /// Adds `delta` complaints to the count of `(step, due)` (migration
        /// 0034); nothing when the row has no next term.
        async fn move_due(
            tx: &mut sqlx::Transaction<'_, $db>,
            step: Option<&str>,
            due: Option<jiff::civil::Date>,
            delta: i64,
        ) -> Result<(), StoreError> {
            let (Some(step), Some(due)) = (step, due) else {
                return Ok(());
            };
            sqlx::query(
                "INSERT INTO complaint_due_moves (next_step, next_due, delta) VALUES ($1, $2, $3)",
            )
            .bind(step)
            .bind(due.to_string())
            .bind(delta)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        /// One entry of the administrator's Logboek, in the transaction of
        /// the change it records.
        async fn insert_audit(
            tx: &mut sqlx::Transaction<'_, $db>,
            audit: &$crate::AuditEntry,
        ) -> Result<(), StoreError> {
            sqlx::query(
                "INSERT INTO admin_audit (id, at, actor_id, actor_name, kind, subject, details) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(audit.id.to_string())
            .bind(micros(audit.at))
            .bind(audit.actor.map(|a| a.to_string()))
            .bind(&audit.actor_name)
            .bind(&audit.kind)
            .bind(&audit.subject)
            .bind(&audit.details)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }

        type StoreTy = $store;
        type Db = $db;
        /// How many matches the SQLite search index may find for a list to
        /// use it; beyond that the word is common and the list walks its
        /// order with the LIKE instead (see `text_search_by_index`).
        /// Measured (docs/benchmarks.md): looking up and sorting the
        /// matches costs about 1 µs each, the LIKE about 1 µs per row
        /// walked, 51 × rows / matches of them: at 1,000,000 complaints
        /// and 5,000 matches about 6 ms the one way and 10 ms the other,
        /// and either falls fast away from there.
        const SEARCH_INDEX_MAX: i64 = 5_000;

        /// The columns of `complaints c` a list searches: each pairs the
        /// search index's column (migration 0028) with the expression the
        /// LIKE lowers.
        type SearchColumns = [(&'static str, &'static str)];

        /// The FTS5 query of a search: one phrase (a part of a word, or
        /// several words in a row) in these columns.
        fn search_phrase(text: &str, columns: &SearchColumns) -> String {
            let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
            format!("{{{}}} : \"{}\"", names.join(" "), text.replace('"', "\"\""))
        }

        /// Whether a list's text search goes through SQLite's trigram index
        /// (migration 0028), asked before the list's query. The index finds
        /// a rare word at once where the LIKE read the whole table; but a
        /// common word (a surname in one of nine complaints) is found
        /// faster by walking the list's order and testing each row, which
        /// stops at the page's 51st match, than by looking up and sorting
        /// every match. So: three characters or more (the trigram
        /// tokenizer's minimum) and fewer than `SEARCH_INDEX_MAX` matches,
        /// counted by a probe that stops there. PostgreSQL's planner makes
        /// this choice itself (trigram GIN indexes on the LIKE's
        /// expressions, with statistics): always `false` there.
        async fn text_search_by_index(
            pool: &sqlx::Pool<Db>,
            text: Option<&str>,
            columns: &SearchColumns,
        ) -> Result<bool, StoreError> {
            if $backend != "sqlite" {
                return Ok(false);
            }
            let Some(text) = text.map(str::trim).filter(|t| t.chars().count() >= 3) else {
                return Ok(false);
            };
            let found: i64 = sqlx::query(
                "SELECT COUNT(*) FROM (SELECT 1 FROM complaint_search \
                 WHERE complaint_search MATCH $1 LIMIT $2)",
            )
            .bind(search_phrase(text, columns))
            .bind(SEARCH_INDEX_MAX)
            .fetch_one(pool)
            .await?
            .try_get(0)?;
            Ok(found < SEARCH_INDEX_MAX)
        }

        /// A list's text search (issue 14 §2): a part of a word, in any
        /// case, in one of `columns` of `complaints c`. By SQLite's trigram
        /// index when `by_index` (see `text_search_by_index`), its rowid
        /// being the complaint row's; otherwise the LIKE, which PostgreSQL
        /// answers from its trigram GIN indexes on these very expressions
        /// when that pays.
        fn push_text_search(
            q: &mut QueryBuilder<Db>,
            text: &str,
            columns: &SearchColumns,
            by_index: bool,
        ) {
            if by_index {
                q.push(
                    " AND c.rowid IN (SELECT rowid FROM complaint_search \
                     WHERE complaint_search MATCH ",
                )
                .push_bind(search_phrase(text, columns))
                .push(")");
                return;
            }
            let pattern = like_pattern(text);
            q.push(" AND (");
            for (i, (_, expr)) in columns.iter().enumerate() {
                if i > 0 {
                    q.push(" OR ");
                }
                q.push(format_args!("LOWER({expr}) LIKE "))
                    .push_bind(pattern.clone())
                    .push(" ESCAPE '\\'");
            }
            q.push(")");
        }

        /// The lists' search columns: the overview's and Mijn klachten's,
        /// and the dossier's.
        const LIST_SEARCH: &SearchColumns = &[
            ("reference", "c.reference"),
            ("complainant_name", "c.complainant_name"),
            ("summary", "c.summary"),
            ("service", "COALESCE(c.service, '')"),
        ];
        const DOSSIER_SEARCH: &SearchColumns = &[
            ("reference", "c.reference"),
            ("complainant_name", "c.complainant_name"),
            ("category", "COALESCE(c.category, '')"),
        ];

        mod complaints_queries {
            use super::*;
            $crate::sql::complaints::complaints_queries!();
        }
        mod users_queries {
            use super::*;
            $crate::sql::users::users_queries!();
        }
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
            $crate::sql::retention::retention_queries!($backend);
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
        mod absences_queries {
            use super::*;
            $crate::sql::absences::absences_queries!();
        }
        mod work_queue_queries {
            use super::*;
            $crate::sql::work_queue::work_queue_queries!();
        }
        mod mailbox_queries {
            use super::*;
            $crate::sql::mailbox::mailbox_queries!();
        }
        mod views_queries {
            use super::*;
            $crate::sql::views::views_queries!();
        }
        mod bulk_queries {
            use super::*;
            $crate::sql::bulk::bulk_queries!();
        }
        mod metrics_queries {
            use super::*;
            $crate::sql::metrics::metrics_queries!($backend);
        }

        impl Store for $store {
            async fn migrate(&self) -> Result<(), StoreError> {
                $crate::sql::engine_migrator($backend)
                    .run(self.writer())
                    .await?;
                // Once per database, not a scan of every complaint at each
                // start: since then every stream is sealed as it is written.
                const SEALED: &str = "store.sealed_from_intake";
                if $crate::AdminStore::setting(self, SEALED).await?.is_none() {
                    let sealed = dossier_queries::seal_unsealed(self).await?;
                    if sealed > 0 {
                        tracing::info!(sealed, "streams from before sealing at intake sealed");
                    }
                    $crate::AdminStore::put_setting(self, SEALED, "1").await?;
                }
                Ok(())
            }

            async fn ping(&self) -> Result<(), StoreError> {
                sqlx::query("SELECT 1").execute(self.reader()).await?;
                Ok(())
            }

            fn backend(&self) -> &'static str {
                $backend
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
