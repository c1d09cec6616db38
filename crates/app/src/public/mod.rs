//! The public side (DESIGN §8): a complaint submitted on the website
//! without an account, the status page by tracking code, and the
//! complainant's answer to the satisfaction check.
//!
//! A submission is parsed into the domain ([`complaint::register_public`]),
//! routed to the manager of the service the complainant chose (recorded by
//! [`Actor::System`]), and stored with its tracking code, its attachments
//! and the messages it causes, all in the transaction that creates it.

pub mod attachments;
pub mod services;

use std::net::IpAddr;

use jiff::{SignedDuration, Timestamp};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    self, Actor, Channel, Complaint, Field, Kind, NewComplaint, Party, PartyField, PartyRole,
    PartyText, Recorded, Satisfaction, intake,
};
use klacht_domain::{
    ComplaintId, Language, ReferenceNumber, Refusal, RefusalCode, Role, TrackingCode,
};
use klacht_i18n::Tr;
use klacht_store::{PublicService, Store, UserRecord};
use sha2::{Digest, Sha256};

use crate::complaints::{self, Change, ServiceError, read_model, to_raw};
use crate::notify::Notifier;
pub use attachments::{MAX_FILE_BYTES, MAX_FILES, Upload};

/// A fresh tracking code from the operating system's random source. Drawn
/// through a v4 UUID (as every id here, from the OS generator): its two
/// halves XOR-ed give 64 random bits, of which the code keeps 60.
pub fn new_tracking_code() -> TrackingCode {
    let (high, low) = uuid::Uuid::new_v4().as_u64_pair();
    TrackingCode::from_random((high ^ low).to_le_bytes())
}

/// A refusal at a field of the public form, in any language: the key of
/// its words in the Fluent files and their placeholders, or the domain's
/// refusal (which names the exact fault, e.g. the number typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMessage {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub refusal: Option<Refusal>,
}

impl FieldMessage {
    pub fn key(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
            refusal: None,
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The domain's refusal; `key` where it has no code.
    pub fn refused(key: &'static str, refusal: Refusal) -> Self {
        Self {
            refusal: Some(refusal),
            ..Self::key(key)
        }
    }

    pub fn render(&self, tr: Tr) -> String {
        match &self.refusal {
            Some(r) => tr.refusal(r),
            _ => {
                let args: Vec<(&str, String)> =
                    self.args.iter().map(|(n, v)| (*n, v.clone())).collect();
                tr.with_args(self.key, &args)
            }
        }
    }
}

/// The refusals per field of the public form, in the order of the form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, FieldMessage)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: FieldMessage) {
        if self.get(field).is_none() {
            self.0.push((field, message));
        }
    }

    pub fn get(&self, field: &str) -> Option<&FieldMessage> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Field and message in `tr`'s language, in the order of the form.
    pub fn rendered(&self, tr: Tr) -> Vec<(&'static str, String)> {
        self.0.iter().map(|(f, m)| (*f, m.render(tr))).collect()
    }
}

/// The public form as typed, every field kept so that a refused form comes
/// back unchanged. Files travel apart ([`Upload`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicForm {
    pub naam: String,
    pub email: String,
    pub telefoon: String,
    pub adres: String,
    /// The stakeholder when someone files on their behalf (namens).
    pub namens_naam: String,
    /// A service id from [`Store::public_services`], or empty: "weet ik niet".
    pub dienst: String,
    pub omschrijving: String,
    /// The honeypot: hidden from people, filled in by robots.
    pub website: String,
}

/// What the form becomes: the intake and the chosen service, if any.
#[derive(Debug, Clone)]
pub struct ParsedForm {
    pub new: NewComplaint,
    pub service: Option<PublicService>,
}

