//! The integration tests of klacht-mail, one test binary (linking one
//! binary per file cost most of CI's time).

mod language;
mod offer;
mod reminders;
mod render;

/// The whole mail as one reviewable text: subject, plain part, HTML part.
/// A changed word shows up in the snapshot's diff.
fn snapshot(name: &str, m: &klacht_mail::MailMessage) {
    let whole = format!(
        "Subject: {}\n\n{}\n----- HTML -----\n{}",
        m.subject, m.text, m.html
    );
    insta::assert_snapshot!(name, whole);
}
