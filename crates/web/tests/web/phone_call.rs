//! The next step first and one phone call, one form (issue 15): the
//! complaint page opens with the step the user should take now, and the
//! handler records contact, merit and offer of one call in one submission
//! — separate events, each with who and when, in one transaction, with the
//! hand-offs of the separate steps. A bad part refuses the whole.

use crate::common;
use crate::complaints_support;

use common::spawn_app_with;
use complaints_support::{
    Intake, Org, act, act_at, detail, done, follow, org, register, stored_version, today,
};
use klacht_app::notify::Notifier;
use klacht_mail::{Address, MailContext};
use klacht_store::{Store, store_tests};

fn notifier() -> Notifier {
    let mut ctx = MailContext::new("Focus", "https://klachten.focus.example");
    ctx.from = Some(Address::new("Focus klachten", "klachten@focus.example"));
    Notifier::new(ctx)
}

/// Registered by Piet, Fatima assigned by Margriet.
async fn handled<S: Store>(app: &common::TestApp<S>, o: &Org) -> String {
    let id = register(app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    done(
        app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    id
}

/// The part of the page under "Nu te doen", or empty.
fn next_section(page: &str) -> &str {
    let Some(start) = page.find("id=\"volgende-stap\"") else {
        return "";
    };
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

async fn the_page_opens_with_the_next_step_of_each_role<S: Store>(store: S) {
    let app = spawn_app_with(store, |s| s).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;

    // Margriet answers for it: assigning a handler is hers, open.
    let page = detail(&app, &o.manager, &id).await;
    let next = next_section(&page);
    assert!(next.contains("Nu te doen: Afhandelaar toewijzen"), "{next}");
    assert!(next.contains("uiterlijk"), "the contact term: {next}");
    assert!(
        next.contains("<details class=\"action\" id=\"afhandelaar\" open>"),
        "{next}"
    );
    assert!(page.contains("Meer acties"), "the rest below");
    // Piet registered it: nothing for him to do, nothing offered.
    let page = detail(&app, &o.employee, &id).await;
    assert!(next_section(&page).is_empty());
    assert!(!page.contains("id=\"afhandelaar\""));

    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    // Fatima: the phone call, prefilled with today.
    let page = detail(&app, &o.colleague, &id).await;
    let next = next_section(&page);
    assert!(next.contains("Nu te doen: Contact vastleggen"), "{next}");
    assert!(
        next.contains("<details class=\"action\" id=\"telefoongesprek\" open>"),
        "{next}"
    );
    assert!(next.contains(&format!("value=\"{}\"", today())), "{next}");
    // Margriet oversees now: no next step, and reassigning says so.
    let page = detail(&app, &o.manager, &id).await;
    assert!(next_section(&page).is_empty(), "not hers now");
    assert!(page.contains("Andere afhandelaar toewijzen"));
    assert!(!page.contains(">Afhandelaar toewijzen<"));
}

async fn one_phone_call_records_contact_merit_and_offer<S: Store>(store: S) {
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), None)).await;
    let o = org(&app).await;
    let id = handled(&app, &o).await;
    let before = stored_version(&app, &id).await;

    let r = act(
        &app,
        &o.colleague,
        &id,
        "telefoongesprek",
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld; excuses aangeboden."),
            ("oordeel", "founded"),
            ("onderbouwing", "Twee afspraken gemist zonder bericht."),
            ("soort", "compensation"),
            ("omschrijving", "Restitutie van twee uren."),
            ("waarde", "25,00"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let page = follow(&app, &o.colleague, r).await;
    assert!(
        page.contains("Telefoongesprek vastgelegd: contact, oordeel (gegrond) en aanbod."),
        "{page}"
    );
    // The next step moved on to the complainant's response.
    assert!(
        next_section(&page).contains("id=\"reactie\" open"),
        "{}",
        next_section(&page)
    );

    let complaint_id = id.parse().expect("id");
    let (_, events) = app
        .store
        .load_stream(complaint_id)
        .await
        .expect("load")
        .expect("stored");
    assert_eq!(events.len() as u64, before + 3, "three events, one write");
    let new = &events[before as usize..];
    let kinds: Vec<&str> = new.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["contact_recorded", "merit_decided", "offer_made"]);
    let who = format!("user:{}", o.colleague.user.id);
    for e in new {
        assert_eq!(e.actor, who, "{}: who", e.kind);
        assert_eq!(e.at, new[0].at, "{}: when, the one moment", e.kind);
    }
    assert!(new[2].data.contains("Restitutie van twee uren."));
    assert!(new[2].data.contains("2500"), "{}", new[2].data);

    // The offer's confirmation to the complainant is queued, as when the
    // offer is recorded on its own.
    let queued = app
        .store
        .list_outbox(None, Some(complaint_id), 20)
        .await
        .expect("outbox");
    let offer_key = format!("offer:{id}:{}", new[2].seq);
    assert!(
        queued
            .iter()
            .any(|m| m.dedupe_key.as_deref() == Some(offer_key.as_str())),
        "{:?}",
        queued.iter().map(|m| &m.dedupe_key).collect::<Vec<_>>()
    );

    // Contact alone is one event; merit and offer stay for later.
    let other = handled(&app, &o).await;
    let before = stored_version(&app, &other).await;
    let page = done(
        &app,
        &o.colleague,
        &other,
        "telefoongesprek",
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld, belt terug."),
            ("oordeel", ""),
            ("soort", ""),
        ],
    )
    .await;
    assert!(
        page.contains("Telefoongesprek vastgelegd: contact."),
        "{page}"
    );
    assert_eq!(stored_version(&app, &other).await, before + 1);
    assert!(next_section(&page).contains("Gegrondheid bepalen"));
}

