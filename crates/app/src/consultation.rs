//! Consulting the director (regulation step 3: the offer is made
//! "eventueel na overleg met de algemeen directeur") as a closed loop: the
//! question reaches the director by mail and on her start page
//! ([`open_for_director`]); her advice reaches whoever asked and the
//! afhandelaar by mail. Both are events written through
//! [`crate::complaints::act`]; the mail is composed here and queued in the
//! same transaction ([`Notifier::consultation_mail`]).

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Complaint, Event, Kind, Recorded};
use klacht_domain::{ComplaintId, ReferenceNumber, UserId};
use klacht_mail::Address;
use klacht_mail::director_advice::DirectorAdvice;
use klacht_mail::director_question::DirectorQuestion;
use klacht_store::{NewOutboxMessage, Store, StoreError, UserRecord};

use crate::complaints::{self, ServiceError};
use crate::notify::{Notifier, for_staff, queue};

/// A question waiting for the director's advice, as her start page lists
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenConsultation {
    pub complaint_id: ComplaintId,
    pub reference: ReferenceNumber,
    pub complainant: String,
    /// The consultation's number on the complaint (the key to answer it).
    pub number: u32,
    pub question: String,
    /// Who asked, and when.
    pub asked_by: Option<UserId>,
    pub asked_at: Timestamp,
    /// The last day of step 3 (the offer): how urgent the answer is.
    pub offer_due: Date,
}

/// The questions still waiting for `director`'s advice on open complaints,
/// most urgent (earliest offer term) first, then oldest question first.
pub async fn open_for_director<S: Store>(
    store: &S,
    calendar: &WorkingCalendar,
    director: UserId,
) -> Result<Vec<OpenConsultation>, ServiceError> {
    let rows = store
        .open_complaints_with_event("director_consulted", &director.to_string())
        .await?;
    let mut open = Vec::new();
    for row in rows {
        let c = complaints::load(store, row.id).await?;
        if c.kind() != Kind::Complaint || c.is_closed() {
            continue;
        }
        // The current round's: a reopened complaint counts from its reopening.
        let offer_due = c.terms(calendar).offer;
        open.extend(
            c.open_consultations_for(director)
                .map(|r| OpenConsultation {
                    complaint_id: c.id(),
                    reference: c.reference(),
                    complainant: c.complainant().name().to_owned(),
                    number: r.number(),
                    question: r.question.value.question.clone(),
                    asked_by: r.question.by.user(),
                    asked_at: r.question.at,
                    offer_due,
                }),
        );
    }
    open.sort_by_key(|o| (o.offer_due, o.asked_at, o.number));
    Ok(open)
}

fn address(u: &UserRecord) -> Vec<Address> {
    vec![Address::new(u.user.name.clone(), u.user.email.to_string())]
}

impl Notifier {
    /// The mail of consultation events among `new`, just applied to `c`:
    /// the question to the director asked, the advice to whoever asked and
    /// to the afhandelaar (not to the director who gave it). Inactive
    /// accounts get nothing.
    pub(crate) async fn consultation_mail<S: Store>(
        &self,
        store: &S,
        c: &Complaint,
        new: &[Recorded],
        calendar: &WorkingCalendar,
        at: Timestamp,
    ) -> Result<Vec<NewOutboxMessage>, StoreError> {
        let Some(ctx) = self.context() else {
            return Ok(Vec::new());
        };
        let active = |id: Option<UserId>| async move {
            Ok::<_, StoreError>(match id {
                Some(id) => store.user_by_id(id).await?.filter(|u| u.active),
                None => None,
            })
        };
        let mut out = Vec::new();
        for r in new {
            match &r.event {
                Event::DirectorConsulted(x) => {
                    let Some(director) = active(Some(x.director)).await? else {
                        continue;
                    };
                    let own = for_staff(ctx, &director);
                    let asked_by = match active(r.actor.user()).await? {
                        Some(u) => u.user.name,
                        None => own.t.t("mail-someone-handler"),
                    };
                    let terms = c.terms(calendar);
                    let mail = DirectorQuestion {
                        reference: c.reference().to_string(),
                        complaint_id: c.id().to_string(),
                        director_name: director.user.name.clone(),
                        asked_by,
                        question: x.question.clone(),
                        complainant: c.complainant().name().to_owned(),
                        service: c.service().map(str::to_owned),
                        summary: c.description().to_owned(),
                        offer_due: own.t.long_date(terms.offer),
                    };
                    let key = format!("consulted:{}:{}", c.id(), r.seq);
                    out.extend(queue(&own, &mail, address(&director), c, key, at));
                }
                Event::DirectorAdvised(x) => {
                    let Some(record) = c.consultation(x.number) else {
                        continue;
                    };
                    let director_name = store
                        .user_by_id(record.director())
                        .await?
                        .map(|u| u.user.name);
                    let mut recipients: Vec<UserId> = Vec::new();
                    for id in [record.question.by.user(), c.handler()]
                        .into_iter()
                        .flatten()
                    {
                        if Some(id) != r.actor.user() && !recipients.contains(&id) {
                            recipients.push(id);
                        }
                    }
                    for id in recipients {
                        let Some(to) = active(Some(id)).await? else {
                            continue;
                        };
                        let own = for_staff(ctx, &to);
                        let mail = DirectorAdvice {
                            reference: c.reference().to_string(),
                            complaint_id: c.id().to_string(),
                            recipient_name: to.user.name.clone(),
                            director_name: director_name
                                .clone()
                                .unwrap_or_else(|| own.t.t("mail-someone-director")),
                            question: record.question.value.question.clone(),
                            advice: x.advice.clone(),
                        };
                        let key = format!("advised:{}:{}:{id}", c.id(), r.seq);
                        out.extend(queue(&own, &mail, address(&to), c, key, at));
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }
}
