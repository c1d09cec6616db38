//! `klacht report`: the yearly complaint report (jaarverslag klachten) as
//! PDF, HTML or JSON, from the same code as the web pages.

use std::path::PathBuf;

use anyhow::Context;
use klacht_app::Config;
use klacht_app::reports::yearly::{render_pdf, year_report};
use klacht_store::Store;

#[derive(clap::Args)]
pub struct ReportArgs {
    /// The year of the report (default: the current year).
    #[arg(long)]
    year: Option<i16>,
    /// Write the report as PDF to this file.
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
    /// Write the report as a standalone HTML page to this file.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Print the figures as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub async fn run<S: Store>(store: &S, config: &Config, args: ReportArgs) -> anyhow::Result<()> {
    let calendar = klacht_app::calendar::current(store, &config.working_calendar()?).await?;
    let today = calendar.local_date(config.clock().now());
    let year = args.year.unwrap_or(today.year());
    if !(2000..=today.year() + 1).contains(&year) {
        anyhow::bail!("{year} is geen jaar tussen 2000 en {}", today.year() + 1);
    }
    // The operator's report is in Dutch, the reference language.
    let report = year_report(
        store,
        &calendar,
        &config.organisation,
        year,
        today,
        Default::default(),
    )
    .await?;
    if let Some(path) = &args.html {
        let html =
            klacht_web::reports::yearly_report_html(&report, false).context("HTML opbouwen")?;
        std::fs::write(path, html).with_context(|| format!("{} schrijven", path.display()))?;
        eprintln!("HTML geschreven: {}", path.display());
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report.stats)?);
    }
    if let Some(path) = args.pdf.clone() {
        let bytes = tokio::task::spawn_blocking(move || render_pdf(&report))
            .await
            .context("PDF maken afgebroken")??;
        std::fs::write(&path, bytes).with_context(|| format!("{} schrijven", path.display()))?;
        eprintln!("PDF geschreven: {}", path.display());
    } else if args.html.is_none() && !args.json {
        let t = &report.stats.totals;
        use klacht_domain::dutch::count;
        println!(
            "Jaarverslag klachten {year} ({}): {}, {}, {}, {} afgesloten. Gebruik --pdf, --html of --json voor het verslag.",
            report.organisation,
            count(t.received, "melding", "meldingen"),
            count(t.complaints, "klacht", "klachten"),
            count(t.signals, "signaal", "signalen"),
            t.closed
        );
    }
    Ok(())
}
