//! `[dossier]`: the documents' logo and the retention period (AVG/GDPR).
//! `KLACHT_LOGO` (a PNG, JPEG, GIF or SVG file) and
//! `KLACHT_RETENTION_YEARS` (default 2: personal data of a complaint is
//! anonymised two years after closing) win over the file.

use std::path::PathBuf;

use serde::Deserialize;

use super::ConfigError;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileDossier {
    logo: Option<String>,
    retention_years: Option<u32>,
}

/// The dossier's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierConfig {
    /// The organisation's logo on the complaint form and letters.
    pub logo: Option<PathBuf>,
    /// Years after closing (signals: after receipt) that personal data is
    /// kept; at least 1.
    pub retention_years: u32,
}

impl Default for DossierConfig {
    fn default() -> Self {
        Self {
            logo: None,
            retention_years: klacht_domain::retention::DEFAULT_YEARS,
        }
    }
}

pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FileDossier,
) -> Result<DossierConfig, ConfigError> {
    let logo = var("KLACHT_LOGO")
        .or(file.logo)
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let retention_years = match var("KLACHT_RETENTION_YEARS").map(|v| v.trim().to_owned()) {
        None => file
            .retention_years
            .unwrap_or(klacht_domain::retention::DEFAULT_YEARS),
        Some(v) => v.parse().map_err(|_| ConfigError::Var {
            var: "KLACHT_RETENTION_YEARS",
            message: format!("'{v}' is geen geheel aantal jaren"),
        })?,
    };
    if !(1..=100).contains(&retention_years) {
        return Err(ConfigError::Var {
            var: "KLACHT_RETENTION_YEARS",
            message: format!("{retention_years} jaar: kies een bewaartermijn van 1 tot 100 jaar"),
        });
    }
    Ok(DossierConfig {
        logo,
        retention_years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn defaults_and_overrides() {
        let c = load(&env(&[]), FileDossier::default()).expect("defaults");
        assert_eq!(c, DossierConfig::default());
        assert_eq!(c.retention_years, 2);
        let file = FileDossier {
            logo: Some("/etc/klacht/logo.png".into()),
            retention_years: Some(5),
        };
        let c = load(&env(&[("KLACHT_RETENTION_YEARS", "7")]), file).expect("loads");
        assert_eq!(c.retention_years, 7);
        assert_eq!(c.logo, Some(PathBuf::from("/etc/klacht/logo.png")));
        for bad in [
            &[("KLACHT_RETENTION_YEARS", "twee")][..],
            &[("KLACHT_RETENTION_YEARS", "0")],
        ] {
            let e = load(&env(bad), FileDossier::default()).expect_err("refused");
            assert!(e.to_string().contains("KLACHT_RETENTION_YEARS"), "{e}");
        }
    }
}
