//! The lists of categories and root causes.

use jiff::Timestamp;
use klacht_domain::{Refusal, RefusalCode as Code, User};
use klacht_store::{
    AdminChange, AuditEntry, ListKind, ListValue, Store, StoreError, list_name_key,
};

use super::{AdminError, entry, invalid, name, require_admin};

fn duplicate_value(kind: ListKind, name: &str) -> AdminError {
    invalid(
        Refusal::new(Code::AdminListValueExists)
            .text("kind", kind.as_str())
            .text("name", name),
    )
}

/// The subject "the name of the category (cause)".
fn value_name(kind: ListKind) -> Refusal {
    Code::AdminSubjectListValueName.text("kind", kind.as_str())
}

async fn write_value<S: Store>(
    store: &S,
    kind: ListKind,
    name: &str,
    change: AdminChange,
    audit: AuditEntry,
) -> Result<(), AdminError> {
    match store.admin_change(&change, &audit).await {
        Err(StoreError::Duplicate { .. }) => Err(duplicate_value(kind, name)),
        other => Ok(other?),
    }
}

pub async fn add_list_value<S: Store>(
    store: &S,
    by: &User,
    kind: ListKind,
    raw_name: &str,
    at: Timestamp,
) -> Result<(), AdminError> {
    require_admin(by)?;
    let name = name(value_name(kind), raw_name)?;
    let values = store.list_values(kind).await?;
    if values
        .iter()
        .any(|v| list_name_key(&v.name) == list_name_key(&name))
    {
        return Err(duplicate_value(kind, &name));
    }
    let change = AdminChange::AddListValue {
        kind,
        id: uuid::Uuid::now_v7(),
        name: name.clone(),
    };
    let audit = entry(
        by,
        at,
        &format!("{kind}.added"),
        &name,
        format!("{} '{name}' toegevoegd.", capitalised(kind.label())),
    );
    write_value(store, kind, &name, change, audit).await
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The id of a list value as it appears in a URL.
pub fn parse_value_id(raw: &str) -> Option<uuid::Uuid> {
    uuid::Uuid::parse_str(raw.trim()).ok()
}

fn find_value(values: &[ListValue], id: uuid::Uuid) -> Result<&ListValue, AdminError> {
    values
        .iter()
        .find(|v| v.id == id)
        .ok_or(AdminError::NotFound)
}

pub async fn rename_list_value<S: Store>(
    store: &S,
    by: &User,
    kind: ListKind,
    id: uuid::Uuid,
    raw_name: &str,
    at: Timestamp,
) -> Result<(), AdminError> {
    require_admin(by)?;
    let name = name(value_name(kind), raw_name)?;
    let values = store.list_values(kind).await?;
    let old = find_value(&values, id)?;
    if old.name == name {
        return Ok(());
    }
    let taken = values
        .iter()
        .any(|v| v.id != id && list_name_key(&v.name) == list_name_key(&name));
    if taken {
        return Err(duplicate_value(kind, &name));
    }
    let audit = entry(
        by,
        at,
        &format!("{kind}.renamed"),
        &name,
        format!(
            "{} '{}' hernoemd tot '{name}'. Bestaande klachten houden de oude naam.",
            capitalised(kind.label()),
            old.name
        ),
    );
    let change = AdminChange::RenameListValue {
        kind,
        id,
        name: name.clone(),
    };
    write_value(store, kind, &name, change, audit).await
}

pub async fn set_list_value_active<S: Store>(
    store: &S,
    by: &User,
    kind: ListKind,
    id: uuid::Uuid,
    active: bool,
    at: Timestamp,
) -> Result<(), AdminError> {
    require_admin(by)?;
    let values = store.list_values(kind).await?;
    let value = find_value(&values, id)?;
    if value.active == active {
        return Ok(());
    }
    let what = if active {
        "weer in gebruik genomen"
    } else {
        "vervallen: niet meer te kiezen voor nieuwe klachten"
    };
    let audit = entry(
        by,
        at,
        &format!(
            "{kind}.{}",
            if active { "activated" } else { "deactivated" }
        ),
        &value.name,
        format!("{} '{}' {what}.", capitalised(kind.label()), value.name),
    );
    let change = AdminChange::SetListValueActive { kind, id, active };
    write_value(store, kind, &value.name, change, audit).await
}
