//! Complaints from the mailbox (issue 17 §2) against a real IMAP server
//! (dovecot, see `mailbox_support`): plain and HTML mail, attachments, a
//! malformed message, a reply of the complainant, two instances polling
//! at once and a server restart mid-round. On SQLite and PostgreSQL.

use std::time::Duration;

use klacht_app::config::ImapSettings;
use klacht_app::mailbox::{Envelope, TakenIn, take_in};
use klacht_clock::ManualClock;
use klacht_domain::complaint::{Actor, Event};
use klacht_jobs::{MailboxJob, MailboxReport};
use klacht_mail::{Address, MailMessage};
use klacht_store::{MailboxStatus, Store, store_tests};
use secrecy::SecretString;

use crate::mailbox_support::Dovecot;
use crate::support::{calendar, context, file_with, notifier, now, org};
use klacht_app::notify::Notifier;

const PROCESSED: &str = "klacht-verwerkt";
const MAILBOX: &str = "klachten@focus.example";

fn job(server: &Dovecot) -> MailboxJob {
    MailboxJob {
        imap: ImapSettings::parse(&SecretString::from(server.url())).expect("test URL"),
        processed_folder: PROCESSED.into(),
        address: Some(Address::bare(MAILBOX)),
        calendar: calendar(),
        notifier: notifier(),
        poll: Duration::from_secs(1),
    }
}

fn clock() -> ManualClock {
    ManualClock::new(now())
}

const PLAIN: &str = "From: \"J. de Vries\" <j.devries@example.nl>\r\n\
To: klachten@focus.example\r\nSubject: Hulp kwam te laat\r\n\
Message-ID: <plain@example.nl>\r\nMIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\n\
De thuiszorg kwam vanochtend twee uur te laat.\r\n";

const HTML: &str = "From: b.bakker@example.nl\r\nTo: klachten@focus.example\r\n\
Subject: Schoonmaak\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<html><body><p>De <b>schoonmaker</b> is niet gekomen.</p></body></html>\r\n";

/// A PNG (its signature and a length) and a refused executable.
const WITH_FILES: &str = "From: c@example.nl\r\nTo: klachten@focus.example\r\n\
Subject: Foto\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/plain\r\n\r\nZie de foto.\r\n\
--b\r\nContent-Type: image/png; name=\"schade.png\"\r\n\
Content-Disposition: attachment; filename=\"schade.png\"\r\n\
Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAAAN\r\n\
--b\r\nContent-Type: application/octet-stream\r\n\
Content-Disposition: attachment; filename=\"factuur.exe\"\r\n\r\nMZ\r\n--b--\r\n";

const MALFORMED: &str = "dit is geen e-mail maar wel een bericht\r\n";

async fn deliver_all(server: &Dovecot) {
    for raw in [PLAIN, HTML, WITH_FILES, MALFORMED] {
        server.append("INBOX", raw.as_bytes()).await;
    }
}

/// The notices that a message waits, as queued: (recipient, subject, text).
async fn incoming_notices<S: Store>(store: &S) -> Vec<(String, String, String)> {
    store
        .list_outbox(None, None, 100)
        .await
        .expect("outbox")
        .into_iter()
        .map(|m| MailMessage::from_json(&m.payload).expect("payload"))
        .filter(|m| m.subject.starts_with("Binnengekomen e-mail"))
        .map(|m| (m.to[0].email.clone(), m.subject, m.text))
        .collect()
}

