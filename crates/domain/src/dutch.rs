//! Dates and amounts as Dutch offices write them: the one place with the
//! names of the months and the days, used by pages, mail, documents and
//! reports alike.

use jiff::civil::Date;

pub use crate::complaint::{format_date as short_date, format_euro as euro};

/// The weekdays, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

/// The months, January first.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Short month names, for tables and chart axes.
pub const MONTHS_SHORT: [&str; 12] = [
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// "mei" for 5; months outside 1–12 are clamped.
pub fn month_name(month: i8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12).unsigned_abs()) - 1]
}

/// "mei" for 5, short.
pub fn month_short(month: i8) -> &'static str {
    MONTHS_SHORT[usize::from(month.clamp(1, 12).unsigned_abs()) - 1]
}

/// "vrijdag".
pub fn weekday_name(d: Date) -> &'static str {
    WEEKDAYS[usize::from(d.weekday().to_monday_zero_offset().unsigned_abs())]
}

/// "8 mei 2026".
pub fn day_month_year(d: Date) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

/// "vrijdag 8 mei 2026".
pub fn long_date(d: Date) -> String {
    format!("{} {}", weekday_name(d), day_month_year(d))
}

/// "woensdag 29 april".
pub fn day_and_month(d: Date) -> String {
    format!("{} {} {}", weekday_name(d), d.day(), month_name(d.month()))
}

/// A number with its noun in singular or plural: "1 klager", "2
/// klagers", "0 signalen".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A message as a sentence: capital first, full stop at the end
/// ("'12' is geen geldig telefoonnummer" → "'12' is geen geldig
/// telefoonnummer.").
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut s: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn counts_take_the_singular_for_one() {
        assert_eq!(count(1, "klager", "klagers"), "1 klager");
        assert_eq!(count(2, "klager", "klagers"), "2 klagers");
        assert_eq!(count(0, "signaal", "signalen"), "0 signalen");
        assert_eq!(count(1, "signaal", "signalen"), "1 signaal");
    }

    #[test]
    fn dates_read_as_dutch() {
        assert_eq!(long_date(date(2026, 4, 24)), "vrijdag 24 april 2026");
        assert_eq!(long_date(date(2027, 1, 4)), "maandag 4 januari 2027");
        assert_eq!(long_date(date(2028, 2, 29)), "dinsdag 29 februari 2028");
        assert_eq!(day_month_year(date(2026, 12, 31)), "31 december 2026");
        assert_eq!(day_and_month(date(2026, 4, 29)), "woensdag 29 april");
        assert_eq!(short_date(date(2026, 4, 24)), "24-04-2026");
        assert_eq!(month_short(3), "mrt");
        assert_eq!(euro(125_000), "€ 1.250,00");
    }

    #[test]
    fn every_month_and_weekday_has_its_name() {
        let mut d = date(2026, 1, 1);
        while d.year() == 2026 {
            assert!(long_date(d).ends_with(&format!(
                " {} 2026",
                MONTHS[usize::from(d.month().unsigned_abs()) - 1]
            )));
            d = d.tomorrow().expect("in range");
        }
        assert_eq!(weekday_name(date(2026, 12, 6)), "zondag");
    }
}
