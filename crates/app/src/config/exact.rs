//! `[exact]`: which Exact product receives the registrations of closed
//! complaints (DESIGN §7), and how to reach it. `KLACHT_EXACT_*`
//! variables win over the file; `KLACHT_SECRET_KEY` encrypts stored
//! tokens.

use std::collections::BTreeMap;
use std::time::Duration;

use klacht_domain::exact::Registration;
use secrecy::SecretString;
use serde::Deserialize;

use super::ConfigError;

/// Which connector delivers registrations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExactProduct {
    /// No connector: the quality manager exports registrations as a file.
    #[default]
    None,
    /// Exact Synergy Enterprise (on premise), through its REST services.
    Synergy,
    /// Exact Online, through its REST API with OAuth2.
    Online,
}

impl ExactProduct {
    pub fn as_str(self) -> &'static str {
        match self {
            ExactProduct::None => "none",
            ExactProduct::Synergy => "synergy",
            ExactProduct::Online => "online",
        }
    }
}

/// How klacht signs in to Synergy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SynergyAuth {
    #[default]
    Basic,
    /// Windows authentication. Not supported by this build (no maintained
    /// NTLM crate for reqwest); enable Basic authentication on the
    /// `/services` folder in IIS instead.
    Ntlm,
}

#[derive(Debug, Clone)]
pub struct ExactConfig {
    pub product: ExactProduct,
    /// Per HTTP request.
    pub timeout: Duration,
    /// Delivery attempts before a registration waits for the quality
    /// manager.
    pub max_attempts: u32,
    /// 32 bytes as 64 hex digits; encrypts tokens stored in the database.
    pub secret_key: Option<SecretString>,
    pub synergy: SynergyConfig,
    pub online: OnlineConfig,
}

