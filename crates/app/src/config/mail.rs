//! `[mail]`: the mail server, the sender, the public address links point
//! to, and how often delivery is tried. `KLACHT_SMTP_URL`,
//! `KLACHT_MAIL_FROM`, `KLACHT_PUBLIC_URL`, `KLACHT_MAIL_MAX_ATTEMPTS` and
//! `KLACHT_MAIL_ENABLED` win over the file.

use std::net::SocketAddr;

use klacht_domain::Email;
use klacht_mail::{Address, MailContext, SmtpSettings};
use secrecy::SecretString;
use serde::Deserialize;

use super::ConfigError;

pub const DEFAULT_MAIL_MAX_ATTEMPTS: u32 = 8;

#[derive(Debug, Clone)]
pub struct MailConfig {
    /// Whether changes queue e-mail at all (default true).
    pub enabled: bool,
    /// `smtp://host:port`, `smtp://user:pass@host:587?tls=starttls` or
    /// `smtps://user:pass@host`. `None`: mail is queued and stays queued
    /// until a server is configured (the quality manager's page says so).
    pub smtp_url: Option<SecretString>,
    /// The sender of every mail.
    pub from: Address,
    /// Where staff and complainants reach the application, for the links
    /// in mail; no trailing slash.
    pub public_url: String,
    /// Delivery attempts before a message is marked failed.
    pub max_attempts: u32,
    /// Whether `public_url` was set (`KLACHT_PUBLIC_URL`); otherwise it
    /// follows the address actually served ([`MailConfig::serve_at`]).
    public_url_configured: bool,
}

impl MailConfig {
    /// The context every mail is composed in.
    pub fn context(&self, organisation: &str) -> MailContext {
        let mut ctx = MailContext::new(organisation, self.public_url.clone());
        let mut from = self.from.clone();
        if from.name.is_none() {
            from.name = Some(format!("{organisation} klachten"));
        }
        ctx.from = Some(from);
        ctx
    }

    /// The links follow `addr`, the address the server actually listens
    /// on, unless a public address was configured.
    pub fn serve_at(&mut self, addr: SocketAddr) {
        if !self.public_url_configured {
            self.public_url = served_url(addr);
        }
    }

