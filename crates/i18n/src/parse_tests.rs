//! The values that did not parse (`ParseError`): each worded in Dutch
//! exactly as the domain wrote it before it had codes, and in English.

use klacht_domain::calendar::{CalendarOptions, WorkingCalendar};
use klacht_domain::complaint::{
    Channel, ContactMode, Kind, LinkReason, Merit, OfferKind, Party, ReopeningKind, Satisfaction,
    Status, WaivableStep,
};
use klacht_domain::improvement::{ImprovementNumber, ImprovementStatus};
use klacht_domain::patterns::{Dimension, PatternKey, PatternRules};
use klacht_domain::refusal::Code;
use klacht_domain::reminders::ReminderKind;
use klacht_domain::terms::Step;
use klacht_domain::{ComplaintId, Email, ParseError, ReferenceNumber, Role, TrackingCode};

use super::*;

fn err<T: std::fmt::Debug>(result: Result<T, ParseError>) -> ParseError {
    result.expect_err("refused")
}

/// Every sentence, with the Dutch the domain used to write.
fn cases() -> Vec<(ParseError, String)> {
    let cal = WorkingCalendar::netherlands_default();
    let zone = |name: &str| WorkingCalendar::from_zone_name(name, CalendarOptions::default());
    let long = "x".repeat(301);
    vec![
        (
            err("x".parse::<ComplaintId>()),
            "'x' is geen geldige id".into(),
        ),
        (
            err(ReferenceNumber::new(1999, 5)),
            "ongeldig klachtnummer: jaar 1999, volgnummer 5".into(),
        ),
        (
            err(ReferenceNumber::parse("K-26-1")),
            "'K-26-1' is geen klachtnummer (verwacht K-JJJJ-NNNN)".into(),
        ),
        (
            err(Email::parse(" anna ")),
            "'anna' is geen geldig e-mailadres".into(),
        ),
        (
            err(TrackingCode::parse("ABCD")),
            "dit is geen geldige volgcode (12 tekens, zoals ABCD-EFGH-JKMN)".into(),
        ),
        (
            err(zone(" ")),
            "Tijdzone ontbreekt: gebruik een IANA-naam zoals Europe/Amsterdam".into(),
        ),
        (
            err(zone("Europe/Atlantis")),
            "'Europe/Atlantis' is geen bekende tijdzone: gebruik een IANA-naam zoals \
             Europe/Amsterdam"
                .into(),
        ),
        (
            err(cal.parse_received(" ")),
            "Datum van binnenkomst ontbreekt: gebruik JJJJ-MM-DD of RFC 3339".into(),
        ),
        (
            err(cal.parse_received("2026-02-30")),
            "'2026-02-30' bevat geen bestaande datum".into(),
        ),
        (
            err(cal.parse_received("9999-12-31")),
            "'9999-12-31' valt buiten het ondersteunde bereik".into(),
        ),
        (
            err(cal.parse_received("2026-04-24T09:30:00")),
            "'2026-04-24T09:30:00' mist een tijdzone: voeg een verschuiving toe, bijv. +02:00 of Z"
                .into(),
        ),
        (
            err(cal.parse_received("morgen")),
            "'morgen' is geen geldige datum of tijd: gebruik JJJJ-MM-DD of RFC 3339 \
             (bijv. 2026-04-24T09:30:00+02:00)"
                .into(),
        ),
        (
            err("weekly".parse::<ReminderKind>()),
            "'weekly' is geen soort herinnering: gebruik day_before en/of morning_of".into(),
        ),
        (
            err(" boss ".parse::<Role>()),
            "onbekende rol 'boss': kies uit employee, manager, quality-manager, director, admin"
                .into(),
        ),
        (
            err("kleur".parse::<Dimension>()),
            "onbekende dimensie 'kleur'".into(),
        ),
        (
            err(PatternRules::new(1, 90)),
            "minimaal 2 klachten voor een patroon (niet 1)".into(),
        ),
        (
            err(PatternRules::new(3, 0)),
            "een venster van 1 tot en met 3660 dagen (niet 0)".into(),
        ),
        (err("x".parse::<PatternKey>()), "'x' is geen patroon".into()),
        (
            err(" klaar ".parse::<ImprovementStatus>()),
            "onbekende status 'klaar'".into(),
        ),
        (
            err(ImprovementNumber::new(1999, 1)),
            "ongeldig nummer van een verbeteractie: jaar 1999, volgnummer 1".into(),
        ),
        (
            err("V-1".parse::<ImprovementNumber>()),
            "'V-1' is geen nummer van een verbeteractie (V-JJJJ-NNNN)".into(),
        ),
        (
            err(WaivableStep::try_from(Step::Report)),
            "het melden bij de leidinggevende kan niet worden overgeslagen".into(),
        ),
        (
            err(Satisfaction::new(9)),
            "tevredenheid moet tussen 1 en 5 liggen, niet 9".into(),
        ),
        (
            err(" tien ".parse::<Satisfaction>()),
            "'tien' is geen tevredenheidscijfer (1-5)".into(),
        ),
        (
            err(Party::new(" ", None, None, None)),
            "de naam van de klager is verplicht".into(),
        ),
        (
            err(Party::parse_name("a\tb")),
            "'a\tb' is geen geldige naam".into(),
        ),
        (
            err(Party::parse_phone(" 12 ")),
            "'12' is geen geldig telefoonnummer".into(),
        ),
        (
            err(Party::parse_address(&long)),
            "het adres is te lang (maximaal 300 tekens)".into(),
        ),
        unknown::<Kind>("soort"),
        unknown::<Channel>("kanaal"),
        unknown::<Status>("status"),
        unknown::<ReopeningKind>("soort heropening"),
        unknown::<Merit>("oordeel"),
        unknown::<OfferKind>("soort aanbod"),
        unknown::<ContactMode>("contactvorm"),
        unknown::<WaivableStep>("stap"),
        unknown::<LinkReason>("reden"),
    ]
}

