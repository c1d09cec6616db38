use std::collections::BTreeSet;

use jiff::civil::date;

use super::*;

#[test]
fn every_key_exists_in_every_language_with_the_same_placeholders() {
    let reference = keys(Language::default());
    assert!(!reference.is_empty(), "the Dutch files hold the texts");
    for language in Language::ALL {
        let own = keys(language);
        let missing: Vec<_> = reference.difference(&own).collect();
        let extra: Vec<_> = own.difference(&reference).collect();
        assert!(
            missing.is_empty(),
            "{}: missing {missing:?}",
            language.code()
        );
        assert!(
            extra.is_empty(),
            "{}: not in Dutch {extra:?}",
            language.code()
        );
        let (own, dutch) = (placeholders(language), placeholders(Language::default()));
        for key in &reference {
            assert_eq!(
                own.get(key),
                dutch.get(key),
                "{}: the placeholders of {key}",
                language.code()
            );
        }
    }
}

#[test]
fn every_file_parses_and_no_key_is_defined_twice() {
    for (language, files) in FILES {
        let mut seen = BTreeSet::new();
        for (file, text) in files {
            let resource = fluent_bundle::FluentResource::try_new((*text).to_owned());
            assert!(
                resource.is_ok(),
                "{}/{file}: {:?}",
                language.code(),
                resource.err().map(|e| e.1)
            );
        }
        for (_, text) in files {
            for line in text.lines() {
                if let Some((key, _)) = line.split_once(" =")
                    && !key.starts_with([' ', '#', '.', '*', '['])
                    && !key.is_empty()
                {
                    assert!(
                        seen.insert(key.to_owned()),
                        "{}: {key} twice",
                        language.code()
                    );
                }
            }
        }
    }
}

