//! Issue #18, "a test that renders every page, mail and PDF in English and
//! finds no Dutch words": over an organisation with a year of complaints,
//! every page the app serves by GET is opened by who uses it, with every
//! user's language set to English, and must read English only; the
//! documents (PDF, CSV, XLSX, calendar feed) too. A Dutch user's pages
//! read Dutch only. The list is checked against the routes the app
//! declares, so a page added later cannot be left out.
//!
//! What people typed (descriptions, names, categories of the data set) is
//! theirs and stays in their words: those texts are taken out before the
//! check.

use crate::common::{Browser, TestApp, spawn_app, visible};
use crate::report::pdf_text;
use crate::reports_support::{self, Org, WorkWords, cal, data_set, org, work_in_hand};
use crate::routes_support::declared_routes;

use std::collections::BTreeSet;

use jiff::ToSpan;
use klacht_app::complaints::new_stream;
use klacht_domain::complaint::{
    self, Actor, Channel, Command, Complaint, Kind, Merit, MeritDecision, NewComplaint, Offer,
    OfferKind, Party, Recorded,
};
use klacht_domain::{ComplaintId, Language, ReferenceNumber, User};
use klacht_i18n::foreign_words;
use klacht_store::{Store, store_tests};

/// Texts the data set's people typed (reports_support's in Dutch) and a
/// setting's name: not the product's words.
const TYPED: &[&str] = &[
    "KLACHT_SMTP_URL",
    "Mevrouw J. de Vries",
    "De hulp kwam te laat.",
    "Werkdruk",
    "Thuiszorg",
    "Gebeld.",
    "Getoetst aan de afspraken.",
    "Een extra bezoek.",
    "Klacht blijft ongegrond.",
    "Niet bereikbaar.",
    "Toch niet opgelost.",
    "Bejegening",
    "The care plan says Tuesday mornings.",
    "Nobody came on Tuesday. Could you call me?",
];

/// GET routes this walk does not open, with where they are checked.
const NOT_WALKED: &[(&str, &str)] = &[
    ("/healthz", "health check, text"),
    ("/readyz", "health check, text"),
    ("/metrics", "Prometheus text"),
    ("/assets/medewerkers.js", "script"),
    ("/inloggen/sso", "a redirect to the sign-on provider"),
    (
        "/inloggen/sso/terug",
        "the provider's redirect back (sso.rs)",
    ),
    (
        "/klacht/bevestiging",
        "right after a filing: public_english.rs",
    ),
    ("/status/{code}", "public_english.rs follows a filing"),
    ("/status/{code}/tevredenheid", "public_english.rs"),
    (
        "/klachten/{id}/bijlagen/{bijlage}",
        "the attached file itself",
    ),
    ("/dashboard.json", "machine format, English keys"),
    ("/dossier/{id}/dossier.json", "machine format, English keys"),
    ("/dossier/{id}/ronde/{n}/dossier.json", "machine format"),
    (
        "/dossier/{id}/ronde/{n}/formulier.pdf",
        "an earlier round's copy of /dossier/{id}/formulier.pdf, the same document",
    ),
    ("/berichten/exact.csv", "Exact Synergy's wire format"),
    ("/berichten/exact.json", "Exact Synergy's wire format"),
];

/// The text of a response a reader sees, with the typed texts taken out.
fn readable(text: &str) -> String {
    let mut text = text.to_owned();
    for typed in TYPED {
        text = text.replace(typed, "");
    }
    text
}

/// A few of the lines that hold `words`, to say where they are.
fn lines_with(text: &str, words: &[String]) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| {
            line.split(|c: char| !c.is_alphanumeric())
                .any(|w| words.contains(&w.to_lowercase()))
        })
        .take(4)
        .map(|line| line.chars().take(100).collect())
        .collect()
}

/// The path of the first link on `page` that starts with `prefix`.
fn first_link(page: &str, prefix: &str) -> Option<String> {
    let marker = format!("href=\"{prefix}");
    let start = page.find(&marker)? + "href=\"".len();
    Some(
        page[start..]
            .chars()
            .take_while(|c| *c != '"' && *c != '?' && *c != '#')
            .collect(),
    )
}

