//! Every mail renders in Dutch, as plain text and as HTML, with the links
//! and dates it promises; HTML escapes what the user typed.

use jiff::civil::date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::terms::Terms;
use klacht_mail::confirmation::Confirmation;
use klacht_mail::failure_notice::FailureNotice;
use klacht_mail::manager_notice::{ManagerNotice, Origin};
use klacht_mail::offer_confirmation::OfferConfirmation;
use klacht_mail::satisfaction::SatisfactionCheck;
use klacht_mail::{Address, Compose, MailContext, TermDates};

fn ctx() -> MailContext {
    let mut ctx = MailContext::new("Focus", "https://klachten.focus.example/");
    ctx.from = Some(Address::new("Focus klachten", "klachten@focus.example"));
    ctx
}

fn terms() -> TermDates {
    // Received Friday 24 April 2026 (DESIGN §4's example).
    let received = date(2026, 4, 24)
        .at(16, 45, 0, 0)
        .in_tz("Europe/Amsterdam")
        .expect("zone");
    let cal = WorkingCalendar::netherlands_default();
    TermDates::new(&received, &Terms::compute(received.timestamp(), &cal))
}

fn to() -> Vec<Address> {
    vec![Address::new("Mevrouw J. de Vries", "j.devries@example.nl")]
}

#[test]
fn the_confirmation_names_number_code_link_and_terms() {
    let m = Confirmation {
        reference: "K-2026-0042".into(),
        name: "mevrouw De Vries".into(),
        tracking_code: Some("ABCD-EFGH".into()),
        terms: terms(),
    }
    .compose(&ctx(), to())
    .expect("renders");
    crate::snapshot("confirmation", &m);
    assert_eq!(m.subject, "Uw klacht is ontvangen (K-2026-0042)");
    assert_eq!(m.from, ctx().from);
    for body in [&m.text, &m.html] {
        assert!(body.contains("K-2026-0042"));
        assert!(body.contains("ABCD-EFGH"));
        assert!(body.contains("https://klachten.focus.example/status/ABCD-EFGH"));
        assert!(body.contains("vrijdag 24 april 2026 om 16:45"));
        assert!(body.contains("woensdag 29 april 2026"), "contact term");
        assert!(body.contains("vrijdag 8 mei 2026"), "offer term");
        assert!(body.contains("vrijdag 15 mei 2026"), "record term");
    }
    assert!(m.html.starts_with("<!DOCTYPE html>"));
    assert!(m.html.contains("<html lang=\"nl\">"));
    assert!(!m.text.contains('<'), "the text part has no markup");
    assert!(
        !m.text.contains("\n\n\n"),
        "no holes in the text:\n{}",
        m.text
    );

    let without = Confirmation {
        reference: "K-2026-0043".into(),
        name: "meneer Jansen".into(),
        tracking_code: None,
        terms: terms(),
    }
    .compose(&ctx(), to())
    .expect("renders");
    assert!(!without.text.contains("/status/"));
    assert!(!without.html.contains("/status/"));
    assert!(!without.text.contains("\n\n\n"), "{}", without.text);
}

#[test]
fn the_manager_notice_links_to_the_complaint_and_escapes_input() {
    let m = ManagerNotice {
        reference: "K-2026-0042".into(),
        complaint_id: "0196a3b2-0000-7000-8000-000000000001".into(),
        manager_name: "Margriet Jansen".into(),
        origin: Origin::Staff("Piet de Vries".into()),
        channel: "telefoon".into(),
        complainant: "Mevrouw J. de Vries".into(),
        service: Some("Thuiszorg".into()),
        summary: "De hulp kwam <b>te laat</b> & ging te vroeg weg.".into(),
        terms: terms(),
    }
    .compose(&ctx(), to())
    .expect("renders");
    crate::snapshot("manager_notice", &m);
    assert_eq!(
        m.subject,
        "Nieuwe klacht K-2026-0042: behandelaar toewijzen"
    );
    let link = "https://klachten.focus.example/klachten/0196a3b2-0000-7000-8000-000000000001";
    assert!(m.text.contains(link) && m.html.contains(link));
    assert!(
        m.text.contains("De hulp kwam <b>te laat</b> & ging"),
        "text is not escaped"
    );
    assert!(m.html.contains("&#60;b&#62;te laat") || m.html.contains("&lt;b&gt;te laat"));
    assert!(!m.html.contains("<b>te laat"));
    assert!(m.text.contains("Dienst:      Thuiszorg"));
    assert!(m.text.contains("uiterlijk woensdag 29 april 2026"));
    assert!(
        m.text
            .contains("Piet de Vries heeft een klacht geregistreerd")
    );
}

