//! The words of klacht, per language: Project Fluent files under
//! `locales/<language>/`, one set per language with the same keys, shared
//! by the pages, the mails, the documents and the error messages. Dutch is
//! the reference: a key missing in another language falls back to it (a
//! test keeps that from happening), and the domain stays free of words.
//!
//! Templates get a [`Tr`] and ask it for text: `{{ t.t("public-title") }}`,
//! `{{ t.t1("status-title", "reference", reference) }}`. Dates and amounts
//! go through it as well, so they read as the language writes them.

mod catalog;
mod format;

pub use catalog::{Arg, FILES, keys, placeholders};
pub use klacht_domain::{Labelled, Language};

use klacht_domain::refusal::{Arg as RefusalArg, Refusal};

use std::collections::BTreeSet;

use jiff::Zoned;
use jiff::civil::Date;

/// The words of one language. Cheap to copy into every page and mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tr(Language);

impl Tr {
    pub const fn new(language: Language) -> Self {
        Self(language)
    }

    pub fn language(self) -> Language {
        self.0
    }

    /// `lang="…"` of a page.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        catalog::format(self.0, key, &[])
    }

    /// The message `key` with one placeholder.
    pub fn t1(&self, key: &str, name: &str, value: impl Arg) -> String {
        catalog::format(self.0, key, &[(name, value.value())])
    }

    /// The message `key` with two placeholders.
    pub fn t2(
        &self,
        key: &str,
        name: &str,
        value: impl Arg,
        name2: &str,
        value2: impl Arg,
    ) -> String {
        catalog::format(
            self.0,
            key,
            &[(name, value.value()), (name2, value2.value())],
        )
    }

    /// The message `key` with three placeholders.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        &self,
        key: &str,
        name: &str,
        value: impl Arg,
        name2: &str,
        value2: impl Arg,
        name3: &str,
        value3: impl Arg,
    ) -> String {
        catalog::format(
            self.0,
            key,
            &[
                (name, value.value()),
                (name2, value2.value()),
                (name3, value3.value()),
            ],
        )
    }

    /// The message `key` with any number of text placeholders.
    pub fn with_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<_> = args.iter().map(|(n, v)| (*n, v.value())).collect();
        catalog::format(self.0, key, &args)
    }

    /// As [`Tr::with_args`], with values of any kind: a number selects
    /// its plural form (`{ $count -> [one] … *[other] … }`).
    pub fn args(&self, key: &str, args: &[(&str, &dyn Arg)]) -> String {
        let args: Vec<_> = args.iter().map(|(n, v)| (*n, v.value())).collect();
        catalog::format(self.0, key, &args)
    }

    /// A message whose own text carries markup (its key ends in `-html`,
    /// e.g. a sentence with a link), with its placeholders escaped: the
    /// text comes from our files, the values may come from anyone. Use it
    /// with askama's `|safe`.
    pub fn html1(&self, key: &str, name: &str, value: impl Arg) -> String {
        let escaped = match value.value() {
            fluent_bundle::FluentValue::String(s) => Arg::value(&escape_html(&s)),
            number => number,
        };
        catalog::format(self.0, key, &[(name, escaped)])
    }

    /// As [`Tr::html1`], without placeholders.
    pub fn html(&self, key: &str) -> String {
        self.t(key)
    }

    /// The message `key` in this language, or `None` when no file has it
    /// (for keys built from codes, e.g. an enum's variant).
    pub fn lookup(&self, key: &str) -> Option<String> {
        catalog::has(key).then(|| self.t(key))
    }

    /// The name of a value of a closed list (a status, a role, a channel)
    /// in this language; its Dutch name when the files lack it (which a
    /// test of every value prevents).
    pub fn label<L: Labelled>(&self, value: L) -> String {
        self.lookup(&format!("label-{}-{}", L::KIND, value.id()))
            .unwrap_or_else(|| value.dutch().to_owned())
    }

    /// "24-04-2026" / "24 Apr 2026": tables, lists, terms.
    pub fn date(&self, d: Date) -> String {
        format::short_date(self.0, d)
    }

    /// "24 april 2026" / "24 April 2026".
    pub fn day_month_year(&self, d: Date) -> String {
        format::day_month_year(self.0, d)
    }

    /// "vrijdag 24 april 2026" / "Friday 24 April 2026": letters, mails.
    pub fn long_date(&self, d: Date) -> String {
        format::long_date(self.0, d)
    }

    /// "maandag 14 december" / "Monday 14 December": a day of this year,
    /// as a reminder names it.
    pub fn day_and_month(&self, d: Date) -> String {
        format::day_and_month(self.0, d)
    }

    /// "vrijdag 24 april 2026 om 16:45" / "Friday 24 April 2026 at 16:45".
    pub fn long_date_time(&self, t: &Zoned) -> String {
        format::long_date_time(self.0, t)
    }

    /// "24-04-2026 om 16:45" / "24 Apr 2026 at 16:45".
    pub fn date_time(&self, t: &Zoned) -> String {
        format::date_time(self.0, t)
    }

    /// "€ 1.250,00" / "€1,250.00".
    pub fn euro(&self, cents: u64) -> String {
        format::euro(self.0, cents)
    }

    /// A refusal of the domain in this language: its code's message
    /// `refusal-{id}` with its values, each written as this language
    /// writes it.
    pub fn refusal(&self, refusal: &Refusal) -> String {
        let args: Vec<(&str, String)> = refusal
            .args()
            .iter()
            .map(|(name, value)| (*name, self.refusal_value(value)))
            .collect();
        self.with_args(&format!("refusal-{}", refusal.code().id()), &args)
    }

    /// One value of a refusal in this language (an item of a list such
    /// as what closing still needs).
    pub fn refusal_value(&self, value: &RefusalArg) -> String {
        match value {
            RefusalArg::Text(text) => text.clone(),
            RefusalArg::Label { kind, id, dutch } => self
                .lookup(&format!("label-{kind}-{id}"))
                .unwrap_or_else(|| (*dutch).to_owned()),
            RefusalArg::Date(d) => self.date(*d),
            RefusalArg::Euro(cents) => self.euro(*cents),
            RefusalArg::Phrase(r) => self.refusal(r),
            RefusalArg::List(items) => items
                .iter()
                .map(|i| self.refusal_value(i))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    /// "mei" / "May".
    pub fn month_name(&self, month: i8) -> &'static str {
        format::month_name(self.0, month)
    }
}

