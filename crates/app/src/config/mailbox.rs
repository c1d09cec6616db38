//! `[mailbox]`: complaints from the mailbox (issue 17 §2).
//! `KLACHT_IMAP_URL` (`imaps://user:pass@host:993/INBOX`; plain IMAP only
//! with `imap://…?tls=none`, for tests), `KLACHT_MAILBOX_ADDRESS` (the
//! address complainants write to, for the plus-addressed `Reply-To`; the
//! IMAP user when that is an address), `KLACHT_IMAP_PROCESSED_FOLDER`
//! (default `klacht-verwerkt`) and `KLACHT_IMAP_POLL_SECONDS` (default 60)
//! win over the file.

use std::time::Duration;

use klacht_domain::Email;
use klacht_mail::Address;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::ConfigError;

pub const DEFAULT_PROCESSED_FOLDER: &str = "klacht-verwerkt";
pub const DEFAULT_POLL_SECONDS: u64 = 60;

/// Where the IMAP server is and who signs in; the password stays secret.
#[derive(Debug, Clone)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    /// Implicit TLS (`imaps://`); false only with `?tls=none`.
    pub tls: bool,
    pub user: String,
    pub password: SecretString,
    /// The folder new mail arrives in (the URL's path; `INBOX`).
    pub folder: String,
}

