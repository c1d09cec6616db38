//! Step 3 as closed loops (issue 12): the handler asks the director on the
//! complaint page, she is mailed and answers there, the handler is mailed
//! the advice, and form and page show who advised what and when; the
//! letter and mail to the complainant say the handler's text (never the
//! internal reasoning), fit one page, and with "geen aanbod" confirm a
//! decision instead of an offer. Mail goes through the real SMTP server.

use crate::common;
use crate::complaints_support;

use common::{TestApp, spawn_app_with};
use complaints_support::{Intake, Org, act, detail, done, org, register, today};
use jiff::Timestamp;
use klacht_app::notify::Notifier;
use klacht_jobs::{DeliveryConfig, deliver_due};
use klacht_mail::testing::{Received, SmtpServer};
use klacht_mail::{Address, MailContext, SmtpMailer};
use klacht_store::{Store, store_tests};
use secrecy::SecretString;

const PUBLIC_URL: &str = "https://klachten.focus.example";
const REASONING: &str = "Interne notitie: planner Joost vergat het rooster door te geven.";

fn notifier() -> Notifier {
    let mut ctx = MailContext::new("Focus", PUBLIC_URL);
    ctx.from = Some(Address::new("Focus klachten", "klachten@focus.example"));
    Notifier::new(ctx)
}

fn now() -> Timestamp {
    let t = klacht_clock::test_now();
    Timestamp::from_microsecond(t.as_microsecond()).unwrap_or(t)
}

/// Delivers what is queued and hands back what the server received since
/// the last call.
async fn deliver<S: Store>(app: &TestApp<S>, smtp: &SmtpServer, seen: &mut usize) -> Vec<Received> {
    let mailer = SmtpMailer::from_url(
        &SecretString::from(smtp.url()),
        &Address::bare("klachten@focus.example"),
    )
    .expect("mailer");
    deliver_due(&app.store, &mailer, &DeliveryConfig::default(), now())
        .await
        .expect("round");
    let all = smtp.messages();
    let new = all[*seen..].to_vec();
    *seen = all.len();
    new
}

fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let dir = std::env::temp_dir().join(format!("klacht-web-pdf-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils, scripts/install-test-deps)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text with every run of whitespace one space, so that a phrase matches
/// wherever the PDF broke its lines.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pages of pdftotext's output (it ends each page with a form feed).
fn pages(text: &str) -> Vec<&str> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect()
}

async fn letter<S: Store>(app: &TestApp<S>, who: &complaints_support::Person, id: &str) -> String {
    let r = app
        .get_as(&who.b, &format!("/klachten/{id}/aanbod.pdf"))
        .await;
    assert_eq!(r.status(), 200);
    pdf_text(&r.bytes().await.expect("body"))
}

/// Registered by Piet, handled by Fatima, judged `merit`.
async fn judged<S: Store>(app: &TestApp<S>, o: &Org, merit: &str) -> String {
    let id = register(app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    done(
        app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    done(
        app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld."),
        ],
    )
    .await;
    done(
        app,
        &o.colleague,
        &id,
        "oordeel",
        &[("oordeel", merit), ("onderbouwing", REASONING)],
    )
    .await;
    id
}

async fn reference_of<S: Store>(app: &TestApp<S>, id: &str) -> String {
    app.store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored")
        .0
        .reference
        .to_string()
}

async fn the_director_is_consulted_on_the_page_and_her_advice_reaches_the_handler<S: Store>(
    store: S,
) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = judged(&app, &o, "founded").await;
    let reference = reference_of(&app, &id).await;
    let mut seen = 0;
    deliver(&app, &smtp, &mut seen).await;

    // The handler sees the form, with the director to choose.
    let page = detail(&app, &o.colleague, &id).await;
    assert!(page.contains("Stap 3: advies vragen aan de directeur"));
    assert!(page.contains(&o.director.user.id.to_string()));
    // An empty question is refused at its field; nothing is asked.
    let r = act(
        &app,
        &o.colleague,
        &id,
        "overleg",
        &[
            ("directeur", &o.director.user.id.to_string()),
            ("vraag", " "),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.expect("body");
    assert!(
        body.contains("De vraag aan de directeur is verplicht."),
        "{body}"
    );

    let page = done(
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
    assert!(page.contains("Uw vraag is aan ellen gesteld"), "{page}");
    assert!(page.contains("Advies gevraagd aan ellen (vraag 1): Mogen wij € 150 aanbieden?"));

    // The director is mailed: the question, the complaint, the link.
    let mails = deliver(&app, &smtp, &mut seen).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let asked = &mails[0];
    assert_eq!(
        asked.subject,
        format!("Uw advies gevraagd over klacht {reference}")
    );
    assert!(asked.to.contains("ellen@focus.example"));
    for body in [&asked.text, &asked.html] {
        assert!(body.contains("Mogen wij € 150 aanbieden?"), "{body}");
        assert!(body.contains("fatima vraagt uw advies"), "{body}");
        assert!(body.contains(&format!("{PUBLIC_URL}/klachten/{id}#overleg")));
    }

    // Her open question, for her start page.
    let calendar = complaints_support::calendar();
    let open =
        klacht_app::consultation::open_for_director(&app.store, &calendar, o.director.user.id)
            .await
            .expect("query");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].reference.to_string(), reference);
    assert_eq!(open[0].question, "Mogen wij € 150 aanbieden?");
    assert_eq!(open[0].asked_by, Some(o.colleague.user.id));
    let none =
        klacht_app::consultation::open_for_director(&app.store, &calendar, o.quality.user.id)
            .await
            .expect("query");
    assert!(none.is_empty());

    // Only she answers; the handler has no such form.
    let page = detail(&app, &o.colleague, &id).await;
    assert!(!page.contains("Uw advies gevraagd (vraag"));
    let r = act(
        &app,
        &o.colleague,
        &id,
        "overleg/1/advies",
        &[("advies", "Ja")],
    )
    .await;
    assert_eq!(r.status(), 403);
    let page = detail(&app, &o.director, &id).await;
    assert!(page.contains("Uw advies gevraagd (vraag 1)"), "{page}");
    let page = done(
        &app,
        &o.director,
        &id,
        "overleg/1/advies",
        &[("advies", "Ja, en bied ook excuses aan.")],
    )
    .await;
    assert!(page.contains("Advies gegeven; de afhandelaar krijgt bericht."));
    assert!(!page.contains("Uw advies gevraagd (vraag"), "answered");

    // The handler is mailed the advice.
    let mails = deliver(&app, &smtp, &mut seen).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    let advised = &mails[0];
    assert_eq!(
        advised.subject,
        format!("Advies van de directeur over klacht {reference}")
    );
    assert!(advised.to.contains("fatima@focus.example"));
    assert!(advised.text.contains("Ja, en bied ook excuses aan."));
    assert!(advised.text.contains("ellen heeft advies gegeven"));
    assert!(
        klacht_app::consultation::open_for_director(&app.store, &calendar, o.director.user.id)
            .await
            .expect("query")
            .is_empty(),
        "answered: off her list"
    );

    // Page, printable form and PDF form show who advised what and when.
    let page = detail(&app, &o.colleague, &id).await;
    assert!(page.contains("Overleg met de directeur"));
    assert!(page.contains("Vraag aan ellen"));
    assert!(page.contains("Ja, en bied ook excuses aan."));
    assert!(page.contains("Advies van de directeur op vraag 1: Ja, en bied ook excuses aan."));
    let r = app
        .get_as(&o.colleague.b, &format!("/klachten/{id}/formulier"))
        .await;
    let form = r.text().await.expect("form");
    assert!(form.contains("Advies directeur (vraag 1)"), "{form}");
    assert!(form.contains("Advies ("), "{form}");
    let r = app
        .get_as(&o.colleague.b, &format!("/klachten/{id}/formulier.pdf"))
        .await;
    let form = pdf_text(&r.bytes().await.expect("pdf"));
    for expected in [
        "Advies directeur",
        "Mogen wij € 150 aanbieden?",
        "Ja, en bied ook excuses aan.",
        "ellen",
    ] {
        assert!(flat(&form).contains(expected), "{expected:?} in\n{form}");
    }

    // The offer made after it: the letter says she was consulted, never
    // what she advised or the internal reasoning.
    done(
        &app,
        &o.colleague,
        &id,
        "aanbod",
        &[
            ("soort", "compensation"),
            ("omschrijving", "Een tegoedbon van € 150."),
            ("waarde", "150"),
            ("datum", &today()),
            (
                "brieftekst",
                "Wij vinden uw klacht gegrond.\n\nOnze excuses dat de hulp niet kwam.",
            ),
        ],
    )
    .await;
    let text = letter(&app, &o.colleague, &id).await;
    assert!(
        flat(&text).contains("overlegd met onze directeur"),
        "{text}"
    );
    assert!(
        !flat(&text).contains("excuses aan."),
        "the advice stays internal:\n{text}"
    );
    assert!(!flat(&text).contains("Interne notitie"), "{text}");
}

async fn the_offer_letter_says_the_handlers_text_on_one_page<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = judged(&app, &o, "partly_founded").await;
    let reference = reference_of(&app, &id).await;
    let mut seen = 0;
    deliver(&app, &smtp, &mut seen).await;

    // The form proposes a draft from the merit, not the reasoning.
    let page = detail(&app, &o.colleague, &id).await;
    assert!(page.contains("name=\"brieftekst\""));
    assert!(page.contains("vinden haar deels gegrond"), "the draft");
    let own = "Wij geven u gelijk dat de hulp twee keer niet kwam.\n\nDat de planning is veranderd, hadden wij u eerder moeten laten weten.";
    done(
        &app,
        &o.colleague,
        &id,
        "aanbod",
        &[
            ("soort", "extra_service"),
            ("omschrijving", "Twee extra uren hulp."),
            ("datum", &today()),
            ("brieftekst", own),
        ],
    )
    .await;
    let page = detail(&app, &o.colleague, &id).await;
    assert!(page.contains("id=\"letter-text\""));

    let text = letter(&app, &o.colleague, &id).await;
    assert_eq!(pages(&text).len(), 1, "one page:\n{text}");
    for expected in [
        "Bevestiging van ons aanbod",
        "Wij geven u gelijk dat de hulp twee keer niet kwam.",
        "hadden wij u eerder moeten laten weten.",
        "Twee extra uren hulp.",
        "Wij horen graag of u het aanbod aanvaardt.",
        "Met vriendelijke groet",
        "fatima",
    ] {
        assert!(flat(&text).contains(expected), "{expected:?} in\n{text}");
    }
    assert!(
        !flat(&text).contains("Interne notitie"),
        "the reasoning is internal:\n{text}"
    );

    // The mail says the same text.
    let mails = deliver(&app, &smtp, &mut seen).await;
    let mail = mails
        .iter()
        .find(|m| m.subject == format!("Bevestiging van ons aanbod ({reference})"))
        .expect("the offer's confirmation");
    assert!(
        mail.text
            .contains("Wij geven u gelijk dat de hulp twee keer niet kwam.")
    );
    assert!(!mail.text.contains("Interne notitie"));

    // A long text breaks inside the body: the last page has the last
    // paragraph with the greeting, not the signature alone.
    let long: Vec<String> = (1..=9)
        .map(|n| {
            format!(
                "Alinea {n}. Wij hebben met de planning, de begeleiders en de teamleider \
                 besproken wat er is misgegaan en wat wij daarvan leren, zodat het u en andere \
                 cliënten niet opnieuw overkomt; daar komen wij bij u op terug."
            )
        })
        .collect();
    let offer_seq = app
        .store
        .load_stream(id.parse().expect("id"))
        .await
        .expect("load")
        .expect("stored")
        .1
        .iter()
        .find(|e| e.kind == "offer_made")
        .map(|e| e.seq)
        .expect("offer event");
    done(
        &app,
        &o.colleague,
        &id,
        "correctie",
        &[
            ("wat", "aanbod"),
            ("gebeurtenis", &offer_seq.to_string()),
            ("soort", "extra_service"),
            ("omschrijving", "Twee extra uren hulp."),
            ("datum", &today()),
            ("brieftekst", &long.join("\n\n")),
            ("reden", "Uitgebreidere uitleg voor de klager."),
        ],
    )
    .await;
    let text = letter(&app, &o.colleague, &id).await;
    let all = pages(&text);
    assert_eq!(all.len(), 2, "{text}");
    let last = all[1];
    assert!(flat(last).contains("Met vriendelijke groet"), "{last}");
    assert!(
        flat(last).contains("vermeld dan ons kenmerk"),
        "not the signature alone:\n{last}"
    );
}

async fn no_offer_is_confirmed_as_a_decision_in_letter_and_mail<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| s.with_mail(notifier(), Some(url))).await;
    let o = org(&app).await;
    let id = judged(&app, &o, "unfounded").await;
    let reference = reference_of(&app, &id).await;
    let mut seen = 0;
    deliver(&app, &smtp, &mut seen).await;

    let own = "Wij hebben uw klacht zorgvuldig bekeken en vinden haar ongegrond: de afspraak is verzet op uw eigen verzoek.";
    let page = done(
        &app,
        &o.colleague,
        &id,
        "aanbod",
        &[
            ("soort", "none"),
            ("omschrijving", "Geen aanbod; uitleg gegeven."),
            ("datum", &today()),
            ("brieftekst", own),
        ],
    )
    .await;
    assert!(page.contains("Bevestiging van het besluit (PDF)"), "{page}");

    let mails = deliver(&app, &smtp, &mut seen).await;
    let mail = mails
        .iter()
        .find(|m| m.subject == format!("Bevestiging van ons besluit ({reference})"))
        .unwrap_or_else(|| panic!("the decision's confirmation in {mails:?}"));
    assert!(mail.to.contains("j.devries@example.nl"));
    for body in [&mail.text, &mail.html] {
        assert!(
            body.contains("de afspraak is verzet op uw eigen verzoek"),
            "{body}"
        );
        assert!(body.contains("geen aanbod"), "{body}");
        assert!(!body.contains("aanvaardt"), "nothing to accept:\n{body}");
        assert!(!body.contains("Interne notitie"), "{body}");
    }
    assert!(
        !mails.iter().any(|m| m.subject.contains("ons aanbod")),
        "no offer confirmation"
    );

    let text = letter(&app, &o.colleague, &id).await;
    assert_eq!(pages(&text).len(), 1, "{text}");
    for expected in [
        "Bevestiging van ons besluit",
        "de afspraak is verzet op uw eigen verzoek",
        "wij doen u geen aanbod",
        "Bent u het niet eens met dit besluit",
        "Met vriendelijke groet",
    ] {
        assert!(flat(&text).contains(expected), "{expected:?} in\n{text}");
    }
    for absent in [
        "Ons aanbod",
        "aanvaardt",
        "Interne notitie",
        "Geen aanbod; uitleg",
    ] {
        assert!(!flat(&text).contains(absent), "{absent:?} in\n{text}");
    }
}

