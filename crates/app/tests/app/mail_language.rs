//! A complaint remembers the language its complainant chose, and the mail
//! to her follows it while the mail to staff follows the staff member's
//! own choice (Dutch when none): intake of a
//! complaint submitted in English, as the public form stores it (routed to
//! a manager, confirmation and notice in the complaint's transaction), on
//! SQLite and PostgreSQL.

use jiff::Timestamp;
use klacht_app::complaints::{read_model, to_raw};
use klacht_app::notify::Notifier;
use klacht_app::public::new_tracking_code;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    self, Actor, Channel, Complaint, Kind, NewComplaint, Party, Recorded, route_public,
};
use klacht_domain::{ComplaintId, Email, Language, ReferenceNumber, Role, User, UserId};
use klacht_mail::{Address, MailContext, MailMessage};
use klacht_store::{NewStream, NewUser, OutboxKind, Store, UserRecord, store_tests};

async fn manager<S: Store>(store: &S) -> UserRecord {
    let id = UserId::new(uuid::Uuid::now_v7());
    store
        .create_user(NewUser {
            id,
            email: Email::parse("margriet@focus.example").expect("email"),
            name: "Margriet Jansen".into(),
            role: Role::Manager,
            manager: None,
            password_hash: None,
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("create user");
    store
        .user_by_id(id)
        .await
        .expect("read user")
        .expect("the manager")
}

/// A public submission in `language`, routed to `manager`, stored with
/// the mail intake queues; the mail as it waits in the outbox.
async fn submit_in<S: Store>(
    store: &S,
    manager: &UserRecord,
    language: Language,
    name: &str,
) -> Vec<MailMessage> {
    let cal = WorkingCalendar::netherlands_default();
    let at: Timestamp = klacht_clock::test_now();
    let mut ctx = MailContext::new("Focus Care", "https://complaints.focuscare.example");
    ctx.from = Some(Address::new("Focus Care", "complaints@focuscare.example"));
    let notifier = Notifier::new(ctx);
    let new = NewComplaint {
        kind: Kind::Complaint,
        channel: Channel::Web,
        received_at: at.to_zoned(cal.time_zone().clone()),
        complainant: Party::new(
            name,
            Some(Email::parse("complainant@example.com").expect("email")),
            None,
            None,
        )
        .expect("party"),
        representative: None,
        service: None,
        involved_employees: Vec::new(),
        description: "The carer did not turn up twice.".into(),
        category: None,
        cause: None,
    };
    let id = ComplaintId::new(uuid::Uuid::now_v7());
    let code = new_tracking_code();
    let manager_user: User = manager.user.clone();
    store
        .create_complaint(new.received_at.year(), |reference: ReferenceNumber| {
            let events =
                complaint::register_public_in(new, reference, at, language).expect("registered");
            let mut history = Recorded::stamp(0, Actor::Complainant, at, events);
            let mut c = Complaint::replay(id, &history).expect("replay");
            let routed = Recorded::stamp(
                c.version(),
                Actor::System,
                at,
                vec![route_public(&c, &manager_user).expect("routed")],
            );
            for r in &routed {
                c.apply(r).expect("apply");
            }
            history.extend(routed);
            Ok::<_, klacht_app::complaints::ServiceError>(NewStream {
                row: read_model(&c, &cal, at),
                events: history
                    .iter()
                    .map(|r| to_raw(id, r))
                    .collect::<Result<_, _>>()?,
                outbox: notifier.on_intake(&c, Some(&code), None, Some(manager), &cal, at),
                tracking_code: Some(code),
                attachments: Vec::new(),
            })
        })
        .await
        .expect("store")
        .expect("created");
    store
        .list_outbox(None, Some(id), 10)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Mail)
        .map(|m| MailMessage::from_json(&m.payload).expect("a mail"))
        .collect()
}

/// Words that betray Dutch in an English mail.
const DUTCH: [&str; 8] = [
    "Geachte",
    "klacht",
    "uw ",
    "Uiterlijk",
    "groet",
    "ontvangen",
    " om ",
    "april",
];

async fn a_complaint_in_english_is_confirmed_in_english_and_staff_read_dutch<S: Store>(store: S) {
    let manager = manager(&store).await;
    let mails = submit_in(&store, &manager, Language::En, "Mrs Sarah Thompson").await;
    assert_eq!(mails.len(), 2, "the confirmation and the manager's notice");

    let confirmation = mails
        .iter()
        .find(|m| m.to.iter().any(|a| a.email == "complainant@example.com"))
        .expect("the complainant's confirmation");
    assert!(
        confirmation
            .subject
            .starts_with("Your complaint has been received (K-"),
        "{}",
        confirmation.subject
    );
    for body in [&confirmation.text, &confirmation.html] {
        assert!(body.contains("Dear Mrs Sarah Thompson,"), "{body}");
        assert!(body.contains("What happens next?"), "{body}");
        assert!(body.contains("Kind regards,"), "{body}");
        assert!(body.contains(" at "), "a time as English writes it: {body}");
        for word in DUTCH {
            assert!(!body.contains(word), "Dutch {word:?} in\n{body}");
        }
    }
    assert!(confirmation.html.contains("<html lang=\"en\">"));

    let notice = mails
        .iter()
        .find(|m| m.to.iter().any(|a| a.email == "margriet@focus.example"))
        .expect("the manager's notice");
    assert!(
        notice.subject.starts_with("Nieuwe klacht K-"),
        "{}",
        notice.subject
    );
    assert!(
        notice.text.contains("Met vriendelijke groet,"),
        "{}",
        notice.text
    );
    assert!(notice.html.contains("<html lang=\"nl\">"));

    // The same submission in Dutch, the default, is confirmed in Dutch.
    let dutch = submit_in(&store, &manager, Language::Nl, "mevrouw De Vries").await;
    let confirmation = dutch
        .iter()
        .find(|m| m.to.iter().any(|a| a.email == "complainant@example.com"))
        .expect("the complainant's confirmation");
    assert!(
        confirmation
            .subject
            .starts_with("Uw klacht is ontvangen (K-"),
        "{}",
        confirmation.subject
    );
    assert!(confirmation.text.contains("Geachte mevrouw De Vries,"));
}

store_tests!(a_complaint_in_english_is_confirmed_in_english_and_staff_read_dutch);

/// A manager who chose English gets the notice of a Dutch complaint in
/// English; the complainant's confirmation stays Dutch.
async fn a_manager_who_chose_english_gets_the_notice_in_english<S: Store>(store: S) {
    let manager = manager(&store).await;
    store
        .set_user_language(manager.user.id, Some(Language::En))
        .await
        .expect("language chosen");
    let manager = store
        .user_by_id(manager.user.id)
        .await
        .expect("read user")
        .expect("the manager");
    let mails = submit_in(&store, &manager, Language::Nl, "mevrouw De Vries").await;
    let notice = mails
        .iter()
        .find(|m| m.to.iter().any(|a| a.email == "margriet@focus.example"))
        .expect("the manager's notice");
    assert!(
        notice.subject.starts_with("New complaint K-"),
        "{}",
        notice.subject
    );
    assert!(
        notice.text.contains("Dear Margriet Jansen,"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains("Channel:"), "{}", notice.text);
    assert!(notice.html.contains("<html lang=\"en\">"));
    for body in [&notice.subject, &notice.text, &notice.html] {
        let without_links: String = body
            .split_whitespace()
            .filter(|w| !w.contains("://"))
            .collect::<Vec<_>>()
            .join(" ");
        let dutch = klacht_i18n::foreign_words(Language::En, &without_links);
        assert!(dutch.is_empty(), "Dutch {dutch:?} in\n{body}");
    }
    let confirmation = mails
        .iter()
        .find(|m| m.to.iter().any(|a| a.email == "complainant@example.com"))
        .expect("the complainant's confirmation");
    assert!(
        confirmation
            .subject
            .starts_with("Uw klacht is ontvangen (K-")
    );
}

mod staff_language {
    use super::*;

    store_tests!(a_manager_who_chose_english_gets_the_notice_in_english);
}