#[derive(Debug, Clone)]
pub struct SynergyConfig {
    /// The Synergy site, e.g. `https://synergy.example.nl/synergy`; the
    /// services live under `{base_url}/services/`.
    pub base_url: String,
    pub username: String,
    pub password: SecretString,
    pub auth: SynergyAuth,
    /// The request type (verzoeksoort) of a complaint registration.
    pub request_type: u32,
    /// The request field that carries klacht's idempotency key.
    pub key_field: String,
    /// The entity of `Exact.Entity.REST.svc` searched for that key.
    pub lookup_entity: String,
    /// The entity's property that holds `key_field`.
    pub lookup_property: String,
    /// Request field → registration field (see [`Registration::FIELDS`]).
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct OnlineConfig {
    /// `https://start.exactonline.nl` (or the country's site).
    pub base_url: String,
    pub division: u32,
    pub client_id: String,
    pub client_secret: SecretString,
    /// Exact ids (GUIDs) filled into every complaint, when set.
    pub account: Option<String>,
    pub contact: Option<String>,
    pub assigned_to: Option<String>,
}

pub const DEFAULT_ONLINE_URL: &str = "https://start.exactonline.nl";
pub const DEFAULT_KEY_FIELD: &str = "FreeTextField_10";

/// The request fields filled when the file maps none.
pub fn default_synergy_fields() -> BTreeMap<String, String> {
    [
        ("Description", "title"),
        ("FreeTextField_01", "reference"),
        ("FreeTextField_02", "complainant_name"),
        ("FreeTextField_03", "category"),
        ("FreeTextField_04", "merit"),
        ("FreeTextField_05", "handler_name"),
        ("FreeDateField_01", "received_on"),
        ("FreeDateField_02", "closed_on"),
        ("FreeMemoField_01", "notes"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct FileExact {
    product: Option<String>,
    timeout_seconds: Option<u64>,
    max_attempts: Option<u32>,
    secret_key: Option<String>,
    synergy: FileSynergy,
    online: FileOnline,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileSynergy {
    base_url: Option<String>,
    username: Option<String>,
    password: Option<String>,
    auth: Option<String>,
    request_type: Option<u32>,
    key_field: Option<String>,
    lookup_entity: Option<String>,
    lookup_property: Option<String>,
    fields: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileOnline {
    base_url: Option<String>,
    division: Option<u32>,
    client_id: Option<String>,
    client_secret: Option<String>,
    account: Option<String>,
    contact: Option<String>,
    assigned_to: Option<String>,
}

fn bad(var: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError::Var {
        var,
        message: message.into(),
    }
}

fn number<T: std::str::FromStr>(
    var: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    from_file: Option<T>,
) -> Result<Option<T>, ConfigError> {
    match var(name) {
        Some(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| bad(name, format!("'{v}' is geen getal"))),
        None => Ok(from_file),
    }
}

/// Reads `[exact]` and the `KLACHT_EXACT_*` variables; checks that the
/// chosen product has what it needs, so a mistake shows at start-up.
pub(super) fn load(
    var: &impl Fn(&str) -> Option<String>,
    file: FileExact,
) -> Result<ExactConfig, ConfigError> {
    let pick = |name: &str, from_file: Option<String>| {
        var(name).or(from_file).filter(|v| !v.trim().is_empty())
    };
    let product = match pick("KLACHT_EXACT_PRODUCT", file.product)
        .map(|p| p.trim().to_lowercase())
        .as_deref()
    {
        None | Some("none" | "geen" | "file" | "bestand") => ExactProduct::None,
        Some("synergy" | "e-synergy" | "synergy-enterprise") => ExactProduct::Synergy,
        Some("online" | "exact-online") => ExactProduct::Online,
        Some(other) => {
            return Err(bad(
                "KLACHT_EXACT_PRODUCT",
                format!("'{other}' is onbekend: kies synergy, online of none"),
            ));
        }
    };
    let timeout = number(&var, "KLACHT_EXACT_TIMEOUT_SECONDS", file.timeout_seconds)?
        .unwrap_or(30)
        .max(1);
    let max_attempts = number(&var, "KLACHT_EXACT_MAX_ATTEMPTS", file.max_attempts)?
        .unwrap_or(8)
        .max(1);
    let secret_key = pick("KLACHT_SECRET_KEY", file.secret_key);
    if let Some(key) = &secret_key
        && (key.trim().len() != 64 || hex::decode(key.trim()).is_err())
    {
        return Err(bad(
            "KLACHT_SECRET_KEY",
            "verwacht 64 hexadecimale tekens (32 bytes), bijvoorbeeld uit `openssl rand -hex 32`",
        ));
    }

    let s = file.synergy;
    let auth = match pick("KLACHT_EXACT_SYNERGY_AUTH", s.auth)
        .map(|a| a.trim().to_lowercase())
        .as_deref()
    {
        None | Some("basic") => SynergyAuth::Basic,
        Some("ntlm") => SynergyAuth::Ntlm,
        Some(other) => {
            return Err(bad(
                "KLACHT_EXACT_SYNERGY_AUTH",
                format!("'{other}' is onbekend: kies basic of ntlm"),
            ));
        }
    };
    let fields = match var("KLACHT_EXACT_SYNERGY_FIELDS") {
        Some(list) => parse_field_list(&list)?,
        None => s.fields.unwrap_or_else(default_synergy_fields),
    };
    if let Some((to, from)) = fields
        .iter()
        .find(|(_, from)| !Registration::FIELDS.contains(&from.as_str()))
    {
        return Err(bad(
            "KLACHT_EXACT_SYNERGY_FIELDS",
            format!(
                "veld {to} = '{from}': onbekend; kies uit {}",
                Registration::FIELDS.join(", ")
            ),
        ));
    }
    let key_field = pick("KLACHT_EXACT_SYNERGY_KEY_FIELD", s.key_field)
        .unwrap_or_else(|| DEFAULT_KEY_FIELD.into());
    let synergy = SynergyConfig {
        base_url: trim_url(pick("KLACHT_EXACT_SYNERGY_URL", s.base_url).unwrap_or_default()),
        username: pick("KLACHT_EXACT_SYNERGY_USERNAME", s.username).unwrap_or_default(),
        password: pick("KLACHT_EXACT_SYNERGY_PASSWORD", s.password)
            .unwrap_or_default()
            .into(),
        auth,
        request_type: number(&var, "KLACHT_EXACT_SYNERGY_REQUEST_TYPE", s.request_type)?
            .unwrap_or(0),
        lookup_entity: pick("KLACHT_EXACT_SYNERGY_LOOKUP_ENTITY", s.lookup_entity)
            .unwrap_or_else(|| "Request".into()),
        lookup_property: pick("KLACHT_EXACT_SYNERGY_LOOKUP_PROPERTY", s.lookup_property)
            .unwrap_or_else(|| key_field.clone()),
        key_field,
        fields,
    };

    let o = file.online;
    let online = OnlineConfig {
        base_url: trim_url(
            pick("KLACHT_EXACT_ONLINE_URL", o.base_url)
                .unwrap_or_else(|| DEFAULT_ONLINE_URL.into()),
        ),
        division: number(&var, "KLACHT_EXACT_ONLINE_DIVISION", o.division)?.unwrap_or(0),
        client_id: pick("KLACHT_EXACT_ONLINE_CLIENT_ID", o.client_id).unwrap_or_default(),
        client_secret: pick("KLACHT_EXACT_ONLINE_CLIENT_SECRET", o.client_secret)
            .unwrap_or_default()
            .into(),
        account: pick("KLACHT_EXACT_ONLINE_ACCOUNT", o.account),
        contact: pick("KLACHT_EXACT_ONLINE_CONTACT", o.contact),
        assigned_to: pick("KLACHT_EXACT_ONLINE_ASSIGNED_TO", o.assigned_to),
    };

    match product {
        ExactProduct::None => {}
        ExactProduct::Synergy => {
            require(&synergy.base_url, "KLACHT_EXACT_SYNERGY_URL")?;
            require(&synergy.username, "KLACHT_EXACT_SYNERGY_USERNAME")?;
            if synergy.request_type == 0 {
                return Err(bad(
                    "KLACHT_EXACT_SYNERGY_REQUEST_TYPE",
                    "verplicht bij product = synergy",
                ));
            }
            if synergy.auth == SynergyAuth::Ntlm {
                return Err(bad(
                    "KLACHT_EXACT_SYNERGY_AUTH",
                    "NTLM wordt in deze versie niet ondersteund; zet Basic-authenticatie aan \
                     op /services in IIS en kies auth = \"basic\"",
                ));
            }
        }
        ExactProduct::Online => {
            require(&online.client_id, "KLACHT_EXACT_ONLINE_CLIENT_ID")?;
            if online.division == 0 {
                return Err(bad(
                    "KLACHT_EXACT_ONLINE_DIVISION",
                    "verplicht bij product = online",
                ));
            }
            if secret_key.is_none() {
                return Err(bad(
                    "KLACHT_SECRET_KEY",
                    "verplicht bij product = online: de tokens worden versleuteld opgeslagen",
                ));
            }
        }
    }

    Ok(ExactConfig {
        product,
        timeout: Duration::from_secs(timeout),
        max_attempts,
        secret_key: secret_key.map(|k| k.trim().to_owned().into()),
        synergy,
        online,
    })
}

fn require(value: &str, var: &'static str) -> Result<(), ConfigError> {
    if value.trim().is_empty() {
        Err(bad(var, "verplicht voor het gekozen Exact-product"))
    } else {
        Ok(())
    }
}

fn trim_url(url: String) -> String {
    url.trim().trim_end_matches('/').to_owned()
}

/// `Description=title,FreeTextField_01=reference`.
fn parse_field_list(list: &str) -> Result<BTreeMap<String, String>, ConfigError> {
    list.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (to, from) = pair.split_once('=').ok_or_else(|| {
                bad(
                    "KLACHT_EXACT_SYNERGY_FIELDS",
                    format!("'{pair}': verwacht Veld=bron"),
                )
            })?;
            Ok((to.trim().to_owned(), from.trim().to_owned()))
        })
        .collect()
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

    const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn no_product_is_the_default() {
        let c = load(&env(&[]), FileExact::default()).expect("loads");
        assert_eq!(c.product, ExactProduct::None);
        assert_eq!(c.max_attempts, 8);
        assert_eq!(c.timeout, Duration::from_secs(30));
        assert_eq!(c.synergy.fields, default_synergy_fields());
        assert_eq!(c.online.base_url, DEFAULT_ONLINE_URL);
    }

    #[test]
    fn synergy_from_the_environment() {
        let c = load(
            &env(&[
                ("KLACHT_EXACT_PRODUCT", "synergy"),
                ("KLACHT_EXACT_SYNERGY_URL", "https://ese.example/synergy/"),
                ("KLACHT_EXACT_SYNERGY_USERNAME", "svc-klacht"),
                ("KLACHT_EXACT_SYNERGY_PASSWORD", "geheim"),
                ("KLACHT_EXACT_SYNERGY_REQUEST_TYPE", "2001"),
                (
                    "KLACHT_EXACT_SYNERGY_FIELDS",
                    "Description=title, FreeTextField_07=reference",
                ),
            ]),
            FileExact::default(),
        )
        .expect("loads");
        assert_eq!(c.product, ExactProduct::Synergy);
        assert_eq!(c.synergy.base_url, "https://ese.example/synergy");
        assert_eq!(c.synergy.password.expose_secret(), "geheim");
        assert_eq!(c.synergy.request_type, 2001);
        assert_eq!(c.synergy.lookup_property, DEFAULT_KEY_FIELD);
        assert_eq!(c.synergy.fields.len(), 2);
        assert_eq!(
            c.synergy.fields.get("FreeTextField_07").map(String::as_str),
            Some("reference")
        );
    }

    #[test]
    fn missing_or_wrong_settings_name_the_variable() {
        let e = load(
            &env(&[("KLACHT_EXACT_PRODUCT", "sap")]),
            FileExact::default(),
        )
        .expect_err("unknown product");
        assert!(e.to_string().contains("KLACHT_EXACT_PRODUCT"), "{e}");
        let e = load(
            &env(&[("KLACHT_EXACT_PRODUCT", "synergy")]),
            FileExact::default(),
        )
        .expect_err("no url");
        assert!(e.to_string().contains("KLACHT_EXACT_SYNERGY_URL"), "{e}");
        let e = load(
            &env(&[
                ("KLACHT_EXACT_PRODUCT", "online"),
                ("KLACHT_EXACT_ONLINE_CLIENT_ID", "abc"),
                ("KLACHT_EXACT_ONLINE_DIVISION", "123"),
            ]),
            FileExact::default(),
        )
        .expect_err("no key");
        assert!(e.to_string().contains("KLACHT_SECRET_KEY"), "{e}");
        let e = load(&env(&[("KLACHT_SECRET_KEY", "kort")]), FileExact::default())
            .expect_err("short key");
        assert!(e.to_string().contains("64 hexadecimale"), "{e}");
        let e = load(
            &env(&[("KLACHT_EXACT_SYNERGY_FIELDS", "Description=titel")]),
            FileExact::default(),
        )
        .expect_err("unknown source");
        assert!(e.to_string().contains("'titel'"), "{e}");
        let e = load(
            &env(&[
                ("KLACHT_EXACT_PRODUCT", "synergy"),
                ("KLACHT_EXACT_SYNERGY_URL", "http://ese"),
                ("KLACHT_EXACT_SYNERGY_USERNAME", "u"),
                ("KLACHT_EXACT_SYNERGY_REQUEST_TYPE", "7"),
                ("KLACHT_EXACT_SYNERGY_AUTH", "ntlm"),
            ]),
            FileExact::default(),
        )
        .expect_err("ntlm");
        assert!(e.to_string().contains("NTLM"), "{e}");
    }

    #[test]
    fn online_from_a_file_table() {
        let file: FileExact = toml::from_str(&format!(
            "product = \"online\"\nsecret_key = \"{KEY}\"\nmax_attempts = 3\n\
             [online]\ndivision = 4242\nclient_id = \"cid\"\nclient_secret = \"cs\"\n\
             assigned_to = \"7c1e2c1a-0000-0000-0000-000000000001\"\n\
             [synergy.fields]\nDescription = \"title\"\n"
        ))
        .expect("parses");
        let c = load(&env(&[]), file).expect("loads");
        assert_eq!(c.product, ExactProduct::Online);
        assert_eq!(c.max_attempts, 3);
        assert_eq!(c.online.division, 4242);
        assert_eq!(c.online.client_secret.expose_secret(), "cs");
        assert!(c.online.assigned_to.is_some());
        assert_eq!(c.synergy.fields.len(), 1);
        assert_eq!(
            c.secret_key.as_ref().map(|k| k.expose_secret().to_owned()),
            Some(KEY.to_owned())
        );
    }
}