impl ImapSettings {
    /// Parses `imaps://user:pass@host[:port][/folder]` or
    /// `imap://user:pass@host[:port][/folder]?tls=none`. The error never
    /// shows the URL (it carries a password).
    pub fn parse(url: &SecretString) -> Result<Self, String> {
        let parsed = url::Url::parse(url.expose_secret())
            .map_err(|_| "geen adres (verwacht imaps://gebruiker:wachtwoord@host:993/INBOX)")?;
        let plain_asked = parsed
            .query_pairs()
            .any(|(k, v)| k == "tls" && v.eq_ignore_ascii_case("none"));
        let tls = match parsed.scheme() {
            "imaps" => true,
            "imap" if plain_asked => false,
            "imap" => {
                return Err(
                    "imap:// zonder versleuteling alleen met ?tls=none (voor tests); \
                            gebruik imaps://"
                        .into(),
                );
            }
            _ => return Err("begint niet met imaps://".into()),
        };
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("geen server")?
            .to_owned();
        let user = percent_decode(parsed.username());
        if user.is_empty() {
            return Err("geen gebruikersnaam".into());
        }
        let password = percent_decode(parsed.password().unwrap_or(""));
        let folder = percent_decode(parsed.path().trim_start_matches('/'));
        Ok(Self {
            host,
            port: parsed.port().unwrap_or(if tls { 993 } else { 143 }),
            tls,
            user,
            password: password.into(),
            folder: if folder.is_empty() {
                "INBOX".into()
            } else {
                folder
            },
        })
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[derive(Debug, Clone)]
pub struct MailboxConfig {
    /// `None`: no mailbox is read.
    pub imap: Option<ImapSettings>,
    /// The address complainants write to; replies to klacht's mail go to
    /// it plus-addressed with the complaint's reference.
    pub address: Option<Address>,
    /// Where messages go once taken in.
    pub processed_folder: String,
    /// How often the mailbox is looked at when the server offers no IDLE
    /// (and at most how long an IDLE waits).
    pub poll: Duration,
}

impl Default for MailboxConfig {
    fn default() -> Self {
        Self {
            imap: None,
            address: None,
            processed_folder: DEFAULT_PROCESSED_FOLDER.into(),
            poll: Duration::from_secs(DEFAULT_POLL_SECONDS),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileMailbox {
    imap_url: Option<String>,
    address: Option<String>,
    processed_folder: Option<String>,
    poll_seconds: Option<u64>,
}

pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FileMailbox,
) -> Result<MailboxConfig, ConfigError> {
    let pick = |name: &str, from_file: Option<String>| {
        var(name)
            .or(from_file)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let imap = match pick("KLACHT_IMAP_URL", file.imap_url) {
        None => None,
        Some(url) => Some(
            ImapSettings::parse(&SecretString::from(url)).map_err(|message| ConfigError::Var {
                var: "KLACHT_IMAP_URL",
                message,
            })?,
        ),
    };
    let address = match pick("KLACHT_MAILBOX_ADDRESS", file.address) {
        Some(text) => Some(Email::parse(&text).map_err(|_| ConfigError::Var {
            var: "KLACHT_MAILBOX_ADDRESS",
            message: format!("'{text}' is geen e-mailadres"),
        })?),
        None => imap.as_ref().and_then(|i| Email::parse(&i.user).ok()),
    }
    .map(|e| Address::bare(e.to_string()));
    let processed_folder = pick("KLACHT_IMAP_PROCESSED_FOLDER", file.processed_folder)
        .unwrap_or_else(|| DEFAULT_PROCESSED_FOLDER.into());
    let poll_seconds = match var("KLACHT_IMAP_POLL_SECONDS") {
        Some(v) => v.trim().parse().map_err(|_| ConfigError::Var {
            var: "KLACHT_IMAP_POLL_SECONDS",
            message: format!("'{v}' is geen aantal seconden"),
        })?,
        None => file.poll_seconds.unwrap_or(DEFAULT_POLL_SECONDS),
    };
    if poll_seconds == 0 {
        return Err(ConfigError::Var {
            var: "KLACHT_IMAP_POLL_SECONDS",
            message: "minstens 1".into(),
        });
    }
    Ok(MailboxConfig {
        imap,
        address,
        processed_folder,
        poll: Duration::from_secs(poll_seconds),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_with(pairs: &[(&str, &str)]) -> Result<MailboxConfig, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let var = move |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        load(&var, FileMailbox::default())
    }

    #[test]
    fn tls_by_default_and_plain_only_when_asked() {
        let c = load_with(&[(
            "KLACHT_IMAP_URL",
            "imaps://klachten%40focus.nl:ge%2Bheim@outlook.office365.com/INBOX",
        )])
        .expect("loads");
        let imap = c.imap.expect("imap");
        assert!(imap.tls);
        assert_eq!(imap.port, 993);
        assert_eq!(imap.user, "klachten@focus.nl");
        assert_eq!(imap.password.expose_secret(), "ge+heim");
        assert_eq!(imap.folder, "INBOX");
        assert_eq!(
            c.address.map(|a| a.email).as_deref(),
            Some("klachten@focus.nl")
        );
        assert_eq!(c.processed_folder, "klacht-verwerkt");

        let e = load_with(&[("KLACHT_IMAP_URL", "imap://u:geheim@localhost:1143")])
            .expect_err("plain without asking");
        assert!(e.to_string().contains("tls=none"), "{e}");
        assert!(!e.to_string().contains("geheim"), "{e}");
        let c = load_with(&[
            ("KLACHT_IMAP_URL", "imap://u:p@127.0.0.1:1143?tls=none"),
            ("KLACHT_MAILBOX_ADDRESS", "klachten@focus.example"),
        ])
        .expect("plain when asked");
        let imap = c.imap.expect("imap");
        assert!(!imap.tls);
        assert_eq!((imap.port, imap.folder.as_str()), (1143, "INBOX"));
        assert_eq!(
            c.address.map(|a| a.email).as_deref(),
            Some("klachten@focus.example")
        );
    }

    #[test]
    fn without_a_url_no_mailbox_is_read() {
        let c = load_with(&[]).expect("defaults");
        assert!(c.imap.is_none() && c.address.is_none());
        let e = load_with(&[("KLACHT_IMAP_POLL_SECONDS", "0")]).expect_err("zero");
        assert!(e.to_string().contains("KLACHT_IMAP_POLL_SECONDS"), "{e}");
    }
}
