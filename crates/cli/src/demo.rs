//! `klacht demo`: a demo organisation (Focus) with about 40 complaints and
//! signals over the last six months, in every state and some overdue.
//!
//! Every step goes through the domain's `decide`, exactly as the web app
//! will do it, so the demo history obeys the regulation's rules. Loading is
//! idempotent: people are created when missing and each demo complaint has
//! a fixed id.

use anyhow::Context;
use jiff::civil::Time;
use jiff::{Timestamp, ToSpan, Zoned};
use klacht_app::complaints::new_stream;
use klacht_app::password::hash_password;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{
    self, Actor, Channel, Closing, Command, ComplainantResponse, Complaint, CompletedAction,
    Contact, ContactMode, Conversion, Escalation, EscalationOutcome, EscalationParty, Event, Kind,
    Merit, MeritDecision, NewComplaint, Offer, OfferKind, Party, Recorded, Reopening,
    ReopeningKind, Satisfaction, WaivableStep, Waiver,
};
use klacht_domain::{ComplaintId, Email, User, UserId};
use klacht_store::{NewUser, Store};

mod bulk;
pub use bulk::load as load_many;
mod data;
mod improvement;
#[cfg(test)]
mod tests;

/// The password of every demo account (README).
pub const DEMO_PASSWORD: &str = "klacht-demo-2026";

use data::{CLEANING, COMPLAINANTS, COMPLAINTS, DEMO_ID_BASE, HOME_CARE, PEOPLE};

/// Loads the demo organisation with its complaints spread over the six
/// months before `now`.
pub async fn load<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    now: Timestamp,
) -> anyhow::Result<String> {
    let people = ensure_people(store, now).await?;
    ensure_services(store, &people, now).await?;
    let mut created = 0;
    for i in 0..COMPLAINTS {
        let id = ComplaintId::new(uuid::Uuid::from_u128(DEMO_ID_BASE + i as u128));
        if store.load_stream(id).await?.is_some() {
            continue;
        }
        let scenario = Scenario::new(i, &people, calendar, now);
        let year = scenario.received.year();
        store
            .create_complaint(year, |reference| {
                let history = scenario.play(id, reference, now)?;
                new_stream(id, &history, calendar).map_err(anyhow::Error::from)
            })
            .await?
            .with_context(|| format!("demoklacht {i} opbouwen"))?;
        created += 1;
    }
    let action = if improvement::ensure_action(store, calendar, &people, now).await? {
        " en een verbeteractie"
    } else {
        ""
    };
    Ok(format!(
        "Demo-organisatie Focus geladen: {} accounts (wachtwoord {DEMO_PASSWORD}), {created} nieuwe meldingen en klachten{action}.",
        people.len()
    ))
}

/// The services of the public form (`/klacht`), each routed to its team's
/// manager, when none are configured yet.
async fn ensure_services<S: Store>(
    store: &S,
    people: &[User],
    now: Timestamp,
) -> anyhow::Result<()> {
    if !store.public_services().await?.is_empty() {
        return Ok(());
    }
    for (service, manager) in [
        ("Thuiszorg", "margriet@focus.example"),
        ("Schoonmaak", "hans@focus.example"),
    ] {
        let manager = people.iter().find(|p| p.email.as_str() == manager);
        let audit = klacht_store::AuditEntry {
            id: uuid::Uuid::now_v7(),
            at: now,
            actor: None,
            actor_name: "klacht demo".into(),
            kind: "service.added".into(),
            subject: service.into(),
            details: format!("Dienst '{service}' toegevoegd aan het klachtformulier (demo)."),
        };
        let change = klacht_store::PublicServiceChange::Add {
            id: uuid::Uuid::now_v7(),
            name: service.into(),
            manager: manager.map(|m| m.id),
        };
        store.change_public_service(&change, &audit).await?;
    }
    Ok(())
}

async fn ensure_people<S: Store>(store: &S, now: Timestamp) -> anyhow::Result<Vec<User>> {
    let mut people: Vec<User> = Vec::new();
    for (email, name, role, manager) in PEOPLE {
        let email = Email::parse(email)?;
        if let Some(existing) = store.user_by_email(&email).await? {
            people.push(existing.user);
            continue;
        }
        let manager = manager
            .and_then(|m| people.iter().find(|p| p.email.as_str() == m))
            .map(|p| p.id);
        let user = NewUser {
            id: UserId::new(uuid::Uuid::now_v7()),
            email: email.clone(),
            name: name.into(),
            role,
            manager,
            password_hash: Some(hash_password(DEMO_PASSWORD.into()).await?),
            created_at: now,
        };
        store.create_user(user.clone()).await?;
        people.push(User {
            id: user.id,
            email,
            name: user.name,
            role,
            manager,
        });
    }
    Ok(people)
}

