//! The reads the store keeps for a moment (issue 14 §2): the user behind
//! an API token and the administrator's calendar. A change through the
//! same store counts at once; another instance sees it within
//! `klacht_store::cache::TTL`.

use jiff::Timestamp;
use klacht_domain::{Email, Role, UserId};
use klacht_store::testing::SqliteTestDb;
use klacht_store::{
    AdminChange, AdminStore, ApiToken, AuditEntry, NewUser, Store, UserStore, store_tests,
};
use uuid::Uuid;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_776_000_000 + second).expect("in range")
}

fn audit(kind: &str) -> AuditEntry {
    AuditEntry {
        id: Uuid::now_v7(),
        at: at(1),
        actor: None,
        actor_name: "test".into(),
        kind: kind.into(),
        subject: "onderwerp".into(),
        details: "details".into(),
    }
}

/// Anna, an employee with one API token (hash "anna-token").
async fn anna<S: Store>(store: &S) -> UserId {
    let id = UserId::new(Uuid::now_v7());
    store
        .create_user(NewUser {
            id,
            email: Email::parse("anna@focus.nl").expect("valid e-mail"),
            name: "Anna".into(),
            role: Role::Employee,
            manager: None,
            password_hash: None,
            created_at: at(0),
        })
        .await
        .expect("create anna");
    store
        .create_api_token(&ApiToken {
            id: Uuid::new_v4(),
            user_id: id,
            token_hash: "anna-token".into(),
            created_at: at(0),
        })
        .await
        .expect("token");
    id
}

async fn role_of<S: Store>(store: &S) -> Option<Role> {
    store
        .user_by_api_token("anna-token")
        .await
        .expect("read")
        .map(|u| u.user.role)
}

async fn changes_through_the_store_count_at_once<S: Store>(store: S) {
    let id = anna(&store).await;
    // Read (and so cached) before each change.
    assert_eq!(role_of(&store).await, Some(Role::Employee));
    store
        .admin_change(
            &AdminChange::UpdateUser {
                id,
                role: Role::Manager,
                manager: None,
            },
            &audit("user.changed"),
        )
        .await
        .expect("role changed");
    assert_eq!(role_of(&store).await, Some(Role::Manager));
    store
        .admin_change(
            &AdminChange::SetUserActive { id, active: false },
            &audit("user.deactivated"),
        )
        .await
        .expect("deactivated");
    assert_eq!(role_of(&store).await, None, "a deactivated user's token");
    store
        .admin_change(
            &AdminChange::SetUserActive { id, active: true },
            &audit("user.reactivated"),
        )
        .await
        .expect("reactivated");
    assert_eq!(role_of(&store).await, Some(Role::Manager));
    store.revoke_api_tokens(id, at(2)).await.expect("revoke");
    assert_eq!(role_of(&store).await, None, "a revoked token");

    assert_eq!(store.setting("calendar").await.expect("read"), None);
    store
        .admin_change(
            &AdminChange::SwapSetting {
                key: "calendar".into(),
                expected: None,
                value: "a".into(),
            },
            &audit("calendar.options"),
        )
        .await
        .expect("swapped");
    assert_eq!(
        store.setting("calendar").await.expect("read").as_deref(),
        Some("a")
    );
    store.put_setting("calendar", "b").await.expect("put");
    assert_eq!(
        store.setting("calendar").await.expect("read").as_deref(),
        Some("b")
    );
}

store_tests!(changes_through_the_store_count_at_once);

/// Two instances on one database: what one changes, the other sees
/// within the cache's time at the latest.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_instance_sees_a_revoked_token_within_the_ttl() {
    let db = SqliteTestDb::new();
    let one = db.store().await;
    let other = db.store().await;
    let id = anna(&one).await;
    assert_eq!(role_of(&one).await, Some(Role::Employee));
    assert_eq!(one.setting("calendar").await.expect("read"), None);
    other.revoke_api_tokens(id, at(2)).await.expect("revoke");
    other.put_setting("calendar", "b").await.expect("put");
    tokio::time::sleep(klacht_store::cache::TTL + std::time::Duration::from_millis(100)).await;
    assert_eq!(role_of(&one).await, None);
    assert_eq!(
        one.setting("calendar").await.expect("read").as_deref(),
        Some("b")
    );
}
