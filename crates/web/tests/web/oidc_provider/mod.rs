//! A real OpenID Connect provider for the single sign-on tests: the
//! certified `oidc-provider` package under Node (`scripts/oidc-provider`,
//! installed by `scripts/install-test-deps`), one process per test,
//! configured with its clients, users and clock. Shared with the browser
//! tests (`#[path]`).
#![allow(dead_code)]

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// With `CI` set a missing Node or provider fails the run instead of
/// skipping.
fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/oidc-provider")
}

/// The provider process, stopped when dropped.
pub struct Provider {
    /// `http://127.0.0.1:PORT`: the issuer and discovery base.
    pub issuer: String,
    pub port: u16,
    child: Child,
    /// Its warnings and errors, for a failing test to look at.
    pub log: PathBuf,
}

impl Drop for Provider {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Provider {
    /// Ends the process (its port is free again afterwards).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the provider with `config` (see `scripts/oidc-provider/server.js`),
    /// or `None` with a note when Node or the package is missing and `CI`
    /// is not set.
    pub async fn start(config: serde_json::Value) -> Option<Provider> {
        let script = folder().join("server.js");
        let installed = folder()
            .join("node_modules/oidc-provider/package.json")
            .exists();
        let node = Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !(installed && node) {
            assert!(
                !required(),
                "Node and scripts/oidc-provider/node_modules are required when CI is set (run scripts/install-test-deps)"
            );
            eprintln!(
                "Node or the test OpenID provider is not installed; skipping (scripts/install-test-deps installs it)"
            );
            return None;
        }
        let log =
            std::env::temp_dir().join(format!("klacht-oidc-provider-{}.log", uuid::Uuid::new_v4()));
        let mut child = Command::new("node")
            .arg(&script)
            .env("OIDC_TEST_CONFIG", config.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("provider log file"))
            .spawn()
            .expect("start the OpenID provider");
        let stdout = child.stdout.take().expect("provider stdout");
        let first_line = tokio::task::spawn_blocking(move || {
            let mut line = String::new();
            let _ = std::io::BufReader::new(stdout).read_line(&mut line);
            line
        });
        let line = tokio::time::timeout(std::time::Duration::from_secs(30), first_line)
            .await
            .unwrap_or_else(|_| panic!("the OpenID provider did not start; see {}", log.display()))
            .expect("read the provider's first line");
        let issuer = line
            .trim()
            .strip_prefix("listening ")
            .unwrap_or_else(|| {
                panic!(
                    "the OpenID provider said {line:?}: {}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                )
            })
            .to_string();
        let port = issuer
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port in the issuer");
        Some(Provider {
            issuer,
            port,
            child,
            log,
        })
    }
}
