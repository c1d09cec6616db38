//! The mails of step 3: consulting the director, her advice, the
//! confirmation of an offer in the handler's words and of a decision to
//! make no offer.

use klacht_mail::decision_confirmation::DecisionConfirmation;
use klacht_mail::director_advice::DirectorAdvice;
use klacht_mail::director_question::DirectorQuestion;
use klacht_mail::offer_confirmation::OfferConfirmation;
use klacht_mail::{Address, Compose, MailContext};

fn ctx() -> MailContext {
    let mut ctx = MailContext::new("Focus", "https://klachten.focus.example/");
    ctx.from = Some(Address::new("Focus klachten", "klachten@focus.example"));
    ctx
}

fn director() -> Vec<Address> {
    vec![Address::new("Anna Bos", "directeur@focus.example")]
}

#[test]
fn the_director_is_asked_with_question_complaint_and_link() {
    let m = DirectorQuestion {
        reference: "K-2026-0042".into(),
        complaint_id: "0190f1d2-0000-7000-8000-000000000042".into(),
        director_name: "Anna Bos".into(),
        asked_by: "Margriet Jansen".into(),
        question: "Mogen wij <€ 150> aanbieden?".into(),
        complainant: "Mevrouw J. de Vries".into(),
        service: Some("Thuiszorg".into()),
        summary: "De hulp kwam twee keer niet.".into(),
        offer_due: "dinsdag 12 mei 2026".into(),
    }
    .compose(&ctx(), director())
    .expect("renders");
    crate::snapshot("director_question", &m);
    assert_eq!(m.subject, "Uw advies gevraagd over klacht K-2026-0042");
    let link =
        "https://klachten.focus.example/klachten/0190f1d2-0000-7000-8000-000000000042#overleg";
    assert!(m.text.contains(link) && m.html.contains(link));
    assert!(m.text.contains("Mogen wij <€ 150> aanbieden?"));
    assert!(!m.html.contains("<€ 150>"), "escaped in HTML");
    for body in [&m.text, &m.html] {
        for part in [
            "Margriet Jansen",
            "afhandelaar",
            "dinsdag 12 mei 2026",
            "Thuiszorg",
        ] {
            assert!(body.contains(part), "{part} in\n{body}");
        }
        assert!(!body.contains("behandelaar "), "the role is afhandelaar");
    }
}

#[test]
fn the_advice_reaches_whoever_asked() {
    let m = DirectorAdvice {
        reference: "K-2026-0042".into(),
        complaint_id: "0190f1d2-0000-7000-8000-000000000042".into(),
        recipient_name: "Margriet Jansen".into(),
        director_name: "Anna Bos".into(),
        question: "Mogen wij € 150 aanbieden?".into(),
        advice: "Ja, en bied excuses aan.".into(),
    }
    .compose(&ctx(), director())
    .expect("renders");
    crate::snapshot("director_advice", &m);
    assert_eq!(m.subject, "Advies van de directeur over klacht K-2026-0042");
    for body in [&m.text, &m.html] {
        for part in [
            "Beste Margriet Jansen",
            "Anna Bos heeft advies gegeven",
            "Mogen wij € 150 aanbieden?",
            "Ja, en bied excuses aan.",
            "/klachten/0190f1d2-0000-7000-8000-000000000042",
        ] {
            assert!(body.contains(part), "{part} in\n{body}");
        }
    }
}

#[test]
fn the_offer_confirmation_uses_the_handlers_text() {
    let m = OfferConfirmation {
        reference: "K-2026-0042".into(),
        name: "mevrouw De Vries".into(),
        merit: Some("gegrond".into()),
        letter: vec![
            "Wij vinden uw klacht gegrond.".into(),
            "Het spijt ons dat de hulp niet kwam.".into(),
        ],
        kind: "genoegdoening".into(),
        description: "Een tegoedbon.".into(),
        value: None,
        made_on: "woensdag 6 mei 2026".into(),
        respond_by: Some("vrijdag 15 mei 2026".into()),
        handler_name: None,
    }
    .compose(&ctx(), director())
    .expect("renders");
    for body in [&m.text, &m.html] {
        assert!(
            body.contains("Het spijt ons dat de hulp niet kwam."),
            "{body}"
        );
        assert!(!body.contains("Ons oordeel"), "the text replaces the line");
    }
}

#[test]
fn no_offer_is_confirmed_as_a_decision_without_anything_to_accept() {
    let m = DecisionConfirmation {
        reference: "K-2026-0042".into(),
        name: "mevrouw De Vries".into(),
        merit: Some("ongegrond".into()),
        letter: vec!["Wij hebben uw klacht zorgvuldig bekeken en vinden haar ongegrond.".into()],
        decided_on: "woensdag 6 mei 2026".into(),
        handler_name: Some("Margriet Jansen".into()),
    }
    .compose(&ctx(), director())
    .expect("renders");
    crate::snapshot("decision_confirmation", &m);
    assert_eq!(m.subject, "Bevestiging van ons besluit (K-2026-0042)");
    for body in [&m.text, &m.html] {
        for part in [
            "ons besluit over uw klacht",
            "woensdag 6 mei 2026",
            "vinden haar ongegrond",
            "geen aanbod",
            "Margriet Jansen",
            "klachtencommissie",
        ] {
            assert!(body.contains(part), "{part} in\n{body}");
        }
        for offer_talk in ["aanvaardt", "uiterlijk"] {
            assert!(!body.contains(offer_talk), "{offer_talk} in\n{body}");
        }
    }
    // Without a text the judgement is stated as such.
    let bare = DecisionConfirmation {
        reference: "K-2026-0042".into(),
        name: "mevrouw De Vries".into(),
        merit: Some("ongegrond".into()),
        letter: Vec::new(),
        decided_on: "woensdag 6 mei 2026".into(),
        handler_name: None,
    }
    .compose(&ctx(), director())
    .expect("renders");
    assert!(bare.text.contains("Ons oordeel: uw klacht is ongegrond."));
}