async fn plain_html_files_and_malformed_become_intake_items_once<S: Store>(store: S) {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let o = org(&store).await;
    deliver_all(&server).await;
    let report = job(&server)
        .poll_once(&store, &clock())
        .await
        .expect("poll");
    assert_eq!(
        report,
        MailboxReport {
            intake: 4,
            replies: 0,
            before: 0
        }
    );
    assert_eq!(server.count("INBOX").await, 0, "all moved");
    assert_eq!(server.count(PROCESSED).await, 4);

    let items = store.open_mailbox_messages(50).await.expect("items");
    assert_eq!(items.len(), 4);
    let by_subject = |s: &str| {
        items
            .iter()
            .find(|m| m.subject == s)
            .unwrap_or_else(|| panic!("{s}: {items:?}"))
    };
    let plain = by_subject("Hulp kwam te laat");
    assert_eq!(plain.sender_email.as_deref(), Some("j.devries@example.nl"));
    assert_eq!(plain.sender_name.as_deref(), Some("J. de Vries"));
    assert_eq!(plain.body, "De thuiszorg kwam vanochtend twee uur te laat.");
    assert!(plain.problem.is_none());
    let html = by_subject("Schoonmaak");
    assert!(
        html.body.contains("schoonmaker is niet gekomen") && !html.body.contains('<'),
        "{:?}",
        html.body
    );
    let photo = by_subject("Foto");
    assert_eq!(photo.file_names, ["schade.png"]);
    assert!(
        photo
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("factuur.exe")),
        "{photo:?}"
    );
    let files = store.mailbox_attachments(photo.id).await.expect("files");
    assert_eq!(files[0].content_type, "image/png");
    // The malformed one is kept and flagged, never dropped.
    let flagged = by_subject("");
    assert!(flagged.problem.is_some(), "{flagged:?}");
    assert!(flagged.sender_email.is_none());

    // The quality manager is told of each one by mail, not only on her
    // start page: a complaint is to be reported the day it arrives.
    let notices = incoming_notices(&store).await;
    assert_eq!(notices.len(), 4, "{notices:?}");
    assert!(
        notices
            .iter()
            .all(|(to, _, _)| *to == o.quality.email.to_string())
    );
    let (_, subject, text) = notices
        .iter()
        .find(|(_, subject, _)| subject.ends_with("Hulp kwam te laat"))
        .expect("the plain message's notice");
    assert_eq!(subject, "Binnengekomen e-mail: Hulp kwam te laat");
    assert!(text.contains("van j.devries@example.nl"), "{text}");
    assert!(
        text.contains(&format!("/binnengekomen/{}", plain.id)),
        "{text}"
    );
    let (_, _, photo_text) = notices
        .iter()
        .find(|(_, subject, _)| subject.ends_with("Foto"))
        .expect("the photo's notice");
    assert!(
        photo_text.contains("schade.png") && photo_text.contains("Let op: "),
        "{photo_text}"
    );

    // Nothing new: nothing happens.
    let again = job(&server)
        .poll_once(&store, &clock())
        .await
        .expect("poll");
    assert_eq!(again, MailboxReport::default());
    assert_eq!(
        store.open_mailbox_messages(50).await.expect("items").len(),
        4
    );
    assert_eq!(incoming_notices(&store).await.len(), 4, "no second notice");
}

async fn two_instances_take_each_message_in_once<S: Store>(store: S) {
    let Some(server) = Dovecot::start() else {
        return;
    };
    org(&store).await;
    for n in 0..6 {
        let raw = PLAIN.replace("Hulp kwam te laat", &format!("Bericht {n}"));
        server.append("INBOX", raw.as_bytes()).await;
    }
    let (a, b) = (job(&server), job(&server));
    let (ca, cb) = (clock(), clock());
    let (ra, rb) = tokio::join!(a.poll_once(&store, &ca), b.poll_once(&store, &cb));
    // One of them may lose a race on a message the other just moved: it
    // skips it, or its round ends with an error and the next one finds
    // what is left. Never a second item.
    let _ = (ra, rb);
    job(&server)
        .poll_once(&store, &clock())
        .await
        .expect("poll");
    assert_eq!(
        store.open_mailbox_messages(50).await.expect("items").len(),
        6
    );
    assert_eq!(server.count("INBOX").await, 0);
    // Both may have moved the same message at the same moment, which
    // leaves a copy in the processed folder; klacht holds it once, and
    // the quality manager hears of it once.
    assert!(server.count(PROCESSED).await >= 6);
    assert_eq!(incoming_notices(&store).await.len(), 6);
}

async fn a_restart_mid_round_loses_nothing_and_doubles_nothing<S: Store>(store: S) {
    let Some(mut server) = Dovecot::start() else {
        return;
    };
    deliver_all(&server).await;
    // A round that stored the first message and died before moving it.
    let validity = server.uid_validity("INBOX").await;
    let first = server.uids("INBOX").await[0];
    let envelope = Envelope {
        folder: "INBOX".into(),
        uid_validity: validity,
        uid: first,
    };
    let outcome = take_in(
        &store,
        &calendar(),
        &notifier(),
        Some(&Address::bare(MAILBOX)),
        &envelope,
        PLAIN.as_bytes().to_vec(),
        now(),
    )
    .await
    .expect("taken in");
    assert_eq!(outcome, TakenIn::Intake);
    // The server is down: the round fails, nothing is lost.
    server.stop();
    assert!(job(&server).poll_once(&store, &clock()).await.is_err());
    server.restart();
    let report = job(&server)
        .poll_once(&store, &clock())
        .await
        .expect("poll");
    assert_eq!(
        report,
        MailboxReport {
            intake: 3,
            replies: 0,
            before: 1
        }
    );
    assert_eq!(
        store.open_mailbox_messages(50).await.expect("items").len(),
        4
    );
    assert_eq!(server.count("INBOX").await, 0);
    assert_eq!(server.count(PROCESSED).await, 4);
}

