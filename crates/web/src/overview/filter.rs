//! The overview's filters: from the query string to a [`ComplaintFilter`]
//! and back to links that keep them.

use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use klacht_domain::UserId;
use klacht_domain::complaint::Status;
use klacht_domain::terms::Step;
use klacht_i18n::Tr;
use klacht_store::{ComplaintFilter, Cursor};
use serde::Deserialize;

use crate::error::url_escape;

/// Rows per page.
pub const PAGE_SIZE: u32 = 50;

/// The query string of `/overzicht`, as typed. Everything is text so that
/// a bad value is reported on the page instead of failing it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OverviewQuery {
    pub status: String,
    /// `op_tijd`, `vandaag` or `te_laat`: the next step's term.
    pub termijn: String,
    /// The next step due: `report`, `contact`, `offer`, `record`.
    pub stap: String,
    pub categorie: String,
    /// User id of the handler.
    pub afhandelaar: String,
    /// User id of the responsible manager.
    pub team: String,
    /// Received on or after this date (`JJJJ-MM-DD`).
    pub van: String,
    /// Received on or before this date (`JJJJ-MM-DD`).
    pub tot: String,
    pub zoek: String,
    /// Where the previous page ended.
    pub na: String,
}

/// The term statuses the overview filters on, as (value, label).
pub const TERM_CHOICES: [(&str, &str); 3] = [
    ("op_tijd", "op tijd"),
    ("vandaag", "vandaag uiterlijk"),
    ("te_laat", "te laat"),
];

/// A term status of [`TERM_CHOICES`] as bounds on the next step's term
/// (see [`ComplaintFilter::next_due_from`]); blank is no bounds.
pub(crate) fn term_bounds(
    value: &str,
    today: Date,
) -> Result<(Option<Date>, Option<Date>), String> {
    let Some(t) = given(value) else {
        return Ok((None, None));
    };
    let tomorrow = today.tomorrow().unwrap_or(Date::MAX);
    let yesterday = today.yesterday().unwrap_or(Date::MIN);
    match t {
        "op_tijd" => Ok((Some(tomorrow), None)),
        "vandaag" => Ok((Some(today), Some(today))),
        "te_laat" => Ok((None, Some(yesterday))),
        other => Err(format!("Onbekende termijnstatus '{other}'.")),
    }
}

