//! Nieuwe melding: intake of a complaint or a signal by a staff member.
//! The form is parsed into a [`NewComplaint`] once; every problem is tied
//! to its field and the form comes back with everything typed kept.

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use klacht_app::complaints;
use klacht_app::improvement::Lists;
use klacht_domain::complaint::{Channel, Complaint, Kind, NewComplaint, Party};
use klacht_domain::{Email, UserId};
use klacht_store::{ListKind, Store};
use serde::Deserialize;

use super::fields::sentence;
use super::{Directory, UserOption, ctx_of};
use crate::session::{CsrfForm, Ctx, redirect_with_flash};
use crate::{AppState, WebError};

/// Longest description the form takes (the domain's limit).
const DESCRIPTION_MAX: usize = 20_000;
/// Longest service.
const SHORT_MAX: usize = 200;

/// The intake form as posted: every field as typed, so that it can be
/// shown again unchanged when something is wrong.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub(super) struct NewComplaintForm {
    pub soort: String,
    pub kanaal: String,
    pub ontvangen: String,
    pub klager_naam: String,
    pub klager_email: String,
    pub klager_telefoon: String,
    pub klager_adres: String,
    pub namens_naam: String,
    pub namens_email: String,
    pub namens_telefoon: String,
    pub namens_adres: String,
    pub dienst: String,
    /// Repeated checkbox: the ids of the employees involved.
    pub betrokken: Vec<String>,
    pub omschrijving: String,
    pub categorie: String,
    pub oorzaak: String,
}

impl Default for NewComplaintForm {
    fn default() -> Self {
        Self {
            soort: "klacht".into(),
            kanaal: Channel::Phone.as_str().into(),
            ontvangen: String::new(),
            klager_naam: String::new(),
            klager_email: String::new(),
            klager_telefoon: String::new(),
            klager_adres: String::new(),
            namens_naam: String::new(),
            namens_email: String::new(),
            namens_telefoon: String::new(),
            namens_adres: String::new(),
            dienst: String::new(),
            betrokken: Vec::new(),
            omschrijving: String::new(),
            categorie: String::new(),
            oorzaak: String::new(),
        }
    }
}

/// Dutch messages per form field.
#[derive(Debug, Default)]
pub(super) struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    fn add(&mut self, field: &'static str, message: impl Into<String>) {
        if self.get(field).is_none() {
            self.0.push((field, message.into()));
        }
    }

    pub(super) fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The four fields of a person on the form.
struct PartyFields<'a> {
    /// Field names: name, e-mail, phone, address.
    names: [&'static str; 4],
    values: [&'a str; 4],
}

impl PartyFields<'_> {
    fn is_blank(&self) -> bool {
        self.values.iter().all(|v| v.trim().is_empty())
    }

    /// Checks each field with the domain's own rules, so that every message
    /// lands at the field it is about.
    fn parse(&self, who: &str, errors: &mut FieldErrors) -> Option<Party> {
        let [name_f, email_f, phone_f, address_f] = self.names;
        let [name, email, phone, address] = self.values;
        let mut ok = true;
        if name.trim().is_empty() {
            errors.add(name_f, format!("Vul de naam van {who} in."));
            ok = false;
        } else if let Err(e) = Party::new(name, None, None, None) {
            errors.add(name_f, sentence(&e.0));
            ok = false;
        }
        let email = match email.trim() {
            "" => None,
            e => match Email::parse(e) {
                Ok(e) => Some(e),
                Err(e) => {
                    errors.add(email_f, sentence(&e.0));
                    ok = false;
                    None
                }
            },
        };
        let probe = if name.trim().is_empty() { "x" } else { name };
        if let Err(e) = Party::new(probe, None, Some(phone), None) {
            errors.add(phone_f, sentence(&e.0));
            ok = false;
        }
        if let Err(e) = Party::new(probe, None, None, Some(address)) {
            errors.add(address_f, sentence(&e.0));
            ok = false;
        }
        if !ok {
            return None;
        }
        Party::new(name, email, Some(phone), Some(address))
            .map_err(|e| errors.add(name_f, sentence(&e.0)))
            .ok()
    }
}

