//! The Debian package's example configuration (`debian/klacht.toml`, installed
//! as /etc/klacht/klacht.toml) must start the service as it is: a key the
//! configuration does not know would stop `klacht serve` right after
//! `dpkg -i`. `scripts/package` checks the rest on an installed package.

use std::path::Path;

use klacht_app::Config;
use secrecy::ExposeSecret;

#[test]
fn the_packaged_configuration_is_read_as_it_is_shipped() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("debian/klacht.toml");
    let path = path.to_str().expect("a UTF-8 path").to_owned();
    let config = Config::load(|name| (name == "KLACHT_CONFIG").then(|| path.clone()))
        .expect("the shipped configuration loads");
    assert_eq!(
        config.database_url.expose_secret(),
        "sqlite:///var/lib/klacht/klacht.db",
        "the database lives in the service's state directory"
    );
    assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
    assert!(config.cookie_secure);
}

#[test]
fn the_unit_runs_the_packaged_binary_as_the_klacht_user_with_the_packaged_files() {
    let unit = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("debian/klacht.service"),
    )
    .expect("the unit");
    for line in [
        "User=klacht",
        "ExecStart=/usr/bin/klacht serve",
        "Environment=KLACHT_CONFIG=/etc/klacht/klacht.toml",
        "Environment=GLIBC_TUNABLES=glibc.malloc.arena_max=2",
        "EnvironmentFile=-/etc/default/klacht",
        "WorkingDirectory=/var/lib/klacht",
        "ReadWritePaths=/var/lib/klacht",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "PrivateTmp=yes",
    ] {
        assert!(unit.lines().any(|l| l == line), "the unit lacks {line}");
    }
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .expect("the manifest");
    assert!(
        manifest.contains(r#"["debian/klacht.toml", "etc/klacht/klacht.toml", "640"]"#),
        "the package installs the configuration the unit names"
    );
}