    /// The mail server's settings, when one is configured. The URL was
    /// checked when the configuration was read.
    pub fn smtp(&self) -> Option<Result<SmtpSettings, klacht_mail::SmtpError>> {
        self.smtp_url.as_ref().map(SmtpSettings::parse)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileMail {
    enabled: Option<bool>,
    smtp_url: Option<String>,
    from: Option<String>,
    public_url: Option<String>,
    max_attempts: Option<u32>,
}

pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FileMail,
    addr: SocketAddr,
) -> Result<MailConfig, ConfigError> {
    let pick = |name: &str, from_file: Option<String>| {
        var(name)
            .or(from_file)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let enabled = match var("KLACHT_MAIL_ENABLED") {
        Some(_) => super::flag(var, "KLACHT_MAIL_ENABLED", None)?,
        None => file.enabled.unwrap_or(true),
    };

    let smtp_url = pick("KLACHT_SMTP_URL", file.smtp_url).map(SecretString::from);
    if let Some(url) = &smtp_url {
        // Fail at start-up, not on the first mail; the error never shows
        // the URL (it may carry a password).
        SmtpSettings::parse(url).map_err(|e| ConfigError::Var {
            var: "KLACHT_SMTP_URL",
            message: e.to_string(),
        })?;
    }

    let configured_url = pick("KLACHT_PUBLIC_URL", file.public_url);
    let public_url_configured = configured_url.is_some();
    let public_url = match configured_url {
        Some(url) => {
            let parsed = url::Url::parse(&url).map_err(|_| ConfigError::Var {
                var: "KLACHT_PUBLIC_URL",
                message: format!(
                    "'{url}' is geen adres (verwacht bijvoorbeeld https://klachten.example.nl)"
                ),
            })?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(ConfigError::Var {
                    var: "KLACHT_PUBLIC_URL",
                    message: format!("'{url}' begint niet met http:// of https://"),
                });
            }
            url.trim_end_matches('/').to_owned()
        }
        None => served_url(addr),
    };

    let from = match pick("KLACHT_MAIL_FROM", file.from) {
        Some(text) => parse_address(&text).ok_or_else(|| ConfigError::Var {
            var: "KLACHT_MAIL_FROM",
            message: format!(
                "'{text}' is geen e-mailadres (verwacht klachten@example.nl of \"Naam <klachten@example.nl>\")"
            ),
        })?,
        None => {
            let domain = default_domain(&public_url);
            // Other servers refuse (or file as spam) mail from
            // @localhost, and its Message-IDs would not be unique: with a
            // mail server configured the sender must be a real domain.
            if smtp_url.is_some() && domain == "localhost" {
                return Err(ConfigError::Var {
                    var: "KLACHT_MAIL_FROM",
                    message: "niet ingesteld, en de afzender zou dan klachten@localhost zijn, \
                              wat andere mailservers weigeren. Stel KLACHT_MAIL_FROM in \
                              (bijvoorbeeld \"Focus klachten <klachten@focus.nl>\"), \
                              of KLACHT_PUBLIC_URL met de domeinnaam van de applicatie"
                        .into(),
                });
            }
            Address::bare(format!("klachten@{domain}"))
        }
    };

    let max_attempts = match var("KLACHT_MAIL_MAX_ATTEMPTS") {
        Some(v) => v.trim().parse().map_err(|_| ConfigError::Var {
            var: "KLACHT_MAIL_MAX_ATTEMPTS",
            message: format!("'{v}' is geen aantal"),
        })?,
        None => file.max_attempts.unwrap_or(DEFAULT_MAIL_MAX_ATTEMPTS),
    };
    if max_attempts == 0 {
        return Err(ConfigError::Var {
            var: "KLACHT_MAIL_MAX_ATTEMPTS",
            message: "minstens 1".into(),
        });
    }

    Ok(MailConfig {
        enabled,
        smtp_url,
        from,
        public_url,
        max_attempts,
        public_url_configured,
    })
}

/// The public address of a server without `KLACHT_PUBLIC_URL`: where it
/// listens, with `localhost` for "every interface" (a link to 0.0.0.0
/// leads nowhere).
fn served_url(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() {
        format!("http://localhost:{}", addr.port())
    } else {
        format!("http://{addr}")
    }
}

/// `klachten@example.nl` or `Naam <klachten@example.nl>`.
fn parse_address(text: &str) -> Option<Address> {
    let (name, email) = match text.rsplit_once('<') {
        Some((name, rest)) => (
            name.trim().trim_matches('"').trim(),
            rest.strip_suffix('>')?.trim(),
        ),
        None => ("", text.trim()),
    };
    let email = Email::parse(email).ok()?;
    Some(Address::new(name, email.to_string()))
}

/// The host of the public address when it is a domain name, else
/// `localhost`.
fn default_domain(public_url: &str) -> String {
    url::Url::parse(public_url)
        .ok()
        .and_then(|u| match u.host() {
            Some(url::Host::Domain(d)) if d.contains('.') => Some(d.to_owned()),
            _ => None,
        })
        .unwrap_or_else(|| "localhost".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn load_with(pairs: &[(&str, &str)]) -> Result<MailConfig, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let var = move |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        load(
            &var,
            FileMail::default(),
            "127.0.0.1:8080".parse().expect("addr"),
        )
    }

    #[test]
    fn defaults_queue_mail_without_a_server() {
        let c = load_with(&[]).expect("defaults");
        assert!(c.enabled);
        assert!(c.smtp_url.is_none());
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
        assert_eq!(c.from, Address::bare("klachten@localhost"));
        assert_eq!(c.max_attempts, 8);
        let ctx = c.context("Focus");
        assert_eq!(
            ctx.from.and_then(|f| f.name).as_deref(),
            Some("Focus klachten")
        );
    }

    #[test]
    fn the_environment_sets_server_sender_and_address() {
        let c = load_with(&[
            (
                "KLACHT_SMTP_URL",
                "smtp://post:geheim@mail.focus.nl:587?tls=starttls",
            ),
            ("KLACHT_PUBLIC_URL", "https://klachten.focus.nl/"),
            ("KLACHT_MAIL_FROM", "Focus Klachten <klachten@focus.nl>"),
            ("KLACHT_MAIL_MAX_ATTEMPTS", "3"),
        ])
        .expect("loads");
        assert_eq!(
            c.smtp_url
                .as_ref()
                .map(|u| u.expose_secret().to_owned())
                .as_deref(),
            Some("smtp://post:geheim@mail.focus.nl:587?tls=starttls")
        );
        assert_eq!(c.public_url, "https://klachten.focus.nl");
        assert_eq!(c.from, Address::new("Focus Klachten", "klachten@focus.nl"));
        assert_eq!(c.max_attempts, 3);
        let c = load_with(&[("KLACHT_PUBLIC_URL", "https://klachten.focus.nl")]).expect("loads");
        assert_eq!(c.from.email, "klachten@klachten.focus.nl");
    }

    /// `klacht serve --addr 127.0.0.1:18101` without `KLACHT_PUBLIC_URL`:
    /// the links follow the address served, not the configured one.
    #[test]
    fn without_a_public_url_links_follow_the_address_served() {
        let mut c = load_with(&[]).expect("defaults");
        c.serve_at("127.0.0.1:18101".parse().expect("addr"));
        assert_eq!(c.public_url, "http://127.0.0.1:18101");
        assert_eq!(
            c.context("Focus").link("/agenda"),
            "http://127.0.0.1:18101/agenda"
        );
        c.serve_at("0.0.0.0:9000".parse().expect("addr"));
        assert_eq!(c.public_url, "http://localhost:9000");
        let mut c =
            load_with(&[("KLACHT_PUBLIC_URL", "https://klachten.focus.nl")]).expect("loads");
        c.serve_at("127.0.0.1:18101".parse().expect("addr"));
        assert_eq!(
            c.public_url, "https://klachten.focus.nl",
            "a configured address wins"
        );
    }

    #[test]
    fn bad_values_name_the_variable_and_hide_the_password() {
        let e = load_with(&[("KLACHT_SMTP_URL", "ftp://u:geheim@h")]).expect_err("bad url");
        assert!(e.to_string().contains("KLACHT_SMTP_URL"), "{e}");
        assert!(!e.to_string().contains("geheim"), "{e}");
        let e = load_with(&[("KLACHT_MAIL_FROM", "niemand")]).expect_err("bad from");
        assert!(e.to_string().contains("KLACHT_MAIL_FROM"), "{e}");
        let e = load_with(&[("KLACHT_PUBLIC_URL", "klachten.nl")]).expect_err("bad url");
        assert!(e.to_string().contains("KLACHT_PUBLIC_URL"), "{e}");
        let e = load_with(&[("KLACHT_MAIL_MAX_ATTEMPTS", "0")]).expect_err("zero");
        assert!(e.to_string().contains("KLACHT_MAIL_MAX_ATTEMPTS"), "{e}");
        let e = load_with(&[("KLACHT_MAIL_ENABLED", "misschien")]).expect_err("flag");
        assert!(e.to_string().contains("KLACHT_MAIL_ENABLED"), "{e}");
    }

    /// A mail server without a sender of a real domain: the start stops
    /// and says which variable to set.
    #[test]
    fn a_mail_server_needs_a_sender_that_is_not_localhost() {
        let e = load_with(&[("KLACHT_SMTP_URL", "smtp://127.0.0.1:2525")]).expect_err("localhost");
        let text = e.to_string();
        assert!(
            text.contains("KLACHT_MAIL_FROM") && text.contains("klachten@localhost"),
            "{e}"
        );
        assert!(text.contains("KLACHT_PUBLIC_URL"), "{e}");
        // Either variable is enough.
        let c = load_with(&[
            ("KLACHT_SMTP_URL", "smtp://127.0.0.1:2525"),
            ("KLACHT_MAIL_FROM", "klachten@focus.example"),
        ])
        .expect("explicit sender");
        assert_eq!(c.from.email, "klachten@focus.example");
        let c = load_with(&[
            ("KLACHT_SMTP_URL", "smtp://127.0.0.1:2525"),
            ("KLACHT_PUBLIC_URL", "https://klachten.focus.example"),
        ])
        .expect("domain of the public address");
        assert_eq!(c.from.email, "klachten@klachten.focus.example");
        // Without a mail server nothing is sent: no reason to stop.
        assert!(load_with(&[]).is_ok());
    }
}