fn optional(
    errors: &mut FieldErrors,
    field: &'static str,
    what: &str,
    text: &str,
) -> Option<String> {
    let text = text.trim();
    if text.chars().count() > SHORT_MAX {
        errors.add(
            field,
            format!("{what} is te lang (maximaal {SHORT_MAX} tekens)."),
        );
    }
    (!text.is_empty()).then(|| text.to_owned())
}

/// A `datetime-local` value ("2026-04-24T10:00") in the organisation's zone.
pub(super) fn parse_local(input: &str, tz: &TimeZone) -> Option<jiff::Zoned> {
    let dt: DateTime = input.trim().parse().ok()?;
    dt.to_zoned(tz.clone()).ok()
}

/// The value a `datetime-local` field shows for an instant.
pub(super) fn datetime_local(at: Timestamp, tz: &TimeZone) -> String {
    at.to_zoned(tz.clone())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

impl NewComplaintForm {
    /// Parses the whole form into the domain's intake, or says for each
    /// field what is wrong. `staff` are the ids that may be named involved;
    /// category and cause must be active values of `lists`.
    pub(super) fn parse(
        &self,
        tz: &TimeZone,
        now: Timestamp,
        staff: &HashSet<UserId>,
        lists: &Lists,
    ) -> Result<NewComplaint, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = match self.soort.as_str() {
            "klacht" => Some(Kind::Complaint),
            "signaal" => Some(Kind::Signal),
            _ => {
                errors.add(
                    "soort",
                    "Kies of de klacht direct is opgelost (signaal) of als klacht wordt afgehandeld.",
                );
                None
            }
        };
        let channel = self.kanaal.parse::<Channel>().ok();
        if channel.is_none() {
            errors.add("kanaal", "Kies hoe de klacht binnenkwam.");
        }
        let received_at = match parse_local(&self.ontvangen, tz) {
            None => {
                errors.add(
                    "ontvangen",
                    "Vul datum en tijd van ontvangst in (bijvoorbeeld 24-04-2026 10:00).",
                );
                None
            }
            // A minute of slack for the clock of the browser.
            Some(at) if at.timestamp() > now + jiff::SignedDuration::from_mins(1) => {
                errors.add("ontvangen", "Het moment van ontvangst ligt in de toekomst.");
                None
            }
            Some(at) => Some(at),
        };
        let complainant = PartyFields {
            names: [
                "klager_naam",
                "klager_email",
                "klager_telefoon",
                "klager_adres",
            ],
            values: [
                &self.klager_naam,
                &self.klager_email,
                &self.klager_telefoon,
                &self.klager_adres,
            ],
        }
        .parse("de klager", &mut errors);
        let namens = PartyFields {
            names: [
                "namens_naam",
                "namens_email",
                "namens_telefoon",
                "namens_adres",
            ],
            values: [
                &self.namens_naam,
                &self.namens_email,
                &self.namens_telefoon,
                &self.namens_adres,
            ],
        };
        let representative = if namens.is_blank() {
            None
        } else {
            namens.parse("de vertegenwoordiger", &mut errors)
        };
        let mut involved = Vec::with_capacity(self.betrokken.len());
        for raw in &self.betrokken {
            match raw.parse::<UserId>() {
                Ok(id) if staff.contains(&id) => involved.push(id),
                _ => errors.add("betrokken", "Kies de betrokken medewerkers uit de lijst."),
            }
        }
        let description = self.omschrijving.trim();
        if description.is_empty() {
            errors.add("omschrijving", "Beschrijf de klacht.");
        } else if description.chars().count() > DESCRIPTION_MAX {
            errors.add(
                "omschrijving",
                format!("De omschrijving is te lang (maximaal {DESCRIPTION_MAX} tekens)."),
            );
        }
        let service = optional(&mut errors, "dienst", "De dienst", &self.dienst);
        let mut pick = |field: &'static str, kind: ListKind, value: &str| {
            lists
                .check(kind, Some(value), None)
                .map_err(|e| errors.add(field, e.message))
                .ok()
                .flatten()
        };
        let category = pick("categorie", ListKind::Category, &self.categorie);
        let cause = pick("oorzaak", ListKind::Cause, &self.oorzaak);
        match (kind, channel, received_at, complainant) {
            (Some(kind), Some(channel), Some(received_at), Some(complainant))
                if errors.is_empty() =>
            {
                Ok(NewComplaint {
                    kind,
                    channel,
                    received_at,
                    complainant,
                    representative,
                    service,
                    involved_employees: involved,
                    description: description.to_owned(),
                    category,
                    cause,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/new.html")]
pub(super) struct NewPage {
    ctx: Ctx,
    form: NewComplaintForm,
    errors: FieldErrors,
    /// A refusal that belongs to no single field.
    general: Option<String>,
    staff: Vec<UserOption>,
    channels: Vec<(&'static str, &'static str)>,
    /// The active values of the administrator's lists (DESIGN §6), and
    /// a value typed that is not among them, to show it was refused.
    categories: Vec<Choice>,
    causes: Vec<Choice>,
}

/// One option of a select.
pub(super) struct Choice {
    name: String,
    selected: bool,
}

fn choices<'a>(active: impl Iterator<Item = &'a str>, typed: &str) -> Vec<Choice> {
    let typed = typed.trim();
    let mut out: Vec<Choice> = active
        .map(|name| Choice {
            name: name.to_owned(),
            selected: name == typed,
        })
        .collect();
    if !typed.is_empty() && !out.iter().any(|c| c.selected) {
        out.push(Choice {
            name: typed.to_owned(),
            selected: true,
        });
    }
    out
}

impl NewPage {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }

    fn involved(&self, id: &str) -> bool {
        self.form.betrokken.iter().any(|b| b == id)
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.general.is_some()
    }
}

async fn render<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    form: NewComplaintForm,
    errors: FieldErrors,
    general: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let dir = Directory::load(&state.store).await?;
    let lists = Lists::load(&state.store).await?;
    let page = NewPage {
        categories: choices(lists.active(ListKind::Category), &form.categorie),
        causes: choices(lists.active(ListKind::Cause), &form.oorzaak),
        ctx,
        form,
        errors,
        general,
        staff: dir.active_staff().map(UserOption::of).collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| (c.as_str(), c.label()))
            .collect(),
    };
    Ok((status, page).into_response())
}

fn refuse_admin(ctx: &Ctx) -> Result<(), WebError> {
    if ctx.registers() {
        Ok(())
    } else {
        Err(WebError::Forbidden(
            "Een beheerder registreert geen klachten.".into(),
        ))
    }
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
) -> Result<Response, WebError> {
    refuse_admin(&ctx)?;
    let calendar = state.calendar().await?;
    let form = NewComplaintForm {
        ontvangen: datetime_local(state.now(), calendar.time_zone()),
        ..NewComplaintForm::default()
    };
    render(
        &state,
        ctx,
        form,
        FieldErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

/// "Klacht K-2026-0042 geregistreerd en gemeld bij Margriet Jansen".
async fn registered_message<S: Store>(store: &S, c: &Complaint) -> Result<String, WebError> {
    if c.kind() == Kind::Signal {
        return Ok(format!(
            "Signaal {} geregistreerd als direct opgelost.",
            c.reference()
        ));
    }
    let manager = match c.responsible_manager() {
        Some(id) => store.user_by_id(id).await?.map(|u| u.user.name),
        None => None,
    };
    Ok(match manager {
        Some(name) => format!(
            "Klacht {} geregistreerd en gemeld bij {name}.",
            c.reference()
        ),
        None => format!("Klacht {} geregistreerd.", c.reference()),
    })
}

#[tracing::instrument(skip_all)]
pub(super) async fn submit<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, form }: CsrfForm<NewComplaintForm>,
) -> Result<Response, WebError> {
    let ctx = ctx_of(&state, &current);
    refuse_admin(&ctx)?;
    let now = state.now();
    let dir = Directory::load(&state.store).await?;
    let staff: HashSet<UserId> = dir.active_staff().map(|u| u.id).collect();
    let calendar = state.calendar().await?;
    let lists = Lists::load(&state.store).await?;
    let new = match form.parse(calendar.time_zone(), now, &staff, &lists) {
        Ok(new) => new,
        Err(errors) => {
            return render(
                &state,
                ctx,
                form,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match complaints::register(
        &state.store,
        &calendar,
        &state.notifier,
        &current.user,
        new,
        now,
    )
    .await
    {
        Ok(c) => {
            tracing::info!(reference = %c.reference(), kind = c.kind().as_str(), "registered");
            let message = registered_message(&state.store, &c).await?;
            Ok(redirect_with_flash(
                &format!("/klachten/{}", c.id()),
                &message,
                state.cookie_secure,
            ))
        }
        Err(e) => {
            let e = WebError::from(e);
            if e.status().is_server_error() {
                return Err(e);
            }
            let status = e.status();
            render(
                &state,
                ctx,
                form,
                FieldErrors::default(),
                Some(e.user_message()),
                status,
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tz() -> TimeZone {
        TimeZone::get("Europe/Amsterdam").expect("zone")
    }

    fn filled() -> NewComplaintForm {
        NewComplaintForm {
            ontvangen: "2026-04-24T10:00".into(),
            klager_naam: "Mevrouw J. de Vries".into(),
            klager_telefoon: "06-12345678".into(),
            omschrijving: "Begeleider kwam niet.".into(),
            ..NewComplaintForm::default()
        }
    }

    fn now() -> Timestamp {
        "2026-04-24T12:00:00+02:00".parse().expect("instant")
    }

    fn lists() -> Lists {
        let value = |kind, name: &str| klacht_store::ListValue {
            id: uuid::Uuid::now_v7(),
            kind,
            name: name.into(),
            active: true,
            position: 1,
        };
        Lists {
            categories: vec![value(ListKind::Category, "Planning")],
            causes: vec![value(ListKind::Cause, "Werkdruk")],
        }
    }

    #[test]
    fn category_and_cause_come_from_the_lists() {
        let form = NewComplaintForm {
            categorie: "planning".into(),
            oorzaak: "Werkdruk".into(),
            ..filled()
        };
        let new = form
            .parse(&tz(), now(), &HashSet::new(), &lists())
            .expect("parses");
        assert_eq!(new.category.as_deref(), Some("Planning"));
        assert_eq!(new.cause.as_deref(), Some("Werkdruk"));
        let form = NewComplaintForm {
            oorzaak: "Toeval".into(),
            ..filled()
        };
        let errors = form
            .parse(&tz(), now(), &HashSet::new(), &lists())
            .expect_err("not on the list");
        assert_eq!(
            errors.get("oorzaak"),
            Some("'Toeval' staat niet in de lijst van oorzaken; kies uit: Werkdruk.")
        );
    }

    #[test]
    fn a_filled_form_becomes_an_intake_in_amsterdam_time() {
        let new = filled()
            .parse(&tz(), now(), &HashSet::new(), &lists())
            .expect("parses");
        assert_eq!(new.kind, Kind::Complaint);
        assert_eq!(new.channel, Channel::Phone);
        assert_eq!(
            new.received_at.timestamp().to_string(),
            "2026-04-24T08:00:00Z"
        );
        assert_eq!(new.complainant.phone(), Some("06-12345678"));
        assert!(new.representative.is_none());
    }

    #[test]
    fn every_problem_is_tied_to_its_field() {
        let form = NewComplaintForm {
            soort: "misschien".into(),
            kanaal: "duif".into(),
            ontvangen: "2026-04-25T10:00".into(),
            klager_naam: " ".into(),
            klager_email: "geen-adres".into(),
            klager_telefoon: "12".into(),
            namens_email: "x@y.nl".into(),
            betrokken: vec!["niemand".into()],
            omschrijving: "  ".into(),
            categorie: "Bereikbaarheid".into(),
            ..NewComplaintForm::default()
        };
        let errors = form
            .parse(&tz(), now(), &HashSet::new(), &lists())
            .expect_err("refused");
        for field in [
            "soort",
            "kanaal",
            "ontvangen",
            "klager_naam",
            "klager_email",
            "klager_telefoon",
            "namens_naam",
            "betrokken",
            "omschrijving",
            "categorie",
        ] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
        assert_eq!(
            errors.get("ontvangen"),
            Some("Het moment van ontvangst ligt in de toekomst.")
        );
        assert_eq!(
            errors.get("namens_naam"),
            Some("Vul de naam van de vertegenwoordiger in.")
        );
    }

    #[test]
    fn datetime_local_round_trips() {
        let at = now();
        let shown = datetime_local(at, &tz());
        assert_eq!(shown, "2026-04-24T12:00");
        assert_eq!(parse_local(&shown, &tz()).map(|z| z.timestamp()), Some(at));
        assert!(parse_local("24-04-2026", &tz()).is_none());
    }
}
