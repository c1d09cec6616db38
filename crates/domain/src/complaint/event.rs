//! The events of a complaint's stream. Events are plain data: who caused
//! them and when is carried by [`Recorded`], and the rules live in
//! `decide`, so a stored stream always folds back into the same state.

use jiff::civil::Date;
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Serialize};

use super::Channel;
use super::link::{Link, Unlink};
use super::values::{
    ContactMode, EscalationParty, Kind, Merit, OfferKind, Party, ReopeningKind, Satisfaction,
    WaivableStep, format_date, format_euro,
};
use crate::{Language, ReferenceNumber, UserId};

/// Who caused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    User(UserId),
    /// The complainant on the public site (form, satisfaction check).
    Complainant,
    /// Background jobs and integrations, such as the Exact connector.
    System,
}

impl Actor {
    pub fn user(self) -> Option<UserId> {
        match self {
            Actor::User(id) => Some(id),
            Actor::Complainant | Actor::System => None,
        }
    }
}

/// An event as stored: its place in the stream, when, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// 1-based position in the complaint's stream.
    pub seq: u64,
    pub at: Timestamp,
    pub actor: Actor,
    pub event: Event,
}

impl Recorded {
    /// Numbers freshly decided events to follow `version`, the way the
    /// store appends them.
    pub fn stamp(version: u64, actor: Actor, at: Timestamp, events: Vec<Event>) -> Vec<Recorded> {
        (version + 1..)
            .zip(events)
            .map(|(seq, event)| Recorded {
                seq,
                at,
                actor,
                event,
            })
            .collect()
    }
}

/// Intake as written on the complaint form (step 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub reference: ReferenceNumber,
    /// The kind at intake; a later conversion does not rewrite history.
    pub kind: Kind,
    pub channel: Channel,
    /// Receipt in the organisation's time zone: every term counts from this
    /// local day, and keeping the zone makes that day unambiguous forever.
    #[serde(with = "zoned_lenient")]
    pub received_at: Zoned,
    /// `None` when the complainant used the public form.
    pub received_by: Option<UserId>,
    /// The receiver's direct manager, or the receiver when they have none;
    /// `None` until a public submission is routed.
    pub responsible_manager: Option<UserId>,
    pub complainant: Party,
    /// Someone filing on the complainant's behalf (namens).
    pub representative: Option<Party>,
    pub service: Option<String>,
    /// Employees who delivered the service complained about; none of them
    /// may handle it.
    pub involved_employees: Vec<UserId>,
    pub description: String,
    pub category: Option<String>,
    pub cause: Option<String>,
    /// The language the complainant chose on the website: their mails,
    /// letters and status page speak it. Absent in older events: Dutch.
    #[serde(default, skip_serializing_if = "Language::is_default")]
    pub language: Language,
}

/// Step 2: the conversation with the complainant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub date: Date,
    pub mode: ContactMode,
    pub summary: String,
}

/// Step 3, first half: is the complaint founded?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeritDecision {
    pub merit: Merit,
    pub reasoning: String,
}

/// Step 3, second half: what the complainant is offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub kind: OfferKind,
    pub description: String,
    pub value_cents: Option<u64>,
    /// Ticked for advice of the director given outside the system; advice
    /// asked and given here is a [`Consultation`] with its [`Advice`].
    pub director_consulted: bool,
    pub made_on: Date,
    /// What the letter and the confirmation mail say to the complainant
    /// about the judgement, written (or accepted from the draft) by the
    /// handler. The merit's reasoning is internal and never sent. `None`
    /// in offers recorded before it existed and from API clients that
    /// leave it out: the letter then uses the standard draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter_text: Option<String>,
}

/// A question to the director about the complaint (regulation step 3: the
/// offer is made "eventueel na overleg met de algemeen directeur").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    /// 1-based, in the order asked; the key of the answer.
    pub number: u32,
    pub director: UserId,
    pub question: String,
}

/// The director's answer to consultation `number`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    pub number: u32,
    pub advice: String,
}

/// How the complainant answered the offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplainantResponse {
    pub accepted: Option<bool>,
    pub satisfaction: Option<Satisfaction>,
    pub comment: Option<String>,
}