impl PublicForm {
    /// Parses the form into the domain's intake, received at `received`.
    /// An unknown or inactive service is no choice at all: the complaint
    /// then waits for the quality manager to route it.
    pub fn parse(
        &self,
        services: &[PublicService],
        received: jiff::Zoned,
    ) -> Result<ParsedForm, FieldErrors> {
        let mut errors = FieldErrors::default();
        let namens = self.namens_naam.trim();
        // Filed on someone's behalf: they are the complainant (the
        // stakeholder), the person filling in is the representative.
        let role = if namens.is_empty() {
            PartyRole::Complainant
        } else {
            PartyRole::Representative
        };
        let submitter = PartyText {
            name: &self.naam,
            email: &self.email,
            phone: &self.telefoon,
            address: &self.adres,
        }
        .parse(role);
        if let Err(refusals) = &submitter {
            for e in refusals {
                // The domain's verdicts, but the prompts for a missing name
                // and a wrong address speak to the complainant.
                match e.field() {
                    Some(Field::Complainant(part) | Field::Representative(part)) => match part {
                        PartyField::Name if self.naam.trim().is_empty() => {
                            errors.add("naam", FieldMessage::key("form-error-name-missing"))
                        }
                        PartyField::Name => errors.add(
                            "naam",
                            FieldMessage::refused("form-error-name", e.refusal().clone()),
                        ),
                        PartyField::Email => {
                            errors.add("email", FieldMessage::key("form-error-email"))
                        }
                        PartyField::Phone => errors.add(
                            "telefoon",
                            FieldMessage::refused("form-error-phone", e.refusal().clone()),
                        ),
                        PartyField::Address => errors.add(
                            "adres",
                            FieldMessage::refused("form-error-address", e.refusal().clone()),
                        ),
                    },
                    _ => errors.add(
                        "naam",
                        FieldMessage::refused("form-error-name", e.refusal().clone()),
                    ),
                }
            }
        }
        if self.email.trim().is_empty() && self.telefoon.trim().is_empty() {
            errors.add("email", FieldMessage::key("form-error-contact"));
        }
        let stakeholder = if namens.is_empty() {
            None
        } else {
            match Party::new(namens, None, None, None) {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.add(
                        "namens_naam",
                        FieldMessage::refused(
                            "form-error-on-behalf",
                            RefusalCode::Sentence.phrase("phrase", e),
                        ),
                    );
                    None
                }
            }
        };
        let description = if self.omschrijving.trim().is_empty() {
            errors.add(
                "omschrijving",
                FieldMessage::key("form-error-description-missing"),
            );
            None
        } else {
            intake::description(&self.omschrijving)
                .map_err(|e| {
                    errors.add(
                        "omschrijving",
                        FieldMessage::refused("form-error-description-long", e.refusal().clone())
                            .with("max", intake::DESCRIPTION_MAX),
                    )
                })
                .ok()
        };
        // A service no longer offered (or never) is not "weet ik niet":
        // the complainant chooses again.
        let service = match self.dienst.trim() {
            "" => None,
            raw => {
                let chosen = uuid::Uuid::parse_str(raw)
                    .ok()
                    .and_then(|id| services.iter().find(|s| s.id == id && s.active));
                if chosen.is_none() {
                    errors.add("dienst", FieldMessage::key("form-error-service"));
                }
                chosen.cloned()
            }
        };
        let (Ok(submitter), Some(description)) = (submitter, description) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let (complainant, representative) = match stakeholder {
            None => (submitter, None),
            Some(stakeholder) => (stakeholder, Some(submitter)),
        };
        Ok(ParsedForm {
            new: NewComplaint {
                kind: Kind::Complaint,
                channel: Channel::Web,
                received_at: received,
                complainant,
                representative,
                service: service.as_ref().map(|s| s.name.clone()),
                involved_employees: Vec::new(),
                description,
                category: None,
                cause: None,
            },
            service,
        })
    }
}

/// How many submissions one client address may make in an hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_hour: u32,
}

/// A submission of the public form.
#[derive(Debug, Clone)]
pub struct Submission {
    pub form: PublicForm,
    pub uploads: Vec<Upload>,
    /// Where it came from, for the rate limit (only a hash is stored).
    pub client: IpAddr,
    /// The language of the form: the complaint keeps it for its mails,
    /// letters and status page.
    pub language: Language,
}