impl From<Language> for Tr {
    fn from(language: Language) -> Self {
        Self(language)
    }
}

/// Text made safe inside HTML content and quoted attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod parse_tests;

/// Common words that betray the wrong language on a page, in a mail or a
/// document: an English text with any of the Dutch ones (or a Dutch text
/// with the English ones) still has an untranslated piece. Words that are
/// also names (`de`, `van`) or the same in both (`is`) are left out, so
/// that a test can render real data.
pub const MARKERS: [(Language, &[&str]); 2] = [
    (
        Language::Nl,
        &[
            "uw",
            "wij",
            "niet",
            "het",
            "een",
            "klacht",
            "klachten",
            "voor",
            "worden",
            "heeft",
            "bent",
            "naar",
            "ontvangen",
            "termijn",
            "volgens",
            "afhandeling",
            "vriendelijke",
            "groet",
            "geachte",
            "datum",
            "pagina",
            "nummer",
            "kenmerk",
            "bij",
            "ook",
            "wordt",
        ],
    ),
    (
        Language::En,
        &[
            "your",
            "we",
            "the",
            "complaint",
            "complaints",
            "received",
            "please",
            "regards",
            "dear",
            "with",
            "not",
            "page",
            "number",
            "date",
            "our",
            "you",
            "which",
        ],
    ),
];

/// The marker words of every language but `language` found in `text`
/// (lower case, whole words): empty when the text speaks only its own.
pub fn foreign_words(language: Language, text: &str) -> Vec<String> {
    let words: BTreeSet<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    MARKERS
        .iter()
        .filter(|(l, _)| *l != language)
        .flat_map(|(_, markers)| markers.iter())
        .filter(|m| words.contains(**m))
        .map(|m| (*m).to_owned())
        .collect()
}
