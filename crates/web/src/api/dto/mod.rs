//! Request bodies of the API and their parsing into domain types. Each
//! body is read once, every wrong field is reported at once (422 with
//! `errors`), and from then on only domain types travel. The bodies of the
//! workflow actions are in `actions`.

mod actions;

pub use actions::*;

use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    Channel, ComplaintError, Field, Kind, NewComplaint, Party, PartyField, PartyRole, PartyText,
    intake,
};
use klacht_domain::{Email, Language, ParseError, RefusalCode, User, UserId};
use klacht_store::Store;
use serde::Deserialize;

use super::error::{ApiError, FieldError};
use crate::error::Words;

/// Collects what is wrong with a body, field by field.
#[derive(Default)]
pub struct Check(Vec<FieldError>);

impl Check {
    /// A field's message in any language.
    pub fn say(&mut self, field: &str, words: Words) {
        self.0.push(FieldError::said(field, words));
    }

    /// Present and not blank.
    pub fn text(&mut self, field: &str, value: Option<String>) -> Option<String> {
        match value {
            Some(v) if !v.trim().is_empty() => Some(v),
            _ => {
                self.say(field, Words::key("api-required"));
                None
            }
        }
    }

    /// Present, not blank, and parses.
    pub fn parse<T: FromStr<Err = ParseError>>(
        &mut self,
        field: &str,
        value: Option<String>,
    ) -> Option<T> {
        let text = self.text(field, value)?;
        self.ok(field, text.parse())
    }

    /// Absent, or parses: `Some(None)` for absent, `None` when wrong. A
    /// blank value is wrong, not absent: the document gives these fields a
    /// format, and leaving one out (or `null`) is how to say "none".
    pub fn optional<T: FromStr<Err = ParseError>>(
        &mut self,
        field: &str,
        value: Option<String>,
    ) -> Option<Option<T>> {
        match value {
            None => Some(None),
            Some(v) if v.trim().is_empty() => {
                self.say(field, Words::key("api-blank"));
                None
            }
            Some(v) => self.ok(field, v.parse()).map(Some),
        }
    }

    pub fn date(&mut self, field: &str, value: Option<String>) -> Option<Date> {
        let text = self.text(field, value)?;
        self.ok(field, parse_date(&text))
    }

    pub fn optional_date(&mut self, field: &str, value: Option<String>) -> Option<Option<Date>> {
        match value {
            None => Some(None),
            Some(v) if v.trim().is_empty() => {
                self.say(field, Words::key("api-blank"));
                None
            }
            Some(v) => self.ok(field, parse_date(&v)).map(Some),
        }
    }

    pub fn ok<T>(&mut self, field: &str, result: Result<T, ParseError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.say(field, Words::Refusal(e.into_refusal()));
                None
            }
        }
    }

    /// `Ok` when nothing was wrong.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::fields(self.0))
        }
    }

    /// The 422 for a body whose checks passed but whose parts are
    /// missing; unreachable when every `None` was reported.
    pub(super) fn incomplete(self) -> ApiError {
        if self.0.is_empty() {
            ApiError::field_said("body", Words::key("api-incomplete"))
        } else {
            ApiError::fields(self.0)
        }
    }
}

pub fn parse_date(s: &str) -> Result<Date, ParseError> {
    let s = s.trim();
    if s.len() != 10 {
        return Err(ParseError::new(RefusalCode::NotADay.text("input", s)));
    }
    s.parse()
        .map_err(|_| ParseError::new(RefusalCode::NoSuchDay.text("input", s)))
}

/// A staff member named by e-mail address in a body: 422 on that field when
/// the address is malformed, unknown or the account is inactive.
pub async fn person<S: Store>(
    store: &S,
    field: &str,
    email: Option<String>,
) -> Result<User, ApiError> {
    let mut check = Check::default();
    let Some(email) = check.parse::<Email>(field, email) else {
        return Err(check.incomplete());
    };
    match store.user_by_email(&email).await? {
        Some(r) if r.active => Ok(r.user),
        Some(_) => Err(ApiError::field_said(
            field,
            Words::key1("api-user-inactive", "email", email.to_string()),
        )),
        None => Err(ApiError::field_said(
            field,
            Words::key1("api-user-unknown", "email", email.to_string()),
        )),
    }
}

/// A party (complainant or representative) as sent.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyBody {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

impl Check {
    /// A verdict of the domain, at the body's name of its field.
    pub fn refused(&mut self, e: &ComplaintError) {
        let field = e.field().map_or_else(|| "body".to_owned(), field_name);
        self.say(&field, Words::Refusal(e.refusal().clone()));
    }
}

/// The body's name of each field the domain can refuse: the JSON path,
/// as in `errors[].field`.
pub fn field_name(field: Field) -> String {
    let part = |p| match p {
        PartyField::Name => "name",
        PartyField::Email => "email",
        PartyField::Phone => "phone",
        PartyField::Address => "address",
    };
    match field {
        Field::ReceivedAt => "received_at".into(),
        Field::Complainant(p) => format!("complainant.{}", part(p)),
        Field::Representative(p) => format!("representative.{}", part(p)),
        Field::Service => "service".into(),
        Field::Description => "description".into(),
        Field::Category => "category".into(),
        Field::Cause => "cause".into(),
    }
}

fn party(check: &mut Check, role: PartyRole, p: PartyBody) -> Option<Party> {
    if p.email.as_deref().is_some_and(|e| e.trim().is_empty()) {
        let prefix = match role {
            PartyRole::Complainant => "complainant",
            PartyRole::Representative => "representative",
        };
        check.say(&format!("{prefix}.email"), Words::key("api-blank"));
        return None;
    }
    let text = PartyText {
        name: p.name.as_deref().unwrap_or_default(),
        email: p.email.as_deref().unwrap_or_default(),
        phone: p.phone.as_deref().unwrap_or_default(),
        address: p.address.as_deref().unwrap_or_default(),
    };
    text.parse(role)
        .map_err(|errors| errors.iter().for_each(|e| check.refused(e)))
        .ok()
}

