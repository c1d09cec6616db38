//! The deadline engine's mails (issue 4): reminder, missed-term warning and
//! daily digest render in Dutch, as text and HTML, with the link to the
//! complaint, and HTML escapes names.

use klacht_domain::terms::Step;
use klacht_mail::digest::{Digest, DigestLine};
use klacht_mail::missed_term::MissedTerm;
use klacht_mail::reminder::Reminder;
use klacht_mail::{Address, Compose, MailContext};

fn ctx() -> MailContext {
    MailContext::new("Focus", "https://klachten.focus.example/")
}

fn to() -> Vec<Address> {
    vec![Address::new("Fatima el Amrani", "fatima@focus.example")]
}

const ID: &str = "0196a3b2-0000-7000-8000-000000000001";

fn reminder(when: &str, step: Step) -> Reminder {
    Reminder {
        reference: "K-2026-0042".into(),
        complaint_id: ID.into(),
        recipient_name: "Fatima el Amrani".into(),
        step,
        due: "woensdag 29 april 2026".into(),
        when: when.into(),
        no_handler: false,
        on_behalf_of: None,
    }
}

fn clean_text(text: &str) {
    assert!(!text.contains('<'), "no markup in the text part:\n{text}");
    assert!(!text.contains("\n\n\n"), "no holes in the text:\n{text}");
}

#[test]
fn a_reminder_says_which_term_ends_when_and_links_the_complaint() {
    let m = reminder("morgen", Step::Contact)
        .compose(&ctx(), to())
        .expect("renders");
    crate::snapshot("reminder", &m);
    assert_eq!(
        m.subject,
        "Herinnering: termijn contact K-2026-0042 verloopt morgen"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("Beste Fatima el Amrani"));
        assert!(body.contains("contact met klager"));
        assert!(body.contains("verloopt morgen"));
        assert!(body.contains("woensdag 29 april 2026"));
        assert!(body.contains(&format!("https://klachten.focus.example/klachten/{ID}")));
        assert!(body.contains("Neem telefonisch of persoonlijk contact op"));
        assert!(!body.contains("nog geen behandelaar toegewezen"));
    }
    clean_text(&m.text);
    assert!(m.html.starts_with("<!DOCTYPE html>"));

    let m = reminder("vandaag", Step::Record)
        .compose(&ctx(), to())
        .expect("renders");
    assert_eq!(
        m.subject,
        "Herinnering: termijn vastleggen K-2026-0042 verloopt vandaag"
    );
    assert!(m.text.contains("klachtenformulier"));

    let mut manager = reminder("vrijdag 15 mei", Step::Offer);
    manager.no_handler = true;
    let m = manager.compose(&ctx(), to()).expect("renders");
    assert_eq!(
        m.subject,
        "Herinnering: termijn aanbod K-2026-0042 verloopt vrijdag 15 mei"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("Er is nog geen behandelaar toegewezen"));
    }
    clean_text(&m.text);
}

#[test]
fn a_missed_term_names_the_responsible_person_and_the_delay() {
    let mut w = MissedTerm {
        reference: "K-2026-0042".into(),
        complaint_id: ID.into(),
        recipient_name: "Sanne Visser".into(),
        step: Step::Offer,
        due: "vrijdag 8 mei 2026".into(),
        days_late: 1,
        responsible: Some("Tom <b>Bakker</b>".into()),
    };
    let m = w.compose(&ctx(), to()).expect("renders");
    crate::snapshot("missed_term", &m);
    assert_eq!(
        m.subject,
        "Termijn verstreken: aanbod K-2026-0042 (uiterlijk vrijdag 8 mei 2026)"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("Beste Sanne Visser"));
        assert!(body.contains("1 werkdag"));
        assert!(body.contains(&format!("/klachten/{ID}")));
    }
    assert!(m.text.contains("Tom <b>Bakker</b>"), "text is not escaped");
    assert!(m.html.contains("Tom &#60;b&#62;Bakker") || m.html.contains("Tom &lt;b&gt;Bakker"));
    assert!(!m.html.contains("<b>Bakker"));
    w.responsible = None;
    w.days_late = 3;
    let m = w.compose(&ctx(), to()).expect("renders");
    for body in [&m.text, &m.html] {
        assert!(body.contains("3 werkdagen"));
        assert!(body.contains("nog niemand"));
    }
}

