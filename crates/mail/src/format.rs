//! Dates and amounts as a Dutch letter writes them.

use jiff::Zoned;

pub use klacht_domain::dutch::{day_month_year, long_date};

/// "vrijdag 24 april 2026 om 16:45".
pub fn long_date_time(t: &Zoned) -> String {
    format!("{} om {}", long_date(t.date()), t.strftime("%H:%M"))
}

pub use klacht_domain::dutch::euro;

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
