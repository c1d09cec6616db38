//! The detail page and its actions: a complaint walked from intake to
//! closing by the right people, refusals with their reasons and statuses,
//! stale forms, corrections.

use crate::common;
use crate::complaints_support;

use common::{hidden_field, spawn_app};
use complaints_support::{
    Intake, act, act_at, detail, done, org, register, stored_version, today, version,
};
use klacht_store::{Store, store_tests};

/// The part of the page from the element with `id` to the end of its form.
fn form_of<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("form {id} on the page"));
    let end = start + page[start..].find("</form>").expect("form end");
    &page[start..end]
}

async fn a_complaint_is_walked_from_intake_to_closing<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let today = today();
    let today_nl = jiff::civil::Date::strptime("%Y-%m-%d", &today)
        .expect("date")
        .strftime("%d-%m-%Y")
        .to_string();

    // Piet takes the call and registers it; Margriet is told.
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let page = detail(&app, &o.employee, &id).await;
    assert!(page.contains("wacht op afhandelaar"));
    assert!(page.contains("Gemeld bij leidinggevende margriet"));
    assert!(!page.contains("id=\"afhandelaar\""), "Piet does not assign");

    // Margriet assigns Fatima.
    let page = detail(&app, &o.manager, &id).await;
    for form in ["afhandelaar", "bijstand", "vervallen"] {
        assert!(page.contains(&format!("id=\"{form}\"")), "{form} offered");
    }
    assert!(!page.contains("id=\"contact\""), "no handler yet");
    let page = done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    assert!(page.contains("fatima is nu afhandelaar."), "flash");
    assert!(page.contains("<dd id=\"handler\">fatima</dd>"));
    assert!(page.contains("in behandeling"));

    // Fatima: contact, merit, offer, response, an action, the form.
    let page = detail(&app, &o.colleague, &id).await;
    assert!(page.contains("id=\"contact\"") && page.contains("id=\"oordeel\""));
    assert!(!page.contains("id=\"aanbod\""), "no offer before merit");
    assert!(
        !page.contains("id=\"afsluiten\""),
        "the handler does not close"
    );
    let page = done(
        &app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", &today),
            ("vorm", "telephone"),
            ("samenvatting", "Klager gebeld; excuses aangeboden."),
        ],
    )
    .await;
    assert!(page.contains("Contact met de klager vastgelegd."));
    assert!(page.contains("Klager gebeld; excuses aangeboden."));
    assert!(page.contains(&format!(
        "Contact met klager vastgelegd (telefonisch, {today_nl})"
    )));
    let page = done(
        &app,
        &o.colleague,
        &id,
        "oordeel",
        &[
            ("oordeel", "founded"),
            ("onderbouwing", "Afgesproken bezoeken zijn niet nagekomen."),
        ],
    )
    .await;
    assert!(page.contains("Oordeel vastgelegd: gegrond."));
    let page = done(
        &app,
        &o.colleague,
        &id,
        "aanbod",
        &[
            ("soort", "compensation"),
            ("omschrijving", "Een bos bloemen en een extra bezoek."),
            ("waarde", "25,00"),
            ("directeur", "ja"),
            ("datum", &today),
        ],
    )
    .await;
    assert!(page.contains("€ 25,00"));
    assert!(page.contains("na overleg met de directeur"));
    let page = done(
        &app,
        &o.colleague,
        &id,
        "reactie",
        &[
            ("aanvaard", "ja"),
            ("tevredenheid", "4"),
            ("toelichting", "Blij met de oplossing."),
        ],
    )
    .await;
    assert!(page.contains("aanbod aanvaard, tevredenheid 4/5"));
    let page = done(
        &app,
        &o.colleague,
        &id,
        "acties",
        &[
            ("omschrijving", "Rooster aanpassen zodat bezoeken doorgaan."),
            ("streefdatum", &today),
        ],
    )
    .await;
    assert!(page.contains("<strong>open</strong>"));
    assert!(page.contains("id=\"actie-1\""));
    let page = done(
        &app,
        &o.colleague,
        &id,
        "acties/1/afgerond",
        &[("toelichting", "Rooster aangepast.")],
    )
    .await;
    assert!(page.contains("Actie 1 afgerond."));
    assert!(page.contains(": Rooster aangepast."));
    let page = done(&app, &o.colleague, &id, "formulier-verstuurd", &[]).await;
    assert!(page.contains("<span class=\"badge\" id=\"status\">vastgelegd</span>"));
    // Issue 12: the form says who sent it, then when.
    let form = app
        .get_as(&o.colleague.b, &format!("/klachten/{id}/formulier"))
        .await
        .text()
        .await
        .expect("body");
    assert!(form.contains("☒ verstuurd door fatima op "), "{form}");

    // Fatima may not close; the quality manager does.
    let r = act(&app, &o.colleague, &id, "afsluiten", &[]).await;
    assert_eq!(r.status(), 403);
    let page = detail(&app, &o.quality, &id).await;
    assert!(page.contains("id=\"afsluiten\""));
    let page = done(
        &app,
        &o.quality,
        &id,
        "afsluiten",
        &[("toelichting", "Opgeborgen in het dossier.")],
    )
    .await;
    assert!(page.contains("Klacht afgesloten en opgeborgen in het klachtendossier."));
    assert!(page.contains("<span class=\"badge\" id=\"status\">afgesloten</span>"));
    assert!(
        page.contains("id=\"exact\""),
        "the registration in Exact follows"
    );
    // Every step on time; every event in the history, with its author.
    assert_eq!(
        page.matches("op tijd afgerond").count(),
        4,
        "four terms met"
    );
    for line in [
        "Afhandelaar toegewezen: fatima",
        "Klacht beoordeeld als gegrond",
        "Klachtenformulier naar de kwaliteitsmanager gestuurd",
        "Klacht afgesloten en opgeborgen in het klachtendossier",
    ] {
        assert!(page.contains(line), "{line}");
    }
    for who in ["· piet", "· margriet", "· fatima", "· sanne"] {
        assert!(page.contains(who), "{who} in the history");
    }
    assert_eq!(stored_version(&app, &id).await, 11, "one event per step");

    // Closed: Fatima sees it but can do nothing more, and is told so
    // instead of an empty list of actions.
    let page = detail(&app, &o.colleague, &id).await;
    assert!(!page.contains("<details class=\"action\""), "{page}");
    assert!(page.contains("U kunt bij deze klacht niets (meer) doen."));
}

