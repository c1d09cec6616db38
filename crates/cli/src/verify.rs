//! `klacht verify`: checks the whole database against its seals (the hash
//! chains, the digests of the dossier's PDFs and records) and names every
//! broken complaint by reference number and first changed event. Exits
//! non-zero when anything is broken. `klacht dossier file` files closed
//! complaints that are not in the dossier yet.

use anyhow::Context;
use clap::{Args, Subcommand};
use klacht_app::Config;
use klacht_app::documents::Letterhead;
use klacht_app::dossier::{self, VerifyReport};
use klacht_domain::complaint::format_date;
use klacht_store::Store;

#[derive(Args)]
pub struct VerifyArgs {
    /// Print the report as one JSON object.
    #[arg(long)]
    json: bool,
    /// Also write every complaint's chain head, dated and hashed, to this
    /// file: a witness to keep outside the database.
    #[arg(long, value_name = "FILE")]
    export_heads: Option<std::path::PathBuf>,
    /// Also check the database against a file written by --export-heads.
    #[arg(long, value_name = "FILE")]
    against: Option<std::path::PathBuf>,
}

/// Writes the witness of the chain heads to `path`.
pub async fn write_heads<S: Store>(
    store: &S,
    config: &Config,
    path: &std::path::Path,
) -> anyhow::Result<usize> {
    let heads = dossier::export_heads(store, config.clock().now()).await?;
    std::fs::write(path, serde_json::to_string_pretty(&heads)?)
        .with_context(|| format!("{} schrijven", path.display()))?;
    Ok(heads.heads.len())
}

pub async fn run<S: Store>(store: &S, config: &Config, args: VerifyArgs) -> anyhow::Result<()> {
    let mut report = dossier::verify(store).await?;
    if let Some(path) = &args.against {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{} lezen", path.display()))?;
        let heads: dossier::Heads = serde_json::from_str(&text)
            .with_context(|| format!("{} is geen bestand met ketenkoppen", path.display()))?;
        let against = dossier::check_against(store, &heads).await?;
        if !args.json {
            println!(
                "Vergeleken met {}: {} ketenkoppen van {}.",
                path.display(),
                against.checked,
                heads.generated_at
            );
            for reference in &against.anonymised {
                println!(
                    "geanonimiseerd  {reference}: sindsdien opnieuw verzegeld (bewaartermijn)"
                );
            }
        }
        for (reference, finding) in against.findings {
            let id = report
                .broken
                .iter()
                .position(|b| b.reference.to_string() == reference);
            match id {
                Some(i) => report.broken[i].findings.push(finding),
                None => match reference.parse() {
                    Ok(r) => report.broken.push(dossier::Broken {
                        id: klacht_domain::ComplaintId::new(uuid::Uuid::nil()),
                        reference: r,
                        first_bad_seq: None,
                        findings: vec![finding],
                    }),
                    Err(_) => anyhow::bail!("{}: {finding}", path.display()),
                },
            }
        }
    }
    if let Some(path) = &args.export_heads {
        let n = write_heads(store, config, path).await?;
        if !args.json {
            println!("{n} ketenkoppen geschreven naar {}.", path.display());
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&as_json(&report))?);
    } else {
        print(&report, config)?;
    }
    if report.ok() {
        Ok(())
    } else {
        let names: Vec<String> = report
            .broken
            .iter()
            .map(|b| match b.first_bad_seq {
                Some(seq) => format!("{} (vanaf gebeurtenis {seq})", b.reference),
                None => b.reference.to_string(),
            })
            .collect();
        anyhow::bail!(
            "{} beschadigde klacht(en): {}",
            report.broken.len(),
            names.join(", ")
        )
    }
}

/// The report for people, in the order an auditor reads it.
pub fn print(report: &VerifyReport, config: &Config) -> anyhow::Result<()> {
    let calendar = config.working_calendar()?;
    println!(
        "Gecontroleerd: {} klachten met {} gebeurtenissen, waarvan {} opgeborgen in het klachtendossier.",
        report.complaints, report.events, report.filed
    );
    for (reference, at) in &report.anonymised {
        println!(
            "geanonimiseerd  {reference}: persoonsgegevens verwijderd op {} (bewaartermijn); opnieuw verzegeld, klopt",
            format_date(calendar.local_date(*at))
        );
    }
    if !report.unfiled.is_empty() {
        const SHOWN: usize = 20;
        let mut list: Vec<String> = report
            .unfiled
            .iter()
            .take(SHOWN)
            .map(ToString::to_string)
            .collect();
        if report.unfiled.len() > SHOWN {
            list.push(format!("en {} meer", report.unfiled.len() - SHOWN));
        }
        println!(
            "let op          afgesloten maar nog niet opgeborgen: {} (klacht dossier file)",
            list.join(", ")
        );
    }
    for b in &report.broken {
        match b.first_bad_seq {
            Some(seq) => println!(
                "BESCHADIGD      {}: eerste afwijkende gebeurtenis {seq}",
                b.reference
            ),
            None => println!("BESCHADIGD      {}", b.reference),
        }
        for f in &b.findings {
            println!("                - {f}");
        }
    }
    if report.ok() {
        println!("In orde: alle verzegelde geschiedenis en alle opgeborgen formulieren kloppen.");
    }
    Ok(())
}

fn as_json(report: &VerifyReport) -> serde_json::Value {
    serde_json::json!({
        "ok": report.ok(),
        "complaints": report.complaints,
        "events": report.events,
        "filed": report.filed,
        "anonymised": report.anonymised.iter().map(|(r, at)| serde_json::json!({"reference": r.to_string(), "at": at})).collect::<Vec<_>>(),
        "unfiled": report.unfiled.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "broken": report.broken.iter().map(|b| serde_json::json!({
            "reference": b.reference.to_string(),
            "id": b.id.to_string(),
            "first_bad_seq": b.first_bad_seq,
            "findings": b.findings,
        })).collect::<Vec<_>>(),
    })
}

#[derive(Subcommand)]
pub enum DossierCommand {
    /// File every closed complaint that is not in the dossier yet (the
    /// server does this on closing; this catches up).
    File,
}

pub async fn dossier<S: Store>(
    store: &S,
    config: &Config,
    cmd: DossierCommand,
) -> anyhow::Result<()> {
    match cmd {
        DossierCommand::File => {
            let letterhead = Letterhead::from_config(config)?;
            let calendar =
                klacht_app::calendar::current(store, &config.working_calendar()?).await?;
            let report = dossier::file_pending(
                store,
                &letterhead,
                &calendar,
                None,
                100_000,
                config.clock().now(),
            )
            .await?;
            for reference in &report.filed {
                println!("opgeborgen      {reference}");
            }
            for (id, why) in &report.failed {
                eprintln!("niet opgeborgen {id}: {why}");
            }
            println!(
                "{} klacht(en) opgeborgen in het klachtendossier.",
                report.filed.len()
            );
            if !report.failed.is_empty() {
                anyhow::bail!(
                    "{} klacht(en) konden niet worden opgeborgen",
                    report.failed.len()
                );
            }
            Ok(())
        }
    }
}
