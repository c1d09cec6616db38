//! The integration tests of klacht-mail, one test binary (linking one
//! binary per file cost most of CI's time).

mod reminders;
mod render;