/// One demo complaint: who, when, and how far its handling got.
struct Scenario {
    index: usize,
    received: Zoned,
    kind: Kind,
    channel: Channel,
    receiver: User,
    involved: User,
    manager: User,
    handler: User,
    quality: User,
    director: User,
    service: &'static str,
    description: &'static str,
    category: &'static str,
    complainant: &'static str,
    /// How many steps after registration to play at most: fewer leave the
    /// complaint open (and overdue once its terms pass).
    steps: usize,
    /// Whether the handler later corrects the record of the conversation.
    correct_contact: bool,
    /// Whether the complaint is reopened a week after closing.
    reopen: bool,
}

/// A receipt on `date`, or the working day before, at a time of day
/// picked by `i`; never after `now`.
fn received_on(
    i: usize,
    mut date: jiff::civil::Date,
    calendar: &WorkingCalendar,
    now: Timestamp,
) -> Zoned {
    let floor = date.saturating_sub(10.days());
    while !calendar.is_working_day(date) && date > floor {
        date = date.saturating_sub(1.day());
    }
    let minutes = (i * 37 % 420) as i64;
    let time = Time::constant(8, 30, 0, 0).saturating_add(minutes.minutes());
    let received = date
        .to_datetime(time)
        .to_zoned(calendar.time_zone().clone())
        .unwrap_or_else(|_| now.to_zoned(calendar.time_zone().clone()));
    if received.timestamp() > now {
        (now - 20.minutes()).to_zoned(calendar.time_zone().clone())
    } else {
        received
    }
}

impl Scenario {
    fn new(i: usize, people: &[User], calendar: &WorkingCalendar, now: Timestamp) -> Self {
        let by = |email: &str| {
            people
                .iter()
                .find(|p| p.email.as_str() == email)
                .cloned()
                .unwrap_or_else(|| people[0].clone())
        };
        let (manager, team, texts) = if i.is_multiple_of(2) {
            (
                by("margriet@focus.example"),
                ["piet", "fatima", "joost"],
                &HOME_CARE,
            )
        } else {
            (
                by("hans@focus.example"),
                ["anouk", "daan", "lotte"],
                &CLEANING,
            )
        };
        let members: Vec<User> = team
            .iter()
            .map(|m| by(&format!("{m}@focus.example")))
            .collect();
        // Spread over the last six months, denser towards today.
        let days_ago = (i * i / 20 + i * 5 / 2) as i64;
        let today = calendar.local_date(now);
        let date = today.saturating_sub(days_ago.days());
        let received = received_on(i, date, calendar, now);
        let (quality, director) = (by("sanne@focus.example"), by("ellen@focus.example"));
        Self::in_team(i, received, manager, &members, texts, quality, director)
    }

