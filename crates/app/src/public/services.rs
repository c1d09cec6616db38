//! Beheer > Diensten: the services the public form offers ("Over welke
//! dienst of afdeling gaat uw klacht?") and the manager each is routed to.
//! Only the administrator changes them; every change is written with its
//! entry in the administrator's log, in one transaction.

use jiff::Timestamp;
use klacht_domain::{Refusal, RefusalCode as Code, Role, User, UserId};
use klacht_store::{
    AuditEntry, PublicService, PublicServiceChange, Store, StoreError, service_name_key,
};

use crate::admin::AdminError;

fn invalid(refusal: impl Into<Refusal>) -> AdminError {
    AdminError::Invalid(refusal.into())
}

fn require_admin(by: &User) -> Result<(), AdminError> {
    if by.role == Role::Admin {
        Ok(())
    } else {
        Err(AdminError::NotAdmin)
    }
}

fn entry(by: &User, at: Timestamp, kind: &str, subject: &str, details: String) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor: Some(by.id),
        actor_name: by.name.clone(),
        kind: kind.into(),
        subject: subject.into(),
        details,
    }
}

/// Whitespace collapsed; not empty, at most
/// [`MAX_NAME`](crate::admin::MAX_NAME) printable characters.
fn service_name(raw: &str) -> Result<String, AdminError> {
    crate::admin::name(Code::AdminSubjectServiceName, raw)
}

fn exists(name: &str) -> AdminError {
    invalid(Code::AdminServiceExists.text("name", name))
}

/// The manager a service may be routed to: an active manager, quality
/// manager or director. Returns their name for the log.
async fn check_manager<S: Store>(store: &S, id: Option<UserId>) -> Result<String, AdminError> {
    let Some(id) = id else {
        return Ok("niemand (de kwaliteitsmanager verdeelt)".into());
    };
    let user = store
        .user_by_id(id)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| invalid(Code::AdminServiceChooseManager))?;
    if !matches!(
        user.user.role,
        Role::Manager | Role::QualityManager | Role::Director
    ) {
        return Err(invalid(
            Code::AdminManagerNotManaging.text("name", &user.user.name),
        ));
    }
    Ok(user.user.name)
}

fn find(services: &[PublicService], id: uuid::Uuid) -> Result<&PublicService, AdminError> {
    services
        .iter()
        .find(|s| s.id == id)
        .ok_or(AdminError::NotFound)
}

async fn write<S: Store>(
    store: &S,
    name: &str,
    change: PublicServiceChange,
    audit: AuditEntry,
) -> Result<(), AdminError> {
    match store.change_public_service(&change, &audit).await {
        Err(StoreError::Duplicate { .. }) => Err(exists(name)),
        other => Ok(other?),
    }
}

pub async fn add_service<S: Store>(
    store: &S,
    by: &User,
    raw_name: &str,
    manager: Option<UserId>,
    at: Timestamp,
) -> Result<(), AdminError> {
    require_admin(by)?;
    let name = service_name(raw_name)?;
    let services = store.public_services().await?;
    if services
        .iter()
        .any(|s| service_name_key(&s.name) == service_name_key(&name))
    {
        return Err(exists(&name));
    }
    let manager_name = check_manager(store, manager).await?;
    let audit = entry(
        by,
        at,
        "service.added",
        &name,
        format!(
            "Dienst '{name}' toegevoegd aan het klachtformulier; klachten gaan naar {manager_name}."
        ),
    );
    let change = PublicServiceChange::Add {
        id: uuid::Uuid::now_v7(),
        name: name.clone(),
        manager,
    };
    write(store, &name, change, audit).await
}

pub async fn rename_service<S: Store>(
    store: &S,
    by: &User,
    id: uuid::Uuid,
    raw_name: &str,
    at: Timestamp,
) -> Result<(), AdminError> {
    require_admin(by)?;
    let name = service_name(raw_name)?;
    let services = store.public_services().await?;
    let old = find(&services, id)?;
    if old.name == name {
        return Ok(());
    }
    if services
        .iter()
        .any(|s| s.id != id && service_name_key(&s.name) == service_name_key(&name))
    {
        return Err(exists(&name));
    }
    let audit = entry(
        by,
        at,
        "service.renamed",
        &name,
        format!(
            "Dienst '{}' hernoemd tot '{name}'. Bestaande klachten houden de oude naam.",
            old.name
        ),
    );
    let change = PublicServiceChange::Rename {
        id,
        name: name.clone(),
    };
    write(store, &name, change, audit).await
}

pub async fn set_service_manager<S: Store>(
    store: &S,
    by: &User,
    id: uuid::Uuid,
    manager: Option<UserId>,
    at: Timestamp,
) -> Result<(), AdminError> {
    require_admin(by)?;
    let services = store.public_services().await?;
    let service = find(&services, id)?;
    if service.manager == manager {
        return Ok(());
    }
    let manager_name = check_manager(store, manager).await?;
    let audit = entry(
        by,
        at,
        "service.manager",
        &service.name,
        format!(
            "Klachten over '{}' gaan voortaan naar {manager_name}.",
            service.name
        ),
    );
    let name = service.name.clone();
    write(
        store,
        &name,
        PublicServiceChange::SetManager { id, manager },
        audit,
    )
    .await
}

pub async fn set_service_active<S: Store>(
    store: &S,
    by: &User,
    id: uuid::Uuid,
    active: bool,
    at: Timestamp,
) -> Result<(), AdminError> {
    require_admin(by)?;
    let services = store.public_services().await?;
    let service = find(&services, id)?;
    if service.active == active {
        return Ok(());
    }
    let (kind, details) = if active {
        (
            "service.activated",
            format!(
                "Dienst '{}' staat weer op het klachtformulier.",
                service.name
            ),
        )
    } else {
        (
            "service.deactivated",
            format!(
                "Dienst '{}' van het klachtformulier gehaald; bestaande klachten blijven.",
                service.name
            ),
        )
    };
    let audit = entry(by, at, kind, &service.name, details);
    let name = service.name.clone();
    write(
        store,
        &name,
        PublicServiceChange::SetActive { id, active },
        audit,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::admin::MAX_NAME;
    use klacht_i18n::{Language, Tr};

    fn words(e: AdminError, language: Language) -> String {
        match e {
            AdminError::Invalid(r) => Tr::new(language).refusal(&r),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn service_names_are_trimmed_and_bounded() {
        assert_eq!(
            service_name("  Thuis   zorg ").ok(),
            Some("Thuis zorg".into())
        );
        let e = service_name("  ").expect_err("empty");
        assert_eq!(words(e, Language::Nl), "De naam van de dienst ontbreekt.");
        let e = service_name(&"x".repeat(MAX_NAME + 1)).expect_err("long");
        assert_eq!(
            words(e, Language::Nl),
            "De naam van de dienst mag hoogstens 120 gewone tekens hebben."
        );
        let e = service_name("  ").expect_err("empty");
        assert_eq!(
            words(e, Language::En),
            "The name of the service is missing."
        );
    }
}
