//! A real SMTP server for tests (feature `testing`): Debian's aiosmtpd
//! (`python3-aiosmtpd`, installed by `scripts/install-test-deps`) on a free
//! loopback port, writing every message it accepts into a Maildir that the
//! test reads back. It can be stopped and started again on the same port,
//! to play a mail server that is down for a while.
//!
//! Without aiosmtpd the tests that need it skip with a note; with `CI` set
//! they fail instead.

use std::io::Read as _;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The check that a received mail speaks its reader's language (no marker
/// word of another), for tests of crates that do not depend on
/// `klacht-i18n` themselves.
pub use klacht_i18n::foreign_words;

/// The Python that has aiosmtpd (Debian's, not a pyenv shim).
pub fn python() -> String {
    std::env::var("KLACHT_TEST_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into())
}

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// Whether aiosmtpd can be run; `false` (with a note) lets a test skip,
/// and with `CI` set a missing aiosmtpd panics.
pub fn available() -> bool {
    let ok = Command::new(python())
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            !required(),
            "aiosmtpd is required when CI is set: run scripts/install-test-deps"
        );
        eprintln!(
            "aiosmtpd not found ({} -m aiosmtpd); skipping the SMTP test",
            python()
        );
    }
    ok
}

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// As sent, with angle brackets: `<{outbox id}@{sender domain}>`.
    pub message_id: String,
    pub subject: String,
    pub from: String,
    pub to: String,
    /// The envelope recipients (aiosmtpd's `X-RcptTo`).
    pub rcpt_to: String,
    /// `Date`, as written (RFC 5322, with the zone's offset).
    pub date: String,
    /// `Auto-Submitted` (`auto-generated` for every mail of klacht).
    pub auto_submitted: String,
    pub content_type: String,
    /// The decoded `text/plain` part.
    pub text: String,
    /// The decoded `text/html` part.
    pub html: String,
    pub raw: Vec<u8>,
}

/// A running (or stopped) aiosmtpd with its Maildir. Stopped and removed
/// when dropped.
pub struct SmtpServer {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl SmtpServer {
    /// Starts a server on a free port, or `None` when aiosmtpd is missing
    /// (see [`available`]).
    pub fn start() -> Option<Self> {
        if !available() {
            return None;
        }
        let dir = std::env::temp_dir().join(format!("klacht-smtp-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("create the SMTP test folder");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut server = Self {
            port,
            dir,
            child: None,
        };
        server.run();
        Some(server)
    }

    /// `smtp://127.0.0.1:{port}`: plain SMTP on loopback.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    fn maildir(&self) -> PathBuf {
        self.dir.join("maildir")
    }

    fn log(&self) -> PathBuf {
        self.dir.join("aiosmtpd.log")
    }

    fn run(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log())
            .expect("open the SMTP server log");
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.maildir())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start aiosmtpd");
        self.child = Some(child);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                self.child = None;
                panic!(
                    "aiosmtpd exited ({status}) before accepting: {}",
                    read_to_string(&self.log())
                );
            }
            if let Ok(mut conn) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
                // A greeting means the server is ready; reading one also
                // proves it is ours.
                let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
                let mut greeting = [0_u8; 3];
                if conn.read_exact(&mut greeting).is_ok() && &greeting == b"220" {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not accept on port {} within 15 s: {}",
                self.port,
                read_to_string(&self.log())
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Kills the server: connections drop and new ones are refused.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port and Maildir.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }

    /// Every message received so far, oldest file first.
    pub fn messages(&self) -> Vec<Received> {
        let mut files = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.maildir().join(sub)) {
                files.extend(entries.filter_map(Result::ok).map(|e| e.path()));
            }
        }
        files.sort_by_key(|p| {
            std::fs::metadata(p)
                .and_then(|m| m.modified())
                .ok()
                .zip(Some(p.clone()))
        });
        files
            .iter()
            .map(|p| parse(std::fs::read(p).expect("read a received message")))
            .collect()
    }

    /// Waits (a little) until at least `n` messages arrived; for a worker
    /// running in the background.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let got = self.messages();
            if got.len() >= n || Instant::now() >= deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn read_to_string(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

/// Parses one received message.
pub fn parse(raw: Vec<u8>) -> Received {
    let mail = mailparse::parse_mail(&raw).expect("a received message parses");
    let header = |name: &str| {
        mail.headers
            .iter()
            .find(|h| h.get_key().eq_ignore_ascii_case(name))
            .map(|h| h.get_value())
            .unwrap_or_default()
    };
    let mut text = String::new();
    let mut html = String::new();
    let mut parts = vec![&mail];
    while let Some(part) = parts.pop() {
        match part.ctype.mimetype.as_str() {
            "text/plain" if text.is_empty() => text = part.get_body().unwrap_or_default(),
            "text/html" if html.is_empty() => html = part.get_body().unwrap_or_default(),
            _ => parts.extend(part.subparts.iter()),
        }
    }
    Received {
        message_id: header("Message-ID"),
        subject: header("Subject"),
        from: header("From"),
        to: header("To"),
        rcpt_to: header("X-RcptTo"),
        date: header("Date"),
        auto_submitted: header("Auto-Submitted"),
        content_type: mail.ctype.mimetype.clone(),
        text: text.replace("\r\n", "\n"),
        html: html.replace("\r\n", "\n"),
        raw: raw.clone(),
    }
}
