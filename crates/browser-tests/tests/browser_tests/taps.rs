//! The tap-count targets of issue 15, on a 390-px phone: an employee
//! registers a phone complaint in at most 3 taps after signing in, and a
//! complaint goes from registration to closing in at most 15 taps, all
//! roles together. A tap is a click, a choice in a select, or a form
//! submit; typing is not (the fields that need text are filled). Signing in
//! is not counted. Screenshots of the complaint page with its next step
//! open, at 390 and 1280 px.

use fantoccini::{Client, Locator};
use klacht_browser_tests::{
    PASSWORD, body_text, browser, click, click_and_wait, fill, screenshot, select, sign_in,
    sign_out, spawn_app, staff_user,
};
use klacht_domain::Role;
use klacht_store::testing::SqliteTestDb;

/// Counts the taps of one person.
struct Taps<'a> {
    client: &'a Client,
    count: usize,
}

impl<'a> Taps<'a> {
    fn new(client: &'a Client) -> Self {
        Self { client, count: 0 }
    }

    /// A click on something on the page.
    async fn tap(&mut self, css: &str) {
        self.count += 1;
        click(self.client, css).await;
    }

    /// A click that loads the next page (a link, a submit).
    async fn tap_and_wait(&mut self, css: &str) {
        self.count += 1;
        click_and_wait(self.client, css).await;
    }

    async fn choose(&mut self, id: &str, value: &str) {
        self.count += 1;
        select(self.client, id, value).await;
    }
}

async fn is_next_step_open(client: &Client, key: &str) -> bool {
    client
        .find(Locator::Css(&format!("#volgende-stap details#{key}[open]")))
        .await
        .is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_complaint_is_registered_and_closed_in_few_taps() {
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
    let joost = staff_user(
        &store,
        "joost@focus.example",
        "Joost Bakker",
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
    client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");

    // Piet takes a phone call: the complaint, about Joost's visit.
    sign_in(&client, &base, "piet@focus.example", PASSWORD).await;
    let mut piet = Taps::new(&client);
    piet.tap_and_wait("#nieuwe-melding").await;
    fill(&client, "klager_naam", "Mevrouw J. de Vries").await;
    fill(&client, "klager_telefoon", "06-12345678").await;
    fill(
        &client,
        "omschrijving",
        "De zorgverlener kwam drie keer te laat zonder bericht.",
    )
    .await;
    piet.tap(&format!("input[name=betrokken][value='{}']", joost.id))
        .await;
    piet.tap_and_wait("#registreren").await;
    let text = body_text(&client).await;
    assert!(text.contains("geregistreerd"), "{text}");
    let detail_url = client.current_url().await.expect("url");
    assert!(detail_url.path().starts_with("/klachten/"), "{detail_url}");
    assert!(piet.count <= 3, "registering took {} taps", piet.count);
    let registering = piet.count;
    sign_out(&client).await;

    // Margriet: from her start page to the complaint, she handles it
    // herself (preselected), then the phone call with merit and offer.
    sign_in(&client, &base, "margriet@focus.example", PASSWORD).await;
    let mut margriet_taps = Taps::new(&client);
    margriet_taps.tap_and_wait("#work-queue a").await;
    assert!(is_next_step_open(&client, "afhandelaar").await);
    margriet_taps
        .tap_and_wait("details#afhandelaar button[type=submit]")
        .await;
    assert!(body_text(&client).await.contains("in behandeling"));
    assert!(is_next_step_open(&client, "telefoongesprek").await);
    let next = body_text(&client).await;
    assert!(next.contains("Nu te doen: Contact vastleggen"), "{next}");
    assert!(next.contains("uiterlijk"), "{next}");
    fill(
        &client,
        "telefoongesprek-samenvatting",
        "Gebeld; excuses aangeboden en nieuwe tijden besproken.",
    )
    .await;
    let to_next_step = "document.getElementById('volgende-stap').scrollIntoView(); return null;";
    client
        .execute(to_next_step, vec![])
        .await
        .expect("scroll to the next step");
    screenshot(&client, "klacht-volgende-stap-390").await;
    client
        .set_window_rect(0, 0, 1280, 1000)
        .await
        .expect("desktop size");
    client
        .execute(to_next_step, vec![])
        .await
        .expect("scroll to the next step");
    screenshot(&client, "klacht-volgende-stap").await;
    client
        .set_window_rect(0, 0, 390, 844)
        .await
        .expect("phone size");
    margriet_taps
        .tap("details#telefoongesprek input[name=oordeel][value=founded]")
        .await;
    fill(
        &client,
        "telefoongesprek-onderbouwing",
        "Volgens het zorgplan komt de zorgverlener om 8:00 uur.",
    )
    .await;
    margriet_taps
        .choose("telefoongesprek-soort", "compensation")
        .await;
    fill(
        &client,
        "telefoongesprek-omschrijving",
        "Creditering van de gemiste uren.",
    )
    .await;
    fill(&client, "telefoongesprek-waarde", "25,00").await;
    margriet_taps
        .tap_and_wait("details#telefoongesprek button[type=submit]")
        .await;
    let text = body_text(&client).await;
    assert!(
        text.contains("Telefoongesprek vastgelegd: contact, oordeel (gegrond) en aanbod."),
        "{text}"
    );
    assert!(is_next_step_open(&client, "reactie").await);
    margriet_taps
        .tap("details#reactie input[name=aanvaard][value=ja]")
        .await;
    margriet_taps
        .tap_and_wait("details#reactie button[type=submit]")
        .await;
    assert!(is_next_step_open(&client, "formulier-verstuurd").await);
    margriet_taps
        .tap_and_wait("details#formulier-verstuurd button[type=submit]")
        .await;
    assert!(body_text(&client).await.contains("vastgelegd"));
    sign_out(&client).await;

    // Sanne closes it from her start page.
    sign_in(&client, &base, "sanne@focus.example", PASSWORD).await;
    let mut sanne = Taps::new(&client);
    sanne.tap_and_wait("#work-queue a").await;
    assert!(is_next_step_open(&client, "afsluiten").await);
    sanne
        .tap_and_wait("details#afsluiten button[type=submit]")
        .await;
    let closed = body_text(&client).await;
    assert!(closed.contains("afgesloten"), "{closed}");

    let total = registering + margriet_taps.count + sanne.count;
    eprintln!(
        "taps: registering {registering}, handling {}, closing {}, total {total}",
        margriet_taps.count, sanne.count
    );
    assert!(total <= 15, "registration to closing took {total} taps");
    client.close().await.expect("close session");
}