/// A stored submission: what the confirmation page shows.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub id: ComplaintId,
    pub reference: ReferenceNumber,
    pub tracking_code: TrackingCode,
    /// Whether it reached a manager at once (a service with a manager was
    /// chosen).
    pub routed: bool,
}

/// Why a submission was not stored. Every variant is shown on the form
/// again, with what was typed.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("Controleer de gemarkeerde velden.")]
    Fields(FieldErrors),
    /// The honeypot was filled in.
    #[error("Het veld 'Laat dit veld leeg' moet leeg blijven.")]
    Spam,
    #[error(
        "U heeft in korte tijd al {per_hour} klachten ingediend vanaf dit adres. Probeer het na {until} opnieuw, of bel ons."
    )]
    RateLimited { per_hour: u32, until: String },
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// The rate-limit key of a client address: a hash, so that the table
/// holds no addresses.
fn rate_key(client: IpAddr) -> String {
    let digest = hex::encode(Sha256::digest(client.to_string().as_bytes()));
    format!("public-form:{}", &digest[..32])
}

/// Checks, routes and stores a public submission in one transaction.
///
/// Order: the honeypot, then every field and file (a refusal costs no
/// submission of the rate limit), then the rate limit, then the store.
pub async fn submit<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    notifier: &Notifier,
    limit: RateLimit,
    submission: Submission,
    at: Timestamp,
) -> Result<Submitted, SubmitError> {
    let Submission {
        form,
        uploads,
        client,
        language,
    } = submission;
    if !form.website.trim().is_empty() {
        tracing::info!("public form: honeypot filled, refused");
        return Err(SubmitError::Spam);
    }
    let services = store.public_services().await.map_err(ServiceError::from)?;
    let received = at.to_zoned(calendar.time_zone().clone());
    let parsed = form.parse(&services, received);
    let files = attachments::accept(uploads);
    let (parsed, files) = match (parsed, files) {
        (Ok(p), Ok(f)) => (p, f),
        (parsed, files) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(refusal) = files {
                errors.add(
                    "bijlagen",
                    FieldMessage::refused("form-error-file", refusal.refusal())
                        .with("files", MAX_FILES)
                        .with("mb", MAX_FILE_BYTES / (1024 * 1024)),
                );
            }
            return Err(SubmitError::Fields(errors));
        }
    };
    let decision = store
        .hit_rate_limit(
            &rate_key(client),
            at,
            SignedDuration::from_hours(1),
            limit.per_hour,
        )
        .await
        .map_err(ServiceError::from)?;
    if !decision.allowed {
        return Err(SubmitError::RateLimited {
            per_hour: limit.per_hour,
            until: decision
                .resets_at
                .to_zoned(calendar.time_zone().clone())
                .strftime("%H:%M")
                .to_string(),
        });
    }
    let manager = routed_manager(store, parsed.service.as_ref()).await?;
    let id = ComplaintId::new(uuid::Uuid::now_v7());
    let code = new_tracking_code();
    let year = parsed.new.received_at.year();
    let mut built: Option<Complaint> = None;
    let mut queued = 0;
    let created = store
        .create_complaint(year, |reference: ReferenceNumber| {
            let registered = complaint::register_public_in(parsed.new, reference, at, language)?;
            let mut history = Recorded::stamp(0, Actor::Complainant, at, registered);
            let mut c = Complaint::replay(id, &history).map_err(|e| ServiceError::Corrupt {
                id,
                reason: e.to_string(),
            })?;
            if let Some(manager) = &manager {
                let event = complaint::route_public(&c, &manager.user)?;
                let routed = Recorded::stamp(c.version(), Actor::System, at, vec![event]);
                for r in &routed {
                    c.apply(r).map_err(|e| ServiceError::Corrupt {
                        id,
                        reason: e.to_string(),
                    })?;
                }
                history.extend(routed);
            }
            let stream = klacht_store::NewStream {
                row: read_model(&c, calendar, at),
                events: history
                    .iter()
                    .map(|r| to_raw(id, r))
                    .collect::<Result<_, _>>()?,
                // The confirmation (with the tracking code, which is not in
                // the events) and the routed manager's notice, queued in
                // this transaction; `None` as receiver reads as the form.
                outbox: notifier.on_intake(&c, Some(&code), None, manager.as_ref(), calendar, at),
                tracking_code: Some(code),
                attachments: files,
            };
            queued = stream.outbox.len();
            built = Some(c);
            Ok::<_, ServiceError>(stream)
        })
        .await
        .map_err(ServiceError::from)?;
    created?;
    notifier.queued(queued);
    let c = built.ok_or(ServiceError::NotFound)?;
    tracing::info!(reference = %c.reference(), routed = manager.is_some(), "public submission");
    Ok(Submitted {
        id,
        reference: c.reference(),
        tracking_code: code,
        routed: manager.is_some(),
    })
}

