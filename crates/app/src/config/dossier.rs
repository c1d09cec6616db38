//! `[dossier]`: the documents' logo and the retention period (AVG/GDPR).
//! `KLACHT_LOGO` (a PNG, JPEG, GIF or SVG file) and
//! `KLACHT_RETENTION_YEARS` (default 2: personal data of a complaint is
//! anonymised two years after closing) win over the file.
//! `KLACHT_DOSSIER_CATCH_UP=uit` (`catch_up = false`) stops the server's
//! rounds from filing the backlog of older closed complaints (after an
//! import: hundreds of thousands of forms, hours of one core); recent ones
//! are still filed, and `klacht dossier` files the backlog when chosen.

use std::path::PathBuf;

use serde::Deserialize;

use super::ConfigError;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileDossier {
    logo: Option<String>,
    retention_years: Option<u32>,
    catch_up: Option<bool>,
}

/// The dossier's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierConfig {
    /// The organisation's logo on the complaint form and letters.
    pub logo: Option<PathBuf>,
    /// Years after closing (signals: after receipt) that personal data is
    /// kept; at least 1.
    pub retention_years: u32,
    /// Whether the server files the backlog of older closed complaints
    /// (default) or leaves it to `klacht dossier`.
    pub catch_up: bool,
}

impl Default for DossierConfig {
    fn default() -> Self {
        Self {
            logo: None,
            retention_years: klacht_domain::retention::DEFAULT_YEARS,
            catch_up: true,
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
    let catch_up = match var("KLACHT_DOSSIER_CATCH_UP").map(|v| v.trim().to_lowercase()) {
        None => file.catch_up.unwrap_or(true),
        Some(v) => match v.as_str() {
            "aan" | "ja" | "true" | "1" => true,
            "uit" | "nee" | "false" | "0" => false,
            _ => {
                return Err(ConfigError::Var {
                    var: "KLACHT_DOSSIER_CATCH_UP",
                    message: format!("'{v}': kies aan of uit"),
                });
            }
        },
    };
    Ok(DossierConfig {
        logo,
        retention_years,
        catch_up,
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
            catch_up: Some(true),
        };
        let c = load(
            &env(&[
                ("KLACHT_RETENTION_YEARS", "7"),
                ("KLACHT_DOSSIER_CATCH_UP", "Uit"),
            ]),
            file,
        )
        .expect("loads");
        assert_eq!(c.retention_years, 7);
        assert!(!c.catch_up, "the variable wins over the file");
        assert_eq!(c.logo, Some(PathBuf::from("/etc/klacht/logo.png")));
        for bad in [
            &[("KLACHT_RETENTION_YEARS", "twee")][..],
            &[("KLACHT_RETENTION_YEARS", "0")],
            &[("KLACHT_DOSSIER_CATCH_UP", "soms")],
        ] {
            let e = load(&env(bad), FileDossier::default()).expect_err("refused");
            assert!(e.to_string().contains(bad[0].0), "{e}");
        }
    }
}
