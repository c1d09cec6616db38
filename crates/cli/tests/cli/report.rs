//! `klacht report` and the report pages on the demo organisation: every
//! figure is recounted here from the stored events with simple code of
//! its own, then compared with the CLI's JSON, the dashboard's JSON and
//! the HTML of the dashboard and the yearly report; the PDF is read back
//! with poppler (`pdftotext`, `pdfinfo`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::civil::Date;
use jiff::{Timestamp, Zoned};
use klacht_domain::calendar::WorkingCalendar;
use klacht_store::testing::{PgTestDb, SqliteTestDb};
use klacht_store::{ComplaintFilter, Store};
use serde_json::Value;

fn klacht(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .output()
        .expect("run klacht")
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tz() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Europe/Amsterdam").expect("zone")
}

fn local(at: Timestamp) -> Date {
    at.to_zoned(tz()).date()
}

/// Counted here, from the raw events, without the stats module.
#[derive(Debug, Default)]
struct Count {
    received: u64,
    complaints: u64,
    signals: u64,
    converted: u64,
    closed: u64,
    /// (complaints, signals) per month 1–12.
    months: BTreeMap<i8, (u64, u64)>,
    merit: BTreeMap<String, u64>,
    scores: Vec<u64>,
    escalated: u64,
    /// Per step: (on time, late, overdue, waived).
    steps: BTreeMap<&'static str, (u64, u64, u64, u64)>,
    lead_days: Vec<i64>,
}

async fn recount<S: Store>(store: &S, year: i16) -> Count {
    let today = local(klacht_clock::test_now());
    let rows = store
        .list_complaints(&ComplaintFilter {
            limit: 500,
            ..Default::default()
        })
        .await
        .expect("list")
        .items;
    let mut c = Count::default();
    for row in rows {
        let (_, events) = store
            .load_stream(row.id)
            .await
            .expect("load")
            .expect("stream");
        let data: Vec<(String, Timestamp, Value)> = events
            .iter()
            .map(|e| {
                (
                    e.kind.clone(),
                    e.at,
                    serde_json::from_str(&e.data).expect("event JSON"),
                )
            })
            .collect();
        let find = |kind: &str| data.iter().find(|(k, _, _)| k == kind);
        // A reopened complaint (issue 16): every round has its own steps
        // and terms; the last round is what the complaint says now.
        let cuts: Vec<usize> = data
            .iter()
            .enumerate()
            .filter(|(_, (k, _, _))| k == "reopened")
            .map(|(i, _)| i)
            .collect();
        let current = &data[cuts.last().map_or(0, |i| i + 1)..];
        let find_now = |kind: &str| current.iter().find(|(k, _, _)| k == kind);
        let (_, _, reg) = find("registered").expect("registered first");
        let received: Zoned = reg["received_at"]
            .as_str()
            .expect("received_at")
            .parse::<Zoned>()
            .expect("zoned");
        let received_on = received.with_time_zone(tz()).date();
        if received_on.year() != year {
            continue;
        }
        c.received += 1;
        let converted = find("converted_to_complaint").is_some();
        let complaint = reg["kind"] == "complaint" || converted;
        let month = c.months.entry(received_on.month()).or_default();
        if !complaint {
            c.signals += 1;
            month.1 += 1;
            continue;
        }
        c.complaints += 1;
        month.0 += 1;
        if converted {
            c.converted += 1;
        }
        if let Some((_, at, _)) = find_now("closed") {
            c.closed += 1;
            c.lead_days
                .push((local(*at) - received_on).get_days().into());
        }
        if let Some((_, _, m)) = find_now("merit_decided") {
            *c.merit
                .entry(m["merit"].as_str().unwrap_or_default().to_string())
                .or_default() += 1;
        }
        // The complainant's own answer counts over the handler's record.
        if let Some(score) = find("satisfaction_reported")
            .and_then(|(_, _, r)| r["satisfaction"].as_u64())
            .or_else(|| {
                find_now("response_recorded").and_then(|(_, _, r)| r["satisfaction"].as_u64())
            })
        {
            c.scores.push(score);
        }
        if find_now("escalated").is_some() {
            c.escalated += 1;
        }
        // The rounds: before each reopening, and the current one. A round's
        // terms count from its start (receipt, or the reopening); the
        // current round's are the list row's.
        let cal = WorkingCalendar::netherlands_default();
        let mut bounds = vec![0];
        bounds.extend(cuts.iter().map(|i| i + 1));
        for (r, &from) in bounds.iter().enumerate() {
            let to = cuts.get(r).map_or(data.len(), |i| *i);
            let round = &data[from..to];
            let in_round = |kind: &str| round.iter().find(|(k, _, _)| k == kind);
            let last = r + 1 == bounds.len();
            let started = if r == 0 { None } else { Some(data[from - 1].1) };
            let terms =
                klacht_domain::terms::Terms::compute(started.unwrap_or(received.timestamp()), &cal);
            let due = |step: &str| match (last, step) {
                (true, "report") => row.report_due,
                (true, "contact") => row.contact_due,
                (true, "offer") => row.offer_due,
                (true, _) => row.record_due,
                (false, "report") => terms.report,
                (false, "contact") => terms.contact,
                (false, "offer") => terms.offer,
                (false, _) => terms.record,
            };
            let waived = |step: &str| {
                round
                    .iter()
                    .any(|(k, _, d)| k == "step_waived" && d["step"] == step)
            };
            let reported = match started {
                Some(at) => Some(local(at)),
                None => find("reported_to_manager").map(|(_, at, _)| local(*at)),
            };
            let done = [
                (
                    "report",
                    // A converted signal is reported, and due, when converted.
                    match (r, find("converted_to_complaint")) {
                        (0, Some((_, at, _))) => due("report").max(local(*at)),
                        _ => due("report"),
                    },
                    reported,
                ),
                (
                    "contact",
                    due("contact"),
                    in_round("contact_recorded").map(|(_, _, d)| {
                        d["date"]
                            .as_str()
                            .unwrap_or_default()
                            .parse::<Date>()
                            .expect("date")
                    }),
                ),
                (
                    "offer",
                    due("offer"),
                    in_round("offer_made").map(|(_, _, d)| {
                        d["made_on"]
                            .as_str()
                            .unwrap_or_default()
                            .parse::<Date>()
                            .expect("date")
                    }),
                ),
                (
                    "record",
                    due("record"),
                    in_round("form_sent_to_quality_manager").map(|(_, at, _)| local(*at)),
                ),
            ];
            for (step, due, done_on) in done {
                let e = c.steps.entry(step).or_default();
                match done_on {
                    Some(d) if d <= due => e.0 += 1,
                    Some(_) => e.1 += 1,
                    None if waived(step) => e.3 += 1,
                    None if today > due => e.2 += 1,
                    None => {}
                }
            }
        }
    }
    c
}

