//! A real IMAP server for the mailbox tests: Debian's dovecot
//! (`dovecot-imapd`, installed by `scripts/install-test-deps`) with a
//! throw-away configuration in a temp folder: one passwd-file user, a
//! Maildir, plain IMAP on a free loopback port, run in the foreground by
//! the test (`dovecot -F -c conf`). It can be stopped and started again on
//! the same port. Messages are delivered by IMAP APPEND.
//!
//! Without dovecot the tests skip with a note; with `CI` set they fail.
#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const USER: &str = "klachten@focus.example";
pub const PASSWORD: &str = "geheim-imap";

fn binary() -> String {
    std::env::var("KLACHT_TEST_DOVECOT").unwrap_or_else(|_| "/usr/sbin/dovecot".into())
}

fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// A running (or stopped) dovecot. Stopped and removed when dropped.
pub struct Dovecot {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

fn id(args: &[&str]) -> String {
    Command::new("id")
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

impl Dovecot {
    /// Starts a server on a free port, or `None` when dovecot is missing.
    pub fn start() -> Option<Self> {
        if !std::path::Path::new(&binary()).exists() {
            assert!(
                !required(),
                "dovecot is required when CI is set: run scripts/install-test-deps"
            );
            eprintln!("dovecot not found ({}); skipping the IMAP test", binary());
            return None;
        }
        let dir = std::env::temp_dir().join(format!("klacht-imap-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("mail")).expect("create the IMAP test folder");
        std::fs::create_dir_all(dir.join("home")).expect("create the IMAP test folder");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        // As root, dovecot's login processes run as dovenull and mail as
        // dovecot (it refuses root for both); otherwise all as oneself.
        let root = id(&["-u"]) == "0";
        let (internal, login, mail_user) = if root {
            (
                "dovecot".to_owned(),
                "dovenull".to_owned(),
                "dovecot".to_owned(),
            )
        } else {
            let me = id(&["-un"]);
            (me.clone(), me.clone(), me)
        };
        let uid = id(&["-u", &mail_user]);
        let gid = id(&["-g", &mail_user]);
        let internal_group = id(&["-gn", &internal]);
        if root {
            for sub in ["mail", "home"] {
                std::os::unix::fs::chown(dir.join(sub), uid.parse().ok(), gid.parse().ok())
                    .expect("hand the Maildir to dovecot's user");
            }
        }
        let d = dir.display();
        let conf = format!(
            "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\n\
             instance_name = klacht-{port}\nprotocols = imap\nlisten = 127.0.0.1\nssl = no\n\
             disable_plaintext_auth = no\nauth_mechanisms = plain login\n\
             mail_location = maildir:{d}/mail/%u\n\
             default_internal_user = {internal}\ndefault_internal_group = {internal_group}\n\
             default_login_user = {login}\nfirst_valid_uid = 0\nfirst_valid_gid = 0\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {d}/passwd\n}}\n\
             userdb {{\n  driver = static\n  args = uid={uid} gid={gid} home={d}/home/%u\n}}\n\
             service imap-login {{\n  chroot =\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n  inet_listener imaps {{\n    port = 0\n  }}\n}}\n\
             service anvil {{\n  chroot =\n}}\n"
        );
        std::fs::write(dir.join("dovecot.conf"), conf).expect("write the configuration");
        std::fs::write(dir.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}\n"))
            .expect("write the passwd file");
        let mut server = Self {
            port,
            dir,
            child: None,
        };
        server.run();
        Some(server)
    }

    /// `imap://…?tls=none`: plain IMAP on loopback, as the tests ask.
    pub fn url(&self) -> String {
        format!(
            "imap://{}:{PASSWORD}@127.0.0.1:{}/INBOX?tls=none",
            USER.replace('@', "%40"),
            self.port
        )
    }

    fn run(&mut self) {
        let child = Command::new(binary())
            .arg("-F")
            .arg("-c")
            .arg(self.dir.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dovecot");
        self.child = Some(child);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(
                Instant::now() < deadline,
                "dovecot did not start: {}",
                std::fs::read_to_string(self.dir.join("dovecot.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server (and waits until it is gone).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(child.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts a stopped server again, on the same port with the same mail.
    pub fn restart(&mut self) {
        self.stop();
        self.run();
    }

    async fn session(&self) -> async_imap::Session<tokio::net::TcpStream> {
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", self.port))
            .await
            .expect("connect to dovecot");
        let mut client = async_imap::Client::new(tcp);
        client.read_response().await.expect("greeting");
        client
            .login(USER, PASSWORD)
            .await
            .map_err(|(e, _)| e)
            .expect("login")
    }

    /// Delivers `raw` into `folder` (IMAP APPEND).
    pub async fn append(&self, folder: &str, raw: &[u8]) {
        let mut s = self.session().await;
        s.append(folder, None, None, raw).await.expect("append");
        s.logout().await.expect("logout");
    }

    /// The number of messages in `folder` (0 when it does not exist).
    pub async fn count(&self, folder: &str) -> u32 {
        let mut s = self.session().await;
        let n = match s.select(folder).await {
            Ok(m) => m.exists,
            Err(_) => 0,
        };
        s.logout().await.expect("logout");
        n
    }

    /// UIDVALIDITY of `folder`.
    pub async fn uid_validity(&self, folder: &str) -> u32 {
        let mut s = self.session().await;
        let m = s.select(folder).await.expect("select");
        s.logout().await.expect("logout");
        m.uid_validity.expect("uidvalidity")
    }

    /// The UIDs in `folder`.
    pub async fn uids(&self, folder: &str) -> Vec<u32> {
        let mut s = self.session().await;
        s.select(folder).await.expect("select");
        let mut uids: Vec<u32> = s
            .uid_search("ALL")
            .await
            .expect("search")
            .into_iter()
            .collect();
        uids.sort_unstable();
        s.logout().await.expect("logout");
        uids
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
