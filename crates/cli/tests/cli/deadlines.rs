//! `klacht deadlines`, run as a user runs it.

use std::process::Command;

fn klacht(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        // Keep a config file in the developer's folder out of the test.
        .env("KLACHT_CONFIG", "/dev/null")
        .env_remove("KLACHT_GOOD_FRIDAY")
        .env_remove("KLACHT_LIBERATION_DAY_YEARLY")
        .env_remove("KLACHT_CLOSING_DAYS")
        .env_remove("KLACHT_TIME_ZONE")
        .output()
        .expect("run klacht")
}

fn json(received: &str) -> serde_json::Value {
    let out = klacht(&["deadlines", "--received", received, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        text.trim().lines().count(),
        1,
        "exactly one JSON object: {text}"
    );
    serde_json::from_str(text.trim()).expect("valid JSON")
}

#[test]
fn the_design_example_holds() {
    let v = json("2026-04-24");
    assert_eq!(
        v,
        serde_json::json!({
            "received": "2026-04-24T00:00:00+02:00",
            "report": "2026-04-24",
            "contact": "2026-04-29",
            "offer": "2026-05-08",
            "record": "2026-05-15",
        })
    );
}

#[test]
fn terms_move_across_dutch_holidays_and_year_ends() {
    // (received, report, contact, offer, record)
    let cases = [
        // Koningsdag on Monday 27 April 2026.
        (
            "2026-04-24T16:45:00+02:00",
            "2026-04-24",
            "2026-04-29",
            "2026-05-08",
            "2026-05-15",
        ),
        // An offer term on Koningsdag moves to the next day.
        (
            "2026-04-13",
            "2026-04-13",
            "2026-04-15",
            "2026-04-28",
            "2026-05-04",
        ),
        // Hemelvaartsdag, Thursday 14 May 2026.
        (
            "2026-05-12",
            "2026-05-12",
            "2026-05-15",
            "2026-05-26",
            "2026-06-02",
        ),
        // Tweede Pinksterdag, Monday 25 May 2026.
        (
            "2026-05-22",
            "2026-05-22",
            "2026-05-27",
            "2026-06-05",
            "2026-06-12",
        ),
        // Kerst and Nieuwjaar.
        (
            "2026-12-23",
            "2026-12-23",
            "2026-12-28",
            "2027-01-06",
            "2027-01-13",
        ),
        (
            "2026-12-24",
            "2026-12-24",
            "2026-12-29",
            "2027-01-07",
            "2027-01-14",
        ),
        (
            "2026-12-31",
            "2026-12-31",
            "2027-01-05",
            "2027-01-14",
            "2027-01-21",
        ),
        // Lustrum Bevrijdingsdag, Monday 5 May 2025.
        (
            "2025-05-02",
            "2025-05-02",
            "2025-05-07",
            "2025-05-16",
            "2025-05-23",
        ),
        // Received on Tweede Paasdag 2025: reported the next working day;
        // contact counts working days after the day of receipt; the offer
        // term (5 May) moves past Bevrijdingsdag.
        (
            "2025-04-21",
            "2025-04-22",
            "2025-04-23",
            "2025-05-06",
            "2025-05-12",
        ),
        // Received on a Saturday: reported on Monday.
        (
            "2026-04-25",
            "2026-04-28",
            "2026-04-29",
            "2026-05-11",
            "2026-05-18",
        ),
        // 23:30 UTC on the 23rd is the 24th in Amsterdam.
        (
            "2026-04-23T23:30:00Z",
            "2026-04-24",
            "2026-04-29",
            "2026-05-08",
            "2026-05-15",
        ),
    ];
    for (received, report, contact, offer, record) in cases {
        let v = json(received);
        let got = [&v["report"], &v["contact"], &v["offer"], &v["record"]]
            .map(|x| x.as_str().unwrap_or_default().to_string());
        assert_eq!(got, [report, contact, offer, record], "received {received}");
    }
}

#[test]
fn calendar_options_come_from_the_environment() {
    let out = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .args(["deadlines", "--received", "2026-04-27", "--json"])
        .env("KLACHT_CONFIG", "/dev/null")
        .env("KLACHT_CLOSING_DAYS", "2026-04-28,2026-04-29")
        .output()
        .expect("run klacht");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // 27 (Koningsdag) and 28, 29 (closing days) are not working days.
    assert_eq!(v["report"], "2026-04-30");
    assert_eq!(v["contact"], "2026-05-01");
}

#[test]
fn bad_input_is_refused_clearly() {
    for bad in ["24-04-2026", "2026-02-30", "morgen", ""] {
        let out = klacht(&["deadlines", "--received", bad, "--json"]);
        assert!(!out.status.success(), "{bad} accepted");
        assert!(out.stdout.is_empty(), "nothing on stdout for {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("fout: "), "{bad}: {err}");
    }
}

#[test]
fn the_text_form_lists_the_four_steps_in_dutch() {
    let out = klacht(&["deadlines", "--received", "2026-04-24"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("contact met klager"), "{text}");
    assert!(text.contains("wo 2026-04-29"), "{text}");
    assert_eq!(text.lines().count(), 5, "{text}");
}