#[test]
fn the_offer_confirmation_states_kind_description_value_and_date() {
    let m = OfferConfirmation {
        reference: "K-2026-0042".into(),
        name: "mevrouw De Vries".into(),
        merit: Some("gegrond".into()),
        kind: "genoegdoening".into(),
        description: "Een tegoedbon voor twee uur extra hulp.".into(),
        value: Some("€ 50,00".into()),
        made_on: "woensdag 6 mei 2026".into(),
        respond_by: Some("vrijdag 15 mei 2026".into()),
        handler_name: Some("Margriet Jansen".into()),
    }
    .compose(&ctx(), to())
    .expect("renders");
    crate::snapshot("offer_confirmation", &m);
    assert_eq!(m.subject, "Bevestiging van ons aanbod (K-2026-0042)");
    for body in [&m.text, &m.html] {
        for part in [
            "genoegdoening",
            "Een tegoedbon voor twee uur extra hulp.",
            "€ 50,00",
            "woensdag 6 mei 2026",
            "vrijdag 15 mei 2026",
            "gegrond",
            "Margriet Jansen",
        ] {
            assert!(body.contains(part), "{part} in\n{body}");
        }
    }
}

#[test]
fn the_satisfaction_check_links_to_the_form() {
    let m = SatisfactionCheck {
        reference: "K-2026-0042".into(),
        name: "mevrouw De Vries".into(),
        tracking_code: Some("ABCD-EFGH".into()),
    }
    .compose(&ctx(), to())
    .expect("renders");
    crate::snapshot("satisfaction_check", &m);
    let link = "https://klachten.focus.example/status/ABCD-EFGH/tevredenheid";
    assert!(m.text.contains(link) && m.html.contains(link));
    let without = SatisfactionCheck {
        tracking_code: None,
        reference: "K-2026-0042".into(),
        name: "mevrouw De Vries".into(),
    }
    .compose(&ctx(), to())
    .expect("renders");
    assert!(without.text.contains("beantwoorden") && !without.text.contains("/status/"));
}

#[test]
fn the_failure_notice_points_to_the_outgoing_messages() {
    let m = FailureNotice {
        recipients: "Mevrouw J. de Vries <j.devries@example.nl>".into(),
        subject: "Uw klacht is ontvangen (K-2026-0042)".into(),
        reference: Some("K-2026-0042".into()),
        attempts: 8,
        error: "Connection refused".into(),
    }
    .compose(&ctx(), to())
    .expect("renders");
    crate::snapshot("failure_notice", &m);
    assert_eq!(
        m.subject,
        "Bericht niet verzonden: Uw klacht is ontvangen (K-2026-0042)"
    );
    assert!(m.text.contains("https://klachten.focus.example/berichten"));
    assert!(m.text.contains("8 pogingen") && m.text.contains("Connection refused"));
    // Issue 12: "na 1 poging", not "na 1 pogingen".
    let once = FailureNotice {
        recipients: "Mevrouw J. de Vries <j.devries@example.nl>".into(),
        subject: "Uw klacht is ontvangen (K-2026-0042)".into(),
        reference: None,
        attempts: 1,
        error: "550 mailbox unavailable".into(),
    }
    .compose(&ctx(), to())
    .expect("renders");
    for body in [&once.text, &once.html] {
        assert!(body.contains("na 1 poging niet"), "{body}");
        assert!(!body.contains("1 pogingen"), "{body}");
    }
}
