//! Users and teams.

use jiff::Timestamp;
use klacht_domain::{Email, Language, Refusal, RefusalCode as Code, Role, User, UserId};
use klacht_mail::account::{AccountChange, AccountNotice};
use klacht_mail::{Address, Compose, MailContext};
use klacht_store::{
    AdminChange, AuditEntry, NewOutboxMessage, NewUser, OutboxKind, Store, StoreError, UserRecord,
};
use secrecy::SecretString;

use super::{AdminError, entry, invalid, name, require_admin};
use crate::password::{self, PasswordError};

fn manager_name(users: &[UserRecord], id: Option<UserId>) -> String {
    id.and_then(|id| users.iter().find(|u| u.user.id == id))
        .map(|u| u.user.name.clone())
        .unwrap_or_else(|| "geen".into())
}

/// Checks a direct manager for `user` (`None` for a new user): an active
/// account in a managing role, not the user, and not someone who reports
/// to the user (no circles). Employees must have one (DESIGN §1).
fn check_manager(
    users: &[UserRecord],
    user: Option<UserId>,
    role: Role,
    manager: Option<UserId>,
) -> Result<(), AdminError> {
    let Some(manager) = manager else {
        return if role == Role::Employee {
            Err(invalid(Code::AdminEmployeeNeedsManager))
        } else {
            Ok(())
        };
    };
    if role == Role::Admin {
        return Err(invalid(Code::AdminNeedsNoManager));
    }
    let record = users
        .iter()
        .find(|u| u.user.id == manager)
        .ok_or_else(|| invalid(Code::AdminManagerUnknown))?;
    if !record.active {
        return Err(invalid(
            Code::AdminManagerInactive.text("name", &record.user.name),
        ));
    }
    if !matches!(
        record.user.role,
        Role::Manager | Role::QualityManager | Role::Director
    ) {
        return Err(invalid(
            Code::AdminManagerNotManaging.text("name", &record.user.name),
        ));
    }
    if let Some(user) = user {
        // Walk up from the manager; meeting the user closes a circle.
        let mut at = Some(manager);
        for _ in 0..=users.len() {
            match at {
                Some(id) if id == user => {
                    return Err(invalid(Code::AdminManagerCircle));
                }
                Some(id) => {
                    at = users
                        .iter()
                        .find(|u| u.user.id == id)
                        .and_then(|u| u.user.manager)
                }
                None => break,
            }
        }
    }
    Ok(())
}

/// What the administrator typed to create an account.
#[derive(Debug)]
pub struct UserInput {
    pub email: String,
    pub name: String,
    pub role: String,
    /// A user id, or empty for none.
    pub manager: String,
    pub password: SecretString,
}

fn parse_manager(raw: &str) -> Result<Option<UserId>, AdminError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse()
        .map(Some)
        .map_err(|_| invalid(Code::AdminManagerUnknown))
}

fn parse_role(raw: &str) -> Result<Role, AdminError> {
    raw.parse()
        .map_err(|e: klacht_domain::ParseError| invalid(e.into_refusal()))
}

pub async fn create_user<S: Store>(
    store: &S,
    by: &User,
    input: UserInput,
    at: Timestamp,
    mail: Option<&MailContext>,
) -> Result<User, AdminError> {
    require_admin(by)?;
    let email = Email::parse(&input.email).map_err(|e| invalid(e.into_refusal()))?;
    let name = name(Code::AdminSubjectUserName, &input.name)?;
    let role = parse_role(&input.role)?;
    let manager = parse_manager(&input.manager)?;
    let users = store.list_users().await?;
    check_manager(&users, None, role, manager)?;
    if users.iter().any(|u| u.user.email == email) {
        return Err(duplicate_email(&email));
    }
    let hash = match password::hash_password(input.password).await {
        Err(PasswordError::TooShort) => {
            return Err(invalid(
                Code::AdminPasswordTooShort.text("min", password::MIN_LENGTH),
            ));
        }
        other => other?,
    };
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email,
        name,
        role,
        manager,
    };
    let details = format!(
        "Naam {}; rol {}; leidinggevende {}.",
        user.name,
        role.label(),
        manager_name(&users, manager)
    );
    let change = AdminChange::CreateUser(NewUser {
        id: user.id,
        email: user.email.clone(),
        name: user.name.clone(),
        role,
        manager,
        password_hash: Some(hash),
        created_at: at,
    });
    let audit = entry(by, at, "user.created", user.email.as_str(), details);
    // A new account has chosen no language yet: its mail is Dutch.
    let outbox = account_mail(mail, &user, None, AccountChange::Created, &audit, at);
    match store.admin_change_with(&change, &audit, &outbox).await {
        // Someone else took the address between the check and the insert.
        Err(StoreError::Duplicate { constraint }) if constraint == "users_email_key" => {
            Err(duplicate_email(&user.email))
        }
        other => other.map_err(AdminError::from),
    }?;
    Ok(user)
}