pub(crate) fn given(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

impl OverviewQuery {
    /// The store filter for this query on `today` (in `tz`), and a
    /// message in `t`'s language per value that could not be used (that
    /// filter is left out).
    pub fn to_filter(&self, today: Date, tz: &TimeZone, t: Tr) -> (ComplaintFilter, Vec<String>) {
        let mut errors = Vec::new();
        let mut f = ComplaintFilter {
            limit: PAGE_SIZE,
            ..Default::default()
        };
        if let Some(s) = given(&self.status) {
            match s.parse::<Status>() {
                Ok(status) => f.status = Some(status.as_str().into()),
                Err(e) => errors.push(t.refusal(e.refusal())),
            }
        }
        if let Some(s) = given(&self.stap) {
            match Step::ALL.into_iter().find(|step| step.as_str() == s) {
                Some(step) => f.next_step = Some(step.as_str().into()),
                None => errors.push(t.t1("overview-error-step", "value", s)),
            }
        }
        match term_bounds(&self.termijn, today) {
            Ok((from, to)) => (f.next_due_from, f.next_due_to) = (from, to),
            Err(_) => errors.push(t.t1("overview-error-term", "value", self.termijn.trim())),
        }
        f.category = given(&self.categorie).map(str::to_owned);
        f.handler = user_id(
            &self.afhandelaar,
            t.t("overview-error-handler"),
            &mut errors,
        );
        f.responsible_manager = user_id(&self.team, t.t("overview-error-team"), &mut errors);
        let from = date(&self.van, t, "overview-received-from", &mut errors);
        let to = date(&self.tot, t, "overview-received-to", &mut errors);
        // Dates are days in the organisation's zone: from the start of
        // `van` up to the start of the day after `tot`.
        f.received_from = from.and_then(|d| d.to_zoned(tz.clone()).ok().map(|z| z.timestamp()));
        f.received_before = to.and_then(|d| {
            d.checked_add(1.day())
                .ok()
                .and_then(|next| next.to_zoned(tz.clone()).ok())
                .map(|z| z.timestamp())
        });
        f.text = given(&self.zoek).map(str::to_owned);
        if let Some(na) = given(&self.na) {
            match Cursor::decode(na) {
                Some(c) => f.after = Some(c),
                None => errors.push(t.t("overview-error-page")),
            }
        }
        (f, errors)
    }

    /// The query string of these filters (without the page), for links;
    /// empty when no filter is set.
    pub fn filters_query(&self) -> String {
        let pairs = [
            ("status", &self.status),
            ("termijn", &self.termijn),
            ("stap", &self.stap),
            ("categorie", &self.categorie),
            ("afhandelaar", &self.afhandelaar),
            ("team", &self.team),
            ("van", &self.van),
            ("tot", &self.tot),
            ("zoek", &self.zoek),
        ];
        pairs
            .iter()
            .filter_map(|(k, v)| given(v).map(|v| format!("{k}={}", url_escape(v))))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The link to the page after `cursor`, with the same filters.
    pub fn next_link(&self, cursor: &Cursor) -> String {
        let filters = self.filters_query();
        let sep = if filters.is_empty() { "" } else { "&" };
        format!(
            "/overzicht?{filters}{sep}na={}",
            url_escape(&cursor.encode())
        )
    }

    /// The first page with the same filters.
    pub fn first_link(&self) -> String {
        let filters = self.filters_query();
        if filters.is_empty() {
            "/overzicht".into()
        } else {
            format!("/overzicht?{filters}")
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.filters_query().is_empty()
    }
}

fn user_id(s: &str, unknown: String, errors: &mut Vec<String>) -> Option<UserId> {
    let s = given(s)?;
    match s.parse() {
        Ok(id) => Some(id),
        Err(_) => {
            errors.push(unknown);
            None
        }
    }
}

fn date(s: &str, t: Tr, field: &str, errors: &mut Vec<String>) -> Option<Date> {
    let s = given(s)?;
    match s.parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(t.t2("overview-error-date", "field", t.t(field), "value", s));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    fn ams() -> TimeZone {
        TimeZone::get("Europe/Amsterdam").expect("zone")
    }

    #[test]
    fn term_statuses_become_bounds_on_the_next_term() {
        let today = d(2026, 4, 24);
        let q = |t: &str| OverviewQuery {
            termijn: t.into(),
            ..Default::default()
        };
        let (f, e) = q("te_laat").to_filter(today, &ams(), Tr::default());
        assert!(e.is_empty());
        assert_eq!(
            (f.next_due_from, f.next_due_to),
            (None, Some(d(2026, 4, 23)))
        );
        let (f, _) = q("vandaag").to_filter(today, &ams(), Tr::default());
        assert_eq!((f.next_due_from, f.next_due_to), (Some(today), Some(today)));
        let (f, _) = q("op_tijd").to_filter(today, &ams(), Tr::default());
        assert_eq!(
            (f.next_due_from, f.next_due_to),
            (Some(d(2026, 4, 25)), None)
        );
        let (f, e) = q("morgen").to_filter(today, &ams(), Tr::default());
        assert_eq!(e.len(), 1);
        assert_eq!((f.next_due_from, f.next_due_to), (None, None));
    }

    #[test]
    fn periods_are_whole_days_in_the_organisations_zone() {
        let q = OverviewQuery {
            van: "2026-04-01".into(),
            tot: "2026-04-30".into(),
            ..Default::default()
        };
        let (f, e) = q.to_filter(d(2026, 5, 1), &ams(), Tr::default());
        assert!(e.is_empty());
        assert_eq!(
            f.received_from,
            Some("2026-03-31T22:00:00Z".parse().expect("instant"))
        );
        assert_eq!(
            f.received_before,
            Some("2026-04-30T22:00:00Z".parse().expect("instant"))
        );
    }

    #[test]
    fn bad_values_are_reported_and_left_out() {
        let q = OverviewQuery {
            status: "vrolijk".into(),
            afhandelaar: "iemand".into(),
            van: "1-4-2026".into(),
            na: "rommel".into(),
            ..Default::default()
        };
        let (f, e) = q.to_filter(d(2026, 5, 1), &ams(), Tr::default());
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(f.status.is_none() && f.handler.is_none() && f.received_from.is_none());
        assert!(f.after.is_none());
    }

    #[test]
    fn links_keep_the_filters_and_escape_them() {
        let q = OverviewQuery {
            status: "in_progress".into(),
            zoek: "te laat & boos".into(),
            na: "ignored".into(),
            ..Default::default()
        };
        assert_eq!(
            q.first_link(),
            "/overzicht?status=in_progress&zoek=te%20laat%20%26%20boos"
        );
        let cursor = Cursor {
            received_at: jiff::Timestamp::from_second(1_777_000_000).expect("in range"),
            id: klacht_domain::ComplaintId::new(uuid_nil()),
        };
        let next = q.next_link(&cursor);
        assert!(
            next.starts_with("/overzicht?status=in_progress&zoek="),
            "{next}"
        );
        assert!(
            next.ends_with(&format!("&na={}", cursor.encode())),
            "{next}"
        );
        assert_eq!(OverviewQuery::default().first_link(), "/overzicht");
        assert!(
            OverviewQuery::default()
                .next_link(&cursor)
                .starts_with("/overzicht?na=")
        );
    }

    fn uuid_nil() -> uuid::Uuid {
        uuid::Uuid::nil()
    }
}
