//! The start page as each person's work queue ("Wacht op mij", issue 12
//! item 4), its count in the header, and what anonymous visitors see.

use crate::common;
use crate::complaints_support::{self, Intake, Person, act, detail, done, org, register, today};

use common::{TestApp, spawn_app};
use jiff::ToSpan;
use klacht_domain::complaint::Command;
use klacht_domain::patterns::PatternRules;
use klacht_store::{NewOutboxMessage, OutboxKind, Store, store_tests};

/// The start page as `who` sees it.
async fn queue<S: Store>(app: &TestApp<S>, who: &Person) -> String {
    let r = app.get_as(&who.b, "/").await;
    assert_eq!(r.status(), 200);
    r.text().await.expect("body")
}

/// The queue's rows only (the page also shows today's terms).
fn rows(page: &str) -> &str {
    let start = page.find("id=\"work-queue\"").expect("the queue section");
    let end = page[start..]
        .find("</section>")
        .map_or(page.len(), |e| start + e);
    &page[start..end]
}

async fn reference<S: Store>(app: &TestApp<S>, id: &str) -> String {
    let (row, _) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    row.reference.to_string()
}

/// Where `needle` first appears in `haystack`; it must.
fn at(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {haystack}"))
}

async fn visitors_see_no_count_and_staff_see_their_queue<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let reference = reference(&app, &id).await;

    let anonymous = app.get("/").await.text().await.expect("body");
    assert!(!anonymous.contains("Geregistreerde"), "{anonymous}");
    assert!(!anonymous.contains("complaint-count"));
    assert!(!anonymous.contains("Wacht op mij"));
    assert!(anonymous.contains("href=\"/inloggen\""));

    // Signed in, `/` is the staff layout with Piet's own registration.
    let page = queue(&app, &o.employee).await;
    assert!(page.contains("Uitloggen") && page.contains("piet (medewerker)"));
    assert!(page.contains("Wacht op mij (1)"), "{page}");
    let rows = rows(&page);
    assert!(rows.contains("Door u geregistreerd"), "{rows}");
    assert!(rows.contains(&reference));
    assert!(rows.contains(&format!("href=\"/klachten/{id}\"")));

    // Someone with nothing to do is told so; the administrator is sent
    // to Beheer.
    let page = queue(&app, &o.outsider).await;
    assert!(page.contains("Er wacht niets op u."), "{page}");
    assert!(page.contains("Wacht op mij (0)"));
    let page = queue(&app, &o.admin).await;
    assert!(page.contains("href=\"/beheer\""), "{page}");
    assert!(
        !page.contains("Wacht op mij ("),
        "no queue for the administrator"
    );
}

async fn handler_and_manager_see_terms_overdue_first<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let fresh = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let long_ago = klacht_clock::test_now() - (24 * 30).hours();
    let late = register(
        &app,
        &o.employee,
        &Intake::complaint(&o.involved.user).received(long_ago),
    )
    .await;
    let (fresh_ref, late_ref) = (reference(&app, &fresh).await, reference(&app, &late).await);

    // Margriet answers for both: assign a handler, the late one first.
    let page = queue(&app, &o.manager).await;
    let q = rows(&page);
    assert_eq!(q.matches("Afhandelaar toewijzen").count(), 2, "{q}");
    assert!(at(q, &late_ref) < at(q, &fresh_ref), "overdue first: {q}");
    assert!(q.contains(&format!("/klachten/{late}#afhandelaar")));
    assert!(q.contains("te laat") && q.contains("op tijd"));

    for id in [&fresh, &late] {
        done(
            &app,
            &o.manager,
            id,
            "afhandelaar",
            &[("afhandelaar", &o.colleague.user.id.to_string())],
        )
        .await;
    }
    // Fatima: per complaint the next step, overdue first.
    let page = queue(&app, &o.colleague).await;
    assert!(page.contains("Wacht op mij (2)"), "{page}");
    let q = rows(&page);
    assert_eq!(
        q.matches("Volgende stap: contact met klager").count(),
        2,
        "{q}"
    );
    assert!(at(q, &late_ref) < at(q, &fresh_ref), "{q}");
    // Margriet keeps only the overdue term of her team.
    let page = queue(&app, &o.manager).await;
    let q = rows(&page);
    assert!(
        q.contains("Termijn verstreken in uw team: contact met klager"),
        "{q}"
    );
    assert!(q.contains(&late_ref) && !q.contains(&fresh_ref), "{q}");

    // An agreed action is its owner's: the handler's when it names nobody.
    done(
        &app,
        &o.colleague,
        &fresh,
        "acties",
        &[("omschrijving", "Rooster aanpassen"), ("streefdatum", "")],
    )
    .await;
    let calendar = complaints_support::calendar();
    let notifier = klacht_app::notify::Notifier::disabled();
    let cx = klacht_app::complaints::Context::new(
        &app.store,
        &calendar,
        &notifier,
        klacht_clock::test_now(),
    );
    klacht_app::complaints::act(
        &cx,
        fresh.parse().expect("id"),
        &o.colleague.user,
        Command::AgreeAction {
            description: "Excuusbrief sturen".into(),
            due: Some(calendar.local_date(klacht_clock::test_now())),
            owner: Some(o.employee.user.id),
        },
        None,
    )
    .await
    .expect("action agreed");
    let page = queue(&app, &o.colleague).await;
    assert!(page.contains("Wacht op mij (3)"), "{page}");
    let q = rows(&page);
    assert!(q.contains("Actie 1: Rooster aanpassen"), "{q}");
    assert!(q.contains(&format!("/klachten/{fresh}#actie-1")));
    assert!(!q.contains("Excuusbrief"), "Piet's action: {q}");
    let page = queue(&app, &o.employee).await;
    let q = rows(&page);
    assert!(q.contains("Actie 2: Excuusbrief sturen"), "{q}");
    assert!(q.contains("vandaag"), "due today: {q}");
    // Done, it leaves the queue.
    done(&app, &o.colleague, &fresh, "acties/1/afgerond", &[]).await;
    let page = queue(&app, &o.colleague).await;
    assert!(!rows(&page).contains("Actie 1"), "{page}");
    // The count is on every staff page.
    let list = app.get_as(&o.colleague.b, "/klachten").await;
    let list = list.text().await.expect("body");
    assert!(list.contains("Wacht op mij (2)"), "{list}");
}

