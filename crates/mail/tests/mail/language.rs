//! Mail to the complainant speaks her language: rendered in English, no
//! Dutch word is left in the subject, the text or the HTML part, and the
//! dates read as English writes them; rendered in Dutch, no English word
//! crept in. Every branch of the templates is rendered (with and without
//! a tracking code, a letter, a handler, a value, a date to answer by).

use jiff::civil::date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Merit, OfferKind, ReopeningKind};
use klacht_domain::terms::Terms;
use klacht_domain::{Language, RefusalCode};
use klacht_i18n::foreign_words;
use klacht_mail::confirmation::Confirmation;
use klacht_mail::decision_confirmation::DecisionConfirmation;
use klacht_mail::offer_confirmation::OfferConfirmation;
use klacht_mail::reopened::ReopenedToComplainant;
use klacht_mail::satisfaction::SatisfactionCheck;
use klacht_mail::{Address, Compose, MailContext, MailMessage, TermDates};

/// The installation of an English-speaking test: its URL carries no Dutch
/// word either, so that what is found comes from the mail.
fn ctx(language: Language) -> MailContext {
    let (organisation, url) = match language {
        Language::En => ("Focus Care", "https://complaints.focuscare.example/"),
        Language::Nl => ("Focus Zorg", "https://klachten.focus.example/"),
    };
    let mut ctx = MailContext::new(organisation, url).in_language(language);
    ctx.from = Some(Address::new(organisation, "complaints@focuscare.example"));
    ctx
}

fn terms(ctx: &MailContext) -> TermDates {
    let received = date(2026, 4, 24)
        .at(16, 45, 0, 0)
        .in_tz("Europe/Amsterdam")
        .expect("zone");
    let cal = WorkingCalendar::netherlands_default();
    TermDates::new(
        ctx.t,
        &received,
        &Terms::compute(received.timestamp(), &cal),
    )
}

/// The complainant's name and the handler's, as a user of that language
/// would type them.
fn people(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::En => ("Mrs Sarah Thompson", "James Wilson"),
        Language::Nl => ("mevrouw De Vries", "Margriet Jansen"),
    }
}

/// A handler's own paragraph for the complainant, in that language.
fn letter(language: Language) -> Vec<String> {
    vec![
        match language {
            Language::En => "We looked into what happened and apologise for the late visits.",
            Language::Nl => "Wij hebben uitgezocht wat er gebeurde en bieden excuses aan.",
        }
        .to_owned(),
    ]
}

