//! Every mail renders in Dutch, as plain text and as HTML, with the links
//! and dates it promises; HTML escapes what the user typed.

use jiff::civil::date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::terms::Terms;
use klacht_mail::confirmation::Confirmation;
use klacht_mail::failure_notice::{FailedMessage, FailureNotice};
use klacht_mail::form_to_close::FormToClose;
use klacht_mail::handler::{ActionAssigned, HandlerAssigned, HandlerReleased};
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
    TermDates::new(
        ctx().t,
        &received,
        &Terms::compute(received.timestamp(), &cal),
    )
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
        "Nieuwe klacht K-2026-0042: afhandelaar toewijzen"
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
        letter: Vec::new(),
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

fn failed(subject: &str, attempts: u32) -> FailedMessage {
    FailedMessage {
        recipients: "Mevrouw J. de Vries <j.devries@example.nl>".into(),
        subject: subject.into(),
        reference: Some("K-2026-0042".into()),
        attempts,
        error: "Connection refused".into(),
    }
}

#[test]
fn the_failure_notice_points_to_the_outgoing_messages() {
    let m = FailureNotice {
        messages: vec![failed("Uw klacht is ontvangen (K-2026-0042)", 8)],
    }
    .compose(&ctx(), to())
    .expect("renders");
    crate::snapshot("failure_notice", &m);
    assert_eq!(
        m.subject,
        "Bericht niet verzonden: Uw klacht is ontvangen (K-2026-0042)"
    );
    assert!(m.text.contains("https://klachten.focus.example/berichten"));
    assert!(m.text.contains("na 8 pogingen") && m.text.contains("Connection refused"));
    assert!(m.text.contains("Alle mislukte opnieuw proberen"));
}

/// One notice per round lists every message that failed in it, with the
/// right plural.
#[test]
fn one_failure_notice_lists_every_failed_message() {
    let m = FailureNotice {
        messages: vec![
            failed("Uw klacht is ontvangen (K-2026-0042)", 1),
            failed("Nieuwe klacht K-2026-0042: afhandelaar toewijzen", 3),
        ],
    }
    .compose(&ctx(), to())
    .expect("renders");
    assert_eq!(m.subject, "2 berichten niet verzonden");
    for body in [&m.text, &m.html] {
        assert!(body.contains("2 berichten konden"));
        assert!(body.contains("Uw klacht is ontvangen (K-2026-0042)"));
        assert!(body.contains("Nieuwe klacht K-2026-0042: afhandelaar toewijzen"));
    }
    let one = FailureNotice {
        messages: vec![failed("Uw klacht is ontvangen (K-2026-0042)", 1)],
    };
    assert!(
        one.intro(&ctx()).contains("na 1 poging "),
        "{}",
        one.intro(&ctx())
    );
}

#[test]
fn the_new_afhandelaar_gets_the_complaint_its_terms_and_the_link() {
    let m = HandlerAssigned {
        reference: "K-2026-0042".into(),
        complaint_id: "0190-abc".into(),
        handler_name: "Ahmed El Amrani".into(),
        assigned_by: "Henk de Boer".into(),
        previous: Some("Lotte Bakker".into()),
        complainant: "Mevrouw J. de Vries".into(),
        service: Some("Thuiszorg".into()),
        summary: "De hulp kwam <drie> keer te laat.".into(),
        terms: terms(),
    }
    .compose(
        &ctx(),
        vec![Address::new("Ahmed El Amrani", "ahmed@focus.example")],
    )
    .expect("renders");
    crate::snapshot("handler_assigned", &m);
    assert_eq!(m.subject, "U bent afhandelaar van klacht K-2026-0042");
    for body in [&m.text, &m.html] {
        assert!(body.contains("Henk de Boer heeft u aangewezen als afhandelaar"));
        assert!(body.contains("U neemt de afhandeling over van Lotte Bakker"));
        assert!(body.contains("https://klachten.focus.example/klachten/0190-abc"));
        assert!(body.contains("woensdag 29 april 2026"), "contact term");
        assert!(body.contains("vrijdag 8 mei 2026"), "offer term");
        assert!(body.contains("vrijdag 15 mei 2026"), "record term");
        assert!(!body.contains("behandelaar"));
    }
    assert!(m.html.contains("&#60;drie&#62;") || m.html.contains("&lt;drie&gt;"));
}

