//! The integration tests of klacht-app, one test binary (linking one
//! binary per file cost most of CI's time).

mod absences;
mod auth;
mod complaints;
mod dossier;
mod letter;
mod links;
mod mail_language;
mod retention;
mod staff_mail_english;
mod work_queue;
