//! `klacht verify`, `klacht retention`, `klacht backup` and `klacht
//! restore`, run as the binary against SQLite files and PostgreSQL.

use std::process::{Command as Process, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use jiff::ToSpan;
use klacht_app::complaints;
use klacht_app::documents::Letterhead;
use klacht_app::dossier;
use klacht_app::notify::Notifier;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    Channel, Closing, Command, ComplainantResponse, Contact, ContactMode, Kind, Merit,
    MeritDecision, NewComplaint, Offer, OfferKind, Party,
};
use klacht_domain::{ComplaintId, Email, Role, User, UserId};
use klacht_store::testing::{PgTestDb, SqliteTestDb};
use klacht_store::{ComplaintStore, NewUser, SqliteStore, Store};

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn klacht(url: &str, args: &[&str]) -> Run {
    let out = Process::new(env!("CARGO_BIN_EXE_klacht"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("KLACHT_CONFIG", "/dev/null")
        .env("USER", "beheer")
        .stdin(Stdio::null())
        .output()
        .expect("run klacht");
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

async fn user<S: Store>(store: &S, email: &str, role: Role, manager: Option<UserId>) -> User {
    let user = User {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: Email::parse(email).expect("valid"),
        name: email.split('@').next().unwrap_or_default().into(),
        role,
        manager,
    };
    store
        .create_user(NewUser {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role,
            manager,
            password_hash: None,
            created_at: klacht_clock::test_now(),
        })
        .await
        .expect("create user");
    user
}

fn intake(cal: &WorkingCalendar, name: &str, email: &str) -> NewComplaint {
    NewComplaint {
        kind: Kind::Complaint,
        channel: Channel::Email,
        received_at: (klacht_clock::test_now() - 1.hour()).to_zoned(cal.time_zone().clone()),
        complainant: Party::new(name, Some(Email::parse(email).expect("email")), None, None)
            .expect("party"),
        representative: None,
        service: Some("Schoonmaak".into()),
        involved_employees: vec![],
        description: "Ramen niet gelapt.".into(),
        category: None,
        cause: None,
    }
}

/// A complaint walked from intake to closing and filed; returns its id
/// and reference.
async fn closed_and_filed<S: Store>(store: &S) -> (ComplaintId, String) {
    let (id, reference) = closed(store).await;
    let cal = WorkingCalendar::netherlands_default();
    assert!(
        dossier::file(
            store,
            &Letterhead::new("Focus"),
            &cal,
            id,
            klacht_clock::test_now()
        )
        .await
        .expect("filed")
    );
    (id, reference)
}

/// A complaint walked from intake to closing, not filed yet.
async fn closed<S: Store>(store: &S) -> (ComplaintId, String) {
    let cal = WorkingCalendar::netherlands_default();
    let notifier = Notifier::disabled();
    let sanne = user(store, "sanne@focus.example", Role::QualityManager, None).await;
    let hans = user(store, "hans@focus.example", Role::Manager, None).await;
    let anouk = user(store, "anouk@focus.example", Role::Employee, Some(hans.id)).await;
    let c = complaints::register(
        store,
        &cal,
        &notifier,
        &anouk,
        intake(&cal, "De heer K. Smit", "k.smit@example.nl"),
        klacht_clock::test_now(),
    )
    .await
    .expect("registered");
    let today = cal.local_date(klacht_clock::test_now());
    let steps: Vec<(&User, Command)> = vec![
        (
            &hans,
            Command::AssignHandler {
                handler: hans.clone(),
            },
        ),
        (
            &hans,
            Command::RecordContact(Contact {
                date: today,
                mode: ContactMode::FaceToFace,
                summary: "Langs geweest; excuses gemaakt.".into(),
            }),
        ),
        (
            &hans,
            Command::DecideMerit(MeritDecision {
                merit: Merit::PartlyFounded,
                reasoning: "Alleen de achterkant was vergeten.".into(),
            }),
        ),
        (
            &hans,
            Command::MakeOffer(Offer {
                kind: OfferKind::ExtraService,
                description: "Gratis extra beurt.".into(),
                value_cents: None,
                director_consulted: false,
                made_on: today,
                letter_text: None,
            }),
        ),
        (
            &hans,
            Command::RecordResponse(ComplainantResponse {
                accepted: Some(true),
                satisfaction: None,
                comment: None,
            }),
        ),
        (&hans, Command::SendForm),
        (&sanne, Command::Close(Closing { note: None })),
    ];
    for (who, cmd) in steps {
        complaints::act(
            &complaints::Context::new(store, &cal, &notifier, klacht_clock::test_now()),
            c.id(),
            who,
            cmd,
            None,
        )
        .await
        .expect("step succeeds");
    }
    (c.id(), c.reference().to_string())
}

/// The intruder: edits the stored event `seq` of `id` by hand.
async fn tamper(url: &str, id: ComplaintId, seq: i64) {
    let sql = "UPDATE complaint_events SET data = REPLACE(data, 'excuses', 'niets') \
               WHERE complaint_id = $1 AND seq = $2";
    let affected = if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.expect("connect");
        let done = sqlx::query(sql)
            .bind(id.to_string())
            .bind(seq)
            .execute(&pool)
            .await
            .expect("update");
        pool.close().await;
        done.rows_affected()
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.expect("connect");
        let done = sqlx::query(sql)
            .bind(id.to_string())
            .bind(seq)
            .execute(&pool)
            .await
            .expect("update");
        pool.close().await;
        done.rows_affected()
    };
    assert_eq!(affected, 1, "the event was edited");
}

async fn verify_passes_and_then_names_the_edited_complaint<S: Store>(store: S, url: &str) {
    let (id, reference) = closed_and_filed(&store).await;
    let run = klacht(url, &["verify"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("In orde"), "{}", run.stdout);
    assert!(run.stdout.contains("1 opgeborgen"), "{}", run.stdout);

    // Event 4 is the contact record ("excuses gemaakt").
    tamper(url, id, 4).await;
    let run = klacht(url, &["verify"]);
    assert!(!run.ok, "a changed event fails verify:\n{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "BESCHADIGD      {reference}: eerste afwijkende gebeurtenis 4"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("gebeurtenis 4 is gewijzigd"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains(&format!("{reference} (vanaf gebeurtenis 4)")),
        "{}",
        run.stderr
    );
    // Retention does not re-seal (and so hide) the change.
    let later = (klacht_clock::test_now() + (3 * 366 * 24).hours()).to_string();
    let run = klacht(url, &["retention", "run", "--now", &later]);
    assert!(!run.ok, "{}", run.stdout);
    assert!(
        run.stderr.contains("de verzegelde geschiedenis klopt niet"),
        "{}",
        run.stderr
    );
    let json = klacht(url, &["verify", "--json"]);
    assert!(!json.ok);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON report");
    assert_eq!(report["ok"], false);
    assert_eq!(report["broken"][0]["reference"], reference.as_str());
    assert_eq!(report["broken"][0]["first_bad_seq"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_verify_names_the_edited_complaint() {
    let db = SqliteTestDb::new();
    verify_passes_and_then_names_the_edited_complaint(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_verify_names_the_edited_complaint() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    verify_passes_and_then_names_the_edited_complaint(db.store().await, &db.url).await;
}

/// Runs one statement with the complaint's id as `$1`, as an intruder
/// with access to the database would.
async fn intrude(url: &str, sql: &str, id: ComplaintId) -> u64 {
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.expect("connect");
        let done = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .bind(id.to_string())
            .execute(&pool)
            .await
            .expect("statement");
        pool.close().await;
        done.rows_affected()
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.expect("connect");
        let done = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .bind(id.to_string())
            .execute(&pool)
            .await
            .expect("statement");
        pool.close().await;
        done.rows_affected()
    }
}

/// Sealed from intake (issue 13): a complaint not (yet) in the dossier
/// is checked against its chain as well, and filing refuses to seal a
/// history that was changed.
async fn an_unfiled_complaint_is_sealed_and_not_refiled_over_a_forgery<S: Store>(
    store: S,
    url: &str,
) {
    let (id, reference) = closed(&store).await;
    let run = klacht(url, &["verify"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    tamper(url, id, 4).await;
    let run = klacht(url, &["verify"]);
    assert!(!run.ok, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "BESCHADIGD      {reference}: eerste afwijkende gebeurtenis 4"
        )),
        "{}",
        run.stdout
    );
    let filed = dossier::file(
        &store,
        &Letterhead::new("Focus"),
        &WorkingCalendar::netherlands_default(),
        id,
        klacht_clock::test_now(),
    )
    .await;
    assert!(
        filed.is_err(),
        "the forged history is not sealed: {filed:?}"
    );
    assert!(store.dossier_entry(id).await.expect("query").is_none());
}

/// The list row is checked field by field against the fold, and a filed
/// complaint whose dossier row went is caught by its chain.
async fn a_hand_edited_status_and_a_deleted_dossier_row_are_found<S: Store>(store: S, url: &str) {
    let (id, reference) = closed_and_filed(&store).await;
    assert_eq!(
        intrude(
            url,
            "UPDATE complaints SET status = 'in_progress', closed_at = NULL WHERE id = $1",
            id
        )
        .await,
        1
    );
    let run = klacht(url, &["verify"]);
    assert!(!run.ok, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("het overzicht zegt status 'in_progress'"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&reference), "{}", run.stdout);

    // Without its dossier row the history is still sealed: an edit shows.
    assert_eq!(
        intrude(url, "DELETE FROM dossier WHERE complaint_id = $1", id).await,
        1
    );
    tamper(url, id, 4).await;
    let run = klacht(url, &["verify"]);
    assert!(
        run.stdout.contains(&format!(
            "BESCHADIGD      {reference}: eerste afwijkende gebeurtenis 4"
        )),
        "{}",
        run.stdout
    );
    assert!(
        dossier::file(
            &store,
            &Letterhead::new("Focus"),
            &WorkingCalendar::netherlands_default(),
            id,
            klacht_clock::test_now(),
        )
        .await
        .is_err(),
        "not filed again over the edit"
    );
}

/// An intruder who rewrites the events and recomputes their chain passes
/// the database's own checks; the heads kept outside it catch them.
async fn the_heads_kept_outside_catch_a_rewritten_chain<S: Store>(store: S, url: &str) {
    let (id, reference) = closed(&store).await;
    let dir = std::env::temp_dir().join(format!("klacht-heads-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).expect("dir");
    let heads = dir.join("koppen.json");
    let heads_arg = heads.to_str().expect("utf-8 path");
    let run = klacht(url, &["verify", "--export-heads", heads_arg]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("1 ketenkoppen geschreven"),
        "{}",
        run.stdout
    );
    let run = klacht(url, &["verify", "--against", heads_arg]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);

    // Event 4 edited, and the whole chain computed again over the edit.
    tamper(url, id, 4).await;
    let (_, events) = store.load_stream(id).await.expect("load").expect("found");
    for (e, hash) in events.iter().zip(klacht_store::chain_of(&events)) {
        let sql = format!(
            "UPDATE complaint_event_hashes SET hash = '{}' WHERE complaint_id = $1 AND seq = {}",
            hash.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            e.seq
        );
        intrude(url, &sql, id).await;
    }
    let run = klacht(url, &["verify"]);
    assert!(run.ok, "the database alone cannot tell: {}", run.stdout);
    let run = klacht(url, &["verify", "--against", heads_arg]);
    assert!(!run.ok, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("de geschiedenis tot en met gebeurtenis 9 is gewijzigd sinds"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&reference), "{}", run.stdout);

    // A heads file edited by hand is refused as a witness.
    let text = std::fs::read_to_string(&heads).expect("read");
    std::fs::write(&heads, text.replacen("\"seq\": 9", "\"seq\": 8", 1)).expect("write");
    let run = klacht(url, &["verify", "--against", heads_arg]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("het bestand met ketenkoppen is gewijzigd")
            || run
                .stdout
                .contains("het bestand met ketenkoppen is gewijzigd"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_heads_kept_outside_catch_a_rewritten_chain() {
    let db = SqliteTestDb::new();
    the_heads_kept_outside_catch_a_rewritten_chain(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_heads_kept_outside_catch_a_rewritten_chain() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    the_heads_kept_outside_catch_a_rewritten_chain(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_an_unfiled_complaint_is_sealed() {
    let db = SqliteTestDb::new();
    an_unfiled_complaint_is_sealed_and_not_refiled_over_a_forgery(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_an_unfiled_complaint_is_sealed() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    an_unfiled_complaint_is_sealed_and_not_refiled_over_a_forgery(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_hand_edited_status_is_found() {
    let db = SqliteTestDb::new();
    a_hand_edited_status_and_a_deleted_dossier_row_are_found(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_hand_edited_status_is_found() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    a_hand_edited_status_and_a_deleted_dossier_row_are_found(db.store().await, &db.url).await;
}

async fn retention_anonymises_what_expired_and_verify_tells_it_apart<S: Store>(
    store: S,
    url: &str,
) {
    let (id, reference) = closed_and_filed(&store).await;
    let export = klacht(
        url,
        &["retention", "export", "--email", "K.Smit@example.nl"],
    );
    assert!(export.ok, "{}", export.stderr);
    let json: serde_json::Value = serde_json::from_str(&export.stdout).expect("JSON");
    assert_eq!(json["complaints"][0]["reference"], reference.as_str());
    assert_eq!(
        json["complaints"][0]["form"]["complainant"]["email"],
        "k.smit@example.nl"
    );

    let now = klacht(url, &["retention", "run"]);
    assert!(now.ok, "{}", now.stderr);
    assert!(
        now.stdout.contains("0 klacht(en) geanonimiseerd"),
        "{}",
        now.stdout
    );

    let later = (klacht_clock::test_now() + (3 * 366 * 24).hours()).to_string();
    let run = klacht(url, &["retention", "run", "--now", &later]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(&format!("geanonimiseerd  {reference}")),
        "{}",
        run.stdout
    );

    let verify = klacht(url, &["verify"]);
    assert!(
        verify.ok,
        "anonymised is not tampered:\n{}{}",
        verify.stdout, verify.stderr
    );
    assert!(
        verify
            .stdout
            .contains(&format!("geanonimiseerd  {reference}")),
        "{}",
        verify.stdout
    );

    let log = klacht(url, &["retention", "log"]);
    assert!(log.ok);
    assert!(
        log.stdout.contains("geanonimiseerd") && log.stdout.contains("inzage"),
        "{}",
        log.stdout
    );
    assert!(log.stdout.contains("cli:beheer"), "{}", log.stdout);

    let (row, _) = store.load_stream(id).await.expect("load").expect("exists");
    assert_eq!(row.complainant_name, "[geanonimiseerd]");

    // Tampering after anonymisation is still caught.
    sqlx_update_name(url, id).await;
    let verify = klacht(url, &["verify"]);
    assert!(!verify.ok, "{}", verify.stdout);
    assert!(
        verify.stdout.contains(&format!(
            "BESCHADIGD      {reference}: eerste afwijkende gebeurtenis 1"
        )),
        "{}",
        verify.stdout
    );
}

async fn sqlx_update_name(url: &str, id: ComplaintId) {
    let sql = "UPDATE complaint_events SET data = REPLACE(data, '[geanonimiseerd]', 'Iemand anders') \
               WHERE complaint_id = $1 AND seq = 1";
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.expect("connect");
        sqlx::query(sql)
            .bind(id.to_string())
            .execute(&pool)
            .await
            .expect("update");
        pool.close().await;
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.expect("connect");
        sqlx::query(sql)
            .bind(id.to_string())
            .execute(&pool)
            .await
            .expect("update");
        pool.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_retention_anonymises_and_verify_tells_it_apart() {
    let db = SqliteTestDb::new();
    retention_anonymises_what_expired_and_verify_tells_it_apart(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_retention_anonymises_and_verify_tells_it_apart() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    retention_anonymises_what_expired_and_verify_tells_it_apart(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_writing_restores_and_verifies() {
    let db = SqliteTestDb::new();
    let store = db.store().await;
    closed_and_filed(&store).await;
    let piet = user(&store, "piet@focus.example", Role::Employee, None).await;

    // A writer appends complaints the whole time.
    let committed = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (store, committed, stop) = (store.clone(), committed.clone(), stop.clone());
        tokio::spawn(async move {
            let cal = WorkingCalendar::netherlands_default();
            let notifier = Notifier::disabled();
            let mut n = 0u32;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                complaints::register(
                    &store,
                    &cal,
                    &notifier,
                    &piet,
                    intake(&cal, &format!("Klager {n}"), &format!("k{n}@example.nl")),
                    klacht_clock::test_now(),
                )
                .await
                .expect("register while the backup runs");
                committed.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    while committed.load(Ordering::SeqCst) < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    // Everything committed before the backup starts must be in it (plus
    // the filed complaint).
    let before = committed.load(Ordering::SeqCst) + 1;
    let dir = std::env::temp_dir().join(format!("klacht-backup-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let backup = dir.join("kopie.db");
    let backup_text = backup.display().to_string();
    let url = db.url.clone();
    let run = tokio::task::spawn_blocking(move || klacht(&url, &["backup", &backup_text]))
        .await
        .expect("backup ran");
    stop.store(true, Ordering::SeqCst);
    writer.await.expect("writer finished");
    let after = committed.load(Ordering::SeqCst) + 1;
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("Reservekopie gemaakt"),
        "{}",
        run.stdout
    );

    // A second backup to the same file is refused.
    let again = klacht(&db.url, &["backup", &backup.display().to_string()]);
    assert!(
        !again.ok && again.stderr.contains("bestaat al"),
        "{}",
        again.stderr
    );

    // Restore into a new place and check it.
    let restored_url = format!("sqlite://{}", dir.join("terug.db").display());
    let run = klacht(&restored_url, &["restore", &backup.display().to_string()]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Teruggezet"), "{}", run.stdout);
    assert!(run.stdout.contains("In orde"), "{}", run.stdout);
    let restored = SqliteStore::connect(&restored_url)
        .await
        .expect("open restored");
    let count = restored.count_complaints().await.expect("count");
    assert!(
        (before..=after).contains(&count),
        "restored {count}, committed before the backup {before}, at the end {after}"
    );
    restored.close().await;
    // The backup carries its chain heads; the restored copy agrees.
    let heads = format!("{}.heads.json", backup.display());
    assert!(std::path::Path::new(&heads).exists(), "{heads}");
    let run = klacht(&restored_url, &["verify", "--against", &heads]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);

    // Over an existing database only with --force, and never while in use.
    let run = klacht(&restored_url, &["restore", &backup.display().to_string()]);
    assert!(!run.ok && run.stderr.contains("--force"), "{}", run.stderr);
    let run = klacht(
        &db.url,
        &["restore", "--force", &backup.display().to_string()],
    );
    assert!(
        !run.ok && run.stderr.contains("in gebruik"),
        "{}",
        run.stderr
    );
    let run = klacht(
        &restored_url,
        &["restore", "--force", &backup.display().to_string()],
    );
    assert!(run.ok, "{}{}", run.stdout, run.stderr);

    // Not a backup at all.
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"geen database").expect("write");
    let run = klacht(
        &restored_url,
        &["restore", "--force", &junk.display().to_string()],
    );
    assert!(
        !run.ok && run.stderr.contains("geen bruikbare reservekopie"),
        "{}",
        run.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_backup_points_to_pg_dump() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    let _store = db.store().await;
    let run = klacht(&db.url, &["backup", "/tmp/klacht-never-written.db"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("pg_dump -Fc"), "{}", run.stderr);
    let run = klacht(&db.url, &["restore", "/tmp/klacht-never-written.db"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("pg_restore"), "{}", run.stderr);
}

async fn the_background_jobs_file_and_anonymise<S: Store>(store: S, url: &str) {
    let (id, reference) = closed(&store).await;
    let verify = klacht(url, &["verify"]);
    assert!(verify.ok);
    assert!(
        verify
            .stdout
            .contains(&format!("nog niet opgeborgen: {reference}")),
        "{}",
        verify.stdout
    );

    let round = klacht(url, &["jobs", "run-once"]);
    assert!(round.ok, "{}{}", round.stdout, round.stderr);
    assert!(
        round
            .stdout
            .contains("Klachtendossier: 1 opgeborgen, 0 geanonimiseerd"),
        "{}",
        round.stdout
    );
    assert!(store.dossier_entry(id).await.expect("entry").is_some());

    let later = (klacht_clock::test_now() + (3 * 366 * 24).hours()).to_string();
    let round = klacht(url, &["jobs", "run-once", "--now", &later]);
    assert!(round.ok, "{}{}", round.stdout, round.stderr);
    assert!(
        round.stdout.contains("0 opgeborgen, 1 geanonimiseerd"),
        "{}",
        round.stdout
    );
    let log = store.retention_log(Some(id), 10).await.expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].actor, "system");
    let verify = klacht(url, &["verify"]);
    assert!(verify.ok, "{}{}", verify.stdout, verify.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_background_jobs_file_and_anonymise() {
    let db = SqliteTestDb::new();
    the_background_jobs_file_and_anonymise(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_background_jobs_file_and_anonymise() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    the_background_jobs_file_and_anonymise(db.store().await, &db.url).await;
}

/// Inside `klacht serve` the dossier catches up in slices: a full slice
/// asks for the next round at once, an empty one ends the catch-up (so a
/// backlog of forms never holds up a round's mail for long).
async fn the_catch_up_goes_in_slices<S: Store>(store: S) {
    let (id, _) = closed(&store).await;
    let job = klacht_jobs::DossierJob::new(
        Letterhead::new("Focus"),
        WorkingCalendar::netherlands_default(),
        2,
    )
    .in_slices(1);
    let now = klacht_clock::test_now();
    let first = job.run(&store, now).await.expect("round");
    assert_eq!((first.filed, first.more_due), (1, true), "{first:?}");
    assert!(store.dossier_entry(id).await.expect("entry").is_some());
    let second = job.run(&store, now).await.expect("round");
    assert_eq!((second.filed, second.more_due), (0, false), "{second:?}");
}

/// With the catch-up switched off (`KLACHT_DOSSIER_CATCH_UP=uit`, after an
/// import) the rounds leave a complaint closed weeks ago to `klacht
/// dossier`, while the same round with the catch-up on files it.
async fn without_catch_up_the_backlog_waits<S: Store>(store: S) {
    let (id, _) = closed(&store).await;
    let job = || {
        klacht_jobs::DossierJob::new(
            Letterhead::new("Focus"),
            WorkingCalendar::netherlands_default(),
            2,
        )
    };
    let weeks_later = klacht_clock::test_now()
        .checked_add(jiff::SignedDuration::from_hours(30 * 24))
        .expect("in range");
    let paused = job()
        .without_catch_up()
        .run(&store, weeks_later)
        .await
        .expect("round");
    assert_eq!((paused.filed, paused.more_due), (0, false), "{paused:?}");
    assert!(store.dossier_entry(id).await.expect("entry").is_none());
    let on = job().run(&store, weeks_later).await.expect("round");
    assert_eq!(on.filed, 1, "{on:?}");
    assert!(store.dossier_entry(id).await.expect("entry").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_without_catch_up_the_backlog_waits() {
    let db = SqliteTestDb::new();
    without_catch_up_the_backlog_waits(db.store().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_without_catch_up_the_backlog_waits() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    without_catch_up_the_backlog_waits(db.store().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_catch_up_goes_in_slices() {
    let db = SqliteTestDb::new();
    the_catch_up_goes_in_slices(db.store().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_catch_up_goes_in_slices() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    the_catch_up_goes_in_slices(db.store().await).await;
}

/// Issue 16: a filed complaint reopened and closed again keeps its first
/// filing exactly as filed; both filings verify with `klacht verify`, and
/// a change to the sealed first filing is still found.
async fn a_reopened_complaint_keeps_its_first_filing_and_both_verify<S: Store>(
    store: S,
    url: &str,
) {
    use klacht_domain::complaint::{Reopening, ReopeningKind};
    use klacht_store::{DossierDocument, sha256_hex};
    let (id, reference) = closed_and_filed(&store).await;
    let first = store
        .dossier_entry(id)
        .await
        .expect("entry")
        .expect("filed");
    assert_eq!(first.round, 1);
    let first_pdf = store
        .dossier_document(id, DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("stored");

    let cal = WorkingCalendar::netherlands_default();
    let notifier = Notifier::disabled();
    let kees = user(&store, "kees@focus.example", Role::QualityManager, None).await;
    let today = cal.local_date(klacht_clock::test_now());
    let letterhead = Letterhead::new("Focus");
    let steps: Vec<Command> = vec![
        Command::Reopen(Reopening {
            kind: ReopeningKind::ExternalRuling,
            reason: "De geschillencommissie acht de klacht gegrond.".into(),
        }),
        Command::RecordContact(Contact {
            date: today,
            mode: ContactMode::Telephone,
            summary: "Uitspraak besproken.".into(),
        }),
        Command::DecideMerit(MeritDecision {
            merit: Merit::Founded,
            reasoning: "Volgens de uitspraak.".into(),
        }),
        Command::MakeOffer(Offer {
            kind: OfferKind::Compensation,
            description: "Vergoeding volgens de uitspraak.".into(),
            value_cents: Some(15_000),
            director_consulted: false,
            made_on: today,
            letter_text: None,
        }),
        Command::SendForm,
        Command::Close(Closing {
            note: Some("Tweede ronde afgerond.".into()),
        }),
    ];
    for cmd in steps {
        complaints::act(
            &complaints::Context::new(&store, &cal, &notifier, klacht_clock::test_now())
                .filing_with(&letterhead),
            id,
            &kees,
            cmd,
            None,
        )
        .await
        .expect("step succeeds");
    }
    let second = store
        .dossier_entry(id)
        .await
        .expect("entry")
        .expect("filed again on the second closing");
    assert_eq!(second.round, 2);
    assert!(second.sealed_seq > first.sealed_seq);
    assert_ne!(second.pdf_sha256, first.pdf_sha256);
    let earlier = store.earlier_filings(id).await.expect("earlier");
    assert_eq!(earlier.len(), 1);
    let e = &earlier[0];
    assert_eq!(
        (
            e.round,
            e.sealed_seq,
            &e.pdf_sha256,
            &e.record_sha256,
            &e.chain_head
        ),
        (
            1,
            first.sealed_seq,
            &first.pdf_sha256,
            &first.record_sha256,
            &first.chain_head
        ),
        "the first filing is kept as it was"
    );
    let kept = store
        .earlier_filing_document(id, 1, DossierDocument::Pdf)
        .await
        .expect("pdf")
        .expect("kept");
    assert_eq!(kept, first_pdf);
    assert_eq!(sha256_hex(&kept), first.pdf_sha256);

    let run = klacht(url, &["verify"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("In orde"), "{}", run.stdout);

    // An intruder swaps the sealed first filing's PDF for the second's.
    let changed = intrude(
        url,
        "UPDATE dossier_rounds SET pdf = (SELECT pdf FROM dossier WHERE complaint_id = $1) \
         WHERE complaint_id = $1 AND round = 1",
        id,
    )
    .await;
    assert_eq!(changed, 1);
    let run = klacht(url, &["verify"]);
    assert!(
        !run.ok,
        "a changed first filing fails verify:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains(&reference), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("behandelronde 1: het opgeborgen PDF-formulier wijkt af van zijn SHA-256"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_reopened_complaint_keeps_its_first_filing() {
    let db = SqliteTestDb::new();
    a_reopened_complaint_keeps_its_first_filing_and_both_verify(db.store().await, &db.url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_reopened_complaint_keeps_its_first_filing() {
    let Some(db) = PgTestDb::new().await else {
        return;
    };
    a_reopened_complaint_keeps_its_first_filing_and_both_verify(db.store().await, &db.url).await;
}
