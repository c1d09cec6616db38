//! `klacht backup PATH` and `klacht restore PATH`.
//!
//! SQLite: the backup is `VACUUM INTO`, one consistent snapshot taken
//! while the server keeps running (WAL: writers are not blocked). A restore
//! checks the backup (`PRAGMA integrity_check`), refuses to replace a
//! database that is in use (a running server holds it open) or that exists
//! without `--force`, puts the copy in place in one rename, brings its
//! schema up to date and runs `klacht verify` on it.
//!
//! PostgreSQL is backed up and restored with its own tools; the commands
//! say how (see the README).

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use klacht_app::Config;
use klacht_app::dossier;
use klacht_store::backup::{sqlite_check_file, sqlite_file, sqlite_in_use};
use klacht_store::{SqliteStore, Store};
use secrecy::ExposeSecret;

const PG_BACKUP: &str = "PostgreSQL maakt zijn reservekopie zelf, terwijl klacht blijft draaien: \
     pg_dump -Fc -f klacht.dump \"$DATABASE_URL\". Terugzetten in een lege database: \
     pg_restore --no-owner -d \"$DATABASE_URL\" klacht.dump, daarna klacht verify (zie de README).";

#[derive(Args)]
pub struct BackupArgs {
    /// The file to write; it must not exist yet.
    path: PathBuf,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup file (made by `klacht backup`).
    path: PathBuf,
    /// Replace an existing database (never one that is in use).
    #[arg(long)]
    force: bool,
}

fn database_file(config: &Config) -> anyhow::Result<PathBuf> {
    let url = config.database_url.expose_secret();
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        anyhow::bail!("{PG_BACKUP}");
    }
    sqlite_file(url).with_context(|| format!("{url} is geen SQLite-bestand"))
}

fn megabytes(path: &Path) -> f64 {
    std::fs::metadata(path)
        .map(|m| m.len() as f64 / 1_048_576.0)
        .unwrap_or(0.0)
}

pub async fn backup(config: &Config, args: BackupArgs) -> anyhow::Result<()> {
    let source = database_file(config)?;
    if args.path.exists() {
        anyhow::bail!(
            "{} bestaat al; kies een nieuwe bestandsnaam (een reservekopie overschrijft niets)",
            args.path.display()
        );
    }
    if !source.exists() {
        anyhow::bail!("de database {} bestaat niet", source.display());
    }
    // No migration: the server that is running owns the schema.
    let store = SqliteStore::connect(config.database_url.expose_secret()).await?;
    let made = store.backup_into(&args.path).await;
    store.close().await;
    made.with_context(|| format!("reservekopie naar {} mislukt", args.path.display()))?;
    let summary = sqlite_check_file(&args.path).await?;
    // The copy's chain heads beside it: a witness that stays valid when
    // the live database is later rewritten (`klacht verify --against`).
    let heads_path = heads_file(&args.path);
    let copy = SqliteStore::connect(&format!("sqlite://{}", args.path.display())).await?;
    let heads = crate::verify::write_heads(&copy, config, &heads_path).await;
    copy.close().await;
    heads?;
    println!(
        "Reservekopie gemaakt: {} ({:.1} MB; {} klachten, {} gebeurtenissen, {} opgeborgen), \
         met de ketenkoppen in {}.",
        args.path.display(),
        megabytes(&args.path),
        summary.complaints,
        summary.events,
        summary.filed,
        heads_path.display()
    );
    Ok(())
}

/// Where a backup's chain heads go: `klacht.db.bak` → `klacht.db.bak.heads.json`.
pub fn heads_file(backup: &std::path::Path) -> std::path::PathBuf {
    let mut name = backup.as_os_str().to_owned();
    name.push(".heads.json");
    std::path::PathBuf::from(name)
}

pub async fn restore(config: &Config, args: RestoreArgs) -> anyhow::Result<()> {
    let target = database_file(config)?;
    let summary = sqlite_check_file(&args.path)
        .await
        .with_context(|| format!("{} is geen bruikbare reservekopie", args.path.display()))?;
    if target.exists() {
        if sqlite_in_use(&target).await? {
            anyhow::bail!(
                "de database {} is in gebruik (draait klacht serve nog?); stop de server en probeer het opnieuw",
                target.display()
            );
        }
        if !args.force {
            anyhow::bail!(
                "de database {} bestaat al; gebruik --force om haar te vervangen",
                target.display()
            );
        }
    }
    put_in_place(&args.path, &target)
        .with_context(|| format!("terugzetten naar {} mislukt", target.display()))?;
    println!(
        "Teruggezet: {} → {} ({} klachten, {} gebeurtenissen, {} opgeborgen).",
        args.path.display(),
        target.display(),
        summary.complaints,
        summary.events,
        summary.filed
    );
    let store = SqliteStore::connect(config.database_url.expose_secret()).await?;
    store.migrate().await?;
    let report = dossier::verify(&store).await?;
    store.close().await;
    crate::verify::print(&report, config)?;
    if !report.ok() {
        anyhow::bail!(
            "de teruggezette database klopt niet: {} beschadigde klacht(en)",
            report.broken.len()
        );
    }
    Ok(())
}

/// Copies `backup` next to `target`, flushes it to disk and renames it
/// over `target` in one step; the old database's WAL files go with it.
fn put_in_place(backup: &Path, target: &Path) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "klacht.db".into());
    let tmp = dir.join(format!(".{name}.restore"));
    std::fs::copy(backup, &tmp)?;
    File::open(&tmp)?.sync_all()?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let stale = dir.join(format!("{name}{suffix}"));
        match std::fs::remove_file(&stale) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    std::fs::rename(&tmp, target)?;
    // The rename itself is durable once the folder is.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
