//! The letter confirming the offer (or the decision) speaks the language
//! the complainant chose: the walked complaint of `dossier.rs`, replayed
//! with its registration in Dutch and in English and its steps varied so
//! that every sentence of the letter is written at least once. Dutch is
//! the reference and kept word for word by its snapshot; English must not
//! let a Dutch word through, in the data or on paper.

use jiff::ToSpan;
use jiff::civil::Date;
use klacht_app::complaints;
use klacht_app::documents::{self, LetterData, Letterhead, Names};
use klacht_domain::Language;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Complaint, ContactMode, Event, Merit, OfferKind, Party, Recorded};
use klacht_i18n::{Tr, foreign_words};
use klacht_store::{Store, store_tests};

use crate::dossier::{pdf_text, walk_to_closing};

/// The complaint's user data as an English-speaking complainant and their
/// handler would have written it, so that the only Dutch left in an
/// English letter would be ours.
fn in_english(event: &mut Event) {
    match event {
        Event::Registered(r) => {
            r.language = Language::En;
            r.complainant = Party::new(
                "Mrs A. Baker",
                None,
                None,
                Some("Dorpsstraat 12, 1234 AB Ergenshuizen"),
            )
            .expect("party");
            r.service = r.service.as_ref().map(|_| "Home care".into());
            r.description = "The carer came three days late without notice.".into();
        }
        Event::OfferMade(o) => {
            o.description = "Two extra hours of help free of charge.".into();
        }
        Event::ActionAgreed(a) => {
            a.description = "The planners will ring ahead of any delay".into();
        }
        _ => {}
    }
}

/// One way the steps could have gone.
#[derive(Debug, Clone, Copy)]
enum Variant {
    /// Founded, compensation with a value, accepted, director consulted,
    /// by telephone, an action without a date.
    Walked,
    /// Filed on the complainant's behalf, no service, face to face,
    /// unfounded and no offer, an action with a date.
    Decision,
    /// Partly founded, an extra service without value or description,
    /// declined, the handler's own two paragraphs, no director.
    Declined,
    /// A replacement service not yet answered.
    Awaiting,
}

const VARIANTS: [Variant; 4] = [
    Variant::Walked,
    Variant::Decision,
    Variant::Declined,
    Variant::Awaiting,
];

fn vary(variant: Variant, language: Language, today: Date, event: &mut Event) {
    let english = language == Language::En;
    match (variant, event) {
        (Variant::Walked, _) => {}
        (Variant::Decision, Event::Registered(r)) => {
            r.representative = Some(
                Party::new(
                    if english { "J. Baker" } else { "J. Bakker" },
                    None,
                    None,
                    Some("Postbus 12\n1000 AA Amsterdam"),
                )
                .expect("party"),
            );
            r.service = None;
        }
        (Variant::Decision, Event::ContactRecorded(c)) => c.mode = ContactMode::FaceToFace,
        (Variant::Decision, Event::MeritDecided(m)) => m.merit = Merit::Unfounded,
        (Variant::Decision, Event::OfferMade(o)) => {
            o.kind = OfferKind::None;
            o.value_cents = None;
            o.description = String::new();
        }
        (Variant::Decision, Event::ActionAgreed(a)) => {
            a.due = Some(today + 14.days());
        }
        (Variant::Declined, Event::MeritDecided(m)) => m.merit = Merit::PartlyFounded,
        (Variant::Declined, Event::OfferMade(o)) => {
            o.kind = OfferKind::ExtraService;
            o.value_cents = None;
            o.description = String::new();
            o.director_consulted = false;
            o.letter_text = Some(if english {
                "We agree that the carer should have let you know.\n\nThe rest of the \
                 schedule was kept."
                    .into()
            } else {
                "Wij vinden dat de hulp u had moeten bellen.\n\nDe rest van het \
                 rooster is wel gevolgd."
                    .into()
            });
        }
        (Variant::Declined, Event::ResponseRecorded(r)) => r.accepted = Some(false),
        (Variant::Awaiting, Event::OfferMade(o)) => o.kind = OfferKind::ReplacementService,
        (Variant::Awaiting, Event::ResponseRecorded(r)) => r.accepted = None,
        _ => {}
    }
}

/// The walked complaint as `variant` in `language`, replayed from its
/// changed history.
fn replayed(
    history: &[Recorded],
    c: &Complaint,
    variant: Variant,
    language: Language,
    today: Date,
) -> (Complaint, Vec<Recorded>) {
    let history: Vec<Recorded> = history
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if language == Language::En {
                in_english(&mut r.event);
            }
            vary(variant, language, today, &mut r.event);
            r
        })
        .collect();
    let replayed = Complaint::replay(c.id(), &history).expect("replays");
    (replayed, history)
}

