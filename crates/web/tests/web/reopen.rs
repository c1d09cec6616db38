//! Reopening a filed complaint (issue 16) over HTTP: the Heropenen form
//! for the quality manager and the director, the API endpoint, the new
//! round's terms counted from the reopening beside the sealed first
//! round's, the closed loop (mail to the complainant, the afhandelaar and
//! the manager through a real SMTP server; the start page), the public
//! status page, the dossier's two filings and the reports.

use crate::common;
use crate::complaints_support;

use common::{TestApp, hidden_field, spawn_app, spawn_app_with};
use complaints_support::{Intake, Org, Person, act, calendar, detail, done, org, register, today};
use jiff::{SignedDuration, Timestamp};
use klacht_app::notify::Notifier;
use klacht_domain::complaint::format_date;
use klacht_domain::terms::Terms;
use klacht_jobs::{DeliveryConfig, deliver_due};
use klacht_mail::testing::SmtpServer;
use klacht_mail::{Address, MailContext, SmtpMailer};
use klacht_store::{Store, sha256_hex, store_tests};
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};

/// Received twenty days ago, so that the first round's terms and the
/// reopened round's terms fall on different days.
fn received() -> Timestamp {
    klacht_clock::test_now() - SignedDuration::from_hours(20 * 24)
}

/// Registered by Piet, handled by Fatima (late: contact today), closed and
/// filed by Sanne. Returns the id.
async fn closed<S: Store>(app: &TestApp<S>, o: &Org) -> String {
    let id = register(
        app,
        &o.employee,
        &Intake::complaint(&o.involved.user).received(received()),
    )
    .await;
    let handler = o.colleague.user.id.to_string();
    done(
        app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &handler)],
    )
    .await;
    walk_round(app, &o.colleague, &id).await;
    done(app, &o.quality, &id, "afsluiten", &[]).await;
    id
}

/// Steps 2–4 by `who`, today.
async fn walk_round<S: Store>(app: &TestApp<S>, who: &Person, id: &str) {
    let today = today();
    done(
        app,
        who,
        id,
        "contact",
        &[
            ("datum", &today),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld."),
        ],
    )
    .await;
    done(
        app,
        who,
        id,
        "oordeel",
        &[("oordeel", "founded"), ("onderbouwing", "Niet nagekomen.")],
    )
    .await;
    done(
        app,
        who,
        id,
        "aanbod",
        &[
            ("soort", "extra_service"),
            ("omschrijving", "Een extra bezoek."),
            ("datum", &today),
        ],
    )
    .await;
    done(app, who, id, "formulier-verstuurd", &[]).await;
}

async fn start<S: Store>(app: &TestApp<S>, who: &Person) -> String {
    app.get_as(&who.b, "/").await.text().await.expect("body")
}

async fn reference<S: Store>(app: &TestApp<S>, id: &str) -> String {
    app.store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored")
        .0
        .reference
        .to_string()
}

/// The part of the detail page from the element with this id on.
fn from_id<'a>(page: &'a str, id: &str) -> &'a str {
    let at = page
        .find(&format!("data-round=\"{id}\""))
        .unwrap_or_else(|| panic!("round {id} on the page"));
    &page[at..]
}

async fn the_quality_manager_reopens_on_the_page_with_new_terms_and_a_sealed_first_round<
    S: Store,
