//! The few lines of iCalendar (RFC 5545) a feed of all-day terms needs:
//! CRLF line ends, TEXT escaping (§3.3.11) and folding at 75 octets
//! (§3.1). Written by hand: the `icalendar` crate would bring chrono into a
//! code base that counts time with jiff, for what is fifty lines.

use jiff::Timestamp;
use jiff::civil::Date;

/// One all-day entry of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllDayEvent {
    /// Stable across fetches, so a calendar updates the entry in place.
    pub uid: String,
    pub date: Date,
    pub summary: String,
    pub description: String,
    pub url: String,
    /// A reminder at this instant (a `VALARM` with an absolute trigger).
    pub alarm: Option<Timestamp>,
}

/// A whole `VCALENDAR` of all-day events, as of `now` (the DTSTAMP).
pub fn calendar(name: &str, events: &[AllDayEvent], now: Timestamp) -> String {
    let mut out = String::with_capacity(256 + events.len() * 400);
    let stamp = utc_stamp(now);
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//klacht//Termijnen//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    // Ask subscribing clients to look again every hour.
    push_line(&mut out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    push_line(&mut out, "X-PUBLISHED-TTL:PT1H");
    for e in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape_text(&e.uid)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", ical_date(e.date)),
        );
        // DTEND is exclusive: the day after.
        let end = e.date.tomorrow().unwrap_or(e.date);
        push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ical_date(end)));
        push_line(&mut out, &format!("SUMMARY:{}", escape_text(&e.summary)));
        push_line(
            &mut out,
            &format!("DESCRIPTION:{}", escape_text(&e.description)),
        );
        // URL is a URI value, not TEXT: no escaping, only folding.
        push_line(&mut out, &format!("URL:{}", e.url));
        // A term takes no time in the day: do not show it as busy.
        push_line(&mut out, "TRANSP:TRANSPARENT");
        if let Some(alarm) = e.alarm {
            push_line(&mut out, "BEGIN:VALARM");
            push_line(&mut out, "ACTION:DISPLAY");
            push_line(
                &mut out,
                &format!("TRIGGER;VALUE=DATE-TIME:{}", utc_stamp(alarm)),
            );
            push_line(
                &mut out,
                &format!("DESCRIPTION:{}", escape_text(&e.summary)),
            );
            push_line(&mut out, "END:VALARM");
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// A DATE-TIME in UTC (§3.3.5, form 2).
fn utc_stamp(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn ical_date(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// TEXT escaping: backslash, semicolon, comma and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so that no line exceeds 75 octets
/// (continuations start with one space, which counts), never inside a
/// UTF-8 character, and ended with CRLF.
pub fn push_line(out: &mut String, line: &str) {
    const MAX: usize = 75;
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > MAX {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Unfolds (§3.1) and splits into content lines.
    fn unfold(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a,b;c\\d\ne\r\nf\u{7}g"),
            "a\\,b\\;c\\\\d\\ne\\nfg"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let text = format!("DESCRIPTION:{}", "é".repeat(100));
        push_line(&mut out, &text);
        assert!(out.ends_with("\r\n"));
        for line in out.trim_end_matches("\r\n").split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(unfold(&out), [text]);
        // Exactly 75 octets stay on one line.
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(75));
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(76));
        assert_eq!(out, format!("{}\r\n x\r\n", "x".repeat(75)));
    }

    #[test]
    fn a_calendar_of_all_day_events() {
        let now: Timestamp = "2026-04-28T05:00:00Z".parse().expect("valid");
        let ics = calendar(
            "Klachttermijnen, Focus",
            &[AllDayEvent {
                uid: "0196-contact@klacht".into(),
                date: date(2026, 4, 29),
                summary: "Contact K-2026-0042".into(),
                description: "Uiterlijk woensdag 29 april 2026.\nBel de klager.".into(),
                url: format!("https://klachten.focus.example/klachten/{}", "a".repeat(80)),
                alarm: Some("2026-04-28T07:00:00Z".parse().expect("valid")),
            }],
            now,
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "only CRLF");
        let lines = unfold(&ics);
        for expected in [
            "X-WR-CALNAME:Klachttermijnen\\, Focus",
            "BEGIN:VEVENT",
            "UID:0196-contact@klacht",
            "DTSTAMP:20260428T050000Z",
            "DTSTART;VALUE=DATE:20260429",
            "DTEND;VALUE=DATE:20260430",
            "SUMMARY:Contact K-2026-0042",
            "DESCRIPTION:Uiterlijk woensdag 29 april 2026.\\nBel de klager.",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER;VALUE=DATE-TIME:20260428T070000Z",
            "DESCRIPTION:Contact K-2026-0042",
            "END:VALARM",
            "END:VEVENT",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected} in\n{ics}");
        }
        assert!(lines.iter().any(|l| l.ends_with(&"a".repeat(80))));
        for raw in ics.split("\r\n") {
            assert!(raw.len() <= 75);
        }
    }
}
