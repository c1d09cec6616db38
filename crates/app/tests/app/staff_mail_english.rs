//! The staff mail the application composes outside the deadline engine
//! follows each recipient's chosen language (Dutch when none), also in
//! the parts it fills in itself: the account notice of Beheer, the
//! handover alert of an absence that begins today (who is away, the next
//! term, the action's due date) and the mail of a bulk handover (each
//! complaint's next term). On SQLite and PostgreSQL.

use std::collections::HashMap;

use jiff::Timestamp;
use klacht_app::absences::{self, AbsenceInput};
use klacht_app::admin::{Handover, set_user_active};
use klacht_app::complaints::{self, Context};
use klacht_app::notify::Notifier;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Channel, Command, Kind, NewComplaint, Party};
use klacht_domain::{Email, Language, Role, User, UserId};
use klacht_mail::{Address, MailContext, MailMessage};
use klacht_store::{NewUser, OutboxKind, Store, store_tests};

fn now() -> Timestamp {
    "2026-05-04T10:00:00+02:00".parse().expect("instant")
}

fn notifier() -> Notifier {
    let mut ctx = MailContext::new("Focus Care", "https://complaints.focuscare.example");
    ctx.from = Some(Address::new("Focus Care", "complaints@focuscare.example"));
    Notifier::new(ctx)
}

async fn person<S: Store>(
    store: &S,
    name: &str,
    role: Role,
    manager: Option<UserId>,
    language: Option<Language>,
) -> User {
    let first = name.split(' ').next().unwrap_or(name).to_lowercase();
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse(&format!("{first}@focus.example")).expect("valid"),
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
            created_at: Timestamp::UNIX_EPOCH,
        })
        .await
        .expect("create user");
    store
        .set_user_language(user.id, language)
        .await
        .expect("language");
    user
}

/// The mail queued to `email`, newest last.
async fn mail_to<S: Store>(store: &S, email: &str) -> Vec<MailMessage> {
    let mut rows = store.list_outbox(None, None, 1000).await.expect("outbox");
    rows.sort_by_key(|m| m.created_at);
    rows.into_iter()
        .filter(|m| m.kind == OutboxKind::Mail)
        .map(|m| MailMessage::from_json(&m.payload).expect("a mail"))
        .filter(|m| m.to.iter().any(|a| a.email == email))
        .collect()
}

/// No Dutch marker word in the subject, text or HTML (links left out:
/// the staff pages' paths are Dutch), and no key left untranslated.
fn assert_english(what: &str, m: &MailMessage) {
    for (part, body) in [
        ("subject", &m.subject),
        ("text", &m.text),
        ("html", &m.html),
    ] {
        let words: String = body
            .split(|c: char| c.is_whitespace() || c == '"')
            .filter(|w| !w.contains("://"))
            .collect::<Vec<_>>()
            .join(" ");
        let dutch = klacht_i18n::foreign_words(Language::En, &words);
        assert!(
            dutch.is_empty(),
            "{what} {part}: Dutch {dutch:?} in\n{body}"
        );
        assert!(!body.contains("mail-"), "{what} {part}: a key in\n{body}");
    }
    assert!(m.html.contains("<html lang=\"en\">"), "{what}");
}

fn complaint_by(description: &str) -> NewComplaint {
    let cal = WorkingCalendar::netherlands_default();
    NewComplaint {
        kind: Kind::Complaint,
        channel: Channel::Phone,
        received_at: now().to_zoned(cal.time_zone().clone()),
        complainant: Party::new("Mrs Sarah Thompson", None, Some("06-12345678"), None)
            .expect("party"),
        representative: None,
        service: None,
        involved_employees: Vec::new(),
        description: description.into(),
        category: None,
        cause: None,
    }
}

/// Beheer makes an account active again: its owner reads it in the
/// language they chose; one who chose none, in Dutch.
async fn the_account_notice_speaks_its_owners_language<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let ctx = MailContext::new("Focus Care", "https://complaints.focuscare.example");
    let admin = person(&store, "Admin Beheer", Role::Admin, None, None).await;
    let james = person(
        &store,
        "James Wilson",
        Role::Employee,
        None,
        Some(Language::En),
    )
    .await;
    let piet = person(&store, "Piet de Vries", Role::Employee, None, None).await;
    let handover = Handover {
        calendar: &cal,
        mail: Some(&ctx),
    };
    for who in [&james, &piet] {
        for active in [false, true] {
            set_user_active(&store, &admin, who.id, active, now(), handover)
                .await
                .expect("changed");
        }
    }
    let english = mail_to(&store, "james@focus.example").await;
    assert_eq!(english.len(), 1, "{english:#?}");
    assert_english("account", &english[0]);
    assert!(
        english[0].text.contains("Dear James Wilson,"),
        "{}",
        english[0].text
    );
    let dutch = mail_to(&store, "piet@focus.example").await;
    assert_eq!(dutch.len(), 1);
    assert_eq!(dutch[0].subject, "Uw account is weer actief");
    assert!(dutch[0].text.contains("Beste Piet de Vries,"));
}

