//! Calendar feeds (issue 4): per user a secret URL (`/agenda/{token}.ics`)
//! with the open terms of the complaints they handle or answer for as
//! responsible manager, and the open agreed actions with a due date they
//! own or answer for (issue 12), for Outlook and phones. The database keeps only the
//! SHA-256 hash of the secret; the URL is shown once, when it is made.
//! Making, replacing and removing a feed are logged (Logboek) in the same
//! transaction.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::User;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::reminders::OpenTerms;
use klacht_domain::reminders::actions::OpenAction;
use klacht_store::{AuditEntry, OpenComplaintQuery, Store, StoreError};
use secrecy::SecretString;

use crate::auth::{AuthError, hash_token, new_token};

/// The most complaints one feed lists (a handler has far fewer).
pub const FEED_LIMIT: usize = 2000;

/// The local hour of a feed entry's alarm, the working day before.
pub const ALARM_HOUR: i8 = 9;

/// Where a term (or agreed action) due on `due` goes in the feed seen on
/// `today`, and when the calendar reminds of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The due day; today for a term that is overdue, so that it stays in
    /// sight instead of sinking into the past.
    pub date: Date,
    pub overdue: bool,
    /// [`ALARM_HOUR`] local time on the working day before the term (as
    /// the mail reminder `day_before`); none for an overdue term, whose
    /// alarm would move every day and fire again.
    pub alarm: Option<Timestamp>,
}

pub fn place(due: Date, today: Date, calendar: &WorkingCalendar) -> Placement {
    if due < today {
        return Placement {
            date: today,
            overdue: true,
            alarm: None,
        };
    }
    let day_before = klacht_domain::reminders::ReminderKind::DayBefore.send_day(due, calendar);
    let alarm = day_before
        .at(ALARM_HOUR, 0, 0, 0)
        .to_zoned(calendar.time_zone().clone())
        .ok()
        .map(|z| z.timestamp());
    Placement {
        date: due,
        overdue: false,
        alarm,
    }
}

fn audit(user: &User, kind: &str, details: &str, at: Timestamp) -> AuditEntry {
    AuditEntry {
        id: uuid::Uuid::now_v7(),
        at,
        actor: Some(user.id),
        actor_name: user.name.clone(),
        kind: kind.into(),
        subject: user.email.to_string(),
        details: details.into(),
    }
}

/// Makes the user's feed, or replaces its secret (the old URL stops
/// working at once). Returns the new secret, for the caller to show once.
pub async fn issue_feed<S: Store>(
    store: &S,
    user: &User,
    now: Timestamp,
) -> Result<SecretString, AuthError> {
    let token = new_token()
        .map_err(|e| AuthError::Password(crate::password::PasswordError::Hash(e.to_string())))?;
    let entry = if store.calendar_feed(user.id).await?.is_some() {
        audit(
            user,
            "calendar_feed.reset",
            "Nieuw adres voor het agenda-abonnement; het oude werkt niet meer.",
            now,
        )
    } else {
        audit(
            user,
            "calendar_feed.created",
            "Agenda-abonnement aangemaakt.",
            now,
        )
    };
    store
        .put_calendar_feed(user.id, &hash_token(&token), now, &entry)
        .await?;
    Ok(token.into())
}

/// Removes the user's feed; false when there was none.
pub async fn remove_feed<S: Store>(
    store: &S,
    user: &User,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let entry = audit(
        user,
        "calendar_feed.removed",
        "Agenda-abonnement opgeheven.",
        now,
    );
    store.delete_calendar_feed(user.id, &entry).await
}