/// The calendar feed's path, shown once on the page that made it.
fn feed_path(page: &str) -> Option<String> {
    page.match_indices("/agenda/").find_map(|(at, _)| {
        let path: String = page[at..]
            .chars()
            .take_while(|c| *c != '"' && *c != '<' && !c.is_whitespace())
            .collect();
        path.ends_with(".ics").then_some(path)
    })
}

/// A complaint from an English-speaking complainant, up to an offer.
async fn english_complaint<S: Store>(store: &S, org: &Org) -> ReferenceNumber {
    let now = klacht_clock::test_now();
    let received = (now - 48.hours()).to_zoned(cal().time_zone().clone());
    let id = ComplaintId::new(uuid::Uuid::now_v7());
    let new = NewComplaint {
        kind: Kind::Complaint,
        channel: Channel::Email,
        received_at: received.clone(),
        complainant: Party::new(
            "Anne Smith",
            Some(klacht_domain::Email::parse("anne@example.com").expect("e-mail")),
            None,
            None,
        )
        .expect("valid party"),
        representative: None,
        service: Some("Home care".into()),
        involved_employees: Vec::new(),
        description: "Nobody came on three Tuesdays in a row.".into(),
        category: Some("Planning".into()),
        cause: None,
    };
    let (employee, manager) = (org.employee.clone(), org.manager.clone());
    let row = store
        .create_complaint(received.year(), move |reference| {
            let at = received.timestamp() + 5.minutes();
            let events = complaint::register_in(new, reference, &employee, at, Language::En)
                .expect("registers");
            let mut history = Recorded::stamp(0, Actor::User(employee.id), at, events);
            let mut c = Complaint::replay(id, &history).expect("replays");
            let day = received.date();
            let mut step = |cmd: Command, by: &User| {
                let later = at + 1.hour();
                let events = c.decide(cmd, by, later).expect("accepted");
                let recorded = Recorded::stamp(c.version(), Actor::User(by.id), later, events);
                for r in &recorded {
                    c.apply(r).expect("applies");
                }
                history.extend(recorded);
            };
            step(
                Command::AssignHandler {
                    handler: manager.clone(),
                },
                &manager,
            );
            step(reports_support::contact(&received), &manager);
            step(
                Command::DecideMerit(MeritDecision {
                    merit: Merit::Founded,
                    reasoning: "The care plan says Tuesday mornings.".into(),
                }),
                &manager,
            );
            step(
                Command::MakeOffer(Offer {
                    kind: OfferKind::ExtraService,
                    description: "Two extra visits.".into(),
                    value_cents: None,
                    director_consulted: false,
                    made_on: day,
                    letter_text: None,
                }),
                &manager,
            );
            new_stream(id, &history, &cal())
        })
        .await
        .expect("store")
        .expect("built");
    row.reference
}

/// The organisation of the walk: the data set of the report tests, two
/// fresh complaints, an English one with an offer, an improvement action,
/// a message in the mailbox and the manager away this week.
struct World {
    org: Org,
    fresh: ReferenceNumber,
    in_hand: ReferenceNumber,
    english: ReferenceNumber,
}

async fn world<S: Store>(store: &S) -> World {
    let org = org(store).await;
    data_set(store, &org).await;
    let now = klacht_clock::test_now();
    klacht_app::dossier::file_pending(
        store,
        &klacht_app::documents::Letterhead::new("Focus"),
        &cal(),
        None,
        100,
        now,
    )
    .await
    .expect("file the closed complaints");
    let (fresh, in_hand) = work_in_hand(
        store,
        &org,
        &WorkWords {
            fresh_category: None,
            in_hand_category: "Planning",
            action_title: "Fixed planners per district",
            action_description: "Each district gets a planner who calls about changes.",
            mail: "From: Anne Smith <anne@example.com>\r\nTo: complaints@focus.example\r\n\
Subject: Home care\r\n\r\nNobody came on Tuesday. Could you call me?\r\n",
            absence_note: "Course",
            absence_logged: "Course",
        },
    )
    .await;
    let english = english_complaint(store, &org).await;
    World {
        org,
        fresh,
        in_hand,
        english,
    }
}