/// A value of a closed list that is not on it, as the list's old message
/// named it: `what` and every value's Dutch name.
fn unknown<L>(what: &str) -> (ParseError, String)
where
    L: Labelled + Copy + std::str::FromStr<Err = ParseError> + std::fmt::Debug + AllValues,
{
    let names: Vec<&str> = L::all().iter().copied().map(Labelled::dutch).collect();
    (
        err(" ??? ".parse::<L>()),
        format!("onbekend(e) {what} '???': kies uit {}", names.join(", ")),
    )
}

/// The values of a closed list of the complaint form.
trait AllValues: Sized + 'static {
    fn all() -> &'static [Self];
}

macro_rules! all_values {
    ($($t:ty),+) => {$(
        impl AllValues for $t {
            fn all() -> &'static [Self] {
                <$t>::ALL
            }
        }
    )+};
}
all_values!(
    Kind,
    Channel,
    Status,
    ReopeningKind,
    Merit,
    OfferKind,
    ContactMode,
    WaivableStep,
    LinkReason
);

#[test]
fn values_that_did_not_parse_read_in_dutch_as_before() {
    let nl = Tr::new(Language::Nl);
    for (e, dutch) in cases() {
        assert_eq!(nl.refusal(e.refusal()), dutch, "{e}");
    }
}

#[test]
fn values_that_did_not_parse_read_in_english() {
    let en = Tr::new(Language::En);
    for (e, dutch) in cases() {
        let english = en.refusal(e.refusal());
        assert_ne!(english, dutch, "{e}");
        assert!(!english.contains("refusal-"), "{english}");
        assert_eq!(
            foreign_words(Language::En, &english),
            Vec::<String>::new(),
            "{english}"
        );
    }
    let said = |e: ParseError| en.refusal(e.refusal());
    assert_eq!(
        said(err(Email::parse("anna"))),
        "'anna' is not a valid email address"
    );
    assert_eq!(
        said(err(Party::parse_phone("12"))),
        "'12' is not a valid phone number"
    );
    assert_eq!(
        said(err("fax".parse::<Channel>())),
        "unknown channel 'fax': choose from phone, front desk, letter, email, web form"
    );
    assert_eq!(
        said(err(Satisfaction::new(0))),
        "satisfaction must be between 1 and 5, not 0"
    );
}

/// A field's error is a sentence of its own: capital first, full stop at
/// the end, in either language.
#[test]
fn a_refusal_as_a_sentence() {
    let address = err(Party::parse_address(&"x".repeat(301)));
    let sentence = Code::Sentence.phrase("phrase", address);
    assert_eq!(
        Tr::new(Language::Nl).refusal(&sentence),
        "Het adres is te lang (maximaal 300 tekens)."
    );
    assert_eq!(
        Tr::new(Language::En).refusal(&sentence),
        "The address is too long (at most 300 characters)."
    );
    let email = Code::Sentence.phrase("phrase", err(Email::parse("x")));
    assert_eq!(
        Tr::new(Language::Nl).refusal(&email),
        "'x' is geen geldig e-mailadres."
    );
}

/// The store's own values (outbox, lists): a damaged database.
#[test]
fn stored_values_the_code_does_not_know() {
    let nl = Tr::new(Language::Nl);
    assert_eq!(
        nl.refusal(&Code::UnknownMessageKind.text("input", "fax")),
        "onbekend soort bericht 'fax'"
    );
    assert_eq!(
        nl.refusal(&Code::UnknownStatus.text("input", "lost")),
        "onbekende status 'lost'"
    );
    assert_eq!(
        nl.refusal(&Code::UnknownList.text("input", "kleur")),
        "onbekende lijst 'kleur'"
    );
}