fn manager_of_others(name: &str, reports: usize) -> Refusal {
    Refusal::new(Code::AdminManagerOfOthers)
        .text("name", name)
        .text("count", reports)
}

fn duplicate_email(email: &Email) -> AdminError {
    invalid(Code::AdminEmailTaken.text("email", email))
}

fn find(users: &[UserRecord], id: UserId) -> Result<&UserRecord, AdminError> {
    users
        .iter()
        .find(|u| u.user.id == id)
        .ok_or(AdminError::NotFound)
}

/// Changes a user's role and direct manager.
pub async fn update_user<S: Store>(
    store: &S,
    by: &User,
    id: UserId,
    role: &str,
    manager: &str,
    at: Timestamp,
) -> Result<(), AdminError> {
    require_admin(by)?;
    let role = parse_role(role)?;
    let manager = parse_manager(manager)?;
    let users = store.list_users().await?;
    let old = find(&users, id)?;
    if id == by.id && role != Role::Admin {
        return Err(invalid(Code::AdminOwnRole));
    }
    check_manager(&users, Some(id), role, manager)?;
    let reports = users
        .iter()
        .filter(|u| u.active && u.user.manager == Some(id))
        .count();
    let manages = matches!(role, Role::Manager | Role::QualityManager | Role::Director);
    if reports > 0 && !manages {
        return Err(invalid(manager_of_others(&old.user.name, reports)));
    }
    if old.user.role == role && old.user.manager == manager {
        return Ok(());
    }
    let mut changes = Vec::new();
    if old.user.role != role {
        changes.push(format!("rol {} → {}", old.user.role.label(), role.label()));
    }
    if old.user.manager != manager {
        changes.push(format!(
            "leidinggevende {} → {}",
            manager_name(&users, old.user.manager),
            manager_name(&users, manager)
        ));
    }
    let audit = entry(
        by,
        at,
        "user.updated",
        old.user.email.as_str(),
        format!("{}: {}.", old.user.name, changes.join("; ")),
    );
    store
        .admin_change(&AdminChange::UpdateUser { id, role, manager }, &audit)
        .await?;
    Ok(())
}

/// Single sign-on with role mapping (`[oidc]`): the account takes the role
/// the provider's app roles or groups name, under the rules an
/// administrator's change follows, logged in the Logboek with the
/// provider as the actor. The administrator role is never given or taken
/// this way. A role the rules refuse (an employee without a manager, a
/// manager who still has a team) leaves the account as it is, with a
/// warning in the log.
pub async fn take_provider_role<S: Store>(
    store: &S,
    user: User,
    role: Role,
    at: Timestamp,
) -> Result<User, StoreError> {
    if user.role == role || user.role == Role::Admin || role == Role::Admin {
        return Ok(user);
    }
    let users = store.list_users().await?;
    let reports = users
        .iter()
        .filter(|u| u.active && u.user.manager == Some(user.id))
        .count();
    let manages = matches!(role, Role::Manager | Role::QualityManager | Role::Director);
    if let Err(e) = check_manager(&users, Some(user.id), role, user.manager).and_then(|()| {
        if reports > 0 && !manages {
            Err(invalid(manager_of_others(&user.name, reports)))
        } else {
            Ok(())
        }
    }) {
        tracing::warn!(user = %user.email, wanted = role.as_str(), reason = %e, "single sign-on: role from the provider not taken");
        return Ok(user);
    }
    let audit = AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor: None,
        actor_name: "inlogdienst (single sign-on)".into(),
        kind: "user.updated".into(),
        subject: user.email.as_str().into(),
        details: format!(
            "{}: rol {} → {} (rol bij de inlogdienst).",
            user.name,
            user.role.label(),
            role.label()
        ),
    };
    store
        .admin_change(
            &AdminChange::UpdateUser {
                id: user.id,
                role,
                manager: user.manager,
            },
            &audit,
        )
        .await?;
    Ok(User { role, ..user })
}

/// Where the handover alert of a deactivation goes out from: the current
/// calendar and the mail context (none: mail is switched off).
#[derive(Debug, Clone, Copy)]
pub struct Handover<'a> {
    pub calendar: &'a klacht_domain::calendar::WorkingCalendar,
    pub mail: Option<&'a klacht_mail::MailContext>,
}