async fn assigning_an_involved_employee_shows_the_reason<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    let before = stored_version(&app, &id).await;
    let page = detail(&app, &o.manager, &id).await;
    assert!(page.contains("joost (medewerker) — betrokken bij de dienst"));
    let r = act(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.involved.user.id.to_string())],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    let form = form_of(&page, "afhandelaar");
    assert!(
        form.contains(
            "De afhandelaar mag niet betrokken zijn bij de dienst waarover geklaagd wordt."
        ),
        "{form}"
    );
    assert!(form.contains(" open>"), "the refused form is open");
    assert!(
        form.contains(&format!("value=\"{}\" selected", o.involved.user.id)),
        "the choice stays"
    );
    assert_eq!(stored_version(&app, &id).await, before, "nothing written");

    // Outside her team Margriet may not pick; the domain says why (403).
    let r = act(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.outsider.user.id.to_string())],
    )
    .await;
    assert_eq!(r.status(), 403);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("alleen zichzelf of een medewerker uit het eigen team")
    );
}

async fn a_stale_form_is_409_and_writes_nothing<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    // Margriet and the quality manager open the page at the same version.
    let seen = version(&app, &o.manager, &id).await;
    assert_eq!(version(&app, &o.quality, &id).await, seen);
    let fatima = o.colleague.user.id.to_string();
    let r = act_at(
        &app,
        &o.quality,
        &id,
        "afhandelaar",
        &seen,
        &[("afhandelaar", &fatima)],
    )
    .await;
    assert_eq!(r.status(), 303);
    let after = stored_version(&app, &id).await;
    let margriet = o.manager.user.id.to_string();
    let r = act_at(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &seen,
        &[("afhandelaar", &margriet)],
    )
    .await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.expect("body");
    assert!(page.contains("Iemand anders heeft deze klacht intussen gewijzigd."));
    assert!(
        page.contains("<dd id=\"handler\">fatima</dd>"),
        "the page shows the news"
    );
    assert_eq!(
        hidden_field(&page, "version").as_deref(),
        Some(after.to_string().as_str()),
        "and forms at the current version"
    );
    assert_eq!(stored_version(&app, &id).await, after, "nothing written");
    // A form without a version is refused too.
    let r = app
        .post_as(
            &o.manager.b,
            &format!("/klachten/{id}/afhandelaar"),
            &[("afhandelaar", &margriet)],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(stored_version(&app, &id).await, after);
}

