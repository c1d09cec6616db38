//! Which language a page speaks (issue 18). A visitor's own choice (the
//! switch on every public page and the sign-in page, kept in a cookie)
//! wins; a page about one complaint then speaks the language its
//! complainant used; otherwise the browser's `Accept-Language`; otherwise
//! Dutch.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_domain::Language;
use klacht_i18n::Tr;

use crate::session::{cookie, set_cookie};

/// The cookie that keeps a visitor's choice of language.
pub const LANGUAGE_COOKIE: &str = "klacht_taal";
/// The query parameter of the switch: `?taal=en`.
const SWITCH_PARAM: &str = "taal";
const ONE_YEAR_SECS: i64 = 365 * 24 * 60 * 60;

/// The language of a page, as far as the request tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLanguage {
    pub language: Language,
    /// The visitor chose it with the switch (not only their browser).
    pub chosen: bool,
}

impl PageLanguage {
    pub fn of(headers: &HeaderMap) -> Self {
        if let Some(language) = cookie(headers, LANGUAGE_COOKIE).and_then(Language::parse) {
            return Self {
                language,
                chosen: true,
            };
        }
        let browser = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Language::negotiate);
        Self {
            language: browser.unwrap_or_default(),
            chosen: false,
        }
    }

    pub fn tr(self) -> Tr {
        Tr::new(self.language)
    }

    /// On a page about one complaint: the visitor's own choice, else the
    /// language the complainant used.
    pub fn for_complaint(self, complainant: Language) -> Tr {
        Tr::new(if self.chosen {
            self.language
        } else {
            complainant
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageLanguage {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::of(&parts.headers))
    }
}

/// "woensdag 29 april" / "Wednesday 29 April": a date of this year, with
/// its weekday.
pub fn day_and_month(t: Tr, d: jiff::civil::Date) -> String {
    let long = t.long_date(d);
    match long.strip_suffix(&format!(" {}", d.year())) {
        Some(short) => short.to_owned(),
        None => long,
    }
}

/// What a page needs to offer the other languages: each one's name in
/// itself and the link that switches to it.
#[derive(Debug, Clone)]
pub struct Switch {
    pub current: Tr,
    /// The page's own path: the switch comes back to it.
    pub path: String,
}

impl Switch {
    pub fn new(current: Tr, path: impl Into<String>) -> Self {
        Self {
            current,
            path: path.into(),
        }
    }

    /// (code, name in that language, link) of every other language.
    pub fn others(&self) -> Vec<(&'static str, String, String)> {
        Language::ALL
            .into_iter()
            .filter(|l| *l != self.current.language())
            .map(|l| {
                (
                    l.code(),
                    Tr::new(l).t("language-self"),
                    format!("{}?{SWITCH_PARAM}={}", self.path, l.code()),
                )
            })
            .collect()
    }
}

/// Middleware of every page: `GET …?taal=en` keeps the choice in a
/// cookie and sends the browser back to the same path without it, so
/// that the address stays the page's own. Only the request's own path is
/// a target, so the switch redirects nowhere else. `secure`: whether
/// cookies carry the `Secure` flag.
pub async fn switch(State(secure): State<bool>, request: Request, next: Next) -> Response {
    let page = request.method() == axum::http::Method::GET
        && !request.uri().path().starts_with(crate::api::PREFIX);
    let chosen = request.uri().query().filter(|_| page).and_then(|q| {
        q.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == SWITCH_PARAM)
            .map(|(_, v)| Language::parse(v))
    });
    match chosen {
        None => next.run(request).await,
        Some(language) => {
            let mut response = Redirect::to(request.uri().path()).into_response();
            if let Some(language) = language {
                response.headers_mut().append(
                    header::SET_COOKIE,
                    set_cookie(
                        LANGUAGE_COOKIE,
                        language.code(),
                        ONE_YEAR_SECS,
                        secure,
                        "Lax",
                    ),
                );
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn a_choice_beats_the_complaint_and_the_browser() {
        let browser = PageLanguage::of(&headers(&[("accept-language", "en-GB,en;q=0.9")]));
        assert_eq!(browser.tr().language(), Language::En);
        assert!(!browser.chosen);
        // An English browser reads a Dutch complainant's page in Dutch.
        assert_eq!(browser.for_complaint(Language::Nl).language(), Language::Nl);
        let chosen = PageLanguage::of(&headers(&[
            ("accept-language", "nl"),
            ("cookie", "klacht_taal=en"),
        ]));
        assert!(chosen.chosen);
        assert_eq!(chosen.for_complaint(Language::Nl).language(), Language::En);
        let nothing = PageLanguage::of(&HeaderMap::new());
        assert_eq!(nothing.tr().language(), Language::Nl);
        let unknown = PageLanguage::of(&headers(&[("cookie", "klacht_taal=xx")]));
        assert!(!unknown.chosen);
    }

    #[test]
    fn the_switch_offers_the_other_language_on_the_same_page() {
        let s = Switch::new(Tr::new(Language::Nl), "/klacht");
        assert_eq!(
            s.others(),
            vec![("en", "English".to_owned(), "/klacht?taal=en".to_owned())]
        );
    }
}