/// An absence that begins today alerts the responsible manager at once:
/// in English for the one who chose it, with the absence, the next term
/// and the action's due date in English.
async fn an_english_manager_is_told_in_english_what_to_hand_over<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let n = notifier();
    let off = Notifier::disabled();
    let olivia = person(
        &store,
        "Olivia Smith",
        Role::Manager,
        None,
        Some(Language::En),
    )
    .await;
    let emma = person(&store, "Emma Brown", Role::Employee, Some(olivia.id), None).await;
    let cx = Context::new(&store, &cal, &off, now());
    let c = complaints::register(
        &store,
        &cal,
        &off,
        &olivia,
        complaint_by("The carer did not turn up twice."),
        now(),
    )
    .await
    .expect("registered");
    for (who, cmd) in [
        (
            &olivia,
            Command::AssignHandler {
                handler: emma.clone(),
            },
        ),
        (
            &emma,
            Command::AgreeAction {
                description: "Call Mrs Thompson back".into(),
                due: Some(jiff::civil::date(2026, 5, 8)),
                owner: Some(emma.id),
            },
        ),
    ] {
        complaints::act(&cx, c.id(), who, cmd, None)
            .await
            .expect("acted");
    }
    absences::record_absence(
        &Context::new(&store, &cal, &n, now()),
        &emma,
        &AbsenceInput {
            whom: String::new(),
            from: "2026-05-04".into(),
            to: "2026-05-12".into(),
            note: String::new(),
        },
    )
    .await
    .expect("recorded");
    let alerts = mail_to(&store, "olivia@focus.example").await;
    assert_eq!(alerts.len(), 1, "{alerts:#?}");
    let alert = &alerts[0];
    assert_english("handover alert", alert);
    assert_eq!(
        alert.subject,
        "To hand over: 1 complaint and 1 agreed action of Emma Brown (away until 12 May)"
    );
    assert!(
        alert
            .text
            .contains("Emma Brown is away up to and including Tuesday 12 May."),
        "{}",
        alert.text
    );
    assert!(
        alert.text.contains("contact with the complainant, by "),
        "{}",
        alert.text
    );
    assert!(
        alert.text.contains("(by Friday 8 May 2026)"),
        "{}",
        alert.text
    );
}

/// A manager hands over all of an absent colleague's work: the colleague
/// who chose English reads what she received in English, with each
/// complaint's next term; the one handed over from, who chose nothing,
/// reads where it went in Dutch.
async fn a_bulk_handover_speaks_each_recipients_language<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let n = notifier();
    let off = Notifier::disabled();
    let olivia = person(&store, "Olivia Smith", Role::Manager, None, None).await;
    let piet = person(
        &store,
        "Piet de Vries",
        Role::Employee,
        Some(olivia.id),
        None,
    )
    .await;
    let emma = person(
        &store,
        "Emma Brown",
        Role::Employee,
        Some(olivia.id),
        Some(Language::En),
    )
    .await;
    let cx = Context::new(&store, &cal, &off, now());
    let c = complaints::register(
        &store,
        &cal,
        &off,
        &olivia,
        complaint_by("The carer did not turn up twice."),
        now(),
    )
    .await
    .expect("registered");
    complaints::act(
        &cx,
        c.id(),
        &olivia,
        Command::AssignHandler {
            handler: piet.clone(),
        },
        None,
    )
    .await
    .expect("assigned");
    let choices = HashMap::from([(
        klacht_app::handover::complaint_key(c.id()),
        emma.id.to_string(),
    )]);
    let moved = klacht_app::handover::hand_over(
        &Context::new(&store, &cal, &n, now()),
        &olivia,
        piet.id,
        &choices,
    )
    .await
    .expect("handed over");
    assert_eq!((moved.complaints, moved.mails), (1, 2), "{moved:?}");
    let received = mail_to(&store, "emma@focus.example").await;
    let english = received.last().expect("Emma's mail");
    assert_english("bulk handover", english);
    assert!(
        english
            .text
            .contains("contact with the complainant, by Wednesday 6 May 2026"),
        "{}",
        english.text
    );
    let given = mail_to(&store, "piet@focus.example").await;
    let dutch = given.last().expect("Piet's mail");
    assert!(dutch.html.contains("<html lang=\"nl\">"));
    assert!(
        dutch
            .text
            .contains("contact met klager, uiterlijk woensdag 6 mei 2026"),
        "{}",
        dutch.text
    );
}

store_tests!(
    the_account_notice_speaks_its_owners_language,
    an_english_manager_is_told_in_english_what_to_hand_over,
    a_bulk_handover_speaks_each_recipients_language,
);
