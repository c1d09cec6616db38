//! Every page, every role, at 1280 and at 390 px (issue 15, "Done when"):
//! over an organisation with a year of complaints, each page the app
//! serves by GET is opened by who uses it, and at both widths
//! - fits the window (no sideways scrolling on a phone),
//! - has 0 axe-core violations (WCAG 2.0/2.1/2.2 A and AA),
//! - has a skip link to its content and a focus indicator of >= 3:1,
//! - on a phone, offers tap targets of at least 44 px (header and menu
//!   links, buttons, fields, disclosure buttons),
//!
//! and staff pages are saved as `docs/screenshots/<name>-1280.png` and
//! `<name>-390.png`. The list of pages is checked against the routes the
//! app declares, so a page added later cannot be left out.

use crate::dashboard::busy_year;
use crate::reports_support;

use std::collections::BTreeSet;

use fantoccini::Client;
use klacht_app::documents::Letterhead;
use klacht_browser_tests::{
    axe_violations, browser, screenshot, set_width, sign_in, sign_out, spawn_app,
};
use klacht_store::testing::SqliteTestDb;
use reports_support::{PASSWORD, WorkWords, cal, data_set, org, work_in_hand};

#[path = "../../../web/tests/web/routes_support.rs"]
mod routes_support;

/// GET routes that are no HTML page of their own, or that the walk cannot
/// reach, with where they are checked instead.
const NOT_WALKED: &[(&str, &str)] = &[
    ("/healthz", "health check, text"),
    ("/readyz", "health check, text"),
    ("/metrics", "Prometheus text"),
    ("/assets/medewerkers.js", "script"),
    (
        "/klachten/nieuw/medewerkers",
        "an HTML fragment the script puts into /klachten/nieuw",
    ),
    (
        "/klachten/{id}/bijlagen/{bijlage}",
        "the attached file itself",
    ),
    (
        "/inloggen/sso",
        "a redirect to the sign-on provider (sso.rs)",
    ),
    (
        "/inloggen/sso/terug",
        "the provider's redirect back (sso.rs)",
    ),
    (
        "/klacht/bevestiging",
        "only right after a filing: public.rs checks it",
    ),
    ("/status/{code}", "public.rs checks it after a filing"),
    (
        "/status/{code}/tevredenheid",
        "the satisfaction form a mail links to once an offer is made: its answers are tested in public_status.rs (web), without axe-core",
    ),
];

/// Whether the route serves a file rather than a page.
fn is_file(route: &str) -> bool {
    [".pdf", ".csv", ".xlsx", ".json", ".ics", "{file}"]
        .iter()
        .any(|ext| route.ends_with(ext))
}

/// One page of the walk: the route as declared, the address opened and
/// the screenshot's name (none for the public pages, which have theirs).
struct Page<'a> {
    route: &'static str,
    path: String,
    shot: Option<&'a str>,
}

fn page<'a>(route: &'static str, path: impl Into<String>, shot: &'a str) -> Page<'a> {
    Page {
        route,
        path: path.into(),
        shot: Some(shot),
    }
}

/// Checks one page at both widths (see the module's documentation) and
/// adds what is wrong to `problems`.
async fn check(client: &Client, base: &str, page: &Page<'_>, walk: &mut Walk) {
    client
        .goto(&format!("{base}{}", page.path))
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", page.path));
    walk.walked.insert(page.route.to_owned());
    for width in [1280, 390] {
        set_width(client, width).await;
        let what = format!("{} at {width} px", page.path);
        let mut found = Vec::new();
        let (scroll, inner) = page_width(client).await;
        if scroll > inner {
            found.push(format!(
                "the page is {scroll} px wide in a window of {inner} px ({})",
                too_wide(client).await
            ));
        }
        found.extend(axe_violations(client).await);
        found.extend(keyboard_and_touch(client, width < 600).await);
        if let Some(name) = page.shot {
            client
                .execute("window.scrollTo(0, 0); return null;", vec![])
                .await
                .expect("scroll to the top");
            screenshot(client, &format!("{name}-{width}")).await;
        }
        walk.problems
            .extend(found.into_iter().map(|p| format!("{what}: {p}")));
    }
    set_width(client, 1280).await;
}

