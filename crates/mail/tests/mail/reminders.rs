//! The deadline engine's mails (issue 4): reminder, missed-term warning and
//! daily digest render in Dutch, as text and HTML, with the link to the
//! complaint, and HTML escapes names; and (issue 12) the agreed actions'
//! reminders and overdue notices, the digest's actions and the director's
//! weekly summary.

use klacht_domain::reminders::actions::ActionRole;
use klacht_domain::terms::Step;
use klacht_mail::action_reminder::{ActionMail, ActionReminder};
use klacht_mail::digest::{Digest, DigestActionLine, DigestLine};
use klacht_mail::missed_term::MissedTerm;
use klacht_mail::reminder::Reminder;
use klacht_mail::weekly_overdue::{OverdueLine, WeeklyOverdue};
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
        assert!(!body.contains("nog geen afhandelaar toegewezen"));
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
        assert!(body.contains("Er is nog geen afhandelaar toegewezen"));
        // Issue 12: "als verantwoordelijke leidinggevende".
        assert!(
            body.contains("als verantwoordelijke leidinggevende"),
            "{body}"
        );
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
        actions: vec![],
    };
    let m = d.compose(&ctx(), to()).expect("renders");
    crate::snapshot("digest", &m);
    assert!(!m.text.contains("Afgesproken acties"));
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

/// Years of overdue work at a large organisation made digests and weekly
/// summaries of tens of thousands of lines (megabytes per mail): a list
/// shows the most urgent LIST_MAX lines and counts the rest, while the
/// subject and the introduction still count them all.
#[test]
fn long_lists_show_the_first_lines_and_count_the_rest() {
    let n = klacht_mail::LIST_MAX + 70;
    let reference = |i: usize| format!("K-2026-{:04}", i + 1);
    let d = Digest {
        recipient_name: "Margriet Jansen".into(),
        date: "donderdag 30 april 2026".into(),
        lines: (0..n)
            .map(|i| DigestLine {
                reference: reference(i),
                complaint_id: ID.into(),
                step_label: "aanbod".into(),
                due: "dinsdag 28 april 2026".into(),
                status: "te laat".into(),
                overdue: true,
                handler: None,
            })
            .collect(),
        on_behalf_of: None,
        actions: (0..n + 1)
            .map(|i| DigestActionLine {
                reference: reference(i),
                complaint_id: ID.into(),
                number: 1,
                description: format!("Actie bij {}", reference(i)),
                due: "dinsdag 28 april 2026".into(),
                status: "te laat".into(),
                overdue: true,
                actor: None,
            })
            .collect(),
    };
    let m = d.compose(&ctx(), to()).expect("renders");
    assert!(
        m.subject.contains(&format!("{n} klachten, {n} te laat")),
        "{}",
        m.subject
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains(&reference(klacht_mail::LIST_MAX - 1)));
        assert!(!body.contains(&reference(klacht_mail::LIST_MAX)));
        assert!(!body.contains(&format!("Actie bij {}", reference(klacht_mail::LIST_MAX))));
        assert!(body.contains("En nog 70 regels; de volledige lijst staat in klacht."));
        assert!(body.contains("En nog 71 regels; de volledige lijst staat in klacht."));
        assert!(body.contains("https://klachten.focus.example/klachten"));
    }
    clean_text(&m.text);

    let w = WeeklyOverdue {
        recipient_name: "Dirk de Directeur".into(),
        date: "maandag 18 mei 2026".into(),
        week: 21,
        lines: (0..klacht_mail::LIST_MAX + 1)
            .map(|i| OverdueLine {
                reference: reference(i),
                complaint_id: ID.into(),
                step_label: "aanbod".into(),
                due: "vrijdag 8 mei 2026".into(),
                days_late: 5,
                responsible: None,
            })
            .collect(),
        complaints: klacht_mail::LIST_MAX + 1,
    };
    let m = w.compose(&ctx(), to()).expect("renders");
    assert!(
        m.subject.contains("51 termijnen te laat bij 51 klachten"),
        "{}",
        m.subject
    );
    for body in [&m.text, &m.html] {
        assert!(!body.contains(&reference(klacht_mail::LIST_MAX)));
        assert!(body.contains("En nog 1 regel; de volledige lijst staat in klacht."));
        assert!(body.contains("https://klachten.focus.example/overzicht"));
    }
    // A list within the bound says nothing more.
    let short = w.lines[..3].to_vec();
    let m = WeeklyOverdue {
        lines: short,
        complaints: 3,
        ..w
    }
    .compose(&ctx(), to())
    .expect("renders");
    assert!(!m.text.contains("En nog"));
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
    assert_eq!(only_actions.summary(&ctx()), "1 afgesproken actie");
    clean_text(&only_actions.compose(&ctx(), to()).expect("renders").text);
}

