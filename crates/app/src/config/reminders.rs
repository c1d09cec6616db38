//! `[reminders]`: the deadline engine (issue 4). `KLACHT_REMINDERS` (which
//! reminders: `day_before,morning_of`, the default, or `none`),
//! `KLACHT_REMINDER_HOUR` (the local hour from which a working day's
//! messages go out, default 7), `KLACHT_DIGEST` (the managers' daily
//! digest, default on) and `KLACHT_DIRECTOR_WARNINGS` (the directors get
//! the missed-term warnings and a weekly summary of overdue terms, default
//! on) win over the file.

use jiff::civil::Time;
use klacht_domain::reminders::ReminderSettings;
use serde::Deserialize;

use super::ConfigError;

pub const DEFAULT_REMINDER_HOUR: i8 = 7;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileReminders {
    /// `["day_before", "morning_of"]`.
    kinds: Option<Vec<String>>,
    hour: Option<i8>,
    digest: Option<bool>,
    director_warnings: Option<bool>,
}

pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FileReminders,
) -> Result<ReminderSettings, ConfigError> {
    let mut settings = ReminderSettings::default();
    let kinds = match var("KLACHT_REMINDERS") {
        Some(list) => Some(list),
        None => file.kinds.map(|k| k.join(",")),
    };
    if let Some(list) = kinds {
        settings.kinds = ReminderSettings::parse_kinds(&list).map_err(|e| ConfigError::Var {
            var: "KLACHT_REMINDERS",
            message: super::unparsed(&e),
        })?;
    }
    let hour = match var("KLACHT_REMINDER_HOUR").map(|v| v.trim().to_owned()) {
        Some(v) => Some(v.parse::<i8>().map_err(|_| ConfigError::Var {
            var: "KLACHT_REMINDER_HOUR",
            message: format!("'{v}' is geen uur (0 tot en met 23)"),
        })?),
        None => file.hour,
    };
    let hour = hour.unwrap_or(DEFAULT_REMINDER_HOUR);
    settings.morning = Time::new(hour, 0, 0, 0).map_err(|_| ConfigError::Var {
        var: "KLACHT_REMINDER_HOUR",
        message: format!("'{hour}' is geen uur (0 tot en met 23)"),
    })?;
    settings.digest = match var("KLACHT_DIGEST") {
        Some(_) => super::flag(var, "KLACHT_DIGEST", None)?,
        None => file.digest.unwrap_or(true),
    };
    settings.director_warnings = match var("KLACHT_DIRECTOR_WARNINGS") {
        Some(_) => super::flag(var, "KLACHT_DIRECTOR_WARNINGS", None)?,
        None => file.director_warnings.unwrap_or(true),
    };
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use klacht_domain::reminders::ReminderKind;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_both_reminders_at_seven_with_digest() {
        let s = load(&env(&[]), FileReminders::default()).expect("defaults");
        assert_eq!(s, ReminderSettings::default());
        assert_eq!(s.morning, Time::constant(7, 0, 0, 0));
        assert_eq!(s.kinds.len(), 2);
        assert!(s.digest);
        assert!(s.director_warnings, "the director is warned by default");
    }

    #[test]
    fn the_directors_warnings_can_be_switched_off_in_the_file_or_the_environment() {
        let file = || FileReminders {
            director_warnings: Some(false),
            ..FileReminders::default()
        };
        assert!(!load(&env(&[]), file()).expect("file").director_warnings);
        let s = load(&env(&[("KLACHT_DIRECTOR_WARNINGS", "true")]), file()).expect("env");
        assert!(s.director_warnings, "the environment wins");
        let s = load(
            &env(&[("KLACHT_DIRECTOR_WARNINGS", "false")]),
            FileReminders::default(),
        )
        .expect("env");
        assert!(!s.director_warnings);
        let e = load(
            &env(&[("KLACHT_DIRECTOR_WARNINGS", "misschien")]),
            FileReminders::default(),
        )
        .expect_err("bad flag");
        assert!(e.to_string().contains("KLACHT_DIRECTOR_WARNINGS"), "{e}");
    }

    #[test]
    fn the_environment_wins_over_the_file() {
        let file = FileReminders {
            kinds: Some(vec!["morning_of".into()]),
            hour: Some(8),
            digest: Some(false),
            director_warnings: None,
        };
        let s = load(&env(&[]), file).expect("file");
        assert_eq!(s.kinds, [ReminderKind::MorningOf].into());
        assert_eq!(s.morning, Time::constant(8, 0, 0, 0));
        assert!(!s.digest);
        let file = FileReminders {
            kinds: Some(vec!["morning_of".into()]),
            hour: Some(8),
            digest: Some(false),
            director_warnings: None,
        };
        let s = load(
            &env(&[
                ("KLACHT_REMINDERS", "day_before"),
                ("KLACHT_REMINDER_HOUR", " 6 "),
                ("KLACHT_DIGEST", "aan"),
            ]),
            file,
        );
        // "aan" is not a yes/no value the configuration knows.
        let e = s.expect_err("bad flag");
        assert!(e.to_string().contains("KLACHT_DIGEST"), "{e}");
        let s = load(
            &env(&[
                ("KLACHT_REMINDERS", "day_before"),
                ("KLACHT_REMINDER_HOUR", " 6 "),
                ("KLACHT_DIGEST", "true"),
            ]),
            FileReminders::default(),
        )
        .expect("env");
        assert_eq!(s.kinds, [ReminderKind::DayBefore].into());
        assert_eq!(s.morning, Time::constant(6, 0, 0, 0));
        assert!(s.digest);
        let s = load(
            &env(&[("KLACHT_REMINDERS", "none")]),
            FileReminders::default(),
        )
        .expect("none");
        assert!(s.kinds.is_empty());
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (var, value) in [
            ("KLACHT_REMINDERS", "weekly"),
            ("KLACHT_REMINDER_HOUR", "24"),
            ("KLACHT_REMINDER_HOUR", "zeven"),
        ] {
            let e = load(&env(&[(var, value)]), FileReminders::default()).expect_err(value);
            assert!(e.to_string().contains(var), "{e}");
        }
    }
}
