//! `[operations]`: what the operator's monitoring sees. `KLACHT_METRICS_TOKEN`
//! and `KLACHT_LOG_FORMAT` win over the file.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::ConfigError;

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogFormat {
    /// One readable line per event (the default).
    #[default]
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

#[derive(Debug, Clone, Default)]
pub struct OperationsConfig {
    /// The bearer token `/metrics` asks for; without one `/metrics` does
    /// not exist (404).
    pub metrics_token: Option<SecretString>,
    pub log_format: LogFormat,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileOperations {
    metrics_token: Option<String>,
    log_format: Option<String>,
}

/// A shorter token is guessable by brute force over the network.
const MIN_TOKEN_CHARS: usize = 16;

pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FileOperations,
) -> Result<OperationsConfig, ConfigError> {
    let metrics_token = var("KLACHT_METRICS_TOKEN")
        .or(file.metrics_token)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .map(SecretString::from);
    if let Some(token) = &metrics_token
        && token.expose_secret().chars().count() < MIN_TOKEN_CHARS
    {
        return Err(ConfigError::Var {
            var: "KLACHT_METRICS_TOKEN",
            message: format!(
                "te kort: gebruik minstens {MIN_TOKEN_CHARS} tekens (bijvoorbeeld `openssl rand -hex 32`)"
            ),
        });
    }
    let log_format = match var("KLACHT_LOG_FORMAT")
        .or(file.log_format)
        .map(|f| f.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => {
            return Err(ConfigError::Var {
                var: "KLACHT_LOG_FORMAT",
                message: format!("'{other}' is geen logformaat (gebruik text of json)"),
            });
        }
    };
    Ok(OperationsConfig {
        metrics_token,
        log_format,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_with(pairs: &[(&str, &str)]) -> Result<OperationsConfig, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let var = move |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        load(&var, FileOperations::default())
    }

    #[test]
    fn defaults_have_no_metrics_and_text_logs() {
        let c = load_with(&[]).expect("defaults");
        assert!(c.metrics_token.is_none());
        assert_eq!(c.log_format, LogFormat::Text);
    }

    #[test]
    fn token_and_format_come_from_the_environment() {
        let c = load_with(&[
            ("KLACHT_METRICS_TOKEN", "0123456789abcdef0123"),
            ("KLACHT_LOG_FORMAT", "JSON"),
        ])
        .expect("loads");
        assert_eq!(
            c.metrics_token.as_ref().map(|t| t.expose_secret()),
            Some("0123456789abcdef0123")
        );
        assert_eq!(c.log_format, LogFormat::Json);
    }

    #[test]
    fn bad_values_name_the_variable_and_hide_the_token() {
        let e = load_with(&[("KLACHT_METRICS_TOKEN", "kort")]).expect_err("short");
        assert!(e.to_string().contains("KLACHT_METRICS_TOKEN"), "{e}");
        assert!(!e.to_string().contains("kort'"), "{e}");
        let e = load_with(&[("KLACHT_LOG_FORMAT", "xml")]).expect_err("format");
        assert!(e.to_string().contains("KLACHT_LOG_FORMAT"), "{e}");
    }
}