/// What the walk opened and what it found wrong.
#[derive(Default)]
struct Walk {
    walked: BTreeSet<String>,
    problems: Vec<String>,
}

/// The document's width and the window's.
async fn page_width(client: &Client) -> (i64, i64) {
    let widths = client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .expect("measure the page");
    (
        widths[0].as_i64().unwrap_or(i64::MAX),
        widths[1].as_i64().unwrap_or(0),
    )
}

/// The deepest elements that stick out of the window, to say where a
/// page is too wide.
async fn too_wide(client: &Client) -> String {
    client
        .execute(
            r#"const sticksOut = e => e.getBoundingClientRect().right > window.innerWidth + 1;
               // Not what a scrolling box around it clips.
               const clipped = e => {
                 for (let a = e.parentElement; a; a = a.parentElement) {
                   if (getComputedStyle(a).overflowX !== 'visible' && !sticksOut(a)) return true;
                 }
                 return false;
               };
               const out = [...document.querySelectorAll('body *')].filter(e => sticksOut(e) && !clipped(e)
                 && ![...e.children].some(c => sticksOut(c) && !clipped(c)));
               return out.slice(0, 3).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : ''} to ${Math.round(e.getBoundingClientRect().right)} px`).join(', ');"#,
            vec![],
        )
        .await
        .expect("script")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The skip link, the focus indicator's contrast and (on a phone) the
/// size of what is tapped, measured in the page.
async fn keyboard_and_touch(client: &Client, phone: bool) -> Vec<String> {
    let problems = client
        .execute(
            r#"const phone = arguments[0];
            const problems = [];
            const skip = document.querySelector('body > a.skip');
            // Pages with a navigation (not the printable form and report).
            if (document.querySelector('nav') && (!skip || !document.querySelector(skip.getAttribute('href')))) {
              problems.push('no skip link to the content');
            }
            // Relative luminance and contrast (WCAG 2).
            const lum = c => {
              const m = c.match(/[\d.]+/g).map(Number);
              const [r, g, b] = m.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const backdrop = el => {
              for (let e = el.parentElement; e; e = e.parentElement) {
                const bg = getComputedStyle(e).backgroundColor;
                if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
              }
              return 'rgb(255, 255, 255)';
            };
            const focusable = [skip, document.querySelector('main a[href], main button, main input:not([type=hidden])')].filter(Boolean);
            for (const el of focusable) {
              el.focus();
              const s = getComputedStyle(el);
              const width = parseFloat(s.outlineWidth);
              if (s.outlineStyle === 'none' || width < 2) {
                problems.push(`no focus outline on ${el.outerHTML.slice(0, 60)}`);
              } else if (contrast(s.outlineColor, backdrop(el)) < 3) {
                problems.push(`focus outline ${s.outlineColor} on ${backdrop(el)}: ${contrast(s.outlineColor, backdrop(el)).toFixed(2)}:1`);
              }
              el.blur();
            }
            if (phone) {
              const taps = 'header a, header summary, header button, main nav a, main button, main summary, main .button, main select, '
                + 'main input[type=text], main input[type=email], main input[type=search], main input[type=date], main input[type=password], main input[type=tel]';
              for (const el of document.querySelectorAll(taps)) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) continue; // not shown
                if (r.height < 43.5) problems.push(`tap target ${Math.round(r.height)} px high: ${el.outerHTML.slice(0, 80)}`);
              }
            }
            window.scrollTo(0, 0);
            return problems;"#,
            vec![serde_json::Value::Bool(phone)],
        )
        .await
        .expect("measure");
    problems
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The first link on the current page whose address starts with `prefix`.
async fn first_link(client: &Client, prefix: &str) -> String {
    client
        .execute(
            "const a = [...document.querySelectorAll('main a[href]')].find(a => a.getAttribute('href').startsWith(arguments[0]));
             return a ? a.getAttribute('href') : null;",
            vec![serde_json::Value::String(prefix.to_owned())],
        )
        .await
        .expect("script")
        .as_str()
        .unwrap_or_else(|| panic!("a link to {prefix}"))
        .to_owned()
}

const MAIL: &str = "From: Mevrouw K. Jansen <k.jansen@example.org>\r\nTo: klachten@focus.example\r\n\
Subject: Klacht over de thuiszorg\r\n\r\nDe hulp kwam vorige week twee keer niet. Wilt u mij terugbellen?\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_fits_a_phone_and_passes_axe_for_every_role() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let org = org(&store).await;
    data_set(&store, &org).await;
    busy_year(&store, &org).await;
    // Closed complaints filed, as the background jobs do.
    klacht_app::dossier::file_pending(
        &store,
        &Letterhead::new("Focus"),
        &cal(),
        None,
        100,
        klacht_clock::test_now(),
    )
    .await
    .expect("file the closed complaints");
    let (fresh, in_hand) = work_in_hand(
        &store,
        &org,
        &WorkWords {
            fresh_category: Some("Planning"),
            in_hand_category: "Bejegening",
            action_title: "Vaste planners per wijk",
            action_description: "Elke wijk krijgt een vaste planner die wijzigingen zelf doorbelt.",
            mail: MAIL,
            absence_note: "Cursus",
            absence_logged: "Afwezig: cursus",
        },
    )
    .await;
    let app = spawn_app(store).await;
    let base = app.base.as_str();
    let mut walk = Walk::default();
    set_width(&client, 1280).await;

    // Visitors: the public pages (screenshots of their own elsewhere) and
    // the sign-in page.
    for (route, path) in [
        ("/", "/"),
        ("/klacht", "/klacht"),
        ("/status", "/status"),
        ("/reglement", "/reglement"),
    ] {
        let p = Page {
            route,
            path: path.into(),
            shot: None,
        };
        check(&client, base, &p, &mut walk).await;
    }
    check(
        &client,
        base,
        &page("/inloggen", "/inloggen", "inloggen"),
        &mut walk,
    )
    .await;
    // The error page (not a route: what every unknown address answers).
    check(
        &client,
        base,
        &Page {
            route: "(404)",
            path: "/bestaat-niet".into(),
            shot: None,
        },
        &mut walk,
    )
    .await;

    // Piet, employee: registers, follows his complaints, his own pages.
    sign_in(&client, base, org.employee.email.as_str(), PASSWORD).await;
    for p in [
        page("/", "/", "start-medewerker"),
        page("/klachten", "/klachten", "mijn-klachten"),
        page("/klachten/nieuw", "/klachten/nieuw", "nieuwe-melding"),
        page(
            "/klachten/{id}",
            format!("/klachten/{fresh}"),
            "klacht-medewerker",
        ),
        page(
            "/verbeteracties",
            "/verbeteracties",
            "verbeteracties-medewerker",
        ),
        page("/agenda", "/agenda", "agenda"),
        page("/afwezigheid", "/afwezigheid", "afwezigheid"),
        page("/wachtwoord", "/wachtwoord", "wachtwoord"),
        page(
            "/hoe-werkt-het",
            "/hoe-werkt-het",
            "hoe-werkt-het-medewerker",
        ),
    ] {
        check(&client, base, &p, &mut walk).await;
    }
    sign_out(&client).await;

    // Margriet, manager: assigns and handles.
    sign_in(&client, base, org.manager.email.as_str(), PASSWORD).await;
    check(
        &client,
        base,
        &page("/", "/", "start-leidinggevende"),
        &mut walk,
    )
    .await;
    client
        .goto(&format!("{base}/verbeteracties"))
        .await
        .expect("her actions");
    let action = first_link(&client, "/verbeteracties/").await;
    for p in [
        page(
            "/klachten/{id}",
            format!("/klachten/{fresh}"),
            "klacht-toewijzen",
        ),
        page(
            "/klachten/{id}",
            format!("/klachten/{in_hand}"),
            "klacht-afhandelen",
        ),
        page(
            "/klachten/{id}/formulier",
            format!("/klachten/{in_hand}/formulier"),
            "klachtenformulier-pagina",
        ),
        page("/verbeteracties/{id}", action.clone(), "verbeteractie"),
        page(
            "/afwezigheid/overdragen",
            "/afwezigheid/overdragen",
            "overdragen",
        ),
        page(
            "/medewerkers/{id}/overdracht",
            format!("/medewerkers/{}/overdracht", org.employee.id),
            "overdracht",
        ),
    ] {
        check(&client, base, &p, &mut walk).await;
    }
    sign_out(&client).await;

    // Sanne, quality manager: oversight, the dossier, the outbox, the mailbox.
    sign_in(&client, base, org.quality.email.as_str(), PASSWORD).await;
    check(
        &client,
        base,
        &page("/", "/", "start-kwaliteitsmanager"),
        &mut walk,
    )
    .await;
    let message = first_link(&client, "/binnengekomen/").await;
    for p in [
        page("/binnengekomen/{id}", message, "binnengekomen"),
        page("/overzicht", "/overzicht", "overzicht"),
        page("/dashboard", "/dashboard", "dashboard"),
        page(
            "/rapportage/jaarverslag",
            format!("/rapportage/jaarverslag?jaar={}", reports_support::year()),
            "jaarverslag",
        ),
        page(
            "/dossier",
            format!("/dossier?jaar={}", reports_support::year()),
            "dossier",
        ),
        page("/verbetering", "/verbetering", "verbetering"),
        page("/verbeteracties", "/verbeteracties", "verbeteracties"),
        page(
            "/verbeteracties/nieuw",
            "/verbeteracties/nieuw",
            "verbeteractie-nieuw",
        ),
        page("/berichten", "/berichten", "berichten"),
        page(
            "/afwezigheid/overdragen",
            "/afwezigheid/overdragen",
            "overdragen",
        ),
        page(
            "/medewerkers/{id}/overdracht",
            format!("/medewerkers/{}/overdracht", org.manager.id),
            "overdracht",
        ),
    ] {
        check(&client, base, &p, &mut walk).await;
    }
    sign_out(&client).await;

    // Ellen, director: her start page (the rest as the quality manager's).
    sign_in(&client, base, org.director.email.as_str(), PASSWORD).await;
    check(&client, base, &page("/", "/", "start-directeur"), &mut walk).await;
    sign_out(&client).await;

    // Tom, administrator: Beheer.
    sign_in(&client, base, org.admin.email.as_str(), PASSWORD).await;
    for p in [
        page("/", "/", "start-beheerder"),
        page("/beheer", "/beheer", "beheer"),
        page(
            "/beheer/gebruikers",
            "/beheer/gebruikers",
            "beheer-gebruikers",
        ),
        page(
            "/beheer/gebruikers/{id}",
            format!("/beheer/gebruikers/{}", org.employee.id),
            "beheer-gebruiker",
        ),
        page("/beheer/kalender", "/beheer/kalender", "beheer-kalender"),
        page("/beheer/logboek", "/beheer/logboek", "beheer-logboek"),
        page("/beheer/diensten", "/beheer/diensten", "beheer-diensten"),
        page(
            "/beheer/lijst/{lijst}",
            "/beheer/lijst/categorieen",
            "beheer-categorieen",
        ),
    ] {
        check(&client, base, &p, &mut walk).await;
    }
    sign_out(&client).await;

    assert!(
        walk.problems.is_empty(),
        "{} problem(s):\n{}",
        walk.problems.len(),
        walk.problems.join("\n")
    );
    // Every page the app declares was walked, or is listed as not a page.
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src");
    let declared: BTreeSet<String> = routes_support::declared_routes(&src)
        .into_iter()
        .filter(|(method, route)| method == "GET" && !is_file(route))
        .map(|(_, route)| route)
        .filter(|route| !NOT_WALKED.iter().any(|(r, _)| r == route))
        .collect();
    assert!(declared.len() > 30, "{declared:?}");
    let missing: Vec<_> = declared.difference(&walk.walked).collect();
    assert!(
        missing.is_empty(),
        "pages the walk does not open (add them to pages.rs, or to NOT_WALKED with why): {missing:?}"
    );
    for (route, _) in NOT_WALKED {
        assert!(
            routes_support::declared_routes(&src)
                .iter()
                .any(|(m, r)| m == "GET" && r == route),
            "{route} in NOT_WALKED is no route any more"
        );
    }
    client.close().await.expect("close session");
}