/// Deactivates (signing the user out everywhere) or reactivates a user.
/// An inactive user cannot sign in; their name stays on complaints.
/// Deactivating alerts the stand-ins of the user's open work at once, in
/// the same transaction (`crate::absences`).
pub async fn set_user_active<S: Store>(
    store: &S,
    by: &User,
    id: UserId,
    active: bool,
    at: Timestamp,
    handover: Handover<'_>,
) -> Result<(), AdminError> {
    require_admin(by)?;
    if id == by.id && !active {
        return Err(invalid(Code::AdminDeactivateSelf));
    }
    let users = store.list_users().await?;
    let user = find(&users, id)?;
    if user.active == active {
        return Ok(());
    }
    let (kind, what) = if active {
        ("user.reactivated", "weer actief gemaakt")
    } else {
        ("user.deactivated", "gedeactiveerd; kan niet meer inloggen")
    };
    let audit = entry(
        by,
        at,
        kind,
        user.user.email.as_str(),
        format!("{} {what}.", user.user.name),
    );
    let outbox = match handover.mail {
        Some(mail) if active => account_mail(
            Some(mail),
            &user.user,
            user.language,
            AccountChange::Reactivated,
            &audit,
            at,
        ),
        Some(mail) => {
            let today = handover.calendar.local_date(at);
            crate::absences::deactivation_mails(
                store,
                handover.calendar,
                mail,
                id,
                today,
                &format!("deactivated:{}", audit.id),
                at,
            )
            .await?
        }
        _ => Vec::new(),
    };
    store
        .admin_change_with(&AdminChange::SetUserActive { id, active }, &audit, &outbox)
        .await?;
    Ok(())
}

/// Lifts the sign-in locks of a user (every address's and the account's
/// own), logged in the Logboek. Nothing happens, and nothing is logged,
/// when no attempts were counted.
pub async fn unlock_sign_in<S: Store>(
    store: &S,
    by: &User,
    id: UserId,
    at: Timestamp,
    mail: Option<&MailContext>,
) -> Result<bool, AdminError> {
    require_admin(by)?;
    let users = store.list_users().await?;
    let user = find(&users, id)?;
    let audit = entry(
        by,
        at,
        "user.unlocked",
        user.user.email.as_str(),
        format!("Inlogblokkade van {} opgeheven.", user.user.name),
    );
    let outbox = account_mail(
        mail,
        &user.user,
        user.language,
        AccountChange::Unlocked,
        &audit,
        at,
    );
    match store
        .admin_change_with(
            &AdminChange::UnlockSignIn {
                email: user.user.email.clone(),
            },
            &audit,
            &outbox,
        )
        .await
    {
        Ok(()) => Ok(true),
        Err(klacht_store::StoreError::NotFound) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The user's mail about what Beheer did to their account, in the
/// language they chose (Dutch when none), queued with the change (nothing
/// when mail is off or it cannot be composed).
fn account_mail(
    mail: Option<&MailContext>,
    user: &User,
    language: Option<Language>,
    change: AccountChange,
    audit: &AuditEntry,
    at: Timestamp,
) -> Vec<NewOutboxMessage> {
    let Some(ctx) = mail else {
        return Vec::new();
    };
    let notice = AccountNotice {
        recipient_name: user.name.clone(),
        email: user.email.to_string(),
        change,
    };
    match notice.compose(
        &ctx.in_language(language.unwrap_or_default()),
        vec![Address::new(user.name.clone(), user.email.to_string())],
    ) {
        Ok(m) => vec![
            NewOutboxMessage::now(OutboxKind::Mail, m.to_json(), at)
                .dedupe(format!("account:{}", audit.id)),
        ],
        Err(e) => {
            tracing::error!(error = %e, "e-mail over het account weggelaten");
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(role: Role, manager: Option<UserId>, active: bool) -> UserRecord {
        let id = UserId::new(uuid::Uuid::now_v7());
        UserRecord {
            user: User {
                id,
                email: Email::parse(&format!("{id}@focus.example")).expect("valid"),
                name: format!("{role:?}"),
                role,
                manager,
            },
            password_hash: None,
            active,
            created_at: Timestamp::UNIX_EPOCH,
            language: None,
        }
    }

    #[test]
    fn managers_must_manage_be_active_and_close_no_circle() {
        let director = record(Role::Director, None, true);
        let boss = record(Role::Manager, Some(director.user.id), true);
        let clerk = record(Role::Employee, Some(boss.user.id), true);
        let gone = record(Role::Manager, None, false);
        let users = vec![director.clone(), boss.clone(), clerk.clone(), gone.clone()];
        let ok = |u, r, m| check_manager(&users, u, r, m).is_ok();
        assert!(ok(None, Role::Employee, Some(boss.user.id)));
        assert!(!ok(None, Role::Employee, None), "employees need a manager");
        assert!(ok(None, Role::Manager, None));
        assert!(
            !ok(None, Role::Employee, Some(clerk.user.id)),
            "not a manager"
        );
        assert!(!ok(None, Role::Employee, Some(gone.user.id)), "inactive");
        assert!(!ok(None, Role::Admin, Some(boss.user.id)));
        // The director under the manager who reports to the director.
        assert!(!ok(
            Some(director.user.id),
            Role::Director,
            Some(boss.user.id)
        ));
        assert!(!ok(Some(boss.user.id), Role::Manager, Some(boss.user.id)));
    }
}