/// Every complainant mail in every variant its templates know.
fn every_complainant_mail(language: Language) -> Vec<(String, MailMessage)> {
    let ctx = ctx(language);
    let (name, handler) = people(language);
    let to = vec![Address::new(name, "s.thompson@example.com")];
    let compose = |what: &str, m: &dyn Compose| {
        (
            what.to_owned(),
            m.compose(&ctx, to.clone()).expect("renders"),
        )
    };
    let description = match language {
        Language::En => "A voucher for two extra hours of home help.",
        Language::Nl => "Een tegoedbon voor twee uur extra hulp.",
    };
    let made_on = ctx.t.long_date(date(2026, 5, 6));
    let mut out = Vec::new();
    for code in [Some("ABCD-EFGH".to_owned()), None] {
        out.push(compose(
            "confirmation",
            &Confirmation {
                reference: "K-2026-0042".into(),
                name: name.into(),
                tracking_code: code.clone(),
                terms: terms(&ctx),
            },
        ));
        out.push(compose(
            "satisfaction",
            &SatisfactionCheck {
                reference: "K-2026-0042".into(),
                name: name.into(),
                tracking_code: code.clone(),
            },
        ));
        for kind in ReopeningKind::ALL {
            out.push(compose(
                "reopened",
                &ReopenedToComplainant {
                    reference: "K-2026-0042".into(),
                    name: name.into(),
                    kind: ctx.reopening_kind(*kind),
                    tracking_code: code.clone(),
                    terms: terms(&ctx),
                },
            ));
        }
    }
    for merit in Merit::ALL {
        for (own_words, handler) in [(Vec::new(), None), (letter(language), Some(handler))] {
            let handler_name = handler.map(str::to_owned);
            out.push(compose(
                "decision_confirmation",
                &DecisionConfirmation {
                    reference: "K-2026-0042".into(),
                    name: name.into(),
                    merit: Some(ctx.merit(*merit)),
                    letter: own_words.clone(),
                    decided_on: made_on.clone(),
                    handler_name: handler_name.clone(),
                },
            ));
            for kind in OfferKind::ALL.iter().filter(|k| **k != OfferKind::None) {
                for (value, respond_by) in [
                    (
                        Some(ctx.t.euro(5000)),
                        Some(ctx.t.long_date(date(2026, 5, 13))),
                    ),
                    (None, None),
                ] {
                    out.push(compose(
                        "offer_confirmation",
                        &OfferConfirmation {
                            reference: "K-2026-0042".into(),
                            name: name.into(),
                            merit: Some(ctx.merit(*merit)),
                            letter: own_words.clone(),
                            kind: ctx.offer_kind(*kind),
                            description: description.into(),
                            value,
                            made_on: made_on.clone(),
                            respond_by,
                            handler_name: handler_name.clone(),
                        },
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn complainant_mail_in_english_has_no_dutch_left() {
    let mails = every_complainant_mail(Language::En);
    assert!(mails.len() > 20, "every variant: {}", mails.len());
    for (what, m) in &mails {
        for (part, body) in [
            ("subject", &m.subject),
            ("text", &m.text),
            ("html", &m.html),
        ] {
            let dutch = foreign_words(Language::En, body);
            assert!(
                dutch.is_empty(),
                "{what} {part}: Dutch {dutch:?} in\n{body}"
            );
        }
        assert!(m.html.contains("<html lang=\"en\">"), "{what}");
        assert!(m.html.contains(" lang=\"en\" style="), "{what}");
        assert!(m.text.contains("Dear Mrs Sarah Thompson,"), "{what}");
        assert!(m.text.contains("Kind regards,\n\nFocus Care"), "{what}");
        assert!(
            m.text
                .contains("sent automatically by the complaints register of Focus Care."),
            "{what}"
        );
    }
}

#[test]
fn complainant_mail_in_dutch_has_no_english_in_it() {
    for (what, m) in every_complainant_mail(Language::Nl) {
        for (part, body) in [
            ("subject", &m.subject),
            ("text", &m.text),
            ("html", &m.html),
        ] {
            let english = foreign_words(Language::Nl, body);
            assert!(
                english.is_empty(),
                "{what} {part}: English {english:?} in\n{body}"
            );
        }
        assert!(m.html.contains("<html lang=\"nl\">"), "{what}");
    }
}

#[test]
fn the_english_confirmation_reads_as_an_english_letter() {
    let ctx = ctx(Language::En);
    let m = Confirmation {
        reference: "K-2026-0042".into(),
        name: "Mrs Sarah Thompson".into(),
        tracking_code: Some("ABCD-EFGH".into()),
        terms: terms(&ctx),
    }
    .compose(
        &ctx,
        vec![Address::new("Sarah Thompson", "s.thompson@example.com")],
    )
    .expect("renders");
    crate::snapshot("confirmation_en", &m);
    assert_eq!(m.subject, "Your complaint has been received (K-2026-0042)");
    for body in [&m.text, &m.html] {
        assert!(body.contains("Friday 24 April 2026 at 16:45"), "{body}");
        assert!(body.contains("Wednesday 29 April 2026"), "contact term");
        assert!(body.contains("Friday 8 May 2026"), "offer term");
        assert!(body.contains("Friday 15 May 2026"), "record term");
        assert!(body.contains("https://complaints.focuscare.example/status/ABCD-EFGH"));
    }
    assert!(
        m.html
            .contains("under number <strong>K-2026-0042</strong>."),
        "the bold value keeps its place in the English sentence"
    );
}

/// The offer's lines stay in one column with the English labels too, and
/// the HTML escapes what was typed inside a translated sentence.
#[test]
fn the_english_offer_lines_up_and_escapes_what_was_typed() {
    let ctx = ctx(Language::En);
    let m = OfferConfirmation {
        reference: "K-2026-0042".into(),
        name: "Mr <Tom> & Sons".into(),
        merit: Some(ctx.merit(Merit::PartlyFounded)),
        letter: Vec::new(),
        kind: ctx.offer_kind(OfferKind::ExtraService),
        description: "Two extra visits.".into(),
        value: Some(ctx.t.euro(125_000)),
        made_on: ctx.t.long_date(date(2026, 5, 6)),
        respond_by: None,
        handler_name: Some("James Wilson".into()),
    }
    .compose(&ctx, Vec::new())
    .expect("renders");
    assert_eq!(m.subject, "Confirmation of our offer (K-2026-0042)");
    assert!(
        m.text
            .contains("Our judgement: your complaint is partly upheld.")
    );
    assert!(m.text.contains(
        "Type:        additional service\nDescription: Two extra visits.\nValue:       €1,250.00"
    ));
    assert!(
        m.text.contains("Dear Mr <Tom> & Sons,"),
        "text is not escaped"
    );
    assert!(
        m.html.contains("Dear Mr &#60;Tom&#62; &#38; Sons,"),
        "{}",
        m.html
    );
    assert!(
        m.html
            .contains("your complaint is <strong>partly upheld</strong>.")
    );
    assert!(
        m.text
            .contains("You can reply to this e-mail or contact James Wilson.")
    );
}

/// Every staff mail in the variants its templates know, with data as an
/// English-speaking installation has it.
fn every_staff_mail(language: Language) -> Vec<(String, MailMessage)> {
    use klacht_domain::absence::{OnBehalf, Staff, Unavailable};
    use klacht_domain::reminders::actions::ActionRole;
    use klacht_domain::terms::Step;
    use klacht_domain::{Email, Role, User, UserId};
    use klacht_mail::StandInFor;
    use klacht_mail::account::{AccountChange, AccountNotice};
    use klacht_mail::action_reminder::{ActionMail, ActionReminder};
    use klacht_mail::bulk_handover::{BulkHandover, MovedItem};
    use klacht_mail::complainant_mail::ComplainantMailNotice;
    use klacht_mail::digest::{Digest, DigestActionLine, DigestLine};
    use klacht_mail::director_advice::DirectorAdvice;
    use klacht_mail::director_question::DirectorQuestion;
    use klacht_mail::failure_notice::{FailedMessage, FailureNotice};
    use klacht_mail::files_added::FilesAddedNotice;
    use klacht_mail::form_to_close::FormToClose;
    use klacht_mail::handler::{ActionAssigned, HandlerAssigned, HandlerReleased};
    use klacht_mail::handover::{HandoverAction, HandoverAlert, HandoverComplaint};
    use klacht_mail::incoming_mail::IncomingMailNotice;
    use klacht_mail::manager_notice::{ManagerNotice, Origin};
    use klacht_mail::missed_term::MissedTerm;
    use klacht_mail::reminder::Reminder;
    use klacht_mail::reopened::ReopenedToStaff;
    use klacht_mail::weekly_overdue::{OverdueLine, WeeklyOverdue};

    let ctx = ctx(language);
    let to = vec![Address::new("James Wilson", "j.wilson@focuscare.example")];
    let mut out: Vec<(String, MailMessage)> = Vec::new();
    let mut add = |what: &str, m: &dyn Compose| {
        out.push((
            what.to_owned(),
            m.compose(&ctx, to.clone()).expect("renders"),
        ));
    };
    let r = || "K-2026-0042".to_owned();
    let id = || "0190c0de-0000-7000-8000-000000000042".to_owned();
    let day = ctx.t.long_date(date(2026, 5, 8));
    let today = date(2026, 5, 4);
    let away = Unavailable::Absent {
        until: date(2026, 5, 12),
    };
    let emma = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse("e.brown@focuscare.example").expect("email"),
        name: "Emma Brown".into(),
        role: Role::Employee,
        manager: None,
    };
    let staff = Staff::new([(&emma, true)], &[], today);
    let standing_in = |what| {
        let o = OnBehalf {
            person: emma.id,
            name: emma.name.clone(),
            why: away,
        };
        ctx.on_behalf(&o, &staff, what, today)
    };
    for origin in [
        Origin::Staff("Emma Brown".into()),
        Origin::PublicForm,
        Origin::Routed("Emma Brown".into()),
        Origin::Converted("Emma Brown".into()),
    ] {
        add(
            "manager_notice",
            &ManagerNotice {
                reference: r(),
                complaint_id: id(),
                manager_name: "James Wilson".into(),
                origin,
                channel: ctx.t.label(klacht_domain::complaint::Channel::Web),
                complainant: "Mrs Sarah Thompson".into(),
                service: Some("Home care".into()),
                summary: "The carer did not turn up twice.".into(),
                terms: terms(&ctx),
            },
        );
    }
    for previous in [None, Some("Emma Brown".to_owned())] {
        add(
            "handler_assigned",
            &HandlerAssigned {
                reference: r(),
                complaint_id: id(),
                handler_name: "James Wilson".into(),
                assigned_by: "Emma Brown".into(),
                previous,
                complainant: "Mrs Sarah Thompson".into(),
                service: None,
                summary: "The carer did not turn up twice.".into(),
                terms: terms(&ctx),
            },
        );
    }
    add(
        "handler_released",
        &HandlerReleased {
            reference: r(),
            complaint_id: id(),
            previous_name: "James Wilson".into(),
            handler_name: "Emma Brown".into(),
            assigned_by: "Olivia Smith".into(),
        },
    );
    for due in [Some(day.clone()), None] {
        add(
            "action_assigned",
            &ActionAssigned {
                reference: r(),
                complaint_id: id(),
                owner_name: "James Wilson".into(),
                agreed_by: "Emma Brown".into(),
                number: 2,
                description: "Call Mrs Thompson back.".into(),
                due,
            },
        );
    }
    for why in [away, Unavailable::Inactive] {
        let alert = HandoverAlert {
            recipient_name: "James Wilson".into(),
            person_name: "Emma Brown".into(),
            why: ctx.unavailable(why, today),
            why_short: ctx.unavailable_short(why),
            complaints: vec![HandoverComplaint {
                reference: r(),
                complaint_id: id(),
                next_term: ctx.next_term(Step::Contact, date(2026, 5, 6)),
            }],
            actions: vec![HandoverAction {
                reference: r(),
                complaint_id: id(),
                description: "Call Mrs Thompson back.".into(),
                due: ctx.t.t1("mail-by-date", "date", day.clone()),
            }],
        };
        add("handover", &alert);
        add(
            "handover",
            &HandoverAlert {
                complaints: Vec::new(),
                ..alert
            },
        );
    }
    let item = MovedItem {
        reference: r(),
        complaint_id: id(),
        what: "handler".into(),
        to_name: "Olivia Smith".into(),
    };
    for (received, from) in [
        (true, Some("Emma Brown")),
        (true, None),
        (false, Some("Emma Brown")),
        (false, None),
    ] {
        add(
            "bulk_handover",
            &BulkHandover {
                recipient_name: "James Wilson".into(),
                from_name: from.map(str::to_owned),
                by_name: "Olivia Smith".into(),
                received,
                complaints: vec![item.clone(), item.clone()],
                actions: vec![item.clone()],
            },
        );
    }
    add(
        "director_question",
        &DirectorQuestion {
            reference: r(),
            complaint_id: id(),
            director_name: "James Wilson".into(),
            asked_by: "Emma Brown".into(),
            question: "May we offer a voucher?".into(),
            complainant: "Mrs Sarah Thompson".into(),
            service: Some("Home care".into()),
            summary: "The carer did not turn up twice.".into(),
            offer_due: day.clone(),
        },
    );
    add(
        "director_advice",
        &DirectorAdvice {
            reference: r(),
            complaint_id: id(),
            recipient_name: "James Wilson".into(),
            director_name: "Emma Brown".into(),
            question: "May we offer a voucher?".into(),
            advice: "Yes, two hours.".into(),
        },
    );
    add(
        "form_to_close",
        &FormToClose {
            reference: r(),
            complaint_id: id(),
            quality_manager_name: "James Wilson".into(),
            sent_by: "Emma Brown".into(),
            blockers: Vec::new(),
        },
    );
    add(
        "form_to_close",
        &FormToClose {
            reference: r(),
            complaint_id: id(),
            quality_manager_name: "James Wilson".into(),
            sent_by: "Emma Brown".into(),
            blockers: vec![
                ctx.t.label(Step::Contact),
                ctx.t
                    .refusal(&RefusalCode::BlockerOfferNoMerit.label("step", Step::Offer)),
                ctx.t.label(Step::Record),
                ctx.t.refusal(&RefusalCode::BlockerEscalation.into()),
                ctx.t.refusal(&RefusalCode::BlockerAction.text("number", 2)),
            ],
        },
    );
    for (from, problem) in [
        ("s.thompson@example.com", Some("Too large.".to_owned())),
        ("", None),
    ] {
        add(
            "incoming_mail",
            &IncomingMailNotice {
                recipient_name: "James Wilson".into(),
                message_id: id(),
                from: from.into(),
                subject: "Late visits".into(),
                attachments: vec!["photo.jpg".into()],
                problem,
            },
        );
    }
    add(
        "complainant_mail",
        &ComplainantMailNotice {
            reference: r(),
            complaint_id: id(),
            recipient_name: "James Wilson".into(),
            subject: "Late visits".into(),
            attachments: vec!["photo.jpg".into()],
        },
    );
    for change in [
        AccountChange::Created,
        AccountChange::Reactivated,
        AccountChange::Unlocked,
    ] {
        add(
            "account",
            &AccountNotice {
                recipient_name: "James Wilson".into(),
                email: "j.wilson@focuscare.example".into(),
                change,
            },
        );
    }
    for files in [
        vec!["photo.jpg".to_owned()],
        vec!["a.pdf".into(), "b.pdf".into()],
    ] {
        add(
            "files_added",
            &FilesAddedNotice {
                reference: r(),
                complaint_id: id(),
                recipient_name: "James Wilson".into(),
                added_by: "Emma Brown".into(),
                files,
            },
        );
    }
    let failed = |attempts| FailedMessage {
        recipients: "s.thompson@example.com".into(),
        subject: "Late visits".into(),
        reference: Some(r()),
        attempts,
        error: "550 mailbox unavailable".into(),
    };
    add(
        "failure_notice",
        &FailureNotice {
            messages: vec![failed(1)],
        },
    );
    add(
        "failure_notice",
        &FailureNotice {
            messages: vec![failed(3), failed(5)],
        },
    );
    add(
        "reopened_staff",
        &ReopenedToStaff {
            reference: r(),
            complaint_id: id(),
            recipient_name: "James Wilson".into(),
            reopened_by: "Emma Brown".into(),
            kind: ctx.t.label(ReopeningKind::NewFacts),
            reason: "New facts came to light.".into(),
            round: 2,
            handler: "Olivia Smith".into(),
            terms: terms(&ctx),
        },
    );
    for step in Step::ALL {
        for no_handler in [false, true] {
            add(
                "reminder",
                &Reminder {
                    reference: r(),
                    complaint_id: id(),
                    recipient_name: "James Wilson".into(),
                    step,
                    due: day.clone(),
                    when: ctx.relative_day(date(2026, 5, 8), date(2026, 5, 7)),
                    no_handler,
                    on_behalf_of: no_handler.then(|| standing_in(StandInFor::Reminder)),
                },
            );
        }
        for responsible in [Some("Emma Brown".to_owned()), None] {
            add(
                "missed_term",
                &MissedTerm {
                    reference: r(),
                    complaint_id: id(),
                    recipient_name: "James Wilson".into(),
                    step,
                    due: day.clone(),
                    days_late: 1,
                    responsible: responsible.map(|name| {
                        ctx.t.t2(
                            "mail-name-with-status",
                            "name",
                            name,
                            "status",
                            ctx.unavailable_short(away),
                        )
                    }),
                },
            );
        }
    }
    let line = |overdue, handler: Option<&str>| DigestLine {
        reference: r(),
        complaint_id: id(),
        step_label: ctx.t.label(Step::Contact),
        due: day.clone(),
        status: ctx.t.label(klacht_domain::terms::TermStatus::Overdue),
        overdue,
        handler: handler.map(str::to_owned),
    };
    let action = |overdue, actor: Option<&str>| DigestActionLine {
        reference: r(),
        complaint_id: id(),
        number: 1,
        description: "Call Mrs Thompson back.".into(),
        due: day.clone(),
        status: ctx.t.label(klacht_domain::terms::TermStatus::OnTime),
        overdue,
        actor: actor.map(|name| {
            ctx.t.t3(
                "mail-actor-unavailable",
                "name",
                name,
                "role",
                ctx.t.t("mail-actor-role-handler"),
                "status",
                ctx.unavailable_short(away),
            )
        }),
    };
    for (lines, actions) in [
        (
            vec![line(true, None), line(false, Some("Emma Brown"))],
            vec![action(true, None), action(false, Some("Emma Brown"))],
        ),
        (vec![line(false, None)], Vec::new()),
        (Vec::new(), vec![action(false, None)]),
    ] {
        add(
            "digest",
            &Digest {
                recipient_name: "James Wilson".into(),
                date: day.clone(),
                lines,
                on_behalf_of: Some(standing_in(StandInFor::Digest)),
                actions,
            },
        );
    }
    for role in [
        ActionRole::Owner,
        ActionRole::HandlerForWantOfOwner,
        ActionRole::ManagerForWantOfOwner,
        ActionRole::ResponsibleManager,
    ] {
        for (mail, on_behalf_of) in [
            (
                ActionMail::Reminder {
                    when: ctx.relative_day(date(2026, 5, 11), date(2026, 5, 7)),
                },
                None,
            ),
            (
                ActionMail::Overdue { days_late: 3 },
                Some(standing_in(StandInFor::Message)),
            ),
        ] {
            add(
                "action_reminder",
                &ActionReminder {
                    reference: r(),
                    complaint_id: id(),
                    recipient_name: "James Wilson".into(),
                    role,
                    number: 1,
                    description: "Call Mrs Thompson back.".into(),
                    due: day.clone(),
                    mail,
                    actor: on_behalf_of.as_ref().map(|_| {
                        ctx.t.t2(
                            "mail-actor",
                            "name",
                            "Emma Brown",
                            "role",
                            ctx.t.t("mail-actor-role-owner"),
                        )
                    }),
                    on_behalf_of,
                },
            );
        }
    }
    for n in [1, 2] {
        add(
            "weekly_overdue",
            &WeeklyOverdue {
                recipient_name: "James Wilson".into(),
                date: day.clone(),
                week: 19,
                lines: (0..n)
                    .map(|_| OverdueLine {
                        reference: r(),
                        complaint_id: id(),
                        step_label: ctx.t.label(Step::Offer),
                        due: day.clone(),
                        days_late: 2,
                        responsible: (n == 2).then(|| "Emma Brown".to_owned()),
                    })
                    .collect(),
                complaints: n,
            },
        );
    }
    out
}

/// A body without its links: the paths of the staff pages are Dutch
/// (`/klachten/…`), the words around them are not.
fn without_links(body: &str) -> String {
    body.split(|c: char| c.is_whitespace() || c == '"')
        .filter(|w| !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn staff_mail_in_english_has_no_dutch_left() {
    let mails = every_staff_mail(Language::En);
    assert!(mails.len() > 40, "every variant: {}", mails.len());
    for (what, m) in &mails {
        for (part, body) in [
            ("subject", &m.subject),
            ("text", &m.text),
            ("html", &m.html),
        ] {
            let dutch = foreign_words(Language::En, &without_links(body));
            assert!(
                dutch.is_empty(),
                "{what} {part}: Dutch {dutch:?} in\n{body}"
            );
            assert!(
                !body.contains("mail-"),
                "{what} {part}: a key left in\n{body}"
            );
        }
        assert!(m.html.contains("<html lang=\"en\">"), "{what}");
        assert!(
            m.text.contains("The complaints register of Focus Care") || what == "failure_notice",
            "{what}"
        );
    }
}

#[test]
fn staff_mail_in_dutch_has_no_english_in_it() {
    for (what, m) in every_staff_mail(Language::Nl) {
        for (part, body) in [
            ("subject", &m.subject),
            ("text", &m.text),
            ("html", &m.html),
        ] {
            assert!(
                !body.contains("mail-"),
                "{what} {part}: a key left in\n{body}"
            );
        }
        assert!(m.html.contains("<html lang=\"nl\">"), "{what}");
    }
}
