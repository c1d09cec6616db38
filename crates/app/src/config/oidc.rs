//! `[oidc]`: single sign-on with Microsoft Entra ID or any OpenID Connect
//! provider (README, "Single sign-on"). Without an issuer there is no
//! single sign-on and password sign-in is the only way in.
//! `KLACHT_OIDC_ISSUER`, `KLACHT_OIDC_CLIENT_ID`, `KLACHT_OIDC_CLIENT_SECRET`,
//! `KLACHT_OIDC_EMAIL_CLAIM`, `KLACHT_OIDC_BUTTON_LABEL`,
//! `KLACHT_OIDC_PASSWORD_SIGN_IN`, `KLACHT_OIDC_ROLE_CLAIM` and
//! `KLACHT_OIDC_ROLES` win over the file.

use std::collections::BTreeMap;

use klacht_domain::Role;
use secrecy::SecretString;
use serde::Deserialize;

use super::ConfigError;

pub const DEFAULT_BUTTON_LABEL: &str = "Inloggen met Microsoft";

/// The ID-token claim that holds the e-mail address a staff account is
/// found by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmailClaim {
    /// `email`: Entra sends it when the optional claim is added.
    #[default]
    Email,
    /// `preferred_username`: Entra's sign-in name, usually the address.
    PreferredUsername,
}

impl EmailClaim {
    pub fn name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::PreferredUsername => "preferred_username",
        }
    }
}

/// Settings of single sign-on.
#[derive(Debug, Clone)]
pub struct OidcConfig {
    /// Where discovery starts (`/.well-known/openid-configuration` below
    /// it); for Entra `https://login.microsoftonline.com/{tenant}/v2.0`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: SecretString,
    pub email_claim: EmailClaim,
    /// The text of the sign-in button.
    pub button_label: String,
    /// `false`: only the administrator signs in with a password (a way in
    /// when the provider is down); everyone else uses single sign-on.
    pub password_sign_in: bool,
    /// Off unless both are set: the claim with the provider's app roles or
    /// groups, and which of its values stands for which klacht role.
    pub role_claim: Option<String>,
    pub roles: BTreeMap<String, Role>,
}

impl OidcConfig {
    /// The redirect URI to register at the provider, below the address
    /// klacht is reached at.
    pub fn redirect_url(public_url: &str) -> String {
        format!("{}/inloggen/sso/terug", public_url.trim_end_matches('/'))
    }

