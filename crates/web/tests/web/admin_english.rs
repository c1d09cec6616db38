//! Beheer, the start page and the error pages in the user's language
//! (issue 18): an administrator or a manager who chose English gets them
//! in English; a Dutch user gets them as before.

use crate::common;
use crate::complaints_support::{Intake, Person, org, register};

use common::{TestApp, assert_speaks, spawn_app};
use klacht_domain::Language;
use klacht_store::{Store, store_tests};

async fn page<S: Store>(app: &TestApp<S>, who: &Person, path: &str, status: u16) -> String {
    let r = app.get_as(&who.b, path).await;
    assert_eq!(r.status(), status, "{path}");
    r.text().await.expect("body")
}

async fn admin_and_start_pages_speak_the_users_language<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let org = org(&app).await;
    // Something waits for the manager: a complaint in Margriet's team.
    register(&app, &org.employee, &Intake::complaint(&org.involved.user)).await;
    let now = jiff::Timestamp::UNIX_EPOCH;
    for who in [&org.admin, &org.manager, &org.director] {
        app.store
            .dismiss_tour(who.user.id, now)
            .await
            .expect("tour put away");
    }
    let admin_pages = [
        "/beheer".to_string(),
        "/beheer/gebruikers".to_string(),
        format!("/beheer/gebruikers/{}", org.manager.user.id),
        "/beheer/diensten".to_string(),
        "/beheer/kalender".to_string(),
        "/beheer/logboek".to_string(),
        "/beheer/lijst/categorieen".to_string(),
        "/beheer/lijst/oorzaken".to_string(),
    ];

    // Dutch, as before (nobody chose a language; the test browser sends
    // no Accept-Language).
    for path in &admin_pages {
        let html = page(&app, &org.admin, path, 200).await;
        assert_speaks(Language::Nl, &html, path);
    }
    let start = page(&app, &org.manager, "/", 200).await;
    assert_speaks(Language::Nl, &start, "Dutch start page");
    assert!(
        start.contains("Afhandelaar toewijzen"),
        "the waiting complaint"
    );
    let start = page(&app, &org.admin, "/", 200).await;
    assert_speaks(
        Language::Nl,
        &start,
        "Dutch start page of the administrator",
    );
    let missing = page(&app, &org.manager, "/bestaat-niet", 404).await;
    assert_speaks(Language::Nl, &missing, "Dutch 404");
    assert!(missing.contains("<h1>Niet gevonden</h1>"));

    // English, once chosen.
    for who in [&org.admin, &org.manager] {
        app.store
            .set_user_language(who.user.id, Some(Language::En))
            .await
            .expect("language saved");
    }
    for path in &admin_pages {
        let html = page(&app, &org.admin, path, 200).await;
        assert_speaks(Language::En, &html, path);
    }
    let users = page(&app, &org.admin, "/beheer/gebruikers", 200).await;
    assert!(users.contains("Users and teams"));
    let calendar = page(&app, &org.admin, "/beheer/kalender", 200).await;
    assert!(calendar.contains("King&#39;s Day") || calendar.contains("King's Day"));
    let start = page(&app, &org.admin, "/", 200).await;
    assert_speaks(
        Language::En,
        &start,
        "English start page of the administrator",
    );
    let start = page(&app, &org.manager, "/", 200).await;
    assert_speaks(Language::En, &start, "English start page");
    assert!(start.contains("Assign a handler"), "the waiting complaint");
    let missing = page(&app, &org.manager, "/bestaat-niet", 404).await;
    assert_speaks(Language::En, &missing, "English 404");
    assert!(missing.contains("<h1>Not found</h1>"));
    // Someone else's Beheer: refused in their language.
    let refused = page(&app, &org.manager, "/beheer", 403).await;
    assert_speaks(Language::En, &refused, "English 403");

    // An anonymous visitor whose browser asks for English.
    let r = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .expect("sent");
    let html = r.text().await.expect("body");
    assert_speaks(Language::En, &html, "public start page");
    let r = app
        .client
        .get(app.url("/bestaat-niet"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 404);
    let html = r.text().await.expect("body");
    assert_speaks(Language::En, &html, "public 404");
}

store_tests!(admin_and_start_pages_speak_the_users_language);