/// Whether `token` has the shape of a feed secret (64 hex digits), so
/// that garbage is turned away without a database query.
pub fn is_token_shaped(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The active user whose feed this secret opens.
pub async fn feed_user<S: Store>(store: &S, token: &str) -> Result<Option<User>, StoreError> {
    if !is_token_shaped(token) {
        return Ok(None);
    }
    Ok(store
        .user_by_calendar_feed(&hash_token(token))
        .await?
        .map(|u| u.user))
}

/// The open terms of the complaints `user` handles or answers for, on the
/// current calendar, from their streams (one query per page of
/// complaints). A stream that does not fold is logged and left out.
pub async fn open_terms_of<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    user: &User,
) -> Result<Vec<OpenTerms>, StoreError> {
    let mut query = OpenComplaintQuery {
        responsible: Some(user.id),
        limit: 500,
        ..Default::default()
    };
    let mut open = Vec::new();
    let mut read = 0;
    loop {
        let page = store.open_complaints(&query).await?;
        read += page.items.len();
        let ids: Vec<_> = page.items.iter().map(|r| r.id).collect();
        for (id, events) in store.events_of(&ids).await? {
            match crate::complaints::replay(id, &events) {
                Ok(c) => open.extend(OpenTerms::of(&c, calendar)),
                Err(e) => tracing::error!(complaint = %id, error = %e, "stream unreadable"),
            }
        }
        match page.next {
            Some(next) if read < FEED_LIMIT => query.after = Some(next),
            _ => break,
        }
    }
    // The handler or the responsible manager; never an assistant's or a
    // registrant's complaint.
    open.retain(|o| o.handler == Some(user.id) || o.responsible_manager == Some(user.id));
    Ok(open)
}

/// The open agreed actions with a due date that concern `user`: as their
/// owner, or as handler or responsible manager of the complaint (issue 12).
pub async fn open_actions_of<S: Store>(
    store: &S,
    user: &User,
) -> Result<Vec<OpenAction>, StoreError> {
    let mut open = crate::follow_up::open_actions(store).await?.actions;
    open.retain(|a| a.concerns(user.id));
    Ok(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    use jiff::civil::date;

    fn utc(s: &str) -> Timestamp {
        s.parse().expect("an instant")
    }

    #[test]
    fn the_alarm_is_at_nine_on_the_working_day_before() {
        let cal = WorkingCalendar::netherlands_default();
        let today = date(2026, 4, 20);
        // Wednesday 29 April 2026: Tuesday 28 April, 09:00 summer time.
        let p = place(date(2026, 4, 29), today, &cal);
        assert_eq!(p.date, date(2026, 4, 29));
        assert!(!p.overdue);
        assert_eq!(p.alarm, Some(utc("2026-04-28T07:00:00Z")));
        // Tuesday 28 April: Monday 27 April is Koningsdag, so Friday 24 April.
        let p = place(date(2026, 4, 28), today, &cal);
        assert_eq!(p.alarm, Some(utc("2026-04-24T07:00:00Z")));
        // Monday 2 March 2026, winter time: Friday 27 February, 09:00 = 08:00 UTC.
        let p = place(date(2026, 3, 2), date(2026, 2, 1), &cal);
        assert_eq!(p.alarm, Some(utc("2026-02-27T08:00:00Z")));
        // Monday 4 January 2027: the day before is Thursday 31 December
        // (1 January is Nieuwjaarsdag), across the year.
        let p = place(date(2027, 1, 4), date(2026, 12, 30), &cal);
        assert_eq!(p.alarm, Some(utc("2026-12-31T08:00:00Z")));
    }

    #[test]
    fn an_overdue_term_shows_today_without_an_alarm() {
        let cal = WorkingCalendar::netherlands_default();
        let today = date(2026, 5, 12);
        let p = place(date(2026, 5, 8), today, &cal);
        assert_eq!(
            p,
            Placement {
                date: today,
                overdue: true,
                alarm: None
            }
        );
        // Due today is not overdue: on its own day, alarm the day before.
        let p = place(today, today, &cal);
        assert_eq!(p.date, today);
        assert!(!p.overdue);
        assert_eq!(p.alarm, Some(utc("2026-05-11T07:00:00Z")));
    }

    #[test]
    fn only_hex_secrets_of_the_right_length_are_looked_up() {
        assert!(is_token_shaped(&"a1".repeat(32)));
        assert!(!is_token_shaped(&"a1".repeat(31)));
        assert!(!is_token_shaped(&"zz".repeat(32)));
        assert!(!is_token_shaped(""));
    }
}