#[test]
fn the_previous_afhandelaar_is_told_to_whom_it_moved() {
    let m = HandlerReleased {
        reference: "K-2026-0042".into(),
        complaint_id: "0190-abc".into(),
        previous_name: "Lotte Bakker".into(),
        handler_name: "Ahmed El Amrani".into(),
        assigned_by: "Henk de Boer".into(),
    }
    .compose(
        &ctx(),
        vec![Address::new("Lotte Bakker", "lotte@focus.example")],
    )
    .expect("renders");
    crate::snapshot("handler_released", &m);
    assert_eq!(
        m.subject,
        "Klacht K-2026-0042 is overgedragen aan Ahmed El Amrani"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("Beste Lotte Bakker"));
        assert!(body.contains("overgedragen aan"));
        assert!(body.contains("https://klachten.focus.example/klachten/0190-abc"));
    }
}

#[test]
fn the_quality_manager_is_told_a_form_waits_to_be_closed() {
    let m = FormToClose {
        reference: "K-2026-0042".into(),
        complaint_id: "0190-abc".into(),
        quality_manager_name: "Sanne Visser".into(),
        sent_by: "Ahmed El Amrani".into(),
        blockers: vec!["afgesproken actie 1 (Terugbellen)".into()],
    }
    .compose(
        &ctx(),
        vec![Address::new("Sanne Visser", "sanne@focus.example")],
    )
    .expect("renders");
    crate::snapshot("form_to_close", &m);
    assert_eq!(
        m.subject,
        "Klacht K-2026-0042: formulier wacht op afsluiten"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("Ahmed El Amrani heeft het klachtenformulier"));
        assert!(body.contains("https://klachten.focus.example/klachten/0190-abc"));
        assert!(body.contains("https://klachten.focus.example/overzicht?status=recorded"));
        assert!(body.contains("afgesproken actie 1 (Terugbellen)"));
    }
}

#[test]
fn the_owner_of_an_agreed_action_is_told_what_by_when_and_where() {
    let action = |due: Option<&str>| ActionAssigned {
        reference: "K-2026-0042".into(),
        complaint_id: "0190-abc".into(),
        owner_name: "Anouk Meijer".into(),
        agreed_by: "Fatima el Amrani".into(),
        number: 2,
        description: "Rooster van de <zaterdag> aanpassen".into(),
        due: due.map(str::to_owned),
    };
    let m = action(Some("vrijdag 8 mei 2026"))
        .compose(
            &ctx(),
            vec![Address::new("Anouk Meijer", "anouk@focus.example")],
        )
        .expect("renders");
    crate::snapshot("action_assigned", &m);
    assert_eq!(
        m.subject,
        "Actie 2 bij klacht K-2026-0042 is aan u toegewezen"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("Beste Anouk Meijer"));
        assert!(body.contains("Fatima el Amrani heeft met de klager"));
        assert!(body.contains("vrijdag 8 mei 2026"));
        assert!(body.contains("herinnering"));
        assert!(body.contains("https://klachten.focus.example/klachten/0190-abc"));
    }
    assert!(m.html.contains("&#60;zaterdag&#62;") || m.html.contains("&lt;zaterdag&gt;"));
    let undated = action(None)
        .compose(
            &ctx(),
            vec![Address::new("Anouk Meijer", "anouk@focus.example")],
        )
        .expect("renders");
    for body in [&undated.text, &undated.html] {
        assert!(!body.contains("Uiterlijk"), "{body}");
        assert!(
            !body.contains("herinnering"),
            "no reminders without a date: {body}"
        );
    }
}
