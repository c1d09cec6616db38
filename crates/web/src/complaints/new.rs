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
use klacht_app::complaints::{self, ServiceError};
use klacht_app::improvement::Lists;
use klacht_app::public::attachments::{self, FileRefusal, MAX_FILE_BYTES, MAX_FILES};
use klacht_domain::complaint::{
    Channel, Complaint, ComplaintError, Field, Kind, NewComplaint, PartyField, PartyRole,
    PartyText, intake,
};
use klacht_domain::{Language, UserId};
use klacht_i18n::Tr;
use klacht_store::{ListKind, Store};
use serde::Deserialize;

use super::{Directory, UserOption, ctx_of};

mod picker;
use crate::session::{Ctx, redirect_with_flash};
use crate::uploads::StaffUpload;
use crate::{AppState, WebError};

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
    /// The search for involved employees.
    pub zoek_medewerker: String,
    /// The language the complainant speaks (`nl`, `en`): their mails,
    /// letters and status page follow it. Blank is Dutch.
    pub taal: String,
    /// Which button was pressed: "zoeken" searches, anything else
    /// registers.
    pub actie: String,
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
            zoek_medewerker: String::new(),
            taal: String::new(),
            actie: String::new(),
        }
    }
}

/// Messages per form field, in the user's language.
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

/// The form's name of each field the domain can refuse.
pub(super) fn field_name(field: Field) -> &'static str {
    let party = |prefix: &'static str, part| match (prefix, part) {
        ("klager", PartyField::Name) => "klager_naam",
        ("klager", PartyField::Email) => "klager_email",
        ("klager", PartyField::Phone) => "klager_telefoon",
        ("klager", PartyField::Address) => "klager_adres",
        (_, PartyField::Name) => "namens_naam",
        (_, PartyField::Email) => "namens_email",
        (_, PartyField::Phone) => "namens_telefoon",
        (_, PartyField::Address) => "namens_adres",
    };
    match field {
        Field::ReceivedAt => "ontvangen",
        Field::Complainant(part) => party("klager", part),
        Field::Representative(part) => party("namens", part),
        Field::Service => "dienst",
        Field::Description => "omschrijving",
        Field::Category => "categorie",
        Field::Cause => "oorzaak",
    }
}

impl FieldErrors {
    /// A verdict of the domain, at its field.
    fn refused(&mut self, e: ComplaintError, t: Tr) {
        match e.field() {
            Some(field) => self.add(field_name(field), t.refusal(e.refusal())),
            // The intake rules always name their field.
            None => self.add("omschrijving", t.refusal(e.refusal())),
        }
    }
}