/// Steps 2 and 3 recorded and the form sent, by Fatima.
async fn recorded<S: Store>(app: &TestApp<S>, o: &complaints_support::Org) -> String {
    let id = register(app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let today = today();
    let h = &o.colleague;
    done(
        app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &h.user.id.to_string())],
    )
    .await;
    done(
        app,
        h,
        &id,
        "contact",
        &[
            ("datum", &today),
            ("vorm", "telephone"),
            ("samenvatting", "Gebeld."),
        ],
    )
    .await;
    done(
        app,
        h,
        &id,
        "oordeel",
        &[("oordeel", "founded"), ("onderbouwing", "Klopt.")],
    )
    .await;
    done(
        app,
        h,
        &id,
        "aanbod",
        &[
            ("soort", "compensation"),
            ("omschrijving", "Een extra bezoek."),
            ("datum", &today),
        ],
    )
    .await;
    done(app, h, &id, "formulier-verstuurd", &[]).await;
    id
}

async fn quality_manager_sees_forms_failed_messages_and_patterns<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = recorded(&app, &o).await;
    let reference = reference(&app, &id).await;
    let message = NewOutboxMessage::now(OutboxKind::Mail, "{}".into(), klacht_clock::test_now());
    app.store
        .enqueue(std::slice::from_ref(&message))
        .await
        .expect("queued");
    app.store
        .outbox_failed(message.id, "554 geweigerd")
        .await
        .expect("failed");

    let page = queue(&app, &o.quality).await;
    let q = rows(&page);
    assert!(q.contains("Klachtenformulier ontvangen: afsluiten"), "{q}");
    assert!(q.contains(&reference));
    assert!(q.contains(&format!("/klachten/{id}#afsluiten")));
    assert!(q.contains("Bericht niet verzonden"), "{q}");
    assert!(q.contains("href=\"/berichten\""));
    // Open patterns are hers to decide, as many as Verbetering has.
    let calendar = complaints_support::calendar();
    let patterns = klacht_app::improvement::open_patterns(
        &app.store,
        &calendar,
        &PatternRules::default(),
        calendar.local_date(klacht_clock::test_now()),
    )
    .await
    .expect("patterns");
    assert_eq!(
        q.matches("Structureel patroon").count(),
        patterns.len(),
        "{q}"
    );
    let expected = 2 + patterns.len();
    assert!(
        page.contains(&format!("Wacht op mij ({expected})")),
        "{page}"
    );
    // Nobody else closes forms.
    assert!(!rows(&queue(&app, &o.director).await).contains("afsluiten"));
    // Closed, it leaves her queue.
    done(&app, &o.quality, &id, "afsluiten", &[]).await;
    assert!(!rows(&queue(&app, &o.quality).await).contains(&reference));
}

async fn director_sees_escalations<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let reference = reference(&app, &id).await;
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    assert!(!rows(&queue(&app, &o.director).await).contains(&reference));
    done(
        &app,
        &o.colleague,
        &id,
        "escalatie",
        &[("partij", "klachtencommissie"), ("datum", &today())],
    )
    .await;
    let page = queue(&app, &o.director).await;
    let q = rows(&page);
    assert!(q.contains("Externe escalatie loopt"), "{q}");
    assert!(q.contains(&reference));
    assert!(page.contains("Wacht op mij (1)"), "{page}");
}

