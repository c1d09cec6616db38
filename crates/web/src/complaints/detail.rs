//! The detail page of one complaint: the complaint form's fields, the
//! terms, the timeline, and a form for exactly each action the user may
//! do now (`permissions::allowed_actions`).

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use klacht_domain::complaint::{
    Complaint, ContactMode, Merit, OfferKind, Recorded, ReopeningKind, WaivableStep,
};
use klacht_domain::next_step::{Next, NextStep};
use klacht_domain::permissions::{self, Action};
use klacht_domain::terms::Step;
use klacht_domain::{Role, User};
use klacht_store::Store;

use super::view::ComplaintView;
use super::{Directory, UserOption, load_visible, resolve};
use crate::session::Ctx;
use crate::{AppState, WebError};
use klacht_i18n::Tr;

/// A refused form: which one, why, and what was typed in it.
pub(super) struct Failure {
    /// The form's key, e.g. "contact" or "actie-2".
    pub form: String,
    pub field: Option<String>,
    pub message: String,
    pub values: BTreeMap<String, String>,
}

/// The form key of each action, as the template asks for it.
fn form_key(action: Action) -> &'static str {
    match action {
        Action::RouteToManager => "doorsturen",
        Action::AssignHandler => "afhandelaar",
        Action::AddAssistant => "bijstand",
        Action::RecordContact => "contact",
        Action::DecideMerit => "oordeel",
        Action::ConsultDirector => "directeur-vragen",
        Action::GiveAdvice => "advies",
        Action::MakeOffer => "aanbod",
        Action::RecordResponse => "reactie",
        Action::ManageActions => "acties",
        Action::SendForm => "formulier-verstuurd",
        Action::WaiveStep => "vervallen",
        Action::Escalate => "escalatie",
        Action::RecordEscalationOutcome => "uitkomst",
        Action::Close => "afsluiten",
        Action::RegisterInExact => "exact",
        Action::Correct => "correctie",
        Action::ConvertToComplaint => "omzetten",
        Action::Classify => "indeling",
        Action::Reopen => "heropenen",
    }
}

/// What the user's language calls an action: "contact vastleggen".
pub(super) fn action_label(action: Action, t: Tr) -> String {
    t.t(&format!("complaint-act-{}", form_key(action)))
}

/// The one step the user should take now, shown first and open.
pub(super) struct NextView {
    /// The form's key, e.g. "telefoongesprek" or "actie-2".
    pub key: String,
    /// "Contact vastleggen".
    pub title: String,
    /// "dinsdag 8 december", empty for a step without a term.
    pub due: String,
    pub late: bool,
}

/// The next step as the page shows it, when its form is on the page.
fn next_view(
    next: NextStep,
    c: &Complaint,
    calendar: &klacht_domain::calendar::WorkingCalendar,
    today: jiff::civil::Date,
    forms: &[String],
    t: Tr,
) -> Option<NextView> {
    let (key, title) = match next.next {
        // A phone call records the contact, and often merit and offer too.
        Next::Act(Action::RecordContact) => {
            ("telefoongesprek".to_owned(), t.t("complaint-next-contact"))
        }
        Next::Act(Action::AssignHandler) => (
            form_key(Action::AssignHandler).to_owned(),
            t.t("complaint-next-assign"),
        ),
        Next::Act(Action::GiveAdvice) => {
            let first = forms.iter().find(|k| k.starts_with("advies-"))?;
            (first.clone(), t.t("complaint-next-advice"))
        }
        Next::Act(a) => (form_key(a).to_owned(), capitalised(&action_label(a, t))),
        Next::CompleteAction(n) => (
            format!("actie-{n}"),
            t.t1("complaint-action-complete", "number", n),
        ),
    };
    if !forms.contains(&key) {
        return None;
    }
    let due = next.term.map(|step| c.terms(calendar).due(step));
    Some(NextView {
        key,
        title,
        due: due.map(|d| day_and_month(d, t)).unwrap_or_default(),
        late: due.is_some_and(|d| d < today),
    })
}

