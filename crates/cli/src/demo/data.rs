//! Who works at the demo organisation (Focus), who complains, and about
//! what: the data the demo histories are played from.

use klacht_domain::Role;

/// (e-mail, name, role, e-mail of the direct manager)
pub(super) const PEOPLE: [(&str, &str, Role, Option<&str>); 11] = [
    ("ellen@focus.example", "Ellen de Boer", Role::Director, None),
    (
        "sanne@focus.example",
        "Sanne Visser",
        Role::QualityManager,
        Some("ellen@focus.example"),
    ),
    (
        "tom@focus.example",
        "Tom Bakker",
        Role::Admin,
        Some("ellen@focus.example"),
    ),
    (
        "margriet@focus.example",
        "Margriet Jansen",
        Role::Manager,
        Some("ellen@focus.example"),
    ),
    (
        "hans@focus.example",
        "Hans Mulder",
        Role::Manager,
        Some("ellen@focus.example"),
    ),
    (
        "piet@focus.example",
        "Piet de Vries",
        Role::Employee,
        Some("margriet@focus.example"),
    ),
    (
        "fatima@focus.example",
        "Fatima el Amrani",
        Role::Employee,
        Some("margriet@focus.example"),
    ),
    (
        "joost@focus.example",
        "Joost Smit",
        Role::Employee,
        Some("margriet@focus.example"),
    ),
    (
        "anouk@focus.example",
        "Anouk Meijer",
        Role::Employee,
        Some("hans@focus.example"),
    ),
    (
        "daan@focus.example",
        "Daan Bos",
        Role::Employee,
        Some("hans@focus.example"),
    ),
    (
        "lotte@focus.example",
        "Lotte van Dijk",
        Role::Employee,
        Some("hans@focus.example"),
    ),
];

pub(super) const COMPLAINTS: usize = 40;

/// First 128 bits of the demo complaint ids; the index fills the rest.
pub(super) const DEMO_ID_BASE: u128 = 0x6b6c_6163_6874_4000_8000_0000_0000_0000;

pub(super) const COMPLAINANTS: [&str; 10] = [
    "Mevrouw J. de Vries",
    "De heer K. Pranoto",
    "Familie Hendriks",
    "Mevrouw A. Yilmaz",
    "De heer P. van den Berg",
    "Mevrouw L. Koster",
    "De heer M. Dekker",
    "Mevrouw S. Öztürk",
    "Stichting Het Baken",
    "De heer R. Wijnands",
];

/// (service, description, category) per team.
pub(super) const HOME_CARE: [(&str, &str, &str); 5] = [
    (
        "Thuiszorg",
        "De zorgverlener kwam drie keer deze week meer dan een uur te laat, zonder bericht vooraf.",
        "Planning",
    ),
    (
        "Thuiszorg",
        "Mijn moeder is niet gedoucht terwijl dat wel was afgesproken in het zorgplan.",
        "Kwaliteit van zorg",
    ),
    (
        "Thuiszorg",
        "Telkens een andere medewerker; mijn vader raakt daardoor van slag.",
        "Planning",
    ),
    (
        "Thuiszorg",
        "De medewerker was onvriendelijk aan de telefoon toen ik belde over de nieuwe tijden.",
        "Bejegening",
    ),
    (
        "Thuiszorg",
        "De factuur van oktober bevat uren die niet geleverd zijn.",
        "Facturatie",
    ),
];
pub(super) const CLEANING: [(&str, &str, &str); 5] = [
    (
        "Schoonmaak",
        "De keuken is al twee weken niet schoongemaakt terwijl dat in het contract staat.",
        "Kwaliteit van dienst",
    ),
    (
        "Schoonmaak",
        "Er is een vaas gebroken tijdens het schoonmaken en niemand heeft dat gemeld.",
        "Schade",
    ),
    (
        "Schoonmaak",
        "De schoonmaker is zonder afmelding niet gekomen.",
        "Planning",
    ),
    (
        "Schoonmaak",
        "Er wordt met vieze doeken gewerkt, de badkamer ruikt daarna muf.",
        "Kwaliteit van dienst",
    ),
    (
        "Schoonmaak",
        "Onze sleutel is aan de verkeerde persoon meegegeven.",
        "Veiligheid",
    ),
];