/// The manager a submission about `service` is reported to: the service's
/// manager while that account is active and managerial. Otherwise none,
/// and the quality manager routes it (it shows in the Overzicht as
/// "wacht op afhandelaar" without a team).
pub(crate) async fn routed_manager<S: Store>(
    store: &S,
    service: Option<&PublicService>,
) -> Result<Option<UserRecord>, ServiceError> {
    let Some(id) = service.and_then(|s| s.manager) else {
        return Ok(None);
    };
    let user = store.user_by_id(id).await?;
    Ok(user.filter(|u| {
        u.active
            && matches!(
                u.user.role,
                Role::Manager | Role::QualityManager | Role::Director
            )
    }))
}

/// The complaint behind a tracking code, with its history; `None` when no
/// complaint has this code.
pub async fn by_tracking_code<S: Store>(
    store: &S,
    code: &TrackingCode,
) -> Result<Option<(Complaint, Vec<Recorded>)>, ServiceError> {
    let Some(id) = store.complaint_id_by_tracking_code(code).await? else {
        return Ok(None);
    };
    match complaints::load_with_history(store, id).await {
        Ok(loaded) => Ok(Some(loaded)),
        Err(ServiceError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Records the complainant's answer to the satisfaction check, as
/// [`Actor::Complainant`]. A second answer is refused
/// ([`Complaint::report_satisfaction`]).
pub async fn report_satisfaction<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    code: &TrackingCode,
    satisfaction: Satisfaction,
    comment: Option<String>,
    at: Timestamp,
) -> Result<Complaint, ServiceError> {
    let (c, _) = by_tracking_code(store, code)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let events = c.report_satisfaction(satisfaction, comment)?;
    Change::apply(c, Actor::Complainant, at, events)?
        .commit(store, calendar, at, &[])
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received() -> jiff::Zoned {
        "2026-04-24T10:00[Europe/Amsterdam]".parse().expect("zoned")
    }

    fn service(name: &str, active: bool) -> PublicService {
        PublicService {
            id: uuid::Uuid::now_v7(),
            name: name.into(),
            manager: None,
            active,
            position: 1,
        }
    }

    fn filled() -> PublicForm {
        PublicForm {
            naam: " Mevrouw J. de Vries ".into(),
            email: "J.deVries@Example.nl".into(),
            omschrijving: " De hulp kwam te laat. ".into(),
            ..PublicForm::default()
        }
    }

    #[test]
    fn a_filled_form_becomes_a_web_complaint() {
        let thuiszorg = service("Thuiszorg", true);
        let form = PublicForm {
            dienst: thuiszorg.id.to_string(),
            ..filled()
        };
        let parsed = form
            .parse(std::slice::from_ref(&thuiszorg), received())
            .expect("parses");
        assert_eq!(parsed.new.channel, Channel::Web);
        assert_eq!(parsed.new.complainant.name(), "Mevrouw J. de Vries");
        assert_eq!(
            parsed
                .new
                .complainant
                .email()
                .map(klacht_domain::Email::as_str),
            Some("j.devries@example.nl")
        );
        assert_eq!(parsed.new.description, "De hulp kwam te laat.");
        assert_eq!(parsed.new.service.as_deref(), Some("Thuiszorg"));
        assert_eq!(parsed.service.map(|s| s.id), Some(thuiszorg.id));
    }

    #[test]
    fn on_behalf_of_someone_they_are_the_complainant() {
        let form = PublicForm {
            namens_naam: "Meneer P. de Vries".into(),
            ..filled()
        };
        let parsed = form.parse(&[], received()).expect("parses");
        assert_eq!(parsed.new.complainant.name(), "Meneer P. de Vries");
        assert_eq!(
            parsed.new.representative.as_ref().map(Party::name),
            Some("Mevrouw J. de Vries")
        );
    }

    #[test]
    fn no_service_is_weet_ik_niet_and_an_unknown_one_is_refused() {
        let old = service("Vervallen", false);
        let parsed = PublicForm {
            dienst: String::new(),
            ..filled()
        }
        .parse(std::slice::from_ref(&old), received())
        .expect("parses");
        assert!(parsed.service.is_none() && parsed.new.service.is_none());
        for dienst in ["onzin".to_owned(), old.id.to_string()] {
            let errors = PublicForm { dienst, ..filled() }
                .parse(std::slice::from_ref(&old), received())
                .expect_err("refused");
            assert!(errors.get("dienst").is_some(), "{errors:?}");
        }
    }

    #[test]
    fn every_problem_is_tied_to_its_field() {
        let form = PublicForm {
            naam: " ".into(),
            email: "geen-adres".into(),
            telefoon: "12".into(),
            omschrijving: "  ".into(),
            ..PublicForm::default()
        };
        let errors = form.parse(&[], received()).expect_err("refused");
        for field in ["naam", "email", "telefoon", "omschrijving"] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
        let form = PublicForm {
            email: String::new(),
            ..filled()
        };
        let errors = form.parse(&[], received()).expect_err("no way to reach");
        let message = errors.get("email").expect("at the e-mail field");
        assert_eq!(message.key, "form-error-contact");
        assert!(
            message
                .render(Tr::new(Language::Nl))
                .contains("telefoonnummer")
        );
        assert!(
            message
                .render(Tr::new(Language::En))
                .contains("phone number")
        );
        // A refusal the domain worded keeps its exact Dutch words, and
        // reads the same in English.
        let errors = PublicForm {
            telefoon: "12".into(),
            ..filled()
        }
        .parse(&[], received())
        .expect_err("refused");
        let phone = errors.get("telefoon").expect("at the phone field");
        assert_eq!(
            phone.render(Tr::new(Language::Nl)),
            "'12' is geen geldig telefoonnummer.",
            "{phone:?}"
        );
        assert_eq!(
            phone.render(Tr::new(Language::En)),
            "'12' is not a valid phone number."
        );
        // So does the name of the person complained for.
        let errors = PublicForm {
            namens_naam: "a\u{7}b".into(),
            ..filled()
        }
        .parse(&[], received())
        .expect_err("refused");
        let on_behalf = errors.get("namens_naam").expect("at its field");
        assert_eq!(
            on_behalf.render(Tr::new(Language::Nl)),
            "'a\u{7}b' is geen geldige naam."
        );
        assert_eq!(
            on_behalf.render(Tr::new(Language::En)),
            "'a\u{7}b' is not a valid name."
        );
    }

    #[test]
    fn rate_keys_hide_the_address() {
        let a: IpAddr = "192.0.2.7".parse().expect("ip");
        let key = rate_key(a);
        assert!(key.starts_with("public-form:") && !key.contains("192.0.2.7"));
        assert_ne!(key, rate_key("192.0.2.8".parse().expect("ip")));
    }

    #[test]
    fn tracking_codes_differ() {
        let codes: std::collections::HashSet<String> =
            (0..1000).map(|_| new_tracking_code().compact()).collect();
        assert_eq!(codes.len(), 1000);
    }
}