/// An agreement with the complainant the handler sees carried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedAction {
    /// 1-based, in the order agreed; the key for completing it.
    pub number: u32,
    pub description: String,
    pub due: Option<Date>,
    pub owner: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletedAction {
    pub number: u32,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    pub party: EscalationParty,
    pub on: Date,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationOutcome {
    pub outcome: String,
    pub on: Date,
    pub resolved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    pub note: Option<String>,
}

/// The registration id Exact returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExactRegistration {
    pub exact_id: String,
    /// The round the registration is of, when the delivery knows it (a
    /// reopened complaint's earlier round may come back late); `None`:
    /// the current round, as recorded by hand and before reopening existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
}

/// A step deliberately skipped, e.g. the complainant stayed unreachable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiver {
    pub step: WaivableStep,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversion {
    pub reason: String,
}

/// A filed complaint reopened for a new handling round (DESIGN §3): the
/// rounds before stay sealed, the new one counts its terms from here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopening {
    pub kind: ReopeningKind,
    pub reason: String,
}

/// Category and root cause (DESIGN §6), from the administrator's lists,
/// set or changed after intake. The latest one supersedes what intake said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    pub category: Option<String>,
    pub cause: Option<String>,
}

/// The complainant's own answer to the satisfaction check, given on the
/// public site with the tracking code. Given once; the handler's record of
/// what the complainant said by phone is [`ComplainantResponse`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SatisfactionReport {
    pub satisfaction: Satisfaction,
    pub comment: Option<String>,
}

/// An agreed action handed to another owner (a bulk handover, issue 16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerChange {
    pub number: u32,
    pub owner: UserId,
}

/// An e-mail of the complainant (a reply to klacht's mail, recognised by
/// its address), taken in from the mailbox and recorded with
/// [`Actor::Complainant`]: "E-mail van de klager" on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplainantMail {
    /// The sender's address, as the message gave it.
    pub from: String,
    pub subject: String,
    /// The text (an HTML-only message converted to text).
    pub text: String,
    /// Names of the files kept with the complaint.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// Files staff added to a complaint (a scanned letter, a photo): at
/// intake or later on the complaint page or through the API. The bytes are
/// kept beside the stream; the history names each file with its SHA-256,
/// so the timeline says who added what, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilesAdded {
    pub files: Vec<AddedFile>,
}

/// One file of [`FilesAdded`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddedFile {
    pub name: String,
    /// Lower-case hex.
    pub sha256: String,
}

/// Everything that can happen to a complaint. The JSON form
/// (`{"type": "contact_recorded", ...}`) is what the store keeps, so
/// renaming a variant or field is a data migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    Registered(Box<Registration>),
    /// Step 1's report; later ones re-route to another manager.
    ReportedToManager {
        manager: UserId,
    },
    /// Replaces a previous handler.
    HandlerAssigned {
        handler: UserId,
    },
    AssistantAdded {
        user: UserId,
    },
    ContactRecorded(Contact),
    MeritDecided(MeritDecision),
    OfferMade(Offer),
    ResponseRecorded(ComplainantResponse),
    ActionAgreed(AgreedAction),
    ActionCompleted(CompletedAction),
    FormSentToQualityManager,
    Escalated(Escalation),
    EscalationOutcome(EscalationOutcome),
    Closed(Closing),
    RegisteredInExact(ExactRegistration),
    /// Replaces what event `of` said in the state; the history keeps both.
    Corrected {
        of: u64,
        replacement: Box<Event>,
        reason: String,
    },
    StepWaived(Waiver),
    ConvertedToComplaint(Conversion),
    /// Category and cause set or changed (DESIGN §6).
    Classified(Classification),
    /// The complainant answered the satisfaction check on the public site
    /// (recorded with [`Actor::Complainant`]).
    SatisfactionReported(SatisfactionReport),
    /// The handler (or whoever works on the steps) asked the director.
    DirectorConsulted(Consultation),
    /// The director answered a consultation.
    DirectorAdvised(Advice),
    /// Linked to a related complaint; the other stream has the mirror.
    Linked(Link),
    /// A link removed, on both streams.
    Unlinked(Unlink),
    /// An open agreed action now carried out by someone else.
    ActionOwnerChanged(OwnerChange),
    /// A closed complaint reopened: the round so far is sealed and a new
    /// one starts.
    Reopened(Reopening),
    /// The complainant wrote (see [`ComplainantMail`]).
    ComplainantMailed(ComplainantMail),
    /// Staff added files (see [`FilesAdded`]).
    FilesAdded(FilesAdded),
}