/// Registers a complaint handled by Fatima with its contact recorded.
async fn handled<S: Store>(app: &common::TestApp<S>, o: &complaints_support::Org) -> String {
    let id = register(app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    done(
        app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    done(
        app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", "Eerste gesprek."),
        ],
    )
    .await;
    id
}

async fn bad_action_input_keeps_what_was_typed<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    let before = stored_version(&app, &id).await;
    let r = act(
        &app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", "31-02-2026"),
            ("vorm", "face_to_face"),
            ("samenvatting", "Gesprek <b>aan de balie</b>"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    let form = form_of(&page, "contact");
    assert!(
        form.contains("'31-02-2026' is geen geldige datum.")
            || form.contains("&#39;31-02-2026&#39; is geen geldige datum.")
    );
    assert!(form.contains("value=\"31-02-2026\""), "typed date kept");
    assert!(form.contains("aria-invalid=\"true\" aria-describedby=\"contact-fout\""));
    assert!(
        form.contains("value=\"face_to_face\" checked"),
        "choice kept"
    );
    assert!(
        form.contains("Gesprek &#60;b&#62;aan de balie&#60;/b&#62;"),
        "text kept, escaped"
    );
    // The domain's own rules answer at the form too: an empty summary.
    let r = act(
        &app,
        &o.colleague,
        &id,
        "contact",
        &[
            ("datum", &today()),
            ("vorm", "telephone"),
            ("samenvatting", " "),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    let form = form_of(&page, "contact");
    assert!(form.contains("De samenvatting van het gesprek is verplicht."));
    assert!(
        form.contains(
            "name=\"samenvatting\" aria-invalid=\"true\" aria-describedby=\"contact-fout\""
        )
    );
    assert_eq!(stored_version(&app, &id).await, before);

    // An amount that is no amount.
    done(
        &app,
        &o.colleague,
        &id,
        "oordeel",
        &[("oordeel", "partly_founded"), ("onderbouwing", "Deels.")],
    )
    .await;
    let r = act(
        &app,
        &o.colleague,
        &id,
        "aanbod",
        &[
            ("soort", "compensation"),
            ("omschrijving", "Bloemen"),
            ("waarde", "twintig"),
            ("datum", &today()),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    let form = form_of(&page, "aanbod");
    assert!(form.contains("is geen bedrag; schrijf bijvoorbeeld 25,00."));
    assert!(form.contains("value=\"twintig\""));
    assert!(form.contains("value=\"Bloemen\"") || form.contains(">Bloemen</textarea>"));
    // Recording a step twice is a wrong state: 409.
    let r = act(
        &app,
        &o.colleague,
        &id,
        "oordeel",
        &[("oordeel", "founded"), ("onderbouwing", "Toch.")],
    )
    .await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("De gegrondheid is al bepaald")
    );
}

async fn corrections_are_new_events_that_mark_the_original<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = handled(&app, &o).await;
    done(
        &app,
        &o.colleague,
        &id,
        "oordeel",
        &[("oordeel", "unfounded"), ("onderbouwing", "Niets mis.")],
    )
    .await;
    done(
        &app,
        &o.colleague,
        &id,
        "aanbod",
        &[
            ("soort", "extra_service"),
            ("omschrijving", "Een extra bezoek."),
            ("waarde", ""),
            ("datum", &today()),
        ],
    )
    .await;
    let page = detail(&app, &o.colleague, &id).await;
    let contact_of = hidden_field(form_of(&page, "correctie-contact"), "gebeurtenis").expect("seq");
    assert!(
        form_of(&page, "correctie-contact").contains("Eerste gesprek."),
        "prefilled"
    );

    let page = done(
        &app,
        &o.colleague,
        &id,
        "correctie",
        &[
            ("wat", "contact"),
            ("gebeurtenis", &contact_of),
            ("datum", &today()),
            ("vorm", "face_to_face"),
            ("samenvatting", "Gesprek aan de balie, niet telefonisch."),
            ("reden", "Verkeerde vorm ingevuld."),
        ],
    )
    .await;
    assert!(page.contains(&format!(
        "Correctie van gebeurtenis {contact_of} vastgelegd."
    )));
    assert!(page.contains("Gesprek aan de balie, niet telefonisch."));
    assert!(page.contains(&format!(
        "Correctie van gebeurtenis {contact_of} (contact met klager vastgelegd (face-to-face"
    )));
    assert!(page.contains("Reden: Verkeerde vorm ingevuld."));
    assert!(page.contains(&format!(
        "id=\"gebeurtenis-{contact_of}\" class=\" superseded\""
    )));

    let merit_of = hidden_field(form_of(&page, "correctie-oordeel"), "gebeurtenis").expect("seq");
    let page = done(
        &app,
        &o.colleague,
        &id,
        "correctie",
        &[
            ("wat", "oordeel"),
            ("gebeurtenis", &merit_of),
            ("oordeel", "partly_founded"),
            ("onderbouwing", "Bij nader inzien deels."),
            ("reden", "Nieuwe informatie."),
        ],
    )
    .await;
    assert!(page.contains("<dt>Oordeel</dt><dd>deels gegrond</dd>"));

    let offer_of = hidden_field(form_of(&page, "correctie-aanbod"), "gebeurtenis").expect("seq");
    let page = done(
        &app,
        &o.colleague,
        &id,
        "correctie",
        &[
            ("wat", "aanbod"),
            ("gebeurtenis", &offer_of),
            ("soort", "compensation"),
            ("omschrijving", "Een extra bezoek en een tegoedbon."),
            ("waarde", "17,50"),
            ("datum", &today()),
            ("reden", "Bon vergeten."),
        ],
    )
    .await;
    assert!(page.contains("€ 17,50"));
    assert_eq!(
        page.matches("superseded").count(),
        3 + 1,
        "three originals marked (+ CSS)"
    );

    // Without a reason the correction is refused at its form.
    let r = act(
        &app,
        &o.colleague,
        &id,
        "correctie",
        &[
            ("wat", "aanbod"),
            ("gebeurtenis", &offer_of),
            ("soort", "compensation"),
            ("omschrijving", "Iets anders."),
            ("waarde", ""),
            ("datum", &today()),
            ("reden", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(
        form_of(&r.text().await.expect("body"), "correctie-aanbod")
            .contains("De reden van de correctie is verplicht.")
    );
}

async fn waiving_escalating_and_converting<S: Store>(store: S) {
    let app = spawn_app(store).await;
    let o = org(&app).await;
    let id = register(&app, &o.employee, &Intake::complaint(&o.involved.user)).await;
    done(
        &app,
        &o.manager,
        &id,
        "afhandelaar",
        &[("afhandelaar", &o.colleague.user.id.to_string())],
    )
    .await;
    let page = done(
        &app,
        &o.colleague,
        &id,
        "vervallen",
        &[
            ("stap", "contact"),
            ("reden", "Klager na drie pogingen niet bereikbaar."),
        ],
    )
    .await;
    assert!(
        page.contains("Stap &#39;contact met klager&#39; overgeslagen")
            || page.contains("Stap 'contact met klager' overgeslagen")
    );
    assert!(page.contains("overgeslagen (op tijd afgerond)"));
    assert!(
        !page.contains("id=\"contact\""),
        "a waived step is not recorded"
    );

    let page = done(
        &app,
        &o.colleague,
        &id,
        "escalatie",
        &[
            ("partij", "anders"),
            ("partij_naam", "Geschillencommissie Zorg"),
            ("datum", &today()),
            ("toelichting", "Klager wil een uitspraak."),
        ],
    )
    .await;
    assert!(page.contains("extern geëscaleerd"));
    assert!(page.contains("Extern geëscaleerd naar Geschillencommissie Zorg"));
    let page = done(
        &app,
        &o.director,
        &id,
        "escalatie/uitkomst",
        &[
            ("uitkomst", "Klacht ongegrond verklaard."),
            ("datum", &today()),
            ("opgelost", "ja"),
        ],
    )
    .await;
    assert!(page.contains("Uitkomst van de escalatie vastgelegd"));
    assert!(page.contains("in behandeling"));
    // Issue 12: a note that ends its sentence gets no second full stop,
    // and the adjective agrees.
    assert!(
        page.contains("Klager wil een uitspraak. Uitkomst ("),
        "{page}"
    );
    assert!(!page.contains(".. Uitkomst"));
    assert!(page.contains("<dt>Verantwoordelijke leidinggevende</dt>"));

    // A signal becomes a complaint, and is then reported.
    let signal = register(&app, &o.employee, &Intake::signal(&o.involved.user)).await;
    let page = done(
        &app,
        &o.employee,
        &signal,
        "omzetten",
        &[("reden", "Klager belde opnieuw.")],
    )
    .await;
    assert!(page.contains("Signaal omgezet in een klacht."));
    assert!(page.contains("wacht op afhandelaar"));
    assert!(page.contains("Gemeld bij leidinggevende margriet"));
}

store_tests!(
    a_complaint_is_walked_from_intake_to_closing,
    assigning_an_involved_employee_shows_the_reason,
    a_stale_form_is_409_and_writes_nothing,
    bad_action_input_keeps_what_was_typed,
    corrections_are_new_events_that_mark_the_original,
    waiving_escalating_and_converting,
);
