//! Consulting the director (step 3: the offer is made "eventueel na overleg
//! met de algemeen directeur"): a question, her advice, both in the history.

use super::*;
use crate::permissions::{Action, allowed_actions, may};

fn ask(director: &User, question: &str) -> Command {
    Command::ConsultDirector {
        director: director.clone(),
        question: question.into(),
    }
}

fn advise(number: u32, advice: &str) -> Command {
    Command::GiveAdvice(Advice {
        number,
        advice: advice.into(),
    })
}

#[test]
fn the_handler_asks_and_the_director_answers() {
    let org = org();
    let mut run = handled(&org);
    run.ok(&org.colleague, merit());
    let events = run.ok(
        &org.colleague,
        ask(&org.director, "  Mogen wij € 150 aanbieden? "),
    );
    assert_eq!(
        events,
        [Event::DirectorConsulted(Consultation {
            number: 1,
            director: org.director.id,
            question: "Mogen wij € 150 aanbieden?".into(),
        })]
    );
    let open: Vec<u32> = run
        .c
        .open_consultations_for(org.director.id)
        .map(|r| r.number())
        .collect();
    assert_eq!(open, [1]);
    assert!(!run.c.director_consulted(), "asked, not yet advised");

    // Only the director asked may answer; she is offered exactly that.
    assert!(allowed_actions(&org.director, &run.c).contains(&Action::GiveAdvice));
    for other in [&org.colleague, &org.manager, &org.quality] {
        assert!(!may(other, &run.c, Action::GiveAdvice), "{}", other.name);
    }
    let err = run.refused(&org.quality, advise(1, "Ja."));
    assert!(matches!(err, ComplaintError::NotAllowed(_)), "{err:?}");
    let err = run.refused(&org.director, advise(1, "   "));
    assert!(matches!(err, ComplaintError::Invalid { .. }), "{err:?}");

    run.ok(&org.director, advise(1, "Ja, en bied excuses aan."));
    let record = run.c.consultation(1).expect("consultation");
    let advice = record.advice.as_ref().expect("advised");
    assert_eq!(advice.value.advice, "Ja, en bied excuses aan.");
    assert_eq!(advice.by, Actor::User(org.director.id));
    assert_eq!(record.question.by, Actor::User(org.colleague.id));
    assert!(run.c.director_consulted());
    assert_eq!(run.c.open_consultations_for(org.director.id).count(), 0);
    assert!(!may(&org.director, &run.c, Action::GiveAdvice));
    // Nothing is open for her any more: she may not answer again.
    let err = run.refused(&org.director, advise(1, "Toch niet."));
    assert!(matches!(err, ComplaintError::NotAllowed(_)), "{err:?}");

    // A follow-up question gets the next number.
    run.ok(&org.manager, ask(&org.director, "En als zij weigert?"));
    assert_eq!(run.c.consultations().len(), 2);
    assert_eq!(run.c.consultations()[1].number(), 2);

    // Both lines read in the timeline.
    let lines: Vec<String> = run.log.iter().map(|r| r.event.describe()).collect();
    assert!(lines.contains(
        &"Advies gevraagd aan de directeur (vraag 1): Mogen wij € 150 aanbieden?".to_owned()
    ));
    assert!(
        lines.contains(&"Advies van de directeur op vraag 1: Ja, en bied excuses aan.".to_owned())
    );
}

#[test]
fn only_a_director_is_consulted_and_not_by_herself() {
    let org = org();
    let mut run = Run::registered(&org, Kind::Complaint);
    let err = run.refused(&org.manager, ask(&org.director, "Vraag"));
    assert_eq!(err.code(), Code::AssignHandlerFirst);
    let mut run = handled(&org);
    let err = run.refused(&org.colleague, ask(&org.quality, "Vraag"));
    assert_eq!(err.code(), Code::NotADirector, "{err}");
    let err = run.refused(&org.colleague, ask(&org.director, " "));
    assert!(matches!(err, ComplaintError::Invalid { .. }));
    run.ok(
        &org.manager,
        Command::AddAssistant {
            assistant: org.director.clone(),
        },
    );
    let err = run.refused(&org.director, ask(&org.director, "Vraag"));
    assert_eq!(err.code(), Code::NoAdviceFromSelf, "{err}");
    // The involved employee asks nothing, not even as a would-be handler.
    assert!(!may(&org.involved, &run.c, Action::ConsultDirector));
    let err = run.refused(&org.director, advise(1, "Ja"));
    assert!(matches!(err, ComplaintError::NotAllowed(_)), "{err:?}");
}

#[test]
fn the_offer_carries_the_handlers_text_for_the_complainant() {
    let org = org();
    let mut run = handled(&org);
    run.ok(&org.colleague, merit());
    let Command::MakeOffer(mut offer) = offer() else {
        unreachable!()
    };
    offer.letter_text = Some("  Wij bieden u onze excuses aan.  ".into());
    run.ok(&org.colleague, Command::MakeOffer(offer.clone()));
    assert_eq!(
        run.c.offer().and_then(|o| o.value.letter_text.as_deref()),
        Some("Wij bieden u onze excuses aan.")
    );
    // Blank is no text: the letter falls back to its draft.
    let mut run = handled(&org);
    run.ok(&org.colleague, merit());
    offer.letter_text = Some("   ".into());
    run.ok(&org.colleague, Command::MakeOffer(offer));
    assert_eq!(
        run.c.offer().and_then(|o| o.value.letter_text.clone()),
        None
    );
}

#[test]
fn offers_stored_before_the_letter_text_read_and_write_alike() {
    let stored = r#"{"type":"offer_made","kind":"none","description":"Uitleg gegeven.","value_cents":null,"director_consulted":false,"made_on":"2026-04-28"}"#;
    let event: Event = serde_json::from_str(stored).expect("old offer reads");
    let Event::OfferMade(offer) = &event else {
        panic!("an offer: {event:?}");
    };
    assert_eq!(offer.letter_text, None);
    // Written back unchanged, so sealed histories keep their hashes.
    assert_eq!(serde_json::to_string(&event).expect("json"), stored);
}
