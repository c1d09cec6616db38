//! Shared by the tests of `klacht-exact`: a registration, connector
//! configurations pointing at the fakes, and a closed complaint in a real
//! store (closed through the application, which queues its registration).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::date;
use klacht_app::config::{OnlineConfig, SynergyAuth, SynergyConfig, default_synergy_fields};
use klacht_domain::exact::{Person, Registration};
use klacht_domain::{ComplaintId, ReferenceNumber};
use klacht_exact::tokens::SecretKey;

pub const USER: &str = "svc-klacht";
pub const PASSWORD: &str = "Geheim-2026";
pub const DIVISION: u32 = 4242;
pub const CLIENT_ID: &str = "0f6c1d0e-klacht";
pub const CLIENT_SECRET: &str = "app-secret";
pub const FIRST_REFRESH_TOKEN: &str = "rt-first";
pub const KEY_HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

pub fn any_port() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

pub fn key() -> SecretKey {
    SecretKey::from_hex(KEY_HEX).expect("test key")
}

/// A time in the spring of 2026; `at(s)` is `s` seconds later.
pub fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_777_000_000 + seconds).expect("in range")
}

pub fn synergy_config(base_url: &str) -> SynergyConfig {
    SynergyConfig {
        base_url: base_url.into(),
        username: USER.into(),
        password: PASSWORD.to_owned().into(),
        auth: SynergyAuth::Basic,
        request_type: klacht_exact::fake::synergy::COMPLAINT_TYPE,
        key_field: "FreeTextField_10".into(),
        lookup_entity: "Request".into(),
        lookup_property: "FreeTextField_10".into(),
        fields: default_synergy_fields(),
    }
}

pub fn online_config(base_url: &str) -> OnlineConfig {
    OnlineConfig {
        base_url: base_url.into(),
        division: DIVISION,
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.to_owned().into(),
        account: Some("5b9e1ad0-0000-4000-8000-000000000001".into()),
        contact: None,
        assigned_to: None,
    }
}

pub const TIMEOUT: Duration = Duration::from_millis(700);
/// Longer than [`TIMEOUT`]: the answer is lost.
pub const TOO_SLOW: Duration = Duration::from_millis(1500);

/// A registration as a closed complaint gives it.
pub fn registration() -> Registration {
    Registration {
        complaint_id: ComplaintId::new(uuid::Uuid::now_v7()),
        reference: ReferenceNumber::new(2026, 42).expect("valid"),
        received_on: date(2026, 4, 24),
        channel: "telefoon".into(),
        complainant: Person {
            name: "Mevrouw J. de Vries".into(),
            email: Some("j.devries@example.nl".into()),
            phone: Some("06-12345678".into()),
            address: None,
        },
        representative: None,
        service: Some("Thuisbegeleiding".into()),
        category: Some("Bereikbaarheid".into()),
        cause: None,
        description: "Begeleider kwam twee keer niet opdagen.".into(),
        merit: Some("gegrond".into()),
        merit_reasoning: Some("Twee afspraken gemist.".into()),
        offer: None,
        offer_accepted: None,
        satisfaction: Some(4),
        satisfaction_comment: None,
        handler: Some(Person {
            name: "Fatima el Amrani".into(),
            ..Person::default()
        }),
        closed_on: date(2026, 5, 4),
        closing_note: None,
        round: 1,
    }
}

#[allow(unused_imports)] // not every test file uses them
pub use klacht_exact::fake::fixtures::{calendar, closed_complaint};

pub fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