/// `POST /complaints`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewComplaintBody {
    pub received_at: Option<String>,
    pub channel: Option<String>,
    pub complainant: Option<PartyBody>,
    pub representative: Option<PartyBody>,
    pub description: Option<String>,
    pub involved_employees: Option<Vec<String>>,
    pub service: Option<String>,
    pub kind: Option<String>,
    pub category: Option<String>,
    pub cause: Option<String>,
    /// The complainant's language (`nl`, `en`): their mails, letters and
    /// status page follow it. Dutch when absent.
    pub language: Option<String>,
}

impl NewComplaintBody {
    /// Parses the body, with the complainant's language; involved
    /// employees are looked up by e-mail address, and each unknown one is
    /// named.
    pub async fn parse<S: Store>(
        self,
        store: &S,
        calendar: &WorkingCalendar,
        now: Timestamp,
    ) -> Result<(NewComplaint, Language), ApiError> {
        let mut check = Check::default();
        let language = match self.language.as_deref().map(str::trim) {
            None => Some(Language::default()),
            // Only the exact codes: the document lists them as an enum.
            Some(code) => {
                let language = Language::ALL.into_iter().find(|l| l.code() == code);
                if language.is_none() {
                    check.say(
                        "language",
                        Words::key1(
                            "api-language",
                            "value",
                            code.chars().take(40).collect::<String>(),
                        ),
                    );
                }
                language
            }
        };
        let received_at = check
            .text("received_at", self.received_at)
            .and_then(|t| check.ok("received_at", calendar.parse_received(&t)))
            .and_then(|at| {
                intake::received_at(at.to_zoned(calendar.time_zone().clone()), now)
                    .map_err(|e| check.refused(&e))
                    .ok()
            });
        let channel = check.parse::<Channel>("channel", self.channel);
        let complainant = match self.complainant {
            Some(p) => party(&mut check, PartyRole::Complainant, p),
            None => {
                check.say("complainant", Words::key("api-required"));
                None
            }
        };
        let representative = match self.representative {
            Some(p) => party(&mut check, PartyRole::Representative, p).map(Some),
            None => Some(None),
        };
        let description = intake::description(self.description.as_deref().unwrap_or_default())
            .map_err(|e| check.refused(&e))
            .ok();
        let service = intake::short(Field::Service, self.service.as_deref())
            .map_err(|e| check.refused(&e))
            .ok();
        let kind = check.optional::<Kind>("kind", self.kind);
        let involved = match self.involved_employees {
            None => {
                check.say("involved_employees", Words::key("api-required-list"));
                None
            }
            Some(emails) => involved(store, &mut check, emails).await?,
        };
        let (category, cause) =
            classification(store, &mut check, self.category, self.cause).await?;
        check.finish()?;
        let (
            Some(language),
            Some(received_at),
            Some(channel),
            Some(complainant),
            Some(representative),
            Some(description),
            Some(kind),
            Some(involved_employees),
            Some(service),
        ) = (
            language,
            received_at,
            channel,
            complainant,
            representative,
            description,
            kind,
            involved,
            service,
        )
        else {
            return Err(Check::default().incomplete());
        };
        let new = NewComplaint {
            kind: kind.unwrap_or(Kind::Complaint),
            channel,
            received_at,
            complainant,
            representative,
            service,
            involved_employees,
            description,
            category,
            cause,
        };
        Ok((new, language))
    }
}

/// Category and cause must be active values of the administrator's lists
/// (DESIGN §6); they are returned in the lists' own spelling.
async fn classification<S: Store>(
    store: &S,
    check: &mut Check,
    category: Option<String>,
    cause: Option<String>,
) -> Result<(Option<String>, Option<String>), ApiError> {
    let given = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
    if !given(&category) && !given(&cause) {
        return Ok((None, None));
    }
    let lists = klacht_app::improvement::Lists::load(store).await?;
    let mut one = |field: &str, kind, value: Option<String>| match lists.check(
        kind,
        value.as_deref(),
        None,
    ) {
        Ok(v) => v,
        Err(e) => {
            check.say(field, Words::Refusal(e.refusal));
            None
        }
    };
    let category = one("category", klacht_store::ListKind::Category, category);
    let cause = one("cause", klacht_store::ListKind::Cause, cause);
    Ok((category, cause))
}

async fn involved<S: Store>(
    store: &S,
    check: &mut Check,
    emails: Vec<String>,
) -> Result<Option<Vec<UserId>>, ApiError> {
    let mut ids = Vec::with_capacity(emails.len());
    let mut complete = true;
    for (i, text) in emails.iter().enumerate() {
        let field = format!("involved_employees[{i}]");
        let Some(email) = check.ok(&field, Email::parse(text)) else {
            complete = false;
            continue;
        };
        match store.user_by_email(&email).await? {
            Some(r) => ids.push(r.user.id),
            None => {
                check.say(
                    &field,
                    Words::key1("api-employee-unknown", "email", email.to_string()),
                );
                complete = false;
            }
        }
    }
    Ok(complete.then_some(ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_plain_calendar_days() {
        assert_eq!(parse_date("2026-04-24"), Ok(jiff::civil::date(2026, 4, 24)));
        for bad in ["2026-4-24", "24-04-2026", "2026-02-30", "2026-04-24T10:00"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
