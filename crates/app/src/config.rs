//! The one typed configuration, read from an optional TOML file and then
//! from environment variables (which win). Documented in the README.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use klacht_domain::calendar::{CalendarOptions, WorkingCalendar};
use secrecy::SecretString;
use serde::Deserialize;

mod dossier;
mod exact;
mod mail;
mod mailbox;
mod oidc;
mod operations;
mod patterns;
mod public;
mod reminders;
pub use dossier::DossierConfig;
pub use exact::{
    ExactConfig, ExactProduct, OnlineConfig, SynergyAuth, SynergyConfig, default_synergy_fields,
};
pub use mail::{DEFAULT_MAIL_MAX_ATTEMPTS, MailConfig};
pub use mailbox::{ImapSettings, MailboxConfig};
pub use oidc::{DEFAULT_BUTTON_LABEL, EmailClaim, OidcConfig};
pub use operations::{LogFormat, OperationsConfig};
pub use public::{DEFAULT_SUBMISSIONS_PER_HOUR, PublicConfig};
pub use reminders::DEFAULT_REMINDER_HOUR;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuratiebestand {path} niet te lezen: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("configuratiebestand {path} klopt niet: {message}")]
    File { path: PathBuf, message: String },
    #[error("{var}: {message}")]
    Var { var: &'static str, message: String },
}

/// Settings of one installation.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: SecretString,
    pub addr: SocketAddr,
    /// The organisation's name, shown on pages, forms and letters.
    pub organisation: String,
    pub time_zone: String,
    pub calendar: CalendarOptions,
    /// Mark cookies `Secure` (sent over HTTPS only; browsers also accept
    /// them from http://localhost). Off only for plain-HTTP test set-ups.
    pub cookie_secure: bool,
    /// The documents' logo and the retention period (`[dossier]`).
    pub dossier: DossierConfig,
    /// Registration of closed complaints in Exact (`[exact]`).
    pub exact: ExactConfig,
    /// E-mail: server, sender, public address, attempts (`[mail]`).
    pub mail: MailConfig,
    /// Single sign-on with Entra ID or another OpenID Connect provider
    /// (`[oidc]`); `None`: password sign-in only.
    pub oidc: Option<OidcConfig>,
    /// Complaints from the mailbox: the IMAP server, the address, the
    /// folder (`[mailbox]`).
    pub mailbox: MailboxConfig,
    /// Monitoring: the `/metrics` token and the log format (`[operations]`).
    pub operations: OperationsConfig,
    /// When complaints form a structural pattern (`[patterns]`).
    pub patterns: klacht_domain::patterns::PatternRules,
    /// The public site: regulation, rate limit, trusted proxies (`[public]`).
    pub public: PublicConfig,
    /// The deadline engine: which reminders, from which hour, digests
    /// (`[reminders]`).
    pub reminders: klacht_domain::reminders::ReminderSettings,
    /// `KLACHT_NOW`: the instant this process starts at instead of the
    /// real time (a training installation, a test run on a chosen day).
    pub now: Option<jiff::Timestamp>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    addr: Option<String>,
    organisation: Option<String>,
    cookie_secure: Option<bool>,
    calendar: FileCalendar,
    dossier: dossier::FileDossier,
    exact: exact::FileExact,
    mail: mail::FileMail,
    oidc: oidc::FileOidc,
    mailbox: mailbox::FileMailbox,
    operations: operations::FileOperations,
    patterns: patterns::FilePatterns,
    public: public::FilePublic,
    reminders: reminders::FileReminders,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileCalendar {
    time_zone: Option<String>,
    good_friday: Option<bool>,
    liberation_day_yearly: Option<bool>,
    closing_days: Option<Vec<String>>,
}

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_TIME_ZONE: &str = "Europe/Amsterdam";

