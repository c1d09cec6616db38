//! A complaint from intake to closing in headless Chromium, as the people
//! of the regulation do it: an employee registers it on a phone, the
//! manager handles it, the quality manager closes it. Screenshots of the
//! main pages land in docs/screenshots.

use klacht_browser_tests::{
    PASSWORD, body_text, browser, click, click_and_wait, fill, flash, open_form, screenshot,
    select, sign_in, sign_out, spawn_app, staff_user, submit_form,
};
use klacht_domain::Role;
use klacht_store::testing::SqliteTestDb;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_goes_from_intake_to_closing_in_the_browser() {
    let Some((_driver, client)) = browser().await else {
        return;
    };
    let db = SqliteTestDb::new();
    let store = db.store().await;
    let margriet = staff_user(
        &store,
        "margriet@focus.example",
        "Margriet Jansen",
        Role::Manager,
        None,
    )
    .await;
    staff_user(
        &store,
        "piet@focus.example",
        "Piet de Vries",
        Role::Employee,
        Some(margriet.id),
    )
    .await;
    let fatima = staff_user(
        &store,
        "fatima@focus.example",
        "Fatima el Amrani",
        Role::Employee,
        Some(margriet.id),
    )
    .await;
    staff_user(
        &store,
        "sanne@focus.example",
        "Sanne Visser",
        Role::QualityManager,
        None,
    )
    .await;
    let app = spawn_app(store).await;
    let base = app.base.clone();

    // 1. Piet registers the complaint on his phone.
    client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");
    sign_in(&client, &base, "piet@focus.example", PASSWORD).await;
    client
        .goto(&format!("{base}/klachten/nieuw"))
        .await
        .expect("new");
    click(&client, "input[name=soort][value=klacht]").await;
    fill(&client, "klager_naam", "Mevrouw J. de Vries").await;
    fill(&client, "klager_telefoon", "06-12345678").await;
    fill(&client, "dienst", "Thuiszorg").await;
    click(
        &client,
        &format!("input[name=betrokken][value='{}']", fatima.id),
    )
    .await;
    fill(
        &client,
        "omschrijving",
        "De zorgverlener kwam drie keer te laat zonder bericht.",
    )
    .await;
    screenshot(&client, "nieuwe-melding-telefoon").await;
    click_and_wait(&client, "#registreren").await;
    let registered = flash(&client).await;
    assert!(registered.contains("geregistreerd"), "{registered}");
    let detail_url = client.current_url().await.expect("url");
    assert!(detail_url.path().starts_with("/klachten/"), "{detail_url}");
    let text = body_text(&client).await;
    assert!(
        text.contains("Mevrouw J. de Vries") && text.contains("wacht op afhandelaar"),
        "{text}"
    );
    screenshot(&client, "klacht-geregistreerd-telefoon").await;
    sign_out(&client).await;

    // 2. Margriet, the responsible manager, handles it on a desktop.
    client
        .set_window_rect(0, 0, 1280, 1000)
        .await
        .expect("desktop size");
    sign_in(&client, &base, "margriet@focus.example", PASSWORD).await;
    client
        .goto(&format!("{base}/klachten"))
        .await
        .expect("mine");
    let mine = body_text(&client).await;
    assert!(mine.contains("Mevrouw J. de Vries"), "{mine}");
    screenshot(&client, "mijn-klachten").await;
    client.goto(detail_url.as_str()).await.expect("detail");

    // The involved employee is refused, with the reason on the page.
    open_form(&client, "afhandelaar").await;
    select(&client, "afhandelaar-afhandelaar", &fatima.id.to_string()).await;
    submit_form(&client, "afhandelaar").await;
    let refused = body_text(&client).await;
    assert!(refused.contains("betrokken"), "{refused}");
    screenshot(&client, "afhandelaar-geweigerd").await;

    client.goto(detail_url.as_str()).await.expect("detail");
    open_form(&client, "afhandelaar").await;
    select(&client, "afhandelaar-afhandelaar", &margriet.id.to_string()).await;
    submit_form(&client, "afhandelaar").await;
    assert!(body_text(&client).await.contains("in behandeling"));

    open_form(&client, "contact").await;
    fill(
        &client,
        "contact-samenvatting",
        "Gebeld; excuses aangeboden en nieuwe tijden besproken.",
    )
    .await;
    submit_form(&client, "contact").await;

    open_form(&client, "oordeel").await;
    click(
        &client,
        "details#oordeel input[name=oordeel][value=founded]",
    )
    .await;
    fill(
        &client,
        "oordeel-onderbouwing",
        "Volgens het zorgplan komt de zorgverlener om 8:00 uur.",
    )
    .await;
    submit_form(&client, "oordeel").await;

    open_form(&client, "aanbod").await;
    select(&client, "aanbod-soort", "compensation").await;
    fill(
        &client,
        "aanbod-omschrijving",
        "Creditering van de gemiste uren.",
    )
    .await;
    fill(&client, "aanbod-waarde", "25,00").await;
    submit_form(&client, "aanbod").await;

    open_form(&client, "reactie").await;
    click(&client, "details#reactie input[name=aanvaard][value=ja]").await;
    select(&client, "reactie-tevredenheid", "4").await;
    submit_form(&client, "reactie").await;

    open_form(&client, "acties").await;
    fill(
        &client,
        "acties-omschrijving",
        "Vaste zorgverlener inplannen.",
    )
    .await;
    submit_form(&client, "acties").await;
    open_form(&client, "actie-1").await;
    submit_form(&client, "actie-1").await;

    open_form(&client, "formulier-verstuurd").await;
    submit_form(&client, "formulier-verstuurd").await;
    let recorded = body_text(&client).await;
    assert!(
        recorded.contains("Creditering van de gemiste uren") && recorded.contains("€ 25,00"),
        "{recorded}"
    );
    assert!(recorded.contains("vastgelegd"), "{recorded}");
    sign_out(&client).await;

    // 3. Sanne, the quality manager, closes and files it.
    sign_in(&client, &base, "sanne@focus.example", PASSWORD).await;
    client.goto(detail_url.as_str()).await.expect("detail");
    open_form(&client, "afsluiten").await;
    submit_form(&client, "afsluiten").await;
    let closed = body_text(&client).await;
    assert!(closed.contains("afgesloten"), "{closed}");
    for step in [
        "melden bij leidinggevende",
        "contact met klager",
        "aanbod",
        "vastleggen op klachtenformulier",
    ] {
        assert!(closed.contains(step), "{step} in the terms");
    }
    screenshot(&client, "klacht-afgesloten").await;

    client
        .goto(&format!("{}/formulier", detail_url.as_str()))
        .await
        .expect("form");
    let form = body_text(&client).await;
    assert!(
        form.contains("Mevrouw J. de Vries") && form.contains("Gebeld; excuses aangeboden"),
        "{form}"
    );
    screenshot(&client, "klachtenformulier").await;
    client.close().await.expect("close session");
}
