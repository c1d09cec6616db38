//! The dossier and retention over a real store, on SQLite and PostgreSQL:
//! a complaint walked to closing is filed with a PDF form that reads back
//! right, verifies, and after its retention period is anonymised, re-sealed
//! and still verifies; the access export finds everything about a person.

use std::process::Command as Process;

use jiff::ToSpan;
use klacht_app::complaints;
use klacht_app::documents::{self, FormCopy, Letterhead, Names};
use klacht_app::notify::Notifier;
use klacht_app::{dossier, retention};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    Channel, Closing, Command, ComplainantResponse, CompletedAction, Contact, ContactMode,
    ExactRegistration, Kind, Merit, MeritDecision, NewComplaint, Offer, OfferKind, Party,
    Reopening, ReopeningKind, Satisfaction,
};
use klacht_domain::{ComplaintId, Email, Role, User, UserId};
use klacht_store::{
    DossierDocument, NewUser, OutboxKind, OutboxStatus, Store, sha256_hex, store_tests,
};

async fn user<S: Store>(
    store: &S,
    email: &str,
    name: &str,
    role: Role,
    manager: Option<UserId>,
) -> User {
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse(email).expect("valid"),
        name: name.into(),
        role,
        manager,
    };
    store
        .create_user(NewUser {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role,
            manager,
            password_hash: None,
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("create user");
    user
}

/// A complaint from intake to closing through the use cases; returns its
/// id.
pub(crate) async fn walk_to_closing<S: Store>(store: &S, cal: &WorkingCalendar) -> ComplaintId {
    let sanne = user(
        store,
        "sanne@focus.example",
        "Sanne Visser",
        Role::QualityManager,
        None,
    )
    .await;
    let margriet = user(
        store,
        "margriet@focus.example",
        "Margriet Jansen",
        Role::Manager,
        None,
    )
    .await;
    let piet = user(
        store,
        "piet@focus.example",
        "Piet de Vries",
        Role::Employee,
        Some(margriet.id),
    )
    .await;
    let fatima = user(
        store,
        "fatima@focus.example",
        "Fatima el Amrani",
        Role::Employee,
        Some(margriet.id),
    )
    .await;
    let notifier = Notifier::disabled();
    let now = klacht_clock::test_now();
    let today = cal.local_date(now);
    let c = complaints::register(
        store,
        cal,
        &notifier,
        &piet,
        NewComplaint {
            kind: Kind::Complaint,
            channel: Channel::Phone,
            received_at: (now - 3.hours()).to_zoned(cal.time_zone().clone()),
            complainant: Party::new(
                "Mevrouw A. Bakker-Verhoeven",
                Some(Email::parse("a.bakker@example.nl").expect("email")),
                Some("06-12345678"),
                Some("Dorpsstraat 12, 1234 AB Ergenshuizen"),
            )
            .expect("party"),
            representative: None,
            service: Some("Thuiszorg".into()),
            involved_employees: vec![piet.id],
            description: "De hulp kwam #drie dagen te laat [zonder] bericht.".into(),
            category: Some("Planning".into()),
            cause: None,
        },
        now - 2.hours(),
    )
    .await
    .expect("registered");
    let id = c.id();
    let steps: Vec<(&User, Command)> = vec![
        (
            &margriet,
            Command::AssignHandler {
                handler: fatima.clone(),
            },
        ),
        (
            &fatima,
            Command::RecordContact(Contact {
                date: today,
                mode: ContactMode::Telephone,
                summary: "Mevrouw gebeld; excuses aangeboden.".into(),
            }),
        ),
        (
            &fatima,
            Command::DecideMerit(MeritDecision {
                merit: Merit::Founded,
                reasoning: "De planning is niet doorgegeven.".into(),
            }),
        ),
        (
            &fatima,
            Command::MakeOffer(Offer {
                kind: OfferKind::Compensation,
                description: "Twee uur extra hulp zonder kosten.".into(),
                value_cents: Some(7_950),
                director_consulted: true,
                made_on: today,
                letter_text: None,
            }),
        ),
        (
            &fatima,
            Command::RecordResponse(ComplainantResponse {
                accepted: Some(true),
                satisfaction: Some(Satisfaction::new(4).expect("score")),
                comment: None,
            }),
        ),
        (
            &fatima,
            Command::AgreeAction {
                description: "Planning belt voortaan bij vertraging".into(),
                due: None,
                owner: None,
            },
        ),
        (
            &fatima,
            Command::CompleteAction(CompletedAction {
                number: 1,
                note: Some("Met de planning besproken.".into()),
            }),
        ),
        (&fatima, Command::SendForm),
        (
            &sanne,
            Command::Close(Closing {
                note: Some("Afgehandeld naar tevredenheid.".into()),
            }),
        ),
    ];
    for (who, cmd) in steps {
        complaints::act(
            &complaints::Context::new(store, cal, &notifier, klacht_clock::test_now()),
            id,
            who,
            cmd,
            None,
        )
        .await
        .expect("step succeeds");
    }
    id
}

pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("klacht-pdf-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Process::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils, scripts/install-test-deps)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The organisation's logo as `KLACHT_LOGO` would give it.
const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><rect width="40" height="40" rx="6" fill="#0b5cad"/><path d="M12 9h17v5H18v5h9v5h-9v8h-6z" fill="#fff"/><text x="48" y="27" font-size="18" font-family="sans-serif" fill="#0b5cad">focus</text></svg>"##;

/// Where screenshots go: `KLACHT_SCREENSHOTS`, or `docs/screenshots`.
fn screenshot_dir() -> std::path::PathBuf {
    std::env::var_os("KLACHT_SCREENSHOTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
        })
}

/// Saves the first page of `pdf` as `<name>.png` (pdftoppm), replacing the
/// file in one step.
fn save_first_page(pdf: &[u8], name: &str) {
    let dir = std::env::temp_dir().join(format!("klacht-png-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Process::new("pdftoppm")
        .args(["-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(dir.join("page"))
        .output()
        .expect("pdftoppm runs (poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target = screenshot_dir();
    std::fs::create_dir_all(&target).expect("screenshot folder");
    let tmp = target.join(format!(".{name}.png.tmp"));
    std::fs::copy(dir.join("page.png"), &tmp).expect("copy png");
    std::fs::rename(&tmp, target.join(format!("{name}.png"))).expect("rename png");
    let _ = std::fs::remove_dir_all(&dir);
}

async fn a_closed_complaint_is_filed_verifies_and_is_anonymised_after_retention<S: Store>(
    store: S,
) {
    let cal = WorkingCalendar::netherlands_default();
    let logo = documents::Logo::from_bytes(LOGO.as_bytes().to_vec()).expect("an SVG logo");
    let letterhead = Letterhead::new("Zorggroep Focus").with_logo(logo);
    let screenshots = store.backend() == "sqlite";
    let id = walk_to_closing(&store, &cal).await;
    let (c, history) = complaints::load_with_history(&store, id)
        .await
        .expect("load");
    let reference = c.reference().to_string();

    // The letter confirming the offer.
    let letter = documents::offer_letter(
        &store,
        &letterhead,
        &c,
        &history,
        cal.local_date(klacht_clock::test_now()),
    )
    .await
    .expect("letter");
    let text = pdf_text(&letter);
    if screenshots {
        save_first_page(&letter, "pdf-aanbod");
    }
    for expected in [
        "Bevestiging van ons aanbod",
        "Mevrouw A. Bakker-Verhoeven",
        "Dorpsstraat 12",
        "1234 AB Ergenshuizen",
        &reference,
        "Twee uur extra hulp zonder kosten.",
        "€ 79,50",
        "genoegdoening",
        "gegrond",
        "Fatima el Amrani",
        "Zorggroep Focus",
        "Met vriendelijke groet",
    ] {
        assert!(
            text.contains(expected),
            "letter lacks {expected:?}:\n{text}"
        );
    }

    // Filing: once, idempotent.
    let filed_at = klacht_clock::test_now();
    assert!(
        dossier::file(&store, &letterhead, &cal, id, filed_at)
            .await
            .expect("file")
    );
    assert!(
        !dossier::file(&store, &letterhead, &cal, id, filed_at)
            .await
            .expect("again")
    );
    let entry = store
        .dossier_entry(id)
        .await
        .expect("entry")
        .expect("filed");
    let pdf = store
        .dossier_document(id, DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");
    assert_eq!(sha256_hex(&pdf), entry.pdf_sha256);
    // The frozen form is archival: PDF/A-2b, every font embedded.
    klacht_pdf::testing::assert_pdf_a_2b(&pdf);
    let text = pdf_text(&pdf);
    if screenshots {
        save_first_page(&pdf, "pdf-klachtenformulier");
    }
    for expected in [
        "Klachtenformulier",
        &reference,
        "Zorggroep Focus",
        "Mevrouw A. Bakker-Verhoeven",
        "a.bakker@example.nl",
        "De hulp kwam #drie dagen te laat [zonder] bericht.",
        "Mevrouw gebeld; excuses aangeboden.",
        "Twee uur extra hulp zonder kosten.",
        "€ 79,50",
        "Planning belt voortaan bij vertraging",
        "Afgehandeld naar tevredenheid.",
        "Sanne Visser",
        "Opgeborgen in het klachtendossier",
    ] {
        assert!(text.contains(expected), "form lacks {expected:?}:\n{text}");
    }
    let record = store
        .dossier_document(id, DossierDocument::Record)
        .await
        .expect("record")
        .expect("stored");
    let record: serde_json::Value = serde_json::from_slice(&record).expect("JSON");
    assert_eq!(record["format"], dossier::RECORD_FORMAT);
    assert_eq!(
        record["events"].as_array().map(Vec::len),
        Some(c.version() as usize)
    );
    assert_eq!(record["chain"]["head"], entry.chain_head.as_str());
    // The record is the dossier's text for the long term: every key and
    // word of it under review (ids, instants, dates and hashes redacted).
    if store.backend() == "sqlite" {
        insta::assert_json_snapshot!(
            "dossier_record",
            klacht_store::testing::redact_json(&record)
        );
    }

    let report = dossier::verify(&store).await.expect("verify");
    assert!(report.ok(), "{:?}", report.broken);
    assert_eq!((report.complaints, report.filed), (1, 1));
    assert!(report.unfiled.is_empty());

    // The complainant asks what is stored about them.
    let email = Email::parse("A.Bakker@example.nl").expect("email");
    let export = retention::export(
        &store,
        &letterhead,
        &cal,
        &retention::Subject::Email(email.clone()),
        klacht_clock::test_now(),
        "cli:test",
    )
    .await
    .expect("export");
    assert_eq!(export["complaints"][0]["reference"], reference.as_str());
    assert_eq!(
        export["complaints"][0]["form"]["complainant"]["name"],
        "Mevrouw A. Bakker-Verhoeven"
    );
    assert_eq!(
        export["complaints"][0]["events"].as_array().map(Vec::len),
        Some(c.version() as usize)
    );

    // Not yet expired: nothing happens.
    let now = klacht_clock::test_now();
    let early = retention::run(&store, &letterhead, &cal, 2, now, "system")
        .await
        .expect("run");
    assert!(early.anonymised.is_empty());

    // Two years and a day later.
    let later = now + ((2 * 366 + 1) * 24).hours();
    let done = retention::run(&store, &letterhead, &cal, 2, later, "system")
        .await
        .expect("run");
    assert_eq!(done.anonymised.len(), 1, "{:?}", done.failed);
    let again = retention::run(&store, &letterhead, &cal, 2, later, "system")
        .await
        .expect("run");
    assert!(again.anonymised.is_empty(), "anonymised once");

    let (c, history) = complaints::load_with_history(&store, id)
        .await
        .expect("load");
    assert_eq!(c.complainant().name(), "[geanonimiseerd]");
    assert_eq!(
        c.offer().and_then(|o| o.value.value_cents),
        Some(7_950),
        "statistics stay"
    );
    assert_eq!(c.category(), Some("Planning"));
    let row = store
        .load_stream(id)
        .await
        .expect("load")
        .expect("stored")
        .0;
    assert_eq!(row.complainant_name, "[geanonimiseerd]");
    assert!(
        store
            .complaints_with_email(&email)
            .await
            .expect("find")
            .is_empty()
    );

    let entry = store
        .dossier_entry(id)
        .await
        .expect("entry")
        .expect("filed");
    assert!(entry.anonymised_at.is_some());
    let pdf = store
        .dossier_document(id, DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");
    let text = pdf_text(&pdf);
    assert!(text.contains("[geanonimiseerd]"), "{text}");
    assert!(text.contains("geanonimiseerd op"), "{text}");
    for personal in [
        "Bakker",
        "a.bakker@",
        "06-1234",
        "Dorpsstraat",
        "drie dagen",
    ] {
        assert!(!text.contains(personal), "{personal} left in the PDF");
    }
    let log = store.retention_log(Some(id), 10).await.expect("log");
    assert!(
        log.iter()
            .any(|e| e.actor == "system" && e.action.as_str() == "anonymised")
    );

    let report = dossier::verify(&store).await.expect("verify");
    assert!(report.ok(), "{:?}", report.broken);
    assert_eq!(report.anonymised.len(), 1, "anonymised, not tampered");

    // The live form renders from the anonymised history too.
    let names = Names::of(&store, &c, &history).await.expect("names");
    let form = documents::FormData::build(
        &letterhead,
        &c,
        &names,
        &cal,
        &FormCopy::Printed {
            by: "Sanne Visser".into(),
            at: later,
        },
    );
    assert_eq!(form.complainant.name, "[geanonimiseerd]");
}

async fn closed_complaints_are_filed_by_the_catch_up<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let letterhead = Letterhead::new("Focus");
    let id = walk_to_closing(&store, &cal).await;
    let report = dossier::verify(&store).await.expect("verify");
    assert!(report.ok());
    assert_eq!(report.unfiled.len(), 1, "closed but not filed is reported");
    let filed = dossier::file_pending(
        &store,
        &letterhead,
        &cal,
        None,
        100,
        klacht_clock::test_now(),
    )
    .await
    .expect("catch up");
    assert_eq!(filed.filed.len(), 1);
    assert!(filed.failed.is_empty());
    assert!(store.dossier_entry(id).await.expect("entry").is_some());
    let report = dossier::verify(&store).await.expect("verify");
    assert!(report.unfiled.is_empty());
    assert_eq!(report.filed, 1);

    // Reopened and closed again, its entry is still the first round's:
    // the second closing is reported until it is filed too.
    let users = store.list_users().await.expect("users");
    let named = |email: &str| {
        users
            .iter()
            .find(|u| u.user.email.as_str() == email)
            .map(|u| u.user.clone())
            .expect("user")
    };
    let (sanne, fatima) = (named("sanne@focus.example"), named("fatima@focus.example"));
    let today = cal.local_date(klacht_clock::test_now());
    let notifier = Notifier::disabled();
    let second_round = [
        (
            &sanne,
            Command::Reopen(Reopening {
                kind: ReopeningKind::NewFacts,
                reason: "Nieuwe feiten over de planning.".into(),
            }),
        ),
        (
            &fatima,
            Command::RecordContact(Contact {
                date: today,
                mode: ContactMode::Telephone,
                summary: "Opnieuw gebeld.".into(),
            }),
        ),
        (
            &fatima,
            Command::DecideMerit(MeritDecision {
                merit: Merit::Founded,
                reasoning: "Bevestigd.".into(),
            }),
        ),
        (
            &fatima,
            Command::MakeOffer(Offer {
                kind: OfferKind::ExtraService,
                description: "Een extra bezoek.".into(),
                value_cents: None,
                director_consulted: false,
                made_on: today,
                letter_text: None,
            }),
        ),
        (
            &fatima,
            Command::RecordResponse(ComplainantResponse {
                accepted: Some(true),
                satisfaction: None,
                comment: None,
            }),
        ),
        (&fatima, Command::SendForm),
        (&sanne, Command::Close(Closing { note: None })),
    ];
    for (who, cmd) in second_round {
        complaints::act(
            &complaints::Context::new(&store, &cal, &notifier, klacht_clock::test_now()),
            id,
            who,
            cmd,
            None,
        )
        .await
        .expect("second round step succeeds");
    }
    let report = dossier::verify(&store).await.expect("verify");
    assert!(report.ok(), "{:?}", report.broken);
    assert_eq!(
        report.unfiled.len(),
        1,
        "the second closing is not filed yet"
    );
    let filed = dossier::file_pending(
        &store,
        &letterhead,
        &cal,
        None,
        100,
        klacht_clock::test_now(),
    )
    .await
    .expect("catch up");
    assert_eq!(filed.filed.len(), 1);
    let report = dossier::verify(&store).await.expect("verify");
    assert!(report.unfiled.is_empty(), "{:?}", report.unfiled);
    assert!(report.ok(), "{:?}", report.broken);
}

/// The Exact registration's outbox rows of a complaint with this status.
async fn exact_rows<S: Store>(
    store: &S,
    id: ComplaintId,
    status: OutboxStatus,
) -> Vec<klacht_store::OutboxMessage> {
    store
        .list_outbox(Some(status), Some(id), 100)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Exact)
        .collect()
}

/// Issue 12: the quality manager enters the E-Synergy number by hand. The
/// registration queued at closing is then done (never sent or exported a
/// second time), and the filed form shows the number and still verifies.
async fn a_hand_entered_exact_number_settles_the_queue_and_reaches_the_filed_form<S: Store>(
    store: S,
) {
    let cal = WorkingCalendar::netherlands_default();
    let letterhead = Letterhead::new("Zorggroep Focus");
    let id = walk_to_closing(&store, &cal).await;
    assert_eq!(exact_rows(&store, id, OutboxStatus::Pending).await.len(), 1);
    assert!(
        dossier::file(&store, &letterhead, &cal, id, klacht_clock::test_now())
            .await
            .expect("file")
    );
    let before = store
        .dossier_entry(id)
        .await
        .expect("entry")
        .expect("filed");
    let pdf = store
        .dossier_document(id, DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");
    assert!(!pdf_text(&pdf).contains("ESYN-2026-4711"));

    let sanne = store
        .list_users()
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.user.email.as_str() == "sanne@focus.example")
        .expect("quality manager")
        .user;
    let notifier = Notifier::disabled();
    let c = complaints::act(
        &complaints::Context::new(&store, &cal, &notifier, klacht_clock::test_now())
            .filing_with(&letterhead),
        id,
        &sanne,
        Command::RegisterInExact(ExactRegistration {
            exact_id: "ESYN-2026-4711".into(),
            round: None,
        }),
        None,
    )
    .await
    .expect("recorded by hand");

    assert!(
        exact_rows(&store, id, OutboxStatus::Pending)
            .await
            .is_empty()
    );
    assert!(
        exact_rows(&store, id, OutboxStatus::Failed)
            .await
            .is_empty()
    );
    let done = exact_rows(&store, id, OutboxStatus::Sent).await;
    assert_eq!(done.len(), 1);
    assert!(
        done[0]
            .result
            .as_deref()
            .is_some_and(|r| r.contains("ESYN-2026-4711")),
        "{:?}",
        done[0].result
    );

    let after = store
        .dossier_entry(id)
        .await
        .expect("entry")
        .expect("filed");
    assert_eq!(
        after.sealed_seq,
        c.version(),
        "sealed up to the registration"
    );
    assert_eq!(after.filed_at, before.filed_at, "filed when it was filed");
    let pdf = store
        .dossier_document(id, DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");
    assert_eq!(sha256_hex(&pdf), after.pdf_sha256);
    let text = pdf_text(&pdf);
    assert!(text.contains("ESYN-2026-4711"), "{text}");
    let report = dossier::verify(&store).await.expect("verify");
    assert!(report.ok(), "{:?}", report.broken);
    // Nothing left for the catch-up.
    assert!(
        store
            .filed_before_exact_id(10)
            .await
            .expect("query")
            .is_empty()
    );
}

/// A registration recorded after filing by another way (the connector's
/// delivery) reaches the filed form in the jobs' catch-up round.
async fn the_catch_up_refiles_a_form_that_lacks_its_exact_number<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let letterhead = Letterhead::new("Zorggroep Focus");
    let id = walk_to_closing(&store, &cal).await;
    let now = klacht_clock::test_now();
    dossier::file(&store, &letterhead, &cal, id, now)
        .await
        .expect("file");
    klacht_app::exact::record_exact_id(&store, &cal, id, 1, "ESYN-2026-0815", now)
        .await
        .expect("recorded");
    assert!(
        exact_rows(&store, id, OutboxStatus::Pending)
            .await
            .is_empty()
    );
    assert_eq!(store.filed_before_exact_id(10).await.expect("query"), [id]);
    let report = dossier::file_pending(&store, &letterhead, &cal, None, 10, now)
        .await
        .expect("catch up");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let pdf = store
        .dossier_document(id, DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");
    assert!(pdf_text(&pdf).contains("ESYN-2026-0815"));
    assert!(dossier::verify(&store).await.expect("verify").ok());
}

store_tests!(
    a_closed_complaint_is_filed_verifies_and_is_anonymised_after_retention,
    closed_complaints_are_filed_by_the_catch_up,
    a_hand_entered_exact_number_settles_the_queue_and_reaches_the_filed_form,
    the_catch_up_refiles_a_form_that_lacks_its_exact_number,
);
