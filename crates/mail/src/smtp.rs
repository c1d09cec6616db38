//! SMTP delivery with lettre over tokio, TLS by rustls.
//!
//! The server is given as a URL (`KLACHT_SMTP_URL`):
//!
//! | URL | connection |
//! |---|---|
//! | `smtp://host:25` | plain, no encryption (a relay on the same host or network) |
//! | `smtp://user:pass@host:587?tls=starttls` | plain, upgraded with STARTTLS (required) |
//! | `smtp://host:587?tls=opportunistic` | STARTTLS when the server offers it |
//! | `smtps://user:pass@host` | TLS from the first byte (port 465 by default) |
//!
//! User name and password are percent-decoded. The URL is a secret (it may
//! carry a password): it is only ever shown without its password.

use std::time::Duration;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::{PoolConfig, SMTP_PORT, SUBMISSION_PORT, SUBMISSIONS_PORT};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};

use crate::mailer::{Mailer, SendError, Sent, message_id};
use crate::{Address, MailMessage};

/// How long one SMTP conversation may take before it counts as failed.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    #[error("KLACHT_SMTP_URL is geen geldige URL: {0}")]
    Url(String),
    #[error("KLACHT_SMTP_URL: {0}")]
    Unsupported(String),
    #[error("afzender '{0}' is geen geldig e-mailadres")]
    From(String),
    #[error("SMTP: {0}")]
    Tls(String),
}

/// How to reach the mail server, parsed from its URL.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    pub password: Option<SecretString>,
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// No encryption at all.
    None,
    /// STARTTLS, refusing to continue without it.
    StartTls,
    /// STARTTLS when offered, plain otherwise.
    Opportunistic,
    /// TLS from the first byte (smtps).
    Wrapper,
}

impl SmtpSettings {
    pub fn parse(url: &SecretString) -> Result<Self, SmtpError> {
        let parsed =
            url::Url::parse(url.expose_secret()).map_err(|e| SmtpError::Url(e.to_string()))?;
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| SmtpError::Url("de server ontbreekt".into()))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let tls = parsed
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.to_ascii_lowercase());
        let security = match (parsed.scheme(), tls.as_deref()) {
            ("smtp", None | Some("none" | "off")) => Security::None,
            ("smtp", Some("starttls" | "required")) => Security::StartTls,
            ("smtp", Some("opportunistic")) => Security::Opportunistic,
            ("smtps", None | Some("tls" | "wrapper")) => Security::Wrapper,
            (scheme, tls) => {
                return Err(SmtpError::Unsupported(format!(
                    "'{scheme}://' met tls={} wordt niet ondersteund; gebruik smtp://, smtp://…?tls=starttls of smtps://",
                    tls.unwrap_or("-")
                )));
            }
        };
        let port = parsed.port().unwrap_or(match security {
            Security::None => SMTP_PORT,
            Security::StartTls | Security::Opportunistic => SUBMISSION_PORT,
            Security::Wrapper => SUBMISSIONS_PORT,
        });
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        let user = (!parsed.username().is_empty()).then(|| decode(parsed.username()));
        let password = parsed.password().map(|p| SecretString::from(decode(p)));
        let timeout = parsed
            .query_pairs()
            .find(|(k, _)| k == "timeout")
            .and_then(|(_, v)| v.parse::<u64>().ok())
            .map_or(DEFAULT_TIMEOUT, Duration::from_secs);
        Ok(Self {
            host,
            port,
            security,
            user,
            password,
            timeout,
        })
    }

    /// The server without its password, for logs and pages.
    pub fn describe(&self) -> String {
        let security = match self.security {
            Security::None => "zonder versleuteling",
            Security::StartTls => "STARTTLS",
            Security::Opportunistic => "STARTTLS indien aangeboden",
            Security::Wrapper => "TLS",
        };
        let user = self
            .user
            .as_deref()
            .map(|u| format!("{u}@"))
            .unwrap_or_default();
        format!("{user}{}:{} ({security})", self.host, self.port)
    }
}