/// "dinsdag 8 december"; English names the year too ("Tuesday 8
/// December 2026"), as its long dates do.
fn day_and_month(d: jiff::civil::Date, t: Tr) -> String {
    match t.language() {
        klacht_domain::Language::Nl => klacht_domain::dutch::day_and_month(d),
        klacht_domain::Language::En => t.long_date(d),
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A recorded step as its correction form starts: the current values in
/// the form's own notation.
pub(super) struct Prefill {
    /// The seq of the event the correction replaces.
    pub of: u64,
    pub values: BTreeMap<&'static str, String>,
}

impl Prefill {
    pub(super) fn get(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Cents the way the offer form takes them: "25,00".
pub(super) fn euro_input(cents: u64) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// The correction forms the user may use: for each recorded step whose
/// original they could record (or as quality manager).
fn corrections(user: &User, c: &Complaint) -> BTreeMap<&'static str, Prefill> {
    let may = |a: Action| user.role == Role::QualityManager || permissions::may(user, c, a);
    let mut out = BTreeMap::new();
    if let Some(s) = c.contact().filter(|_| may(Action::RecordContact)) {
        let v = &s.value;
        out.insert(
            "contact",
            Prefill {
                of: s.seq,
                values: BTreeMap::from([
                    ("datum", v.date.to_string()),
                    ("vorm", v.mode.as_str().to_owned()),
                    ("samenvatting", v.summary.clone()),
                ]),
            },
        );
    }
    if let Some(s) = c.merit().filter(|_| may(Action::DecideMerit)) {
        out.insert(
            "oordeel",
            Prefill {
                of: s.seq,
                values: BTreeMap::from([
                    ("oordeel", s.value.merit.as_str().to_owned()),
                    ("onderbouwing", s.value.reasoning.clone()),
                ]),
            },
        );
    }
    if let Some(s) = c.offer().filter(|_| may(Action::MakeOffer)) {
        let v = &s.value;
        out.insert(
            "aanbod",
            Prefill {
                of: s.seq,
                values: BTreeMap::from([
                    ("soort", v.kind.as_str().to_owned()),
                    ("omschrijving", v.description.clone()),
                    ("waarde", v.value_cents.map(euro_input).unwrap_or_default()),
                    (
                        "directeur",
                        if v.director_consulted { "ja" } else { "" }.to_owned(),
                    ),
                    ("datum", v.made_on.to_string()),
                    (
                        "brieftekst",
                        klacht_app::documents::letter_paragraphs(c, v).join("\n\n"),
                    ),
                ]),
            },
        );
    }
    if let Some(s) = c.response().filter(|_| may(Action::RecordResponse)) {
        let v = &s.value;
        out.insert(
            "reactie",
            Prefill {
                of: s.seq,
                values: BTreeMap::from([
                    (
                        "aanvaard",
                        match v.accepted {
                            Some(true) => "ja",
                            Some(false) => "nee",
                            None => "",
                        }
                        .to_owned(),
                    ),
                    (
                        "tevredenheid",
                        v.satisfaction
                            .map(|x| x.get().to_string())
                            .unwrap_or_default(),
                    ),
                    ("toelichting", v.comment.clone().unwrap_or_default()),
                ]),
            },
        );
    }
    out
}

/// An agreed action still to be completed, with its own form.
pub(super) struct OpenAction {
    pub number: u32,
    pub description: String,
    /// Form key ("actie-2") and path ("acties/2/afgerond").
    pub key: String,
    pub path: String,
}

/// A question to the current user (a director) still waiting for her
/// advice, with its own form.
pub(super) struct OpenQuestion {
    pub number: u32,
    pub question: String,
    pub asked_by: String,
    pub asked_at: String,
    /// Form key ("advies-1") and path ("overleg/1/advies").
    pub key: String,
    pub path: String,
}

/// An improvement action the complaint is linked to.
pub(super) struct LinkedAction {
    pub number: String,
    pub title: String,
    pub status: String,
    /// Its page, when the viewer may open it.
    pub href: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "complaints/detail.html")]
pub(super) struct DetailPage {
    ctx: Ctx,
    v: ComplaintView,
    /// The step to take now, first on the page and open.
    next: Option<NextView>,
    /// The other forms, in the page's order, under "Meer acties".
    more: Vec<String>,
    /// The phone-call form's choices: "later" first.
    later_merits: Vec<(&'static str, String)>,
    later_offer_kinds: Vec<(&'static str, String)>,
    /// Who acts on the complaint, for a viewer who may do nothing.
    nothing_to_do: Option<String>,
    improvement: Vec<LinkedAction>,
    failure: Option<Failure>,
    /// Today as a date input value, the default of date fields.
    today: String,
    handlers: Vec<UserOption>,
    /// The handler preselected when assigning is the next step: the
    /// responsible manager herself, who often handles it (regulation).
    handler_default: String,
    /// Who may be named to carry out an agreed action.
    owners: Vec<UserOption>,
    assistants: Vec<UserOption>,
    managers: Vec<UserOption>,
    waivable: Vec<(&'static str, String)>,
    open_actions: Vec<OpenAction>,
    /// Directors who can be asked for advice (not the user, not involved).
    directors: Vec<UserOption>,
    /// Questions put to the user that wait for her advice.
    questions: Vec<OpenQuestion>,
    /// The offer form's prefill of the text for the complainant.
    letter_draft: String,
    corrections: BTreeMap<&'static str, Prefill>,
    /// Why the quality manager cannot close yet.
    blockers: Vec<String>,
    merits: Vec<(&'static str, String)>,
    offer_kinds: Vec<(&'static str, String)>,
    contact_modes: Vec<(&'static str, String)>,
    /// The kinds of reopening (issue 16).
    reopening_kinds: Vec<(&'static str, String)>,
    /// Tracking code and attachments (the public side).
    public: crate::public::staff::PublicExtras,
    /// The e-mail about this complaint (Uitgaande berichten).
    messages: Vec<crate::outbox::Row>,
    /// The choices of the classification form: the active values of the
    /// administrator's lists, and the complaint's own when it is no
    /// longer active (empty unless the user may classify).
    categories: Vec<String>,
    causes: Vec<String>,
    /// What the regulation asks per step (procedure/help.html), the
    /// complaint's current step opened.
    help: Vec<crate::procedure::HelpView>,
    /// Related complaints the user may see, and how many they may not.
    related: Vec<super::links::RelatedRow>,
    hidden_related: usize,
    /// Whether the user may link it to another (staff who see it).
    may_link: bool,
    link_reasons: Vec<(&'static str, String)>,
}

impl DetailPage {
    fn failed(&self, form: &str) -> Option<&Failure> {
        self.failure.as_ref().filter(|f| f.form == form)
    }

    /// The refusal shown at `form`.
    fn error(&self, form: &str) -> Option<&str> {
        self.failed(form).map(|f| f.message.as_str())
    }

    fn is_open(&self, form: &str) -> bool {
        self.failed(form).is_some() || self.next.as_ref().is_some_and(|n| n.key == form)
    }

    /// Whether `field` of `form` is the one the refusal is about.
    fn bad(&self, form: &str, field: &str) -> bool {
        self.failed(form)
            .and_then(|f| f.field.as_deref())
            .is_some_and(|f| f == field)
    }

    /// What a field shows: what was typed when this form was refused,
    /// otherwise its default.
    fn val(&self, form: &str, field: &str, default: &str) -> String {
        match self.failed(form) {
            Some(f) => f.values.get(field).cloned().unwrap_or_default(),
            None => default.to_owned(),
        }
    }

    /// Whether a radio, option or checkbox is chosen.
    fn chosen(&self, form: &str, field: &str, option: &str, default: &str) -> bool {
        self.val(form, field, default) == option
    }

    fn prefill(&self, what: &str) -> Option<&Prefill> {
        self.corrections.get(what)
    }
}

/// The choices of a closed list: its identifiers with their names in the
/// user's language.
fn labels<T: klacht_domain::Labelled>(all: &[T], t: Tr) -> Vec<(&'static str, String)> {
    all.iter().map(|x| (x.id(), t.label(*x))).collect()
}

/// Renders the page for `ctx.user`, who must be allowed to see `c`.
pub(super) async fn render<S: Store>(
    state: &AppState<S>,
    ctx: Ctx,
    c: &Complaint,
    history: &[Recorded],
    failure: Option<Failure>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let dir = Directory::load(&state.store, ctx.t).await?;
    let calendar = state.calendar().await?;
    let today = calendar.local_date(state.now());
    let user = &ctx.user;
    let oversees = matches!(user.role, Role::QualityManager | Role::Director);
    let allowed = permissions::allowed_actions(user, c);
    let handlers: Vec<UserOption> = dir
        .active_staff()
        .filter(|u| Some(u.id) != c.handler())
        .filter(|u| oversees || u.id == user.id || u.manager == Some(user.id))
        .map(|u| {
            let mut o = UserOption::of(u, ctx.t);
            if c.is_involved(u.id) {
                o.label = ctx
                    .t
                    .t1("complaint-involved-in-service", "name", o.label.as_str());
            }
            o
        })
        .collect();
    let owners: Vec<UserOption> = dir
        .active_staff()
        .map(|u| {
            let mut o = UserOption::of(u, ctx.t);
            if c.is_involved(u.id) {
                o.label = ctx
                    .t
                    .t1("complaint-involved-in-service", "name", o.label.as_str());
            }
            o
        })
        .collect();
    let assistants: Vec<UserOption> = dir
        .active_staff()
        .filter(|u| matches!(u.role, Role::QualityManager | Role::Director))
        .filter(|u| Some(u.id) != c.handler() && !c.assistants().contains(&u.id))
        .filter(|u| !c.is_involved(u.id))
        .map(|u| UserOption::of(u, ctx.t))
        .collect();
    let managers: Vec<UserOption> = dir
        .active_staff()
        .filter(|u| {
            matches!(
                u.role,
                Role::Manager | Role::QualityManager | Role::Director
            )
        })
        .filter(|u| Some(u.id) != c.responsible_manager())
        .map(|u| UserOption::of(u, ctx.t))
        .collect();
    let (categories, causes) = if allowed.contains(&Action::Classify) {
        let lists = klacht_app::improvement::Lists::load(&state.store).await?;
        let with_current = |kind, current: Option<&str>| {
            let mut names: Vec<String> = lists.active(kind).map(str::to_owned).collect();
            if let Some(c) = current.filter(|c| !names.iter().any(|n| n == c)) {
                names.push(c.to_owned());
            }
            names
        };
        (
            with_current(klacht_store::ListKind::Category, c.category()),
            with_current(klacht_store::ListKind::Cause, c.cause()),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let blockers = if user.role == Role::QualityManager && c.is_open() {
        klacht_app::complaints::closing_blockers(ctx.t, c)
    } else {
        Vec::new()
    };
    let directors: Vec<UserOption> = dir
        .active_staff()
        .filter(|u| u.role == Role::Director && u.id != user.id && !c.is_involved(u.id))
        .map(|u| UserOption::of(u, ctx.t))
        .collect();
    let tz = calendar.time_zone();
    let questions: Vec<OpenQuestion> = c
        .open_consultations_for(user.id)
        .map(|r| {
            let n = r.number();
            OpenQuestion {
                number: n,
                question: r.question.value.question.clone(),
                asked_by: match r.question.by.user() {
                    Some(id) => dir.name(id),
                    None => ctx.t.t("complaint-unknown-person"),
                },
                asked_at: super::local_time(r.question.at, tz),
                key: format!("advies-{n}"),
                path: format!("overleg/{n}/advies"),
            }
        })
        .collect();
    // The draft is written to the complainant, in their language.
    let letter_draft =
        klacht_app::documents::draft_letter_text(c.merit().map(|m| m.value.merit), c.language());
    let waivable: Vec<(&'static str, String)> = WaivableStep::ALL
        .iter()
        .filter(|s| !c.step_settled(Step::from(**s)))
        .map(|s| (s.as_str(), ctx.t.label(s)))
        .collect();
    let corrections = corrections(user, c);
    // A form whose list offers nobody (or nothing) is not shown at all.
    let shown: Vec<&'static str> = allowed
        .iter()
        .filter(|a| match a {
            Action::AssignHandler => !handlers.is_empty(),
            Action::AddAssistant => !assistants.is_empty(),
            Action::RouteToManager => !managers.is_empty(),
            Action::WaiveStep => !waivable.is_empty(),
            Action::Correct => !corrections.is_empty(),
            Action::ConsultDirector => !directors.is_empty(),
            Action::GiveAdvice => !questions.is_empty(),
            _ => true,
        })
        .map(|a| form_key(*a))
        .collect();
    // Each open action its user may complete: all of them for whoever
    // manages the actions, her own for an action's owner.
    let open_actions: Vec<OpenAction> = if c.is_possible(Action::ManageActions) {
        c.actions()
            .iter()
            .filter(|i| {
                i.completed.is_none()
                    && permissions::may_complete_action(user, c, i.agreed.value.number)
            })
            .map(|i| {
                let n = i.agreed.value.number;
                OpenAction {
                    number: n,
                    description: i.agreed.value.description.clone(),
                    key: format!("actie-{n}"),
                    path: format!("acties/{n}/afgerond"),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let nothing_to_do =
        (shown.is_empty() && blockers.is_empty() && open_actions.is_empty()).then(|| {
            // Someone who may still add a file (the registrant, say) is not
            // told they can do nothing beside the form that does it.
            let files = klacht_domain::permissions::may_add_files(user, c) && !c.is_closed();
            who_acts(c, &dir, ctx.t, files)
        });
    let forms = page_order(&shown, &questions, &open_actions, &corrections);
    let next = klacht_domain::next_step::next_step(user, c)
        .and_then(|n| next_view(n, c, &calendar, today, &forms, ctx.t));
    let more: Vec<String> = forms
        .into_iter()
        .filter(|k| next.as_ref().is_none_or(|n| &n.key != k))
        .collect();
    let improvement = linked_improvement(state, c, user, ctx.t).await?;
    let (related, hidden_related) = super::links::rows(&state.store, user, c, ctx.t).await?;
    let public = crate::public::staff::extras(&state.store, user, c).await?;
    let messages = klacht_app::outbox::of_complaint(&state.store, c.id())
        .await?
        .iter()
        .map(|l| crate::outbox::Row::in_language(l, calendar.time_zone(), ctx.t))
        .collect();
    let help = crate::procedure::help_views_in(
        ctx.t,
        state.public.help_in(ctx.t.language()),
        crate::procedure::current_section(c),
    );
    let user_id = user.id.to_string();
    let handler_default = match &next {
        Some(n) if n.key == "afhandelaar" && handlers.iter().any(|h| h.id == user_id) => user_id,
        _ => String::new(),
    };
    let mut v = ComplaintView::build(c, history, &dir, &calendar, today, ctx.t);
    super::links::name_visible_links(&state.store, user, history, &mut v.timeline, ctx.t).await?;
    let page = DetailPage {
        help,
        public,
        messages,
        v,
        next,
        more,
        later_merits: std::iter::once(("", ctx.t.t("complaint-merit-later")))
            .chain(labels(Merit::ALL, ctx.t))
            .collect(),
        later_offer_kinds: std::iter::once(("", ctx.t.t("complaint-offer-later")))
            .chain(labels(OfferKind::ALL, ctx.t))
            .collect(),
        nothing_to_do,
        improvement,
        failure,
        today: today.to_string(),
        handler_default,
        handlers,
        owners,
        assistants,
        managers,
        waivable,
        open_actions,
        directors,
        questions,
        letter_draft,
        corrections,
        blockers,
        merits: labels(Merit::ALL, ctx.t),
        offer_kinds: labels(OfferKind::ALL, ctx.t),
        contact_modes: labels(ContactMode::ALL, ctx.t),
        reopening_kinds: labels(ReopeningKind::ALL, ctx.t),
        categories,
        causes,
        related,
        hidden_related,
        // A closed complaint's page offers nothing more to do; it can still
        // be linked from the newer complaint's page.
        may_link: user.role != Role::Admin && !c.is_closed(),
        link_reasons: super::links::reasons(ctx.t),
        ctx,
    };
    Ok((status, page).into_response())
}

/// The keys of the forms on the page, in its order: the steps in the
/// regulation's order, then what oversees and corrects.
fn page_order(
    shown: &[&'static str],
    questions: &[OpenQuestion],
    open_actions: &[OpenAction],
    corrections: &BTreeMap<&'static str, Prefill>,
) -> Vec<String> {
    let can = |k: &str| shown.contains(&k);
    let mut out: Vec<String> = Vec::new();
    let mut push = |k: &str| out.push(k.to_owned());
    for k in ["afhandelaar", "bijstand", "doorsturen"] {
        if can(k) {
            push(k);
        }
    }
    if can("contact") {
        push("telefoongesprek");
        push("contact");
    }
    for k in ["oordeel", "directeur-vragen"] {
        if can(k) {
            push(k);
        }
    }
    for q in questions {
        push(&q.key);
    }
    for k in ["aanbod", "reactie", "acties"] {
        if can(k) {
            push(k);
        }
    }
    for a in open_actions {
        push(&a.key);
    }
    for k in [
        "formulier-verstuurd",
        "vervallen",
        "escalatie",
        "uitkomst",
        "afsluiten",
        "exact",
        "indeling",
        "omzetten",
        "heropenen",
    ] {
        if can(k) {
            push(k);
        }
    }
    if can("correctie") {
        for what in ["contact", "oordeel", "aanbod", "reactie"] {
            if corrections.contains_key(what) {
                push(&format!("correctie-{what}"));
            }
        }
    }
    out
}

/// For a viewer who may do nothing: who acts on the complaint now.
/// `files`: the viewer may still add attachments, and is told so.
fn who_acts(c: &Complaint, dir: &Directory, t: Tr, files: bool) -> String {
    if c.is_closed() || c.kind() == klacht_domain::complaint::Kind::Signal {
        return t.t("complaint-nothing-more");
    }
    let can = t.t(if files {
        "complaint-can-files"
    } else {
        "complaint-can-nothing"
    });
    if c.form_sent().is_some() {
        return t.t1("complaint-nothing-quality-closes", "can", can);
    }
    match (c.handler(), c.responsible_manager()) {
        (Some(h), _) => t.t2("complaint-nothing-handler", "can", can, "who", dir.name(h)),
        (None, Some(m)) => t.t2("complaint-nothing-manager", "can", can, "who", dir.name(m)),
        (None, None) => t.t1("complaint-nothing-quality-forwards", "can", can),
    }
}

/// The improvement actions (verbeteracties) the complaint is linked to,
/// newest first; linked to their page for those who may open it.
async fn linked_improvement<S: Store>(
    state: &AppState<S>,
    c: &Complaint,
    user: &User,
    t: Tr,
) -> Result<Vec<LinkedAction>, WebError> {
    let page = state
        .store
        .list_improvement_actions(&klacht_store::ImprovementFilter {
            complaint: Some(c.id()),
            limit: 50,
            ..Default::default()
        })
        .await?;
    Ok(page
        .items
        .into_iter()
        .map(|item| {
            let row = item.row;
            // As `ImprovementNumber` writes it (V-2026-0001).
            let number = format!("V-{}-{:04}", row.year, row.number);
            let may_open = klacht_domain::improvement::may_manage(user) || row.owner == user.id;
            LinkedAction {
                href: may_open.then(|| format!("/verbeteracties/{number}")),
                status: row
                    .status
                    .parse::<klacht_domain::improvement::ImprovementStatus>()
                    .map(|s| t.t(&format!("improvement-status-{}", s.as_str())))
                    .unwrap_or_else(|_| t.t("complaint-unknown-status")),
                number,
                title: row.title,
            }
        })
        .collect())
}

#[tracing::instrument(skip_all)]
pub(super) async fn page<S: Store>(
    State(state): State<AppState<S>>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = resolve(&state.store, &id).await?;
    let (c, history) = load_visible(&state.store, id, &ctx.user).await?;
    render(&state, ctx, &c, &history, None, StatusCode::OK).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_own_form_key() {
        let mut keys: Vec<_> = Action::ALL.iter().map(|a| form_key(*a)).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Action::ALL.len());
    }

    #[test]
    fn euro_inputs_use_a_decimal_comma() {
        assert_eq!(euro_input(2500), "25,00");
        assert_eq!(euro_input(123_405), "1234,05");
    }
}
