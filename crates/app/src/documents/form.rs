//! The data of the complaint form (klachtenformulier v02, DESIGN §5), every
//! section filled as far as the workflow got, formatted once for the
//! Typst template (`klachtenformulier.typ`).

use jiff::Timestamp;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    Actor, Channel, ComplainantResponse, Complaint, ConsultationRecord, ContactMode, Kind, Merit,
    OfferKind, Party, Waiver, format_date, format_euro,
};
use serde::Serialize;

use super::{FormCopy, Letterhead, Names, local_time};
use crate::complaints::{TermLine, term_lines};

/// One printed choice box, ticked or not.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub label: &'static str,
    pub on: bool,
}

fn ticks<T: Copy + PartialEq>(
    all: &[T],
    label: fn(T) -> &'static str,
    chosen: Option<T>,
) -> Vec<Tick> {
    all.iter()
        .map(|x| Tick {
            label: label(*x),
            on: chosen == Some(*x),
        })
        .collect()
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
        Self {
            accepted: match r.accepted {
                Some(true) => "aanvaard".into(),
                Some(false) => "afgewezen".into(),
                None => "niet bekend".into(),
            },
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
        c.satisfaction_report().map(|s| Self {
            satisfaction: s.value.satisfaction.to_string(),
            comment: s.value.comment.clone().unwrap_or_default(),
            on: format_date(calendar.local_date(s.at)),
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
        Self {
            step: w.step.label().into(),
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
    pub fn of(t: &TermLine) -> Self {
        Self {
            step: t.step.label().into(),
            due: format_date(t.due),
            done_on: t.done_on.map(format_date).unwrap_or_default(),
            status: if t.waived {
                format!("overgeslagen ({})", t.status.label())
            } else {
                t.status.label().into()
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
}

impl FormData {
    pub fn build(
        letterhead: &Letterhead,
        c: &Complaint,
        names: &Names,
        calendar: &WorkingCalendar,
        copy: &FormCopy,
    ) -> Self {
        let recorded = |by, at| format!("{}, {}", names.actor(by), local_time(at, calendar));
        let opt = |s: Option<&str>| s.unwrap_or_default().to_owned();
        let (copy_line, today) = match copy {
            FormCopy::Printed { by, at } => (
                format!("Afgedrukt {} door {by}", local_time(*at, calendar)),
                calendar.local_date(*at),
            ),
            FormCopy::Filed { by, at } => (
                format!(
                    "Opgeborgen in het klachtendossier op {} door {by}",
                    local_time(*at, calendar)
                ),
                calendar.local_date(*at),
            ),
            FormCopy::Anonymised {
                filed_by,
                filed_at,
                at,
            } => (
                format!(
                    "Opgeborgen in het klachtendossier op {} door {filed_by}; geanonimiseerd op {} (bewaartermijn verstreken)",
                    local_time(*filed_at, calendar),
                    local_time(*at, calendar)
                ),
                calendar.local_date(*filed_at),
            ),
        };
        Self {
            organisation: letterhead.organisation.clone(),
            logo: letterhead.logo_name(),
            reference: c.reference().to_string(),
            status: c.status().label().into(),
            is_signal: c.kind() == Kind::Signal,
            kind: ticks(
                &[Kind::Complaint, Kind::Signal],
                Kind::label,
                Some(c.kind()),
            ),
            conversion: c
                .conversion()
                .map(|s| s.value.reason.clone())
                .unwrap_or_default(),
            round: c
                .reopening()
                .map(|r| {
                    format!(
                        "Behandelronde {}, heropend op {} ({}): {}",
                        c.round(),
                        format_date(calendar.local_date(r.at)),
                        r.value.kind.label(),
                        r.value.reason
                    )
                })
                .unwrap_or_default(),
            received_at: c.received_at().strftime("%d-%m-%Y %H:%M").to_string(),
            received_by: c
                .received_by()
                .map(|id| names.name(id))
                .unwrap_or_else(|| "via de website".into()),
            channel: ticks(Channel::ALL, Channel::label, Some(c.channel())),
            manager: names.opt(c.responsible_manager()),
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
                .map(|id| names.name(*id))
                .collect::<Vec<_>>()
                .join(", "),
            description: c.description().to_owned(),
            category: opt(c.category()),
            cause: opt(c.cause()),
            handler: names.opt(c.handler()),
            assistants: c
                .assistants()
                .iter()
                .map(|id| names.name(*id))
                .collect::<Vec<_>>()
                .join(", "),
            contact: c.contact().map(|s| ContactData {
                date: format_date(s.value.date),
                summary: s.value.summary.clone(),
                recorded: recorded(s.by, s.at),
            }),
            contact_mode: ticks(
                ContactMode::ALL,
                ContactMode::label,
                c.contact().map(|s| s.value.mode),
            ),
            merit: ticks(Merit::ALL, Merit::label, c.merit().map(|s| s.value.merit)),
            reasoning: c
                .merit()
                .map(|s| s.value.reasoning.clone())
                .unwrap_or_default(),
            merit_recorded: c.merit().map(|s| recorded(s.by, s.at)).unwrap_or_default(),
            offer_kind: ticks(
                OfferKind::ALL,
                OfferKind::label,
                c.offer().map(|s| s.value.kind),
            ),
            offer: c.offer().map(|s| OfferData {
                description: s.value.description.clone(),
                value: s.value.value_cents.map(format_euro).unwrap_or_default(),
                director_consulted: c.director_consulted(),
                letter_text: super::letter_paragraphs(c, &s.value).join("\n\n"),
                made_on: format_date(s.value.made_on),
                recorded: recorded(s.by, s.at),
            }),
            consultations: c
                .consultations()
                .iter()
                .map(|r| ConsultationData::of(r, names.name(r.director()), recorded))
                .collect(),
            response: c.response().map(|s| ResponseData::of(&s.value)),
            satisfaction_check: SatisfactionCheckData::of(c, calendar),
            actions: c
                .actions()
                .iter()
                .map(|item| {
                    let a = &item.agreed.value;
                    ActionData {
                        number: a.number,
                        description: a.description.clone(),
                        due: a.due.map(format_date).unwrap_or_default(),
                        owner: names.opt(a.owner),
                        completed: match &item.completed {
                            Some(s) => {
                                let mut line = format!("afgerond {}", local_time(s.at, calendar));
                                if let Some(note) = &s.value.note {
                                    line.push_str(" — ");
                                    line.push_str(note);
                                }
                                line
                            }
                            None => "open".into(),
                        },
                    }
                })
                .collect(),
            form_sent: c
                .form_sent()
                .map(|s| {
                    format!(
                        "verstuurd door {} op {}",
                        names.actor(s.by),
                        local_time(s.at, calendar)
                    )
                })
                .unwrap_or_default(),
            waivers: c
                .waivers()
                .map(|w| WaiverData::of(&w.value, recorded(w.by, w.at)))
                .collect(),
            escalations: c
                .escalations()
                .iter()
                .map(|e| EscalationData {
                    party: e.escalation.value.party.label().into(),
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
                                if o.value.resolved {
                                    "opgelost"
                                } else {
                                    "niet opgelost"
                                }
                            )
                        })
                        .unwrap_or_default(),
                })
                .collect(),
            terms: term_lines(c, calendar, today)
                .iter()
                .map(TermData::of)
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
        }
    }
}