/// Sends stored messages over SMTP. Cheap to clone; connections are pooled.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    description: String,
    /// The organisation's zone, in which the `Date` header is written.
    time_zone: jiff::tz::TimeZone,
    /// When a message is sent, for its `Date` header.
    clock: klacht_clock::SharedClock,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("server", &self.description)
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl SmtpMailer {
    /// A mailer for the server at `url`, sending as `from` unless a
    /// message names its own sender. Call it inside the tokio runtime (the
    /// connection pool starts a task).
    pub fn from_url(url: &SecretString, from: &Address) -> Result<Self, SmtpError> {
        Self::new(SmtpSettings::parse(url)?, from)
    }

    pub fn new(settings: SmtpSettings, from: &Address) -> Result<Self, SmtpError> {
        let from = mailbox(from).map_err(|_| SmtpError::From(from.email.clone()))?;
        let tls_parameters =
            || TlsParameters::new(settings.host.clone()).map_err(|e| SmtpError::Tls(e.to_string()));
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            .port(settings.port)
            .timeout(Some(settings.timeout))
            // Few, short-lived connections: a worker sends in bursts.
            .pool_config(
                PoolConfig::new()
                    .max_size(4)
                    .idle_timeout(Duration::from_secs(30)),
            );
        builder = match settings.security {
            Security::None => builder.tls(Tls::None),
            Security::StartTls => builder.tls(Tls::Required(tls_parameters()?)),
            Security::Opportunistic => builder.tls(Tls::Opportunistic(tls_parameters()?)),
            Security::Wrapper => builder.tls(Tls::Wrapper(tls_parameters()?)),
        };
        if let (Some(user), Some(password)) = (&settings.user, &settings.password) {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                password.expose_secret().to_owned(),
            ));
        }
        Ok(Self {
            transport: builder.build(),
            from,
            description: settings.describe(),
            time_zone: jiff::tz::TimeZone::UTC,
            clock: std::sync::Arc::new(klacht_clock::SystemClock),
        })
    }

    /// Writes the `Date` header in this zone (the organisation's; UTC
    /// unless set), as the recipient's mail program would show it anyway.
    pub fn with_time_zone(mut self, zone: jiff::tz::TimeZone) -> Self {
        self.time_zone = zone;
        self
    }

    /// Dates messages by this clock (the process's, `KLACHT_NOW` included).
    pub fn with_clock(mut self, clock: klacht_clock::SharedClock) -> Self {
        self.clock = clock;
        self
    }

    /// The server, without its password.
    pub fn describe(&self) -> &str {
        &self.description
    }

    /// The lettre message for an outbox row: `multipart/alternative` with
    /// the plain text first, the stable Message-ID, dated now.
    pub fn build(&self, id: uuid::Uuid, m: &MailMessage) -> Result<Message, SendError> {
        self.build_at(id, m, self.clock.now())
    }

    /// As [`SmtpMailer::build`], dated `at`.
    pub fn build_at(
        &self,
        id: uuid::Uuid,
        m: &MailMessage,
        at: jiff::Timestamp,
    ) -> Result<Message, SendError> {
        let bad = |what: &str, a: &Address| {
            SendError::Permanent(format!("{what} '{}' is geen geldig e-mailadres", a.email))
        };
        let from = match &m.from {
            Some(a) => mailbox(a).map_err(|()| bad("afzender", a))?,
            None => self.from.clone(),
        };
        let message_id = format!("<{}>", message_id(id, from.email.as_ref()));
        let mut builder = Message::builder()
            .from(from)
            .subject(m.subject.clone())
            .message_id(Some(message_id));
        if m.to.is_empty() {
            return Err(SendError::Permanent(
                "het bericht heeft geen ontvanger".into(),
            ));
        }
        for a in &m.to {
            builder = builder.to(mailbox(a).map_err(|()| bad("ontvanger", a))?);
        }
        if let Some(a) = &m.reply_to {
            builder = builder.reply_to(mailbox(a).map_err(|()| bad("antwoordadres", a))?);
        }
        let mut message = builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(m.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(m.html.clone()),
                    ),
            )
            .map_err(|e| SendError::Permanent(format!("bericht niet op te bouwen: {e}")))?;
        let header = |name: &'static str, value: String| {
            HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
        };
        let headers = message.headers_mut();
        // lettre writes the date in UTC; set after building, because its
        // builder replaces a Date it cannot parse back (one with an offset).
        headers.insert_raw(header(
            "Date",
            jiff::fmt::rfc2822::to_string(&at.to_zoned(self.time_zone.clone()))
                .map_err(|e| SendError::Permanent(format!("datum niet te schrijven: {e}")))?,
        ));
        // Every mail of klacht is written by the application, not by a
        // person (RFC 3834): no vacation replies or auto-forwards back.
        headers.insert_raw(header("Auto-Submitted", "auto-generated".into()));
        // Exchange and Outlook honour this one instead.
        headers.insert_raw(header("X-Auto-Response-Suppress", "All".into()));
        Ok(message)
    }
}

fn mailbox(a: &Address) -> Result<Mailbox, ()> {
    let email = a.email.trim().parse().map_err(|_| ())?;
    Ok(Mailbox::new(a.name.clone(), email))
}

