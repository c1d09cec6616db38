//! `klacht demo --complaints N`: the demo organisation grown to a large
//! one (issue 14 §1). Eight teams, one of them large, and N complaints and
//! signals spread over the five years before now, each played through the
//! domain's `decide` like the small demo (every state and step, corrected
//! conversations, agreed actions, escalations, reopenings; about one in
//! fifty left standing at some step, so overdue). The streams go to the
//! store's bulk path: the same rows, events and seals as an intake, many
//! complaints per transaction.

use std::sync::Arc;
use std::time::Instant;

use jiff::{Timestamp, ToSpan};
use klacht_app::complaints::new_stream;
use klacht_app::documents::Letterhead;
use klacht_app::dossier;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::{ComplaintId, Email, ReferenceNumber, Role, User, UserId};
use klacht_store::{NewStream, NewUser, Store};

use super::Scenario;
use super::data::{CLEANING, HOME_CARE};

/// Complaints per transaction: big enough that commits (and their fsync)
/// cost nothing, small enough to keep memory flat.
const BATCH: usize = 10_000;

/// Closed complaints of these last days are filed in the dossier.
const FILED_DAYS: i64 = 3;

/// The extra teams: (key, manager's name, team size, what they do). The
/// first is the large team of `/klachten` for a manager.
const TEAMS: [(&str, &str, usize, Texts); 6] = [
    ("noord", "Karin Dekker", 40, &HOME_CARE),
    ("zuid", "Rob Hendriks", 12, &HOME_CARE),
    ("oost", "Esther Kok", 10, &CLEANING),
    ("west", "Mehmet Yilmaz", 8, &HOME_CARE),
    ("dag", "Ingrid Peters", 6, &CLEANING),
    ("maaltijd", "Wim de Graaf", 5, &CLEANING),
];

type Texts = &'static [(&'static str, &'static str, &'static str)];

const FIRST_NAMES: [&str; 12] = [
    "Anna", "Bram", "Chantal", "Dirk", "Eva", "Femke", "Gerrit", "Hanneke", "Ivo", "Jasmijn",
    "Kees", "Lieke",
];
const LAST_NAMES: [&str; 9] = [
    "van Dijk", "Vos", "de Jong", "Koster", "Brouwer", "Prins", "Willems", "Huisman", "Schouten",
];

/// A team as the scenarios need it.
#[derive(Clone)]
struct Team {
    manager: User,
    members: Vec<User>,
    texts: Texts,
    /// Share of the complaints, in parts of the sum of all weights.
    weight: usize,
}

/// Everything a batch of scenarios is played from; shared with the
/// blocking threads that play them.
struct Org {
    teams: Vec<Team>,
    /// Team index per slot of `sum(weight)`.
    slots: Vec<usize>,
    quality: User,
    director: User,
    calendar: WorkingCalendar,
    now: Timestamp,
    first: Timestamp,
    count: usize,
}

impl Org {
    /// The receipt of complaint `i`: evenly over the five years before
    /// `now`, in order of `i`.
    fn received(&self, i: usize) -> jiff::Zoned {
        let span = self.now.as_second() - self.first.as_second();
        let offset = (span as i128 * i as i128 / self.count.max(1) as i128) as i64;
        let at = self.first + offset.seconds();
        let date = self.calendar.local_date(at);
        super::received_on(i, date, &self.calendar, self.now)
    }

    fn scenario(&self, i: usize) -> Scenario {
        let team = &self.teams[self.slots[i % self.slots.len()]];
        let mut s = Scenario::in_team(
            i + super::data::COMPLAINTS,
            self.received(i),
            team.manager.clone(),
            &team.members,
            team.texts,
            self.quality.clone(),
            self.director.clone(),
        );
        // One in fifty stops at a step of its own (0 to 8 steps played):
        // open, and overdue once its terms have passed.
        if i % 50 == 7 {
            s.steps = i / 50 % 9;
        }
        s.correct_contact = i % 10 == 3;
        s.reopen = i % 97 == 5;
        s
    }

