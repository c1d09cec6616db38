use thiserror::Error;

/// The one error type of the storage layer.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Another writer appended to the stream first; reload and retry.
    #[error("de klacht is intussen door iemand anders gewijzigd (versie {expected} verwacht)")]
    Conflict { expected: u64 },
    /// A unique constraint refused the row; the name says which.
    #[error("bestaat al: {constraint}")]
    Duplicate { constraint: String },
    #[error("niet gevonden")]
    NotFound,
    /// Stored data that does not parse: a bug or tampering, never user input.
    #[error("onleesbare gegevens in de database: {0}")]
    Corrupt(String),
    #[error("databasefout")]
    Database(#[source] sqlx::Error),
    #[error("migratie mislukt")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("ongeldige database-URL: {0}")]
    Url(String),
    /// The database server did not answer at start-up: where, and why.
    #[error("PostgreSQL op {host}:{port} is niet bereikbaar: {reason}")]
    Unreachable {
        host: String,
        port: u16,
        reason: String,
    },
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
        {
            let constraint = db
                .constraint()
                .map(str::to_owned)
                .unwrap_or_else(|| sqlite_constraint_name(db.message()));
            return StoreError::Duplicate { constraint };
        }
        StoreError::Database(e)
    }
}

/// SQLite names the columns, not the constraint ("UNIQUE constraint failed:
/// users.email"); map those to the PostgreSQL constraint names so callers
/// see one vocabulary.
fn sqlite_constraint_name(message: &str) -> String {
    let columns = message
        .rsplit_once("failed: ")
        .map(|(_, c)| c.trim())
        .unwrap_or(message);
    match columns {
        "users.email" => "users_email_key".into(),
        "complaints.reference" => "complaints_reference_key".into(),
        "complaints.id" => "complaints_pkey".into(),
        "complaint_events.complaint_id, complaint_events.seq" => "complaint_events_pkey".into(),
        "list_values.kind, list_values.name_key" => "list_values_kind_name_key".into(),
        "saved_views.user_id, saved_views.name_key" => "saved_views_user_name_key".into(),
        other => other.replace(['.', ','], "_").replace(' ', ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_messages_map_to_postgres_constraint_names() {
        assert_eq!(
            sqlite_constraint_name("UNIQUE constraint failed: users.email"),
            "users_email_key"
        );
        assert_eq!(
            sqlite_constraint_name(
                "UNIQUE constraint failed: complaint_events.complaint_id, complaint_events.seq"
            ),
            "complaint_events_pkey"
        );
    }
}