fn action_mail(role: ActionRole, mail: ActionMail) -> ActionReminder {
    ActionReminder {
        reference: "K-2026-0042".into(),
        complaint_id: ID.into(),
        recipient_name: "Piet de Vries".into(),
        role,
        number: 2,
        description: "Nieuwe planning doorgeven aan klager & dochter".into(),
        due: "maandag 11 mei 2026".into(),
        mail,
        actor: None,
        on_behalf_of: None,
    }
}

#[test]
fn a_stand_in_for_an_absent_owner_is_not_told_they_own_the_action() {
    let note = "Piet de Vries is afwezig tot en met maandag 14 december; u ontvangt deze herinnering in diens plaats.";
    let mut a = action_mail(
        ActionRole::Owner,
        ActionMail::Reminder {
            when: "morgen".into(),
        },
    );
    a.recipient_name = "Margriet Jansen".into();
    a.actor = Some("Piet de Vries (eigenaar, afwezig t/m 14 december)".into());
    a.on_behalf_of = Some(note.into());
    let m = a.compose(&ctx(), to()).expect("renders");
    for body in [&m.text, &m.html] {
        assert!(body.contains(note), "{body}");
        assert!(body.contains("in plaats van de eigenaar van deze actie"));
        assert!(body.contains("Uitvoering: Piet de Vries (eigenaar, afwezig t/m 14 december)"));
        assert!(!body.contains("U bent eigenaar"), "{body}");
    }
    clean_text(&m.text);
}

#[test]
fn an_action_reminder_names_the_action_its_date_and_why_the_reader_gets_it() {
    let m = action_mail(
        ActionRole::Owner,
        ActionMail::Reminder {
            when: "morgen".into(),
        },
    )
    .compose(&ctx(), to())
    .expect("renders");
    crate::snapshot("action_reminder", &m);
    assert_eq!(
        m.subject,
        "Herinnering: actie 2 bij K-2026-0042 moet morgen af zijn"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("Beste Piet de Vries"));
        assert!(body.contains("moet morgen af zijn: uiterlijk maandag 11 mei 2026"));
        assert!(body.contains("U bent eigenaar van deze actie"));
        assert!(body.contains(&format!("https://klachten.focus.example/klachten/{ID}")));
        assert!(
            !body.contains("behandelaar"),
            "afhandelaar, as on the pages"
        );
    }
    assert!(m.text.contains("aan klager & dochter"));
    assert!(!m.html.contains("klager & dochter"), "escaped in HTML");
    clean_text(&m.text);

    let m = action_mail(
        ActionRole::HandlerForWantOfOwner,
        ActionMail::Reminder {
            when: "vandaag".into(),
        },
    )
    .compose(&ctx(), to())
    .expect("renders");
    assert_eq!(
        m.subject,
        "Herinnering: actie 2 bij K-2026-0042 moet vandaag af zijn"
    );
    assert!(
        m.text
            .contains("De actie heeft geen eigenaar; als afhandelaar")
    );
    let m = action_mail(
        ActionRole::ManagerForWantOfOwner,
        ActionMail::Reminder {
            when: "vandaag".into(),
        },
    )
    .compose(&ctx(), to())
    .expect("renders");
    assert!(
        m.text
            .contains("nog geen afhandelaar; als verantwoordelijke leidinggevende")
    );
}

#[test]
fn an_overdue_action_tells_the_manager_who_should_carry_it_out() {
    let mut a = action_mail(
        ActionRole::ResponsibleManager,
        ActionMail::Overdue { days_late: 1 },
    );
    a.recipient_name = "Margriet Jansen".into();
    a.actor = Some("Piet de Vries (eigenaar)".into());
    let m = a.compose(&ctx(), to()).expect("renders");
    crate::snapshot("action_overdue", &m);
    assert_eq!(
        m.subject,
        "Actie te laat: actie 2 bij K-2026-0042 (uiterlijk maandag 11 mei 2026)"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("is nog niet afgerond: 1 werkdag te laat"));
        assert!(body.contains("als verantwoordelijke leidinggevende"));
        assert!(body.contains("Uitvoering: Piet de Vries (eigenaar)"));
    }
    clean_text(&m.text);
    a.mail = ActionMail::Overdue { days_late: 3 };
    a.actor = None;
    let m = a.compose(&ctx(), to()).expect("renders");
    assert!(m.text.contains("3 werkdagen te laat"));
    assert!(m.text.contains("Uitvoering: nog niemand"));
}