/// The complainant's language as chosen on the form; Dutch unless
/// another is chosen.
fn complainant_language(code: &str) -> Language {
    Language::parse(code).unwrap_or_default()
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
        t: Tr,
    ) -> Result<NewComplaint, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = match self.soort.as_str() {
            "klacht" => Some(Kind::Complaint),
            "signaal" => Some(Kind::Signal),
            _ => {
                errors.add("soort", t.t("complaint-new-error-kind"));
                None
            }
        };
        let channel = self.kanaal.parse::<Channel>().ok();
        if channel.is_none() {
            errors.add("kanaal", t.t("complaint-new-error-channel"));
        }
        let received_at = match parse_local(&self.ontvangen, tz) {
            None => {
                errors.add("ontvangen", t.t("complaint-new-error-received"));
                None
            }
            Some(at) => intake::received_at(at, now)
                .map_err(|e| errors.refused(e, t))
                .ok(),
        };
        let complainant = PartyText {
            name: &self.klager_naam,
            email: &self.klager_email,
            phone: &self.klager_telefoon,
            address: &self.klager_adres,
        }
        .parse(PartyRole::Complainant)
        .map_err(|es| es.into_iter().for_each(|e| errors.refused(e, t)))
        .ok();
        let namens = PartyText {
            name: &self.namens_naam,
            email: &self.namens_email,
            phone: &self.namens_telefoon,
            address: &self.namens_adres,
        };
        let representative = if namens.is_blank() {
            None
        } else {
            namens
                .parse(PartyRole::Representative)
                .map_err(|es| es.into_iter().for_each(|e| errors.refused(e, t)))
                .ok()
        };
        let mut involved = Vec::with_capacity(self.betrokken.len());
        for raw in &self.betrokken {
            match raw.parse::<UserId>() {
                Ok(id) if staff.contains(&id) => involved.push(id),
                _ => errors.add("betrokken", t.t("complaint-new-error-involved")),
            }
        }
        let description = intake::description(&self.omschrijving)
            .map_err(|e| errors.refused(e, t))
            .ok();
        let service = intake::short(Field::Service, Some(&self.dienst))
            .map_err(|e| errors.refused(e, t))
            .ok()
            .flatten();
        let mut pick = |field: &'static str, kind: ListKind, value: &str| {
            lists
                .check(kind, Some(value), None)
                .map_err(|e| errors.add(field, t.refusal(&e.refusal)))
                .ok()
                .flatten()
        };
        let category = pick("categorie", ListKind::Category, &self.categorie);
        let cause = pick("oorzaak", ListKind::Cause, &self.oorzaak);
        match (kind, channel, received_at, complainant, description) {
            (
                Some(kind),
                Some(channel),
                Some(received_at),
                Some(complainant),
                Some(description),
            ) if errors.is_empty() => Ok(NewComplaint {
                kind,
                channel,
                received_at,
                complainant,
                representative,
                service,
                involved_employees: involved,
                description,
                category,
                cause,
            }),
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
    /// "Betrokken medewerkers": chosen, own team, found.
    picker: picker::Picker,
    /// The services from Beheer (as on the public form), with a value
    /// typed before that is not among them; empty: a text field.
    services: Vec<Choice>,
    channels: Vec<(&'static str, String)>,
    /// The active values of the administrator's lists (DESIGN §6), and
    /// a value typed that is not among them, to show it was refused.
    categories: Vec<Choice>,
    causes: Vec<Choice>,
    /// Files were chosen but not kept: choose them again.
    files_dropped: bool,
    max_files: usize,
    max_mb: usize,
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

    fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.general.is_some()
    }

    /// (code, name in the user's language) of every language the
    /// complainant may speak.
    fn languages(&self) -> Vec<(&'static str, String)> {
        Language::ALL
            .into_iter()
            .map(|l| {
                (
                    l.code(),
                    self.ctx.t.t(&format!("complaint-language-{}", l.code())),
                )
            })
            .collect()
    }

    fn is_language(&self, code: &str) -> bool {
        complainant_language(&self.form.taal).code() == code
    }
}

/// The form again, as typed; `files_dropped`: files were chosen that the
/// page cannot give back (a browser never pre-fills a file field).
async fn render<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    form: NewComplaintForm,
    errors: FieldErrors,
    general: Option<String>,
    files_dropped: bool,
    status: StatusCode,
) -> Result<Response, WebError> {
    let dir = Directory::load(&state.store, ctx.t).await?;
    let lists = Lists::load(&state.store).await?;
    let services = state.store.public_services().await?;
    let services = if services.iter().any(|s| s.active) {
        choices(
            services
                .iter()
                .filter(|s| s.active)
                .map(|s| s.name.as_str()),
            &form.dienst,
        )
    } else {
        Vec::new()
    };
    let picker = picker::pick(
        dir.active_staff(),
        &ctx.user,
        &form.betrokken,
        &form.zoek_medewerker,
        ctx.t,
    );
    let t = ctx.t;
    let page = NewPage {
        picker,
        services,
        categories: choices(lists.active(ListKind::Category), &form.categorie),
        causes: choices(lists.active(ListKind::Cause), &form.oorzaak),
        ctx,
        form,
        errors,
        general,
        channels: Channel::ALL
            .iter()
            .map(|c| (c.as_str(), t.label(*c)))
            .collect(),
        files_dropped,
        max_files: MAX_FILES,
        max_mb: MAX_FILE_BYTES / (1024 * 1024),
    };
    Ok((status, page).into_response())
}

/// The results of "Betrokken medewerkers" alone, for the search while
/// typing (`assets/medewerkers.js`).
#[derive(Template, WebTemplate)]
#[template(path = "complaints/picker.html")]
pub(super) struct PickerFragment {
    picker: picker::Picker,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct StaffSearch {
    zoek: String,
}

/// `GET /klachten/nieuw/medewerkers?zoek=…`: who the search finds, the
/// own team first.
#[tracing::instrument(skip_all)]
pub(super) async fn search<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<StaffSearch>,
) -> Result<Response, WebError> {
    refuse_admin(&ctx)?;
    let dir = Directory::load(&state.store, ctx.t).await?;
    let picker = picker::pick(dir.active_staff(), &ctx.user, &[], &q.zoek, ctx.t);
    Ok(PickerFragment { picker }.into_response())
}

