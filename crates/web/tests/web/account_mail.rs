//! Beheer's changes to an account reach its owner: a new account, one made
//! active again and a lifted sign-in lock each send them a mail (through
//! the outbox, delivered to a real SMTP server), with the password never
//! in it. Without mail configured nothing is queued and nothing fails.

use crate::common;

use common::{PASSWORD, delivered, spawn_app_with};
use klacht_app::notify::Notifier;
use klacht_domain::Role;
use klacht_mail::MailContext;
use klacht_mail::testing::SmtpServer;
use klacht_store::{Store, store_tests};

const PUBLIC_URL: &str = "https://klachten.focus.example";

async fn the_owner_hears_of_a_new_account_a_reactivation_and_a_lifted_lock<S: Store>(store: S) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let url = smtp.url();
    let app = spawn_app_with(store, |s| {
        s.with_mail(
            Notifier::new(MailContext::new("Focus", PUBLIC_URL)),
            Some(url),
        )
    })
    .await;
    app.user("tom@focus.example", Role::Admin, None).await;
    let manager = app
        .user("margriet@focus.example", Role::Manager, None)
        .await;
    let admin = app.login("tom@focus.example").await;
    let manager_id = manager.id.to_string();

    let r = app
        .post_as(
            &admin,
            "/beheer/gebruikers",
            &[
                ("email", "fatima@focus.example"),
                ("naam", "Fatima el Amrani"),
                ("rol", "employee"),
                ("leidinggevende", &manager_id),
                ("wachtwoord", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let received = delivered(&app.store, &smtp).await;
    assert_eq!(received.len(), 1, "{received:?}");
    let created = &received[0];
    assert!(
        created.to.contains("fatima@focus.example"),
        "{}",
        created.to
    );
    assert_eq!(
        created.subject,
        "Uw account voor het klachtenregister van Focus"
    );
    assert!(
        created.text.contains("Beste Fatima el Amrani")
            && created.text.contains("fatima@focus.example")
            && created.text.contains(&format!("{PUBLIC_URL}/inloggen")),
        "{}",
        created.text
    );
    assert!(!created.text.contains(PASSWORD), "never the password");
    let fatima = app
        .store
        .user_by_email(&klacht_domain::Email::parse("fatima@focus.example").expect("email"))
        .await
        .expect("lookup")
        .expect("created");
    let fatima_id = fatima.user.id;

    // Deactivating tells her nothing (her manager hears of her work);
    // reactivating tells her she can sign in again.
    for actief in ["nee", "ja"] {
        let r = app
            .post_as(
                &admin,
                &format!("/beheer/gebruikers/{fatima_id}/actief"),
                &[("actief", actief)],
            )
            .await;
        assert_eq!(r.status(), 303);
    }
    let received = delivered(&app.store, &smtp).await;
    let to_her: Vec<_> = received
        .iter()
        .filter(|m| m.to.contains("fatima@focus.example"))
        .map(|m| m.subject.as_str())
        .collect();
    assert_eq!(to_her.len(), 2, "{received:?}");
    assert!(to_her.contains(&"Uw account is weer actief"), "{to_her:?}");

    // A lock after five wrong passwords, lifted by Beheer: she is told,
    // and asked to report it if it was not her.
    for _ in 0..5 {
        app.try_login("fatima@focus.example", "verkeerd wachtwoord")
            .await;
    }
    let r = app
        .post_as(
            &admin,
            &format!("/beheer/gebruikers/{fatima_id}/ontgrendelen"),
            &[],
        )
        .await;
    assert_eq!(r.status(), 303);
    // Lifting a lock that is not there sends nothing.
    app.post_as(
        &admin,
        &format!("/beheer/gebruikers/{fatima_id}/ontgrendelen"),
        &[],
    )
    .await;
    let received = delivered(&app.store, &smtp).await;
    let unlocked: Vec<_> = received
        .iter()
        .filter(|m| m.subject == "Uw inlogblokkade is opgeheven")
        .collect();
    assert_eq!(unlocked.len(), 1, "{received:?}");
    assert!(
        unlocked[0]
            .text
            .contains("Probeerde u niet zelf in te loggen?"),
        "{}",
        unlocked[0].text
    );
    assert_eq!(received.len(), 3, "{received:?}");
}

store_tests!(the_owner_hears_of_a_new_account_a_reactivation_and_a_lifted_lock,);