impl Event {
    /// The serde `type` tag.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Registered(_) => "registered",
            Event::ReportedToManager { .. } => "reported_to_manager",
            Event::HandlerAssigned { .. } => "handler_assigned",
            Event::AssistantAdded { .. } => "assistant_added",
            Event::ContactRecorded(_) => "contact_recorded",
            Event::MeritDecided(_) => "merit_decided",
            Event::OfferMade(_) => "offer_made",
            Event::ResponseRecorded(_) => "response_recorded",
            Event::ActionAgreed(_) => "action_agreed",
            Event::ActionCompleted(_) => "action_completed",
            Event::FormSentToQualityManager => "form_sent_to_quality_manager",
            Event::Escalated(_) => "escalated",
            Event::EscalationOutcome(_) => "escalation_outcome",
            Event::Closed(_) => "closed",
            Event::RegisteredInExact(_) => "registered_in_exact",
            Event::Corrected { .. } => "corrected",
            Event::StepWaived(_) => "step_waived",
            Event::ConvertedToComplaint(_) => "converted_to_complaint",
            Event::Classified(_) => "classified",
            Event::SatisfactionReported(_) => "satisfaction_reported",
            Event::DirectorConsulted(_) => "director_consulted",
            Event::DirectorAdvised(_) => "director_advised",
            Event::Linked(_) => "linked",
            Event::Unlinked(_) => "unlinked",
            Event::ActionOwnerChanged(_) => "action_owner_changed",
            Event::Reopened(_) => "reopened",
            Event::ComplainantMailed(_) => "complainant_mailed",
            Event::FilesAdded(_) => "files_added",
        }
    }

    /// One Dutch line for the timeline. Names are not known here, so the
    /// line says what happened; the caller adds who and when.
    pub fn describe(&self) -> String {
        match self {
            Event::Registered(r) => match r.kind {
                Kind::Signal => format!(
                    "Signaal {} geregistreerd als direct opgelost (via {})",
                    r.reference,
                    r.channel.label()
                ),
                Kind::Complaint => format!(
                    "Klacht {} geregistreerd (via {})",
                    r.reference,
                    r.channel.label()
                ),
            },
            Event::ReportedToManager { .. } => "Gemeld bij de leidinggevende".into(),
            Event::HandlerAssigned { .. } => "Afhandelaar toegewezen".into(),
            Event::AssistantAdded { .. } => "Bijstand toegevoegd".into(),
            Event::ContactRecorded(c) => format!(
                "Contact met klager vastgelegd ({}, {})",
                c.mode.label(),
                format_date(c.date)
            ),
            Event::MeritDecided(m) => format!("Klacht beoordeeld als {}", m.merit.label()),
            Event::OfferMade(o) => {
                let mut line = format!(
                    "Aanbod gedaan op {}: {}",
                    format_date(o.made_on),
                    o.kind.label()
                );
                if let Some(cents) = o.value_cents {
                    line.push_str(&format!(" ({})", format_euro(cents)));
                }
                if o.director_consulted {
                    line.push_str(", na overleg met de directeur");
                }
                line
            }
            Event::ResponseRecorded(r) => {
                let mut parts = Vec::new();
                match r.accepted {
                    Some(true) => parts.push("aanbod aanvaard".to_owned()),
                    Some(false) => parts.push("aanbod afgewezen".to_owned()),
                    None => {}
                }
                if let Some(s) = r.satisfaction {
                    parts.push(format!("tevredenheid {s}"));
                }
                if parts.is_empty() {
                    "Reactie van de klager vastgelegd".into()
                } else {
                    format!("Reactie van de klager vastgelegd: {}", parts.join(", "))
                }
            }
            Event::ActionAgreed(a) => match a.due {
                Some(due) => format!(
                    "Actie {} afgesproken (uiterlijk {})",
                    a.number,
                    format_date(due)
                ),
                None => format!("Actie {} afgesproken", a.number),
            },
            Event::ActionCompleted(a) => format!("Actie {} afgerond", a.number),
            Event::FormSentToQualityManager => {
                "Klachtenformulier naar de kwaliteitsmanager gestuurd".into()
            }
            Event::Escalated(e) => format!(
                "Extern geëscaleerd naar {} op {}",
                e.party.label(),
                format_date(e.on)
            ),
            Event::EscalationOutcome(o) => format!(
                "Uitkomst van de escalatie vastgelegd ({}): {}",
                format_date(o.on),
                if o.resolved {
                    "opgelost"
                } else {
                    "niet opgelost"
                }
            ),
            Event::Closed(_) => "Klacht afgesloten en opgeborgen in het klachtendossier".into(),
            Event::RegisteredInExact(e) => format!("Geregistreerd in Exact ({})", e.exact_id),
            Event::Corrected {
                of,
                replacement,
                reason,
            } => format!(
                "Correctie van gebeurtenis {of} ({}). Reden: {reason}",
                lowercase_first(&replacement.describe())
            ),
            Event::StepWaived(w) => format!("Stap '{}' overgeslagen: {}", w.step.label(), w.reason),
            Event::ConvertedToComplaint(c) => {
                format!("Signaal omgezet in een klacht: {}", c.reason)
            }
            Event::Classified(c) => format!(
                "Indeling vastgelegd: categorie {}, oorzaak {}",
                c.category.as_deref().unwrap_or("niet opgegeven"),
                c.cause.as_deref().unwrap_or("niet opgegeven")
            ),
            Event::SatisfactionReported(r) => format!(
                "Tevredenheid doorgegeven door de klager via de website: {}{}",
                r.satisfaction,
                if r.comment.is_some() {
                    ", met toelichting"
                } else {
                    ""
                }
            ),
            Event::DirectorConsulted(x) => format!(
                "Advies gevraagd aan de directeur (vraag {}): {}",
                x.number, x.question
            ),
            Event::DirectorAdvised(x) => {
                format!(
                    "Advies van de directeur op vraag {}: {}",
                    x.number, x.advice
                )
            }
            // The other's reference is left out: not everyone who reads
            // this history may see that complaint.
            Event::Linked(l) => format!(
                "Gekoppeld aan een verwante klacht ({}){}",
                l.reason.label(),
                l.note
                    .as_deref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default()
            ),
            Event::Unlinked(_) => "Koppeling met een verwante klacht verwijderd".into(),
            Event::ActionOwnerChanged(x) => {
                format!("Actie {} overgedragen aan een andere uitvoerder", x.number)
            }
            Event::Reopened(x) => format!(
                "Klacht heropend ({}); een nieuwe behandelronde begint. Reden: {}",
                x.kind.label(),
                x.reason
            ),
            Event::ComplainantMailed(m) => {
                let files = if m.attachments.is_empty() {
                    String::new()
                } else {
                    format!(" (bijlagen: {})", m.attachments.join(", "))
                };
                format!(
                    "E-mail van de klager ({}), onderwerp '{}'{files}: {}",
                    m.from, m.subject, m.text
                )
            }
            Event::FilesAdded(f) => {
                let names: Vec<&str> = f.files.iter().map(|x| x.name.as_str()).collect();
                match names.as_slice() {
                    [one] => format!("Bijlage toegevoegd: {one}"),
                    _ => format!("Bijlagen toegevoegd: {}", names.join(", ")),
                }
            }
        }
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Serde for the receipt moment that trusts the stored instant over the
/// stored offset. jiff's default rejects a string whose offset no longer
/// matches the zone's rules; a tz-database update must never make an
/// append-only stream unreadable.
mod zoned_lenient {
    use jiff::Zoned;
    use jiff::fmt::temporal::DateTimeParser;
    use jiff::tz::OffsetConflict;
    use serde::{Deserialize, Deserializer, Serializer};

    static PARSER: DateTimeParser =
        DateTimeParser::new().offset_conflict(OffsetConflict::AlwaysOffset);

    pub fn serialize<S: Serializer>(z: &Zoned, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(z)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Zoned, D::Error> {
        let text = String::deserialize(d)?;
        PARSER.parse_zoned(&text).map_err(serde::de::Error::custom)
    }
}