impl Mailer for SmtpMailer {
    async fn send(&self, id: uuid::Uuid, message: &MailMessage) -> Result<Sent, SendError> {
        let email = self.build(id, message)?;
        match self.transport.send(email).await {
            Ok(response) => {
                let lines: Vec<&str> = response.message().collect();
                Ok(Sent {
                    reply: format!("{} {}", response.code(), lines.join(" "))
                        .trim()
                        .to_owned(),
                })
            }
            Err(e) if e.is_permanent() => Err(SendError::Permanent(e.to_string())),
            Err(e) => Err(SendError::Transient(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> Result<SmtpSettings, SmtpError> {
        SmtpSettings::parse(&SecretString::from(url.to_owned()))
    }

    #[test]
    fn urls_choose_the_connection() {
        let s = parse("smtp://127.0.0.1:2525").expect("plain");
        assert_eq!(
            (s.host.as_str(), s.port, s.security),
            ("127.0.0.1", 2525, Security::None)
        );
        assert!(s.user.is_none() && s.password.is_none());

        let s =
            parse("smtp://post%40focus.nl:ge%2Fheim@mail.focus.nl?tls=starttls").expect("starttls");
        assert_eq!((s.port, s.security), (587, Security::StartTls));
        assert_eq!(s.user.as_deref(), Some("post@focus.nl"));
        assert_eq!(
            s.password
                .as_ref()
                .map(|p| p.expose_secret().to_owned())
                .as_deref(),
            Some("ge/heim")
        );
        assert!(!s.describe().contains("heim"), "{}", s.describe());

        let s = parse("smtps://u:p@mail.focus.nl?timeout=5").expect("smtps");
        assert_eq!((s.port, s.security), (465, Security::Wrapper));
        assert_eq!(s.timeout, Duration::from_secs(5));

        assert!(matches!(
            parse("smtp://h?tls=misschien"),
            Err(SmtpError::Unsupported(_))
        ));
        assert!(matches!(parse("http://h"), Err(SmtpError::Unsupported(_))));
        assert!(matches!(parse("geen url"), Err(SmtpError::Url(_))));
    }

    #[tokio::test]
    async fn a_built_message_is_multipart_alternative_with_the_outbox_id() {
        let mailer = SmtpMailer::from_url(
            &SecretString::from("smtp://127.0.0.1:25".to_owned()),
            &Address::new("Focus klachten", "klachten@focus.example"),
        )
        .expect("mailer");
        let id = uuid::Uuid::now_v7();
        let m = MailMessage {
            from: None,
            to: vec![Address::new("Mevrouw Ç. Öztürk", "c@example.nl")],
            reply_to: None,
            subject: "Uw klacht is ontvangen".into(),
            text: "Beste mevrouw,\n\nWij hebben uw klacht ontvangen.".into(),
            html: "<p>Wij hebben uw klacht ontvangen.</p>".into(),
        };
        let mailer =
            mailer.with_time_zone(jiff::tz::TimeZone::get("Europe/Amsterdam").expect("zone"));
        // A summer and a winter moment: the offset follows the zone.
        let summer: jiff::Timestamp = "2026-06-01T08:00:00Z".parse().expect("instant");
        let winter: jiff::Timestamp = "2026-01-05T08:00:00Z".parse().expect("instant");
        let raw = mailer.build_at(id, &m, summer).expect("builds").formatted();
        let parsed = mailparse::parse_mail(&raw).expect("parses");
        let header = |name: &str| {
            parsed
                .headers
                .iter()
                .find(|h| h.get_key().eq_ignore_ascii_case(name))
                .map(|h| h.get_value())
        };
        assert_eq!(header("Message-ID"), Some(format!("<{id}@focus.example>")));
        assert_eq!(
            header("Date").as_deref(),
            Some("Mon, 1 Jun 2026 10:00:00 +0200")
        );
        assert_eq!(header("Auto-Submitted").as_deref(), Some("auto-generated"));
        let raw = mailer.build_at(id, &m, winter).expect("builds").formatted();
        let winter_mail = mailparse::parse_mail(&raw).expect("parses");
        let date = winter_mail
            .headers
            .iter()
            .find(|h| h.get_key() == "Date")
            .map(|h| h.get_value());
        assert_eq!(date.as_deref(), Some("Mon, 5 Jan 2026 09:00:00 +0100"));
        // A message with its own sender: the id takes that sender's domain.
        let own = MailMessage {
            from: Some(Address::bare("kwaliteit@zorg-oost.example")),
            ..m.clone()
        };
        let raw = mailer
            .build_at(id, &own, summer)
            .expect("builds")
            .formatted();
        let own = mailparse::parse_mail(&raw).expect("parses");
        assert!(
            own.headers.iter().any(|h| h.get_key() == "Message-ID"
                && h.get_value() == format!("<{id}@zorg-oost.example>"))
        );
        assert_eq!(header("Subject").as_deref(), Some("Uw klacht is ontvangen"));
        assert!(header("To").is_some_and(|t| t.contains("Öztürk")));
        assert_eq!(parsed.ctype.mimetype, "multipart/alternative");
        assert_eq!(parsed.subparts.len(), 2);
        assert_eq!(parsed.subparts[0].ctype.mimetype, "text/plain");
        assert!(
            parsed.subparts[0]
                .get_body()
                .expect("text")
                .contains("Wij hebben uw klacht")
        );
        assert_eq!(parsed.subparts[1].ctype.mimetype, "text/html");

        let bad = MailMessage {
            to: vec![Address::bare("geen adres")],
            ..m
        };
        assert!(mailer.build(id, &bad).is_err_and(|e| e.is_permanent()));
    }
}
