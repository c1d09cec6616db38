//! Dates and amounts in Dutch, the reference language: for what is kept
//! in Dutch whatever the reader's language (the Logboek's entries) and for
//! tests that compare with a Dutch mail. A mail writes its dates with its
//! own context's words (`ctx.t.long_date(…)`), so that they follow the
//! recipient's language.

use jiff::Zoned;
use jiff::civil::Date;
use klacht_i18n::Tr;

const DUTCH: Tr = Tr::new(klacht_domain::Language::Nl);

/// "8 mei 2026".
pub fn day_month_year(d: Date) -> String {
    DUTCH.day_month_year(d)
}

/// "vrijdag 8 mei 2026".
pub fn long_date(d: Date) -> String {
    DUTCH.long_date(d)
}

/// "vrijdag 24 april 2026 om 16:45".
pub fn long_date_time(t: &Zoned) -> String {
    DUTCH.long_date_time(t)
}

/// "€ 1.250,00".
pub fn euro(cents: u64) -> String {
    DUTCH.euro(cents)
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
        assert_eq!(euro(125_000), "€ 1.250,00");
        let t = date(2026, 4, 24)
            .at(16, 45, 0, 0)
            .in_tz("Europe/Amsterdam")
            .expect("zone");
        assert_eq!(long_date_time(&t), "vrijdag 24 april 2026 om 16:45");
    }
}
