//! The authorisation matrix (issue 13): every page route of the router
//! against every kind of visitor, with the answer each must get. The
//! routes are read from the router's own source, so a route added without
//! a row here fails `every_route_has_a_row`.

use crate::common;
use crate::complaints_support;
use crate::routes_support::declared_routes;

use std::collections::BTreeSet;

use common::spawn_app;
use complaints_support::{Intake, org, register};
use klacht_store::{Store, store_tests};

/// Who asks, in the order of the matrix's columns.
const WHO: [&str; 8] = [
    "anonymous",
    "employee (registered it)",
    "employee of another team",
    "manager (own team)",
    "manager of another team",
    "quality manager",
    "director",
    "administrator",
];

/// What the answer must be.
/// - `P` the handler ran past authorisation (any answer but the three
///   below and 5xx: 200, a redirect after success, 422 for the empty form,
///   409 for the complaint's state). The forms are posted empty: a form
///   is read before the domain decides, so for actions `P` says "may see
///   the complaint"; who may *do* each action is proven with real input
///   in `complaints_access.rs` and the domain's permission tests;
/// - `D` 403: seen, not allowed;
/// - `H` 404: not there for this visitor (existence does not leak);
/// - `S` 303 to `/inloggen`: sign in first.
type Row = (&'static str, &'static str, &'static str);

/// (method, route as in the source, expected per column of [`WHO`]).
const MATRIX: &[Row] = &[
    ("GET", "/", "PPPPPPPP"),
    ("GET", "/healthz", "PPPPPPPP"),
    ("GET", "/readyz", "PPPPPPPP"),
    // Only with KLACHT_METRICS_TOKEN, and then for its bearer token, not
    // for a session (operations.rs).
    ("GET", "/metrics", "HHHHHHHH"),
    ("GET", "/inloggen", "PPPPPPPP"),
    // Without the sign-in form's own CSRF cookie every post is refused.
    ("POST", "/inloggen", "DDDDDDDD"),
    // Single sign-on exists only with `[oidc]` configured (sso.rs).
    ("GET", "/inloggen/sso", "HHHHHHHH"),
    ("GET", "/inloggen/sso/terug", "HHHHHHHH"),
    ("GET", "/wachtwoord", "SPPPPPPP"),
    ("POST", "/wachtwoord", "SPPPPPPP"),
    ("POST", "/instellingen/taal", "SPPPPPPP"),
    // The public site.
    ("GET", "/reglement", "PPPPPPPP"),
    ("GET", "/klacht", "PPPPPPPP"),
    // Without the form's own token (a cookie set with the form).
    ("POST", "/klacht", "DDDDDDDD"),
    // Only right after a filing (its cookie).
    ("GET", "/klacht/bevestiging", "HHHHHHHH"),
    ("GET", "/status", "PPPPPPPP"),
    ("GET", "/status/{code}", "HHHHHHHH"),
    ("GET", "/status/{code}/tevredenheid", "HHHHHHHH"),
    ("POST", "/status/{code}/tevredenheid", "HHHHHHHH"),
    ("GET", "/klachten/{id}/bijlagen/{bijlage}", "SHHHHHHH"),
    // Adding files: who may act on it (posted empty: 422 once seen).
    ("POST", "/klachten/{id}/bijlagen", "SPHPHPPH"),
    // Complaints: the registrant, the team's manager and the overseers
    // see it; everyone else gets 404; the administrator sees no content.
    ("GET", "/klachten", "SPPPPPPP"), // the administrator is sent on to Beheer
    ("GET", "/klachten/nieuw", "SPPPPPPD"),
    // Bulk actions on Mijn klachten, posted empty: reassigning is for
    // those who assign afhandelaars; classifying as the single form
    // (checked per complaint), never the administrator.
    ("POST", "/klachten/toewijzen", "SDDPPPPD"),
    ("POST", "/klachten/indelen", "SPPPPPPD"),
    ("POST", "/klachten/nieuw", "SPPPPPPD"),
    ("GET", "/klachten/nieuw/medewerkers", "SPPPPPPD"),
    ("GET", "/assets/medewerkers.js", "PPPPPPPP"),
    ("GET", "/klachten/{id}", "SPHPHPPH"),
    ("GET", "/klachten/{id}/formulier", "SPHPHPPH"),
    ("GET", "/klachten/{id}/formulier.pdf", "SPHPHPPH"),
    ("GET", "/klachten/{id}/aanbod.pdf", "SHHHHHHH"),
    ("POST", "/klachten/{id}/afhandelaar", "SDHPHPPH"),
    ("POST", "/klachten/{id}/bijstand", "SDHPHPPH"),
    ("POST", "/klachten/{id}/doorsturen", "SDHDHPPH"),
    ("POST", "/klachten/{id}/contact", "SDHPHPDH"),
    ("POST", "/klachten/{id}/telefoongesprek", "SDHPHPDH"),
    ("POST", "/klachten/{id}/oordeel", "SDHPHPDH"),
    ("POST", "/klachten/{id}/aanbod", "SDHPHPDH"),
    ("POST", "/klachten/{id}/reactie", "SDHPHPDH"),
    ("POST", "/klachten/{id}/acties", "SDHPHPDH"),
    ("POST", "/klachten/{id}/acties/{n}/afgerond", "SDHPHPDH"),
    ("POST", "/klachten/{id}/formulier-verstuurd", "SDHPHPDH"),
    ("POST", "/klachten/{id}/vervallen", "SDHPHPDH"),
    ("POST", "/klachten/{id}/escalatie", "SDHDHPPH"),
    ("POST", "/klachten/{id}/escalatie/uitkomst", "SDHDHPPH"),
    ("POST", "/klachten/{id}/afsluiten", "SDHDHPDH"),
    ("POST", "/klachten/{id}/exact", "SDHDHPDH"),
    ("POST", "/klachten/{id}/omzetten", "SPHPHPPH"),
    ("POST", "/klachten/{id}/correctie", "SPHPHPPH"),
    ("POST", "/klachten/{id}/indeling", "SDHPHPPH"),
    ("POST", "/klachten/{id}/heropenen", "SDHDHPPH"),
    // Asking the director is a step of those handling it; answering is
    // only for the director asked (nobody here: no question is open).
    ("POST", "/klachten/{id}/overleg", "SDHPHPDH"),
    ("POST", "/klachten/{id}/overleg/{n}/advies", "SDHDHDDH"),
    // Related complaints: whoever sees the complaint (the other one is
    // checked with the input; unknown here, so 409 for those who may).
    ("POST", "/klachten/{id}/koppelingen", "SPHPHPPH"),
    (
        "POST",
        "/klachten/{id}/koppelingen/{ander}/verwijderen",
        "SPHPHPPH",
    ),
    // Oversight: the quality manager and the director.
    ("GET", "/overzicht", "SDDDDPPD"),
    ("GET", "/overzicht.csv", "SDDDDPPD"),
    ("GET", "/overzicht.xlsx", "SDDDDPPD"),
    // Saved views: one's own only; an unknown (or another's) view is 404.
    ("POST", "/overzicht/weergaven", "SDDDDPPD"),
    ("POST", "/overzicht/weergaven/{id}/verwijderen", "SDDDDHHD"),
    ("GET", "/dashboard", "SDDDDPPD"),
    ("GET", "/dashboard.json", "SDDDDPPD"),
    ("GET", "/rapportage/jaarverslag", "SDDDDPPD"),
    ("GET", "/rapportage/jaarverslag.pdf", "SDDDDPPD"),
    ("GET", "/dossier", "SDDDDPPD"),
    ("GET", "/dossier/{id}/formulier.pdf", "SDDDDHHD"),
    ("GET", "/dossier/{id}/dossier.json", "SDDDDHHD"),
    ("GET", "/dossier/{id}/ronde/{n}/formulier.pdf", "SDDDDHHD"),
    ("GET", "/dossier/{id}/ronde/{n}/dossier.json", "SDDDDHHD"),
    ("GET", "/verbetering", "SDDDDPPD"),
    ("POST", "/verbetering/afwijzen", "SDDDDPPD"),
    ("GET", "/verbeteracties", "SPPPPPPD"), // one's own actions
    ("GET", "/verbeteracties/nieuw", "SDDDDPPD"),
    ("POST", "/verbeteracties/nieuw", "SDDDDPPD"),
    ("GET", "/verbeteracties/{id}", "SHHHHHHD"),
    ("POST", "/verbeteracties/{id}/status", "SHHHHHHD"),
    ("POST", "/verbeteracties/{id}/afronden", "SHHHHHHD"),
    // The outgoing messages: the quality manager.
    // Binnengekomen e-mail (an unknown message here: mailbox.rs proves who
    // may open and decide a real one, and who may mark a reply read).
    ("GET", "/binnengekomen/{id}", "SHHHHHHH"),
    // Posted empty, the registration form is refused (422) before anything
    // is looked up; deciding is the quality manager's.
    ("POST", "/binnengekomen/{id}/registreren", "SPPPPPPP"),
    ("POST", "/binnengekomen/{id}/geen-klacht", "SDDDDHDD"),
    ("POST", "/binnengekomen/{id}/gelezen", "SHHHHHHH"),
    ("GET", "/berichten", "SDDDDPDD"),
    ("POST", "/berichten/{id}/opnieuw", "SDDDDHDD"),
    ("POST", "/berichten/opnieuw", "SDDDDPDD"),
    ("GET", "/berichten/exact.csv", "SDDDDPDD"),
    ("GET", "/berichten/exact.json", "SDDDDPDD"),
    // One's own calendar feed; the feed itself needs its secret name.
    ("GET", "/agenda", "SPPPPPPD"),
    ("POST", "/agenda/nieuw", "SPPPPPPD"),
    ("POST", "/agenda/opheffen", "SPPPPPPD"),
    ("GET", "/agenda/{file}", "HHHHHHHH"),
    // Absences: one's own and one's team's; handing over is for those who
    // assign afhandelaars.
    // The procedure explained (issue 16): every signed-in user.
    ("GET", "/hoe-werkt-het", "SPPPPPPP"),
    ("POST", "/rondleiding/verbergen", "SPPPPPPP"),
    ("GET", "/afwezigheid", "SPPPPPPD"),
    ("POST", "/afwezigheid", "SPPPPPPD"),
    ("POST", "/afwezigheid/{id}/beeindigen", "SHHHHHHD"),
    ("GET", "/afwezigheid/overdragen", "SDDPPPPD"),
    ("POST", "/afwezigheid/overdragen/{id}", "SDDPHPPD"),
    // Overdracht of Piet's work: his manager, the quality manager and the
    // director; not Piet himself, not another team's manager.
    ("GET", "/medewerkers/{id}/overdracht", "SDDPDPPD"),
    ("POST", "/medewerkers/{id}/overdracht", "SDDPDPPD"),
    // Beheer: the administrator.
    ("GET", "/beheer", "SDDDDDDP"),
    ("GET", "/beheer/gebruikers", "SDDDDDDP"),
    ("POST", "/beheer/gebruikers", "SDDDDDDP"),
    ("GET", "/beheer/gebruikers/{id}", "SDDDDDDP"),
    ("POST", "/beheer/gebruikers/{id}", "SDDDDDDP"),
    ("POST", "/beheer/gebruikers/{id}/actief", "SDDDDDDP"),
    ("POST", "/beheer/gebruikers/{id}/ontgrendelen", "SDDDDDDP"),
    ("GET", "/beheer/kalender", "SDDDDDDP"),
    ("POST", "/beheer/kalender/opties", "SDDDDDDP"),
    ("POST", "/beheer/kalender/sluitingsdagen", "SDDDDDDP"),
    (
        "POST",
        "/beheer/kalender/sluitingsdagen/verwijderen",
        "SDDDDDDP",
    ),
    ("GET", "/beheer/logboek", "SDDDDDDP"),
    ("GET", "/beheer/diensten", "SDDDDDDP"),
    ("POST", "/beheer/diensten", "SDDDDDDP"),
    ("POST", "/beheer/diensten/{id}/naam", "SDDDDDDP"),
    ("POST", "/beheer/diensten/{id}/leidinggevende", "SDDDDDDH"),
    ("POST", "/beheer/diensten/{id}/actief", "SDDDDDDP"),
    ("GET", "/beheer/lijst/{lijst}", "SDDDDDDP"),
    ("POST", "/beheer/lijst/{lijst}", "SDDDDDDP"),
    ("POST", "/beheer/lijst/{lijst}/{id}/naam", "SDDDDDDP"),
    ("POST", "/beheer/lijst/{lijst}/{id}/actief", "SDDDDDDP"),
    // Last: it ends every session, and lands on the sign-in page.
    ("POST", "/uitloggen", "SSSSSSSS"),
];

#[test]
fn every_route_has_a_row() {
    let declared = declared_routes(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(declared.len() > 60, "{declared:?}");
    let rows: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let missing: Vec<_> = declared.difference(&rows).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in MATRIX: {missing:?}"
    );
    let stale: Vec<_> = rows.difference(&declared).collect();
    assert!(
        stale.is_empty(),
        "rows for routes that do not exist: {stale:?}"
    );
    for (m, p, expect) in MATRIX {
        assert_eq!(expect.len(), WHO.len(), "{m} {p}");
    }
}

async fn every_route_answers_every_visitor_as_the_matrix_says<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let visitors = [
        None,
        Some(&o.employee),
        Some(&o.outsider),
        Some(&o.manager),
        Some(&o.other_manager),
        Some(&o.quality),
        Some(&o.director),
        Some(&o.admin),
    ];
    let unknown = "0190f5a0-0000-7000-8000-000000000000";
    let mut wrong = Vec::new();
    for (method, route, expect) in MATRIX {
        let path = route
            .replace("/klachten/{id}", &format!("/klachten/{id}"))
            .replace("/overdragen/{id}", &format!("/overdragen/{id}"))
            .replace(
                "/medewerkers/{id}",
                &format!("/medewerkers/{}", o.employee.user.id),
            )
            .replace(
                "/gebruikers/{id}",
                &format!("/gebruikers/{}", o.employee.user.id),
            )
            .replace("{lijst}", "categorieen")
            .replace("{n}", "1")
            .replace("{code}", "ABCD-EFGH-JKLM")
            .replace("{file}", "geheim.ics")
            .replace("{id}", unknown)
            .replace("{bijlage}", unknown)
            .replace("{ander}", unknown);
        for ((who, visitor), want) in WHO.iter().zip(visitors).zip(expect.chars()) {
            let r = match (*method, visitor) {
                ("GET", Some(p)) => app.get_as(&p.b, &path).await,
                ("GET", None) => app.get(&path).await,
                (_, Some(p)) => app.post_as(&p.b, &path, &[]).await,
                (_, None) => app
                    .client
                    .post(app.url(&path))
                    .form(&[("csrf", "x")])
                    .send()
                    .await
                    .expect("sent"),
            };
            let status = r.status().as_u16();
            let to_sign_in = status == 303
                && r.headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .is_some_and(|l| l.starts_with("/inloggen"));
            let got = match status {
                403 => 'D',
                404 => 'H',
                _ if to_sign_in => 'S',
                500.. => '!',
                _ => 'P',
            };
            if got != want {
                wrong.push(format!(
                    "{method} {route} as {who}: expected {want}, got {got} ({status})"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

store_tests!(every_route_answers_every_visitor_as_the_matrix_says);