async fn director_sees_questions_put_to_her_until_she_answers<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let reference = reference(&app, &id).await;
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    let page = queue(&app, &o.director).await;
    assert!(
        page.contains("Wacht op mij (0)"),
        "nothing asked yet: {page}"
    );

    done(
        &app,
        &o.colleague,
        &id,
        "overleg",
        &[
            ("directeur", &o.director.user.id.to_string()),
            ("vraag", "Mogen wij € 150 aanbieden?"),
        ],
    )
    .await;
    let page = queue(&app, &o.director).await;
    assert!(page.contains("Wacht op mij (1)"), "{page}");
    let q = rows(&page);
    assert!(
        q.contains("Uw advies gevraagd door fatima (vraag 1): Mogen wij € 150 aanbieden?"),
        "{q}"
    );
    assert!(q.contains(&reference), "{q}");
    assert!(
        q.contains(&format!("href=\"/klachten/{id}#overleg\"")),
        "{q}"
    );
    // Due by the offer's term: the handler's offer waits for it.
    let (row, _) = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored");
    assert!(
        q.contains(&klacht_domain::dutch::day_month_year(row.offer_due)),
        "{q}"
    );
    assert!(q.contains("op tijd"), "{q}");
    // Nobody else was asked.
    assert!(!rows(&queue(&app, &o.quality).await).contains("advies gevraagd"));

    done(
        &app,
        &o.director,
        &id,
        "overleg/1/advies",
        &[("advies", "Ja, en bied ook excuses aan.")],
    )
    .await;
    let page = queue(&app, &o.director).await;
    assert!(!rows(&page).contains("advies gevraagd"), "answered: {page}");
    assert!(page.contains("Wacht op mij (0)"), "{page}");
}

async fn staff_pages_link_the_regulation_and_its_steps<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    for path in ["/", "/klachten", "/wachtwoord", "/agenda"] {
        let page = app.get_as(&o.employee.b, path).await;
        let page = page.text().await.expect("body");
        assert!(page.contains("href=\"/reglement\""), "{path}: {page}");
    }
    let page = detail(&app, &o.manager, &id).await;
    for n in 1..=4 {
        assert!(
            page.contains(&format!("href=\"/reglement#stap-{n}\"")),
            "step {n}: {page}"
        );
    }
    let regulation = app.get("/reglement").await.text().await.expect("body");
    for anchor in [
        "stap-1",
        "stap-2",
        "stap-3",
        "stap-4",
        "escalatie",
        "afsluiten",
    ] {
        assert!(
            regulation.contains(&format!("id=\"{anchor}\"")),
            "{anchor}: {regulation}"
        );
    }
}

async fn complaint_page_offers_only_what_can_be_done<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;

    // Piet registered it and may only add files: he is told who acts.
    let page = detail(&app, &o.employee, &id).await;
    assert!(
        page.contains(
            "U kunt bij deze klacht alleen bijlagen toevoegen; margriet wijst een afhandelaar toe."
        ),
        "{page}"
    );
    assert!(page.contains("Bijlage toevoegen"), "{page}");
    assert!(!page.contains("id=\"correctie"), "{page}");

    // Assistance is offered while someone can still be added.
    let page = detail(&app, &o.manager, &id).await;
    assert!(page.contains("id=\"bijstand\""));
    for who in [&o.quality, &o.director] {
        done(
            &app,
            &o.manager,
            &id,
            "bijstand",
            &[("bijstand", &who.user.id.to_string())],
        )
        .await;
    }
    let page = detail(&app, &o.manager, &id).await;
    assert!(!page.contains("id=\"bijstand\""), "nobody left to add");
    assert!(!page.contains("id=\"nothing-to-do\""));

    // Recorded and nothing open: no new handler, no routing, not even by
    // posting the form.
    let id = recorded(&app, &o).await;
    let page = detail(&app, &o.quality, &id).await;
    assert!(!page.contains("id=\"afhandelaar\""), "{page}");
    assert!(!page.contains("id=\"doorsturen\""), "{page}");
    let r = act(
        &app,
        &o.quality,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.manager.user.id.to_string())],
    )
    .await;
    assert_eq!(r.status(), 409);
    let body = r.text().await.expect("body");
    assert!(body.contains("niets meer te doen"), "{body}");
    let r = act(
        &app,
        &o.quality,
        &id,
        "doorsturen",
        &[("leidinggevende", &o.other_manager.user.id.to_string())],
    )
    .await;
    assert_eq!(r.status(), 409);
    // Fatima handled it; now the quality manager closes it.
    let page = detail(&app, &o.colleague, &id).await;
    assert!(
        page.contains("de kwaliteitsmanager sluit haar af") || page.contains("id=\"acties\""),
        "{page}"
    );

    // The improvement actions it is linked to, with a link for those who
    // may open them.
    let calendar = complaints_support::calendar();
    let action = klacht_app::improvement::create(
        &app.store,
        &calendar,
        &PatternRules::default(),
        &o.quality.user,
        klacht_app::improvement::ActionInput {
            title: "Roosters eerder rondsturen".into(),
            description: "Roosters gaan een week vooruit naar de klant.".into(),
            owner: o.manager.user.id,
            due_on: calendar.local_date(klacht_clock::test_now()) + 30.days(),
            complaints: vec![id.parse().expect("id")],
            pattern: None,
            whole_pattern_seen: None,
        },
        klacht_clock::test_now(),
    )
    .await
    .expect("action opened");
    let number = action.number.to_string();
    let page = detail(&app, &o.quality, &id).await;
    assert!(
        page.contains(&format!(
            "<a href=\"/verbeteracties/{number}\">{number}</a>"
        )),
        "{page}"
    );
    assert!(page.contains("Roosters eerder rondsturen"));
    assert!(page.contains("<span class=\"badge\">open</span>"));
    let page = detail(&app, &o.colleague, &id).await;
    assert!(page.contains(&number), "{page}");
    assert!(
        !page.contains(&format!("href=\"/verbeteracties/{number}\"")),
        "Fatima may not open it"
    );
    let r = app
        .get_as(&o.quality.b, &format!("/verbeteracties/{number}"))
        .await;
    assert_eq!(r.status(), 200);
}