    /// Complaint `i` of a team (`members`, never empty) received at
    /// `received`; the bulk load (`bulk.rs`) plays its histories too.
    fn in_team(
        i: usize,
        received: Zoned,
        manager: User,
        members: &[User],
        texts: &'static [(&'static str, &'static str, &'static str)],
        quality: User,
        director: User,
    ) -> Self {
        let member = |k: usize| members[k % members.len()].clone();
        let (service, description, category) = texts[i / 2 % texts.len()];
        // Every third complaint is handled by a team member instead of the
        // manager: never the one who delivered the service.
        let handler = if i % 3 == 1 {
            member(i + 2)
        } else {
            manager.clone()
        };
        Scenario {
            index: i,
            received,
            kind: if i % 7 == 3 {
                Kind::Signal
            } else {
                Kind::Complaint
            },
            channel: [
                Channel::Phone,
                Channel::Desk,
                Channel::Email,
                Channel::Letter,
                Channel::Phone,
            ][i % 5],
            receiver: member(i),
            involved: member(i + 1),
            manager,
            handler,
            quality,
            director,
            service,
            description,
            category,
            complainant: COMPLAINANTS[i % COMPLAINANTS.len()],
            steps: usize::MAX,
            correct_contact: false,
            reopen: false,
        }
    }

    /// Plays the complaint's history up to `now` through the domain.
    fn play(
        &self,
        id: ComplaintId,
        reference: klacht_domain::ReferenceNumber,
        now: Timestamp,
    ) -> anyhow::Result<Vec<Recorded>> {
        let i = self.index;
        let start = self.received.timestamp();
        let new = NewComplaint {
            kind: self.kind,
            channel: self.channel,
            received_at: self.received.clone(),
            complainant: Party::new(
                self.complainant,
                Email::parse(&format!("klant{i}@voorbeeld.example")).ok(),
                Some("06-12345678"),
                None,
            )?,
            representative: None,
            service: Some(self.service.into()),
            involved_employees: vec![self.involved.id],
            description: self.description.into(),
            category: Some(self.category.into()),
            cause: improvement::cause_of(self.category, i),
        };
        let events = complaint::register(new, reference, &self.receiver, start)?;
        let history = Recorded::stamp(0, Actor::User(self.receiver.id), start, events);
        let c = Complaint::replay(id, &history)?;

        // Late complaints take longer over every step.
        let late = i % 5 == 4;
        let stalled = i % 9 == 5 && i < 14;
        let at = |hours: i64| start + hours.hours();
        let mut p = Play {
            c,
            history,
            now,
            steps: self.steps,
        };
        let day = |t: Timestamp| t.to_zoned(self.received.time_zone().clone()).date();

        if self.kind == Kind::Signal {
            // Some signals turn out to be complaints after all.
            if i % 14 != 3
                || !p.step(
                    Command::ConvertToComplaint(Conversion {
                        reason: "De klager belde terug: het probleem is niet opgelost.".into(),
                    }),
                    &self.manager,
                    at(26),
                )?
            {
                return Ok(p.history);
            }
        }
        // Two recent complaints still wait for their manager.
        if i == 0 || i == 4 {
            return Ok(p.history);
        }
        if !p.step(
            Command::AssignHandler {
                handler: self.handler.clone(),
            },
            &self.manager,
            at(2),
        )? {
            return Ok(p.history);
        }
        if i % 8 == 2 {
            p.step(
                Command::AddAssistant {
                    assistant: self.quality.clone(),
                },
                &self.manager,
                at(3),
            )?;
        }
        if stalled {
            return Ok(p.history);
        }
        let contact_at = at(if late { 100 } else { 22 });
        let contacted = if i % 13 == 6 {
            p.step(
                Command::WaiveStep(Waiver {
                    step: WaivableStep::Contact,
                    reason: "Klager na vijf pogingen (telefoon en e-mail) niet bereikbaar.".into(),
                }),
                &self.handler,
                contact_at,
            )?
        } else {
            p.step(
                Command::RecordContact(Contact {
                    date: day(contact_at),
                    mode: if i.is_multiple_of(3) {
                        ContactMode::FaceToFace
                    } else {
                        ContactMode::Telephone
                    },
                    summary:
                        "Klacht doorgesproken; klager wil vooral dat het niet opnieuw gebeurt."
                            .into(),
                }),
                &self.handler,
                contact_at,
            )?
        };
        if !contacted {
            return Ok(p.history);
        }
        if self.correct_contact && i % 13 != 6 {
            let of = p.c.version();
            p.step(
                Command::Correct {
                    of,
                    replacement: Event::ContactRecorded(Contact {
                        date: day(contact_at),
                        mode: ContactMode::Telephone,
                        summary: "Klacht doorgesproken; klager belt terug na overleg thuis.".into(),
                    }),
                    reason: "Verkeerde gespreksvorm en samenvatting genoteerd.".into(),
                },
                &self.handler,
                contact_at + 3.hours(),
            )?;
        }
        // And two stay stuck after the first conversation.
        if i == 9 || i == 16 {
            return Ok(p.history);
        }
        let offer_at = at(if late { 24 * 17 } else { 24 * 7 });
        let merit = [Merit::Founded, Merit::PartlyFounded, Merit::Unfounded][i % 3];
        if !p.step(
            Command::DecideMerit(MeritDecision {
                merit,
                reasoning: "Getoetst aan de zorg- en dienstverleningsovereenkomst en het rooster."
                    .into(),
            }),
            &self.handler,
            offer_at,
        )? {
            return Ok(p.history);
        }
        let (kind, value) = match merit {
            Merit::Founded => (OfferKind::Compensation, Some(2500 + (i as u64 % 4) * 1000)),
            Merit::PartlyFounded => (OfferKind::ExtraService, None),
            Merit::Unfounded => (OfferKind::None, None),
        };
        p.step(
            Command::MakeOffer(Offer {
                kind,
                description: match kind {
                    OfferKind::Compensation => "Creditering van de gemiste uren.".into(),
                    OfferKind::ExtraService => "Een extra bezoek deze maand zonder kosten.".into(),
                    _ => "Uitleg gegeven over de afspraken; geen aanbod.".into(),
                },
                value_cents: value,
                director_consulted: value.is_some_and(|v| v >= 4000),
                made_on: day(offer_at),
                letter_text: None,
            }),
            &self.handler,
            offer_at,
        )?;
        let escalate = i % 11 == 7;
        p.step(
            Command::RecordResponse(ComplainantResponse {
                accepted: Some(!escalate),
                satisfaction: Some(Satisfaction::new(if escalate {
                    1
                } else {
                    3 + (i % 3) as u8
                })?),
                comment: Some(
                    if escalate {
                        "Niet tevreden met het aanbod."
                    } else {
                        "Fijn dat er snel is gebeld."
                    }
                    .into(),
                ),
            }),
            &self.handler,
            offer_at + 1.hour(),
        )?;
        p.step(
            Command::AgreeAction {
                description: "Vaste medewerker inplannen en klager na vier weken bellen.".into(),
                due: Some(day(offer_at + (24 * 7).hours())),
                owner: Some(self.handler.id),
            },
            &self.handler,
            offer_at + 2.hours(),
        )?;
        // What was agreed is carried out before the form can be filed.
        if !p.step(
            Command::CompleteAction(CompletedAction {
                number: 1,
                note: Some("Vaste medewerker ingepland; klager tevreden over de opvolging.".into()),
            }),
            &self.handler,
            offer_at + (24 * 5).hours(),
        )? {
            return Ok(p.history);
        }
        if escalate {
            if !p.step(
                Command::Escalate(Escalation {
                    party: EscalationParty::ComplaintsCommittee,
                    on: day(offer_at + 72.hours()),
                    note: Some("Klager heeft de klachtencommissie ingeschakeld.".into()),
                }),
                &self.director,
                offer_at + 72.hours(),
            )? {
                return Ok(p.history);
            }
            let outcome_at = offer_at + (24 * 30).hours();
            if !p.step(
                Command::RecordEscalationOutcome(EscalationOutcome {
                    outcome: "De commissie acht de klacht deels gegrond; aanbod aangevuld.".into(),
                    on: day(outcome_at),
                    resolved: true,
                }),
                &self.director,
                outcome_at,
            )? {
                return Ok(p.history);
            }
        }
        let record_at = at(if late { 24 * 25 } else { 24 * 13 }).max(p.last_at());
        if !p.step(Command::SendForm, &self.handler, record_at)? {
            return Ok(p.history);
        }
        // One form stays with the quality manager: sent, not yet closed.
        // Closing four days after sending would leave none on the days
        // this one's receipt (16 days back) moves back to a working day,
        // such as every Tuesday.
        if i == 6 {
            return Ok(p.history);
        }
        let closed = p.step(
            Command::Close(Closing {
                note: Some("Formulier opgeborgen in het klachtendossier.".into()),
            }),
            &self.quality,
            record_at + (24 * 4).hours(),
        )?;
        // One escalated complaint is reopened a week after closing: the
        // committee's written ruling asks for more (issue 16). Its new
        // round waits for the conversation.
        if closed && (i == 18 || self.reopen) {
            p.step(
                Command::Reopen(Reopening {
                    kind: ReopeningKind::ExternalRuling,
                    reason: "De schriftelijke uitspraak van de klachtencommissie vraagt om een \
                             nieuw aanbod."
                        .into(),
                }),
                &self.quality,
                record_at + (24 * 11).hours(),
            )?;
        }
        Ok(p.history)
    }
}

/// A history being played forward through `decide`, never past `now`.
struct Play {
    c: Complaint,
    history: Vec<Recorded>,
    now: Timestamp,
    /// Steps still allowed.
    steps: usize,
}

impl Play {
    /// Does `cmd` at `when`; false when `when` is still in the future.
    fn step(&mut self, cmd: Command, actor: &User, when: Timestamp) -> anyhow::Result<bool> {
        if when > self.now || self.steps == 0 {
            return Ok(false);
        }
        self.steps -= 1;
        let events = self.c.decide(cmd, actor, when)?;
        let recorded = Recorded::stamp(self.c.version(), Actor::User(actor.id), when, events);
        for r in &recorded {
            self.c.apply(r)?;
        }
        self.history.extend(recorded);
        Ok(true)
    }

    fn last_at(&self) -> Timestamp {
        self.history.last().map_or(Timestamp::UNIX_EPOCH, |r| r.at)
    }
}
