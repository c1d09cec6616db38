//! Mail to the complainant speaks her language: rendered in English, no
//! Dutch word is left in the subject, the text or the HTML part, and the
//! dates read as English writes them; rendered in Dutch, no English word
//! crept in. Every branch of the templates is rendered (with and without
//! a tracking code, a letter, a handler, a value, a date to answer by).

use jiff::civil::date;
use klacht_domain::Language;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Merit, OfferKind, ReopeningKind};
use klacht_domain::terms::Terms;
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