    /// The streams of complaints `range`, numbered from `numbers`.
    fn play(
        &self,
        range: std::ops::Range<usize>,
        numbers: &[ReferenceNumber],
    ) -> anyhow::Result<Vec<NewStream>> {
        range
            .map(|i| {
                let s = self.scenario(i);
                let id = stream_id(s.received.timestamp(), i);
                let history = s.play(id, numbers[i], self.now)?;
                Ok(new_stream(id, &history, &self.calendar)?)
            })
            .collect()
    }
}

/// A version-7 id from the receipt, so that ids (and the primary key's
/// index) grow with time like those of real intakes; `i` keeps it unique.
fn stream_id(received: Timestamp, i: usize) -> ComplaintId {
    let millis = u64::try_from(received.as_millisecond()).unwrap_or(0);
    let mut tail = [0u8; 10];
    tail[2..].copy_from_slice(&(i as u64).to_be_bytes());
    ComplaintId::new(uuid::Builder::from_unix_timestamp_millis(millis, &tail).into_uuid())
}

/// Loads the demo organisation, its extra teams and `count` complaints
/// more. Adds none when the database holds that many already.
pub async fn load<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    letterhead: &Letterhead,
    now: Timestamp,
    count: usize,
) -> anyhow::Result<String> {
    let demo = super::load(store, calendar, now).await?;
    let existing = store.count_complaints().await?;
    if existing >= (count + super::data::COMPLAINTS) as u64 {
        return Ok(format!(
            "{demo}\nDe database heeft al {existing} meldingen en klachten; niets toegevoegd."
        ));
    }
    let people = super::ensure_people(store, now).await?;
    let by = |email: &str| people.iter().find(|p| p.email.as_str() == email).cloned();
    let (Some(quality), Some(director), Some(margriet), Some(hans)) = (
        by("sanne@focus.example"),
        by("ellen@focus.example"),
        by("margriet@focus.example"),
        by("hans@focus.example"),
    ) else {
        anyhow::bail!("de demo-organisatie mist haar kwaliteitsmanager, directeur of managers");
    };
    let team_of = |names: [&str; 3]| -> Vec<User> {
        names
            .iter()
            .filter_map(|n| by(&format!("{n}@focus.example")))
            .collect()
    };
    let mut teams = vec![
        Team {
            members: team_of(["piet", "fatima", "joost"]),
            manager: margriet.clone(),
            texts: &HOME_CARE,
            weight: 2,
        },
        Team {
            members: team_of(["anouk", "daan", "lotte"]),
            manager: hans.clone(),
            texts: &CLEANING,
            weight: 2,
        },
    ];
    teams.extend(ensure_teams(store, &director, now).await?);
    let slots = teams
        .iter()
        .enumerate()
        .flat_map(|(t, team)| std::iter::repeat_n(t, team.weight))
        .collect();
    let org = Arc::new(Org {
        teams,
        slots,
        quality,
        director,
        calendar: calendar.clone(),
        now,
        first: now - (5 * 365 * 24).hours(),
        count,
    });

    // Reference numbers per year of receipt, handed out at once.
    let started = Instant::now();
    let mut per_year: std::collections::BTreeMap<i16, Vec<usize>> = Default::default();
    for i in 0..count {
        per_year.entry(org.received(i).year()).or_default().push(i);
    }
    let mut numbers = vec![None; count];
    for (year, members) in &per_year {
        let n = u32::try_from(members.len())?;
        let first = store.reserve_references(*year, n).await?;
        for (k, i) in members.iter().enumerate() {
            numbers[*i] = Some(ReferenceNumber::new(*year, first + k as u32)?);
        }
    }
    let numbers: Arc<Vec<ReferenceNumber>> = Arc::new(
        numbers
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| anyhow::anyhow!("niet elke klacht kreeg een nummer"))?,
    );

    // Each batch is played on a blocking thread while the previous one is
    // written: the two cores both work.
    let play = |start: usize| {
        let (org, numbers) = (org.clone(), numbers.clone());
        tokio::task::spawn_blocking(move || org.play(start..(start + BATCH).min(count), &numbers))
    };
    let mut next = Some(play(0));
    let mut start = 0;
    let mut events = 0usize;
    while let Some(playing) = next.take() {
        let streams = playing.await??;
        start += BATCH;
        if start < count {
            next = Some(play(start));
        }
        events += streams.iter().map(|s| s.events.len()).sum::<usize>();
        store.import_streams(&streams).await?;
        tracing::info!(
            written = start.min(count),
            of = count,
            seconds = started.elapsed().as_secs(),
            "klachten geladen"
        );
    }
    store.refresh_statistics().await?;
    let loaded = started.elapsed().as_secs();
    // The last weeks' closed complaints go into the dossier as closing
    // files them (a PDF each); older ones are as an import leaves them,
    // for the dossier's rounds to catch up.
    let filing = Instant::now();
    let filed = dossier::file_pending(
        store,
        letterhead,
        calendar,
        Some(now - (FILED_DAYS * 24).hours()),
        10_000,
        now,
    )
    .await?;
    // The dossier was empty when the statistics were gathered above: the
    // planner then joined all of a year's dossier with the complaints for
    // a search of 51 rows (23 ms instead of 2.5 ms at a million), and
    // autovacuum, busy with the large tables, did not analyse it within
    // the hour.
    store.refresh_statistics().await?;
    Ok(format!(
        "{demo}\n{count} meldingen en klachten over vijf jaar geladen ({events} gebeurtenissen, {} teams) in {loaded} s; \
         {} afgesloten in de laatste {FILED_DAYS} dagen opgeborgen in het klachtendossier in {} s.",
        org.teams.len(),
        filed.filed.len(),
        filing.elapsed().as_secs()
    ))
}

