//! The fake Synergy as a process of its own (`scripts/crash-test` runs
//! it): it serves Synergy's wire format and writes what it holds.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn the_fake_synergy_serves_and_writes_what_it_holds() {
    let dir = std::env::temp_dir().join(format!("klacht-loadgen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let dump = dir.join("synergy.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_klacht-loadgen"))
        .args(["fake-synergy", "--addr", "127.0.0.1:0", "--dump"])
        .arg(&dump)
        .stdout(Stdio::piped())
        .spawn()
        .expect("started");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    assert!(
        line.starts_with("fake Synergy on http://127.0.0.1:"),
        "{line}"
    );
    let start = Instant::now();
    while !dump.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let written = std::fs::read_to_string(&dump).expect("the dump is written");
    child.kill().expect("stopped");
    child.wait().expect("waited");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(written, "[]", "nothing registered yet");
}