/// A long queue lists its most urgent hundred items, says how many there
/// are, and shows them all when asked (issue 14: thousands at scale).
async fn a_long_queue_lists_the_most_urgent_hundred<S: Store>(store: S) {
    use klacht_domain::complaint::{Channel, Kind, NewComplaint, Party};
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let calendar = klacht_domain::calendar::WorkingCalendar::netherlands_default();
    let now = klacht_clock::test_now();
    // A hundred straight into the store (fast), the last through the
    // form: a change this instance counts, so the queue is built again.
    for n in 0..100 {
        klacht_app::complaints::register(
            &app.store,
            &calendar,
            &klacht_app::notify::Notifier::disabled(),
            &o.employee.user,
            NewComplaint {
                kind: Kind::Complaint,
                channel: Channel::Phone,
                received_at: now.to_zoned(calendar.time_zone().clone()),
                complainant: Party::new(&format!("Klant {n}"), None, Some("06-12345678"), None)
                    .expect("party"),
                representative: None,
                service: Some("Thuiszorg".into()),
                involved_employees: vec![o.involved.user.id],
                description: "Te laat.".into(),
                category: None,
                cause: None,
            },
            now,
        )
        .await
        .expect("registered");
    }
    register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let page = queue(&app, &o.employee).await;
    let listed = rows(&page);
    assert!(listed.contains("101 punten"), "{listed}");
    assert_eq!(listed.matches("class=\"queue-item\"").count(), 100);
    assert!(
        listed.contains("de 100 dringendste van 101 punten") && listed.contains("href=\"/?alles"),
        "{listed}"
    );
    let all = app.get_as(&o.employee.b, "/?alles").await;
    assert_eq!(all.status(), 200);
    let all = all.text().await.expect("body");
    assert_eq!(rows(&all).matches("class=\"queue-item\"").count(), 101);
    assert!(!rows(&all).contains("queue-more"));
}

/// Kept values (queues, patterns, figures) are computed again after a
/// change; signing in is none, so a morning of sign-ins does not make
/// every user's next page compute everything again.
async fn signing_in_counts_as_no_change_and_a_registration_does<S: Store>(store: S) {
    let seen = std::sync::Arc::new(std::sync::OnceLock::new());
    let keep = seen.clone();
    let app = common::spawn_app_with(store, move |state| {
        let _ = keep.set(state.patterns.clone());
        state
    })
    .await;
    let patterns = seen.get().expect("the state").clone();
    let o = org(&app).await;
    let before = patterns.generation();
    app.login("piet@focus.example").await;
    assert_eq!(patterns.generation(), before, "a sign-in is no change");
    register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    assert!(patterns.generation() > before, "a registration is one");
}

store_tests!(
    signing_in_counts_as_no_change_and_a_registration_does,
    a_long_queue_lists_the_most_urgent_hundred,
    visitors_see_no_count_and_staff_see_their_queue,
    handler_and_manager_see_terms_overdue_first,
    quality_manager_sees_forms_failed_messages_and_patterns,
    director_sees_escalations,
    director_sees_questions_put_to_her_until_she_answers,
    staff_pages_link_the_regulation_and_its_steps,
    complaint_page_offers_only_what_can_be_done,
);