#[test]
fn messages_fill_their_placeholders_and_fall_back_to_the_key() {
    let en = Tr::new(Language::En);
    let nl = Tr::new(Language::Nl);
    assert_eq!(nl.t("language-self"), "Nederlands");
    assert_eq!(en.t("language-self"), "English");
    assert_eq!(en.t("no-such-key-at-all"), "no-such-key-at-all");
    assert_eq!(en.lookup("no-such-key-at-all"), None);
    let html = en.html1("test-link-html", "name", "<b>&");
    assert!(html.contains("&lt;b&gt;&amp;"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
}

#[test]
fn dates_and_amounts_read_as_each_language_writes_them() {
    let nl = Tr::new(Language::Nl);
    let en = Tr::new(Language::En);
    let d = date(2026, 4, 24);
    assert_eq!(nl.date(d), "24-04-2026");
    assert_eq!(en.date(d), "24 Apr 2026");
    assert_eq!(nl.long_date(d), "vrijdag 24 april 2026");
    assert_eq!(en.long_date(d), "Friday 24 April 2026");
    assert_eq!(en.day_month_year(date(2026, 12, 31)), "31 December 2026");
    assert_eq!(nl.day_and_month(date(2026, 12, 14)), "maandag 14 december");
    assert_eq!(en.day_and_month(date(2026, 12, 14)), "Monday 14 December");
    let t = d.at(16, 45, 0, 0).in_tz("Europe/Amsterdam").expect("zone");
    assert_eq!(nl.long_date_time(&t), "vrijdag 24 april 2026 om 16:45");
    assert_eq!(en.long_date_time(&t), "Friday 24 April 2026 at 16:45");
    assert_eq!(en.date_time(&t), "24 Apr 2026 at 16:45");
    assert_eq!(nl.euro(125_000), "€ 1.250,00");
    assert_eq!(en.euro(125_000), "€1,250.00");
    assert_eq!(en.euro(5), "€0.05");
    assert_eq!(en.euro(100_000_000), "€1,000,000.00");
}

#[test]
fn foreign_words_are_found_as_whole_words_only() {
    assert_eq!(
        foreign_words(Language::En, "Dear Mr de Vries, uw klacht is received."),
        vec!["uw", "klacht"]
    );
    assert!(foreign_words(Language::En, "Hetty Uwland, Zorggroep De Linde").is_empty());
    assert_eq!(
        foreign_words(Language::Nl, "Geachte heer, your call"),
        vec!["your"]
    );
}

fn assert_labelled<L: Labelled>(values: &[L], english: &BTreeSet<String>) {
    for value in values.iter().copied() {
        let key = format!("label-{}-{}", L::KIND, value.id());
        let nl = Tr::new(Language::Nl);
        assert_eq!(
            nl.lookup(&key).as_deref(),
            Some(value.dutch()),
            "{key}: the domain's Dutch name"
        );
        assert!(english.contains(&key), "{key} in English");
    }
}

#[test]
fn every_value_of_every_closed_list_has_its_name_in_every_language() {
    use klacht_domain::complaint::{
        Channel, ContactMode, Kind, LinkReason, Merit, OfferKind, ReopeningKind, Status,
        WaivableStep,
    };
    use klacht_domain::terms::{Step, TermStatus};
    let english = keys(Language::En);
    assert_labelled(Kind::ALL, &english);
    assert_labelled(Channel::ALL, &english);
    assert_labelled(Status::ALL, &english);
    assert_labelled(ReopeningKind::ALL, &english);
    assert_labelled(Merit::ALL, &english);
    assert_labelled(OfferKind::ALL, &english);
    assert_labelled(ContactMode::ALL, &english);
    assert_labelled(WaivableStep::ALL, &english);
    assert_labelled(LinkReason::ALL, &english);
    assert_labelled(&klacht_domain::Role::ALL, &english);
    assert_labelled(&klacht_domain::permissions::Action::ALL, &english);
    assert_labelled(
        &[Step::Report, Step::Contact, Step::Offer, Step::Record],
        &english,
    );
    assert_labelled(
        &[
            TermStatus::Done { on_time: true },
            TermStatus::Done { on_time: false },
            TermStatus::OnTime,
            TermStatus::DueToday,
            TermStatus::Overdue,
        ],
        &english,
    );
    assert_eq!(
        Tr::new(Language::En).label(Status::InProgress),
        "in progress"
    );
}

#[test]
fn the_terms_the_help_fills_in_are_the_domains() {
    use klacht_domain::terms::Step;
    let nl = Tr::new(Language::Nl);
    for (step, key) in [
        (Step::Report, "term-report"),
        (Step::Contact, "term-contact"),
        (Step::Offer, "term-offer"),
        (Step::Record, "term-record"),
    ] {
        assert_eq!(nl.t(key), step.term(), "{key}");
    }
}

/// Every refusal the domain can give has its sentence in every language,
/// with exactly the placeholders its code supplies.
#[test]
fn every_refusal_code_has_its_sentence_in_every_language() {
    use klacht_domain::refusal::Code;
    for language in Language::ALL {
        let messages = placeholders(language);
        for code in Code::ALL {
            let key = format!("refusal-{}", code.id());
            let Some(found) = messages.get(&key) else {
                panic!("{}: {key} is missing", language.code());
            };
            let supplied: BTreeSet<String> = code
                .placeholders()
                .iter()
                .map(|p| (*p).to_owned())
                .collect();
            assert_eq!(
                found,
                &supplied,
                "{}: the placeholders of {key}",
                language.code()
            );
        }
        let codes: BTreeSet<String> = Code::ALL
            .iter()
            .map(|c| format!("refusal-{}", c.id()))
            .collect();
        for key in messages.keys().filter(|k| k.starts_with("refusal-")) {
            assert!(
                codes.contains(key),
                "{}: {key} has no code",
                language.code()
            );
        }
    }
}

#[test]
fn refusals_read_in_each_language_with_their_values() {
    use klacht_domain::refusal::{Arg, Code, Refusal};
    use klacht_domain::terms::Step;
    let nl = Tr::new(Language::Nl);
    let en = Tr::new(Language::En);
    let r = Code::BeforeReceipt
        .phrase("what", Code::SubjectContactDate)
        .date("date", date(2026, 4, 1))
        .date("received", date(2026, 4, 24));
    assert_eq!(
        nl.refusal(&r),
        "De contactdatum (01-04-2026) ligt vóór de ontvangst van de klacht (24-04-2026)."
    );
    assert_eq!(
        en.refusal(&r),
        "The date of contact (1 Apr 2026) lies before the complaint was received (24 Apr 2026)."
    );
    let r = Code::CannotCloseYet.text("reference", "K-2026-0001").with(
        "missing",
        Arg::List(vec![
            Arg::label(Step::Contact),
            Arg::Phrase(Box::new(Code::BlockerAction.text("number", 2))),
        ]),
    );
    assert_eq!(
        nl.refusal(&r),
        "Klacht K-2026-0001 kan nog niet worden afgesloten. Nog nodig: contact met klager, \
         afronding van actie 2."
    );
    assert_eq!(
        en.refusal(&r),
        "Complaint K-2026-0001 cannot be closed yet. Still needed: contact with the \
         complainant, completion of action 2."
    );
    let r = Refusal::new(Code::OfferTooHigh).euro("max", 100_000_000);
    assert_eq!(
        nl.refusal(&r),
        "Een aanbod van meer dan € 1.000.000,00 is niet mogelijk; controleer de waarde."
    );
    assert!(foreign_words(Language::En, &en.refusal(&r)).is_empty());
}
