//! Every hand-off reaches its person (issue 12): the afhandelaar who is
//! assigned (and the one who was), the quality managers a form waits
//! for, and the complainant and manager of a signal that became a
//! complaint. Mail goes through the outbox to a real SMTP server, on
//! SQLite and PostgreSQL.

use crate::support;

use jiff::ToSpan;
use klacht_app::complaints;
use klacht_domain::complaint::{
    Channel, Command, ComplainantResponse, Contact, ContactMode, Conversion, Kind, Merit,
    MeritDecision, NewComplaint, Offer, OfferKind, Party, Status,
};
use klacht_domain::terms::{Step, TermStatus};
use klacht_domain::{Email, Role, User};
use klacht_jobs::deliver_due;
use klacht_mail::testing::{Received, SmtpServer};
use klacht_store::{AdminChange, AuditEntry, ComplaintFilter, Store, store_tests};
use support::*;

async fn act<S: Store>(store: &S, id: klacht_domain::ComplaintId, who: &User, cmd: Command) {
    let cal = calendar();
    let n = notifier();
    complaints::act(
        &complaints::Context::new(store, &cal, &n, klacht_clock::test_now()),
        id,
        who,
        cmd,
        None,
    )
    .await
    .expect("acted");
}

async fn delivered<S: Store>(store: &S, smtp: &SmtpServer) -> Vec<Received> {
    let r = deliver_due(store, &mailer(smtp), &delivery(), klacht_clock::test_now())
        .await
        .expect("round");
    assert_eq!(r.failed, 0, "{r:?}");
    smtp.messages()
}

fn to<'a>(received: &'a [Received], email: &str, subject: &str) -> Vec<&'a Received> {
    received
        .iter()
        .filter(|m| m.to.contains(email) && m.subject == subject)
        .collect()
}

/// The manager assigns Piet: Piet gets the complaint, its terms and the
/// link. Reassigned to Ahmed: Ahmed gets it, Piet is told to whom it
/// moved. The manager taking it herself gets no mail about it, and the
/// one she took it from is told.
async fn the_afhandelaar_is_told_and_the_previous_one_too<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let ahmed = user(
        &store,
        "ahmed@focus.example",
        "Ahmed El Amrani",
        Role::Employee,
        Some(o.manager.id),
    )
    .await;
    let c = file(&store, &o.employee, "Mevrouw A. Jansen", None).await;
    let reference = c.reference().to_string();
    let assign = |u: &User| Command::AssignHandler { handler: u.clone() };
    act(&store, c.id(), &o.manager, assign(&o.employee)).await;
    act(&store, c.id(), &o.manager, assign(&ahmed)).await;
    act(&store, c.id(), &o.manager, assign(&o.manager)).await;
    let received = delivered(&store, &smtp).await;

    let assigned = format!("U bent afhandelaar van klacht {reference}");
    let piet = to(&received, "piet@focus.example", &assigned);
    assert_eq!(piet.len(), 1, "{received:#?}");
    let link = format!("{PUBLIC_URL}/klachten/{}", c.id());
    for body in [&piet[0].text, &piet[0].html] {
        assert!(body.contains("Margriet Jansen heeft u aangewezen als afhandelaar"));
        assert!(body.contains(&link));
        assert!(body.contains("De hulp kwam drie keer te laat."));
        assert!(body.contains("contact met de klager: uiterlijk"));
    }
    let to_ahmed = to(&received, "ahmed@focus.example", &assigned);
    assert_eq!(to_ahmed.len(), 1);
    assert!(
        to_ahmed[0]
            .text
            .contains("U neemt de afhandeling over van Piet de Vries")
    );
    let moved = to(
        &received,
        "piet@focus.example",
        &format!("Klacht {reference} is overgedragen aan Ahmed El Amrani"),
    );
    assert_eq!(moved.len(), 1, "the previous afhandelaar is told");
    assert!(moved[0].text.contains(&link));
    let to_manager = to(
        &received,
        "ahmed@focus.example",
        &format!("Klacht {reference} is overgedragen aan Margriet Jansen"),
    );
    assert_eq!(to_manager.len(), 1, "Ahmed is told the manager took it");
    assert!(
        to(&received, "margriet@focus.example", &assigned).is_empty(),
        "who assigns herself needs no mail"
    );
    // The intake notice, two assignments, two moves.
    assert_eq!(received.len(), 5, "{received:#?}");
}