#[test]
fn a_digest_lists_the_terms_overdue_first() {
    let line = |reference: &str, step: &str, due: &str, status: &str, overdue: bool| DigestLine {
        reference: reference.into(),
        complaint_id: ID.into(),
        step_label: step.into(),
        due: due.into(),
        status: status.into(),
        overdue,
        handler: (!overdue).then(|| "Piet de Vries".to_string()),
    };
    let d = Digest {
        recipient_name: "Margriet Jansen".into(),
        date: "donderdag 30 april 2026".into(),
        lines: vec![
            line(
                "K-2026-0040",
                "contact met klager",
                "dinsdag 28 april 2026",
                "te laat",
                true,
            ),
            line(
                "K-2026-0042",
                "aanbod",
                "vrijdag 8 mei 2026",
                "op tijd",
                false,
            ),
        ],
        on_behalf_of: None,
    };
    let m = d.compose(&ctx(), to()).expect("renders");
    crate::snapshot("digest", &m);
    assert_eq!(
        m.subject,
        "Openstaande termijnen donderdag 30 april 2026: 2 klachten, 1 te laat"
    );
    for body in [&m.text, &m.html] {
        let first = body.find("K-2026-0040").expect("overdue line");
        let second = body.find("K-2026-0042").expect("on-time line");
        assert!(first < second, "overdue first");
        assert!(body.contains("nog niet toegewezen"));
        assert!(body.contains("Piet de Vries"));
        assert!(body.contains("https://klachten.focus.example/klachten"));
    }
    clean_text(&m.text);
    let single = Digest {
        lines: vec![line(
            "K-2026-0042",
            "aanbod",
            "vrijdag 8 mei 2026",
            "op tijd",
            false,
        )],
        ..d
    };
    assert_eq!(
        single.compose(&ctx(), to()).expect("renders").subject,
        "Openstaande termijnen donderdag 30 april 2026: 1 klacht"
    );
}

#[test]
fn a_stand_in_is_told_for_whom_the_message_is() {
    let note = "Piet de Vries is afwezig tot en met maandag 14 december; u ontvangt deze herinnering in diens plaats.";
    let r = Reminder {
        on_behalf_of: Some(note.into()),
        ..reminder("morgen", Step::Contact)
    };
    let m = r.compose(&ctx(), to()).expect("renders");
    for body in [&m.text, &m.html] {
        assert!(body.contains(note), "{body}");
    }
    let plain = reminder("morgen", Step::Contact)
        .compose(&ctx(), to())
        .expect("renders");
    assert!(!plain.text.contains("in diens plaats"));
}

#[test]
fn a_handover_alert_lists_complaints_and_actions_with_links() {
    use klacht_mail::handover::{HandoverAction, HandoverAlert, HandoverComplaint};
    let alert = HandoverAlert {
        recipient_name: "Margriet Jansen".into(),
        person_name: "Piet <de> Vries".into(),
        why: "is afwezig tot en met maandag 14 december".into(),
        why_short: "afwezig t/m 14 december".into(),
        complaints: vec![
            HandoverComplaint {
                reference: "K-2026-0042".into(),
                complaint_id: ID.into(),
                next_term: "contact met klager, uiterlijk woensdag 9 december 2026".into(),
            },
            HandoverComplaint {
                reference: "K-2026-0043".into(),
                complaint_id: ID.into(),
                next_term: String::new(),
            },
        ],
        actions: vec![HandoverAction {
            reference: "K-2026-0042".into(),
            complaint_id: ID.into(),
            description: "Nieuwe planning sturen".into(),
            due: String::new(),
        }],
    };
    let m = alert.compose(&ctx(), to()).expect("renders");
    assert_eq!(
        m.subject,
        "Over te dragen: 2 klachten en 1 afgesproken actie van Piet <de> Vries (afwezig t/m 14 december)"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("K-2026-0043"));
        assert!(body.contains("Nieuwe planning sturen"));
        assert!(body.contains(&format!("https://klachten.focus.example/klachten/{ID}")));
        assert!(body.contains("https://klachten.focus.example/afwezigheid/overdragen"));
        assert!(body.contains("afhandelaar"), "the pages' word");
        assert!(!body.contains("behandelaar"));
    }
    assert!(
        m.html.contains("Piet &#60;de&#62; Vries") || m.html.contains("Piet &lt;de&gt; Vries"),
        "escaped"
    );
    assert!(!m.html.contains("<de>"));
    let only_actions = HandoverAlert {
        person_name: "Piet de Vries".into(),
        complaints: Vec::new(),
        ..alert
    };
    assert_eq!(only_actions.summary(), "1 afgesproken actie");
    clean_text(&only_actions.compose(&ctx(), to()).expect("renders").text);
}