    /// The klacht role the provider's values ask for, when role mapping is
    /// on and exactly one role follows from them (several: the mapping is
    /// ambiguous and the account keeps its role).
    pub fn mapped_role<'a>(&self, values: impl IntoIterator<Item = &'a str>) -> Option<Role> {
        self.role_claim.as_ref()?;
        let mut found: Vec<Role> = values
            .into_iter()
            .filter_map(|v| self.roles.get(v).copied())
            .collect();
        found.sort_by_key(|r| r.as_str());
        found.dedup();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileOidc {
    issuer: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    email_claim: Option<String>,
    button_label: Option<String>,
    password_sign_in: Option<bool>,
    role_claim: Option<String>,
    roles: Option<BTreeMap<String, String>>,
}

fn required(
    var: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    from_file: Option<String>,
) -> Result<String, ConfigError> {
    var(name)
        .or(from_file)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .ok_or(ConfigError::Var {
            var: name,
            message: "nodig voor single sign-on (KLACHT_OIDC_ISSUER is gezet)".into(),
        })
}

pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FileOidc,
) -> Result<Option<OidcConfig>, ConfigError> {
    let Some(issuer) = var("KLACHT_OIDC_ISSUER")
        .or(file.issuer)
        .map(|v| v.trim().trim_end_matches('/').to_owned())
        .filter(|v| !v.is_empty())
    else {
        return Ok(None);
    };
    let parsed = url::Url::parse(&issuer).map_err(|_| ConfigError::Var {
        var: "KLACHT_OIDC_ISSUER",
        message: format!(
            "'{issuer}' is geen adres (voor Entra ID: https://login.microsoftonline.com/<tenant>/v2.0)"
        ),
    })?;
    // Plain HTTP only on this machine (the tests' provider).
    let loopback = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if parsed.scheme() != "https" && !(parsed.scheme() == "http" && loopback) {
        return Err(ConfigError::Var {
            var: "KLACHT_OIDC_ISSUER",
            message: format!("'{issuer}' moet met https:// beginnen"),
        });
    }
    let client_id = required(var, "KLACHT_OIDC_CLIENT_ID", file.client_id)?;
    let client_secret = required(var, "KLACHT_OIDC_CLIENT_SECRET", file.client_secret)?.into();
    let email_claim = match var("KLACHT_OIDC_EMAIL_CLAIM")
        .or(file.email_claim)
        .map(|v| v.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "email") => EmailClaim::Email,
        Some("preferred_username") => EmailClaim::PreferredUsername,
        Some(other) => {
            return Err(ConfigError::Var {
                var: "KLACHT_OIDC_EMAIL_CLAIM",
                message: format!("'{other}': kies email of preferred_username"),
            });
        }
    };
    let button_label = var("KLACHT_OIDC_BUTTON_LABEL")
        .or(file.button_label)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_BUTTON_LABEL.into());
    let password_sign_in = match var("KLACHT_OIDC_PASSWORD_SIGN_IN") {
        Some(_) => super::flag(var, "KLACHT_OIDC_PASSWORD_SIGN_IN", None)?,
        None => file.password_sign_in.unwrap_or(true),
    };
    let role_claim = var("KLACHT_OIDC_ROLE_CLAIM")
        .or(file.role_claim)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    let pairs: Vec<(String, String)> = match var("KLACHT_OIDC_ROLES") {
        Some(list) => list
            .split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                p.split_once('=')
                    .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                    .ok_or_else(|| ConfigError::Var {
                        var: "KLACHT_OIDC_ROLES",
                        message: format!("'{p}': verwacht waarde=rol, bijvoorbeeld Klacht.Kwaliteit=quality-manager"),
                    })
            })
            .collect::<Result<_, _>>()?,
        None => file.roles.unwrap_or_default().into_iter().collect(),
    };
    let roles = pairs
        .into_iter()
        .map(|(value, role)| {
            role.parse::<Role>()
                .map(|r| (value, r))
                .map_err(|e| ConfigError::Var {
                    var: "KLACHT_OIDC_ROLES",
                    message: super::unparsed(&e),
                })
        })
        .collect::<Result<BTreeMap<_, _>, _>>()?;
    if !roles.is_empty() && role_claim.is_none() {
        return Err(ConfigError::Var {
            var: "KLACHT_OIDC_ROLE_CLAIM",
            message: "nodig bij KLACHT_OIDC_ROLES: welke claim de rollen bevat (roles of groups)"
                .into(),
        });
    }
    Ok(Some(OidcConfig {
        issuer,
        client_id,
        client_secret,
        email_claim,
        button_label,
        password_sign_in,
        role_claim,
        roles,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    const ENTRA: &str =
        "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0";

    #[test]
    fn without_an_issuer_there_is_no_single_sign_on() {
        assert!(
            load(&env(&[]), FileOidc::default())
                .expect("loads")
                .is_none()
        );
    }

    #[test]
    fn an_entra_configuration_loads_with_its_defaults() {
        let c = load(
            &env(&[
                ("KLACHT_OIDC_ISSUER", ENTRA),
                ("KLACHT_OIDC_CLIENT_ID", "f0e1"),
                ("KLACHT_OIDC_CLIENT_SECRET", "geheim~123"),
            ]),
            FileOidc::default(),
        )
        .expect("loads")
        .expect("configured");
        assert_eq!(c.issuer, ENTRA);
        assert_eq!(c.client_secret.expose_secret(), "geheim~123");
        assert_eq!(c.email_claim, EmailClaim::Email);
        assert_eq!(c.button_label, DEFAULT_BUTTON_LABEL);
        assert!(c.password_sign_in);
        assert!(c.role_claim.is_none() && c.roles.is_empty());
        assert!(
            !format!("{c:?}").contains("geheim"),
            "the secret is never printed"
        );
        assert_eq!(
            OidcConfig::redirect_url("https://klachten.example.nl/"),
            "https://klachten.example.nl/inloggen/sso/terug"
        );
    }

    #[test]
    fn the_readmes_file_example_loads() {
        let file: FileOidc = toml::from_str(&format!(
            "issuer = \"{ENTRA}\"\nclient_id = \"a\"\nclient_secret = \"b\"\npassword_sign_in = false\nrole_claim = \"roles\"\n[roles]\n\"Klacht.Kwaliteit\" = \"quality-manager\"\n\"Klacht.Directie\" = \"director\"\n"
        ))
        .expect("parses");
        let c = load(&env(&[]), file).expect("loads").expect("configured");
        assert!(!c.password_sign_in);
        assert_eq!(c.roles.get("Klacht.Directie"), Some(&Role::Director));
        assert_eq!(
            c.mapped_role(["Klacht.Kwaliteit"]),
            Some(Role::QualityManager)
        );
    }

    #[test]
    fn missing_or_bad_values_name_the_variable() {
        let e = load(&env(&[("KLACHT_OIDC_ISSUER", ENTRA)]), FileOidc::default())
            .expect_err("no client id");
        assert!(e.to_string().contains("KLACHT_OIDC_CLIENT_ID"), "{e}");
        let e = load(
            &env(&[
                ("KLACHT_OIDC_ISSUER", "http://login.example.com"),
                ("KLACHT_OIDC_CLIENT_ID", "a"),
                ("KLACHT_OIDC_CLIENT_SECRET", "b"),
            ]),
            FileOidc::default(),
        )
        .expect_err("plain http elsewhere");
        assert!(e.to_string().contains("https://"), "{e}");
        let e = load(
            &env(&[
                ("KLACHT_OIDC_ISSUER", ENTRA),
                ("KLACHT_OIDC_CLIENT_ID", "a"),
                ("KLACHT_OIDC_CLIENT_SECRET", "b"),
                ("KLACHT_OIDC_EMAIL_CLAIM", "upn"),
            ]),
            FileOidc::default(),
        )
        .expect_err("unknown claim");
        assert!(e.to_string().contains("KLACHT_OIDC_EMAIL_CLAIM"), "{e}");
    }

    #[test]
    fn roles_map_only_when_exactly_one_klacht_role_follows() {
        let c = load(
            &env(&[
                ("KLACHT_OIDC_ISSUER", ENTRA),
                ("KLACHT_OIDC_CLIENT_ID", "a"),
                ("KLACHT_OIDC_CLIENT_SECRET", "b"),
                ("KLACHT_OIDC_ROLE_CLAIM", "roles"),
                (
                    "KLACHT_OIDC_ROLES",
                    "Klacht.Kwaliteit=quality-manager, Klacht.Directie=director",
                ),
                ("KLACHT_OIDC_PASSWORD_SIGN_IN", "false"),
            ]),
            FileOidc::default(),
        )
        .expect("loads")
        .expect("configured");
        assert!(!c.password_sign_in);
        assert_eq!(
            c.mapped_role(["Other", "Klacht.Kwaliteit"]),
            Some(Role::QualityManager)
        );
        assert_eq!(c.mapped_role(["Klacht.Kwaliteit", "Klacht.Directie"]), None);
        assert_eq!(c.mapped_role(["Other"]), None);
        let e = load(
            &env(&[
                ("KLACHT_OIDC_ISSUER", ENTRA),
                ("KLACHT_OIDC_CLIENT_ID", "a"),
                ("KLACHT_OIDC_CLIENT_SECRET", "b"),
                ("KLACHT_OIDC_ROLES", "Klacht.Kwaliteit=quality-manager"),
            ]),
            FileOidc::default(),
        )
        .expect_err("roles without a claim");
        assert!(e.to_string().contains("KLACHT_OIDC_ROLE_CLAIM"), "{e}");
    }
}
