//! The languages klacht speaks. Dutch is the default and the reference;
//! the words themselves live outside the domain (`klacht-i18n`), which
//! only knows which language someone chose.

use serde::{Deserialize, Serialize};

/// A language a page, a mail or a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Nl,
    En,
}

impl Language {
    /// Every language, the default first.
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    /// The BCP 47 primary subtag: `lang="…"`, cookies, the API.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// `nl`, `en`, `en-GB`, `NL-be`: the primary subtag decides.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    pub fn is_default(&self) -> bool {
        *self == Language::default()
    }

    /// The language a browser prefers among those klacht speaks, from an
    /// `Accept-Language` header (`en-GB,en;q=0.9,nl;q=0.8`); `None` when
    /// it names none of them. Equal weights keep the browser's order.
    pub fn negotiate(accept_language: &str) -> Option<Self> {
        let mut best: Option<(Language, u16)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), quality)
                .unwrap_or(0);
            let Some(language) = Self::parse(tag) else {
                continue;
            };
            if weight > 0 && best.is_none_or(|(_, w)| weight > w) {
                best = Some((language, weight));
            }
        }
        best.map(|(l, _)| l)
    }
}

/// A closed list of values with a stable identifier and a Dutch name. The
/// edges show it in any language under the key `label-{KIND}-{id}` of the
/// Fluent files; the Dutch name is the reference those files repeat.
pub trait Labelled: Copy {
    const KIND: &'static str;
    /// The identifier of the API and the database.
    fn id(self) -> &'static str;
    /// The Dutch name.
    fn dutch(self) -> &'static str;
}

/// Templates hand over their values by reference.
impl<L: Labelled> Labelled for &L {
    const KIND: &'static str = L::KIND;

    fn id(self) -> &'static str {
        (*self).id()
    }

    fn dutch(self) -> &'static str {
        (*self).dutch()
    }
}

/// A `q` value in thousandths; `None` when it is no number from 0 to 1.
fn quality(raw: &str) -> Option<u16> {
    let q: f32 = raw.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&q)
        // In 0..=1000 by the check above, so the cast cannot truncate.
        .then(|| (q * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_by_their_primary_subtag() {
        assert_eq!(Language::parse("en-GB"), Some(Language::En));
        assert_eq!(Language::parse("NL_be"), Some(Language::Nl));
        assert_eq!(Language::parse("de"), None);
        assert_eq!(Language::parse(""), None);
    }

    #[test]
    fn browsers_get_their_best_language() {
        let n = Language::negotiate;
        assert_eq!(n("en-GB,en;q=0.9,nl;q=0.8"), Some(Language::En));
        assert_eq!(n("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7"), Some(Language::Nl));
        assert_eq!(n("de-DE,de;q=0.9,en;q=0.5"), Some(Language::En));
        assert_eq!(n("fr, nl;q=0.2, en;q=0.3"), Some(Language::En));
        assert_eq!(n("en;q=0, nl"), Some(Language::Nl));
        assert_eq!(n("de, fr"), None);
        assert_eq!(n("*"), None);
        assert_eq!(n(""), None);
        // Equal weights: the browser's order.
        assert_eq!(n("en, nl"), Some(Language::En));
        assert_eq!(n("en;q=x, nl;q=0.5"), Some(Language::Nl));
    }
}