/// What the walk opened and what it found in the wrong language.
#[derive(Default)]
struct Walk {
    walked: BTreeSet<String>,
    problems: Vec<String>,
}

impl Walk {
    /// Opens `path` (declared as `route`) as `who` and checks it reads
    /// `language` only, by what it is: a page, a PDF, a spreadsheet, a
    /// calendar.
    async fn check<S: Store>(
        &mut self,
        app: &TestApp<S>,
        who: Option<&Browser>,
        route: &str,
        path: &str,
        language: Language,
    ) -> String {
        self.walked.insert(route.to_owned());
        let mut request = app.client.get(app.url(path));
        request = match who {
            Some(b) => request.header("cookie", &b.cookie),
            None => request.header("accept-language", language.code()),
        };
        let r = request.send().await.expect("request sent");
        let expected = if route == "(404)" { 404 } else { 200 };
        if r.status() != expected {
            self.problems.push(format!(
                "{path}: status {} (expected {expected})",
                r.status()
            ));
            return String::new();
        }
        let bytes = r.bytes().await.expect("body");
        let file = path.split('?').next().unwrap_or(path);
        let (text, page) = if file.ends_with(".pdf") {
            (pdf_text(&bytes), None)
        } else if file.ends_with(".xlsx") {
            (xlsx_strings(&bytes), None)
        } else {
            // The product's name, klacht, is a name in every language.
            let body = String::from_utf8_lossy(&bytes).replace("<strong>klacht</strong>", "");
            if file.ends_with(".csv") || file.ends_with(".ics") {
                // The calendar's product identifier is a name, not text.
                let body = body
                    .lines()
                    .filter(|line| !line.starts_with("PRODID:"))
                    .collect::<Vec<_>>()
                    .join("\n");
                (body, None)
            } else {
                (visible(&body), Some(body))
            }
        };
        // A fragment (the colleague picker's list) has no html element.
        let lang = format!("<html lang=\"{}\"", language.code());
        if page
            .as_ref()
            .is_some_and(|p| p.contains("<html") && !p.contains(&lang))
        {
            self.problems
                .push(format!("{path}: not lang=\"{}\"", language.code()));
        }
        let readable = readable(&text);
        let foreign = foreign_words(language, &readable);
        if !foreign.is_empty() {
            self.problems.push(format!(
                "{path}: {foreign:?} in {:?}",
                lines_with(&readable, &foreign)
            ));
        }
        page.unwrap_or(text)
    }
}

/// Every string of an XLSX workbook.
fn xlsx_strings(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut out = String::new();
    for name in ["xl/sharedStrings.xml", "xl/workbook.xml"] {
        if let Ok(mut file) = zip.by_name(name) {
            let mut xml = String::new();
            file.read_to_string(&mut xml).expect("read");
            // Tag names and attributes are the format's, not words.
            let mut inside = false;
            for c in xml.chars() {
                match c {
                    '<' => inside = true,
                    '>' => {
                        inside = false;
                        out.push(' ');
                    }
                    _ if !inside => out.push(c),
                    _ => {}
                }
            }
        }
    }
    out
}