impl Config {
    /// Reads `KLACHT_CONFIG` (or `./klacht.toml` when it exists) and the
    /// environment of this process.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::load(|name| std::env::var(name).ok())
    }

    /// As [`Config::from_env`], with the environment given, for tests.
    pub fn load(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let file = match var("KLACHT_CONFIG") {
            Some(path) => read_file(Path::new(&path))?,
            None if Path::new("klacht.toml").exists() => read_file(Path::new("klacht.toml"))?,
            None => FileConfig::default(),
        };
        let pick = |name: &str, from_file: Option<String>| var(name).or(from_file);

        let addr_text = pick("KLACHT_ADDR", file.addr).unwrap_or_else(|| DEFAULT_ADDR.into());
        let addr = addr_text.parse().map_err(|_| ConfigError::Var {
            var: "KLACHT_ADDR",
            message: format!("'{addr_text}' is geen adres (verwacht bijvoorbeeld {DEFAULT_ADDR})"),
        })?;

        let closing_days = match var("KLACHT_CLOSING_DAYS") {
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            None => file.calendar.closing_days.unwrap_or_default(),
        };
        let extra_closing_days = closing_days
            .iter()
            .map(|d| {
                d.parse::<Date>().map_err(|_| ConfigError::Var {
                    var: "KLACHT_CLOSING_DAYS",
                    message: format!("'{d}' is geen datum (JJJJ-MM-DD)"),
                })
            })
            .collect::<Result<BTreeSet<_>, _>>()?;

        let calendar = CalendarOptions {
            good_friday: flag(&var, "KLACHT_GOOD_FRIDAY", file.calendar.good_friday)?,
            liberation_day_yearly: flag(
                &var,
                "KLACHT_LIBERATION_DAY_YEARLY",
                file.calendar.liberation_day_yearly,
            )?,
            extra_closing_days,
        };
        let time_zone = pick("KLACHT_TIME_ZONE", file.calendar.time_zone)
            .unwrap_or_else(|| DEFAULT_TIME_ZONE.into());
        let database_url = pick("DATABASE_URL", file.database_url)
            .unwrap_or_else(|| klacht_store::DEFAULT_DATABASE_URL.into());
        // `mysql://…` fails here, naming what works, not deep in a driver.
        klacht_store::Backend::of_url(&database_url).map_err(|e| ConfigError::Var {
            var: "DATABASE_URL",
            message: e.to_string(),
        })?;
        let config = Config {
            database_url: database_url.into(),
            addr,
            organisation: pick("KLACHT_ORGANISATION", file.organisation)
                .unwrap_or_else(|| "Focus".into()),
            time_zone,
            calendar,
            cookie_secure: match var("KLACHT_COOKIE_SECURE") {
                Some(_) => flag(&var, "KLACHT_COOKIE_SECURE", None)?,
                None => file.cookie_secure.unwrap_or(true),
            },
            dossier: dossier::load(&var, file.dossier)?,
            exact: exact::load(&var, file.exact)?,
            mail: mail::load(&var, file.mail, addr)?,
            oidc: oidc::load(&var, file.oidc)?,
            mailbox: mailbox::load(&var, file.mailbox)?,
            operations: operations::load(&var, file.operations)?,
            patterns: patterns::load(&var, file.patterns)?,
            public: public::load(&var, file.public)?,
            reminders: reminders::load(&var, file.reminders)?,
            now: match var(klacht_clock::NOW_VAR) {
                Some(text) if !text.trim().is_empty() => Some(
                    klacht_clock::parse_now(&text).map_err(|e| ConfigError::Var {
                        var: klacht_clock::NOW_VAR,
                        message: e.to_string(),
                    })?,
                ),
                _ => None,
            },
        };
        // Fail at start-up, not on the first complaint.
        config.working_calendar()?;
        Ok(config)
    }

    /// The configuration of a server that listens on `addr`, the address
    /// actually served (`serve --addr` wins over `KLACHT_ADDR`; port 0
    /// becomes the port given): without `KLACHT_PUBLIC_URL` the links in
    /// mail and calendar feeds point there.
    pub fn served_at(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self.mail.serve_at(addr);
        self
    }

    /// The clock of this process: pinned by `KLACHT_NOW`, or the system's.
    pub fn clock(&self) -> klacht_clock::SharedClock {
        klacht_clock::pinned_or_system(self.now)
    }

    pub fn working_calendar(&self) -> Result<WorkingCalendar, ConfigError> {
        WorkingCalendar::from_zone_name(&self.time_zone, self.calendar.clone()).map_err(|e| {
            ConfigError::Var {
                var: "KLACHT_TIME_ZONE",
                message: unparsed(&e),
            }
        })
    }
}

/// A configured value that did not parse, in Dutch: the configuration's
/// messages are for the operator, who reads Dutch.
fn unparsed(e: &klacht_domain::ParseError) -> String {
    klacht_i18n::Tr::default().refusal(e.refusal())
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::File {
        path: path.to_owned(),
        message: e.to_string(),
    })
}

