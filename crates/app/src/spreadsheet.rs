//! Text cells that a spreadsheet program shows and never runs (OWASP CSV
//! injection): every CSV klacht writes passes its cells through
//! [`safe_cell`].

use std::borrow::Cow;

/// A cell as CSV may carry it. Text that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be read as a formula (`=HYPERLINK(…)`,
/// `@SUM(1)`, `+31…`); it gets a leading apostrophe, which Excel and
/// LibreOffice show as text. A number stays a number (`-12,50`, `+3`).
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    let dangerous = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if dangerous && !is_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A plain decimal number, Dutch or English: an optional sign, digits,
/// at most one decimal separator.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let mut separators = 0;
    let mut any_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => any_digit = true,
            ',' | '.' => separators += 1,
            _ => return false,
        }
    }
    any_digit && separators <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_numbers_stay_numbers() {
        for (typed, written) in [
            (
                "=HYPERLINK(\"http://x\",\"klik\")",
                "'=HYPERLINK(\"http://x\",\"klik\")",
            ),
            ("@SUM(1)", "'@SUM(1)"),
            ("+31 6 12345678", "'+31 6 12345678"),
            ("-1+1", "'-1+1"),
            ("\tcmd", "'\tcmd"),
            ("\r=1", "'\r=1"),
            ("=1", "'=1"),
            ("-", "'-"),
            ("-12,50", "-12,50"),
            ("+3", "+3"),
            ("-0.5", "-0.5"),
            ("Mevrouw J. de Vries", "Mevrouw J. de Vries"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(safe_cell(typed), written, "{typed:?}");
        }
    }
}