async fn every_page_speaks_english_to_an_english_user<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let w = world(&app.store).await;
    let org = &w.org;
    for user in [
        &org.director,
        &org.quality,
        &org.manager,
        &org.employee,
        &org.involved,
        &org.admin,
    ] {
        app.store
            .set_user_language(user.id, Some(Language::En))
            .await
            .expect("language");
    }
    let en = Language::En;
    let mut walk = Walk::default();
    let year = reports_support::year();
    let (fresh, in_hand, english) = (w.fresh, w.in_hand, w.english);

    // Visitors whose browser asks for English.
    for (route, path) in [
        ("/", "/"),
        ("/klacht", "/klacht"),
        ("/status", "/status"),
        ("/reglement", "/reglement"),
        ("/inloggen", "/inloggen"),
    ] {
        walk.check(&app, None, route, path, en).await;
    }
    walk.check(&app, None, "(404)", "/bestaat-niet", en).await;

    // Piet, employee.
    let b = app.login(org.employee.email.as_str()).await;
    for (route, path) in [
        ("/", "/".to_owned()),
        ("/klachten", "/klachten".to_owned()),
        ("/klachten/nieuw", "/klachten/nieuw".to_owned()),
        (
            "/klachten/nieuw/medewerkers",
            "/klachten/nieuw/medewerkers?q=jo".to_owned(),
        ),
        ("/klachten/{id}", format!("/klachten/{fresh}")),
        ("/verbeteracties", "/verbeteracties".to_owned()),
        ("/afwezigheid", "/afwezigheid".to_owned()),
        ("/wachtwoord", "/wachtwoord".to_owned()),
        ("/hoe-werkt-het", "/hoe-werkt-het".to_owned()),
    ] {
        walk.check(&app, Some(&b), route, &path, en).await;
    }
    // The calendar feed, fetched by a calendar program without a session.
    let r = app.post_as(&b, "/agenda/nieuw", &[]).await;
    let agenda = r.text().await.expect("body");
    walk.check(&app, Some(&b), "/agenda", "/agenda", en).await;
    match feed_path(&agenda) {
        Some(feed) => {
            walk.check(&app, None, "/agenda/{file}", &feed, en).await;
        }
        _ => walk.problems.push("no calendar feed on /agenda".into()),
    }

    // Margriet, manager: assigns, handles, hands over.
    let b = app.login(org.manager.email.as_str()).await;
    walk.check(&app, Some(&b), "/", "/", en).await;
    let actions = walk
        .check(&app, Some(&b), "/verbeteracties", "/verbeteracties", en)
        .await;
    let action = first_link(&actions, "/verbeteracties/0").or_else(|| {
        first_link(&actions, "/verbeteracties/").filter(|l| l != "/verbeteracties/nieuw")
    });
    for (route, path) in [
        ("/klachten/{id}", format!("/klachten/{fresh}")),
        ("/klachten/{id}", format!("/klachten/{in_hand}")),
        ("/klachten/{id}", format!("/klachten/{english}")),
        (
            "/klachten/{id}/formulier",
            format!("/klachten/{in_hand}/formulier"),
        ),
        (
            "/klachten/{id}/formulier.pdf",
            format!("/klachten/{in_hand}/formulier.pdf"),
        ),
        (
            "/klachten/{id}/aanbod.pdf",
            format!("/klachten/{english}/aanbod.pdf"),
        ),
        ("/verbeteracties/{id}", action.unwrap_or_default()),
        (
            "/afwezigheid/overdragen",
            "/afwezigheid/overdragen".to_owned(),
        ),
        (
            "/medewerkers/{id}/overdracht",
            format!("/medewerkers/{}/overdracht", org.employee.id),
        ),
    ] {
        walk.check(&app, Some(&b), route, &path, en).await;
    }

    // Sanne, quality manager: oversight, reports, the archive, the outbox.
    let b = app.login(org.quality.email.as_str()).await;
    let start = walk.check(&app, Some(&b), "/", "/", en).await;
    let message = first_link(&start, "/binnengekomen/").unwrap_or_default();
    let archive = walk
        .check(
            &app,
            Some(&b),
            "/dossier",
            &format!("/dossier?jaar={year}"),
            en,
        )
        .await;
    let filed = first_link(&archive, "/dossier/").unwrap_or_default();
    let filed_form = filed
        .rsplit_once('/')
        .map(|(dir, _)| format!("{dir}/formulier.pdf"))
        .unwrap_or_default();
    for (route, path) in [
        ("/binnengekomen/{id}", message),
        // Open, with what still stands before closing.
        ("/klachten/{id}", format!("/klachten/{in_hand}")),
        ("/overzicht", "/overzicht".to_owned()),
        ("/overzicht.csv", "/overzicht.csv".to_owned()),
        ("/overzicht.xlsx", "/overzicht.xlsx".to_owned()),
        ("/dashboard", "/dashboard".to_owned()),
        (
            "/rapportage/jaarverslag",
            format!("/rapportage/jaarverslag?jaar={year}"),
        ),
        (
            "/rapportage/jaarverslag.pdf",
            format!("/rapportage/jaarverslag.pdf?jaar={year}"),
        ),
        ("/verbetering", "/verbetering".to_owned()),
        ("/verbeteracties/nieuw", "/verbeteracties/nieuw".to_owned()),
        ("/berichten", "/berichten".to_owned()),
        (
            "/medewerkers/{id}/overdracht",
            format!("/medewerkers/{}/overdracht", org.manager.id),
        ),
    ] {
        walk.check(&app, Some(&b), route, &path, en).await;
    }

    // What still stands before closing, named in her words.
    let page = app
        .get_as(&b, &format!("/klachten/{in_hand}"))
        .await
        .text()
        .await
        .expect("body");
    let blockers: String = page
        .split("id=\"blockers\"")
        .nth(1)
        .unwrap_or_default()
        .chars()
        .take_while(|c| *c != '<')
        .collect();
    assert!(
        blockers.contains("offer") && !blockers.contains("aanbod"),
        "{blockers}"
    );

    // The archive's copy is the form as filed: the office's Dutch record,
    // whoever downloads it.
    walk.check(
        &app,
        Some(&b),
        "/dossier/{id}/formulier.pdf",
        &filed_form,
        Language::Nl,
    )
    .await;

    // Ellen, director.
    let b = app.login(org.director.email.as_str()).await;
    walk.check(&app, Some(&b), "/", "/", en).await;

    // Tom, administrator: Beheer.
    let b = app.login(org.admin.email.as_str()).await;
    for (route, path) in [
        ("/", "/".to_owned()),
        ("/beheer", "/beheer".to_owned()),
        ("/beheer/gebruikers", "/beheer/gebruikers".to_owned()),
        (
            "/beheer/gebruikers/{id}",
            format!("/beheer/gebruikers/{}", org.employee.id),
        ),
        ("/beheer/kalender", "/beheer/kalender".to_owned()),
        ("/beheer/logboek", "/beheer/logboek".to_owned()),
        ("/beheer/diensten", "/beheer/diensten".to_owned()),
        (
            "/beheer/lijst/{lijst}",
            "/beheer/lijst/categorieen".to_owned(),
        ),
    ] {
        walk.check(&app, Some(&b), route, &path, en).await;
    }

    assert!(
        walk.problems.is_empty(),
        "{} page(s) not in English only:\n{}",
        walk.problems.len(),
        walk.problems.join("\n")
    );
    // Every GET route the app declares was opened, or is listed with why not.
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let declared = declared_routes(&src);
    let missing: Vec<_> = declared
        .iter()
        .filter(|(method, route)| {
            method == "GET"
                && !walk.walked.contains(route)
                && !NOT_WALKED.iter().any(|(r, _)| r == route)
        })
        .map(|(_, route)| route.clone())
        .collect();
    assert!(
        missing.is_empty(),
        "routes the walk does not open (add them here, or to NOT_WALKED with why): {missing:?}"
    );
}