async fn the_api_asks_and_answers_and_offers_exactly_what_each_may_do<S: Store>(store: S) {
    use crate::api_support::{self, intake, register as api_register, token};
    use serde_json::json;

    let app = common::spawn_app(store).await;
    let o = api_support::org(&app).await;
    let piet = token(&app, &o.piet).await;
    let margriet = token(&app, &o.manager).await;
    let fatima = token(&app, &o.fatima).await;
    let ellen = token(&app, &o.director).await;
    let id = api_register(
        &app,
        &piet,
        &intake(&api_support::yesterday(), &[&o.joost], "Een klacht"),
    )
    .await;
    let c = format!("/complaints/{id}");
    let r = app
        .api_post(
            &margriet,
            &format!("{c}/handler"),
            &json!({"handler": "fatima@focus.example"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let allowed = |v: &serde_json::Value, action: &str| {
        v["allowed_actions"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x == action))
    };
    assert!(allowed(&r.body, "consult_director"), "the manager may ask");

    // A quality manager is no director; a blank question is no question.
    let r = app
        .api_post(
            &fatima,
            &format!("{c}/consultations"),
            &json!({"director": "sanne@focus.example", "question": "Mag dit?"}),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    let r = app
        .api_post(
            &fatima,
            &format!("{c}/consultations"),
            &json!({"director": "ellen@focus.example", "question": " "}),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.text);
    assert_eq!(r.fields(), ["question"]);

    let r = app
        .api_post(
            &fatima,
            &format!("{c}/consultations"),
            &json!({"director": "ellen@focus.example", "question": "Mag € 50?"}),
        )
        .await;
    let v = r.ok();
    assert_eq!(v["consultations"][0]["number"], 1);
    assert_eq!(v["consultations"][0]["question"], "Mag € 50?");
    assert_eq!(v["consultations"][0]["advice"], serde_json::Value::Null);
    assert_eq!(
        v["consultations"][0]["recorded"]["by"]["email"],
        "fatima@focus.example"
    );
    assert!(!allowed(v, "give_advice"), "not for the handler");
    let v = app.api_get(&ellen, &c).await;
    assert!(allowed(v.ok(), "give_advice"), "for the director asked");
    let events = v.ok()["events"].as_array().expect("events").clone();
    let asked = events.last().expect("an event");
    assert_eq!(asked["type"], "director_consulted");
    assert_eq!(asked["actor"]["email"], "fatima@focus.example");

    let r = app
        .api_post(
            &ellen,
            &format!("{c}/consultations/1/advice"),
            &json!({"advice": "Ja."}),
        )
        .await;
    let v = r.ok();
    assert_eq!(v["consultations"][0]["advice"]["advice"], "Ja.");
    assert_eq!(
        v["consultations"][0]["advice"]["recorded"]["by"]["email"],
        "ellen@focus.example"
    );
    assert!(!allowed(v, "give_advice"), "answered");
    let r = app
        .api_post(
            &ellen,
            &format!("{c}/consultations/2/advice"),
            &json!({"advice": "Ja."}),
        )
        .await;
    assert_eq!(r.status, 403, "nothing open for her: {}", r.text);
}

store_tests! {
    the_director_is_consulted_on_the_page_and_her_advice_reaches_the_handler,
    the_offer_letter_says_the_handlers_text_on_one_page,
    no_offer_is_confirmed_as_a_decision_in_letter_and_mail,
    the_api_asks_and_answers_and_offers_exactly_what_each_may_do,
}