/// The letter's data with the days of this run replaced by `[date]`, as
/// the language writes them, and without the template's own words (the
/// same in every letter: [`words`] has them once).
fn redacted(data: &LetterData, tr: Tr, days: &[Date]) -> serde_json::Value {
    let mut value = serde_json::to_value(data).expect("JSON");
    if let Some(map) = value.as_object_mut() {
        map.remove("words");
    }
    let mut json = value.to_string();
    for d in days {
        for written in [tr.day_month_year(*d), tr.date(*d)] {
            json = json.replace(&written, "[date]");
        }
    }
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    klacht_store::testing::redact_json(&value)
}

/// The template's own words of a letter.
fn words(data: &LetterData) -> serde_json::Value {
    let value = serde_json::to_value(data).expect("JSON");
    klacht_store::testing::redact_json(&value["words"])
}

/// Every text of the JSON, user data and our words alike.
fn texts(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| texts(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| texts(v, out)),
        _ => {}
    }
}

async fn letters<S: Store>(
    store: &S,
    language: Language,
) -> (Letterhead, Vec<(Variant, LetterData)>, Vec<Date>) {
    let cal = WorkingCalendar::netherlands_default();
    let letterhead = Letterhead::new("Zorggroep Focus");
    let id = walk_to_closing(store, &cal).await;
    let (c, history) = complaints::load_with_history(store, id)
        .await
        .expect("load");
    let today = cal.local_date(klacht_clock::test_now());
    let mut out = Vec::new();
    for variant in VARIANTS {
        let (c, history) = replayed(&history, &c, variant, language, today);
        assert_eq!(c.language(), language);
        let names = Names::of(store, &c, &history).await.expect("names");
        let data = LetterData::build(&letterhead, &c, &names, today).expect("an offer");
        out.push((variant, data));
    }
    let days = vec![c.received_on(), today, today + 14.days()];
    (letterhead, out, days)
}

async fn the_dutch_letter_stays_word_for_word<S: Store>(store: S) {
    let (letterhead, letters, days) = letters(&store, Language::Nl).await;
    let tr = Tr::new(Language::Nl);
    let all: Vec<serde_json::Value> = letters
        .iter()
        .map(|(_, data)| redacted(data, tr, &days))
        .collect();
    if store.backend() == "sqlite" {
        // Taken from the letter before its words moved to documents.ftl:
        // the move must not change the Dutch by a word.
        insta::assert_json_snapshot!("letter_nl", all);
        insta::assert_json_snapshot!("letter_words_nl", words(&letters[0].1));
    }
    let (_, data) = &letters[0];
    let text = pdf_text(
        &documents::letter_pdf(&letterhead, data.clone())
            .await
            .expect("letter"),
    );
    for expected in [
        "Pagina 1 van 1",
        "Klachtenbehandeling",
        "DATUM",
        "ONS KENMERK",
        "BETREFT",
        "Geachte heer, mevrouw,",
        "Ons aanbod",
        "Daarnaast hebben wij het volgende met u afgesproken:",
        "Met vriendelijke groet,",
    ] {
        assert!(text.contains(expected), "lacks {expected:?}:\n{text}");
    }
    assert_eq!(foreign_words(Language::Nl, &text), Vec::<String>::new());
}

async fn an_english_complaint_gets_an_english_letter<S: Store>(store: S) {
    let (letterhead, letters, days) = letters(&store, Language::En).await;
    let tr = Tr::new(Language::En);
    let mut all = Vec::new();
    for (variant, data) in &letters {
        let json = serde_json::to_value(data).expect("JSON");
        let mut all_texts = Vec::new();
        texts(&json, &mut all_texts);
        let text = all_texts.join("\n");
        assert_eq!(
            foreign_words(Language::En, &text),
            Vec::<String>::new(),
            "{variant:?}:\n{text}"
        );
        assert!(
            text.contains(&tr.day_month_year(days[0])),
            "{variant:?}: the receipt as English writes it:\n{text}"
        );
        all.push(redacted(data, tr, &days));
    }
    if store.backend() == "sqlite" {
        insta::assert_json_snapshot!("letter_en", all);
        insta::assert_json_snapshot!("letter_words_en", words(&letters[0].1));
    }
    for (variant, data) in &letters {
        let text = pdf_text(
            &documents::letter_pdf(&letterhead, data.clone())
                .await
                .expect("letter"),
        );
        assert_eq!(
            foreign_words(Language::En, &text),
            Vec::<String>::new(),
            "{variant:?}:\n{text}"
        );
        for expected in [
            "Page 1 of 1",
            "Complaints Team",
            "OUR REFERENCE",
            "Dear Sir or Madam,",
            "Yours faithfully,",
            &tr.day_month_year(days[1]),
        ] {
            assert!(
                text.contains(expected),
                "{variant:?} lacks {expected:?}:\n{text}"
            );
        }
    }
}

store_tests!(
    the_dutch_letter_stays_word_for_word,
    an_english_complaint_gets_an_english_letter,
);