/// The script of the search while typing; the page works without it.
pub(super) async fn picker_script() -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/javascript; charset=utf-8",
        )],
        include_str!("../../assets/medewerkers.js"),
    )
        .into_response()
}

fn refuse_admin(ctx: &Ctx) -> Result<(), WebError> {
    if ctx.registers() {
        Ok(())
    } else {
        Err(WebError::Forbidden(ctx.t.t("complaint-new-admin")))
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
        false,
        StatusCode::OK,
    )
    .await
}

/// "Klacht K-2026-0042 geregistreerd en gemeld bij Margriet Jansen".
async fn registered_message<S: Store>(store: &S, c: &Complaint, t: Tr) -> Result<String, WebError> {
    let reference = c.reference().to_string();
    if c.kind() == Kind::Signal {
        return Ok(t.t1("complaint-registered-signal", "reference", reference));
    }
    let manager = match c.responsible_manager() {
        Some(id) => store.user_by_id(id).await?.map(|u| u.user.name),
        None => None,
    };
    Ok(match manager {
        Some(name) => t.t2(
            "complaint-registered-reported",
            "reference",
            reference,
            "manager",
            name,
        ),
        None => t.t1("complaint-registered", "reference", reference),
    })
}

#[tracing::instrument(skip_all)]
pub(super) async fn submit<S: Store>(
    State(state): State<AppState<S>>,
    StaffUpload {
        current,
        form,
        uploads,
        broken,
    }: StaffUpload<NewComplaintForm>,
) -> Result<Response, WebError> {
    let ctx = ctx_of(&state, &current);
    refuse_admin(&ctx)?;
    let files_chosen = !uploads.is_empty() || broken.is_some();
    // A body that broke off in the files: the form again, with what was
    // typed before them.
    if let Some(broken) = broken {
        let mut errors = FieldErrors::default();
        errors.add("bijlagen", broken.words().say(ctx.t));
        return render(&state, ctx, form, errors, None, true, broken.status()).await;
    }
    // Searching for an involved employee shows the form again, as typed.
    if form.actie == "zoeken" {
        return render(
            &state,
            ctx,
            form,
            FieldErrors::default(),
            None,
            files_chosen,
            StatusCode::OK,
        )
        .await;
    }
    let now = state.now();
    let dir = Directory::load(&state.store, ctx.t).await?;
    let staff: HashSet<UserId> = dir.active_staff().map(|u| u.id).collect();
    let calendar = state.calendar().await?;
    let lists = Lists::load(&state.store).await?;
    let parsed = form.parse(calendar.time_zone(), now, &staff, &lists, current.t);
    let files = attachments::accept(uploads);
    let (new, files) = match (parsed, files) {
        (Ok(new), Ok(files)) => (new, files),
        (parsed, files) => {
            let mut errors = parsed.err().unwrap_or_default();
            let mut status = StatusCode::UNPROCESSABLE_ENTITY;
            if let Err(refusal) = files {
                if matches!(refusal, FileRefusal::TooLarge(_)) && errors.is_empty() {
                    status = StatusCode::PAYLOAD_TOO_LARGE;
                }
                errors.add("bijlagen", ctx.t.refusal(&refusal.refusal()));
            }
            return render(&state, ctx, form, errors, None, files_chosen, status).await;
        }
    };
    match complaints::register_with_files_in(
        &state.store,
        &calendar,
        &state.notifier,
        &current.user,
        new,
        files,
        now,
        complainant_language(&form.taal),
    )
    .await
    {
        Ok(c) => {
            tracing::info!(reference = %c.reference(), kind = c.kind().as_str(), "registered");
            let message = registered_message(&state.store, &c, current.t).await?;
            Ok(redirect_with_flash(
                &format!("/klachten/{}", c.id()),
                &message,
                state.cookie_secure,
            ))
        }
        Err(e) => {
            // The domain's verdict on one field goes next to that field;
            // any other refusal above the form.
            let (errors, general, status) = match e {
                ServiceError::Refused(e @ ComplaintError::Invalid { field: Some(_), .. }) => {
                    let mut errors = FieldErrors::default();
                    errors.refused(e, current.t);
                    (errors, None, StatusCode::UNPROCESSABLE_ENTITY)
                }
                e => {
                    let e = WebError::from(e);
                    if e.status().is_server_error() {
                        return Err(e);
                    }
                    (
                        FieldErrors::default(),
                        Some(e.user_message(current.t)),
                        e.status(),
                    )
                }
            };
            render(&state, ctx, form, errors, general, files_chosen, status).await
        }
    }
}

#[cfg(test)]
mod tests;
