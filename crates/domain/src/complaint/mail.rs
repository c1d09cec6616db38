//! A complainant's e-mail to an open complaint (issue 17 §2): a reply to
//! klacht's mail, recognised by the address it was sent to.

use super::validate::LONG;
use super::{ComplainantMail, Complaint, ComplaintError, Event, Kind};
use crate::refusal::Code;

/// Longest subject kept.
const SUBJECT_MAX: usize = 500;

/// The event of a complainant's e-mail to `c`, or why it cannot be added
/// there: a closed complaint or a signal has no open handling that the
/// mail could go to, so it becomes an ordinary intake item instead.
pub fn record_complainant_mail(
    c: &Complaint,
    mail: ComplainantMail,
) -> Result<Vec<Event>, ComplaintError> {
    if c.kind() != Kind::Complaint {
        return Err(ComplaintError::wrong_state(Code::SignalNoHandling));
    }
    if c.closed().is_some() {
        return Err(ComplaintError::wrong_state(Code::ComplaintClosed));
    }
    let subject: String = mail.subject.trim().chars().take(SUBJECT_MAX).collect();
    let text: String = mail.text.trim().chars().take(LONG).collect();
    Ok(vec![Event::ComplainantMailed(ComplainantMail {
        from: mail.from.trim().to_owned(),
        subject,
        text,
        attachments: mail.attachments,
    })])
}