fn flag(
    var: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    from_file: Option<bool>,
) -> Result<bool, ConfigError> {
    match var(name).map(|v| v.trim().to_lowercase()) {
        None => Ok(from_file.unwrap_or(false)),
        Some(v) => match v.as_str() {
            "1" | "true" | "ja" | "yes" | "on" => Ok(true),
            "0" | "false" | "nee" | "no" | "off" | "" => Ok(false),
            _ => Err(ConfigError::Var {
                var: name,
                message: format!("'{v}' is geen ja/nee-waarde (gebruik true of false)"),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use secrecy::ExposeSecret;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_are_embedded_sqlite_in_amsterdam() {
        let c = Config::load(env(&[("KLACHT_CONFIG", "/nonexistent/klacht.toml")]));
        // An explicit but missing config file is an error, not silence.
        assert!(matches!(c, Err(ConfigError::Read { .. })));
        let c = Config::load(env(&[])).expect("defaults load");
        assert_eq!(c.database_url.expose_secret(), "sqlite://klacht.db");
        assert_eq!(c.addr.to_string(), DEFAULT_ADDR);
        assert_eq!(c.time_zone, "Europe/Amsterdam");
        assert!(!c.calendar.good_friday && !c.calendar.liberation_day_yearly);
    }

    #[test]
    fn environment_sets_calendar_options() {
        let c = Config::load(env(&[
            ("KLACHT_GOOD_FRIDAY", "true"),
            ("KLACHT_LIBERATION_DAY_YEARLY", "ja"),
            ("KLACHT_CLOSING_DAYS", "2026-12-24, 2026-12-31"),
        ]))
        .expect("loads");
        assert!(c.calendar.good_friday && c.calendar.liberation_day_yearly);
        assert_eq!(
            c.calendar
                .extra_closing_days
                .into_iter()
                .collect::<Vec<_>>(),
            [date(2026, 12, 24), date(2026, 12, 31)]
        );
    }

    #[test]
    fn bad_values_name_the_variable() {
        let e = Config::load(env(&[("KLACHT_CLOSING_DAYS", "24-12-2026")])).expect_err("bad date");
        assert!(e.to_string().contains("KLACHT_CLOSING_DAYS"), "{e}");
        let e = Config::load(env(&[("KLACHT_GOOD_FRIDAY", "misschien")])).expect_err("bad flag");
        assert!(e.to_string().contains("KLACHT_GOOD_FRIDAY"), "{e}");
        let e = Config::load(env(&[("KLACHT_TIME_ZONE", "Mars/Olympus")])).expect_err("bad zone");
        assert!(e.to_string().contains("KLACHT_TIME_ZONE"), "{e}");
        let e = Config::load(env(&[("KLACHT_ADDR", "hier")])).expect_err("bad addr");
        assert!(e.to_string().contains("KLACHT_ADDR"), "{e}");
        let e = Config::load(env(&[("DATABASE_URL", "mysql://root:geheim@db/klacht")]))
            .expect_err("mysql");
        let text = e.to_string();
        assert!(
            text.contains("DATABASE_URL") && text.contains("mysql://"),
            "{e}"
        );
        assert!(
            text.contains("sqlite://") && text.contains("postgres://"),
            "{e}"
        );
        assert!(!text.contains("geheim"), "the password stays hidden: {e}");
    }

    #[test]
    fn a_config_file_is_read_and_the_environment_wins() {
        let dir = std::env::temp_dir().join(format!("klacht-config-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("klacht.toml");
        std::fs::write(
            &path,
            "organisation = \"Zorg Oost\"\naddr = \"0.0.0.0:9000\"\n[calendar]\ngood_friday = true\nclosing_days = [\"2026-05-15\"]\n",
        )
        .expect("write config");
        let path_text = path.display().to_string();
        let c = Config::load(env(&[
            ("KLACHT_CONFIG", &path_text),
            ("KLACHT_ADDR", "127.0.0.1:9001"),
        ]))
        .expect("loads");
        assert_eq!(c.organisation, "Zorg Oost");
        assert_eq!(c.addr.to_string(), "127.0.0.1:9001");
        assert!(c.calendar.good_friday);
        assert!(c.calendar.extra_closing_days.contains(&date(2026, 5, 15)));

        std::fs::write(&path, "colour = \"blue\"\n").expect("write config");
        let e = Config::load(env(&[("KLACHT_CONFIG", &path_text)])).expect_err("unknown key");
        assert!(matches!(e, ConfigError::File { .. }), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
