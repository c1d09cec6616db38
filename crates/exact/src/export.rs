//! The file export for installations without a connector: the
//! registrations not yet delivered, as CSV (semicolon-separated, as Dutch
//! spreadsheets expect) and JSON, with the same columns, for the quality
//! manager to import into Exact. Exporting changes nothing unless the
//! caller marks the exported registrations sent.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_app::spreadsheet::safe_cell;
use klacht_store::{OutboxKind, OutboxMessage, OutboxStatus, Store, StoreError};
use serde_json::{Map, Value};

use crate::Registration;
use crate::deliver::idempotency_key;

/// How many undelivered outbox rows one export reads at most.
const MAX_ROWS: u32 = 100_000;

/// The result recorded on a row marked sent by an export.
pub const EXPORTED: &str = "geëxporteerd";

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("CSV schrijven: {0}")]
    Csv(String),
}

/// An undelivered registration with its outbox row.
#[derive(Debug, Clone)]
pub struct Pending {
    pub message: OutboxMessage,
    pub registration: Registration,
}

/// The registrations not yet delivered (queued or failed), oldest closing
/// first; with `since`, only those closed on or after that day. Rows whose
/// payload does not parse are left out (and logged).
pub async fn pending<S: Store>(
    store: &S,
    since: Option<Date>,
) -> Result<Vec<Pending>, ExportError> {
    let mut out = Vec::new();
    for status in [OutboxStatus::Pending, OutboxStatus::Failed] {
        for message in store.list_outbox(Some(status), None, MAX_ROWS).await? {
            if message.kind != OutboxKind::Exact {
                continue;
            }
            match serde_json::from_str::<Registration>(&message.payload) {
                Ok(registration) => {
                    if since.is_none_or(|d| registration.closed_on >= d) {
                        out.push(Pending {
                            message,
                            registration,
                        });
                    }
                }
                Err(e) => {
                    tracing::warn!(outbox = %message.id, error = %e, "unreadable registration")
                }
            }
        }
    }
    out.sort_by(|a, b| {
        (a.registration.closed_on, a.registration.reference)
            .cmp(&(b.registration.closed_on, b.registration.reference))
    });
    Ok(out)
}

/// The columns of both files: every registration field, then the key that
/// identifies the row if it is imported twice.
pub fn columns() -> Vec<&'static str> {
    let mut cols = Registration::FIELDS.to_vec();
    cols.push("idempotency_key");
    cols
}

fn values(p: &Pending) -> Vec<Option<String>> {
    let mut row: Vec<Option<String>> = Registration::FIELDS
        .iter()
        .map(|f| p.registration.field(f))
        .collect();
    row.push(Some(idempotency_key(&p.message)));
    row
}

/// The columns holding an amount.
const DECIMAL_COLUMNS: &[&str] = &["offer_value"];

/// CSV with a header row, `;`-separated, amounts with a decimal comma, UTF-8 with a byte-order mark so
/// that spreadsheet programs read the accents right; no cell runs as a
/// formula ([`safe_cell`]).
pub fn to_csv(items: &[Pending]) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let csv_error = |e: csv::Error| ExportError::Csv(e.to_string());
    w.write_record(columns()).map_err(csv_error)?;
    for p in items {
        w.write_record(columns().into_iter().zip(values(p)).map(|(column, v)| {
            let v = v.unwrap_or_default();
            // Dutch spreadsheets read "25.00" as text or as 2500: amounts
            // get a decimal comma here (the JSON keeps the point).
            let v = if DECIMAL_COLUMNS.contains(&column) {
                v.replace('.', ",")
            } else {
                v
            };
            safe_cell(&v).into_owned()
        }))
        .map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| ExportError::Csv(e.to_string()))
}

/// A JSON array of objects with the same keys as the CSV columns; empty
/// values are `null`.
pub fn to_json(items: &[Pending]) -> String {
    let rows: Vec<Value> = items
        .iter()
        .map(|p| {
            let obj: Map<String, Value> = columns()
                .into_iter()
                .zip(values(p))
                .map(|(k, v)| (k.to_owned(), v.map_or(Value::Null, Value::String)))
                .collect();
            Value::Object(obj)
        })
        .collect();
    // Strings and nulls always serialise.
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into())
}

/// Marks exported registrations delivered, so the worker and the next
/// export leave them alone.
pub async fn mark_exported<S: Store>(
    store: &S,
    items: &[Pending],
    at: Timestamp,
) -> Result<(), ExportError> {
    for p in items {
        store.outbox_sent(p.message.id, at, Some(EXPORTED)).await?;
    }
    Ok(())
}