/// The Dutch user's side: the same pages read Dutch only, so the walk's
/// check finds a page that turned English for everyone.
async fn a_dutch_user_keeps_dutch_pages<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let w = world(&app.store).await;
    let mut walk = Walk::default();
    let b = app.login(w.org.quality.email.as_str()).await;
    for path in [
        "/".to_owned(),
        format!("/klachten/{}", w.in_hand),
        "/overzicht".to_owned(),
        "/dashboard".to_owned(),
        "/berichten".to_owned(),
        "/afwezigheid".to_owned(),
        "/hoe-werkt-het".to_owned(),
    ] {
        walk.check(&app, Some(&b), &path, &path, Language::Nl).await;
    }
    assert!(walk.problems.is_empty(), "{}", walk.problems.join("\n"));
    // The English complainant's complaint, opened by a Dutch user: the
    // page is Dutch, the draft letter to the complainant English.
    let page = app
        .get_as(&b, &format!("/klachten/{}", w.english))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("<html lang=\"nl\""), "{page}");
    assert!(page.contains("Aanbod gedaan op"), "{page}");
    assert!(
        page.contains("We have looked carefully at your complaint"),
        "{page}"
    );
}

store_tests!(
    every_page_speaks_english_to_an_english_user,
    a_dutch_user_keeps_dutch_pages,
);