/// Compares the stats JSON (`klacht_domain::stats::Stats`) with the count.
fn compare(s: &Value, c: &Count, source: &str) {
    let n = |p: &str| {
        s.pointer(p)
            .and_then(Value::as_u64)
            .unwrap_or_else(|| panic!("{source}: {p}"))
    };
    assert_eq!(n("/totals/received"), c.received, "{source}: received");
    assert_eq!(
        n("/totals/complaints"),
        c.complaints,
        "{source}: complaints"
    );
    assert_eq!(n("/totals/signals"), c.signals, "{source}: signals");
    assert_eq!(n("/totals/converted"), c.converted, "{source}: converted");
    assert_eq!(n("/totals/closed"), c.closed, "{source}: closed");
    assert_eq!(n("/totals/open"), c.complaints - c.closed, "{source}: open");
    for m in s["months"].as_array().expect("months") {
        let month = m["month"].as_i64().expect("month") as i8;
        let want = c.months.get(&month).copied().unwrap_or_default();
        assert_eq!(
            (m["complaints"].as_u64(), m["signals"].as_u64()),
            (Some(want.0), Some(want.1)),
            "{source}: month {month}"
        );
    }
    for (key, field) in [
        ("founded", "founded"),
        ("partly_founded", "partly_founded"),
        ("unfounded", "unfounded"),
    ] {
        assert_eq!(
            n(&format!("/merit/{field}")),
            c.merit.get(key).copied().unwrap_or(0),
            "{source}: merit {key}"
        );
    }
    assert_eq!(
        n("/satisfaction/scored"),
        c.scores.len() as u64,
        "{source}: scored"
    );
    if !c.scores.is_empty() {
        let mean = c.scores.iter().sum::<u64>() as f64 / c.scores.len() as f64;
        let got = s
            .pointer("/satisfaction/mean")
            .and_then(Value::as_f64)
            .expect("mean");
        assert!(
            (got - mean).abs() < 1e-9,
            "{source}: satisfaction mean {got} vs {mean}"
        );
    }
    assert_eq!(
        n("/escalations/complaints"),
        c.escalated,
        "{source}: escalations"
    );
    for (i, step) in ["report", "contact", "offer", "record"]
        .into_iter()
        .enumerate()
    {
        let want = c.steps.get(step).copied().unwrap_or_default();
        let p = |f: &str| n(&format!("/compliance/{i}/{f}"));
        assert_eq!(
            (p("on_time"), p("late"), p("overdue"), p("waived")),
            want,
            "{source}: {step}"
        );
    }
    assert_eq!(
        n("/lead_time/count"),
        c.lead_days.len() as u64,
        "{source}: lead count"
    );
    if !c.lead_days.is_empty() {
        let mean = c.lead_days.iter().sum::<i64>() as f64 / c.lead_days.len() as f64;
        let got = s
            .pointer("/lead_time/mean")
            .and_then(Value::as_f64)
            .expect("lead mean");
        assert!(
            (got - mean).abs() < 1e-9,
            "{source}: lead mean {got} vs {mean}"
        );
    }
}