async fn a_bad_part_refuses_the_whole_call_and_keeps_what_was_typed<S: Store>(store: S) {
    let app = spawn_app_with(store, |s| s).await;
    let o = org(&app).await;
    let id = handled(&app, &o).await;
    let before = stored_version(&app, &id).await;
    let summary = "Gesprek van twintig minuten met mevrouw.";

    // A value that is no amount: refused at the form, nothing written.
    let r = act(
        &app,
        &o.colleague,
        &id,
        "telefoongesprek",
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", summary),
            ("oordeel", "partly_founded"),
            ("onderbouwing", "Deels terecht."),
            ("soort", "compensation"),
            ("omschrijving", "Een bos bloemen."),
            ("waarde", "twintig"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("is geen bedrag"), "{page}");
    assert!(page.contains(summary), "the summary is kept");
    assert!(page.contains("Deels terecht."), "the reasoning is kept");
    assert!(page.contains("value=\"twintig\""), "the bad value is kept");
    assert!(
        page.contains("<details class=\"action\" id=\"telefoongesprek\" open>"),
        "the form stays open"
    );
    assert_eq!(stored_version(&app, &id).await, before, "nothing written");

    // An offer without a merit: the domain refuses the offer, and the
    // contact that would have passed on its own is not written either.
    let r = act(
        &app,
        &o.colleague,
        &id,
        "telefoongesprek",
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", summary),
            ("oordeel", ""),
            ("onderbouwing", ""),
            ("soort", "compensation"),
            ("omschrijving", "Een bos bloemen."),
        ],
    )
    .await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Bepaal eerst of de klacht gegrond is."),
        "{page}"
    );
    assert!(page.contains(summary), "the summary is kept");
    assert_eq!(stored_version(&app, &id).await, before, "nothing written");
    let page = detail(&app, &o.colleague, &id).await;
    assert!(page.contains("Nu te doen: Contact vastleggen"));

    // Whoever delivered the service records no call.
    let r = act_at(
        &app,
        &o.involved,
        &id,
        "telefoongesprek",
        &before.to_string(),
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", summary),
        ],
    )
    .await;
    assert_eq!(r.status(), 404, "Joost does not even see it");
    assert_eq!(stored_version(&app, &id).await, before);
}

store_tests! {
    the_page_opens_with_the_next_step_of_each_role,
    one_phone_call_records_contact_merit_and_offer,
    a_bad_part_refuses_the_whole_call_and_keeps_what_was_typed,
}
