//! `[public]`: the public site (DESIGN §8). `KLACHT_REGULATION` (a
//! Markdown file with the organisation's complaint regulation; the shipped
//! example otherwise), `KLACHT_REGULATION_EN` (the same in English; without
//! it the English site shows the Dutch text with a note), `KLACHT_PUBLIC_SUBMISSIONS_PER_HOUR` (default 5 per
//! client address) and `KLACHT_TRUSTED_PROXY` (comma-separated addresses
//! of reverse proxies whose `X-Forwarded-For` is believed) win over the
//! file.

use std::net::IpAddr;
use std::path::PathBuf;

use serde::Deserialize;

use super::ConfigError;

/// Submissions of the public form one client address may make per hour.
pub const DEFAULT_SUBMISSIONS_PER_HOUR: u32 = 5;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FilePublic {
    regulation: Option<PathBuf>,
    regulation_en: Option<PathBuf>,
    submissions_per_hour: Option<u32>,
    trusted_proxy: Option<Vec<String>>,
}

/// Settings of the public site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicConfig {
    /// The regulation as Markdown; `None`: the shipped example.
    pub regulation: Option<PathBuf>,
    /// The regulation in English; `None`: the English pages show the
    /// Dutch text with a note.
    pub regulation_en: Option<PathBuf>,
    /// Public form submissions per client address per hour (at least 1).
    pub submissions_per_hour: u32,
    /// Proxies in front of the server. Only when the connection comes from
    /// one of these is the client address taken from `X-Forwarded-For`;
    /// otherwise that header is ignored (anyone can send it).
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for PublicConfig {
    fn default() -> Self {
        Self {
            regulation: None,
            regulation_en: None,
            submissions_per_hour: DEFAULT_SUBMISSIONS_PER_HOUR,
            trusted_proxies: Vec::new(),
        }
    }
}

pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FilePublic,
) -> Result<PublicConfig, ConfigError> {
    let regulation = match var("KLACHT_REGULATION").map(|v| v.trim().to_owned()) {
        Some(v) if v.is_empty() => None,
        Some(v) => Some(PathBuf::from(v)),
        None => file.regulation,
    };
    let regulation_en = match var("KLACHT_REGULATION_EN").map(|v| v.trim().to_owned()) {
        Some(v) if v.is_empty() => None,
        Some(v) => Some(PathBuf::from(v)),
        None => file.regulation_en,
    };
    let per_hour = match var("KLACHT_PUBLIC_SUBMISSIONS_PER_HOUR").map(|v| v.trim().to_owned()) {
        None => file
            .submissions_per_hour
            .unwrap_or(DEFAULT_SUBMISSIONS_PER_HOUR),
        Some(v) => v.parse().map_err(|_| ConfigError::Var {
            var: "KLACHT_PUBLIC_SUBMISSIONS_PER_HOUR",
            message: format!("'{v}' is geen geheel getal"),
        })?,
    };
    if per_hour == 0 {
        return Err(ConfigError::Var {
            var: "KLACHT_PUBLIC_SUBMISSIONS_PER_HOUR",
            message: "moet minstens 1 zijn".into(),
        });
    }
    let proxies: Vec<String> = match var("KLACHT_TRUSTED_PROXY") {
        Some(list) => list.split(',').map(|s| s.trim().to_owned()).collect(),
        None => file.trusted_proxy.unwrap_or_default(),
    };
    let trusted_proxies = proxies
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpAddr>().map_err(|_| ConfigError::Var {
                var: "KLACHT_TRUSTED_PROXY",
                message: format!("'{s}' is geen IP-adres"),
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(PublicConfig {
        regulation,
        regulation_en,
        submissions_per_hour: per_hour,
        trusted_proxies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_file_and_environment() {
        let c = load(&env(&[]), FilePublic::default()).expect("defaults");
        assert_eq!(c, PublicConfig::default());
        let file = FilePublic {
            regulation: Some("reglement.md".into()),
            regulation_en: Some("regulation.md".into()),
            submissions_per_hour: Some(10),
            trusted_proxy: Some(vec!["10.0.0.1".into()]),
        };
        let c = load(&env(&[("KLACHT_TRUSTED_PROXY", "127.0.0.1, ::1")]), file).expect("loads");
        assert_eq!(c.regulation, Some(PathBuf::from("reglement.md")));
        assert_eq!(c.regulation_en, Some(PathBuf::from("regulation.md")));
        assert_eq!(c.submissions_per_hour, 10);
        assert_eq!(c.trusted_proxies.len(), 2);
        let english = env(&[("KLACHT_REGULATION_EN", "/etc/klacht/regulation.md")]);
        let c = load(&english, FilePublic::default()).expect("loads");
        assert_eq!(
            c.regulation_en,
            Some(PathBuf::from("/etc/klacht/regulation.md"))
        );
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (var, value) in [
            ("KLACHT_PUBLIC_SUBMISSIONS_PER_HOUR", "vijf"),
            ("KLACHT_PUBLIC_SUBMISSIONS_PER_HOUR", "0"),
            ("KLACHT_TRUSTED_PROXY", "proxy.example"),
        ] {
            let e = load(&env(&[(var, value)]), FilePublic::default()).expect_err(value);
            assert!(e.to_string().contains(var), "{e}");
        }
    }
}
