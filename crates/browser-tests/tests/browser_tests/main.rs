//! The browser tests, one test binary (linking one binary per file cost
//! most of CI's time). Chromium sessions take turns (`browser()`).

#[path = "../../../web/tests/web/oidc_provider/mod.rs"]
mod oidc_provider;
#[path = "../../../web/tests/web/reports_support/mod.rs"]
mod reports_support;

mod dashboard;
mod dossier;
mod english;
mod hand_offs;
mod pages;
mod procedure;
mod public;
mod signin;
mod sso;
mod taps;
mod work_queue;
mod workflow;
