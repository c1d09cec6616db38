//! Related complaints over a real store (issue 16): linking a filed
//! complaint to a newer one writes an event on both streams, grows the
//! filed complaint's chain, and `klacht verify` stays clean; unlinking
//! likewise. On SQLite and PostgreSQL.

use klacht_app::complaints::{self, Context};
use klacht_app::documents::Letterhead;
use klacht_app::notify::Notifier;
use klacht_app::{dossier, links};
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::LinkReason;
use klacht_store::{Store, store_tests};

use crate::dossier::walk_to_closing;

async fn a_filed_complaint_is_linked_and_still_verifies<S: Store>(store: S) {
    let cal = WorkingCalendar::netherlands_default();
    let letterhead = Letterhead::new("Focus");
    let old = walk_to_closing(&store, &cal).await;
    dossier::file_pending(
        &store,
        &letterhead,
        &cal,
        None,
        100,
        klacht_clock::test_now(),
    )
    .await
    .expect("filed");
    let users = store.list_users().await.expect("users");
    let by = |email: &str| {
        users
            .iter()
            .find(|u| u.user.email.as_str() == email)
            .map(|u| u.user.clone())
            .expect("user")
    };
    let (sanne, piet) = (by("sanne@focus.example"), by("piet@focus.example"));
    let notifier = Notifier::disabled();
    let cx = Context::new(&store, &cal, &notifier, klacht_clock::test_now());
    let old_c = complaints::load(&store, old).await.expect("load");
    let new = complaints::register(
        &store,
        &cal,
        &notifier,
        &piet,
        klacht_domain::complaint::NewComplaint {
            description: "Weer te laat.".into(),
            ..new_like(&old_c)
        },
        klacht_clock::test_now(),
    )
    .await
    .expect("registered");

    let c = links::link(
        &cx,
        new.id(),
        &sanne,
        old_c.reference(),
        LinkReason::SameComplainant,
        None,
    )
    .await
    .expect("linked");
    assert!(c.is_linked_to(old));
    let old_c = complaints::load(&store, old).await.expect("load");
    assert!(old_c.is_linked_to(new.id()));
    assert!(old_c.is_closed(), "a link does not reopen anything");
    let report = dossier::verify(&store).await.expect("verify");
    assert!(report.ok(), "{:?}", report.broken);
    assert_eq!(report.filed, 1);

    let c = links::unlink(&cx, old, &sanne, new.id())
        .await
        .expect("unlinked");
    assert!(c.related().is_empty());
    assert!(dossier::verify(&store).await.expect("verify").ok());
}

/// A new complaint with the same complainant as `c`.
fn new_like(c: &klacht_domain::complaint::Complaint) -> klacht_domain::complaint::NewComplaint {
    klacht_domain::complaint::NewComplaint {
        kind: klacht_domain::complaint::Kind::Complaint,
        channel: klacht_domain::complaint::Channel::Phone,
        received_at: c.received_at().clone(),
        complainant: c.complainant().clone(),
        representative: None,
        service: None,
        involved_employees: Vec::new(),
        description: String::new(),
        category: None,
        cause: None,
    }
}

store_tests!(a_filed_complaint_is_linked_and_still_verifies);
