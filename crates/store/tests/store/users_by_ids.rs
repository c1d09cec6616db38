//! `Store::users_by_ids`: one query names the people of a page or a
//! complaint; on SQLite and PostgreSQL.

use klacht_domain::{Email, Role, UserId};
use klacht_store::{NewUser, Store, store_tests};

async fn users_are_found_by_their_ids_in_one_call<S: Store>(store: S) {
    let mut ids = Vec::new();
    for email in ["a@focus.example", "b@focus.example", "c@focus.example"] {
        let id = UserId::new(uuid::Uuid::now_v7());
        store
            .create_user(NewUser {
                id,
                email: Email::parse(email).expect("valid"),
                name: email.into(),
                role: Role::Employee,
                manager: None,
                password_hash: None,
                created_at: klacht_clock::test_now(),
            })
            .await
            .expect("create");
        ids.push(id);
    }
    assert!(store.users_by_ids(&[]).await.expect("none").is_empty());

    // Duplicates and unknown ids, more than one chunk of them.
    let mut wanted = vec![ids[0], ids[2], ids[0]];
    wanted.extend((0..700).map(|_| UserId::new(uuid::Uuid::now_v7())));
    wanted.push(ids[2]);
    let mut found: Vec<String> = store
        .users_by_ids(&wanted)
        .await
        .expect("look up")
        .into_iter()
        .map(|r| r.user.email.to_string())
        .collect();
    found.sort();
    assert_eq!(found, ["a@focus.example", "c@focus.example"]);
}

store_tests!(users_are_found_by_their_ids_in_one_call);
