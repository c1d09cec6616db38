//! `klacht user`: staff accounts.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use jiff::Timestamp;
use klacht_app::auth::issue_api_token;
use klacht_app::password::hash_password;
use klacht_domain::{Email, Role, UserId};
use klacht_store::{NewUser, Store, StoreError};
use secrecy::{ExposeSecret, SecretString};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a staff account.
    Add(AddArgs),
    /// List staff accounts.
    List,
    /// Issue an API token (printed once, stored hashed), or revoke them all.
    Token(TokenArgs),
}

#[derive(Args)]
pub struct TokenArgs {
    /// E-mail address of the staff member.
    email: String,
    /// Revoke every API token of this user instead of issuing one.
    #[arg(long)]
    revoke: bool,
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long)]
    email: String,
    #[arg(long)]
    name: String,
    /// employee, manager, quality-manager, director or admin
    #[arg(long)]
    role: String,
    /// E-mail address of the direct manager (leidinggevende).
    #[arg(long)]
    manager: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,
}

pub async fn run<S: Store>(store: &S, cmd: UserCommand, now: Timestamp) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add(args) => add(store, args, now).await,
        UserCommand::List => list(store).await,
        UserCommand::Token(args) => token(store, args, now).await,
    }
}

/// Everything is checked before anything is written.
async fn add<S: Store>(store: &S, args: AddArgs, now: Timestamp) -> anyhow::Result<()> {
    let email = Email::parse(&args.email)?;
    let role: Role = args.role.parse()?;
    let name = args.name.trim().to_string();
    if name.is_empty() {
        bail!("de naam mag niet leeg zijn");
    }
    let manager = match &args.manager {
        None => None,
        Some(m) => {
            let m = Email::parse(m)?;
            let record = store
                .user_by_email(&m)
                .await?
                .with_context(|| format!("leidinggevende {m} bestaat niet; maak die eerst aan"))?;
            if matches!(record.user.role, Role::Employee | Role::Admin) {
                bail!(
                    "{m} is {} en kan geen leidinggevende zijn",
                    record.user.role.label()
                );
            }
            Some(record.user.id)
        }
    };
    let password = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("wachtwoord lezen van standaardinvoer")?;
        Some(SecretString::from(
            line.trim_end_matches(['\r', '\n']).to_string(),
        ))
    } else if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Wachtwoord: ")?;
        let again = rpassword::prompt_password("Nogmaals: ")?;
        if first != again {
            bail!("de wachtwoorden zijn niet gelijk");
        }
        Some(SecretString::from(first))
    } else {
        None
    };
    let password_hash = match password {
        Some(p) => Some(hash_password(p).await?),
        None => None,
    };
    let user = NewUser {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: email.clone(),
        name,
        role,
        manager,
        password_hash,
        created_at: now,
    };
    let has_password = user.password_hash.is_some();
    match store.create_user(user).await {
        Ok(()) => {}
        Err(StoreError::Duplicate { .. }) => {
            bail!("er bestaat al een gebruiker met e-mailadres {email}")
        }
        Err(e) => return Err(e.into()),
    }
    println!("Gebruiker {email} aangemaakt als {}.", role.label());
    if !has_password {
        println!("Let op: zonder wachtwoord kan deze gebruiker nog niet inloggen.");
    }
    Ok(())
}

/// Prints a new token on standard output, alone on its line, so that a
/// script can capture it; it is never shown again.
async fn token<S: Store>(store: &S, args: TokenArgs, now: Timestamp) -> anyhow::Result<()> {
    let email = Email::parse(&args.email)?;
    let record = store
        .user_by_email(&email)
        .await?
        .with_context(|| format!("gebruiker {email} bestaat niet"))?;
    if args.revoke {
        let n = store.revoke_api_tokens(record.user.id, now).await?;
        println!("{n} API-token(s) van {email} ingetrokken.");
        return Ok(());
    }
    if !record.active {
        bail!("gebruiker {email} is niet actief");
    }
    let token = issue_api_token(store, &record.user, now).await?;
    println!("{}", token.expose_secret());
    eprintln!(
        "API-token voor {email} aangemaakt. Bewaar het nu: het wordt niet opnieuw getoond. \
         Gebruik: Authorization: Bearer <token>"
    );
    Ok(())
}

async fn list<S: Store>(store: &S) -> anyhow::Result<()> {
    let users = store.list_users().await?;
    let email_of = |id| {
        users
            .iter()
            .find(|u| u.user.id == id)
            .map(|u| u.user.email.to_string())
            .unwrap_or_default()
    };
    println!(
        "{:<32} {:<24} {:<18} LEIDINGGEVENDE",
        "E-MAIL", "NAAM", "ROL"
    );
    for u in &users {
        println!(
            "{:<32} {:<24} {:<18} {}",
            u.user.email,
            u.user.name,
            u.user.role.as_str(),
            u.user.manager.map(email_of).unwrap_or_default()
        );
    }
    Ok(())
}
