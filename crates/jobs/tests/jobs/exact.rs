//! The job round registers closed complaints in Exact when a product is
//! configured: here against the fake Synergy, on SQLite and PostgreSQL.

use jiff::Timestamp;
use klacht_app::Config;
use klacht_app::config::{ExactProduct, SynergyAuth, default_synergy_fields};
use klacht_exact::fake::SynergyState;
use klacht_exact::fake::fixtures::closed_complaint;
use klacht_exact::{DeliveryReport, ExactJob};
use klacht_jobs::{DeliveryConfig, Jobs};
use klacht_mail::SmtpMailer;
use klacht_store::{Store, store_tests};

async fn a_round_registers_closed_complaints_in_exact<S: Store>(store: S) {
    let now = Timestamp::from_second(1_777_000_000).expect("in range");
    let id = closed_complaint(&store, now).await;
    let state = SynergyState::new("svc", "pw");
    let fake = state
        .start(std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("fake");

    let mut config =
        Config::load(|name| (name == "KLACHT_CONFIG").then(|| "/dev/null".into())).expect("config");
    assert!(
        ExactJob::from_config(&config, store.clone())
            .expect("no product")
            .is_none(),
        "no product, no step"
    );
    config.exact.product = ExactProduct::Synergy;
    config.exact.synergy.base_url = fake.url();
    config.exact.synergy.username = "svc".into();
    config.exact.synergy.password = "pw".to_owned().into();
    config.exact.synergy.auth = SynergyAuth::Basic;
    config.exact.synergy.request_type = klacht_exact::fake::synergy::COMPLAINT_TYPE;
    config.exact.synergy.fields = default_synergy_fields();
    let job = ExactJob::from_config(&config, store.clone())
        .expect("valid")
        .expect("configured");
    let jobs =
        Jobs::<S, SmtpMailer>::new(store.clone(), None, DeliveryConfig::default()).with_exact(job);

    let report = jobs.run_once(now).await;
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(
        report.exact,
        Some(DeliveryReport {
            claimed: 1,
            sent: 1,
            retried: 0,
            failed: 0
        })
    );
    assert!(
        report
            .to_string()
            .contains("Exact: 1 opgepakt, 1 geregistreerd, 0 later opnieuw, 0 mislukt.")
    );
    let c = klacht_app::complaints::load(&store, id)
        .await
        .expect("load");
    assert_eq!(
        c.exact_registration().map(|e| e.value.exact_id.as_str()),
        Some("1001")
    );
    assert_eq!(state.requests().len(), 1);
    assert!(jobs.run_once(now).await.exact.is_some_and(|r| r.is_empty()));
    fake.stop().await;
}

store_tests!(a_round_registers_closed_complaints_in_exact);
