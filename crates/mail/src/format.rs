//! Dates and amounts as a Dutch letter writes them.

use jiff::Zoned;
use jiff::civil::Date;

const WEEKDAYS: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const MONTHS: [&str; 12] = [
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

/// "vrijdag 8 mei 2026".
pub fn long_date(d: Date) -> String {
    let weekday = WEEKDAYS[usize::from(d.weekday().to_monday_zero_offset().unsigned_abs())];
    format!("{weekday} {}", day_month_year(d))
}

/// "8 mei 2026".
pub fn day_month_year(d: Date) -> String {
    let month = MONTHS[usize::from(d.month().unsigned_abs()).saturating_sub(1)];
    format!("{} {month} {}", d.day(), d.year())
}

/// "vrijdag 24 april 2026 om 16:45".
pub fn long_date_time(t: &Zoned) -> String {
    format!("{} om {}", long_date(t.date()), t.strftime("%H:%M"))
}

/// "€ 1.250,00".
pub fn euro(cents: u64) -> String {
    klacht_domain::complaint::format_euro(cents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_read_as_in_a_dutch_letter() {
        assert_eq!(long_date(date(2026, 5, 8)), "vrijdag 8 mei 2026");
        assert_eq!(long_date(date(2026, 4, 27)), "maandag 27 april 2026");
        assert_eq!(day_month_year(date(2026, 12, 31)), "31 december 2026");
        let t = date(2026, 4, 24)
            .at(16, 45, 0, 0)
            .in_tz("Europe/Amsterdam")
            .expect("zone");
        assert_eq!(long_date_time(&t), "vrijdag 24 april 2026 om 16:45");
    }
}
