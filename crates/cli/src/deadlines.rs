//! `klacht deadlines`: the four terms for a complaint received at a moment.

use clap::Args;
use jiff::civil::Date;
use klacht_app::Config;
use klacht_domain::terms::{Step, Terms};
use serde::Serialize;

#[derive(Args)]
pub struct DeadlinesArgs {
    /// Moment of receipt: YYYY-MM-DD (start of that day) or RFC 3339.
    #[arg(long)]
    received: String,
    /// Print exactly one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct DeadlinesJson {
    received: String,
    report: Date,
    contact: Date,
    offer: Date,
    record: Date,
}

pub fn run(config: &Config, args: DeadlinesArgs) -> anyhow::Result<()> {
    let calendar = config.working_calendar()?;
    let received = calendar.parse_received(&args.received)?;
    let terms = Terms::compute(received, &calendar);
    let local = received.to_zoned(calendar.time_zone().clone());
    if args.json {
        let out = DeadlinesJson {
            received: local.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            report: terms.report,
            contact: terms.contact,
            offer: terms.offer,
            record: terms.record,
        };
        println!("{}", serde_json::to_string(&out)?);
        return Ok(());
    }
    println!(
        "Ontvangen: {} ({})",
        local.strftime("%Y-%m-%d %H:%M"),
        config.time_zone
    );
    for (i, step) in Step::ALL.into_iter().enumerate() {
        let due = terms.due(step);
        println!(
            "{}. {:<32} uiterlijk {} {}",
            i + 1,
            step.label(),
            weekday(due),
            due
        );
    }
    Ok(())
}

fn weekday(d: Date) -> &'static str {
    use jiff::civil::Weekday::*;
    match d.weekday() {
        Monday => "ma",
        Tuesday => "di",
        Wednesday => "wo",
        Thursday => "do",
        Friday => "vr",
        Saturday => "za",
        Sunday => "zo",
    }
}
