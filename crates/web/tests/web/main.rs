//! The integration tests of klacht-web, one test binary (linking one
//! binary per file cost most of CI's time).

mod api_support;
mod common;
mod complaints_support;
mod public_support;
mod reports_support;

mod absences;
mod admin;
mod agenda;
mod api_auth;
mod api_classify;
mod api_intake;
mod api_openapi;
mod api_phone_call;
mod api_visibility;
mod api_workflow;
mod authorization;
mod bulk_handover;
mod complaints_access;
mod complaints_form;
mod complaints_intake;
mod complaints_workflow;
mod dashboard;
mod dossier;
mod exact_export;
mod export;
mod health;
mod improvement;
mod mail;
mod offer_step;
mod operations;
mod overview;
mod phone_call;
mod procedure;
mod public_form;
mod public_mail;
mod public_status;
mod related;
mod reopen;
mod report;
mod signin;
mod staff_picker;
mod work_queue;
