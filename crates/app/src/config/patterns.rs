//! `[patterns]`: when complaints form a structural pattern (DESIGN §6).
//! `KLACHT_PATTERN_MIN_COMPLAINTS` and `KLACHT_PATTERN_WINDOW_DAYS` win
//! over the file; the defaults are 3 complaints within 90 days.

use klacht_domain::patterns::PatternRules;
use serde::Deserialize;

use super::ConfigError;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FilePatterns {
    min_complaints: Option<u32>,
    window_days: Option<u32>,
}

fn number(
    var: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    from_file: Option<u32>,
    default: u32,
) -> Result<u32, ConfigError> {
    match var(name).map(|v| v.trim().to_owned()) {
        None => Ok(from_file.unwrap_or(default)),
        Some(v) => v.parse().map_err(|_| ConfigError::Var {
            var: name,
            message: format!("'{v}' is geen geheel getal"),
        }),
    }
}

pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FilePatterns,
) -> Result<PatternRules, ConfigError> {
    let min = number(
        var,
        "KLACHT_PATTERN_MIN_COMPLAINTS",
        file.min_complaints,
        PatternRules::DEFAULT_MIN_COMPLAINTS,
    )?;
    let days = number(
        var,
        "KLACHT_PATTERN_WINDOW_DAYS",
        file.window_days,
        PatternRules::DEFAULT_WINDOW_DAYS,
    )?;
    PatternRules::new(min, days).map_err(|e| ConfigError::Var {
        var: if min < 2 {
            "KLACHT_PATTERN_MIN_COMPLAINTS"
        } else {
            "KLACHT_PATTERN_WINDOW_DAYS"
        },
        message: super::unparsed(&e),
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
        let rules = load(&env(&[]), FilePatterns::default()).expect("defaults");
        assert_eq!((rules.min_complaints(), rules.window_days()), (3, 90));
        let file = FilePatterns {
            min_complaints: Some(4),
            window_days: Some(30),
        };
        let rules = load(&env(&[("KLACHT_PATTERN_WINDOW_DAYS", " 60 ")]), file).expect("loads");
        assert_eq!((rules.min_complaints(), rules.window_days()), (4, 60));
    }

    #[test]
    fn bad_values_name_the_variable() {
        let e = load(
            &env(&[("KLACHT_PATTERN_MIN_COMPLAINTS", "drie")]),
            FilePatterns::default(),
        )
        .expect_err("not a number");
        assert!(
            e.to_string().contains("KLACHT_PATTERN_MIN_COMPLAINTS"),
            "{e}"
        );
        let e = load(
            &env(&[("KLACHT_PATTERN_MIN_COMPLAINTS", "1")]),
            FilePatterns::default(),
        )
        .expect_err("too few");
        assert!(
            e.to_string().contains("KLACHT_PATTERN_MIN_COMPLAINTS"),
            "{e}"
        );
        let e = load(
            &env(&[("KLACHT_PATTERN_WINDOW_DAYS", "0")]),
            FilePatterns::default(),
        )
        .expect_err("no window");
        assert!(e.to_string().contains("KLACHT_PATTERN_WINDOW_DAYS"), "{e}");
    }
}
