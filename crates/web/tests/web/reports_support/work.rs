//! Work in hand today, beside the year of complaints: what the page walks
//! (the browser's and the English one) need so that every page has
//! something to show.

use jiff::{Span, ToSpan};
use klacht_app::improvement::{self, ActionInput};
use klacht_app::mailbox::{Envelope, take_in};
use klacht_app::notify::Notifier;
use klacht_domain::ReferenceNumber;
use klacht_domain::absence::{Absence, Period};
use klacht_domain::complaint::{Command, Kind};
use klacht_domain::patterns::PatternRules;
use klacht_store::{AuditEntry, Store};

use super::{Org, cal, contact, create};

/// The words people typed into that work, in the language of the walk.
pub struct WorkWords<'a> {
    /// The category of the complaint registered this morning.
    pub fresh_category: Option<&'a str>,
    /// The category of the complaint in hand.
    pub in_hand_category: &'a str,
    pub action_title: &'a str,
    pub action_description: &'a str,
    /// A whole e-mail (headers and body) that arrived in the mailbox.
    pub mail: &'a str,
    pub absence_note: &'a str,
    pub absence_logged: &'a str,
}

/// Registered by Piet this morning with no handler yet (Margriet's next
/// step), one in hand with contact made, an improvement action on both,
/// a message in the mailbox, and Margriet away this week (her work to be
/// handed over). Returns the two complaints' references.
pub async fn work_in_hand<S: Store>(
    store: &S,
    org: &Org,
    words: &WorkWords<'_>,
) -> (ReferenceNumber, ReferenceNumber) {
    let now = klacht_clock::test_now();
    let morning = (now - 3.hours()).to_zoned(cal().time_zone().clone());
    let fresh = create(
        store,
        org,
        morning.clone(),
        Kind::Complaint,
        words.fresh_category,
        |_| {},
    )
    .await;
    let manager = org.manager.clone();
    let in_hand = create(
        store,
        org,
        morning.clone(),
        Kind::Complaint,
        Some(words.in_hand_category),
        |p| {
            let later = &morning + Span::new().minutes(30);
            p.step(
                Command::AssignHandler {
                    handler: manager.clone(),
                },
                &manager,
                &later,
            );
            p.step(contact(&later), &manager, &later);
        },
    )
    .await;
    let mut ids = Vec::new();
    for reference in [fresh, in_hand] {
        ids.push(
            store
                .complaint_id_by_reference(reference)
                .await
                .expect("look up")
                .expect("stored"),
        );
    }
    improvement::create(
        store,
        &cal(),
        &PatternRules::default(),
        &org.quality,
        ActionInput {
            title: words.action_title.into(),
            description: words.action_description.into(),
            owner: org.manager.id,
            due_on: cal()
                .local_date(now)
                .checked_add(45.days())
                .expect("a date"),
            complaints: ids,
            pattern: None,
            whole_pattern_seen: None,
        },
        now,
    )
    .await
    .expect("an improvement action");
    take_in(
        store,
        &cal(),
        &Notifier::disabled(),
        None,
        &Envelope {
            folder: "INBOX".into(),
            uid_validity: 1,
            uid: 1,
        },
        words.mail.as_bytes().to_vec(),
        now,
    )
    .await
    .expect("a message in the mailbox");
    let today = cal().local_date(now);
    store
        .record_absence(
            &Absence {
                id: uuid::Uuid::now_v7(),
                user: org.manager.id,
                period: Period::new(today, today.checked_add(7.days()).expect("a date"))
                    .expect("a period"),
                note: Some(words.absence_note.into()),
                recorded_by: org.quality.id,
                recorded_at: now,
                alerted_at: None,
            },
            &AuditEntry {
                id: uuid::Uuid::now_v7(),
                at: now,
                actor: Some(org.quality.id),
                actor_name: org.quality.name.clone(),
                kind: "absence.recorded".into(),
                subject: org.manager.name.clone(),
                details: words.absence_logged.into(),
            },
            &[],
        )
        .await
        .expect("an absence");
    (fresh, in_hand)
}