fn reply(from: &str, to: &str, subject: &str) -> String {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIk ben nog steeds niet geholpen.\r\n\
         --b\r\nContent-Type: image/png; name=\"bewijs.png\"\r\n\
         Content-Disposition: attachment; filename=\"bewijs.png\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAAAN\r\n--b--\r\n"
    )
}

async fn a_reply_lands_on_the_timeline_and_the_handler_is_told<S: Store>(store: S) {
    let Some(server) = Dovecot::start() else {
        return;
    };
    let o = org(&store).await;
    // Mail is composed with the mailbox's address, as `serve` does.
    let mut ctx = context();
    ctx.mailbox = Some(Address::bare(MAILBOX));
    let c = file_with(
        &store,
        &Notifier::new(ctx),
        &o.employee,
        "J. de Vries",
        Some("j.devries@example.nl"),
    )
    .await;
    let plus = format!("klachten+{}@focus.example", c.reference());
    // The confirmation to the complainant answers to the complaint's address.
    let confirmation = store
        .list_outbox(None, Some(c.id()), 10)
        .await
        .expect("outbox")
        .into_iter()
        .map(|m| MailMessage::from_json(&m.payload).expect("payload"))
        .find(|m| m.to.iter().any(|a| a.email == "j.devries@example.nl"))
        .expect("a confirmation");
    assert_eq!(
        confirmation.reply_to.map(|a| a.email).as_deref(),
        Some(plus.as_str())
    );

    server
        .append(
            "INBOX",
            reply("J. de Vries <J.deVries@example.nl>", &plus, "Re: uw klacht").as_bytes(),
        )
        .await;
    // A stranger writing to the same address, and a reply to a complaint
    // that does not exist: ordinary intake items.
    server
        .append(
            "INBOX",
            reply("vreemde@example.nl", &plus, "Ik weet uw nummer").as_bytes(),
        )
        .await;
    server
        .append(
            "INBOX",
            reply(
                "j.devries@example.nl",
                "klachten+K-2026-9999@focus.example",
                "Onbekend nummer",
            )
            .as_bytes(),
        )
        .await;
    let report = job(&server)
        .poll_once(&store, &clock())
        .await
        .expect("poll");
    assert_eq!(
        report,
        MailboxReport {
            intake: 2,
            replies: 1,
            before: 0
        }
    );

    let (after, history) = klacht_app::complaints::load_with_history(&store, c.id())
        .await
        .expect("load");
    assert_eq!(after.version(), c.version() + 1);
    let last = history.last().expect("an event");
    assert_eq!(last.actor, Actor::Complainant);
    let Event::ComplainantMailed(mail) = &last.event else {
        panic!("{:?}", last.event);
    };
    assert_eq!(mail.from, "j.devries@example.nl");
    assert_eq!(mail.subject, "Re: uw klacht");
    assert_eq!(mail.text, "Ik ben nog steeds niet geholpen.");
    assert_eq!(mail.attachments, ["bewijs.png"]);
    assert!(last.event.describe().starts_with("E-mail van de klager"));
    // Its file is kept with the complaint.
    let files = store.attachments_of(c.id()).await.expect("attachments");
    assert!(
        files.iter().any(|f| f.file_name == "bewijs.png"),
        "{files:?}"
    );

    // The responsible manager (no afhandelaar yet) is told.
    let notice = store
        .list_outbox(None, Some(c.id()), 20)
        .await
        .expect("outbox")
        .into_iter()
        .map(|m| MailMessage::from_json(&m.payload).expect("payload"))
        .find(|m| m.subject.contains("e-mail van de klager"))
        .expect("notice to the manager");
    assert_eq!(notice.to[0].email, "margriet@focus.example");
    assert!(notice.text.contains("Re: uw klacht"), "{}", notice.text);

    let items = store.open_mailbox_messages(50).await.expect("items");
    let subjects: Vec<&str> = items.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(items.len(), 2, "{subjects:?}");
    assert!(subjects.contains(&"Ik weet uw nummer") && subjects.contains(&"Onbekend nummer"));
    assert!(items.iter().all(|m| m.status == MailboxStatus::Open));
}

store_tests!(
    plain_html_files_and_malformed_become_intake_items_once,
    two_instances_take_each_message_in_once,
    a_restart_mid_round_loses_nothing_and_doubles_nothing,
    a_reply_lands_on_the_timeline_and_the_handler_is_told,
);
