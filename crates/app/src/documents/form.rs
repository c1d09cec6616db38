//! The data of the complaint form (klachtenformulier v02, DESIGN §5), every
//! section filled as far as the workflow got, formatted once for the
//! Typst template (`klachtenformulier.typ`), in one language: the
//! template's own words come along in [`FormData::words`] (`documents.ftl`).

use jiff::Timestamp;
use klacht_domain::Language;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    Actor, Channel, ComplainantResponse, Complaint, ConsultationRecord, ContactMode, Kind, Merit,
    OfferKind, Party, Waiver,
};
use klacht_i18n::{Labelled, Tr};
use serde::Serialize;

use super::{FormCopy, Letterhead, Names, local_time};
use crate::complaints::{TermLine, term_lines};

/// One printed choice box, ticked or not.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub label: String,
    pub on: bool,
}

fn ticks<T: Labelled + PartialEq>(t: Tr, all: &[T], chosen: Option<T>) -> Vec<Tick> {
    all.iter()
        .map(|x| Tick {
            label: t.label(*x),
            on: chosen == Some(*x),
        })
        .collect()
}

/// "24-04-2026" / "24 Apr 2026".
fn date_in(t: Tr, d: jiff::civil::Date) -> String {
    t.date(d)
}

/// "24-04-2026 10:00" / "24 Apr 2026 10:00": a moment on the form.
fn local_time_in(t: Tr, at: Timestamp, calendar: &WorkingCalendar) -> String {
    match t.language() {
        Language::Nl => local_time(at, calendar),
        Language::En => {
            let z = at.to_zoned(calendar.time_zone().clone());
            format!("{} {}", t.date(z.date()), z.strftime("%H:%M"))
        }
    }
}

/// The template's own words: (name in the template, key).
const FORM_WORDS: &[(&str, &str)] = &[
    ("title", "doc-form-title"),
    ("form_version", "doc-form-form-version"),
    ("version", "doc-form-version"),
    ("reference", "doc-form-reference"),
    ("yes", "doc-form-yes"),
    ("no", "doc-form-no"),
    ("s1", "doc-form-section-1"),
    ("s2", "doc-form-section-2"),
    ("s3", "doc-form-section-3"),
    ("s4", "doc-form-section-4"),
    ("s5", "doc-form-section-5"),
    ("s6", "doc-form-section-6"),
    ("s7", "doc-form-section-7"),
    ("s8", "doc-form-section-8"),
    ("s9", "doc-form-section-9"),
    ("s10", "doc-form-section-10"),
    ("s11", "doc-form-section-11"),
    ("s12", "doc-form-section-12"),
    ("kind", "doc-form-kind"),
    ("converted_from", "doc-form-converted-from"),
    ("received_at", "doc-form-received-at"),
    ("received_by", "doc-form-received-by"),
    ("received_via", "doc-form-received-via"),
    ("reported_to", "doc-form-reported-to"),
    ("on", "doc-form-on"),
    ("name", "doc-form-name"),
    ("email", "doc-form-email"),
    ("phone", "doc-form-phone"),
    ("address", "doc-form-address"),
    ("representative", "doc-form-representative"),
    ("not_applicable", "doc-form-not-applicable"),
    ("service", "doc-form-service"),
    ("involved", "doc-form-involved"),
    ("description", "doc-form-description"),
    ("category", "doc-form-category"),
    ("cause", "doc-form-cause"),
    ("handler", "doc-form-handler"),
    ("assistants", "doc-form-assistants"),
    ("date", "doc-form-date"),
    ("mode", "doc-form-mode"),
    ("summary", "doc-form-summary"),
    ("recorded_by", "doc-form-recorded-by"),
    ("merit", "doc-form-merit"),
    ("reasoning", "doc-form-reasoning"),
    ("no_advice", "doc-form-no-advice"),
    ("offer", "doc-form-offer"),
    ("offer_description", "doc-form-offer-description"),
    ("value", "doc-form-value"),
    ("letter_text", "doc-form-letter-text"),
    ("director_consulted", "doc-form-director-consulted"),
    ("offer_made_on", "doc-form-offer-made-on"),
    ("own_satisfaction", "doc-form-own-satisfaction"),
    ("satisfaction", "doc-form-satisfaction"),
    ("by_handler", "doc-form-by-handler"),
    ("comment", "doc-form-comment"),
    ("accepted", "doc-form-accepted"),
    ("declined", "doc-form-declined"),
    ("actions", "doc-form-actions"),
    ("no_actions", "doc-form-no-actions"),
    ("nr", "doc-form-nr"),
    ("agreement", "doc-form-agreement"),
    ("due", "doc-form-due"),
    ("completed", "doc-form-completed"),
    ("form_to_quality", "doc-form-form-to-quality"),
    ("not_sent", "doc-form-not-sent"),
    ("party", "doc-form-party"),
    ("outcome", "doc-form-outcome"),
    ("not_known", "doc-form-not-known"),
    ("step", "doc-form-step"),
    ("done_on", "doc-form-done-on"),
    ("status_head", "doc-form-status-head"),
    ("filed", "doc-form-filed"),
    ("not_closed", "doc-form-not-closed"),
    ("exact", "doc-form-exact"),
    ("initials_handler", "doc-form-initials-handler"),
    ("initials_quality", "doc-form-initials-quality"),
];