/// The figures the HTML pages show (dashboard and yearly report).
fn compare_html(page: &str, c: &Count, source: &str) {
    for (key, value) in [
        ("received", c.received),
        ("complaints", c.complaints),
        ("signals", c.signals),
        ("closed", c.closed),
    ] {
        let want = format!(r#"id="fig-{key}" data-value="{value}""#);
        assert!(page.contains(&want), "{source}: {want}");
    }
    for step in ["report", "contact", "offer", "record"] {
        let (on_time, late, overdue, waived) = c.steps.get(step).copied().unwrap_or_default();
        let want = format!(
            r#"<td class="num" data-on-time="{on_time}">{on_time}</td><td class="num" data-late="{late}">{late}</td><td class="num" data-overdue="{overdue}">{overdue}</td><td class="num" data-waived="{waived}">{waived}</td>"#
        );
        assert!(page.contains(&want), "{source}: {step}: {want}");
    }
}

fn form_encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn cookie(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        })
        .unwrap_or_else(|| panic!("cookie {name}"))
}

/// The demo organisation served in-process; signed in as the quality
/// manager with the demo password. Returns (base URL, session cookie).
async fn serve_signed_in<S: Store>(store: S) -> (String, String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let state = klacht_web::AppState::new(store, WorkingCalendar::netherlands_default(), "Focus")
        .with_clock(klacht_clock::from_env().expect("KLACHT_NOW"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = klacht_web::serve(listener, state, async {
            let _ = stopped.await;
        })
        .await;
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = client
        .get(format!("{base}/inloggen"))
        .send()
        .await
        .expect("login page");
    let csrf = cookie(&page, "klacht_login_csrf");
    let r = client
        .post(format!("{base}/inloggen"))
        .header("cookie", format!("klacht_login_csrf={csrf}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_encode(&[
            ("email", "sanne@focus.example"),
            ("password", "klacht-demo-2026"),
            ("csrf", &csrf),
            ("terug", "/dashboard"),
        ]))
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 303, "demo sign-in");
    let session = format!("klacht_session={}", cookie(&r, "klacht_session"));
    (base, session, stop)
}

async fn get(base: &str, session: &str, path: &str) -> reqwest::Response {
    let r = reqwest::Client::new()
        .get(format!("{base}{path}"))
        .header("cookie", session)
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), 200, "{path}");
    r
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("klacht-report-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} runs (poppler-utils, scripts/install-test-deps): {e}"));
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The years the demo spans (six months back from today: one or two).
fn demo_years() -> Vec<i16> {
    let today = local(klacht_clock::test_now());
    let start = today.saturating_sub(jiff::Span::new().days(200));
    let mut years = vec![start.year()];
    if today.year() != start.year() {
        years.push(today.year());
    }
    years
}