>(
    store: S,
) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = closed(&app, &o).await;
    let reference = reference(&app, &id).await;
    let cid = id.parse().expect("id");
    let first = app
        .store
        .dossier_entry(cid)
        .await
        .expect("entry")
        .expect("filed on closing");
    assert!(
        !start(&app, &o.colleague).await.contains(&reference),
        "closed: nothing waits"
    );

    // The handler has no such form and may not.
    let page = detail(&app, &o.colleague, &id).await;
    assert!(!page.contains("id=\"heropenen\""));
    let r = act(
        &app,
        &o.colleague,
        &id,
        "heropenen",
        &[("soort", "new_facts"), ("reden", "Nieuwe feiten.")],
    )
    .await;
    assert_eq!(r.status(), 403);

    // A reason is required, in Dutch, at the form.
    let page = detail(&app, &o.quality, &id).await;
    assert!(
        page.contains("id=\"heropenen\""),
        "the form for the quality manager"
    );
    assert!(page.contains("uitspraak externe instantie"));
    let r = act(
        &app,
        &o.quality,
        &id,
        "heropenen",
        &[("soort", "external_ruling"), ("reden", "  ")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(page.contains("id=\"heropenen-fout\""), "{page}");
    assert!(page.contains("reden van de heropening"), "{page}");
    // A forged form without the CSRF token is refused.
    let v = hidden_field(&detail(&app, &o.quality, &id).await, "version").expect("version");
    let r = app
        .client
        .post(app.url(&format!("/klachten/{id}/heropenen")))
        .header("cookie", o.quality.b.cookie.clone())
        .form(&[
            ("version", v.as_str()),
            ("soort", "new_facts"),
            ("reden", "x"),
        ])
        .send()
        .await
        .expect("sent");
    assert!(r.status().is_client_error(), "{}", r.status());

    let page = done(
        &app,
        &o.quality,
        &id,
        "heropenen",
        &[
            ("soort", "external_ruling"),
            ("reden", "De geschillencommissie acht de klacht gegrond."),
        ],
    )
    .await;
    assert!(page.contains(">heropend</span>"), "status badge");
    // Both rounds' terms side by side: the first as it was (contact done
    // late), the new one counted from the reopening.
    let cal = calendar();
    let first_terms = Terms::compute(received(), &cal);
    let new_terms = Terms::compute(klacht_clock::test_now(), &cal);
    let sealed = from_id(&page, "1");
    let current = from_id(&page, "2");
    assert!(sealed.contains("Behandelronde 1"));
    assert!(
        sealed.contains(&format_date(first_terms.contact)),
        "{sealed}"
    );
    assert!(sealed.contains("te laat"), "the missed term stays visible");
    assert!(sealed.contains("uitspraak externe instantie"));
    assert!(current.contains("Behandelronde 2"));
    for due in [new_terms.contact, new_terms.offer, new_terms.record] {
        assert!(current.contains(&format_date(due)), "{due} in {current}");
    }
    // The timeline names who reopened and why.
    assert!(page.contains("Klacht heropend (uitspraak externe instantie)"));
    assert!(page.contains("De geschillencommissie acht de klacht gegrond."));
    // The printable form says which round it is of.
    let form = app
        .get_as(&o.colleague.b, &format!("/klachten/{id}/formulier"))
        .await
        .text()
        .await
        .expect("body");
    assert!(form.contains("Behandelronde 2, heropend op"), "{form}");
    // Back on the handler's start page; the handler stayed.
    assert!(start(&app, &o.colleague).await.contains(&reference));

    // The second round is worked and closed: filed as a new version, the
    // first filing kept as it was; both listed and both verify.
    walk_round(&app, &o.colleague, &id).await;
    done(&app, &o.quality, &id, "afsluiten", &[]).await;
    let second = app
        .store
        .dossier_entry(cid)
        .await
        .expect("entry")
        .expect("filed again");
    assert_eq!((first.round, second.round), (1, 2));
    let earlier = app.store.earlier_filings(cid).await.expect("earlier");
    assert_eq!(earlier.len(), 1);
    assert_eq!(
        (
            &earlier[0].pdf_sha256,
            &earlier[0].record_sha256,
            &earlier[0].chain_head
        ),
        (&first.pdf_sha256, &first.record_sha256, &first.chain_head)
    );
    let r = app
        .get_as(
            &o.quality.b,
            &format!("/dossier/{id}/ronde/1/formulier.pdf"),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(sha256_hex(&r.bytes().await.expect("pdf")), first.pdf_sha256);
    let r = app
        .get_as(
            &o.colleague.b,
            &format!("/dossier/{id}/ronde/1/formulier.pdf"),
        )
        .await;
    assert_eq!(r.status(), 403);
    let dossier = app
        .get_as(&o.quality.b, &format!("/dossier?zoek={reference}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(dossier.contains("data-earlier-round=\"1\""), "{dossier}");
    assert!(dossier.contains(&first.pdf_sha256) && dossier.contains(&second.pdf_sha256));
    let pdf = app
        .store
        .dossier_document(cid, klacht_store::DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");
    let text = crate::report::pdf_text(&pdf);
    assert!(text.contains("Behandelronde 2"), "{text}");
    let report = klacht_app::dossier::verify(&app.store)
        .await
        .expect("verify");
    assert!(report.ok(), "{:?}", report.broken);

    // The reports count it: share reopened and the reason's kind.
    let year = calendar().local_date(received()).year();
    let dashboard = app
        .get_as(&o.quality.b, &format!("/dashboard?periode={year}"))
        .await
        .text()
        .await
        .expect("body");
    let reopened = &dashboard[dashboard.find("id=\"reopened\"").expect("section")..];
    assert!(reopened.contains("data-complaints=\"1\""), "{reopened}");
    assert!(reopened.contains("data-share=\"100%\""), "{reopened}");
    assert!(reopened.contains("data-kind=\"uitspraak externe instantie\""));
    let yearly = app
        .get_as(
            &o.quality.b,
            &format!("/rapportage/jaarverslag?jaar={year}"),
        )
        .await
        .text()
        .await
        .expect("body");
    assert!(
        yearly.contains(&format!("data-reference=\"{reference}\"")),
        "{yearly}"
    );
    let r = app
        .get_as(
            &o.quality.b,
            &format!("/rapportage/jaarverslag.pdf?jaar={year}"),
        )
        .await;
    assert_eq!(r.status(), 200);
    let text = crate::report::pdf_text(&r.bytes().await.expect("pdf"));
    assert!(text.contains("Heropende klachten"), "{text}");
    assert!(text.contains(&reference), "{text}");
}

async fn token<S: Store>(app: &TestApp<S>, who: &Person) -> String {
    klacht_app::auth::issue_api_token(&app.store, &who.user, klacht_clock::test_now())
        .await
        .expect("token")
        .expose_secret()
        .to_owned()
}

async fn reopen_api<S: Store>(
    app: &TestApp<S>,
    token: &str,
    id: &str,
    body: &Value,
) -> (u16, String, Value) {
    let r = app
        .client
        .post(app.url(&format!("/api/v1/complaints/{id}/reopen")))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("sent");
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, r.json().await.unwrap_or(Value::Null))
}

async fn the_api_reopens_a_closed_complaint_only<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let sanne = token(&app, &o.quality).await;
    let fatima = token(&app, &o.colleague).await;
    let body = json!({"kind": "complainant_objection", "reason": "Klager maakt bezwaar."});

    // Not closed: 409.
    let open = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let (status, kind, problem) = reopen_api(&app, &sanne, &open, &body).await;
    assert_eq!(
        (status, kind.as_str()),
        (409, "application/problem+json"),
        "{problem}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("niet afgesloten")
    );

    let id = closed(&app, &o).await;
    let (status, kind, _) = reopen_api(&app, &fatima, &id, &body).await;
    assert_eq!((status, kind.as_str()), (403, "application/problem+json"));
    let (status, _, problem) = reopen_api(
        &app,
        &sanne,
        &id,
        &json!({"kind": "new_facts", "reason": " "}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    let (status, _, problem) =
        reopen_api(&app, &sanne, &id, &json!({"kind": "onzin", "reason": "x"})).await;
    assert_eq!(status, 422, "{problem}");

    let (status, _, c) = reopen_api(&app, &sanne, &id, &body).await;
    assert_eq!(status, 200, "{c}");
    assert_eq!(c["status"], "reopened");
    assert_eq!(c["round"], 2);
    let cal = calendar();
    let new_terms = Terms::compute(klacht_clock::test_now(), &cal);
    let first_terms = Terms::compute(received(), &cal);
    let contact = |terms: &Value| {
        terms
            .as_array()
            .and_then(|t| t.iter().find(|t| t["step"] == "contact"))
            .map(|t| t["due"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(contact(&c["terms"]), json!(new_terms.contact.to_string()));
    assert_eq!(c["rounds"][0]["round"], 1);
    assert_eq!(
        contact(&c["rounds"][0]["terms"]),
        json!(first_terms.contact.to_string())
    );
    assert_eq!(c["rounds"][0]["reopened"]["kind"], "complainant_objection");
    assert_eq!(
        c["rounds"][0]["reopened"]["reason"],
        "Klager maakt bezwaar."
    );
    assert!(c["rounds"][0]["closed"]["recorded"].is_object());
    assert!(c["closed"].is_null(), "the new round is open");
    let events = c["events"].as_array().expect("events");
    assert_eq!(
        events.last().map(|e| e["type"].clone()),
        Some(json!("reopened"))
    );
    // Reopened once; the running round is not reopened again.
    let (status, ..) = reopen_api(&app, &sanne, &id, &body).await;
    assert_eq!(status, 409);
}

fn notifier() -> Notifier {
    let mut ctx = MailContext::new("Focus", "https://klachten.focus.example");
    ctx.from = Some(Address::new("Focus klachten", "klachten@focus.example"));
    Notifier::new(ctx)
}

async fn the_complainant_and_staff_are_told_and_the_status_page_says_heropend<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = closed(&app, &o).await;
    let reference = reference(&app, &id).await;
    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::bare("klachten@focus.example"),
    )
    .expect("mailer");
    // Messages are due from the moment they were queued.
    let now = || {
        let t = klacht_clock::test_now() + SignedDuration::from_secs(1);
        Timestamp::from_microsecond(t.as_microsecond()).expect("instant")
    };
    deliver_due(&app.store, &mailer, &DeliveryConfig::default(), now())
        .await
        .expect("round");
    let before = smtp.messages().len();

    done(
        &app,
        &o.director,
        &id,
        "heropenen",
        &[
            ("soort", "complainant_objection"),
            ("reden", "Klager belde boos terug."),
        ],
    )
    .await;
    let r = deliver_due(&app.store, &mailer, &DeliveryConfig::default(), now())
        .await
        .expect("round");
    assert_eq!(r.sent, 3, "complainant, handler and manager: {r:?}");
    let received = smtp.messages();
    assert_eq!(received.len(), before + 3);
    let new_terms = Terms::compute(klacht_clock::test_now(), &calendar());
    let to_complainant = received
        .iter()
        .find(|m| m.subject == format!("Uw klacht {reference} wordt opnieuw behandeld"))
        .expect("the complainant's mail");
    assert!(to_complainant.to.contains("j.devries@example.nl"));
    let text = &to_complainant.text;
    assert!(text.contains("Geachte Mevrouw J. de Vries"), "{text}");
    assert!(text.contains("bezwaar van de klager"), "{text}");
    assert!(
        !text.contains("boos"),
        "the internal reason is not sent: {text}"
    );
    assert!(text.contains("/status/"), "the status page link: {text}");
    let contact_due = klacht_mail::format::long_date(new_terms.contact);
    assert!(text.contains(&contact_due), "{contact_due} in {text}");
    for who in [&o.colleague, &o.manager] {
        let m = received
            .iter()
            .find(|m| {
                m.subject == format!("Klacht {reference} is heropend (behandelronde 2)")
                    && m.to.contains(who.user.email.as_str())
            })
            .unwrap_or_else(|| panic!("mail to {}", who.user.name));
        let text = &m.text;
        assert!(text.contains("Klager belde boos terug."), "{text}");
        assert!(text.contains(&format!("/klachten/{id}")), "{text}");
    }

    let code = app
        .store
        .tracking_code_of(id.parse().expect("id"))
        .await
        .expect("code")
        .expect("every complaint has one");
    let page = app
        .get(&format!("/status/{code}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("heropend, wordt opnieuw behandeld"), "{page}");
    assert!(page.contains("id=\"reopened\""), "{page}");
    assert!(page.contains(&format_date(new_terms.record)), "{page}");
    assert!(
        !page.contains("boos"),
        "nothing internal on the public page"
    );
}

store_tests!(
    the_quality_manager_reopens_on_the_page_with_new_terms_and_a_sealed_first_round,
    the_api_reopens_a_closed_complaint_only,
    the_complainant_and_staff_are_told_and_the_status_page_says_heropend,
);