#[test]
fn a_digest_lists_the_agreed_actions_after_the_terms() {
    let action = |number: u32, status: &str, overdue: bool| DigestActionLine {
        reference: "K-2026-0042".into(),
        complaint_id: ID.into(),
        number,
        description: format!("Actie nummer {number}"),
        due: "maandag 11 mei 2026".into(),
        status: status.into(),
        overdue,
        actor: (number == 1).then(|| "Piet de Vries (eigenaar)".to_string()),
    };
    let d = Digest {
        recipient_name: "Margriet Jansen".into(),
        date: "dinsdag 12 mei 2026".into(),
        lines: vec![DigestLine {
            reference: "K-2026-0040".into(),
            complaint_id: ID.into(),
            step_label: "aanbod".into(),
            due: "vrijdag 15 mei 2026".into(),
            status: "op tijd".into(),
            overdue: false,
            handler: None,
        }],
        on_behalf_of: None,
        actions: vec![action(1, "te laat", true), action(2, "op tijd", false)],
    };
    let m = d.compose(&ctx(), to()).expect("renders");
    crate::snapshot("digest_with_actions", &m);
    assert_eq!(
        m.subject,
        "Openstaande termijnen dinsdag 12 mei 2026: 1 klacht; 2 acties, 1 te laat"
    );
    for body in [&m.text, &m.html] {
        let term = body.find("K-2026-0040").expect("the term");
        let first = body.find("Actie nummer 1").expect("action 1");
        let second = body.find("Actie nummer 2").expect("action 2");
        assert!(term < first && first < second);
        assert!(body.contains("Piet de Vries (eigenaar)"));
        assert!(body.contains("nog niemand"));
    }
    clean_text(&m.text);
    // Only actions, no open term.
    let only = Digest {
        lines: vec![],
        actions: vec![action(2, "op tijd", false)],
        ..d
    };
    let m = only.compose(&ctx(), to()).expect("renders");
    assert_eq!(m.subject, "Openstaande acties dinsdag 12 mei 2026: 1 actie");
    assert!(m.text.contains("geen openstaande termijnen"));
    clean_text(&m.text);
}

#[test]
fn the_weekly_summary_lists_every_overdue_term_with_who_is_responsible() {
    let line = |reference: &str, days_late: i32, responsible: Option<&str>| OverdueLine {
        reference: reference.into(),
        complaint_id: ID.into(),
        step_label: "aanbod".into(),
        due: "vrijdag 8 mei 2026".into(),
        days_late,
        responsible: responsible.map(str::to_owned),
    };
    let w = WeeklyOverdue {
        recipient_name: "Dirk de Directeur".into(),
        date: "maandag 18 mei 2026".into(),
        week: 21,
        lines: vec![
            line("K-2026-0040", 5, Some("Fatima el Amrani")),
            line("K-2026-0042", 1, None),
        ],
        complaints: 2,
    };
    let m = w.compose(&ctx(), to()).expect("renders");
    crate::snapshot("weekly_overdue", &m);
    assert_eq!(
        m.subject,
        "Weekoverzicht week 21: 2 termijnen te laat bij 2 klachten"
    );
    for body in [&m.text, &m.html] {
        assert!(body.contains("eindverantwoordelijke"));
        assert!(body.contains("5 werkdagen te laat"));
        assert!(body.contains("1 werkdag te laat"));
        assert!(body.contains("Fatima el Amrani"));
        assert!(body.contains("nog niemand"));
        assert!(body.contains("https://klachten.focus.example/overzicht"));
    }
    assert!(
        m.text
            .contains("zijn 2 termijnen van 2 klachten verstreken")
    );
    clean_text(&m.text);
    let one = WeeklyOverdue {
        lines: vec![line("K-2026-0042", 1, None)],
        complaints: 1,
        ..w
    };
    let m = one.compose(&ctx(), to()).expect("renders");
    assert_eq!(
        m.subject,
        "Weekoverzicht week 21: 1 termijn te laat bij 1 klacht"
    );
    assert!(m.text.contains("is 1 termijn van 1 klacht verstreken"));
}
