//! The staff's complaint pages in the user's language (issue #18): a
//! staff member who chose English registers a complaint for an English
//! complainant and sees the list, the form and the complaint in English;
//! a Dutch colleague sees the same pages in Dutch.

use crate::common;
use crate::complaints_support;

use common::{assert_speaks, spawn_app};
use complaints_support::{Intake, detail, done, follow, org, post_intake};
use klacht_domain::Language;
use klacht_store::{Store, store_tests};

/// The page without its style sheets: their selectors (`#my-complaints`)
/// are no text.
fn without_style(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("<style") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</style>") {
            Some(end) => rest = &rest[start + end + 8..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The page without the help per step (`procedure/help.html`, the
/// regulation's own text, translated with the regulation).
fn without_help(page: &str) -> String {
    match (
        page.find("<section aria-labelledby=\"step-help-title\""),
        page.find("id=\"uitleg\""),
    ) {
        (Some(start), Some(_)) => {
            let end = start + page[start..].find("</section>").map_or(0, |e| e + 10);
            format!("{}{}", &page[..start], &page[end..])
        }
        _ => page.to_owned(),
    }
}

async fn the_complaint_pages_speak_the_users_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    for who in [&o.employee, &o.manager] {
        app.store
            .set_user_language(who.user.id, Some(Language::En))
            .await
            .expect("language saved");
    }

    // The form, in English, with the complainant's language to choose.
    let r = app.get_as(&o.employee.b, "/klachten/nieuw").await;
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert_speaks(Language::En, &without_style(&page), "new report");
    assert!(page.contains("Complainant&#39;s language") || page.contains("Complainant's language"));
    assert!(page.contains("name=\"taal\""));

    // Registered for an English complainant: the flash and the page speak
    // English.
    let intake = Intake::complaint(&o.involved.user)
        .set("taal", "en")
        .set("omschrijving", "Carer absent twice.");
    let r = post_intake(&app, &o.employee, &intake).await;
    let id = complaints_support::location(&r)
        .strip_prefix("/klachten/")
        .expect("to the complaint")
        .to_owned();
    let page = follow(&app, &o.employee, r).await;
    assert!(page.contains("registered and reported to"), "flash");
    assert_speaks(
        Language::En,
        &without_help(&page),
        "complaint after registering",
    );

    // The list.
    let r = app.get_as(&o.employee.b, "/klachten").await;
    let page = r.text().await.expect("body");
    assert_speaks(Language::En, &without_style(&page), "my complaints");
    assert!(page.contains("My complaints"));

    // The manager assigns a handler; the page stays English.
    let page = detail(&app, &o.manager, &id).await;
    assert_speaks(
        Language::En,
        &without_help(&page),
        "complaint for the manager",
    );
    let page = done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    assert!(page.contains("Handler assigned"), "history in English");

    // The complainant's language was stored with the complaint.
    let complaint = klacht_app::complaints::load(&app.store, id.parse().expect("complaint id"))
        .await
        .expect("complaint");
    assert_eq!(complaint.language(), Language::En);

    // A Dutch colleague sees the same pages in Dutch.
    let page = detail(&app, &o.colleague, &id).await;
    assert_speaks(
        Language::Nl,
        &without_style(&page),
        "klacht voor de afhandelaar",
    );
    let page = app
        .get_as(&o.colleague.b, "/klachten")
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::Nl, &without_style(&page), "mijn klachten");
    let page = app
        .get_as(&o.colleague.b, "/klachten/nieuw")
        .await
        .text()
        .await
        .expect("body");
    assert_speaks(Language::Nl, &without_style(&page), "nieuwe melding");
    assert!(page.contains("Taal van de klager"));
}

store_tests!(the_complaint_pages_speak_the_users_language);
