//! Guessing passwords, limited (issue 13): attempts are counted before
//! they are checked, per address and client and per address from
//! everywhere; on SQLite and PostgreSQL.

use std::net::IpAddr;

use jiff::{Timestamp, ToSpan};
use klacht_app::auth::{self, AuthError, PasswordChange};
use klacht_app::password::hash_password;
use klacht_domain::{Email, Role, User, UserId};
use klacht_store::{NewUser, Store, store_tests};
use secrecy::SecretString;

const RIGHT: &str = "het goede wachtwoord 1";

async fn anna<S: Store>(store: &S) -> User {
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse("anna@focus.example").expect("email"),
        name: "Anna".into(),
        role: Role::Employee,
        manager: None,
    };
    store
        .create_user(NewUser {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role: user.role,
            manager: None,
            password_hash: Some(hash_password(RIGHT.into()).await.expect("hash")),
            created_at: now(),
        })
        .await
        .expect("user");
    user
}

fn now() -> Timestamp {
    klacht_clock::test_now()
}

fn ip(last: u8) -> IpAddr {
    IpAddr::from([192, 0, 2, last])
}

async fn try_sign_in<S: Store>(store: &S, password: &str, from: IpAddr) -> Result<(), AuthError> {
    auth::sign_in(
        store,
        "Anna@Focus.example",
        SecretString::from(password),
        from,
        now(),
        auth::PasswordSignIn::Everyone,
    )
    .await
    .map(|_| ())
}

async fn sixteen_guesses_at_once_check_five<S: Store>(store: S) {
    anna(&store).await;
    let guesses: Vec<_> = (0..16)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { try_sign_in(&store, "fout", ip(1)).await })
        })
        .collect();
    let mut wrong = 0;
    let mut locked = 0;
    for g in guesses {
        match g.await.expect("joined") {
            Err(AuthError::BadCredentials) => wrong += 1,
            Err(AuthError::Locked { .. }) => locked += 1,
            other => panic!("{other:?}"),
        }
    }
    // Five were checked: four answered "wrong", the fifth locked, and the
    // other eleven were refused before their password was looked at.
    assert_eq!((wrong, locked), (4, 12));
    assert!(matches!(
        try_sign_in(&store, RIGHT, ip(1)).await,
        Err(AuthError::Locked { .. })
    ));
}

async fn a_lock_holds_for_one_address_and_the_account_has_its_own_limit<S: Store>(store: S) {
    let anna = anna(&store).await;
    for _ in 0..5 {
        assert!(try_sign_in(&store, "fout", ip(1)).await.is_err());
    }
    assert!(matches!(
        try_sign_in(&store, RIGHT, ip(1)).await,
        Err(AuthError::Locked { .. })
    ));
    // Someone at another address is not locked out by the guesser.
    try_sign_in(&store, RIGHT, ip(2))
        .await
        .expect("signs in elsewhere");

    // Guessing from many addresses meets the account's own limit.
    for n in 10..(10 + auth::ACCOUNT_MAX_FAILURES as u8) {
        assert!(matches!(
            try_sign_in(&store, "fout", ip(n)).await,
            Err(AuthError::BadCredentials | AuthError::Locked { .. })
        ));
    }
    assert!(matches!(
        try_sign_in(&store, RIGHT, ip(200)).await,
        Err(AuthError::Locked { .. })
    ));
    let until = auth::locked_until(&store, &anna.email, now())
        .await
        .expect("query")
        .expect("locked");
    assert!(until > now() + auth::LOCK_DURATION - 1.minute(), "{until}");
    // The administrator lifts it (logged); every address's count goes
    // with it.
    let tom = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse("tom@focus.example").expect("email"),
        name: "Tom".into(),
        role: Role::Admin,
        manager: None,
    };
    store
        .create_user(NewUser {
            id: tom.id,
            email: tom.email.clone(),
            name: tom.name.clone(),
            role: tom.role,
            manager: None,
            password_hash: None,
            created_at: now(),
        })
        .await
        .expect("admin");
    assert!(
        klacht_app::admin::unlock_sign_in(&store, &tom, anna.id, now(), None)
            .await
            .expect("unlock")
    );
    let log = store.admin_log(None, 10).await.expect("log");
    assert!(
        log.items
            .iter()
            .any(|e| e.kind == "user.unlocked" && e.subject == "anna@focus.example"),
        "{log:?}"
    );
    try_sign_in(&store, RIGHT, ip(1))
        .await
        .expect("signs in again");
    assert_eq!(
        auth::locked_until(&store, &anna.email, now())
            .await
            .expect("query"),
        None
    );
}

async fn the_lock_passes_and_counting_starts_over<S: Store>(store: S) {
    anna(&store).await;
    for _ in 0..5 {
        assert!(try_sign_in(&store, "fout", ip(1)).await.is_err());
    }
    let later = now() + auth::LOCK_DURATION + 1.second();
    auth::sign_in(
        &store,
        "anna@focus.example",
        SecretString::from(RIGHT),
        ip(1),
        later,
        auth::PasswordSignIn::Everyone,
    )
    .await
    .expect("after the lock");
}

async fn guessing_the_current_password_is_limited_too<S: Store>(store: S) {
    let anna = anna(&store).await;
    let change = || PasswordChange {
        user: &anna,
        current_session_hash: "geen",
        now: now(),
    };
    let attempt = |current: &'static str| {
        auth::change_password(
            &store,
            change(),
            SecretString::from(current),
            SecretString::from("een nieuw wachtwoord 2"),
            SecretString::from("een nieuw wachtwoord 2"),
        )
    };
    for _ in 0..4 {
        assert!(matches!(
            attempt("fout").await,
            Err(AuthError::WrongCurrentPassword)
        ));
    }
    assert!(matches!(
        attempt("fout").await,
        Err(AuthError::Locked { .. })
    ));
    assert!(
        matches!(attempt(RIGHT).await, Err(AuthError::Locked { .. })),
        "locked even with the right one"
    );
}

store_tests!(
    sixteen_guesses_at_once_check_five,
    a_lock_holds_for_one_address_and_the_account_has_its_own_limit,
    the_lock_passes_and_counting_starts_over,
    guessing_the_current_password_is_limited_too,
);