/// The extra teams, their managers under the director; created when
/// missing, all with the demo password (hashed once).
async fn ensure_teams<S: Store>(
    store: &S,
    director: &User,
    now: Timestamp,
) -> anyhow::Result<Vec<Team>> {
    let hash = klacht_app::password::hash_password(super::DEMO_PASSWORD.into()).await?;
    let mut teams = Vec::new();
    for (t, (key, manager_name, size, texts)) in TEAMS.iter().enumerate() {
        let manager = ensure_user(
            store,
            &hash,
            now,
            format!("manager.{key}@focus.example"),
            (*manager_name).into(),
            Role::Manager,
            Some(director.id),
        )
        .await?;
        let mut members = Vec::new();
        for m in 0..*size {
            let k = t * 7 + m;
            let name = format!(
                "{} {}",
                FIRST_NAMES[k % FIRST_NAMES.len()],
                LAST_NAMES[(k / FIRST_NAMES.len() + m) % LAST_NAMES.len()]
            );
            members.push(
                ensure_user(
                    store,
                    &hash,
                    now,
                    format!("{key}{:02}@focus.example", m + 1),
                    name,
                    Role::Employee,
                    Some(manager.id),
                )
                .await?,
            );
        }
        teams.push(Team {
            manager,
            members,
            texts,
            weight: size.div_ceil(4),
        });
    }
    Ok(teams)
}

async fn ensure_user<S: Store>(
    store: &S,
    hash: &str,
    now: Timestamp,
    email: String,
    name: String,
    role: Role,
    manager: Option<UserId>,
) -> anyhow::Result<User> {
    let email = Email::parse(&email)?;
    if let Some(existing) = store.user_by_email(&email).await? {
        return Ok(existing.user);
    }
    let user = NewUser {
        id: UserId::new(uuid::Uuid::now_v7()),
        email: email.clone(),
        name,
        role,
        manager,
        password_hash: Some(hash.to_owned()),
        created_at: now,
    };
    store.create_user(user.clone()).await?;
    Ok(User {
        id: user.id,
        email,
        name: user.name,
        role,
        manager,
    })
}