/// The template's words and the language it hyphenates in. Words with a
/// value keep a `{name}` marker that the template replaces.
#[derive(Debug, Clone, Serialize)]
pub struct FormWords {
    pub lang: String,
    /// "Pagina {page} van {pages}".
    pub page: String,
    pub w: std::collections::BTreeMap<&'static str, String>,
}

impl FormWords {
    pub fn new(t: Tr) -> Self {
        let mut w: std::collections::BTreeMap<&'static str, String> = FORM_WORDS
            .iter()
            .map(|(name, key)| (*name, t.t(key)))
            .collect();
        for (name, key, placeholders) in [
            ("status", "doc-form-status", &["status"][..]),
            ("consultation", "doc-form-consultation", &["number"][..]),
            (
                "question",
                "doc-form-question",
                &["director", "asked", "question"][..],
            ),
            ("advice", "doc-form-advice", &["advised", "advice"][..]),
            ("via_website", "doc-form-via-website", &["date"][..]),
            ("waived", "doc-form-waived", &["step"][..]),
            ("engaged_on", "doc-form-engaged-on", &["date"][..]),
            (
                "initials_handler_named",
                "doc-form-initials-handler-named",
                &["name"][..],
            ),
        ] {
            let args: Vec<(&str, String)> = placeholders
                .iter()
                .map(|p| (*p, format!("{{{p}}}")))
                .collect();
            w.insert(name, t.with_args(key, &args));
        }
        Self {
            lang: t.code().to_owned(),
            page: t.t2("doc-letter-page", "page", "{page}", "pages", "{pages}"),
            w,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyData {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
}

impl PartyData {
    pub fn of(p: &Party) -> Self {
        Self {
            name: p.name().to_owned(),
            email: p.email().map(ToString::to_string).unwrap_or_default(),
            phone: p.phone().unwrap_or_default().to_owned(),
            address: p.address().unwrap_or_default().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactData {
    pub date: String,
    pub summary: String,
    pub recorded: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfferData {
    pub description: String,
    pub value: String,
    /// Ticked on the offer, or advice given in the system.
    pub director_consulted: bool,
    /// What the letter says to the complainant about the judgement.
    pub letter_text: String,
    pub made_on: String,
    pub recorded: String,
}

/// A question to the director and her advice, with who and when.
#[derive(Debug, Clone, Serialize)]
pub struct ConsultationData {
    pub number: u32,
    pub director: String,
    pub question: String,
    /// Who asked and when: "Margriet Jansen, 06-05-2026 10:12".
    pub asked: String,
    /// Empty while she has not answered.
    pub advice: String,
    pub advised: String,
}

impl ConsultationData {
    /// `director`: her name; `recorded` writes who and when, as the rest
    /// of the form does.
    pub fn of(
        r: &ConsultationRecord,
        director: String,
        recorded: impl Fn(Actor, Timestamp) -> String,
    ) -> Self {
        Self {
            number: r.number(),
            director,
            question: r.question.value.question.clone(),
            asked: recorded(r.question.by, r.question.at),
            advice: r
                .advice
                .as_ref()
                .map(|a| a.value.advice.clone())
                .unwrap_or_default(),
            advised: r
                .advice
                .as_ref()
                .map(|a| recorded(a.by, a.at))
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ResponseData {
    /// "aanvaard", "afgewezen" or "niet bekend".
    pub accepted: String,
    pub satisfaction: String,
    pub comment: String,
}

impl ResponseData {
    pub fn of(r: &ComplainantResponse) -> Self {
        Self::of_in(r, Tr::default())
    }

    pub fn of_in(r: &ComplainantResponse, t: Tr) -> Self {
        Self {
            accepted: t.t(match r.accepted {
                Some(true) => "doc-form-value-accepted-yes",
                Some(false) => "doc-form-value-accepted-no",
                None => "doc-form-value-accepted-unknown",
            }),
            satisfaction: r.satisfaction.map(|x| x.to_string()).unwrap_or_default(),
            comment: r.comment.clone().unwrap_or_default(),
        }
    }
}

/// The complainant's own answer to the satisfaction check on the public
/// site. Their score is the one that counts ([`Complaint::satisfaction`]);
/// the handler's record stays beside it.
#[derive(Debug, Clone, Serialize)]
pub struct SatisfactionCheckData {
    /// "4".
    pub satisfaction: String,
    pub comment: String,
    /// The local day they answered.
    pub on: String,
}

impl SatisfactionCheckData {
    pub fn of(c: &Complaint, calendar: &WorkingCalendar) -> Option<Self> {
        Self::of_in(c, calendar, Tr::default())
    }

    pub fn of_in(c: &Complaint, calendar: &WorkingCalendar, t: Tr) -> Option<Self> {
        c.satisfaction_report().map(|s| Self {
            satisfaction: s.value.satisfaction.to_string(),
            comment: s.value.comment.clone().unwrap_or_default(),
            on: date_in(t, calendar.local_date(s.at)),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionData {
    pub number: u32,
    pub description: String,
    pub due: String,
    pub owner: String,
    pub completed: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaiverData {
    pub step: String,
    pub reason: String,
    pub recorded: String,
}

impl WaiverData {
    /// `recorded`: who skipped the step and when, "Margriet Jansen,
    /// 24-04-2026 10:00".
    pub fn of(w: &Waiver, recorded: String) -> Self {
        Self::of_in(w, recorded, Tr::default())
    }

    pub fn of_in(w: &Waiver, recorded: String, t: Tr) -> Self {
        Self {
            step: t.label(w.step),
            reason: w.reason.clone(),
            recorded,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EscalationData {
    pub party: String,
    pub on: String,
    pub note: String,
    pub outcome: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermData {
    pub step: String,
    pub due: String,
    pub done_on: String,
    pub status: String,
}

impl TermData {
    pub fn of(line: &TermLine) -> Self {
        Self::of_in(line, Tr::default())
    }

    pub fn of_in(line: &TermLine, t: Tr) -> Self {
        Self {
            step: t.label(line.step),
            due: date_in(t, line.due),
            done_on: line.done_on.map(|d| date_in(t, d)).unwrap_or_default(),
            status: if line.waived {
                t.t1("doc-form-value-term-waived", "status", t.label(line.status))
            } else {
                t.label(line.status)
            },
        }
    }
}

/// Everything the form shows. Empty strings are blank lines on paper.
#[derive(Debug, Clone, Serialize)]
pub struct FormData {
    pub organisation: String,
    /// The virtual file name of the logo, when there is one.
    pub logo: Option<String>,
    pub reference: String,
    pub status: String,
    pub is_signal: bool,
    pub kind: Vec<Tick>,
    pub conversion: String,
    /// For a reopened complaint (issue 16): which handling round this form
    /// is of, since when and why. Left out for the first round.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub round: String,
    pub received_at: String,
    pub received_by: String,
    pub channel: Vec<Tick>,
    pub manager: String,
    pub reported_at: String,
    pub complainant: PartyData,
    pub representative: Option<PartyData>,
    pub service: String,
    pub involved: String,
    pub description: String,
    pub category: String,
    pub cause: String,
    pub handler: String,
    pub assistants: String,
    pub contact: Option<ContactData>,
    pub contact_mode: Vec<Tick>,
    pub merit: Vec<Tick>,
    pub reasoning: String,
    pub merit_recorded: String,
    pub offer_kind: Vec<Tick>,
    pub offer: Option<OfferData>,
    pub consultations: Vec<ConsultationData>,
    pub response: Option<ResponseData>,
    /// The complainant's own answer to the satisfaction check.
    pub satisfaction_check: Option<SatisfactionCheckData>,
    pub actions: Vec<ActionData>,
    pub form_sent: String,
    pub waivers: Vec<WaiverData>,
    pub escalations: Vec<EscalationData>,
    pub terms: Vec<TermData>,
    pub closed: String,
    pub closing_note: String,
    pub exact_id: String,
    /// The footer's line about this copy.
    pub copy: String,
    /// The template's own words, in the form's language.
    pub words: FormWords,
}

impl FormData {
    /// The form in Dutch: the copies filed in the organisation's archive.
    pub fn build(
        letterhead: &Letterhead,
        c: &Complaint,
        names: &Names,
        calendar: &WorkingCalendar,
        copy: &FormCopy,
    ) -> Self {
        Self::build_in(letterhead, c, names, calendar, copy, Tr::default())
    }

    /// The form in the words of `t` (a copy printed for a reader).
    pub fn build_in(
        letterhead: &Letterhead,
        c: &Complaint,
        names: &Names,
        calendar: &WorkingCalendar,
        copy: &FormCopy,
        t: Tr,
    ) -> Self {
        let local_time = |at: Timestamp, calendar: &WorkingCalendar| local_time_in(t, at, calendar);
        let format_date = |d: jiff::civil::Date| date_in(t, d);
        let actor = |a: Actor| match a {
            Actor::User(id) => names.name_in(t, id),
            Actor::Complainant => t.t("doc-form-value-actor-complainant"),
            Actor::System => t.t("doc-form-value-actor-system"),
        };
        let recorded = |by, at| format!("{}, {}", actor(by), local_time(at, calendar));
        let opt = |s: Option<&str>| s.unwrap_or_default().to_owned();
        let (copy_line, today) = match copy {
            FormCopy::Printed { by, at } => (
                t.t2(
                    "doc-form-value-copy-printed",
                    "at",
                    local_time(*at, calendar),
                    "by",
                    by.as_str(),
                ),
                calendar.local_date(*at),
            ),
            FormCopy::Filed { by, at } => (
                t.t2(
                    "doc-form-value-copy-filed",
                    "at",
                    local_time(*at, calendar),
                    "by",
                    by.as_str(),
                ),
                calendar.local_date(*at),
            ),
            FormCopy::Anonymised {
                filed_by,
                filed_at,
                at,
            } => (
                t.t3(
                    "doc-form-value-copy-anonymised",
                    "filed",
                    local_time(*filed_at, calendar),
                    "by",
                    filed_by.as_str(),
                    "at",
                    local_time(*at, calendar),
                ),
                calendar.local_date(*filed_at),
            ),
        };
        Self {
            organisation: letterhead.organisation.clone(),
            logo: letterhead.logo_name(),
            reference: c.reference().to_string(),
            status: t.label(c.status()),
            is_signal: c.kind() == Kind::Signal,
            kind: ticks(t, &[Kind::Complaint, Kind::Signal], Some(c.kind())),
            conversion: c
                .conversion()
                .map(|s| s.value.reason.clone())
                .unwrap_or_default(),
            round: c
                .reopening()
                .map(|r| {
                    t.with_args(
                        "doc-form-value-round",
                        &[
                            ("round", c.round().to_string()),
                            ("date", format_date(calendar.local_date(r.at))),
                            ("kind", t.label(r.value.kind)),
                            ("reason", r.value.reason.clone()),
                        ],
                    )
                })
                .unwrap_or_default(),
            received_at: match t.language() {
                Language::Nl => c.received_at().strftime("%d-%m-%Y %H:%M").to_string(),
                Language::En => format!(
                    "{} {}",
                    t.date(c.received_at().date()),
                    c.received_at().strftime("%H:%M")
                ),
            },
            received_by: c
                .received_by()
                .map(|id| names.name_in(t, id))
                .unwrap_or_else(|| t.t("doc-form-value-received-online")),
            channel: ticks(t, Channel::ALL, Some(c.channel())),
            manager: names.opt_in(t, c.responsible_manager()),
            reported_at: c
                .report()
                .map(|s| local_time(s.at, calendar))
                .unwrap_or_default(),
            complainant: PartyData::of(c.complainant()),
            representative: c.representative().map(PartyData::of),
            service: opt(c.service()),
            involved: c
                .involved_employees()
                .iter()
                .map(|id| names.name_in(t, *id))
                .collect::<Vec<_>>()
                .join(", "),
            description: c.description().to_owned(),
            category: opt(c.category()),
            cause: opt(c.cause()),
            handler: names.opt_in(t, c.handler()),
            assistants: c
                .assistants()
                .iter()
                .map(|id| names.name_in(t, *id))
                .collect::<Vec<_>>()
                .join(", "),
            contact: c.contact().map(|s| ContactData {
                date: format_date(s.value.date),
                summary: s.value.summary.clone(),
                recorded: recorded(s.by, s.at),
            }),
            contact_mode: ticks(t, ContactMode::ALL, c.contact().map(|s| s.value.mode)),
            merit: ticks(t, Merit::ALL, c.merit().map(|s| s.value.merit)),
            reasoning: c
                .merit()
                .map(|s| s.value.reasoning.clone())
                .unwrap_or_default(),
            merit_recorded: c.merit().map(|s| recorded(s.by, s.at)).unwrap_or_default(),
            offer_kind: ticks(t, OfferKind::ALL, c.offer().map(|s| s.value.kind)),
            offer: c.offer().map(|s| OfferData {
                description: s.value.description.clone(),
                value: s.value.value_cents.map(|v| t.euro(v)).unwrap_or_default(),
                director_consulted: c.director_consulted(),
                letter_text: super::letter_paragraphs(c, &s.value).join("\n\n"),
                made_on: format_date(s.value.made_on),
                recorded: recorded(s.by, s.at),
            }),
            consultations: c
                .consultations()
                .iter()
                .map(|r| ConsultationData::of(r, names.name_in(t, r.director()), recorded))
                .collect(),
            response: c.response().map(|s| ResponseData::of_in(&s.value, t)),
            satisfaction_check: SatisfactionCheckData::of_in(c, calendar, t),
            actions: c
                .actions()
                .iter()
                .map(|item| {
                    let a = &item.agreed.value;
                    ActionData {
                        number: a.number,
                        description: a.description.clone(),
                        due: a.due.map(format_date).unwrap_or_default(),
                        owner: names.opt_in(t, a.owner),
                        completed: match &item.completed {
                            Some(s) => {
                                let mut line = t.t1(
                                    "doc-form-value-action-completed",
                                    "at",
                                    local_time(s.at, calendar),
                                );
                                if let Some(note) = &s.value.note {
                                    line.push_str(" — ");
                                    line.push_str(note);
                                }
                                line
                            }
                            None => t.t("doc-form-value-action-open"),
                        },
                    }
                })
                .collect(),
            form_sent: c
                .form_sent()
                .map(|s| {
                    t.t2(
                        "doc-form-value-form-sent",
                        "by",
                        actor(s.by),
                        "at",
                        local_time(s.at, calendar),
                    )
                })
                .unwrap_or_default(),
            waivers: c
                .waivers()
                .map(|w| WaiverData::of_in(&w.value, recorded(w.by, w.at), t))
                .collect(),
            escalations: c
                .escalations()
                .iter()
                .map(|e| EscalationData {
                    party: party_in(t, &e.escalation.value.party),
                    on: format_date(e.escalation.value.on),
                    note: e.escalation.value.note.clone().unwrap_or_default(),
                    outcome: e
                        .outcome
                        .as_ref()
                        .map(|o| {
                            format!(
                                "{} ({}; {})",
                                o.value.outcome,
                                format_date(o.value.on),
                                t.t(if o.value.resolved {
                                    "doc-form-value-resolved"
                                } else {
                                    "doc-form-value-unresolved"
                                })
                            )
                        })
                        .unwrap_or_default(),
                })
                .collect(),
            terms: term_lines(c, calendar, today)
                .iter()
                .map(|line| TermData::of_in(line, t))
                .collect(),
            closed: c.closed().map(|s| recorded(s.by, s.at)).unwrap_or_default(),
            closing_note: c
                .closed()
                .and_then(|s| s.value.note.clone())
                .unwrap_or_default(),
            exact_id: c
                .exact_registration()
                .map(|s| s.value.exact_id.clone())
                .unwrap_or_default(),
            copy: copy_line,
            words: FormWords::new(t),
        }
    }
}

/// The external party in the words of `t`; a party named by a user as
/// typed.
fn party_in(t: Tr, party: &klacht_domain::complaint::EscalationParty) -> String {
    use klacht_domain::complaint::EscalationParty;
    match party {
        EscalationParty::Mediator => t.t("complaint-party-mediator"),
        EscalationParty::ComplaintsCommittee => t.t("complaint-party-committee"),
        EscalationParty::DisputesBody => t.t("complaint-party-disputes"),
        EscalationParty::Other(name) => name.clone(),
    }
}