/// The afhandelaar sends the form: every active quality manager is told
/// that it waits for her, an inactive one is not, and the complaint is
/// found among those to close.
async fn every_active_quality_manager_is_told_a_form_waits<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let second = user(
        &store,
        "joke@focus.example",
        "Joke Smit",
        Role::QualityManager,
        None,
    )
    .await;
    let gone = user(
        &store,
        "oud@focus.example",
        "Oud Kwaliteit",
        Role::QualityManager,
        None,
    )
    .await;
    let audit = AuditEntry {
        id: uuid::Uuid::now_v7(),
        at: klacht_clock::test_now(),
        actor: None,
        actor_name: "test".into(),
        kind: "user.deactivated".into(),
        subject: gone.email.to_string(),
        details: "uit dienst".into(),
    };
    store
        .admin_change(
            &AdminChange::SetUserActive {
                id: gone.id,
                active: false,
            },
            &audit,
        )
        .await
        .expect("deactivated");
    let c = file(&store, &o.employee, "Mevrouw A. Jansen", None).await;
    let today = calendar().local_date(klacht_clock::test_now());
    act(
        &store,
        c.id(),
        &o.manager,
        Command::AssignHandler {
            handler: o.employee.clone(),
        },
    )
    .await;
    for cmd in [
        Command::RecordContact(Contact {
            date: today,
            mode: ContactMode::Telephone,
            summary: "Gebeld.".into(),
        }),
        Command::DecideMerit(MeritDecision {
            merit: Merit::Unfounded,
            reasoning: "Volgens planning.".into(),
        }),
        Command::MakeOffer(Offer {
            kind: OfferKind::None,
            description: "Geen aanbod: de klacht is ongegrond.".into(),
            value_cents: None,
            director_consulted: false,
            made_on: today,
            letter_text: None,
        }),
        Command::RecordResponse(ComplainantResponse {
            accepted: Some(true),
            satisfaction: None,
            comment: None,
        }),
        Command::SendForm,
    ] {
        act(&store, c.id(), &o.employee, cmd).await;
    }
    let received = delivered(&store, &smtp).await;
    let subject = format!("Klacht {}: formulier wacht op afsluiten", c.reference());
    let notices: Vec<&Received> = received.iter().filter(|m| m.subject == subject).collect();
    assert_eq!(notices.len(), 2, "{received:#?}");
    for (email, name) in [
        ("sanne@focus.example", &o.quality.name),
        ("joke@focus.example", &second.name),
    ] {
        let mine = to(&received, email, &subject);
        assert_eq!(mine.len(), 1, "{email}");
        assert!(mine[0].text.contains(&format!("Beste {name}")));
        assert!(
            mine[0]
                .text
                .contains("Piet de Vries heeft het klachtenformulier")
        );
        assert!(
            mine[0]
                .text
                .contains(&format!("{PUBLIC_URL}/klachten/{}", c.id()))
        );
        assert!(
            mine[0]
                .text
                .contains(&format!("{PUBLIC_URL}/overzicht?status=recorded"))
        );
    }
    assert!(received.iter().all(|m| !m.to.contains("oud@focus.example")));
    // The link's list holds it.
    let page = store
        .list_complaints(&ComplaintFilter {
            status: Some(Status::Recorded.as_str().into()),
            limit: 10,
            ..ComplaintFilter::default()
        })
        .await
        .expect("list");
    assert!(
        page.items.iter().any(|r| r.id == c.id()),
        "found as to close"
    );
}

/// A signal registered a week ago turns out unresolved: converted, the
/// complainant gets the confirmation with the tracking code and the
/// manager the notice, and its terms count from the conversion, so it is
/// not born overdue.
async fn a_converted_signal_is_announced_and_its_terms_count_from_conversion<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let o = org(&store).await;
    let cal = calendar();
    let now = klacht_clock::test_now();
    let received = now - (7 * 24).hours();
    let new = NewComplaint {
        kind: Kind::Signal,
        channel: Channel::Phone,
        received_at: received.to_zoned(cal.time_zone().clone()),
        complainant: Party::new(
            "Mevrouw A. Jansen",
            Some(Email::parse("jansen@example.nl").expect("e-mail")),
            None,
            None,
        )
        .expect("party"),
        representative: None,
        service: Some("Thuiszorg".into()),
        involved_employees: vec![],
        description: "De hulp was te laat; opgelost met excuses.".into(),
        category: None,
        cause: None,
    };
    let signal = complaints::register(&store, &cal, &notifier(), &o.employee, new, now)
        .await
        .expect("registered");
    assert!(
        store
            .list_outbox(None, None, 10)
            .await
            .expect("list")
            .is_empty(),
        "a signal causes no mail"
    );
    act(
        &store,
        signal.id(),
        &o.employee,
        Command::ConvertToComplaint(Conversion {
            reason: "Klaagt opnieuw: toch niet opgelost.".into(),
        }),
    )
    .await;
    let c = complaints::load(&store, signal.id()).await.expect("load");
    assert_eq!(c.kind(), Kind::Complaint);

    let mail = delivered(&store, &smtp).await;
    assert_eq!(mail.len(), 2, "{mail:#?}");
    let confirmation = to(
        &mail,
        "jansen@example.nl",
        &format!("Uw klacht is ontvangen ({})", c.reference()),
    );
    assert_eq!(confirmation.len(), 1);
    let code = store
        .tracking_code_of(c.id())
        .await
        .expect("read")
        .expect("a tracking code");
    assert!(
        confirmation[0]
            .text
            .contains(&format!("{PUBLIC_URL}/status/{code}"))
    );
    let terms = c.terms(&cal);
    let contact = klacht_mail::format::long_date(terms.contact);
    assert!(
        confirmation[0].text.contains(&contact),
        "terms from conversion"
    );
    let notice = to(
        &mail,
        "margriet@focus.example",
        &format!("Nieuwe klacht {}: afhandelaar toewijzen", c.reference()),
    );
    assert_eq!(notice.len(), 1);
    assert!(
        notice[0]
            .text
            .contains("Piet de Vries heeft een signaal omgezet in een klacht")
    );

    // Terms count from the conversion; receipt stays receipt.
    let today = cal.local_date(now);
    assert_eq!(c.received_at().timestamp(), received);
    assert_eq!(terms.contact, cal.add_working_days(today, 2));
    let lines = complaints::term_lines(&c, &cal, today);
    assert!(
        lines.iter().all(|l| !l.status.is_late()),
        "not born overdue: {lines:?}"
    );
    let report = lines
        .iter()
        .find(|l| l.step == Step::Report)
        .expect("report");
    assert_eq!(report.status, TermStatus::Done { on_time: true });
    let row = store
        .load_stream(c.id())
        .await
        .expect("read")
        .expect("row")
        .0;
    assert_eq!(row.contact_due, terms.contact, "the list row agrees");
}

store_tests!(
    the_afhandelaar_is_told_and_the_previous_one_too,
    every_active_quality_manager_is_told_a_form_waits,
    a_converted_signal_is_announced_and_its_terms_count_from_conversion,
);
