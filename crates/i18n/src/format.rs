//! Dates and amounts as each language writes them. Dutch keeps the forms
//! of `klacht_domain::dutch` (the reference); English is British usage,
//! day before month, which no European reader misreads.

use jiff::Zoned;
use jiff::civil::Date;
use klacht_domain::{Language, dutch};

const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(language: Language, month: i8) -> &'static str {
    match language {
        Language::Nl => dutch::month_name(month),
        Language::En => MONTHS_EN[usize::from(month.clamp(1, 12).unsigned_abs()) - 1],
    }
}

fn weekday_en(d: Date) -> &'static str {
    WEEKDAYS_EN[usize::from(d.weekday().to_monday_zero_offset().unsigned_abs())]
}

pub fn short_date(language: Language, d: Date) -> String {
    match language {
        Language::Nl => dutch::short_date(d),
        Language::En => format!(
            "{} {} {}",
            d.day(),
            &month_name(language, d.month())[..3],
            d.year()
        ),
    }
}

pub fn day_month_year(language: Language, d: Date) -> String {
    match language {
        Language::Nl => dutch::day_month_year(d),
        Language::En => format!(
            "{} {} {}",
            d.day(),
            month_name(language, d.month()),
            d.year()
        ),
    }
}

pub fn long_date(language: Language, d: Date) -> String {
    match language {
        Language::Nl => dutch::long_date(d),
        Language::En => format!("{} {}", weekday_en(d), day_month_year(language, d)),
    }
}

pub fn day_and_month(language: Language, d: Date) -> String {
    match language {
        Language::Nl => dutch::day_and_month(d),
        Language::En => format!(
            "{} {} {}",
            weekday_en(d),
            d.day(),
            month_name(language, d.month())
        ),
    }
}

fn at(language: Language) -> &'static str {
    match language {
        Language::Nl => "om",
        Language::En => "at",
    }
}

pub fn long_date_time(language: Language, t: &Zoned) -> String {
    format!(
        "{} {} {}",
        long_date(language, t.date()),
        at(language),
        t.strftime("%H:%M")
    )
}

pub fn date_time(language: Language, t: &Zoned) -> String {
    format!(
        "{} {} {}",
        short_date(language, t.date()),
        at(language),
        t.strftime("%H:%M")
    )
}

pub fn euro(language: Language, cents: u64) -> String {
    match language {
        Language::Nl => dutch::euro(cents),
        Language::En => {
            let euros = (cents / 100).to_string();
            let mut grouped = String::with_capacity(euros.len() + euros.len() / 3);
            for (i, digit) in euros.chars().enumerate() {
                if i > 0 && (euros.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(digit);
            }
            format!("€{grouped}.{:02}", cents % 100)
        }
    }
}