async fn demo_figures_are_recounted_from_the_events<S: Store>(url: &str, store: S) {
    ok(&klacht(url, &["demo"]));
    let dir = temp_dir();
    let (base, session, _stop) = serve_signed_in(store.clone()).await;
    let mut seen = 0;
    for year in demo_years() {
        let c = recount(&store, year).await;
        seen += c.received;
        let y = year.to_string();
        let cli: Value =
            serde_json::from_str(&ok(&klacht(url, &["report", "--year", &y, "--json"])))
                .expect("CLI JSON");
        compare(&cli, &c, "klacht report --json");
        let dash: Value = get(&base, &session, &format!("/dashboard.json?jaar={y}"))
            .await
            .json()
            .await
            .expect("dashboard JSON");
        compare(&dash, &c, "/dashboard.json");
        let page = get(&base, &session, &format!("/dashboard?jaar={y}"))
            .await
            .text()
            .await
            .expect("page");
        compare_html(&page, &c, "/dashboard");
        let page = get(
            &base,
            &session,
            &format!("/rapportage/jaarverslag?jaar={y}"),
        )
        .await
        .text()
        .await
        .expect("page");
        compare_html(&page, &c, "/rapportage/jaarverslag");
        let html = dir.join("jaarverslag.html");
        ok(&klacht(
            url,
            &[
                "report",
                "--year",
                &y,
                "--html",
                html.to_str().expect("path"),
            ],
        ));
        let file = std::fs::read_to_string(&html).expect("html file");
        compare_html(&file, &c, "klacht report --html");
        assert!(file.contains(&format!("<h1>Jaarverslag klachten {y}</h1>")));
        assert!(
            !file.contains("href=\"/dashboard"),
            "a file has no links into the app"
        );
    }
    assert_eq!(seen, 40, "every demo entry lies in one of the years");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn demo_report_on_sqlite() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    demo_figures_are_recounted_from_the_events(&db.url, store).await;
}

#[tokio::test]
async fn demo_report_on_postgres() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    let store = db.store().await;
    demo_figures_are_recounted_from_the_events(&db.url, store).await;
}

/// Where the picture of the PDF's first page goes (as the browser tests'
/// screenshots): `KLACHT_SCREENSHOTS`, or docs/screenshots.
fn screenshot_dir() -> PathBuf {
    std::env::var_os("KLACHT_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots"))
}

#[tokio::test]
async fn the_pdf_is_a_real_pdf_with_the_year_organisation_and_figures() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    ok(&klacht(&db.url, &["demo"]));
    let year = *demo_years().last().expect("a year");
    let count = recount(&store, year).await;
    let dir = temp_dir();
    let pdf = dir.join("jaarverslag.pdf");
    let y = year.to_string();
    let out = klacht(
        &db.url,
        &["report", "--year", &y, "--pdf", pdf.to_str().expect("path")],
    );
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("PDF geschreven"));
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF-"));

    let info = tool("pdfinfo", &[pdf.as_os_str()]);
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(str::trim)
        .unwrap_or_default();
    assert_eq!(title, format!("Jaarverslag klachten {y} — Focus"), "{info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("page count");
    assert!(pages >= 3, "{pages} pages");
    assert!(info.contains("A4"), "{info}");

    let text = tool(
        "pdftotext",
        &[
            "-layout".as_ref(),
            "-enc".as_ref(),
            "UTF-8".as_ref(),
            pdf.as_os_str(),
            "-".as_ref(),
        ],
    );
    assert!(
        text.contains(&format!("Jaarverslag klachten {y}")),
        "{text}"
    );
    assert!(text.contains("Focus"));
    for (label, value) in [
        ("ontvangen (klachten en signalen)", count.received),
        ("klachten afgesloten", count.closed),
        ("signalen (direct opgelost)", count.signals),
    ] {
        let line = text
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("'{label}' in {text}"));
        assert!(line.trim_end().ends_with(&format!(" {value}")), "{line}");
    }
    assert!(text.contains("Termijnen") && text.contains("Tevredenheid na afhandeling"));

    // A picture of the first page for the README (docs/screenshots).
    let shots = screenshot_dir();
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    tool(
        "pdftoppm",
        &[
            "-png".as_ref(),
            "-r".as_ref(),
            "80".as_ref(),
            "-f".as_ref(),
            "1".as_ref(),
            "-l".as_ref(),
            "1".as_ref(),
            "-singlefile".as_ref(),
            pdf.as_os_str(),
            shots.join("jaarverslag-pdf").as_os_str(),
        ],
    );
    assert!(shots.join("jaarverslag-pdf.png").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_years_are_refused_with_a_message() {
    let db = SqliteTestDb::new();
    let out = klacht(
        &db.url,
        &["report", "--year", "1999", "--pdf", "/tmp/never.pdf"],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fout: 1999 is geen jaar"), "{err}");
    assert!(!Path::new("/tmp/never.pdf").exists());
}
